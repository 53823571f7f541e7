/* folio pdf plugin — post-processing of libharu's output.
 *
 * libharu 2.3.0 writes a ToUnicode CMap that poppler rejects ("Invalid
 * 'begincidrange' operator") and has no way to set the catalog's /Lang. This
 * rewrites the saved PDF in memory: every ToUnicode stream becomes a correct
 * CMap (bfrange, identity: libharu's UTF-8 encoder uses the Unicode code point
 * as the CID), the catalog gets /Lang, and the xref table is rebuilt with the
 * new offsets. The input must be libharu's own classic-xref output.
 */
#ifndef FOLIO_PDF_PDFFIX_H
#define FOLIO_PDF_PDFFIX_H

#include <stddef.h>
#include <stdint.h>

#include "folio/error.h"
#include "folio/sink.h"

/* Writes the fixed PDF to sink. cps: the sorted code points the document
 * draws (ncps of them, all <= 0xFFFF). lang: a BCP 47 tag or NULL. Returns
 * FOLIO_ERR_RENDER when the input is not shaped as expected, or the sink's
 * error. */
folio_status pdf_fix_write(const unsigned char *pdf, size_t len, const uint32_t *cps, size_t ncps,
                           const char *lang, folio_sink *sink, folio_error *err);

/* The ToUnicode CMap text for cps (exposed for tests). The caller frees the
 * result; NULL when out of memory. */
char *pdf_fix_cmap(const uint32_t *cps, size_t ncps, size_t *len);

#endif
