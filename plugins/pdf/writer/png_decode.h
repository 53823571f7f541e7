/* folio pdf plugin — PNGs that cannot pass through as their own rows
 * (16-bit, interlaced, palette, grey below 8 bits, alpha), decoded with
 * libpng into 8-bit samples and handed to libharu as raw images. */
#ifndef FOLIO_PDF_PNG_DECODE_H
#define FOLIO_PDF_PNG_DECODE_H

#include <hpdf.h>

/* A PNG decoded to 8-bit samples: grey, grey + alpha, RGB or RGB + alpha. */
typedef struct pdf_png {
	unsigned char *pixels; /* rows of w * channels bytes */
	unsigned char *alpha;  /* the alpha plane once split off for the PDF */
	unsigned w, h;
	int channels;          /* 1 grey, 2 grey + alpha, 3 RGB, 4 RGB + alpha */
	/* The file's own compressed rows (its IDAT chunks, one zlib stream of
	 * PNG-filtered rows) when the PDF can take them as they are: 8-bit grey
	 * or RGB, not interlaced, no transparency. The image is then embedded
	 * with FlateDecode and the PNG predictors, not inflated and deflated
	 * again. NULL otherwise. */
	unsigned char *idat;
	size_t idat_len;
} pdf_png;

/* Decodes the PNG at path (a regular file: opened without blocking, so a
 * FIFO put in its place is refused, not waited on), once, with every error caught (libharu would let
 * libpng abort the process on a damaged file): 16-bit samples are scaled to
 * 8 with rounding, Adam7 interlacing is undone, a palette or low-depth grey
 * is expanded, tRNS becomes alpha. A side over max_side, or more than
 * max_pixels pixels, is refused from the header, before any pixel is
 * inflated. 0 on any libpng error or warning, a
 * size out of range, or no memory; out is then empty. */
int pdf_png_decode(const char *path, unsigned max_side, unsigned long max_pixels, pdf_png *out);
/* The same from bytes already read (an article's image, read once from the
 * descriptor its folder check opened). */
int pdf_png_decode_mem(const void *data, size_t len, unsigned max_side, unsigned long max_pixels,
                       pdf_png *out);

/* p as an 8-bit DeviceGray or DeviceRGB image of pdf, its alpha a soft mask
 * when any pixel is not opaque. NULL when memory runs out (libharu errors go
 * to pdf's handler). p stays the caller's, to free with pdf_png_free. */
HPDF_Image pdf_png_image(HPDF_Doc pdf, pdf_png *p);

void pdf_png_free(pdf_png *p);

#endif
