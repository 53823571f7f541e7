/* folio — citation parsing.
 *
 * folio_citation_parse reads one reference-list entry in the shapes clinics
 * paste: AMA / Vancouver ("Authors. Title. Journal. 2017;6(11):e227."), APA
 * and Harvard ("Author, A. (2014). Title. Journal, 19(4), 252-265."),
 * Springer ("Author A (2016) Title. Journal 23:57-68"), books and chapters,
 * and website entries ("Title. Site. Published 2019. Accessed ... URL").
 *
 * How it reads, in order, each step one linear pass over the text:
 *   1. whitespace runs (and no-break spaces) become one space: the TEXT field;
 *   2. identifiers are found anywhere: the first valid DOI, the PMID, the
 *      first http(s) URL that is not the DOI resolver;
 *   3. the "trailer" is cut off: everything from the first identifier or
 *      marker ("doi:", "Epub", "Accessed", "Available from", "[cited", ...);
 *      what is left is the body;
 *   4. the body is anchored on its year: AMA "2016;4:..." first, then APA
 *      "(2014)", then a bare year at the end (books, web pages). What stands
 *      before the anchor splits into sentences (authors, title, container);
 *      what follows it holds volume, issue and pages.
 * Nothing recurses and every scan is bounded, so garbage costs linear time.
 *
 * Decisions worth knowing:
 *   - A DOI ends at the first space: "doi: 10.1000/ abc" holds no DOI (the
 *     suffix would be empty) and "10.1000/ab cd" is "10.1000/ab".
 *   - PMCIDs are neither kept nor mistaken for a PMID; a PMC address
 *     (https://www.ncbi.nlm.nih.gov/pmc/...) is an ordinary URL.
 *   - When the body has no year, "Published [online] <date>", "Updated
 *     <date>" or "Epub <date>" in the trailer gives it.
 *   - Editors ("Eysenbach G, ed.") and editions ("10th ed.") are dropped; so
 *     is the publisher of an AMA/Vancouver book ("Baltimore: Williams &
 *     Wilkins; 1983"): JOURNAL stays NULL for books in those styles. In APA
 *     entries without a volume, the name after the title (site or publisher)
 *     is the container. In a chapter ("In: Smith J, ed. Book."), the book is.
 *   - Authors are kept as written; a list that ends with "et al" sets et_al.
 *     A first sentence that is not a list of people is one group author
 *     ("World Health Organization").
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc_private.h"

static const char *const cite_names[FOLIO_CITE_FIELD_COUNT] = {
    "text", "title", "journal", "year", "volume", "issue", "pages", "doi", "pmid", "url",
};

const char *folio_cite_field_name(folio_cite_field f)
{
	return (unsigned)f < FOLIO_CITE_FIELD_COUNT ? cite_names[f] : NULL;
}

folio_citation *folio_citation_new(folio_doc *doc)
{
	return folio_doc_alloc(doc, sizeof(folio_citation));
}

folio_status folio_citation_set(folio_doc *doc, folio_citation *c, folio_cite_field f,
                                const char *value, folio_error *err)
{
	if ((unsigned)f >= FOLIO_CITE_FIELD_COUNT)
		return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0, "no such citation field");
	return folio_doc_intern(doc, value, &c->fields[f], err);
}

folio_status folio_citation_add_author(folio_doc *doc, folio_citation *c, const char *author,
                                       folio_error *err)
{
	const char *a = NULL;
	folio_status st = folio_doc_intern(doc, author, &a, err);
	if (st != FOLIO_OK)
		return st;
	if (!folio_ptr_vec_push(&doc->arena, &c->authors, a))
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	return FOLIO_OK;
}

const char *folio_citation_get(const folio_citation *c, folio_cite_field f)
{
	return c && (unsigned)f < FOLIO_CITE_FIELD_COUNT ? c->fields[f] : NULL;
}

size_t folio_citation_author_count(const folio_citation *c)
{
	return c ? c->authors.count : 0;
}

const char *folio_citation_author(const folio_citation *c, size_t i)
{
	return c && i < c->authors.count ? c->authors.items[i] : NULL;
}

int folio_citation_et_al(const folio_citation *c)
{
	return c ? c->et_al : 0;
}

/* ---- character classes (ASCII only: every delimiter we look for is) ------ */

static int is_space(unsigned char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

static int is_digit(unsigned char ch)
{
	return ch >= '0' && ch <= '9';
}

static int is_upper(unsigned char ch)
{
	return ch >= 'A' && ch <= 'Z';
}

static int is_alpha(unsigned char ch)
{
	return is_upper(ch) || (ch >= 'a' && ch <= 'z');
}

static int is_alnum(unsigned char ch)
{
	return is_alpha(ch) || is_digit(ch);
}

static char ascii_lower(char ch)
{
	return is_upper((unsigned char)ch) ? (char)(ch - 'A' + 'a') : ch;
}

/* 1 when s[0..n) starts with lit, ignoring ASCII case. */
static int starts_ci(const char *s, size_t n, const char *lit)
{
	/* No strlen first: callers try many literals at every position, and
	 * almost all differ at the first byte. */
	for (size_t i = 0; lit[i]; i++) {
		if (i == n || ascii_lower(s[i]) != ascii_lower(lit[i]))
			return 0;
	}
	return 1;
}

/* 1 when s[0..n) is exactly lit, ignoring ASCII case. */
static int equals_ci(const char *s, size_t n, const char *lit)
{
	return strlen(lit) == n && starts_ci(s, n, lit);
}

/* Bytes of whitespace at s[i]: 1 for ASCII space, 2 for U+00A0, else 0. */
static size_t space_width(const char *s, size_t n, size_t i)
{
	if (is_space((unsigned char)s[i]))
		return 1;
	if ((unsigned char)s[i] == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)
		return 2;
	return 0;
}

static size_t skip_spaces(const char *s, size_t n, size_t i)
{
	size_t w;
	while (i < n && (w = space_width(s, n, i)) != 0)
		i += w;
	return i;
}

/* The end of the token that starts at i: the next whitespace or n. */
static size_t token_end(const char *s, size_t n, size_t i)
{
	while (i < n && space_width(s, n, i) == 0)
		i++;
	return i;
}

/* Copies s[0..len) into out (len + 1 bytes) with every whitespace run as one
 * space and none at either end. Returns the new length. */
static size_t squeeze_spaces(const char *s, size_t len, char *out)
{
	size_t o = 0;
	int pending = 0;
	size_t i = 0;
	while (i < len) {
		size_t w = space_width(s, len, i);
		if (w) {
			pending = o > 0;
			i += w;
			continue;
		}
		if (pending)
			out[o++] = ' ';
		pending = 0;
		out[o++] = s[i++];
	}
	out[o] = '\0';
	return o;
}

/* ---- trailing punctuation ------------------------------------------------------ */

/* Length of s[0..n) without trailing sentence punctuation and quotes, and
 * without closing brackets that have no opening partner inside: the DOI
 * "10.1016/S0140-6736(18)30480-X)." keeps its own parentheses. The counts
 * are taken once, so this is linear. */
static size_t trim_trailing_punct(const char *s, size_t n)
{
	long paren = 0, square = 0, angle = 0;
	for (size_t i = 0; i < n; i++) {
		paren += (s[i] == '(') - (s[i] == ')');
		square += (s[i] == '[') - (s[i] == ']');
		angle += (s[i] == '<') - (s[i] == '>');
	}
	while (n > 0) {
		char ch = s[n - 1];
		if (ch == '.' || ch == ',' || ch == ';' || ch == ':' || ch == '"' || ch == '\'') {
			n--;
		} else if (ch == ')' && paren < 0) {
			paren++;
			n--;
		} else if (ch == ']' && square < 0) {
			square++;
			n--;
		} else if (ch == '>' && angle < 0) {
			angle++;
			n--;
		} else if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 &&
		           (unsigned char)s[n - 2] == 0x80 &&
		           ((unsigned char)ch == 0x9D || (unsigned char)ch == 0x99)) {
			n -= 3; /* a closing curly quote */
		} else {
			break;
		}
	}
	return n;
}

/* ---- DOIs --------------------------------------------------------------------- */

/* What may announce a DOI, longest first so "doi.org/" never eats a URL. */
static const char *const doi_prefixes[] = {
    "https://dx.doi.org/",
    "http://dx.doi.org/",
    "https://www.doi.org/",
    "http://www.doi.org/",
    "https://doi.org/",
    "http://doi.org/",
    "dx.doi.org/",
    "doi.org/",
    "doi:",
    "doi ",
};

/* Bytes of announcing prefixes (and the spaces after them) at s. */
static size_t skip_doi_prefix(const char *s, size_t n)
{
	size_t i = 0;
	int again = 1;
	while (again) {
		again = 0;
		for (size_t k = 0; k < sizeof(doi_prefixes) / sizeof(doi_prefixes[0]); k++) {
			if (starts_ci(s + i, n - i, doi_prefixes[k])) {
				i = skip_spaces(s, n, i + strlen(doi_prefixes[k]));
				again = 1;
				break;
			}
		}
	}
	return i;
}

/* When s starts with "10." + a 4-9 digit registrant + optional ".digits"
 * parts + "/", the offset just past the "/"; else 0. */
static size_t doi_prefix_end(const char *s, size_t n)
{
	if (n < 3 || s[0] != '1' || s[1] != '0' || s[2] != '.')
		return 0;
	size_t i = 3, digits = 0;
	while (i < n && is_digit((unsigned char)s[i]) && digits <= 9) {
		i++;
		digits++;
	}
	if (digits < 4 || digits > 9)
		return 0;
	while (i < n && s[i] == '.') {
		size_t start = ++i;
		while (i < n && is_digit((unsigned char)s[i]))
			i++;
		if (i == start)
			return 0;
	}
	return i < n && s[i] == '/' ? i + 1 : 0;
}

/* 1 when s[0..n) (already trimmed) is a DOI: prefix, "/", and a non-empty
 * suffix of printable characters (non-ASCII UTF-8 counts as printable). */
static int doi_valid(const char *s, size_t n)
{
	size_t i = doi_prefix_end(s, n);
	if (i == 0 || i >= n)
		return 0;
	for (; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch < 0x21 || ch == 0x7F)
			return 0;
	}
	return 1;
}

int folio_doi_normalize(const char *s, size_t len, char *out, size_t n)
{
	if (out != NULL && n > 0)
		out[0] = '\0';
	if (s == NULL)
		return 0;
	size_t i = skip_spaces(s, len, 0);
	i += skip_doi_prefix(s + i, len - i);
	size_t e = token_end(s, len, i);
	if (skip_spaces(s, len, e) != len)
		return 0; /* a space inside: the DOI would end there */
	size_t dl = trim_trailing_punct(s + i, e - i);
	if (!doi_valid(s + i, dl))
		return 0;
	if (out == NULL)
		return n == 0;
	if (dl >= n)
		return 0;
	memcpy(out, s + i, dl);
	out[dl] = '\0';
	return 1;
}

/* ---- the parse context ------------------------------------------------------- */

typedef struct span {
	size_t b, e;
} span;

/* One parse. s/n is the text being read (first the whole normalised text,
 * then the body); both buffers are owned by folio_citation_parse. */
typedef struct cite_ctx {
	folio_doc *doc;
	folio_citation *c;
	const char *s;
	size_t n;
	folio_status st; /* FOLIO_ERR_NOMEM once an allocation failed */
	size_t note_at;  /* where the body lost a "[Internet]" note, or SIZE_MAX */
} cite_ctx;

/* An arena copy of s[b..e) without surrounding spaces and trailing commas or
 * semicolons; NULL when that leaves nothing (or memory ran out). */
static const char *span_dup(cite_ctx *x, size_t b, size_t e)
{
	while (b < e && x->s[b] == ' ')
		b++;
	while (e > b && (x->s[e - 1] == ' ' || x->s[e - 1] == ',' || x->s[e - 1] == ';'))
		e--;
	if (b >= e)
		return NULL;
	char *p = folio_doc_strndup(x->doc, x->s + b, e - b);
	if (p == NULL)
		x->st = FOLIO_ERR_NOMEM;
	return p;
}

/* Sets field f from s[b..e) unless it is already set (the first reading wins). */
static void set_field(cite_ctx *x, folio_cite_field f, size_t b, size_t e)
{
	if (x->c->fields[f] != NULL)
		return;
	x->c->fields[f] = span_dup(x, b, e);
}

static void add_author(cite_ctx *x, size_t b, size_t e)
{
	const char *a = span_dup(x, b, e);
	if (a != NULL && !folio_ptr_vec_push(&x->doc->arena, &x->c->authors, a))
		x->st = FOLIO_ERR_NOMEM;
}

/* ---- identifiers in the whole text ------------------------------------------- */

/* A DOI may start right after these (not inside a word or a number). */
static int doi_boundary(unsigned char ch)
{
	return !is_alnum(ch) && ch != '.' && ch != '-' && ch != '_';
}

/* Where the words announcing the DOI at i start: "doi:" or a resolver URL in
 * the same token, or a previous token "DOI:". */
static size_t doi_announce_start(const char *t, size_t i)
{
	size_t tb = i;
	while (tb > 0 && t[tb - 1] != ' ')
		tb--;
	for (size_t k = tb; k < i; k++) {
		if (starts_ci(t + k, i - k, "doi") || starts_ci(t + k, i - k, "http") ||
		    starts_ci(t + k, i - k, "dx.doi"))
			return k;
	}
	if (tb < i || tb < 2)
		return tb;
	size_t pb = tb - 1;
	while (pb > 0 && t[pb - 1] != ' ')
		pb--;
	size_t plen = tb - 1 - pb;
	if (equals_ci(t + pb, plen, "doi:") || equals_ci(t + pb, plen, "doi") ||
	    equals_ci(t + pb, plen, "(doi:"))
		return pb;
	return tb;
}

/* The first valid DOI in the text: value and where its announcement starts. */
static int find_doi(const cite_ctx *x, span *val, size_t *cut)
{
	const char *t = x->s;
	size_t n = x->n, i = 0;
	while (i + 3 <= n) {
		if (t[i] != '1' || (i > 0 && !doi_boundary((unsigned char)t[i - 1])) ||
		    doi_prefix_end(t + i, n - i) == 0) {
			i++;
			continue;
		}
		size_t e = token_end(t, n, i);
		size_t dl = trim_trailing_punct(t + i, e - i);
		if (doi_valid(t + i, dl)) {
			val->b = i;
			val->e = i + dl;
			*cut = doi_announce_start(t, i);
			return 1;
		}
		i = e; /* nothing but punctuation followed the "/" */
	}
	return 0;
}

/* "PMID: 12345678", "PMID 123", "PubMed PMID: 123". */
static int find_pmid(const cite_ctx *x, span *val, size_t *cut)
{
	const char *t = x->s;
	size_t n = x->n;
	for (size_t i = 0; i + 4 < n; i++) {
		if (memcmp(t + i, "PMID", 4) != 0 || (i > 0 && is_alnum((unsigned char)t[i - 1])))
			continue;
		size_t j = i + 4;
		if (j < n && t[j] == ':')
			j++;
		j = skip_spaces(t, n, j);
		size_t d = j;
		while (d < n && is_digit((unsigned char)t[d]) && d - j <= 10)
			d++;
		if (d == j || d - j > 10 || (d < n && is_alnum((unsigned char)t[d])))
			continue;
		val->b = j;
		val->e = d;
		*cut = i >= 7 && memcmp(t + i - 7, "PubMed ", 7) == 0 ? i - 7 : i;
		return 1;
	}
	return 0;
}

/* 1 when the URL at s (after its scheme) points at the DOI resolver. */
static int is_doi_resolver(const char *host, size_t n)
{
	return starts_ci(host, n, "doi.org/") || starts_ci(host, n, "dx.doi.org/") ||
	       starts_ci(host, n, "www.doi.org/");
}

/* The first http(s) URL that is not the DOI resolver. */
static int find_url(const cite_ctx *x, span *val, size_t *cut)
{
	const char *t = x->s;
	size_t n = x->n, i = 0;
	while (i < n) {
		size_t scheme = starts_ci(t + i, n - i, "https://")  ? 8
		                : starts_ci(t + i, n - i, "http://") ? 7
		                                                     : 0;
		if (scheme == 0 || (i > 0 && is_alnum((unsigned char)t[i - 1]))) {
			i++;
			continue;
		}
		size_t e = token_end(t, n, i);
		size_t ul = trim_trailing_punct(t + i, e - i);
		if (ul > scheme && !is_doi_resolver(t + i + scheme, ul - scheme)) {
			val->b = i;
			val->e = i + ul;
			*cut = i;
			return 1;
		}
		i = e;
	}
	return 0;
}

/* ---- the trailer ----------------------------------------------------------- */

/* Words that start the part after the bibliographic data. after_stop: only
 * right after ". " / "; " (they are ordinary words elsewhere); dated: only
 * when a year follows within a few words ("Published 2019", not "Updated
 * guidance on..."). */
typedef struct tail_marker {
	const char *word;
	unsigned char after_stop;
	unsigned char dated;
} tail_marker;

/* (find_tail_marker lists their first letters: keep it in step) */
static const tail_marker tail_markers[] = {
    {"doi:", 0, 0},           {"Epub ", 1, 0},        {"[Epub", 0, 0},
    {"Accessed", 1, 0},       {"(Accessed", 0, 0},    {"[Accessed", 0, 0},
    {"Available from", 1, 0}, {"Available at", 1, 0}, {"Available online", 1, 0},
    {"Retrieved ", 1, 0},     {"[cited", 0, 0},       {"[updated", 0, 0},
    {"[published", 0, 0},     {"Published ", 1, 1},   {"Updated ", 1, 1},
    {"Last updated", 1, 1},   {"PMCID", 0, 0},        {"PubMed Central", 0, 0},
};

/* The offset of a year (4 digits, 1600-2099, not inside a longer number)
 * within the next 32 bytes from i, or n. */
static size_t year_near(const char *s, size_t n, size_t i);

/* 1 when a marker may start at i (see tail_marker). */
static int marker_fits(const char *t, size_t n, size_t i, const tail_marker *m)
{
	if (i > 0) {
		if (m->after_stop) {
			if (i < 2 || t[i - 1] != ' ' ||
			    (t[i - 2] != '.' && t[i - 2] != ';' && t[i - 2] != ')' &&
			     t[i - 2] != ']'))
				return 0;
		} else if (is_alnum((unsigned char)t[i - 1])) {
			return 0;
		}
	}
	return !m->dated || year_near(t, n, i + strlen(m->word)) < n;
}

/* The first trailer marker at or after 0 and before limit; limit if none.
 * *year receives the offset of the year in a dated marker ("Published 2019"),
 * left alone otherwise. */
static size_t find_tail_marker(const cite_ctx *x, size_t limit, size_t *year)
{
	for (size_t i = 0; i < limit; i++) {
		/* the markers' first letters, lowercase: most positions need no
		 * comparison at all */
		char c = ascii_lower(x->s[i]);
		if (c == '\0' || strchr("de[a(rpul", c) == NULL)
			continue;
		for (size_t k = 0; k < sizeof(tail_markers) / sizeof(tail_markers[0]); k++) {
			const tail_marker *m = &tail_markers[k];
			if (!starts_ci(x->s + i, x->n - i, m->word) ||
			    !marker_fits(x->s, x->n, i, m))
				continue;
			if (m->dated)
				*year = year_near(x->s, x->n, i + strlen(m->word));
			return i;
		}
	}
	return limit;
}

/* A dated marker found after the cut ("Epub 2017 Feb 3", "Published 2019 Jul
 * 25"): a fallback year. */
static size_t trailer_year(const cite_ctx *x, size_t from)
{
	static const char *const dated[] = {"Published ", "Updated ", "Epub "};
	for (size_t i = from; i < x->n; i++) {
		for (size_t k = 0; k < sizeof(dated) / sizeof(dated[0]); k++) {
			if (starts_ci(x->s + i, x->n - i, dated[k]))
				return year_near(x->s, x->n, i + strlen(dated[k]));
		}
	}
	return x->n;
}

/* ---- years and dates ----------------------------------------------------------- */

/* 4 when s[i..] is a year token (1600-2099, not part of a longer number or
 * word; an APA letter "2014a" may follow), else 0. */
static size_t year_at(const char *s, size_t n, size_t i)
{
	if (i + 4 > n || (i > 0 && is_alnum((unsigned char)s[i - 1])))
		return 0;
	for (size_t k = 0; k < 4; k++) {
		if (!is_digit((unsigned char)s[i + k]))
			return 0;
	}
	if (!((s[i] == '1' && s[i + 1] >= '6') || (s[i] == '2' && s[i + 1] == '0')))
		return 0;
	if (i + 4 < n && is_digit((unsigned char)s[i + 4]))
		return 0;
	if (i + 4 < n && is_alpha((unsigned char)s[i + 4]) &&
	    (i + 5 < n && is_alnum((unsigned char)s[i + 5])))
		return 0;
	return 4;
}

static size_t year_near(const char *s, size_t n, size_t i)
{
	size_t end = i + 32 < n ? i + 32 : n;
	for (size_t k = i; k < end; k++) {
		if (year_at(s, n, k))
			return k;
	}
	return n;
}

/* After a year: " Mon", " Mon-Mon", " Mon Day", " Mon Day-Day" (a month is
 * a capitalised word of 3-9 letters, which also covers seasons). Returns the
 * offset after them and sets *dated when anything was read. */
static size_t skip_date_tail(const char *s, size_t n, size_t j, int *dated)
{
	*dated = 0;
	size_t k = j;
	if (k + 1 < n && s[k] == ' ' && is_upper((unsigned char)s[k + 1])) {
		size_t w = k + 1;
		while (w < n && is_alpha((unsigned char)s[w]))
			w++;
		if (w - (k + 1) < 3 || w - (k + 1) > 9)
			return j;
		if (w < n && s[w] == '-' && w + 1 < n && is_upper((unsigned char)s[w + 1])) {
			w++;
			while (w < n && is_alpha((unsigned char)s[w]))
				w++;
		}
		k = w;
		*dated = 1;
		if (k + 1 < n && s[k] == ' ' && is_digit((unsigned char)s[k + 1])) {
			size_t d = k + 1;
			while (d < n && (is_digit((unsigned char)s[d]) || s[d] == '-') &&
			       d - k <= 5)
				d++;
			if (d - (k + 1) <= 5)
				k = d;
		}
	}
	return k;
}

/* ---- sentences ---------------------------------------------------------------- */

#define MAX_SEGMENTS 48

/* Words after which ". " does not end a sentence. */
static const char *const no_stop_words[] = {
    "vs", "e.g", "i.e", "cf", "approx", "incl", "Dr", "St", "Mr", "Mrs", "Ms", "Fig", "No",
};

static int ends_with_no_stop_word(const char *s, size_t b, size_t dot)
{
	size_t w = dot;
	while (w > b && s[w - 1] != ' ' && s[w - 1] != '(')
		w--;
	for (size_t k = 0; k < sizeof(no_stop_words) / sizeof(no_stop_words[0]); k++) {
		if (equals_ci(s + w, dot - w, no_stop_words[k]))
			return 1;
	}
	return 0;
}

/* Splits s[b..e) into sentences at ". ", "? " and "! " (a '?' or '!' stays
 * with its sentence, a '.' does not). At most max; the last one takes the
 * rest. Returns the count. */
static size_t split_sentences(const char *s, size_t b, size_t e, span *out, size_t max)
{
	size_t k = 0, start = b;
	for (size_t i = b; i + 1 < e && k + 1 < max; i++) {
		char ch = s[i];
		if (s[i + 1] != ' ' || (ch != '.' && ch != '?' && ch != '!'))
			continue;
		if (ch == '.' && ends_with_no_stop_word(s, start, i))
			continue;
		size_t end = ch == '.' ? i : i + 1;
		if (end > start) {
			out[k].b = start;
			out[k].e = end;
			k++;
		}
		start = i + 2;
	}
	size_t end = e;
	while (end > start && (s[end - 1] == '.' || s[end - 1] == ' '))
		end--;
	if (end > start) {
		out[k].b = start;
		out[k].e = end;
		k++;
	}
	return k;
}

/* The last word of s[b..e) (after its last space). */
static span last_word(const char *s, size_t b, size_t e)
{
	span w = {e, e};
	while (w.b > b && s[w.b - 1] != ' ')
		w.b--;
	return w;
}

/* "Eysenbach G, ed", "Smith J, eds", "10th ed", "2nd edn", "3rd edition". */
static int is_editor_or_edition(const char *s, span seg)
{
	span w = last_word(s, seg.b, seg.e);
	size_t wl = w.e - w.b;
	const char *p = s + w.b;
	int ed = equals_ci(p, wl, "ed") || equals_ci(p, wl, "eds") || equals_ci(p, wl, "editor") ||
	         equals_ci(p, wl, "editors");
	int edition =
	    equals_ci(p, wl, "ed") || equals_ci(p, wl, "edn") || equals_ci(p, wl, "edition");
	if (w.b == seg.b)
		return equals_ci(p, wl, "ed") || equals_ci(p, wl, "eds");
	if (ed && w.b >= seg.b + 2 && s[w.b - 2] == ',')
		return 1;
	span prev = last_word(s, seg.b, w.b - 1);
	return edition && is_digit((unsigned char)s[prev.b]);
}

/* A sentence made of one short word: an abbreviation in "Br. J. Sports Med." */
static int is_abbreviation(const char *s, span seg)
{
	size_t len = seg.e - seg.b;
	if (len == 0 || len > 6 || !is_upper((unsigned char)s[seg.b]))
		return 0;
	return memchr(s + seg.b, ' ', len) == NULL;
}

static int span_contains(const char *s, span sp, char ch)
{
	return memchr(s + sp.b, ch, sp.e - sp.b) != NULL;
}

/* ---- authors ------------------------------------------------------------------- */

/* The next piece of s[*pos..e) up to ", ", "; ", " & " or " and " (when
 * with_and), trimmed; 0 at the end. */
static int next_piece(const char *s, size_t *pos, size_t e, int with_and, span *out)
{
	size_t i = *pos;
	while (i < e && s[i] == ' ')
		i++;
	if (i >= e)
		return 0;
	size_t b = i, cut = e, next = e;
	for (; i < e; i++) {
		if ((s[i] == ',' || s[i] == ';') && (i + 1 == e || s[i + 1] == ' ')) {
			cut = i;
			next = i + 1;
			break;
		}
		if (with_and && s[i] == ' ' && starts_ci(s + i, e - i, " & ")) {
			cut = i;
			next = i + 3;
			break;
		}
		if (with_and && s[i] == ' ' && starts_ci(s + i, e - i, " and ")) {
			cut = i;
			next = i + 5;
			break;
		}
	}
	if (with_and && starts_ci(s + b, cut - b, "& "))
		b += 2;
	else if (with_and && starts_ci(s + b, cut - b, "and "))
		b += 4;
	out->b = b;
	out->e = cut;
	*pos = next;
	return 1;
}

static int is_et_al(const char *s, span p)
{
	size_t len = p.e - p.b;
	return equals_ci(s + p.b, len, "et al") || equals_ci(s + p.b, len, "et al.") ||
	       equals_ci(s + p.b, len, "et al.,");
}

/* Bytes of one capital letter at s[i]: an ASCII capital or any multibyte
 * UTF-8 character (accented initials); 0 otherwise. */
static size_t capital_at(const char *s, size_t e, size_t i)
{
	unsigned char ch = (unsigned char)s[i];
	if (is_upper(ch))
		return 1;
	if (ch < 0xC0)
		return 0;
	size_t k = i + 1;
	while (k < e && ((unsigned char)s[k] & 0xC0) == 0x80)
		k++;
	return k - i;
}

/* Vancouver initials: "J", "JA", "L-W", "RMJ", and the dotted "L.W." of
 * loose lists (1-4 capitals, hyphens, dots). */
static int is_initials_word(const char *s, span w)
{
	size_t i = w.b, count = 0;
	while (i < w.e) {
		size_t c = capital_at(s, w.e, i);
		if (c == 0)
			return 0;
		i += c;
		count++;
		if (i < w.e && s[i] == '.')
			i++;
		if (i < w.e && s[i] == '-')
			i++;
	}
	return count >= 1 && count <= 4;
}

/* APA initials: "J.", "J. A.", "L.-W.", "J.A." */
static int is_apa_initials(const char *s, span p)
{
	size_t i = p.b, count = 0;
	while (i < p.e) {
		size_t c = capital_at(s, p.e, i);
		if (c == 0 || i + c >= p.e || s[i + c] != '.')
			return 0;
		i += c + 1;
		count++;
		if (i < p.e && (s[i] == '-' || s[i] == ' '))
			i++;
	}
	return count >= 1 && count <= 4;
}

/* "Chou L-W": a surname (any words) and initials. */
static int is_vancouver_person(const char *s, span p)
{
	span w = last_word(s, p.b, p.e);
	return w.b > p.b && is_initials_word(s, w);
}

/* 1 when every piece of seg is a Vancouver person or "et al", and at least
 * one is a person. */
static int looks_like_people(const char *s, span seg)
{
	size_t pos = seg.b;
	span p;
	int people = 0;
	while (next_piece(s, &pos, seg.e, 0, &p)) {
		if (is_et_al(s, p))
			continue;
		if (!is_vancouver_person(s, p))
			return 0;
		people++;
	}
	return people > 0;
}

/* Words that make a sentence an organisation rather than a title. */
static const char *const group_words[] = {
    "Organization",  "Organisation",  "Association", "Society",    "Institute", "Group",
    "Collaboration", "Collaborators", "Council",     "Foundation", "College",   "Department",
    "Agency",        "Centers",       "Centre",      "Ministry",   "Academy",   "Federation",
    "Committee",     "Consortium",    "Excellence",  "Board",
};

static int looks_like_group(const char *s, span seg)
{
	size_t i = seg.b;
	while (i < seg.e) {
		span w = {i, i};
		while (w.e < seg.e && s[w.e] != ' ')
			w.e++;
		for (size_t k = 0; k < sizeof(group_words) / sizeof(group_words[0]); k++) {
			if (equals_ci(s + w.b, w.e - w.b, group_words[k]))
				return 1;
		}
		i = w.e + 1;
	}
	return 0;
}

/* Vancouver/AMA: "Chou L-W, Kao M-J, Lin J-G" or "Linde K, ..., et al";
 * anything else is one group author. */
/* Takes a closing "et al" / "et al." off seg (without a comma before it:
 * "Hall T. et al"; with one it is a piece of its own) and sets et_al. */
static void strip_et_al(cite_ctx *x, span *seg)
{
	span w = last_word(x->s, seg->b, seg->e);
	if (!(equals_ci(x->s + w.b, w.e - w.b, "al") || equals_ci(x->s + w.b, w.e - w.b, "al.")) ||
	    w.b < seg->b + 4 || !starts_ci(x->s + w.b - 4, 4, " et "))
		return;
	seg->e = w.b - 4;
	while (seg->e > seg->b && (x->s[seg->e - 1] == ' ' || x->s[seg->e - 1] == ','))
		seg->e--;
	x->c->et_al = 1;
}

static void add_authors_vancouver(cite_ctx *x, span seg)
{
	strip_et_al(x, &seg);
	if (seg.e == seg.b)
		return;
	if (!looks_like_people(x->s, seg)) {
		add_author(x, seg.b, seg.e);
		return;
	}
	size_t pos = seg.b;
	span p;
	while (next_piece(x->s, &pos, seg.e, 0, &p)) {
		if (is_et_al(x->s, p)) {
			x->c->et_al = 1;
			continue;
		}
		/* "Lin J.G." lost its dot to the end of the sentence: give it back */
		if (p.e == seg.e && p.e < x->n && x->s[p.e] == '.' &&
		    memchr(x->s + p.b, '.', p.e - p.b) != NULL)
			p.e++;
		add_author(x, p.b, p.e);
	}
}

/* 1 when p ends with a lone capital and its dot: "Smith J." */
static int ends_with_initial(const char *s, span p)
{
	size_t len = p.e - p.b;
	if (len < 2 || s[p.e - 1] != '.' || !is_upper((unsigned char)s[p.e - 2]))
		return 0;
	return len == 2 || s[p.e - 3] == ' ' || s[p.e - 3] == '.' || s[p.e - 3] == '-';
}

/* An author without initials after it: drop a sentence-ending '.' unless it
 * ends an initial ("Smith J." stays as written only with its initials). */
static void add_lone_author(cite_ctx *x, span p)
{
	if (p.e > p.b && x->s[p.e - 1] == '.' && !ends_with_initial(x->s, p))
		p.e--;
	add_author(x, p.b, p.e);
}

static int is_ellipsis(const char *s, span p)
{
	size_t len = p.e - p.b;
	return equals_ci(s + p.b, len, "...") || equals_ci(s + p.b, len, "\xE2\x80\xA6");
}

/* APA/Harvard: "Dunning, J., Butts, R., & Mourad, F." -> "Dunning, J.", ...
 * A surname takes the initials piece after it. */
static void add_authors_apa_pairs(cite_ctx *x, span seg)
{
	size_t pos = seg.b;
	span p, pending = {0, 0};
	int have = 0;
	while (next_piece(x->s, &pos, seg.e, 1, &p)) {
		if (have && is_apa_initials(x->s, p)) {
			add_author(x, pending.b, p.e);
			have = 0;
			continue;
		}
		if (have)
			add_lone_author(x, pending);
		have = 0;
		if (is_et_al(x->s, p))
			x->c->et_al = 1;
		else if (!is_ellipsis(x->s, p)) {
			pending = p;
			have = 1;
		}
	}
	if (have)
		add_lone_author(x, pending);
}

static int has_apa_initials_piece(const char *s, span seg)
{
	size_t pos = seg.b;
	span p;
	while (next_piece(s, &pos, seg.e, 1, &p)) {
		if (is_apa_initials(s, p))
			return 1;
	}
	return 0;
}

/* "Moseley, G. Lorimer; Butler, David S.": authors separated by semicolons,
 * each kept whole. */
static void add_authors_semicolon(cite_ctx *x, span seg)
{
	size_t i = seg.b;
	while (i < seg.e) {
		const char *semi = memchr(x->s + i, ';', seg.e - i);
		size_t e = semi ? (size_t)(semi - x->s) : seg.e;
		span p = {i, e};
		while (p.b < p.e && x->s[p.b] == ' ')
			p.b++;
		if (p.e > p.b && !is_et_al(x->s, p))
			add_lone_author(x, p);
		else if (p.e > p.b)
			x->c->et_al = 1;
		i = e + 1;
	}
}

/* The author part before an APA year: drops "(Eds.)", then reads people in
 * APA or Vancouver shape, or one group author. */
static void add_authors_apa(cite_ctx *x, span seg)
{
	while (seg.e > seg.b && (x->s[seg.e - 1] == ' ' || x->s[seg.e - 1] == ','))
		seg.e--;
	span w = last_word(x->s, seg.b, seg.e);
	if (equals_ci(x->s + w.b, w.e - w.b, "(Eds.)") ||
	    equals_ci(x->s + w.b, w.e - w.b, "(Ed.)") ||
	    equals_ci(x->s + w.b, w.e - w.b, "(Eds.).") ||
	    equals_ci(x->s + w.b, w.e - w.b, "(Ed.)."))
		seg.e = w.b;
	while (seg.e > seg.b && x->s[seg.e - 1] == ' ')
		seg.e--;
	strip_et_al(x, &seg);
	if (seg.e == seg.b)
		return;
	span trimmed = seg;
	if (x->s[trimmed.e - 1] == '.')
		trimmed.e--;
	if (looks_like_people(x->s, trimmed))
		add_authors_vancouver(x, trimmed);
	else if (has_apa_initials_piece(x->s, seg))
		add_authors_apa_pairs(x, seg);
	else if (span_contains(x->s, seg, ';'))
		add_authors_semicolon(x, seg);
	else
		add_lone_author(x, seg);
}

/* ---- AMA / Vancouver ------------------------------------------------------------- */

typedef enum head_kind {
	HEAD_ARTICLE = 0, /* authors, title, container */
	HEAD_BOOK         /* authors, title, "Place: Publisher" */
} head_kind;

/* Drops editors and editions from seg[0..all) and returns how many are
 * left. *cont receives the index of a chapter's container (the sentence
 * after "In: Smith J, ed.", or an "In: Book" sentence without its "In: "),
 * or SIZE_MAX. */
static size_t filter_sentences(const char *s, span *seg, size_t all, size_t *cont)
{
	size_t k = 0;
	*cont = SIZE_MAX;
	for (size_t i = 0; i < all; i++) {
		int in = starts_ci(s + seg[i].b, seg[i].e - seg[i].b, "In: ");
		if (is_editor_or_edition(s, seg[i])) {
			if (in)
				*cont = k;
			continue;
		}
		if (in) {
			seg[i].b += 4;
			*cont = k;
		}
		seg[k++] = seg[i];
	}
	return k;
}

/* 1 when the first of k sentences names the authors. With two sentences
 * that takes people, an organisation, a book's shape, or a web page whose
 * second sentence carried "[Internet]" (Vancouver: "Site. Title [Internet]"). */
static int first_is_authors(const cite_ctx *x, const span *seg, size_t k, head_kind kind)
{
	int people = looks_like_people(x->s, seg[0]);
	if (k == 1)
		return people;
	if (k >= 3 || people || kind == HEAD_BOOK || looks_like_group(x->s, seg[0]))
		return 1;
	return x->note_at >= seg[1].b && x->note_at <= seg[1].e;
}

/* Sets the container to seg[j0..last] and the title to seg[t0..j0). */
static void set_title_and_container(cite_ctx *x, const span *seg, size_t t0, size_t j0, size_t last)
{
	size_t je = seg[last].e;
	if (j0 < last && je < x->n && x->s[je] == '.')
		je++; /* "Br. J. Sports Med." keeps its last dot too */
	set_field(x, FOLIO_CITE_JOURNAL, seg[j0].b, je);
	if (j0 > t0)
		set_field(x, FOLIO_CITE_TITLE, seg[t0].b, seg[j0 - 1].e);
}

/* Reads "Authors. Title. Container" in s[b..e). */
static void parse_head(cite_ctx *x, size_t b, size_t e, head_kind kind)
{
	span seg[MAX_SEGMENTS];
	size_t cont;
	size_t k =
	    filter_sentences(x->s, seg, split_sentences(x->s, b, e, seg, MAX_SEGMENTS), &cont);
	if (kind == HEAD_BOOK && k >= 2 && span_contains(x->s, seg[k - 1], ':'))
		k--; /* "Baltimore: Williams & Wilkins": the publisher is not kept */
	if (k == 0)
		return;
	size_t t0 = 0;
	if (first_is_authors(x, seg, k, kind)) {
		add_authors_vancouver(x, seg[0]);
		t0 = 1;
	}
	if (t0 >= k)
		return;
	size_t last = k - 1;
	if (cont > t0 && cont <= last) {
		set_title_and_container(x, seg, t0, cont, last);
		return;
	}
	if (kind == HEAD_BOOK || last == t0) {
		set_field(x, FOLIO_CITE_TITLE, seg[t0].b, seg[last].e);
		return;
	}
	size_t j0 = last;
	while (j0 - 1 > t0 && is_abbreviation(x->s, seg[j0 - 1]))
		j0--;
	set_title_and_container(x, seg, t0, j0, last);
}

/* ";Vol(Issue):Pages" after an AMA year (and its month and day), at j. */
static void parse_ama_numbers(cite_ctx *x, size_t j)
{
	const char *s = x->s;
	size_t n = x->n;
	j = skip_spaces(s, n, j);
	if (j < n && s[j] == ';')
		j = skip_spaces(s, n, j + 1);
	size_t vb = j;
	while (j < n && !strchr("(:;.,", s[j]) && j - vb <= 24)
		j++;
	if (j - vb > 24)
		return;
	set_field(x, FOLIO_CITE_VOLUME, vb, j);
	if (j < n && s[j] == '(') {
		const char *close = memchr(s + j, ')', n - j < 40 ? n - j : 40);
		if (close == NULL)
			return;
		set_field(x, FOLIO_CITE_ISSUE, j + 1, (size_t)(close - s));
		j = (size_t)(close - s) + 1;
	}
	j = skip_spaces(s, n, j);
	if (j >= n || s[j] != ':')
		return;
	j = skip_spaces(s, n, j + 1);
	size_t pe = token_end(s, n, j);
	while (pe > j && (s[pe - 1] == '.' || s[pe - 1] == ',' || s[pe - 1] == ';'))
		pe--;
	set_field(x, FOLIO_CITE_PAGES, j, pe);
}

/* The AMA anchor: the first year followed (after an optional month and day)
 * by ';', or by ':' when a month came first ("2020 Jul 10:S1413-..."). */
static int find_ama_year(const cite_ctx *x, size_t *year, size_t *after)
{
	for (size_t i = 0; i < x->n; i++) {
		if (!year_at(x->s, x->n, i))
			continue;
		int dated = 0;
		size_t j = skip_date_tail(x->s, x->n, i + 4, &dated);
		size_t k = skip_spaces(x->s, x->n, j);
		if (k < x->n && (x->s[k] == ';' || (x->s[k] == ':' && dated))) {
			*year = i;
			*after = j;
			return 1;
		}
	}
	return 0;
}

/* The last year that ends the body or a sentence of it ("London: NICE;
 * 2016", "Site. 2019"), or that a chapter's pages follow ("Jones & Bartlett;
 * 2011:159-190"). *book is set when a ';' came before it; *after is the
 * offset after the year (and its month and day). */
static int find_end_year(const cite_ctx *x, size_t *year, size_t *after, int *book)
{
	int found = 0;
	for (size_t i = 2; i < x->n; i++) {
		if (!year_at(x->s, x->n, i) || x->s[i - 1] != ' ' || !strchr(".;,:", x->s[i - 2]))
			continue;
		int dated = 0;
		size_t j = skip_date_tail(x->s, x->n, i + 4, &dated);
		int ends = j == x->n || (x->s[j] == '.' && (j + 1 == x->n || x->s[j + 1] == ' '));
		int pages = j < x->n && x->s[j] == ':' && token_end(x->s, x->n, j) == x->n;
		if (!ends && !pages)
			continue;
		*year = i;
		*after = j;
		*book = x->s[i - 2] == ';';
		found = 1;
	}
	return found;
}

/* Pages after a book's year: "2011:159-190". */
static void parse_book_pages(cite_ctx *x, size_t j)
{
	if (j < x->n && x->s[j] == ':')
		set_field(x, FOLIO_CITE_PAGES, j + 1, x->n);
}

/* ---- APA / Harvard ---------------------------------------------------------- */

/* "(2014)", "(2014a)", "(2023, June 19)", "(n.d.)" at i: sets *year (or n for
 * n.d.) and returns the offset after ')', or 0. */
static size_t apa_year_at(const cite_ctx *x, size_t i, size_t *year)
{
	const char *s = x->s;
	size_t n = x->n;
	if (s[i] != '(')
		return 0;
	if (starts_ci(s + i, n - i, "(n.d.)") || starts_ci(s + i, n - i, "(n.d)")) {
		*year = n;
		return i + (s[i + 4] == ')' ? 5 : 6);
	}
	if (!year_at(s, n, i + 1))
		return 0;
	size_t j = i + 5;
	if (j < n && is_alpha((unsigned char)s[j]))
		j++;
	if (j < n && s[j] == ',') {
		const char *close = memchr(s + j, ')', n - j < 32 ? n - j : 32);
		if (close == NULL || memchr(s + j, '(', (size_t)(close - s) - j) != NULL)
			return 0;
		j = (size_t)(close - s);
	}
	if (j >= n || s[j] != ')')
		return 0;
	*year = i + 1;
	return j + 1;
}

static int find_apa_year(const cite_ctx *x, size_t *open, size_t *year, size_t *after)
{
	for (size_t i = 0; i < x->n; i++) {
		size_t a = apa_year_at(x, i, year);
		if (a) {
			*open = i;
			*after = a;
			return 1;
		}
	}
	return 0;
}

/* The journal's numbers ending the body, from j (a digit) on: APA
 * "19(4), 252-265" (colon 0) or Springer/Harvard "16(9):807-813" (colon 1).
 * Fills volume, issue and pages; 0 when the rest does not have that shape. */
static int numbers_at(const cite_ctx *x, size_t j, int colon, span *vol, span *iss, span *pages)
{
	static const char *const page_words[] = {"pp. ", "p. ", "Article ", "e-pub "};
	const char *s = x->s;
	size_t n = x->n;
	vol->b = j;
	while (j < n && is_alnum((unsigned char)s[j]) && j - vol->b <= 12)
		j++;
	vol->e = j;
	iss->b = iss->e = pages->b = pages->e = 0;
	if (j - vol->b > 12)
		return 0;
	if (colon && j + 1 < n && s[j] == ' ' && s[j + 1] == '(')
		j++; /* "3 (4): 5-6" */
	if (j < n && s[j] == '(') {
		const char *close = memchr(s + j, ')', n - j < 40 ? n - j : 40);
		if (close == NULL)
			return 0;
		iss->b = j + 1;
		iss->e = (size_t)(close - s);
		j = iss->e + 1;
	}
	if (j == n)
		return 1;
	if (colon && j + 1 < n && s[j] == ' ' && s[j + 1] == ':')
		j++;
	if (colon ? s[j] != ':' : (j + 2 >= n || s[j] != ',' || s[j + 1] != ' '))
		return 0;
	j = skip_spaces(s, n, j + 1);
	for (size_t k = 0; k < sizeof(page_words) / sizeof(page_words[0]); k++) {
		if (starts_ci(s + j, n - j, page_words[k])) {
			j += strlen(page_words[k]);
			break;
		}
	}
	pages->b = j;
	while (j < n && s[j] != ' ' && s[j] != ',')
		j++;
	pages->e = j;
	return j == n && pages->e > pages->b;
}

/* Where the journal's numbers start in s[b..n): the first ", digit" (or
 * else " digit") from which the rest reads as volume, issue, pages; n when
 * there is none. */
static size_t find_apa_numbers(cite_ctx *x, size_t b, span *vol, span *iss, span *pages)
{
	for (int colon = 0; colon <= 1; colon++) {
		for (size_t i = b; i + 2 < x->n; i++) {
			size_t d = colon ? i + 1 : i + 2;
			if ((colon || x->s[i] == ',') && x->s[d - 1] == ' ' &&
			    is_digit((unsigned char)x->s[d]) &&
			    numbers_at(x, d, colon, vol, iss, pages))
				return i;
		}
	}
	return x->n;
}

/* A Harvard title in quotes at r: 'Title', or “Title”. Returns the offset
 * after the closing quote (title in *t), or 0. */
static size_t quoted_title(const cite_ctx *x, size_t r, span *t)
{
	const char *s = x->s;
	size_t n = x->n, open = 0;
	const char *close = NULL;
	if (s[r] == '\'' || s[r] == '"') {
		open = 1;
		close = s[r] == '"' ? "\"" : "'";
	} else if (starts_ci(s + r, n - r, "\xE2\x80\x9C")) {
		open = 3;
		close = "\xE2\x80\x9D";
	} else if (starts_ci(s + r, n - r, "\xE2\x80\x98")) {
		open = 3;
		close = "\xE2\x80\x99";
	}
	if (open == 0)
		return 0;
	size_t cl = strlen(close);
	for (size_t i = r + open; i + cl <= n; i++) {
		if (memcmp(s + i, close, cl) != 0)
			continue;
		size_t a = i + cl;
		if (a == n || s[a] == ',' || s[a] == '.' || s[a] == ' ') {
			t->b = r + open;
			t->e = i;
			return a;
		}
	}
	return 0;
}

/* Sets an APA title from s[b..e) without a closing edition note: "Trigger
 * point dry needling (2nd ed.)" -> "Trigger point dry needling". */
static void set_apa_title(cite_ctx *x, size_t b, size_t e)
{
	if (e > b && x->s[e - 1] == ')') {
		size_t open = e - 1;
		while (open > b && x->s[open] != '(' && e - open < 24)
			open--;
		span w = last_word(x->s, open, e - 1);
		const char *word = x->s + w.b;
		size_t wl = w.e - w.b;
		if (x->s[open] == '(' && is_digit((unsigned char)x->s[open + 1]) &&
		    (equals_ci(word, wl, "ed.") || equals_ci(word, wl, "edn.") ||
		     equals_ci(word, wl, "ed")))
			e = open;
	}
	set_field(x, FOLIO_CITE_TITLE, b, e);
}

/* After the APA year: "Title. Journal, 19(4), 252-265" or "Title. Site". */
static void parse_apa_rest(cite_ctx *x, size_t r)
{
	while (r < x->n && (x->s[r] == '.' || x->s[r] == ',' || x->s[r] == ' '))
		r++;
	if (r >= x->n)
		return;
	span vol, iss, pages, quoted;
	size_t q = quoted_title(x, r, &quoted);
	if (q) {
		set_apa_title(x, quoted.b, quoted.e);
		r = q;
		while (r < x->n && (x->s[r] == '.' || x->s[r] == ',' || x->s[r] == ' '))
			r++;
	}
	size_t nums = find_apa_numbers(x, r, &vol, &iss, &pages);
	span seg[MAX_SEGMENTS];
	size_t k = split_sentences(x->s, r, nums, seg, MAX_SEGMENTS);
	if (nums < x->n) {
		set_field(x, FOLIO_CITE_VOLUME, vol.b, vol.e);
		set_field(x, FOLIO_CITE_ISSUE, iss.b, iss.e);
		set_field(x, FOLIO_CITE_PAGES, pages.b, pages.e);
	}
	if (k == 0)
		return;
	if (q) {
		set_field(x, FOLIO_CITE_JOURNAL, seg[0].b, seg[k - 1].e);
		return;
	}
	if (nums < x->n || k >= 2) {
		size_t last = k - 1, j0 = last;
		if (nums == x->n)
			j0 = 1; /* no volume: title, then site or publisher */
		while (j0 > 1 && is_abbreviation(x->s, seg[j0 - 1]))
			j0--;
		size_t je = nums == x->n ? seg[j0].e : seg[last].e;
		set_field(x, FOLIO_CITE_JOURNAL, seg[j0].b, je);
		if (j0 > 0)
			set_apa_title(x, seg[0].b, seg[j0 - 1].e);
		return;
	}
	set_apa_title(x, seg[0].b, seg[0].e);
}

/* ---- the body --------------------------------------------------------------------- */

/* Bracketed notes that belong to no field: "[Internet]", "[serial online]". */
static size_t bracket_note_len(const char *s, size_t n, size_t i)
{
	if (s[i] != '[')
		return 0;
	const char *close = memchr(s + i, ']', n - i < 40 ? n - i : 40);
	if (close == NULL)
		return 0;
	size_t len = (size_t)(close - (s + i)) + 1;
	for (size_t k = i + 1; k + 6 <= i + len; k++) {
		if (starts_ci(s + k, len - (k - i), "internet") ||
		    starts_ci(s + k, len - (k - i), "online"))
			return len;
	}
	return 0;
}

/* Builds the body in out (cut + 1 bytes): t[0..cut) without bracket notes,
 * without a leading list number ("1. ", "[2] ", "3) "), squeezed, and without
 * trailing punctuation. Returns its length; *note_at receives the offset in
 * out where the first note was taken out (it stays SIZE_MAX otherwise). */
static size_t build_body(const char *t, size_t cut, char *out, size_t *note_at)
{
	size_t i = 0, o = 0;
	size_t d = 0;
	size_t lead = t[0] == '[' ? 1 : 0;
	while (lead + d < cut && is_digit((unsigned char)t[lead + d]) && d <= 3)
		d++;
	if (d >= 1 && d <= 3 && lead + d + 1 < cut && t[lead + d + 1] == ' ' &&
	    (lead ? t[lead + d] == ']' : (t[d] == '.' || t[d] == ')')))
		i = lead + d + 2;
	while (i < cut) {
		size_t note = bracket_note_len(t, cut, i);
		if (note) {
			while (o > 0 && out[o - 1] == ' ')
				o--;
			if (*note_at == SIZE_MAX)
				*note_at = o;
			i += note;
			continue;
		}
		if (t[i] == ' ' && (o == 0 || out[o - 1] == ' ')) {
			i++;
			continue;
		}
		out[o++] = t[i++];
	}
	while (o > 0 && strchr(" .,;:([", out[o - 1]))
		o--;
	out[o] = '\0';
	return o;
}

/* Reads the body (x->s is the body): finds its anchor year and reads the
 * parts before and after it in that style's order. */
static void parse_body(cite_ctx *x)
{
	size_t year = 0, after = 0, open = 0;
	int book = 0;
	if (find_ama_year(x, &year, &after)) {
		parse_head(x, 0, year, HEAD_ARTICLE);
		set_field(x, FOLIO_CITE_YEAR, year, year + 4);
		parse_ama_numbers(x, after);
	} else if (find_apa_year(x, &open, &year, &after)) {
		span authors = {0, open};
		add_authors_apa(x, authors);
		if (year < x->n)
			set_field(x, FOLIO_CITE_YEAR, year, year + 4);
		parse_apa_rest(x, after);
	} else if (find_end_year(x, &year, &after, &book)) {
		parse_head(x, 0, year, book ? HEAD_BOOK : HEAD_ARTICLE);
		set_field(x, FOLIO_CITE_YEAR, year, year + 4);
		parse_book_pages(x, after);
	} else {
		parse_head(x, 0, x->n, HEAD_ARTICLE);
	}
}

/* ---- the whole -------------------------------------------------------------------- */

/* Finds DOI, PMID and URL in the full text (x->s) and returns where the
 * trailer starts. *year is the offset of a "Published 2019" year, or x->n. */
static size_t read_identifiers(cite_ctx *x, size_t *year)
{
	span v;
	size_t cut = x->n, at;
	if (find_doi(x, &v, &at)) {
		set_field(x, FOLIO_CITE_DOI, v.b, v.e);
		cut = at;
	}
	if (find_pmid(x, &v, &at)) {
		set_field(x, FOLIO_CITE_PMID, v.b, v.e);
		cut = at < cut ? at : cut;
	}
	if (find_url(x, &v, &at)) {
		set_field(x, FOLIO_CITE_URL, v.b, v.e);
		cut = at < cut ? at : cut;
	}
	*year = x->n;
	cut = find_tail_marker(x, cut, year);
	if (*year == x->n)
		*year = trailer_year(x, cut);
	return cut;
}

/* Parses the normalised text x->s[0..x->n): identifiers, then the body.
 * Returns 0 when memory ran out. */
static int parse_text(cite_ctx *x)
{
	const char *t = x->s;
	size_t tn = x->n, year = tn;
	size_t cut = read_identifiers(x, &year);
	char *body = malloc(cut + 1); /* owned here: freed below */
	if (body == NULL)
		return 0;
	x->s = body;
	x->n = cut > 0 ? build_body(t, cut, body, &x->note_at) : 0;
	parse_body(x);
	free(body);
	x->s = t;
	x->n = tn;
	if (year < tn)
		set_field(x, FOLIO_CITE_YEAR, year, year + 4); /* unless the body had one */
	return x->st == FOLIO_OK;
}

folio_citation *folio_citation_parse(folio_doc *doc, const char *text, size_t len, folio_error *err)
{
	if (doc == NULL || (text == NULL && len > 0)) {
		folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0, "no document or no text");
		return NULL;
	}
	size_t bad = 0;
	if (len > 0 && !folio_utf8_valid(text, len, &bad)) {
		folio_error_set(err, FOLIO_ERR_UTF8, NULL, 0, 0,
		                "invalid UTF-8 at byte %zu of a citation", bad);
		return NULL;
	}
	folio_citation *c = folio_citation_new(doc);
	char *t = folio_doc_alloc(doc, len + 1); /* the TEXT field: owned by doc */
	if (c == NULL || t == NULL)
		goto nomem;
	c->fields[FOLIO_CITE_TEXT] = t;
	cite_ctx x = {doc, c, t, len > 0 ? squeeze_spaces(text, len, t) : 0, FOLIO_OK, SIZE_MAX};
	if (!parse_text(&x))
		goto nomem;
	return c;
nomem:
	folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	return NULL;
}
