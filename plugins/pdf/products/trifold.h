/* folio pdf plugin — the tri-fold brochure (option layout=trifold).
 *
 * One landscape sheet, Letter or A4, printed on both sides (page 2 on the
 * back, flipped on the long edge), folded in three. Left to right as printed:
 *
 *   page 1, inside:   a | b | c          c is the fold-in panel, narrower
 *   page 2, outside:  flap | back | cover (the flap is c's other side)
 *
 * Panel widths, Letter: 3.6875 / 3.6875 / 3.625 in; A4: 100 / 100 / 97 mm
 * (the narrow panel is c inside and the flap outside). Fold marks, short
 * lines in the top and bottom margins, show where to fold on both sides.
 *
 * The cover holds the title, subtitle, byline, the clinic's logo and name;
 * the back panel the clinic's contact details, the QR code and the
 * disclaimer; the article flows through a, b, c and then the flap. It is
 * laid out by pdf_layout_run as if each panel were a page (every panel gets
 * the narrow panel's text width, centred in the wider ones), with the same
 * keep-together rules as the handout and no running footer; the layout's
 * pages are then moved onto the panels. An article that needs more than four
 * panels is an error saying by how much, unless shrink is on: then the body
 * size steps down by half a point, to 11 pt at the least, until it fits.
 *
 * Two layers: pdf_trifold_layout works on layouts only (no libharu; the unit
 * test drives it with fake metrics), pdf_trifold_render_layout is the glue
 * with one render (pdf.c).
 */
#ifndef FOLIO_PDF_TRIFOLD_H
#define FOLIO_PDF_TRIFOLD_H

#include "folio/doc.h"
#include "folio/error.h"
#include "folio/plugin.h"
#include "folio/profile.h"
#include "pdf_layout.h"
#include "qr.h"

#define PDF_TRIFOLD_PANELS       4    /* a, b, c, flap */
#define PDF_TRIFOLD_SHRINK_FLOOR 11.0 /* points: shrink goes no smaller */

/* The values of the option `layout` ("handout" first: the default). */
extern const char *const pdf_layout_choices[];

/* The sheet and its panels, in points, as printed (left to right). */
typedef struct pdf_trifold_geom {
	double sheet_w, sheet_h;
	double x[2][3], w[2][3]; /* [side: 0 inside, 1 outside][panel from the left] */
} pdf_trifold_geom;

/* a4: 0 for Letter (792 x 612), 1 for A4 (841.89 x 595.28). */
void pdf_trifold_geometry(int a4, pdf_trifold_geom *g);

/* One tri-fold render. Owned by its render; free with pdf_trifold_free. */
typedef struct pdf_trifold {
	pdf_trifold_geom g;
	pdf_layout article; /* the article, one layout page per panel */
	double body_size;   /* the size it was set in (after any shrinking) */
	int panels;         /* panels the article took (<= PDF_TRIFOLD_PANELS) */
	char **strs;        /* strings the cover and back panel draw (owned) */
	size_t nstrs, cap;
} pdf_trifold;

/* What the cover and back panel show, besides the document's metadata. */
typedef struct pdf_trifold_input {
	const folio_doc *doc;
	const folio_profile *profile;
	const char *logo; /* an absolute path of a usable PNG, or NULL */
	pdf_qr *qr;       /* placed on the back panel by the layout; may be NULL */
	int shrink;       /* step the body size down to fit */
	const pdf_hyphenator *hyph;
} pdf_trifold_input;

/* Lays the brochure out into out (2 pages) from style (sizes, colours,
 * alignment; its page size and margins are replaced by the panels'). The
 * ops of out point into t and into the document and profile: free out
 * before or with t. An article too long for four panels is FOLIO_ERR_LIMIT
 * naming the document's source. The caller frees t and out in every case. */
folio_status pdf_trifold_layout(pdf_trifold *t, const pdf_trifold_input *in, const pdf_style *style,
                                const pdf_metrics *m, pdf_layout *out, folio_error *err);

/* Releases t's layout and strings (t itself is the caller's storage). */
void pdf_trifold_free(pdf_trifold *t);

/* ---- glue with one render (render.h) ------------------------------------------------ */

struct pdf_render_ctx;

/* For layout=trifold: lays the brochure out into rc->layout, hangs the state
 * on rc->tri (freed by pdf_trifold_free and free()) and turns rc->style into
 * the landscape sheet. FOLIO_OK with rc->tri NULL for layout=handout. */
folio_status pdf_trifold_render_layout(struct pdf_render_ctx *rc, const folio_options *o,
                                       const pdf_hyphenator *hyph, folio_error *err);

/* Asks viewers to print rc's document double-sided, flipped on the short
 * edge (the catalog's /ViewerPreferences /Duplex), as the tri-fold's page 2
 * is laid out for. Nothing for other layouts. libharu errors go to rc's
 * handler. */
void pdf_trifold_render_prefs(struct pdf_render_ctx *rc);

#endif
