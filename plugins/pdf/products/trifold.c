/* folio pdf plugin — the tri-fold brochure (see trifold.h): the article laid
 * out panel by panel, the cover, the back panel and the fold marks. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "folio/present.h"
#include "trifold.h"
#include "linebreak.h"

#define PT_PER_IN 72.0
#define PT_PER_MM (72.0 / 25.4)

#define PANEL_PAD    24.0 /* text to a panel's side edges */
#define PANEL_TOP    40.0 /* sheet top to the first line's box */
#define PANEL_BOTTOM 36.0 /* last line to the sheet bottom */
#define MARK_LEN     14.0 /* fold marks: length, distance from the edge, colour */
#define MARK_EDGE    6.0
#define MARK_W       0.5
#define MARK_RGB     0x8a8a8aUL
#define TEXT_RGB     0x1a1a1aUL
#define GREY_RGB     0x555555UL
#define WHITE_RGB    0xffffffUL
#define SHRINK_STEP  0.5
#define QR_MODULE    2.2 /* points per module on the back panel */

const char *const pdf_layout_choices[] = {"handout", "trifold", NULL};

void pdf_trifold_geometry(int a4, pdf_trifold_geom *g)
{
	/* The narrow panel folds in: c inside, its other side (the flap) outside. */
	double wide = a4 ? 100 * PT_PER_MM : 3.6875 * PT_PER_IN;
	double narrow = a4 ? 97 * PT_PER_MM : 3.625 * PT_PER_IN;
	const double w[2][3] = {{wide, wide, narrow}, {narrow, wide, wide}};

	g->sheet_w = 2 * wide + narrow;
	g->sheet_h = a4 ? 210 * PT_PER_MM : 8.5 * PT_PER_IN;
	for (int s = 0; s < 2; s++) {
		double x = 0;

		for (int p = 0; p < 3; p++) {
			g->x[s][p] = x;
			g->w[s][p] = w[s][p];
			x += w[s][p];
		}
	}
}

void pdf_trifold_free(pdf_trifold *t)
{
	if (!t)
		return;
	pdf_layout_free(&t->article);
	for (size_t i = 0; i < t->nstrs; i++)
		free(t->strs[i]);
	free(t->strs);
	t->strs = NULL;
	t->nstrs = t->cap = 0;
}

/* ---- one layout pass ---------------------------------------------------------------------- */

typedef struct tf {
	pdf_trifold *t;
	const pdf_trifold_input *in;
	const pdf_style *st;
	const pdf_metrics *m;
	pdf_layout *out;
	int french;
	const char *lang; /* the article's, for the catalogue (folio/present.h) */
	int cur;          /* the structure element text ops belong to */
	int disc_lines;   /* the disclaimer's lines when they do not fit the back panel */
	int oom;
} tf;

/* A copy of s (n bytes) owned by t. NULL when out of memory. */
static const char *keep(tf *c, const char *s, size_t n)
{
	pdf_trifold *t = c->t;
	char *copy;

	if (t->nstrs == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 32;
		char **v = realloc(t->strs, cap * sizeof *v);

		if (!v)
			return NULL;
		t->strs = v;
		t->cap = cap;
	}
	copy = malloc(n + 1);
	if (!copy)
		return NULL;
	memcpy(copy, s, n);
	copy[n] = '\0';
	t->strs[t->nstrs++] = copy;
	return copy;
}

static void push(tf *c, const pdf_op *op)
{
	if (!c->oom && !pdf_qr_push_op(c->out, op))
		c->oom = 1;
}

/* A structure element of the sheet's tree (pdf_layout.h) under parent; the
 * tree reads in the order elements are added, whatever the drawing order.
 * An artifact when out of memory. */
static int elem(tf *c, int parent, const char *role)
{
	int e = pdf_layout_add_elem(c->out, parent, role, NULL);

	if (e < 0) {
		c->oom = 1;
		return PDF_ELEM_ARTIFACT;
	}
	return e;
}

/* The text drawn next belongs to a new element (role under parent). */
static void start(tf *c, int parent, const char *role)
{
	c->cur = elem(c, parent, role);
}

static double width_pt(const tf *c, pdf_face face, double size, const char *s, size_t n)
{
	return c->m->width(c->m->ctx, face, s, n) * size / 1000.0;
}

static void text_op(tf *c, int page, pdf_face face, double size, unsigned long rgb, double x,
                    double y, const char *s, size_t n)
{
	const char *k = keep(c, s, n);
	pdf_op op = {.kind = PDF_OP_TEXT,
	             .page = page,
	             .x = x,
	             .y = y,
	             .face = face,
	             .size = size,
	             .rgb = rgb,
	             .text = k,
	             .len = n,
	             .elem = c->cur};

	if (!k) {
		c->oom = 1;
		return;
	}
	push(c, &op);
}

static void rule_op(tf *c, int page, double x, double y, double w, double h, unsigned long rgb)
{
	pdf_op op = {.kind = PDF_OP_RULE,
	             .page = page,
	             .x = x,
	             .y = y,
	             .w = w,
	             .h = h,
	             .rgb = rgb,
	             .elem = PDF_ELEM_ARTIFACT}; /* rules, bars, fold marks */

	push(c, &op);
}

/* A run of text set in one face: where it goes and how. */
typedef struct tf_text {
	pdf_face face;
	double size, lead; /* points; lead: baseline to baseline */
	unsigned long rgb;
	double x, w; /* the column */
	int center;
	int page; /* -1: measure only */
} tf_text;

typedef struct tf_measure {
	const tf *c;
	const tf_text *f;
} tf_measure;

static double measure_text(void *ctx, const char *s, size_t n)
{
	const tf_measure *m = ctx;

	return width_pt(m->c, m->f->face, m->f->size, s, n);
}

/* Sets s line by line from baseline y downwards (breaking at its newlines,
 * and between words by the body's total-fit breaker, linebreak.c); returns
 * the number of lines. */
static int wrap(tf *c, const tf_text *f, const char *s, double y)
{
	tf_measure m = {c, f};
	double space = width_pt(c, f->face, f->size, " ", 1);
	int lines = 0;

	while (s && *s) {
		const char *nl = strchr(s, '\n');
		size_t para = nl ? (size_t)(nl - s) : strlen(s);
		pdf_lb_span *ln = NULL;
		size_t nln = pdf_lb_wrap_words(s, para, f->w, space, 3.0 * f->size, measure_text, &m,
		                               &ln);

		if (nln == 0 && strspn(s, " ") < para)
			c->oom = 1; /* words, but no lines */
		for (size_t i = 0; i < nln; i++) {
			const char *t = s + ln[i].start;
			double x = f->x;

			if (f->center)
				x += (f->w - width_pt(c, f->face, f->size, t, ln[i].len)) / 2;
			if (f->page >= 0) {
				text_op(c, f->page, f->face, f->size, f->rgb, x, y - lines * f->lead, t,
				        ln[i].len);
				/* the words either side of a line end read apart */
				if (!c->oom && (i + 1 < nln || (nl && nl[1])))
					c->out->ops[c->out->count - 1].space_after = 1;
			}
			lines++;
		}
		free(ln);
		s = nl ? nl + 1 : s + para;
	}
	return lines;
}

/* "https://x.example/" -> "x.example". */
static const char *display_url(tf *c, const char *url)
{
	const char *p = strstr(url, "://");
	size_t n;

	p = p ? p + 3 : url;
	n = strlen(p);
	if (n > 0 && p[n - 1] == '/')
		n--;
	return keep(c, p, n);
}

/* ---- the article in its panels --------------------------------------------------------------- */

/* The style of one panel as a page: the narrow panel's width, the sheet's
 * height, no footer, no title block (the cover has it), sizes times k. */
static pdf_style panel_style(const pdf_style *s, const pdf_trifold_geom *g, double k)
{
	pdf_style p = *s;

	p.page_width = g->w[0][2];
	p.page_height = g->sheet_h;
	p.margin_left = p.margin_right = PANEL_PAD;
	p.margin_top = PANEL_TOP;
	p.margin_bottom = PANEL_BOTTOM;
	p.footer_height = 0;
	p.no_title_block = 1;
	p.body_size *= k;
	p.title_size *= k;
	p.small_size *= k;
	for (int i = 0; i < 6; i++)
		p.heading_size[i] *= k;
	return p;
}

static size_t count_words(const pdf_layout *l)
{
	size_t words = 0;

	for (size_t i = 0; i < l->count; i++) {
		const pdf_op *op = &l->ops[i];
		int in_word = 0;

		if (op->kind != PDF_OP_TEXT || !op->text)
			continue;
		for (size_t k = 0; k < op->len; k++) {
			int letter = op->text[k] != ' ';

			words += letter && !in_word;
			in_word = letter;
		}
	}
	return words;
}

static folio_status too_long(const tf *c, int shrunk, folio_error *err)
{
	const pdf_layout *l = &c->t->article;
	int over = l->pages - PDF_TRIFOLD_PANELS;
	size_t words = count_words(l) * (size_t)over / (size_t)l->pages;
	const char *src = folio_doc_get(c->in->doc, FOLIO_META_SOURCE);

	words = (words + 9) / 10 * 10;
	return folio_error_set(err, FOLIO_ERR_LIMIT, src, 0, 0,
	                       "%sthe article needs %d panels; a tri-fold holds %d: shorten it by "
	                       "about %d panel%s (about %zu words)%s",
	                       shrunk ? "even at 11 pt, " : "", l->pages, PDF_TRIFOLD_PANELS, over,
	                       over == 1 ? "" : "s", words,
	                       shrunk ? "" : ", or use -O shrink=true");
}

/* Lays the article out, smaller and smaller with shrink, until it fits. */
static folio_status fit_article(tf *c, folio_error *err)
{
	double base = c->st->body_size;
	double floor_size = base < PDF_TRIFOLD_SHRINK_FLOOR ? base : PDF_TRIFOLD_SHRINK_FLOOR;

	for (double size = base;; size -= SHRINK_STEP) {
		pdf_style ps = panel_style(c->st, &c->t->g, size / base);
		folio_status st;

		pdf_layout_free(&c->t->article);
		st = pdf_layout_run(c->in->doc, &ps, c->m, c->in->hyph, &c->t->article, err);
		if (st != FOLIO_OK)
			return st;
		c->t->body_size = size;
		c->t->panels = c->t->article.pages;
		if (c->t->article.pages <= PDF_TRIFOLD_PANELS)
			return FOLIO_OK;
		if (!c->in->shrink || size - SHRINK_STEP < floor_size - 1e-9)
			return too_long(c, c->in->shrink && size < base, err);
	}
}

/* An op's width on the sheet (TEXT ops measured). */
static double op_extent(const tf *c, const pdf_op *op)
{
	return op->kind == PDF_OP_TEXT ? width_pt(c, op->face, op->size, op->text, op->len) : op->w;
}

/* A right-to-left brochure opens the other way: the whole sheet is
 * mirrored, panels and folds, cover and back, and the text placed on them
 * comes flush right. */
static void mirror_sheet(tf *c)
{
	for (size_t i = 0; i < c->out->count; i++) {
		pdf_op *op = &c->out->ops[i];

		if (op->kind != PDF_OP_ANCHOR)
			op->x = c->t->g.sheet_w - op->x - op_extent(c, op);
	}
}

/* Layout page k -> inside a, b, c, then the flap; centred in its panel. */
static void place_article(tf *c)
{
	const pdf_trifold_geom *g = &c->t->g;
	const pdf_layout *l = &c->t->article;
	/* the article's own structure, after the cover's */
	int base = pdf_layout_graft(c->out, 0, l);

	if (base < 0) {
		c->oom = 1;
		return;
	}
	for (size_t i = 0; i < l->count; i++) {
		pdf_op op = l->ops[i];
		int side = op.page < 3 ? 0 : 1;
		int panel = op.page < 3 ? op.page : 0;

		op.elem = pdf_layout_graft_elem(base, 0, op.elem);
		op.page = side;
		op.x += g->x[side][panel] + (g->w[side][panel] - g->w[0][2]) / 2;
		/* Right to left: mirrored here within its panel, so that the
		 * sheet's mirroring (mirror_sheet) moves the panel and keeps
		 * the lines as the layout set them. */
		if (l->rtl && op.kind != PDF_OP_ANCHOR)
			op.x = 2 * g->x[side][panel] + g->w[side][panel] - op.x - op_extent(c, &op);
		push(c, &op);
	}
}

/* ---- the outside: cover and back ------------------------------------------------------------- */

static void fold_marks(tf *c)
{
	const pdf_trifold_geom *g = &c->t->g;

	for (int s = 0; s < 2; s++) {
		for (int p = 1; p < 3; p++) {
			double x = g->x[s][p] - MARK_W / 2;

			rule_op(c, s, x, MARK_EDGE, MARK_W, MARK_LEN, MARK_RGB);
			rule_op(c, s, x, g->sheet_h - MARK_EDGE - MARK_LEN, MARK_W, MARK_LEN,
			        MARK_RGB);
		}
	}
}

/* The logo centred under the cover's top edge; returns its height. */
static double cover_logo(tf *c, double x0, double w, double top)
{
	double pw, ph, h = 54, lw;
	pdf_op op = {.kind = PDF_OP_IMAGE, .page = 1, .elem = PDF_ELEM_ARTIFACT}; /* decoration */

	if (!c->in->logo || !c->m->image_size ||
	    !c->m->image_size(c->m->ctx, c->in->logo, &pw, &ph))
		return 0;
	lw = h * pw / ph;
	if (lw > w - 2 * PANEL_PAD) {
		lw = w - 2 * PANEL_PAD;
		h = lw * ph / pw;
	}
	op.x = x0 + (w - lw) / 2;
	op.y = top - h;
	op.w = lw;
	op.h = h;
	op.url = c->in->logo; /* the caller's, alive as long as the profile */
	push(c, &op);
	return h;
}

/* The byline every format prints (folio/present.h). */
static const char *byline(tf *c)
{
	char buf[512];
	size_t len = folio_present_byline(c->in->doc, c->lang, 0, buf, sizeof buf);

	if (len == 0 || len >= sizeof buf)
		return NULL;
	return keep(c, buf, len);
}

/* The title and subtitle of the cover at title size ts (measured only when
 * page is -1); returns the accent block's height. */
static double title_block(tf *c, double bx, double bw, double ts, double top, int page)
{
	const char *title = folio_doc_get(c->in->doc, FOLIO_META_TITLE);
	const char *sub = folio_doc_get(c->in->doc, FOLIO_META_SUBTITLE);
	double ss = c->st->heading_size[3], pad = 18;
	tf_text tt = {PDF_FACE_HEADING, ts, ts * 1.12, WHITE_RGB, bx + pad, bw - 2 * pad, 0, -1};
	tf_text st = {PDF_FACE_ITALIC, ss, ss * 1.3, WHITE_RGB, bx + pad, bw - 2 * pad, 0, -1};
	int nt = wrap(c, &tt, title, 0), ns = wrap(c, &st, sub, 0);
	double h = 2 * pad + nt * tt.lead + (ns ? 10 + ns * st.lead : 0) - (tt.lead - ts);

	if (page < 0)
		return h;
	rule_op(c, page, bx, top - h, bw, h, c->st->accent_rgb);
	tt.page = st.page = page;
	start(c, 0, "H1");
	wrap(c, &tt, title, top - pad - ts * 0.75);
	start(c, 0, "P");
	wrap(c, &st, sub, top - pad - ts * 0.75 - nt * tt.lead - 10 + (tt.lead - ts));
	return h;
}

/* The accent block with the title and subtitle in white, its top at top,
 * the title set smaller when it would take more than room points; returns
 * the block's bottom. */
static double cover_title(tf *c, double x0, double w, double top, double room)
{
	double bx = x0 + 16, bw = w - 32, ts = c->st->title_size * 1.1;

	while (ts > 12 && title_block(c, bx, bw, ts, top, -1) > room)
		ts -= 1;
	return top - title_block(c, bx, bw, ts, top, 1);
}

static void cover(tf *c)
{
	const pdf_trifold_geom *g = &c->t->g;
	double x0 = g->x[1][2], w = g->w[1][2], y = g->sheet_h - 48, block;
	const char *clinic = folio_profile_get(c->in->profile, FOLIO_PROFILE_NAME);
	const char *site = folio_profile_get(c->in->profile, FOLIO_PROFILE_WEBSITE);
	tf_text name = {PDF_FACE_HEADING,  13, 16, c->st->accent_rgb, x0 + PANEL_PAD,
	                w - 2 * PANEL_PAD, 1,  1};
	tf_text by = {PDF_FACE_REGULAR, 10.5, 14, GREY_RGB, x0 + 34, w - 68, 0, 1};
	const char *date = folio_doc_get(c->in->doc, FOLIO_META_DATE);
	const char *summary = folio_doc_get(c->in->doc, FOLIO_META_SUMMARY);
	char when[64];

	y -= cover_logo(c, x0, w, y);
	start(c, 0, "P");
	if (clinic && *clinic)
		y -= 12 + 13 * 0.75 + (wrap(c, &name, clinic, y - 12 - 13 * 0.75) - 1) * name.lead;
	block = g->sheet_h * 0.64;
	if (block > y - 36)
		block = y - 36;
	block = cover_title(c, x0, w, block, block - 130);
	block -= 24;
	start(c, 0, "P");
	block -= wrap(c, &by, byline(c), block) * by.lead;
	if (date && *date) {
		start(c, 0, "P");
		folio_present_date(c->lang, date, when, sizeof when);
		by.face = PDF_FACE_ITALIC;
		by.size = 9.5;
		block -= wrap(c, &by, when, block) * by.lead;
	}
	if (summary && *summary) {
		/* above the rule over the website (or the sheet's margin): a long
		 * summary is set smaller, down to 8 pt, rather than run into it */
		double floor = site && *site ? 58 + 14 : 40;

		by.face = PDF_FACE_REGULAR;
		by.size = 10.5;
		by.lead = 14;
		by.rgb = TEXT_RGB;
		by.page = -1;
		while (by.size > 8 &&
		       block - 12 - (wrap(c, &by, summary, 0) - 1) * by.lead - by.size * 0.25 < floor) {
			by.size -= 0.5;
			by.lead = by.size * 1.33;
		}
		by.page = 1;
		start(c, 0, "P");
		wrap(c, &by, summary, block - 12);
	}
	if (site && *site) {
		rule_op(c, 1, x0 + w / 2 - 30, 58, 60, 0.75, c->st->accent_rgb);
		name.face = PDF_FACE_REGULAR;
		name.size = 10;
		start(c, 0, "P");
		wrap(c, &name, display_url(c, site), 42);
	}
}

/* One contact line (skipped when empty); returns the new baseline. */
static double contact_line(tf *c, tf_text *f, const char *label, const char *value, double y)
{
	char buf[600];
	int parent = c->cur > 0 ? c->out->elems[c->cur].parent : 0;

	if (!value || !*value)
		return y;
	start(c, parent, "P");
	snprintf(buf, sizeof buf, "%s%s", label, value);
	return y - wrap(c, f, buf, y) * f->lead;
}

/* The QR code and its caption centred in the back panel between top and
 * bottom: a Figure under sect, whose alt text names its address. */
static void back_qr(tf *c, int sect, double x0, double w, double top, double bottom)
{
	pdf_qr *qr = c->in->qr;
	const char *cap;
	tf_text f = {PDF_FACE_REGULAR, 8.5, 11, GREY_RGB, x0 + PANEL_PAD, w - 2 * PANEL_PAD, 1, 1};

	if (!qr)
		return;
	qr->side = pdf_qr_side(qr, QR_MODULE);
	/* A long address leaves less room: smaller modules, never under 2 cm. */
	if (qr->side > top - bottom - 14)
		qr->side =
		    top - bottom - 14 > PDF_QR_MIN_SIDE ? top - bottom - 14 : PDF_QR_MIN_SIDE;
	qr->page = 1;
	qr->x = x0 + (w - qr->side) / 2;
	qr->y = (top + bottom + 14 - qr->side) / 2;
	if (qr->y + qr->side > top)
		qr->y = top - qr->side;
	cap = folio_text(c->lang, FOLIO_TEXT_READ_ONLINE);
	c->cur = pdf_qr_tag(qr, c->out, sect); /* the Figure's Caption */
	if (c->cur < 0) {
		c->oom = 1;
		c->cur = PDF_ELEM_ARTIFACT;
	}
	wrap(c, &f, cap, qr->y - 6); /* under the quiet zone, which stays white */
}

/* The disclaimer's size and leading on the back panel: no smaller than 9 pt
 * (issue 17, WCAG's readable print), however long the profile's text. */
#define DISCLAIMER_SIZE 9.0
#define DISCLAIMER_LEAD 11.5

static void back(tf *c)
{
	const pdf_trifold_geom *g = &c->t->g;
	const folio_profile *p = c->in->profile;
	double x0 = g->x[1][1], w = g->w[1][1], y = g->sheet_h - 60;
	tf_text head = {PDF_FACE_HEADING,  15, 18, c->st->accent_rgb, x0 + PANEL_PAD,
	                w - 2 * PANEL_PAD, 0,  1};
	tf_text body = {PDF_FACE_REGULAR,  10, 13.5, TEXT_RGB, x0 + PANEL_PAD,
	                w - 2 * PANEL_PAD, 0,  1};
	tf_text disc = {PDF_FACE_REGULAR, DISCLAIMER_SIZE,   DISCLAIMER_LEAD, GREY_RGB,
	                x0 + PANEL_PAD,   w - 2 * PANEL_PAD, 0,               -1};
	const char *dlang = NULL;
	const char *d = folio_profile_disclaimer(p, c->lang, &dlang);
	const char *site = folio_profile_get(p, FOLIO_PROFILE_WEBSITE);
	int sect = elem(c, 0, "Sect"), nd;

	start(c, sect, "H2");
	wrap(c, &head, folio_text(c->lang, FOLIO_TEXT_CONTACT_US), y);
	rule_op(c, 1, x0 + PANEL_PAD, y - 8, w - 2 * PANEL_PAD, 0.75, c->st->accent_rgb);
	y -= 28;
	body.face = PDF_FACE_BOLD;
	y = contact_line(c, &body, "", folio_profile_get(p, FOLIO_PROFILE_NAME), y);
	body.face = PDF_FACE_REGULAR;
	y = contact_line(c, &body, "", folio_profile_get(p, FOLIO_PROFILE_ADDRESS), y);
	y -= 6;
	y = contact_line(c, &body, c->french ? "T\xC3\xA9l. " : "Tel. ",
	                 folio_profile_get(p, FOLIO_PROFILE_PHONE), y);
	y = contact_line(c, &body, "", folio_profile_get(p, FOLIO_PROFILE_EMAIL), y);
	y = contact_line(c, &body, "", site && *site ? display_url(c, site) : NULL, y);
	nd = wrap(c, &disc, d, 0);
	/* The code gives way to the disclaimer: it shrinks (back_qr) down to
	 * its smallest side; the disclaimer never goes under 9 pt, and one too
	 * long for what is left is an error (pdf_trifold_layout). */
	if (PANEL_BOTTOM + nd * disc.lead + 8 + (c->in->qr ? PDF_QR_MIN_SIDE + 14 : 0) > y - 4)
		c->disc_lines = nd;
	back_qr(c, sect, x0, w, y - 4, PANEL_BOTTOM + nd * disc.lead + 8);
	start(c, sect, "P");
	if (c->cur > 0 && dlang && !pdf_lang_is(c->lang && *c->lang ? c->lang : "en", dlang))
		c->out->elems[c->cur].lang = dlang; /* a fallback in another language */
	disc.page = 1;
	wrap(c, &disc, d, PANEL_BOTTOM + (nd - 1) * disc.lead);
}

/* A flap the article leaves empty becomes an appointment card: the first
 * thing a patient sees on opening the cover. */
static void flap_card(tf *c)
{
	static const folio_text_key labels[] = {FOLIO_TEXT_APPT_DATE, FOLIO_TEXT_APPT_TIME,
	                                        FOLIO_TEXT_APPT_WITH};
	const pdf_trifold_geom *g = &c->t->g;
	double x0 = g->x[1][0] + PANEL_PAD, w = g->w[1][0] - 2 * PANEL_PAD;
	double y = g->sheet_h - 60;
	tf_text head = {PDF_FACE_HEADING, 15, 18, c->st->accent_rgb, x0, w, 0, 1};
	tf_text label = {PDF_FACE_REGULAR, 10, 13, GREY_RGB, x0, w, 0, 1};

	int sect;

	if (c->t->panels >= PDF_TRIFOLD_PANELS)
		return;
	sect = elem(c, 0, "Sect");
	start(c, sect, "H2");
	y -=
	    (wrap(c, &head, folio_text(c->lang, FOLIO_TEXT_NEXT_APPOINTMENT), y) -
	     1) *
	    head.lead;
	rule_op(c, 1, x0, y - 8, w, 0.75, c->st->accent_rgb);
	y -= 40;
	for (int i = 0; i < 3; i++, y -= 34) {
		start(c, sect, "P");
		wrap(c, &label, folio_text(c->lang, labels[i]), y);
		rule_op(c, 1, x0 + 42, y - 2, w - 42, 0.5, MARK_RGB);
	}
	y -= 10;
	start(c, sect, "H2");
	wrap(c, &head, folio_text(c->lang, FOLIO_TEXT_NOTES), y);
	for (y -= 34; y > PANEL_BOTTOM + 10; y -= 26)
		rule_op(c, 1, x0, y, w, 0.5, MARK_RGB);
}

folio_status pdf_trifold_layout(pdf_trifold *t, const pdf_trifold_input *in, const pdf_style *style,
                                const pdf_metrics *m, pdf_layout *out, folio_error *err)
{
	const char *lang = folio_doc_get(in->doc, FOLIO_META_LANG);
	tf c = {.t = t, .in = in, .st = style, .m = m, .out = out};
	folio_status st;

	memset(out, 0, sizeof *out);
	c.lang = lang;
	c.french = lang && strncmp(lang, "fr", 2) == 0 && (lang[2] == '\0' || lang[2] == '-');
	st = fit_article(&c, err);
	if (st != FOLIO_OK)
		return st;
	/* The structure tree reads in the order its elements are made: the
	 * cover, the inside panels (and the flap), the back panel. */
	c.cur = PDF_ELEM_ARTIFACT;
	cover(&c);
	place_article(&c);
	flap_card(&c);
	back(&c);
	fold_marks(&c);
	if (t->article.rtl) {
		mirror_sheet(&c);
		out->rtl = 1;
	}
	if (c.oom)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	if (c.disc_lines)
		return folio_error_set(err, FOLIO_ERR_LIMIT, folio_doc_get(in->doc, FOLIO_META_SOURCE),
		                       0, 0,
		                       "the clinic profile's disclaimer takes %d lines at 9 pt, more "
		                       "than the tri-fold's back panel has room for%s: shorten it",
		                       c.disc_lines, in->qr ? " beside the QR code (or use -O qr=none)" : "");
	out->pages = 2;
	return FOLIO_OK;
}

/* ---- glue with the render ------------------------------------------------------------------ */

/* The profile's logo as an absolute path owned by t (the drawing resolves
 * relative image paths against the document's folder, the profile's logo is
 * relative to the working directory). NULL when there is none. */
static const char *logo_path(pdf_trifold *t, const folio_profile *p)
{
	const char *logo = folio_profile_get(p, FOLIO_PROFILE_LOGO);
	char *abs = logo && *logo ? realpath(logo, NULL) : NULL;
	tf c = {.t = t};
	const char *kept;

	if (!abs)
		return NULL;
	kept = keep(&c, abs, strlen(abs));
	free(abs);
	return kept;
}

folio_status pdf_trifold_render_layout(pdf_render_ctx *rc, const folio_options *o,
                                       const pdf_hyphenator *hyph, folio_error *err)
{
	pdf_trifold_input in = {.doc = rc->doc,
	                        .profile = rc->host->profile,
	                        .qr = rc->qr,
	                        .shrink = folio_opt_bool(o, "shrink"),
	                        .hyph = hyph};
	folio_status st;

	rc->tri = calloc(1, sizeof *rc->tri); /* freed by ctx_free in every case */
	if (!rc->tri)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	pdf_trifold_geometry(rc->style.page_width < 600, &rc->tri->g); /* A4 is 595 pt wide */
	in.logo = logo_path(rc->tri, in.profile);
	st = pdf_trifold_layout(rc->tri, &in, &rc->style, &rc->metrics, &rc->layout, err);
	rc->style.page_width = rc->tri->g.sheet_w;
	rc->style.page_height = rc->tri->g.sheet_h;
	return st;
}

void pdf_trifold_render_prefs(pdf_render_ctx *rc)
{
	HPDF_Dict catalog = rc->pdf->catalog;
	HPDF_Dict prefs;

	if (!rc->tri)
		return;
	/* libharu's API sets only the boolean preferences: the object model
	 * gives the name-valued /Duplex (PDF 1.7, read by PDF 1.3 viewers too). */
	prefs = HPDF_Dict_GetItem(catalog, "ViewerPreferences", HPDF_OCLASS_DICT);
	if (!prefs) {
		prefs = HPDF_Dict_New(rc->pdf->mmgr);
		if (!prefs || HPDF_Dict_Add(catalog, "ViewerPreferences", prefs) != HPDF_OK)
			return;
	}
	HPDF_Dict_AddName(prefs, "Duplex", "DuplexFlipShortEdge");
}
