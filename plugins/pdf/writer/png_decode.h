/* folio pdf plugin — PNGs that cannot pass through as their own rows
 * (16-bit, interlaced, palette, grey below 8 bits, alpha), decoded with
 * libpng into 8-bit samples and handed to libharu as raw images. */
#ifndef FOLIO_PDF_PNG_DECODE_H
#define FOLIO_PDF_PNG_DECODE_H

#include <hpdf.h>

/* The PNG at path as an 8-bit DeviceGray or DeviceRGB image of pdf, with
 * its alpha (or tRNS) as a soft mask when any pixel is not opaque. 16-bit
 * samples are scaled to 8 with rounding, Adam7 interlacing is undone, a
 * palette or low-depth grey is expanded. NULL when the file cannot be read
 * or decoded, or memory runs out (libharu errors go to pdf's handler). */
HPDF_Image pdf_png_load_decoded(HPDF_Doc pdf, const char *path);

#endif
