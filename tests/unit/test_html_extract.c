/* Unit tests: finding the article in a page (html_extract.c). Each page is
 * written for these tests: a few paragraphs of prose that make the article,
 * and one element beside or inside it that shows one rule. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/import.h"

/* Prose enough to win the scoring: paragraphs with commas. */
#define PROSE                                                                                  \
	"<p>Knee pain after running is common, and most of it settles with rest, ice and a "      \
	"gradual return to training over two or three weeks.</p>"                                  \
	"<p>Strength work for the hips, thighs and calves spreads the load, so the joint takes "  \
	"less of each stride, and the tendons adapt in time.</p>"                                  \
	"<p>Shoes matter less than mileage: a sudden jump in distance, speed or hills is the "    \
	"usual cause, and the cure is patience, not equipment.</p>"                                \
	"<p>See a physiotherapist when the knee swells, locks or gives way, or when pain wakes "  \
	"you at night, because those signs need an examination.</p>"

static char *extract(const char *body)
{
	char html[16384];
	snprintf(html, sizeof(html),
	         "<!DOCTYPE html><html lang='en'><head><title>Knee pain</title></head>"
	         "<body><nav><a href='/'>Home</a> <a href='/blog'>Blog</a></nav>%s"
	         "<footer>Riverside Clinic, all rights reserved</footer></body></html>",
	         body);
	folio_import_options o = {.size = sizeof(o), .format = FOLIO_INPUT_HTML};
	folio_error err;
	folio_doc *doc = folio_import_memory(html, strlen(html), "page.html", &o, &err);
	if (doc == NULL)
		fail_msg("import failed: %s", err.message);
	char *t = folio_node_plain_text(folio_doc_root(doc));
	folio_doc_free(doc);
	if (strstr(t, "Knee pain after running") == NULL)
		fail_msg("the article was not found: %s", t);
	return t;
}

static void assert_kept(const char *text, const char *what)
{
	if (strstr(text, what) == NULL)
		fail_msg("dropped: '%s' from: %s", what, text);
}

static void assert_dropped(const char *text, const char *what)
{
	if (strstr(text, what) != NULL)
		fail_msg("kept: '%s' in: %s", what, text);
}

/* A short hint word counts only at the start or end of a name part: a
 * section named "setting-expectations" is no call to action ("cta"), one
 * named "cta-box" is. */
static void test_short_hints_need_a_boundary(void **state)
{
	(void)state;
	char *t = extract("<article><h1>Knee pain</h1>" PROSE
	                  "<section id='setting-expectations'><h2>What to expect</h2>"
	                  "<p>Recovery takes weeks, not days, and it rarely follows a straight "
	                  "line.</p></section>"
	                  "<div class='cta-box'><a href='/book'>Book now</a> and save</div>"
	                  "</article>");
	assert_kept(t, "rarely follows a straight line");
	assert_dropped(t, "Book now");
	free(t);
}

/* A list of footnotes is the article's, though "foot" starts its name. */
static void test_footnotes_are_article(void **state)
{
	(void)state;
	char *t = extract("<article>" PROSE
	                  "<div class='footnotes'><p id='fn1'>1. Runners in the trial logged "
	                  "twenty kilometres a week.</p></div></article>");
	assert_kept(t, "twenty kilometres a week");
	free(t);
}

/* A data table stays whole, though its cells are mostly links and short. */
static void test_data_table_is_kept(void **state)
{
	(void)state;
	char *t = extract("<article>" PROSE
	                  "<table class='schedule'><thead><tr><th>Week</th><th>Distance</th></tr>"
	                  "</thead><tbody>"
	                  "<tr><td><a href='/w1'>One</a></td><td><a href='/d1'>5 km</a></td></tr>"
	                  "<tr><td><a href='/w2'>Two</a></td><td><a href='/d2'>8 km</a></td></tr>"
	                  "<tr><td><a href='/w3'>Three</a></td><td><a href='/d3'>12 km</a></td></tr>"
	                  "</tbody></table></article>");
	assert_kept(t, "12 km");
	free(t);
}

/* A short block without links (a caption written as a <div>) is text; one
 * that only says "Advertisement" is not; nor is a chart's positioned labels
 * (ai2html). */
static void test_short_blocks(void **state)
{
	(void)state;
	char *t = extract("<article>" PROSE "<div><img src='knee.png' alt=''>"
	                  "<div class='caption'>The kneecap</div></div>"
	                  "<div class='slot'>Advertisement</div>"
	                  "<div class='ai2html'><p>PROJECTED</p><p>80</p></div></article>");
	assert_kept(t, "The kneecap");
	assert_dropped(t, "Advertisement");
	assert_dropped(t, "PROJECTED");
	free(t);
}

/* A generated id that happens to start with a short hint ("NavzzU") says
 * nothing; a class that ends with one ("site-nav") does. */
static void test_generated_ids(void **state)
{
	(void)state;
	char *t = extract("<article>" PROSE
	                  "<p id='NavzzU'>Ice for twenty minutes, twice a day, calms a swollen "
	                  "knee.</p><div class='site-nav'><a href='/a'>Shoulders</a> and "
	                  "<a href='/b'>Backs</a> and more</div></article>");
	assert_kept(t, "calms a swollen knee");
	assert_dropped(t, "Shoulders");
	free(t);
}

/* Links in a list under a point of the article, links to places in the
 * page (a table of contents) and links that show their address (sources)
 * are the article's; a list of links to elsewhere at its end is not. */
static void test_link_lists(void **state)
{
	(void)state;
	char *t = extract("<article><ul><li><a href='#rest'>Rest first</a></li>"
	                  "<li><a href='#load'>Load slowly</a></li></ul>" PROSE
	                  "<ul><li>Studies under way:<ul>"
	                  "<li><a href='/s1'>Trial 12: hip strength in runners</a></li>"
	                  "<li><a href='/s2'>Trial 14: cadence and knee load</a></li>"
	                  "</ul></li></ul>"
	                  "<h2>Sources</h2><ul>"
	                  "<li><a href='https://example.org/a'>https://example.org/a</a></li>"
	                  "<li><a href='https://example.org/b'>https://example.org/b</a></li>"
	                  "</ul>"
	                  "<ul><li><a href='/other'>Ten stretches for tight hamstrings</a></li>"
	                  "<li><a href='/more'>Why your back aches at work</a></li></ul>"
	                  "</article>");
	assert_kept(t, "Load slowly");
	assert_kept(t, "cadence and knee load");
	assert_kept(t, "https://example.org/b");
	assert_dropped(t, "tight hamstrings");
	free(t);
}

/* A page whose wrapper has a boilerplate name ("above-footer" around all
 * but the footer) keeps its article: the wrapper holds the <h1> and most of
 * the text. An id made of a heading's words ("sharing-...") is no hint. */
static void test_wrappers_and_heading_ids(void **state)
{
	(void)state;
	char *t = extract("<div class='above-footer'><h1>Knee pain</h1><div class='post'>" PROSE
	                  "<div class='section' id='sharing-the-plan-with-your-coach'>"
	                  "<h2>Sharing the plan with your coach</h2><p>Tell your coach which "
	                  "sessions hurt, how long the pain lasts and what eases it.</p></div>"
	                  "</div></div><div class='clinic'><p>Riverside Clinic opened in 1998, and "
	                  "its team of six physiotherapists, two nurses and a sports doctor sees "
	                  "runners, cyclists, swimmers and walkers of every age, from children to "
	                  "grandparents, six days a week, with evening hours on Tuesdays and "
	                  "Thursdays, and a walk-in hour on Saturday mornings for injuries that "
	                  "cannot wait, such as sprains, strains, and sudden swelling.</p></div>");
	assert_kept(t, "which sessions hurt");
	free(t);
}

/* Cells of text score their table row; the row is one part of a table, and
 * the prose around the table is the article too. */
static void test_table_row_does_not_win_alone(void **state)
{
	(void)state;
#define SIGNED                                                                                 \
	"<td>Ana Lima, physio, Porto, Portugal; Ben Ode, coach, Leeds, England; Cy Park, "         \
	"runner, Busan, Korea; Di Roy, nurse, Lyon, France; Ed Ma, surgeon, Perth, Australia</td>"
	char *t = extract("<div>" PROSE "<table><tbody><tr>" SIGNED SIGNED SIGNED SIGNED SIGNED SIGNED
	                  "</tr></tbody></table></div>");
	assert_kept(t, "Ana Lima");
	free(t);
#undef SIGNED
}

/* A reference list supports the article and is never taken for it, however
 * many commas its citations have. */
static void test_reference_list_is_not_the_article(void **state)
{
	(void)state;
	char cites[8192] = "";
	for (int i = 0; i < 30; i++) {
		char one[256];
		snprintf(one, sizeof(one),
		         "<li><p>Roy J, Lee K, Diaz M, Chen L, et al. Knee load in runners, part %d. "
		         "J Sport Med, 2019, 12(3), 45-52.</p></li>",
		         i);
		strncat(cites, one, sizeof(cites) - strlen(cites) - 1);
	}
	char page[12288];
	snprintf(page, sizeof(page),
	         "<main><div class='abstract'>" PROSE "</div><div class='refs'><h2>References</h2>"
	         "<ol class='article-references'>%s</ol></div></main>",
	         cites);
	char *t = extract(page);
	assert_kept(t, "See a physiotherapist");
	free(t);
}

/* A sidebar column beside the article does not join it, even when it is
 * one picture and a caption (the author's). */
static void test_sidebar_column_does_not_join(void **state)
{
	(void)state;
	char *t = extract("<div class='row'><div class='col-content'>" PROSE "</div>"
	                  "<div class='col l-sidebar'><img src='me.jpg' alt=''>"
	                  "<p>I am a runner and I write about running injuries here.</p></div>"
	                  "</div>");
	assert_dropped(t, "I write about running injuries");
	free(t);
}

/* A MathML formula keeps its text ("a ≠ 0"), not its TeX annotation. */
static void test_mathml_text(void **state)
{
	(void)state;
	char *t = extract("<article>" PROSE "<p>The load grows as <math><mi>F</mi><mo>=</mo>"
	                  "<mn>3</mn><mi>W</mi><annotation encoding='application/x-tex'>F=3W"
	                  "</annotation></math> when running downhill, so go slowly.</p></article>");
	assert_kept(t, "The load grows as F = 3 W when running downhill");
	assert_dropped(t, "F=3W");
	free(t);
}

/* A dateline that opens a story's first sentence stays with it; a byline
 * block on its own goes. */
static void test_dateline_in_sentence(void **state)
{
	(void)state;
	char *t = extract("<article><div class='byline'>By Jane Roy, March 3, 2021</div>"
	                  "<p><span class='dateline'>LEEDS &#8211; </span>Four runners in five "
	                  "who rested for two weeks were back to full training within a month, "
	                  "a clinic survey found.</p>" PROSE "</article>");
	assert_kept(t, "LEEDS");
	assert_dropped(t, "By Jane Roy");
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_short_hints_need_a_boundary),
	    cmocka_unit_test(test_footnotes_are_article),
	    cmocka_unit_test(test_data_table_is_kept),
	    cmocka_unit_test(test_short_blocks),
	    cmocka_unit_test(test_generated_ids),
	    cmocka_unit_test(test_link_lists),
	    cmocka_unit_test(test_wrappers_and_heading_ids),
	    cmocka_unit_test(test_table_row_does_not_win_alone),
	    cmocka_unit_test(test_reference_list_is_not_the_article),
	    cmocka_unit_test(test_sidebar_column_does_not_join),
	    cmocka_unit_test(test_mathml_text),
	    cmocka_unit_test(test_dateline_in_sentence),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
