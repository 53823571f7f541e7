/* folio pdf plugin — line-break opportunities and bidi from ICU. See
 * scripts.h for the contract. */
#include "scripts.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubidi.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/utext.h>

struct pdf_breaker {
	UBreakIterator *it;
};

pdf_breaker *pdf_breaker_new(const char *lang)
{
	UErrorCode st = U_ZERO_ERROR;
	char loc[64] = "";
	pdf_breaker *b = calloc(1, sizeof *b);

	if (!b)
		return NULL;
	if (lang && strlen(lang) < 32) {
		/* BCP 47 to an ICU locale ("zh-Hant" -> "zh_Hant"); strict
		 * Japanese and Chinese rules (ICU's default) are what kinsoku
		 * asks. */
		int32_t n = uloc_forLanguageTag(lang, loc, sizeof loc, NULL, &st);

		if (U_FAILURE(st) || n <= 0 || n >= (int32_t)sizeof loc)
			loc[0] = '\0';
		st = U_ZERO_ERROR;
	}
	b->it = ubrk_open(UBRK_LINE, loc, NULL, 0, &st);
	if (U_FAILURE(st) || !b->it) {
		ubrk_close(b->it);
		free(b);
		return NULL;
	}
	return b;
}

void pdf_breaker_free(pdf_breaker *b)
{
	if (!b)
		return;
	ubrk_close(b->it);
	free(b);
}

/* Decodes one UTF-8 character at s[*i], advancing *i; U+FFFD for a bad
 * byte (the model's text is valid UTF-8; this only keeps us safe). */
static UChar32 next_cp(const char *s, size_t len, size_t *i)
{
	UChar32 c;
	int32_t at = (int32_t)*i;

	U8_NEXT(s, at, (int32_t)len, c);
	*i = (size_t)at;
	return c < 0 ? 0xFFFD : c;
}

/* The UAX #14 classes of scripts that break between characters or by
 * dictionary rather than at spaces. */
int pdf_breaker_decides(uint32_t cp)
{
	switch (u_getIntPropertyValue((UChar32)cp, UCHAR_LINE_BREAK)) {
	case U_LB_IDEOGRAPHIC:
	case U_LB_CONDITIONAL_JAPANESE_STARTER:
	case U_LB_H2:
	case U_LB_H3:
	case U_LB_JL:
	case U_LB_JV:
	case U_LB_JT:
	case U_LB_COMPLEX_CONTEXT: return 1;
	default: return 0;
	}
}

size_t pdf_breaker_mark(pdf_breaker *b, const char *w, size_t len, unsigned char *brk,
                        unsigned char mark)
{
	UErrorCode st = U_ZERO_ERROR;
	UText *ut;
	size_t i = 0, count = 0;
	int found = 0;
	int32_t at;

	if (!b || len == 0 || len > INT32_MAX)
		return 0;
	while (i < len && !found)
		found = pdf_breaker_decides((uint32_t)next_cp(w, len, &i));
	if (!found)
		return 0;
	ut = utext_openUTF8(NULL, w, (int64_t)len, &st);
	if (U_FAILURE(st))
		return 0;
	ubrk_setUText(b->it, ut, &st);
	if (U_SUCCESS(st)) {
		/* Boundaries come as UTF-8 byte offsets (UText's native index). */
		for (at = ubrk_first(b->it); at != UBRK_DONE; at = ubrk_next(b->it)) {
			if (at <= 0 || (size_t)at >= len)
				continue;
			if (!brk[at - 1]) {
				brk[at - 1] = mark;
				count++;
			}
		}
	}
	/* Detach the iterator from the text before closing it. */
	st = U_ZERO_ERROR;
	ubrk_setText(b->it, NULL, 0, &st);
	utext_close(ut);
	return count;
}

int pdf_lang_rtl(const char *lang)
{
	UErrorCode st = U_ZERO_ERROR;
	char loc[64];
	int32_t n;

	if (!lang || !*lang || strlen(lang) >= 32)
		return 0;
	n = uloc_forLanguageTag(lang, loc, sizeof loc, NULL, &st);
	if (U_FAILURE(st) || n <= 0 || n >= (int32_t)sizeof loc)
		return 0;
	/* ICU adds the likely script (ar -> Arab) to decide. */
	return uloc_isRightToLeft(loc) ? 1 : 0;
}

int pdf_bidi_first_strong(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		switch (u_charDirection(next_cp(s, len, &i))) {
		case U_LEFT_TO_RIGHT: return 0;
		case U_RIGHT_TO_LEFT:
		case U_RIGHT_TO_LEFT_ARABIC: return 1;
		default: break;
		}
	}
	return -1;
}

/* s as UTF-16 in *u (malloc'd, the caller frees) with, for each UTF-16
 * unit, the byte offset of its character in *at. Returns the UTF-16 length;
 * -1 when out of memory. */
static int32_t to_utf16(const char *s, size_t len, UChar **u, size_t **at)
{
	int32_t n = 0;
	size_t i = 0;

	*u = malloc((len + 1) * sizeof **u);
	*at = malloc((len + 1) * sizeof **at);
	if (!*u || !*at || len > INT32_MAX / 2) {
		free(*u);
		free(*at);
		*u = NULL;
		*at = NULL;
		return -1;
	}
	while (i < len) {
		size_t start = i;
		UChar32 c = next_cp(s, len, &i);
		UBool err = 0;

		(*at)[n] = start;
		if (c > 0xFFFF)
			(*at)[n + 1] = start;
		U16_APPEND(*u, n, (int32_t)len + 1, c, err);
		if (err)
			break;
	}
	return n;
}

/* A paragraph of s set up for ubidi; NULL when out of memory. */
static UBiDi *bidi_open(const UChar *u, int32_t n, int rtl)
{
	UErrorCode st = U_ZERO_ERROR;
	UBiDi *bd = ubidi_openSized(n, 0, &st);

	if (U_FAILURE(st) || !bd)
		return NULL;
	ubidi_setPara(bd, u, n, rtl ? 1 : 0, NULL, &st);
	if (U_FAILURE(st)) {
		ubidi_close(bd);
		return NULL;
	}
	return bd;
}

int pdf_bidi_levels(const char *s, size_t len, int rtl, unsigned char *levels)
{
	UChar *u;
	size_t *at;
	int32_t n = to_utf16(s, len, &u, &at);
	UBiDi *bd;
	UErrorCode st = U_ZERO_ERROR;
	const UBiDiLevel *lv;

	memset(levels, rtl ? 1 : 0, len);
	if (n < 0)
		return 0;
	bd = n > 0 ? bidi_open(u, n, rtl) : NULL;
	lv = bd ? ubidi_getLevels(bd, &st) : NULL;
	if (lv && U_SUCCESS(st))
		for (int32_t k = 0; k < n; k++) {
			size_t end = k + 1 < n ? at[k + 1] : len;

			for (size_t j = at[k]; j < end; j++)
				levels[j] = lv[k];
		}
	ubidi_close(bd);
	free(u);
	free(at);
	return n == 0 || lv != NULL;
}

int pdf_bidi_visual_runs(const char *s, size_t len, int rtl, pdf_bidi_run_fn fn, void *ctx)
{
	UChar *u;
	size_t *at;
	int32_t n = to_utf16(s, len, &u, &at), runs;
	UBiDi *bd;
	UErrorCode st = U_ZERO_ERROR;
	int ok = 1;

	if (n < 0)
		return 0;
	if (n == 0) {
		free(u);
		free(at);
		return 1;
	}
	bd = bidi_open(u, n, rtl);
	runs = bd ? ubidi_countRuns(bd, &st) : -1;
	if (!bd || U_FAILURE(st) || runs < 0) {
		ok = fn(ctx, 0, len, rtl);
	} else {
		for (int32_t r = 0; r < runs && ok; r++) {
			int32_t start, length;
			UBiDiDirection d = ubidi_getVisualRun(bd, r, &start, &length);
			size_t b0 = at[start];
			size_t b1 = start + length < n ? at[start + length] : len;

			ok = fn(ctx, b0, b1 - b0, d == UBIDI_RTL);
		}
	}
	ubidi_close(bd);
	free(u);
	free(at);
	return ok;
}
