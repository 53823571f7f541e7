/* folio pdf plugin — a QR code of the article's address, drawn as vectors.
 *
 * The option `qr` chooses what it encodes:
 *   url   the article's canonical URL (front matter `url`), falling back to
 *         the clinic's website (profile `website`) when the article has none
 *         (the default);
 *   site  the clinic's website;
 *   none  no QR code.
 * Error correction M, a quiet zone of 4 modules, at least 2 cm wide. The
 * dark modules of each row are merged into runs and the whole code is one
 * path filled once.
 *
 * Where it goes: on a handout, in the closing "When to call us" panel the
 * layout sets after the article (style.closing: in the side rail beside the
 * panel, or at its right), with a caption ("Read this online" / "Lire en
 * ligne") under it; a layout without that panel gets it at the bottom right
 * of the last page, or on a page of its own.
 * On a tri-fold, trifold.c places it on the back panel. Bilingual leaflets
 * get none (their last page belongs to the translation).
 *
 * Two layers: pdf_qr_make/pdf_qr_free/pdf_qr_runs work on the code alone
 * (the unit test drives them); the pdf_qr_render_* functions are the glue
 * with one render (render.h).
 */
#ifndef FOLIO_PDF_QR_H
#define FOLIO_PDF_QR_H

#include <stddef.h>

#include "folio/doc.h"
#include "folio/error.h"
#include "folio/plugin.h"
#include "folio/profile.h"
#include "pdf_layout.h"

#define PDF_QR_QUIET    4    /* modules of white around the code */
#define PDF_QR_MIN_SIDE 56.7 /* points: 2 cm, quiet zone included */

/* The values of the option `qr` ("url" first: the default). */
extern const char *const pdf_qr_choices[];

/* One QR code and where it is drawn. Owned by its render (pdf_qr_free). */
typedef struct pdf_qr {
	int modules;         /* modules per side, without the quiet zone */
	unsigned char *dark; /* modules * modules: 1 = dark; row 0 is the top */
	char *url;           /* what it encodes (owned) */
	/* placement: set by the handout or tri-fold layout; page -1 = not yet */
	int page;
	double x, y, side; /* bottom-left corner and side of the quiet-zone square, points */
	/* tagging: its Figure element in the layout (0: none yet) and that
	 * element's alternative text, naming the URL (owned) */
	int elem;
	char *alt;
} pdf_qr;

/* What mode ("url", "site", "none") encodes for doc and profile p: a string
 * owned by doc or p, or NULL for nothing. *fell_back is set to 1 when mode
 * asked for something that is missing (url without a url falls back to the
 * site silently; site without a website gives NULL and *fell_back 1). */
const char *pdf_qr_target(const folio_doc *doc, const folio_profile *p, const char *mode,
                          int *fell_back);

/* Encodes url (error correction M, 8-bit). NULL when out of memory
 * (FOLIO_ERR_NOMEM) or when the text is too long for a QR code
 * (FOLIO_ERR_LIMIT: the render then warns and prints none). The caller
 * frees the result. */
pdf_qr *pdf_qr_make(const char *url, folio_error *err);
void pdf_qr_free(pdf_qr *qr);

/* Calls fn once per run of dark modules, row by row (row 0 at the top):
 * x0 is the first module of the run, n its length. Returns the run count. */
typedef void (*pdf_qr_run_fn)(void *ctx, int row, int x0, int n);
size_t pdf_qr_runs(const pdf_qr *qr, pdf_qr_run_fn fn, void *ctx);

/* Calls fn once per rectangle of dark modules: maximal runs, each merged
 * with the same run (same columns) in the rows below it, so the finder
 * patterns and other columns of dark take one rectangle instead of one per
 * row. row is the top row, h the rows covered. Every dark module is in
 * exactly one rectangle. Returns the count, or 0 when out of memory (fn not
 * called). */
typedef void (*pdf_qr_rect_fn)(void *ctx, int row, int x0, int n, int h);
size_t pdf_qr_rects(const pdf_qr *qr, pdf_qr_rect_fn fn, void *ctx);

/* The side (points) of a code drawn with modules of at least min_module
 * points, and never under PDF_QR_MIN_SIDE. */
double pdf_qr_side(const pdf_qr *qr, double min_module);

/* The caption under the code in doc's language. */
const char *pdf_qr_caption(const folio_doc *doc);

/* ---- glue with one render (render.h) ------------------------------------------------ */

struct pdf_render_ctx;
struct pdf_page_state;

/* Makes rc->qr from the option `qr` (NULL when there is nothing to encode).
 * Warns when qr=site finds no website. Called for handouts and tri-folds
 * only. */
folio_status pdf_qr_render_make(struct pdf_render_ctx *rc, const folio_options *o,
                                folio_error *err);

/* A handout's closing panel (pdf_closing): fills c's QR fields (side,
 * quiet zone, alternative text, caption) from rc->qr; nothing when there is
 * none. 0 when out of memory. */
int pdf_qr_closing(struct pdf_render_ctx *rc, pdf_closing *c);

/* A handout: takes the place the closing panel gave rc->qr (layout.qr_*);
 * else places rc->qr at the bottom right of the last page when there
 * is room under the text, else on a page added for it, and adds its caption
 * to rc->layout. Nothing when rc->qr is NULL or already placed. */
folio_status pdf_qr_render_place(struct pdf_render_ctx *rc, folio_error *err);

/* Closes the text objects of the np pages in ps and draws rc->qr (if any)
 * as one filled path. Called by pdf_draw_all after everything else. */
void pdf_qr_render_draw(struct pdf_render_ctx *rc, struct pdf_page_state *ps, int np);

/* Appends op to l (ops' strings stay the caller's). 0 when out of memory. */
int pdf_qr_push_op(pdf_layout *l, const pdf_op *op);

/* Tags qr in l: a Figure under element parent whose alternative text names
 * the URL (qr->elem), with a Caption; returns the Caption's number, -1 when
 * out of memory. */
int pdf_qr_tag(pdf_qr *qr, pdf_layout *l, int parent);

#endif
