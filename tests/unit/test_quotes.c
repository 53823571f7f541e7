/* Typographic quotes (quotes.c, folio/present.h): the marks of each
 * language, nesting, apostrophes, primes, what is never touched, and the
 * importers' option to keep quotes straight. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "folio/import.h"
#include "folio/present.h"

#define NNBSP "\xE2\x80\xAF"

static void check(const char *lang, const char *in, const char *want)
{
	char *got = folio_present_quotes(lang, in, strlen(in));
	assert_non_null(got);
	if (strcmp(got, want) != 0)
		fail_msg("%s: %s\n got: %s\nwant: %s", lang, in, got, want);
	free(got);
}

static void test_marks_per_language(void **state)
{
	(void)state;
	static const struct {
		const char *lang, *want;
	} cases[] = {
	    {"en", "“a ‘b’ c”"},
	    {"en-GB", "“a ‘b’ c”"},
	    {"fr", "«" NNBSP "a «" NNBSP "b" NNBSP "» c" NNBSP "»"},
	    {"fr-CA", "«" NNBSP "a «" NNBSP "b" NNBSP "» c" NNBSP "»"},
	    {"ht", "«" NNBSP "a «" NNBSP "b" NNBSP "» c" NNBSP "»"},
	    {"es", "«a “b” c»"},
	    {"de", "„a ‚b‘ c“"},
	    {"pt-BR", "“a ‘b’ c”"},
	    {"pl", "„a «b» c”"},
	    {"ru", "«a „b“ c»"},
	    {"zh-Hans", "“a ‘b’ c”"},
	    {"zh-TW", "「a 『b』 c」"},
	    {"ja", "「a 『b』 c」"},
	    {"ko", "“a ‘b’ c”"},
	    {"vi", "“a ‘b’ c”"},
	    {"fil", "“a ‘b’ c”"},
	    {"ar", "”a ’b‘ c“"},
	    {"fa", "«a ‹b› c»"},
	    {"he", "”a ’b’ c”"},
	    {"hi", "“a ‘b’ c”"},
	    {"pa", "“a ‘b’ c”"},
	    {"th", "“a ‘b’ c”"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check(cases[i].lang, "\"a 'b' c\"", cases[i].want);
	assert_string_equal(folio_present_quote("de", FOLIO_QUOTE_OPEN), "„");
	assert_string_equal(folio_present_quote("fr", FOLIO_QUOTE_PAD), NNBSP);
	assert_string_equal(folio_present_quote("en", FOLIO_QUOTE_PAD), "");
	assert_string_equal(folio_present_quote("xx", FOLIO_QUOTE_CLOSE), "”");
	assert_string_equal(folio_present_quote("en", FOLIO_QUOTE_MARK_COUNT), "");
}

static void test_context(void **state)
{
	(void)state;
	/* At a word's start, after punctuation, before it; nested. */
	check("en", "He said \"stop\". (\"Why?\") --\"No.\"", "He said “stop”. (“Why?”) --“No.”");
	check("en", "\"He told me 'rest' first,\" she said.", "“He told me ‘rest’ first,” she said.");
	check("en", "\"'Hi,' she said.\"", "“‘Hi,’ she said.”");
	check("en", "said:\"yes\"", "said:“yes”");
	/* Apostrophes inside and at the end of words, elisions. */
	check("en", "don't, it's, the patients' chairs", "don’t, it’s, the patients’ chairs");
	check("en", "'cause the '90s", "’cause the ’90s");
	check("fr", "l'épaule, aujourd'hui, qu'il", "l’épaule, aujourd’hui, qu’il");
	check("en", "rock 'n' roll", "rock ‘n’ roll");
	/* Primes after digits; a quotation that ends in a number still closes. */
	check("en", "5'10\" tall, a 30\" screen", "5′10″ tall, a 30″ screen");
	check("en", "\"in 2024\" and 'at 5'", "“in 2024” and ‘at 5’");
	check("en", "the 1990's", "the 1990’s");
	/* A lone mark is no quotation. */
	check("en", "a \" b", "a \" b");
	check("en", "a ' b", "a ' b");
	/* Unbalanced: a quotation over two paragraphs opens and does not close. */
	check("en", "\"First part of a long quote.", "“First part of a long quote.");
}

static void test_french_spacing(void **state)
{
	(void)state;
	/* Typed with spaces inside, French style: the spaces become narrow no-break ones. */
	check("fr", "Un \" mot \" ici", "Un «" NNBSP "mot" NNBSP "» ici");
	/* Marks already typographic are kept; a plain space beside them is made fast. */
	check("fr", "« déjà » et «" NNBSP "fait" NNBSP "»",
	      "«" NNBSP "déjà" NNBSP "» et «" NNBSP "fait" NNBSP "»");
	check("fr", "Il dit : \"C'est bien.\"", "Il dit : «" NNBSP "C’est bien." NNBSP "»");
	/* Other languages keep typographic marks and their spacing as typed. */
	check("en", "« déjà » “done”", "« déjà » “done”");
}

static void test_untouched(void **state)
{
	(void)state;
	check("en", "see https://example.org/a'b\"c and www.x.org/'q' now",
	      "see https://example.org/a'b\"c and www.x.org/'q' now");
	check("en", "doi:10.1000/x\"y and 10.1234/ab'c", "doi:10.1000/x\"y and 10.1234/ab'c");
	check("en", "set width=\"100\" and name='x' here", "set width=\"100\" and name='x' here");
	check("en", "“already” ‘typographic’", "“already” ‘typographic’");
	/* Hebrew abbreviations (gershayim) and geresh stay as typed. */
	check("he", "צה\"ל ג'", "צה\"ל ג'");
	check("en", "", "");
}

/* Odd inputs in every language: the result is valid UTF-8, never longer
 * than the marks can make it, and the same for the same input. */
static void test_odd_inputs(void **state)
{
	(void)state;
	static const char *const langs[] = {"en", "fr", "de", "ja", "he", "ar", "ru", "pl", "fa"};
	static const char *const inputs[] = {
	    "\"", "'", "\" \"", "' '", "\"\"", "''", "\"'\"'", " \" ", "« »", "«»", "« \" »",
	    "a\"b\"c", "5'", "5\"", "'5'", "\"\u05d0\"", "x='", "http://", "10./", "10.1/\"",
	    "\u00ab \u00ab \u00bb \u00bb", "\"\xE2\x80\xAF\"", "\" \xC2\xA0\"", "\n\"\n'\n",
	};
	for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++)
		for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
			size_t n = strlen(inputs[i]), bad;
			char *a = folio_present_quotes(langs[l], inputs[i], n);
			char *b = folio_present_quotes(langs[l], inputs[i], n);
			assert_non_null(a);
			if (!folio_utf8_valid(a, strlen(a), &bad))
				fail_msg("%s: %s: invalid UTF-8 out", langs[l], inputs[i]);
			assert_true(strlen(a) <= n * 6);
			assert_string_equal(a, b);
			free(a);
			free(b);
		}
	check("fr", "\" \"", "«" NNBSP "»");
}

static folio_doc *import(const char *md, folio_quotes quotes)
{
	folio_import_options o = {.size = sizeof o, .format = FOLIO_INPUT_MARKDOWN, .quotes = quotes};
	folio_error err;
	folio_doc *doc = folio_import_memory(md, strlen(md), "t.md", &o, &err);
	if (doc == NULL)
		fail_msg("import failed: %s", err.message);
	return doc;
}

/* The literals of the document's inline nodes, joined with '|'. */
static void literals(const folio_node *n, char *out, size_t cap)
{
	size_t len = 0;
	folio_node_type t = folio_node_get_type(n);
	const char *s = t == FOLIO_NODE_TEXT || t == FOLIO_NODE_CODE || t == FOLIO_NODE_CODE_BLOCK
	                    ? folio_node_literal(n, &len)
	                    : NULL;
	size_t used = strlen(out);
	if (s != NULL && used + len + 2 < cap) {
		memcpy(out + used, s, len);
		memcpy(out + used + len, "|", 2);
	}
	for (const folio_node *c = folio_node_first_child(n); c; c = folio_node_next(c))
		literals(c, out, cap);
}

static const char *const article =
    "---\ntitle: '\"Back pain\" at work'\nsummary: It's short.\nlang: en\n---\n"
    "# Don't \"lift\"\n\n"
    "She said \"**don't** lift `x=\"1\"`\" today.\n\n"
    "Try [\"this\" page](https://example.org) or <https://example.org/it's>.\n\n"
    "```\nprint(\"code\")\n```\n\n"
    "| \"a\" |\n|---|\n| it's |\n\n"
    "![A \"desk\"](d.png \"The 'setup'\")\n";

static void test_document(void **state)
{
	(void)state;
	folio_doc *doc = import(article, FOLIO_QUOTES_TYPOGRAPHIC);
	char buf[2048] = "";
	literals(folio_doc_root(doc), buf, sizeof buf);
	assert_string_equal(folio_doc_get(doc, FOLIO_META_TITLE), "“Back pain” at work");
	assert_string_equal(folio_doc_get(doc, FOLIO_META_SUMMARY), "It’s short.");
	/* Across emphasis and around a code span; code, autolinks and code blocks as typed. */
	assert_non_null(strstr(buf, "Don’t “lift”|"));
	assert_non_null(strstr(buf, "She said “|don’t| lift |x=\"1\"|” today.|"));
	assert_non_null(strstr(buf, "Try |“this” page| or |https://example.org/it's|.|"));
	assert_non_null(strstr(buf, "print(\"code\")"));
	assert_non_null(strstr(buf, "“a”|it’s|"));
	const folio_node *img = folio_doc_root(doc);
	for (img = folio_node_first_child(img); img && folio_node_get_type(img) != FOLIO_NODE_IMAGE;
	     img = folio_node_next(img))
		;
	if (img == NULL) { /* an image in a paragraph of its own */
		const folio_node *p = folio_node_last_child(folio_doc_root(doc));
		img = folio_node_first_child(p);
	}
	assert_non_null(img);
	assert_string_equal(folio_node_alt(img), "A “desk”");
	assert_string_equal(folio_node_title(img), "The ‘setup’");
	folio_doc_free(doc);
}

static void test_straight_option(void **state)
{
	(void)state;
	folio_doc *doc = import(article, FOLIO_QUOTES_STRAIGHT);
	char buf[2048] = "";
	literals(folio_doc_root(doc), buf, sizeof buf);
	assert_string_equal(folio_doc_get(doc, FOLIO_META_TITLE), "\"Back pain\" at work");
	assert_non_null(strstr(buf, "Don't \"lift\"|"));
	assert_null(strstr(buf, "\xE2\x80"));
	folio_doc_free(doc);
}

static void test_french_document(void **state)
{
	(void)state;
	const char *md = "---\nlang: fr\n---\n"
	                 "Il a dit \"*reposez-vous*\" aujourd'hui.\n";
	folio_doc *doc = import(md, FOLIO_QUOTES_TYPOGRAPHIC);
	char buf[512] = "";
	literals(folio_doc_root(doc), buf, sizeof buf);
	/* The pad goes beside the mark even when the word is in another node. */
	assert_string_equal(buf, "Il a dit «" NNBSP "|reposez-vous|" NNBSP "» aujourd’hui.|");
	folio_doc_free(doc);
	assert_int_equal(folio_doc_typographic_quotes(NULL, NULL), FOLIO_ERR_USAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_marks_per_language), cmocka_unit_test(test_context),
	    cmocka_unit_test(test_french_spacing),     cmocka_unit_test(test_untouched),
	    cmocka_unit_test(test_document),           cmocka_unit_test(test_straight_option),
	    cmocka_unit_test(test_french_document),    cmocka_unit_test(test_odd_inputs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
