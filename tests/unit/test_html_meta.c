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

static void assert_date(const char *html, const char *want)
{
	folio_doc *doc = page(html);
	const char *got = folio_doc_get(doc, FOLIO_META_DATE);
	if (got == NULL || strcmp(got, want) != 0)
		fail_msg("date: got \"%s\", want \"%s\"", got ? got : "(none)", want);
	folio_doc_free(doc);
}

/* The date in the canonical address, by number or month name. */
static void test_date_in_url(void **state)
{
	(void)state;
	assert_date("<html><head><title>Balance</title><link rel='canonical' "
	            "href='https://clinic.example/2019/10/21/balance-after-a-sprain/'></head>"
	            "<body><article>" BODY "</article></body></html>",
	            "2019-10-21");
	assert_date("<html><head><title>Balance</title><meta property='og:url' "
	            "content='https://news.example/health/2020/oct/02/balance-after-a-sprain'></head>"
	            "<body><article>" BODY "</article></body></html>",
	            "2020-10-02");
	/* An id that merely looks like a year is no date. */
	folio_doc *doc = page("<html><head><title>Balance</title><link rel='canonical' "
	                      "href='https://clinic.example/20190/10/21/x'></head>"
	                      "<body><article>" BODY "</article></body></html>");
	assert_null(folio_doc_get(doc, FOLIO_META_DATE));
	folio_doc_free(doc);
}

/* <meta name=date>, DCTERMS.date and the rest of htmldate's names. */
static void test_date_meta_names(void **state)
{
	(void)state;
	assert_date("<html><head><title>Balance</title>"
	            "<meta name='DCTERMS.date' content='2020-02-03T09:03:10+00:00'></head>"
	            "<body><article>" BODY "</article></body></html>",
	            "2020-02-03");
	assert_date("<html><head><title>Balance</title><meta name='date' content='2018-11-05'>"
	            "</head><body><article>" BODY "</article></body></html>",
	            "2018-11-05");
}

/* Blogger's <abbr itemprop=datePublished title=...>. */
static void test_date_abbr_title(void **state)
{
	(void)state;
	assert_date("<html><head><title>Balance</title></head><body><div class='post'>"
	            "<h3>Balance after a sprain</h3>" BODY "<span class='post-timestamp'>at "
	            "<abbr class='published' itemprop='datePublished' "
	            "title='2019-10-16T14:05:00-07:00'>2:05 PM</abbr></span></div></body></html>",
	            "2019-10-16");
}

/* A UTC timestamp yields to the page's local date of the same instant, not
 * to a comment's time elsewhere on the page. */
static void test_date_utc_and_comment_times(void **state)
{
	(void)state;
	assert_date("<html><head><title>Balance</title><meta property='article:published_time' "
	            "content='2020-08-14T21:30:04+00:00'></head><body><article>" BODY
	            "</article><ol class='comments'><li><time datetime='2020-08-15T09:35:53-07:00'>"
	            "Aug 15</time> Thanks!</li></ol></body></html>",
	            "2020-08-14");
	assert_date("<html><head><title>Balance</title><meta property='article:published_time' "
	            "content='2020-08-15T02:30:04Z'></head><body><article><time "
	            "datetime='2020-08-14T19:30:04-07:00'>August 14, 2020</time>" BODY
	            "</article></body></html>",
	            "2020-08-14");
}

/* Printed dates: a "Published On" line, a date just under the <h1>, an
 * element whose class names a time. */
static void test_visible_dates(void **state)
{
	(void)state;
	assert_date("<html><head><title>Balance</title></head><body><div class='top'>"
	            "<span>Published On May 10, 2022 01:52 PM</span></div><div>" BODY
	            "</div></body></html>",
	            "2022-05-10");
	assert_date("<html><head><title>Balance</title></head><body><div class='side'>"
	            "<p>Our opening hours</p></div><div class='post'><h1>Balance after a sprain</h1>"
	            "<p>January 22, 2014</p>" BODY "</div><div class='side'><p>March 3, 2013</p>"
	            "</div></body></html>",
	            "2014-01-22");
	assert_date("<html><head><title>Balance</title></head><body><div>"
	            "<span class='text-tag time-rubric'>Jan 18, 2019</span></div><div>" BODY
	            "</div></body></html>",
	            "2019-01-18");
}

/* The authors' names, joined by " ; " ("" when none). */
static void assert_authors(const char *html, const char *want)
{
	folio_doc *doc = page(html);
	char got[512] = "";
	for (size_t i = 0; i < folio_doc_author_count(doc); i++) {
		if (i > 0)
			strncat(got, " ; ", sizeof(got) - strlen(got) - 1);
		strncat(got, folio_doc_author_name(doc, i), sizeof(got) - strlen(got) - 1);
	}
	if (strcmp(got, want) != 0)
		fail_msg("authors: got \"%s\", want \"%s\"", got, want);
	folio_doc_free(doc);
}

#define YOAST_GRAPH                                                                             \
	"<script type='application/ld+json'>{\"@context\":\"https://schema.org\",\"@graph\":["    \
	"{\"@type\":\"Article\",\"headline\":\"Balance\",\"author\":{\"@id\":"                \
	"\"https://clinic.example/#/schema/person/7\"}},{\"@type\":\"Person\",\"@id\":"          \
	"\"https://clinic.example/#/schema/person/7\",\"name\":\"Ines Marchetti\"}]}</script>"

/* A JSON-LD author given by "@id" (Yoast's @graph) is the Person it points
 * to; being the WordPress account that posted, it yields to a <meta>
 * author. */
static void test_json_ld_author_by_id(void **state)
{
	(void)state;
	assert_authors("<html><head><title>Balance</title>" YOAST_GRAPH "</head><body><article>" BODY
	               "</article></body></html>",
	               "Ines Marchetti");
	assert_authors("<html><head><title>Balance</title>" YOAST_GRAPH
	               "<meta name='parsely-author' content='Tomas Lindqvist'></head><body><article>" BODY
	               "</article></body></html>",
	               "Tomas Lindqvist");
}

/* Bylines in <meta>: "By " taken off (NYT's byl), Yoast's "Written by"
 * card, og:article:author; " for The Paper" is no part of a name. */
static void test_meta_bylines(void **state)
{
	(void)state;
	assert_authors("<html><head><title>Balance</title><meta name='byl' content='By Ines Marchetti'>"
	               "</head><body><article>" BODY "</article></body></html>",
	               "Ines Marchetti");
	assert_authors("<html><head><title>Balance</title><meta name='twitter:label1' "
	               "content='Written by'><meta name='twitter:data1' content='Tomas Lindqvist'>"
	               "<meta name='twitter:label2' content='Est. reading time'><meta "
	               "name='twitter:data2' content='3 minutes'></head><body><article>" BODY
	               "</article></body></html>",
	               "Tomas Lindqvist");
	assert_authors("<html><head><title>Balance</title><meta property='og:article:author' "
	               "content='By Ines Marchetti And Tomas Lindqvist For The Harbour Gazette'>"
	               "</head><body><article>" BODY "</article></body></html>",
	               "Ines Marchetti ; Tomas Lindqvist");
}

/* The site's own name as author yields to a person the page names, and is
 * kept when there is none. */
static void test_site_name_author(void **state)
{
	(void)state;
	assert_authors("<html><head><title>Balance</title><meta property='og:site_name' "
	               "content='Harbour Gazette'><meta name='author' content='Harbour Gazette'></head>"
	               "<body><article><div class='article_author-name'><a href='/a/im'>Ines "
	               "Marchetti</a></div>" BODY "</article></body></html>",
	               "Ines Marchetti");
	assert_authors("<html><head><title>Balance</title><meta property='og:site_name' "
	               "content='Harbour Gazette'><meta name='author' content='Harbour Gazette'></head>"
	               "<body><article>" BODY "</article></body></html>",
	               "Harbour Gazette");
}

/* Visible bylines the way pages print them. */
static void test_visible_bylines(void **state)
{
	(void)state;
	/* <address>, and a date after the name that is no part of it. */
	assert_authors("<html><body><article><h1>Balance after a sprain</h1><address>By <a "
	               "href='/a/im'>Ines Marchetti</a> March 25, 2015</address>" BODY
	               "</article></body></html>",
	               "Ines Marchetti");
	/* A class in another case, a no-break space after "Par". */
	assert_authors("<html><body><article><div class='FeatureByline'>Par\xc2\xa0<b>Tomas "
	               "Lindqvist</b><br>25 mars 2015</div>" BODY "</article></body></html>",
	               "Tomas Lindqvist");
	/* A rule before "by", inside emphasis. */
	assert_authors("<html><body><article><span><strong><em>---- by Ines Marchetti</em></strong>"
	               "</span>" BODY "</article></body></html>",
	               "Ines Marchetti");
	/* React's data-testid byline, "By" and the name in two elements. */
	assert_authors("<html><body><article><div data-testid='prism-byline'><span>By</span><span><a "
	               "href='/t'>J.R. Lindqvist</a></span><span>Thursday, November 9, 2023</span></div>"
	               BODY "</article></body></html>",
	               "J.R. Lindqvist");
	/* itemprop=author holding the author's link and others in words. */
	assert_authors("<html><body><article><p>Par <span itemprop='author'><a href='/j/im'>Ines "
	               "Marchetti</a> (avec Tomas Lindqvist)</span></p>" BODY "</article></body></html>",
	               "Ines Marchetti");
	/* A name is a name even when it is a month ("Kate May"). */
	assert_authors("<html><body><article><p class='byline'>By Kate May</p>" BODY
	               "</article></body></html>",
	               "Kate May");
}

/* A post's meta line needs "By" before a name: a bare capitalised text
 * there is a menu's or a widget's. */
static void test_meta_line_needs_label(void **state)
{
	(void)state;
	assert_authors("<html><body><div class='meta'><a href='/log'>Meta Log</a></div><article>" BODY
	               "</article></body></html>",
	               "");
	assert_authors("<html><body><article><div class='entry-meta'>July 24, 2019 by Tomas "
	               "Lindqvist 5 Comments</div>" BODY "</article></body></html>",
	               "Tomas Lindqvist");
}

/* The visible heading that is the sharing title with words inside it is
 * the title; one that adds a section's label around it is not. */
static void test_heading_longer_than_title(void **state)
{
	(void)state;
	assert_title("<html><head><title>Ankle sprains | Rehab Notes</title><meta property='og:title' "
	             "content='Ankle sprains | Rehab Notes'><meta property='og:site_name' "
	             "content='Harbour Clinic'></head><body><h1>Ankle sprains (3 Exercises) | Rehab "
	             "Notes</h1><article>" BODY "</article></body></html>",
	             "Ankle sprains (3 Exercises) | Rehab Notes");
	assert_title("<html><head><title>Balance exercises after a sprain</title></head><body>"
	             "<h1>Local News | Balance exercises after a sprain</h1><article>" BODY
	             "</article></body></html>",
	             "Balance exercises after a sprain");
}

/* A headline the page marks as its article's that says something else
 * than the sharing title is what a reader sees over the text, and wins;
 * one that holds the sharing title with a label around it does not, nor
 * a header's heading that links to the home page (Blogger's blog name). */
static void test_marked_headline_over_sharing_title(void **state)
{
	(void)state;
	assert_title("<html><head><title>Five exercises for a weak ankle | Harbour Clinic</title>"
	             "<meta property='og:title' content='Five exercises for a weak ankle'></head>"
	             "<body><article><h1>Standing on one foot, again</h1>" BODY
	             "</article></body></html>",
	             "Standing on one foot, again");
	assert_title("<html><head><title>Five exercises for a weak ankle</title></head><body>"
	             "<h1 itemprop='headline'>Standing on one foot, again</h1>" BODY "</body></html>",
	             "Standing on one foot, again");
	assert_title("<html><head><title>Five exercises for a weak ankle</title></head><body>"
	             "<article><h1 class='entry-title'>Rehab | Five exercises for a weak ankle</h1>" BODY
	             "</article></body></html>",
	             "Five exercises for a weak ankle");
	assert_title("<html><head><title>Five exercises for a weak ankle</title></head><body>"
	             "<div class='header'><h1 class='title'><a href='https://harbour.example.org/'>"
	             "Notes from the Treatment Room</a></h1></div><div class='post'>" BODY
	             "</div></body></html>",
	             "Five exercises for a weak ankle");
}

/* "Site -": the template left the page's name out; with no <h1>, the first
 * section heading names the page. */
static void test_dangling_title(void **state)
{
	(void)state;
	assert_title("<html><head><title>Harbour Clinic -</title></head><body><h1></h1>"
	             "<div><h2>Winter opening hours</h2>" BODY "</div></body></html>",
	             "Winter opening hours");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_json_ld_in_cdata),
	    cmocka_unit_test(test_marked_headline_over_sharing_title),
	    cmocka_unit_test(test_json_ld_name_or_headline),
	    cmocka_unit_test(test_json_ld_webpage_name),
	    cmocka_unit_test(test_svg_titles_ignored),
	    cmocka_unit_test(test_blog_archive_title),
	    cmocka_unit_test(test_docs_title_and_permalink),
	    cmocka_unit_test(test_date_in_url),
	    cmocka_unit_test(test_date_meta_names),
	    cmocka_unit_test(test_date_abbr_title),
	    cmocka_unit_test(test_date_utc_and_comment_times),
	    cmocka_unit_test(test_visible_dates),
	    cmocka_unit_test(test_json_ld_author_by_id),
	    cmocka_unit_test(test_meta_bylines),
	    cmocka_unit_test(test_site_name_author),
	    cmocka_unit_test(test_visible_bylines),
	    cmocka_unit_test(test_meta_line_needs_label),
	    cmocka_unit_test(test_heading_longer_than_title),
	    cmocka_unit_test(test_dangling_title),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
