/* Unit tests: the clipped-web-text importer (import_clip.c, clip_rules.c) —
 * boilerplate rules, counters, bylines, dates, title choice, blocks,
 * references, language, --explain reports and hostile input. Every sample
 * here was written for these tests. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf_private.h"
#include "clip_private.h"
#include "folio/import.h"
#include "import_private.h"
#include "tree_dump.h"

/* ---- helpers ------------------------------------------------------------------ */

typedef struct explained {
	char log[8192]; /* "line:reason|" for each report */
	size_t len;
	unsigned count;
} explained;

static void on_explain(void *ud, unsigned line, const char *text, const char *reason)
{
	explained *e = ud;
	assert_non_null(text);
	e->count++;
	int n = snprintf(e->log + e->len, sizeof(e->log) - e->len, "%u:%s|", line, reason);
	if (n > 0 && (size_t)n < sizeof(e->log) - e->len)
		e->len += (size_t)n;
}

static folio_doc *parse_len(const char *s, size_t len, explained *e)
{
	folio_import_options o = {sizeof(o), FOLIO_INPUT_CLIP, 0, 0, e ? on_explain : NULL, e};
	folio_error err;
	folio_error_clear(&err);
	folio_doc *doc = folio_clip_parse(s, len, &o, &err);
	if (doc == NULL)
		fail_msg("clip import failed: %s", err.message);
	return doc;
}

static folio_doc *parse(const char *s)
{
	return parse_len(s, strlen(s), NULL);
}

static void check_tree(const char *in, const char *want)
{
	folio_doc *doc = parse(in);
	char *got = dump_doc(doc);
	if (strcmp(got, want) != 0)
		fail_msg("for:\n%s\n got: %s\nwant: %s", in, got, want);
	free(got);
	folio_doc_free(doc);
}

static void assert_str(const char *got, const char *want)
{
	if (want == NULL) {
		if (got != NULL)
			fail_msg("got \"%s\", wanted NULL", got);
		return;
	}
	if (got == NULL || strcmp(got, want) != 0)
		fail_msg("got \"%s\", wanted \"%s\"", got ? got : "(null)", want);
}

/* The whole document as one string (title, then every text), to look for
 * words that must or must not be there. */
static char *all_text(const folio_doc *doc)
{
	char *tree = dump_doc(doc);
	const char *title = folio_doc_get(doc, FOLIO_META_TITLE);
	size_t n = strlen(tree) + (title ? strlen(title) : 0) + 2;
	char *s = malloc(n);
	assert_non_null(s);
	snprintf(s, n, "%s %s", title ? title : "", tree);
	free(tree);
	return s;
}

static const char *const body_en =
    "Your shoulder blade should glide smoothly along the ribs when you lift your arm, and "
    "that is what we check first.";
static const char *const body_fr =
    "La plupart des douleurs de l’épaule s’améliorent avec des exercices simples et du "
    "temps, et nous vous montrons lesquels.";

/* ---- boilerplate ---------------------------------------------------------------- */

/* Each builder line, placed between two paragraphs, must vanish while both
 * paragraphs stay. Lines that end the article are placed after them. */
static void test_boilerplate_rows(void **state)
{
	(void)state;
	static const char *const lines[] = {
	    "Share",
	    "Facebook",
	    "Twitter",
	    "LinkedIn",
	    "Pin it",
	    "Like",
	    "Read more",
	    "See All",
	    "Lire la suite",
	    "Voir tout",
	    "Partager",
	    "J’aime",
	    "Skip to content",
	    "Post comment",
	    "Powered by Wix",
	    "© 2024 Clinique Boréale",
	    "Copyright 2023 Back Bay Physio",
	    "Copyright © 2024 North Clinic - All Rights Reserved.",
	    "Propulsé par GoDaddy",
	    "This website uses cookies.",
	    "Accept",
	    "Categories: Knees, Running",
	    "Tags: knee, running",
	    "Posted in Sports injuries",
	    "top of page",
	    "Haut de page",
	    "Previous",
	    "Next",
	};
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		char in[1024];
		snprintf(in, sizeof(in),
		         "Shoulder Blades and You\n\n%s\n\n%s\n\nA second paragraph "
		         "follows here so that the body goes on after it.\n",
		         body_en, lines[i]);
		folio_doc *doc = parse(in);
		char *t = all_text(doc);
		if (strstr(t, lines[i]) != NULL)
			fail_msg("\"%s\" reached the document: %s", lines[i], t);
		assert_non_null(strstr(t, "glide smoothly"));
		assert_non_null(strstr(t, "A second paragraph"));
		assert_str(folio_doc_get(doc, FOLIO_META_TITLE), "Shoulder Blades and You");
		free(t);
		folio_doc_free(doc);
	}
}

/* What ends the article drops everything after it, including other posts. */
static void test_end_markers(void **state)
{
	(void)state;
	static const char *const lines[] = {
	    "Recent Posts",       "Articles récents", "Related posts",
	    "Leave a comment",    "Leave a Reply",    "Log in to leave a comment",
	    "Write a comment...", "Write a comment…", "Laisser un commentaire",
	    "bottom of page",     "Comments",
	};
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		char in[1024];
		snprintf(in, sizeof(in),
		         "Shoulder Blades and You\n\n%s\n\n%s\n\nAnother Post "
		         "Title\n\n57 views\n",
		         body_en, lines[i]);
		folio_doc *doc = parse(in);
		char *t = all_text(doc);
		if (strstr(t, lines[i]) || strstr(t, "Another Post") || strstr(t, "57"))
			fail_msg("\"%s\": the tail reached the document: %s", lines[i], t);
		assert_null(folio_doc_extra(doc, "views")); /* another post's counter */
		assert_non_null(strstr(t, "glide smoothly"));
		free(t);
		folio_doc_free(doc);
	}
}

/* A menu is only a menu above the article: "Services" in the body is a
 * heading. */
static void test_menus_only_above(void **state)
{
	(void)state;
	folio_doc *doc = parse("Skip to content\nRiver Physio\nHome\nServices\nContact\n\n"
	                       "Shoulder Blades and You\n\nBy Ann Lee, PT\n\n"
	                       "Services\n\nWe offer many services for shoulders, and this one "
	                       "is the most popular of all of them.\n");
	char *t = all_text(doc);
	assert_null(strstr(t, "River Physio"));
	assert_null(strstr(t, "Home"));
	assert_non_null(strstr(t, "(heading 2 \"Services\")"));
	free(t);
	folio_doc_free(doc);
}

static void test_rule_table_matchers(void **state)
{
	(void)state;
	char f[256];
	size_t n = clip_fold("  ", 2, f, sizeof(f));
	assert_int_equal(n, 2);
	n = clip_fold("• Recent Posts", strlen("• Recent Posts"), f, sizeof(f));
	assert_string_equal(f, "recent posts");
	assert_int_equal(clip_match_rule(f, n)->action, CLIP_END);
	n = clip_fold("ARTICLES RÉCENTS", strlen("ARTICLES RÉCENTS"), f, sizeof(f));
	assert_string_equal(f, "articles récents");
	assert_non_null(clip_match_rule(f, n));
	n = clip_fold("(c) 2021 Some Clinic", 20, f, sizeof(f));
	assert_non_null(clip_match_rule(f, n));
	n = clip_fold("(c) some clinic", 15, f, sizeof(f));
	assert_null(clip_match_rule(f, n)); /* '#' needs digits */
	n = clip_fold("Share your progress", 19, f, sizeof(f));
	assert_null(clip_match_rule(f, n)); /* exact rules are whole lines */
	assert_int_equal(clip_fold("abc", 3, f, 4), (size_t)-1);
}

/* ---- counters ---------------------------------------------------------------------- */

static void test_counters(void **state)
{
	(void)state;
	folio_doc *doc =
	    parse("top of page\nShoulder Blades and You\n\n3 min read\n\n"
	          "A paragraph about the shoulder that is long enough to be the body of it.\n\n"
	          "124 views0 comments\n\n12 likes\n");
	assert_str(folio_doc_extra(doc, "views"), "124");
	assert_str(folio_doc_extra(doc, "comments"), "0");
	assert_str(folio_doc_extra(doc, "likes"), "12");
	assert_str(folio_doc_extra(doc, "reading-time-minutes"), "3");
	char *t = all_text(doc);
	assert_null(strstr(t, "views"));
	assert_null(strstr(t, "likes"));
	assert_null(strstr(t, "read\""));
	free(t);
	folio_doc_free(doc);

	doc = parse(
	    "L’épaule au travail\n\n2 min de lecture · 1 234 vues\n\n"
	    "Une épaule qui travaille toute la journée a besoin de pauses et de mouvement.\n\n"
	    "45 vues · 3 commentaires · 7 J’aime\n");
	assert_str(folio_doc_extra(doc, "reading-time-minutes"), "2");
	assert_str(folio_doc_extra(doc, "views"), "1234");
	assert_str(folio_doc_extra(doc, "comments"), "3");
	assert_str(folio_doc_extra(doc, "likes"), "7");
	folio_doc_free(doc);

	/* Prose that starts with a number is not a counter. */
	doc = parse(
	    "Knee Pictures\n\nSome words first.\n\n3 views of the knee help us see the joint.\n");
	assert_null(folio_doc_extra(doc, "views"));
	char *t2 = all_text(doc);
	assert_non_null(strstr(t2, "3 views of the knee"));
	free(t2);
	folio_doc_free(doc);
}

/* ---- bylines ---------------------------------------------------------------------- */

static void check_byline(const char *line, const char *name, const char *creds, size_t count)
{
	char in[1024];
	snprintf(in, sizeof(in), "Shoulder Blades and You\n\n%s\n\n%s\n", line, body_en);
	folio_doc *doc = parse(in);
	if (folio_doc_author_count(doc) != count)
		fail_msg("%s: %zu authors", line, folio_doc_author_count(doc));
	assert_str(folio_doc_author_name(doc, 0), name);
	assert_str(folio_doc_author_credentials(doc, 0), creds);
	char *tree = dump_doc(doc);
	if (strstr(tree, name) != NULL)
		fail_msg("%s: the byline stayed in the text: %s", line, tree);
	free(tree);
	folio_doc_free(doc);
}

static void test_bylines(void **state)
{
	(void)state;
	check_byline("Writer's pictureGlenn Roe, P.T.", "Glenn Roe", "P.T.", 1);
	check_byline("  • Writer’s pictureAnn Lee, PT, DPT", "Ann Lee", "PT, DPT", 1);
	check_byline("Photo du rédacteurMarie Roy, pht", "Marie Roy", "pht", 1);
	check_byline("By Jane Doe, RMT", "Jane Doe", "RMT", 1);
	check_byline("Written by Sam Ives MScPT", "Sam Ives", "MScPT", 1);
	check_byline("Écrit par Luc Poirier, DC", "Luc Poirier", "DC", 1);
	check_byline("By Ann Lee, PT and Bo Chan, DC", "Ann Lee", "PT", 2);
	check_byline("Posted on March 5, 2021 by Jane Doe, PT", "Jane Doe", "PT", 1);
	check_byline("Jane Doe, RMT · Mar 5, 2021 · 3 min read", "Jane Doe", "RMT", 1);
	/* The label alone, the name on the next line. */
	check_byline("Writer's picture\nGlenn Roe, P.T.", "Glenn Roe", "P.T.", 1);
	/* A byline with its date, the date read too. */
	check_byline("By: Cora Lund", "Cora Lund", NULL, 1);
	check_byline("By Jane Doe on Thu, Nov 9, 2023 at 4:00 am", "Jane Doe", NULL, 1);
	check_byline("By Mia Holt 04 November 2020", "Mia Holt", NULL, 1);
	check_byline("by Ann Lee @annlee February 1, 2016: 12:41 PM ET", "Ann Lee", NULL, 1);
	folio_doc *doc = parse("Shoulder Blades and You\n\nBy Cat Ruiz/June 12, 2020 9:49 am EST\n\n"
	                       "Your shoulder blade should glide smoothly along the ribs when you "
	                       "lift your arm.\n");
	assert_str(folio_doc_author_name(doc, 0), "Cat Ruiz");
	assert_str(folio_doc_get(doc, FOLIO_META_DATE), "2020-06-12");
	folio_doc_free(doc);
	/* Under the first paragraph, "By" and a name alone is the byline; "By"
	 * opening a sentence is not. */
	doc = parse("Shoulder Blades and You\n\nYour shoulder blade should glide smoothly along "
	            "the ribs when you lift your arm, and that is what we check.\n\nBy Kay "
	            "Moss\n\nBy then, the swelling has gone down and the arm can move again "
	            "without pain for most people.\n");
	assert_int_equal(folio_doc_author_count(doc), 1);
	assert_str(folio_doc_author_name(doc, 0), "Kay Moss");
	char *t = all_text(doc);
	assert_non_null(strstr(t, "By then, the swelling"));
	free(t);
	folio_doc_free(doc);
}

static void test_find_date(void **state)
{
	(void)state;
	char iso[11];
	size_t at = 0, len = 0;
	const char *s = "CBS News February 24, 2020, 7:57 AM";
	assert_true(clip_find_date(s, strlen(s), 0, iso, &at, &len));
	assert_string_equal(iso, "2020-02-24");
	assert_int_equal(at, 9);
	s = "Updated 2010 GMT (0410 HKT) March 14, 2021";
	assert_true(clip_find_date(s, strlen(s), 0, iso, NULL, NULL));
	assert_string_equal(iso, "2021-03-14");
	s = "Lafuente/June 12, 2020/Updated";
	assert_true(clip_find_date(s, strlen(s), 0, iso, NULL, NULL));
	assert_string_equal(iso, "2020-06-12");
	s = "Marie Roy | lundi 9 décembre 2019 à 09h08";
	assert_true(clip_find_date(s, strlen(s), 1, iso, NULL, NULL));
	assert_string_equal(iso, "2019-12-09");
	s = "le 05/03/2021 à Lyon";
	assert_true(clip_find_date(s, strlen(s), 1, iso, NULL, NULL));
	assert_string_equal(iso, "2021-03-05");
	/* No date: a year alone, a relative date, nothing. */
	s = "Founded in 2019 by two physiotherapists";
	assert_false(clip_find_date(s, strlen(s), 0, iso, NULL, NULL));
	s = "3 days ago";
	assert_false(clip_find_date(s, strlen(s), 0, iso, NULL, NULL));
	assert_false(clip_find_date("", 0, 0, iso, NULL, NULL));
	/* Long lines are not searched. */
	char big[400];
	memset(big, 'a', sizeof(big));
	memcpy(big + 300, " March 5, 2021", 14);
	assert_false(clip_find_date(big, sizeof(big), 0, iso, NULL, NULL));
}

/* ---- dates ------------------------------------------------------------------------- */

static void check_date(const char *line, const char *body, const char *want)
{
	char in[1024];
	snprintf(in, sizeof(in), "Shoulder Blades and You\n\n%s\n\n%s\n", line, body);
	folio_doc *doc = parse(in);
	const char *got = folio_doc_get(doc, FOLIO_META_DATE);
	if (got == NULL || strcmp(got, want) != 0)
		fail_msg("\"%s\": date %s, wanted %s", line, got ? got : "(none)", want);
	char *t = all_text(doc);
	if (strstr(strstr(t, "(doc"), line) != NULL)
		fail_msg("\"%s\": the date line stayed in the text", line);
	free(t);
	folio_doc_free(doc);
}

static void test_dates(void **state)
{
	(void)state;
	check_date("Mar 5, 2021", body_en, "2021-03-05");
	check_date("March 5, 2021", body_en, "2021-03-05");
	check_date("5 March 2021", body_en, "2021-03-05");
	check_date("2021-03-05", body_en, "2021-03-05");
	check_date("Updated: Mar 7, 2021", body_en, "2021-03-07");
	check_date("Posted on Sep 12, 2021", body_en, "2021-09-12");
	check_date("5 mars 2021", body_fr, "2021-03-05");
	check_date("le 5 mars 2021", body_fr, "2021-03-05");
	check_date("Publié le 1er décembre 2020", body_fr, "2020-12-01");
	/* Slash dates: month first on English sites, day first on French ones. */
	check_date("05/03/2021", body_en, "2021-05-03");
	check_date("05/03/2021", body_fr, "2021-03-05");
	check_date("25/03/2021", body_en, "2021-03-25"); /* only one reading */
	check_date("Mis à jour : 05/03/2021", body_fr, "2021-03-05");
	/* A date among a few other words: a source, a time and its zone. */
	check_date("CBS News February 24, 2020, 7:57 AM", body_en, "2020-02-24");
	check_date("Published: 22:00 GMT, 26 September 2020 | Updated: 08:39 GMT, 28 September "
	           "2020",
	           body_en, "2020-09-26");
	check_date("Updated 2010 GMT (0410 HKT) March 14, 2021", body_en, "2021-03-14");
	/* a date and its revision on one line, each read alone */
	check_date("Thu 3 Jan 2019 02.00 EST Last modified on Wed 16 Jan 2019 06.16 EST", body_en,
	           "2019-01-03");
}

static void test_updated_after_date(void **state)
{
	(void)state;
	folio_doc *doc = parse("Shoulder Blades and You\n\nMar 5, 2021\n\n"
	                       "Updated: Apr 2, 2021\n\nSome text that is long enough to be a "
	                       "paragraph of the article, with a full stop.\n");
	assert_str(folio_doc_get(doc, FOLIO_META_DATE), "2021-03-05");
	assert_str(folio_doc_extra(doc, "updated"), "2021-04-02");
	folio_doc_free(doc);
	/* Not a date: stays text. */
	doc = parse("Shoulder Blades and You\n\nMarch 32, 2021\n\nSome text for the body, long "
	            "enough to be prose.\n");
	assert_null(folio_doc_get(doc, FOLIO_META_DATE));
	folio_doc_free(doc);
}

/* ---- title ------------------------------------------------------------------------- */

/* How sites print the head in a copied page: each case is one layout
 * rule (written for these tests, no site's own text). */
static void check_head(const char *in, const char *title, const char *author, const char *date)
{
	folio_doc *doc = parse(in);
	assert_str(folio_doc_get(doc, FOLIO_META_TITLE), title);
	assert_str(folio_doc_author_name(doc, 0), author);
	assert_str(folio_doc_get(doc, FOLIO_META_DATE), date);
	folio_doc_free(doc);
}

static void test_head_layouts(void **state)
{
	(void)state;
	char in[2048];
	/* WordPress's "date author N Comment" under the title, the site's
	 * name and its menu above. */
	snprintf(in, sizeof(in),
	         "Skip to content\n\nMaple Physio\n\nMenu\nHOME\nCONTACT\n"
	         "Knee Taping: Does It Help Runners?\nMarch 3, 2021 Kim Fox 2 Comments\n\n%s\n",
	         body_en);
	check_head(in, "Knee Taping: Does It Help Runners?", "Kim Fox", "2021-03-03");
	/* A labelled reading time under the title votes for it. */
	snprintf(in, sizeof(in),
	         "Guides\nManuals\nShoulder\nRotator Cuff Exercises at Home\n\n"
	         "Estimated reading time: 6 minutes\n\nPendulum Swings\n\n%s\n",
	         body_en);
	check_head(in, "Rotator Cuff Exercises at Home", NULL, NULL);
	folio_doc *doc = parse(in);
	assert_str(folio_doc_extra(doc, "reading-time-minutes"), "6");
	folio_doc_free(doc);
	/* The title right under a run of menu links, over its byline. */
	snprintf(in, sizeof(in),
	         "Home\nClinic News\nOur Team\nWhat Is Dry Needling\n by Staff Writer\n"
	         "April 2, 2022\n\n%s\n",
	         body_en);
	check_head(in, "What Is Dry Needling", "Staff Writer", "2022-04-02");
	/* A byline with the author's e-mail, a glued second date, a label. */
	snprintf(in, sizeof(in),
	         "Maple Physio\n\nSports Clinic Opens a Second Site\n"
	         "By KIM FOX | kfox@example.org\n\n%s\n",
	         body_en);
	check_head(in, "Sports Clinic Opens a Second Site", "KIM FOX", NULL);
	snprintf(in, sizeof(in),
	         "Maple Physio\n\nSports Clinic Opens a Second Site\n"
	         "by KIM FOX MAY 4, 2022 | 6:03 PMMAY 4, 2022 | 6:03 PM\n\n%s\n",
	         body_en);
	check_head(in, "Sports Clinic Opens a Second Site", "KIM FOX", "2022-05-04");
	snprintf(in, sizeof(in),
	         "Maple Physio\n\nSports Clinic Opens a Second Site\n"
	         "wow! | By Kim Fox | May 4, 2022\n\n%s\n",
	         body_en);
	check_head(in, "Sports Clinic Opens a Second Site", "Kim Fox", "2022-05-04");

	/* A wiki prints its tagline under the page's title. */
	snprintf(in, sizeof(in),
	         "Frozen shoulder\nFrom Wikipedia, the free encyclopedia\n"
	         "Jump to navigation Jump to search\n%s\n",
	         body_en);
	check_head(in, "Frozen shoulder", NULL, NULL);
	/* A label with a blank before its colon, the name on the next line. */
	snprintf(in, sizeof(in),
	         "Maple Physio\n\nHeat or Ice After a Sprain?\nBy :\nKim Fox\n\n%s\n", body_en);
	check_head(in, "Heat or Ice After a Sprain?", "Kim Fox", NULL);
	/* A caption ending with its credit is not the title; the title over
	 * a shorter standfirst is. */
	snprintf(in, sizeof(in),
	         "Maple Physio\nNEWS\nCity clinics hire more physiotherapists for spring runners\n"
	         "Waiting lists for knee care are down by a third this year\n"
	         "A physiotherapist tapes a runner's knee before a race. (Jo Lin/Maple Post)\n"
	         "By Kim Fox\nMay 2, 2022\n\n%s\n",
	         body_en);
	check_head(in, "City clinics hire more physiotherapists for spring runners", "Kim Fox",
	           "2022-05-02");
	/* No byline: a long standfirst under the title is still no title. */
	snprintf(in, sizeof(in),
	         "Maple Physio\n\nWhy Rest Alone Rarely Heals a Tendon\n\n"
	         "A tendon needs load to remodel, and a physiotherapist explains how much is "
	         "enough for the first weeks\n\n%s\n\n%s\n",
	         body_en, body_en);
	check_head(in, "Why Rest Alone Rarely Heals a Tendon", NULL, NULL);

	/* A feed's byline with a relative time; a section's label over the
	 * date, the title under it. */
	snprintf(in, sizeof(in),
	         "News\nClinics\nKnee Pain in Young Runners Is Rising\n Kim Fox • 8h\n\n%s\n",
	         body_en);
	check_head(in, "Knee Pain in Young Runners Is Rising", "Kim Fox", NULL);
	snprintf(in, sizeof(in),
	         "Kim Fox\n\nHealth\n05.04.2022 07:00 AM\nKnee Pain in Young Runners Is Rising\n\n"
	         "%s\n",
	         body_en);
	check_head(in, "Knee Pain in Young Runners Is Rising", NULL, "2022-05-04");
	/* A date and its revision joined by " / ", times with their zone. */
	snprintf(in, sizeof(in),
	         "Maple Physio\n\nKnee Pain in Young Runners Is Rising\n"
	         "Posted: May 4, 2022 / 04:43 PM CST\n\n%s\n",
	         body_en);
	check_head(in, "Knee Pain in Young Runners Is Rising", NULL, "2022-05-04");
	/* A name over "date · N min read" (Medium): the title is above the
	 * name, not the article's first heading under the date. */
	snprintf(in, sizeof(in),
	         "Knee Pain in Young Runners Is Rising\nKim Fox\nFollow\nMay 4, 2022 · 8 min read\n"
	         "Why does it start?\n\n%s\n",
	         body_en);
	check_head(in, "Knee Pain in Young Runners Is Rising", "Kim Fox", "2022-05-04");
	/* A relative time alone is no metadata (a list of other stories). */
	snprintf(in, sizeof(in),
	         "Latest\nKnee Pain in Young Runners Is Rising\n16 hours ago\n"
	         "Clinic Adds Evening Hours\n2 days ago\n\n%s\n",
	         body_en);
	doc = parse(in);
	assert_null(folio_doc_get(doc, FOLIO_META_DATE));
	folio_doc_free(doc);
	/* A quoted question, and a title ending with an abbreviation. */
	snprintf(in, sizeof(in),
	         "News\nClinics\n'Is It Safe to Run With Knee Pain?'\n\n%s\n\nBy Kim Fox\n", body_en);
	check_head(in, "'Is It Safe to Run With Knee Pain?'", "Kim Fox", NULL);
	snprintf(in, sizeof(in), "Maple Physio\n\nWhy Knee Pain Is Rising Across the U.S.\n\n%s\n",
	         body_en);
	check_head(in, "Why Knee Pain Is Rising Across the U.S.", NULL, NULL);
	/* Two sentences in a long line are a notice, not a headline; a
	 * button under the title does not hand the vote to the line below
	 * the date. */
	snprintf(in, sizeof(in),
	         "Maple Physio\nThis site is supported by its readers. When you book through links on "
	         "our site, we may earn a small fee. Learn more\nNews\nWhy Knee Pain Is Rising\n\n"
	         "By Kim Fox 04 May 2022\n\n%s\n",
	         body_en);
	check_head(in, "Why Knee Pain Is Rising", "Kim Fox", "2022-05-04");
	snprintf(in, sizeof(in),
	         "Maple Physio\nAbout\nA Letter on Rest and Recovery\nAdjust\n\nMay 4, 2022\n"
	         "The below letter appears in our spring newsletter. We welcome replies by email\n\n"
	         "%s\n",
	         body_en);
	check_head(in, "A Letter on Rest and Recovery", NULL, "2022-05-04");
	/* With no byline, a headline the page prints again (its share text)
	 * wins over the standfirst nearer the article. */
	snprintf(in, sizeof(in),
	         "Maple Physio\n\nStrong Hips and Glutes Protect the Knees of Runners in Spring\n\nNews\n\n"
	         "Six exercises a week keep most runners out of the clinic this spring\n\n%s\n\n"
	         "Share: Strong Hips and Glutes Protect the Knees of Runners in Spring\nStrong Hips and Glutes Protect the Knees of Runners in Spring\n",
	         body_en);
	check_head(in, "Strong Hips and Glutes Protect the Knees of Runners in Spring", NULL, NULL);
	/* A two-digit year with slashes; a revision in parentheses. */
	snprintf(in, sizeof(in),
	         "Maple Physio\nNews\nWhy Knee Pain Is Rising\nBy Kim Fox • 05/04/22 5:19pm\n\n%s\n",
	         body_en);
	check_head(in, "Why Knee Pain Is Rising", "Kim Fox", "2022-05-04");
	snprintf(in, sizeof(in),
	         "Maple Physio\nNews\nWhy Knee Pain Is Rising\n"
	         "Clinic Wire May 4, 2022 at 07:19 (Updated: May 5, 2022 at 07:38)\n\n%s\n",
	         body_en);
	check_head(in, "Why Knee Pain Is Rising", NULL, "2022-05-04");
	/* A category tag under the title is no menu making it the site's
	 * name; a score alone right over the article does not end the head. */
	snprintf(in, sizeof(in), "Bio\nBlog\nContact\nWarm-Up Drills for Runners\nblog\n\n%s\n\n%s\n",
	         body_en, body_en);
	check_head(in, "Warm-Up Drills for Runners", NULL, NULL);
	snprintf(in, sizeof(in),
	         "Maple Physio\n\nHome Reviews Braces The Best Knee Brace Review\n87\n"
	         "THE BEST KNEE BRACE REVIEW\n%s\n\n%s\n\nBy Kim Fox\n",
	         body_en, body_en);
	check_head(in, "THE BEST KNEE BRACE REVIEW", "Kim Fox", NULL);
	/* A long labelled list of names is a byline, under the title. */
	snprintf(in, sizeof(in),
	         "Maple Physio\n\nNew Evening Hours for Knee Care\nMay 4, 2022\n"
	         "Posted by Ann Roe, Bo Lind, Cy Ngata and Di Walsh - Maple Physio team\n\n%s\n",
	         body_en);
	doc = parse(in);
	assert_str(folio_doc_get(doc, FOLIO_META_TITLE), "New Evening Hours for Knee Care");
	assert_str(folio_doc_get(doc, FOLIO_META_DATE), "2022-05-04");
	assert_true(folio_doc_author_count(doc) >= 1);
	char *all = all_text(doc);
	assert_null(strstr(all, "Posted by"));
	free(all);
	folio_doc_free(doc);
}

static void test_title_choice(void **state)
{
	(void)state;
	/* Site name and tagline above the title, byline under it. */
	folio_doc *doc =
	    parse("Maple Physio\n\nMoving well since 1998\n\nTennis Elbow Basics\n"
	          "Posted on May 2, 2022 by Kim Fox, PT\n\n"
	          "Tennis elbow is an overload of the tendons on the outside of the elbow.\n");
	assert_str(folio_doc_get(doc, FOLIO_META_TITLE), "Tennis Elbow Basics");
	char *t = all_text(doc);
	assert_null(strstr(t, "Maple Physio"));
	assert_null(strstr(t, "since 1998"));
	free(t);
	folio_doc_free(doc);

	/* Byline first (Wix): the first short line is the title, the next a
	 * heading. */
	check_tree("top of page\nWriter's pictureKim Fox, PT\n\nTennis Elbow Basics\n\n"
	           "Why does it hurt?\n\nThe tendon is overloaded by gripping.\n",
	           "(doc (heading 2 \"Why does it hurt?\") (para \"The tendon is overloaded by "
	           "gripping.\"))");

	/* News: a standfirst between the title and the byline, a caption
	 * above; a site's name over a header's date. */
	doc = parse("Maple Physio\nThursday, May 5, 2022\nNews\nHealth\n"
	            "Running Injuries Rise as Clinics Reopen After Winter\n\n"
	            "More people return to running in spring and many do too much too soon, "
	            "say the physiotherapists we asked\n"
	            "(Photo: Jo Park/Maple Physio)\n"
	            "By Kim Fox\nMay 2, 2022\n\n"
	            "Tennis elbow is an overload of the tendons on the outside of the elbow, and "
	            "it settles with the right loading over a few weeks.\n");
	assert_str(folio_doc_get(doc, FOLIO_META_TITLE),
	           "Running Injuries Rise as Clinics Reopen After Winter");
	assert_str(folio_doc_author_name(doc, 0), "Kim Fox");
	assert_str(folio_doc_get(doc, FOLIO_META_DATE), "2022-05-02");
	folio_doc_free(doc);

	/* A title right over its first paragraph (no blank line), under a
	 * sign-in bar: the bar is never the title. */
	doc = parse("Log out Sign in\n\nKnee Pain on the Stairs\n"
	            "Climbing stairs loads the knee three times more than walking on the flat, "
	            "so it is where pain shows first.\n\n"
	            "Strong thigh muscles take much of that load away from the joint itself.\n");
	assert_str(folio_doc_get(doc, FOLIO_META_TITLE), "Knee Pain on the Stairs");
	t = all_text(doc);
	assert_null(strstr(t, "Sign in"));
	free(t);
	folio_doc_free(doc);

	/* A hard-wrapped paragraph's first line is not a title. */
	doc = parse("Tennis elbow is an overload of the tendons on the outside of\n"
	            "the elbow and it settles with the right loading.\n");
	assert_null(folio_doc_get(doc, FOLIO_META_TITLE));
	folio_doc_free(doc);
}

/* Wix with its blog menu, category links and the byline, date and reading
 * time as bullets. */
static void test_wix_bullets_and_categories(void **state)
{
	(void)state;
	const char *in =
	    "top of page\nLog In\nHome\nBlog\nMore\n\nAll Posts\nRunners\nKnees\n\n"
	    "  • Writer's pictureOlivia Brandt, RMT\n  • Jun 3, 2022\n  • 2 min read\n\n"
	    "Updated: Jun 10, 2022\n\nFoam Rolling: What It Can and Can’t Do\n\n"
	    "Foam rolling before a run can make your legs feel looser for a while.\n\n"
	    "Behm DG, Alizadeh S, Hadjizadeh Anvar S, et al. Foam Rolling Prescription: A "
	    "Clinical Commentary. J Strength Cond Res. 2020;34(11):3301-3308. "
	    "doi:10.1519/JSC.0000000000003765\n\nFacebook\nLink copied!\n\n"
	    "58 views0 comments\n\nRecent Posts\n\nSee All\n";
	folio_doc *doc = parse(in);
	assert_str(folio_doc_get(doc, FOLIO_META_TITLE), "Foam Rolling: What It Can and Can’t Do");
	assert_str(folio_doc_author_name(doc, 0), "Olivia Brandt");
	assert_str(folio_doc_author_credentials(doc, 0), "RMT");
	assert_str(folio_doc_get(doc, FOLIO_META_DATE), "2022-06-03");
	assert_str(folio_doc_extra(doc, "updated"), "2022-06-10");
	assert_str(folio_doc_extra(doc, "reading-time-minutes"), "2");
	assert_str(folio_doc_extra(doc, "views"), "58");
	char *tree = dump_doc(doc);
	assert_string_equal(tree,
	                    "(doc (para \"Foam rolling before a run can make your legs feel "
	                    "looser for a while.\") (references \"References\" (ref \"Behm DG, "
	                    "Alizadeh S, Hadjizadeh Anvar S, et al. Foam Rolling Prescription: A "
	                    "Clinical Commentary. J Strength Cond Res. 2020;34(11):3301-3308. "
	                    "doi:10.1519/JSC.0000000000003765\")))");
	free(tree);
	folio_doc_free(doc);
}

/* ---- a whole page's shape ------------------------------------------------------------ */

/* A breadcrumb names the title; the header's "today" loses to the date
 * under the title; "date by X N Comments" gives the name alone. */
static void test_page_head(void **state)
{
	(void)state;
	folio_doc *doc = parse("Saturday, March 9, 2024\nOakridge Movement Clinic\n\nHome > "
	                       "Articles > Stiff Mornings\n\n"
	                       "Stiff Mornings\n\nFebruary 2, 2024 by Ines Vidal 3 Comments\n\n"
	                       "Share 12\nTweet\nPin\n\n"
	                       "Morning stiffness that eases within half an hour is common and is "
	                       "rarely a sign of damage "
	                       "to the joint; moving gently is the quickest way to loosen it.\n");
	assert_str(folio_doc_get(doc, FOLIO_META_TITLE), "Stiff Mornings");
	assert_str(folio_doc_get(doc, FOLIO_META_DATE), "2024-02-02");
	assert_str(folio_doc_author_name(doc, 0), "Ines Vidal");
	assert_int_equal(folio_doc_author_count(doc), 1);
	char *t = all_text(doc);
	assert_null(strstr(t, "Oakridge"));
	assert_null(strstr(t, "Tweet"));
	assert_null(strstr(t, "Share"));
	free(t);
	folio_doc_free(doc);

	/* Blogger: the byline under the post, with its time. */
	doc =
	    parse("Knee Rehab Notes\n\nCold Weather Running\n\nPublished Thursday 27 July 2017\n\n"
	          "Running in the cold is safe for most people when the first minutes are easy "
	          "and the layers come off as the body warms up.\n\n"
	          "Posted by Dr. Amir Haddad at 10:32 AM\n");
	assert_str(folio_doc_get(doc, FOLIO_META_TITLE), "Cold Weather Running");
	assert_str(folio_doc_get(doc, FOLIO_META_DATE), "2017-07-27");
	assert_str(folio_doc_author_name(doc, 0), "Amir Haddad");
	folio_doc_free(doc);
}

/* Under the article: a comment thread, a run of links and a newsletter
 * box end it, before any line is joined to the paragraph above. */
static void test_page_tail(void **state)
{
	(void)state;
	check_tree(
	    "Ice or Heat?\n\nBy Lena Ortiz | May 4, 2022\n\n"
	    "Ice helps in the first days after a sprain, while heat suits stiff muscles "
	    "that have not been injured; neither speeds up healing.\n"
	    "Marc says\nMay 5, 2022 at 8:12 am\nVery useful, thanks.\nReply\n",
	    "(doc (para \"Ice helps in the first days after a sprain, while heat suits stiff "
	    "muscles that have not been injured; neither speeds up healing.\"))");
	check_tree(
	    "Ice or Heat?\n\nBy Lena Ortiz | May 4, 2022\n\n"
	    "Ice helps in the first days after a sprain, while heat suits stiff muscles "
	    "that have not been injured; neither speeds up healing.\n\n"
	    "Knee Pain\nBack Pain\nShoulder Pain\nWhy Your Knees Hurt on Stairs\n",
	    "(doc (para \"Ice helps in the first days after a sprain, while heat suits stiff "
	    "muscles that have not been injured; neither speeds up healing.\"))");
	check_tree(
	    "Ice or Heat?\n\nPar Lena Ortiz\n\n"
	    "La glace aide dans les premiers jours après une entorse, la chaleur convient "
	    "aux muscles raides qui ne sont pas blessés.\n"
	    "Inscrivez-vous à notre infolettre\n",
	    "(doc (para \"La glace aide dans les premiers jours après une entorse, la chaleur "
	    "convient aux muscles raides qui ne sont pas blessés.\"))");
}

/* Soft hyphens and zero-width characters vanish; a repeated menu line
 * inside the article is dropped. */
static void test_invisible_and_repeats(void **state)
{
	(void)state;
	check_tree("Title Here\n\nA use\xc2\xad"
	           "ful sup\xe2\x80\x8bport for the lower back when "
	           "there is no proper chair at hand.\n\nContact\n\nA second paragraph of the "
	           "article that carries on with more advice for the reader.\n\nContact\n",
	           "(doc (para \"A useful support for the lower back when there is no proper "
	           "chair at hand.\") (para \"A second paragraph of the article that carries on "
	           "with more advice for the reader.\"))");
}

/* ---- blocks ------------------------------------------------------------------------- */

static void test_blocks(void **state)
{
	(void)state;
	check_tree("Title Line\n\nFirst line of a paragraph\nwrapped   onto\ta second line.\n\n"
	           "Short Heading\n\nText under the heading.\n\n"
	           "• one\n• two\n  continued\n\n- three\n\n1. first\n2) second\n\n"
	           "> A quoted line\n> goes on.\n>\n> Second quoted paragraph.\n\n"
	           "“Best clinic in town!” — a patient\n",
	           "(doc (para \"First line of a paragraph wrapped onto a second line.\") "
	           "(heading 2 \"Short Heading\") (para \"Text under the heading.\") "
	           "(list bullet loose (item (para \"one\")) (item (para \"two continued\")) "
	           "(item (para \"three\"))) "
	           "(list ordered 1 tight (item (para \"first\")) (item (para \"second\"))) "
	           "(quote (para \"A quoted line goes on.\") (para \"Second quoted paragraph.\")) "
	           "(para \"“Best clinic in town!” — a patient\"))");
}

static void test_spaces(void **state)
{
	(void)state;
	/* NBSP, narrow NBSP, thin space and a zero-width space; curly quotes,
	 * accents and dashes kept. */
	check_tree("Titre\n\nL’épaule\xC2\xA0: un «\xE2\x80\xAF"
	           "cas\xE2\x80\xAF» fréquent\xE2\x80\x89— vraiment.\xE2\x80\x8B  Oui.\n",
	           "(doc (para \"L’épaule : un « cas » fréquent — vraiment. Oui.\"))");
}

/* ---- references ---------------------------------------------------------------------- */

static const char *const cite1 =
    "Doherty C, Bleakley C, Delahunt E, Holden S. Treatment and prevention of acute and "
    "recurrent ankle sprain: an overview of systematic reviews with meta-analysis. Br J Sports "
    "Med. 2017;51(2):113-125. doi:10.1136/bjsports-2016-096178.";
static const char *const cite2 =
    "Field, T. (2016). Massage therapy research review. Complementary Therapies in Clinical "
    "Practice, 24, 19-31. https://doi.org/10.1016/j.ctcp.2016.04.005";

static void check_refs(const char *in, const char *title, size_t count, const char *doi0)
{
	folio_doc *doc = parse(in);
	folio_node *last = folio_node_last_child(folio_doc_root(doc));
	assert_non_null(last);
	assert_int_equal(folio_node_get_type(last), FOLIO_NODE_REFERENCES);
	assert_str(folio_node_title(last), title);
	assert_int_equal(folio_node_child_count(last), count);
	const folio_citation *c = folio_node_citation(folio_node_first_child(last));
	assert_non_null(c);
	assert_str(folio_citation_get(c, FOLIO_CITE_DOI), doi0);
	folio_doc_free(doc);
}

static void test_references(void **state)
{
	(void)state;
	char in[4096];
	/* No heading: the citations that end the article. A body paragraph
	 * that names a year stays a paragraph. */
	snprintf(in, sizeof(in),
	         "Ankles\n\nIn 2017 a large review looked at ankle sprains.\n\n"
	         "%s\n\n%s\n\n124 views0 comments\n",
	         cite1, cite2);
	check_refs(in, "References", 2, "10.1136/bjsports-2016-096178");
	folio_doc *doc = parse(in);
	assert_int_equal(folio_node_get_type(folio_node_first_child(folio_doc_root(doc))),
	                 FOLIO_NODE_PARAGRAPH);
	folio_doc_free(doc);
	/* French article: French title. */
	snprintf(in, sizeof(in), "Chevilles\n\n%s\n\n%s\n", body_fr, cite1);
	check_refs(in, "Références", 1, "10.1136/bjsports-2016-096178");
	/* A heading, and citations on consecutive lines: one entry per line. */
	snprintf(in, sizeof(in), "Ankles\n\n%s\n\nBibliography\n\n%s\n%s\n", body_en, cite2, cite1);
	check_refs(in, "Bibliography", 2, "10.1016/j.ctcp.2016.04.005");
	/* A numbered list of citations, with a heading in French. */
	snprintf(in, sizeof(in), "Chevilles\n\n%s\n\nRéférences :\n\n1. %s\n2. %s\n", body_fr,
	         cite1, cite2);
	check_refs(in, "Références :", 2, "10.1136/bjsports-2016-096178");
	/* "[1]" numbering in paragraphs is removed from the text. */
	snprintf(in, sizeof(in), "Ankles\n\n%s\n\n[1] %s\n", body_en, cite1);
	doc = parse(in);
	folio_node *ref = folio_node_first_child(folio_node_last_child(folio_doc_root(doc)));
	char *t = folio_node_plain_text(ref);
	assert_string_equal(t, cite1);
	free(t);
	folio_doc_free(doc);
}

/* ---- language ------------------------------------------------------------------------- */

static void test_language(void **state)
{
	(void)state;
	folio_doc *doc = parse(body_en);
	assert_str(folio_doc_get(doc, FOLIO_META_LANG), "en");
	folio_doc_free(doc);
	doc = parse(body_fr);
	assert_str(folio_doc_get(doc, FOLIO_META_LANG), "fr");
	folio_doc_free(doc);
	doc = parse("12345 67890\n");
	assert_null(folio_doc_get(doc, FOLIO_META_LANG));
	folio_doc_free(doc);
}

/* ---- the title checked against the article's words ---------------------------------------- */

/* Prose that names its subject again and again, as an article does. */
#define ANKLE_PROSE                                                                                \
	"An ankle sprain stretches or tears the ligaments on the outside of the ankle. Most "      \
	"ankle sprains happen when the foot rolls inward on uneven ground or on a missed "         \
	"step.\n\nSwelling and bruising around the ankle are common in the first days. Rest, "     \
	"ice and a compression bandage help, and walking within the limits of pain keeps "         \
	"the ligaments healing in line.\n\nBalance exercises on one foot retrain the ankle. "      \
	"People who skip them sprain the same ankle again far more often, sometimes within "       \
	"months.\n"

/* A line the page prints right above the article (a gallery's button,
 * in words no rule knows) shares none of the article's words: the title
 * is the headline further up that does. */
static void test_title_shares_article_words(void **state)
{
	(void)state;
	explained e;
	memset(&e, 0, sizeof(e));
	const char *in = "Harbour Physio\n\nAnkle Sprains: Healing the Ligaments\n\n"
	                 "Tap twice to enlarge the gallery\n\n" ANKLE_PROSE;
	folio_doc *doc = parse_len(in, strlen(in), &e);
	assert_str(folio_doc_get(doc, FOLIO_META_TITLE), "Ankle Sprains: Healing the Ligaments");
	assert_non_null(strstr(e.log, "5:not the title after all: another line"));
	char *all = all_text(doc);
	assert_null(strstr(all, "gallery"));
	assert_null(strstr(all, "Harbour"));
	free(all);
	folio_doc_free(doc);
	/* a short headline, two words shared, against a notice sharing one */
	doc = parse("Harbour Physio\n\nThe Ankle and Its Ligaments\n\n"
	            "Tap twice to enlarge the ankle gallery\n\n" ANKLE_PROSE);
	assert_str(folio_doc_get(doc, FOLIO_META_TITLE), "The Ankle and Its Ligaments");
	folio_doc_free(doc);
	/* a long headline that exclaims */
	doc = parse("Harbour Physio\n\nSprain Your Ankle Again? Not With These Balance Exercises "
	            "for the Foot and Ligaments!\n\nTap twice to enlarge the gallery\n\n" ANKLE_PROSE);
	assert_str(folio_doc_get(doc, FOLIO_META_TITLE),
	           "Sprain Your Ankle Again? Not With These Balance Exercises for the Foot and "
	           "Ligaments!");
	folio_doc_free(doc);
}

/* Words are compared folded, whatever the script's case or apostrophe: a
 * title in capitals, "L’ENTORSE", shares "entorse" with the text. An
 * article's first paragraph, short, stays whatever the title becomes. */
static void test_title_words_folded(void **state)
{
	(void)state;
	folio_doc *doc = parse(
	    "Cabinet du Port\n\nÉVITER LA RÉCIDIVE APRÈS L’ENTORSE\n\n"
	    "Touchez deux fois pour agrandir la galerie\n\n"
	    "Après une entorse de la cheville, la récidive est fréquente : un patient sur trois se "
	    "tord de nouveau la même cheville dans l’année. Pour éviter la récidive, le travail "
	    "d’équilibre commence dès que l’appui est possible.\n\n"
	    "Après l’entorse, les ligaments cicatrisent en six semaines, mais la cheville reste "
	    "instable plus longtemps. Éviter les terrains irréguliers au début aide, puis il faut "
	    "les retrouver peu à peu.\n\n"
	    "Les exercices sur un pied réduisent nettement la récidive. Après trois mois "
	    "d’exercices, le risque d’une nouvelle entorse diminue de moitié.\n");
	assert_str(folio_doc_get(doc, FOLIO_META_TITLE), "ÉVITER LA RÉCIDIVE APRÈS L’ENTORSE");
	folio_doc_free(doc);
	doc = parse("Harbour Physio\n\nImprove This Question\n\nBy Jane Roy\n\n"
	            "Most sprains heal well within six weeks.\n\nAnkle Sprain Ligaments Heal\n\n"
	            ANKLE_PROSE);
	char *all = all_text(doc);
	assert_non_null(strstr(all, "Most sprains heal well within six weeks."));
	free(all);
	folio_doc_free(doc);
}

/* A one-line notice of a sentence or two above the title (a banner, an
 * invitation) is not where the article starts: the title under it, over
 * the article's paragraphs, is found. */
static void test_title_under_a_banner(void **state)
{
	(void)state;
	const char *in = "Harbour Physio\nServices\nContact us\n\n"
	                 "Open evening on 20 October. Join our team for a free talk. RSVP.\n\n"
	                 "Ankle Sprains: Healing the Ligaments\n\n" ANKLE_PROSE;
	folio_doc *doc = parse(in);
	assert_str(folio_doc_get(doc, FOLIO_META_TITLE), "Ankle Sprains: Healing the Ligaments");
	folio_doc_free(doc);
}

/* A title that shares the article's words stays against a list of tags
 * (never a title, however many of the words it holds) and against the
 * article's first hard-wrapped line. */
static void test_title_kept_over_tags_and_wrapped_lines(void **state)
{
	(void)state;
	folio_doc *doc =
	    parse("Harbour Physio\n\nTopics: ankle, sprain, ligaments, balance, foot\n\n"
	          "Sprained Ankle Basics\n\n" ANKLE_PROSE);
	assert_str(folio_doc_get(doc, FOLIO_META_TITLE), "Sprained Ankle Basics");
	folio_doc_free(doc);
	doc = parse("Harbour Physio\n\nWhat to Do First\n\n"
	            "Ankle sprains, ligaments and the ankle: an ankle sprain heals with\n"
	            "balance work, and the ankle ligaments heal in line with it.\n\n" ANKLE_PROSE);
	assert_str(folio_doc_get(doc, FOLIO_META_TITLE), "What to Do First");
	folio_doc_free(doc);
}

/* ---- --explain -------------------------------------------------------------------------- */

static void test_explain(void **state)
{
	(void)state;
	explained e;
	memset(&e, 0, sizeof(e));
	const char *in =
	    "top of page\nWriter's pictureKim Fox, PT\n\nTennis Elbow Basics\n\n"
	    "The tendon is overloaded by gripping\nand lifting.\n\n124 views\n\nShare\n";
	folio_doc *doc = parse_len(in, strlen(in), &e);
	assert_non_null(strstr(e.log, "1:boilerplate: page marker (Wix)|"));
	assert_non_null(strstr(e.log, "2:byline"));
	assert_non_null(strstr(e.log, "4:title|"));
	assert_non_null(strstr(e.log, "7:hard-wrapped"));
	assert_non_null(strstr(e.log, "9:counter"));
	assert_non_null(strstr(e.log, "11:boilerplate: share button"));
	assert_int_equal(e.count, 6);
	folio_doc_free(doc);
}

/* ---- hostile input ---------------------------------------------------------------------- */

static void assert_empty(folio_doc *doc)
{
	assert_non_null(doc);
	assert_null(folio_node_first_child(folio_doc_root(doc)));
	assert_null(folio_doc_get(doc, FOLIO_META_TITLE));
	folio_doc_free(doc);
}

static void test_empty_and_boilerplate_only(void **state)
{
	(void)state;
	assert_empty(parse_len("", 0, NULL));
	assert_empty(parse("\n\n   \n\xC2\xA0\n"));
	assert_empty(parse("top of page\nShare\nFacebook\n124 views0 comments\nRecent Posts\n"
	                   "See All\nbottom of page\n"));
}

static void test_one_megabyte_line(void **state)
{
	(void)state;
	size_t n = 1u << 20;
	char *s = malloc(n);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		s[i] = (i % 7 == 6) ? ' ' : (char)('a' + i % 26);
	folio_doc *doc = parse_len(s, n, NULL);
	folio_node *p = folio_node_first_child(folio_doc_root(doc));
	assert_non_null(p);
	assert_int_equal(folio_node_get_type(p), FOLIO_NODE_PARAGRAPH);
	assert_null(folio_node_next(p));
	folio_doc_free(doc);
	free(s);
}

/* 200,000 short lines that all look like headings, counters or citations:
 * parsed whole, nothing lost. The scan is linear; a quadratic one shows as
 * ctest's time-out, and the import's speed is measured in bench/, not here. */
static void test_many_lines(void **state)
{
	(void)state;
	static const char *const kinds[] = {
	    "Short Line\n",
	    "\n",
	    "12 views\n",
	    "Share\n",
	    "Doe J. A title. J Test. 2020;1(2):3-4. doi:10.1000/x1\n",
	    "• item\n"};
	folio_buf b = {0};
	for (size_t i = 0; i < 200000; i++)
		folio_buf_puts(&b, kinds[i % 6]);
	assert_false(b.failed);
	folio_doc *doc = parse_len(b.data, b.len, NULL);
	assert_non_null(folio_node_first_child(folio_doc_root(doc)));
	folio_doc_free(doc);
	folio_buf_free(&b);
}

/* Binary-looking but valid UTF-8: control characters, private-use and
 * combining code points, no newline for a long stretch. A clear error. */
static void test_binary_looking(void **state)
{
	(void)state;
	folio_buf b = {0};
	for (unsigned i = 0; i < 20000; i++) {
		char c = (char)(1 + i % 31);
		if (c == '\n')
			c = '\t';
		folio_buf_add(&b, &c, 1);
		folio_buf_puts(&b, i % 3 ? "\xEE\x80\x80" : "\xCC\x81");
		if (i % 997 == 0)
			folio_buf_puts(&b, "\n\n");
	}
	assert_false(b.failed);
	folio_import_options o = {sizeof(o), FOLIO_INPUT_CLIP, 0, 0, NULL, NULL};
	folio_error err;
	folio_error_clear(&err);
	folio_doc *doc = folio_clip_parse(b.data, b.len, &o, &err);
	assert_null(doc);
	assert_int_equal(err.code, FOLIO_ERR_SYNTAX);
	assert_int_equal(err.line, 1);
	assert_non_null(strstr(err.message, "binary"));
	folio_buf_free(&b);

	/* Without control characters, odd code points are just text. */
	b = (folio_buf){0};
	for (unsigned i = 0; i < 20000; i++) {
		folio_buf_puts(&b, i % 3 ? "\xEE\x80\x80" : "a\xCC\x81");
		if (i % 997 == 0)
			folio_buf_puts(&b, "\n\n");
	}
	doc = parse_len(b.data, b.len, NULL);
	assert_non_null(folio_node_first_child(folio_doc_root(doc)));
	folio_doc_free(doc);
	folio_buf_free(&b);

	/* A few control characters in real text are spaces. */
	check_tree("Bell\x07 and\x1b escape here.\n", "(doc (para \"Bell and escape here.\"))");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_boilerplate_rows),
	    cmocka_unit_test(test_end_markers),
	    cmocka_unit_test(test_menus_only_above),
	    cmocka_unit_test(test_rule_table_matchers),
	    cmocka_unit_test(test_counters),
	    cmocka_unit_test(test_bylines),
	    cmocka_unit_test(test_find_date),
	    cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_updated_after_date),
	    cmocka_unit_test(test_title_choice),
	    cmocka_unit_test(test_head_layouts),
	    cmocka_unit_test(test_wix_bullets_and_categories),
	    cmocka_unit_test(test_page_head),
	    cmocka_unit_test(test_page_tail),
	    cmocka_unit_test(test_invisible_and_repeats),
	    cmocka_unit_test(test_blocks),
	    cmocka_unit_test(test_spaces),
	    cmocka_unit_test(test_references),
	    cmocka_unit_test(test_language),
	    cmocka_unit_test(test_explain),
	    cmocka_unit_test(test_empty_and_boilerplate_only),
	    cmocka_unit_test(test_one_megabyte_line),
	    cmocka_unit_test(test_many_lines),
	    cmocka_unit_test(test_title_shares_article_words),
	    cmocka_unit_test(test_title_under_a_banner),
	    cmocka_unit_test(test_title_words_folded),
	    cmocka_unit_test(test_title_kept_over_tags_and_wrapped_lines),
	    cmocka_unit_test(test_binary_looking),
	};
	return cmocka_run_group_tests_name("import_clip", tests, NULL, NULL);
}
