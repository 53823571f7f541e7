/* folio pdf plugin — what scripts need beyond spaces and hyphens, from ICU:
 * line-break opportunities (UAX #14, with ICU's dictionaries for Thai, Lao,
 * Khmer and Burmese, and its strict rules for Chinese and Japanese: no
 * closing punctuation or small kana at a line start) and the bidirectional
 * algorithm (UAX #9) for Arabic, Persian and Hebrew.
 *
 * ICU is the one Unicode text library the backend uses for these (fonts.c
 * draws with the same ubidi runs the layout orders lines with).
 */
#ifndef FOLIO_PDF_SCRIPTS_H
#define FOLIO_PDF_SCRIPTS_H

#include <stddef.h>
#include <stdint.h>

/* A line-break iterator for one language, reused word after word. The
 * caller owns it (pdf_breaker_free). NULL when ICU cannot make one (out of
 * memory); the layout then breaks only at spaces. */
typedef struct pdf_breaker pdf_breaker;
pdf_breaker *pdf_breaker_new(const char *lang);
void pdf_breaker_free(pdf_breaker *b);

/* For a word (UTF-8, no spaces) that holds characters of scripts written
 * without spaces between words (UAX #14 classes ID, CJ, H2, H3, JL, JV, JT,
 * SA: Han, Kana, Hangul, Thai, ...): sets brk[i] = mark for every byte i a
 * line may break after, by UAX #14 (never inside a character or a cluster).
 * Returns how many it marked; 0, leaving brk alone, for other words. */
/* 1 for a character of those classes: its breaks are UAX #14's. */
int pdf_breaker_decides(uint32_t cp);
size_t pdf_breaker_mark(pdf_breaker *b, const char *w, size_t len, unsigned char *brk,
                        unsigned char mark);

/* 1 for a language written right to left (ar, fa, he, ur, ps, yi, ...). */
int pdf_lang_rtl(const char *lang);

/* The direction of the first strong character of s (UAX #9 P2): 1 right to
 * left, 0 left to right, -1 none. */
int pdf_bidi_first_strong(const char *s, size_t len);

/* Resolved embedding levels of UTF-8 text s[0..len) in a paragraph of base
 * direction rtl: levels[i] for each byte i (odd = right to left). Returns 0
 * when out of memory (levels then all rtl). */
int pdf_bidi_levels(const char *s, size_t len, int rtl, unsigned char *levels);

/* The visual runs of one line of UTF-8 text with base direction rtl, left
 * to right on the page: calls fn(ctx, start, len, rtl) for each, in visual
 * order (each run's own characters in logical order). Returns 0 when out of
 * memory or when fn returns 0. */
typedef int (*pdf_bidi_run_fn)(void *ctx, size_t start, size_t len, int rtl);
int pdf_bidi_visual_runs(const char *s, size_t len, int rtl, pdf_bidi_run_fn fn, void *ctx);

#endif
