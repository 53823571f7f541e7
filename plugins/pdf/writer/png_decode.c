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

#include <hpdf_objects.h>
#include <png.h>

#include "folio/fileref.h"

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

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The IDAT chunks of a PNG libpng has just read whole (signature, chunk
 * lengths and CRCs checked), joined into out->idat, when the rows can pass
 * through: colour type 0 or 2, depth 8, not interlaced, no tRNS. */
static void keep_idat(const unsigned char *png, size_t len, pdf_png *out)
{
	size_t at, end = 0, total = 0, o = 0;

	if (len < 33 || (png[25] != 0 && png[25] != 2) || png[24] != 8 || png[28] != 0)
		return;
	/* Every chunk up to IEND whole, none of them tRNS. */
	for (at = 8; !end && at + 12 <= len; at += 12 + (size_t)be32(png + at)) {
		uint32_t n = be32(png + at);
		const unsigned char *type = png + at + 4;

		if (n > len - at - 12 || memcmp(type, "tRNS", 4) == 0)
			return;
		if (memcmp(type, "IDAT", 4) == 0)
			total += n;
		if (memcmp(type, "IEND", 4) == 0)
			end = at;
	}
	if (!end || total == 0 || !(out->idat = malloc(total)))
		return;
	for (at = 8; at < end; at += 12 + (size_t)be32(png + at))
		if (memcmp(png + at + 4, "IDAT", 4) == 0) {
			memcpy(out->idat + o, png + at + 8, be32(png + at));
			o += be32(png + at);
		}
	out->idat_len = total;
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

/* What an image of PNG rows adds to its dictionary: the filter libharu
 * does not write itself (its stream is written as it is). */
static HPDF_STATUS HPDF_STDCALL png_rows_params(HPDF_Dict img, HPDF_Stream out)
{
	HPDF_Number w = HPDF_Dict_GetItem(img, "Width", HPDF_OCLASS_NUMBER);
	HPDF_Name cs = HPDF_Dict_GetItem(img, "ColorSpace", HPDF_OCLASS_NAME);
	char buf[160];

	if (!w || !cs)
		return HPDF_INVALID_OBJECT;
	snprintf(buf, sizeof buf,
	         "/Filter /FlateDecode\012/DecodeParms << /Predictor 15 /Colors %d "
	         "/BitsPerComponent 8 /Columns %d >>\012",
	         strcmp(cs->value, "DeviceRGB") == 0 ? 3 : 1, (int)w->value);
	return HPDF_Stream_WriteStr(out, buf);
}

/* An image XObject made through libharu's object model from the PNG's own
 * compressed rows. */
static HPDF_Image rows_image(HPDF_Doc pdf, const pdf_png *p)
{
	HPDF_Dict img = HPDF_DictStream_New(pdf->mmgr, pdf->xref);

	if (!img)
		return NULL;
	img->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
	img->filter = HPDF_STREAM_FILTER_NONE;
	img->write_fn = png_rows_params;
	if (HPDF_Dict_AddName(img, "Type", "XObject") != HPDF_OK ||
	    HPDF_Dict_AddName(img, "Subtype", "Image") != HPDF_OK ||
	    HPDF_Dict_AddNumber(img, "Width", (HPDF_INT32)p->w) != HPDF_OK ||
	    HPDF_Dict_AddNumber(img, "Height", (HPDF_INT32)p->h) != HPDF_OK ||
	    HPDF_Dict_AddName(img, "ColorSpace", p->channels == 3 ? "DeviceRGB" : "DeviceGray") !=
	        HPDF_OK ||
	    HPDF_Dict_AddNumber(img, "BitsPerComponent", 8) != HPDF_OK ||
	    HPDF_Stream_Write(img->stream, p->idat, (HPDF_UINT)p->idat_len) != HPDF_OK)
		return NULL;
	return img;
}

HPDF_Image pdf_png_image(HPDF_Doc pdf, pdf_png *p)
{
	HPDF_Image img;

	if (p->idat_len)
		return rows_image(pdf, p);

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
	free(p->idat);
	free(p->pixels);
	free(p->alpha);
	memset(p, 0, sizeof *p);
}

int pdf_png_decode(const char *path, unsigned max_side, unsigned long max_pixels, pdf_png *out)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	folio_error err;
	char *data = NULL;
	size_t len = 0;
	int ok;

	memset(out, 0, sizeof *out);
	if (fd < 0)
		return 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) == 0)
		data = folio_read_fd(fd, path, FOLIO_REF_MAX_IMAGE, &len, &err);
	close(fd);
	if (!data)
		return 0;
	ok = pdf_png_decode_mem(data, len, max_side, max_pixels, out);
	free(data);
	return ok;
}

int pdf_png_decode_mem(const void *data, size_t len, unsigned max_side, unsigned long max_pixels,
                       pdf_png *out)
{
	FILE *f = len > 0 ? fmemopen((void *)(uintptr_t)data, len, "rb") : NULL;

	memset(out, 0, sizeof *out);
	if (!f || !decode_stream(f, max_side, max_pixels, out))
		return 0;
	keep_idat(data, len, out);
	if (out->idat_len) { /* the pixels are not needed */
		free(out->pixels);
		out->pixels = NULL;
	}
	return 1;
}
