/* folio pdf plugin — bilingual leaflets (see bilingual.h): two layouts, one
 * per language, merged into one display list, side by side or tête-bêche. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/present.h"
#include "bilingual.h"
#include "folio/fileref.h"
#include "folio/import.h"
#include "render.h"

#define COLUMN_GUTTER 30.0       /* points between the two columns */
#define SEPARATOR_RGB 0xc9c9c9UL /* the hairline in the gutter */
#define SEPARATOR_W   0.5
/* Half a page is a narrow column for 12 pt type: unless the user chose a
 * font size, columns print at 10.5 pt (12 * 0.875). */
#define COLUMNS_SCALE 0.875

const char *const pdf_bilingual_choices[] = {"none", "columns", "flip", NULL};

typedef struct mode_name {
	const char *name;
	pdf_bilingual_mode mode;
} mode_name;

static const mode_name mode_names[] = {
    {"none", PDF_BILINGUAL_NONE},
    {"columns", PDF_BILINGUAL_COLUMNS},
    {"flip", PDF_BILINGUAL_FLIP},
};

pdf_bilingual_mode pdf_bilingual_mode_of(const char *name)
{
	for (size_t i = 0; name && i < sizeof mode_names / sizeof mode_names[0]; i++)
		if (strcmp(mode_names[i].name, name) == 0)
			return mode_names[i].mode;
	return PDF_BILINGUAL_NONE;
}

/* ---- page mapping ---------------------------------------------------------------------- */

static int even_up(int n)
{
	return n + (n & 1);
}

/* The printed page that shows page p of half side. */
static int printed_page(const pdf_bilingual *bi, int side, int p)
{
	int a = even_up(bi->half[0].pages), b = even_up(bi->half[1].pages);

	if (bi->mode != PDF_BILINGUAL_FLIP || side == 0)
		return p;
	return a + b - 1 - p; /* read from the back: the last printed page is page 1 */
}

int pdf_bilingual_side(const pdf_bilingual *bi, int page, int *half_page)
{
	int a = bi->half[0].pages;

	*half_page = -1;
	if (page < 0 || page >= bi->total)
		return -1;
	if (bi->mode == PDF_BILINGUAL_COLUMNS) {
		*half_page = page;
		return page < a ? 0 : 1;
	}
	if (page < a) {
		*half_page = page;
		return 0;
	}
	for (int p = 0; p < bi->half[1].pages; p++) {
		if (printed_page(bi, 1, p) == page) {
			*half_page = p;
			return 1;
		}
	}
	return -1;
}

int pdf_bilingual_page_label(const pdf_bilingual *bi, int page, char *buf, size_t n)
{
	int hp, side = pdf_bilingual_side(bi, page, &hp);
	int of;

	if (side < 0)
		return 0;
	if (bi->mode == PDF_BILINGUAL_COLUMNS)
		side = 0; /* one footer for the sheet, in the article's language */
	of = bi->mode == PDF_BILINGUAL_COLUMNS ? bi->total : bi->half[side].pages;
	folio_present_page_of(folio_doc_get(bi->doc[side], FOLIO_META_LANG), hp + 1, of, buf, n);
	return 1;
}

int pdf_bilingual_second_front(const pdf_bilingual *bi)
{
	if (bi->mode != PDF_BILINGUAL_FLIP || bi->half[1].pages < 1)
		return -1;
	return printed_page(bi, 1, 0);
}

/* ---- layout ------------------------------------------------------------------------------ */

/* The style of one half: the full page in flip mode; in columns mode the
 * same page with the margins moved in so that the text fills one column. */
static pdf_style half_style(const pdf_style *s, const pdf_bilingual *bi, int side)
{
	pdf_style h = *s;
	double text = s->page_width - s->margin_left - s->margin_right;
	double col = (text - COLUMN_GUTTER) / 2;
	double k = bi->scale > 0 ? bi->scale : 1;

	if (bi->mode != PDF_BILINGUAL_COLUMNS)
		return h;
	h.body_size *= k;
	h.title_size *= k;
	h.small_size *= k;
	for (int i = 0; i < 6; i++)
		h.heading_size[i] *= k;
	if (side == 0)
		h.margin_right = s->page_width - s->margin_left - col;
	else
		h.margin_left = s->margin_left + col + COLUMN_GUTTER;
	return h;
}

static int push(pdf_layout *out, const pdf_op *op)
{
	if (out->count == out->capacity) {
		size_t cap = out->capacity ? out->capacity * 2 : 64;
		pdf_op *ops = realloc(out->ops, cap * sizeof *ops);

		if (!ops)
			return 0;
		out->ops = ops;
		out->capacity = cap;
	}
	out->ops[out->count++] = *op;
	return 1;
}

/* The half's title as a top-level bookmark: its headings, one level down,
 * nest under it. Untitled halves are named by their language. */
static int push_title_anchor(pdf_layout *out, const folio_doc *doc, int page, double y)
{
	const char *t = folio_doc_get(doc, FOLIO_META_TITLE);
	pdf_op op = {.kind = PDF_OP_ANCHOR, .page = page, .y = y, .level = 1};

	if (!t || !*t)
		t = folio_text(folio_doc_get(doc, FOLIO_META_LANG), FOLIO_TEXT_THIS_VERSION);
	op.text = t;
	op.len = strlen(t);
	return push(out, &op);
}

/* Appends half side's ops to out, on their printed pages, and its structure
 * as a Sect in its own language: the tree reads one language whole, then
 * the other, whatever the pages. */
static int merge_half(const pdf_bilingual *bi, int side, const pdf_style *s, pdf_layout *out)
{
	const pdf_layout *l = &bi->half[side];
	const char *lang = folio_doc_get(bi->doc[side], FOLIO_META_LANG);
	int sect = pdf_layout_add_elem(out, 0, "Sect", NULL);
	int base = sect < 0 ? -1 : pdf_layout_graft(out, sect, l);

	if (base < 0)
		return 0;
	if (lang && *lang)
		out->elems[sect].lang = lang;
	if (!push_title_anchor(out, bi->doc[side], printed_page(bi, side, 0),
	                       s->page_height - s->margin_top))
		return 0;
	for (size_t i = 0; i < l->count; i++) {
		pdf_op op = l->ops[i];

		op.page = printed_page(bi, side, op.page);
		op.elem = pdf_layout_graft_elem(base, sect, op.elem);
		if (op.kind == PDF_OP_ANCHOR)
			op.level = op.level >= 6 ? 6 : op.level + 1;
		if (!push(out, &op))
			return 0;
	}
	return 1;
}

/* A hairline down the middle of the gutter of every page (columns). */
static int push_separators(const pdf_bilingual *bi, const pdf_style *s, pdf_layout *out)
{
	double text = s->page_width - s->margin_left - s->margin_right;
	double bottom = s->margin_bottom + s->footer_height + 8;
	double top = s->page_height - s->margin_top;
	pdf_op op = {
	    .kind = PDF_OP_RULE, .rgb = SEPARATOR_RGB, .w = SEPARATOR_W, .elem = PDF_ELEM_ARTIFACT};

	op.x = s->margin_left + text / 2 - SEPARATOR_W / 2;
	op.y = bottom;
	op.h = top - bottom;
	for (int p = 0; p < bi->total; p++) {
		op.page = p;
		if (!push(out, &op))
			return 0;
	}
	return 1;
}

folio_status pdf_bilingual_layout(pdf_bilingual *bi, const pdf_style *style, const pdf_metrics *m,
                                  pdf_hyph_pick_fn pick, void *pick_ctx, pdf_layout *out,
                                  folio_error *err)
{
	memset(out, 0, sizeof *out);
	for (int side = 0; side < 2; side++) {
		pdf_style hs = half_style(style, bi, side);
		const pdf_hyphenator *h = pick ? pick(pick_ctx, bi->doc[side]) : NULL;
		folio_status st = pdf_layout_run(bi->doc[side], &hs, m, h, &bi->half[side], err);

		if (st != FOLIO_OK)
			return st;
	}
	if (bi->mode == PDF_BILINGUAL_COLUMNS)
		bi->total =
		    bi->half[0].pages > bi->half[1].pages ? bi->half[0].pages : bi->half[1].pages;
	else
		bi->total = even_up(bi->half[0].pages) + even_up(bi->half[1].pages);
	if (!merge_half(bi, 0, style, out) || !merge_half(bi, 1, style, out) ||
	    (bi->mode == PDF_BILINGUAL_COLUMNS && !push_separators(bi, style, out)))
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	out->pages = bi->total;
	return FOLIO_OK;
}

void pdf_bilingual_free(pdf_bilingual *bi)
{
	if (!bi)
		return;
	pdf_layout_free(&bi->half[0]);
	pdf_layout_free(&bi->half[1]);
	folio_doc_free(bi->owned);
	bi->owned = NULL;
}

/* ---- glue with the render ------------------------------------------------------------------ */

folio_status pdf_bilingual_load(const folio_doc *doc, folio_doc **out, folio_error *err)
{
	const char *rel = folio_doc_extra(doc, "translation");
	const char *source = folio_doc_get(doc, FOLIO_META_SOURCE);
	folio_error inner;

	*out = NULL;
	if (!rel || !*rel)
		return folio_error_set(err, FOLIO_ERR_USAGE, source, 0, 0,
		                       "a bilingual leaflet needs the translation's file in the "
		                       "front matter (translation: other.md)");
	/* Only a file of the article's own folder (folio/fileref.h). */
	folio_error_clear(&inner);
	*out = folio_import_ref(source, rel, &inner);
	if (*out)
		return FOLIO_OK;
	return folio_error_set(err, inner.code != FOLIO_OK ? inner.code : FOLIO_ERR_IO,
	                       inner.file[0] ? inner.file : rel, inner.line, inner.column,
	                       "cannot read this translation of %s: %s",
	                       source ? source : "the article", inner.message);
}

folio_status pdf_bilingual_render_layout(pdf_render_ctx *rc, const folio_options *o,
                                         pdf_hyph_pick_fn pick, folio_error *err)
{
	pdf_bilingual_mode mode = pdf_bilingual_mode_of(folio_opt_string(o, "bilingual"));
	pdf_bilingual *bi;
	folio_status st;

	bi = calloc(1, sizeof *bi);
	if (!bi)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	rc->bi = bi; /* freed by ctx_free in every case */
	bi->mode = mode;
	bi->scale = folio_opt_is_set(o, "font-size") ? 1 : COLUMNS_SCALE;
	bi->doc[0] = rc->doc;
	st = pdf_bilingual_load(rc->doc, &bi->owned, err);
	if (st != FOLIO_OK)
		return st;
	bi->doc[1] = bi->owned;
	return pdf_bilingual_layout(bi, &rc->style, &rc->metrics, pick, rc, &rc->layout, err);
}

void pdf_bilingual_render_pages(pdf_render_ctx *rc)
{
	int hp;

	if (!rc->bi || rc->bi->mode != PDF_BILINGUAL_FLIP)
		return;
	for (int p = 0; p < rc->layout.pages; p++)
		if (pdf_bilingual_side(rc->bi, p, &hp) == 1 || p >= even_up(rc->bi->half[0].pages))
			HPDF_Page_SetRotate(rc->pages[p], 180);
}
