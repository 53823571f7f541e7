/* Unit tests: what a page says about itself (html_meta.c) — which of its
 * titles, authors and dates the HTML importer keeps. Every page here was
 * written for these tests; each shows one rule the way real pages use it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/import.h"

/* A body long enough to be an article, so the page is judged on its
 * metadata alone. */
#define BODY                                                                                      \
	"<p>Most people who sprain an ankle walk again within days, but the ligaments take weeks " \
	"to regain their strength, and the balance the joint lost takes longer still.</p>"         \
	"<p>Simple exercises on one foot, started early and kept up for a month, halve the "       \
	"chance of spraining the same ankle again in the following year.</p>"

static folio_doc *page(const char *html)
{
	folio_import_options o = {.size = sizeof(o), .format = FOLIO_INPUT_HTML};
	folio_error err;
	folio_doc *doc = folio_import_memory(html, strlen(html), "page.html", &o, &err);
	if (doc == NULL)
		fail_msg("import failed: %s", err.message);
	return doc;
}

static void assert_title(const char *html, const char *want)
{
	folio_doc *doc = page(html);
	const char *got = folio_doc_get(doc, FOLIO_META_TITLE);
	if (got == NULL || strcmp(got, want) != 0)
		fail_msg("title: got \"%s\", want \"%s\"", got ? got : "(none)", want);
	folio_doc_free(doc);
}

/* JSON-LD wrapped in CDATA (as many CMS templates write it) is read: its
 * headline over a different og:title, its author and its date. */
static void test_json_ld_in_cdata(void **state)
{
	(void)state;
	folio_doc *doc = page(
	    "<html><head><title>Ankles that give way - Harbour Clinic</title>"
	    "<meta property='og:title' content='Why your ankle keeps rolling'>"
	    "<script type='application/ld+json'>//<![CDATA[\n"
	    "[{\"@context\":\"https://schema.org\",\"@type\":\"BlogPosting\","
	    "\"headline\":\"Ankles that give way\",\"datePublished\":\"2021-05-04T10:00:00-04:00\","
	    "\"author\":[{\"@type\":\"Person\",\"name\":\"Ines Marchetti\"},"
	    "{\"@type\":\"Person\",\"name\":\"Tomas Lindqvist\"}]}]\n//]]></script>"
	    "</head><body><article>" BODY "</article></body></html>");
	assert_string_equal(folio_doc_get(doc, FOLIO_META_TITLE), "Ankles that give way");
	assert_string_equal(folio_doc_get(doc, FOLIO_META_DATE), "2021-05-04");
	assert_int_equal(folio_doc_author_count(doc), 2);
	assert_string_equal(folio_doc_author_name(doc, 0), "Ines Marchetti");
	assert_string_equal(folio_doc_author_name(doc, 1), "Tomas Lindqvist");
	folio_doc_free(doc);
}

/* JSON-LD "name" and "headline" differ: the one that matches <title> is the
 * title (Readability.js's rule), else the headline. */
static void test_json_ld_name_or_headline(void **state)
{
	(void)state;
	assert_title("<html><head><title>Balance exercises after a sprain - Harbour Clinic</title>"
	             "<script type='application/ld+json'>{\"@type\":\"Article\","
	             "\"name\":\"Balance exercises after a sprain\","
	             "\"headline\":\"Patient handout\"}</script></head>"
	             "<body><article>" BODY "</article></body></html>",
	             "Balance exercises after a sprain");
	assert_title("<html><head><title>Physio notes</title>"
	             "<script type='application/ld+json'>{\"@type\":\"Article\","
	             "\"name\":\"Ankle series, part two\","
	             "\"headline\":\"Balance exercises after a sprain\"}</script></head>"
	             "<body><article>" BODY "</article></body></html>",
	             "Balance exercises after a sprain");
}

/* A mere WebPage's "name" is often a section's ("Audio"); it names the
 * article only when it agrees with <title>. */
static void test_json_ld_webpage_name(void **state)
{
	(void)state;
	assert_title("<html><head><title>Balance after a sprain | Harbour Clinic</title>"
	             "<meta property='og:site_name' content='Harbour Clinic'>"
	             "<script type='application/ld+json'>{\"@type\":\"WebPage\","
	             "\"name\":\"Audio\"}</script></head>"
	             "<body><article>" BODY "</article></body></html>",
	             "Balance after a sprain");
}

/* The <title>s of inline SVG icons are no page title. */
static void test_svg_titles_ignored(void **state)
{
	(void)state;
	assert_title("<html><head><title></title></head><body>"
	             "<svg><title>icon-share</title><path d='M0 0'/></svg>"
	             "<article><h1>Balance after a sprain</h1>" BODY "</article></body></html>",
	             "Balance after a sprain");
}

/* "Site » Blog Archive » Title" (WordPress's classic themes) is the title,
 * whatever the site is called and whatever its header's <h1> says. */
static void test_blog_archive_title(void **state)
{
	(void)state;
	assert_title("<html><head><title>Notes from the Treatment Room &raquo; Blog Archive "
	             "&raquo; Balance after a sprain</title></head><body>"
	             "<div id='header'><h1>Notes from the Treatment Room</h1></div>"
	             "<div class='post'><h2>Balance after a sprain</h2>" BODY "</div></body></html>",
	             "Balance after a sprain");
}

/* A documentation page: "Page — Manual" where the header's <h1> names the
 * manual and the page's own <h1> carries a permalink mark ("¶"). */
static void test_docs_title_and_permalink(void **state)
{
	(void)state;
	assert_title("<html><head><title>Recovering after a sprain \xe2\x80\x94 ankle care guide"
	             "</title></head><body><div class='header'><h1>ankle care guide</h1></div>"
	             "<div class='body'><h1>Recovering after a sprain<a class='headerlink' "
	             "href='#r'>\xc2\xb6</a></h1>" BODY "</div></body></html>",
	             "Recovering after a sprain");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_json_ld_in_cdata),
	    cmocka_unit_test(test_json_ld_name_or_headline),
	    cmocka_unit_test(test_json_ld_webpage_name),
	    cmocka_unit_test(test_svg_titles_ignored),
	    cmocka_unit_test(test_blog_archive_title),
	    cmocka_unit_test(test_docs_title_and_permalink),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
