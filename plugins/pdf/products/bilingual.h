/* folio pdf plugin — bilingual leaflets: an article and its translation
 * (front matter `translation: other.md`) printed as one PDF.
 *
 *   columns  every page carries both languages side by side: the article on
 *            the left, its translation on the right, page i of each together
 *            (the shorter side leaves blank space). One running footer.
 *   flip     tête-bêche: the article's pages, then the translation's pages
 *            upside down (/Rotate 180) and in reverse order, each half padded
 *            to an even page count. Printed double-sided (flip on the long
 *            edge) and stacked, the leaflet reads in one language from the
 *            front and, turned over, in the other from the back.
 *
 * Each half is laid out on its own by pdf_layout_run, hyphenated with its own
 * language's dictionary; the two layouts are then merged into one display
 * list. The bookmarks get two top-level entries, the two titles, with each
 * language's headings under its title.
 *
 * Two layers: pdf_bilingual_layout works on layouts only (no libharu; the
 * unit test drives it with fake metrics), the pdf_bilingual_render_* functions
 * are the glue with one render (pdf.c, footer.c).
 */
#ifndef FOLIO_PDF_BILINGUAL_H
#define FOLIO_PDF_BILINGUAL_H

#include "folio/doc.h"
#include "folio/error.h"
#include "folio/plugin.h"
#include "pdf_layout.h"

typedef enum pdf_bilingual_mode {
	PDF_BILINGUAL_NONE = 0,
	PDF_BILINGUAL_COLUMNS,
	PDF_BILINGUAL_FLIP
} pdf_bilingual_mode;

/* The values of the option `bilingual` ("none" first: the default). */
extern const char *const pdf_bilingual_choices[];

/* "columns" -> PDF_BILINGUAL_COLUMNS; NONE for NULL or anything unknown. */
pdf_bilingual_mode pdf_bilingual_mode_of(const char *name);

/* Picks the hyphenation dictionary for doc's language (NULL: none). */
typedef const pdf_hyphenator *(*pdf_hyph_pick_fn)(void *ctx, const folio_doc *doc);

/* One bilingual render: the two halves' own layouts and how their pages map
 * onto the printed pages. Owned by its render; free with pdf_bilingual_free. */
typedef struct pdf_bilingual {
	pdf_bilingual_mode mode;
	double scale;            /* columns: type sizes times this (1 = as the style says) */
	const folio_doc *doc[2]; /* [0] the article, [1] its translation */
	folio_doc *owned;        /* the translation when we loaded it (freed with us) */
	pdf_layout half[2];      /* each language's own layout; the merged ops point into them */
	int total;               /* printed pages */
} pdf_bilingual;

/* Lays out bi->doc[0] and bi->doc[1] (both set by the caller) in bi->mode
 * with style (the full page) and merges them into out, whose ops point into
 * bi's layouts and documents: out must be freed (pdf_layout_free) before or
 * with bi, never used after it. pick gives each half its dictionary.
 * The caller frees bi (pdf_bilingual_free) and out in every case. */
folio_status pdf_bilingual_layout(pdf_bilingual *bi, const pdf_style *style, const pdf_metrics *m,
                                  pdf_hyph_pick_fn pick, void *pick_ctx, pdf_layout *out,
                                  folio_error *err);

/* Which half printed page (0-based) shows and that half's page number in
 * *half_page; -1 for a blank padding page (flip). In columns mode both
 * halves share the page: the answer is 0 (the article) when it has a page
 * there, else 1. */
int pdf_bilingual_side(const pdf_bilingual *bi, int page, int *half_page);

/* The footer's page label for printed page (0-based), in the language of
 * the half it shows ("Page 2 of 3", "Page 1 sur 2"). 0 for a blank page
 * (no footer at all). */
int pdf_bilingual_page_label(const pdf_bilingual *bi, int page, char *buf, size_t n);

/* flip: the printed page that is the translation's first page (the back
 * cover, which gets the logo too); -1 in columns mode. */
int pdf_bilingual_second_front(const pdf_bilingual *bi);

/* Releases bi's layouts and the translation it loaded (bi itself is the
 * caller's storage). NULL is ignored. */
void pdf_bilingual_free(pdf_bilingual *bi);

/* ---- glue with one render (render.h) ------------------------------------------------ */

struct pdf_render_ctx;

/* Loads doc's translation into *out: the front-matter key `translation`, a
 * path relative to the folder of the document's source. A missing key, or a
 * file that cannot be read, is an error naming it (*out is then NULL). The
 * caller frees *out with folio_doc_free. */
folio_status pdf_bilingual_load(const folio_doc *doc, folio_doc **out, folio_error *err);

/* The bilingual product (pdf_render picks it for bilingual=columns|flip):
 * loads the translation, lays both halves out into rc->layout and hangs the
 * state on rc->bi (freed by pdf_bilingual_free and free()). */
folio_status pdf_bilingual_render_layout(struct pdf_render_ctx *rc, const folio_options *o,
                                         pdf_hyph_pick_fn pick, folio_error *err);

/* After the pages exist: the flip half's pages are turned upside down. */
void pdf_bilingual_render_pages(struct pdf_render_ctx *rc);

#endif
