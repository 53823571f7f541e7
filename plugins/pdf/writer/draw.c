/* folio pdf plugin — drawing the layout's operations with libharu: text
 * runs, rules, links, images (with their sizes for the layout), outline
 * entries, the logo; the footer comes from footer.c. Every libharu error
 * longjmps to pdf_render (pdf.c), which cleans up. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bilingual.h"
#include "folio/fileref.h"
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include "png_decode.h"
#include "qr.h"
#include "render.h"

/* Folds text for face into rc->fold. NULL when out of memory. */
const char *pdf_fold_text(pdf_render_ctx *rc, pdf_face face, const char *s, size_t len,
                          size_t *out_len)
{
	size_t need = len * 3 + 8;
	size_t n;
	unsigned missing = rc->missing;

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
	if (rc->missing != missing && !rc->missing_cp)
		rc->missing_cp = pdf_fonts_missing(rc->fonts, face, s, len);
	*out_len = n;
	return rc->fold;
}

/* ---- images ------------------------------------------------------------------ */

/* src opened for reading: resolved against the document's folder by
 * folio_ref_open (a regular file inside it, under the size cap), or the
 * profile's logo where the profile names it. -1 for URLs and for anything
 * refused, the reason in *why when why is not NULL. The bytes are read from
 * this descriptor, never reopened by name: a file swapped after the check
 * (a FIFO, a link out of the folder) is never what is read. */
static int image_open(const pdf_render_ctx *rc, const char *src, folio_error *why)
{
	if (!src || !*src || strstr(src, "://")) {
		folio_error_set(why, FOLIO_ERR_IO, src, 0, 0, "not a local file");
		return -1;
	}
	/* The clinic's logo (the tri-fold draws it on its cover as an image
	 * op) is the profile's, read where the profile names it: the article's
	 * folder rule is for what the article references. */
	if (src[0] == '/') {
		const char *logo = folio_profile_get(rc->host->profile, FOLIO_PROFILE_LOGO);
		char *abs = logo && *logo ? realpath(logo, NULL) : NULL;
		int same = abs && strcmp(abs, src) == 0;

		free(abs);
		if (same) {
			int fd = open(src, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
			struct stat st;

			if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
				return fd;
			if (fd >= 0)
				close(fd);
			folio_error_set(why, FOLIO_ERR_IO, src, 0, 0, "not a readable regular file");
			return -1;
		}
	}
	return folio_ref_open(folio_doc_get(rc->doc, FOLIO_META_SOURCE), src, FOLIO_REF_MAX_IMAGE,
	                      NULL, why);
}

/* A JPEG's structure, after its SOI: marker segments up to the scan, a
 * quantisation table (DQT) and a SOFn before the first SOS, and an EOI after
 * the scan data (a file cut short has none). The frame must be one a PDF's
 * DCTDecode filter reads: Huffman-coded baseline, extended or progressive
 * (not lossless, not arithmetic-coded), 8 bits a sample, 1, 3 or 4
 * components, sides within PDF_IMAGE_MAX_SIDE. Its size in *w, *h. */
static int jpeg_size(FILE *f, double *w, double *h)
{
	unsigned char m[6];
	int sof = 0, scan = 0, dqt = 0;

	for (;;) {
		int c = fgetc(f);
		size_t seglen;

		if (c == EOF)
			return 0; /* cut short: no EOI */
		if (c != 0xFF)
			continue; /* scan data (or padding) */
		while ((c = fgetc(f)) == 0xFF)
			;
		if (c == EOF)
			return 0;
		if (c == 0x00 || c == 0x01 || (c >= 0xD0 && c <= 0xD7))
			continue; /* a stuffed byte, TEM, RSTn: no length */
		if (c == 0xD9)
			return sof && scan;
		if (c == 0xD8)
			return 0; /* a second SOI outside any segment */
		if (fread(m, 1, 2, f) != 2)
			return 0;
		seglen = (size_t)m[0] << 8 | m[1];
		if (seglen < 2)
			return 0;
		if (c >= 0xC0 && c <= 0xCF && c != 0xC4 && c != 0xC8 && c != 0xCC) {
			if (c > 0xC2 || seglen < 8 || fread(m, 1, 6, f) != 6)
				return 0; /* SOF3, SOF5-7, SOF9-15: no DCTDecode reads them */
			*h = (double)((unsigned)m[1] << 8 | m[2]);
			*w = (double)((unsigned)m[3] << 8 | m[4]);
			if (m[0] != 8 || (m[5] != 1 && m[5] != 3 && m[5] != 4))
				return 0;
			if (*w < 1 || *h < 1 || *w > PDF_IMAGE_MAX_SIDE || *h > PDF_IMAGE_MAX_SIDE)
				return 0;
			sof = 1;
			seglen -= 6;
		} else if (c == 0xDB) {
			dqt = 1;
		} else if (c == 0xDA) {
			if (!sof || !dqt)
				return 0;
			scan = 1;
		}
		if (fseek(f, (long)seglen - 2, SEEK_CUR) != 0)
			return 0;
	}
}

/* By content, not by name: a JPEG starts with FF D8 and has a SOFn size
 * (libharu parses JPEGs itself and fails cleanly on damage). */
static int jpeg_readable(const char *data, size_t len, double *w, double *h)
{
	FILE *f;
	int ok = 0;

	if (len < 4 || (unsigned char)data[0] != 0xFF || (unsigned char)data[1] != 0xD8)
		return 0;
	f = fmemopen((void *)(uintptr_t)data, len, "rb");
	if (!f)
		return 0;
	if (fgetc(f) == 0xFF && fgetc(f) == 0xD8)
		ok = jpeg_size(f, w, h);
	fclose(f);
	return ok;
}

/* The slot for src, probed on first sight (a warning when unusable). NULL
 * when out of memory. */
static pdf_image_slot *image_slot(pdf_render_ctx *rc, const char *src)
{
	pdf_image_slot *slot;
	char *data;
	size_t len = 0;
	int fd;

	for (size_t i = 0; i < rc->nimages; i++)
		if (strcmp(rc->images[i].src, src) == 0)
			return &rc->images[i];
	slot = realloc(rc->images, (rc->nimages + 1) * sizeof *slot);
	if (!slot)
		return NULL;
	rc->images = slot;
	slot = &rc->images[rc->nimages++];
	memset(slot, 0, sizeof *slot);
	slot->src = src;
	folio_error why;

	folio_error_clear(&why);
	fd = image_open(rc, src, &why);
	data = fd >= 0 ? folio_read_fd(fd, src, FOLIO_REF_MAX_IMAGE, &len, &why) : NULL;
	if (fd >= 0)
		close(fd);
	if (!data) {
		rc->host->warn(rc->host, "image %s: %s; its text stands in", src, why.message);
		return slot;
	}
	slot->jpeg = jpeg_readable(data, len, &slot->w, &slot->h);
	if (slot->jpeg) {
		slot->usable = 1;
		slot->jpeg_data = data; /* embedded as it is when drawn */
		slot->jpeg_len = len;
	} else {
		/* libharu hands PNGs to libpng without a longjmp target (a damaged
		 * file would abort the process): every PNG is decoded here, once,
		 * and drawn from these pixels. */
		slot->usable = pdf_png_decode_mem(data, len, PDF_IMAGE_MAX_SIDE, PDF_IMAGE_MAX_PIXELS,
		                                  &slot->png);
		slot->w = slot->png.w;
		slot->h = slot->png.h;
		free(data);
	}
	if (!slot->usable)
		rc->host->warn(rc->host,
		               "image %s is missing or not a readable PNG or JPEG; "
		               "its text stands in",
		               src);
	return slot;
}

int pdf_image_size(void *ctx, const char *src, double *w, double *h)
{
	pdf_image_slot *slot = src ? image_slot(ctx, src) : NULL;

	if (!slot || !slot->usable)
		return 0;
	*w = slot->w;
	*h = slot->h;
	return 1;
}

/* ---- drawing ----------------------------------------------------------------------- */

void pdf_set_fill(HPDF_Page page, unsigned long rgb)
{
	HPDF_Page_SetRGBFill(page, (HPDF_REAL)((rgb >> 16) & 0xFF) / 255.0f,
	                     (HPDF_REAL)((rgb >> 8) & 0xFF) / 255.0f,
	                     (HPDF_REAL)(rgb & 0xFF) / 255.0f);
}

void pdf_page_write(HPDF_Page page, const char *s, size_t n)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;

	/* The stream layer records a failure without calling the error handler:
	 * raise it, or the next document call reports only "invalid document". */
	if (n > 0 && HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)s, (HPDF_UINT)n) != HPDF_OK)
		HPDF_CheckError(page->error);
}

/* Writes the EMC (or artifact end) of ps's open marked content. */
static void mark_end(pdf_render_ctx *rc, pdf_page_state *ps)
{
	if (ps->mark == PDF_MARK_NONE)
		return;
	if (ps->in_text && !ps->mark_in_text) {
		pdf_page_write(ps->page, "ET\n", 3);
		ps->in_text = 0;
	}
	pdf_tags_mark_end(rc->tags, ps->page);
	ps->mark = PDF_MARK_NONE;
	rc->marked = NULL;
}

void pdf_end_text(pdf_page_state *ps)
{
	if (ps->in_text) {
		if (ps->mark != PDF_MARK_NONE && ps->mark_in_text)
			mark_end(ps->rc, ps);
		pdf_page_write(ps->page, "ET\n", 3);
		ps->in_text = 0;
	}
}

static void begin_text(pdf_page_state *ps)
{
	pdf_page_write(ps->page, "BT\n", 3);
	ps->in_text = 1;
	ps->face = PDF_FACE_COUNT;
	ps->rgb = ~0UL;
}

void pdf_mark_close(pdf_render_ctx *rc)
{
	if (rc->marked)
		mark_end(rc, rc->marked);
}

void pdf_mark(pdf_render_ctx *rc, pdf_page_state *ps, int mark, int text)
{
	if (rc->marked && rc->marked != ps)
		mark_end(rc, rc->marked);
	if (!text)
		pdf_end_text(ps); /* closes marked content opened inside it */
	if (ps->mark == mark && (!text || ps->in_text || !ps->mark_in_text)) {
		if (text && !ps->in_text)
			begin_text(ps); /* inside the marked content */
		return;
	}
	mark_end(rc, ps);
	if (text && !ps->in_text)
		begin_text(ps);
	if (mark == PDF_MARK_LAYOUT)
		pdf_tags_artifact_begin(rc->tags, ps->page, "Layout");
	else if (mark == PDF_MARK_PAGINATION)
		pdf_tags_artifact_begin(rc->tags, ps->page, "Pagination");
	else
		pdf_tags_mark_begin(rc->tags, ps->page, mark);
	ps->mark = mark;
	ps->mark_in_text = text;
	rc->marked = ps;
}

/* One run of text into b: the text state, then the glyphs. at: a new
 * position (Tm), else the run continues where the last one ended. */
static void draw_run(pdf_render_ctx *rc, pdf_page_state *ps, pdf_face face, double size,
                     unsigned long rgb, const double *at, const char *s, size_t len)
{
	size_t n;
	const char *f = pdf_fold_text(rc, face, s, len, &n);
	pdf_buf *b = &rc->enc;

	if (!f || n == 0 || !(size > 0 && size <= 1000))
		return;
	b->len = 0;
	b->failed = 0;
	if (!ps->in_text) {
		pdf_buf_put(b, "BT\n", 3);
		ps->in_text = 1;
		ps->face = PDF_FACE_COUNT;
		ps->rgb = ~0UL;
	}
	if (ps->face != face || ps->size != size) {
		const char *name = pdf_font_use_resource(rc->use, ps->page, face);

		if (!name)
			return;
		pdf_buf_font(b, name, size);
		ps->face = face;
		ps->size = size;
	}
	if (ps->rgb != rgb) {
		for (int sh = 16; sh >= 0; sh -= 8) {
			pdf_buf_fixed(b, ((rgb >> sh) & 0xFF) / 255.0, 4);
			pdf_buf_put(b, " ", 1);
		}
		pdf_buf_put(b, "rg\n", 3);
		ps->rgb = rgb;
	}
	if (at) {
		pdf_buf_put(b, "1 0 0 1 ", 8);
		pdf_buf_fixed(b, at[0], 3);
		pdf_buf_put(b, " ", 1);
		pdf_buf_fixed(b, at[1], 3);
		pdf_buf_put(b, " Tm\n", 4);
	}
	if (!pdf_font_use_show_dir(rc->use, ps->page, face, size, f, n, rc->text_dir, b) ||
	    b->failed) {
		rc->nomem = 1;
		return;
	}
	pdf_page_write(ps->page, b->p, b->len);
}

/* Draws one run of text: shaped glyphs (fonts.c) written into the page's
 * content stream. The text object stays open across runs so that font and
 * colour are only set when they change. */
void pdf_draw_text(pdf_render_ctx *rc, pdf_page_state *ps, pdf_face face, double size,
                   unsigned long rgb, double x, double y, const char *s, size_t len)
{
	double at[2] = {x, y};

	draw_run(rc, ps, face, size, rgb, at, s, len);
}

/* A line that ends in a hyphen the layout added: the hyphen is marked as a
 * soft hyphen (U+00AD, the convention of ISO 32000-1 14.8.2.2.3), so that
 * the word reads and copies as one. ps's marked content (the element's,
 * inside the text object) is split around it. */
static void draw_hyphenated(pdf_render_ctx *rc, pdf_page_state *ps, const pdf_op *op)
{
	int mark = ps->mark;

	pdf_draw_text(rc, ps, op->face, op->size, op->rgb, op->x, op->y, op->text, op->len - 1);
	if (mark <= 0 || !ps->in_text || !ps->mark_in_text) {
		draw_run(rc, ps, op->face, op->size, op->rgb, NULL, "-", 1);
		return;
	}
	pdf_tags_mark_end(rc->tags, ps->page);
	pdf_tags_mark_begin_actual(rc->tags, ps->page, mark, "<FEFF00AD>");
	draw_run(rc, ps, op->face, op->size, op->rgb, NULL, "-", 1);
	pdf_tags_mark_end(rc->tags, ps->page);
	pdf_tags_mark_begin(rc->tags, ps->page, mark);
}

static void draw_rule(pdf_page_state *ps, const pdf_op *op)
{
	pdf_set_fill(ps->page, op->rgb);
	ps->rgb = ~0UL;
	HPDF_Page_Rectangle(ps->page, (HPDF_REAL)op->x, (HPDF_REAL)op->y, (HPDF_REAL)op->w,
	                    (HPDF_REAL)op->h);
	HPDF_Page_Fill(ps->page);
}

static void draw_link(pdf_render_ctx *rc, pdf_page_state *ps, const pdf_op *op, int elem)
{
	HPDF_Rect r = {(HPDF_REAL)op->x, (HPDF_REAL)op->y, (HPDF_REAL)(op->x + op->w),
	               (HPDF_REAL)(op->y + op->h)};
	HPDF_Annotation a;

	if (!op->url || !*op->url)
		return;
	a = HPDF_Page_CreateURILinkAnnot(ps->page, r, op->url);
	HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	if (elem > 0)
		pdf_tags_annot(rc->tags, ps->page, elem, a, op->url);
}

/* Loads src once per document. A file libharu still rejects is a warning. */
static HPDF_Image load_image(pdf_render_ctx *rc, const char *src)
{
	pdf_image_slot *slot = image_slot(rc, src);

	if (!slot || !slot->usable || slot->loaded)
		return slot ? slot->img : NULL;
	slot->loaded = 1;
	rc->hpdf_code = HPDF_OK;
	rc->soft = 1;
	if (slot->jpeg)
		slot->img = HPDF_LoadJpegImageFromMem(rc->pdf, (const HPDF_BYTE *)slot->jpeg_data,
		                                      (HPDF_UINT)slot->jpeg_len);
	else
		slot->img = pdf_png_image(rc->pdf, &slot->png);
	rc->soft = 0;
	pdf_png_free(&slot->png); /* libharu has its copy */
	free(slot->jpeg_data);
	slot->jpeg_data = NULL;
	if (!slot->img) {
		HPDF_ResetError(rc->pdf);
		rc->host->warn(rc->host, "image %s could not be read (libharu error 0x%04X)", src,
		               (unsigned)rc->hpdf_code);
	}
	return slot->img;
}

static void draw_image(pdf_render_ctx *rc, pdf_page_state *ps, const pdf_op *op)
{
	HPDF_Image img = op->url ? load_image(rc, op->url) : NULL;

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
	/* The title as a PDF text string, not through libharu's UTF-8 encoder
	 * (whose tables cost a quarter of a megabyte per document). */
	o = HPDF_CreateOutline(rc->pdf, parent, "", NULL);
	HPDF_Dict_Add(o, "Title", pdf_text_string(rc->pdf->mmgr, op->text));
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
	rc->hpdf_code = HPDF_OK;
	rc->soft = 1;
	img = NULL;
	if (pdf_png_decode(logo, PDF_IMAGE_MAX_SIDE, PDF_IMAGE_MAX_PIXELS, &rc->logo)) {
		w = rc->logo.w;
		h = rc->logo.h;
		img = pdf_png_image(rc->pdf, &rc->logo);
	}
	pdf_png_free(&rc->logo);
	rc->soft = 0;
	if (!img) {
		HPDF_ResetError(rc->pdf);
		rc->host->warn(rc->host, "the profile's logo %s could not be read", logo);
		return;
	}
	w = h > 0 ? w / h : 1; /* the aspect */
	h = maxh > 40 ? 40 : maxh;
	w = h * w;
	if (w > maxw) {
		h = h * maxw / w;
		w = maxw;
	}
	pdf_mark(rc, ps, PDF_MARK_LAYOUT, 0);
	HPDF_Page_DrawImage(ps->page, img, (HPDF_REAL)(s->page_width - s->margin_right - w),
	                    (HPDF_REAL)(s->page_height - s->margin_top + 8), (HPDF_REAL)w,
	                    (HPDF_REAL)h);
}

/* The layout's structure elements in rc->tags, in the layout's order (its
 * reading order); rc->elem_ids maps one to the other. 0 when out of
 * memory. */
static int make_tree(pdf_render_ctx *rc)
{
	const pdf_layout *l = &rc->layout;

	rc->elem_ids = calloc(l->nelems ? l->nelems : 1, sizeof *rc->elem_ids);
	if (!rc->elem_ids)
		return 0;
	for (size_t i = 1; i < l->nelems; i++) {
		const pdf_elem *e = &l->elems[i];
		pdf_tag_attrs a = {
		    .alt = e->alt, .lang = e->lang, .actual = e->actual, .scope = e->scope};
		int parent = e->parent >= 0 && (size_t)e->parent < i ? rc->elem_ids[e->parent] : 0;

		rc->elem_ids[i] = pdf_tags_add(rc->tags, parent, e->role, &a);
		if (rc->elem_ids[i] < 0)
			return 0;
	}
	return 1;
}

/* What op's content is in the structure tree: its element, or an artifact
 * (decoration: rules, bullets, list numbers). Content the layout left at
 * the document's root gets a paragraph of its own. */
static int op_mark(pdf_render_ctx *rc, const pdf_op *op)
{
	if (op->elem == PDF_ELEM_ARTIFACT || op->elem < 0 || (size_t)op->elem >= rc->layout.nelems)
		return PDF_MARK_LAYOUT;
	if (op->elem > 0)
		return rc->elem_ids[op->elem];
	return pdf_tags_add(rc->tags, 0, op->kind == PDF_OP_IMAGE ? "Figure" : "P", NULL);
}

folio_status pdf_draw_all(pdf_render_ctx *rc, folio_error *err)
{
	int np = rc->layout.pages;
	pdf_page_state *ps = rc->ps = calloc((size_t)np, sizeof *ps);
	HPDF_Outline last[7] = {0};

	if (!ps || !make_tree(rc))
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	for (int p = 0; p < np; p++) {
		ps[p].page = rc->pages[p];
		ps[p].face = PDF_FACE_COUNT;
		ps[p].rc = rc;
	}
	for (size_t i = 0; i < rc->layout.count; i++) {
		const pdf_op *op = &rc->layout.ops[i];
		pdf_page_state *pg;

		if (op->page < 0 || op->page >= np)
			continue;
		pg = &ps[op->page];
		if (op->kind == PDF_OP_TEXT && op->text && op->face < PDF_FACE_COUNT) {
			rc->text_dir = op->dir;
			pdf_mark(rc, pg, op_mark(rc, op), 1);
			if (op->hyphen && op->len > 1)
				draw_hyphenated(rc, pg, op);
			else
				pdf_draw_text(rc, pg, op->face, op->size, op->rgb, op->x, op->y,
				              op->text, op->len);
			if (op->space_after && pg->in_text)
				draw_run(rc, pg, op->face, op->size, op->rgb, NULL, " ", 1);
			rc->text_dir = -1;
		} else if (op->kind == PDF_OP_RULE) {
			pdf_mark(rc, pg, op_mark(rc, op), 0);
			draw_rule(pg, op);
		} else if (op->kind == PDF_OP_LINK) {
			draw_link(rc, pg, op, op->elem > 0 ? op_mark(rc, op) : 0);
		} else if (op->kind == PDF_OP_IMAGE) {
			pdf_mark(rc, pg, op_mark(rc, op), 0);
			draw_image(rc, pg, op);
		} else if (op->kind == PDF_OP_ANCHOR) {
			add_anchor(rc, last, op);
		}
	}
	for (int p = 0; p < np; p++)
		pdf_draw_footer(rc, &ps[p], p);
	if (np > 0 && !rc->tri) /* a tri-fold has its logo on the cover */
		draw_logo(rc, &ps[0]);
	if (rc->bi && pdf_bilingual_second_front(rc->bi) > 0) /* flip: the other cover */
		draw_logo(rc, &ps[pdf_bilingual_second_front(rc->bi)]);
	pdf_qr_render_draw(rc, ps, np);
	for (int p = 0; p < np; p++)
		pdf_end_text(&ps[p]);
	pdf_mark_close(rc);
	return FOLIO_OK;
}
