/* folio pdf plugin — one render's state, shared by pdf.c (options, style,
 * the render itself), draw.c (drawing the layout's operations with libharu)
 * and footer.c (the running footer).
 *
 * A pdf_render_ctx lives for one call of render and belongs to it; nothing
 * in it is shared with other threads except state, whose fonts are
 * read-only and whose dictionaries are loaded under its lock (pdf.c).
 */
#ifndef FOLIO_PDF_RENDER_H
#define FOLIO_PDF_RENDER_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>

#include "folio/plugin.h"
#include "fonts.h"
#include "pdf_layout.h"
#include "tags.h"
#include "png_decode.h"
#include "width_cache.h"

#define PDF_FOOTER_MAX_DISCLAIMER 5

/* The largest side, in pixels, of an image folio embeds (PNG and JPEG alike):
 * a bound on what decoding one can cost. */
#define PDF_IMAGE_MAX_SIDE 10000
/* The most pixels of a PNG folio decodes (an 8000 x 6000 photograph): within
 * the sides, a 10,000 x 10,000 picture of one colour is a few hundred
 * kilobytes that inflate to 400 MB. JPEGs are embedded without decoding. */
#define PDF_IMAGE_MAX_PIXELS 48000000u

typedef struct pdf_state pdf_state;

/* One image of the document, probed once (pdf_image_size) and loaded once. */
typedef struct pdf_image_slot {
	const char *src;  /* as written in the document (owned by it) */
	int usable;       /* a PNG libpng decodes cleanly, or a JPEG with a size */
	int jpeg;
	double w, h;      /* pixels */
	pdf_png png;      /* a PNG's pixels, from the probe until it is drawn */
	char *jpeg_data;  /* a JPEG's bytes, read once at the probe, until loaded */
	size_t jpeg_len;
	int loaded;       /* img tried */
	HPDF_Image img;   /* NULL until loaded, or when libharu refused it */
} pdf_image_slot;

/* What a render makes: a handout (pages), a tri-fold (one sheet, folded in
 * three) or a bilingual leaflet (bilingual=columns|flip). Exactly one. */
typedef enum pdf_product {
	PDF_PRODUCT_HANDOUT,
	PDF_PRODUCT_TRIFOLD,
	PDF_PRODUCT_BILINGUAL,
} pdf_product;

typedef struct pdf_render_ctx {
	pdf_state *state;       /* the plugin's, shared with other renders */
	const pdf_fonts *fonts; /* state's fonts (read-only) */
	const folio_doc *doc;
	const folio_host *host;
	pdf_style style;
	pdf_metrics metrics;
	/* the language of the disclaimer's text (folio_profile_disclaimer: it
	 * may be a fallback in another language); NULL for a single text */
	const char *disclaimer_lang;
	pdf_width_cache *widths; /* the words measured so far */
	pdf_shaped *shaped;      /* their glyphs, drawn from too */
	pdf_layout layout;
	pdf_font_use *use;
	HPDF_Doc pdf;
	HPDF_Page *pages;
	/* libharu's error handler longjmps here, so whatever the drawing
	 * allocates is held below and freed by ctx_free. */
	jmp_buf jb;
	HPDF_STATUS hpdf_code, hpdf_detail;
	/* save: where libharu writes the file, and what the sink last said */
	folio_sink *out;
	folio_status out_status;
	int soft; /* loading an image: an error is recorded, not raised */
	struct pdf_page_state *ps; /* one per page while drawing */
	char *qr_text;             /* the QR code's rectangles */
	pdf_png logo;              /* the profile's logo while it is loaded */
	/* text folding and encoding scratch */
	char *fold;
	size_t fold_cap;
	pdf_buf enc; /* one run's content-stream text */
	unsigned missing;
	uint32_t missing_cp; /* the first character no font has (pdf_fold_text) */
	int text_dir;        /* pdf_draw_text's base direction (pdf_op.dir); -1 auto */
	int nomem; /* a run could not be drawn for want of memory */
	/* images, loaded once each */
	pdf_image_slot *images;
	size_t nimages;
	/* the footer, composed once; page numbers are added per page */
	const char *clinic;
	char contact[600];
	int contact_below; /* contact details on their own line */
	char *disclaimer[PDF_FOOTER_MAX_DISCLAIMER]; /* a bilingual leaflet's */
	size_t ndisclaimer;
	/* a handout's closing panel (style.closing) and its strings (owned) */
	pdf_closing closing;
	char *closing_phone, *closing_lines;
	int french;
	/* The one product this render makes, picked by pdf_render from the
	 * options before anything is laid out. */
	pdf_product product;
	/* bilingual=columns|flip: the two halves (bilingual.c); NULL otherwise.
	 * Owned by the render (ctx_free). */
	struct pdf_bilingual *bi;
	/* layout=trifold (trifold.c) and the QR code (qr.c); NULL when not
	 * drawn. Owned by the render (ctx_free). */
	struct pdf_trifold *tri;
	struct pdf_qr *qr;
	/* The structure tree (tags.c) and, per element of the layout, its
	 * number there; the page whose marked content is open. Owned by the
	 * render (ctx_free). */
	pdf_tags *tags;
	int *elem_ids;
	struct pdf_page_state *marked;
} pdf_render_ctx;

/* What the content being drawn is: an element of the structure tree
 * (its number in rc->tags, >= 1) or an artifact of one kind. */
#define PDF_MARK_NONE       0
#define PDF_MARK_LAYOUT     (-1) /* rules, fold marks, bars, the logo */
#define PDF_MARK_PAGINATION (-2) /* the running footer, page numbers */

/* The text state of one page while drawing: BT/ET are opened lazily and font
 * and colour are only set when they change. */
typedef struct pdf_page_state {
	HPDF_Page page;
	int in_text;
	pdf_face face;
	double size;
	unsigned long rgb;
	int mark;         /* the open marked content (PDF_MARK_NONE: none) */
	int mark_in_text; /* it was opened inside the text object */
	struct pdf_render_ctx *rc;
} pdf_page_state;

/* One piece of footer text, placed. */
typedef struct pdf_footer_item {
	const char *text;
	pdf_face face;
	double size, x, y;
	unsigned long rgb;
} pdf_footer_item;

/* ---- draw.c ---------------------------------------------------------------- */

/* Folds text for face into rc's scratch buffer (valid until the next call).
 * NULL when out of memory. */
const char *pdf_fold_text(pdf_render_ctx *rc, pdf_face face, const char *s, size_t len,
                          size_t *out_len);
/* pdf_metrics.image_size: ctx is the pdf_render_ctx. */
int pdf_image_size(void *ctx, const char *src, double *w, double *h);
void pdf_set_fill(HPDF_Page page, unsigned long rgb);
/* Appends content-stream text to the page's stream (outside a text object
 * unless the caller opened one). */
void pdf_page_write(HPDF_Page page, const char *s, size_t n);
/* Ends the text object (and marked content opened inside it). */
void pdf_end_text(pdf_page_state *ps);
/* What is drawn next on ps belongs to mark (an element number or an
 * artifact kind, above): continues the open marked content when it is the
 * same, else closes it and opens one. text: text follows (the marked content
 * goes inside a text object, which stays open across runs), else graphics
 * (outside any text object). Every drawing call comes after one. */
void pdf_mark(pdf_render_ctx *rc, pdf_page_state *ps, int mark, int text);
/* Closes the open marked content, on whichever page it is. */
void pdf_mark_close(pdf_render_ctx *rc);
void pdf_draw_text(pdf_render_ctx *rc, pdf_page_state *ps, pdf_face face, double size,
                   unsigned long rgb, double x, double y, const char *s, size_t len);
/* Pages must exist (rc->pages); draws every op, the footers and the logo. */
folio_status pdf_draw_all(pdf_render_ctx *rc, folio_error *err);

/* ---- footer.c ---------------------------------------------------------------- */

/* Appends sep and s to the string in buf (size n) when s is not empty. */
void pdf_append(char *buf, size_t n, const char *sep, const char *s);
/* 1 when the BCP 47 tag lang is prefix or starts with prefix + '-'. */
int pdf_lang_is(const char *lang, const char *prefix);
/* Composes the footer from the profile and sets style.footer_height.
 * 0 when out of memory. */
int pdf_footer_setup(pdf_render_ctx *rc);
/* A handout's closing panel from the profile: the heading, phone, website
 * and hours, the disclaimer (the hours and disclaimer in the article's
 * language, else marked with the language of the fallback) and the QR code (rc->qr, made before); sets style.closing.
 * 0 when out of memory. */
int pdf_closing_setup(pdf_render_ctx *rc);
/* The footer of page (0-based) into items (room for 3 + the disclaimer's
 * lines); page_label is the caller's buffer. Returns the count. */
size_t pdf_footer_items(const pdf_render_ctx *rc, int page, char *page_label, size_t label_n,
                        pdf_footer_item *items);
void pdf_draw_footer(pdf_render_ctx *rc, pdf_page_state *ps, int page);

#endif
