/* folio pdf plugin — hyphenation points from libhyphen dictionaries.
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
#include <stdlib.h>
#include <string.h>

#include "pdf_layout.h"

#define MIN_BEFORE     2   /* characters before a hyphen */
#define MIN_AFTER      3   /* characters after it */
#define MAX_WORD_BYTES 120 /* longer "words" are not hyphenated */

struct pdf_hyphenator {
	HyphenDict *dict;
};

/* Owned by the caller: free with pdf_hyphenator_free. NULL when the file is
 * missing or unreadable. */
pdf_hyphenator *pdf_hyphenator_load(const char *dict_path)
{
	pdf_hyphenator *h;
	HyphenDict *d;

	if (!dict_path)
		return NULL;
	d = hnj_hyphen_load(dict_path);
	if (!d)
		return NULL;
	h = malloc(sizeof *h);
	if (!h) {
		hnj_hyphen_free(d);
		return NULL;
	}
	h->dict = d;
	return h;
}

void pdf_hyphenator_free(pdf_hyphenator *h)
{
	if (!h)
		return;
	hnj_hyphen_free(h->dict);
	free(h);
}

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

/* Maps libhyphen's per-character vector to byte offsets in points[]. */
static size_t map_points(const char *word, size_t len, const char *hy, char **rep, int by_codepoint,
                         unsigned char *points)
{
	size_t nchars = 0, k = 0, count = 0;

	for (size_t i = 0; i < len; i++)
		nchars += !is_continuation((unsigned char)word[i]);
	for (size_t i = 0; i < len; i++) {
		size_t idx = by_codepoint ? k : i;
		int last_byte = i + 1 == len || !is_continuation((unsigned char)word[i + 1]);

		if (!last_byte)
			continue;
		k++; /* k characters end at or before byte i */
		if ((hy[idx] & 1) && !(rep && rep[idx]) && k >= MIN_BEFORE &&
		    nchars - k >= MIN_AFTER) {
			points[i] = 1;
			count++;
		}
	}
	return count;
}

size_t pdf_hyphenate(const pdf_hyphenator *h, const char *word, size_t len, unsigned char *points)
{
	char lower[MAX_WORD_BYTES + 1];
	char hy[MAX_WORD_BYTES + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	size_t count;

	memset(points, 0, len);
	if (!h || len < MIN_BEFORE + MIN_AFTER || len > MAX_WORD_BYTES)
		return 0;
	lower_copy(word, len, lower);
	memset(hy, 0, sizeof hy);
	if (hnj_hyphen_hyphenate2(h->dict, lower, (int)len, hy, NULL, &rep, &pos, &cut) != 0) {
		free_rep(rep, pos, cut, len);
		return 0;
	}
	count = map_points(lower, len, hy, rep, h->dict->utf8, points);
	free_rep(rep, pos, cut, len);
	return count;
}
