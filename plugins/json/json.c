/* folio json exporter: the document as JSON, in the schema of
 * docs/hacking.md ("The JSON schema"), which other tools and our tests rely
 * on. Every key is always written, in the documented order; missing values
 * are null (or []). The walk is two dispatch tables, one for blocks and one
 * for inlines, each mapping a node type to the function that writes that
 * node's keys after "type". Output goes through the writer in jw.c.
 */
#include <stdlib.h>
#include <string.h>

#include "folio/plugin.h"
#include "folio/present.h"
#include "jw.h"

enum { SCHEMA_VERSION = 1 };

typedef struct jdoc {
	jw w;
	const folio_doc *doc;
	long next_ref; /* index of the next REFERENCE in document order */
} jdoc;

typedef void (*node_fn)(jdoc *j, const folio_node *n);

static void write_inlines(jdoc *j, const folio_node *parent);
static void write_blocks(jdoc *j, const folio_node *parent);

/* ---- inlines ----------------------------------------------------------- */

static void inline_literal(jdoc *j, const folio_node *n)
{
	size_t len = 0;
	const char *s = folio_node_literal(n, &len);
	jw_key(&j->w, "text");
	jw_string_n(&j->w, s, len);
}

static void inline_container(jdoc *j, const folio_node *n)
{
	jw_key(&j->w, "content");
	write_inlines(j, n);
}

static void inline_link(jdoc *j, const folio_node *n)
{
	jw_key_string(&j->w, "url", folio_node_url(n));
	jw_key_string(&j->w, "title", folio_node_title(n));
	inline_container(j, n);
}

static void inline_nothing(jdoc *j, const folio_node *n)
{
	(void)j;
	(void)n;
}

static const node_fn inline_writers[FOLIO_NODE_TYPE_COUNT] = {
    [FOLIO_NODE_TEXT] = inline_literal,       [FOLIO_NODE_CODE] = inline_literal,
    [FOLIO_NODE_EMPH] = inline_container,     [FOLIO_NODE_STRONG] = inline_container,
    [FOLIO_NODE_STRIKE] = inline_container,   [FOLIO_NODE_LINK] = inline_link,
    [FOLIO_NODE_LINE_BREAK] = inline_nothing,
};

/* An object {"type": ..., keys...} for n using table; nodes the table does
 * not know (which the model does not allow there) are skipped. */
static void write_node(jdoc *j, const folio_node *n, const node_fn *table)
{
	folio_node_type t = folio_node_get_type(n);
	if ((unsigned)t >= FOLIO_NODE_TYPE_COUNT || table[t] == NULL)
		return;
	jw_begin_object(&j->w);
	jw_key_string(&j->w, "type", folio_node_type_name(t));
	table[t](j, n);
	jw_end_object(&j->w);
}

static void write_inlines(jdoc *j, const folio_node *parent)
{
	jw_begin_array(&j->w);
	for (const folio_node *c = folio_node_first_child(parent); c; c = folio_node_next(c))
		write_node(j, c, inline_writers);
	jw_end_array(&j->w);
}

/* ---- blocks ------------------------------------------------------------- */

static void block_heading(jdoc *j, const folio_node *n)
{
	jw_key(&j->w, "level");
	jw_int(&j->w, folio_node_heading_level(n));
	inline_container(j, n);
}

static void block_list(jdoc *j, const folio_node *n)
{
	jw_key(&j->w, "ordered");
	jw_bool(&j->w, folio_node_list_type(n) == FOLIO_LIST_ORDERED);
	jw_key(&j->w, "start");
	jw_int(&j->w, folio_node_list_start(n));
	jw_key(&j->w, "tight");
	jw_bool(&j->w, folio_node_list_tight(n));
	jw_key(&j->w, "items");
	jw_begin_array(&j->w);
	for (const folio_node *item = folio_node_first_child(n); item; item = folio_node_next(item))
		write_blocks(j, item);
	jw_end_array(&j->w);
}

static void block_quote(jdoc *j, const folio_node *n)
{
	jw_key(&j->w, "blocks");
	write_blocks(j, n);
}

static void block_code(jdoc *j, const folio_node *n)
{
	jw_key_string(&j->w, "info", folio_node_info(n));
	inline_literal(j, n);
}

static void block_image(jdoc *j, const folio_node *n)
{
	jw_key_string(&j->w, "src", folio_node_url(n));
	/* The schema promises a string; an image without alt text has "". */
	const char *alt = folio_node_alt(n);
	jw_key_string(&j->w, "alt", alt ? alt : "");
	jw_key_string(&j->w, "caption", folio_node_title(n));
}

static const char *const align_names[] = {
    [FOLIO_ALIGN_DEFAULT] = "default",
    [FOLIO_ALIGN_LEFT] = "left",
    [FOLIO_ALIGN_CENTER] = "center",
    [FOLIO_ALIGN_RIGHT] = "right",
};

static const char *align_name(folio_align a)
{
	return (unsigned)a <= FOLIO_ALIGN_RIGHT ? align_names[a] : "default";
}

static void block_table(jdoc *j, const folio_node *n)
{
	/* Column alignment is carried by every cell; the header row's is the
	 * table's. */
	jw_key(&j->w, "align");
	jw_begin_array(&j->w);
	const folio_node *head = folio_node_first_child(n);
	for (const folio_node *c = head ? folio_node_first_child(head) : NULL; c;
	     c = folio_node_next(c))
		jw_string(&j->w, align_name(folio_node_align(c)));
	jw_end_array(&j->w);
	jw_key(&j->w, "rows");
	jw_begin_array(&j->w);
	for (const folio_node *row = head; row; row = folio_node_next(row)) {
		jw_begin_array(&j->w);
		for (const folio_node *c = folio_node_first_child(row); c; c = folio_node_next(c))
			write_inlines(j, c);
		jw_end_array(&j->w);
	}
	jw_end_array(&j->w);
}

static void block_references(jdoc *j, const folio_node *n)
{
	long count = (long)folio_node_child_count(n);
	jw_key_string(&j->w, "title", folio_node_title(n));
	jw_key(&j->w, "first");
	jw_int(&j->w, j->next_ref);
	jw_key(&j->w, "count");
	jw_int(&j->w, count);
	j->next_ref += count;
}

static void block_nothing(jdoc *j, const folio_node *n)
{
	(void)j;
	(void)n;
}

static const node_fn block_writers[FOLIO_NODE_TYPE_COUNT] = {
    [FOLIO_NODE_HEADING] = block_heading,
    [FOLIO_NODE_PARAGRAPH] = inline_container,
    [FOLIO_NODE_LIST] = block_list,
    [FOLIO_NODE_BLOCK_QUOTE] = block_quote,
    [FOLIO_NODE_CODE_BLOCK] = block_code,
    [FOLIO_NODE_THEMATIC_BREAK] = block_nothing,
    [FOLIO_NODE_IMAGE] = block_image,
    [FOLIO_NODE_TABLE] = block_table,
    [FOLIO_NODE_REFERENCES] = block_references,
};

static void write_blocks(jdoc *j, const folio_node *parent)
{
	jw_begin_array(&j->w);
	for (const folio_node *c = folio_node_first_child(parent); c; c = folio_node_next(c))
		write_node(j, c, block_writers);
	jw_end_array(&j->w);
}

/* ---- references (top level) ------------------------------------------- */

static void write_reference(jdoc *j, const folio_node *ref)
{
	const folio_citation *c = folio_node_citation(ref);
	jw_begin_object(&j->w);
	char *plain = NULL;
	const char *text = c ? folio_citation_get(c, FOLIO_CITE_TEXT) : NULL;
	if (text == NULL) {
		plain = folio_node_plain_text(ref); /* ours; freed below */
		text = plain;
	}
	jw_key_string(&j->w, "text", text);
	free(plain);
	jw_key(&j->w, "content");
	write_inlines(j, ref);
	jw_key(&j->w, "authors");
	jw_begin_array(&j->w);
	size_t na = c ? folio_citation_author_count(c) : 0;
	for (size_t i = 0; i < na; i++)
		jw_string(&j->w, folio_citation_author(c, i));
	jw_end_array(&j->w);
	jw_key(&j->w, "et_al");
	jw_bool(&j->w, c ? folio_citation_et_al(c) : 0);
	/* title .. url, in the enum's order, which is the schema's. */
	for (int f = FOLIO_CITE_TITLE; f < FOLIO_CITE_FIELD_COUNT; f++)
		jw_key_string(&j->w, folio_cite_field_name((folio_cite_field)f),
		              c ? folio_citation_get(c, (folio_cite_field)f) : NULL);
	jw_end_object(&j->w);
}

/* Every REFERENCE in document order, wherever its REFERENCES block stands,
 * so that a block's "first" indexes this array. */
static void write_references(jdoc *j, const folio_node *root)
{
	jw_begin_array(&j->w);
	folio_iter *it = folio_iter_new(root);
	folio_event ev;
	while (it != NULL && (ev = folio_iter_next(it)) != FOLIO_EVENT_DONE) {
		const folio_node *n = folio_iter_node(it);
		if (ev != FOLIO_EVENT_ENTER)
			continue;
		if (folio_node_get_type(n) == FOLIO_NODE_REFERENCE) {
			write_reference(j, n);
			folio_iter_skip_children(it);
		} else if (!folio_node_type_is_block(folio_node_get_type(n))) {
			folio_iter_skip_children(it); /* inlines hold no references */
		}
	}
	folio_iter_free(it);
	jw_end_array(&j->w);
	if (it == NULL) {
		folio_error e;
		folio_error_set(&e, FOLIO_ERR_NOMEM, NULL, 0, 0, "json: out of memory");
		folio_sink_fail(j->w.sink, &e);
	}
}

/* ---- metadata ------------------------------------------------------------ */

static void write_authors(jdoc *j)
{
	jw_key(&j->w, "authors");
	jw_begin_array(&j->w);
	for (size_t i = 0; i < folio_doc_author_count(j->doc); i++) {
		jw_begin_object(&j->w);
		jw_key_string(&j->w, "name", folio_doc_author_name(j->doc, i));
		jw_key_string(&j->w, "credentials", folio_doc_author_credentials(j->doc, i));
		jw_end_object(&j->w);
	}
	jw_end_array(&j->w);
}

static void write_tags(jdoc *j)
{
	jw_key(&j->w, "tags");
	jw_begin_array(&j->w);
	for (size_t i = 0; i < folio_doc_tag_count(j->doc); i++)
		jw_string(&j->w, folio_doc_tag(j->doc, i));
	jw_end_array(&j->w);
}

static void write_extra(jdoc *j)
{
	jw_key(&j->w, "meta");
	jw_begin_object(&j->w);
	for (size_t i = 0; i < folio_doc_extra_count(j->doc); i++)
		jw_key_string(&j->w, folio_doc_extra_key(j->doc, i),
		              folio_doc_extra_value(j->doc, i));
	jw_end_object(&j->w);
}

static void meta_key(jdoc *j, const char *key, folio_meta_field f)
{
	jw_key_string(&j->w, key, folio_doc_get(j->doc, f));
}

/* The facts as every other format prints them, from the presentation
 * catalogue: the language it resolved to, its direction, the byline and the
 * date in that language. A consumer that shows the article need not rebuild
 * them (and cannot get them different). */
static void write_display(jdoc *j)
{
	const char *lang = folio_present_lang(folio_doc_get(j->doc, FOLIO_META_LANG));
	const char *date = folio_doc_get(j->doc, FOLIO_META_DATE);
	size_t n = folio_present_byline(j->doc, lang, 1, NULL, 0);
	char *byline = malloc(n + 1);
	char when[128];

	jw_key(&j->w, "display");
	jw_begin_object(&j->w);
	jw_key_string(&j->w, "lang", lang);
	jw_key_string(&j->w, "dir", folio_present_dir(lang));
	if (byline) {
		folio_present_byline(j->doc, lang, 1, byline, n + 1);
		jw_key_string(&j->w, "byline", n > 0 ? byline : NULL);
	}
	free(byline);
	if (date && *date) {
		folio_present_date(lang, date, when, sizeof when);
		jw_key_string(&j->w, "date", when);
	} else {
		jw_key_string(&j->w, "date", NULL);
	}
	jw_end_object(&j->w);
}

static void write_document(jdoc *j)
{
	jw_begin_object(&j->w);
	jw_key(&j->w, "folio");
	jw_int(&j->w, SCHEMA_VERSION);
	meta_key(j, "title", FOLIO_META_TITLE);
	meta_key(j, "subtitle", FOLIO_META_SUBTITLE);
	write_authors(j);
	meta_key(j, "date", FOLIO_META_DATE);
	meta_key(j, "lang", FOLIO_META_LANG);
	write_tags(j);
	meta_key(j, "summary", FOLIO_META_SUMMARY);
	meta_key(j, "url", FOLIO_META_URL);
	meta_key(j, "source", FOLIO_META_SOURCE);
	write_display(j);
	write_extra(j);
	jw_key(&j->w, "blocks");
	write_blocks(j, folio_doc_root(j->doc));
	jw_key(&j->w, "references");
	write_references(j, folio_doc_root(j->doc));
	jw_end_object(&j->w);
	jw_finish(&j->w);
}

/* ---- the plugin ------------------------------------------------------------ */

static const folio_option_spec json_options[] = {
    FOLIO_OPTION("pretty", FOLIO_OPT_BOOL, "true", "indent with two spaces (false: one compact line)", NULL, 0,
     0),
    FOLIO_OPTION_END,
};

static folio_status json_render(void *state, const folio_doc *doc, const folio_options *options,
                                folio_sink *sink, const folio_host *host, folio_error *err)
{
	(void)state;
	(void)host;
	jdoc j = {.doc = doc, .next_ref = 0};
	/* Without parsed options (a program calling render directly) the
	 * declared default applies. */
	int pretty = options ? folio_opt_bool(options, "pretty") : 1;
	jw_init(&j.w, sink, pretty);
	write_document(&j);
	folio_status st = folio_sink_status(sink);
	if (st != FOLIO_OK && err != NULL)
		*err = *folio_sink_error(sink);
	return st;
}

static const folio_plugin json_plugin = {
    .size = sizeof(folio_plugin),
    .abi_version = FOLIO_PLUGIN_ABI_VERSION,
    .name = "json",
    .summary = "the document tree as JSON (schema 1, see docs/hacking.md)",
    .extension = "json",
    .media_type = "application/json",
    .flags = 0,
    .options = json_options,
    .render = json_render,
};

FOLIO_PLUGIN_EXPORT const folio_plugin *folio_plugin_entry(void);

FOLIO_PLUGIN_EXPORT const folio_plugin *folio_plugin_entry(void)
{
	return &json_plugin;
}
