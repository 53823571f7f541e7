/* Unit tests: the HTML importer (import_html.c, html_extract.c, html_meta.c)
 * and the JSON-LD reader (json_read.c). Every page here was written for
 * these tests. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/import.h"
#include "html_private.h"
#include "json_private.h"

static folio_doc *page(const char *html)
{
	folio_import_options o = {.size = sizeof(o), .format = FOLIO_INPUT_HTML};
	folio_error err;
	folio_doc *doc = folio_import_memory(html, strlen(html), "page.html", &o, &err);
	if (doc == NULL)
		fail_msg("import failed: %s", err.message);
	return doc;
}

static char *body_text(const folio_doc *doc)
{
	return folio_node_plain_text(folio_doc_root(doc));
}

static void test_wordpress_fixture(void **state)
{
	(void)state;
	folio_error err;
	folio_doc *doc = folio_import_file(FOLIO_TEST_SOURCE_DIR "/tests/fixtures/html/wordpress.html",
	                                   NULL, &err);
	assert_non_null(doc);
	assert_string_equal(folio_doc_get(doc, FOLIO_META_TITLE),
	                    "Five Ways to Ease Morning Back Stiffness");
	assert_string_equal(folio_doc_get(doc, FOLIO_META_DATE), "2021-03-14");
	assert_string_equal(folio_doc_get(doc, FOLIO_META_LANG), "en-US");
	assert_int_equal(folio_doc_author_count(doc), 1);
	assert_string_equal(folio_doc_author_name(doc, 0), "Marguerite Oduya");
	assert_string_equal(folio_doc_author_credentials(doc, 0), "PT, DPT");
	assert_string_equal(folio_doc_get(doc, FOLIO_META_URL),
	                    "https://riverbendphysio.example/blog/morning-back-stiffness/");
	char *t = body_text(doc);
	assert_non_null(strstr(t, "rusty hinge"));
	assert_non_null(strstr(t, "Motion is lotion"));
	static const char *const leaks[] = {"cookies", "Leave a Reply", "newsletter", "Recent Posts",
	                                    "Share this", "About Marguerite", "All rights reserved",
	                                    "Our Team", "4 Comments", "Is your phone"};
	for (size_t i = 0; i < sizeof(leaks) / sizeof(leaks[0]); i++)
		if (strstr(t, leaks[i]))
			fail_msg("boilerplate leaked: %s", leaks[i]);
	free(t);
	/* Structure: the image resolved against the canonical URL, a table, a
	 * references section with parsed citations. */
	int images = 0, tables = 0, refs = 0, quotes = 0;
	for (folio_node *n = folio_node_first_child(folio_doc_root(doc)); n; n = folio_node_next(n)) {
		folio_node_type ty = folio_node_get_type(n);
		if (ty == FOLIO_NODE_IMAGE) {
			images++;
			assert_string_equal(folio_node_url(n), "https://riverbendphysio.example/blog/img/stretch.jpg");
			assert_non_null(strstr(folio_node_title(n), "cat-cow"));
			assert_non_null(strstr(folio_node_alt(n), "mat"));
		}
		tables += ty == FOLIO_NODE_TABLE;
		quotes += ty == FOLIO_NODE_BLOCK_QUOTE;
		if (ty == FOLIO_NODE_REFERENCES) {
			refs = (int)folio_node_child_count(n);
			const folio_citation *c = folio_node_citation(folio_node_first_child(n));
			assert_string_equal(folio_citation_get(c, FOLIO_CITE_DOI),
			                    "10.1016/j.spinee.2018.09.010");
		}
	}
	assert_int_equal(images, 1);
	assert_int_equal(tables, 1);
	assert_int_equal(quotes, 1);
	assert_int_equal(refs, 2);
	folio_doc_free(doc);
}

static void test_visible_byline_and_french(void **state)
{
	(void)state;
	folio_doc *doc = page(
	    "<html><head><title>Douleur au genou : que faire ? - Clinique Saint-Laurent</title></head>"
	    "<body><div class='post'><h1>Douleur au genou : que faire ?</h1>"
	    "<p class='meta'>12 mars 2020 par Sophie Tremblay 3 commentaires</p>"
	    "<div class='post-body'><p>La douleur au genou est une des raisons les plus fréquentes de "
	    "consultation dans notre clinique, et elle touche autant les sportifs que les personnes qui "
	    "passent la journée assises.</p><p>Dans la plupart des cas, le repos relatif et des "
	    "exercices ciblés suffisent pour que le genou retrouve sa force et sa mobilité.</p>"
	    "</div></div></body></html>");
	assert_string_equal(folio_doc_get(doc, FOLIO_META_TITLE), "Douleur au genou : que faire ?");
	assert_string_equal(folio_doc_get(doc, FOLIO_META_LANG), "fr");
	assert_string_equal(folio_doc_get(doc, FOLIO_META_DATE), "2020-03-12");
	assert_int_equal(folio_doc_author_count(doc), 1);
	assert_string_equal(folio_doc_author_name(doc, 0), "Sophie Tremblay");
	folio_doc_free(doc);
}

static void test_english_by_line(void **state)
{
	(void)state;
	folio_doc *doc = page(
	    "<html><body><article><h1>Why shoulders click</h1>"
	    "<div class='entry-meta'>July 24, 2019 by Daniel Okafor 5 Comments</div>"
	    "<p>A click in the shoulder when you lift your arm is usually harmless, and most people "
	    "who notice it have no pain at all, no weakness and no loss of movement.</p>"
	    "<p>When a click comes with pain, though, it is worth having a physiotherapist look at "
	    "how the shoulder blade moves, because that is often where the trouble starts.</p>"
	    "</article></body></html>");
	assert_string_equal(folio_doc_get(doc, FOLIO_META_DATE), "2019-07-24");
	assert_int_equal(folio_doc_author_count(doc), 1);
	assert_string_equal(folio_doc_author_name(doc, 0), "Daniel Okafor");
	assert_string_equal(folio_doc_get(doc, FOLIO_META_LANG), "en");
	char *t = body_text(doc);
	assert_null(strstr(t, "Comments"));
	assert_null(strstr(t, "Why shoulders click")); /* the title is metadata */
	free(t);
	folio_doc_free(doc);
}

static void test_latin1_page(void **state)
{
	(void)state;
	/* Windows-1252 bytes, declared by <meta charset>: not refused as bad UTF-8. */
	const char *html = "<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title></head>"
	                   "<body><p>R\xe9\x65\x64ucation de l'\xe9paule apr\xe8s une chirurgie, "
	                   "avec des exercices simples pour retrouver le mouvement.</p></body></html>";
	folio_doc *doc = page(html);
	assert_string_equal(folio_doc_get(doc, FOLIO_META_TITLE), "Café");
	char *t = body_text(doc);
	assert_non_null(strstr(t, "l\u2019épaule après")); /* an apostrophe, typographic */
	free(t);
	folio_doc_free(doc);
}

static void test_detection(void **state)
{
	(void)state;
	assert_int_equal(folio_input_detect("a.html", "", 0), FOLIO_INPUT_HTML);
	assert_int_equal(folio_input_detect("a.HTM", "", 0), FOLIO_INPUT_HTML);
	const char *p = "  <!DOCTYPE html><html><body>x</body></html>";
	assert_int_equal(folio_input_detect(NULL, p, strlen(p)), FOLIO_INPUT_HTML);
	assert_int_equal(folio_input_detect("a.txt", "Hello <b>", 9), FOLIO_INPUT_CLIP);
	assert_int_equal(folio_input_format_from_name("html"), FOLIO_INPUT_HTML);
}

static void test_hostile(void **state)
{
	(void)state;
	static const char *const inputs[] = {
	    "", "<", "<html", "<p>", "\x00\x01", "<script>{\"@type\":", "<a href='javascript:x'>y</a>",
	    "<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>",
	    "<script type='application/ld+json'>{\"@type\":\"Article\",\"author\":[{\"name\":1},\"\\uZZZZ\"]}</script>",
	};
	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		folio_import_options o = {.size = sizeof(o), .format = FOLIO_INPUT_HTML};
		folio_error err;
		folio_doc *doc = folio_import_memory(inputs[i], strlen(inputs[i]), "x.html", &o, &err);
		assert_non_null(doc);
		folio_doc_free(doc);
	}
	/* Deep nesting is cut, not followed to a stack overflow. */
	size_t n = 20000;
	char *deep = malloc(n * 5 + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(deep + i * 5, "<div>", 5);
	deep[n * 5] = '\0';
	folio_doc *doc = page(deep);
	folio_doc_free(doc);
	free(deep);
}

static void test_json_reader(void **state)
{
	(void)state;
	folio_doc *doc = folio_doc_new();
	const char *s = " {\"a\": [1, true, null, \"x\\u00e9\\ud83d\\ude00\"], \"b\": {\"c\": \"d\"}} ";
	json_value *v = folio_json_parse(doc, s, strlen(s));
	assert_non_null(v);
	const json_value *a = folio_json_get(v, "a");
	assert_int_equal(a->type, JSON_ARRAY);
	assert_string_equal(folio_json_text(a->first), "1");
	assert_string_equal(folio_json_text(a->first->next->next->next), "x\xc3\xa9\xf0\x9f\x98\x80");
	assert_string_equal(folio_json_text(folio_json_get(folio_json_get(v, "b"), "c")), "d");
	assert_null(folio_json_parse(doc, "{\"a\":", 5));
	assert_null(folio_json_parse(doc, "[1 2]", 5));
	folio_doc_free(doc);
}

/* A gallery (WordPress's block: a figure holding a list of figures) keeps
 * every picture with its own caption, in order, then its own caption. */
static void test_gallery(void **state)
{
	(void)state;
	folio_doc *doc = page(
	    "<html><body><article><h1>Our new treatment rooms</h1><p>We moved in March. The rooms "
	    "are larger, brighter and closer to the car park, and every one has a window.</p>"
	    "<figure class='wp-block-gallery'><ul>"
	    "<li><figure><img src='a.jpg' alt='Room one'><figcaption>The exercise room</figcaption>"
	    "</figure></li>"
	    "<li><figure><a href='b.html'><img src='b.jpg' alt='Room two'></a><figcaption>The quiet "
	    "room</figcaption></figure></li>"
	    "<li><figure><img src='c.jpg' alt='Room three'></figure></li></ul>"
	    "<figcaption>Three rooms, one floor</figcaption></figure>"
	    "<p>Parking is free for patients for the first two hours of every visit.</p>"
	    "</article></body></html>");
	static const char *const alts[] = {"Room one", "Room two", "Room three"};
	static const char *const captions[] = {"The exercise room", "The quiet room", NULL};
	size_t k = 0;
	for (folio_node *n = folio_node_first_child(folio_doc_root(doc)); n; n = folio_node_next(n)) {
		if (folio_node_get_type(n) != FOLIO_NODE_IMAGE)
			continue;
		assert_true(k < 3);
		assert_string_equal(folio_node_alt(n), alts[k]);
		if (captions[k])
			assert_string_equal(folio_node_title(n), captions[k]);
		else
			assert_null(folio_node_title(n));
		k++;
	}
	assert_int_equal(k, 3);
	char *t = body_text(doc);
	assert_non_null(strstr(t, "Three rooms, one floor"));
	free(t);
	folio_doc_free(doc);
}

static void on_explain(void *ud, unsigned line, const char *text, const char *reason)
{
	(void)line;
	(void)text;
	int *count = ud;
	if (strstr(reason, "boilerplate"))
		(*count)++;
}

static void test_explain_reports_boilerplate(void **state)
{
	(void)state;
	int count = 0;
	folio_import_options o = {.size = sizeof(o), .explain = on_explain, .explain_userdata = &count};
	folio_error err;
	folio_doc *doc = folio_import_file(FOLIO_TEST_SOURCE_DIR "/tests/fixtures/html/wordpress.html",
	                                   &o, &err);
	assert_non_null(doc);
	assert_true(count >= 3);
	folio_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_wordpress_fixture),
	    cmocka_unit_test(test_gallery),
	    cmocka_unit_test(test_visible_byline_and_french),
	    cmocka_unit_test(test_english_by_line),
	    cmocka_unit_test(test_latin1_page),
	    cmocka_unit_test(test_detection),
	    cmocka_unit_test(test_hostile),
	    cmocka_unit_test(test_json_reader),
	    cmocka_unit_test(test_explain_reports_boilerplate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
