/* folio pdf plugin — Knuth–Plass total-fit line breaking, and first fit.
 *
 * The classic algorithm (Knuth & Plass, "Breaking paragraphs into lines",
 * 1981): walk the items once, keeping a list of "active" break nodes from
 * which the current position could still end a line; at each legal break,
 * compute the best predecessor per fitness class and record new nodes. There
 * is no tolerance threshold (any line that is not overfull is feasible, with a
 * badness that grows with the cube of its adjustment ratio), so a solution
 * exists whenever no single box is wider than the line; the active list then
 * stays small on its own (nodes further back than one line width are
 * dropped) and is also capped at max_active.
 */
#include "linebreak.h"

#include <math.h>
#include <stdlib.h>

#define FITNESS_CLASSES      4
#define UNDERFULL_NO_STRETCH 1e7 /* badness of a short line that cannot stretch */

typedef struct pdf_lb_node {
	size_t pos;  /* item index of the break; (size_t)-1 for the start */
	size_t prev; /* node index of the previous break; (size_t)-1 for none */
	int fitness;
	int flagged;
	double demerits;
	double tw, ty, tz; /* totals of width/stretch/shrink after the break */
} pdf_lb_node;

typedef struct pdf_lb_state {
	const pdf_lb_item *items;
	size_t n;
	const pdf_lb_params *p;
	pdf_lb_node *nodes; /* every node ever made; grows */
	size_t nnodes, cap;
	size_t *active; /* node indexes, in creation order */
	size_t nactive, active_cap;
	double W, Y, Z; /* running totals up to the current item */
} pdf_lb_state;

pdf_lb_params pdf_lb_defaults(double line_width)
{
	pdf_lb_params p = {line_width, 10.0, 3000.0, 100.0, 128};

	return p;
}

static int is_forced(const pdf_lb_item *it)
{
	return it->kind == PDF_LB_PENALTY && it->penalty <= PDF_LB_FORCE_PENALTY;
}

size_t pdf_lb_line_start(const pdf_lb_item *items, size_t n, size_t b)
{
	size_t i = b + 1;

	while (i < n && items[i].kind != PDF_LB_BOX && !is_forced(&items[i]))
		i++;
	return i;
}

void pdf_lb_measure(const pdf_lb_item *items, size_t from, size_t to, double *width,
                    double *stretch, double *shrink)
{
	double w = 0, y = 0, z = 0;

	for (size_t i = from; i < to; i++) {
		if (items[i].kind == PDF_LB_BOX) {
			w += items[i].width;
		} else if (items[i].kind == PDF_LB_GLUE) {
			w += items[i].width;
			y += items[i].stretch;
			z += items[i].shrink;
		}
	}
	if (items[to].kind == PDF_LB_PENALTY)
		w += items[to].width;
	*width = w;
	*stretch = y;
	*shrink = z;
}

static size_t push_node(pdf_lb_state *s, pdf_lb_node nd)
{
	if (s->nnodes == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		pdf_lb_node *v = realloc(s->nodes, cap * sizeof *v);

		if (!v)
			return (size_t)-1;
		s->nodes = v;
		s->cap = cap;
	}
	s->nodes[s->nnodes] = nd;
	return s->nnodes++;
}

static int push_active(pdf_lb_state *s, size_t node)
{
	if (s->nactive == s->active_cap) {
		size_t cap = s->active_cap ? s->active_cap * 2 : 16;
		size_t *v = realloc(s->active, cap * sizeof *v);

		if (!v)
			return 0;
		s->active = v;
		s->active_cap = cap;
	}
	s->active[s->nactive++] = node;
	return 1;
}

static void remove_active(pdf_lb_state *s, size_t k)
{
	for (size_t i = k + 1; i < s->nactive; i++)
		s->active[i - 1] = s->active[i];
	s->nactive--;
}

/* Drops the active node with the highest demerits (ties: the oldest), which
 * bounds the work per item. */
static void cap_active(pdf_lb_state *s)
{
	size_t max = s->p->max_active ? s->p->max_active : 128;

	while (s->nactive > max) {
		size_t worst = 0;

		for (size_t k = 1; k < s->nactive; k++)
			if (s->nodes[s->active[k]].demerits > s->nodes[s->active[worst]].demerits)
				worst = k;
		remove_active(s, worst);
	}
}

/* Adjustment ratio of a line from node a to a break at item b. */
static double ratio(const pdf_lb_state *s, const pdf_lb_node *a, size_t b)
{
	const pdf_lb_item *it = &s->items[b];
	double L = s->W - a->tw + (it->kind == PDF_LB_PENALTY ? it->width : 0);
	double lw = s->p->line_width;

	if (L < lw) {
		double y = s->Y - a->ty;

		return y > 0 ? (lw - L) / y : INFINITY;
	}
	if (L > lw) {
		double z = s->Z - a->tz;

		return z > 0 ? (lw - L) / z : -INFINITY;
	}
	return 0;
}

static int fitness_of(double r)
{
	if (r < -0.5)
		return 0;
	if (r <= 0.5)
		return 1;
	if (r <= 1)
		return 2;
	return 3;
}

static double demerits_of(const pdf_lb_state *s, const pdf_lb_node *a, const pdf_lb_item *it,
                          double r, int fit)
{
	double bad = isinf(r) ? UNDERFULL_NO_STRETCH : 100.0 * fabs(r * r * r);
	double d = s->p->line_penalty + bad;
	double pen = it->kind == PDF_LB_PENALTY ? it->penalty : 0;

	d *= d;
	if (pen > 0)
		d += pen * pen;
	else if (pen > PDF_LB_FORCE_PENALTY)
		d -= pen * pen;
	if (it->kind == PDF_LB_PENALTY && it->flagged && a->flagged)
		d += s->p->flagged_demerits;
	if (abs(fit - a->fitness) > 1)
		d += s->p->fitness_demerits;
	return d;
}

/* The totals just after a break at b: following glue and penalties are
 * discarded up to the next box (or forced break). */
static void totals_after(const pdf_lb_state *s, size_t b, double *tw, double *ty, double *tz)
{
	*tw = s->W;
	*ty = s->Y;
	*tz = s->Z;
	for (size_t i = b; i < s->n; i++) {
		const pdf_lb_item *it = &s->items[i];

		if (it->kind == PDF_LB_BOX || (i > b && is_forced(it)))
			break;
		if (it->kind == PDF_LB_GLUE) {
			*tw += it->width;
			*ty += it->stretch;
			*tz += it->shrink;
		}
	}
}

/* Considers a break at item b from every active node. Returns 0 on out of
 * memory. */
static int try_break(pdf_lb_state *s, size_t b)
{
	double best[FITNESS_CLASSES];
	size_t from[FITNESS_CLASSES];
	const pdf_lb_item *it = &s->items[b];
	int forced = is_forced(it);
	double least = INFINITY;

	for (int c = 0; c < FITNESS_CLASSES; c++) {
		best[c] = INFINITY;
		from[c] = (size_t)-1;
	}
	size_t keep = 0;

	for (size_t k = 0; k < s->nactive; k++) {
		size_t ai = s->active[k];
		const pdf_lb_node *a = &s->nodes[ai];
		double r = ratio(s, a, b);

		/* A line that cannot stretch to the width is not a candidate
		 * (e.g. a break at the first glue of a ragged-right triple);
		 * the node stays active for later breaks. */
		if (r >= -1 && (!isinf(r) || forced)) {
			int fit = fitness_of(r);
			double d = a->demerits + demerits_of(s, a, it, r, fit);

			if (d < best[fit]) {
				best[fit] = d;
				from[fit] = ai;
			}
		}
		if (!(r < -1 || forced)) /* else no longer active: an overfull line */
			s->active[keep++] = ai;
	}
	s->nactive = keep;
	for (int c = 0; c < FITNESS_CLASSES; c++)
		least = fmin(least, best[c]);
	for (int c = 0; c < FITNESS_CLASSES; c++) {
		pdf_lb_node nd;
		size_t ni;

		/* A class whose best is worse than the overall best by more
		 * than the fitness demerits can never win (as in TeX). */
		if (from[c] == (size_t)-1 || best[c] > least + s->p->fitness_demerits)
			continue;
		nd.pos = b;
		nd.prev = from[c];
		nd.fitness = c;
		nd.flagged = it->kind == PDF_LB_PENALTY && it->flagged;
		nd.demerits = best[c];
		totals_after(s, b, &nd.tw, &nd.ty, &nd.tz);
		ni = push_node(s, nd);
		if (ni == (size_t)-1 || !push_active(s, ni))
			return 0;
	}
	cap_active(s);
	return 1;
}

static int legal_break(const pdf_lb_item *items, size_t i)
{
	if (items[i].kind == PDF_LB_GLUE)
		return i > 0 && items[i - 1].kind == PDF_LB_BOX &&
		       items[i].penalty < PDF_LB_INF_PENALTY;
	return items[i].kind == PDF_LB_PENALTY && items[i].penalty < PDF_LB_INF_PENALTY;
}

/* Follows prev links from the best final node into a fresh array. */
static size_t collect(const pdf_lb_state *s, size_t last, size_t **breaks)
{
	size_t count = 0;

	for (size_t k = last; s->nodes[k].prev != (size_t)-1; k = s->nodes[k].prev)
		count++;
	*breaks = malloc((count ? count : 1) * sizeof **breaks);
	if (!*breaks)
		return 0;
	size_t i = count;
	for (size_t k = last; s->nodes[k].prev != (size_t)-1; k = s->nodes[k].prev)
		(*breaks)[--i] = s->nodes[k].pos;
	return count;
}

size_t pdf_lb_total_fit(const pdf_lb_item *items, size_t n, const pdf_lb_params *p, size_t **breaks)
{
	pdf_lb_state s = {items, n, p, NULL, 0, 0, NULL, 0, 0, 0, 0, 0};
	pdf_lb_node start = {(size_t)-1, (size_t)-1, 1, 0, 0, 0, 0, 0};
	size_t result = 0, best = (size_t)-1;
	int ok = 1;

	*breaks = NULL;
	if (n == 0)
		return 0;
	ok = push_node(&s, start) != (size_t)-1 && push_active(&s, 0);
	for (size_t i = 0; i < n && ok; i++) {
		const pdf_lb_item *it = &items[i];

		if (legal_break(items, i)) {
			ok = try_break(&s, i);
			if (ok && s.nactive == 0)
				break; /* an overfull box: no feasible way on */
		}
		if (it->kind != PDF_LB_PENALTY)
			s.W += it->width;
		if (it->kind == PDF_LB_GLUE) {
			s.Y += it->stretch;
			s.Z += it->shrink;
		}
	}
	/* The final forced break leaves only the nodes made at n-1 active. */
	for (size_t k = 0; ok && k < s.nactive; k++) {
		const pdf_lb_node *a = &s.nodes[s.active[k]];

		if (a->pos == n - 1 && (best == (size_t)-1 || a->demerits < s.nodes[best].demerits))
			best = s.active[k];
	}
	if (ok && best != (size_t)-1)
		result = collect(&s, best, breaks);
	free(s.nodes);
	free(s.active);
	if (ok && best == (size_t)-1)
		return pdf_lb_greedy(items, n, p, breaks);
	return result;
}

static int push_break(size_t **v, size_t *n, size_t *cap, size_t b)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 16;
		size_t *nv = realloc(*v, c * sizeof *nv);

		if (!nv)
			return 0;
		*v = nv;
		*cap = c;
	}
	(*v)[(*n)++] = b;
	return 1;
}

size_t pdf_lb_greedy(const pdf_lb_item *items, size_t n, const pdf_lb_params *p, size_t **breaks)
{
	size_t count = 0, cap = 0, start = pdf_lb_line_start(items, n, (size_t)-1);
	size_t last_fit = (size_t)-1;
	double w, y, z;

	*breaks = NULL;
	for (size_t i = start; i < n; i++) {
		size_t b;

		if (!legal_break(items, i))
			continue;
		pdf_lb_measure(items, start, i, &w, &y, &z);
		if (w <= p->line_width + 1e-9 && !is_forced(&items[i])) {
			last_fit = i;
			continue;
		}
		/* Forced, or i overflows: break at i when it fits or nothing
		 * earlier does (an overfull line), else at the last fit. */
		b = (w <= p->line_width + 1e-9 || last_fit == (size_t)-1) ? i : last_fit;
		if (!push_break(breaks, &count, &cap, b)) {
			free(*breaks);
			*breaks = NULL;
			return 0;
		}
		start = pdf_lb_line_start(items, n, b);
		last_fit = (size_t)-1;
		i = start - 1; /* the loop's i++ resumes at start */
	}
	return count;
}

/* ---- plain text ------------------------------------------------------------ */

size_t pdf_lb_wrap_words(const char *s, size_t n, double width, double space, double rag,
                         pdf_lb_width_fn measure, void *ctx, pdf_lb_span **out)
{
	size_t words = 0, ni = 0, nl = 0, *breaks = NULL, *word_of = NULL;
	pdf_lb_item *items = NULL;
	pdf_lb_span *spans = NULL, *ws = NULL;
	pdf_lb_params p = pdf_lb_defaults(width);

	*out = NULL;
	for (size_t i = 0; i < n; i++)
		words += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
	if (words == 0)
		return 0;
	/* Per word: box, then glue(0,R) penalty(0) glue(space,-R) before the
	 * next; the end: glue(0, fill) forced penalty. */
	items = calloc(words * 4 + 2, sizeof *items);
	word_of = calloc(words * 4 + 2, sizeof *word_of);
	ws = calloc(words, sizeof *ws);
	if (!items || !word_of || !ws)
		goto done;
	for (size_t i = 0, w = 0; i < n;) {
		size_t j;

		while (i < n && s[i] == ' ')
			i++;
		if (i == n)
			break;
		for (j = i; j < n && s[j] != ' '; j++)
			;
		ws[w] = (pdf_lb_span){i, j - i};
		if (w > 0) {
			items[ni++] = (pdf_lb_item){PDF_LB_GLUE, 0, rag, 0, PDF_LB_INF_PENALTY, 0};
			items[ni++] = (pdf_lb_item){PDF_LB_PENALTY, 0, 0, 0, 0, 0};
			items[ni++] = (pdf_lb_item){PDF_LB_GLUE, space, -rag, 0, 0, 0};
		}
		word_of[ni] = w;
		items[ni++] = (pdf_lb_item){PDF_LB_BOX, measure(ctx, s + i, j - i), 0, 0, 0, 0};
		w++;
		i = j;
	}
	items[ni++] = (pdf_lb_item){PDF_LB_GLUE, 0, 1e6, 0, 0, 0};
	items[ni++] = (pdf_lb_item){PDF_LB_PENALTY, 0, 0, 0, PDF_LB_FORCE_PENALTY, 0};
	nl = pdf_lb_total_fit(items, ni, &p, &breaks);
	spans = nl ? calloc(nl, sizeof *spans) : NULL;
	if (!spans) {
		nl = 0;
		goto done;
	}
	for (size_t l = 0, from = (size_t)-1; l < nl; from = breaks[l], l++) {
		size_t a = pdf_lb_line_start(items, ni, from), first = words, last = 0;

		for (size_t k = a; k < breaks[l]; k++)
			if (items[k].kind == PDF_LB_BOX) {
				if (first == words)
					first = word_of[k];
				last = word_of[k];
			}
		if (first == words) /* nothing but glue: cannot happen with boxes */
			first = last = 0;
		spans[l].start = ws[first].start;
		spans[l].len = ws[last].start + ws[last].len - ws[first].start;
	}
	*out = spans;
done:
	free(items);
	free(word_of);
	free(ws);
	free(breaks);
	return nl;
}
