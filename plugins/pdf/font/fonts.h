/* folio pdf plugin — fonts: metrics, character folding and per-document subsets.
 *
 * The font files are read once per process (pdf_fonts_load, from the plugin's
 * init) and shared read-only by every render thread. Each document records the
 * characters it draws in a pdf_font_use; pdf_font_use_embed then subsets each
 * face to those glyphs (ttf.c) and numbers them; libharu draws with a
 * base-14 placeholder, and pdffix.c writes the real font objects in its place.
 * A leaflet carries a few KB per face instead of libharu's ~40 KB.
 *
 * Text goes through one folding step everywhere (measuring, recording,
 * drawing): a character the face lacks becomes a near equivalent (U+2011 ->
 * "-", U+FB01 -> "fi", accents stripped as a last resort) or '?', so what the
 * layout measures is exactly what the PDF draws.
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
 * as the /W array of the embedded font gives it (floor(advance * 1000 / units_per_em)). */
double pdf_fonts_width(const pdf_fonts *fonts, pdf_face face, const char *s, size_t len);

/* Folds UTF-8 text for a face into out (size cap, NUL-terminated). Returns the
 * length written, or (size_t)-1 when out is too small. *missing (may be NULL)
 * is increased by the characters that became '?'. */
size_t pdf_fonts_fold(const pdf_fonts *fonts, pdf_face face, const char *s, size_t len, char *out,
                      size_t cap, unsigned *missing);

/* One glyph of an embedded font: the code the content streams hold (0 for
 * none), the subset's glyph (also the CID: the CIDToGIDMap is /Identity),
 * the character it stands for and its advance. Two characters may share a
 * glyph, and so a code. */
typedef struct pdf_embed_glyph {
	uint16_t code;
	uint16_t gid;
	uint32_t cp;
	uint16_t width; /* 1/1000 em, as pdf_fonts_width counts it */
} pdf_embed_glyph;

typedef struct pdf_embed_font {
	const char *placeholder; /* libharu's base-14 font: "Helvetica", ... */
	char name[96];           /* "ABCDEF+LiberationSans-Bold" */
	const unsigned char *file; /* the subset TrueType font */
	size_t file_len;
	int code_bytes;                /* 1 or 2 */
	const pdf_embed_glyph *glyphs; /* sorted by code */
	size_t count;
	int flags, italic_angle, ascent, descent, cap_height, stem_v, bbox[4];
} pdf_embed_font;

/* A document's record of the characters drawn per face. The caller owns it
 * (pdf_font_use_free). NULL when out of memory. */
pdf_font_use *pdf_font_use_new(const pdf_fonts *fonts);
void pdf_font_use_free(pdf_font_use *use);
/* Records folded text (the output of pdf_fonts_fold) drawn in face. Returns 0
 * when out of memory. */
int pdf_font_use_add(pdf_font_use *use, pdf_face face, const char *folded, size_t len);

/* Subsets every face that has characters (ttf.c), gives each character a
 * code, and gets a base-14 placeholder font from libharu to draw with: libharu
 * never parses a TrueType font (0.5-1 ms and 128 KB of tables per font, and a
 * save failure on some subsets, in libharu 2.3.0). libharu errors go to pdf's
 * error handler; other failures return an error. */
folio_status pdf_font_use_embed(pdf_font_use *use, HPDF_Doc pdf, folio_error *err);
/* The libharu font to draw face with, or NULL when the face draws nothing.
 * Only valid after pdf_font_use_embed. */
HPDF_Font pdf_font_use_font(const pdf_font_use *use, pdf_face face);
/* Folded text of face as its font's codes, NUL-terminated, into out (cap
 * bytes). Returns the length, or (size_t)-1 when out is too small. A
 * character the face did not record is left out. */
size_t pdf_font_use_encode(const pdf_font_use *use, pdf_face face, const char *folded, size_t len,
                           char *out, size_t cap);
/* The fonts for pdffix.c (after pdf_font_use_embed): *count of them, owned by
 * use. */
const pdf_embed_font *pdf_font_use_fonts(const pdf_font_use *use, size_t *count);

#endif
