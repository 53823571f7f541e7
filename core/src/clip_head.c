/* folio — the clipped-text importer's head: what a page prints above its
 * article (skip links, menus, the site's name, breadcrumbs, banners), and
 * the article's title among it.
 *
 * Lines above the article's densest run of prose (clip_shape.c) that could
 * be a title are held as candidates; bylines and dates under a candidate
 * vote for it (clip_head_meta); when the first paragraph comes, one is
 * chosen (clip_choose_title) and the others are dropped. Every decision is
 * reported to opts->explain.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "clip_import_private.h"

void clip_head_init(clip_head *h)
{
	*h = (clip_head){.ncand = 0,
	                 .meta_after = SIZE_MAX,
	                 .meta_first = SIZE_MAX,
	                 .nvoted = 0,
	                 .first_line = SIZE_MAX,
	                 .prev = SIZE_MAX,
	                 .seen_meta = 0,
	                 .nav_last = SIZE_MAX};
}

static int is_blank_line(const clip_ctx *c, size_t i)
{
	return i >= c->nlines || c->lines[i].kind == L_BLANK;
}

/* Whether line i stands alone above the article (blank, boilerplate or
 * metadata after it) rather than opening a hard-wrapped paragraph. */
static int stands_alone(clip_ctx *c, size_t i)
{
	if (is_blank_line(c, i + 1))
		return 1;
	return clip_rule_of(&c->lines[i + 1]) != NULL || clip_meta_line(c, i + 1, 1, 0) != NULL;
}

/* Line i and the next one are both short link-like lines: navigation or
 * category links ("All Posts / Runners / Knees"), which a hard-wrapped
 * paragraph never looks like (its next line starts in lowercase or ends
 * with a full stop). */
static int nav_run(const clip_ctx *c, size_t i)
{
	if (i + 1 >= c->nlines || c->lines[i + 1].kind != L_TEXT)
		return 0;
	const clip_line *n = &c->lines[i + 1];
	return clip_count_words(c->lines[i].s, c->lines[i].len) <= 4 &&
	       clip_count_words(n->s, n->len) <= 4 && clip_heading_like(n->s, n->len);
}

/* Folded line i equals s[0..len) (folded too)? */
static int same_folded(const clip_ctx *c, size_t i, const char *s, size_t len)
{
	char a[CLIP_RULE_MAX_LINE * 2 + 8], b[CLIP_RULE_MAX_LINE * 2 + 8];
	if (c->lines[i].len > CLIP_RULE_MAX_LINE || len > CLIP_RULE_MAX_LINE)
		return 0;
	size_t al = clip_fold(c->lines[i].s, c->lines[i].len, a, sizeof(a));
	size_t bl = clip_fold(s, len, b, sizeof(b));
	return al != (size_t)-1 && al == bl && memcmp(a, b, al) == 0;
}

/* The number of non-blank lines strictly between i and j (i < j). */
static size_t lines_between(const clip_ctx *c, size_t i, size_t j)
{
	size_t n = 0;
	for (size_t k = i + 1; k < j && n < 8; k++)
		n += c->lines[k].kind != L_BLANK;
	return n;
}

/* A person's name alone: "First Last", capitalised, nothing else. (Three
 * capitalised words are as often a short title: "Tennis Elbow Basics".) */
static int bare_name(const clip_line *l)
{
	return clip_count_words(l->s, l->len) == 2 && clip_name_like(l->s, l->len) &&
	       clip_name_extent(l->s, l->len) == l->len && memchr(l->s, ',', l->len) == NULL;
}

/* Candidate k is a standfirst under the title (candidate k - 1): a long
 * line (ten words or more), the one right above it (only a blank line
 * between) of four words or more and no name. News pages print a heading,
 * then a sentence that sums the article up. */
static int standfirst_under(const clip_ctx *c, const clip_head *h, size_t k)
{
	const clip_line *l = &c->lines[h->cand[k]];
	const clip_line *up = &c->lines[h->cand[k - 1]];
	size_t w = clip_count_words(l->s, l->len);
	size_t uw = clip_count_words(up->s, up->len);
	return w >= 10 && h->cand[k] - h->cand[k - 1] <= 2 && uw >= 4 && uw <= w + 2 &&
	       !bare_name(up);
}

/* Which candidate is the title:
 *   1. the one a breadcrumb ends with ("Home > Blog > X" then "X");
 *   2. the last one above the last byline or date under a candidate (a
 *      header's "today" and the site's name come first);
 *   3. else the last one of three words or more (menus, section labels and
 *      site names are shorter and come first), else the first. */
static size_t title_candidate(const clip_ctx *c, const clip_head *h)
{
	for (size_t k = 0; c->crumb && k < h->ncand; k++)
		if (same_folded(c, h->cand[k], c->crumb, c->crumb_len))
			return k;
	/* Each byline or date votes for the candidate right above it: the
	 * first of four words or more wins, else the longest, the later on a
	 * tie (a site's name over a header's "today" is shorter than the
	 * article's title over its byline; related posts come later). */
	size_t t = SIZE_MAX, best = 0;
	for (size_t v = 0; v < h->nvoted && best < 4; v++)
		for (size_t k = 0; k < h->ncand; k++) {
			const clip_line *l = &c->lines[h->cand[k]];
			size_t w = clip_count_words(l->s, l->len);
			if (h->cand[k] == h->voted[v] && (t == SIZE_MAX || w >= best)) {
				t = k;
				best = w;
			}
		}
	/* News pages print a standfirst between the title and the byline: a
	 * long voted line (twelve words or more) with a shorter candidate of
	 * four words or more right above it (only blank or dropped lines
	 * between) is the standfirst, and that candidate the title. */
	if (t != SIZE_MAX && t > 0 && h->cand[t] - h->cand[t - 1] <= 4 && best >= 12) {
		const clip_line *up = &c->lines[h->cand[t - 1]];
		size_t uw = clip_count_words(up->s, up->len);
		if (uw >= 4 && uw < best && !bare_name(up))
			t--;
	} else if (t != SIZE_MAX && t > 0 && h->cand[t] - h->cand[t - 1] <= 2 && best >= 3) {
		/* ... or a shorter one under a long title, with no blank line */
		const clip_line *up = &c->lines[h->cand[t - 1]];
		size_t uw = clip_count_words(up->s, up->len);
		if (uw >= 6 && uw * 5 >= best * 4)
			t--;
	}
	/* Blogger heads each post with a bare date, the title under it: when
	 * the page opens with its name (and tagline) and then such a date, the
	 * title is the next candidate of three words or more. */
	int blog_head =
	    t != SIZE_MAX && t <= 1 && h->meta_bare && folio_doc_author_count(c->doc) == 0 &&
	    h->first_line <= h->cand[0] &&
	    (h->first_line == h->cand[0] || lines_between(c, h->first_line, h->cand[0]) == 0);
	for (size_t k = 0; blog_head && k < h->ncand; k++)
		if (h->cand[k] > h->meta_after &&
		    clip_count_words(c->lines[h->cand[k]].s, c->lines[h->cand[k]].len) >= 3)
			return k;
	/* A section's label over the date ("Business", then "01.21.2020"), the
	 * title under it: a voted line of two words at most or a bare name,
	 * and right under the date a candidate of four words or more. */
	int weak = t != SIZE_MAX && (best <= 2 || bare_name(&c->lines[h->cand[t]]));
	/* ... unless a title sits right above that label ("Adjust", "Share") */
	for (size_t k = t; weak && k-- > 0 && h->cand[t] - h->cand[k] <= 4;) {
		const clip_line *l = &c->lines[h->cand[k]];
		if (clip_count_words(l->s, l->len) >= 4 && !bare_name(l))
			weak = 0;
	}
	if (weak)
		for (size_t k = t + 1; k < h->ncand && h->cand[k] - h->cand[t] <= 6; k++) {
			const clip_line *l = &c->lines[h->cand[k]];
			if (h->cand[k] > h->meta_after && clip_count_words(l->s, l->len) >= 4 &&
			    !bare_name(l))
				return k;
		}
	if (t != SIZE_MAX) {
		/* A button ("Adjust") or the author's bare name may sit between
		 * the title and the date: among the three candidates above the
		 * date, the nearest of two words or more that is no name. */
		for (size_t k = t + 1, seen = 0; k-- > 0 && seen < 3; seen++) {
			const clip_line *l = &c->lines[h->cand[k]];
			const clip_line *up = k > 0 ? &c->lines[h->cand[k - 1]] : NULL;
			int name =
			    k == t && up && bare_name(l) && clip_count_words(up->s, up->len) >= 4;
			if (clip_count_words(l->s, l->len) >= 2 && !name)
				return k != t && k > 0 && standfirst_under(c, h, k) ? k - 1 : k;
		}
		return t;
	}
	/* Wix prints the byline and the date above the title. */
	for (size_t k = 0; h->meta_first != SIZE_MAX && k < h->ncand; k++)
		if (h->cand[k] > h->meta_first &&
		    clip_count_words(c->lines[h->cand[k]].s, c->lines[h->cand[k]].len) >= 3)
			return k;
	/* Else the nearest of three words or more above the article; one
	 * printed twice (a header's copy of the title, then its heading) is
	 * taken over it. */
	size_t near = SIZE_MAX;
	for (size_t k = h->ncand; k-- > 0;) {
		const clip_line *l = &c->lines[h->cand[k]];
		if (clip_count_words(l->s, l->len) < 3)
			continue;
		if (near == SIZE_MAX)
			near = k;
		if (c->repeated[h->cand[k]] && clip_count_words(l->s, l->len) >= 4)
			return k;
	}
	if (near != SIZE_MAX && near > 0 && standfirst_under(c, h, near))
		return near - 1;
	return near != SIZE_MAX ? near : 0;
}

static const char above_title[] = "above the title: the site's name, a menu or a tagline";

/* Line i becomes the title, explained with why. */
static void set_title(clip_ctx *c, size_t i, const char *why)
{
	c->lines[i].kind = L_TITLE;
	c->title_line = i;
	clip_explain(c, i, why);
	if (folio_doc_set(c->doc, FOLIO_META_TITLE, c->lines[i].s, c->err) != FOLIO_OK)
		clip_fail(c, c->err ? c->err->code : FOLIO_ERR_NOMEM);
}

/* Candidates above the title are dropped; those after it stay text. */
void clip_choose_title(clip_ctx *c, clip_head *h)
{
	if (h->ncand == 0)
		return;
	size_t t = title_candidate(c, h);
	for (size_t k = 0; k < t; k++)
		clip_drop(c, h->cand[k], above_title);
	set_title(c, h->cand[t], "title");
}

/* Drops line i, naming the rule and the builder it was seen on. */
static void drop_by_rule(clip_ctx *c, size_t i, const clip_rule *r)
{
	char reason[160];
	snprintf(reason, sizeof(reason), "boilerplate: %s (%s)", r->what, r->builder);
	clip_drop(c, i, reason);
}

/* Rules apply anywhere; this handles the one above the article it may
 * reveal (a menu under the site's name). */
int clip_head_rule(clip_ctx *c, size_t i, const clip_rule *r, clip_head *h, int head)
{
	/* A menu right under a short line: that line was the site's name. */
	/* (Not a single word right over the article: the title's category
	 * tag, "CDPATH replacements" then "blog", then the text.) */
	int last_word = c->body_first != SIZE_MAX && i < c->body_first &&
	                lines_between(c, i, c->body_first) == 0;
	if (r->scope == CLIP_HEAD && h->ncand > 0 && h->cand[h->ncand - 1] == h->prev &&
	    !last_word) {
		clip_drop(c, h->prev, "above the menu: the site's name");
		h->ncand--;
	}
	drop_by_rule(c, i, r);
	return r->action == CLIP_END && !head;
}

static const char nav_reason[] = "above the article: a run of short links (navigation, categories)";

/* In the head, a line that cannot be the title: what to make of it.
 * Returns 1 when the head ends (the line is the article's first). */
static int head_other(clip_ctx *c, size_t i)
{
	if (c->body_first == SIZE_MAX || i >= c->body_first)
		return 1;
	/* Right above the article, a number or a word alone (a score, a
	 * counter, a label) is dropped; the title may still come under it. */
	const clip_line *l = &c->lines[i];
	int bare = clip_count_words(l->s, l->len) <= 1 && !clip_prose_like(l->s, l->len) &&
	           !is_blank_line(c, i + 1);
	if (lines_between(c, i, c->body_first) <= 1 && !bare)
		return 1;
	clip_drop(c, i, "above the article: not its title, byline or date (site header, banner)");
	return 0;
}

/* How many times a sentence ends inside s: a lowercase letter, ". ", a
 * capital ("... our site. When you buy ... a commission. Learn more"). A
 * headline has none (an abbreviation such as "Dr. Lee" has a capital). */
static size_t sentence_breaks(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 1; i + 2 < len; i++)
		n += s[i] == '.' && s[i + 1] == ' ' && islower((unsigned char)s[i - 1]) &&
		     isupper((unsigned char)s[i + 2]);
	return n;
}

/* In the head, a heading or a title: headlines run longer than the
 * article's own headings (up to thirty words, no closing full stop). */
static int head_title_like(const clip_line *l)
{
	if (clip_heading_like(l->s, l->len))
		return 1;
	size_t w = clip_count_words(l->s, l->len);
	unsigned char c0 = (unsigned char)l->s[0];
	char last = l->s[l->len - 1];
	if (last == '!' && w >= 2 && w <= 12 && !islower(c0)) /* "This API is so Fetching!" */
		return 1;
	return w > 15 && w <= 30 && l->len <= 250 && (isupper(c0) || isdigit(c0) || c0 >= 0x80) &&
	       strchr(".,;:!", last) == NULL && !clip_citation_like(l->s, l->len) &&
	       sentence_breaks(l->s, l->len) < 2;
}

/* A picture's caption or credit: "(Saul Loeb/AFP/Getty Images)", "Photo:
 * ...", "... (Picture by X)", "© X". Never the title. */
static int caption_like(const clip_line *l)
{
	static const char *const words[] = {
	    "photo:",  "photo :",      "photograph", "(photo",       "picture by", "image:",
	    "credit:", "getty images", "istock",     "shutterstock", "©",          "(file)",
	    "crédit",  "/afp",         "/ap)",       "/reuters"};
	char f[CLIP_RULE_MAX_LINE * 2 + 8];
	if (l->len > CLIP_RULE_MAX_LINE)
		return 0;
	size_t flen = clip_fold(l->s, l->len, f, sizeof(f));
	if (flen == (size_t)-1)
		return 0;
	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (clip_find_word(f, flen, words[k]) != (size_t)-1)
			return 1;
	/* "(Elizabeth Conley / Houston Chronicle)": a credit in parentheses,
	 * alone or ending a caption ("... a press conference. (Jo Lin/The Post)") */
	if (f[flen - 1] != ')')
		return 0;
	size_t open = flen - 1;
	while (open > 0 && f[open] != '(')
		open--;
	if (f[open] != '(' || (open > 0 && f[open - 1] != ' '))
		return 0;
	return memchr(f + open, '/', flen - open) != NULL &&
	       clip_count_words(f + open, flen - open) <= 6;
}

/* A line made only of the words of buttons and links ("Sign in", "Log out
 * Sign in", "Featured Close Publish changes", "Jump to navigation Jump to
 * search", "Se connecter"): the site's interface, never the title. */
static int ui_line(const clip_line *l)
{
	static const char *const ui[] = {"sign",      "in",        "up",
	                                 "log",       "out",       "login",
	                                 "logout",    "register",  "subscribe",
	                                 "follow",    "followed",  "unfollow",
	                                 "share",     "close",     "menu",
	                                 "search",    "print",     "email",
	                                 "jump",      "to",        "navigation",
	                                 "skip",      "content",   "main",
	                                 "my",        "account",   "details",
	                                 "publish",   "changes",   "featured",
	                                 "supported", "by",        "advertisement",
	                                 "get",       "more",      "info",
	                                 "watch",     "live",      "listen",
	                                 "reply",     "next",      "previous",
	                                 "toggle",    "home",      "contact",
	                                 "us",        "about",     "help",
	                                 "donate",    "join",      "now",
	                                 "your",      "the",       "and",
	                                 "or",        "for",       "a",
	                                 "of",        "this",      "options",
	                                 "extra",     "sharing",   "open",
	                                 "save",      "edit",      "view",
	                                 "profile",   "settings",  "cart",
	                                 "basket",    "se",        "connecter",
	                                 "connexion", "s'abonner", "abonnez-vous",
	                                 "partager",  "fermer",    "rechercher",
	                                 "accueil",   "mon",       "compte",
	                                 "suivre",    "publicité", "et",
	                                 "le",        "la",        "les",
	                                 "de",        "du",        "un",
	                                 "une",       "vous",      "ici",
	                                 "plus",      "voir",      "lire",
	                                 "x"};
	char f[CLIP_RULE_MAX_LINE * 2 + 8];
	if (l->len > 80 || clip_count_words(l->s, l->len) > 8)
		return 0;
	size_t flen = clip_fold(l->s, l->len, f, sizeof(f));
	if (flen == (size_t)-1)
		return 0;
	size_t i = 0, words = 0;
	while (i < flen) {
		while (i < flen && (f[i] == ' ' || f[i] == '|' || f[i] == '/' || f[i] == '&'))
			i++;
		size_t e = i;
		while (e < flen && f[e] != ' ' && f[e] != '|' && f[e] != '/')
			e++;
		if (e == i)
			break;
		int known = 0;
		for (size_t k = 0; k < sizeof(ui) / sizeof(ui[0]) && !known; k++)
			known = strlen(ui[k]) == e - i && memcmp(ui[k], f + i, e - i) == 0;
		if (!known)
			return 0;
		words++;
		i = e;
	}
	return words > 0;
}

/* A title printed right over its first paragraph or its standfirst, with
 * no blank line (a browser's copy of an <h1>): a short line of three
 * words or more, then a line that starts with a capital. (A hard-wrapped
 * paragraph mostly goes on in lowercase; in the head, a wrongly taken
 * candidate is only dropped.) */
static int title_over_text(const clip_ctx *c, size_t i)
{
	const clip_line *l = &c->lines[i];
	if (i + 1 >= c->nlines || c->lines[i + 1].kind != L_TEXT)
		return 0;
	const clip_line *n = &c->lines[i + 1];
	size_t w = clip_count_words(l->s, l->len);
	unsigned char c0 = (unsigned char)n->s[0];
	return w >= 3 && l->len < 250 && !islower(c0);
}

/* Line i (of words words) sits right over a labelled byline: the
 * article's title under a menu ("Services", then "Knee Pain Explained",
 * then "By Ann Roe"), not the menu's last link. (A bare date under a
 * short line is as often a section's label over the source and date.) */
static int over_byline(clip_ctx *c, size_t i, size_t words)
{
	if (words < 3 || i + 1 >= c->nlines || c->lines[i + 1].kind != L_TEXT)
		return 0;
	const clip_line *n = &c->lines[i + 1];
	return clip_byline_label(n->s, n->len) > 0 && clip_meta_line(c, i + 1, 1, 0) != NULL;
}

/* Head line i is heading-like: a title candidate, a link of a run, or
 * the article's first line. Returns 1 when the head ends. */
static int head_heading(clip_ctx *c, size_t i, clip_head *h)
{
	clip_line *l = &c->lines[i];
	/* The last link of a run, unless it stands alone and is longer than
	 * a link: a title printed right under the menu ("Install" then
	 * "Install Docker Engine"). */
	size_t words = clip_count_words(l->s, l->len);
	if (h->nav_last != SIZE_MAX && h->nav_last + 1 == i && words <= 4 &&
	    !(words >= 3 && is_blank_line(c, i + 1)) && !over_byline(c, i, words)) {
		h->nav_last = i; /* the last link of a run */
		clip_drop(c, i, nav_reason);
		return 0;
	}
	if (caption_like(l) && c->body_first != SIZE_MAX && i < c->body_first) {
		clip_drop(c, i, "above the article: a picture's caption or credit");
		return 0;
	}
	if (ui_line(l)) {
		clip_drop(c, i, "above the article: buttons and links (sign in, share, menu)");
		return 0;
	}
	/* The title printed twice in a row (a header's copy, then the heading). */
	if (h->ncand > 0 && h->cand[h->ncand - 1] + 1 == i &&
	    same_folded(c, h->cand[h->ncand - 1], l->s, l->len)) {
		clip_drop(c, i, "the line above printed again");
		return 0;
	}
	int twice = i + 1 < c->nlines && same_folded(c, i + 1, l->s, l->len);
	if (twice || stands_alone(c, i) || title_over_text(c, i)) {
		if (h->ncand == MAX_HEAD_CANDIDATES) { /* far above: never the title */
			clip_drop(c, h->cand[0], above_title);
			memmove(h->cand, h->cand + 1,
			        (MAX_HEAD_CANDIDATES - 1) * sizeof(h->cand[0]));
			h->ncand--;
		}
		h->cand[h->ncand++] = i;
		return 0;
	}
	if (nav_run(c, i)) {
		h->nav_last = i;
		clip_drop(c, i, nav_reason);
		return 0;
	}
	return head_other(c, i);
}

/* A person's name standing alone (two to four capitalised words, nothing
 * else) right above a date or a counter line (Medium: "Leo Brandt", then
 * "4 min read · Mar 14, 2021"). */
static int name_over_meta(clip_ctx *c, size_t i)
{
	const clip_line *l = &c->lines[i];
	size_t w = clip_count_words(l->s, l->len);
	if (w < 2 || w > 4 || !clip_name_like(l->s, l->len) ||
	    clip_name_extent(l->s, l->len) != l->len || strchr(l->s, ',') != NULL)
		return 0;
	/* A title is short and capitalised too, but a page leaves a blank line
	 * under it; a name sits on the line above the date (or a button such
	 * as "Follow" between them). */
	size_t next = i + 1;
	while (next < c->nlines && next - i <= 3 && c->lines[next].kind == L_TEXT &&
	       clip_rule_of(&c->lines[next]) != NULL)
		next++;
	if (next >= c->nlines || next - i > 3 || c->lines[next].kind != L_TEXT)
		return 0;
	const clip_line *m = &c->lines[next];
	if (clip_byline_label(m->s, m->len) > 0 ||
	    clip_find_word(m->s, m->len, " by ") != (size_t)-1 ||
	    clip_find_word(m->s, m->len, " par ") != (size_t)-1)
		return 0; /* the date line names its author itself */
	const char *why = clip_meta_line(c, next, 1, 0);
	return why != NULL && !clip_meta_is_name(why);
}

void clip_head_meta(clip_ctx *c, size_t i, clip_head *h, int found, int named)
{
	clip_line *l = &c->lines[i];
	/* A reading time or other counters right under a candidate ("Install
	 * Docker Engine", then "Estimated reading time: 6 minutes") vote too. */
	if (!found && clip_meta_is_counter(clip_meta_line(c, i, 1, 0)) && h->ncand > 0 &&
	    lines_between(c, h->cand[h->ncand - 1], i) == 0)
		found = 1;
	if (!found)
		return;
	if (h->ncand > 0) {
		/* a vote only for a line close above, no run of links between */
		if (h->nvoted < MAX_HEAD_VOTES && i - h->cand[h->ncand - 1] <= 12 &&
		    (h->nav_last == SIZE_MAX || h->nav_last < h->cand[h->ncand - 1]) &&
		    lines_between(c, h->cand[h->ncand - 1], i) <= 6)
			h->voted[h->nvoted++] = h->cand[h->ncand - 1];
		h->meta_after = i;
		h->meta_bare = !named && clip_date_label(l->s, l->len, &(int){0}) == 0;
	} else
		h->meta_first = i;
}

int clip_head_line(clip_ctx *c, size_t i, clip_head *h)
{
	clip_line *l = &c->lines[i];
	size_t tail = 0, at = clip_breadcrumb(l->s, l->len, &tail);
	if (at > 0) {
		c->crumb = l->s + at;
		c->crumb_len = tail;
		clip_drop(c, i, "breadcrumb (its last part names the article)");
		return 0;
	}
	if (h->ncand > 0 && name_over_meta(c, i)) {
		l->kind = L_META;
		clip_add_authors(c, l->s, l->len);
		clip_explain(c, i, "a name right above the date or reading time: the author");
		return 0;
	}
	if (head_title_like(l) ? !head_heading(c, i, h) : !head_other(c, i))
		return 0;
	clip_choose_title(c, h);
	return 1;
}

/* ---- the title checked against the article's words ---- */

/* A title names what the article is about: its content words (four
 * letters or more, not the commonest function words) come back in the
 * text. A button, a menu or the site's tagline taken for the title
 * ("Improve this question", "Go to permalink") shares none of them. */

#define BODY_WORDS 1500
#define WORD_SLOTS 4096 /* a power of two, over twice BODY_WORDS */

typedef struct word_set {
	uint64_t slot[WORD_SLOTS];       /* 0: empty */
	unsigned char count[WORD_SLOTS]; /* uses, up to 255 */
	size_t n;
} word_set;

static int function_word(const char *w, size_t n)
{
	static const char *const words[] = {
	    "that",  "this",  "with",   "from",   "have",  "your", "what", "were",  "will",
	    "they",  "them",  "their",  "there",  "been",  "into", "more", "about", "when",
	    "which", "would", "could",  "should", "than",  "then", "also", "only",  "some",
	    "over",  "after", "before", "here",   "just",  "like", "pour", "dans",  "avec",
	    "mais",  "plus",  "sont",   "nous",   "vous",  "leur", "elle", "cette", "comme",
	    "tout",  "tous",  "sans",   "sous",   "entre", "être", "fait", "aussi"};
	return clip_word_in(w, n, words, sizeof(words) / sizeof(words[0]));
}

/* Calls fn for each content word of s, with its hash: a run of letters
 * and digits (Unicode's), lowercased, of four letters or more, not a
 * function word, a plural's final s dropped. Apostrophes and dashes split
 * words ("l'entorse", "l’entorse": "entorse"). */
static void each_content_word(const char *s, size_t len, void (*fn)(void *, uint64_t), void *ud)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t left = (utf8proc_ssize_t)len;
	char w[64];
	size_t n = 0, letters = 0;
	int over = 0;
	while (left >= 0) {
		utf8proc_int32_t cp = -1;
		utf8proc_ssize_t used = left > 0 ? utf8proc_iterate(p, left, &cp) : 0;
		utf8proc_category_t cat = cp >= 0 ? utf8proc_category(cp) : UTF8PROC_CATEGORY_CN;
		int letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
		if (letter || cat == UTF8PROC_CATEGORY_ND) {
			utf8proc_uint8_t enc[4];
			utf8proc_ssize_t k = utf8proc_encode_char(utf8proc_tolower(cp), enc);
			if (n + (size_t)k <= sizeof(w)) {
				memcpy(w + n, enc, (size_t)k);
				n += (size_t)k;
			} else
				over = 1;
			letters += letter;
		} else {
			if (letters >= 4 && !over && !function_word(w, n)) {
				size_t m = w[n - 1] == 's' ? n - 1 : n;
				fn(ud, clip_hash(w, m) | 1);
			}
			n = letters = 0;
			over = 0;
		}
		if (used <= 0)
			break;
		p += used;
		left -= used;
	}
}

static size_t word_slot(const word_set *set, uint64_t h)
{
	size_t k = (size_t)h & (WORD_SLOTS - 1);
	while (set->slot[k] && set->slot[k] != h)
		k = (k + 1) & (WORD_SLOTS - 1);
	return k;
}

static void add_word(void *ud, uint64_t h)
{
	word_set *set = ud;
	size_t k = word_slot(set, h);
	if (!set->slot[k]) {
		if (set->n >= BODY_WORDS)
			return;
		set->slot[k] = h;
		set->n++;
	}
	set->count[k] += set->count[k] < 255;
}

/* A title's words in the article: how many, and their weight (a word the
 * article uses three times or more, its subject, counts double one it
 * uses once: an affiliation or a related post's title shares words used
 * once). */
typedef struct word_match {
	const word_set *set;
	uint64_t words, found, weight;
	unsigned self; /* 1: the line's own words are in the set; not counted */
} word_match;

static void match_word(void *ud, uint64_t h)
{
	word_match *m = ud;
	size_t k = word_slot(m->set, h);
	unsigned n = m->set->slot[k] == h ? m->set->count[k] : 0;
	n = n > m->self ? n - m->self : 0;
	m->words++;
	m->found += n > 0;
	m->weight += n >= 3 ? 4 : n == 2 ? 3 : n == 1 ? 2 : 0;
}

static word_match title_match(const clip_ctx *c, size_t i, const word_set *set)
{
	word_match m = {.set = set, .self = i >= c->body_first && c->lines[i].kind == L_TEXT};
	each_content_word(c->lines[i].s, c->lines[i].len, match_word, &m);
	return m;
}

/* Line i could have been the title: a headline's shape, not a button, a
 * caption, a byline or a boilerplate rule's line. */
static int could_be_title(const clip_ctx *c, size_t i)
{
	const clip_line *l = &c->lines[i];
	if ((l->kind != L_TEXT && l->kind != L_DROP) || clip_rule_of(l) != NULL)
		return 0;
	size_t w = clip_count_words(l->s, l->len);
	if (w < 2 || w > 30 || l->len > 250)
		return 0;
	/* (an exclamation too: "Take a tour inside X's retreat — it's for sale!") */
	int exclaims = l->s[l->len - 1] == '!' && w <= 25 && !clip_starts_lower(l);
	if (!(head_title_like(l) || exclaims) || ui_line(l) || caption_like(l) || bare_name(l))
		return 0;
	/* Not a list: tags ("Topics: uber, Sydney, sharing economy, ..."), an
	 * affiliation ("University of X, City, State, and ...") */
	size_t commas = 0;
	for (size_t k = 0; k < l->len; k++)
		commas += l->s[k] == ',';
	if (commas >= 3)
		return 0;
	/* Not the first line of a hard-wrapped paragraph: a sentence ends in
	 * it, or the next line carries on in lowercase (not a byline: "by X"). */
	const clip_line *n = i + 1 < c->nlines ? &c->lines[i + 1] : NULL;
	return !clip_starts_lower(l) && sentence_breaks(l->s, l->len) == 0 &&
	       (n == NULL || n->kind == L_BLANK || n->kind == L_META || !clip_starts_lower(n));
}

/* Whether line m may take title tm's place: when the title shares none
 * of the article's words, m shares two and half of its own; else m shares
 * three in five of its own, three of them at twice the title's weight a
 * word, or two at three times. */
static int outweighs(const word_match *m, const word_match *tm)
{
	if (tm->found == 0)
		return m->found >= 2 && m->found * 2 >= m->words;
	if (m->found * 5 < m->words * 3)
		return 0;
	uint64_t times = m->found >= 3 ? 2 : m->found == 2 ? 3 : 0;
	return times && m->weight * tm->words >= times * tm->weight * m->words;
}

void clip_check_title(clip_ctx *c)
{
	if (c->body_first == SIZE_MAX || c->st != FOLIO_OK)
		return;
	word_set *set = calloc(1, sizeof(*set));
	if (set == NULL) {
		clip_nomem(c);
		return;
	}
	/* The article's prose starts with a paragraph (twenty words or more,
	 * or a hard-wrapped one) at or under the article's start: a line of a
	 * sentence or two over the title is a banner. The article's words are
	 * counted from its start (a line kept there is matched against the
	 * others' words, not its own). */
	size_t prose = SIZE_MAX;
	for (size_t i = c->body_first; i < c->nlines && prose == SIZE_MAX; i++) {
		const clip_line *l = &c->lines[i];
		if (l->kind == L_TEXT && clip_prose_like(l->s, l->len) &&
		    (clip_count_words(l->s, l->len) >= 20 ||
		     (i + 1 < c->nlines && c->lines[i + 1].kind == L_TEXT)))
			prose = i;
	}
	for (size_t i = c->body_first; i < c->nlines && set->n < BODY_WORDS; i++)
		if (c->lines[i].kind == L_TEXT)
			each_content_word(c->lines[i].s, c->lines[i].len, add_word, set);
	if (prose == SIZE_MAX || set->n < 20) {
		free(set);
		return;
	}
	size_t t = c->title_line;
	word_match tm = t != SIZE_MAX ? title_match(c, t, set) : (word_match){0};
	/* Another line above the article's prose may take the title's place
	 * (outweighs); among those, the one of the most weight times share
	 * (weight squared over words: a headline's 8 words of 8 over a menu's
	 * "Game of Thrones"), the nearest on a tie. */
	size_t best = SIZE_MAX, lo = prose > 120 ? prose - 120 : 0;
	if (lo < c->start)
		lo = c->start; /* not above the page marker or skip link */
	word_match bm = {0};
	for (size_t i = prose; i-- > lo;) {
		if (i == t || !could_be_title(c, i))
			continue;
		word_match m = title_match(c, i, set);
		if (outweighs(&m, &tm) &&
		    (best == SIZE_MAX ||
		     m.weight * m.weight * bm.words > bm.weight * bm.weight * m.words)) {
			best = i;
			bm = m;
		}
	}
	free(set);
	if (best == SIZE_MAX)
		return;
	if (t != SIZE_MAX)
		clip_drop(
		    c, t,
		    "not the title after all: another line shares far more of the article's words");
	/* What is kept above the new title and above the article goes, as
	 * above any title; what is kept in the article stays. */
	for (size_t i = t == SIZE_MAX ? 0 : t + 1; i < best && i < c->body_first; i++)
		if (c->lines[i].kind == L_TEXT)
			clip_drop(c, i, above_title);
	set_title(c, best, "title: the line above the article that shares most of its words");
}
