/* folio pdf plugin — fonts: metrics, character folding and per-document subsets.
 *
 * The font files are read once per process (pdf_fonts_load, from the plugin's
 * init) and shared read-only by every render thread. Each document records the
 * characters it draws in a pdf_font_use; pdf_font_use_embed then subsets each
 * face to those glyphs with HarfBuzz and hands the small font to libharu, so a
 * leaflet carries a few KB per face instead of libharu's ~40 KB.
 *
 * Text goes through one folding step everywhere (measuring, recording,
 * drawing): a character the face lacks becomes a near equivalent (U+2011 ->
 * "-", U+FB01 -> "fi", accents stripped as a last resort) or '?', so what the
 * layout measures is exactly what libharu draws.
 */
#ifndef FOLIO_PDF_FONTS_H
#define FOLIO_PDF_FONTS_H

#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>

#include "folio/plugin.h"
#include "pdf_layout.h"

typedef struct pdf_fonts pdf_fonts;
typedef struct pdf_font_use pdf_font_use;

/* Loads the faces through host->find_asset ("fonts/..."). The caller owns the
 * result (pdf_fonts_free). Errors name the missing file. */
folio_status pdf_fonts_load(const folio_host *host, pdf_fonts **out, folio_error *err);
void pdf_fonts_free(pdf_fonts *fonts);

/* Ascent and descent (negative) of a face in 1/1000 em. */
double pdf_fonts_ascent(const pdf_fonts *fonts, pdf_face face);
double pdf_fonts_descent(const pdf_fonts *fonts, pdf_face face);

/* Advance width of UTF-8 text after folding, in 1/1000 em, rounded per glyph
 * exactly as libharu rounds it (floor(advance * 1000 / units_per_em)). */
double pdf_fonts_width(const pdf_fonts *fonts, pdf_face face, const char *s, size_t len);

/* Folds UTF-8 text for a face into out (size cap, NUL-terminated). Returns the
 * length written, or (size_t)-1 when out is too small. *missing (may be NULL)
 * is increased by the characters that became '?'. */
size_t pdf_fonts_fold(const pdf_fonts *fonts, pdf_face face, const char *s, size_t len, char *out,
                      size_t cap, unsigned *missing);

/* A document's record of the characters drawn per face. The caller owns it
 * (pdf_font_use_free). NULL when out of memory. */
pdf_font_use *pdf_font_use_new(const pdf_fonts *fonts);
/* Forgets the embedded subsets (their HPDF_Doc is gone) and makes the next
 * ones hold more characters than the document draws: libharu 2.3.0 fails at
 * save (HPDF_INVALID_OBJECT) for some subsets' exact bytes, and a different
 * subset gets past it. */
void pdf_font_use_retry(pdf_font_use *use);
void pdf_font_use_free(pdf_font_use *use);
/* Records folded text (the output of pdf_fonts_fold) drawn in face. Returns 0
 * when out of memory. */
int pdf_font_use_add(pdf_font_use *use, pdf_face face, const char *folded, size_t len);
/* Sorted, de-duplicated code points drawn in any face (for the ToUnicode
 * maps). Owned by use; valid until the next call or pdf_font_use_free. */
const uint32_t *pdf_font_use_codepoints(pdf_font_use *use, size_t *count);

/* Subsets every face that has characters and loads it into pdf (which must
 * use the UTF-8 encoder). The subsets live in memory files that stay open
 * until pdf_font_use_free, after HPDF_Free. libharu errors go to pdf's error
 * handler; other failures return an error. */
folio_status pdf_font_use_embed(pdf_font_use *use, HPDF_Doc pdf, folio_error *err);
/* The libharu font for face, or NULL when the face draws nothing. Only valid
 * after pdf_font_use_embed. */
HPDF_Font pdf_font_use_font(const pdf_font_use *use, pdf_face face);

#endif
