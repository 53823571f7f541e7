/* folio pdf plugin — drawing the layout's operations with libharu: text
 * runs, rules, links, images (with their sizes for the layout), outline
 * entries, the logo; the footer comes from footer.c. Every libharu error
 * longjmps to pdf_render (pdf.c), which cleans up. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

/* Folds text for face into rc->fold. NULL when out of memory. */
const char *pdf_fold_text(pdf_render_ctx *rc, pdf_face face, const char *s, size_t len,
                          size_t *out_len)
{
	size_t need = len * 3 + 8;
	size_t n;

	if (need > rc->fold_cap) {
		char *p = realloc(rc->fold, need);

		if (!p)
			return NULL;
		rc->fold = p;
		rc->fold_cap = need;
	}
	n = pdf_fonts_fold(rc->fonts, face, s, len, rc->fold, rc->fold_cap, &rc->missing);
	if (n == (size_t)-1)
		return NULL;
	*out_len = n;
	return rc->fold;
}

/* ---- images ------------------------------------------------------------------ */

/* src resolved against the document's folder into buf. 0 for URLs. */
static int image_path(const pdf_render_ctx *rc, const char *src, char *buf, size_t n)
{
	const char *source = folio_doc_get(rc->doc, FOLIO_META_SOURCE);
	const char *slash = source ? strrchr(source, '/') : NULL;
	int w;

	if (!src || !*src || strstr(src, "://"))
		return 0;
	if (src[0] == '/' || !slash)
		w = snprintf(buf, n, "%s", src);
	else
		w = snprintf(buf, n, "%.*s/%s", (int)(slash - source), source, src);
	return w > 0 && (size_t)w < n;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A JPEG's size from its first SOFn marker. */
static int jpeg_size(FILE *f, double *w, double *h)
{
	unsigned char m[9];

	for (;;) {
		int c = fgetc(f);
		size_t seglen;

		if (c == EOF)
			return 0;
		if (c != 0xFF)
			continue;
		while ((c = fgetc(f)) == 0xFF)
			;
		if (c == EOF || c == 0xD8 || c == 0x01 || (c >= 0xD0 && c <= 0xD7))
			continue;
		if (fread(m, 1, 2, f) != 2)
			return 0;
		seglen = (size_t)m[0] << 8 | m[1];
		if (c >= 0xC0 && c <= 0xCF && c != 0xC4 && c != 0xC8 && c != 0xCC) {
			if (fread(m, 1, 5, f) != 5)
				return 0;
			*h = (double)((unsigned)m[1] << 8 | m[2]);
			*w = (double)((unsigned)m[3] << 8 | m[4]);
			return *w > 0 && *h > 0;
		}
		if (seglen < 2 || fseek(f, (long)seglen - 2, SEEK_CUR) != 0)
			return 0;
	}
}

int pdf_image_size(void *ctx, const char *src, double *w, double *h)
{
	static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
	char path[4096];
	unsigned char head[24];
	FILE *f;
	int ok = 0;

	if (!image_path(ctx, src, path, sizeof path))
		return 0;
	f = fopen(path, "rb");
	if (!f)
		return 0;
	if (fread(head, 1, sizeof head, f) == sizeof head) {
		if (memcmp(head, png_sig, 8) == 0 && memcmp(head + 12, "IHDR", 4) == 0) {
			*w = be32(head + 16);
			*h = be32(head + 20);
			ok = *w > 0 && *h > 0;
		} else if (head[0] == 0xFF && head[1] == 0xD8) {
			ok = fseek(f, 2, SEEK_SET) == 0 && jpeg_size(f, w, h);
		}
	}
	fclose(f);
	return ok;
}

/* ---- drawing ----------------------------------------------------------------------- */

void pdf_set_fill(HPDF_Page page, unsigned long rgb)
{
	HPDF_Page_SetRGBFill(page, (HPDF_REAL)((rgb >> 16) & 0xFF) / 255.0f,
	                     (HPDF_REAL)((rgb >> 8) & 0xFF) / 255.0f,
	                     (HPDF_REAL)(rgb & 0xFF) / 255.0f);
}

void pdf_end_text(pdf_page_state *ps)
{
	if (ps->in_text) {
		HPDF_Page_EndText(ps->page);
		ps->in_text = 0;
	}
}

/* Draws one run of text; keeps the text object open across runs so that
 * font and colour are only set when they change. */
void pdf_draw_text(pdf_render_ctx *rc, pdf_page_state *ps, pdf_face face, double size,
                   unsigned long rgb, double x, double y, const char *s, size_t len)
{
	HPDF_Font font = pdf_font_use_font(rc->use, face);
	size_t n;
	const char *f = pdf_fold_text(rc, face, s, len, &n);

	/* libharu refuses sizes outside (0, 300]: skip rather than fail. */
	if (!f || n == 0 || !font || !(size > 0 && size <= 300))
		return;
	if (!ps->in_text) {
		HPDF_Page_BeginText(ps->page);
		ps->in_text = 1;
		ps->size = -1;
		ps->rgb = ~0UL;
	}
	if (ps->face != face || ps->size != size) {
		HPDF_Page_SetFontAndSize(ps->page, font, (HPDF_REAL)size);
		ps->face = face;
		ps->size = size;
	}
	if (ps->rgb != rgb) {
		pdf_set_fill(ps->page, rgb);
		ps->rgb = rgb;
	}
	HPDF_Page_TextOut(ps->page, (HPDF_REAL)x, (HPDF_REAL)y, f);
}

static void draw_rule(pdf_page_state *ps, const pdf_op *op)
{
	pdf_end_text(ps);
	pdf_set_fill(ps->page, op->rgb);
	ps->rgb = ~0UL;
	HPDF_Page_Rectangle(ps->page, (HPDF_REAL)op->x, (HPDF_REAL)op->y, (HPDF_REAL)op->w,
	                    (HPDF_REAL)op->h);
	HPDF_Page_Fill(ps->page);
}

static void draw_link(pdf_page_state *ps, const pdf_op *op)
{
	HPDF_Rect r = {(HPDF_REAL)op->x, (HPDF_REAL)op->y, (HPDF_REAL)(op->x + op->w),
	               (HPDF_REAL)(op->y + op->h)};
	HPDF_Annotation a;

	if (!op->url || !*op->url)
		return;
	a = HPDF_Page_CreateURILinkAnnot(ps->page, r, op->url);
	HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
}

/* By content, not by name: a JPEG starts with FF D8. */
static int is_jpeg(const char *path)
{
	unsigned char head[2] = {0, 0};
	FILE *f = fopen(path, "rb");

	if (!f)
		return 0;
	if (fread(head, 1, 2, f) != 2)
		head[0] = 0;
	fclose(f);
	return head[0] == 0xFF && head[1] == 0xD8;
}

/* Loads src once per document. A file libharu rejects is a warning. */
static HPDF_Image load_image(pdf_render_ctx *rc, const char *src)
{
	char path[4096];
	pdf_image_slot *slot;
	int jpeg;

	for (size_t i = 0; i < rc->nimages; i++)
		if (strcmp(rc->images[i].src, src) == 0)
			return rc->images[i].img;
	slot = realloc(rc->images, (rc->nimages + 1) * sizeof *slot);
	if (!slot)
		return NULL;
	rc->images = slot;
	slot = &rc->images[rc->nimages++];
	slot->src = src;
	slot->img = NULL;
	if (!image_path(rc, src, path, sizeof path))
		return NULL;
	jpeg = is_jpeg(path);
	rc->soft = 1;
	slot->img = jpeg ? HPDF_LoadJpegImageFromFile(rc->pdf, path)
	                 : HPDF_LoadPngImageFromFile(rc->pdf, path);
	rc->soft = 0;
	if (!slot->img) {
		HPDF_ResetError(rc->pdf);
		rc->host->warn(rc->host, "pdf: image %s could not be read (libharu error 0x%04X)",
		               src, (unsigned)rc->hpdf_code);
	}
	return slot->img;
}

static void draw_image(pdf_render_ctx *rc, pdf_page_state *ps, const pdf_op *op)
{
	HPDF_Image img = op->url ? load_image(rc, op->url) : NULL;

	pdf_end_text(ps);
	if (img) {
		HPDF_Page_DrawImage(ps->page, img, (HPDF_REAL)op->x, (HPDF_REAL)op->y,
		                    (HPDF_REAL)op->w, (HPDF_REAL)op->h);
		return;
	}
	/* A frame where the picture would be. */
	HPDF_Page_SetRGBStroke(ps->page, 0.75f, 0.75f, 0.75f);
	HPDF_Page_SetLineWidth(ps->page, 0.5f);
	HPDF_Page_Rectangle(ps->page, (HPDF_REAL)op->x, (HPDF_REAL)op->y, (HPDF_REAL)op->w,
	                    (HPDF_REAL)op->h);
	HPDF_Page_Stroke(ps->page);
}

/* Outline entries nest under the nearest earlier entry of a lower level. */
static void add_anchor(pdf_render_ctx *rc, HPDF_Outline *last, const pdf_op *op)
{
	int level = op->level < 1 ? 1 : op->level > 6 ? 6 : op->level;
	HPDF_Outline parent = NULL, o;
	HPDF_Destination dst;

	if (!op->text || !*op->text)
		return;
	for (int l = level - 1; l >= 1 && !parent; l--)
		parent = last[l];
	o = HPDF_CreateOutline(rc->pdf, parent, op->text, HPDF_GetEncoder(rc->pdf, "UTF-8"));
	HPDF_Outline_SetOpened(o, HPDF_TRUE);
	dst = HPDF_Page_CreateDestination(rc->pages[op->page]);
	HPDF_Destination_SetFitH(dst, (HPDF_REAL)op->y);
	HPDF_Outline_SetDestination(o, dst);
	last[level] = o;
	for (int l = level + 1; l <= 6; l++)
		last[l] = NULL;
}

/* The clinic's logo, small, at the top right of page 1, inside the margin. */
static void draw_logo(pdf_render_ctx *rc, pdf_page_state *ps)
{
	const char *logo = folio_profile_get(rc->host->profile, FOLIO_PROFILE_LOGO);
	const pdf_style *s = &rc->style;
	HPDF_Image img;
	double w, h, maxh = s->margin_top - 22, maxw = 140;

	if (!logo || maxh < 12)
		return;
	rc->soft = 1;
	img = HPDF_LoadPngImageFromFile(rc->pdf, logo);
	rc->soft = 0;
	if (!img) {
		HPDF_ResetError(rc->pdf);
		rc->host->warn(rc->host, "pdf: the profile's logo %s could not be read", logo);
		return;
	}
	h = maxh > 40 ? 40 : maxh;
	w = h * HPDF_Image_GetWidth(img) / (double)HPDF_Image_GetHeight(img);
	if (w > maxw) {
		h = h * maxw / w;
		w = maxw;
	}
	pdf_end_text(ps);
	HPDF_Page_DrawImage(ps->page, img, (HPDF_REAL)(s->page_width - s->margin_right - w),
	                    (HPDF_REAL)(s->page_height - s->margin_top + 8), (HPDF_REAL)w,
	                    (HPDF_REAL)h);
}

folio_status pdf_draw_all(pdf_render_ctx *rc, folio_error *err)
{
	int np = rc->layout.pages;
	pdf_page_state *ps = calloc((size_t)np, sizeof *ps);
	HPDF_Outline last[7] = {0};

	if (!ps)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	for (int p = 0; p < np; p++) {
		ps[p].page = rc->pages[p];
		ps[p].face = PDF_FACE_COUNT;
	}
	for (size_t i = 0; i < rc->layout.count; i++) {
		const pdf_op *op = &rc->layout.ops[i];
		pdf_page_state *pg;

		if (op->page < 0 || op->page >= np)
			continue;
		pg = &ps[op->page];
		if (op->kind == PDF_OP_TEXT && op->text && op->face < PDF_FACE_COUNT)
			pdf_draw_text(rc, pg, op->face, op->size, op->rgb, op->x, op->y, op->text,
			              op->len);
		else if (op->kind == PDF_OP_RULE)
			draw_rule(pg, op);
		else if (op->kind == PDF_OP_LINK)
			draw_link(pg, op);
		else if (op->kind == PDF_OP_IMAGE)
			draw_image(rc, pg, op);
		else if (op->kind == PDF_OP_ANCHOR)
			add_anchor(rc, last, op);
	}
	for (int p = 0; p < np; p++)
		pdf_draw_footer(rc, &ps[p], p);
	if (np > 0)
		draw_logo(rc, &ps[0]);
	free(ps);
	return FOLIO_OK;
}
