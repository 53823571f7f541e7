/* folio pdf plugin — post-processing of libharu's output.
 *
 * libharu draws the pages, but its TrueType path is slow (it parses the font
 * and builds 128 KB of tables for every document) and writes a ToUnicode CMap
 * that poppler rejects; it also has no way to set the catalog's /Lang, and
 * writes PDF 1.3 with a plain xref table. So the backend draws with base-14
 * placeholder fonts, saves without compression, and this rewrites the file
 * in memory:
 *  - each placeholder font becomes the face's embedded subset (fonts.c made
 *    it): a Type0 font with a one- or two-byte embedded CMap, a CIDFontType2
 *    with /CIDToGIDMap /Identity and its /W widths, a FontDescriptor, the
 *    FontFile2 and a correct ToUnicode map;
 *  - strings become minimal literals (libharu writes hex and octal escapes);
 *  - every stream is deflated (libdeflate: zlib's sizes in half its time)
 *    and gets a direct /Length;
 *  - every other object goes into one compressed object stream, indexed by
 *    a cross-reference stream (PDF 1.5), with an /ID made from the file's
 *    bytes; the catalog gets /Lang.
 * The input must be libharu's own classic-xref output; the result is
 * deterministic.
 */
#ifndef FOLIO_PDF_PDFFIX_H
#define FOLIO_PDF_PDFFIX_H

#include <stddef.h>
#include <stdint.h>

#include "folio/error.h"
#include "folio/sink.h"
#include "fonts.h"

/* A PNG whose compressed rows go into the PDF as they are (FlateDecode with
 * the PNG predictor: no decoding, no deflating): 8-bit grey or RGB, not
 * interlaced, no transparency. libharu draws a 16x1 grey placeholder image
 * whose bytes are PDF_PNG_TAG and the index in hex; pdffix.c puts this one in
 * its place. */
#define PDF_PNG_TAG "FOLIOPNG"
/* The largest image side, in pixels, for PNG and JPEG alike (the profile's
 * logo check too); checked from the header, before anything is inflated. */
#define PDF_IMAGE_MAX_SIDE 10000

typedef struct pdf_png {
	unsigned char *idat; /* the IDAT chunks' data, joined: one zlib stream */
	size_t len;
	unsigned w, h, colors; /* colors: 1 grey, 3 RGB */
} pdf_png;

/* Reads the PNG at path into *out when it can pass through (see above) and
 * is sound (every chunk's CRC, the rows' exact size once inflated, their
 * filter types): then it needs no check by libpng. 0 otherwise (libpng
 * checks it, and libharu loads it). The caller frees out->idat. */
int pdf_png_passthrough(const char *path, pdf_png *out);

/* What pdffix.c puts in place of libharu's placeholders. fonts: the
 * embedded fonts (nfonts, from pdf_font_use_fonts), each replacing the
 * placeholder it names. pngs: the pass-through images, by placeholder index
 * (npngs). mark_ops: content-stream operators (mark_len bytes) written where
 * a content stream holds the line PDF_FIX_MARK, once: the QR code's
 * rectangles, which libharu would build at 3,500 instructions each. lang: a
 * BCP 47 tag or NULL (anything but letters, digits and '-' is ignored). */
typedef struct pdf_fix_input {
	const pdf_embed_font *fonts;
	size_t nfonts;
	const pdf_png *pngs;
	size_t npngs;
	const char *mark_ops;
	size_t mark_len;
	const char *lang;
} pdf_fix_input;

/* The miter limit libharu is asked to set where mark_ops belong (HPDF_Page_
 * SetMiterLimit(page, PDF_FIX_MARK_VALUE) writes the line PDF_FIX_MARK);
 * nothing else of folio's sets a miter limit. */
#define PDF_FIX_MARK_VALUE 97
#define PDF_FIX_MARK       "97 M"

/* Writes the fixed PDF to sink. level: compression level 1..12
 * (libdeflate's; 6 is zlib's default). Returns FOLIO_ERR_RENDER when the
 * input is not shaped as expected, or the sink's error. */
folio_status pdf_fix_write(const unsigned char *pdf, size_t len, const pdf_fix_input *in,
                           folio_sink *sink, int level, folio_error *err);

#endif
