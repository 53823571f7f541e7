/* folio pdf plugin — the layout: a folio_doc to pages of positioned ops.
 *
 * Three stages, none of which recurses on the document's depth:
 *  1. Paragraph setting: a block's inlines become Knuth–Plass items (boxes,
 *     glue, penalties; linebreak.c) with real font widths, hyphenation points
 *     (hyphen.c) and emergency breaks inside overlong words, then lines of
 *     TEXT/LINK/RULE ops relative to the line's baseline (the "scratch").
 *  2. Blocks: a walk over the tree with folio_iter and an explicit frame stack
 *     (lists, items, quotes) turns each line, rule, image or table strip into a
 *     vertical box whose ops are relative to the box's top, with flags saying
 *     where a page may not break (headings keep with what follows, the first
 *     two and last two lines of a paragraph stay together).
 *  3. Pagination: boxes are placed top to bottom; a box that does not fit
 *     goes to a new page together with the chain of boxes kept with it, then
 *     each op gets its page and absolute y.
 *
 * Units are PDF points, y grows upwards. Every string an op points to lives in
 * the layout's own arena (released by pdf_layout_free).
 */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/present.h"
#include "linebreak.h"
#include "pdf_layout.h"
#include "scripts.h"

#define TEXT_RGB       0x222222UL
#define GREY_RGB       0x555555UL
#define RULE_GREY      0xB0B0B0UL
#define CODE_BG        0xF2F2F2UL
#define BAR_W          2.5
#define QUOTE_INDENT   16.0
#define LIST_GUTTER    20.0
#define MARKER_GAP     5.0
#define MAX_BARS       6
#define INDENT_CAP     0.4 /* of the column width */
#define IMAGE_MAX_H    0.4 /* of the page height */
#define CELL_PAD       4.0
#define CODE_PAD       6.0
#define RAGGED_STRETCH 3.0 /* ems of stretch at each ragged line end */
#define FILL_STRETCH   1e6
#define PEN_HYPHEN     50.0
#define PEN_URL        200.0
#define PEN_CHAR       600.0
#define ARENA_CHUNK    65536
#define PAGE_MIN_LINES 6 /* boxes on a last page, when the page before can spare them */
#define KP_MAX_ITEMS   100000 /* larger paragraphs are set first-fit */

/* BRK_UAX: a UAX #14 opportunity inside a run of CJK or Thai (scripts.c). */
enum { BRK_NONE = 0, BRK_HYPH, BRK_EXPL, BRK_URL, BRK_CHAR, BRK_UAX };
enum { ALIGN_LEFT = 0, ALIGN_CENTER, ALIGN_RIGHT };
/* KEEP_PARA: widows and orphans; KEEP_WHOLE: the lines stay on one page;
 * KEEP_ALL: and the last one keeps with what follows. */
enum { KEEP_NONE = 0, KEEP_PARA, KEEP_WHOLE, KEEP_ALL };
enum { FRAME_LIST = 0, FRAME_ITEM, FRAME_QUOTE };

/* ---- storage ---------------------------------------------------------------- */

typedef struct chunk {
	struct chunk *next;
	size_t used, cap;
	char data[];
} chunk;

typedef struct tstyle {
	pdf_face face;
	double size;
	unsigned long rgb;
	const char *link; /* arena copy, or NULL */
	int strike;
} tstyle;

typedef struct imeta {
	const char *s; /* box text (not NUL-terminated) */
	size_t len;
	int style;
} imeta;

typedef struct piece {
	const char *s;
	size_t len;
	int style;
	int shy_after; /* a soft hyphen (U+00AD, not drawn) followed it */
} piece;

typedef struct line_rec {
	size_t first_op, nops; /* in the scratch */
	double b_off;          /* baseline below the line's top */
	double height, size;
	int hyphen;            /* ends inside a word: keep it with the next line */
} line_rec;

typedef struct vbox {
	size_t op_first, op_count;
	size_t nbars; /* the first nbars ops are quote bars */
	double height, space_before;
	double applied; /* the space above it as placed (none at a page's top) */
	int keep_next;
	int quote_depth;
	int rail; /* set in the side rail: placed beside the column, not in it */
	int closing; /* part of the closing panel (style.closing), not article text */
	int page;
	double top;
} vbox;

typedef struct marker {
	int bullet, level;
	char text[40];
	double left; /* the item's text edge the marker hangs from */
	int elem;    /* its Lbl (PDF_ELEM_ARTIFACT when there is none) */
} marker;

#define MAX_MARKERS 8

typedef struct frame {
	int kind;
	double left;
	int ordered, tight;
	long counter;
	int list_depth, ordered_depth;
	double gutter; /* LIST: room for its widest marker */
} frame;

/* The paragraph being built; its arrays are reused from block to block. */
typedef struct para {
	pdf_lb_item *items;
	imeta *meta;
	size_t n, cap, mcap;
	tstyle *styles;
	size_t nstyles, scap;
	piece *pieces;
	size_t np, pcap;
	char *word;
	unsigned char *brk;
	size_t wlen, wcap, bcap;
	/* the current inline state */
	pdf_face base_face;
	double size;
	unsigned long rgb;
	int emph, strong, strike, code;
	const char *link;
	/* settings */
	double lw;
	int refs, hyph_ok, justify;
	int hyph_long; /* a word wider than the line may be hyphenated */
	int expl_ok;   /* a line may end at a word's own hyphen ("follow-/up") */
	int found_doi, found_url;
	int pending_glue, glue_style;
	int after_guillemet; /* the last word was "«" */
	double chain_w;      /* width of the words bound by unbreakable spaces */
	int has_shy;         /* the current word has soft hyphens */
} para;

/* Hyphenation results by word (letters as written): real text repeats its
 * words, and the pattern lookups are the costliest step per word. */
typedef struct hslot {
	const char *w; /* arena copy; NULL = empty slot */
	size_t len;
	const unsigned char *pts;
} hslot;

/* Slots: powers of two from HCACHE_FIRST, doubled when 3/4 full, up to
 * HCACHE_SLOTS (then filled to 3/4 at most). A leaflet has a few hundred
 * distinct long words: a full-size table from the start cost 70 page
 * faults, its 196 KB touched at random. */
#define HCACHE_FIRST 512
#define HCACHE_SLOTS 8192

typedef struct lay {
	const folio_doc *doc;
	const pdf_style *st;
	const pdf_metrics *m;
	const pdf_hyphenator *hyph;
	pdf_layout *out;
	chunk *arena;
	int oom;
	int french;
	vbox *boxes;
	size_t nboxes, bcap;
	pdf_op *scratch;
	size_t nscratch, sccap;
	line_rec *lines;
	size_t nlines, lcap;
	char *tbuf;
	size_t tlen, tcap;
	para p;
	frame *frames;
	size_t nframes, fcap;
	double col_left, col_right, left, right;
	double pending_space;
	int space_lock;
	int quote_depth;
	double bar_x[MAX_BARS];
	/* List markers waiting for the first line of their item; an item that
	 * opens with a nested list shows both markers on one line. */
	marker markers[MAX_MARKERS];
	int marker_pending;         /* how many */
	double cell_size, cell_pad; /* the table being set */
	hslot *hcache;              /* hslots, allocated on first use */
	size_t hcount, hslots;
	int cur;          /* the structure element new ops belong to */
	int item_lbl;     /* the Lbl of the list item opened last (open_elem) */
	int hshift;       /* added to an article heading's level (the title is H1) */
	int in_rail;      /* boxes begun now go to the side rail */
	/* the QR code of the closing panel: its square's top-left corner
	 * relative to box qr_box's top-left (qr_set) */
	int qr_set;
	size_t qr_box;
	double qr_dx, qr_dy;
	pdf_breaker *breaker; /* UAX #14 for the article's language; NULL: spaces only */
	/* Bidi (UAX #9): the article's direction (a right-to-left article is
	 * laid out left to right, then mirrored: place_ops), the current
	 * paragraph's, the level of each of its items and of each scratch op. */
	int rtl_doc, prtl;
	unsigned char *lev; /* levbuf while a paragraph has levels, else NULL */
	unsigned char *levbuf, *slev;
	size_t levbcap, slevcap;
	char *btext;
	size_t *boff;
	size_t btcap, bocap;
} lay;

static int grow(void **v, size_t *cap, size_t need, size_t elem)
{
	size_t c = *cap ? *cap : 16;
	void *nv;

	if (need <= *cap)
		return 1;
	while (c < need)
		c *= 2;
	nv = realloc(*v, c * elem);
	if (!nv)
		return 0;
	*v = nv;
	*cap = c;
	return 1;
}

#define GROW(L, arr, cap, need)                                                                    \
	(grow((void **)&(arr), &(cap), (need), sizeof *(arr)) ? 1 : ((L)->oom = 1, 0))

/* n bytes in the layout's arena, owned by the layout. */
static char *arena_alloc(lay *L, size_t n)
{
	chunk *c = L->arena;

	if (!c || c->cap - c->used < n) {
		size_t cap = n > ARENA_CHUNK ? n : ARENA_CHUNK;

		c = malloc(sizeof *c + cap);
		if (!c) {
			L->oom = 1;
			return NULL;
		}
		c->cap = cap;
		c->used = 0;
		c->next = L->arena;
		L->arena = c;
	}
	c->used += n;
	return c->data + c->used - n;
}

static char *arena_str(lay *L, const char *s, size_t len)
{
	char *d = arena_alloc(L, len + 1);

	if (!d)
		return NULL;
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

static int tbuf_put(lay *L, const char *s, size_t n)
{
	if (!GROW(L, L->tbuf, L->tcap, L->tlen + n + 1))
		return 0;
	memcpy(L->tbuf + L->tlen, s, n);
	L->tlen += n;
	return 1;
}

/* ---- metrics ------------------------------------------------------------------ */

static double text_w(const lay *L, pdf_face face, double size, const char *s, size_t len)
{
	if (len == 0)
		return 0;
	return L->m->width(L->m->ctx, face, s, len) * size / 1000.0;
}

static double ascent_of(const lay *L, pdf_face f, double size)
{
	double a = L->m->ascent[f];

	return (a > 0 ? a : 800.0) * size / 1000.0;
}

static double descent_of(const lay *L, pdf_face f, double size)
{
	double d = L->m->descent[f];

	return (d < 0 ? d : -200.0) * size / 1000.0;
}

static size_t utf8_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if ((c & 0xE0) == 0xC0)
		return 2;
	if ((c & 0xF0) == 0xE0)
		return 3;
	return (c & 0xF8) == 0xF0 ? 4 : 1;
}

static uint32_t utf8_cp(const char *s, size_t len, size_t *n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t k = utf8_len(u[0]);
	uint32_t cp;

	if (k > len)
		k = 1;
	*n = k;
	if (k == 1)
		return u[0];
	cp = u[0] & (0x7F >> k);
	for (size_t i = 1; i < k; i++)
		cp = (cp << 6) | (u[i] & 0x3F);
	return cp;
}

/* ---- ops ------------------------------------------------------------------------ */

static pdf_op *push_op(lay *L, pdf_op_kind kind)
{
	pdf_layout *o = L->out;
	pdf_op *op;

	if (!GROW(L, o->ops, o->capacity, o->count + 1))
		return NULL;
	op = &o->ops[o->count++];
	memset(op, 0, sizeof *op);
	op->kind = kind;
	op->elem = L->cur;
	return op;
}

/* Adds a structure element under parent; returns its number (0, the
 * document, when out of memory: content is then still tagged, if coarsely). */
static int new_elem(lay *L, int parent, const char *role, const char *alt)
{
	pdf_layout *o = L->out;

	if (parent < 0)
		parent = 0;
	if (!GROW(L, o->elems, o->elem_capacity, o->nelems + 1))
		return 0;
	o->elems[o->nelems] = (pdf_elem){.role = role, .parent = parent, .alt = alt};
	return (int)o->nelems++;
}

/* A list item under list: LI > Lbl (its bullet or number, L->item_lbl, for
 * the marker b_item queues next), LBody; returns the LBody. */
static int new_item(lay *L, int list)
{
	int li = new_elem(L, list, "LI", NULL);

	L->item_lbl = new_elem(L, li, "Lbl", NULL);
	return new_elem(L, li, "LBody", NULL);
}

/* Room in l for n more elements after its document (added when missing).
 * 0 when out of memory. */
static int elem_room(pdf_layout *l, size_t n)
{
	if (l->nelems + n + 1 > l->elem_capacity) {
		size_t cap = l->elem_capacity ? l->elem_capacity * 2 : 16;
		pdf_elem *e;

		if (cap < l->nelems + n + 1)
			cap = l->nelems + n + 1;
		e = realloc(l->elems, cap * sizeof *e);
		if (!e)
			return 0;
		l->elems = e;
		l->elem_capacity = cap;
	}
	if (l->nelems == 0) /* the document */
		l->elems[l->nelems++] = (pdf_elem){.role = "Document", .parent = -1};
	return 1;
}

int pdf_layout_add_elem(pdf_layout *l, int parent, const char *role, const char *alt)
{
	if (!elem_room(l, 1))
		return -1;
	if (parent < 0 || (size_t)parent >= l->nelems)
		parent = 0;
	l->elems[l->nelems] = (pdf_elem){.role = role, .parent = parent, .alt = alt};
	return (int)l->nelems++;
}

int pdf_layout_graft(pdf_layout *l, int parent, const pdf_layout *src)
{
	size_t n = src->nelems > 1 ? src->nelems - 1 : 0;
	int base;

	if (!elem_room(l, n))
		return -1;
	if (parent < 0 || (size_t)parent >= l->nelems)
		parent = 0;
	base = (int)l->nelems - 1;
	for (size_t i = 1; i < src->nelems; i++) {
		pdf_elem e = src->elems[i];

		e.parent = pdf_layout_graft_elem(base, parent, e.parent);
		l->elems[l->nelems++] = e;
	}
	return base;
}

int pdf_layout_graft_elem(int base, int parent, int e)
{
	if (e == PDF_ELEM_ARTIFACT)
		return PDF_ELEM_ARTIFACT;
	return e <= 0 ? parent : base + e;
}

static pdf_op *push_scratch(lay *L, pdf_op_kind kind)
{
	pdf_op *op;

	if (!GROW(L, L->scratch, L->sccap, L->nscratch + 1))
		return NULL;
	op = &L->scratch[L->nscratch++];
	memset(op, 0, sizeof *op);
	op->kind = kind;
	op->elem = L->cur;
	return op;
}

static void push_rule(lay *L, double x, double y, double w, double h, unsigned long rgb)
{
	pdf_op *op = push_op(L, PDF_OP_RULE);

	if (!op)
		return;
	op->elem = PDF_ELEM_ARTIFACT; /* rules, bars and bullets are decoration */
	op->x = x;
	op->y = y;
	op->w = w;
	op->h = h;
	op->rgb = rgb;
}

static void push_text(lay *L, pdf_face face, double size, unsigned long rgb, double x, double y,
                      const char *s, size_t len)
{
	char *t = arena_str(L, s, len);
	pdf_op *op = t ? push_op(L, PDF_OP_TEXT) : NULL;

	if (!op)
		return;
	op->face = face;
	op->size = size;
	op->rgb = rgb;
	op->x = x;
	op->y = y;
	op->text = t;
	op->len = len;
}

/* ---- vertical boxes --------------------------------------------------------------- */

static void request_space(lay *L, double s)
{
	if (!L->space_lock && s > L->pending_space)
		L->pending_space = s;
}

/* Opens a box of the given height under the pending space; the quote bars
 * come first. Returns its index (or (size_t)-1 when out of memory). */
static size_t begin_box(lay *L, double height, int keep_next)
{
	vbox *b;
	int bars = L->quote_depth < MAX_BARS ? L->quote_depth : MAX_BARS;

	if (!GROW(L, L->boxes, L->bcap, L->nboxes + 1))
		return (size_t)-1;
	b = &L->boxes[L->nboxes];
	memset(b, 0, sizeof *b);
	b->op_first = L->out->count;
	b->height = height;
	b->space_before = L->pending_space;
	b->keep_next = keep_next;
	b->quote_depth = L->quote_depth;
	b->rail = L->in_rail;
	L->pending_space = 0;
	L->space_lock = 0;
	for (int k = 0; k < bars; k++)
		push_rule(L, L->bar_x[k], -height, BAR_W, height, L->st->accent_rgb);
	b->nbars = (size_t)bars;
	return L->nboxes++;
}

static void end_box(lay *L, size_t bi)
{
	if (bi < L->nboxes)
		L->boxes[bi].op_count = L->out->count - L->boxes[bi].op_first;
}

/* Draws the pending list markers (or reference number) beside a line whose
 * baseline is b_off below the box top. */
static void put_marker(lay *L, double b_off, double size)
{
	b_off = fmax(b_off, size * 0.8); /* never above the box (a rule, a tiny image) */
	for (int i = 0; i < L->marker_pending; i++) {
		const marker *mk = &L->markers[i];
		double x;

		if (mk->bullet) {
			double q = size * (mk->level % 2 ? 0.22 : 0.3);

			size_t at = L->out->count;

			x = mk->left - LIST_GUTTER * 0.55 - q / 2;
			push_rule(L, x, -b_off + size * 0.33 - q / 2, q, q, L->st->accent_rgb);
			if (L->out->count > at) /* the bullet is its item's label */
				L->out->ops[at].elem = mk->elem;
			continue;
		}
		x = mk->left - MARKER_GAP -
		    text_w(L, PDF_FACE_REGULAR, size, mk->text, strlen(mk->text));
		x = fmax(x, L->col_left); /* only for absurd sizes */
		int cur = L->cur;
		L->cur = mk->elem; /* the item's Lbl */
		push_text(L, PDF_FACE_REGULAR, size, TEXT_RGB, x, -b_off, mk->text,
		          strlen(mk->text));
		L->cur = cur;
	}
	L->marker_pending = 0;
}

/* Queues a marker for the next line (beyond MAX_MARKERS items opening
 * inside each other on one line, the innermost replaces the previous one). */
static marker *queue_marker(lay *L, int bullet, int level)
{
	marker *mk;

	if (L->marker_pending == MAX_MARKERS)
		L->marker_pending--;
	mk = &L->markers[L->marker_pending++];
	mk->bullet = bullet;
	mk->level = level;
	mk->left = L->left;
	mk->text[0] = '\0';
	mk->elem = L->item_lbl > 0 ? L->item_lbl : PDF_ELEM_ARTIFACT;
	L->item_lbl = 0;
	return mk;
}

/* ---- paragraph items -------------------------------------------------------------- */

static void para_reset(lay *L, pdf_face face, double size, unsigned long rgb, double lw)
{
	para *p = &L->p;

	p->n = p->nstyles = p->np = p->wlen = 0;
	p->base_face = face;
	p->size = size;
	p->rgb = rgb;
	p->emph = p->strong = p->strike = p->code = 0;
	p->link = NULL;
	p->lw = lw;
	p->refs = 0;
	p->justify = L->st->justify;
	p->hyph_ok = L->hyph && (L->st->hyphenate == PDF_HYPH_ON ||
	                         (L->st->hyphenate == PDF_HYPH_AUTO && L->st->justify));
	p->hyph_long = L->hyph && L->st->hyphenate != PDF_HYPH_OFF;
	p->expl_ok = L->st->hyphenate == PDF_HYPH_ON || L->st->justify;
	p->found_doi = p->found_url = 0;
	p->pending_glue = 0;
	p->glue_style = 0;
	p->after_guillemet = 0;
	p->chain_w = 0;
}

static void item(lay *L, pdf_lb_kind k, double w, double y, double z, double pen, int flag,
                 const char *s, size_t len, int style)
{
	para *p = &L->p;

	if (!GROW(L, p->items, p->cap, p->n + 1) || !GROW(L, p->meta, p->mcap, p->n + 1))
		return;
	p->items[p->n] = (pdf_lb_item){k, w, y, z, pen, flag};
	p->meta[p->n] = (imeta){s, len, style};
	p->n++;
}

/* The style index for face/size/rgb/link/strike in the current paragraph. A
 * link URL is copied into the arena once per new style. */
static int get_style(lay *L, pdf_face face, double size, unsigned long rgb, const char *link,
                     int strike)
{
	para *p = &L->p;
	size_t lo = p->nstyles > 16 ? p->nstyles - 16 : 0;
	tstyle *t;

	for (size_t i = p->nstyles; i > lo; i--) {
		t = &p->styles[i - 1];
		if (t->face == face && t->size == size && t->rgb == rgb && t->strike == strike &&
		    (t->link == link || (t->link && link && strcmp(t->link, link) == 0)))
			return (int)(i - 1);
	}
	if (!GROW(L, p->styles, p->scap, p->nstyles + 1))
		return 0;
	t = &p->styles[p->nstyles];
	*t = (tstyle){face, size, rgb, NULL, strike};
	if (link)
		t->link = arena_str(L, link, strlen(link));
	return (int)p->nstyles++;
}

/* Emphasis and strong combine with the base face (bold table headers,
 * italic captions); headings keep their face; code is always mono. */
static int current_style(lay *L)
{
	para *p = &L->p;
	pdf_face f = p->base_face;
	int bold = p->strong || f == PDF_FACE_BOLD || f == PDF_FACE_BOLD_ITALIC;
	int ital = p->emph || f == PDF_FACE_ITALIC || f == PDF_FACE_BOLD_ITALIC;

	if (p->code)
		f = PDF_FACE_MONO;
	else if (f != PDF_FACE_HEADING && f != PDF_FACE_MONO)
		f = bold && ital ? PDF_FACE_BOLD_ITALIC
		    : bold       ? PDF_FACE_BOLD
		    : ital       ? PDF_FACE_ITALIC
		                 : PDF_FACE_REGULAR;
	return get_style(L, f, p->size, p->link ? L->st->accent_rgb : p->rgb, p->link,
	                 p->strike > 0);
}

static double space_w(lay *L, int style)
{
	const tstyle *t = &L->p.styles[style];

	return text_w(L, t->face, t->size, " ", 1);
}

/* Interword glue. Ragged: glue(0,R) penalty(0) glue(space,-R), so a line
 * that ends here gets the stretch R and every other pair cancels out. The
 * first glue is marked as no break (a line ending there has no stretch, so
 * it could never be chosen, and trying it from every active node was half
 * of the line breaker's work). An unbreakable space is glue after an
 * infinite penalty. */
static void add_glue(lay *L, int style, int breakable)
{
	double sw = space_w(L, style), R = RAGGED_STRETCH * L->p.styles[style].size;
	int j = L->p.justify;

	if (!breakable) {
		item(L, PDF_LB_PENALTY, 0, 0, 0, PDF_LB_INF_PENALTY, 0, NULL, 0, style);
		item(L, PDF_LB_GLUE, sw, j ? sw / 2 : 0, j ? sw / 3 : 0, 0, 0, " ", 1, style);
		return;
	}
	if (j) {
		item(L, PDF_LB_GLUE, sw, sw / 2, sw / 3, 0, 0, " ", 1, style);
		return;
	}
	item(L, PDF_LB_GLUE, 0, R, 0, PDF_LB_INF_PENALTY, 0, NULL, 0, style);
	item(L, PDF_LB_PENALTY, 0, 0, 0, 0, 0, NULL, 0, style);
	item(L, PDF_LB_GLUE, sw, -R, 0, 0, 0, " ", 1, style);
}

/* A break inside a word (hyphen, after '/' in a URL, emergency). */
static void add_inword_break(lay *L, int kind, int style)
{
	const tstyle *t = &L->p.styles[style];
	double R = RAGGED_STRETCH * t->size;
	double w = kind == BRK_HYPH ? text_w(L, t->face, t->size, "-", 1) : 0;
	double pen = kind == BRK_CHAR  ? PEN_CHAR
	             : kind == BRK_URL ? PEN_URL
	             : kind == BRK_UAX ? 0
	                               : PEN_HYPHEN;
	int flag = kind == BRK_HYPH || kind == BRK_EXPL;

	/* Justified lines end flush at hyphens; a line cut inside a URL or an
	 * overlong word may end short (it has the ragged stretch). */
	if (L->p.justify && (kind == BRK_HYPH || kind == BRK_EXPL)) {
		item(L, PDF_LB_PENALTY, w, 0, 0, pen, flag, NULL, 0, style);
		return;
	}
	item(L, PDF_LB_PENALTY, 0, 0, 0, PDF_LB_INF_PENALTY, 0, NULL, 0, style);
	item(L, PDF_LB_GLUE, 0, R, 0, 0, 0, NULL, 0, style);
	item(L, PDF_LB_PENALTY, w, 0, 0, pen, flag, NULL, 0, style);
	item(L, PDF_LB_GLUE, 0, -R, 0, 0, 0, NULL, 0, style);
}

/* The end of a paragraph or a hard line break. */
static void add_forced(lay *L, int style)
{
	item(L, PDF_LB_PENALTY, 0, 0, 0, PDF_LB_INF_PENALTY, 0, NULL, 0, style);
	item(L, PDF_LB_GLUE, 0, FILL_STRETCH, 0, 0, 0, NULL, 0, style);
	item(L, PDF_LB_PENALTY, 0, 0, 0, PDF_LB_FORCE_PENALTY, 0, NULL, 0, style);
}

static int ends_forced(const para *p)
{
	return p->n > 0 && p->items[p->n - 1].kind == PDF_LB_PENALTY &&
	       p->items[p->n - 1].penalty <= PDF_LB_FORCE_PENALTY;
}

static void add_piece(lay *L, const char *s, size_t len, int style)
{
	para *p = &L->p;

	if (len == 0 || !GROW(L, p->pieces, p->pcap, p->np + 1))
		return;
	p->pieces[p->np++] = (piece){s, len, style, 0};
}

/* ---- words ------------------------------------------------------------------------ */

static int is_letter_cp(uint32_t cp)
{
	if (cp < 0x80)
		return (cp | 32) >= 'a' && (cp | 32) <= 'z';
	if (cp >= 0xA0 && cp <= 0xBF)
		return 0; /* Latin-1 punctuation */
	if (cp == 0xD7 || cp == 0xF7)
		return 0;
	if (cp >= 0x2000 && cp <= 0x206F)
		return 0; /* general punctuation: quotes, dashes */
	return 1;
}

static int is_upper_at(const char *s, size_t len)
{
	unsigned char c = (unsigned char)s[0];

	if (c >= 'A' && c <= 'Z')
		return 1;
	return c == 0xC3 && len > 1 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9E &&
	       (unsigned char)s[1] != 0x97;
}

/* Copies the current pieces into p->word (with p->brk cleared). */
static int gather_word(lay *L)
{
	para *p = &L->p;
	size_t n = 0;

	for (size_t i = 0; i < p->np; i++)
		n += p->pieces[i].len;
	if (!GROW(L, p->word, p->wcap, n + 1) || !GROW(L, p->brk, p->bcap, n + 1))
		return 0;
	p->wlen = 0;
	p->has_shy = 0;
	memset(p->brk, 0, n + 1);
	for (size_t i = 0; i < p->np; i++) {
		memcpy(p->word + p->wlen, p->pieces[i].s, p->pieces[i].len);
		p->wlen += p->pieces[i].len;
		if (p->pieces[i].shy_after && i + 1 < p->np) {
			p->brk[p->wlen - 1] = BRK_HYPH;
			p->has_shy = 1;
		}
	}
	p->word[n] = '\0';
	return 1;
}

static int has_prefix_ci(const char *s, size_t len, const char *pre)
{
	size_t n = strlen(pre);

	if (len < n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((s[i] | 32) != (pre[i] | 32) && s[i] != pre[i])
			return 0;
	return 1;
}

static int url_like(const char *w, size_t len)
{
	for (size_t i = 0; i + 3 <= len; i++)
		if (memcmp(w + i, "://", 3) == 0)
			return 1;
	return has_prefix_ci(w, len, "www.") || has_prefix_ci(w, len, "doi:") ||
	       (len > 8 && has_prefix_ci(w, len, "10.") && memchr(w, '/', len));
}

/* After "/" or before ".", "-", "_", "?", "#" (so a copied DOI or URL stays
 * right: no hyphen is added, and a line never ends in one that could pass
 * for a hyphen), but not within "https://" and the 4 characters after it,
 * nor just before the end. */
static void mark_url_breaks(para *p)
{
	const char *scheme = strstr(p->word, "://");
	size_t from = scheme ? (size_t)(scheme - p->word) + 3 + 4 : 2;

	for (size_t i = from; i + 2 < p->wlen; i++) {
		if (p->word[i] == '/' && p->word[i + 1] != '/')
			p->brk[i] = BRK_URL;
		else if (strchr(".-_?#", p->word[i + 1]) && p->word[i] != '/')
			p->brk[i] = BRK_URL;
	}
}

#define MAX_HYPH_WORD 120

static size_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return (size_t)h;
}

/* The break points of a run of letters (len <= MAX_HYPH_WORD), from the
 * cache or from the hyphenator; in the layout's arena either way. NULL when out
 * of memory. Once the cache is 3/4 full, new words are computed uncached. */
/* Makes room in the word cache: the first table, or one twice the size
 * once 3/4 full (below HCACHE_SLOTS). 0 when out of memory. */
static int hcache_room(lay *L)
{
	size_t n = L->hslots ? L->hslots * 2 : HCACHE_FIRST;
	hslot *t;

	if (L->hcache && (L->hcount < L->hslots / 4 * 3 || L->hslots >= HCACHE_SLOTS))
		return 1;
	t = calloc(n, sizeof *t);
	if (!t)
		return 0;
	for (size_t i = 0; i < L->hslots; i++) {
		size_t h;

		if (!L->hcache[i].w)
			continue;
		h = hash_bytes(L->hcache[i].w, L->hcache[i].len) & (n - 1);
		while (t[h].w)
			h = (h + 1) & (n - 1);
		t[h] = L->hcache[i];
	}
	free(L->hcache);
	L->hcache = t;
	L->hslots = n;
	return 1;
}

static const unsigned char *hyphen_points(lay *L, const char *w, size_t len)
{
	size_t h, mask;
	unsigned char *pts;
	char *copy;

	if (!hcache_room(L)) {
		L->oom = 1;
		return NULL;
	}
	mask = L->hslots - 1;
	h = hash_bytes(w, len) & mask;
	while (L->hcache[h].w) {
		if (L->hcache[h].len == len && memcmp(L->hcache[h].w, w, len) == 0)
			return L->hcache[h].pts;
		h = (h + 1) & mask;
	}
	pts = (unsigned char *)arena_alloc(L, len);
	if (!pts)
		return NULL;
	pdf_hyphenate(L->hyph, w, len, pts);
	if (L->hcount < L->hslots / 4 * 3) {
		copy = arena_str(L, w, len);
		if (copy) {
			L->hcache[h] = (hslot){copy, len, pts};
			L->hcount++;
		}
	}
	return pts;
}

/* With points, hyphenates each run of letters of a word that has no digit,
 * is not an acronym (two capitals or more) and is not a URL; with expl, its
 * own hyphens between letters are break points too. Ragged text allows
 * neither unless the word is too long for its line. */
static void mark_hyphens(lay *L, int points, int expl)
{
	para *p = &L->p;
	size_t i = 0, upper = 0, run = 0, run_chars = 0, k = 1;

	for (size_t j = 0; j < p->wlen; j++) {
		if (p->word[j] >= '0' && p->word[j] <= '9')
			return;
		upper += is_upper_at(p->word + j, p->wlen - j);
	}
	/* after an en or em dash between words ("pain—and") */
	for (size_t j = 1; j + 3 < p->wlen; j++)
		if (memcmp(p->word + j, "\xE2\x80\x93", 3) == 0 ||
		    memcmp(p->word + j, "\xE2\x80\x94", 3) == 0)
			p->brk[j + 2] = BRK_EXPL;
	for (size_t j = 1; expl && j + 1 < p->wlen; j++)
		if (p->word[j] == '-' && p->word[j - 1] != '-' && p->word[j + 1] != '-')
			p->brk[j] = BRK_EXPL;
	if (!points || !L->hyph || upper >= 2 || p->has_shy)
		return; /* soft hyphens are the author's own points */
	while (i <= p->wlen) {
		uint32_t cp = i < p->wlen ? utf8_cp(p->word + i, p->wlen - i, &k) : 0;

		if (i < p->wlen && is_letter_cp(cp)) {
			run_chars++;
			i += k;
			continue;
		}
		if (run_chars >= 5 && i - run <= MAX_HYPH_WORD) {
			const unsigned char *pts = hyphen_points(L, p->word + run, i - run);

			for (size_t j = 0; pts && j < i - run; j++)
				if (pts[j])
					p->brk[run + j] = BRK_HYPH;
		}
		i += i < p->wlen ? k : 1;
		run = i;
		run_chars = 0;
	}
}

/* 1 when a character on either side of the boundary before byte at is one
 * whose breaks UAX #14 decides (pdf_breaker_mark). */
static int near_uax14(const para *p, size_t at)
{
	size_t before = at - 1, n;

	while (before > 0 && ((unsigned char)p->word[before] & 0xC0) == 0x80)
		before--;
	return pdf_breaker_decides(utf8_cp(p->word + before, p->wlen - before, &n)) ||
	       pdf_breaker_decides(utf8_cp(p->word + at, p->wlen - at, &n));
}

/* An overlong word may break at character boundaries (never inside a UTF-8
 * sequence, nor before a combining accent): every `step` characters, about
 * a dozen places per line, which keeps a word of megabytes to a bounded
 * number of items per line. */
static void mark_char_breaks(para *p, double width)
{
	size_t chars = 0, step, k = 0;

	for (size_t i = 0; i < p->wlen; i++)
		chars += ((unsigned char)p->word[i] & 0xC0) != 0x80;
	step = (size_t)((double)chars * p->lw / width / 12.0);
	if (step < 1)
		step = 1;
	for (size_t i = 0; i + 1 < p->wlen; i++) {
		unsigned char next = (unsigned char)p->word[i + 1];

		if ((next & 0xC0) == 0x80)
			continue;
		k++;
		if (next == 0xCC || (next == 0xCD && (unsigned char)p->word[i + 2] <= 0xAF))
			continue; /* U+0300..U+036F */
		if (near_uax14(p, i + 1))
			continue; /* UAX #14 decided there (kinsoku, Thai words) */
		if (!p->brk[i] && k >= step) {
			p->brk[i] = BRK_CHAR;
			k = 0;
		}
	}
}

static double pieces_width(lay *L)
{
	double w = 0;

	for (size_t i = 0; i < L->p.np; i++) {
		const tstyle *t = &L->p.styles[L->p.pieces[i].style];

		w += text_w(L, t->face, t->size, L->p.pieces[i].s, L->p.pieces[i].len);
	}
	return w;
}

/* ---- references: DOIs and URLs become links ---------------------------------------- */

static const char *const doi_prefixes[] = {"https://doi.org/",
                                           "http://doi.org/",
                                           "https://dx.doi.org/",
                                           "http://dx.doi.org/",
                                           "doi:",
                                           NULL};

/* When w[0..n) is a DOI (any of its usual spellings) or a URL: the link
 * target, in the arena, and *shown, the text to draw (a DOI is always shown
 * as https://doi.org/<doi>). NULL otherwise. */
static char *ref_link(lay *L, const char *w, size_t n, char **shown)
{
	char doi[512], *target;
	int found = 0, www = has_prefix_ci(w, n, "www.");

	for (size_t i = 0; doi_prefixes[i] && !found; i++) {
		size_t pl = strlen(doi_prefixes[i]);

		found = has_prefix_ci(w, n, doi_prefixes[i]) &&
		        folio_doi_normalize(w + pl, n - pl, doi, sizeof doi);
	}
	if (!found)
		found = has_prefix_ci(w, n, "10.") && folio_doi_normalize(w, n, doi, sizeof doi);
	if (found) {
		size_t dl = strlen(doi);

		target = arena_alloc(L, dl + 17);
		if (target) {
			memcpy(target, "https://doi.org/", 16);
			memcpy(target + 16, doi, dl + 1);
		}
		L->p.found_doi = target != NULL;
		*shown = target;
		return target;
	}
	if (!www && !has_prefix_ci(w, n, "http://") && !has_prefix_ci(w, n, "https://"))
		return NULL;
	*shown = arena_str(L, w, n);
	target = www ? arena_alloc(L, n + 9) : *shown;
	if (!*shown || !target)
		return NULL;
	if (www) {
		memcpy(target, "https://", 8);
		memcpy(target + 8, w, n);
		target[n + 8] = '\0';
	}
	L->p.found_url = 1;
	return target;
}

/* Replaces the word's pieces by [prefix][link][suffix] when the word is a
 * DOI or a URL; brackets before and punctuation after stay plain text. */
static void rewrite_ref_word(lay *L)
{
	para *p = &L->p;
	const char *w = p->word;
	size_t a = 0, b = p->wlen;
	char *shown = NULL, *target, *pre, *suf;
	int s0 = p->pieces[0].style, s1 = p->pieces[p->np - 1].style, ls;
	pdf_face face = p->styles[s0].face;
	double size = p->styles[s0].size;

	while (a < b && strchr("(<[", w[a]))
		a++;
	while (b > a && strchr(".,;:)]>", w[b - 1]))
		b--;
	target = ref_link(L, w + a, b - a, &shown);
	if (!target)
		return;
	/* The pieces now point into the arena, so p->word may be reused. */
	pre = arena_str(L, w, a);
	suf = arena_str(L, w + b, p->wlen - b);
	if (!pre || !suf)
		return;
	ls = get_style(L, face, size, L->st->accent_rgb, target, 0);
	p->np = 0;
	add_piece(L, pre, a, s0);
	add_piece(L, shown, strlen(shown), ls);
	add_piece(L, suf, strlen(suf), s1);
	gather_word(L);
}

/* Emits the current word's boxes, cut at piece ends and break points. */
static void emit_word_items(lay *L)
{
	para *p = &L->p;
	size_t pi = 0, pstart = 0, seg = 0;

	for (size_t g = 0; g < p->wlen && pi < p->np; g++) {
		size_t pend = pstart + p->pieces[pi].len;
		int at_end = g + 1 == pend;
		int b = g + 1 < p->wlen ? p->brk[g] : BRK_NONE;
		const piece *pc = &p->pieces[pi];
		const tstyle *t;

		if (!at_end && !b)
			continue;
		t = &p->styles[pc->style];
		item(L, PDF_LB_BOX,
		     text_w(L, t->face, t->size, pc->s + (seg - pstart), g + 1 - seg), 0, 0, 0, 0,
		     pc->s + (seg - pstart), g + 1 - seg, pc->style);
		if (b)
			add_inword_break(L, b, pc->style);
		seg = g + 1;
		if (at_end) {
			pstart = pend;
			pi++;
		}
	}
}

/* A space before "?", "!", ":", ";", "»" or after "«" (French typography
 * puts one there) must not break the line. */
static int glue_breakable(const para *p)
{
	const char *w = p->word;

	if (p->after_guillemet)
		return 0;
	if (p->wlen >= 2 && memcmp(w, "»", 2) == 0)
		return 0;
	return !(p->wlen >= 1 && strchr("?!:;", w[0]) &&
	         (p->wlen == 1 || !isalnum((unsigned char)w[1])));
}

/* Ends the word being gathered: glue before it, analysis, boxes. */
static void flush_word(lay *L)
{
	para *p = &L->p;
	double width;

	if (p->np == 0 || L->oom)
		return;
	if (!gather_word(L))
		return;
	if (p->refs && (strcmp(p->word, "doi:") == 0 || strcmp(p->word, "DOI:") == 0)) {
		p->np = 0; /* the DOI that follows is shown as a link */
		return;
	}
	if (p->refs)
		rewrite_ref_word(L);
	width = pieces_width(L);
	if (p->pending_glue && p->n > 0 && !ends_forced(p)) {
		/* A space that must not break, unless the words it binds
		 * would not fit on one line together. */
		double sw = space_w(L, p->glue_style);
		int breakable = !glue_breakable(p) ? p->chain_w + sw + width > p->lw : 1;

		add_glue(L, p->glue_style, breakable);
		p->chain_w = breakable ? width : p->chain_w + sw + width;
	} else {
		p->chain_w = width;
	}
	p->after_guillemet = p->wlen == 2 && memcmp(p->word, "«", 2) == 0;
	p->pending_glue = 0;
	if (url_like(p->word, p->wlen))
		mark_url_breaks(p);
	else
		mark_hyphens(L, p->hyph_ok || (p->hyph_long && width > p->lw),
		             p->expl_ok || width > p->lw);
	/* CJK and Thai break inside what spaces delimit. */
	pdf_breaker_mark(L->breaker, p->word, p->wlen, p->brk, BRK_UAX);
	if (width > p->lw)
		mark_char_breaks(p, width);
	emit_word_items(L);
	p->np = 0;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Adds literal text in the current style. Words may continue across calls
 * ("**in**tra" is one word of two pieces). */
static void add_text(lay *L, const char *s, size_t len)
{
	int style = current_style(L);
	size_t start = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\xC2' && i + 1 < len && s[i + 1] == '\xAD') {
			/* a soft hyphen: a break point that is not drawn */
			add_piece(L, s + start, i - start, style);
			if (L->p.np > 0)
				L->p.pieces[L->p.np - 1].shy_after = 1;
			start = i + 2;
			i++;
			continue;
		}
		if (!is_space(s[i]))
			continue;
		add_piece(L, s + start, i - start, style);
		flush_word(L);
		L->p.pending_glue = 1;
		L->p.glue_style = style;
		start = i + 1;
	}
	add_piece(L, s + start, len - start, style);
}

static void hard_break(lay *L)
{
	flush_word(L);
	L->p.pending_glue = 0;
	if (L->p.n > 0 && !ends_forced(&L->p))
		add_forced(L, current_style(L));
}

static void finish_para(lay *L)
{
	flush_word(L);
	if (L->p.n > 0 && !ends_forced(&L->p))
		add_forced(L, current_style(L));
}

/* ---- inline content ------------------------------------------------------------------ */

typedef void (*inline_fn)(lay *L, const folio_node *n, int enter);

static void in_text(lay *L, const folio_node *n, int enter)
{
	size_t len;
	const char *s = folio_node_literal(n, &len);

	(void)enter;
	add_text(L, s, len);
}

static void in_code(lay *L, const folio_node *n, int enter)
{
	L->p.code++;
	in_text(L, n, enter);
	L->p.code--;
}

static void in_emph(lay *L, const folio_node *n, int enter)
{
	(void)n;
	L->p.emph += enter ? 1 : -1;
}

static void in_strong(lay *L, const folio_node *n, int enter)
{
	(void)n;
	L->p.strong += enter ? 1 : -1;
}

static void in_strike(lay *L, const folio_node *n, int enter)
{
	(void)n;
	L->p.strike += enter ? 1 : -1;
}

static void in_link(lay *L, const folio_node *n, int enter)
{
	L->p.link = enter ? folio_node_url(n) : NULL;
	if (L->p.link && !*L->p.link)
		L->p.link = NULL;
}

static void in_break(lay *L, const folio_node *n, int enter)
{
	(void)n;
	(void)enter;
	hard_break(L);
}

static inline_fn inline_handler(folio_node_type t)
{
	static const struct {
		folio_node_type type;
		inline_fn fn;
	} table[] = {
	    {FOLIO_NODE_TEXT, in_text},        {FOLIO_NODE_CODE, in_code},
	    {FOLIO_NODE_EMPH, in_emph},        {FOLIO_NODE_STRONG, in_strong},
	    {FOLIO_NODE_STRIKE, in_strike},    {FOLIO_NODE_LINK, in_link},
	    {FOLIO_NODE_LINE_BREAK, in_break},
	};

	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].type == t)
			return table[i].fn;
	return NULL;
}

/* Feeds the inline descendants of node into the paragraph (iteratively:
 * inline nesting is the user's). */
static void collect_inlines(lay *L, const folio_node *node)
{
	folio_iter *it = folio_iter_new(node);
	folio_event ev;

	if (!it) {
		L->oom = 1;
		return;
	}
	while ((ev = folio_iter_next(it)) != FOLIO_EVENT_DONE) {
		const folio_node *n = folio_iter_node(it);
		inline_fn fn;

		if (n == node)
			continue;
		fn = inline_handler(folio_node_get_type(n));
		if (fn)
			fn(L, n, ev == FOLIO_EVENT_ENTER);
	}
	folio_iter_free(it);
}

/* ---- lines -------------------------------------------------------------------------- */

/* A TEXT op being assembled in L->tbuf. */
typedef struct open_op {
	int active, style;
	int hyphen; /* ends in a hyphen the layout added */
	int space;  /* a word space follows it (a gap, or the line's end) */
	int elem;
	double x;
	unsigned char level; /* the lowest bidi level of its boxes */
} open_op;

typedef struct line_ctx {
	open_op o;
	const char *link;
	int link_elem; /* the Link element of the link on this line */
	const char *prev_link; /* the link that ended last (a link broken across
	                          lines is one element) */
	double lx0, lx1;
	double asc, desc; /* of the paragraph, for link rectangles */
} line_ctx;

static void close_op(lay *L, open_op *o)
{
	const tstyle *t;
	char *s;
	pdf_op *op;

	if (!o->active)
		return;
	o->active = 0;
	t = &L->p.styles[o->style];
	s = arena_str(L, L->tbuf, L->tlen);
	op = s ? push_scratch(L, PDF_OP_TEXT) : NULL;
	if (!op)
		return;
	op->x = o->x;
	op->elem = o->elem;
	op->face = t->face;
	op->size = t->size;
	op->rgb = t->rgb;
	op->text = s;
	op->len = L->tlen;
	op->hyphen = o->hyphen;
	op->space_after = o->space && !o->hyphen;
	op->dir = L->prtl;
	if (GROW(L, L->slev, L->slevcap, L->nscratch))
		L->slev[L->nscratch - 1] = o->level;
	if (t->strike) {
		double w = text_w(L, t->face, t->size, s, L->tlen);

		op = push_scratch(L, PDF_OP_RULE);
		if (op)
			*op = (pdf_op){.kind = PDF_OP_RULE,
			               .elem = PDF_ELEM_ARTIFACT,
			               .x = o->x,
			               .y = t->size * 0.28,
			               .w = w,
			               .h = t->size * 0.06,
			               .rgb = t->rgb};
	}
}

static void open_text(lay *L, line_ctx *c, int style, double x)
{
	open_op *o = &c->o;

	close_op(L, o);
	o->active = 1;
	o->hyphen = 0;
	o->space = 0;
	o->style = style;
	o->elem = L->p.styles[style].link && c->link ? c->link_elem : L->cur;
	o->x = x;
	L->tlen = 0;
}

static void close_link(lay *L, line_ctx *c)
{
	pdf_op *op;

	if (!c->link)
		return;
	op = push_scratch(L, PDF_OP_LINK);
	if (op) {
		op->elem = c->link_elem;
		op->x = c->lx0;
		op->y = c->desc;
		op->w = c->lx1 - c->lx0;
		op->h = c->asc - c->desc;
		op->url = c->link;
	}
	c->prev_link = c->link;
	c->link = NULL;
}

/* A box of text at x: joins the open op when the style matches and at most a
 * natural space of the same style lies between (ragged) or nothing (the
 * words of justified text are separate ops, placed by us). */
static void line_box(lay *L, line_ctx *c, size_t i, double x, int gap, int gap_style)
{
	const imeta *mt = &L->p.meta[i];
	const tstyle *t = &L->p.styles[mt->style];
	int join = c->o.active && c->o.style == mt->style &&
	           (!gap || (!L->p.justify && gap_style == mt->style));

	c->o.space = gap && !join; /* for the op this box may close */

	if (c->link != t->link) {
		close_op(L, &c->o); /* the link's text is an op of its own */
		join = 0;
		close_link(L, c);
		c->link = t->link;
		c->lx0 = x;
		if (t->link && t->link != c->prev_link)
			c->link_elem = new_elem(L, L->cur, "Link", NULL);
	}
	if (!t->link)
		c->prev_link = NULL;
	if (!join) {
		open_text(L, c, mt->style, x);
		c->o.level = L->lev ? L->lev[i] : 0;
	} else if (L->lev && L->lev[i] < c->o.level) {
		c->o.level = L->lev[i];
	}
	if (join && gap)
		tbuf_put(L, " ", 1);
	tbuf_put(L, mt->s, mt->len);
	c->lx1 = x + L->p.items[i].width;
}

static double line_ratio(const lay *L, size_t s, size_t b, double lw)
{
	double w, y, z;

	pdf_lb_measure(L->p.items, s, b, &w, &y, &z);
	if (!L->p.justify)
		return 0;
	if (w < lw && y > 0)
		return (lw - w) / y;
	if (w > lw && z > 0)
		return fmax((lw - w) / z, -1.0);
	return 0;
}

/* Emits the ops of the line items[s..b) into the scratch, baseline y = 0. */
static void emit_line(lay *L, line_ctx *c, size_t s, size_t b, double x, double lw, int align)
{
	const pdf_lb_item *items = L->p.items;
	double r = line_ratio(L, s, b, lw), w, y, z;
	int gap = 0, gap_style = 0;

	pdf_lb_measure(items, s, b, &w, &y, &z);
	if (!L->p.justify && w < lw && align != ALIGN_LEFT)
		x += (lw - w) * (align == ALIGN_CENTER ? 0.5 : 1.0);
	for (size_t i = s; i < b; i++) {
		const pdf_lb_item *it = &items[i];

		if (it->kind == PDF_LB_BOX) {
			line_box(L, c, i, x, gap, gap_style);
			x += it->width;
			gap = 0;
		} else if (it->kind == PDF_LB_GLUE) {
			x += it->width + (r > 0 ? r * it->stretch : r * it->shrink);
			if (it->width > 0) {
				gap = 1;
				gap_style = L->p.meta[i].style;
			}
		}
	}
	if (items[b].kind == PDF_LB_PENALTY && items[b].width > 0) {
		int st = L->p.meta[b].style;

		if (!c->o.active || c->o.style != st)
			open_text(L, c, st, x);
		tbuf_put(L, "-", 1);
		c->o.hyphen = 1;
		if (c->link)
			c->lx1 = x + items[b].width;
	}
	/* A line broken at a word space: at glue (justified), or at the penalty
	 * after the stretch glue (ragged); not inside a word. */
	c->o.space = items[b].kind == PDF_LB_GLUE || (b > s && items[b - 1].kind == PDF_LB_GLUE);
	close_op(L, &c->o);
	close_link(L, c);
}

/* Width of a scratch op on the line (TEXT ops are measured). */
static double op_extent(const lay *L, const pdf_op *op)
{
	return op->kind == PDF_OP_TEXT ? text_w(L, op->face, op->size, op->text, op->len) : op->w;
}

/* Mirrors the line's ops [first, last) that lie within [a, b] about the
 * span's middle. */
static void mirror_span(lay *L, size_t first, size_t last, double a, double b)
{
	for (size_t i = first; i < last; i++) {
		pdf_op *op = &L->scratch[i];
		double w = op_extent(L, op);

		if (op->x >= a - 0.01 && op->x + w <= b + 0.01)
			op->x = a + b - op->x - w;
	}
}

/* Puts the ops of the line just emitted (scratch [first, end)) in visual
 * order by UAX #9's rule L2 at op granularity: from the highest level down
 * to 1, each run of TEXT ops at that level or above is mirrored within its
 * span (the whole line, [x, x + lw], for a right-to-left paragraph's level
 * 1, which also sets it flush right). Inside an op the drawing orders the
 * characters (pdf_op.dir). In a right-to-left article the line is mirrored
 * once more: place_ops mirrors every page back. */
static void order_line(lay *L, size_t first, double x, double lw)
{
	size_t end = L->nscratch, *ord, m = 0;
	unsigned char top = 0;

	if (!L->lev || end <= first)
		goto doc;
	ord = malloc((end - first) * sizeof *ord);
	if (!ord) {
		L->oom = 1;
		return;
	}
	for (size_t i = first; i < end; i++)
		if (L->scratch[i].kind == PDF_OP_TEXT) {
			ord[m++] = i;
			if (L->slev[i] > top)
				top = L->slev[i];
		}
	for (unsigned char lv = top; lv >= 1; lv--) {
		for (size_t k = 0; k < m;) {
			size_t r = k;
			double a = 1e300, b = -1e300;

			if (L->slev[ord[k]] < lv) {
				k++;
				continue;
			}
			while (r < m && L->slev[ord[r]] >= lv) {
				const pdf_op *op = &L->scratch[ord[r]];

				a = fmin(a, op->x);
				b = fmax(b, op->x + op_extent(L, op));
				r++;
			}
			if (lv == 1 && L->prtl && k == 0 && r == m) {
				a = x;
				b = x + lw;
			}
			mirror_span(L, first, end, a, b);
			for (size_t i = k, j = r - 1; i < j; i++, j--) {
				size_t t = ord[i];

				ord[i] = ord[j];
				ord[j] = t;
			}
			k = r;
		}
	}
	free(ord);
doc:
	if (L->rtl_doc)
		mirror_span(L, first, end, x, x + lw);
}

/* The current paragraph's direction and its items' bidi levels (L->lev,
 * NULL for a left-to-right paragraph without right-to-left text). In a
 * right-to-left article every paragraph runs right to left, as HTML's
 * dir="rtl" sets it; elsewhere a paragraph whose first strong character is
 * right to left does. */
static void para_levels(lay *L)
{
	para *p = &L->p;
	size_t n = 0, at = 0;
	int any = L->rtl_doc;

	L->lev = NULL;
	L->prtl = L->rtl_doc;
	for (size_t i = 0; i < p->n; i++)
		if (p->meta[i].s && (p->items[i].kind == PDF_LB_BOX || p->items[i].width > 0))
			n += p->meta[i].len;
	if (!GROW(L, L->btext, L->btcap, n + 1) || !GROW(L, L->boff, L->bocap, p->n + 1) ||
	    !GROW(L, L->slev, L->slevcap, n + 1))
		return;
	for (size_t i = 0; i < p->n; i++) {
		L->boff[i] = at;
		if (p->meta[i].s && (p->items[i].kind == PDF_LB_BOX || p->items[i].width > 0)) {
			memcpy(L->btext + at, p->meta[i].s, p->meta[i].len);
			at += p->meta[i].len;
		}
	}
	L->boff[p->n] = at;
	for (size_t i = 0; i < at && !any; i++)
		any = (unsigned char)L->btext[i] >= 0xD6;
	if (!any)
		return;
	if (!L->rtl_doc)
		L->prtl = pdf_bidi_first_strong(L->btext, at) == 1;
	/* The byte levels go to slev for now (grown to n above), then each
	 * item takes the lowest level of its bytes into lev. */
	if (!GROW(L, L->levbuf, L->levbcap, p->n + 1))
		return;
	pdf_bidi_levels(L->btext, at, L->prtl, L->slev);
	for (size_t i = 0; i < p->n; i++) {
		unsigned char lv = (unsigned char)L->prtl;

		if (L->boff[i + 1] > L->boff[i]) {
			lv = 255;
			for (size_t b = L->boff[i]; b < L->boff[i + 1]; b++)
				if (L->slev[b] < lv)
					lv = L->slev[b];
		}
		L->levbuf[i] = lv;
	}
	L->lev = L->levbuf;
}

/* Line height and baseline of the current paragraph (its largest style). */
static void para_metrics(const lay *L, double *height, double *b_off, double *size, double *asc,
                         double *desc)
{
	double sz = L->p.size, a = 0, d = 0;

	for (size_t i = 0; i < L->p.nstyles; i++)
		sz = fmax(sz, L->p.styles[i].size);
	a = ascent_of(L, L->p.base_face, sz);
	d = descent_of(L, L->p.base_face, sz);
	for (size_t i = 0; i < L->p.nstyles; i++) {
		a = fmax(a, ascent_of(L, L->p.styles[i].face, L->p.styles[i].size));
		d = fmin(d, descent_of(L, L->p.styles[i].face, L->p.styles[i].size));
	}
	*size = sz;
	*height = sz * L->st->leading;
	*b_off = (*height - (a - d)) / 2 + a;
	*asc = a;
	*desc = d;
}

/* Breaks the current paragraph's items; a paragraph's last line never
 * follows a hyphen ("re- / covery."): such a break is forbidden and the
 * paragraph broken again (a few times at most). Same contract as
 * pdf_lb_total_fit. */
static size_t break_lines(lay *L, const pdf_lb_params *prm, size_t **breaks)
{
	size_t nb = 0;

	for (int round = 0; round < 4; round++) {
		pdf_lb_item *last;

		free(*breaks);
		*breaks = NULL;
		/* Total fit keeps a node per feasible break: past KP_MAX_ITEMS (a
		 * paragraph of some ten thousand words) first fit bounds the memory. */
		if (L->p.n > KP_MAX_ITEMS)
			nb = pdf_lb_greedy(L->p.items, L->p.n, prm, breaks);
		else
			nb = pdf_lb_total_fit(L->p.items, L->p.n, prm, breaks);
		if (nb < 2)
			break;
		last = &L->p.items[(*breaks)[nb - 2]];
		if (last->kind != PDF_LB_PENALTY || !last->flagged)
			break;
		last->penalty = PDF_LB_INF_PENALTY;
		last->flagged = 0;
	}
	return nb;
}

/* Breaks the current paragraph at width lw and appends its lines (ops in the
 * scratch, x from x) to L->lines. Returns the number of lines. */
static size_t set_lines(lay *L, double x, double lw, int align)
{
	pdf_lb_params prm = pdf_lb_defaults(lw);
	size_t *breaks = NULL, nb, start = (size_t)-1;
	line_ctx c;
	double h, b_off, size;

	if (L->oom || L->p.n == 0)
		return 0;
	nb = break_lines(L, &prm, &breaks);
	if (nb == 0 || !GROW(L, L->lines, L->lcap, L->nlines + nb)) {
		L->oom = 1;
		free(breaks);
		return 0;
	}
	memset(&c, 0, sizeof c);
	para_metrics(L, &h, &b_off, &size, &c.asc, &c.desc);
	para_levels(L);
	for (size_t k = 0; k < nb; k++) {
		size_t s = pdf_lb_line_start(L->p.items, L->p.n, start);
		line_rec *lr = &L->lines[L->nlines++];

		lr->first_op = L->nscratch;
		if (s < breaks[k]) {
			emit_line(L, &c, s, breaks[k], x, lw, align);
			order_line(L, lr->first_op, x, lw);
		}
		lr->nops = L->nscratch - lr->first_op;
		lr->b_off = b_off;
		lr->height = h;
		lr->size = size;
		lr->hyphen = L->p.items[breaks[k]].kind == PDF_LB_PENALTY &&
		             L->p.items[breaks[k]].flagged;
		start = breaks[k];
	}
	free(breaks);
	L->lev = NULL;
	L->prtl = L->rtl_doc;
	return nb;
}

/* Copies scratch ops into the open box, moved down by dy. */
static void copy_scratch(lay *L, size_t first, size_t n, double dx, double dy)
{
	for (size_t i = 0; i < n; i++) {
		pdf_op *op = push_op(L, PDF_OP_TEXT);

		if (!op)
			return;
		*op = L->scratch[first + i];
		op->x += dx;
		op->y += dy;
	}
}

/* One box per line, with the widow/orphan (KEEP_PARA) or keep-together
 * (KEEP_WHOLE, KEEP_ALL) rule. The first box carries the pending list marker. */
static void line_boxes(lay *L, size_t first, size_t n, int keep)
{
	for (size_t k = 0; k < n; k++) {
		const line_rec *lr = &L->lines[first + k];
		int kn = keep == KEEP_ALL || lr->hyphen || (keep == KEEP_WHOLE && k + 1 < n) ||
		         (keep == KEEP_PARA && n >= 2 && (k == 0 || k + 2 == n));
		size_t bi = begin_box(L, lr->height, kn);

		put_marker(L, lr->b_off, lr->size);
		copy_scratch(L, lr->first_op, lr->nops, 0, -lr->b_off);
		end_box(L, bi);
	}
}

static void scratch_reset(lay *L)
{
	L->nscratch = 0;
	L->nlines = 0;
}

/* Sets the current paragraph in the current column as boxes. */
static void para_to_boxes(lay *L, int align, int keep)
{
	size_t n = set_lines(L, L->left, L->right - L->left, align);

	line_boxes(L, 0, n, keep);
	scratch_reset(L);
}

/* ---- block geometry ---------------------------------------------------------------- */

static double line_h(const lay *L)
{
	return L->st->body_size * L->st->leading;
}

static double para_gap(const lay *L)
{
	return L->st->body_size * 0.6;
}

/* The nearest enclosing frame of a kind, or NULL. */
static frame *find_frame(lay *L, int kind)
{
	for (size_t i = L->nframes; i > 0; i--)
		if (L->frames[i - 1].kind == kind)
			return &L->frames[i - 1];
	return NULL;
}

/* Indentation grows by indent per level up to INDENT_CAP of the column. */
static frame *push_frame(lay *L, int kind, double indent)
{
	double cap = L->col_left + (L->col_right - L->col_left) * INDENT_CAP;
	frame *f;

	if (!GROW(L, L->frames, L->fcap, L->nframes + 1))
		return NULL;
	f = &L->frames[L->nframes++];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	f->left = fmin(L->left + indent, fmax(cap, L->left));
	f->left = fmax(f->left, L->col_left + indent); /* room for a marker */
	L->left = f->left;
	return f;
}

static void pop_frame(lay *L)
{
	if (L->nframes == 0)
		return;
	L->nframes--;
	L->left = L->nframes ? L->frames[L->nframes - 1].left : L->col_left;
}

/* Paragraph spacing: tight list items sit closer. */
static double block_gap(lay *L)
{
	if (L->nframes && L->frames[L->nframes - 1].kind == FRAME_ITEM) {
		frame *list = find_frame(L, FRAME_LIST);

		if (list && list->tight)
			return line_h(L) * 0.15;
	}
	return para_gap(L);
}

/* ---- blocks ---------------------------------------------------------------------------- */

typedef void (*block_fn)(lay *L, const folio_node *n, int enter);

static void b_paragraph(lay *L, const folio_node *n, int enter)
{
	(void)enter;
	request_space(L, block_gap(L));
	para_reset(L, PDF_FACE_REGULAR, L->st->body_size, TEXT_RGB, L->right - L->left);
	collect_inlines(L, n);
	finish_para(L);
	if (L->p.n == 0 && L->marker_pending)
		add_forced(L, current_style(L)); /* an empty item still shows its marker */
	para_to_boxes(L, ALIGN_LEFT, KEEP_PARA);
}

static void anchor_op(lay *L, const char *text, int level)
{
	char *t = text ? arena_str(L, text, strlen(text)) : NULL;
	pdf_op *op = t ? push_op(L, PDF_OP_ANCHOR) : NULL;

	if (!op)
		return;
	op->text = t;
	op->len = strlen(t);
	op->level = level;
	op->y = 0;
}

/* A heading: heading face, never hyphenated; every line keeps with what
 * follows, so it is never the last thing on a page. level is the outline's;
 * look (2..6) the level it reads as: a section (2) in the accent colour with
 * more space above, a subsection (3 and under) smaller, in the text colour,
 * so the two never look alike. */
static void heading_lines(lay *L, const folio_node *n, const char *plain, int level, int look)
{
	double size = L->st->heading_size[look - 1];
	size_t first_box = L->nboxes, nl;

	request_space(L, size * (look <= 2 ? 1.1 : 0.85));
	para_reset(L, PDF_FACE_HEADING, size, look <= 2 ? L->st->accent_rgb : TEXT_RGB,
	           L->right - L->left);
	L->p.hyph_ok = 0;
	L->p.justify = 0;
	if (n)
		collect_inlines(L, n);
	else
		add_text(L, plain, strlen(plain));
	finish_para(L);
	nl = set_lines(L, L->left, L->right - L->left, ALIGN_LEFT);
	for (size_t k = 0; k < nl; k++) {
		const line_rec *lr = &L->lines[k];
		size_t bi = begin_box(L, lr->height, 1);

		if (k == 0)
			anchor_op(L, plain, level);
		put_marker(L, lr->b_off, lr->size);
		copy_scratch(L, lr->first_op, lr->nops, 0, -lr->b_off);
		end_box(L, bi);
	}
	scratch_reset(L);
	if (L->nboxes > first_box) {
		L->pending_space = size * 0.35;
		L->space_lock = 1;
	}
}

static void b_heading(lay *L, const folio_node *n, int enter)
{
	char *plain = folio_node_plain_text(n);
	int level = folio_node_heading_level(n), look;

	(void)enter;
	if (!plain) {
		L->oom = 1;
		return;
	}
	look = level + L->hshift; /* the article's top headings read as sections */
	heading_lines(L, n, plain, level < 1 ? 1 : level > 6 ? 6 : level,
	              look < 2 ? 2 : look > 6 ? 6 : look);
	free(plain);
}

static double list_gutter(lay *L, const frame *f, size_t items);

static void b_list(lay *L, const folio_node *n, int enter)
{
	frame *parent = find_frame(L, FRAME_LIST), *f;
	int depth = parent ? parent->list_depth + 1 : 0;
	int odepth = parent ? parent->ordered_depth : 0;

	if (!enter) {
		pop_frame(L);
		request_space(L, block_gap(L));
		return;
	}
	request_space(L, block_gap(L));
	f = push_frame(L, FRAME_LIST, 0); /* may move the frames: parent is stale */
	if (!f)
		return;
	f->ordered = folio_node_list_type(n) == FOLIO_LIST_ORDERED;
	f->tight = folio_node_list_tight(n);
	f->counter = folio_node_list_start(n);
	f->list_depth = depth;
	f->ordered_depth = odepth + f->ordered;
	f->gutter = list_gutter(L, f, folio_node_child_count(n));
}

static void roman(long v, char *out, size_t n)
{
	static const struct {
		int v;
		const char *s;
	} r[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
	         {90, "xc"},  {50, "l"},   {40, "xl"}, {10, "x"},   {9, "ix"},
	         {5, "v"},    {4, "iv"},   {1, "i"}};
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
		while (v >= r[i].v && len + 3 < n) {
			len += (size_t)snprintf(out + len, n - len, "%s", r[i].s);
			v -= r[i].v;
		}
}

static void alpha(long v, char *out, size_t n)
{
	char tmp[16];
	size_t k = 0, len = 0;

	while (v > 0 && k < sizeof tmp) {
		v--;
		tmp[k++] = (char)('a' + v % 26);
		v /= 26;
	}
	while (k > 0 && len + 1 < n)
		out[len++] = tmp[--k];
	out[len] = '\0';
}

/* "3." / "c." / "iii." by the depth of ordered lists (1. / a. / i.). */
static void format_number(long v, int ordered_depth, char *out, size_t n)
{
	char num[32];
	int style = (ordered_depth - 1) % 3;

	if (style == 1 && v >= 1)
		alpha(v, num, sizeof num);
	else if (style == 2 && v >= 1 && v < 4000)
		roman(v, num, sizeof num);
	else
		snprintf(num, sizeof num, "%ld", v);
	snprintf(out, n, "%s.", num);
}

/* The hanging indent of a list: its widest number and the gap, at least
 * LIST_GUTTER, at most half the column. */
static double list_gutter(lay *L, const frame *f, size_t items)
{
	double g = LIST_GUTTER;
	char num[48];

	for (size_t i = 0; f->ordered && i < items; i++) {
		format_number(f->counter + (long)i, f->ordered_depth, num, sizeof num);
		g = fmax(g, text_w(L, PDF_FACE_REGULAR, L->st->body_size, num, strlen(num)) +
		                MARKER_GAP + 3);
	}
	return fmin(g, (L->col_right - L->col_left) / 2);
}

static void b_item(lay *L, const folio_node *n, int enter)
{
	frame *list = find_frame(L, FRAME_LIST);
	marker *mk;

	(void)n;
	if (!enter) {
		if (L->marker_pending) { /* an item with no content */
			size_t bi = begin_box(L, line_h(L), 0);

			put_marker(L, line_h(L) * 0.75, L->st->body_size);
			end_box(L, bi);
		}
		pop_frame(L);
		return;
	}
	request_space(L, list && list->tight ? line_h(L) * 0.15 : para_gap(L));
	if (!push_frame(L, FRAME_ITEM, list ? list->gutter : LIST_GUTTER))
		return;
	list = find_frame(L, FRAME_LIST); /* push_frame may have moved it */
	mk = queue_marker(L, !list || !list->ordered, list ? list->list_depth : 0);
	if (mk->bullet && mk->elem > 0) /* a bullet is drawn, not written: say what it is */
		L->out->elems[mk->elem].actual = "\xE2\x80\xA2";
	if (list && list->ordered)
		format_number(list->counter++, list->ordered_depth, mk->text, sizeof mk->text);
}

static void b_quote(lay *L, const folio_node *n, int enter)
{
	double bar = L->left;

	(void)n;
	request_space(L, para_gap(L));
	if (!enter) {
		pop_frame(L);
		L->quote_depth--;
		return;
	}
	if (!push_frame(L, FRAME_QUOTE, QUOTE_INDENT))
		return;
	if (L->quote_depth < MAX_BARS)
		L->bar_x[L->quote_depth] = bar;
	L->quote_depth++;
}

static void b_thematic(lay *L, const folio_node *n, int enter)
{
	double w = fmin((L->right - L->left) * 0.25, 120.0), h = fmax(16.0, L->st->body_size * 1.3);
	size_t bi;

	(void)n;
	(void)enter;
	request_space(L, para_gap(L));
	bi = begin_box(L, h, 0);
	put_marker(L, h * 0.6, L->st->body_size);
	push_rule(L, L->left + (L->right - L->left - w) / 2, -h / 2 - 0.4, w, 0.8,
	          L->st->accent_rgb);
	end_box(L, bi);
	request_space(L, para_gap(L));
}

/* ---- code blocks ----------------------------------------------------------------------- */

/* The code's visual lines as (offset, length) pairs into L->tbuf, after tab
 * expansion; overlong lines are cut at character boundaries. */
typedef struct span {
	size_t off, len;
} span;

/* Bytes of s that fit in avail: up to the last space when there is one in
 * the second half of the line, else at a character boundary; at least one
 * character. */
static size_t code_cut(lay *L, const char *s, size_t len, double size, double avail)
{
	double w = 0;
	size_t i = 0, k, space = 0;

	while (i < len) {
		k = utf8_len((unsigned char)s[i]);
		if (i + k > len)
			k = len - i;
		w += text_w(L, PDF_FACE_MONO, size, s + i, k);
		if (w > avail && i > 0)
			return space > i / 2 ? space : i;
		if (s[i] == ' ')
			space = i + 1;
		i += k;
	}
	return len;
}

static size_t code_spans(lay *L, const char *text, size_t len, double size, double avail,
                         span **out, size_t *cap)
{
	size_t n = 0, i = 0;

	L->tlen = 0;
	while (i <= len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - text) : len, start = L->tlen, col = 0;

		if (!nl && i == len && n > 0)
			break; /* the final newline ends the last line */
		for (size_t j = i; j < e; j++) {
			if (text[j] == '\t') {
				do
					tbuf_put(L, " ", 1);
				while (++col % 4);
			} else if (text[j] != '\r') {
				tbuf_put(L, text + j, 1);
				col += ((unsigned char)text[j] & 0xC0) != 0x80;
			}
		}
		do {
			size_t cut = code_cut(L, L->tbuf + start, L->tlen - start, size, avail);

			if (!GROW(L, *out, *cap, n + 1))
				return n;
			(*out)[n++] = (span){start, cut};
			start += cut;
		} while (start < L->tlen);
		i = e + 1;
	}
	return n;
}

static void b_code(lay *L, const folio_node *n, int enter)
{
	size_t len, nspans, cap = 0;
	const char *text = folio_node_literal(n, &len);
	double size = L->st->small_size, h = size * 1.3, pad = 4.0;
	double avail = L->right - L->left - 2 * CODE_PAD;
	double a = ascent_of(L, PDF_FACE_MONO, size), d = descent_of(L, PDF_FACE_MONO, size);
	span *sp = NULL;

	(void)enter;
	request_space(L, block_gap(L));
	nspans = code_spans(L, text, len, size, avail, &sp, &cap);
	for (size_t k = 0; k < nspans; k++) {
		double top = k == 0 ? pad : 0, bh = h + top + (k + 1 == nspans ? pad : 0);
		double base = top + (h - (a - d)) / 2 + a;
		int keep = nspans >= 2 && (k == 0 || k + 2 == nspans);
		size_t bi = begin_box(L, bh, keep);

		push_rule(L, L->left, -bh, L->right - L->left, bh, CODE_BG);
		put_marker(L, base, L->st->body_size);
		if (sp[k].len)
			push_text(L, PDF_FACE_MONO, size, TEXT_RGB, L->left + CODE_PAD, -base,
			          L->tbuf + sp[k].off, sp[k].len);
		end_box(L, bi);
	}
	free(sp);
	request_space(L, block_gap(L));
}

/* ---- images ----------------------------------------------------------------------------- */

/* A small italic line (caption, alt text) under an image. */
static void small_note(lay *L, const char *text, int align, int keep)
{
	request_space(L, 3.0);
	para_reset(L, PDF_FACE_ITALIC, L->st->small_size, GREY_RGB, L->right - L->left);
	add_text(L, text, strlen(text));
	finish_para(L);
	para_to_boxes(L, align, keep);
}

static void b_image(lay *L, const folio_node *n, int enter)
{
	const char *src = folio_node_url(n), *alt = folio_node_alt(n), *cap = folio_node_title(n);
	double wpx = 0, hpx = 0, avail = L->right - L->left;
	double maxh =
	    fmin(L->st->page_height * IMAGE_MAX_H, L->st->page_height - L->st->margin_top -
	                                               L->st->margin_bottom - L->st->footer_height);
	int ok = src && L->m->image_size && L->m->image_size(L->m->ctx, src, &wpx, &hpx) &&
	         wpx > 0 && hpx > 0;

	(void)enter;
	request_space(L, para_gap(L));
	if (ok) {
		/* Fit the column, no more than 1.5x its 150 dpi size, cap the height. */
		double w = fmin(avail, wpx * 72.0 / 150.0 * 1.5), h = w * hpx / wpx;
		size_t bi;
		pdf_op *op;
		char *s;

		if (h > maxh) {
			w *= maxh / h;
			h = maxh;
		}
		bi = begin_box(L, h, cap && *cap);
		put_marker(L, fmin(h, L->st->body_size), L->st->body_size);
		s = arena_str(L, src, strlen(src));
		op = s ? push_op(L, PDF_OP_IMAGE) : NULL;
		if (op) {
			op->x = L->left + (avail - w) / 2;
			op->y = -h;
			op->w = w;
			op->h = h;
			op->url = s;
		}
		end_box(L, bi);
	} else {
		const char *shown = alt && *alt ? alt : src ? src : "image";
		size_t len = strlen(shown) + 3;
		char *t = arena_alloc(L, len);

		if (!t)
			return;
		snprintf(t, len, "[%s]", shown);
		small_note(L, t, ALIGN_LEFT, cap && *cap ? KEEP_ALL : KEEP_PARA);
	}
	if (cap && *cap) {
		int figure = L->cur;

		L->cur = new_elem(L, figure, "Caption", NULL);
		small_note(L, cap, ALIGN_CENTER, KEEP_PARA);
		L->cur = figure;
	}
}

/* ---- tables ------------------------------------------------------------------------------ */

typedef struct cell_lines {
	size_t first, count; /* in L->lines */
} cell_lines;

/* The inlines of a cell as the current paragraph (bold in the header row). */
static void cell_para(lay *L, const folio_node *cell, int header, double lw)
{
	para_reset(L, header ? PDF_FACE_BOLD : PDF_FACE_REGULAR, L->cell_size, TEXT_RGB, lw);
	collect_inlines(L, cell);
	finish_para(L);
}

/* Natural (one-line) and minimum (widest box run) widths of the paragraph. */
static void para_widths(const lay *L, double *natural, double *minimum)
{
	double nat = 0, run = 0, mn = 0;

	for (size_t i = 0; i < L->p.n; i++) {
		const pdf_lb_item *it = &L->p.items[i];

		if (it->kind == PDF_LB_BOX) {
			run += it->width;
			nat += it->width;
			mn = fmax(mn, run);
		} else if (it->kind == PDF_LB_GLUE) {
			nat += it->width;
			if (it->width > 0 || it->stretch > 0)
				run = 0;
		} else if (it->penalty < PDF_LB_INF_PENALTY) {
			run = 0;
		}
	}
	*natural = nat;
	*minimum = mn;
}

static size_t table_cols(const folio_node *table)
{
	size_t cols = 0;

	for (const folio_node *r = folio_node_first_child(table); r; r = folio_node_next(r))
		cols = cols > folio_node_child_count(r) ? cols : folio_node_child_count(r);
	return cols;
}

/* Column widths from content: natural widths when they fit, else minimum
 * widths plus the rest shared by how much more each column would like. */
static void table_widths(lay *L, const folio_node *table, size_t cols, double avail, double *w)
{
	double *nat = calloc(cols * 2, sizeof *nat), *mn, sum_nat = 0, sum_min = 0;
	size_t ri = 0;

	if (!nat) {
		L->oom = 1;
		return;
	}
	mn = nat + cols;
	for (const folio_node *r = folio_node_first_child(table); r; r = folio_node_next(r), ri++) {
		size_t c = 0;

		for (const folio_node *cell = folio_node_first_child(r); cell;
		     cell = folio_node_next(cell), c++) {
			double a, b;

			cell_para(L, cell, ri == 0, 1e9);
			para_widths(L, &a, &b);
			nat[c] = fmax(nat[c], a + 2 * L->cell_pad);
			mn[c] = fmax(mn[c], fmin(b, avail / 3) + 2 * L->cell_pad);
		}
	}
	for (size_t c = 0; c < cols; c++) {
		sum_nat += nat[c];
		sum_min += mn[c];
	}
	for (size_t c = 0; c < cols; c++) {
		if (sum_nat <= avail)
			w[c] = nat[c];
		else if (sum_min >= avail)
			w[c] = avail * mn[c] / sum_min;
		else
			w[c] = mn[c] + (avail - sum_min) * (nat[c] - mn[c]) / (sum_nat - sum_min);
	}
	free(nat);
}

static int cell_align(const folio_node *cell)
{
	folio_align a = folio_node_align(cell);

	return a == FOLIO_ALIGN_CENTER  ? ALIGN_CENTER
	       : a == FOLIO_ALIGN_RIGHT ? ALIGN_RIGHT
	                                : ALIGN_LEFT;
}

/* One row: each cell set in its column, then one box per line strip (line k
 * of every cell), with the row's rule under its last strip. */
static void table_row(lay *L, const folio_node *row, int header, int last, const double *w,
                      size_t cols, cell_lines *cl)
{
	double x = L->left, lh = L->cell_size * L->st->leading, width = 0, pad = L->cell_pad;
	size_t strips = 1, c = 0;
	int table = L->cur, tr = new_elem(L, table, "TR", NULL);

	for (const folio_node *cell = folio_node_first_child(row); cell && c < cols;
	     cell = folio_node_next(cell), c++) {
		L->cur = new_elem(L, tr, header ? "TH" : "TD", NULL);
		if (header)
			L->out->elems[L->cur].scope = "Column";
		cell_para(L, cell, header, w[c] - 2 * pad);
		cl[c].first = L->nlines;
		cl[c].count = set_lines(L, x + pad, w[c] - 2 * pad, cell_align(cell));
		strips = strips > cl[c].count ? strips : cl[c].count;
		x += w[c];
	}
	L->cur = table;
	for (size_t k = c; k < cols; k++)
		cl[k].count = 0;
	for (size_t k = 0; k < cols; k++)
		width += w[k];
	for (size_t s = 0; s < strips; s++) {
		double top = s == 0 ? pad : 0, bot = s + 1 == strips ? pad : 0;
		size_t bi = begin_box(L, lh + top + bot, header || s + 1 < strips);

		put_marker(L, top + lh * 0.75, L->cell_size);
		for (size_t k = 0; k < cols; k++) {
			const line_rec *lr;

			if (s >= cl[k].count)
				continue;
			lr = &L->lines[cl[k].first + s];
			copy_scratch(L, lr->first_op, lr->nops, 0, -top - lr->b_off);
		}
		if (s + 1 == strips && (header || !last))
			push_rule(L, L->left, -(lh + top + bot), width, header ? 0.8 : 0.3,
			          header ? TEXT_RGB : RULE_GREY);
		end_box(L, bi);
	}
	scratch_reset(L);
}

/* So many columns that a cell cannot hold one character: smaller type and
 * padding for this table, so that any character (up to 1.25 em) fits. */
static void fit_cells(lay *L, const double *w, size_t cols)
{
	double narrow = w[0];

	for (size_t c = 1; c < cols; c++)
		narrow = fmin(narrow, w[c]);
	if (narrow >= 2 * L->cell_pad + L->cell_size * 1.25)
		return;
	L->cell_pad = fmin(CELL_PAD, narrow * 0.1);
	L->cell_size = fmax(0.25, (narrow - 2 * L->cell_pad) / 1.25);
}

static void b_table(lay *L, const folio_node *n, int enter)
{
	size_t cols = table_cols(n), ri = 0, nrows = folio_node_child_count(n);
	double *w;
	cell_lines *cl;

	(void)enter;
	if (cols == 0)
		return;
	w = calloc(cols, sizeof *w);
	cl = calloc(cols, sizeof *cl);
	if (!w || !cl) {
		L->oom = 1;
		free(w);
		free(cl);
		return;
	}
	request_space(L, para_gap(L));
	L->cell_size = L->st->small_size;
	L->cell_pad = CELL_PAD;
	table_widths(L, n, cols, L->right - L->left, w);
	fit_cells(L, w, cols);
	for (const folio_node *r = folio_node_first_child(n); r && !L->oom;
	     r = folio_node_next(r), ri++)
		table_row(L, r, ri == 0, ri + 1 == nrows, w, cols, cl);
	free(w);
	free(cl);
	request_space(L, para_gap(L));
}

/* ---- references ---------------------------------------------------------------------------- */

/* Appends a linked word (a DOI or URL the citation has but its text lacks). */
static void add_link_word(lay *L, const char *prefix, const char *s)
{
	size_t pl = strlen(prefix), sl = strlen(s);
	char *t = arena_alloc(L, pl + sl + 1);

	if (!t)
		return;
	memcpy(t, prefix, pl);
	memcpy(t + pl, s, sl + 1);
	L->p.link = t;
	L->p.pending_glue = 1;
	L->p.glue_style = current_style(L);
	add_text(L, t, pl + sl);
	flush_word(L);
	L->p.link = NULL;
}

static void reference_entry(lay *L, const folio_node *ref, size_t number)
{
	const folio_citation *c = folio_node_citation(ref);
	const char *doi = c ? folio_citation_get(c, FOLIO_CITE_DOI) : NULL;
	const char *url = c ? folio_citation_get(c, FOLIO_CITE_URL) : NULL;

	request_space(L, L->st->small_size * 0.35);
	para_reset(L, PDF_FACE_REGULAR, L->st->small_size, TEXT_RGB, L->right - L->left);
	L->p.refs = 1;
	collect_inlines(L, ref);
	if (folio_node_first_child(ref) == NULL && c && folio_citation_get(c, FOLIO_CITE_TEXT))
		add_text(L, folio_citation_get(c, FOLIO_CITE_TEXT),
		         strlen(folio_citation_get(c, FOLIO_CITE_TEXT)));
	flush_word(L);
	L->p.refs = 0; /* what we add below is already in shape */
	if (doi && *doi && !L->p.found_doi)
		add_link_word(L, "https://doi.org/", doi);
	else if (url && *url && !L->p.found_url && !L->p.found_doi)
		add_link_word(L, "", url);
	finish_para(L);
	snprintf(queue_marker(L, 0, 0)->text, sizeof L->markers[0].text, "%zu.", number);
	para_to_boxes(L, ALIGN_LEFT, KEEP_WHOLE); /* a reference is never split */
	L->marker_pending = 0;
}

static void b_references(lay *L, const folio_node *n, int enter)
{
	const char *title = folio_node_title(n);
	size_t count = folio_node_child_count(n), number = 1;
	char digits[32];
	double gutter;

	(void)enter;
	int sect = L->cur;

	if (!title || !*title)
		title = folio_text(folio_doc_get(L->doc, FOLIO_META_LANG), FOLIO_TEXT_REFERENCES);
	L->cur = new_elem(L, sect, "H2", NULL);
	heading_lines(L, NULL, title, 2, 2);
	L->cur = new_elem(L, sect, "L", NULL);
	snprintf(digits, sizeof digits, "%zu.", count);
	gutter =
	    text_w(L, PDF_FACE_REGULAR, L->st->small_size, digits, strlen(digits)) + MARKER_GAP + 2;
	if (!push_frame(L, FRAME_ITEM, gutter))
		return;
	for (const folio_node *r = folio_node_first_child(n); r && !L->oom; r = folio_node_next(r))
		if (folio_node_get_type(r) == FOLIO_NODE_REFERENCE) {
			int list = L->cur;

			L->cur = new_item(L, list);
			reference_entry(L, r, number++);
			L->cur = list;
		}
	L->cur = sect;
	pop_frame(L);
	request_space(L, para_gap(L));
}

/* ---- the title block ------------------------------------------------------------------------- */

static void title_line(lay *L, const char *text, pdf_face face, double size, unsigned long rgb,
                       double space)
{
	if (!text || !*text)
		return;
	request_space(L, space);
	para_reset(L, face, size, rgb, L->right - L->left);
	L->p.hyph_ok = 0;
	L->p.justify = 0;
	add_text(L, text, strlen(text));
	finish_para(L);
	para_to_boxes(L, ALIGN_LEFT, KEEP_ALL);
}

/* The key points set between x0 and x1 as elements h (heading) and p; in the
 * side rail (smaller, beside the column's first lines) or in the column.
 * Returns the height of their boxes, spaces between them included. */
static double key_points_in(lay *L, int h, int p, double x0, double x1, int rail)
{
	const char *summary = folio_doc_get(L->doc, FOLIO_META_SUMMARY);
	const char *lang = folio_doc_get(L->doc, FOLIO_META_LANG);
	double save_l = L->col_left, save_r = L->col_right, height = 0;
	size_t first = L->nboxes;

	L->col_left = L->left = x0;
	L->col_right = L->right = x1;
	L->in_rail = rail;
	if (push_frame(L, FRAME_QUOTE, QUOTE_INDENT)) {
		if (L->quote_depth < MAX_BARS)
			L->bar_x[L->quote_depth] = x0;
		L->quote_depth++;
		L->cur = h;
		title_line(L, folio_text(lang, FOLIO_TEXT_KEY_POINTS), PDF_FACE_HEADING,
		           rail ? L->st->body_size * 1.1 : L->st->heading_size[2], L->st->accent_rgb,
		           0);
		L->cur = p;
		request_space(L, 2);
		para_reset(L, PDF_FACE_REGULAR, rail ? L->st->small_size : L->st->body_size, TEXT_RGB,
		           L->right - L->left);
		L->p.hyph_ok = 0;
		L->p.justify = 0;
		add_text(L, summary, strlen(summary));
		finish_para(L);
		para_to_boxes(L, ALIGN_LEFT, KEEP_PARA);
		pop_frame(L);
		L->quote_depth--;
	}
	L->cur = 0;
	L->in_rail = 0;
	L->col_left = L->left = save_l;
	L->col_right = L->right = save_r;
	for (size_t i = first; i < L->nboxes; i++)
		height += L->boxes[i].height + (i > first ? L->boxes[i].space_before : 0);
	return height;
}

/* The height left on the first page under the boxes set so far. */
static double first_page_room(const lay *L)
{
	double room = L->st->page_height - L->st->margin_top - L->st->margin_bottom -
	              L->st->footer_height;

	for (size_t i = 0; i < L->nboxes; i++)
		room -= L->boxes[i].height + (i > 0 ? L->boxes[i].space_before : 0);
	return room - L->pending_space;
}

/* The article's summary as a "Key points" callout: in the side rail beside
 * the first lines of the article when there is one and they fit on the first
 * page, else under the title across the column; its heading and text kept
 * together beside an accent bar (the quote frame), so a reader who stops
 * after the first lines has the gist. Nothing when the front matter has no
 * summary. */
static void key_points(lay *L)
{
	const char *summary = folio_doc_get(L->doc, FOLIO_META_SUMMARY);
	double pending = L->pending_space, room = first_page_room(L);
	size_t boxes = L->nboxes, ops = L->out->count;
	int sect, h, p;

	if (!summary || !*summary)
		return;
	sect = new_elem(L, 0, "Sect", NULL);
	h = new_elem(L, sect, "H2", NULL);
	p = new_elem(L, sect, "P", NULL);
	if (L->out->rail_right > L->out->rail_left) {
		L->pending_space = 0;
		if (key_points_in(L, h, p, L->out->rail_left, L->out->rail_right, 1) <=
		    room * 0.8) {
			L->pending_space = pending;
			return;
		}
		L->nboxes = boxes; /* too long for the rail: under the title instead */
		L->out->count = ops;
		L->pending_space = pending;
	}
	key_points_in(L, h, p, L->col_left, L->col_right, 0);
	request_space(L, para_gap(L) * 1.5);
}

/* "By A, PT; B, DPT and C, RMT" as every format prints it (folio/present.h). */
static char *byline(lay *L)
{
	const char *lang = folio_doc_get(L->doc, FOLIO_META_LANG);
	size_t len = folio_present_byline(L->doc, lang, 1, NULL, 0);
	char *s = len ? arena_alloc(L, len + 1) : NULL;

	if (s)
		folio_present_byline(L->doc, lang, 1, s, len + 1);
	return s;
}

static void title_block(lay *L)
{
	const folio_doc *d = L->doc;
	const char *date = folio_doc_get(d, FOLIO_META_DATE);
	char when[64];
	size_t first = L->nboxes, bi;

	L->cur = new_elem(L, 0, "H1", NULL);
	title_line(L, folio_doc_get(d, FOLIO_META_TITLE), PDF_FACE_HEADING, L->st->title_size,
	           L->st->accent_rgb, 0);
	L->cur = new_elem(L, 0, "P", NULL);
	title_line(L, folio_doc_get(d, FOLIO_META_SUBTITLE), PDF_FACE_ITALIC,
	           L->st->heading_size[2], GREY_RGB, 4);
	L->cur = new_elem(L, 0, "P", NULL);
	title_line(L, byline(L), PDF_FACE_REGULAR, L->st->body_size, TEXT_RGB, 8);
	if (date && *date) {
		folio_present_date(folio_doc_get(d, FOLIO_META_LANG), date, when, sizeof when);
		L->cur = new_elem(L, 0, "P", NULL);
		title_line(L, when, PDF_FACE_ITALIC, L->st->small_size, GREY_RGB, 2);
	}
	L->cur = 0;
	if (L->nboxes == first)
		return;
	bi = begin_box(L, 10, 0);
	push_rule(L, L->left, -6.75, L->right - L->left, 0.75, L->st->accent_rgb);
	end_box(L, bi);
	request_space(L, para_gap(L) * 1.5);
}

/* ---- the walk over the blocks ------------------------------------------------------------ */

/* Containers get ENTER and EXIT; leaves and blocks set as a whole (whose
 * children are skipped) get ENTER only. */
typedef struct block_entry {
	folio_node_type type;
	block_fn fn;
	int whole; /* skip the children after ENTER */
} block_entry;

static const block_entry block_table[] = {
    {FOLIO_NODE_HEADING, b_heading, 1},
    {FOLIO_NODE_PARAGRAPH, b_paragraph, 1},
    {FOLIO_NODE_LIST, b_list, 0},
    {FOLIO_NODE_ITEM, b_item, 0},
    {FOLIO_NODE_BLOCK_QUOTE, b_quote, 0},
    {FOLIO_NODE_CODE_BLOCK, b_code, 1},
    {FOLIO_NODE_THEMATIC_BREAK, b_thematic, 1},
    {FOLIO_NODE_IMAGE, b_image, 1},
    {FOLIO_NODE_TABLE, b_table, 1},
    {FOLIO_NODE_REFERENCES, b_references, 1},
};

static const block_entry *block_of(folio_node_type t)
{
	for (size_t i = 0; i < sizeof block_table / sizeof block_table[0]; i++)
		if (block_table[i].type == t)
			return &block_table[i];
	return NULL;
}

static const char *const heading_roles[] = {"H1", "H2", "H3", "H4", "H5", "H6"};

/* The structure element a block opens (under the current one), or NULL when
 * it opens none: a thematic break is decoration; a list item is an LI whose
 * content goes in its LBody. */
static int open_elem(lay *L, const folio_node *n)
{
	switch (folio_node_get_type(n)) {
	case FOLIO_NODE_HEADING: {
		int level = folio_node_heading_level(n) + L->hshift;

		return new_elem(L, L->cur, heading_roles[level < 1 ? 0 : level > 6 ? 5 : level - 1],
		                NULL);
	}
	case FOLIO_NODE_PARAGRAPH:
	case FOLIO_NODE_CODE_BLOCK:
		return new_elem(L, L->cur, "P", NULL);
	case FOLIO_NODE_LIST:
		return new_elem(L, L->cur, "L", NULL);
	case FOLIO_NODE_ITEM:
		return new_item(L, L->cur);
	case FOLIO_NODE_BLOCK_QUOTE:
		return new_elem(L, L->cur, "BlockQuote", NULL);
	case FOLIO_NODE_IMAGE: {
		const char *alt = folio_node_alt(n);
		char *a = alt && *alt ? arena_str(L, alt, strlen(alt)) : NULL;

		return new_elem(L, L->cur, "Figure", a ? a : "");
	}
	case FOLIO_NODE_TABLE:
		return new_elem(L, L->cur, "Table", NULL);
	case FOLIO_NODE_REFERENCES:
		return new_elem(L, L->cur, "Sect", NULL);
	default:
		return L->cur;
	}
}

/* Back to the element that was current before the block opened elem. */
static int close_elem(const lay *L, const folio_node *n, int elem)
{
	const pdf_elem *e = L->out->elems;
	int up = elem > 0 && (size_t)elem < L->out->nelems ? e[elem].parent : 0;

	if (folio_node_get_type(n) == FOLIO_NODE_ITEM && up > 0)
		up = e[up].parent; /* LBody, then LI */
	return up;
}

/* The lowest heading level the article uses, so that its top headings come
 * right under the title's H1. */
static int top_heading(const folio_doc *doc)
{
	folio_iter *it = folio_iter_new(folio_doc_root(doc));
	folio_event ev;
	int top = 0;

	while (it && (ev = folio_iter_next(it)) != FOLIO_EVENT_DONE) {
		const folio_node *n = folio_iter_node(it);

		if (ev == FOLIO_EVENT_ENTER && folio_node_get_type(n) == FOLIO_NODE_HEADING) {
			int l = folio_node_heading_level(n);

			if (top == 0 || l < top)
				top = l;
		}
	}
	folio_iter_free(it);
	return top;
}

static void walk_blocks(lay *L)
{
	folio_iter *it = folio_iter_new(folio_doc_root(L->doc));
	folio_event ev;
	int top = top_heading(L->doc);

	if (!it) {
		L->oom = 1;
		return;
	}
	L->hshift = top > 0 ? 2 - top : 0;
	while (!L->oom && (ev = folio_iter_next(it)) != FOLIO_EVENT_DONE) {
		const folio_node *n = folio_iter_node(it);
		const block_entry *b = block_of(folio_node_get_type(n));

		if (!b)
			continue;
		if (b->whole && ev == FOLIO_EVENT_ENTER) {
			int outer = L->cur;

			L->cur = open_elem(L, n);
			b->fn(L, n, 1);
			L->cur = outer;
			if (folio_node_first_child(n))
				folio_iter_skip_children(it);
		} else if (!b->whole) {
			int enter = ev == FOLIO_EVENT_ENTER;

			if (enter)
				L->cur = open_elem(L, n);
			b->fn(L, n, enter);
			if (!enter)
				L->cur = close_elem(L, n, L->cur);
		}
	}
	folio_iter_free(it);
}

/* ---- the closing panel -------------------------------------------------------------------- */

#define CLOSING_QR_GAP 12.0 /* the panel's text to the code beside it */
#define CLOSING_CAP_GAP 4.0 /* the code's dark modules to its caption's cap height */

/* Lines of text ('\n' between them) as one P each under sect, marked with
 * lang when not NULL. */
static void closing_lines(lay *L, int sect, const char *text, const char *lang)
{
	while (text && *text && !L->oom) {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text) : strlen(text);
		char *line = n ? arena_str(L, text, n) : NULL;

		if (line) {
			L->cur = new_elem(L, sect, "P", NULL);
			if (L->cur > 0)
				L->out->elems[L->cur].lang = lang;
			title_line(L, line, PDF_FACE_REGULAR, L->st->body_size, TEXT_RGB, 3);
		}
		text = nl ? nl + 1 : text + n;
	}
}

/* The QR code's box, begun before the panel's heading: in the side rail
 * beside the panel when the code fits there, else a box of no height in the
 * column (the panel's text is then set beside the code). Its caption is
 * the box's one op (*cap_op). Returns the height the code and its caption
 * take under the box's top. */
static double closing_qr(lay *L, size_t *cap_op)
{
	const pdf_closing *c = L->st->closing;
	double dark = c->qr_side - 2 * c->qr_quiet, size = c->qr_caption_size;
	double cap_w = text_w(L, PDF_FACE_REGULAR, size, c->qr_caption, strlen(c->qr_caption));
	double h = dark + CLOSING_CAP_GAP + size * 1.2, pending = L->pending_space;
	int rail = L->out->rail_right - L->out->rail_left >= dark;
	double x = rail ? L->out->rail_left : L->col_right - dark; /* the dark modules' left */
	size_t bi;

	if (rail)
		L->pending_space = 0; /* the column's box after it takes the space */
	L->in_rail = rail;
	bi = begin_box(L, rail ? h : 0, 1);
	L->in_rail = 0;
	if (rail)
		L->pending_space = pending;
	if (bi == (size_t)-1)
		return 0;
	push_text(L, PDF_FACE_REGULAR, size, GREY_RGB, cap_w > dark ? x : x + (dark - cap_w) / 2,
	          -(dark + CLOSING_CAP_GAP + size * 0.72), c->qr_caption, strlen(c->qr_caption));
	*cap_op = L->out->count - 1;
	end_box(L, bi);
	L->qr_set = 1;
	L->qr_box = bi;
	L->qr_dx = x - c->qr_quiet;
	L->qr_dy = c->qr_quiet; /* the square's top is one quiet zone above the dark modules */
	if (!rail)
		L->col_right = L->right = L->col_right - dark - CLOSING_QR_GAP;
	return h;
}

/* The panel's text: a heading, the phone (bold: what to do), the other
 * contact lines, the QR code's Figure, then the disclaimer, beside an accent
 * bar like the key points'. */
static void closing_text(lay *L, int sect, size_t cap_op)
{
	const pdf_closing *c = L->st->closing;

	if (!push_frame(L, FRAME_QUOTE, QUOTE_INDENT))
		return;
	if (L->quote_depth < MAX_BARS)
		L->bar_x[L->quote_depth] = L->col_left;
	L->quote_depth++;
	if (c->heading && *c->heading) {
		L->cur = new_elem(L, sect, "H2", NULL);
		title_line(L, c->heading, PDF_FACE_HEADING, L->st->heading_size[2],
		           L->st->accent_rgb, 0);
	}
	if (c->phone && *c->phone) {
		L->cur = new_elem(L, sect, "P", NULL);
		title_line(L, c->phone, PDF_FACE_BOLD, L->st->body_size, TEXT_RGB, 4);
	}
	closing_lines(L, sect, c->lines, NULL);
	closing_lines(L, sect, c->hours, c->hours_lang);
	if (cap_op != (size_t)-1 && cap_op < L->out->count) {
		int fig = new_elem(L, sect, "Figure", c->qr_alt);

		L->out->ops[cap_op].elem = new_elem(L, fig, "Caption", NULL);
		L->out->qr_elem = fig;
	}
	if (c->disclaimer && *c->disclaimer) {
		L->cur = new_elem(L, sect, "P", NULL);
		if (L->cur > 0) /* a fallback in another language is marked as such */
			L->out->elems[L->cur].lang = c->disclaimer_lang;
		request_space(L, para_gap(L) * 1.2);
		para_reset(L, PDF_FACE_REGULAR, c->disclaimer_size, GREY_RGB, L->right - L->left);
		L->p.hyph_ok = 0;
		L->p.justify = 0;
		add_text(L, c->disclaimer, strlen(c->disclaimer));
		finish_para(L);
		para_to_boxes(L, ALIGN_LEFT, KEEP_WHOLE);
	}
	pop_frame(L);
	L->quote_depth--;
}

/* The "When to call us" panel (style.closing) after the article: its boxes
 * keep together (the panel moves to a page of its own rather than split,
 * and paginate then gives that page some of the article's last lines), at
 * least as tall as the QR code beside them. */
static void closing_panel(lay *L)
{
	const pdf_closing *c = L->st->closing;
	double save_r = L->col_right, need = 0, have = 0;
	size_t first = L->nboxes, cap_op = (size_t)-1;
	int sect, seen = 0;

	if (!c || L->oom)
		return;
	sect = new_elem(L, 0, "Sect", NULL);
	request_space(L, para_gap(L) * 2.5);
	if (c->qr_side > 2 * c->qr_quiet && c->qr_caption)
		need = closing_qr(L, &cap_op);
	closing_text(L, sect, cap_op);
	for (size_t i = first; i < L->nboxes; i++) {
		if (L->boxes[i].rail)
			continue;
		have += L->boxes[i].height + (seen ? L->boxes[i].space_before : 0);
		seen = 1;
	}
	if (have < need) { /* room for the code under the panel's text */
		size_t bi = begin_box(L, need - have, 0);

		end_box(L, bi);
	}
	for (size_t i = first; i < L->nboxes; i++) {
		L->boxes[i].closing = 1;
		L->boxes[i].keep_next = i + 1 < L->nboxes;
	}
	L->col_right = L->right = save_r;
	L->cur = 0;
}

/* ---- pagination --------------------------------------------------------------------------- */

/* Places boxes top to bottom. When box i does not fit, the page breaks before
 * the chain of boxes kept with it (unless that chain fills the page alone).
 * Boxes only move back within the current page, so the work is linear. */
static int paginate_from(lay *L, size_t force)
{
	double top = L->st->page_height - L->st->margin_top;
	double bottom = L->st->margin_bottom + L->st->footer_height;
	double y = top;
	size_t first = 0, i = 0;
	int page = 0;

	while (i < L->nboxes) {
		vbox *b = &L->boxes[i];
		double sb = i == first ? 0 : b->space_before;

		if (b->rail) { /* place_rail puts them beside the column */
			i++;
			continue;
		}
		if (i != first && (i == force || y - sb - b->height < bottom - 1e-6)) {
			size_t j = i;

			while (j > first && !L->boxes[j - 1].rail && L->boxes[j - 1].keep_next)
				j--;
			if (j == first)
				j = i;
			page++;
			y = top;
			first = i = j;
			continue;
		}
		b->page = page;
		b->top = y - sb;
		b->applied = sb; /* for the quote bars; space_before stays for a later pass */
		y = b->top - b->height;
		i++;
	}
	return page + 1;
}

/* Paginates; a last page of fewer than PAGE_MIN_LINES boxes (lines) of the
 * article takes lines from the page before it, so that no page after the
 * first holds only a few lines, or only the closing panel: the break moves
 * back to a box that may start a page. */
static int paginate(lay *L)
{
	int pages = paginate_from(L, (size_t)-1);
	size_t start = L->nboxes, n = 0, k, prev;

	if (pages < 2)
		return pages;
	for (size_t i = L->nboxes; i > 0; i--) {
		if (L->boxes[i - 1].rail)
			continue;
		if (L->boxes[i - 1].page != pages - 1)
			break;
		start = i - 1;
		n += !L->boxes[i - 1].closing;
	}
	if (n >= PAGE_MIN_LINES)
		return pages;
	k = start;
	while (k > 0 && (n < PAGE_MIN_LINES || L->boxes[k - 1].keep_next || L->boxes[k].rail)) {
		k--;
		if (L->boxes[k].rail)
			continue; /* placed later, beside the column */
		if (L->boxes[k].page != pages - 2)
			return pages; /* the page before would be left empty */
		n += !L->boxes[k].closing;
	}
	prev = k;
	while (prev > 0 && L->boxes[prev - 1].rail)
		prev--;
	if (prev == 0 || L->boxes[k].page != pages - 2 || L->boxes[prev - 1].page != pages - 2)
		return pages;
	return paginate_from(L, k) == pages ? pages : paginate_from(L, (size_t)-1);
}

/* Each run of rail boxes goes beside the column box that follows it (or the
 * one before it when it ends the article): same page, tops aligned. */
static void place_rail(lay *L)
{
	size_t i = 0;
	int last_page = -1;
	double last_y = 0;

	while (i < L->nboxes) {
		size_t j = i;
		double y = L->st->page_height - L->st->margin_top;
		int page = 0;

		if (!L->boxes[i].rail) {
			i++;
			continue;
		}
		while (j < L->nboxes && L->boxes[j].rail)
			j++;
		if (j < L->nboxes) {
			page = L->boxes[j].page;
			y = L->boxes[j].top;
		} else if (i > 0) {
			page = L->boxes[i - 1].page;
			y = L->boxes[i - 1].top - L->boxes[i - 1].height;
		}
		if (page == last_page && y > last_y - L->st->body_size)
			y = last_y - L->st->body_size; /* under the rail's run above it */
		for (size_t k = i; k < j; k++) {
			vbox *b = &L->boxes[k];

			b->applied = k > i ? b->space_before : 0;
			b->page = page;
			b->top = y - b->applied;
			y = b->top - b->height;
		}
		last_page = page;
		last_y = y;
		i = j;
	}
}

/* Gives every op its page and absolute y; quote bars bridge the space above
 * a box when the box above is in the same quote. */
static void place_ops(lay *L)
{
	for (size_t i = 0; i < L->nboxes; i++) {
		const vbox *b = &L->boxes[i];
		const vbox *prev = i > 0 && L->boxes[i - 1].page == b->page &&
		                           L->boxes[i - 1].rail == b->rail
		                       ? &L->boxes[i - 1]
		                       : NULL;

		for (size_t k = 0; k < b->op_count; k++) {
			pdf_op *op = &L->out->ops[b->op_first + k];

			if (k < b->nbars && prev && prev->quote_depth > (int)k)
				op->h += b->applied;
			op->page = b->page;
			op->y += b->top;
			if (L->rtl_doc && op->kind != PDF_OP_ANCHOR) {
				double w = op->kind == PDF_OP_TEXT
				               ? text_w(L, op->face, op->size, op->text, op->len)
				               : op->w;

				/* about the page's text area: the column and the rail swap */
				op->x = L->st->margin_left + L->st->page_width - L->st->margin_right -
				        op->x - w;
			}
		}
	}
}

/* Where the closing panel's QR code landed (pdf_layout.qr_*). */
static void place_qr(lay *L)
{
	const pdf_closing *c = L->st->closing;
	const vbox *b;

	if (!L->qr_set || L->qr_box >= L->nboxes)
		return;
	b = &L->boxes[L->qr_box];
	L->out->qr_placed = 1;
	L->out->qr_page = b->page;
	L->out->qr_x = L->qr_dx;
	L->out->qr_y = b->top + L->qr_dy - c->qr_side;
	if (L->rtl_doc) /* mirrored, as place_ops mirrors the ops */
		L->out->qr_x = L->st->margin_left + L->st->page_width - L->st->margin_right -
		               L->out->qr_x - c->qr_side;
}

/* ---- entry points -----------------------------------------------------------------------------
 */

static void lay_free(lay *L)
{
	free(L->hcache);
	free(L->boxes);
	free(L->scratch);
	free(L->lines);
	free(L->tbuf);
	free(L->frames);
	free(L->p.items);
	free(L->p.meta);
	free(L->p.styles);
	free(L->p.pieces);
	free(L->p.word);
	free(L->p.brk);
	pdf_breaker_free(L->breaker);
	free(L->levbuf);
	free(L->slev);
	free(L->btext);
	free(L->boff);
}

/* The text column and the side rail (style.measure): the column holds about
 * PDF_MEASURE_CHARS characters of body text, measured on a sentence of
 * ordinary words; the rail takes the rest of the width when that is at least
 * PDF_RAIL_MIN_EM wide, the column giving up some of its measure for it, down
 * to PDF_MEASURE_MIN characters. A page too narrow for both keeps one column
 * of at most the measure. */
static void set_columns(lay *L)
{
	static const char sample[] = "most neck pain settles within a few weeks, and moving "
	                             "gently helps more than resting it";
	const pdf_style *s = L->st;
	double full = s->page_width - s->margin_left - s->margin_right;
	double per_char = text_w(L, PDF_FACE_REGULAR, s->body_size, sample, sizeof sample - 1) /
	                  (double)(sizeof sample - 1);
	double gap = s->body_size * PDF_RAIL_GAP_EM, rail_min = s->body_size * PDF_RAIL_MIN_EM;
	double col = fmin(full, per_char * PDF_MEASURE_CHARS);

	L->out->column_left = L->out->rail_left = L->out->rail_right = s->margin_left;
	L->out->column_right = s->margin_left + full;
	if (!s->measure || per_char <= 0)
		return;
	if (full - col - gap < rail_min)
		col = full - gap - rail_min;
	if (col < per_char * PDF_MEASURE_MIN) {
		col = fmin(full, per_char * PDF_MEASURE_CHARS);
	} else {
		L->out->rail_left = s->margin_left + col + gap;
		L->out->rail_right = s->margin_left + full;
	}
	L->out->column_right = s->margin_left + col;
	L->col_right = L->right = L->out->column_right;
}

static folio_status check_style(const pdf_style *s, const pdf_metrics *m, folio_error *err)
{
	double h = s->page_height - s->margin_top - s->margin_bottom - s->footer_height;
	double w = s->page_width - s->margin_left - s->margin_right;

	if (!m || !m->width)
		return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0, "pdf layout: no metrics");
	if (w < 36 || h < 72 || s->body_size <= 0 || s->small_size <= 0 || s->title_size <= 0 ||
	    s->leading <= 0)
		return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0,
		                       "pdf layout: the page leaves no room for text "
		                       "(%.0f x %.0f pt)",
		                       w, h);
	for (int i = 0; i < 6; i++)
		if (s->heading_size[i] <= 0)
			return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0,
			                       "pdf layout: heading size %d is not set", i + 1);
	return FOLIO_OK;
}

folio_status pdf_layout_run(const folio_doc *doc, const pdf_style *style, const pdf_metrics *m,
                            const pdf_hyphenator *hyph, pdf_layout *out, folio_error *err)
{
	lay L;
	const char *lang = doc ? folio_doc_get(doc, FOLIO_META_LANG) : NULL;
	folio_status st;

	memset(out, 0, sizeof *out);
	if (!doc || !style)
		return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0, "pdf layout: no document");
	st = check_style(style, m, err);
	if (st != FOLIO_OK)
		return st;
	memset(&L, 0, sizeof L);
	L.doc = doc;
	L.st = style;
	L.m = m;
	L.hyph = hyph;
	L.out = out;
	L.french = lang && (lang[0] | 32) == 'f' && (lang[1] | 32) == 'r' &&
	           (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');
	L.breaker = pdf_breaker_new(lang);
	L.rtl_doc = L.prtl = pdf_lang_rtl(lang);
	out->rtl = L.rtl_doc;
	new_elem(&L, 0, "Document", NULL); /* element 0 */
	L.col_left = L.left = style->margin_left;
	L.col_right = L.right = style->page_width - style->margin_right;
	if (!style->no_title_block)
		title_block(&L); /* across the page */
	set_columns(&L);
	if (!style->no_title_block)
		key_points(&L);
	walk_blocks(&L);
	closing_panel(&L);
	if (!L.oom) {
		out->pages = paginate(&L);
		place_rail(&L);
		place_ops(&L);
		place_qr(&L);
	}
	out->priv = L.arena;
	lay_free(&L);
	if (L.oom)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0,
		                       "pdf layout: out of memory");
	return FOLIO_OK;
}

void pdf_layout_free(pdf_layout *out)
{
	chunk *c;

	if (!out)
		return;
	c = out->priv;
	while (c) {
		chunk *next = c->next;

		free(c);
		c = next;
	}
	free(out->ops);
	free(out->elems);
	memset(out, 0, sizeof *out);
}
