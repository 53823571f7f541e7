/* folio pdf plugin — paragraph line breaking (Knuth–Plass total fit).
 *
 * A paragraph is a sequence of boxes (fixed-width material), glue (space that
 * may stretch or shrink, and where a line may break when it follows a box) and
 * penalties (places a line may break at a cost; a penalty's width is material
 * added only when the line breaks there, e.g. a hyphen). Units are points.
 *
 * Ragged-right setting uses the usual glue trick in the item list itself (see
 * layout.c): every break opportunity is preceded by glue(0, R) and followed by
 * glue(0, -R), so each line has the same stretch R at its end and demerits
 * favour lines of even length.
 */
#ifndef FOLIO_PDF_LINEBREAK_H
#define FOLIO_PDF_LINEBREAK_H

#include <stddef.h>

#define PDF_LB_INF_PENALTY   10000.0    /* a penalty >= this forbids a break */
#define PDF_LB_FORCE_PENALTY (-10000.0) /* a penalty <= this forces one */

typedef enum pdf_lb_kind { PDF_LB_BOX = 0, PDF_LB_GLUE, PDF_LB_PENALTY } pdf_lb_kind;

typedef struct pdf_lb_item {
	pdf_lb_kind kind;
	double width;   /* points (a penalty's width counts only if broken at) */
	double stretch; /* glue */
	double shrink;  /* glue */
	double penalty; /* penalty; glue: >= PDF_LB_INF_PENALTY makes it no break */
	int flagged;    /* penalty: a hyphen; two flagged breaks in a row cost more */
} pdf_lb_item;

typedef struct pdf_lb_params {
	double line_width;       /* points, > 0 */
	double line_penalty;     /* added to each line's badness (TeX: 10) */
	double flagged_demerits; /* consecutive hyphenated lines (TeX: 3000-10000) */
	double fitness_demerits; /* adjacent lines of very different tightness */
	size_t max_active;       /* bound on the active list (0 = default 128) */
} pdf_lb_params;

/* Defaults for the parameters above with the given line width. */
pdf_lb_params pdf_lb_defaults(double line_width);

/* Optimal (total-fit) breaking of items[0..n). The list must end with a
 * forced penalty. Writes the item index of each break (the last being n-1)
 * into *breaks, a malloc'd array the caller frees, and returns the number of
 * lines; 0 with *breaks NULL when out of memory. When no break sequence keeps
 * every line within the width (a single box wider than the line), falls back
 * to pdf_lb_greedy. Runs in O(n * max_active) time; no recursion. */
size_t pdf_lb_total_fit(const pdf_lb_item *items, size_t n, const pdf_lb_params *p,
                        size_t **breaks);

/* First-fit breaking: each line takes as much as fits at natural width (a
 * line holds at least one box even when that overflows). Same contract as
 * pdf_lb_total_fit. Used for comparison and as the fallback. */
size_t pdf_lb_greedy(const pdf_lb_item *items, size_t n, const pdf_lb_params *p, size_t **breaks);

/* The first item of the line that starts after a break at item b (glue and
 * penalties after a break are discarded, up to the next box or forced
 * penalty). For the first line pass b = (size_t)-1. */
size_t pdf_lb_line_start(const pdf_lb_item *items, size_t n, size_t b);

/* Natural width, stretch and shrink of items[from..to) (to = the break item,
 * excluded; its penalty width is added when it is a penalty). */
void pdf_lb_measure(const pdf_lb_item *items, size_t from, size_t to, double *width,
                    double *stretch, double *shrink);

/* A line of plain text: bytes [start, start + len) of the string. */
typedef struct pdf_lb_span {
	size_t start, len;
} pdf_lb_span;

/* Width in points of s[0..n). */
typedef double (*pdf_lb_width_fn)(void *ctx, const char *s, size_t n);

/* Plain text (no newline; words between spaces) broken ragged-right into
 * lines of at most width points by pdf_lb_total_fit: space is the width of a
 * space, rag the stretch a line end may take (a few ems). Writes a malloc'd
 * array of the lines (without their outer spaces) to *out and returns their
 * number; 0 with *out NULL for text without words or when out of memory. */
size_t pdf_lb_wrap_words(const char *s, size_t n, double width, double space, double rag,
                         pdf_lb_width_fn measure, void *ctx, pdf_lb_span **out);

#endif
