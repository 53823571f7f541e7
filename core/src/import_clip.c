/* folio — the clipped-web-text importer: an article copied from a clinic's
 * website (Wix, Squarespace, WordPress, Weebly, GoDaddy) back into a
 * document.
 *
 * The work goes in passes over the lines, each linear in the input:
 *
 *   1. normalise: NBSP and other spaces to ' ', runs collapsed, lines trimmed;
 *   2. language: English or French stop words counted over the whole text;
 *   3. lines: first the page's shape (clip_shape.c): the article is the
 *      densest run of prose, so what lies above it is the site's header
 *      (where only the title, the byline and the date are looked for) and a
 *      run of short lines below it ends it; short lines printed twice are
 *      menus. Then the builder's boilerplate (clip_rules.c) is dropped,
 *      counters ("124 views") kept as metadata, the byline and the date
 *      read, and the title chosen among the short lines above the first
 *      paragraph (the one a breadcrumb ends with, else the one over the
 *      byline or date, else the last long enough); the date is the one
 *      under the title, not a header's "today";
 *   4. blocks: what is left is cut at blank lines into paragraphs (hard-wrapped
 *      lines joined), headings, lists and block quotes;
 *   5. references: a "References" heading, or else the run of
 *      citation-looking paragraphs that ends the article, becomes a REFERENCES
 *      node whose entries are parsed with folio_citation_parse.
 *
 * Decisions (documented here because a user may wonder):
 *   - "05/03/2021": month first on English sites, day first on French ones
 *     (a number over 12 settles it either way).
 *   - Block quotes are lines starting with ">" only; a line in quotation
 *     marks standing alone is usually a patient's testimonial and stays a
 *     paragraph.
 *   - Headings are all level 2 (the title is level 1 and lives in the
 *     metadata, as with the Markdown importer).
 *   - "Updated: ..." dates become the date when no other date was seen,
 *     otherwise the extra key "updated".
 * Every line dropped or reinterpreted is reported to opts->explain.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf_private.h"
#include "clip_private.h"
#include "doc_private.h"
#include "import_private.h"

/* What became of a source line. */
typedef enum line_kind {
	L_BLANK = 0,
	L_TEXT,  /* article text, to be cut into blocks */
	L_DROP,  /* boilerplate */
	L_META,  /* a byline, a date or a counter: metadata, not text */
	L_TITLE, /* the title (metadata) */
} line_kind;

typedef struct clip_line {
	const char *s; /* normalised, NUL-terminated, inside clip_ctx.text */
	size_t len;
	unsigned no; /* 1-based source line */
	unsigned char kind;
} clip_line;

typedef enum block_kind { B_PARA, B_HEADING, B_LIST, B_QUOTE } block_kind;

typedef struct clip_block {
	size_t first, last; /* line indexes, inclusive; all L_TEXT */
	block_kind kind;
} clip_block;

/* A date read from the text, kept until the title is known: the article's
 * own date is the one under its title, not the site header's "today". */
typedef struct clip_date {
	size_t line;
	char iso[11];
	int updated;
} clip_date;

#define MAX_DATES 16

typedef struct clip_ctx {
	folio_doc *doc;
	const folio_import_options *opts;
	folio_error *err;
	char *text;       /* the normalised input (owned) */
	clip_line *lines; /* owned */
	size_t nlines;
	clip_block *blocks; /* owned */
	size_t nblocks;
	int french;        /* language guess: 1 French, 0 English */
	int expect_author; /* a "Writer's picture" label stood alone: the name is next */
	folio_status st;   /* first failure; sticky */
	/* The article's densest run of prose (line indexes, inclusive), found
	 * before anything is dropped; body_first is SIZE_MAX when the text has
	 * no prose at all. */
	size_t body_first, body_last;
	size_t cur;        /* the line being read, for where its date was */
	size_t title_line; /* SIZE_MAX until a title is chosen */
	clip_date dates[MAX_DATES];
	size_t ndates;
	const char *crumb; /* the last part of a breadcrumb ("Home > Blog > X"), or NULL */
	size_t crumb_len;
	unsigned char *repeated; /* per line: its text occurs on another line too (owned) */
} clip_ctx;

#define MAX_HEAD_CANDIDATES 32
#define MAX_HEAD_VOTES 16

/* ---- small helpers ---------------------------------------------------------- */

static void explain(clip_ctx *c, size_t i, const char *reason)
{
	if (c->opts->explain)
		c->opts->explain(c->opts->explain_userdata, c->lines[i].no, c->lines[i].s, reason);
}

static void fail(clip_ctx *c, folio_status st)
{
	if (c->st == FOLIO_OK)
		c->st = st;
}

static void nomem(clip_ctx *c)
{
	folio_error_set(c->err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	fail(c, FOLIO_ERR_NOMEM);
}

static size_t count_words(const char *s, size_t len)
{
	size_t n = 0;
	int in = 0;
	for (size_t i = 0; i < len; i++) {
		int sp = s[i] == ' ';
		if (!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

/* ---- 1. normalising --------------------------------------------------------- */

/* Length of a Unicode space at s (NBSP, en/em/thin/narrow spaces, ideographic
 * space), 0 otherwise; *zero set for zero-width characters to delete. */
static size_t space_at(const unsigned char *s, size_t left, int *zero)
{
	*zero = 0;
	if (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\v' || s[0] == '\f' ||
	    (s[0] < 0x20 && s[0] != '\n'))
		return 1;
	if (left >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (left >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
	    ((s[2] >= 0x80 && s[2] <= 0x8A) || s[2] == 0xAF))
		return 3;
	if (left >= 3 && s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F)
		return 3;
	if (left >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;
	/* Soft hyphens, zero-width spaces and joiners, the word joiner,
	 * direction marks and the BOM: invisible on the page, deleted here so
	 * "use\u00adful" is "useful" again. */
	if (left >= 2 && s[0] == 0xC2 && s[1] == 0xAD) {
		*zero = 1;
		return 2;
	}
	if (left >= 3 && ((s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x8B && s[2] <= 0x8F) ||
	                  (s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0xA0) ||
	                  (s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF))) {
		*zero = 1;
		return 3;
	}
	return 0;
}

/* Text copied from a web page has almost no control characters; a file
 * where more than one byte in ten is one is binary, whatever its encoding
 * says. Reports it with the line of the first one. */
static int binary_looking(clip_ctx *c, const char *data, size_t len)
{
	size_t controls = 0, first = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char b = (unsigned char)data[i];
		if (b < 0x20 && b != '\n' && b != '\t' && controls++ == 0)
			first = i;
	}
	if (len < 64 || controls * 10 <= len)
		return 0;
	unsigned line = 1;
	for (size_t i = 0; i < first; i++)
		line += data[i] == '\n';
	folio_error_set(c->err, FOLIO_ERR_SYNTAX, NULL, line, 0,
	                "this looks like binary data, not copied text (%zu control characters "
	                "in %zu bytes)",
	                controls, len);
	fail(c, FOLIO_ERR_SYNTAX);
	return 1;
}

/* Copies data into c->text with spaces normalised, one NUL-terminated line
 * after another, and fills c->lines. Normalising never grows the text. */
static void normalise(clip_ctx *c, const char *data, size_t len)
{
	size_t nl = 1;
	for (size_t i = 0; i < len; i++)
		nl += data[i] == '\n';
	c->text = malloc(len + 1);
	c->lines = calloc(nl, sizeof(*c->lines));
	if (c->text == NULL || c->lines == NULL) {
		nomem(c);
		return;
	}
	const unsigned char *p = (const unsigned char *)data;
	size_t k = 0, start = 0, n = 0;
	int pending_space = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i == len || p[i] == '\n') {
			c->text[k] = '\0';
			c->lines[n].s = c->text + start;
			c->lines[n].len = k - start;
			c->lines[n].no = (unsigned)(n + 1);
			c->lines[n].kind = k > start ? L_TEXT : L_BLANK;
			n++;
			k++;
			start = k;
			pending_space = 0;
			continue;
		}
		int zero = 0;
		size_t sp = space_at(p + i, len - i, &zero);
		if (sp > 0) {
			if (!zero)
				pending_space = k > start;
			i += sp - 1;
			continue;
		}
		if (pending_space)
			c->text[k++] = ' ';
		pending_space = 0;
		c->text[k++] = (char)p[i];
	}
	c->nlines = n;
}

/* ---- 2. language --------------------------------------------------------------- */

static const char *const english_words[] = {
    "the", "and",  "of",  "to", "is", "in", "with", "for", "that", "it",    "are",  "your",
    "you", "this", "can", "be", "or", "as", "what", "how", "when", "which", "from", "an",
};
static const char *const french_words[] = {
    "le",  "la",  "les", "et",  "des", "du",   "de",   "un",    "une", "est", "pour", "dans",
    "que", "qui", "au",  "aux", "sur", "avec", "vous", "votre", "pas", "ne",  "ou",   "sont",
};

static int word_in(const char *w, size_t len, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == len && memcmp(list[i], w, len) == 0)
			return 1;
	return 0;
}

/* Counts stop words of each language over the lines; words are runs of
 * letters (bytes >= 0x80 count as letters), so "l'épaule" is "l" + "épaule". */
static void detect_language(clip_ctx *c)
{
	size_t en = 0, fr = 0;
	char w[16];
	for (size_t i = 0; i < c->nlines; i++) {
		const char *s = c->lines[i].s;
		size_t len = c->lines[i].len, j = 0;
		while (j < len) {
			while (j < len && !isalpha((unsigned char)s[j]) &&
			       (unsigned char)s[j] < 0x80)
				j++;
			size_t k = 0;
			while (j < len &&
			       (isalpha((unsigned char)s[j]) || (unsigned char)s[j] >= 0x80)) {
				if (k < sizeof(w))
					w[k] = (char)tolower((unsigned char)s[j]);
				k++;
				j++;
			}
			if (k == 0 || k > sizeof(w))
				continue;
			en += word_in(w, k, english_words,
			              sizeof(english_words) / sizeof(*english_words));
			fr += word_in(w, k, french_words,
			              sizeof(french_words) / sizeof(*french_words));
		}
	}
	if (en == 0 && fr == 0)
		return;
	c->french = fr > en;
	if (folio_doc_set(c->doc, FOLIO_META_LANG, c->french ? "fr" : "en", c->err) != FOLIO_OK)
		fail(c, c->err ? c->err->code : FOLIO_ERR_NOMEM);
}

/* ---- 3. metadata lines ----------------------------------------------------------- */

static int record_counter(void *ctx, const char *key, const char *number)
{
	clip_ctx *c = ctx;
	if (folio_doc_extra(c->doc, key) != NULL)
		return 0; /* the first one is the article's own */
	if (folio_doc_set_extra(c->doc, key, number, c->err) != FOLIO_OK)
		fail(c, c->err ? c->err->code : FOLIO_ERR_NOMEM);
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
static void choose_date(clip_ctx *c)
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
		fail(c, st);
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
static size_t name_extent(const char *s, size_t len)
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
static size_t trailing_time(const char *s, size_t len)
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
static void add_authors(clip_ctx *c, const char *s, size_t len)
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
		size_t n = name_extent(s + h, cut - h - trailing_time(s + h, cut - h));
		char *name = folio_doc_strndup(c->doc, s + h, n);
		if (name == NULL) {
			nomem(c);
			return;
		}
		/* A part that is no name ("By , PT") is skipped, not fatal. */
		folio_error aerr;
		folio_status st =
		    n > 0 ? folio_doc_add_author_string(c->doc, name, &aerr) : FOLIO_OK;
		if (st == FOLIO_ERR_NOMEM)
			nomem(c);
		if (cut == len)
			break;
		s += cut + skip;
		len -= cut + skip;
	}
}

/* A name standing alone: a few words starting with a capital letter. */
static int looks_like_name(const char *s, size_t len)
{
	if (len == 0 || len > 120 || count_words(s, len) > 8)
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
		size_t name = name_extent(r, rl);
		const char *rest = r + name;
		size_t restl = rl - name;
		while (restl > 0 && *rest == ' ') {
			rest++;
			restl--;
		}
		if (name == 0 || !looks_like_name(r, name) ||
		    (restl > 0 && !counter_part(c, rest, restl, 0)))
			return 0;
		if (apply) {
			set_date(c, iso, 0);
			add_authors(c, r, name);
			if (restl > 0)
				counter_part(c, rest, restl, 1);
		}
		return 1;
	}
	return 0;
}

static int date_part(clip_ctx *c, const char *s, size_t len, int labelled_only, int apply)
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
	    !clip_parse_date(s, dlen - trailing_time(s, dlen), c->french, iso)) {
		if (by == len && !labelled_only && date_name_counter(c, s, len, apply))
			return 1;
		/* A date among a few other words: a source, a time and its zone,
		 * a place ("CBS News February 24, 2020, 7:57 AM"). */
		if (by < len || count_words(s, len) > (lab ? 14u : 10u) ||
		    !clip_find_date(s, len, c->french, iso, NULL, NULL))
			return 0;
		if (apply)
			set_date(c, iso, updated);
		return 1;
	}
	if (by < len && !looks_like_name(s + by + byl, len - by - byl))
		return 0;
	if (apply) {
		set_date(c, iso, updated);
		if (by < len)
			add_authors(c, s + by + byl, len - by - byl);
	}
	return 1;
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
	size_t t = trailing_time(name + h, nlen - h);
	size_t whole = nlen - h - t;
	size_t ext = nlen > 0 ? name_extent(name + h, whole) : 0;
	char iso[11];
	size_t at = 0;
	int dated = ext > 0 && count_words(name, nlen) <= 16 &&
	            clip_find_date(name + h, whole, c->french, iso, &at, NULL) && at > 0;
	if (dated) { /* the name ends before the date ("By Ann Lee February 1, 2016") */
		ext = name_extent(name + h, at);
		while (ext > 0 && strchr(" /|-,", name[h + ext - 1]) != NULL)
			ext--;
		dated = ext > 0 && count_words(name + h + ext, at - ext) <= 3;
	}
	if (strict) {
		/* "By then, ..." is a sentence: below the article only a short
		 * label and a name (and a date or a time) alone are believed. */
		if (folio_doc_author_count(c->doc) > 0 || nlen == 0 ||
		    (ext != whole && !dated) || count_words(name + h, ext) < 2)
			return 0;
	}
	if (nlen == 0) { /* the label alone: the name is on the next line */
		if (apply)
			c->expect_author = 1;
		return 1;
	}
	if (dated) {
		if (apply) {
			add_authors(c, name, h + ext);
			set_date(c, iso, 0);
		}
		return 1;
	}
	if (!looks_like_name(name, nlen))
		return 0;
	if (apply)
		add_authors(c, name, nlen);
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

typedef enum part_kind { P_NONE, P_COUNTER, P_BYLINE, P_DATE, P_NAME, P_TIME } part_kind;

/* What one part of a metadata line is. Bylines and bare dates are only
 * believed above the article; counters and labelled dates anywhere. */
static part_kind part_of(clip_ctx *c, const char *s, size_t len, int head, int apply)
{
	if (counter_part(c, s, len, apply))
		return P_COUNTER;
	if (byline_part(c, s, len, !head, apply))
		return P_BYLINE;
	if (len > 0 && trailing_time(s, len) == len)
		return P_TIME;
	if (date_part(c, s, len, !head, apply))
		return P_DATE;
	return P_NONE;
}

typedef struct line_part {
	const char *s;
	size_t len;
} line_part;

/* Cuts a line at " · ", " | " and " • " (how builders join a byline, a
 * date and a reading time on one line). Returns the number of parts, 0 when
 * there are too many. */
static size_t split_parts(const char *s, size_t len, line_part *parts, size_t max)
{
	static const char *const seps[] = {" · ", " | ", " • "};
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
};

/* When line i is metadata (a byline, a date, counters, or several of them
 * joined), applies it if apply is set and returns why; else NULL. */
static const char *meta_line(clip_ctx *c, size_t i, int head, int apply)
{
	const char *s = c->lines[i].s;
	size_t len = c->lines[i].len;
	if (len > CLIP_RULE_MAX_LINE)
		return NULL;
	if (apply)
		c->cur = i;
	if (head && !c->expect_author && i > 0 && c->lines[i - 1].kind == L_META &&
	    (strcmp(s, "and") == 0 || strcmp(s, "et") == 0 || strcmp(s, "&") == 0) &&
	    c->lines[i - 1].len > 0 && looks_like_name(c->lines[i - 1].s, c->lines[i - 1].len)) {
		if (apply)
			c->expect_author = 1; /* "By / Ann Roe / and / Luc Roy", a line each */
		return part_reasons[P_NAME];
	}
	if (c->expect_author && head && looks_like_name(s, len)) {
		if (apply) {
			c->expect_author = 0;
			add_authors(c, s, len);
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
		kinds[k] = part_of(c, parts[k].s, parts[k].len, head, 0);
		known += kinds[k] != P_NONE;
	}
	for (size_t k = 0; k < np; k++) {
		if (kinds[k] != P_NONE)
			continue;
		/* A bare name only next to a date or a counter, above the article. */
		if (!head || known == 0 || !looks_like_name(parts[k].s, parts[k].len))
			return NULL;
		kinds[k] = P_NAME;
	}
	for (size_t k = 0; apply && k < np; k++) {
		if (kinds[k] == P_NAME)
			add_authors(c, parts[k].s, parts[k].len);
		else
			part_of(c, parts[k].s, parts[k].len, head, 1);
	}
	return np == 1 ? part_reasons[kinds[0]] : "byline, date or counters: kept as metadata";
}

/* ---- 3. boilerplate, title ---------------------------------------------------- */

static const clip_rule *rule_of(const clip_line *l)
{
	char f[CLIP_RULE_MAX_LINE * 2 + 8];
	if (l->len > CLIP_RULE_MAX_LINE)
		return NULL;
	size_t flen = clip_fold(l->s, l->len, f, sizeof(f));
	if (flen == (size_t)-1)
		return NULL;
	return clip_match_rule(f, flen);
}

static void drop(clip_ctx *c, size_t i, const char *reason)
{
	c->lines[i].kind = L_DROP;
	explain(c, i, reason);
}

static void drop_by_rule(clip_ctx *c, size_t i, const clip_rule *r)
{
	char reason[160];
	snprintf(reason, sizeof(reason), "boilerplate: %s (%s)", r->what, r->builder);
	drop(c, i, reason);
}

/* List markers: "• ", "- ", "* ", "– ", "▪ ", "◦ ", "1. ", "1) ". Returns the
 * length of the marker and its space, 0 when the line is not an item. */
static size_t list_marker(const char *s, size_t len, int *ordered, int *number)
{
	static const char *const bullets[] = {"•", "-", "*", "–", "▪", "◦", "·", "○"};
	*ordered = 0;
	*number = 1;
	for (size_t i = 0; i < sizeof(bullets) / sizeof(bullets[0]); i++) {
		size_t b = strlen(bullets[i]);
		if (len > b + 1 && memcmp(s, bullets[i], b) == 0 && s[b] == ' ')
			return b + 1;
	}
	size_t d = 0;
	int v = 0;
	while (d < len && d < 4 && isdigit((unsigned char)s[d]))
		v = v * 10 + (s[d++] - '0');
	if (d == 0 || d > 3 || d + 2 >= len || (s[d] != '.' && s[d] != ')') || s[d + 1] != ' ')
		return 0;
	*ordered = 1;
	*number = v;
	return d + 2;
}

static int is_quote_line(const char *s, size_t len)
{
	return len > 0 && s[0] == '>' && (len == 1 || s[1] == ' ');
}

/* ---- citations ------------------------------------------------------------------ */

static int has_doi(const char *s, size_t len)
{
	for (size_t i = 0; i + 8 < len; i++) {
		if (s[i] != '1' || s[i + 1] != '0' || s[i + 2] != '.' ||
		    (i > 0 && isdigit((unsigned char)s[i - 1])))
			continue;
		size_t j = i + 3, d = 0;
		while (j < len && isdigit((unsigned char)s[j])) {
			j++;
			d++;
		}
		if (d >= 4 && j < len && s[j] == '/')
			return 1;
	}
	return 0;
}

/* "2014;19(4):252" "2016;16:440" "(2019)" "19(4)" — journal numbers. */
static int journal_numbers(const char *s, size_t len)
{
	int score = 0, year = 0;
	for (size_t i = 0; i + 4 <= len; i++) {
		int four = isdigit((unsigned char)s[i]) && isdigit((unsigned char)s[i + 1]) &&
		           isdigit((unsigned char)s[i + 2]) && isdigit((unsigned char)s[i + 3]) &&
		           (i == 0 || !isdigit((unsigned char)s[i - 1])) &&
		           (i + 4 == len || !isdigit((unsigned char)s[i + 4]));
		if (!four || (s[i] != '1' && s[i] != '2'))
			continue;
		year = 1;
		if (i + 5 < len && s[i + 4] == ';' &&
		    (isdigit((unsigned char)s[i + 5]) || s[i + 5] == ' '))
			score = 2;
		if (i > 0 && s[i - 1] == '(' && i + 4 < len && s[i + 4] == ')' && score < 2)
			score = 2;
	}
	for (size_t i = 1; score < 2 && i + 2 < len; i++)
		if (isdigit((unsigned char)s[i - 1]) && s[i] == '(' &&
		    isdigit((unsigned char)s[i + 1]))
			score = 2;
	return score + year;
}

/* "Chou L-W," "Dunning J," "Gattie ER," (Vancouver) or "Smith, J." (APA). */
static int starts_with_author(const char *s, size_t len)
{
	size_t i = 0;
	if (i >= len || !(isupper((unsigned char)s[0]) || (unsigned char)s[0] >= 0x80))
		return 0;
	while (i < len && s[i] != ' ' && s[i] != ',')
		i++;
	if (i + 3 >= len)
		return 0;
	if (s[i] == ',' && s[i + 1] == ' ')
		return isupper((unsigned char)s[i + 2]) && (s[i + 3] == '.' || s[i + 3] == '-');
	size_t k = i + 1, caps = 0;
	while (k < len && (isupper((unsigned char)s[k]) || s[k] == '-' || s[k] == '.')) {
		caps += isupper((unsigned char)s[k]) != 0;
		k++;
	}
	return caps >= 1 && caps <= 3 && k < len && (s[k] == ',' || s[k] == ' ' || s[k] == ';');
}

/* A paragraph that reads like a citation: scores for a DOI or PMID, journal
 * numbers, a year, an author list at the start and "et al." */
static int looks_like_citation(const char *s, size_t len)
{
	if (len < 25 || len > 2000)
		return 0;
	int score = 0;
	if (has_doi(s, len) || clip_find_word(s, len, "doi") != (size_t)-1)
		score += 3;
	if (clip_find_word(s, len, "pmid") != (size_t)-1)
		score += 2;
	score += journal_numbers(s, len);
	if (starts_with_author(s, len))
		score += 2;
	if (clip_find_word(s, len, "et al") != (size_t)-1)
		score += 1;
	return score >= 4;
}

/* ---- 3. the line pass ---------------------------------------------------------- */

/* A short line that may be the title or a heading: few words, no closing
 * punctuation of a sentence (a question is fine), not an item, not a quote. */
static int heading_like(const char *s, size_t len)
{
	if (len == 0 || len > 200)
		return 0;
	int o, n;
	if (list_marker(s, len, &o, &n) || is_quote_line(s, len))
		return 0;
	unsigned char first = (unsigned char)s[0];
	if (islower(first) || (!isalnum(first) && first < 0x80 && first != '"' && first != '('))
		return 0;
	size_t letters = 0;
	for (size_t i = 0; i < len && letters < 2; i++)
		letters += isalnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0xC3;
	if (letters < 2) /* "·", "|": a separator alone */
		return 0;
	char last = s[len - 1];
	size_t words = count_words(s, len);
	if (last == '?')
		return words <= 25;
	if (last == '.' || last == ',' || last == ';' || last == ':' || last == '!')
		return 0;
	return words <= 15 && !looks_like_citation(s, len);
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
	return rule_of(&c->lines[i + 1]) != NULL || meta_line(c, i + 1, 1, 0) != NULL;
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
	return count_words(c->lines[i].s, c->lines[i].len) <= 4 && count_words(n->s, n->len) <= 4 &&
	       heading_like(n->s, n->len);
}

typedef struct head_state {
	size_t cand[MAX_HEAD_CANDIDATES]; /* lines that could be the title */
	size_t ncand;
	size_t meta_after; /* the last byline or date line below a candidate, or SIZE_MAX */
	size_t meta_first; /* the last byline or date line above every candidate, or SIZE_MAX */
	int meta_bare;     /* the meta_after line was a date alone, naming no author */
	/* For each byline or date line below a candidate, the candidate line
	 * right above it (its vote for the title). */
	size_t voted[MAX_HEAD_VOTES];
	size_t nvoted;
	size_t first_line; /* the first non-blank line read, or SIZE_MAX */
	size_t prev;       /* the last non-blank line kept or held, or SIZE_MAX */
	int seen_meta;     /* a byline, date or counter was seen */
	size_t nav_last;   /* the last line dropped as a run of links, or SIZE_MAX */
} head_state;

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
	return count_words(l->s, l->len) == 2 && looks_like_name(l->s, l->len) &&
	       name_extent(l->s, l->len) == l->len && memchr(l->s, ',', l->len) == NULL;
}

/* Which candidate is the title:
 *   1. the one a breadcrumb ends with ("Home > Blog > X" then "X");
 *   2. the last one above the last byline or date under a candidate (a
 *      header's "today" and the site's name come first);
 *   3. else the last one of three words or more (menus, section labels and
 *      site names are shorter and come first), else the first. */
static size_t title_candidate(const clip_ctx *c, const head_state *h)
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
			size_t w = count_words(l->s, l->len);
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
		size_t uw = count_words(up->s, up->len);
		if (uw >= 4 && uw < best && !bare_name(up))
			t--;
	} else if (t != SIZE_MAX && t > 0 && h->cand[t] - h->cand[t - 1] <= 2 && best >= 3) {
		/* ... or a shorter one under a long title, with no blank line */
		const clip_line *up = &c->lines[h->cand[t - 1]];
		size_t uw = count_words(up->s, up->len);
		if (uw >= 6 && uw >= best)
			t--;
	}
	/* Blogger heads each post with a bare date, the title under it: when
	 * the page opens with its name (and tagline) and then such a date, the
	 * title is the next candidate of three words or more. */
	int blog_head =
	    t != SIZE_MAX && t <= 1 && h->meta_bare && h->first_line <= h->cand[0] &&
	    (h->first_line == h->cand[0] || lines_between(c, h->first_line, h->cand[0]) == 0);
	for (size_t k = 0; blog_head && k < h->ncand; k++)
		if (h->cand[k] > h->meta_after &&
		    count_words(c->lines[h->cand[k]].s, c->lines[h->cand[k]].len) >= 3)
			return k;
	if (t != SIZE_MAX) {
		/* A button ("Adjust") or the author's bare name may sit between
		 * the title and the date: among the three candidates above the
		 * date, the nearest of two words or more that is no name. */
		for (size_t k = t + 1, seen = 0; k-- > 0 && seen < 3; seen++) {
			const clip_line *l = &c->lines[h->cand[k]];
			const clip_line *up = k > 0 ? &c->lines[h->cand[k - 1]] : NULL;
			int name = k == t && up && bare_name(l) && count_words(up->s, up->len) >= 4;
			if (count_words(l->s, l->len) >= 2 && !name)
				return k;
		}
		return t;
	}
	/* Wix prints the byline and the date above the title. */
	for (size_t k = 0; h->meta_first != SIZE_MAX && k < h->ncand; k++)
		if (h->cand[k] > h->meta_first &&
		    count_words(c->lines[h->cand[k]].s, c->lines[h->cand[k]].len) >= 3)
			return k;
	/* Else the nearest of three words or more above the article; one
	 * printed twice (a header's copy of the title, then its heading) is
	 * taken over it. */
	size_t near = SIZE_MAX;
	for (size_t k = h->ncand; k-- > 0;) {
		const clip_line *l = &c->lines[h->cand[k]];
		if (count_words(l->s, l->len) < 3)
			continue;
		if (near == SIZE_MAX)
			near = k;
		if (c->repeated[h->cand[k]] && count_words(l->s, l->len) >= 4)
			return k;
	}
	return near != SIZE_MAX ? near : 0;
}

/* Candidates above the title are dropped; those after it stay text. */
static void choose_title(clip_ctx *c, head_state *h)
{
	if (h->ncand == 0)
		return;
	size_t t = title_candidate(c, h);
	for (size_t k = 0; k < t; k++)
		drop(c, h->cand[k], "above the title: the site's name, a menu or a tagline");
	clip_line *l = &c->lines[h->cand[t]];
	l->kind = L_TITLE;
	c->title_line = h->cand[t];
	explain(c, h->cand[t], "title");
	if (folio_doc_set(c->doc, FOLIO_META_TITLE, l->s, c->err) != FOLIO_OK)
		fail(c, c->err ? c->err->code : FOLIO_ERR_NOMEM);
}

/* A sentence or more: many words, or a few ending with a full stop. */
static int looks_like_prose(const char *s, size_t len)
{
	size_t words = count_words(s, len);
	return len > CLIP_RULE_MAX_LINE || words > 15 ||
	       (words >= 6 && (s[len - 1] == '.' || s[len - 1] == '!'));
}

/* The first page marker or skip link above the first line of prose:
 * everything above it is the site's. (Below prose, a "top of page" is a
 * back-to-top link and only dropped.) */
static size_t find_start(const clip_ctx *c)
{
	for (size_t i = 0; i < c->nlines; i++) {
		const clip_line *l = &c->lines[i];
		if (l->kind != L_TEXT)
			continue;
		const clip_rule *r = rule_of(l);
		if (r && r->action == CLIP_START)
			return i;
		if (r == NULL && looks_like_prose(l->s, l->len))
			return 0;
	}
	return 0;
}

/* ---- 3a. where the article is ------------------------------------------------------ */

static int starts_lower(const clip_line *l)
{
	return l->len > 0 && islower((unsigned char)l->s[0]);
}

/* How much line i weighs toward being the article: a sentence, a citation
 * or a line of a hard-wrapped paragraph weighs its words; a short line
 * (a link, a button, a label) and boilerplate count against. */
static long line_weight(const clip_ctx *c, size_t i)
{
	const clip_line *l = &c->lines[i];
	if (l->kind != L_TEXT)
		return 0;
	if (rule_of(l) != NULL)
		return -5;
	size_t w = count_words(l->s, l->len);
	char end = l->s[l->len - 1];
	int wraps = i + 1 < c->nlines && c->lines[i + 1].kind == L_TEXT && starts_lower(&c->lines[i + 1]);
	/* A long headline: no closing punctuation, not wrapped onto the next
	 * line. A browser's copy ends every paragraph with its full stop. */
	if (w > 15 && w <= 30 && !wraps && !starts_lower(l) && isalnum((unsigned char)end) &&
	    l->len <= 250 && !looks_like_citation(l->s, l->len))
		return 0;
	if (looks_like_prose(l->s, l->len) || looks_like_citation(l->s, l->len))
		return w > 100 ? 100 : (long)w;
	char last = l->s[l->len - 1];
	int wrapped =
	    last == ',' || last == ';' || last == ':' || starts_lower(l) ||
	    (i + 1 < c->nlines && c->lines[i + 1].kind == L_TEXT && starts_lower(&c->lines[i + 1]));
	if (w >= 8 && wrapped)
		return (long)w;
	int o, n;
	if (list_marker(l->s, l->len, &o, &n))
		return -1; /* an item of the article's own list, most likely */
	return -3;
}

/* Finds the article's densest run of prose from line start on. */
static void find_body(clip_ctx *c, size_t start)
{
	c->body_first = c->body_last = SIZE_MAX;
	if (start >= c->nlines)
		return;
	long *w = malloc((c->nlines - start) * sizeof(*w));
	if (w == NULL) {
		nomem(c);
		return;
	}
	for (size_t i = start; i < c->nlines; i++)
		w[i - start] = line_weight(c, i);
	size_t first, last;
	clip_densest_run(w, c->nlines - start, &first, &last);
	free(w);
	if (first == SIZE_MAX)
		return;
	c->body_first = start + first;
	c->body_last = start + last;
	/* A caption or a standfirst can pull the run's start above the title:
	 * a byline or a date among its first lines is the head's, and the
	 * article starts under it. */
	size_t seen = 0, prose = 0;
	for (size_t k = c->body_first; k < c->body_last && seen < 16 && prose <= 3; k++) {
		if (c->lines[k].kind == L_BLANK)
			continue;
		seen++;
		if (c->lines[k].kind == L_TEXT && meta_line(c, k, 1, 0) != NULL)
			c->body_first = k + 1;
		else if (looks_like_prose(c->lines[k].s, c->lines[k].len))
			prose++;
	}
	while (c->body_first < c->body_last && c->lines[c->body_first].kind == L_BLANK)
		c->body_first++;
}

/* Marks the short lines that occur more than once (a menu printed in the
 * header and again in the footer, "Reply" under each comment). */
static void find_repeats(clip_ctx *c)
{
	const char **s = malloc(c->nlines * sizeof(*s) + 1);
	size_t *len = malloc(c->nlines * sizeof(*len) + 1);
	c->repeated = malloc(c->nlines + 1);
	if (s == NULL || len == NULL || c->repeated == NULL) {
		nomem(c);
	} else {
		for (size_t i = 0; i < c->nlines; i++) {
			s[i] = c->lines[i].s;
			len[i] = count_words(s[i], c->lines[i].len) <= 8 ? c->lines[i].len : 0;
		}
		if (clip_mark_repeats(s, len, c->nlines, CLIP_RULE_MAX_LINE, c->repeated) != 0)
			nomem(c);
	}
	free(s);
	free(len);
}

/* "Marc says" (or "Marc said:", "Marc dit :") over a date: a comment's
 * header; the article ended above it. */
static int comment_header(clip_ctx *c, size_t i)
{
	static const char *const ends[] = {" says", " says:", " said:", " dit :", " dit:"};
	const clip_line *l = &c->lines[i];
	if (count_words(l->s, l->len) > 6)
		return 0;
	int ok = 0;
	for (size_t k = 0; k < sizeof(ends) / sizeof(ends[0]); k++) {
		size_t n = strlen(ends[k]);
		ok |= l->len > n && clip_find_word(l->s + l->len - n, n, ends[k]) == 0;
	}
	size_t next = i + 1;
	while (next < c->nlines && c->lines[next].kind == L_BLANK)
		next++;
	if (!ok || next >= c->nlines)
		return 0;
	char iso[11];
	const clip_line *d = &c->lines[next];
	return d->len < 60 &&
	       (clip_parse_date(d->s, d->len, c->french, iso) ||
	        clip_parse_date(d->s, d->len - trailing_time(d->s, d->len), c->french, iso));
}

static int note_key(void *ctx, const char *key, const char *number)
{
	(void)number;
	int *flags = ctx;
	*flags |= strcmp(key, "comments") == 0 ? 1 : 2;
	return 0;
}

/* "5 Comments", "No comments:" below the article: the thread's heading. */
static int comment_count(const clip_ctx *c, size_t i)
{
	char f[CLIP_RULE_MAX_LINE * 2 + 8];
	const clip_line *l = &c->lines[i];
	if (l->len > CLIP_RULE_MAX_LINE)
		return 0;
	size_t flen = clip_fold(l->s, l->len, f, sizeof(f));
	int flags = 0;
	return flen != (size_t)-1 && clip_parse_counters(f, flen, note_key, &flags) && flags == 1;
}

/* Handles a line matching rule r; returns 1 when the article ends here. */
static int apply_rule(clip_ctx *c, size_t i, const clip_rule *r, head_state *h, int head)
{
	/* A menu right under a short line: that line was the site's name. */
	if (r->scope == CLIP_HEAD && h->ncand > 0 && h->cand[h->ncand - 1] == h->prev) {
		drop(c, h->prev, "above the menu: the site's name");
		h->ncand--;
	}
	drop_by_rule(c, i, r);
	return r->action == CLIP_END && !head;
}

static const char nav_reason[] = "above the article: a run of short links (navigation, categories)";

/* Below the article's last paragraph, three short lines in a row (links,
 * a sidebar, a footer) end it; they and what follows are dropped.
 * Returns 1 when line i ends the article. */
static int tail_run(clip_ctx *c, size_t i, size_t *run, size_t *run_start)
{
	const clip_line *l = &c->lines[i];
	if (c->body_last == SIZE_MAX || i <= c->body_last)
		return 0;
	if (looks_like_prose(l->s, l->len) || count_words(l->s, l->len) > 12) {
		*run = 0;
		return 0;
	}
	if ((*run)++ == 0)
		*run_start = i;
	if (*run < 3)
		return 0;
	for (size_t k = *run_start; k <= i; k++)
		if (c->lines[k].kind == L_TEXT || k == i)
			drop(c, k,
			     "after the article: a run of short lines (links, sidebar, footer)");
	return 1;
}

/* In the head, a line that cannot be the title: what to make of it.
 * Returns 1 when the head ends (the line is the article's first). */
static int head_other(clip_ctx *c, size_t i)
{
	if (c->body_first == SIZE_MAX || i >= c->body_first ||
	    lines_between(c, i, c->body_first) <= 1)
		return 1;
	drop(c, i, "above the article: not its title, byline or date (site header, banner)");
	return 0;
}

/* In the head, a heading or a title: headlines run longer than the
 * article's own headings (up to thirty words, no closing full stop). */
static int head_title_like(const clip_line *l)
{
	if (heading_like(l->s, l->len))
		return 1;
	size_t w = count_words(l->s, l->len);
	unsigned char c0 = (unsigned char)l->s[0];
	char last = l->s[l->len - 1];
	if (last == '!' && w >= 2 && w <= 12 && !islower(c0)) /* "This API is so Fetching!" */
		return 1;
	return w > 15 && w <= 30 && l->len <= 250 && (isupper(c0) || isdigit(c0) || c0 >= 0x80) &&
	       strchr(".,;:!", last) == NULL && !looks_like_citation(l->s, l->len);
}

/* A picture's caption or credit: "(Saul Loeb/AFP/Getty Images)", "Photo:
 * ...", "... (Picture by X)", "© X". Never the title. */
static int caption_like(const clip_line *l)
{
	static const char *const words[] = {"photo:",   "photo :",  "photograph", "(photo",
	                                    "picture by", "image:", "credit:",  "getty images",
	                                    "istock",   "shutterstock", "©",     "(file)",
	                                    "crédit",   "/afp",     "/ap)",     "/reuters"};
	char f[CLIP_RULE_MAX_LINE * 2 + 8];
	if (l->len > CLIP_RULE_MAX_LINE)
		return 0;
	size_t flen = clip_fold(l->s, l->len, f, sizeof(f));
	if (flen == (size_t)-1)
		return 0;
	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (clip_find_word(f, flen, words[k]) != (size_t)-1)
			return 1;
	/* "(Elizabeth Conley / Houston Chronicle)": a credit in parentheses */
	return f[0] == '(' && f[flen - 1] == ')' && memchr(f, '/', flen) != NULL;
}

/* A line made only of the words of buttons and links ("Sign in", "Log out
 * Sign in", "Featured Close Publish changes", "Jump to navigation Jump to
 * search", "Se connecter"): the site's interface, never the title. */
static int ui_line(const clip_line *l)
{
	static const char *const ui[] = {
	    "sign",    "in",       "up",      "log",       "out",      "login",    "logout",
	    "register", "subscribe", "follow", "followed", "unfollow", "share",   "close",
	    "menu",    "search",   "print",   "email",     "jump",     "to",       "navigation",
	    "skip",    "content",  "main",    "my",        "account",  "details",  "publish",
	    "changes", "featured", "supported", "by",      "advertisement", "get", "more",
	    "info",    "watch",    "live",    "listen",    "reply",    "next",     "previous",
	    "toggle",  "home",     "contact", "us",        "about",    "help",     "donate",
	    "join",    "now",      "your",    "the",       "and",      "or",       "for",
	    "a",       "of",       "this",    "options",   "extra",    "sharing",  "open",
	    "save",    "edit",     "view",    "profile",   "settings", "cart",     "basket",
	    "se",      "connecter", "connexion", "s'abonner", "abonnez-vous", "partager",
	    "fermer",  "rechercher", "accueil", "mon",      "compte",   "suivre",   "publicité",
	    "et",      "le",       "la",      "les",       "de",       "du",       "un",
	    "une",     "vous",     "ici",     "plus",      "voir",     "lire",     "x"};
	char f[CLIP_RULE_MAX_LINE * 2 + 8];
	if (l->len > 80 || count_words(l->s, l->len) > 8)
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
	size_t w = count_words(l->s, l->len);
	unsigned char c0 = (unsigned char)n->s[0];
	return w >= 3 && l->len < 250 && !islower(c0);
}

/* Head line i is heading-like: a title candidate, a link of a run, or
 * the article's first line. Returns 1 when the head ends. */
static int head_heading(clip_ctx *c, size_t i, head_state *h)
{
	clip_line *l = &c->lines[i];
	/* The last link of a run, unless it stands alone and is longer than
	 * a link: a title printed right under the menu ("Install" then
	 * "Install Docker Engine"). */
	size_t words = count_words(l->s, l->len);
	if (h->nav_last != SIZE_MAX && h->nav_last + 1 == i && words <= 4 &&
	    !(words >= 3 && is_blank_line(c, i + 1))) {
		h->nav_last = i; /* the last link of a run */
		drop(c, i, nav_reason);
		return 0;
	}
	if (caption_like(l) && c->body_first != SIZE_MAX && i < c->body_first) {
		drop(c, i, "above the article: a picture's caption or credit");
		return 0;
	}
	if (ui_line(l)) {
		drop(c, i, "above the article: buttons and links (sign in, share, menu)");
		return 0;
	}
	/* The title printed twice in a row (a header's copy, then the heading). */
	if (h->ncand > 0 && h->cand[h->ncand - 1] + 1 == i &&
	    same_folded(c, h->cand[h->ncand - 1], l->s, l->len)) {
		drop(c, i, "the line above printed again");
		return 0;
	}
	int twice = i + 1 < c->nlines && same_folded(c, i + 1, l->s, l->len);
	if (twice || stands_alone(c, i) || title_over_text(c, i)) {
		if (h->ncand == MAX_HEAD_CANDIDATES) { /* far above: never the title */
			drop(c, h->cand[0],
			     "above the title: the site's name, a menu or a tagline");
			memmove(h->cand, h->cand + 1,
			        (MAX_HEAD_CANDIDATES - 1) * sizeof(h->cand[0]));
			h->ncand--;
		}
		h->cand[h->ncand++] = i;
		return 0;
	}
	if (nav_run(c, i)) {
		h->nav_last = i;
		drop(c, i, nav_reason);
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
	size_t w = count_words(l->s, l->len);
	if (w < 2 || w > 4 || !looks_like_name(l->s, l->len) ||
	    name_extent(l->s, l->len) != l->len || strchr(l->s, ',') != NULL)
		return 0;
	/* A title is short and capitalised too, but a page leaves a blank line
	 * under it; a name sits on the line above the date (or a button such
	 * as "Follow" between them). */
	size_t next = i + 1;
	while (next < c->nlines && next - i <= 3 && c->lines[next].kind == L_TEXT &&
	       rule_of(&c->lines[next]) != NULL)
		next++;
	if (next >= c->nlines || next - i > 3 || c->lines[next].kind != L_TEXT)
		return 0;
	const clip_line *m = &c->lines[next];
	if (clip_byline_label(m->s, m->len) > 0 ||
	    clip_find_word(m->s, m->len, " by ") != (size_t)-1 ||
	    clip_find_word(m->s, m->len, " par ") != (size_t)-1)
		return 0; /* the date line names its author itself */
	const char *why = meta_line(c, next, 1, 0);
	return why != NULL && why != part_reasons[P_NAME];
}

static void classify_lines(clip_ctx *c)
{
	size_t start = find_start(c);
	find_body(c, start);
	find_repeats(c);
	head_state h = {.ncand = 0,
	                .meta_after = SIZE_MAX,
	                .meta_first = SIZE_MAX,
	                .nvoted = 0,
	                .first_line = SIZE_MAX,
	                .prev = SIZE_MAX,
	                .seen_meta = 0,
	                .nav_last = SIZE_MAX};
	int head = 1, ended = 0;
	size_t run = 0, run_start = 0;
	for (size_t i = 0; i < c->nlines && c->st == FOLIO_OK; i++) {
		clip_line *l = &c->lines[i];
		if (l->kind == L_BLANK)
			continue;
		if (i < start || ended) {
			drop(c, i,
			     ended ? "after the end of the article"
			           : "above the page marker or skip link");
			continue;
		}
		if (h.first_line == SIZE_MAX)
			h.first_line = i;
		const clip_rule *r = rule_of(l);
		if (!head && r == NULL && meta_line(c, i, 0, 0) == NULL &&
		    tail_run(c, i, &run, &run_start)) {
			ended = 1;
			continue;
		}
		/* Menus come before the byline and the date; after them, a lone
		 * "Services" is the article's own heading. */
		if (r && (r->scope == CLIP_ANYWHERE || (head && !h.seen_meta))) {
			ended = apply_rule(c, i, r, &h, head);
			continue;
		}
		if (!head && comment_count(c, i)) {
			meta_line(c, i, 0, 1);
			l->kind = L_META;
			explain(c, i,
			        "comment count: kept as metadata; the comment thread follows");
			ended = 1;
			continue;
		}
		if (!head && comment_header(c, i)) {
			drop(c, i, "a comment's header: the article ended above it");
			ended = 1;
			continue;
		}
		if (!head && c->repeated[i] && !looks_like_prose(l->s, l->len)) {
			drop(c, i, "a short line printed more than once (menu, label, button)");
			continue;
		}
		size_t before = c->ndates + folio_doc_author_count(c->doc);
		size_t authors = folio_doc_author_count(c->doc);
		const char *why = meta_line(c, i, head, 1);
		if (why) {
			l->kind = L_META;
			h.seen_meta = 1;
			explain(c, i, why);
			if (head && c->ndates + folio_doc_author_count(c->doc) > before) {
				if (h.ncand > 0) {
					/* a vote only for a line close above */
					if (h.nvoted < MAX_HEAD_VOTES &&
					    i - h.cand[h.ncand - 1] <= 12)
						h.voted[h.nvoted++] = h.cand[h.ncand - 1];
					h.meta_after = i;
					h.meta_bare = authors == folio_doc_author_count(c->doc) &&
					              clip_date_label(l->s, l->len, &(int){0}) == 0;
				} else
					h.meta_first = i;
			}
			h.prev = i;
			continue;
		}
		h.prev = i;
		if (!head)
			continue;
		size_t tail = 0, at = clip_breadcrumb(l->s, l->len, &tail);
		if (at > 0) {
			c->crumb = l->s + at;
			c->crumb_len = tail;
			drop(c, i, "breadcrumb (its last part names the article)");
			continue;
		}
		if (h.ncand > 0 && name_over_meta(c, i)) {
			l->kind = L_META;
			add_authors(c, l->s, l->len);
			explain(c, i, "a name right above the date or reading time: the author");
			continue;
		}
		if (head_title_like(l) ? !head_heading(c, i, &h) : !head_other(c, i))
			continue;
		head = 0;
		choose_title(c, &h);
	}
	if (head)
		choose_title(c, &h);
}

/* ---- 4. blocks -------------------------------------------------------------------- */

static block_kind kind_of_line(const clip_line *l)
{
	int o, n;
	if (list_marker(l->s, l->len, &o, &n))
		return B_LIST;
	if (is_quote_line(l->s, l->len))
		return B_QUOTE;
	return B_PARA;
}

/* Whether line l carries on block b (no blank line between them). */
static int continues(const clip_block *b, const clip_line *l)
{
	block_kind k = kind_of_line(l);
	if (b->kind == B_LIST)
		return k != B_QUOTE; /* a new item, or a wrapped line of the last one */
	if (b->kind == B_QUOTE)
		return k == B_QUOTE;
	return k == B_PARA;
}

static void cut_blocks(clip_ctx *c)
{
	c->blocks = calloc(c->nlines, sizeof(*c->blocks));
	if (c->blocks == NULL) {
		nomem(c);
		return;
	}
	clip_block *cur = NULL;
	for (size_t i = 0; i < c->nlines; i++) {
		const clip_line *l = &c->lines[i];
		if (l->kind != L_TEXT) {
			cur = NULL;
			continue;
		}
		if (cur && cur->last + 1 == i && continues(cur, l)) {
			cur->last = i;
			continue;
		}
		cur = &c->blocks[c->nblocks++];
		cur->first = cur->last = i;
		cur->kind = kind_of_line(l);
	}
}

static int is_refs_heading_block(const clip_ctx *c, const clip_block *b)
{
	return (b->kind == B_PARA || b->kind == B_HEADING) && b->first == b->last &&
	       c->lines[b->first].len < 40 && folio_is_references_heading(c->lines[b->first].s);
}

/* Single short lines standing alone before more text are headings. */
static void find_headings(clip_ctx *c)
{
	for (size_t k = 0; k < c->nblocks; k++) {
		clip_block *b = &c->blocks[k];
		const clip_line *l = &c->lines[b->first];
		if (b->kind != B_PARA || b->first != b->last)
			continue;
		if (is_refs_heading_block(c, b) ||
		    (k + 1 < c->nblocks && heading_like(l->s, l->len))) {
			b->kind = B_HEADING;
			explain(c, b->first, "a short line standing alone: heading");
		}
	}
}

/* ---- 4. emitting blocks ------------------------------------------------------------ */

/* A callback for each unit of text (a paragraph, an item, one citation). */
typedef int (*unit_fn)(clip_ctx *c, const char *s, size_t len, unsigned line, void *ud);

static void join(folio_buf *b, const char *s, size_t len)
{
	if (b->len > 0 && len > 0)
		folio_buf_add(b, " ", 1);
	folio_buf_add(b, s, len);
}

/* Calls fn once per list item of block b (marker removed, wrapped lines
 * joined). Stops and returns 0 when fn does. */
static int each_item(clip_ctx *c, const clip_block *b, unit_fn fn, void *ud)
{
	folio_buf t = {0};
	unsigned line = 0;
	int ok = 1;
	for (size_t i = b->first; ok && i <= b->last + 1; i++) {
		int o, n;
		size_t m = i <= b->last ? list_marker(c->lines[i].s, c->lines[i].len, &o, &n) : 0;
		if ((m > 0 || i > b->last) && t.len > 0) {
			ok = t.failed ? (nomem(c), 0) : fn(c, t.data, t.len, line, ud);
			t.len = 0;
		}
		if (i > b->last)
			break;
		if (m > 0)
			line = c->lines[i].no;
		join(&t, c->lines[i].s + m, c->lines[i].len - m);
	}
	folio_buf_free(&t);
	return ok;
}

/* Calls fn with the lines of block b joined (markers such as "> " removed
 * by skip_quote), as one unit. */
static int whole_block(clip_ctx *c, const clip_block *b, int skip_quote, unit_fn fn, void *ud)
{
	folio_buf t = {0};
	for (size_t i = b->first; i <= b->last; i++) {
		size_t m = skip_quote ? (c->lines[i].len > 1 ? 2 : 1) : 0;
		join(&t, c->lines[i].s + m, c->lines[i].len - m);
	}
	int ok = 0;
	if (t.failed)
		nomem(c);
	else
		ok = fn(c, t.data ? t.data : "", t.len, c->lines[b->first].no, ud);
	folio_buf_free(&t);
	return ok;
}

static folio_node *add_text_block(clip_ctx *c, folio_node *parent, folio_node_type type,
                                  const char *s, size_t len, unsigned line)
{
	folio_node *n = folio_node_add(parent, type);
	if (n == NULL) {
		nomem(c);
		return NULL;
	}
	folio_node_set_pos(n, line, 1);
	if (len > 0 && folio_node_add_text(n, s, len, c->err) == NULL)
		fail(c, c->err ? c->err->code : FOLIO_ERR_NOMEM);
	return n;
}

static int emit_para_unit(clip_ctx *c, const char *s, size_t len, unsigned line, void *ud)
{
	return add_text_block(c, ud, FOLIO_NODE_PARAGRAPH, s, len, line) != NULL;
}

static int emit_item_unit(clip_ctx *c, const char *s, size_t len, unsigned line, void *ud)
{
	folio_node *item = folio_node_add(ud, FOLIO_NODE_ITEM);
	if (item == NULL) {
		nomem(c);
		return 0;
	}
	folio_node_set_pos(item, line, 1);
	return emit_para_unit(c, s, len, line, item);
}

/* Emits the list starting at block k, with the list blocks of the same kind
 * right after it (separated by blank lines: a loose list). Returns the
 * index of the next block. */
static size_t emit_list(clip_ctx *c, folio_node *root, size_t k)
{
	int ordered, start;
	const clip_line *l = &c->lines[c->blocks[k].first];
	list_marker(l->s, l->len, &ordered, &start);
	size_t end = k + 1;
	while (end < c->nblocks && c->blocks[end].kind == B_LIST) {
		int o2, n2;
		const clip_line *l2 = &c->lines[c->blocks[end].first];
		list_marker(l2->s, l2->len, &o2, &n2);
		if (o2 != ordered)
			break;
		end++;
	}
	folio_node *list = folio_node_add(root, FOLIO_NODE_LIST);
	if (list == NULL) {
		nomem(c);
		return c->nblocks;
	}
	folio_node_set_pos(list, l->no, 1);
	folio_node_set_list(list, ordered ? FOLIO_LIST_ORDERED : FOLIO_LIST_BULLET, start,
	                    end == k + 1);
	for (size_t j = k; j < end && c->st == FOLIO_OK; j++)
		each_item(c, &c->blocks[j], emit_item_unit, list);
	return end;
}

/* A block quote: "> " lines; a line holding ">" alone separates paragraphs. */
static void emit_quote(clip_ctx *c, folio_node *root, const clip_block *b)
{
	folio_node *q = folio_node_add(root, FOLIO_NODE_BLOCK_QUOTE);
	if (q == NULL) {
		nomem(c);
		return;
	}
	folio_node_set_pos(q, c->lines[b->first].no, 1);
	clip_block part = {b->first, b->first, B_QUOTE};
	for (size_t i = b->first; i <= b->last + 1; i++) {
		int gap = i > b->last || c->lines[i].len <= 1;
		if (gap && part.first < i) {
			part.last = i - 1;
			whole_block(c, &part, 1, emit_para_unit, q);
		}
		if (gap)
			part.first = i + 1;
	}
}

static size_t emit_block(clip_ctx *c, folio_node *root, size_t k)
{
	const clip_block *b = &c->blocks[k];
	if (b->kind == B_LIST)
		return emit_list(c, root, k);
	if (b->kind == B_QUOTE) {
		emit_quote(c, root, b);
	} else if (b->kind == B_HEADING) {
		const clip_line *l = &c->lines[b->first];
		folio_node *h = add_text_block(c, root, FOLIO_NODE_HEADING, l->s, l->len, l->no);
		if (h)
			folio_node_set_heading_level(h, 2);
	} else {
		for (size_t i = b->first + 1; i <= b->last; i++)
			explain(c, i, "hard-wrapped: joined to the line above");
		whole_block(c, b, 0, emit_para_unit, root);
	}
	return k + 1;
}

/* ---- 5. references ------------------------------------------------------------------ */

static int citation_unit(clip_ctx *c, const char *s, size_t len, unsigned line, void *ud)
{
	(void)c;
	(void)line;
	(void)ud;
	return looks_like_citation(s, len);
}

static int each_line(clip_ctx *c, const clip_block *b, unit_fn fn, void *ud)
{
	for (size_t i = b->first; i <= b->last; i++)
		if (!fn(c, c->lines[i].s, c->lines[i].len, c->lines[i].no, ud))
			return 0;
	return 1;
}

/* How block b splits into citations: each item of a list, each line of a
 * paragraph whose lines are all citations, or the paragraph as a whole. */
static int each_citation(clip_ctx *c, const clip_block *b, unit_fn fn, void *ud)
{
	if (b->kind == B_LIST)
		return each_item(c, b, fn, ud);
	if (b->first != b->last && each_line(c, b, citation_unit, NULL))
		return each_line(c, b, fn, ud);
	return whole_block(c, b, b->kind == B_QUOTE, fn, ud);
}

/* "[1] " or "1. " in front of a citation written as a paragraph. */
static size_t citation_number(const char *s, size_t len)
{
	size_t i = s[0] == '[' ? 1 : 0, d = 0;
	while (i + d < len && isdigit((unsigned char)s[i + d]) && d < 3)
		d++;
	if (d == 0 || i + d + 1 >= len)
		return 0;
	char close = s[i + d];
	if (i == 1 ? close != ']' : (close != '.' && close != ')'))
		return 0;
	return s[i + d + 1] == ' ' ? i + d + 2 : 0;
}

static int emit_reference(clip_ctx *c, const char *s, size_t len, unsigned line, void *ud)
{
	size_t skip = citation_number(s, len);
	s += skip;
	len -= skip;
	if (len == 0)
		return 1;
	folio_node *ref = add_text_block(c, ud, FOLIO_NODE_REFERENCE, s, len, line);
	if (ref == NULL)
		return 0;
	folio_citation *cite = folio_citation_parse(c->doc, s, len, c->err);
	if (cite == NULL || folio_node_set_citation(ref, cite) != FOLIO_OK) {
		fail(c, c->err && c->err->code != FOLIO_OK ? c->err->code : FOLIO_ERR_NOMEM);
		return 0;
	}
	if (c->opts->explain) {
		char reason[64];
		snprintf(reason, sizeof(reason), "reference (citation parsed)");
		c->opts->explain(c->opts->explain_userdata, line, s, reason);
	}
	return 1;
}

/* The index of the first block of the reference list and whether it is a
 * heading; nblocks when there is none. */
static size_t find_references(const clip_ctx *c, clip_ctx *mut, int *headed)
{
	*headed = 0;
	for (size_t k = 0; k < c->nblocks; k++)
		if (c->blocks[k].kind == B_HEADING && is_refs_heading_block(c, &c->blocks[k])) {
			*headed = 1;
			return k;
		}
	size_t k = c->nblocks;
	while (k > 0 && c->blocks[k - 1].kind != B_HEADING &&
	       each_citation(mut, &c->blocks[k - 1], citation_unit, NULL))
		k--;
	return k;
}

static void emit_references(clip_ctx *c, folio_node *root, size_t from, int headed)
{
	folio_node *refs = folio_node_add(root, FOLIO_NODE_REFERENCES);
	if (refs == NULL) {
		nomem(c);
		return;
	}
	const char *title = c->french ? "Références" : "References";
	if (headed) {
		title = c->lines[c->blocks[from].first].s;
		explain(c, c->blocks[from].first, "references heading");
	}
	folio_node_set_pos(refs, c->lines[c->blocks[from].first].no, 1);
	if (folio_node_set_title(refs, title, c->err) != FOLIO_OK)
		fail(c, c->err ? c->err->code : FOLIO_ERR_NOMEM);
	for (size_t k = from + (size_t)headed; k < c->nblocks && c->st == FOLIO_OK; k++)
		each_citation(c, &c->blocks[k], emit_reference, refs);
}

static void build_tree(clip_ctx *c)
{
	folio_node *root = folio_doc_root(c->doc);
	int headed = 0;
	size_t refs = find_references(c, c, &headed);
	for (size_t k = 0; k < refs && c->st == FOLIO_OK;)
		k = emit_block(c, root, k);
	if (refs < c->nblocks && c->st == FOLIO_OK)
		emit_references(c, root, refs, headed);
}

/* ---- entry point ------------------------------------------------------------------- */

folio_doc *folio_clip_parse(const char *data, size_t len, const folio_import_options *opts,
                            folio_error *err)
{
	clip_ctx c = {.opts = opts, .err = err, .st = FOLIO_OK, .title_line = SIZE_MAX};
	c.doc = folio_doc_new();
	if (c.doc == NULL) {
		folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		return NULL;
	}
	if (!binary_looking(&c, data, len))
		normalise(&c, data, len);
	if (c.st == FOLIO_OK)
		detect_language(&c);
	if (c.st == FOLIO_OK) {
		classify_lines(&c);
		choose_date(&c);
	}
	if (c.st == FOLIO_OK)
		cut_blocks(&c);
	if (c.st == FOLIO_OK) {
		find_headings(&c);
		build_tree(&c);
	}
	free(c.blocks);
	free(c.repeated);
	free(c.lines);
	free(c.text);
	if (c.st != FOLIO_OK) {
		if (err && err->code == FOLIO_OK)
			folio_error_set(err, c.st, NULL, 0, 0, "clipped text could not be read");
		folio_doc_free(c.doc);
		return NULL;
	}
	return c.doc;
}
