/* folio pdf plugin — post-processing of libharu's output.
 *
 * libharu 2.3.0 writes a ToUnicode CMap that poppler rejects ("Invalid
 * 'begincidrange' operator"), has no way to set the catalog's /Lang, and
 * compresses slowly (a fresh deflate state per stream, and a 128 KB
 * CIDToGIDMap per font whatever the text). So the backend saves without
 * compression and this rewrites the file in memory:
 *  - every ToUnicode stream becomes a correct CMap (bfrange, identity:
 *    libharu's UTF-8 encoder uses the Unicode code point as the CID);
 *  - each CIDToGIDMap loses its trailing unmapped entries;
 *  - page contents get literal strings instead of hex (half the bytes);
 *  - every stream without a filter is deflated with one reused z_stream;
 *  - the catalog gets /Lang, and the xref table is rebuilt.
 * The input must be libharu's own classic-xref output; the result is
 * deterministic.
 */
#ifndef FOLIO_PDF_PDFFIX_H
#define FOLIO_PDF_PDFFIX_H

#include <stddef.h>
#include <stdint.h>

#include "folio/error.h"
#include "folio/sink.h"

/* Writes the fixed PDF to sink. cps: the sorted code points the document
 * draws (ncps of them, all <= 0xFFFF). lang: a BCP 47 tag or NULL (anything
 * but letters, digits and '-' is ignored). level: zlib level 1..9. Returns
 * FOLIO_ERR_RENDER when the input is not shaped as expected, or the sink's
 * error. */
folio_status pdf_fix_write(const unsigned char *pdf, size_t len, const uint32_t *cps, size_t ncps,
                           const char *lang, folio_sink *sink, int level, folio_error *err);

/* The ToUnicode CMap text for cps (exposed for tests). The caller frees the
 * result; NULL when out of memory. */
char *pdf_fix_cmap(const uint32_t *cps, size_t ncps, size_t *len);

#endif
