/* folio pdf plugin — the QR code (see qr.h): libqrencode's modules merged
 * into horizontal runs and drawn as one filled path. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "folio/present.h"
#include "qr.h"
#include "render.h"

#define QR_CAPTION_SIZE   8.0
#define QR_CAPTION_GAP    3.0  /* quiet zone's bottom edge to the caption's cap height */
#define QR_TEXT_GAP       10.0 /* the article's last line to the code */
#define QR_HANDOUT_MODULE 1.9  /* points per module on a handout: ~4 px at 150 dpi */
#define QR_INK            0x000000UL
#define QR_CAPTION_RGB    0x4a4a4aUL

const char *const pdf_qr_choices[] = {"url", "site", "none", NULL};

const char *pdf_qr_target(const folio_doc *doc, const folio_profile *p, const char *mode,
                          int *fell_back)
{
	const char *url = folio_doc_get(doc, FOLIO_META_URL);
	const char *site = p ? folio_profile_get(p, FOLIO_PROFILE_WEBSITE) : NULL;

	*fell_back = 0;
	if (!mode || strcmp(mode, "none") == 0)
		return NULL;
	if (strcmp(mode, "url") == 0 && url && *url)
		return url;
	if (site && *site)
		return site;
	*fell_back = strcmp(mode, "site") == 0;
	return NULL;
}

pdf_qr *pdf_qr_make(const char *url, folio_error *err)
{
	QRcode *code = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	pdf_qr *qr = NULL;
	size_t n;

	if (!code) {
		if (errno == ENOMEM)
			folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		else
			folio_error_set(err, FOLIO_ERR_LIMIT, NULL, 0, 0,
			                "the address (%zu bytes) is too long for a QR code",
			                strlen(url));
		return NULL;
	}
	n = (size_t)code->width * (size_t)code->width;
	qr = calloc(1, sizeof *qr);
	if (qr) {
		qr->dark = malloc(n);
		qr->url = strdup(url);
	}
	if (!qr || !qr->dark || !qr->url) {
		pdf_qr_free(qr);
		QRcode_free(code);
		folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		return NULL;
	}
	qr->modules = code->width;
	for (size_t i = 0; i < n; i++)
		qr->dark[i] = code->data[i] & 1; /* bit 0: dark; the others say why */
	qr->page = -1;
	QRcode_free(code);
	return qr;
}

void pdf_qr_free(pdf_qr *qr)
{
	if (!qr)
		return;
	free(qr->dark);
	free(qr->url);
	free(qr->alt);
	free(qr);
}

size_t pdf_qr_runs(const pdf_qr *qr, pdf_qr_run_fn fn, void *ctx)
{
	size_t count = 0;
	int w = qr->modules;

	for (int y = 0; y < w; y++) {
		const unsigned char *row = qr->dark + (size_t)y * (size_t)w;

		for (int x = 0; x < w;) {
			int x0 = x;

			if (!row[x]) {
				x++;
				continue;
			}
			while (x < w && row[x])
				x++;
			if (fn)
				fn(ctx, y, x0, x - x0);
			count++;
		}
	}
	return count;
}

/* 1 when row y holds the maximal run x0..x0+n (dark there, light or the
 * edge on both sides). */
static int same_run(const pdf_qr *qr, int y, int x0, int n)
{
	const unsigned char *row = qr->dark + (size_t)y * (size_t)qr->modules;

	if ((x0 > 0 && row[x0 - 1]) || (x0 + n < qr->modules && row[x0 + n]))
		return 0;
	for (int x = x0; x < x0 + n; x++)
		if (!row[x])
			return 0;
	return 1;
}

size_t pdf_qr_rects(const pdf_qr *qr, pdf_qr_rect_fn fn, void *ctx)
{
	int w = qr->modules;
	unsigned char *done = calloc((size_t)w * (size_t)w, 1); /* modules drawn */
	size_t count = 0;

	if (!done)
		return 0;
	for (int y = 0; y < w; y++) {
		const unsigned char *row = qr->dark + (size_t)y * (size_t)w;

		for (int x = 0; x < w;) {
			int x0 = x, h = 1;

			if (!row[x]) {
				x++;
				continue;
			}
			while (x < w && row[x])
				x++;
			if (done[(size_t)y * (size_t)w + (size_t)x0])
				continue; /* the lower part of a rectangle above */
			while (y + h < w && same_run(qr, y + h, x0, x - x0)) {
				memset(done + (size_t)(y + h) * (size_t)w + (size_t)x0, 1, (size_t)(x - x0));
				h++;
			}
			fn(ctx, y, x0, x - x0, h);
			count++;
		}
	}
	free(done);
	return count;
}

double pdf_qr_side(const pdf_qr *qr, double min_module)
{
	double side = (qr->modules + 2 * PDF_QR_QUIET) * min_module;

	return side < PDF_QR_MIN_SIDE ? PDF_QR_MIN_SIDE : side;
}

const char *pdf_qr_caption(const folio_doc *doc)
{
	return folio_text(folio_doc_get(doc, FOLIO_META_LANG), FOLIO_TEXT_READ_ONLINE);
}

int pdf_qr_push_op(pdf_layout *l, const pdf_op *op)
{
	if (l->count == l->capacity) {
		size_t cap = l->capacity ? l->capacity * 2 : 64;
		pdf_op *ops = realloc(l->ops, cap * sizeof *ops);

		if (!ops)
			return 0;
		l->ops = ops;
		l->capacity = cap;
	}
	l->ops[l->count++] = *op;
	return 1;
}

/* ---- glue with the render ------------------------------------------------------------- */

folio_status pdf_qr_render_make(pdf_render_ctx *rc, const folio_options *o, folio_error *err)
{
	const char *mode = folio_opt_string(o, "qr");
	int fell_back;
	const char *url = pdf_qr_target(rc->doc, rc->host->profile, mode, &fell_back);

	rc->qr = NULL;
	if (fell_back)
		rc->host->warn(rc->host, "qr=site: the profile has no website; no QR code");
	if (!url)
		return FOLIO_OK;
	rc->qr = pdf_qr_make(url, err);
	if (rc->qr || err->code == FOLIO_ERR_NOMEM)
		return rc->qr ? FOLIO_OK : err->code;
	/* A url no QR code can hold is no reason to refuse the leaflet. */
	rc->host->warn(rc->host, "%s; no QR code printed", err->message);
	folio_error_clear(err);
	return FOLIO_OK;
}

/* The lowest ink on page p of l: text descends about a quarter of its size
 * under its baseline; rules and images start at y. The page top when p is
 * empty. */
static double lowest_ink(const pdf_render_ctx *rc, int p, double top, double x0, double x1)
{
	const pdf_layout *l = &rc->layout;
	double low = top;

	for (size_t i = 0; i < l->count; i++) {
		const pdf_op *op = &l->ops[i];
		double y, w = op->w;

		if (op->page != p)
			continue;
		if (op->kind == PDF_OP_TEXT) {
			y = op->y - op->size * 0.25;
			w = pdf_fonts_width(rc->fonts, op->face, op->text, op->len) * op->size / 1000.0;
		} else if (op->kind == PDF_OP_RULE || op->kind == PDF_OP_IMAGE) {
			y = op->y;
		} else {
			continue;
		}
		if (op->x + w <= x0 || op->x >= x1)
			continue; /* beside the code: the column, when the code is in the rail */
		if (y < low)
			low = y;
	}
	return low;
}

/* The width of the quiet zone of qr drawn at its side, in points. */
static double quiet_pt(const pdf_qr *qr)
{
	return PDF_QR_QUIET * qr->side / (qr->modules + 2.0 * PDF_QR_QUIET);
}

/* qr->alt, made once: "QR code: " and the URL. 0 when out of memory. */
static int make_alt(pdf_qr *qr)
{
	static const char lead[] = "QR code: ";
	size_t n = strlen(qr->url);

	if (!qr->alt) {
		qr->alt = malloc(sizeof lead + n);
		if (!qr->alt)
			return 0;
		memcpy(qr->alt, lead, sizeof lead - 1);
		memcpy(qr->alt + sizeof lead - 1, qr->url, n + 1);
	}
	return 1;
}

int pdf_qr_tag(pdf_qr *qr, pdf_layout *l, int parent)
{
	if (!make_alt(qr))
		return -1;
	qr->elem = pdf_layout_add_elem(l, parent, "Figure", qr->alt);
	return qr->elem < 0 ? -1 : pdf_layout_add_elem(l, qr->elem, "Caption", NULL);
}

static folio_status push_caption(pdf_render_ctx *rc, folio_error *err)
{
	const char *cap = pdf_qr_caption(rc->doc);
	double w = pdf_fonts_width(rc->fonts, PDF_FACE_REGULAR, cap, strlen(cap)) *
	           QR_CAPTION_SIZE / 1000.0;
	pdf_op op = {.kind = PDF_OP_TEXT,
	             .page = rc->qr->page,
	             .face = PDF_FACE_REGULAR,
	             .size = QR_CAPTION_SIZE,
	             .rgb = QR_CAPTION_RGB,
	             .text = cap,
	             .len = strlen(cap)};

	op.x = rc->qr->x + (rc->qr->side - w) / 2;
	op.y = rc->qr->y - QR_CAPTION_GAP - QR_CAPTION_SIZE * 0.72;
	op.elem = pdf_qr_tag(rc->qr, &rc->layout, 0);
	if (op.elem < 0 || !pdf_qr_push_op(&rc->layout, &op))
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	return FOLIO_OK;
}

int pdf_qr_closing(pdf_render_ctx *rc, pdf_closing *c)
{
	pdf_qr *qr = rc->qr;

	if (!qr)
		return 1;
	if (!make_alt(qr))
		return 0;
	qr->side = pdf_qr_side(qr, QR_HANDOUT_MODULE);
	c->qr_side = qr->side;
	c->qr_quiet = quiet_pt(qr);
	c->qr_alt = qr->alt;
	c->qr_caption = pdf_qr_caption(rc->doc);
	c->qr_caption_size = QR_CAPTION_SIZE;
	return 1;
}

folio_status pdf_qr_render_place(pdf_render_ctx *rc, folio_error *err)
{
	const pdf_style *s = &rc->style;
	pdf_qr *qr = rc->qr;
	double top = s->page_height - s->margin_top;
	int last = rc->layout.pages - 1;

	if (!qr || qr->page >= 0 || last < 0)
		return FOLIO_OK;
	if (rc->layout.qr_placed) { /* the closing panel has it, caption and all */
		qr->page = rc->layout.qr_page;
		qr->x = rc->layout.qr_x;
		qr->y = rc->layout.qr_y;
		qr->elem = rc->layout.qr_elem;
		return FOLIO_OK;
	}
	qr->side = pdf_qr_side(qr, QR_HANDOUT_MODULE);
	/* Above the footer's rule and the caption; the dark modules' right edge
	 * on the right margin (the white quiet zone may reach into it). */
	qr->y = s->margin_bottom + s->footer_height + 8 + QR_CAPTION_GAP + QR_CAPTION_SIZE + 2;
	qr->x = s->page_width - s->margin_right - qr->side + quiet_pt(qr);
	/* The top quiet zone may overlap the gap under the text: it is white. */
	if (lowest_ink(rc, last, top, qr->x, qr->x + qr->side) - QR_TEXT_GAP <
	    qr->y + qr->side - quiet_pt(qr))
		last = rc->layout.pages++; /* a page of its own, with the footer */
	qr->page = last;
	return push_caption(rc, err);
}

/* The rectangles as content-stream text (ctx: a qr_text), in module units:
 * the matrix scales them, so the content holds small integers ("3 20 5 1
 * re") that compress to a third of the placed coordinates. There are no
 * more rectangles than runs, each at most QR_RECT_TEXT bytes. */
#define QR_RECT_TEXT 32

typedef struct qr_text {
	char *p;
	size_t len;
	int modules;
} qr_text;

static void rect_text(void *ctx, int row, int x0, int n, int h)
{
	qr_text *t = ctx;

	t->len += (size_t)snprintf(t->p + t->len, QR_RECT_TEXT, "%d %d %d %d re\n", x0,
	                           t->modules - row - h, n, h);
}

void pdf_qr_render_draw(pdf_render_ctx *rc, pdf_page_state *ps, int np)
{
	const pdf_qr *qr = rc->qr;
	qr_text text = {0};
	HPDF_Page page;
	double m;

	for (int p = 0; p < np; p++)
		pdf_end_text(&ps[p]);
	if (!qr || qr->page < 0 || qr->page >= np)
		return;
	page = ps[qr->page].page;
	text.modules = qr->modules;
	text.p = rc->qr_text = malloc(pdf_qr_runs(qr, NULL, NULL) * QR_RECT_TEXT + 3);
	if (!text.p || pdf_qr_rects(qr, rect_text, &text) == 0)
		return; /* out of memory: a leaflet without its code */
	memcpy(text.p + text.len, "f\n", 2);
	text.len += 2;
	m = qr->side / (qr->modules + 2.0 * PDF_QR_QUIET);
	/* libharu sets up the matrix and the colour; the rectangles (one per
	 * run of dark modules, in module units) go into the content stream as
	 * they are, rather than through 3,500 libharu calls. */
	pdf_mark(rc, &ps[qr->page], qr->elem > 0 ? rc->elem_ids[qr->elem] : PDF_MARK_LAYOUT, 0);
	HPDF_Page_GSave(page);
	HPDF_Page_Concat(page, (HPDF_REAL)m, 0, 0, (HPDF_REAL)m,
	                 (HPDF_REAL)(qr->x + PDF_QR_QUIET * m), (HPDF_REAL)(qr->y + PDF_QR_QUIET * m));
	pdf_set_fill(page, QR_INK);
	pdf_page_write(page, text.p, text.len);
	HPDF_Page_GRestore(page);
	ps[qr->page].rgb = ~0UL;
}
