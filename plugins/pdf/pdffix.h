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

/* Writes the fixed PDF to sink. fonts: the embedded fonts (nfonts of them,
 * from pdf_font_use_fonts), each replacing the placeholder it names. lang: a
 * BCP 47 tag or NULL (anything but letters, digits and '-' is ignored).
 * level: compression level 1..12 (libdeflate's; 6 is zlib's default). Returns FOLIO_ERR_RENDER when the input is not
 * shaped as expected, or the sink's error. */
folio_status pdf_fix_write(const unsigned char *pdf, size_t len, const pdf_embed_font *fonts,
                           size_t nfonts, const char *lang, folio_sink *sink, int level,
                           folio_error *err);

#endif
