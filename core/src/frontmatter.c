/* folio — YAML front matter through libyaml's event parser.
 *
 * The front matter is the block between a first line "---" and the next line
 * "---" or "..."; md4c never sees it. Known keys fill the document's metadata
 * (a {name, handler} table below); any other key is kept as text with
 * folio_doc_set_extra. Errors name the line and column in the whole input:
 * libyaml counts from the YAML's first line, which is line 2 of the input.
 *
 * Event ownership: whoever calls next_event() deletes that event, except that
 * a handler receives its key and value events borrowed from parse_mapping(),
 * which deletes them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "doc_private.h"
#include "frontmatter_private.h"

typedef struct fm_ctx {
	yaml_parser_t parser;
	folio_doc *doc;
	const char *yaml; /* the YAML text inside the input (not owned) */
	size_t yaml_len;
	unsigned first_line; /* input line of the YAML's first line */
	const folio_import_options *opts;
	folio_error *err;
	unsigned depth;   /* open sequences and mappings */
	folio_node *refs; /* REFERENCES built from "references", or NULL */
	/* libyaml marks count characters; this remembers the last mark turned
	 * into a byte offset so that forward walks stay linear. */
	size_t cache_line, cache_col, cache_byte;
} fm_ctx;

typedef struct fm_key fm_key;
typedef folio_status (*fm_handler)(fm_ctx *c, const fm_key *k, const yaml_event_t *key,
                                   yaml_event_t *value);
struct fm_key {
	const char *name;
	fm_handler handle;
	folio_meta_field field; /* for the plain text fields */
};

/* ---- places and errors ------------------------------------------------------ */

static unsigned mark_line(const fm_ctx *c, yaml_mark_t m)
{
	return c->first_line + (unsigned)m.line;
}

static unsigned mark_col(yaml_mark_t m)
{
	return (unsigned)m.column + 1;
}

static folio_status fm_fail(fm_ctx *c, yaml_mark_t m, folio_status code, const char *fmt, ...)
    FOLIO_PRINTF(4, 5);

static folio_status fm_fail(fm_ctx *c, yaml_mark_t m, folio_status code, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return folio_error_set(c->err, code, NULL, mark_line(c, m), mark_col(m), "%s", msg);
}

/* Gives an error raised by a model setter (which knows no place) the place of
 * the YAML value that caused it. */
static folio_status fm_place(fm_ctx *c, yaml_mark_t m, folio_status st)
{
	if (st != FOLIO_OK && c->err != NULL && c->err->line == 0) {
		c->err->line = mark_line(c, m);
		c->err->column = mark_col(m);
	}
	return st;
}

static void fm_explain(const fm_ctx *c, yaml_mark_t m, const char *text, const char *reason)
{
	if (c->opts->explain != NULL)
		c->opts->explain(c->opts->explain_userdata, mark_line(c, m), text, reason);
}

/* The byte offset in c->yaml of a mark (whose column counts characters). */
static size_t mark_offset(fm_ctx *c, yaml_mark_t m)
{
	if (m.line < c->cache_line || (m.line == c->cache_line && m.column < c->cache_col)) {
		c->cache_line = 0;
		c->cache_col = 0;
		c->cache_byte = 0;
	}
	size_t b = c->cache_byte;
	size_t line = c->cache_line;
	size_t col = c->cache_col;
	while (line < m.line && b < c->yaml_len) {
		if (c->yaml[b++] == '\n') {
			line++;
			col = 0;
		}
	}
	while (col < m.column && b < c->yaml_len && c->yaml[b] != '\n') {
		b++;
		while (b < c->yaml_len && ((unsigned char)c->yaml[b] & 0xC0) == 0x80)
			b++;
		col++;
	}
	c->cache_line = line;
	c->cache_col = col;
	c->cache_byte = b;
	return b;
}

/* ---- events ----------------------------------------------------------------- */

static folio_status yaml_failure(fm_ctx *c)
{
	const yaml_parser_t *p = &c->parser;
	if (p->error == YAML_MEMORY_ERROR)
		return folio_error_set(c->err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	const char *problem = p->problem ? p->problem : "malformed YAML";
	if (p->context != NULL)
		return fm_fail(c, p->problem_mark, FOLIO_ERR_SYNTAX,
		               "front matter: %s (%s that started on line %u)", problem, p->context,
		               mark_line(c, p->context_mark));
	return fm_fail(c, p->problem_mark, FOLIO_ERR_SYNTAX, "front matter: %s", problem);
}

/* The next event, with nesting bounded by opts->max_depth (libyaml itself has
 * no limit, and the front matter comes from the user). */
static folio_status next_event(fm_ctx *c, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&c->parser, ev))
		return yaml_failure(c);
	if (ev->type == YAML_NO_EVENT) /* past the end: never loop on it */
		return fm_fail(c, ev->start_mark, FOLIO_ERR_SYNTAX,
		               "front matter: unexpected end of the YAML");
	if (ev->type == YAML_SEQUENCE_START_EVENT || ev->type == YAML_MAPPING_START_EVENT) {
		if (++c->depth > c->opts->max_depth) {
			yaml_mark_t m = ev->start_mark;
			yaml_event_delete(ev);
			return fm_fail(c, m, FOLIO_ERR_LIMIT,
			               "front matter nests lists and maps deeper than %u levels",
			               c->opts->max_depth);
		}
	} else if (ev->type == YAML_SEQUENCE_END_EVENT || ev->type == YAML_MAPPING_END_EVENT) {
		c->depth--;
	}
	return FOLIO_OK;
}

static int is_start(const yaml_event_t *ev)
{
	return ev->type == YAML_SEQUENCE_START_EVENT || ev->type == YAML_MAPPING_START_EVENT;
}

static int is_end(const yaml_event_t *ev)
{
	return ev->type == YAML_SEQUENCE_END_EVENT || ev->type == YAML_MAPPING_END_EVENT;
}

/* Consumes the rest of a value that began with ev (a collection start; other
 * values are already whole). *end, when not NULL, receives where it ended. */
static folio_status skip_value(fm_ctx *c, const yaml_event_t *ev, yaml_mark_t *end)
{
	if (end != NULL)
		*end = ev->end_mark;
	if (!is_start(ev))
		return FOLIO_OK;
	unsigned level = 1;
	while (level > 0) {
		yaml_event_t e;
		folio_status st = next_event(c, &e);
		if (st != FOLIO_OK)
			return st;
		if (is_start(&e))
			level++;
		else if (is_end(&e))
			level--;
		if (end != NULL)
			*end = e.end_mark;
		yaml_event_delete(&e);
	}
	return FOLIO_OK;
}

/* ---- scalars ------------------------------------------------------------------ */

static const char *scalar_text(const yaml_event_t *ev)
{
	return (const char *)ev->data.scalar.value;
}

/* An unquoted empty, "~" or "null" value. */
static int is_null(const yaml_event_t *ev)
{
	if (ev->type != YAML_SCALAR_EVENT || !ev->data.scalar.plain_implicit ||
	    ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	const char *s = scalar_text(ev);
	return s[0] == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	       strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

/* A scalar without NUL bytes (a "\0" escape in a quoted YAML string could
 * put one there, and every string downstream ends at NUL). */
static folio_status check_scalar(fm_ctx *c, const yaml_event_t *ev)
{
	if (strlen(scalar_text(ev)) != ev->data.scalar.length)
		return fm_fail(c, ev->start_mark, FOLIO_ERR_UTF8,
		               "a NUL character in front matter");
	return FOLIO_OK;
}

/* For keys that take one text value: refuses lists and maps (consuming them
 * so the caller can clean up) and aliases. */
static folio_status need_scalar(fm_ctx *c, const char *key, yaml_event_t *v)
{
	if (v->type == YAML_SCALAR_EVENT)
		return check_scalar(c, v);
	yaml_mark_t m = v->start_mark;
	folio_status st = skip_value(c, v, NULL);
	if (st != FOLIO_OK)
		return st;
	return fm_fail(c, m, FOLIO_ERR_SYNTAX, "front matter: \"%s\" takes one text value, not %s",
	               key, v->type == YAML_ALIAS_EVENT ? "an alias" : "a list or a map");
}

static size_t trim_len(const char *s, size_t len)
{
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n'))
		len--;
	return len;
}

/* ---- the known keys ----------------------------------------------------------- */

static folio_status h_text(fm_ctx *c, const fm_key *k, const yaml_event_t *key, yaml_event_t *v)
{
	(void)key;
	folio_status st = need_scalar(c, k->name, v);
	if (st != FOLIO_OK || is_null(v))
		return st;
	return fm_place(c, v->start_mark, folio_doc_set(c->doc, k->field, scalar_text(v), c->err));
}

static folio_status h_date(fm_ctx *c, const fm_key *k, const yaml_event_t *key, yaml_event_t *v)
{
	(void)key;
	folio_status st = need_scalar(c, k->name, v);
	if (st != FOLIO_OK || is_null(v))
		return st;
	char iso[16];
	const char *why = NULL;
	if (!folio_date_normalize(scalar_text(v), iso, sizeof(iso), &why))
		return fm_fail(c, v->start_mark, FOLIO_ERR_SYNTAX,
		               "front matter: date \"%.60s\": %s", scalar_text(v), why);
	return fm_place(c, v->start_mark, folio_doc_set(c->doc, FOLIO_META_DATE, iso, c->err));
}

/* "en_US" is common in the wild; BCP 47 says "en-US". */
static folio_status h_lang(fm_ctx *c, const fm_key *k, const yaml_event_t *key, yaml_event_t *v)
{
	(void)key;
	folio_status st = need_scalar(c, k->name, v);
	if (st != FOLIO_OK || is_null(v))
		return st;
	char tag[64];
	const char *s = scalar_text(v);
	size_t len = strlen(s);
	if (len >= sizeof(tag))
		return fm_fail(c, v->start_mark, FOLIO_ERR_SYNTAX,
		               "front matter: language \"%.40s...\" is too long for a language tag",
		               s);
	for (size_t i = 0; i <= len; i++)
		tag[i] = s[i] == '_' ? '-' : s[i];
	return fm_place(c, v->start_mark, folio_doc_set(c->doc, FOLIO_META_LANG, tag, c->err));
}

static folio_status add_byline(fm_ctx *c, const yaml_event_t *v)
{
	folio_status st = check_scalar(c, v);
	if (st != FOLIO_OK || is_null(v))
		return st;
	return fm_place(c, v->start_mark,
	                folio_doc_add_author_string(c->doc, scalar_text(v), c->err));
}

/* Keys of an author map: the name, and the credentials under any usual name. */
static int is_name_key(const char *k)
{
	return strcmp(k, "name") == 0;
}

static int is_creds_key(const char *k)
{
	return strcmp(k, "credentials") == 0 || strcmp(k, "credential") == 0 ||
	       strcmp(k, "creds") == 0;
}

/* Reads one value of an author map into an arena copy (*out), or skips it. */
static folio_status author_field(fm_ctx *c, const char *k, yaml_event_t *v, const char **out)
{
	folio_status st = need_scalar(c, k, v);
	if (st != FOLIO_OK || is_null(v))
		return st;
	*out = folio_doc_strndup(c->doc, scalar_text(v), v->data.scalar.length);
	return *out ? FOLIO_OK
	            : folio_error_set(c->err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
}

/* A key that is a list or a map ("[a]: b", "? [a, b]") is an error at its
 * place; its value has not been read yet, so nothing is skipped. */
static folio_status key_not_collection(fm_ctx *c, yaml_event_t *k)
{
	if (!is_start(k))
		return FOLIO_OK;
	yaml_mark_t m = k->start_mark;
	yaml_event_delete(k);
	return fm_fail(c, m, FOLIO_ERR_SYNTAX,
	               "front matter: a key must be a word, not a list or a map");
}

/* {name: ..., credentials: ...}; start is the map's start event. */
static folio_status add_author_map(fm_ctx *c, const yaml_event_t *start)
{
	const char *name = NULL;
	const char *creds = NULL;
	folio_status st = FOLIO_OK;
	for (;;) {
		yaml_event_t k, v;
		st = next_event(c, &k);
		if (st != FOLIO_OK)
			return st;
		if (k.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&k);
			break;
		}
		st = key_not_collection(c, &k);
		if (st != FOLIO_OK)
			return st;
		st = next_event(c, &v);
		if (st == FOLIO_OK) {
			const char *ks = k.type == YAML_SCALAR_EVENT ? scalar_text(&k) : "";
			if (is_name_key(ks))
				st = author_field(c, ks, &v, &name);
			else if (is_creds_key(ks))
				st = author_field(c, ks, &v, &creds);
			else
				st = skip_value(c, &v, NULL);
			yaml_event_delete(&v);
		}
		yaml_event_delete(&k);
		if (st != FOLIO_OK)
			return st;
	}
	if (name == NULL)
		return fm_fail(c, start->start_mark, FOLIO_ERR_SYNTAX,
		               "front matter: an author entry needs a name");
	return fm_place(c, start->start_mark, folio_doc_add_author(c->doc, name, creds, c->err));
}

/* One item of an author list: a byline string or a map. */
static folio_status add_author_item(fm_ctx *c, yaml_event_t *v)
{
	if (v->type == YAML_SCALAR_EVENT)
		return add_byline(c, v);
	if (v->type == YAML_MAPPING_START_EVENT)
		return add_author_map(c, v);
	fm_explain(c, v->start_mark, "author",
	           "skipped: an author is a name or a {name, credentials} map");
	return skip_value(c, v, NULL);
}

/* Calls item() for each item of a sequence (start already read). */
typedef folio_status (*fm_item_fn)(fm_ctx *c, yaml_event_t *item);

static folio_status each_item(fm_ctx *c, fm_item_fn item)
{
	for (;;) {
		yaml_event_t e;
		folio_status st = next_event(c, &e);
		if (st != FOLIO_OK)
			return st;
		if (e.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&e);
			return FOLIO_OK;
		}
		st = item(c, &e);
		yaml_event_delete(&e);
		if (st != FOLIO_OK)
			return st;
	}
}

static folio_status h_author(fm_ctx *c, const fm_key *k, const yaml_event_t *key, yaml_event_t *v)
{
	(void)k;
	(void)key;
	if (v->type == YAML_SEQUENCE_START_EVENT)
		return each_item(c, add_author_item);
	return add_author_item(c, v);
}

/* Adds each comma-separated, trimmed, non-empty part of s as a tag. */
static folio_status add_tags(fm_ctx *c, const yaml_event_t *v)
{
	const char *s = scalar_text(v);
	while (*s) {
		while (*s == ' ' || *s == ',' || *s == '\t')
			s++;
		size_t len = strcspn(s, ",");
		size_t t = trim_len(s, len);
		if (t > 0) {
			char *tag = folio_doc_strndup(c->doc, s, t);
			if (tag == NULL)
				return folio_error_set(c->err, FOLIO_ERR_NOMEM, NULL, 0, 0,
				                       "out of memory");
			folio_status st = folio_doc_add_tag(c->doc, tag, c->err);
			if (st != FOLIO_OK)
				return fm_place(c, v->start_mark, st);
		}
		s += len;
	}
	return FOLIO_OK;
}

static folio_status add_tag_item(fm_ctx *c, yaml_event_t *v)
{
	if (v->type != YAML_SCALAR_EVENT) {
		fm_explain(c, v->start_mark, "tags", "skipped: a tag is a word or a phrase");
		return skip_value(c, v, NULL);
	}
	folio_status st = check_scalar(c, v);
	if (st != FOLIO_OK || is_null(v))
		return st;
	return add_tags(c, v);
}

static folio_status h_tags(fm_ctx *c, const fm_key *k, const yaml_event_t *key, yaml_event_t *v)
{
	(void)k;
	(void)key;
	if (v->type == YAML_SEQUENCE_START_EVENT)
		return each_item(c, add_tag_item);
	return add_tag_item(c, v);
}

/* One citation string -> a REFERENCE (its text and its parsed citation). */
static folio_status add_reference(fm_ctx *c, yaml_event_t *v)
{
	if (v->type != YAML_SCALAR_EVENT) {
		fm_explain(c, v->start_mark, "references",
		           "skipped: a reference is one line of text");
		return skip_value(c, v, NULL);
	}
	folio_status st = check_scalar(c, v);
	if (st != FOLIO_OK || is_null(v))
		return st;
	if (c->refs == NULL)
		c->refs = folio_node_new(c->doc, FOLIO_NODE_REFERENCES);
	folio_node *ref = c->refs ? folio_node_add(c->refs, FOLIO_NODE_REFERENCE) : NULL;
	if (ref == NULL)
		return folio_error_set(c->err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	folio_node_set_pos(ref, mark_line(c, v->start_mark), mark_col(v->start_mark));
	const char *s = scalar_text(v);
	size_t len = v->data.scalar.length;
	if (folio_node_add_text(ref, s, len, c->err) == NULL)
		return fm_place(c, v->start_mark, c->err ? c->err->code : FOLIO_ERR_UTF8);
	folio_citation *cite = folio_citation_parse(c->doc, s, len, c->err);
	if (cite == NULL)
		return fm_place(c, v->start_mark, c->err ? c->err->code : FOLIO_ERR_NOMEM);
	return folio_node_set_citation(ref, cite);
}

static folio_status h_refs(fm_ctx *c, const fm_key *k, const yaml_event_t *key, yaml_event_t *v)
{
	(void)k;
	(void)key;
	if (v->type == YAML_SEQUENCE_START_EVENT)
		return each_item(c, add_reference);
	return add_reference(c, v);
}

/* Any other key: a scalar as it is, a list or map as its YAML text. */
static folio_status h_extra(fm_ctx *c, const fm_key *k, const yaml_event_t *key, yaml_event_t *v)
{
	(void)k;
	const char *name = scalar_text(key);
	if (v->type == YAML_ALIAS_EVENT) {
		fm_explain(c, v->start_mark, name, "skipped: YAML aliases are not expanded");
		return FOLIO_OK;
	}
	if (v->type == YAML_SCALAR_EVENT) {
		folio_status st = check_scalar(c, v);
		if (st != FOLIO_OK)
			return st;
		return fm_place(
		    c, v->start_mark,
		    folio_doc_set_extra(c->doc, name, is_null(v) ? "" : scalar_text(v), c->err));
	}
	size_t from = mark_offset(c, v->start_mark);
	yaml_mark_t end;
	folio_status st = skip_value(c, v, &end);
	if (st != FOLIO_OK)
		return st;
	size_t to = mark_offset(c, end);
	if (to < from)
		to = from;
	char *text = folio_doc_strndup(c->doc, c->yaml + from, trim_len(c->yaml + from, to - from));
	if (text == NULL)
		return folio_error_set(c->err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	return fm_place(c, v->start_mark, folio_doc_set_extra(c->doc, name, text, c->err));
}

static const fm_key known_keys[] = {
    {"title", h_text, FOLIO_META_TITLE},
    {"subtitle", h_text, FOLIO_META_SUBTITLE},
    {"summary", h_text, FOLIO_META_SUMMARY},
    {"description", h_text, FOLIO_META_SUMMARY},
    {"url", h_text, FOLIO_META_URL},
    {"canonical", h_text, FOLIO_META_URL},
    {"date", h_date, FOLIO_META_DATE},
    {"lang", h_lang, FOLIO_META_LANG},
    {"language", h_lang, FOLIO_META_LANG},
    {"author", h_author, FOLIO_META_FIELD_COUNT},
    {"authors", h_author, FOLIO_META_FIELD_COUNT},
    {"tags", h_tags, FOLIO_META_FIELD_COUNT},
    {"keywords", h_tags, FOLIO_META_FIELD_COUNT},
    {"references", h_refs, FOLIO_META_FIELD_COUNT},
};

static const fm_key extra_key = {NULL, h_extra, FOLIO_META_FIELD_COUNT};

/* Known keys are matched without regard to ASCII case ("Title:"). */
static const fm_key *find_key(const char *name)
{
	for (size_t i = 0; i < sizeof(known_keys) / sizeof(known_keys[0]); i++) {
		const char *a = known_keys[i].name;
		const char *b = name;
		while (*a && (*a == *b || *a == (*b | 0x20)))
			a++, b++;
		if (*a == '\0' && *b == '\0')
			return &known_keys[i];
	}
	return &extra_key;
}

/* ---- the document --------------------------------------------------------------- */

/* One key and its value; *done is set at the end of the mapping. */
static folio_status parse_pair(fm_ctx *c, int *done)
{
	yaml_event_t k, v;
	folio_status st = next_event(c, &k);
	if (st != FOLIO_OK)
		return st;
	if (k.type == YAML_MAPPING_END_EVENT) {
		*done = 1;
		yaml_event_delete(&k);
		return FOLIO_OK;
	}
	st = key_not_collection(c, &k);
	if (st != FOLIO_OK)
		return st;
	st = next_event(c, &v);
	if (st != FOLIO_OK) {
		yaml_event_delete(&k);
		return st;
	}
	if (k.type != YAML_SCALAR_EVENT || scalar_text(&k)[0] == '\0') {
		fm_explain(c, k.start_mark, "", "skipped: a key that is not a plain word");
		st = skip_value(c, &v, NULL);
	} else {
		st = check_scalar(c, &k);
		if (st == FOLIO_OK) {
			const fm_key *fk = find_key(scalar_text(&k));
			st = fk->handle(c, fk, &k, &v);
		}
	}
	yaml_event_delete(&v);
	yaml_event_delete(&k);
	return st;
}

static folio_status expect(fm_ctx *c, yaml_event_type_t type, const char *what)
{
	yaml_event_t e;
	folio_status st = next_event(c, &e);
	if (st != FOLIO_OK)
		return st;
	if (e.type != type)
		st = fm_fail(c, e.start_mark, FOLIO_ERR_SYNTAX, "front matter: %s", what);
	yaml_event_delete(&e);
	return st;
}

/* STREAM_START (DOCUMENT_START MAPPING ... DOCUMENT_END)? STREAM_END, where
 * an empty or null document is allowed too. */
static folio_status parse_stream(fm_ctx *c)
{
	folio_status st = expect(c, YAML_STREAM_START_EVENT, "expected the start of YAML");
	if (st != FOLIO_OK)
		return st;
	yaml_event_t e;
	st = next_event(c, &e);
	if (st != FOLIO_OK)
		return st;
	yaml_event_type_t t = e.type;
	yaml_event_delete(&e);
	if (t == YAML_STREAM_END_EVENT)
		return FOLIO_OK;
	st = next_event(c, &e);
	if (st != FOLIO_OK)
		return st;
	if (e.type == YAML_MAPPING_START_EVENT) {
		for (int done = 0; st == FOLIO_OK && !done;)
			st = parse_pair(c, &done);
	} else if (!is_null(&e)) {
		st = fm_fail(c, e.start_mark, FOLIO_ERR_SYNTAX,
		             "front matter must be keys with values, such as \"title: ...\"");
	}
	yaml_event_delete(&e);
	if (st == FOLIO_OK)
		st = expect(c, YAML_DOCUMENT_END_EVENT, "expected the end of the front matter");
	if (st == FOLIO_OK)
		st = expect(c, YAML_STREAM_END_EVENT,
		            "the front matter holds more than one YAML document");
	return st;
}

/* ---- finding it ------------------------------------------------------------------ */

/* Length of the line at s (up to '\n' or end), and whether it is exactly
 * marker followed by blanks. */
static int is_marker_line(const char *s, size_t len, const char *marker)
{
	size_t m = strlen(marker);
	if (len < m || memcmp(s, marker, m) != 0)
		return 0;
	for (size_t i = m; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

static size_t line_len(const char *s, size_t len)
{
	const char *nl = memchr(s, '\n', len);
	return nl ? (size_t)(nl - s) : len;
}

int folio_frontmatter_present(const char *data, size_t len)
{
	return data != NULL && is_marker_line(data, line_len(data, len), "---");
}

/* Finds the closing line after the opening one. Returns 0 when there is none. */
static int find_close(const char *data, size_t len, size_t *yaml_start, size_t *yaml_end,
                      size_t *body, unsigned *body_line)
{
	size_t pos = line_len(data, len);
	if (pos >= len)
		return 0;
	pos++;
	*yaml_start = pos;
	unsigned line = 2;
	while (pos < len) {
		size_t l = line_len(data + pos, len - pos);
		if (is_marker_line(data + pos, l, "---") || is_marker_line(data + pos, l, "...")) {
			*yaml_end = pos;
			*body = pos + l < len ? pos + l + 1 : len;
			*body_line = line + 1;
			return 1;
		}
		pos += l + 1;
		line++;
	}
	return 0;
}

/* The title of a references list from front matter, in the article's language. */
static const char *refs_title(const folio_doc *doc)
{
	static const struct {
		const char *lang;
		const char *title;
	} titles[] = {
	    {"fr", "Références"},
	    {"es", "Referencias"},
	    {"de", "Literatur"},
	    {"it", "Bibliografia"},
	};
	const char *lang = folio_doc_get(doc, FOLIO_META_LANG);
	for (size_t i = 0; lang && i < sizeof(titles) / sizeof(titles[0]); i++)
		if (strncmp(lang, titles[i].lang, 2) == 0 && (lang[2] == '\0' || lang[2] == '-'))
			return titles[i].title;
	return "References";
}

folio_status folio_frontmatter_parse(folio_doc *doc, const char *data, size_t len,
                                     const folio_import_options *opts, folio_frontmatter *out,
                                     folio_error *err)
{
	out->body_offset = 0;
	out->body_line = 1;
	out->references = NULL;
	if (!folio_frontmatter_present(data, len))
		return FOLIO_OK;
	size_t ys = 0, ye = 0;
	if (!find_close(data, len, &ys, &ye, &out->body_offset, &out->body_line))
		return folio_error_set(
		    err, FOLIO_ERR_SYNTAX, NULL, 1, 1,
		    "front matter opened here is never closed (end it with a line "
		    "holding only ---)");
	fm_ctx c;
	memset(&c, 0, sizeof(c));
	c.doc = doc;
	c.yaml = data + ys;
	c.yaml_len = ye - ys;
	c.first_line = 2;
	c.opts = opts;
	c.err = err;
	if (!yaml_parser_initialize(&c.parser))
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	yaml_parser_set_encoding(&c.parser, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&c.parser, (const unsigned char *)c.yaml, c.yaml_len);
	folio_status st = parse_stream(&c);
	yaml_parser_delete(&c.parser);
	if (st == FOLIO_OK && c.refs != NULL)
		st = folio_node_set_title(c.refs, refs_title(doc), err);
	if (st == FOLIO_OK)
		out->references = c.refs;
	return st;
}
