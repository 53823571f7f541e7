/* folio — the clipped-text importer's metadata lines: bylines ("By Ann
 * Roe, PT", "Writer's picture"), dates ("Published Thursday 27 July 2017",
 * "Updated: ..."), WordPress's "date author N Comments", counters ("124
 * views", "3 min read"), alone or joined by " · ", " | ", " • ".
 *
 * Dates are held until the title is known (clip_choose_date): the
 * article's own date is the one under its title, not a header's "today".
 */
#include <ctype.h>
#include <string.h>

#include "clip_import_private.h"

static int record_counter(void *ctx, const char *key, const char *number)
{
	clip_ctx *c = ctx;
	if (folio_doc_extra(c->doc, key) != NULL)
		return 0; /* the first one is the article's own */
	if (folio_doc_set_extra(c->doc, key, number, c->err) != FOLIO_OK)
		clip_fail(c, c->err ? c->err->code : FOLIO_ERR_NOMEM);
	return 0;
}

static void set_date(clip_ctx *c, const char *iso, int updated)
{
	if (c->ndates == MAX_DATES)
		return;
	clip_date *d = &c->dates[c->ndates++];
	d->line = c->cur;
	memcpy(d->iso, iso, sizeof(d->iso));
	d->updated = updated;
}

/* The first date of the kind wanted (updated or not) at or below line
 * from; failing that the nearest above it. NULL when there is none. */
static const clip_date *date_near(const clip_ctx *c, size_t from, int updated)
{
	const clip_date *above = NULL;
	for (size_t k = 0; k < c->ndates; k++) {
		const clip_date *d = &c->dates[k];
		if (d->updated != updated)
			continue;
		if (d->line >= from)
			return d;
		above = d;
	}
	return above;
}

/* The nearest date of the kind wanted above line from, else the first. */
static const clip_date *date_above(const clip_ctx *c, size_t from, int updated)
{
	const clip_date *first = NULL, *above = NULL;
	for (size_t k = 0; k < c->ndates; k++) {
		const clip_date *d = &c->dates[k];
		if (d->updated != updated)
			continue;
		if (first == NULL)
			first = d;
		if (d->line < from)
			above = d;
	}
	return above ? above : first;
}

/* The publication date is the first one under the title (a site header
 * prints today's date above it), else the nearest above; with no title,
 * the one nearest the article's first paragraph. A revision date is the
 * date only when there is no other, else the extra key "updated". */
void clip_choose_date(clip_ctx *c)
{
	const clip_date *pub, *upd;
	if (c->title_line != SIZE_MAX) {
		pub = date_near(c, c->title_line, 0);
		upd = date_near(c, c->title_line, 1);
	} else {
		size_t from = c->body_first != SIZE_MAX ? c->body_first : 0;
		pub = date_above(c, from, 0);
		upd = date_above(c, from, 1);
	}
	folio_status st = FOLIO_OK;
	if (pub == NULL && upd != NULL) {
		pub = upd;
		upd = NULL;
	}
	if (pub != NULL)
		st = folio_doc_set(c->doc, FOLIO_META_DATE, pub->iso, c->err);
	if (st == FOLIO_OK && upd != NULL)
		st = folio_doc_set_extra(c->doc, "updated", upd->iso, c->err);
	if (st != FOLIO_OK)
		clip_fail(c, st);
}

/* The length of a courtesy title opening a name ("Dr. ", "Docteure "),
 * which is no part of it, or 0. */
static size_t honorific(const char *s, size_t len)
{
	static const char *const titles[] = {"Dr. ",     "Dr ",       "Dre ",    "Prof. ",
	                                     "Docteur ", "Docteure ", "Doctor ", "Mr. ",
	                                     "Mrs. ",    "Ms. ",      "Mme ",    "Pr "};
	for (size_t i = 0; i < sizeof(titles) / sizeof(titles[0]); i++) {
		size_t n = strlen(titles[i]);
		if (len > n && memcmp(s, titles[i], n) == 0)
			return n;
	}
	return 0;
}

static int name_particle(const char *w, size_t n)
{
	static const char *const particles[] = {"de",  "du",  "des", "la",  "le",  "van",  "von",
	                                        "der", "den", "da",  "di",  "dos", "bin",  "al",
	                                        "y",   "e",   "ter", "ten", "del", "della"};
	for (size_t i = 0; i < sizeof(particles) / sizeof(particles[0]); i++)
		if (strlen(particles[i]) == n && memcmp(particles[i], w, n) == 0)
			return 1;
	return 0;
}

/* How much of s is a person's name (with credentials after a comma):
 * words up to the first that starts with a digit, a lowercase word that is
 * no particle ("Dana Whitfield 5 Comments", "Tom Becker in Running",
 * "Owen Price at 10:14 AM") or a separator. Trailing commas are not kept. */
size_t clip_name_extent(const char *s, size_t len)
{
	size_t i = 0, end = 0;
	int comma = 0;
	while (i < len) {
		size_t e = i;
		while (e < len && s[e] != ' ')
			e++;
		unsigned char c0 = (unsigned char)s[i];
		/* "à", "é": lowercase Latin-1 letters start with C3 A0..BF. */
		int lower =
		    islower(c0) || (c0 == 0xC3 && e - i > 1 && (unsigned char)s[i + 1] >= 0xA0);
		/* After a comma come credentials, lowercase ones too ("pht"). */
		int lower_ok = comma || name_particle(s + i, e - i);
		int stop = isdigit(c0) || c0 == '@' || (e - i == 1 && strchr("|/-*", c0) != NULL) ||
		           (c0 == 0xE2 && e - i == 3) || /* "–", "—", "•" standing alone */
		           (e - i == 2 && memcmp(s + i, "\xc2\xb7", 2) == 0) ||
		           (lower && !lower_ok);
		if (stop)
			break;
		comma |= s[e - 1] == ',';
		end = e;
		i = e + 1;
	}
	while (end > 0 && (s[end - 1] == ',' || s[end - 1] == ' '))
		end--;
	return end;
}

/* Length of a time of day ending s, with what leads to it (" at 10:14 AM",
 * ", 8:12 am", " à 14h30", " 11:15 PM"), or 0. */
size_t clip_trailing_time(const char *s, size_t len)
{
	static const char *const suffixes[] = {" am", " pm", " a.m.", " p.m.", "am", "pm"};
	size_t end = len;
	for (size_t k = 0; k < sizeof(suffixes) / sizeof(suffixes[0]); k++) {
		size_t n = strlen(suffixes[k]);
		if (end >= n && clip_find_word(s + end - n, n, suffixes[k]) == 0) {
			end -= n;
			break;
		}
	}
	size_t d2 = 0;
	while (d2 < 2 && end > 0 && isdigit((unsigned char)s[end - 1])) {
		end--;
		d2++;
	}
	if (d2 != 2 || end == 0 || (s[end - 1] != ':' && s[end - 1] != 'h'))
		return 0;
	end--;
	size_t d1 = 0;
	while (d1 < 2 && end > 0 && isdigit((unsigned char)s[end - 1])) {
		end--;
		d1++;
	}
	if (d1 == 0 || (end > 0 && isdigit((unsigned char)s[end - 1])))
		return 0;
	static const char *const leads[] = {" at ", " à ", " @ ", " - ", ", ", " "};
	for (size_t k = 0; k < sizeof(leads) / sizeof(leads[0]); k++) {
		size_t n = strlen(leads[k]);
		if (end >= n && memcmp(s + end - n, leads[k], n) == 0)
			return len - (end - n);
	}
	return end == 0 ? len : 0;
}

/* Adds each author of "A, PT and B, DC" (copied: s need not end with NUL). */
void clip_add_authors(clip_ctx *c, const char *s, size_t len)
{
	static const char *const joins[] = {" and ", " et ", " & "};
	while (len > 0) {
		size_t cut = len, skip = 0;
		for (size_t j = 0; j < sizeof(joins) / sizeof(joins[0]); j++) {
			size_t at = clip_find_word(s, len, joins[j]);
			if (at < cut) {
				cut = at;
				skip = strlen(joins[j]);
			}
		}
		size_t h = honorific(s, cut);
		size_t n = clip_name_extent(s + h, cut - h - clip_trailing_time(s + h, cut - h));
		char *name = folio_doc_strndup(c->doc, s + h, n);
		if (name == NULL) {
			clip_nomem(c);
			return;
		}
		/* A part that is no name ("By , PT") is skipped, not fatal. */
		folio_error aerr;
		folio_status st =
		    n > 0 ? folio_doc_add_author_string(c->doc, name, &aerr) : FOLIO_OK;
		if (st == FOLIO_ERR_NOMEM)
			clip_nomem(c);
		if (cut == len)
			break;
		s += cut + skip;
		len -= cut + skip;
	}
}

/* A name standing alone: a few words starting with a capital letter. */
int clip_name_like(const char *s, size_t len)
{
	if (len == 0 || len > 120 || clip_count_words(s, len) > 8)
		return 0;
	unsigned char c0 = (unsigned char)s[0];
	return isupper(c0) || c0 >= 0x80;
}

/* A date, labelled or not, maybe followed by " by NAME" / " par NAME".
 * Applies it when apply is set. Returns 1 when part is one. */
static int counter_part(clip_ctx *c, const char *s, size_t len, int apply);

/* WordPress themes print "January 10, 2019 Jo Nash 1 Comment": a date, a
 * name and a counter, with nothing between them. The date is the longest
 * run of two to five words at the start that parses. */
static int date_name_counter(clip_ctx *c, const char *s, size_t len, int apply)
{
	size_t ends[6], n = 0;
	for (size_t i = 1; i <= len && n < 6; i++)
		if (i == len || s[i] == ' ')
			ends[n++] = i;
	for (size_t w = n < 5 ? n : 5; w >= 2; w--) {
		char iso[11];
		size_t d = ends[w - 1];
		if (d == len || !clip_parse_date(s, d, c->french, iso))
			continue;
		const char *r = s + d + 1;
		size_t rl = len - d - 1;
		size_t name = clip_name_extent(r, rl);
		const char *rest = r + name;
		size_t restl = rl - name;
		while (restl > 0 && *rest == ' ') {
			rest++;
			restl--;
		}
		if (name == 0 || !clip_name_like(r, name) ||
		    (restl > 0 && !counter_part(c, rest, restl, 0)))
			return 0;
		if (apply) {
			set_date(c, iso, 0);
			clip_add_authors(c, r, name);
			if (restl > 0)
				counter_part(c, rest, restl, 1);
		}
		return 1;
	}
	return 0;
}

/* One date, labelled or not, with a byline after it or a few other words
 * around it (a source, a time, a revision in parentheses). */
static int date_one(clip_ctx *c, const char *s, size_t len, int labelled_only, int apply)
{
	int updated = 0;
	size_t lab = clip_date_label(s, len, &updated);
	if (lab == 0 && labelled_only)
		return 0;
	s += lab;
	len -= lab;
	size_t by = clip_find_word(s, len, " by ");
	size_t byl = 4;
	size_t par = clip_find_word(s, len, " par ");
	if (par < by) {
		by = par;
		byl = 5;
	}
	size_t dlen = by < len ? by : len;
	char iso[11];
	if (!clip_parse_date(s, dlen, c->french, iso) &&
	    !clip_parse_date(s, dlen - clip_trailing_time(s, dlen), c->french, iso)) {
		if (by >= len && !labelled_only && date_name_counter(c, s, len, apply))
			return 1;
		/* A date among a few other words: a source, a time and its zone,
		 * a place ("CBS News February 24, 2020, 7:57 AM"). */
		/* A revision in parentheses after it does not count ("AFP 30
		 * avril 2015 à 07:19 (Mis à jour : 30 avril 2015 à 07:38)"). */
		size_t wl = len;
		const char *paren = memchr(s, '(', len);
		if (paren != NULL && s[len - 1] == ')')
			wl = (size_t)(paren - s);
		if (by < len || clip_count_words(s, wl) > (lab ? 14u : 10u) ||
		    !clip_find_date(s, len, c->french, iso, NULL, NULL))
			return 0;
		if (apply)
			set_date(c, iso, updated);
		return 1;
	}
	if (by < len && !clip_name_like(s + by + byl, len - by - byl))
		return 0;
	if (apply) {
		set_date(c, iso, updated);
		if (by < len)
			clip_add_authors(c, s + by + byl, len - by - byl);
	}
	return 1;
}

/* A date and its revision on one line ("Thu 3 Jan 2019 02.00 EST Last
 * modified on Wed 16 Jan 2019 06.16 EST"): each half read alone. */
static int date_part(clip_ctx *c, const char *s, size_t len, int labelled_only, int apply)
{
	for (size_t k = 1; k + 1 < len; k++) {
		int revision = 0;
		if (s[k] != ' ' || clip_date_label(s + k + 1, len - k - 1, &revision) == 0 ||
		    !revision)
			continue;
		if (!date_one(c, s, k, labelled_only, 0) ||
		    !date_one(c, s + k + 1, len - k - 1, 1, 0))
			break;
		if (apply) {
			date_one(c, s, k, labelled_only, 1);
			date_one(c, s + k + 1, len - k - 1, 1, 1);
		}
		return 1;
	}
	return date_one(c, s, len, labelled_only, apply);
}

/* "Writer's pictureGlenn Charbonneau, P.T.", "By Jane Roe, RMT". Below the
 * article (strict), only a labelled byline that is nothing but a name (and
 * a time: Blogger's "Posted by X at 10:14 AM") is believed, and only when
 * the head had none: "By then, ..." is a sentence. */
static int byline_part(clip_ctx *c, const char *s, size_t len, int strict, int apply)
{
	size_t lab = clip_byline_label(s, len);
	if (lab == 0)
		return 0;
	const char *name = s + lab;
	size_t nlen = len - lab;
	while (nlen > 0 && *name == ' ') {
		name++;
		nlen--;
	}
	/* "By Ann Roe on Thu, Nov 9, 2023 at 4:00 am", "By Ann Roe 04 November
	 * 2020", "by Ann Roe @annroe February 1, 2016": the name, then a date. */
	size_t h = honorific(name, nlen);
	size_t t = clip_trailing_time(name + h, nlen - h);
	size_t whole = nlen - h - t;
	size_t ext = nlen > 0 ? clip_name_extent(name + h, whole) : 0;
	char iso[11];
	size_t at = 0;
	int dated = ext > 0 && clip_count_words(name, nlen) <= 16 &&
	            clip_find_date(name + h, whole, c->french, iso, &at, NULL) && at > 0;
	if (dated) { /* the name ends before the date ("By Ann Lee February 1, 2016") */
		ext = clip_name_extent(name + h, at);
		while (ext > 0 && strchr(" /|-,", name[h + ext - 1]) != NULL)
			ext--;
		dated = ext > 0 && clip_count_words(name + h + ext, at - ext) <= 3;
	}
	if (strict) {
		/* "By then, ..." is a sentence: below the article only a short
		 * label and a name (and a date or a time) alone are believed. */
		if (folio_doc_author_count(c->doc) > 0 || nlen == 0 || (ext != whole && !dated) ||
		    clip_count_words(name + h, ext) < 2)
			return 0;
	}
	if (nlen == 0) { /* the label alone: the name is on the next line */
		if (apply)
			c->expect_author = 1;
		return 1;
	}
	if (dated) {
		if (apply) {
			clip_add_authors(c, name, h + ext);
			set_date(c, iso, 0);
		}
		return 1;
	}
	/* Above the article, a labelled list of names may run long ("Posted
	 * by Ann Roe, Bo Li, Cy Ng and Di Wu - Clinic team"): the names up
	 * to what is no name. */
	if (!clip_name_like(name, nlen) &&
	    (strict || ext == 0 || !clip_name_like(name, 1) || clip_count_words(name, ext) > 12 ||
	     clip_count_words(name, nlen) > 20))
		return 0;
	if (apply)
		clip_add_authors(c, name, nlen);
	return 1;
}

static int counter_part(clip_ctx *c, const char *s, size_t len, int apply)
{
	char f[CLIP_RULE_MAX_LINE * 2 + 8];
	size_t flen = clip_fold(s, len, f, sizeof(f));
	if (flen == (size_t)-1)
		return 0;
	return clip_parse_counters(f, flen, apply ? record_counter : NULL, c);
}

/* A time given relative to now, as feeds print it beside a byline: "8h",
 * "5 min", "2 hours ago", "yesterday", "il y a 3 jours". Not a date. */
static int relative_time(const char *s, size_t len)
{
	static const char *const alone[] = {"yesterday", "today",       "just now",
	                                    "hier",      "aujourd'hui", "aujourd’hui"};
	static const char *const units[] = {
	    "h",    "hr",      "hrs",    "d",    "m",       "min",  "mins",
	    "w",    "second",  "minute", "hour", "day",     "week", "month",
	    "year", "seconde", "heure",  "jour", "semaine", "mois", "an"};
	for (size_t k = 0; k < sizeof(alone) / sizeof(alone[0]); k++)
		if (len == strlen(alone[k]) && clip_find_word(s, len, alone[k]) == 0)
			return 1;
	size_t i = 0;
	if (len > 7 && clip_find_word(s, 6, "il y a") == 0 && s[6] == ' ')
		i = 7;
	size_t d = i;
	while (i < len && isdigit((unsigned char)s[i]))
		i++;
	if (i == d)
		return 0;
	while (i < len && s[i] == ' ')
		i++;
	size_t u = i;
	while (i < len && isalpha((unsigned char)s[i]))
		i++;
	size_t ul = i - u;
	/* "hours", "jours": the unit, or the unit and a plural 's' */
	size_t one = ul > 2 && (s[i - 1] == 's' || s[i - 1] == 'S') ? ul - 1 : ul;
	int unit = 0;
	for (size_t k = 0; k < sizeof(units) / sizeof(units[0]) && !unit; k++) {
		size_t n = strlen(units[k]);
		unit = (ul == n || one == n) && clip_find_word(s + u, n, units[k]) == 0;
	}
	if (!unit)
		return 0;
	if (i == len)
		return 1;
	return len - i == 4 && clip_find_word(s + i, 4, " ago") == 0;
}

typedef enum part_kind { P_NONE, P_COUNTER, P_BYLINE, P_DATE, P_NAME, P_TIME, P_EXTRA } part_kind;

/* What one part of a metadata line is. Bylines and bare dates are only
 * believed above the article; counters and labelled dates anywhere. A
 * relative time ("8h") only beside a byline or a date above the article:
 * alone on its line it is as often a list of other stories' ages. */
static part_kind part_of(clip_ctx *c, const char *s, size_t len, int head, int apply, int alone)
{
	/* "04:43 PM CST": a time zone after a time */
	size_t zone = 0;
	while (zone < len && zone < 5 && isupper((unsigned char)s[len - 1 - zone]))
		zone++;
	if (zone < 2 || zone > 4 || zone + 1 >= len || s[len - 1 - zone] != ' ')
		zone = 0;
	else
		zone++;
	if (counter_part(c, s, len, apply))
		return P_COUNTER;
	if (byline_part(c, s, len, !head, apply))
		return P_BYLINE;
	if (len > 0 && (clip_trailing_time(s, len - zone) == len - zone ||
	                (head && !alone && relative_time(s, len))))
		return P_TIME;
	if (date_part(c, s, len, !head, apply))
		return P_DATE;
	return P_NONE;
}

typedef struct line_part {
	const char *s;
	size_t len;
} line_part;

/* Cuts a line at " · ", " | ", " • " and " / " (how builders join a byline, a
 * date and a reading time on one line). Returns the number of parts, 0 when
 * there are too many. */
static size_t split_parts(const char *s, size_t len, line_part *parts, size_t max)
{
	static const char *const seps[] = {" · ", " | ", " • ", " / "};
	size_t n = 0, from = 0, i = 0;
	while (i <= len) {
		size_t sl = 0;
		for (size_t k = 0; i < len && k < sizeof(seps) / sizeof(seps[0]); k++)
			if (strncmp(s + i, seps[k], strlen(seps[k])) == 0)
				sl = strlen(seps[k]);
		if (i == len || sl > 0) {
			if (n == max)
				return 0;
			parts[n].s = s + from;
			parts[n].len = i - from;
			n++;
			i += sl > 0 ? sl : 1;
			from = i;
			continue;
		}
		i++;
	}
	return n;
}

static const char *const part_reasons[] = {
    [P_NONE] = "metadata",
    [P_COUNTER] = "counter: kept as metadata, dropped from the text",
    [P_BYLINE] = "byline: the author, kept as metadata",
    [P_DATE] = "date (and byline, if any): kept as metadata",
    [P_NAME] = "byline: the author, kept as metadata",
    [P_TIME] = "time of day: dropped",
    [P_EXTRA] = "byline, date or counters: kept as metadata",
};

/* Beside a byline or a date, a part that is neither but still no text:
 * the author's e-mail address ("By Ann Roe | ann@example.org"), or, next
 * to two known parts, a label of three words at most ("News | By Ann Roe
 * | May 2, 2021", or a date printed twice and glued: "6:03 PMMAY 2"). */
static int extra_part(const char *s, size_t len, size_t known)
{
	size_t words = clip_count_words(s, len);
	if (words == 1 && memchr(s, '@', len) != NULL)
		return 1;
	return known >= 2 && words <= 4;
}

/* When line i is metadata (a byline, a date, counters, or several of them
 * joined), applies it if apply is set and returns why; else NULL. */
const char *clip_meta_line(clip_ctx *c, size_t i, int head, int apply)
{
	const char *s = c->lines[i].s;
	size_t len = c->lines[i].len;
	if (len > CLIP_RULE_MAX_LINE)
		return NULL;
	if (apply)
		c->cur = i;
	if (head && !c->expect_author && i > 0 && c->lines[i - 1].kind == L_META &&
	    (strcmp(s, "and") == 0 || strcmp(s, "et") == 0 || strcmp(s, "&") == 0) &&
	    c->lines[i - 1].len > 0 && clip_name_like(c->lines[i - 1].s, c->lines[i - 1].len)) {
		if (apply)
			c->expect_author = 1; /* "By / Ann Roe / and / Luc Roy", a line each */
		return part_reasons[P_NAME];
	}
	if (c->expect_author && head && clip_name_like(s, len)) {
		if (apply) {
			c->expect_author = 0;
			clip_add_authors(c, s, len);
		}
		return part_reasons[P_NAME];
	}
	/* Wix lists the byline, the date and the reading time as bullets. */
	size_t bullet = clip_skip_bullet(s, len);
	s += bullet;
	len -= bullet;
	line_part parts[8];
	part_kind kinds[8];
	size_t np = split_parts(s, len, parts, 8);
	if (np == 0)
		return NULL;
	size_t known = 0;
	for (size_t k = 0; k < np; k++) {
		kinds[k] = part_of(c, parts[k].s, parts[k].len, head, 0, np == 1);
		known += kinds[k] != P_NONE;
	}
	int dated = 0;
	for (size_t k = 0; k < np; k++)
		dated |= kinds[k] == P_BYLINE || kinds[k] == P_DATE;
	for (size_t k = 0; k < np; k++) {
		if (kinds[k] != P_NONE)
			continue;
		/* A bare name only next to a date or a counter, above the article. */
		if (head && known > 0 && clip_name_like(parts[k].s, parts[k].len)) {
			kinds[k] = P_NAME;
			continue;
		}
		if (!head || !dated || !extra_part(parts[k].s, parts[k].len, known))
			return NULL;
		kinds[k] = P_EXTRA;
	}
	for (size_t k = 0; apply && k < np; k++) {
		if (kinds[k] == P_EXTRA)
			continue;
		if (kinds[k] == P_NAME)
			clip_add_authors(c, parts[k].s, parts[k].len);
		else
			part_of(c, parts[k].s, parts[k].len, head, 1, np == 1);
	}
	return np == 1 ? part_reasons[kinds[0]] : "byline, date or counters: kept as metadata";
}

int clip_meta_is_name(const char *why)
{
	return why == part_reasons[P_NAME];
}

int clip_meta_is_counter(const char *why)
{
	return why == part_reasons[P_COUNTER];
}
