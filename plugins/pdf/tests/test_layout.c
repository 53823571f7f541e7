/* Unit tests: the pdf layout (layout.c) with fake, proportional font metrics
 * and documents built through the public builder API. The text in here was
 * written for these tests. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/doc.h"
#include "pdf_layout.h"

#define EPS     0.01
#define EN_DICT "/usr/share/hyphen/hyph_en_US.dic"

/* ---- fake metrics ------------------------------------------------------------ */

/* Proportional widths per code point, in 1/1000 em; bold is wider, mono
 * fixed. Additive (no kerning), like the backend's fonts. */
static double fake_width(void *ctx, pdf_face face, const char *s, size_t len)
{
	double w = 0;

	(void)ctx;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		double cw;

		if ((c & 0xC0) == 0x80)
			continue;
		if (c == 0xCC || (c == 0xCD && i + 1 < len && (unsigned char)s[i + 1] <= 0xAF))
			continue; /* combining accents take no room, as in real fonts */
		if (face == PDF_FACE_MONO)
			cw = 600;
		else if (c == ' ')
			cw = 250;
		else if (strchr("ijlt.,;:'!|", c))
			cw = 280;
		else if (strchr("mwMW", c))
			cw = 820;
		else
			cw = 520;
		if (face == PDF_FACE_BOLD || face == PDF_FACE_BOLD_ITALIC ||
		    face == PDF_FACE_HEADING)
			cw *= 1.08;
		w += cw;
	}
	return w;
}

static int fake_image(void *ctx, const char *src, double *w, double *h)
{
	(void)ctx;
	if (strcmp(src, "wide.png") == 0) {
		*w = 3000;
		*h = 1500;
		return 1;
	}
	if (strcmp(src, "tall.png") == 0) {
		*w = 400;
		*h = 4000;
		return 1;
	}
	return 0;
}

static pdf_metrics metrics(void)
{
	pdf_metrics m;

	memset(&m, 0, sizeof m);
	m.width = fake_width;
	m.image_size = fake_image;
	for (int f = 0; f < PDF_FACE_COUNT; f++) {
		m.ascent[f] = 780;
		m.descent[f] = -220;
	}
	return m;
}

static pdf_style style(void)
{
	pdf_style s;
	static const double hs[6] = {17, 15, 13, 12, 11, 11};

	memset(&s, 0, sizeof s);
	s.page_width = 612;
	s.page_height = 792;
	s.margin_top = s.margin_left = s.margin_right = 54;
	s.margin_bottom = 32;
	s.body_size = 11;
	s.leading = 1.38;
	memcpy(s.heading_size, hs, sizeof hs);
	s.title_size = 22;
	s.small_size = 9;
	s.footer_height = 40;
	s.hyphenate = 1;
	s.accent_rgb = 0x1F5F8B;
	return s;
}

/* ---- checks ------------------------------------------------------------------- */

static double op_width(const pdf_metrics *m, const pdf_op *op)
{
	return m->width(NULL, op->face, op->text, op->len) * op->size / 1000.0;
}

/* Every TEXT op is valid UTF-8, inside the column and above the footer band. */
static void check_inside(const pdf_layout *l, const pdf_style *s, const pdf_metrics *m)
{
	double bottom = s->margin_bottom + s->footer_height;

	assert_true(l->pages >= 1);
	for (size_t i = 0; i < l->count; i++) {
		const pdf_op *op = &l->ops[i];

		assert_true(op->page >= 0 && op->page < l->pages);
		if (op->kind != PDF_OP_TEXT)
			continue;
		assert_non_null(op->text);
		assert_int_equal(strlen(op->text), op->len);
		assert_true(folio_utf8_valid(op->text, op->len, NULL));
		assert_true(op->x >= s->margin_left - EPS);
		if (op->x + op_width(m, op) > s->page_width - s->margin_right + EPS)
			fail_msg("op '%s' at x=%.2f is %.2f wide: past the margin", op->text, op->x,
			         op_width(m, op));
		assert_true(op->y - op->size * 0.22 >= bottom - EPS);
		assert_true(op->y + op->size * 0.78 <= s->page_height - s->margin_top + EPS);
	}
}

/* The words of all TEXT ops of a face set, in op order, with hyphenated
 * line ends joined back: a line's last op ending in '-' joins the next
 * line's first word. The caller frees the result. */
static char *words_back(const pdf_layout *l, int only_regular)
{
	size_t cap = 1024, n = 0;
	char *out = malloc(cap);
	const pdf_op *prev = NULL;

	assert_non_null(out);
	for (size_t i = 0; i < l->count; i++) {
		const pdf_op *op = &l->ops[i];
		int join = 0;

		if (op->kind != PDF_OP_TEXT)
			continue;
		if (only_regular && op->face != PDF_FACE_REGULAR)
			continue;
		if (prev && (prev->y != op->y || prev->page != op->page) && n > 0 &&
		    out[n - 1] == '-' && n > 1 && out[n - 2] != ' ') {
			n--; /* a hyphen we added */
			join = 1;
		} else if (prev && prev->y == op->y && prev->page == op->page &&
		           fabs(prev->x + op_width(&(pdf_metrics){.width = fake_width}, prev) -
		                op->x) < EPS) {
			join = 1; /* the same word in another style */
		}
		while (n + op->len + 2 > cap) {
			cap *= 2;
			out = realloc(out, cap);
			assert_non_null(out);
		}
		if (n > 0 && !join)
			out[n++] = ' ';
		memcpy(out + n, op->text, op->len);
		n += op->len;
		prev = op;
	}
	out[n] = '\0';
	return out;
}

/* ---- building documents -------------------------------------------------------- */

static folio_node *para_text(folio_node *parent, const char *text)
{
	folio_error err;
	folio_node *p = folio_node_add(parent, FOLIO_NODE_PARAGRAPH);

	assert_non_null(p);
	assert_non_null(folio_node_add_text(p, text, strlen(text), &err));
	return p;
}

static folio_node *heading(folio_node *parent, int level, const char *text)
{
	folio_error err;
	folio_node *h = folio_node_add(parent, FOLIO_NODE_HEADING);

	assert_non_null(h);
	assert_int_equal(folio_node_set_heading_level(h, level), FOLIO_OK);
	assert_non_null(folio_node_add_text(h, text, strlen(text), &err));
	return h;
}

static const char *const vocab[] = {
    "shoulder", "stiffness", "gentle",  "movement", "clinic",    "daily",   "posture",
    "muscles",  "recovery",  "walking", "exercise", "therapist", "pain",    "weeks",
    "stretch",  "hold",      "breathe", "slowly",   "morning",   "evening", "desk",
    "neck",     "rest",      "heat",    "joint",    "easy",      "return",  "strength",
};

/* n words of prose from the vocabulary, seeded; the caller frees it. */
static char *prose(size_t nwords, unsigned seed)
{
	size_t cap = nwords * 12 + 1, len = 0;
	char *s = malloc(cap);

	assert_non_null(s);
	for (size_t i = 0; i < nwords; i++) {
		const char *w;

		seed = seed * 1103515245u + 12345u;
		w = vocab[(seed >> 16) % (sizeof vocab / sizeof vocab[0])];
		len += (size_t)snprintf(s + len, cap - len, "%s%s", i ? " " : "", w);
	}
	return s;
}

/* Like prose, each word prefixed with "p<tag>". */
static char *tagged_prose(size_t nwords, unsigned seed, size_t tag)
{
	size_t cap = nwords * 24 + 1, len = 0;
	char *s = malloc(cap);

	assert_non_null(s);
	for (size_t i = 0; i < nwords; i++) {
		const char *w;

		seed = seed * 1103515245u + 12345u;
		w = vocab[(seed >> 16) % (sizeof vocab / sizeof vocab[0])];
		len += (size_t)snprintf(s + len, cap - len, "%sp%zu%s", i ? " " : "", tag, w);
	}
	return s;
}

static pdf_layout run(const folio_doc *doc, const pdf_style *s, const pdf_metrics *m,
                      const pdf_hyphenator *h)
{
	pdf_layout l;
	folio_error err;

	folio_error_clear(&err);
	assert_int_equal(pdf_layout_run(doc, s, m, h, &l, &err), FOLIO_OK);
	check_inside(&l, s, m);
	return l;
}

/* ---- tests ---------------------------------------------------------------------- */

/* Words come back in order, nothing past the margin, lines ragged. */
static void test_paragraph_reading_order(void **state)
{
	folio_doc *doc = folio_doc_new();
	pdf_style s = style();
	pdf_metrics m = metrics();
	pdf_hyphenator *h = pdf_hyphenator_load(EN_DICT);
	char *text = prose(400, 11), *back;
	pdf_layout l;
	int hyphens = 0;

	(void)state;
	assert_non_null(h);
	para_text(folio_doc_root(doc), text);
	l = run(doc, &s, &m, h);
	back = words_back(&l, 1);
	assert_string_equal(back, text);
	for (size_t i = 0; i < l.count; i++)
		hyphens += l.ops[i].kind == PDF_OP_TEXT && l.ops[i].text[l.ops[i].len - 1] == '-';
	/* Ragged: one op per line of one style, text with spaces. */
	assert_non_null(strchr(l.ops[0].text, ' '));
	free(back);
	pdf_layout_free(&l);
	/* A narrow column forces hyphenation; the text still comes back. */
	s.margin_right = 612 - 54 - 130;
	l = run(doc, &s, &m, h);
	hyphens = 0;
	for (size_t i = 0; i < l.count; i++)
		hyphens += l.ops[i].kind == PDF_OP_TEXT && l.ops[i].text[l.ops[i].len - 1] == '-';
	assert_true(hyphens > 0);
	back = words_back(&l, 1);
	assert_string_equal(back, text);
	free(back);
	pdf_layout_free(&l);
	free(text);
	pdf_hyphenator_free(h);
	folio_doc_free(doc);
}

/* Justified lines end on the right margin; each word is its own op. */
static void test_justified(void **state)
{
	folio_doc *doc = folio_doc_new();
	pdf_style s = style();
	pdf_metrics m = metrics();
	pdf_hyphenator *h = pdf_hyphenator_load(EN_DICT);
	char *text = prose(300, 5), *back;
	pdf_layout l;
	double right = s.page_width - s.margin_right;
	int full = 0;

	(void)state;
	s.justify = 1;
	para_text(folio_doc_root(doc), text);
	l = run(doc, &s, &m, h);
	for (size_t i = 0; i < l.count; i++) {
		const pdf_op *op = &l.ops[i];
		const pdf_op *next = i + 1 < l.count ? &l.ops[i + 1] : NULL;

		if (op->kind != PDF_OP_TEXT)
			continue;
		assert_null(strchr(op->text, ' '));
		if (next && next->kind == PDF_OP_TEXT && next->y != op->y) {
			/* the last op of a line that is not the paragraph's last */
			assert_true(fabs(op->x + op_width(&m, op) - right) < EPS);
			full++;
		}
	}
	assert_true(full > 10);
	back = words_back(&l, 1);
	assert_string_equal(back, text);
	free(back);
	pdf_layout_free(&l);
	free(text);
	pdf_hyphenator_free(h);
	folio_doc_free(doc);
}

/* A 5,000-character word of multi-byte letters breaks at character
 * boundaries, inside the column; a long link breaks too and each line's
 * fragment gets its own link rectangle. */
static void test_long_word_and_url(void **state)
{
	folio_doc *doc = folio_doc_new();
	pdf_style s = style();
	pdf_metrics m = metrics();
	folio_error err;
	size_t n = 0;
	char *word = malloc(5000 * 2 + 1), *back;
	const char *url = "https://clinic.example.org/patients/leaflets/shoulder/"
	                  "frozen-shoulder_exercises-at-home/week-one/printable-version.html";
	folio_node *p, *link;
	pdf_layout l;
	size_t links = 0;

	(void)state;
	for (size_t i = 0; i < 5000; i++) {
		if (i % 3 == 0) {
			memcpy(word + n, "é", 2);
			n += 2;
		} else {
			word[n++] = (char)('a' + i % 26);
		}
	}
	word[n] = '\0';
	para_text(folio_doc_root(doc), word);
	p = folio_node_add(folio_doc_root(doc), FOLIO_NODE_PARAGRAPH);
	assert_non_null(folio_node_add_text(p, "See ", 4, &err));
	link = folio_node_add(p, FOLIO_NODE_LINK);
	assert_int_equal(folio_node_set_url(link, url, &err), FOLIO_OK);
	assert_non_null(folio_node_add_text(link, url, strlen(url), &err));
	s.margin_right = 612 - 54 - 200; /* the URL is wider than this */
	l = run(doc, &s, &m, NULL);
	back = words_back(&l, 1);
	/* The word comes back whole: no hyphen added, no bytes lost (its lines
	 * are separate ops, joined by spaces here). */
	{
		size_t k = 0;

		for (size_t i = 0; back[i]; i++)
			if (back[i] != ' ')
				back[k++] = back[i];
		back[k] = '\0';
	}
	assert_memory_equal(back, word, n);
	for (size_t i = 0; i < l.count; i++) {
		const pdf_op *op = &l.ops[i];

		if (op->kind == PDF_OP_LINK) {
			assert_string_equal(op->url, url);
			assert_true(op->x + op->w <= s.page_width - s.margin_right + EPS);
			links++;
		}
	}
	assert_true(links >= 2);
	free(back);
	free(word);
	pdf_layout_free(&l);
	folio_doc_free(doc);
}

/* Emphasis, strong, both, code: faces; a link: accent colour + rectangle. */
static void test_inline_styles(void **state)
{
	folio_doc *doc = folio_doc_new();
	pdf_style s = style();
	pdf_metrics m = metrics();
	folio_error err;
	folio_node *p = folio_node_add(folio_doc_root(doc), FOLIO_NODE_PARAGRAPH);
	folio_node *em = folio_node_add(p, FOLIO_NODE_EMPH);
	folio_node *st = folio_node_add(p, FOLIO_NODE_STRONG), *both, *code, *link;
	pdf_layout l;
	int seen[PDF_FACE_COUNT] = {0}, link_text = 0, link_rect = 0;

	(void)state;
	folio_node_add_text(em, "softly", 6, &err);
	folio_node_add_text(p, " and ", 5, &err);
	folio_node_add_text(st, "firmly ", 7, &err);
	both = folio_node_add(st, FOLIO_NODE_EMPH);
	folio_node_add_text(both, "both", 4, &err);
	folio_node_add_text(p, " then ", 6, &err);
	code = folio_node_add(p, FOLIO_NODE_CODE);
	folio_node_set_literal(code, "x = 1", 5, &err);
	folio_node_add_text(p, " and ", 5, &err);
	link = folio_node_add(p, FOLIO_NODE_LINK);
	folio_node_set_url(link, "https://example.org/a", &err);
	folio_node_add_text(link, "our page", 8, &err);
	l = run(doc, &s, &m, NULL);
	for (size_t i = 0; i < l.count; i++) {
		const pdf_op *op = &l.ops[i];

		if (op->kind == PDF_OP_TEXT) {
			seen[op->face]++;
			if (strcmp(op->text, "our page") == 0) {
				assert_int_equal(op->rgb, s.accent_rgb);
				link_text++;
			}
			if (strcmp(op->text, "x = 1") == 0)
				assert_int_equal(op->face, PDF_FACE_MONO);
			if (strcmp(op->text, "both") == 0)
				assert_int_equal(op->face, PDF_FACE_BOLD_ITALIC);
		} else if (op->kind == PDF_OP_LINK) {
			assert_string_equal(op->url, "https://example.org/a");
			assert_true(op->w > 0 && op->h > 0);
			link_rect++;
		}
	}
	assert_true(seen[PDF_FACE_ITALIC] && seen[PDF_FACE_BOLD] && seen[PDF_FACE_BOLD_ITALIC] &&
	            seen[PDF_FACE_MONO] && seen[PDF_FACE_REGULAR]);
	assert_int_equal(link_text, 1);
	assert_int_equal(link_rect, 1);
	pdf_layout_free(&l);
	folio_doc_free(doc);
}

/* A line of a paragraph: (page, y) pairs of its ops. */
typedef struct pline {
	int page;
	double y;
} pline;

/* Many paragraphs of 1..9 lines and headings: no paragraph leaves a single
 * line at the bottom or top of a page, no heading ends a page. */
static void test_widows_orphans_headings(void **state)
{
	folio_doc *doc = folio_doc_new();
	folio_node *root = folio_doc_root(doc);
	pdf_style s = style();
	pdf_metrics m = metrics();
	pdf_layout l;
	size_t npara = 300, split = 0;
	unsigned seed = 99;

	(void)state;
	for (size_t k = 0; k < npara; k++) {
		char tag[32], *text;
		size_t nw;

		seed = seed * 1103515245u + 12345u;
		nw = 3 + (seed >> 16) % 110;
		if (k % 7 == 3) {
			snprintf(tag, sizeof tag, "Section %zu", k);
			heading(root, 2, tag);
		}
		/* every word of paragraph k is tagged pK so its lines can be found */
		text = tagged_prose(nw, (unsigned)k, k);
		para_text(root, text);
		free(text);
	}
	l = run(doc, &s, &m, NULL);
	assert_true(l.pages > 5);
	for (size_t k = 0; k < npara; k++) {
		char tag[32];
		pline lines[64];
		size_t nl = 0;

		snprintf(tag, sizeof tag, "p%zu", k);
		for (size_t i = 0; i < l.count; i++) {
			const pdf_op *op = &l.ops[i];
			size_t tl = strlen(tag);

			if (op->kind != PDF_OP_TEXT || strncmp(op->text, tag, tl) != 0 ||
			    !(op->text[tl] >= 'a' && op->text[tl] <= 'z'))
				continue;
			if (nl == 0 || lines[nl - 1].y != op->y || lines[nl - 1].page != op->page) {
				assert_true(nl < 64);
				lines[nl++] = (pline){op->page, op->y};
			}
		}
		assert_true(nl >= 1);
		for (size_t j = 1; j < nl; j++) {
			if (lines[j].page == lines[j - 1].page)
				continue;
			split++;
			assert_true(j >= 2);      /* no orphan at the bottom */
			assert_true(nl - j >= 2); /* no widow at the top */
		}
	}
	assert_true(split > 3);
	/* Headings: something of the body follows on the same page. */
	for (size_t i = 0; i < l.count; i++) {
		const pdf_op *op = &l.ops[i];
		int followed = 0;

		if (op->kind != PDF_OP_TEXT || op->face != PDF_FACE_HEADING)
			continue;
		for (size_t j = i + 1; j < l.count && !followed; j++)
			followed = l.ops[j].kind == PDF_OP_TEXT &&
			           l.ops[j].face == PDF_FACE_REGULAR && l.ops[j].page == op->page;
		assert_true(followed);
	}
	pdf_layout_free(&l);
	folio_doc_free(doc);
}

/* Every heading gets an anchor with its level, text and top. */
static void test_anchors(void **state)
{
	folio_doc *doc = folio_doc_new();
	folio_node *root = folio_doc_root(doc);
	pdf_style s = style();
	pdf_metrics m = metrics();
	pdf_layout l;
	size_t anchors = 0;

	(void)state;
	heading(root, 2, "When to rest");
	para_text(root, "A short paragraph under it.");
	heading(root, 3, "How long");
	para_text(root, "Another short one.");
	l = run(doc, &s, &m, NULL);
	for (size_t i = 0; i < l.count; i++) {
		const pdf_op *op = &l.ops[i];

		if (op->kind != PDF_OP_ANCHOR)
			continue;
		assert_string_equal(op->text, anchors == 0 ? "When to rest" : "How long");
		assert_int_equal(op->level, anchors == 0 ? 2 : 3);
		/* The heading's text sits just under its anchor. */
		assert_int_equal(l.ops[i + 1].kind, PDF_OP_TEXT);
		assert_true(l.ops[i + 1].y < op->y && l.ops[i + 1].y > op->y - 30);
		anchors++;
	}
	assert_int_equal(anchors, 2);
	pdf_layout_free(&l);
	folio_doc_free(doc);
}

static const pdf_op *find_text(const pdf_layout *l, const char *text)
{
	for (size_t i = 0; i < l->count; i++)
		if (l->ops[i].kind == PDF_OP_TEXT && strcmp(l->ops[i].text, text) == 0)
			return &l->ops[i];
	return NULL;
}

static const pdf_op *find_prefix(const pdf_layout *l, const char *text)
{
	for (size_t i = 0; i < l->count; i++)
		if (l->ops[i].kind == PDF_OP_TEXT &&
		    strncmp(l->ops[i].text, text, strlen(text)) == 0)
			return &l->ops[i];
	return NULL;
}

static folio_node *list_item(folio_node *list, const char *text)
{
	folio_node *item = folio_node_add(list, FOLIO_NODE_ITEM);

	assert_non_null(item);
	para_text(item, text);
	return item;
}

/* Ordered numbers right-aligned in the gutter, nested a. and i. numbering,
 * bullets as small rules, nested items further right. */
static void test_lists(void **state)
{
	folio_doc *doc = folio_doc_new();
	folio_node *root = folio_doc_root(doc);
	folio_node *ol = folio_node_add(root, FOLIO_NODE_LIST), *it, *sub, *subsub, *ul;
	pdf_style s = style();
	pdf_metrics m = metrics();
	pdf_layout l;
	const pdf_op *one, *first, *a, *nested, *i_, *deep, *ten, *tenth;
	size_t bullets = 0;

	(void)state;
	folio_node_set_list(ol, FOLIO_LIST_ORDERED, 1, 1);
	it = list_item(ol, "Warm up first");
	sub = folio_node_add(it, FOLIO_NODE_LIST);
	folio_node_set_list(sub, FOLIO_LIST_ORDERED, 1, 1);
	it = list_item(sub, "Roll the shoulders");
	subsub = folio_node_add(it, FOLIO_NODE_LIST);
	folio_node_set_list(subsub, FOLIO_LIST_ORDERED, 1, 1);
	list_item(subsub, "Forwards ten times");
	for (int k = 2; k <= 10; k++)
		list_item(ol, k == 10 ? "Tenth step" : "Keep going");
	ul = folio_node_add(root, FOLIO_NODE_LIST);
	folio_node_set_list(ul, FOLIO_LIST_BULLET, 1, 0);
	list_item(ul, "Bulleted one");
	list_item(ul, "Bulleted two");
	l = run(doc, &s, &m, NULL);
	one = find_text(&l, "1.");
	first = find_text(&l, "Warm up first");
	a = find_text(&l, "a.");
	nested = find_text(&l, "Roll the shoulders");
	i_ = find_text(&l, "i.");
	deep = find_text(&l, "Forwards ten times");
	ten = find_text(&l, "10.");
	tenth = find_text(&l, "Tenth step");
	assert_non_null(one);
	assert_non_null(first);
	assert_non_null(a);
	assert_non_null(nested);
	assert_non_null(i_);
	assert_non_null(deep);
	assert_non_null(ten);
	assert_non_null(tenth);
	/* hanging indent: numbers left of the text, on its baseline */
	assert_true(one->x + op_width(&m, one) < first->x);
	assert_true(one->y == first->y);
	assert_true(first->x > s.margin_left + 10);
	assert_true(nested->x > first->x + 10 && deep->x > nested->x + 10);
	/* right-aligned: "1." and "10." end at the same x */
	assert_true(fabs(one->x + op_width(&m, one) - (ten->x + op_width(&m, ten))) < EPS);
	assert_true(tenth->x == first->x);
	for (size_t i = 0; i < l.count; i++) {
		const pdf_op *op = &l.ops[i];

		if (op->kind == PDF_OP_RULE && op->w < 6 && op->w == op->h && op->x < first->x)
			bullets++;
	}
	assert_int_equal(bullets, 2);
	pdf_layout_free(&l);
	folio_doc_free(doc);
}

/* An item that opens with a nested list shows both markers on one line. */
static void test_item_opening_with_list(void **state)
{
	folio_doc *doc = folio_doc_new();
	folio_node *ol = folio_node_add(folio_doc_root(doc), FOLIO_NODE_LIST), *it, *sub;
	pdf_style s = style();
	pdf_metrics m = metrics();
	pdf_layout l;
	const pdf_op *one, *a, *text;

	(void)state;
	folio_node_set_list(ol, FOLIO_LIST_ORDERED, 1, 1);
	it = folio_node_add(ol, FOLIO_NODE_ITEM);
	sub = folio_node_add(it, FOLIO_NODE_LIST);
	folio_node_set_list(sub, FOLIO_LIST_ORDERED, 1, 1);
	list_item(sub, "Inner first");
	l = run(doc, &s, &m, NULL);
	one = find_text(&l, "1.");
	a = find_text(&l, "a.");
	text = find_text(&l, "Inner first");
	assert_non_null(one);
	assert_non_null(a);
	assert_non_null(text);
	assert_true(one->y == a->y && a->y == text->y);
	assert_true(one->x < a->x && a->x < text->x);
	pdf_layout_free(&l);
	folio_doc_free(doc);
}

/* French spacing: a line never starts with "?", ":" or "»", nor ends with
 * "«"; a URL never breaks inside its "https://". */
static void test_no_break_at_punctuation(void **state)
{
	folio_doc *doc = folio_doc_new();
	pdf_style s = style();
	pdf_metrics m = metrics();
	pdf_layout l;
	char text[4096];
	size_t n = 0;

	(void)state;
	for (int i = 0; i < 40; i++)
		n += (size_t)snprintf(text + n, sizeof text - n,
		                      "Pourquoi bouger %s ? Parce que « le repos » aide : un peu. ",
		                      i % 2 ? "souvent" : "doucement");
	para_text(folio_doc_root(doc), text);
	para_text(folio_doc_root(doc), "Voir https://example.org/une/page/assez/longue/pour/"
	                               "passer/a/la/ligne/sans/doute/deux/fois/ou/plus.html");
	s.margin_right = 612 - 54 - 150;
	l = run(doc, &s, &m, NULL);
	for (size_t i = 0; i < l.count; i++) {
		const pdf_op *op = &l.ops[i];

		if (op->kind != PDF_OP_TEXT)
			continue;
		assert_true(op->text[0] != '?' && op->text[0] != ':');
		assert_true(strncmp(op->text, "»", 2) != 0);
		assert_true(op->len < 2 || strcmp(op->text + op->len - 2, "«") != 0);
		assert_true(op->len < 3 || strcmp(op->text + op->len - 3, "://") != 0);
		assert_true(op->len < 4 || strcmp(op->text + op->len - 4, "://e") != 0);
	}
	pdf_layout_free(&l);
	folio_doc_free(doc);
}

/* Soft hyphens are break points that show a hyphen only at a line end, and
 * are never drawn otherwise. */
static void test_soft_hyphens(void **state)
{
	folio_doc *doc = folio_doc_new();
	pdf_style s = style();
	pdf_metrics m = metrics();
	pdf_layout l;
	char text[4096], plain[4096], *back;
	size_t n = 0, k = 0;
	int hyphens = 0;

	(void)state;
	for (int i = 0; i < 40; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "%sphysio\xc2\xadtherapeutic",
		                      i ? " " : "");
	for (size_t i = 0; i < n; i++)
		if (!(text[i] == '\xc2' && text[i + 1] == '\xad'))
			plain[k++] = text[i];
		else
			i++;
	plain[k] = '\0';
	para_text(folio_doc_root(doc), text);
	s.margin_right = 612 - 54 - 150;
	l = run(doc, &s, &m, NULL);
	for (size_t i = 0; i < l.count; i++) {
		const pdf_op *op = &l.ops[i];

		if (op->kind != PDF_OP_TEXT)
			continue;
		assert_null(strstr(op->text, "\xc2\xad"));
		if (op->text[op->len - 1] == '-') {
			assert_true(op->len >= 7);
			assert_memory_equal(op->text + op->len - 7, "physio-", 7);
			hyphens++;
		}
	}
	assert_true(hyphens > 3);
	back = words_back(&l, 1);
	assert_string_equal(back, plain);
	free(back);
	pdf_layout_free(&l);
	folio_doc_free(doc);
}

/* Words joined by an em dash may break after the dash, without a hyphen. */
static void test_break_after_dash(void **state)
{
	folio_doc *doc = folio_doc_new();
	pdf_style s = style();
	pdf_metrics m = metrics();
	pdf_layout l;
	char text[4096];
	size_t n = 0, dash_ends = 0;

	(void)state;
	for (int i = 0; i < 30; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "stretching—gently—repeatedly ");
	para_text(folio_doc_root(doc), text);
	s.margin_right = 612 - 54 - 120;
	l = run(doc, &s, &m, NULL);
	for (size_t i = 0; i < l.count; i++) {
		const pdf_op *op = &l.ops[i];

		if (op->kind != PDF_OP_TEXT || op->len < 3)
			continue;
		assert_true(op->text[op->len - 1] != '-');
		dash_ends += strcmp(op->text + op->len - 3, "—") == 0;
	}
	assert_true(dash_ends > 5);
	pdf_layout_free(&l);
	folio_doc_free(doc);
}

/* 50 nested lists and 50 nested quotes: the indentation stops growing. */
static void test_deep_nesting(void **state)
{
	folio_doc *doc = folio_doc_new();
	folio_node *parent = folio_doc_root(doc), *q = folio_doc_root(doc);
	pdf_style s = style();
	pdf_metrics m = metrics();
	pdf_layout l;
	double cap = s.margin_left + 0.4 * (s.page_width - s.margin_left - s.margin_right);
	size_t texts = 0;

	(void)state;
	for (int d = 0; d < 50; d++) {
		folio_node *list = folio_node_add(parent, FOLIO_NODE_LIST);

		folio_node_set_list(list, d % 2 ? FOLIO_LIST_ORDERED : FOLIO_LIST_BULLET, 1, 1);
		parent = list_item(list, "Level text that is long enough to wrap onto a second "
		                         "line when the column gets narrow at depth");
	}
	for (int d = 0; d < 50; d++) {
		q = folio_node_add(q, FOLIO_NODE_BLOCK_QUOTE);
		para_text(q, "Quoted words");
	}
	l = run(doc, &s, &m, NULL);
	for (size_t i = 0; i < l.count; i++) {
		if (l.ops[i].kind != PDF_OP_TEXT)
			continue;
		assert_true(l.ops[i].x <= cap + EPS);
		texts++;
	}
	assert_true(texts >= 100);
	pdf_layout_free(&l);
	folio_doc_free(doc);
}

/* A block quote: indented text with an accent bar at its left. */
static void test_block_quote(void **state)
{
	folio_doc *doc = folio_doc_new();
	folio_node *q = folio_node_add(folio_doc_root(doc), FOLIO_NODE_BLOCK_QUOTE);
	pdf_style s = style();
	pdf_metrics m = metrics();
	pdf_layout l;
	const pdf_op *t;
	int bar = 0;

	(void)state;
	para_text(q, "Rest is part of the plan, not a break from it.");
	l = run(doc, &s, &m, NULL);
	t = find_prefix(&l, "Rest is");
	assert_non_null(t);
	assert_true(t->x > s.margin_left + 8);
	for (size_t i = 0; i < l.count; i++)
		if (l.ops[i].kind == PDF_OP_RULE && l.ops[i].rgb == s.accent_rgb &&
		    l.ops[i].x < t->x && l.ops[i].h > l.ops[i].w && l.ops[i].y < t->y &&
		    l.ops[i].y + l.ops[i].h > t->y)
			bar++;
	assert_int_equal(bar, 1);
	pdf_layout_free(&l);
	folio_doc_free(doc);
}

/* References: heading, hanging numbers, DOIs shown and linked. */
static void test_references(void **state)
{
	folio_doc *doc = folio_doc_new();
	folio_node *refs = folio_node_add(folio_doc_root(doc), FOLIO_NODE_REFERENCES);
	pdf_style s = style();
	pdf_metrics m = metrics();
	folio_error err;
	pdf_layout l;
	static const char *const cites[] = {
	    "Hanks J, Myers B. Validity, reliability, and efficiency of a standard "
	    "goniometer, medical inclinometer, and builder's inclinometer. Int J Sports Phys "
	    "Ther. 2023;18(4):989-996. doi:10.26603/001c.83944",
	    "Author A. A paper with a web page only. Journal. 2020. "
	    "https://example.org/paper/42.",
	    "Some B. A citation whose DOI sits only in the parsed fields. Journal. 2019.",
	};
	const pdf_op *n1, *n2, *n3, *shown;
	int doi_links = 0, url_links = 0;

	(void)state;
	folio_node_set_title(refs, "References", &err);
	for (size_t i = 0; i < 3; i++) {
		folio_node *r = folio_node_add(refs, FOLIO_NODE_REFERENCE);
		folio_citation *c = folio_citation_parse(doc, cites[i], strlen(cites[i]), &err);

		assert_non_null(r);
		assert_non_null(c);
		if (i == 2)
			folio_citation_set(doc, c, FOLIO_CITE_DOI, "10.1155/2012/705327", &err);
		folio_node_set_citation(r, c);
		folio_node_add_text(r, cites[i], strlen(cites[i]), &err);
	}
	l = run(doc, &s, &m, NULL);
	assert_non_null(find_text(&l, "References"));
	n1 = find_text(&l, "1.");
	n2 = find_text(&l, "2.");
	n3 = find_text(&l, "3.");
	assert_non_null(n1);
	assert_non_null(n2);
	assert_non_null(n3);
	assert_true(n1->y > n2->y && n2->y > n3->y);
	assert_true(fabs(n1->x + op_width(&m, n1) - (n2->x + op_width(&m, n2))) < EPS);
	shown = find_prefix(&l, "https://doi.org/10.26603/001c.83944");
	assert_non_null(shown);
	assert_int_equal(shown->rgb, s.accent_rgb);
	assert_null(find_prefix(&l, "doi:"));
	for (size_t i = 0; i < l.count; i++) {
		const pdf_op *op = &l.ops[i];

		if (op->kind != PDF_OP_LINK)
			continue;
		doi_links += strcmp(op->url, "https://doi.org/10.26603/001c.83944") == 0 ||
		             strcmp(op->url, "https://doi.org/10.1155/2012/705327") == 0;
		url_links += strcmp(op->url, "https://example.org/paper/42") == 0;
	}
	assert_true(doi_links >= 2);
	assert_true(url_links >= 1);
	pdf_layout_free(&l);
	folio_doc_free(doc);
}

/* Title block: title, byline with credentials, the date in words in the
 * document's language, and an accent rule. */
static void test_title_block(void **state)
{
	pdf_style s = style();
	pdf_metrics m = metrics();
	folio_error err;
	pdf_layout l;

	(void)state;
	for (int fr = 0; fr < 2; fr++) {
		folio_doc *doc = folio_doc_new();
		const pdf_op *t;

		folio_doc_set(doc, FOLIO_META_TITLE, "Easing a stiff neck", &err);
		folio_doc_set(doc, FOLIO_META_DATE, "2024-05-01", &err);
		folio_doc_set(doc, FOLIO_META_LANG, fr ? "fr" : "en", &err);
		folio_doc_add_author(doc, "Ada Lovelace", "P.T.", &err);
		para_text(folio_doc_root(doc), "Body text.");
		l = run(doc, &s, &m, NULL);
		t = find_text(&l, "Easing a stiff neck");
		assert_non_null(t);
		assert_int_equal(t->face, PDF_FACE_HEADING);
		assert_true(t->size == s.title_size);
		assert_int_equal(t->page, 0);
		assert_non_null(
		    find_text(&l, fr ? "Par Ada Lovelace, P.T." : "By Ada Lovelace, P.T."));
		assert_non_null(find_text(&l, fr ? "1 mai 2024" : "1 May 2024"));
		assert_true(find_text(&l, "Body text.")->y < t->y);
		pdf_layout_free(&l);
		folio_doc_free(doc);
	}
}

/* Code keeps its lines, in mono; an overlong line wraps inside the column. */
static void test_code_block(void **state)
{
	folio_doc *doc = folio_doc_new();
	folio_node *code = folio_node_add(folio_doc_root(doc), FOLIO_NODE_CODE_BLOCK);
	pdf_style s = style();
	pdf_metrics m = metrics();
	folio_error err;
	pdf_layout l;
	char text[600];
	int lines = 0;

	(void)state;
	memset(text, 'x', sizeof text);
	memcpy(text, "first\n\tsecond\n", 14);
	text[sizeof text - 1] = '\0';
	folio_node_set_literal(code, text, strlen(text), &err);
	l = run(doc, &s, &m, NULL);
	assert_non_null(find_text(&l, "first"));
	assert_non_null(find_text(&l, "    second"));
	for (size_t i = 0; i < l.count; i++)
		if (l.ops[i].kind == PDF_OP_TEXT) {
			assert_int_equal(l.ops[i].face, PDF_FACE_MONO);
			lines++;
		}
	assert_true(lines >= 4); /* first, second, and the long line in 2+ pieces */
	pdf_layout_free(&l);
	folio_doc_free(doc);
}

/* Images fit the column, keep their aspect, stay under 40% of the page;
 * one that cannot be read shows its alt text. */
static void test_images(void **state)
{
	folio_doc *doc = folio_doc_new();
	folio_node *root = folio_doc_root(doc);
	folio_node *a = folio_node_add(root, FOLIO_NODE_IMAGE), *b, *c;
	pdf_style s = style();
	pdf_metrics m = metrics();
	folio_error err;
	pdf_layout l;
	int images = 0;

	(void)state;
	folio_node_set_url(a, "wide.png", &err);
	folio_node_set_title(a, "A wide picture", &err);
	b = folio_node_add(root, FOLIO_NODE_IMAGE);
	folio_node_set_url(b, "tall.png", &err);
	c = folio_node_add(root, FOLIO_NODE_IMAGE);
	folio_node_set_url(c, "missing.png", &err);
	folio_node_set_alt(c, "a stretch on the floor", &err);
	l = run(doc, &s, &m, NULL);
	for (size_t i = 0; i < l.count; i++) {
		const pdf_op *op = &l.ops[i];

		if (op->kind != PDF_OP_IMAGE)
			continue;
		images++;
		assert_true(op->x >= s.margin_left - EPS);
		assert_true(op->x + op->w <= s.page_width - s.margin_right + EPS);
		assert_true(op->h <= s.page_height * 0.4 + EPS);
		assert_true(op->y >= s.margin_bottom + s.footer_height - EPS);
		if (strcmp(op->url, "wide.png") == 0)
			assert_true(fabs(op->w / op->h - 2.0) < 1e-6);
		else
			assert_true(fabs(op->h / op->w - 10.0) < 1e-6);
	}
	assert_int_equal(images, 2);
	assert_int_equal(find_text(&l, "A wide picture")->face, PDF_FACE_ITALIC);
	assert_non_null(find_text(&l, "[a stretch on the floor]"));
	pdf_layout_free(&l);
	folio_doc_free(doc);
}

/* Tables: bold header, a rule under it, thin rules between rows, wrapped
 * cells inside their columns. */
static void test_table(void **state)
{
	folio_doc *doc = folio_doc_new();
	folio_node *t = folio_node_add(folio_doc_root(doc), FOLIO_NODE_TABLE);
	pdf_style s = style();
	pdf_metrics m = metrics();
	folio_error err;
	pdf_layout l;
	static const char *const cells[3][3] = {
	    {"Exercise", "Repeats", "Notes"},
	    {"Chin tuck", "10",
	     "Keep the eyes level and move the head straight back, as if "
	     "making a double chin, then let it return slowly."},
	    {"Shoulder roll", "8", "Small circles."},
	};
	int rules = 0;
	const pdf_op *h, *r1;

	(void)state;
	for (int r = 0; r < 3; r++) {
		folio_node *row = folio_node_add(t, FOLIO_NODE_TABLE_ROW);

		for (int c = 0; c < 3; c++) {
			folio_node *cell = folio_node_add(row, FOLIO_NODE_TABLE_CELL);

			folio_node_add_text(cell, cells[r][c], strlen(cells[r][c]), &err);
		}
	}
	l = run(doc, &s, &m, NULL);
	h = find_text(&l, "Exercise");
	r1 = find_text(&l, "Chin tuck");
	assert_non_null(h);
	assert_non_null(r1);
	assert_int_equal(h->face, PDF_FACE_BOLD);
	assert_int_equal(r1->face, PDF_FACE_REGULAR);
	assert_true(r1->y < h->y);
	for (size_t i = 0; i < l.count; i++)
		if (l.ops[i].kind == PDF_OP_RULE && l.ops[i].w > 100 && l.ops[i].h < 1)
			rules++;
	assert_int_equal(rules, 2); /* under the header, between rows 1 and 2 */
	pdf_layout_free(&l);
	folio_doc_free(doc);
}

static int same_ops(const pdf_layout *a, const pdf_layout *b)
{
	if (a->count != b->count || a->pages != b->pages)
		return 0;
	for (size_t i = 0; i < a->count; i++) {
		const pdf_op *x = &a->ops[i], *y = &b->ops[i];

		if (x->kind != y->kind || x->page != y->page || x->x != y->x || x->y != y->y ||
		    x->w != y->w || x->h != y->h || x->len != y->len)
			return 0;
		if (x->text && strcmp(x->text, y->text) != 0)
			return 0;
	}
	return 1;
}

/* Same input, same ops; and a 2 MB article completes. */
static void test_deterministic_and_large(void **state)
{
	folio_doc *doc = folio_doc_new();
	folio_node *root = folio_doc_root(doc);
	pdf_style s = style();
	pdf_metrics m = metrics();
	pdf_hyphenator *h = pdf_hyphenator_load(EN_DICT);
	pdf_layout a, b;
	size_t total = 0;
	unsigned k = 0;

	(void)state;
	while (total < 2u * 1024 * 1024) {
		char *text = prose(150 + k % 200, k);

		if (k % 25 == 0)
			heading(root, 2, "A section heading");
		total += strlen(text);
		para_text(root, text);
		free(text);
		k++;
	}
	{ /* and one very long paragraph */
		char *text = prose(40000, 1);

		para_text(root, text);
		free(text);
	}
	a = run(doc, &s, &m, h);
	b = run(doc, &s, &m, h);
	assert_true(a.pages > 300);
	assert_true(same_ops(&a, &b));
	pdf_layout_free(&a);
	pdf_layout_free(&b);
	pdf_hyphenator_free(h);
	folio_doc_free(doc);
}

/* Empty and odd nodes, tiny pages and big type: no crash, nothing past
 * the margins. */
static void test_odd_documents(void **state)
{
	folio_doc *doc = folio_doc_new();
	folio_node *root = folio_doc_root(doc), *n, *row;
	pdf_style s = style();
	pdf_metrics m = metrics();
	folio_error err;
	pdf_layout l;

	(void)state;
	folio_node_add(root, FOLIO_NODE_PARAGRAPH);
	folio_node_add(root, FOLIO_NODE_HEADING);
	folio_node_add(root, FOLIO_NODE_LIST);
	n = folio_node_add(root, FOLIO_NODE_LIST);
	folio_node_add(n, FOLIO_NODE_ITEM);
	folio_node_add(root, FOLIO_NODE_CODE_BLOCK);
	folio_node_add(root, FOLIO_NODE_TABLE);
	n = folio_node_add(root, FOLIO_NODE_TABLE);
	row = folio_node_add(n, FOLIO_NODE_TABLE_ROW);
	folio_node_add(row, FOLIO_NODE_TABLE_CELL);
	folio_node_add(root, FOLIO_NODE_TABLE_ROW);
	folio_node_add(root, FOLIO_NODE_BLOCK_QUOTE);
	folio_node_add(root, FOLIO_NODE_IMAGE);
	folio_node_add(root, FOLIO_NODE_REFERENCES);
	folio_node_add(folio_node_add(root, FOLIO_NODE_REFERENCES), FOLIO_NODE_REFERENCE);
	folio_node_add(root, FOLIO_NODE_THEMATIC_BREAK);
	n = folio_node_add(root, FOLIO_NODE_PARAGRAPH);
	folio_node_add(n, FOLIO_NODE_LINE_BREAK);
	folio_node_add(n, FOLIO_NODE_LINE_BREAK);
	folio_node_add_text(n, "   \t\n  ", 7, &err);
	folio_node_add(folio_node_add(n, FOLIO_NODE_LINK), FOLIO_NODE_EMPH);
	n = folio_node_add(root, FOLIO_NODE_PARAGRAPH);
	folio_node_add_text(n, "After a break", 13, &err);
	folio_node_add(n, FOLIO_NODE_LINE_BREAK);
	folio_node_add_text(n, "and a combining e\xcc\x81 accent", 30, &err);
	/* a table of many columns in a narrow page */
	n = folio_node_add(root, FOLIO_NODE_TABLE);
	row = folio_node_add(n, FOLIO_NODE_TABLE_ROW);
	for (int c = 0; c < 12; c++)
		folio_node_add_text(folio_node_add(row, FOLIO_NODE_TABLE_CELL),
		                    "supercalifragilistic", 20, &err);
	for (int pass = 0; pass < 3; pass++) {
		if (pass == 1) {
			s.page_width = 200;
			s.page_height = 220;
			s.margin_left = s.margin_right = 20;
			s.margin_top = 20;
			s.margin_bottom = 10;
			s.footer_height = 20;
		} else if (pass == 2) {
			s.body_size = 24;
			s.small_size = 20;
			s.justify = 1;
		}
		l = run(doc, &s, &m, NULL);
		assert_true(l.pages >= 1);
		assert_non_null(find_prefix(&l, "After"));
		pdf_layout_free(&l);
	}
	folio_doc_free(doc);
}

static unsigned rnd(unsigned *seed, unsigned n)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 16) % n;
}

static const char *const snippets[] = {
    "gentle",
    "physiotherapy",
    "l’épaule",
    "intramuscular",
    "https://example.org/x/y",
    "doi:10.1155/2012/705327",
    "—",
    " ? ",
    "«",
    "»",
    "  ",
    "WWWWWWWWWWWWWWWWWWWWWWWWWW",
    "x",
    "e\xcc\x81",
    "10-12",
    "well-being",
    "\xe6\xbc\xa2\xe5\xad\x97",
    "a\tb",
};

/* Adds random inline content (text, emphasis, code, links) to n. */
static void random_inlines(folio_node *n, unsigned *seed)
{
	folio_error err;
	int k = (int)rnd(seed, 12);

	for (int i = 0; i < k; i++) {
		const char *t = snippets[rnd(seed, sizeof snippets / sizeof snippets[0])];
		folio_node *c = n;

		switch (rnd(seed, 6)) {
		case 0:
			c = folio_node_add(n, FOLIO_NODE_EMPH);
			break;
		case 1:
			c = folio_node_add(n, FOLIO_NODE_STRONG);
			break;
		case 2:
			c = folio_node_add(n, FOLIO_NODE_LINK);
			folio_node_set_url(c, "https://example.org/l", &err);
			break;
		case 3:
			folio_node_set_literal(folio_node_add(n, FOLIO_NODE_CODE), t, strlen(t),
			                       &err);
			continue;
		default:
			break;
		}
		folio_node_add_text(c, t, strlen(t), &err);
		folio_node_add_text(c, " ", 1, &err);
	}
}

/* A random tree: containers nest up to 12 deep, every kind of block. */
static void random_blocks(folio_node *root, unsigned *seed)
{
	folio_node *stack[16];
	int depth = 0;
	folio_error err;

	stack[0] = root;
	for (int i = 0; i < 60; i++) {
		folio_node *parent = stack[depth], *n;
		unsigned what = rnd(seed, 11);

		if (depth > 0 && rnd(seed, 4) == 0) {
			depth--;
			continue;
		}
		if (what == 0 && depth < 12) {
			n = folio_node_add(parent, FOLIO_NODE_LIST);
			folio_node_set_list(n,
			                    rnd(seed, 2) ? FOLIO_LIST_ORDERED : FOLIO_LIST_BULLET,
			                    (int)rnd(seed, 30), (int)rnd(seed, 2));
			n = folio_node_add(n, FOLIO_NODE_ITEM);
			stack[++depth] = n;
		} else if (what == 1 && depth < 12) {
			stack[++depth] = folio_node_add(parent, FOLIO_NODE_BLOCK_QUOTE);
		} else if (what == 2) {
			n = folio_node_add(parent, FOLIO_NODE_HEADING);
			folio_node_set_heading_level(n, 1 + (int)rnd(seed, 6));
			random_inlines(n, seed);
		} else if (what == 3) {
			n = folio_node_add(parent, FOLIO_NODE_CODE_BLOCK);
			folio_node_set_literal(n, "a\n\tb c\n\n", 9, &err);
		} else if (what == 4) {
			n = folio_node_add(parent, FOLIO_NODE_TABLE);
			for (unsigned r = rnd(seed, 4); r > 0; r--) {
				folio_node *row = folio_node_add(n, FOLIO_NODE_TABLE_ROW);

				for (unsigned c = rnd(seed, 5); c > 0; c--)
					random_inlines(folio_node_add(row, FOLIO_NODE_TABLE_CELL),
					               seed);
			}
		} else if (what == 5) {
			n = folio_node_add(parent, FOLIO_NODE_IMAGE);
			folio_node_set_url(n, rnd(seed, 2) ? "wide.png" : "tall.png", &err);
			folio_node_set_title(n, "caption", &err);
		} else if (what == 6) {
			folio_node_add(parent, FOLIO_NODE_THEMATIC_BREAK);
		} else {
			random_inlines(folio_node_add(parent, FOLIO_NODE_PARAGRAPH), seed);
		}
	}
}

/* Many random documents on random page shapes, ragged and justified,
 * with and without hyphenation: every one lays out inside its margins. */
static void test_random_documents(void **state)
{
	pdf_metrics m = metrics();
	pdf_hyphenator *h = pdf_hyphenator_load(EN_DICT);
	unsigned seed = 2024;

	(void)state;
	for (int k = 0; k < 200; k++) {
		folio_doc *doc = folio_doc_new();
		pdf_style s = style();
		pdf_layout l, again;

		random_blocks(folio_doc_root(doc), &seed);
		s.page_width = 200 + rnd(&seed, 500);
		s.page_height = 250 + rnd(&seed, 700);
		s.body_size = 6 + rnd(&seed, 18);
		s.small_size = s.body_size * 0.8;
		s.justify = (int)rnd(&seed, 2);
		l = run(doc, &s, &m, rnd(&seed, 2) ? h : NULL);
		again = run(doc, &s, &m, h);
		pdf_layout_free(&l);
		pdf_layout_free(&again);
		folio_doc_free(doc);
	}
	pdf_hyphenator_free(h);
}

static void test_bad_style(void **state)
{
	folio_doc *doc = folio_doc_new();
	pdf_style s = style();
	pdf_metrics m = metrics();
	pdf_layout l;
	folio_error err;

	(void)state;
	s.margin_left = 400;
	s.margin_right = 400;
	assert_int_equal(pdf_layout_run(doc, &s, &m, NULL, &l, &err), FOLIO_ERR_USAGE);
	pdf_layout_free(&l);
	folio_doc_free(doc);
}

/* The text of every TEXT op in drawing order, concatenated (lines joined
 * with nothing: CJK and Thai have no spaces to restore). The caller frees. */
static char *ops_joined(const pdf_layout *l)
{
	size_t n = 1, at = 0;
	char *out;

	for (size_t i = 0; i < l->count; i++)
		n += l->ops[i].kind == PDF_OP_TEXT ? l->ops[i].len : 0;
	out = malloc(n);
	assert_non_null(out);
	for (size_t i = 0; i < l->count; i++)
		if (l->ops[i].kind == PDF_OP_TEXT) {
			memcpy(out + at, l->ops[i].text, l->ops[i].len);
			at += l->ops[i].len;
		}
	out[at] = '\0';
	return out;
}

/* Chinese and Japanese break between characters (UAX #14, ICU's strict
 * rules): every character kept, no line wider than the column, no line
 * starting with closing punctuation or a small kana (kinsoku). Thai breaks
 * between words, found by ICU's dictionary, never inside one. */
static void test_cjk_thai_breaks(void **state)
{
	static const struct {
		const char *lang, *text, *word;
	} cases[] = {
	    {"zh-Hans",
	     "流感是一种常见的呼吸道疾病，每年秋冬季节容易流行。大多数人在一周内可以康复，"
	     "但老人、孕妇和慢性病患者更容易出现并发症。勤洗手，每次至少二十秒。",
	     NULL},
	    {"ja",
	     "腰痛は多くの人が経験する身近な症状です。ほとんどの場合、数週間で自然に良くなり"
	     "ますが、正しい姿勢と適度な運動が回復を助けます。「様子を見よう」と我慢しないこと"
	     "が大切です。ちょっとした運動でも、しっかり続けましょう。",
	     NULL},
	    {"th",
	     "อากาศร้อนจัดอาจทำให้ร่างกายขาดน้ำและเกิดโรคลมแดดได้โดยเฉพาะในเด็กเล็กและผู้สูงอายุ"
	     "ควรดื่มน้ำสะอาดวันละอย่างน้อยแปดแก้วแม้ไม่รู้สึกกระหายน้ำ",
	     "ร่างกาย"},
	};
	static const char *const no_start[] = {"。", "、", "，", "」", "っ", "ょ", "ー", NULL};

	(void)state;
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		folio_doc *doc = folio_doc_new();
		pdf_style s = style();
		pdf_metrics m = metrics();
		pdf_layout l;
		char *back;
		int lines = 0;

		s.margin_right = 612 - 54 - 90; /* a narrow column: many lines */
		assert_int_equal(folio_doc_set(doc, FOLIO_META_LANG, cases[c].lang, NULL), FOLIO_OK);
		para_text(folio_doc_root(doc), cases[c].text);
		l = run(doc, &s, &m, NULL);
		check_inside(&l, &s, &m);
		back = ops_joined(&l);
		assert_string_equal(back, cases[c].text);
		for (size_t i = 0; i < l.count; i++) {
			const pdf_op *op = &l.ops[i];

			if (op->kind != PDF_OP_TEXT)
				continue;
			lines++;
			for (size_t k = 0; no_start[k]; k++)
				if (strncmp(op->text, no_start[k], strlen(no_start[k])) == 0)
					fail_msg("%s: a line starts with %s: %s", cases[c].lang, no_start[k],
					         op->text);
		}
		assert_true(lines >= 4);
		/* the dictionary word stays whole on one line */
		if (cases[c].word) {
			int whole = 0;

			for (size_t i = 0; i < l.count; i++)
				whole += l.ops[i].kind == PDF_OP_TEXT && strstr(l.ops[i].text, cases[c].word);
			assert_int_equal(whole, 1);
		}
		free(back);
		pdf_layout_free(&l);
		folio_doc_free(doc);
	}
}

/* A right-to-left article (Arabic): every line flush right, the first
 * words of a paragraph at the right, a number kept inside its op (the
 * drawing orders it left to right: dir 1), list numbers on the right, and
 * the same article in English left as it was. */
static void test_rtl(void **state)
{
	static const char *const ar =
	    "أمراض القلب من أكثر الأسباب شيوعا للوفاة في العالم لكن يمكن الوقاية من كثير منها "
	    "بتغييرات بسيطة في نمط الحياة امش ثلاثين دقيقة يوميا بعد سن 40 خمسة أيام";
	folio_doc *doc = folio_doc_new();
	pdf_style s = style();
	pdf_metrics m = metrics();
	pdf_layout l;
	double right = s.page_width - s.margin_right, first_x = -1, last_x = -1;
	int lines = 0;
	folio_node *list, *item;

	(void)state;
	s.margin_right = 612 - 54 - 200;
	right = s.page_width - s.margin_right;
	assert_int_equal(folio_doc_set(doc, FOLIO_META_LANG, "ar", NULL), FOLIO_OK);
	para_text(folio_doc_root(doc), ar);
	list = folio_node_add(folio_doc_root(doc), FOLIO_NODE_LIST);
	folio_node_set_list(list, FOLIO_LIST_ORDERED, 1, 1);
	item = folio_node_add(list, FOLIO_NODE_ITEM);
	para_text(item, "تناول الخضروات");
	l = run(doc, &s, &m, NULL);
	assert_int_equal(l.rtl, 1);
	check_inside(&l, &s, &m);
	for (size_t i = 0; i < l.count; i++) {
		const pdf_op *op = &l.ops[i];

		if (op->kind != PDF_OP_TEXT)
			continue;
		if (strstr(op->text, "أمراض")) {
			first_x = op->x;
			assert_int_equal(op->dir, 1);
		}
		if (strstr(op->text, "الخضروات"))
			last_x = op->x + op_width(&m, op);
		if (strcmp(op->text, "1.") == 0) /* the marker hangs on the right */
			assert_true(op->x > right - 20);
		else if (op->dir == 1 && !strstr(op->text, "الخضروات")) {
			lines++;
			assert_float_equal(op->x + op_width(&m, op), right, 0.02);
		}
	}
	assert_true(lines >= 3);
	assert_true(first_x > s.margin_left); /* flush right, not left */
	assert_true(last_x < right - 5);      /* the item's text indented from the right */
	pdf_layout_free(&l);
	folio_doc_free(doc);
}

/* List markers are their items' labels: LI > Lbl (the number, or the bullet
 * with /ActualText) before LBody; a product copying the tree elsewhere
 * (pdf_layout_graft) keeps roles, parents and the ops' elements. */
static void test_labels_and_graft(void **state)
{
	folio_doc *doc = folio_doc_new();
	pdf_style s = style();
	pdf_metrics m = metrics();
	pdf_layout l, dst = {0};
	folio_node *list, *item;
	int numbers = 0, bullets = 0, sect, base;

	(void)state;
	for (int ordered = 1; ordered >= 0; ordered--) {
		list = folio_node_add(folio_doc_root(doc), FOLIO_NODE_LIST);
		folio_node_set_list(list, ordered ? FOLIO_LIST_ORDERED : FOLIO_LIST_BULLET, 1, 1);
		for (int i = 0; i < 2; i++) {
			item = folio_node_add(list, FOLIO_NODE_ITEM);
			para_text(item, "Walk for ten minutes every morning.");
		}
	}
	l = run(doc, &s, &m, NULL);
	for (size_t i = 0; i < l.count; i++) {
		const pdf_op *op = &l.ops[i];
		const pdf_elem *e;

		if (op->elem <= 0 || (op->kind != PDF_OP_RULE && op->kind != PDF_OP_TEXT))
			continue;
		e = &l.elems[op->elem];
		if (strcmp(e->role, "Lbl") != 0)
			continue;
		assert_string_equal(l.elems[e->parent].role, "LI");
		/* the label comes before the body among the item's kids */
		assert_string_equal(l.elems[op->elem + 1].role, "LBody");
		if (op->kind == PDF_OP_TEXT) {
			numbers++;
			assert_true(op->text[0] == '1' || op->text[0] == '2');
		} else {
			bullets++;
			assert_string_equal(e->actual, "\xE2\x80\xA2");
		}
	}
	assert_int_equal(numbers, 2);
	assert_int_equal(bullets, 2);

	sect = pdf_layout_add_elem(&dst, 0, "Sect", NULL);
	assert_int_equal(sect, 1);
	base = pdf_layout_graft(&dst, sect, &l);
	assert_true(base >= 0);
	assert_int_equal(dst.nelems, 2 + l.nelems - 1);
	for (size_t i = 1; i < l.nelems; i++) {
		const pdf_elem *e = &dst.elems[pdf_layout_graft_elem(base, sect, (int)i)];

		assert_string_equal(e->role, l.elems[i].role);
		assert_int_equal(e->parent, pdf_layout_graft_elem(base, sect, l.elems[i].parent));
	}
	assert_int_equal(pdf_layout_graft_elem(base, sect, 0), sect);
	assert_int_equal(pdf_layout_graft_elem(base, sect, PDF_ELEM_ARTIFACT), PDF_ELEM_ARTIFACT);
	pdf_layout_free(&dst);
	pdf_layout_free(&l);
	folio_doc_free(doc);
}

/* The closing panel (style.closing): at the end, on the last page, kept
 * together, with at least five lines of the article above it on a last page
 * after the first, its QR code placed and tagged, its disclaimer a P marked
 * with its own language; no reference split across pages. For every
 * article length from 1 to 70 paragraphs. */
static void test_closing_panel(void **state)
{
	pdf_style s = style();
	pdf_metrics m = metrics();
	pdf_closing c = {.heading = "Callus",
	                 .phone = "Phone: 555-0147",
	                 .lines = "clinic.example\nWeekdays 8 to 6",
	                 .disclaimer = "Zorblat general information, not advice; seek care "
	                               "promptly when the pain is severe or getting worse.",
	                 .disclaimer_lang = "en",
	                 .disclaimer_size = 9,
	                 .qr_side = 70,
	                 .qr_quiet = 6,
	                 .qr_alt = "QR code: https://clinic.example/",
	                 .qr_caption = "Online",
	                 .qr_caption_size = 8};

	(void)state;
	s.measure = 1;
	s.closing = &c;
	for (int n = 1; n <= 70; n += 3) {
		folio_doc *doc = folio_doc_new();
		folio_node *refs;
		folio_error err;
		pdf_layout l;
		const pdf_op *h, *d, *cap;
		double ys[64];
		size_t nys = 0;

		folio_doc_set(doc, FOLIO_META_TITLE, "Filling", &err);
		for (int i = 0; i < n; i++)
			para_text(folio_doc_root(doc), "A paragraph of the article that fills some "
			                               "of the page with ordinary words.");
		refs = folio_node_add(folio_doc_root(doc), FOLIO_NODE_REFERENCES);
		for (int i = 0; i < 3; i++) {
			folio_node *r = folio_node_add(refs, FOLIO_NODE_REFERENCE);
			static const char cite[] = "Author A, Author B. A study with a title that runs "
			                           "over two or three lines of the reference list. "
			                           "Journal. 2020;1(2):3-4.";

			folio_node_add_text(r, cite, strlen(cite), &err);
		}
		l = run(doc, &s, &m, NULL);
		h = find_prefix(&l, "Callus");
		d = find_prefix(&l, "Zorblat");
		cap = find_text(&l, "Online");
		assert_non_null(h);
		assert_non_null(d);
		assert_non_null(cap);
		assert_int_equal(h->page, l.pages - 1);
		assert_int_equal(d->page, l.pages - 1);
		assert_true(d->size >= 9);
		assert_string_equal(l.elems[d->elem].role, "P");
		assert_string_equal(l.elems[d->elem].lang, "en");
		assert_string_equal(l.elems[l.elems[d->elem].parent].role, "Sect");
		assert_true(l.qr_placed);
		assert_int_equal(l.qr_page, l.pages - 1);
		assert_string_equal(l.elems[l.qr_elem].role, "Figure");
		assert_string_equal(l.elems[l.qr_elem].alt, c.qr_alt);
		assert_string_equal(l.elems[cap->elem].role, "Caption");
		assert_int_equal(l.elems[cap->elem].parent, l.qr_elem);
		/* the code and its caption between the panel's top and the footer */
		assert_true(l.qr_y + c.qr_quiet >= s.margin_bottom + s.footer_height - EPS);
		assert_true(l.qr_y + c.qr_side - c.qr_quiet <= h->y + h->size + EPS);
		assert_true(cap->page == l.qr_page && cap->y < l.qr_y + c.qr_quiet);
		/* the article's lines above the panel on its page */
		for (size_t i = 0; i < l.count; i++) {
			const pdf_op *op = &l.ops[i];
			size_t k = 0;

			if (op->kind != PDF_OP_TEXT || op->page != h->page || op->y <= h->y + 1)
				continue;
			while (k < nys && fabs(ys[k] - op->y) > 0.5)
				k++;
			if (k == nys && nys < 64)
				ys[nys++] = op->y;
		}
		if (l.pages > 1 && nys < 5)
			fail_msg("%d paragraphs: %zu lines of the article on the last page", n, nys);
		/* every reference on one page: its number's page is its words' page */
		for (size_t i = 0; i + 1 < l.count; i++) {
			const pdf_op *op = &l.ops[i];

			if (op->kind == PDF_OP_TEXT && strstr(op->text, "Journal"))
				for (size_t k = i + 1; k > 0; k--)
					if (l.ops[k - 1].kind == PDF_OP_TEXT &&
					    strncmp(l.ops[k - 1].text, "Author A", 8) == 0) {
						assert_int_equal(l.ops[k - 1].page, op->page);
						break;
					}
		}
		pdf_layout_free(&l);
		folio_doc_free(doc);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_paragraph_reading_order),
	    cmocka_unit_test(test_justified),
	    cmocka_unit_test(test_long_word_and_url),
	    cmocka_unit_test(test_inline_styles),
	    cmocka_unit_test(test_widows_orphans_headings),
	    cmocka_unit_test(test_anchors),
	    cmocka_unit_test(test_lists),
	    cmocka_unit_test(test_item_opening_with_list),
	    cmocka_unit_test(test_no_break_at_punctuation),
	    cmocka_unit_test(test_soft_hyphens),
	    cmocka_unit_test(test_break_after_dash),
	    cmocka_unit_test(test_deep_nesting),
	    cmocka_unit_test(test_block_quote),
	    cmocka_unit_test(test_references),
	    cmocka_unit_test(test_title_block),
	    cmocka_unit_test(test_code_block),
	    cmocka_unit_test(test_images),
	    cmocka_unit_test(test_table),
	    cmocka_unit_test(test_deterministic_and_large),
	    cmocka_unit_test(test_odd_documents),
	    cmocka_unit_test(test_random_documents),
	    cmocka_unit_test(test_bad_style),
	    cmocka_unit_test(test_cjk_thai_breaks),
	    cmocka_unit_test(test_rtl),
	    cmocka_unit_test(test_labels_and_graft),
	    cmocka_unit_test(test_closing_panel),
	};

	return cmocka_run_group_tests_name("pdf_layout", tests, NULL, NULL);
}
