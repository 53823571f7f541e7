/* folio — the clinic profile: a small YAML file read with libyaml's document
 * loader, checked key by key through a table, so a typo or a bad colour is an
 * error naming file:line:column rather than a leaflet printed wrong.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/stat.h>
#include <yaml.h>

#include "folio/doc.h"
#include "fileref_private.h"
#include "folio/fileref.h"
#include "folio/profile.h"

#define PROFILE_MAX_BYTES (1024u * 1024u) /* a profile is a few hundred bytes */
#define LOGO_MAX_PIXELS   10000u          /* per side */
#define DEFAULT_ACCENT    0x1F6F8Bul      /* a calm teal */

typedef struct profile_option {
	char *format; /* each string owned by the profile */
	char *name;
	char *value;
} profile_option;

/* One language's text of a field given per language (disclaimer: {en: ...,
 * fr: ...}; hours likewise). */
typedef struct profile_text {
	char *lang; /* as written: "fr", "pt-BR" */
	char *text;
} profile_text;

struct folio_profile {
	char *field[FOLIO_PROFILE_FIELD_COUNT]; /* owned; NULL when unset */
	/* the texts per language of the fields that may have them, in file order */
	profile_text *ltext[FOLIO_PROFILE_FIELD_COUNT];
	size_t nltext[FOLIO_PROFILE_FIELD_COUNT];
	profile_option *opts;                   /* in file order */
	size_t nopts, capopts;
};

static const char *const field_names[FOLIO_PROFILE_FIELD_COUNT] = {
    [FOLIO_PROFILE_NAME] = "name",       [FOLIO_PROFILE_ADDRESS] = "address",
    [FOLIO_PROFILE_PHONE] = "phone",     [FOLIO_PROFILE_EMAIL] = "email",
    [FOLIO_PROFILE_WEBSITE] = "website", [FOLIO_PROFILE_LOGO] = "logo",
    [FOLIO_PROFILE_ACCENT] = "accent",   [FOLIO_PROFILE_DISCLAIMER] = "disclaimer",
    [FOLIO_PROFILE_PAPER] = "paper",     [FOLIO_PROFILE_TARGET_GRADE] = "target-grade",
    [FOLIO_PROFILE_HOURS] = "hours",
};

/* ------------------------------------------------------------------------ */
/* the profile object                                                         */

folio_profile *folio_profile_new(void)
{
	return calloc(1, sizeof(folio_profile));
}

void folio_profile_free(folio_profile *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < FOLIO_PROFILE_FIELD_COUNT; i++)
		free(p->field[i]);
	for (size_t i = 0; i < p->nopts; i++) {
		free(p->opts[i].format);
		free(p->opts[i].name);
		free(p->opts[i].value);
	}
	free(p->opts);
	for (size_t f = 0; f < FOLIO_PROFILE_FIELD_COUNT; f++) {
		for (size_t i = 0; i < p->nltext[f]; i++) {
			free(p->ltext[f][i].lang);
			free(p->ltext[f][i].text);
		}
		free(p->ltext[f]);
	}
	free(p);
}

/* The primary subtag's length: "pt-BR" → 2. */
static size_t primary_len(const char *tag)
{
	size_t n = 0;

	while (tag[n] && tag[n] != '-' && tag[n] != '_')
		n++;
	return n;
}

static int same_language(const char *a, const char *b)
{
	size_t n = primary_len(a);

	return n == primary_len(b) && strncasecmp(a, b, n) == 0;
}

const char *folio_profile_text(const folio_profile *p, folio_profile_field f, const char *lang,
                               const char **text_lang)
{
	const profile_text *pick = NULL, *t;
	size_t n;

	if (text_lang)
		*text_lang = NULL;
	if (p == NULL || (unsigned)f >= FOLIO_PROFILE_FIELD_COUNT)
		return NULL;
	t = p->ltext[f];
	n = p->nltext[f];
	if (n == 0)
		return p->field[f];
	for (size_t i = 0; lang && !pick && i < n; i++)
		if (strcasecmp(t[i].lang, lang) == 0)
			pick = &t[i];
	for (size_t i = 0; lang && !pick && i < n; i++)
		if (same_language(t[i].lang, lang))
			pick = &t[i];
	for (size_t i = 0; !pick && i < n; i++)
		if (same_language(t[i].lang, "en"))
			pick = &t[i];
	if (!pick)
		pick = &t[0];
	if (text_lang)
		*text_lang = pick->lang;
	return pick->text;
}

const char *folio_profile_disclaimer(const folio_profile *p, const char *lang,
                                     const char **text_lang)
{
	return folio_profile_text(p, FOLIO_PROFILE_DISCLAIMER, lang, text_lang);
}

/* Borrowed: valid until folio_profile_free. */
const char *folio_profile_get(const folio_profile *p, folio_profile_field f)
{
	if (p == NULL || (unsigned)f >= FOLIO_PROFILE_FIELD_COUNT)
		return NULL;
	return p->field[f];
}

const char *folio_profile_field_name(folio_profile_field f)
{
	if ((unsigned)f >= FOLIO_PROFILE_FIELD_COUNT)
		return NULL;
	return field_names[f];
}

static int hex_value(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

unsigned long folio_profile_accent_rgb(const folio_profile *p)
{
	const char *a = folio_profile_get(p, FOLIO_PROFILE_ACCENT);
	if (a == NULL || strlen(a) != 7)
		return DEFAULT_ACCENT;
	unsigned long rgb = 0;
	for (size_t i = 1; i < 7; i++) {
		int v = hex_value(a[i]);
		if (v < 0)
			return DEFAULT_ACCENT;
		rgb = rgb << 4 | (unsigned long)v;
	}
	return rgb;
}

/* The i-th option of format, or NULL. Options are few: a scan is enough. */
static const profile_option *option_at(const folio_profile *p, const char *format, size_t i)
{
	if (p == NULL || format == NULL)
		return NULL;
	for (size_t k = 0; k < p->nopts; k++) {
		if (strcmp(p->opts[k].format, format) != 0)
			continue;
		if (i == 0)
			return &p->opts[k];
		i--;
	}
	return NULL;
}

size_t folio_profile_option_count(const folio_profile *p, const char *format)
{
	size_t n = 0;
	while (option_at(p, format, n) != NULL)
		n++;
	return n;
}

const char *folio_profile_option_name(const folio_profile *p, const char *format, size_t i)
{
	const profile_option *o = option_at(p, format, i);
	return o ? o->name : NULL;
}

const char *folio_profile_option_value(const folio_profile *p, const char *format, size_t i)
{
	const profile_option *o = option_at(p, format, i);
	return o ? o->value : NULL;
}

/* ------------------------------------------------------------------------ */
/* parsing                                                                    */

typedef struct parse_ctx {
	yaml_document_t *doc;
	const char *name;     /* the profile's name in messages */
	const char *base_dir; /* the logo is relative to it; NULL = working directory */
	folio_profile *p;
	folio_error *err;
} parse_ctx;

typedef folio_status (*key_fn)(parse_ctx *c, int field, yaml_node_t *value);

/* Records an error at node (libyaml counts from 0, folio_error from 1). */
static folio_status fail_at(parse_ctx *c, folio_status code, const yaml_node_t *node,
                            const char *fmt, ...) FOLIO_PRINTF(4, 5);

static folio_status fail_at(parse_ctx *c, folio_status code, const yaml_node_t *node,
                            const char *fmt, ...)
{
	unsigned line = node ? (unsigned)node->start_mark.line + 1 : 0;
	unsigned col = node ? (unsigned)node->start_mark.column + 1 : 0;
	char msg[sizeof(c->err->message)];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return folio_error_set(c->err, code, c->name, line, col, "%s", msg);
}

/* A thread-safe strerror (the XSI strerror_r: we do not define _GNU_SOURCE). */
static const char *errno_text(int errnum, char *buf, size_t n)
{
	if (strerror_r(errnum, buf, n) != 0)
		snprintf(buf, n, "error %d", errnum);
	return buf;
}

static const char *node_kind(const yaml_node_t *n)
{
	if (n->type == YAML_SEQUENCE_NODE)
		return "a list";
	if (n->type == YAML_MAPPING_NODE)
		return "a mapping";
	return "text";
}

/* A plain empty, "~" or "null" scalar: the key is present but unset. */
static int is_null_scalar(const yaml_node_t *n)
{
	static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};
	if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	for (size_t i = 0; i < sizeof(nulls) / sizeof(nulls[0]); i++) {
		if (n->data.scalar.length == strlen(nulls[i]) &&
		    memcmp(n->data.scalar.value, nulls[i], n->data.scalar.length) == 0)
			return 1;
	}
	return 0;
}

/* A scalar's text, with trailing newlines and spaces dropped (block scalars
 * end with "\n"). *out is NULL for a null scalar; the caller owns it. */
static folio_status scalar_text(parse_ctx *c, const char *key, yaml_node_t *n, char **out)
{
	*out = NULL;
	if (n->type != YAML_SCALAR_NODE)
		return fail_at(c, FOLIO_ERR_SYNTAX, n, "'%s' must be text, not %s", key,
		               node_kind(n));
	if (is_null_scalar(n))
		return FOLIO_OK;
	const char *s = (const char *)n->data.scalar.value;
	size_t len = n->data.scalar.length;
	if (memchr(s, '\0', len) != NULL)
		return fail_at(c, FOLIO_ERR_UTF8, n, "'%s' holds a NUL character", key);
	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	*out = strndup(s, len);
	if (*out == NULL)
		return folio_error_set(c->err, FOLIO_ERR_NOMEM, c->name, 0, 0, "out of memory");
	return FOLIO_OK;
}

static folio_status take_text(parse_ctx *c, int field, yaml_node_t *value)
{
	return scalar_text(c, field_names[field], value, &c->p->field[field]);
}

/* A language tag as a disclaimer's key: letters, digits and '-', starting
 * with two or three letters ("en", "fr-CA", "zh-Hant"). */
static int is_lang_tag(const char *s)
{
	size_t n = primary_len(s), len = strlen(s);

	if (n < 2 || n > 3 || len > 35)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-')
			return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalpha((unsigned char)s[i]))
			return 0;
	return 1;
}

static folio_status node_lines(parse_ctx *c, const char *key, yaml_node_t *value, char **out);

/* disclaimer, hours: one text, or one per language ({en: ..., fr: ..., es:
 * ...}); hours' texts may be lists of lines. folio_profile_get gives the
 * English one (else the first) for callers that do not ask by language. */
static folio_status take_per_lang(parse_ctx *c, int field, yaml_node_t *value)
{
	folio_profile *pr = c->p;
	const char *key = field_names[field];
	int lines = field == FOLIO_PROFILE_HOURS;
	profile_text **list = &pr->ltext[field];
	size_t *count = &pr->nltext[field], n;

	if (value->type != YAML_MAPPING_NODE)
		return lines ? node_lines(c, key, value, &pr->field[field]) : take_text(c, field, value);
	n = (size_t)(value->data.mapping.pairs.top - value->data.mapping.pairs.start);
	if (n == 0)
		return FOLIO_OK;
	*list = calloc(n, sizeof **list);
	if (!*list)
		return folio_error_set(c->err, FOLIO_ERR_NOMEM, c->name, 0, 0, "out of memory");
	for (yaml_node_pair_t *pair = value->data.mapping.pairs.start;
	     pair < value->data.mapping.pairs.top; pair++) {
		yaml_node_t *k = yaml_document_get_node(c->doc, pair->key);
		yaml_node_t *v = yaml_document_get_node(c->doc, pair->value);
		profile_text *t = &(*list)[*count];
		folio_status st;

		if (k == NULL || k->type != YAML_SCALAR_NODE || v == NULL)
			return fail_at(c, FOLIO_ERR_SYNTAX, k ? k : value,
			               "'%s' must be text, or a mapping of language: text", key);
		t->lang = strndup((const char *)k->data.scalar.value, k->data.scalar.length);
		if (!t->lang)
			return folio_error_set(c->err, FOLIO_ERR_NOMEM, c->name, 0, 0, "out of memory");
		(*count)++;
		if (!is_lang_tag(t->lang))
			return fail_at(c, FOLIO_ERR_SYNTAX, k,
			               "'%.40s' is not a language tag (%s: {en: ..., fr: ...})", t->lang,
			               key);
		for (size_t i = 0; i + 1 < *count; i++)
			if (strcasecmp((*list)[i].lang, t->lang) == 0)
				return fail_at(c, FOLIO_ERR_SYNTAX, k, "the %s in '%.40s' is given twice",
				               key, t->lang);
		st = lines ? node_lines(c, key, v, &t->text) : scalar_text(c, key, v, &t->text);
		if (st != FOLIO_OK)
			return st;
		if (t->text == NULL)
			return fail_at(c, FOLIO_ERR_SYNTAX, v, "the %s in '%.40s' is empty", key,
			               t->lang);
	}
	{
		const char *def = folio_profile_text(pr, (folio_profile_field)field, "en", NULL);

		pr->field[field] = def ? strdup(def) : NULL;
		if (def && !pr->field[field])
			return folio_error_set(c->err, FOLIO_ERR_NOMEM, c->name, 0, 0, "out of memory");
	}
	return FOLIO_OK;
}

/* address (and each text of hours): text (newlines kept) or a list of lines
 * joined with "\n". */
static folio_status node_lines(parse_ctx *c, const char *key, yaml_node_t *value, char **out)
{
	if (value->type != YAML_SEQUENCE_NODE)
		return scalar_text(c, key, value, out);
	char *joined = NULL;
	size_t len = 0;
	folio_status st = FOLIO_OK;
	for (yaml_node_item_t *it = value->data.sequence.items.start;
	     st == FOLIO_OK && it < value->data.sequence.items.top; it++) {
		char *line = NULL;
		st = scalar_text(c, key, yaml_document_get_node(c->doc, *it), &line);
		if (st != FOLIO_OK || line == NULL)
			continue;
		size_t n = strlen(line);
		char *grown = realloc(joined, len + n + 2);
		if (grown == NULL) {
			st = folio_error_set(c->err, FOLIO_ERR_NOMEM, c->name, 0, 0,
			                     "out of memory");
		} else {
			joined = grown;
			if (len > 0)
				joined[len++] = '\n';
			memcpy(joined + len, line, n + 1);
			len += n;
		}
		free(line);
	}
	if (st != FOLIO_OK) {
		free(joined);
		return st;
	}
	*out = joined;
	return FOLIO_OK;
}

static folio_status take_address(parse_ctx *c, int field, yaml_node_t *value)
{
	return node_lines(c, field_names[field], value, &c->p->field[field]);
}

/* accent: "#rgb" or "#rrggbb", kept as lowercase "#rrggbb". */
static folio_status take_accent(parse_ctx *c, int field, yaml_node_t *value)
{
	if (is_null_scalar(value))
		return fail_at(c, FOLIO_ERR_SYNTAX, value,
		               "accent has no value: quote the colour, as in accent: \"#1f6f8b\" "
		               "(a bare # starts a YAML comment)");
	char *s = NULL;
	folio_status st = scalar_text(c, "accent", value, &s);
	if (st != FOLIO_OK)
		return st;
	size_t len = strlen(s);
	int ok = s[0] == '#' && (len == 4 || len == 7);
	for (size_t i = 1; ok && i < len; i++)
		ok = hex_value(s[i]) >= 0;
	if (!ok) {
		st = fail_at(
		    c, FOLIO_ERR_SYNTAX, value,
		    "accent '%s' is not a colour: write #rgb or #rrggbb, as in \"#1f6f8b\"", s);
		free(s);
		return st;
	}
	static const char digits[] = "0123456789abcdef";
	char *rgb = malloc(8);
	if (rgb == NULL) {
		free(s);
		return folio_error_set(c->err, FOLIO_ERR_NOMEM, c->name, 0, 0, "out of memory");
	}
	rgb[0] = '#';
	for (size_t i = 0; i < 6; i++)
		rgb[1 + i] = digits[hex_value(len == 4 ? s[1 + i / 2] : s[1 + i])];
	rgb[7] = '\0';
	free(s);
	c->p->field[field] = rgb;
	return FOLIO_OK;
}

/* Runs check on the stored value of field; on failure the value is dropped. */
static folio_status take_checked(parse_ctx *c, int field, yaml_node_t *value, int (*check)(char *s),
                                 const char *problem)
{
	folio_status st = take_text(c, field, value);
	char *s = c->p->field[field];
	if (st != FOLIO_OK || s == NULL || check(s))
		return st;
	st = fail_at(c, FOLIO_ERR_SYNTAX, value, problem, s);
	free(s);
	c->p->field[field] = NULL;
	return st;
}

/* paper: "letter" or "a4", any case; kept in lowercase. */
static int check_paper(char *s)
{
	for (char *q = s; *q; q++) {
		if (*q >= 'A' && *q <= 'Z')
			*q = (char)(*q - 'A' + 'a');
	}
	return strcmp(s, "letter") == 0 || strcmp(s, "a4") == 0;
}

static folio_status take_paper(parse_ctx *c, int field, yaml_node_t *value)
{
	return take_checked(c, field, value, check_paper,
	                    "paper '%s' is not known: write letter or a4");
}

/* Not a full address check: an '@' with something on each side, no spaces. */
static int check_email(char *s)
{
	const char *at = strchr(s, '@');
	return at != NULL && at != s && at[1] != '\0' && strpbrk(s, " \t\n") == NULL;
}

static folio_status take_email(parse_ctx *c, int field, yaml_node_t *value)
{
	return take_checked(c, field, value, check_email,
	                    "email '%s' is not an e-mail address (name@domain)");
}

static int check_website(char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

static folio_status take_website(parse_ctx *c, int field, yaml_node_t *value)
{
	return take_checked(c, field, value, check_website,
	                    "website '%s' must start with http:// or https://");
}

/* A reading grade: a number from 1 to 20, such as 8 or 6.5. */
static int check_grade(char *s)
{
	const char *q = s;
	unsigned whole = 0;
	int digits = 0;
	while (*q >= '0' && *q <= '9' && whole < 100) {
		whole = whole * 10 + (unsigned)(*q++ - '0');
		digits++;
	}
	if (*q == '.' && q[1] >= '0' && q[1] <= '9') {
		q += 2;
		while (*q >= '0' && *q <= '9')
			q++;
	}
	return digits > 0 && *q == '\0' && whole >= 1 && whole <= 20;
}

static folio_status take_grade(parse_ctx *c, int field, yaml_node_t *value)
{
	return take_checked(c, field, value, check_grade,
	                    "target-grade '%s' is not a reading grade from 1 to 20");
}

/* ---- the logo ------------------------------------------------------------ */

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 |
	       (unsigned long)p[3];
}

/* Checks that path is a PNG of a sane size, from its signature and IHDR. */
static folio_status check_png(parse_ctx *c, const char *path, const yaml_node_t *at)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	struct stat st;
	char text[128];
	if (stat(path, &st) != 0)
		return fail_at(c, FOLIO_ERR_IO, at, "logo %s: %s", path,
		               errno_text(errno, text, sizeof(text)));
	if (!S_ISREG(st.st_mode))
		return fail_at(c, FOLIO_ERR_IO, at, "logo %s is not a file", path);
	unsigned char head[24];
	size_t got = 0;
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return fail_at(c, FOLIO_ERR_IO, at, "logo %s: %s", path,
		               errno_text(errno, text, sizeof(text)));
	got = fread(head, 1, sizeof(head), f);
	fclose(f);
	if (got < sizeof(head) || memcmp(head, sig, 8) != 0 || be32(head + 8) != 13 ||
	    memcmp(head + 12, "IHDR", 4) != 0)
		return fail_at(c, FOLIO_ERR_SYNTAX, at, "logo %s is not a PNG image", path);
	unsigned long w = be32(head + 16);
	unsigned long h = be32(head + 20);
	if (w == 0 || h == 0)
		return fail_at(c, FOLIO_ERR_SYNTAX, at, "logo %s has no pixels", path);
	if (w > LOGO_MAX_PIXELS || h > LOGO_MAX_PIXELS) {
		char size[64];
		snprintf(size, sizeof(size), "%lux%lu", w, h);
		return fail_at(c, FOLIO_ERR_LIMIT, at,
		               "logo %s is %s pixels; the limit is 10000x10000", path, size);
	}
	return FOLIO_OK;
}

/* logo: a PNG path relative to the profile's folder, kept resolved. */
static folio_status take_logo(parse_ctx *c, int field, yaml_node_t *value)
{
	char *rel = NULL;
	folio_status st = scalar_text(c, "logo", value, &rel);
	if (st != FOLIO_OK || rel == NULL)
		return st;
	char *path = rel;
	if (rel[0] != '/' && c->base_dir != NULL && c->base_dir[0] != '\0') {
		size_t n = strlen(c->base_dir) + 1 + strlen(rel) + 1;
		path = malloc(n);
		if (path != NULL)
			snprintf(path, n, "%s/%s", c->base_dir, rel);
		free(rel);
		if (path == NULL)
			return folio_error_set(c->err, FOLIO_ERR_NOMEM, c->name, 0, 0,
			                       "out of memory");
	}
	st = check_png(c, path, value);
	if (st != FOLIO_OK) {
		free(path);
		return st;
	}
	c->p->field[field] = path;
	return FOLIO_OK;
}

/* ---- options: format -> option -> scalar ------------------------------ */

static folio_status add_option(parse_ctx *c, const char *format, const char *name,
                               const char *value)
{
	folio_profile *p = c->p;
	if (p->nopts == p->capopts) {
		size_t cap = p->capopts ? p->capopts * 2 : 8;
		profile_option *o = realloc(p->opts, cap * sizeof(*o));
		if (o == NULL)
			return folio_error_set(c->err, FOLIO_ERR_NOMEM, c->name, 0, 0,
			                       "out of memory");
		p->opts = o;
		p->capopts = cap;
	}
	profile_option *o = &p->opts[p->nopts];
	o->format = strdup(format);
	o->name = strdup(name);
	o->value = strdup(value);
	if (!o->format || !o->name || !o->value) {
		free(o->format);
		free(o->name);
		free(o->value);
		return folio_error_set(c->err, FOLIO_ERR_NOMEM, c->name, 0, 0, "out of memory");
	}
	p->nopts++;
	return FOLIO_OK;
}

static int option_exists(const folio_profile *p, const char *format, const char *name)
{
	for (size_t i = 0; i < p->nopts; i++) {
		if (strcmp(p->opts[i].format, format) == 0 && strcmp(p->opts[i].name, name) == 0)
			return 1;
	}
	return 0;
}

/* A mapping key as text; an empty or non-text key is an error. */
static folio_status key_text(parse_ctx *c, yaml_node_t *key, char **out)
{
	*out = NULL;
	if (key->type != YAML_SCALAR_NODE || key->data.scalar.length == 0)
		return fail_at(c, FOLIO_ERR_SYNTAX, key, "a key must be a name");
	folio_status st = scalar_text(c, "key", key, out);
	if (st == FOLIO_OK && *out == NULL)
		return fail_at(c, FOLIO_ERR_SYNTAX, key, "a key must be a name");
	return st;
}

static folio_status take_option(parse_ctx *c, const char *format, yaml_node_pair_t *pair)
{
	yaml_node_t *k = yaml_document_get_node(c->doc, pair->key);
	yaml_node_t *v = yaml_document_get_node(c->doc, pair->value);
	char *name = NULL;
	char *value = NULL;
	folio_status st = key_text(c, k, &name);
	if (st == FOLIO_OK && option_exists(c->p, format, name))
		st = fail_at(c, FOLIO_ERR_SYNTAX, k, "option '%s' for '%s' is given twice", name,
		             format);
	if (st == FOLIO_OK && v->type != YAML_SCALAR_NODE)
		st = fail_at(c, FOLIO_ERR_SYNTAX, v, "option '%s' for '%s' must be a single value",
		             name, format);
	if (st == FOLIO_OK)
		st = scalar_text(c, name, v, &value);
	if (st == FOLIO_OK)
		st = add_option(c, format, name, value ? value : "");
	free(name);
	free(value);
	return st;
}

static folio_status take_format(parse_ctx *c, yaml_node_pair_t *pair)
{
	yaml_node_t *k = yaml_document_get_node(c->doc, pair->key);
	yaml_node_t *v = yaml_document_get_node(c->doc, pair->value);
	char *format = NULL;
	folio_status st = key_text(c, k, &format);
	if (st != FOLIO_OK)
		return st;
	if (folio_profile_option_count(c->p, format) > 0)
		st = fail_at(c, FOLIO_ERR_SYNTAX, k, "options for '%s' are given twice", format);
	else if (v->type != YAML_MAPPING_NODE && !is_null_scalar(v))
		st = fail_at(c, FOLIO_ERR_SYNTAX, v,
		             "options for '%s' must be a mapping of option: value", format);
	for (yaml_node_pair_t *p = v->type == YAML_MAPPING_NODE ? v->data.mapping.pairs.start
	                                                        : NULL;
	     st == FOLIO_OK && p != NULL && p < v->data.mapping.pairs.top; p++)
		st = take_option(c, format, p);
	free(format);
	return st;
}

static folio_status take_options(parse_ctx *c, int field, yaml_node_t *value)
{
	(void)field;
	if (is_null_scalar(value))
		return FOLIO_OK;
	if (value->type != YAML_MAPPING_NODE)
		return fail_at(c, FOLIO_ERR_SYNTAX, value,
		               "'options' must be a mapping of format: {option: value}");
	folio_status st = FOLIO_OK;
	for (yaml_node_pair_t *p = value->data.mapping.pairs.start;
	     st == FOLIO_OK && p < value->data.mapping.pairs.top; p++)
		st = take_format(c, p);
	return st;
}

/* ---- the top level --------------------------------------------------------- */

typedef struct key_entry {
	const char *key;
	int field; /* a folio_profile_field, or -1 */
	key_fn take;
} key_entry;

static const key_entry known_keys[] = {
    {"name", FOLIO_PROFILE_NAME, take_text},
    {"address", FOLIO_PROFILE_ADDRESS, take_address},
    {"phone", FOLIO_PROFILE_PHONE, take_text},
    {"email", FOLIO_PROFILE_EMAIL, take_email},
    {"website", FOLIO_PROFILE_WEBSITE, take_website},
    {"logo", FOLIO_PROFILE_LOGO, take_logo},
    {"accent", FOLIO_PROFILE_ACCENT, take_accent},
    {"disclaimer", FOLIO_PROFILE_DISCLAIMER, take_per_lang},
    {"paper", FOLIO_PROFILE_PAPER, take_paper},
    {"target-grade", FOLIO_PROFILE_TARGET_GRADE, take_grade},
    {"hours", FOLIO_PROFILE_HOURS, take_per_lang},
    {"options", -1, take_options},
};

#define KNOWN_KEY_COUNT (sizeof(known_keys) / sizeof(known_keys[0]))

static folio_status unknown_key(parse_ctx *c, const char *key, const yaml_node_t *at)
{
	char known[256] = "";
	size_t used = 0;
	const char *guess = NULL;
	for (size_t i = 0; i < KNOWN_KEY_COUNT; i++) {
		int n = snprintf(known + used, sizeof(known) - used, "%s%s", i ? ", " : "",
		                 known_keys[i].key);
		if (n > 0 && (size_t)n < sizeof(known) - used)
			used += (size_t)n;
		if (guess == NULL && folio_edit_distance(key, known_keys[i].key) <= 2)
			guess = known_keys[i].key;
	}
	char hint[64] = "";
	if (guess != NULL)
		snprintf(hint, sizeof(hint), " (did you mean '%s'?)", guess);
	return fail_at(c, FOLIO_ERR_SYNTAX, at, "unknown key '%.60s'%s; known keys: %s", key, hint,
	               known);
}

static folio_status take_pair(parse_ctx *c, yaml_node_pair_t *pair, unsigned *seen)
{
	yaml_node_t *k = yaml_document_get_node(c->doc, pair->key);
	yaml_node_t *v = yaml_document_get_node(c->doc, pair->value);
	char *key = NULL;
	folio_status st = key_text(c, k, &key);
	if (st != FOLIO_OK)
		return st;
	size_t i = 0;
	while (i < KNOWN_KEY_COUNT && strcmp(known_keys[i].key, key) != 0)
		i++;
	if (i == KNOWN_KEY_COUNT)
		st = unknown_key(c, key, k);
	else if (*seen & (1u << i))
		st = fail_at(c, FOLIO_ERR_SYNTAX, k, "'%s' is given twice", key);
	else
		st = known_keys[i].take(c, known_keys[i].field, v);
	if (i < KNOWN_KEY_COUNT)
		*seen |= 1u << i;
	free(key);
	return st;
}

static folio_status take_root(parse_ctx *c)
{
	yaml_node_t *root = yaml_document_get_root_node(c->doc);
	if (root == NULL || is_null_scalar(root))
		return FOLIO_OK; /* an empty profile */
	if (root->type != YAML_MAPPING_NODE)
		return fail_at(c, FOLIO_ERR_SYNTAX, root,
		               "a profile is a mapping of key: value, not %s", node_kind(root));
	unsigned seen = 0;
	folio_status st = FOLIO_OK;
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
	     st == FOLIO_OK && p < root->data.mapping.pairs.top; p++)
		st = take_pair(c, p, &seen);
	return st;
}

/* libyaml's own message: "problem (context)" at the problem's position. A
 * reader error (bad UTF-8) has only a byte offset: count lines up to it. */
static folio_status yaml_failed(parse_ctx *c, const yaml_parser_t *y, const char *data, size_t len)
{
	unsigned line = (unsigned)y->problem_mark.line + 1;
	unsigned col = (unsigned)y->problem_mark.column + 1;
	if (y->error == YAML_READER_ERROR) {
		line = 1;
		col = 1;
		for (size_t i = 0; i < y->problem_offset && i < len; i++) {
			if (data[i] == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)data[i] & 0xC0) != 0x80) {
				col++;
			}
		}
	}
	if (y->error == YAML_MEMORY_ERROR)
		return folio_error_set(c->err, FOLIO_ERR_NOMEM, c->name, 0, 0, "out of memory");
	folio_status code = y->error == YAML_READER_ERROR ? FOLIO_ERR_UTF8 : FOLIO_ERR_SYNTAX;
	const char *problem = y->problem ? y->problem : "malformed YAML";
	if (y->context != NULL)
		return folio_error_set(c->err, code, c->name, line, col, "%s (%s)", problem,
		                       y->context);
	return folio_error_set(c->err, code, c->name, line, col, "%s", problem);
}

/* Loads the single document of data into a new profile. */
static folio_profile *parse_profile(const char *data, size_t len, const char *name,
                                    const char *base_dir, folio_error *err)
{
	parse_ctx c = {.name = name, .base_dir = base_dir, .err = err};
	yaml_parser_t y;
	yaml_document_t doc;
	int have_doc = 0;
	folio_status st = FOLIO_ERR_NOMEM;
	c.p = folio_profile_new();
	if (c.p == NULL || !yaml_parser_initialize(&y)) {
		folio_error_set(err, FOLIO_ERR_NOMEM, name, 0, 0, "out of memory");
		folio_profile_free(c.p);
		return NULL;
	}
	yaml_parser_set_input_string(&y, (const unsigned char *)data, len);
	if (!yaml_parser_load(&y, &doc)) {
		st = yaml_failed(&c, &y, data, len);
		goto done;
	}
	have_doc = 1;
	c.doc = &doc;
	st = take_root(&c);
done:
	if (have_doc)
		yaml_document_delete(&doc);
	yaml_parser_delete(&y);
	if (st != FOLIO_OK) {
		folio_profile_free(c.p);
		return NULL;
	}
	return c.p;
}

folio_profile *folio_profile_parse(const char *data, size_t len, const char *name, folio_error *err)
{
	if (data == NULL && len > 0) {
		folio_error_set(err, FOLIO_ERR_USAGE, name, 0, 0, "no profile data");
		return NULL;
	}
	return parse_profile(data ? data : "", len, name ? name : "profile", NULL, err);
}

/* Reads a whole file of at most PROFILE_MAX_BYTES; the caller frees it. */
static char *read_file(const char *path, size_t *len, folio_error *err)
{
	char text[128];
	int fd = folio_open_read(path);
	char *buf;

	if (fd < 0) {
		folio_error_set(err, FOLIO_ERR_IO, path, 0, 0, "cannot read %s: %s", path,
		                errno_text(errno, text, sizeof(text)));
		return NULL;
	}
	buf = folio_read_fd(fd, path, PROFILE_MAX_BYTES, len, err);
	close(fd);
	if (buf == NULL && err && err->code == FOLIO_ERR_LIMIT)
		folio_error_set(err, FOLIO_ERR_LIMIT, path, 0, 0, "%s is over 1 MiB: not a profile",
		                path);
	return buf;
}

folio_profile *folio_profile_load(const char *path, folio_error *err)
{
	if (path == NULL) {
		folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0, "no profile file");
		return NULL;
	}
	size_t len = 0;
	char *data = read_file(path, &len, err);
	if (data == NULL)
		return NULL;
	/* The logo is found beside the profile: its folder is the path up to the
	 * last '/' ("" for a bare file name, which means the working directory). */
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) : 0;
	char *dir = strndup(path, slash == path ? 1 : dirlen);
	folio_profile *p = NULL;
	if (dir == NULL)
		folio_error_set(err, FOLIO_ERR_NOMEM, path, 0, 0, "out of memory");
	else
		p = parse_profile(data, len, path, dir, err);
	free(dir);
	free(data);
	return p;
}
