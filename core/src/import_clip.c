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
 *      read (clip_byline.c), and the title chosen among the short lines
 *      above the first paragraph (clip_head.c: the one a breadcrumb ends
 *      with, else the one over the byline or date, else the last long
 *      enough); the date is the one under the title, not a header's
 *      "today";
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
#include "clip_import_private.h"
/* ---- small helpers ---------------------------------------------------------- */

void clip_explain(clip_ctx *c, size_t i, const char *reason)
{
	if (c->opts->explain)
		c->opts->explain(c->opts->explain_userdata, c->lines[i].no, c->lines[i].s, reason);
}

void clip_fail(clip_ctx *c, folio_status st)
{
	if (c->st == FOLIO_OK)
		c->st = st;
}

void clip_nomem(clip_ctx *c)
{
	folio_error_set(c->err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	clip_fail(c, FOLIO_ERR_NOMEM);
}

size_t clip_count_words(const char *s, size_t len)
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
	clip_fail(c, FOLIO_ERR_SYNTAX);
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
		clip_nomem(c);
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

int clip_word_in(const char *w, size_t len, const char *const *list, size_t n)
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
			en += clip_word_in(w, k, english_words,
			                   sizeof(english_words) / sizeof(*english_words));
			fr += clip_word_in(w, k, french_words,
			                   sizeof(french_words) / sizeof(*french_words));
		}
	}
	if (en == 0 && fr == 0)
		return;
	c->french = fr > en;
	if (folio_doc_set(c->doc, FOLIO_META_LANG, c->french ? "fr" : "en", c->err) != FOLIO_OK)
		clip_fail(c, c->err ? c->err->code : FOLIO_ERR_NOMEM);
}

/* ---- 3. boilerplate, title ---------------------------------------------------- */

const clip_rule *clip_rule_of(const clip_line *l)
{
	char f[CLIP_RULE_MAX_LINE * 2 + 8];
	if (l->len > CLIP_RULE_MAX_LINE)
		return NULL;
	size_t flen = clip_fold(l->s, l->len, f, sizeof(f));
	if (flen == (size_t)-1)
		return NULL;
	return clip_match_rule(f, flen);
}

void clip_drop(clip_ctx *c, size_t i, const char *reason)
{
	c->lines[i].kind = L_DROP;
	clip_explain(c, i, reason);
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
int clip_citation_like(const char *s, size_t len)
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
/* s ends with an abbreviation written with dots ("N.Y.C.", "U.S."): its
 * final full stop ends no sentence. */
static int abbreviation_end(const char *s, size_t len)
{
	size_t w = len;
	while (w > 0 && s[w - 1] != ' ')
		w--;
	size_t dots = 0;
	for (size_t i = w; i < len; i++) {
		if (s[i] == '.')
			dots++;
		else if (!isupper((unsigned char)s[i]))
			return 0;
	}
	return dots >= 2 && len - w <= 8;
}

int clip_heading_like(const char *s, size_t len)
{
	if (len == 0 || len > 200)
		return 0;
	int o, n;
	if (list_marker(s, len, &o, &n) || is_quote_line(s, len))
		return 0;
	unsigned char first = (unsigned char)s[0];
	if (islower(first) ||
	    (!isalnum(first) && first < 0x80 && first != '"' && first != '\'' && first != '('))
		return 0;
	size_t letters = 0;
	for (size_t i = 0; i < len && letters < 2; i++)
		letters += isalnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0xC3;
	if (letters < 2) /* "·", "|": a separator alone */
		return 0;
	char last = s[len - 1];
	size_t words = clip_count_words(s, len);
	/* A question, quoted or not ("... Supporters?'") */
	if (last == '?' || (len > 1 && strchr("'\"", last) != NULL && s[len - 2] == '?'))
		return words <= 25;
	if (last == '.' && abbreviation_end(s, len))
		return words <= 15 && !clip_citation_like(s, len);
	if (last == '.' || last == ',' || last == ';' || last == ':' || last == '!')
		return 0;
	return words <= 15 && !clip_citation_like(s, len);
}

/* A sentence or more: many words, or a few ending with a full stop. */
int clip_prose_like(const char *s, size_t len)
{
	size_t words = clip_count_words(s, len);
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
		const clip_rule *r = clip_rule_of(l);
		if (r && r->action == CLIP_START)
			return i;
		if (r == NULL && clip_prose_like(l->s, l->len))
			return 0;
	}
	return 0;
}

/* ---- 3a. where the article is ------------------------------------------------------ */

int clip_starts_lower(const clip_line *l)
{
	const unsigned char *u = (const unsigned char *)l->s;
	return l->len > 0 && (islower(u[0]) || (l->len > 1 && u[0] == 0xC3 && u[1] >= 0xA0));
}

/* How much line i weighs toward being the article: a sentence, a citation
 * or a line of a hard-wrapped paragraph weighs its words; a short line
 * (a link, a button, a label) and boilerplate count against. */
static long line_weight(const clip_ctx *c, size_t i)
{
	const clip_line *l = &c->lines[i];
	if (l->kind != L_TEXT)
		return 0;
	if (clip_rule_of(l) != NULL)
		return -5;
	size_t w = clip_count_words(l->s, l->len);
	char end = l->s[l->len - 1];
	int wraps = i + 1 < c->nlines && c->lines[i + 1].kind == L_TEXT &&
	            clip_starts_lower(&c->lines[i + 1]);
	/* A long headline: no closing punctuation, not wrapped onto the next
	 * line. A browser's copy ends every paragraph with its full stop. */
	if (w > 15 && w <= 30 && !wraps && !clip_starts_lower(l) && isalnum((unsigned char)end) &&
	    l->len <= 250 && !clip_citation_like(l->s, l->len))
		return 0;
	if (clip_prose_like(l->s, l->len) || clip_citation_like(l->s, l->len))
		return w > 100 ? 100 : (long)w;
	char last = l->s[l->len - 1];
	int wrapped = last == ',' || last == ';' || last == ':' || clip_starts_lower(l) ||
	              (i + 1 < c->nlines && c->lines[i + 1].kind == L_TEXT &&
	               clip_starts_lower(&c->lines[i + 1]));
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
		clip_nomem(c);
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
		if (c->lines[k].kind == L_TEXT && clip_meta_line(c, k, 1, 0) != NULL)
			c->body_first = k + 1;
		else if (clip_prose_like(c->lines[k].s, c->lines[k].len))
			prose++;
	}
	while (c->body_first < c->body_last && c->lines[c->body_first].kind == L_BLANK)
		c->body_first++;
}

/* Marks the short lines that occur more than once (a menu printed in the
 * header and again in the footer, "Reply" under each comment). */
/* Marks (CLIP_ECHOED) the lines of four words or more, up to 250 bytes,
 * printed again elsewhere: a page repeats its article's title (in a
 * breadcrumb, a share text, a "related" list), rarely a standfirst. s and
 * len are scratch arrays of c->nlines entries. */
static void find_echoes(clip_ctx *c, const char **s, size_t *len)
{
	unsigned char *echo = malloc(c->nlines + 1);
	if (echo == NULL) {
		clip_nomem(c);
		return;
	}
	for (size_t i = 0; i < c->nlines; i++) {
		size_t w = clip_count_words(s[i], c->lines[i].len);
		len[i] = w >= 4 && c->lines[i].len <= 250 ? c->lines[i].len : 0;
	}
	if (clip_mark_repeats(s, len, c->nlines, 250, echo) != 0)
		clip_nomem(c);
	else
		for (size_t i = 0; i < c->nlines; i++)
			c->repeated[i] |= echo[i] ? CLIP_ECHOED : 0;
	free(echo);
}

static void find_repeats(clip_ctx *c)
{
	const char **s = malloc(c->nlines * sizeof(*s) + 1);
	size_t *len = malloc(c->nlines * sizeof(*len) + 1);
	c->repeated = malloc(c->nlines + 1);
	if (s == NULL || len == NULL || c->repeated == NULL) {
		clip_nomem(c);
	} else {
		for (size_t i = 0; i < c->nlines; i++) {
			s[i] = c->lines[i].s;
			len[i] = clip_count_words(s[i], c->lines[i].len) <= 8 ? c->lines[i].len : 0;
		}
		if (clip_mark_repeats(s, len, c->nlines, CLIP_RULE_MAX_LINE, c->repeated) != 0)
			clip_nomem(c);
		find_echoes(c, s, len);
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
	if (clip_count_words(l->s, l->len) > 6)
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
	        clip_parse_date(d->s, d->len - clip_trailing_time(d->s, d->len), c->french, iso));
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

/* Below the article's last paragraph, three short lines in a row (links,
 * a sidebar, a footer) end it; they and what follows are dropped.
 * Returns 1 when line i ends the article. */
static int tail_run(clip_ctx *c, size_t i, size_t *run, size_t *run_start)
{
	const clip_line *l = &c->lines[i];
	if (c->body_last == SIZE_MAX || i <= c->body_last)
		return 0;
	if (clip_prose_like(l->s, l->len) || clip_count_words(l->s, l->len) > 12) {
		*run = 0;
		return 0;
	}
	if ((*run)++ == 0)
		*run_start = i;
	if (*run < 3)
		return 0;
	for (size_t k = *run_start; k <= i; k++)
		if (c->lines[k].kind == L_TEXT || k == i)
			clip_drop(
			    c, k,
			    "after the article: a run of short lines (links, sidebar, footer)");
	return 1;
}

static void classify_lines(clip_ctx *c)
{
	size_t start = c->start = find_start(c);
	find_body(c, start);
	find_repeats(c);
	clip_head h;
	clip_head_init(&h);
	int head = 1, ended = 0;
	size_t run = 0, run_start = 0;
	for (size_t i = 0; i < c->nlines && c->st == FOLIO_OK; i++) {
		clip_line *l = &c->lines[i];
		if (l->kind == L_BLANK)
			continue;
		if (i < start || ended) {
			clip_drop(c, i,
			          ended ? "after the end of the article"
			                : "above the page marker or skip link");
			continue;
		}
		if (h.first_line == SIZE_MAX)
			h.first_line = i;
		const clip_rule *r = clip_rule_of(l);
		if (!head && r == NULL && clip_meta_line(c, i, 0, 0) == NULL &&
		    tail_run(c, i, &run, &run_start)) {
			ended = 1;
			continue;
		}
		/* Menus come before the byline and the date; after them, a lone
		 * "Services" is the article's own heading. */
		if (r && (r->scope == CLIP_ANYWHERE || (head && !h.seen_meta))) {
			ended = clip_head_rule(c, i, r, &h, head);
			continue;
		}
		if (!head && comment_count(c, i)) {
			clip_meta_line(c, i, 0, 1);
			l->kind = L_META;
			clip_explain(c, i,
			             "comment count: kept as metadata; the comment thread follows");
			ended = 1;
			continue;
		}
		if (!head && comment_header(c, i)) {
			clip_drop(c, i, "a comment's header: the article ended above it");
			ended = 1;
			continue;
		}
		if (!head && (c->repeated[i] & CLIP_REPEATED) && !clip_prose_like(l->s, l->len)) {
			clip_drop(c, i,
			          "a short line printed more than once (menu, label, button)");
			continue;
		}
		size_t dates = c->ndates;
		size_t authors = folio_doc_author_count(c->doc);
		const char *why = clip_meta_line(c, i, head, 1);
		if (why) {
			l->kind = L_META;
			h.seen_meta = 1;
			clip_explain(c, i, why);
			int named = folio_doc_author_count(c->doc) > authors;
			if (head)
				clip_head_meta(c, i, &h, named || c->ndates > dates, named);
			h.prev = i;
			continue;
		}
		h.prev = i;
		if (head && clip_head_line(c, i, &h))
			head = 0;
	}
	if (head)
		clip_choose_title(c, &h);
	clip_check_title(c);
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
		clip_nomem(c);
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
		    (k + 1 < c->nblocks && clip_heading_like(l->s, l->len))) {
			b->kind = B_HEADING;
			clip_explain(c, b->first, "a short line standing alone: heading");
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
			ok = t.failed ? (clip_nomem(c), 0) : fn(c, t.data, t.len, line, ud);
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
		clip_nomem(c);
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
		clip_nomem(c);
		return NULL;
	}
	folio_node_set_pos(n, line, 1);
	if (len > 0 && folio_node_add_text(n, s, len, c->err) == NULL)
		clip_fail(c, c->err ? c->err->code : FOLIO_ERR_NOMEM);
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
		clip_nomem(c);
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
		clip_nomem(c);
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
		clip_nomem(c);
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
			clip_explain(c, i, "hard-wrapped: joined to the line above");
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
	return clip_citation_like(s, len);
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
		clip_fail(c, c->err && c->err->code != FOLIO_OK ? c->err->code : FOLIO_ERR_NOMEM);
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
		clip_nomem(c);
		return;
	}
	const char *title = c->french ? "Références" : "References";
	if (headed) {
		title = c->lines[c->blocks[from].first].s;
		clip_explain(c, c->blocks[from].first, "references heading");
	}
	folio_node_set_pos(refs, c->lines[c->blocks[from].first].no, 1);
	if (folio_node_set_title(refs, title, c->err) != FOLIO_OK)
		clip_fail(c, c->err ? c->err->code : FOLIO_ERR_NOMEM);
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
		clip_choose_date(&c);
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
