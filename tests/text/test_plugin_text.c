/* The txt exporter through the real registry (folio-txt.so loaded from the
 * build), on documents made with the builder API: wrapping by display width
 * (CJK, emoji, combining marks), overlong words, prefixes, lists, quotes,
 * code, tables, links as notes or inline, references with DOIs, line ends.
 * Plus a bare dlopen of the plugin to check its descriptor. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/folio.h"

#define PLUGIN_PATH FOLIO_TEST_PLUGIN_DIR "/folio-txt.so"

/* ---- helpers --------------------------------------------------------------- */

/* Renders doc as txt with the given "name=value" settings (NULL-terminated);
 * the caller frees the result. Fails the test on any error. */
static char *render(const folio_doc *doc, const char *const *settings)
{
	folio_error err;
	folio_error_clear(&err);
	folio_registry *reg = folio_registry_new();
	assert_non_null(reg);
	if (folio_registry_load_file(reg, PLUGIN_PATH, &err) != FOLIO_OK)
		fail_msg("load: %s", err.message);
	const folio_plugin *p = folio_registry_find(reg, "txt");
	assert_non_null(p);
	size_t n = 0;
	while (settings && settings[n])
		n++;
	folio_options *o = folio_options_parse(reg, p, settings, n, &err);
	if (o == NULL)
		fail_msg("options: %s", err.message);
	folio_sink *sink = folio_sink_memory();
	assert_non_null(sink);
	if (folio_export(reg, doc, p, o, sink, NULL, &err) != FOLIO_OK)
		fail_msg("export: %s", err.message);
	size_t len = 0;
	unsigned char *bytes = folio_sink_memory_take(sink, &len);
	assert_non_null(bytes);
	assert_int_equal(folio_sink_close(sink, &err), FOLIO_OK);
	folio_options_free(o);
	folio_registry_free(reg);
	char *s = malloc(len + 1);
	assert_non_null(s);
	memcpy(s, bytes, len);
	s[len] = '\0';
	free(bytes);
	assert_int_equal(strlen(s), len); /* no NUL bytes in text */
	return s;
}

static char *render_w(const folio_doc *doc, const char *width)
{
	const char *settings[] = {width, NULL};
	return render(doc, settings);
}

static folio_doc *new_doc(void)
{
	folio_doc *doc = folio_doc_new();
	assert_non_null(doc);
	return doc;
}

static folio_node *para(folio_node *parent, const char *text)
{
	folio_error err;
	folio_node *p = folio_node_add(parent, FOLIO_NODE_PARAGRAPH);
	assert_non_null(p);
	assert_non_null(folio_node_add_text(p, text, strlen(text), &err));
	return p;
}

static folio_node *para_doc(folio_doc *doc, const char *text)
{
	return para(folio_doc_root(doc), text);
}

static void add_text(folio_node *parent, const char *text)
{
	folio_error err;
	assert_non_null(folio_node_add_text(parent, text, strlen(text), &err));
}

static folio_node *add_link(folio_node *parent, const char *text, const char *url)
{
	folio_error err;
	folio_node *l = folio_node_add(parent, FOLIO_NODE_LINK);
	assert_non_null(l);
	assert_int_equal(folio_node_set_url(l, url, &err), FOLIO_OK);
	add_text(l, text);
	return l;
}

/* Asserts that out holds want as a whole line. */
static void assert_line(const char *out, const char *want)
{
	size_t n = strlen(want);
	for (const char *p = out; (p = strstr(p, want)) != NULL; p++)
		if ((p == out || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
			return;
	fail_msg("line \"%s\" not in:\n%s", want, out);
}

/* The shape every txt output keeps: no trailing spaces, no line wider than
 * width unless it is one word (its prefix aside), exactly one final newline,
 * and no CR unless eol=crlf. */
static void assert_shape(const char *out, size_t width)
{
	size_t len = strlen(out);
	assert_true(len > 0);
	assert_int_equal(out[len - 1], '\n');
	if (len > 1)
		assert_true(out[len - 2] != '\n');
	assert_null(strchr(out, '\r'));
	for (const char *line = out; *line;) {
		const char *end = strchr(line, '\n');
		size_t n = (size_t)(end - line);
		if (n > 0 && line[n - 1] == ' ')
			fail_msg("trailing space: \"%.*s\"", (int)n, line);
		size_t w = folio_utf8_width(line, n);
		if (w > width) {
			/* Only one word after the indentation or markers. */
			const char *s = line;
			while (s < end && (*s == ' ' || *s == '>' || *s == '-'))
				s++;
			if (memchr(s, ' ', (size_t)(end - s)) != NULL)
				fail_msg("%zu columns > %zu: \"%.*s\"", w, width, (int)n, line);
		}
		line = end + 1;
	}
}

/* ---- the descriptor -------------------------------------------------------- */

static void test_dlopen_descriptor(void **state)
{
	(void)state;
	void *h = dlopen(PLUGIN_PATH, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL)
		fail_msg("dlopen: %s", dlerror());
	folio_plugin_entry_fn entry;
	*(void **)&entry = dlsym(h, FOLIO_PLUGIN_ENTRY_NAME);
	assert_non_null(entry);
	const folio_plugin *p = entry();
	assert_non_null(p);
	assert_true(p->size >= offsetof(folio_plugin, render) + sizeof(p->render));
	assert_int_equal(p->abi_version, FOLIO_PLUGIN_ABI_VERSION);
	assert_string_equal(p->name, "txt");
	assert_string_equal(p->extension, "txt");
	assert_string_equal(p->media_type, "text/plain; charset=utf-8");
	assert_int_equal(p->flags & FOLIO_PLUGIN_BINARY, 0);
	assert_non_null(p->render);
	int seen = 0;
	const folio_option_spec *o;
	for (size_t i = 0; (o = folio_plugin_option(p, i)) != NULL; i++) {
		if (strcmp(o->name, "width") == 0) {
			assert_int_equal(o->type, FOLIO_OPT_INT);
			assert_string_equal(o->default_value, "72");
			assert_int_equal(o->min, 20);
			assert_int_equal(o->max, 1000);
			seen |= 1;
		} else if (strcmp(o->name, "links") == 0 || strcmp(o->name, "eol") == 0) {
			assert_int_equal(o->type, FOLIO_OPT_ENUM);
			seen |= strcmp(o->name, "links") == 0 ? 2 : 4;
		}
	}
	assert_int_equal(seen, 7);
	/* Only the entry is exported: the renderer's functions stay hidden. */
	assert_null(dlsym(h, "txt_drv_text"));
	dlclose(h);
}

static void test_width_bounds_refused(void **state)
{
	(void)state;
	folio_error err;
	folio_registry *reg = folio_registry_new();
	assert_int_equal(folio_registry_load_file(reg, PLUGIN_PATH, &err), FOLIO_OK);
	const folio_plugin *p = folio_registry_find(reg, "txt");
	const char *bad[] = {"width=19", "width=1001", "links=footnotes", "eol=cr"};
	for (size_t i = 0; i < 4; i++) {
		folio_options *o = folio_options_parse(reg, p, &bad[i], 1, &err);
		assert_null(o);
		assert_int_equal(err.code, FOLIO_ERR_USAGE);
	}
	folio_registry_free(reg);
}

/* ---- wrapping -------------------------------------------------------------- */

/* Each case fills a width-20 line exactly when the last word is counted in
 * display columns, and overflows when counted in bytes or code points. */
static void test_wrap_counts_display_columns(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		const char *first_line;
	} cases[] = {
	    /* CJK: 4 ideographs are 8 columns and 12 bytes. */
	    {"abcdefghijk 漢字漢字 next", "abcdefghijk 漢字漢字"},
	    /* Emoji with a skin tone: one cluster, 2 columns, 8 bytes. */
	    {"abcdefghijklmnopq 👍🏽 next", "abcdefghijklmnopq 👍🏽"},
	    /* e + combining acute: 1 column, 3 bytes. */
	    {"abcdefghijklmnopqr e\xcc\x81 next", "abcdefghijklmnopqr e\xcc\x81"},
	    /* Precomposed accents: 1 column each. */
	    {"ééééééééééééééééé à next", "ééééééééééééééééé à"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		folio_doc *doc = new_doc();
		para_doc(doc, cases[i].text);
		char *out = render_w(doc, "width=20");
		assert_line(out, cases[i].first_line);
		assert_line(out, "next");
		assert_shape(out, 20);
		free(out);
		folio_doc_free(doc);
	}
	/* One column more and the wide word moves down. */
	folio_doc *doc = new_doc();
	para_doc(doc, "abcdefghijkl 漢字漢字");
	char *out = render_w(doc, "width=20");
	assert_string_equal(out, "abcdefghijkl\n漢字漢字\n");
	free(out);
	folio_doc_free(doc);
}

static void test_wrap_never_splits_words(void **state)
{
	(void)state;
	folio_doc *doc = new_doc();
	const char *url = "https://example.org/a/very/long/path/that/will/not/fit/anywhere.html";
	char text[256];
	snprintf(text, sizeof(text), "Read %s today, or ask at reception.", url);
	para_doc(doc, text);
	char *out = render_w(doc, "width=20");
	assert_string_equal(out,
	                    "Read\n"
	                    "https://example.org/a/very/long/path/that/will/not/fit/anywhere.html\n"
	                    "today, or ask at\n"
	                    "reception.\n");
	assert_shape(out, 20);
	free(out);
	folio_doc_free(doc);
}

/* Words split across inline nodes ("pre" + emphasis + "fix") stay one word. */
static void test_word_across_inlines(void **state)
{
	(void)state;
	folio_error err;
	folio_doc *doc = new_doc();
	folio_node *p = folio_node_add(folio_doc_root(doc), FOLIO_NODE_PARAGRAPH);
	add_text(p, "aaaaaaaaaaaaaaaa pre");
	folio_node *em = folio_node_add(p, FOLIO_NODE_STRONG);
	assert_non_null(folio_node_add_text(em, "fix", 3, &err));
	add_text(p, "ed end");
	char *out = render_w(doc, "width=20");
	assert_string_equal(out, "aaaaaaaaaaaaaaaa\npre*fix*ed end\n");
	free(out);
	folio_doc_free(doc);
}

static void test_default_width_is_72(void **state)
{
	(void)state;
	folio_doc *doc = new_doc();
	char text[2048] = "";
	for (int i = 0; i < 100; i++)
		strncat(text, "word ", sizeof(text) - strlen(text) - 1);
	para_doc(doc, text);
	char *out = render(doc, NULL);
	/* 14 words of 4 letters and 13 spaces make 69 columns; a 15th would
	 * make 74. */
	const char *nl = strchr(out, '\n');
	assert_int_equal(nl - out, 69);
	assert_shape(out, 72);
	free(out);
	folio_doc_free(doc);
}

/* ---- title block and headings ------------------------------------------------ */

static void test_title_block(void **state)
{
	(void)state;
	folio_error err;
	folio_doc *doc = new_doc();
	assert_int_equal(folio_doc_set(doc, FOLIO_META_TITLE, "Épaule et 漢字", &err), FOLIO_OK);
	assert_int_equal(folio_doc_set(doc, FOLIO_META_SUBTITLE, "A short guide", &err), FOLIO_OK);
	assert_int_equal(folio_doc_set(doc, FOLIO_META_DATE, "2024-02-29", &err), FOLIO_OK);
	assert_int_equal(folio_doc_add_author(doc, "Ana Ruiz", "P.T.", &err), FOLIO_OK);
	assert_int_equal(folio_doc_add_author(doc, "Lee Park", NULL, &err), FOLIO_OK);
	para_doc(doc, "Body.");
	char *out = render(doc, NULL);
	/* The rule is as wide as the title's display width: 6 + 1 + 2 + 1 + 4. */
	assert_string_equal(out, "Épaule et 漢字\n"
	                         "==============\n"
	                         "\n"
	                         "A short guide\n"
	                         "\n"
	                         "By Ana Ruiz, P.T. and Lee Park\n"
	                         "29 February 2024\n"
	                         "\n"
	                         "Body.\n");
	free(out);
	folio_doc_free(doc);
}

static void test_french_byline(void **state)
{
	(void)state;
	folio_error err;
	folio_doc *doc = new_doc();
	assert_int_equal(folio_doc_set(doc, FOLIO_META_LANG, "fr-CA", &err), FOLIO_OK);
	assert_int_equal(folio_doc_add_author(doc, "Anne Roy", "pht", &err), FOLIO_OK);
	assert_int_equal(folio_doc_add_author(doc, "Luc Roy", NULL, &err), FOLIO_OK);
	char *out = render(doc, NULL);
	assert_string_equal(out, "Par Anne Roy, pht et Luc Roy\n");
	free(out);
	folio_doc_free(doc);
}

/* In French a space before ":" or "?" or inside guillemets never breaks;
 * in English it may. */
static void test_french_punctuation(void **state)
{
	(void)state;
	folio_error err;
	static const struct {
		const char *lang, *text, *want;
	} cases[] = {
	    {"en", "xx aaaaaaaaaaaaaaaa : fin « mot » et ?",
	     "xx aaaaaaaaaaaaaaaa\n: fin « mot » et ?\n"},
	    {"fr", "xx aaaaaaaaaaaaaaaa : fin « mot » et ?",
	     "xx\naaaaaaaaaaaaaaaa :\nfin « mot » et ?\n"},
	    {"en", "aaaaaaaaaaaaaaaa « mot »", "aaaaaaaaaaaaaaaa «\nmot »\n"},
	    {"fr-CA", "aaaaaaaaaaaaaaaa « mot »", "aaaaaaaaaaaaaaaa\n« mot »\n"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		folio_doc *doc = new_doc();
		assert_int_equal(folio_doc_set(doc, FOLIO_META_LANG, cases[i].lang, &err),
		                 FOLIO_OK);
		para_doc(doc, cases[i].text);
		char *out = render_w(doc, "width=20");
		assert_string_equal(out, cases[i].want);
		free(out);
		folio_doc_free(doc);
	}
}

static void test_headings(void **state)
{
	(void)state;
	folio_error err;
	folio_doc *doc = new_doc();
	folio_node *root = folio_doc_root(doc);
	for (int level = 1; level <= 3; level++) {
		folio_node *h = folio_node_add(root, FOLIO_NODE_HEADING);
		assert_int_equal(folio_node_set_heading_level(h, level), FOLIO_OK);
		assert_non_null(folio_node_add_text(h, "Café 👍", strlen("Café 👍"), &err));
		para(root, "Text.");
	}
	char *out = render(doc, NULL);
	assert_string_equal(out, "Café 👍\n=======\n\nText.\n\n"
	                         "Café 👍\n-------\n\nText.\n\n"
	                         "Café 👍\n\nText.\n");
	free(out);
	folio_doc_free(doc);
}

/* ---- blocks ------------------------------------------------------------------ */

static folio_node *add_list(folio_node *parent, folio_list_type type, int start, int tight)
{
	folio_node *l = folio_node_add(parent, FOLIO_NODE_LIST);
	assert_non_null(l);
	assert_int_equal(folio_node_set_list(l, type, start, tight), FOLIO_OK);
	return l;
}

static folio_node *add_item(folio_node *list, const char *text)
{
	folio_node *item = folio_node_add(list, FOLIO_NODE_ITEM);
	assert_non_null(item);
	para(item, text);
	return item;
}

static void test_nested_lists(void **state)
{
	(void)state;
	folio_doc *doc = new_doc();
	folio_node *outer = add_list(folio_doc_root(doc), FOLIO_LIST_ORDERED, 9, 1);
	add_item(outer, "nine");
	folio_node *ten = add_item(outer, "ten has a long text that wraps under itself");
	folio_node *mid = add_list(ten, FOLIO_LIST_ORDERED, 1, 1);
	add_item(mid, "first");
	folio_node *second = add_item(mid, "second");
	folio_node *inner = add_list(second, FOLIO_LIST_ORDERED, 3, 1);
	add_item(inner, "three");
	add_item(inner, "four");
	folio_node *bullets = add_list(second, FOLIO_LIST_BULLET, 1, 1);
	folio_node *b = add_item(bullets, "dot");
	add_item(add_list(b, FOLIO_LIST_BULLET, 1, 1), "star");
	char *out = render_w(doc, "width=30");
	assert_string_equal(out, " 9. nine\n"
	                         "10. ten has a long text that\n"
	                         "    wraps under itself\n"
	                         "    a. first\n"
	                         "    b. second\n"
	                         "       iii. three\n"
	                         "        iv. four\n"
	                         "       - dot\n"
	                         "         * star\n");
	assert_shape(out, 30);
	free(out);
	folio_doc_free(doc);
}

static void test_loose_list_and_quotes(void **state)
{
	(void)state;
	folio_doc *doc = new_doc();
	folio_node *root = folio_doc_root(doc);
	folio_node *list = add_list(root, FOLIO_LIST_BULLET, 1, 0);
	folio_node *one = add_item(list, "one");
	para(one, "more of one");
	add_item(list, "two");
	folio_node *q = folio_node_add(root, FOLIO_NODE_BLOCK_QUOTE);
	para(q, "outer words that wrap at twenty");
	folio_node *q2 = folio_node_add(q, FOLIO_NODE_BLOCK_QUOTE);
	para(q2, "inner");
	para(root, "after");
	char *out = render_w(doc, "width=20");
	assert_string_equal(out, "- one\n"
	                         "\n"
	                         "  more of one\n"
	                         "\n"
	                         "- two\n"
	                         "\n"
	                         "> outer words that\n"
	                         "> wrap at twenty\n"
	                         ">\n"
	                         "> > inner\n"
	                         "\n"
	                         "after\n");
	assert_shape(out, 20);
	free(out);
	folio_doc_free(doc);
}

static void test_code_break_image(void **state)
{
	(void)state;
	folio_error err;
	folio_doc *doc = new_doc();
	folio_node *root = folio_doc_root(doc);
	folio_node *code = folio_node_add(root, FOLIO_NODE_CODE_BLOCK);
	const char *src =
	    "if (x) {   \n\treturn a_very_long_identifier_that_is_never_wrapped;\n\n}\n";
	assert_int_equal(folio_node_set_literal(code, src, strlen(src), &err), FOLIO_OK);
	folio_node_add(root, FOLIO_NODE_THEMATIC_BREAK);
	folio_node *img = folio_node_add(root, FOLIO_NODE_IMAGE);
	assert_int_equal(folio_node_set_url(img, "stretch.png", &err), FOLIO_OK);
	assert_int_equal(folio_node_set_alt(img, "A doorway stretch", &err), FOLIO_OK);
	assert_int_equal(folio_node_set_title(img, "Hold it gently", &err), FOLIO_OK);
	folio_node *bare = folio_node_add(root, FOLIO_NODE_IMAGE);
	assert_int_equal(folio_node_set_url(bare, "x.png", &err), FOLIO_OK);
	char *out = render_w(doc, "width=25");
	/* Code keeps its text (only trailing spaces go), the break is centred in
	 * 25 columns: (25 - 5) / 2 = 10 spaces. */
	assert_string_equal(out, "    if (x) {\n"
	                         "    \treturn a_very_long_identifier_that_is_never_wrapped;\n"
	                         "\n"
	                         "    }\n"
	                         "\n"
	                         "          * * *\n"
	                         "\n"
	                         "[Image: A doorway\n"
	                         "stretch]\n"
	                         "Hold it gently\n"
	                         "\n"
	                         "[Image]\n");
	free(out);
	folio_doc_free(doc);
}

/* Quotes nested deeper than the line is wide: every word still comes out,
 * one per line, and a thematic break is not pushed off to the right. */
static void test_prefix_wider_than_line(void **state)
{
	(void)state;
	folio_doc *doc = new_doc();
	folio_node *q = folio_doc_root(doc);
	for (int i = 0; i < 12; i++)
		q = folio_node_add(q, FOLIO_NODE_BLOCK_QUOTE);
	para(q, "two words");
	folio_node_add(q, FOLIO_NODE_THEMATIC_BREAK);
	char *out = render_w(doc, "width=20");
	assert_string_equal(out, "> > > > > > > > > > > > two\n"
	                         "> > > > > > > > > > > > words\n"
	                         "> > > > > > > > > > > >\n"
	                         "> > > > > > > > > > > > * * *\n");
	free(out);
	folio_doc_free(doc);
}

static folio_node *add_row(folio_node *table, const char *const *cells, size_t n, folio_align align)
{
	folio_error err;
	folio_node *row = folio_node_add(table, FOLIO_NODE_TABLE_ROW);
	assert_non_null(row);
	for (size_t i = 0; i < n; i++) {
		folio_node *c = folio_node_add(row, FOLIO_NODE_TABLE_CELL);
		assert_non_null(c);
		assert_int_equal(folio_node_set_align(c, i == 1 ? align : FOLIO_ALIGN_LEFT),
		                 FOLIO_OK);
		assert_non_null(folio_node_add_text(c, cells[i], strlen(cells[i]), &err));
	}
	return row;
}

static folio_doc *table_doc(void)
{
	folio_doc *doc = new_doc();
	folio_node *t = folio_node_add(folio_doc_root(doc), FOLIO_NODE_TABLE);
	static const char *const head[] = {"Exercise", "Sets"};
	static const char *const r1[] = {"Chin tuck 漢", "3"};
	static const char *const r2[] = {"Wall slide", "12"};
	add_row(t, head, 2, FOLIO_ALIGN_RIGHT);
	add_row(t, r1, 2, FOLIO_ALIGN_RIGHT);
	add_row(t, r2, 2, FOLIO_ALIGN_RIGHT);
	return doc;
}

static void test_table_aligned(void **state)
{
	(void)state;
	folio_doc *doc = table_doc();
	char *out = render_w(doc, "width=20");
	/* Column 1 is 12 columns wide ("Chin tuck 漢"), column 2 right-aligned. */
	assert_string_equal(out, "Exercise      Sets\n"
	                         "------------  ----\n"
	                         "Chin tuck 漢     3\n"
	                         "Wall slide      12\n");
	free(out);
	folio_doc_free(doc);
}

static void test_table_too_wide_is_stacked(void **state)
{
	(void)state;
	folio_doc *doc = new_doc();
	folio_node *t = folio_node_add(folio_doc_root(doc), FOLIO_NODE_TABLE);
	static const char *const head[] = {"What", "How often"};
	static const char *const r1[] = {"A long description of an exercise", "daily"};
	static const char *const r2[] = {"Rest", "when it hurts"};
	add_row(t, head, 2, FOLIO_ALIGN_DEFAULT);
	add_row(t, r1, 2, FOLIO_ALIGN_DEFAULT);
	add_row(t, r2, 2, FOLIO_ALIGN_DEFAULT);
	char *out = render_w(doc, "width=24");
	assert_string_equal(out, "What: A long description\n"
	                         "  of an exercise\n"
	                         "How often: daily\n"
	                         "\n"
	                         "What: Rest\n"
	                         "How often: when it hurts\n");
	assert_shape(out, 24);
	free(out);
	folio_doc_free(doc);
}

/* Ragged and empty rows: missing cells are blank, a row of no cells adds
 * nothing, a table of empty rows prints nothing at all. */
static void test_table_ragged(void **state)
{
	(void)state;
	folio_doc *doc = new_doc();
	folio_node *root = folio_doc_root(doc);
	folio_node *t = folio_node_add(root, FOLIO_NODE_TABLE);
	static const char *const head[] = {"A", "B", "C"};
	static const char *const r1[] = {"1"};
	add_row(t, head, 3, FOLIO_ALIGN_DEFAULT);
	add_row(t, r1, 1, FOLIO_ALIGN_DEFAULT);
	folio_node *empty = folio_node_add(root, FOLIO_NODE_TABLE);
	folio_node_add(empty, FOLIO_NODE_TABLE_ROW);
	para(root, "end");
	char *out = render(doc, NULL);
	assert_string_equal(out, "A  B  C\n-  -  -\n1\n\nend\n");
	free(out);
	folio_doc_free(doc);
}

/* ---- links ------------------------------------------------------------------- */

static folio_doc *links_doc(void)
{
	folio_doc *doc = new_doc();
	folio_node *p = folio_node_add(folio_doc_root(doc), FOLIO_NODE_PARAGRAPH);
	add_text(p, "See ");
	add_link(p, "our page", "https://a.example/x");
	add_text(p, ", ");
	add_link(p, "the same page", "https://a.example/x");
	add_text(p, ", ");
	add_link(p, "https://b.example/", "https://b.example/");
	add_text(p, ", ");
	add_link(p, "www.c.example", "http://www.c.example");
	add_text(p, " and ");
	add_link(p, "help@d.example", "mailto:help@d.example");
	add_text(p, " or ");
	add_link(p, "call", "tel:+15550100");
	add_text(p, ".");
	return doc;
}

static void test_links_as_notes(void **state)
{
	(void)state;
	folio_doc *doc = links_doc();
	char *out = render(doc, NULL);
	/* The same URL keeps its number; links showing their URL get none. */
	assert_string_equal(
	    out, "See our page[1], the same page[1], https://b.example/, www.c.example and\n"
	         "help@d.example or call[2].\n"
	         "\n"
	         "Links\n"
	         "-----\n"
	         "\n"
	         "[1] https://a.example/x\n"
	         "[2] tel:+15550100\n");
	free(out);
	folio_doc_free(doc);
}

/* Many distinct links, each cited twice: numbered in first-seen order and
 * reused for the repeat (the note index is a hash table that grows). */
static void test_many_links(void **state)
{
	(void)state;
	enum { N = 3000 };
	folio_doc *doc = new_doc();
	folio_node *p = folio_node_add(folio_doc_root(doc), FOLIO_NODE_PARAGRAPH);
	char url[64];
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < N; i++) {
			snprintf(url, sizeof(url), "https://e.example/%d", round ? N - 1 - i : i);
			add_link(p, "x", url);
			add_text(p, " ");
		}
	char *out = render(doc, NULL);
	/* Lines joined: the repeats run backwards, from [3000] to [1]. */
	char *flat = strdup(out);
	for (char *q = flat; *q; q++)
		if (*q == '\n')
			*q = ' ';
	assert_memory_equal(flat, "x[1] x[2] x[3] ", 15);
	assert_non_null(strstr(flat, " x[2999] x[3000] x[3000] x[2999] "));
	assert_non_null(strstr(flat, " x[3] x[2] x[1]  Links "));
	assert_null(strstr(flat, "[3001]"));
	free(flat);
	char line[96];
	snprintf(line, sizeof(line), "[%d] https://e.example/%d", N, N - 1);
	assert_line(out, line);
	free(out);
	folio_doc_free(doc);
}

static void test_links_inline(void **state)
{
	(void)state;
	folio_doc *doc = links_doc();
	const char *settings[] = {"links=inline", "width=40", NULL};
	char *out = render(doc, settings);
	assert_string_equal(out, "See our page <https://a.example/x>, the\n"
	                         "same page <https://a.example/x>,\n"
	                         "https://b.example/, www.c.example and\n"
	                         "help@d.example or call <tel:+15550100>.\n");
	assert_shape(out, 40);
	free(out);
	folio_doc_free(doc);
}

/* ---- references ----------------------------------------------------------- */

static void test_references_with_doi(void **state)
{
	(void)state;
	folio_error err;
	folio_doc *doc = new_doc();
	folio_node *refs = folio_node_add(folio_doc_root(doc), FOLIO_NODE_REFERENCES);
	assert_int_equal(folio_node_set_title(refs, "Sources", &err), FOLIO_OK);
	const char *texts[] = {
	    "Smith J. Walking after work. J Move. 2020;1:1-2. doi:10.1000/walk.1",
	    "Doe A. Shown already. https://doi.org/10.1000/shown",
	    "A web page without a DOI.",
	};
	for (size_t i = 0; i < 12; i++) {
		const char *t = texts[i < 2 ? i : 2];
		folio_node *r = folio_node_add(refs, FOLIO_NODE_REFERENCE);
		assert_non_null(r);
		add_text(r, t);
		folio_citation *c = folio_citation_parse(doc, t, strlen(t), &err);
		assert_non_null(c);
		assert_int_equal(folio_node_set_citation(r, c), FOLIO_OK);
	}
	char *out = render_w(doc, "width=50");
	const char *want_head = "Sources\n"
	                        "-------\n"
	                        "\n"
	                        " 1. Smith J. Walking after work. J Move.\n"
	                        "    2020;1:1-2. doi:10.1000/walk.1\n"
	                        "    https://doi.org/10.1000/walk.1\n"
	                        "\n"
	                        " 2. Doe A. Shown already.\n"
	                        "    https://doi.org/10.1000/shown\n"
	                        "\n"
	                        " 3. A web page without a DOI.\n";
	assert_memory_equal(out, want_head, strlen(want_head));
	assert_line(out, "12. A web page without a DOI.");
	/* Never a second copy of a DOI link already in the text. */
	assert_null(strstr(strstr(out, "doi.org/10.1000/shown") + 1, "doi.org/10.1000/shown"));
	assert_shape(out, 50);
	free(out);
	folio_doc_free(doc);
}

/* ---- line ends and edges ----------------------------------------------------- */

static void test_crlf(void **state)
{
	(void)state;
	folio_doc *doc = links_doc();
	para_doc(doc, "last");
	const char *settings[] = {"eol=crlf", NULL};
	char *crlf = render(doc, settings);
	char *lf = render(doc, NULL);
	/* The same text with every "\n" turned into "\r\n". */
	size_t lines = 0;
	for (const char *p = lf; *p; p++)
		lines += *p == '\n';
	assert_int_equal(strlen(crlf), strlen(lf) + lines);
	const char *a = crlf;
	for (const char *b = lf; *b; b++, a++) {
		if (*b == '\n')
			assert_int_equal(*a++, '\r');
		assert_int_equal(*a, *b);
	}
	size_t n = strlen(crlf);
	/* The notes come last; one line end closes the text. */
	assert_true(n > 21 && strcmp(crlf + n - 21, "\r\n[2] tel:+15550100\r\n") == 0);
	free(crlf);
	free(lf);
	folio_doc_free(doc);
}

static void test_empty_document(void **state)
{
	(void)state;
	folio_doc *doc = new_doc();
	char *out = render(doc, NULL);
	assert_string_equal(out, "\n");
	free(out);
	folio_doc_free(doc);
}

static void test_hard_break_and_spaces(void **state)
{
	(void)state;
	folio_doc *doc = new_doc();
	folio_node *p = folio_node_add(folio_doc_root(doc), FOLIO_NODE_PARAGRAPH);
	add_text(p, "  lots   of\tspace  ");
	folio_node_add(p, FOLIO_NODE_LINE_BREAK);
	add_text(p, "next line ");
	char *out = render(doc, NULL);
	assert_string_equal(out, "lots of space\nnext line\n");
	free(out);
	folio_doc_free(doc);
}

/* Control characters (an ESC sequence, C1 controls, DEL) never reach the
 * text, which may be printed to a terminal; tabs in code stay. */
static void test_control_characters_dropped(void **state)
{
	(void)state;
	folio_error err;
	folio_doc *doc = new_doc();
	para_doc(doc, "clear \x1b[2Jscreen\x07 bell\x7f del \xc2\x9b"
	              "31m c1 done");
	folio_node *code = folio_node_add(folio_doc_root(doc), FOLIO_NODE_CODE_BLOCK);
	const char *src = "a\tb\x1b]0;title\x07";
	assert_int_equal(folio_node_set_literal(code, src, strlen(src), &err), FOLIO_OK);
	char *out = render(doc, NULL);
	assert_string_equal(out, "clear [2Jscreen bell del 31m c1 done\n\n    a\tb]0;title\n");
	free(out);
	folio_doc_free(doc);
}

static void test_deterministic(void **state)
{
	(void)state;
	folio_doc *doc = links_doc();
	char *a = render(doc, NULL);
	char *b = render(doc, NULL);
	assert_string_equal(a, b);
	free(a);
	free(b);
	folio_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dlopen_descriptor),
	    cmocka_unit_test(test_width_bounds_refused),
	    cmocka_unit_test(test_wrap_counts_display_columns),
	    cmocka_unit_test(test_wrap_never_splits_words),
	    cmocka_unit_test(test_word_across_inlines),
	    cmocka_unit_test(test_default_width_is_72),
	    cmocka_unit_test(test_title_block),
	    cmocka_unit_test(test_french_byline),
	    cmocka_unit_test(test_french_punctuation),
	    cmocka_unit_test(test_headings),
	    cmocka_unit_test(test_nested_lists),
	    cmocka_unit_test(test_loose_list_and_quotes),
	    cmocka_unit_test(test_code_break_image),
	    cmocka_unit_test(test_prefix_wider_than_line),
	    cmocka_unit_test(test_table_aligned),
	    cmocka_unit_test(test_table_too_wide_is_stacked),
	    cmocka_unit_test(test_table_ragged),
	    cmocka_unit_test(test_links_as_notes),
	    cmocka_unit_test(test_many_links),
	    cmocka_unit_test(test_links_inline),
	    cmocka_unit_test(test_references_with_doi),
	    cmocka_unit_test(test_crlf),
	    cmocka_unit_test(test_empty_document),
	    cmocka_unit_test(test_hard_break_and_spaces),
	    cmocka_unit_test(test_control_characters_dropped),
	    cmocka_unit_test(test_deterministic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
