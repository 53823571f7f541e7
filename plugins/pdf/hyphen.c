/* folio pdf plugin — hyphenation points from libhyphen's pattern files.
 *
 * libhyphen reads a dictionary in 4-7 ms (it builds a state machine with a
 * malloc per state), more than a whole leaflet; its free takes another
 * 0.5 ms. So the usual files are read here instead, into one hash table of
 * Liang patterns (about 0.3 ms for English), and libhyphen reads only the
 * files that use what this reader does not take: non-standard patterns
 * ("ß/ss=s"), NOHYPHEN, a first level with patterns of its own (compound
 * words), or an 8-bit charset. tests/test_hyphen.c checks the two engines
 * give the same points for every word it tries.
 *
 * The layout only asks about runs of letters (no digits, hyphens or
 * apostrophes), and for those libhyphen's answer is Liang's: the highest
 * digit of every pattern matching ".word." (its compound level, NEXTLEVEL or
 * the built-in one, splits only at hyphens and apostrophes), then its
 * LEFTHYPHENMIN / RIGHTHYPHENMIN.
 *
 * libhyphen wants lowercase input and, for UTF-8 dictionaries, returns its
 * hyphens[] vector indexed by CODE POINT, not by byte; we lowercase a copy
 * (only case pairs of equal byte length, so byte offsets keep their meaning)
 * and map the code-point indexes back to byte offsets.
 *
 * A loaded dictionary is only read afterwards, so one pdf_hyphenator may be
 * shared by threads.
 */
#include <hyphen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_layout.h"

#define MIN_BEFORE     2   /* characters before a hyphen */
#define MIN_AFTER      3   /* characters after it */
#define MAX_WORD_BYTES 120 /* longer "words" are not hyphenated */
#define MAX_PATTERN    64  /* bytes of letters in one pattern (libhyphen: 65) */
#define MAX_DICT_BYTES (16u << 20)

/* One pattern: its letters at key, its digits (one per byte boundary,
 * len + 1 of them, 0 where the file has none) at digits. */
typedef struct hpat {
	uint32_t key;    /* offset in text */
	uint32_t digits; /* offset in text */
	uint32_t hash;
	uint8_t len;
} hpat;

struct pdf_hyphenator {
	HyphenDict *dict; /* libhyphen's, for the files read by it; else NULL */
	/* Read here: */
	char *text;      /* letters and digit vectors of every pattern */
	hpat *pats;      /* the patterns */
	uint32_t *slots; /* open addressing: index + 1 into pats, 0 = empty */
	uint32_t mask;   /* slots - 1 (a power of two, at least twice the lines) */
	size_t max_len;  /* longest pattern, in bytes */
	int lhmin, rhmin;
};

static uint32_t hash_step(uint32_t h, unsigned char c)
{
	return (h ^ c) * 16777619u;
}

#define HASH_SEED 2166136261u

/* ---- reading a pattern file ----------------------------------------------- */

/* Sized from the file before reading it: nothing grows. */
typedef struct reader {
	pdf_hyphenator *h;
	size_t used, cap; /* of h->text */
	size_t count, max; /* of h->pats */
} reader;

/* The slot for key: where it is, or the empty one where it would go. */
static uint32_t *lookup(const pdf_hyphenator *h, const char *key, size_t len, uint32_t hash)
{
	for (uint32_t i = hash & h->mask;; i = (i + 1) & h->mask) {
		uint32_t *s = &h->slots[i];
		const hpat *p;

		if (*s == 0)
			return s;
		p = &h->pats[*s - 1];
		if (p->hash == hash && p->len == len && memcmp(h->text + p->key, key, len) == 0)
			return s;
	}
}

/* Adds one pattern line ("a2ch4", ".ad4der"). A later duplicate replaces the
 * earlier one, as in libhyphen. */
static int add_pattern(reader *r, const char *line, size_t n)
{
	pdf_hyphenator *h = r->h;
	char *key = h->text + r->used;
	size_t len = 0;
	uint32_t hash = HASH_SEED, *slot;
	char digits[MAX_PATTERN + 1];

	if (r->used + 2 * n + 2 > r->cap || r->count == r->max)
		return -1; /* cannot happen: sized from the file */
	digits[0] = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)line[i];

		if ((unsigned)(c - '0') <= 9) {
			digits[len] = (char)(c - '0');
		} else if (c == '/') {
			return 1; /* a non-standard pattern: libhyphen's */
		} else {
			if (len == MAX_PATTERN)
				return 1; /* libhyphen would cut it; let it read the file */
			key[len++] = (char)c;
			digits[len] = 0;
			hash = hash_step(hash, c);
		}
	}
	if (len == 0)
		return 0;
	slot = lookup(h, key, len, hash);
	if (*slot == 0) {
		h->pats[r->count] = (hpat){(uint32_t)r->used, 0, hash, (uint8_t)len};
		*slot = (uint32_t)++r->count;
		r->used += len;
	}
	h->pats[*slot - 1].digits = (uint32_t)r->used;
	memcpy(h->text + r->used, digits, len + 1);
	r->used += len + 1;
	if (len > h->max_len)
		h->max_len = len;
	return 0;
}

static int keyword(const char *line, size_t n, const char *kw)
{
	size_t k = strlen(kw);

	return n >= k && memcmp(line, kw, k) == 0;
}

/* Reads the patterns of buf (a whole file). Returns 0, 1 when the file needs
 * libhyphen, or -1 when out of memory. */
static int read_patterns(pdf_hyphenator *h, const char *buf, size_t size)
{
	reader r = {h, 0, 2 * size + 2, 0, 1};
	const char *p = buf, *end = buf + size;
	int first = 1, patterns = 0;
	size_t slots = 1024;

	for (const char *q = buf; (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++)
		r.max++;
	while (slots < 2 * r.max)
		slots *= 2;
	if (r.max > UINT32_MAX / 4)
		return -1;
	h->text = malloc(r.cap);
	h->pats = malloc(r.max * sizeof *h->pats);
	h->slots = calloc(slots, sizeof *h->slots);
	h->mask = (uint32_t)(slots - 1);
	if (!h->text || !h->pats || !h->slots)
		return -1;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		size_t n = 0;
		int st;

		/* libhyphen reads a line up to its first space or control byte */
		while (p + n < eol && (unsigned char)p[n] > ' ')
			n++;
		if (first) {
			if (n != 5 || memcmp(p, "UTF-8", 5) != 0)
				return 1;
			first = 0;
		} else if (n == 0 || p[0] == '%') {
			/* a blank line, or a comment */
		} else if (p[0] < 'A' || p[0] > 'Z') { /* a pattern: no keyword */
			st = add_pattern(&r, p, n);
			if (st != 0)
				return st;
			patterns = 1;
		} else if (keyword(p, n, "LEFTHYPHENMIN")) {
			h->lhmin = atoi(p + 13);
		} else if (keyword(p, n, "RIGHTHYPHENMIN")) {
			h->rhmin = atoi(p + 14);
		} else if (keyword(p, n, "COMPOUNDLEFTHYPHENMIN") ||
		           keyword(p, n, "COMPOUNDRIGHTHYPHENMIN")) {
			/* compound parts only */
		} else if (keyword(p, n, "NEXTLEVEL")) {
			if (patterns)
				return 1; /* a compound level of its own */
		} else if (keyword(p, n, "NOHYPHEN") || memchr(p, '/', n)) {
			return 1;
		} else {
			st = add_pattern(&r, p, n);
			if (st != 0)
				return st;
			patterns = 1;
		}
		p = nl ? nl + 1 : end;
	}
	return patterns ? 0 : 1;
}

/* The whole file, or NULL. */
static char *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && (unsigned long)n <= MAX_DICT_BYTES &&
	    fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*size = (size_t)n;
	}
	fclose(f);
	return buf;
}

static void free_table(pdf_hyphenator *h)
{
	free(h->text);
	free(h->pats);
	free(h->slots);
	h->text = NULL;
	h->pats = NULL;
	h->slots = NULL;
	h->mask = 0;
	h->max_len = 0;
}

pdf_hyphenator *pdf_hyphenator_load_libhyphen(const char *dict_path)
{
	pdf_hyphenator *h;

	if (!dict_path || !(h = calloc(1, sizeof *h)))
		return NULL;
	h->dict = hnj_hyphen_load(dict_path);
	if (!h->dict) {
		free(h);
		return NULL;
	}
	return h;
}

/* Owned by the caller: free with pdf_hyphenator_free. NULL when the file is
 * missing or unreadable. */
pdf_hyphenator *pdf_hyphenator_load(const char *dict_path)
{
	pdf_hyphenator *h;
	size_t size = 0;
	char *buf;
	int st;

	if (!dict_path)
		return NULL;
	buf = slurp(dict_path, &size);
	if (!buf)
		return NULL;
	h = calloc(1, sizeof *h);
	if (!h) {
		free(buf);
		return NULL;
	}
	st = read_patterns(h, buf, size);
	free(buf);
	if (st == 0)
		return h;
	free_table(h);
	free(h);
	return st > 0 ? pdf_hyphenator_load_libhyphen(dict_path) : NULL;
}

int pdf_hyphenator_is_native(const pdf_hyphenator *h)
{
	return h && !h->dict;
}

void pdf_hyphenator_free(pdf_hyphenator *h)
{
	if (!h)
		return;
	if (h->dict)
		hnj_hyphen_free(h->dict);
	free_table(h);
	free(h);
}

/* ---- hyphenating a word --------------------------------------------------- */

/* Lowercases ASCII and Latin-1 capitals (U+00C0..U+00DE but U+00D7), whose
 * lowercase forms have the same UTF-8 length. */
static void lower_copy(const char *w, size_t len, char *out)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)w[i];

		if (c >= 'A' && c <= 'Z') {
			out[i] = (char)(c + 32);
		} else if (c == 0xC3 && i + 1 < len) {
			unsigned char d = (unsigned char)w[i + 1];

			out[i] = (char)c;
			if (d >= 0x80 && d <= 0x9E && d != 0x97)
				d = (unsigned char)(d + 0x20);
			out[++i] = (char)d;
		} else {
			out[i] = (char)c;
		}
	}
	out[len] = '\0';
}

static int is_continuation(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

static void free_rep(char **rep, int *pos, int *cut, size_t n)
{
	if (rep) {
		for (size_t i = 0; i < n; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
}

/* Marks the points of word (len bytes): odd(i) says whether the character
 * ending at byte i may take a hyphen. */
static size_t mark_points(const char *word, size_t len, int lmin, int rmin,
                          int (*odd)(const void *ctx, size_t byte, size_t ch), const void *ctx,
                          unsigned char *points)
{
	size_t nchars = 0, k = 0, count = 0;

	for (size_t i = 0; i < len; i++)
		nchars += !is_continuation((unsigned char)word[i]);
	for (size_t i = 0; i < len; i++) {
		if (i + 1 < len && is_continuation((unsigned char)word[i + 1]))
			continue;
		k++; /* k characters end at or before byte i */
		if (k >= (size_t)lmin && nchars - k >= (size_t)rmin && odd(ctx, i, k - 1)) {
			points[i] = 1;
			count++;
		}
	}
	return count;
}

typedef struct libhyphen_result {
	const char *hy;
	char **rep;
	int by_codepoint;
} libhyphen_result;

static int libhyphen_odd(const void *ctx, size_t byte, size_t ch)
{
	const libhyphen_result *r = ctx;
	size_t idx = r->by_codepoint ? ch : byte;

	return (r->hy[idx] & 1) && !(r->rep && r->rep[idx]);
}

static size_t hyphenate_libhyphen(const pdf_hyphenator *h, const char *lower, size_t len,
                                  unsigned char *points)
{
	char hy[MAX_WORD_BYTES + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	libhyphen_result r;
	size_t count;

	memset(hy, 0, sizeof hy);
	if (hnj_hyphen_hyphenate2(h->dict, lower, (int)len, hy, NULL, &rep, &pos, &cut) != 0) {
		free_rep(rep, pos, cut, len);
		return 0;
	}
	r = (libhyphen_result){hy, rep, h->dict->utf8};
	count = mark_points(lower, len, MIN_BEFORE, MIN_AFTER, libhyphen_odd, &r, points);
	free_rep(rep, pos, cut, len);
	return count;
}

static int liang_odd(const void *ctx, size_t byte, size_t ch)
{
	const unsigned char *v = ctx;

	(void)ch;
	return v[byte + 2] & 1; /* the boundary after byte i of the word is i + 2 in ".word." */
}

/* Liang's algorithm: the highest digit of every pattern found in ".word.". */
static size_t hyphenate_liang(const pdf_hyphenator *h, const char *lower, size_t len,
                              unsigned char *points)
{
	char s[MAX_WORD_BYTES + 2];
	unsigned char v[MAX_WORD_BYTES + 3];
	size_t n = len + 2;

	s[0] = '.';
	memcpy(s + 1, lower, len);
	s[len + 1] = '.';
	memset(v, 0, n + 1);
	for (size_t i = 0; i < n; i++) {
		uint32_t hash = HASH_SEED;
		size_t most = n - i < h->max_len ? n - i : h->max_len;

		for (size_t k = 1; k <= most; k++) {
			const uint32_t *slot;
			const char *d;

			hash = hash_step(hash, (unsigned char)s[i + k - 1]);
			slot = lookup(h, s + i, k, hash);
			if (*slot == 0)
				continue;
			d = h->text + h->pats[*slot - 1].digits;
			for (size_t j = 0; j <= k; j++)
				if ((unsigned char)d[j] > v[i + j])
					v[i + j] = (unsigned char)d[j];
		}
	}
	return mark_points(lower, len, h->lhmin > MIN_BEFORE ? h->lhmin : MIN_BEFORE,
	                   h->rhmin > MIN_AFTER ? h->rhmin : MIN_AFTER, liang_odd, v, points);
}

size_t pdf_hyphenate(const pdf_hyphenator *h, const char *word, size_t len, unsigned char *points)
{
	char lower[MAX_WORD_BYTES + 1];

	memset(points, 0, len);
	if (!h || len < MIN_BEFORE + MIN_AFTER || len > MAX_WORD_BYTES)
		return 0;
	lower_copy(word, len, lower);
	return h->dict ? hyphenate_libhyphen(h, lower, len, points)
	               : hyphenate_liang(h, lower, len, points);
}
