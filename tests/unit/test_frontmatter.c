/* Unit tests: YAML front matter (frontmatter.c, frontmatter_date.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/import.h"
#include "frontmatter_private.h"
#include "tree_dump.h"

static const folio_import_options defaults = {sizeof(folio_import_options),
                                              FOLIO_INPUT_MARKDOWN,
                                              FOLIO_DEFAULT_MAX_INPUT,
                                              FOLIO_DEFAULT_MAX_DEPTH,
                                              NULL,
                                              NULL};

/* Parses the front matter of s into a new document (returned), failing the
 * test on error. */
static folio_doc *fm_ok(const char *s, folio_frontmatter *fm)
{
	folio_doc *doc = folio_doc_new();
	folio_error err;
	folio_error_clear(&err);
	folio_frontmatter local;
	if (folio_frontmatter_parse(doc, s, strlen(s), &defaults, fm ? fm : &local, &err) !=
	    FOLIO_OK)
		fail_msg("front matter failed: %u:%u %s", err.line, err.column, err.message);
	return doc;
}

/* Expects s to fail with code at line:col and a message containing what. */
static void fm_fails(const char *s, folio_status code, unsigned line, unsigned col,
                     const char *what)
{
	folio_doc *doc = folio_doc_new();
	folio_error err;
	folio_error_clear(&err);
	folio_frontmatter fm;
	folio_status st = folio_frontmatter_parse(doc, s, strlen(s), &defaults, &fm, &err);
	folio_doc_free(doc);
	if (st != code || err.code != code || err.line != line || err.column != col ||
	    strstr(err.message, what) == NULL)
		fail_msg("for %s\n got %d at %u:%u \"%s\"\nwant %d at %u:%u \"...%s...\"", s,
		         (int)st, err.line, err.column, err.message, (int)code, line, col, what);
}

static void test_every_known_key(void **state)
{
	(void)state;
	folio_frontmatter fm;
	folio_doc *doc = fm_ok("---\n"
	                       "title: \"Low back pain: what helps\"\n"
	                       "subtitle: Moving again\n"
	                       "author: \"Glenn Charbonneau, P.T.\"\n"
	                       "date: 2024-05-01\n"
	                       "lang: en\n"
	                       "tags: [back, exercise, \"sleep\"]\n"
	                       "summary: >-\n  Two lines\n  folded.\n"
	                       "url: https://example.org/back\n"
	                       "---\n"
	                       "Body starts here.\n",
	                       &fm);
	assert_string_equal(folio_doc_get(doc, FOLIO_META_TITLE), "Low back pain: what helps");
	assert_string_equal(folio_doc_get(doc, FOLIO_META_SUBTITLE), "Moving again");
	assert_int_equal(folio_doc_author_count(doc), 1);
	assert_string_equal(folio_doc_author_name(doc, 0), "Glenn Charbonneau");
	assert_string_equal(folio_doc_author_credentials(doc, 0), "P.T.");
	assert_string_equal(folio_doc_get(doc, FOLIO_META_DATE), "2024-05-01");
	assert_string_equal(folio_doc_get(doc, FOLIO_META_LANG), "en");
	assert_int_equal(folio_doc_tag_count(doc), 3);
	assert_string_equal(folio_doc_tag(doc, 0), "back");
	assert_string_equal(folio_doc_tag(doc, 2), "sleep");
	assert_string_equal(folio_doc_get(doc, FOLIO_META_SUMMARY), "Two lines folded.");
	assert_string_equal(folio_doc_get(doc, FOLIO_META_URL), "https://example.org/back");
	assert_int_equal(folio_doc_extra_count(doc), 0);
	assert_null(fm.references);
	/* The body starts on line 13, after the closing line. */
	assert_int_equal(fm.body_line, 13);
	folio_doc_free(doc);
}

static void test_aliases_and_case(void **state)
{
	(void)state;
	folio_doc *doc = fm_ok("---\n"
	                       "Title: Upper case key\n"
	                       "language: fr_CA\n"
	                       "keywords: \"genou, course , ,marche\"\n"
	                       "description: A short one.\n"
	                       "canonical: https://example.org/c\n"
	                       "...\n",
	                       NULL);
	assert_string_equal(folio_doc_get(doc, FOLIO_META_TITLE), "Upper case key");
	assert_string_equal(folio_doc_get(doc, FOLIO_META_LANG), "fr-CA");
	assert_int_equal(folio_doc_tag_count(doc), 3);
	assert_string_equal(folio_doc_tag(doc, 0), "genou");
	assert_string_equal(folio_doc_tag(doc, 1), "course");
	assert_string_equal(folio_doc_tag(doc, 2), "marche");
	assert_string_equal(folio_doc_get(doc, FOLIO_META_SUMMARY), "A short one.");
	assert_string_equal(folio_doc_get(doc, FOLIO_META_URL), "https://example.org/c");
	folio_doc_free(doc);
}

static void test_author_forms(void **state)
{
	(void)state;
	folio_doc *doc = fm_ok("---\n"
	                       "authors:\n"
	                       "  - Ann Lee\n"
	                       "  - \"Jane Doe PT DPT\"\n"
	                       "  - name: Marc Roy\n"
	                       "    credentials: pht, MSc\n"
	                       "    photo: marc.jpg\n"
	                       "  - {name: Ida Holm}\n"
	                       "author: {name: Solo Writer, credential: RMT}\n"
	                       "---\n",
	                       NULL);
	assert_int_equal(folio_doc_author_count(doc), 5);
	assert_string_equal(folio_doc_author_name(doc, 0), "Ann Lee");
	assert_null(folio_doc_author_credentials(doc, 0));
	assert_string_equal(folio_doc_author_name(doc, 1), "Jane Doe");
	assert_string_equal(folio_doc_author_credentials(doc, 1), "PT DPT");
	assert_string_equal(folio_doc_author_name(doc, 2), "Marc Roy");
	assert_string_equal(folio_doc_author_credentials(doc, 2), "pht, MSc");
	assert_string_equal(folio_doc_author_name(doc, 3), "Ida Holm");
	assert_null(folio_doc_author_credentials(doc, 3));
	assert_string_equal(folio_doc_author_name(doc, 4), "Solo Writer");
	assert_string_equal(folio_doc_author_credentials(doc, 4), "RMT");
	folio_doc_free(doc);
	fm_fails("---\nauthors:\n  - credentials: PT\n---\n", FOLIO_ERR_SYNTAX, 3, 5,
	         "needs a name");
}

static void test_unknown_keys_are_kept(void **state)
{
	(void)state;
	folio_doc *doc = fm_ok("---\n"
	                       "slug: neck-pain\n"
	                       "draft: false\n"
	                       "weight: 3\n"
	                       "empty:\n"
	                       "clé: [é, \"b c\"]\n"
	                       "nested:\n"
	                       "  - x\n"
	                       "  - y: 1\n"
	                       "map: {a: 1, b: [2, 3]}\n"
	                       "slug: replaced\n"
	                       "---\n",
	                       NULL);
	assert_int_equal(folio_doc_extra_count(doc), 7);
	assert_string_equal(folio_doc_extra(doc, "slug"), "replaced");
	assert_string_equal(folio_doc_extra(doc, "draft"), "false");
	assert_string_equal(folio_doc_extra(doc, "weight"), "3");
	assert_string_equal(folio_doc_extra(doc, "empty"), "");
	assert_string_equal(folio_doc_extra(doc, "clé"), "[é, \"b c\"]");
	assert_string_equal(folio_doc_extra(doc, "nested"), "- x\n  - y: 1");
	assert_string_equal(folio_doc_extra(doc, "map"), "{a: 1, b: [2, 3]}");
	/* Insertion order. */
	assert_string_equal(folio_doc_extra_key(doc, 0), "slug");
	assert_string_equal(folio_doc_extra_key(doc, 6), "map");
	folio_doc_free(doc);
}

typedef struct explained {
	unsigned line;
	char text[64];
	char reason[128];
	int count;
} explained;

static void on_explain(void *ud, unsigned line, const char *text, const char *reason)
{
	explained *e = ud;
	e->count++;
	e->line = line;
	snprintf(e->text, sizeof(e->text), "%s", text);
	snprintf(e->reason, sizeof(e->reason), "%s", reason);
}

static void test_aliases_are_skipped_with_a_reason(void **state)
{
	(void)state;
	explained e = {0, "", "", 0};
	folio_import_options o = defaults;
	o.explain = on_explain;
	o.explain_userdata = &e;
	static const char s[] = "---\nbase: &b hello\ncopy: *b\n---\n";
	folio_doc *doc = folio_doc_new();
	folio_frontmatter fm;
	folio_error err;
	assert_int_equal(folio_frontmatter_parse(doc, s, sizeof(s) - 1, &o, &fm, &err), FOLIO_OK);
	assert_string_equal(folio_doc_extra(doc, "base"), "hello");
	assert_null(folio_doc_extra(doc, "copy"));
	assert_int_equal(e.count, 1);
	assert_int_equal(e.line, 3);
	assert_string_equal(e.text, "copy");
	assert_non_null(strstr(e.reason, "alias"));
	folio_doc_free(doc);
}

static void test_references_key(void **state)
{
	(void)state;
	folio_frontmatter fm;
	folio_doc *doc = fm_ok("---\n"
	                       "lang: fr\n"
	                       "references:\n"
	                       "  - \"Dunning J, Butts R. Dry needling. Phys Ther Rev. "
	                       "2014;19(4):252-265.\"\n"
	                       "  - Second one.\n"
	                       "---\n",
	                       &fm);
	assert_non_null(fm.references);
	assert_int_equal(folio_node_get_type(fm.references), FOLIO_NODE_REFERENCES);
	assert_string_equal(folio_node_title(fm.references), "R\xC3\xA9"
	                                                     "f\xC3\xA9rences");
	assert_int_equal(folio_node_child_count(fm.references), 2);
	folio_node *r = folio_node_first_child(fm.references);
	assert_int_equal(folio_node_line(r), 4);
	const folio_citation *c = folio_node_citation(r);
	assert_non_null(c);
	assert_string_equal(folio_citation_get(c, FOLIO_CITE_TEXT),
	                    "Dunning J, Butts R. Dry needling. Phys Ther Rev. 2014;19(4):252-265.");
	char *d = dump_tree(fm.references);
	assert_string_equal(
	    d, "(references \"R\xC3\xA9"
	       "f\xC3\xA9rences\" (ref \"Dunning J, Butts R. "
	       "Dry needling. Phys Ther Rev. 2014;19(4):252-265.\") (ref \"Second one.\"))");
	free(d);
	folio_doc_free(doc);
}

static void test_no_or_empty_front_matter(void **state)
{
	(void)state;
	folio_frontmatter fm;
	folio_doc *doc = fm_ok("# Not front matter\n---\n", &fm);
	assert_int_equal(fm.body_offset, 0);
	assert_int_equal(fm.body_line, 1);
	folio_doc_free(doc);
	doc = fm_ok("----\ntitle: x\n----\n", &fm); /* four dashes: a thematic break */
	assert_int_equal(fm.body_offset, 0);
	assert_null(folio_doc_get(doc, FOLIO_META_TITLE));
	folio_doc_free(doc);
	doc = fm_ok("---\n---\nBody\n", &fm);
	assert_int_equal(fm.body_offset, 8);
	assert_int_equal(fm.body_line, 3);
	folio_doc_free(doc);
	doc = fm_ok("--- \n# only a comment\n---  \n", &fm);
	assert_int_equal(fm.body_line, 4);
	folio_doc_free(doc);
	assert_false(folio_frontmatter_present("\n---\n", 5));
	assert_true(folio_frontmatter_present("---", 3));
}

static void test_dates_normalised(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} ok[] = {
	    {"2024-05-01", "2024-05-01"},
	    {"2024-5-1", "2024-05-01"},
	    {"2024/05/01", "2024-05-01"},
	    {"2024.05.01", "2024-05-01"},
	    {"2024-05-01T10:30:00Z", "2024-05-01"},
	    {"2024-05-01 10:30", "2024-05-01"},
	    {"May 1, 2024", "2024-05-01"},
	    {"1 May 2024", "2024-05-01"},
	    {"Wednesday, May 1st, 2024", "2024-05-01"},
	    {"Sept. 9 2023", "2023-09-09"},
	    {"1er mai 2024", "2024-05-01"},
	    {"le 12 f\xC3\xA9vrier 2024", "2024-02-12"},
	    {"29 Feb 2024", "2024-02-29"},
	    {"25/12/2024", "2024-12-25"},
	    {"12/25/2024", "2024-12-25"},
	    {"05/05/2024", "2024-05-05"},
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		char out[16];
		const char *why = NULL;
		if (!folio_date_normalize(ok[i].in, out, sizeof(out), &why))
			fail_msg("%s: refused (%s)", ok[i].in, why);
		if (strcmp(out, ok[i].out) != 0)
			fail_msg("%s: got %s, want %s", ok[i].in, out, ok[i].out);
	}
}

static void test_dates_refused(void **state)
{
	(void)state;
	static const struct {
		const char *in, *why;
	} bad[] = {
	    {"2023-02-29", "no such day"},    {"2024-04-31", "no such day"},
	    {"2024-13-01", "no such month"},  {"03/04/2024", "either way"},
	    {"yesterday", "not a date"},      {"2024", "needs a day"},
	    {"May 2024", "needs a day"},      {"2024-05-01 soon", "not a date"},
	    {"31 Smarch 2024", "not a date"}, {"", "not a date"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char out[16];
		const char *why = NULL;
		if (folio_date_normalize(bad[i].in, out, sizeof(out), &why))
			fail_msg("%s: accepted as %s", bad[i].in, out);
		if (why == NULL || strstr(why, bad[i].why) == NULL)
			fail_msg("%s: reason \"%s\", want \"%s\"", bad[i].in, why ? why : "",
			         bad[i].why);
	}
	fm_fails("---\ntitle: x\ndate: 2024-02-30\n---\n", FOLIO_ERR_SYNTAX, 3, 7,
	         "date \"2024-02-30\": there is no such day");
	fm_fails("---\ndate: \"someday\"\n---\n", FOLIO_ERR_SYNTAX, 2, 7, "not a date");
}

static void test_errors_with_places(void **state)
{
	(void)state;
	fm_fails("---\ntitle: x\n\nbody without an end\n", FOLIO_ERR_SYNTAX, 1, 1, "never closed");
	fm_fails("---", FOLIO_ERR_SYNTAX, 1, 1, "never closed");
	/* YAML syntax errors: libyaml's place, moved to the input's lines. */
	fm_fails("---\ntitle: ok\ntags: [a, b\nlang: en\n---\n", FOLIO_ERR_SYNTAX, 4, 5,
	         "did not find expected ',' or ']'");
	fm_fails("---\ntitle: \"open\nlang: en\n---\n", FOLIO_ERR_SYNTAX, 4, 1,
	         "quoted scalar that started on line 2");
	fm_fails("---\ntitle: a\n  bad: b\n---\n", FOLIO_ERR_SYNTAX, 3, 6,
	         "mapping values are not allowed");
	fm_fails("---\ntitle: a\n\tlang: en\n---\n", FOLIO_ERR_SYNTAX, 3, 1, "front matter:");
	/* Shapes folio refuses. */
	fm_fails("---\njust a sentence\n---\n", FOLIO_ERR_SYNTAX, 2, 1, "keys with values");
	fm_fails("---\n- a\n- b\n---\n", FOLIO_ERR_SYNTAX, 2, 1, "keys with values");
	fm_fails("---\nsummary: ok\ntitle: [a, b]\n---\n", FOLIO_ERR_SYNTAX, 3, 8,
	         "\"title\" takes one text value");
	fm_fails("---\nlang: \"e\"\n---\n", FOLIO_ERR_SYNTAX, 2, 7, "language tag");
	fm_fails("---\ntitle: \"a\\0b\"\n---\n", FOLIO_ERR_UTF8, 2, 8, "NUL");
}

static void test_nesting_limit(void **state)
{
	(void)state;
	char s[400];
	int n = snprintf(s, sizeof(s), "---\nx: ");
	for (int i = 0; i < 100; i++)
		s[n++] = '[';
	s[n] = '\0';
	snprintf(s + n, sizeof(s) - (size_t)n, "\n---\n");
	/* The first mapping counts as one level: the 64th '[' is the 65th level. */
	fm_fails(s, FOLIO_ERR_LIMIT, 2, 67, "deeper than 64 levels");
}

static void test_through_the_importer(void **state)
{
	(void)state;
	static const char s[] =
	    "---\r\ntitle: Over CRLF\r\ndate: 2024/05/01\r\ntags: a, b\r\n---\r\n"
	    "Text\r\n";
	folio_error err;
	folio_import_options o = defaults;
	folio_doc *doc = folio_import_memory(s, sizeof(s) - 1, "x.md", &o, &err);
	assert_non_null(doc);
	assert_string_equal(folio_doc_get(doc, FOLIO_META_TITLE), "Over CRLF");
	assert_string_equal(folio_doc_get(doc, FOLIO_META_DATE), "2024-05-01");
	assert_int_equal(folio_doc_tag_count(doc), 2);
	folio_doc_free(doc);
	static const char bad[] = "---\ntitle: x\nauthor: [a, b\n---\n";
	assert_null(folio_import_memory(bad, sizeof(bad) - 1, "bad.md", &o, &err));
	assert_int_equal(err.code, FOLIO_ERR_SYNTAX);
	assert_string_equal(err.file, "bad.md");
	assert_int_equal(err.line, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_known_key),
	    cmocka_unit_test(test_aliases_and_case),
	    cmocka_unit_test(test_author_forms),
	    cmocka_unit_test(test_unknown_keys_are_kept),
	    cmocka_unit_test(test_aliases_are_skipped_with_a_reason),
	    cmocka_unit_test(test_references_key),
	    cmocka_unit_test(test_no_or_empty_front_matter),
	    cmocka_unit_test(test_dates_normalised),
	    cmocka_unit_test(test_dates_refused),
	    cmocka_unit_test(test_errors_with_places),
	    cmocka_unit_test(test_nesting_limit),
	    cmocka_unit_test(test_through_the_importer),
	};
	return cmocka_run_group_tests_name("frontmatter", tests, NULL, NULL);
}
