/* folio pdf plugin — the widths of the words of one render, remembered.
 *
 * The line breaker asks for the width of every word, and of its pieces at
 * every hyphenation point, many times over; each answer is a HarfBuzz shaping
 * run. A word is shaped once per render: later questions are a hash lookup.
 * Not shared between renders (a batch's threads each have their own). */
#ifndef FOLIO_PDF_WIDTH_CACHE_H
#define FOLIO_PDF_WIDTH_CACHE_H

#include <stddef.h>

#include "fonts.h"

typedef struct pdf_width_cache pdf_width_cache;

/* NULL when out of memory (the caller then measures without one). Words are
 * shaped through store (may be NULL), which the cache does not own. */
pdf_width_cache *pdf_width_cache_new(pdf_shaped *store);
void pdf_width_cache_free(pdf_width_cache *c);

/* pdf_fonts_width(fonts, face, s, len), from the cache when it was asked
 * before. c may be NULL. */
double pdf_width_cached(pdf_width_cache *c, const pdf_fonts *fonts, pdf_face face, const char *s,
                        size_t len);

#endif
