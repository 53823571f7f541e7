/* folio pdf plugin — decoding PNGs libharu would draw wrongly. libharu's
 * own loader declares a 16-bit PNG's depth while it keeps 8 bits a sample
 * (two half-width copies on the page), so every PNG that cannot pass
 * through is decoded here with libpng's transformations. */
#include <fcntl.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <png.h>

#include "png_decode.h"

static void decode_fail(png_structp png, png_const_charp msg)
{
	(void)msg;
	longjmp(*(jmp_buf *)png_get_error_ptr(png), 1);
}

/* Warnings (an sRGB profile libpng knows to be wrong, say) are no reason to
 * drop a picture; errors are. */
static void decode_warn(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/* Asks libpng for 8-bit grey, grey + alpha, RGB or RGBA, whatever the file. */
static void set_transforms(png_structp png, png_infop info)
{
	int type = png_get_color_type(png, info);

	if (type == PNG_COLOR_TYPE_PALETTE)
		png_set_palette_to_rgb(png);
	if (type == PNG_COLOR_TYPE_GRAY && png_get_bit_depth(png, info) < 8)
		png_set_expand_gray_1_2_4_to_8(png);
	if (png_get_valid(png, info, PNG_INFO_tRNS))
		png_set_tRNS_to_alpha(png);
	if (png_get_bit_depth(png, info) == 16)
		png_set_scale_16(png);
	png_set_interlace_handling(png);
	png_read_update_info(png, info);
}

/* Decodes from f (closed here). */
static int decode_stream(FILE *f, unsigned max_side, unsigned long max_pixels, pdf_png *out)
{
	jmp_buf jb;
	png_structp png = NULL;
	png_infop info = NULL;
	unsigned char *volatile pixels = NULL;
	png_bytep *volatile rows = NULL;
	volatile int ok = 0;

	memset(out, 0, sizeof *out);
	if (!f)
		return 0;
	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &jb, decode_fail, decode_warn);
	info = png ? png_create_info_struct(png) : NULL;
	if (!info || setjmp(jb))
		goto done;
	png_init_io(png, f);
	png_read_info(png, info);
	if (png_get_image_width(png, info) > max_side || png_get_image_height(png, info) > max_side)
		goto done;
	if ((unsigned long long)png_get_image_width(png, info) * png_get_image_height(png, info) >
	    max_pixels)
		goto done;
	set_transforms(png, info);
	{
		png_uint_32 w = png_get_image_width(png, info);
		png_uint_32 h = png_get_image_height(png, info);
		int channels = png_get_channels(png, info);
		size_t stride = png_get_rowbytes(png, info);

		if (w < 1 || h < 1 || channels < 1 || channels > 4 ||
		    png_get_bit_depth(png, info) != 8 || stride != (size_t)w * (size_t)channels ||
		    h > SIZE_MAX / stride)
			goto done;
		pixels = malloc(stride * h);
		rows = malloc(h * sizeof *rows);
		if (!pixels || !rows)
			goto done;
		for (png_uint_32 y = 0; y < h; y++)
			rows[y] = pixels + y * stride;
		png_read_image(png, rows);
		png_read_end(png, NULL);
		out->w = w;
		out->h = h;
		out->channels = channels;
	}
	ok = 1;
done:
	png_destroy_read_struct(png ? &png : NULL, info ? &info : NULL, NULL);
	fclose(f);
	free(rows);
	if (ok)
		out->pixels = pixels;
	else
		free(pixels);
	return ok;
}

/* Splits interleaved colour + alpha into two planes in place: the colour
 * samples packed at the start of p->pixels, the alpha into *alpha (NULL
 * when every pixel is opaque). 0 when out of memory. */
static int split_alpha(pdf_png *p, unsigned char **alpha)
{
	size_t n = (size_t)p->w * p->h;
	int color = p->channels - 1;
	int opaque = 1;
	unsigned char *a;

	*alpha = NULL;
	a = malloc(n);
	if (!a)
		return 0;
	for (size_t i = 0; i < n; i++) {
		const unsigned char *src = p->pixels + i * (size_t)p->channels;

		memmove(p->pixels + i * (size_t)color, src, (size_t)color);
		a[i] = src[color];
		opaque &= a[i] == 255;
	}
	p->channels = color;
	if (opaque)
		free(a);
	else
		*alpha = a;
	return 1;
}

HPDF_Image pdf_png_image(HPDF_Doc pdf, pdf_png *p)
{
	HPDF_Image img;

	if ((p->channels == 2 || p->channels == 4) && !split_alpha(p, &p->alpha))
		return NULL;
	img = HPDF_LoadRawImageFromMem(pdf, p->pixels, p->w, p->h,
	                               p->channels == 3 ? HPDF_CS_DEVICE_RGB : HPDF_CS_DEVICE_GRAY, 8);
	if (img && p->alpha) {
		HPDF_Image mask = HPDF_LoadRawImageFromMem(pdf, p->alpha, p->w, p->h,
		                                           HPDF_CS_DEVICE_GRAY, 8);

		if (!mask || HPDF_Image_AddSMask(img, mask) != HPDF_OK)
			img = NULL;
	}
	return img;
}

void pdf_png_free(pdf_png *p)
{
	free(p->pixels);
	free(p->alpha);
	memset(p, 0, sizeof *p);
}

int pdf_png_decode(const char *path, unsigned max_side, unsigned long max_pixels, pdf_png *out)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	FILE *f;

	memset(out, 0, sizeof *out);
	if (fd < 0)
		return 0;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0 || !(f = fdopen(fd, "rb"))) {
		close(fd);
		return 0;
	}
	return decode_stream(f, max_side, max_pixels, out);
}

int pdf_png_decode_mem(const void *data, size_t len, unsigned max_side, unsigned long max_pixels,
                       pdf_png *out)
{
	FILE *f = len > 0 ? fmemopen((void *)(uintptr_t)data, len, "rb") : NULL;

	memset(out, 0, sizeof *out);
	return f ? decode_stream(f, max_side, max_pixels, out) : 0;
}
