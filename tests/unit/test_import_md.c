/* Unit tests: the Markdown importer (import_md.c) — the tree md4c's events
 * build, construct by construct, plus depth limits and positions. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/import.h"
#include "import_private.h"
#include "tree_dump.h"

static folio_doc *parse_opts(const char *md, unsigned max_depth)
{
	/* md4c's tree as it is: quotes stay straight here (test_quotes.c). */
	folio_import_options o = {sizeof(o),  FOLIO_INPUT_MARKDOWN, 0, max_depth, NULL, NULL,
	                          FOLIO_QUOTES_STRAIGHT};
	folio_error err;
	folio_error_clear(&err);
	folio_doc *doc = folio_import_memory(md, strlen(md), "t.md", &o, &err);
	if (doc == NULL)
		fail_msg("import failed: %s (%u:%u)", err.message, err.line, err.column);
	return doc;
}

/* Parses md and checks the dump of the whole tree. */
static void check_tree(const char *md, const char *want)
{
	folio_doc *doc = parse_opts(md, 0);
	char *got = dump_doc(doc);
	if (strcmp(got, want) != 0)
		fail_msg("for %s\n got: %s\nwant: %s", md, got, want);
	free(got);
	folio_doc_free(doc);
}

static char *read_fixture(const char *name)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/tests/fixtures/md/%s", FOLIO_TEST_SOURCE_DIR, name);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static char buf[65536];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	while (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	return buf;
}

/* ---- blocks ------------------------------------------------------------------------- */

static void test_paragraphs_and_breaks(void **state)
{
	(void)state;
	check_tree("one\ntwo\n\nthree  \nfour\\\nfive\n",
	           "(doc (para \"one two\") (para \"three\" (br) \"four\" (br) \"five\"))");
}

static void test_headings(void **state)
{
	(void)state;
	check_tree("Intro.\n\n## Two\n\n###### Six ######\n\nSetext\n------\n",
	           "(doc (para \"Intro.\") (heading 2 \"Two\") (heading 6 \"Six\") "
	           "(heading 2 \"Setext\"))");
}

static void test_first_h1_becomes_title(void **state)
{
	(void)state;
	folio_doc *doc = parse_opts("# The *real* title\n\nBody.\n\n# Second part\n", 0);
	assert_string_equal(folio_doc_get(doc, FOLIO_META_TITLE), "The real title");
	char *d = dump_doc(doc);
	assert_string_equal(d, "(doc (para \"Body.\") (heading 1 \"Second part\"))");
	free(d);
	folio_doc_free(doc);
}

static void test_h1_after_another_heading_stays(void **state)
{
	(void)state;
	folio_doc *doc = parse_opts("## Aside\n\n# Late\n", 0);
	assert_null(folio_doc_get(doc, FOLIO_META_TITLE));
	char *d = dump_doc(doc);
	assert_string_equal(d, "(doc (heading 2 \"Aside\") (heading 1 \"Late\"))");
	free(d);
	folio_doc_free(doc);
}

static void test_h1_repeating_front_matter_title_is_dropped(void **state)
{
	(void)state;
	folio_doc *doc = parse_opts("---\ntitle: Knee care\n---\n# Knee care\n\nText.\n", 0);
	char *d = dump_doc(doc);
	assert_string_equal(d, "(doc (para \"Text.\"))");
	free(d);
	folio_doc_free(doc);
	/* A different H1 is content, not a duplicate. */
	doc = parse_opts("---\ntitle: Knee care\n---\n# Knee care at home\n", 0);
	assert_string_equal(folio_doc_get(doc, FOLIO_META_TITLE), "Knee care");
	d = dump_doc(doc);
	assert_string_equal(d, "(doc (heading 1 \"Knee care at home\"))");
	free(d);
	folio_doc_free(doc);
}

static void test_lists(void **state)
{
	(void)state;
	check_tree("- a\n- b\n",
	           "(doc (list bullet tight (item (para \"a\")) (item (para \"b\"))))");
	check_tree("3. c\n4. d\n",
	           "(doc (list ordered 3 tight (item (para \"c\")) (item (para \"d\"))))");
	check_tree("1) x\n\n2) y\n",
	           "(doc (list ordered 1 loose (item (para \"x\")) (item (para \"y\"))))");
	check_tree(
	    "* a\n  * b\n    * c\n* d\n",
	    "(doc (list bullet tight (item (para \"a\") (list bullet tight (item (para \"b\") "
	    "(list bullet tight (item (para \"c\")))))) (item (para \"d\"))))");
	check_tree("- first\n\n  second para\n- next\n",
	           "(doc (list bullet loose (item (para \"first\") (para \"second para\")) "
	           "(item (para \"next\"))))");
	/* A tight item holding a heading and text after a nested list. */
	check_tree("- # Head\n  text\n",
	           "(doc (list bullet tight (item (heading 1 \"Head\") (para \"text\"))))");
}

static void test_block_quotes(void **state)
{
	(void)state;
	check_tree("> one\n> two\n>\n> - x\n>\n> > deeper\n",
	           "(doc (quote (para \"one two\") (list bullet tight (item (para \"x\"))) "
	           "(quote (para \"deeper\"))))");
}

static void test_code_blocks(void **state)
{
	(void)state;
	check_tree("```python\nprint(1)\n\n  x = 2\n```\n",
	           "(doc (code_block \"python\" \"print(1)\\n\\n  x = 2\"))");
	check_tree("~~~ c&amp;d  more\n&amp; *no*\n~~~\n",
	           "(doc (code_block \"c&d  more\" \"&amp; *no*\"))");
	check_tree("    indented\n      more\n", "(doc (code_block - \"indented\\n  more\"))");
	check_tree("```\n```\n", "(doc (code_block - \"\"))");
}

static void test_thematic_break(void **state)
{
	(void)state;
	check_tree("a\n\n***\n\nb\n", "(doc (para \"a\") (hr) (para \"b\"))");
}

static void test_tables(void **state)
{
	(void)state;
	check_tree("| A | B | C | D |\n|---|:--|:-:|--:|\n| 1 | **2** | `3` | x \\| y |\n| 5 |\n",
	           "(doc (table (row (cell default \"A\") (cell left \"B\") (cell center \"C\") "
	           "(cell right \"D\")) (row (cell default \"1\") (cell left (strong \"2\")) "
	           "(cell center (code \"3\")) (cell right \"x | y\")) (row (cell default \"5\") "
	           "(cell left) (cell center) (cell right))))");
}

/* ---- inlines ----------------------------------------------------------------------- */

static void test_emphasis_and_friends(void **state)
{
	(void)state;
	check_tree(
	    "*a* _b_ **c** __d__ ~~e~~ ***f*** `g  h`\n",
	    "(doc (para (emph \"a\") \" \" (emph \"b\") \" \" (strong \"c\") \" \" (strong \"d\") "
	    "\" \" (strike \"e\") \" \" (emph (strong \"f\")) \" \" (code \"g  h\")))");
	check_tree("**bold *and emph* inside**\n",
	           "(doc (para (strong \"bold \" (emph \"and emph\") \" inside\")))");
}

static void test_links(void **state)
{
	(void)state;
	check_tree(
	    "[a *b*](http://x.org/p?q=1&amp;r=2 \"T &quot;t&quot;\") [c][ref]\n\n"
	    "[ref]: /local 'Ref title'\n",
	    "(doc (para (link \"http://x.org/p?q=1&r=2\" \"T \\\"t\\\"\" \"a \" (emph \"b\")) "
	    "\" \" (link \"/local\" \"Ref title\" \"c\")))");
}

static void test_autolinks(void **state)
{
	(void)state;
	check_tree("<https://a.org> https://b.org/x, www.c.org and d@e.org\n",
	           "(doc (para (link \"https://a.org\" - \"https://a.org\") \" \" "
	           "(link \"https://b.org/x\" - \"https://b.org/x\") \", \" "
	           "(link \"http://www.c.org\" - \"www.c.org\") \" and \" "
	           "(link \"mailto:d@e.org\" - \"d@e.org\")))");
}

static void test_entities(void **state)
{
	(void)state;
	check_tree("&amp; &lt; &gt; &quot; &apos; &nbsp;|&eacute; &#233; &#xE9; &#X2019; "
	           "&hellip; &nosuch; &#0; &#x110000; `&amp;`\n",
	           "(doc (para \"& < > \\\" ' \xC2\xA0|\xC3\xA9 \xC3\xA9 \xC3\xA9 \xE2\x80\x99 "
	           "\xE2\x80\xA6 &nosuch; \xEF\xBF\xBD \xEF\xBF\xBD \" (code \"&amp;\")))");
}

/* Pieces md4c sends separately (text, entity, soft break) make one TEXT node. */
static void test_adjacent_text_is_merged(void **state)
{
	(void)state;
	folio_doc *doc = parse_opts("one &amp; two\nthree &copy;\n", 0);
	folio_node *p = folio_node_first_child(folio_doc_root(doc));
	assert_int_equal(folio_node_child_count(p), 1);
	size_t len = 0;
	assert_string_equal(folio_node_literal(folio_node_first_child(p), &len),
	                    "one & two three \xC2\xA9");
	assert_int_equal(len, 18);
	folio_doc_free(doc);
}

static void test_raw_html_is_inert(void **state)
{
	(void)state;
	check_tree("<script>alert(1)</script>\n\nHi <b onclick=\"x()\">there</b> <!-- c -->\n",
	           "(doc (para \"<script>alert(1)</script>\") "
	           "(para \"Hi <b onclick=\\\"x()\\\">there</b> <!-- c -->\"))");
}

static void test_images(void **state)
{
	(void)state;
	/* Alone in its paragraph: an IMAGE block; alt flattened, title = caption. */
	check_tree("![A *good* stretch](s.png \"Hold it\")\n",
	           "(doc (image \"s.png\" \"A good stretch\" \"Hold it\"))");
	check_tree("![](empty-alt.png)\n", "(doc (image \"empty-alt.png\" \"\" -))");
	/* Among text, or inside a link: its alt text. */
	check_tree("Before ![icon](i.png) after\n", "(doc (para \"Before icon after\"))");
	check_tree("![icon](i.png) after\n", "(doc (para \"icon after\"))");
	check_tree("![a](1.png)![b](2.png)\n", "(doc (para \"ab\"))");
	check_tree("[![pic](p.png)](http://x.org)\n",
	           "(doc (para (link \"http://x.org\" - \"pic\")))");
	/* In a tight list item the image stands alone too. */
	check_tree("- ![x](x.png)\n", "(doc (list bullet tight (item (image \"x.png\" \"x\" -))))");
}

static void test_features_fixture(void **state)
{
	(void)state;
	char *md = strdup(read_fixture("features.md"));
	const char *want = read_fixture("features.expected");
	check_tree(md, want);
	folio_doc *doc = parse_opts(md, 0);
	assert_string_equal(folio_doc_get(doc, FOLIO_META_DATE), "2024-06-03");
	assert_string_equal(folio_doc_author_credentials(doc, 0), "PT, DPT");
	folio_doc_free(doc);
	free(md);
}

/* ---- depth limits -------------------------------------------------------------------- */

static size_t count_type(const folio_doc *doc, folio_node_type t, size_t *max_depth)
{
	size_t count = 0, depth = 0;
	*max_depth = 0;
	folio_iter *it = folio_iter_new(folio_doc_root(doc));
	folio_event ev;
	while ((ev = folio_iter_next(it)) != FOLIO_EVENT_DONE) {
		const folio_node *n = folio_iter_node(it);
		if (folio_node_get_type(n) != t)
			continue;
		if (ev == FOLIO_EVENT_ENTER) {
			count++;
			if (++depth > *max_depth)
				*max_depth = depth;
		} else {
			depth--;
		}
	}
	folio_iter_free(it);
	return count;
}

static char *repeat(const char *unit, size_t times, const char *tail)
{
	size_t u = strlen(unit), t = strlen(tail);
	char *s = malloc(u * times + t + 1);
	assert_non_null(s);
	for (size_t i = 0; i < times; i++)
		memcpy(s + i * u, unit, u);
	memcpy(s + u * times, tail, t + 1);
	return s;
}

static void test_deep_quotes_are_flattened(void **state)
{
	(void)state;
	char *md = repeat(">", 10000, " deep text\n");
	folio_doc *doc = parse_opts(md, 0);
	size_t depth = 0;
	assert_int_equal(count_type(doc, FOLIO_NODE_BLOCK_QUOTE, &depth), FOLIO_DEFAULT_MAX_DEPTH);
	assert_int_equal(depth, FOLIO_DEFAULT_MAX_DEPTH);
	char *plain = folio_node_plain_text(folio_doc_root(doc));
	assert_string_equal(plain, "deep text");
	free(plain);
	folio_doc_free(doc);
	free(md);
}

static void test_deep_lists_are_flattened(void **state)
{
	(void)state;
	char *md = repeat("- ", 10000, "x\n");
	folio_doc *doc = parse_opts(md, 8);
	size_t depth = 0;
	assert_int_equal(count_type(doc, FOLIO_NODE_LIST, &depth), 8);
	assert_int_equal(depth, 8);
	char *plain = folio_node_plain_text(folio_doc_root(doc));
	assert_string_equal(plain, "x");
	free(plain);
	folio_doc_free(doc);
	free(md);
}

/* Nested over several lines: items past the limit become paragraphs of the
 * deepest kept item, in order, and nothing is lost. */
static void test_flattened_items_keep_their_text(void **state)
{
	(void)state;
	folio_doc *doc = parse_opts("- a\n  - b\n    - c\n    - d\n  - e\n", 2);
	char *d = dump_doc(doc);
	assert_string_equal(
	    d, "(doc (list bullet tight (item (para \"a\") (list bullet tight "
	       "(item (para \"b\") (para \"c\") (para \"d\")) (item (para \"e\"))))))");
	free(d);
	folio_doc_free(doc);
}

static void test_deep_emphasis_is_bounded(void **state)
{
	(void)state;
	char *stars = repeat("*", 3000, "");
	char *full = malloc(2 * 3000 + 3);
	assert_non_null(full);
	snprintf(full, 2 * 3000 + 3, "%sx%s\n", stars, stars);
	folio_doc *doc = parse_opts(full, 16);
	size_t de = 0, ds = 0;
	count_type(doc, FOLIO_NODE_EMPH, &de);
	count_type(doc, FOLIO_NODE_STRONG, &ds);
	assert_true(de + ds <= 16);
	assert_true(de + ds > 0);
	char *plain = folio_node_plain_text(folio_doc_root(doc));
	assert_string_equal(plain, "x");
	free(plain);
	folio_doc_free(doc);
	free(full);
	free(stars);
}

/* ---- positions and front matter ------------------------------------------------------------ */

static void test_block_positions(void **state)
{
	(void)state;
	folio_doc *doc = parse_opts("---\ntitle: T\n---\n\n## H\n\nPara\ntwo\n\n- item\n\n"
	                            "> \xC3\xA9t\xC3\xA9 quote\n",
	                            0);
	folio_node *n = folio_node_first_child(folio_doc_root(doc));
	assert_int_equal(folio_node_get_type(n), FOLIO_NODE_HEADING);
	assert_int_equal(folio_node_line(n), 5);
	assert_int_equal(folio_node_column(n), 4);
	n = folio_node_next(n);
	assert_int_equal(folio_node_line(n), 7);
	assert_int_equal(folio_node_column(n), 1);
	n = folio_node_next(n);
	assert_int_equal(folio_node_get_type(n), FOLIO_NODE_LIST);
	assert_int_equal(folio_node_line(n), 10);
	folio_node *item = folio_node_first_child(n);
	assert_int_equal(folio_node_line(item), 10);
	assert_int_equal(folio_node_line(folio_node_first_child(item)), 10);
	n = folio_node_next(n);
	assert_int_equal(folio_node_get_type(n), FOLIO_NODE_BLOCK_QUOTE);
	assert_int_equal(folio_node_line(n), 12);
	assert_int_equal(folio_node_column(n), 3);
	folio_doc_free(doc);
}

static void test_front_matter_is_not_markdown(void **state)
{
	(void)state;
	folio_doc *doc = parse_opts("---\ntitle: Hello\ntags: [a]\n---\nBody\n", 0);
	char *d = dump_doc(doc);
	/* md4c alone would make a thematic break and a setext heading of it. */
	assert_string_equal(d, "(doc (para \"Body\"))");
	free(d);
	assert_string_equal(folio_doc_get(doc, FOLIO_META_TITLE), "Hello");
	folio_doc_free(doc);
}

static void test_references_section_and_front_matter_references(void **state)
{
	(void)state;
	folio_doc *doc =
	    parse_opts("---\nreferences:\n  - From the front matter. 2020.\n---\n"
	               "Text.\n\n## References\n\n1. Body ref *one*.\n2. Body ref two.\n",
	               0);
	char *d = dump_doc(doc);
	assert_string_equal(d,
	                    "(doc (para \"Text.\") (references \"References\" (ref \"Body ref \" "
	                    "(emph \"one\") \".\") (ref \"Body ref two.\")) (references "
	                    "\"References\" (ref \"From the front matter. 2020.\")))");
	free(d);
	folio_doc_free(doc);
}

static void test_samples_import(void **state)
{
	(void)state;
	static const struct {
		const char *file, *title, *lang, *refs_title;
	} samples[] = {
	    {"neck-pain-desk-work.md", "Neck Pain and Desk Work", "en", "References"},
	    {"epaule-gelee.md",
	     "L\xE2\x80\x99\xC3\xA9paule gel\xC3\xA9"
	     "e",
	     "fr",
	     "R\xC3\xA9"
	     "f\xC3\xA9rences"},
	};
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		char path[600];
		snprintf(path, sizeof(path), "%s/assets/samples/%s", FOLIO_TEST_SOURCE_DIR,
		         samples[i].file);
		folio_error err;
		folio_doc *doc = folio_import_file(path, NULL, &err);
		if (doc == NULL)
			fail_msg("%s: %s", path, err.message);
		assert_string_equal(folio_doc_get(doc, FOLIO_META_TITLE), samples[i].title);
		assert_string_equal(folio_doc_get(doc, FOLIO_META_LANG), samples[i].lang);
		assert_int_equal(folio_doc_author_count(doc), 1);
		assert_non_null(folio_doc_author_credentials(doc, 0));
		folio_node *last = folio_node_last_child(folio_doc_root(doc));
		assert_int_equal(folio_node_get_type(last), FOLIO_NODE_REFERENCES);
		assert_string_equal(folio_node_title(last), samples[i].refs_title);
		assert_int_equal(folio_node_child_count(last), 5);
		size_t depth = 0;
		assert_int_equal(count_type(doc, FOLIO_NODE_LIST, &depth), 3);
		folio_doc_free(doc);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_paragraphs_and_breaks),
	    cmocka_unit_test(test_headings),
	    cmocka_unit_test(test_first_h1_becomes_title),
	    cmocka_unit_test(test_h1_after_another_heading_stays),
	    cmocka_unit_test(test_h1_repeating_front_matter_title_is_dropped),
	    cmocka_unit_test(test_lists),
	    cmocka_unit_test(test_block_quotes),
	    cmocka_unit_test(test_code_blocks),
	    cmocka_unit_test(test_thematic_break),
	    cmocka_unit_test(test_tables),
	    cmocka_unit_test(test_emphasis_and_friends),
	    cmocka_unit_test(test_links),
	    cmocka_unit_test(test_autolinks),
	    cmocka_unit_test(test_entities),
	    cmocka_unit_test(test_adjacent_text_is_merged),
	    cmocka_unit_test(test_raw_html_is_inert),
	    cmocka_unit_test(test_images),
	    cmocka_unit_test(test_features_fixture),
	    cmocka_unit_test(test_deep_quotes_are_flattened),
	    cmocka_unit_test(test_deep_lists_are_flattened),
	    cmocka_unit_test(test_flattened_items_keep_their_text),
	    cmocka_unit_test(test_deep_emphasis_is_bounded),
	    cmocka_unit_test(test_block_positions),
	    cmocka_unit_test(test_front_matter_is_not_markdown),
	    cmocka_unit_test(test_references_section_and_front_matter_references),
	    cmocka_unit_test(test_samples_import),
	};
	return cmocka_run_group_tests_name("import_md", tests, NULL, NULL);
}
