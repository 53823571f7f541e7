/* folio pdf plugin — fonts: metrics, character folding and per-document subsets.
 *
 * The font files are read once per process (pdf_fonts_load, from the plugin's
 * init) into HarfBuzz faces shared read-only by every render thread. Text is
 * measured and drawn from the same HarfBuzz shaping (kerning, standard
 * ligatures), so what the layout measures is what the page shows. Each
 * document draws through a pdf_font_use: glyph IDs written into the page's
 * content stream, and font objects built with libharu's object model whose
 * font files are hb-subset subsets (a few KB per face).
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

/* The shaped words of one render (one thread): each word (a run of one face,
 * left to right, up to 64 bytes) is shaped once, in the article's language,
 * when the layout first measures it, and drawn from the same glyphs. */
typedef struct pdf_shaped pdf_shaped;
/* NULL when out of memory (then every width and line is shaped). */
pdf_shaped *pdf_shaped_new(const char *lang);
void pdf_shaped_free(pdf_shaped *s);
/* pdf_fonts_width, its words taken from (and kept in) store; store may be
 * NULL. */
double pdf_fonts_width_in(const pdf_fonts *fonts, pdf_face face, const char *s, size_t len,
                          pdf_shaped *store);

/* Folds UTF-8 text for a face into out (size cap, NUL-terminated). Returns the
 * length written, or (size_t)-1 when out is too small. *missing (may be NULL)
 * is increased by the characters that became '?'. */
size_t pdf_fonts_fold(const pdf_fonts *fonts, pdf_face face, const char *s, size_t len, char *out,
                      size_t cap, unsigned *missing);

/* The first character of s that no installed font draws in face (the one
 * folding turns into '?'), or 0 when every one is drawn. */
uint32_t pdf_fonts_missing(const pdf_fonts *fonts, pdf_face face, const char *s, size_t len);

/* A document's fonts: one Type0 font (Identity-H, a CIDFontType2 with
 * /CIDToGIDMap /Identity) per face file, made through libharu's object
 * model the first time a page draws with it, and finished (hb-subset subset
 * with the original glyph IDs, /W, ToUnicode) by pdf_font_use_embed before
 * the document is saved. The caller owns it (pdf_font_use_free). NULL when
 * out of memory. */
pdf_font_use *pdf_font_use_new(const pdf_fonts *fonts, HPDF_Doc pdf);
void pdf_font_use_free(pdf_font_use *use);
/* The article's language (BCP 47), given to HarfBuzz when drawing: the
 * font's localized forms (locl) then follow it, e.g. Japanese, Korean or
 * Traditional Chinese glyph forms from the one CJK face. Widths do not
 * change. */
void pdf_font_use_set_lang(pdf_font_use *use, const char *lang);
/* Left-to-right text is drawn from the words of shaped (the layout's), not
 * shaped again line by line. */
void pdf_font_use_set_shaped(pdf_font_use *use, pdf_shaped *shaped);

/* A growing byte buffer for content-stream text. */
typedef struct pdf_buf {
	char *p;
	size_t len, cap;
	int failed; /* out of memory once: the rest was dropped */
} pdf_buf;
void pdf_buf_printf(pdf_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void pdf_buf_put(pdf_buf *b, const char *s, size_t n);
/* Four upper-case hex digits of v (a glyph ID, a UTF-16 unit): the content
 * stream's hot path, so no printf. */
void pdf_buf_hex4(pdf_buf *b, unsigned v);
/* v with exactly `decimals` (0 to 4) digits after the point, as printf's
 * "%.*f" writes it, without printf's cost. */
void pdf_buf_fixed(pdf_buf *b, double v, int decimals);
/* "/name size Tf" and a line end: the font operator. */
void pdf_buf_font(pdf_buf *b, const char *name, double size);

/* The page's resource name for face's font ("F1"), adding the font to the
 * page's /Font resources. NULL when libharu failed (its error handler ran). */
const char *pdf_font_use_resource(pdf_font_use *use, HPDF_Page page, pdf_face face);
/* Shapes folded text (pdf_fonts_fold) in face with HarfBuzz (kerning and
 * standard ligatures) and appends its glyphs to out as text-showing
 * operators: TJ arrays whose numbers carry kerning and offsets, and a
 * /Span with /ActualText around a glyph that stands for several characters.
 * Characters the face lacks are drawn from a fallback face found by
 * fontconfig (Noto for Arabic, Devanagari, Gurmukhi, CJK, ...), in runs of
 * their own: a Tf to that font on page, and back to face's after. The
 * glyphs are recorded for the subset and the ToUnicode map. The width drawn
 * is pdf_fonts_width's. Returns 0 when out of memory. */
int pdf_font_use_show(pdf_font_use *use, HPDF_Page page, pdf_face face, double size,
                      const char *folded, size_t len, pdf_buf *out);
/* The same for text whose paragraph runs right to left (rtl 1) or left to
 * right (0): the text is split into UAX #9 runs (ICU), drawn in visual
 * order, each shaped in its own direction (Arabic and Hebrew right to left,
 * numbers and Latin left to right). pdf_font_use_show takes the direction
 * of the first strong character (-1 here). */
int pdf_font_use_show_dir(pdf_font_use *use, HPDF_Page page, pdf_face face, double size,
                          const char *folded, size_t len, int rtl, pdf_buf *out);
/* Finishes every font a page drew with: subsets it (hb-subset, glyph IDs
 * kept), writes its FontFile2, /W and ToUnicode. Errors name the face. */
folio_status pdf_font_use_embed(pdf_font_use *use, folio_error *err);

#endif
