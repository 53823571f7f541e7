/* Unit tests: the tri-fold brochure's geometry and layout (trifold.c) and the
 * QR code (qr.c), with fake font metrics and no libharu drawing. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "folio/folio.h"
#include "qr.h"
#include "trifold.h"

#define EPS 0.01

/* Every byte half an em wide, bold a little wider. */
static double fake_width(void *ctx, pdf_face face, const char *s, size_t len)
{
	(void)ctx;
	(void)s;
	return (double)len * (face == PDF_FACE_BOLD || face == PDF_FACE_HEADING ? 560 : 500);
}

static pdf_metrics fake_metrics(void)
{
	pdf_metrics m = {.width = fake_width};

	for (int f = 0; f < PDF_FACE_COUNT; f++) {
		m.ascent[f] = 800;
		m.descent[f] = -200;
	}
	return m;
}

static pdf_style base_style(void)
{
	pdf_style s = {.page_width = 612,
	               .page_height = 792,
	               .body_size = 12,
	               .leading = 1.38,
	               .title_size = 24,
	               .small_size = 10,
	               .accent_rgb = 0x1f6f8b};

	for (int i = 0; i < 6; i++)
		s.heading_size[i] = 12 * (i < 3 ? 1.5 - 0.15 * i : 1.0);
	return s;
}

static const char profile_yaml[] = "name: Test Clinic\n"
                                   "phone: 555-0100\n"
                                   "website: https://clinic.example/\n"
                                   "disclaimer: General information only.\n";

static folio_profile *profile(void)
{
	folio_error err;
	folio_profile *p = folio_profile_parse(profile_yaml, strlen(profile_yaml), "t.yaml", &err);

	assert_non_null(p);
	return p;
}

/* An article of n paragraphs of about 60 words, with a url. */
static folio_doc *article(int n, const char *url)
{
	size_t cap = 256 + (size_t)n * 400, len = 0;
	char *md = malloc(cap);
	folio_error err;
	folio_doc *d;

	assert_non_null(md);
	len += (size_t)snprintf(md + len, cap - len, "---\ntitle: A test leaflet\n%s%s%s---\n\n",
	                        url ? "url: " : "", url ? url : "", url ? "\n" : "");
	for (int i = 0; i < n; i++) {
		len += (size_t)snprintf(md + len, cap - len, "## Part %d\n\n", i + 1);
		for (int w = 0; w < 30; w++)
			len += (size_t)snprintf(md + len, cap - len, "word%d text ", w);
		md[len++] = '\n';
		md[len++] = '\n';
	}
	d = folio_import_memory(md, len, "test.md", NULL, &err);
	free(md);
	assert_non_null(d);
	return d;
}

/* ---- geometry -------------------------------------------------------------------------- */

static void test_geometry(void **state)
{
	pdf_trifold_geom g;

	(void)state;
	pdf_trifold_geometry(0, &g);
	assert_true(fabs(g.sheet_w - 792) < EPS && fabs(g.sheet_h - 612) < EPS);
	assert_true(fabs(g.w[0][0] - 265.5) < EPS && fabs(g.w[0][1] - 265.5) < EPS);
	assert_true(fabs(g.w[0][2] - 261) < EPS); /* c, the fold-in panel, inside right */
	assert_true(fabs(g.w[1][0] - 261) < EPS); /* its other side, the flap, outside left */
	assert_true(fabs(g.x[1][2] + g.w[1][2] - 792) < EPS);
	pdf_trifold_geometry(1, &g);
	assert_true(fabs(g.sheet_w - 841.89) < EPS && fabs(g.sheet_h - 595.28) < EPS);
	assert_true(fabs(g.w[0][2] - 97 * 72 / 25.4) < EPS);
	assert_true(fabs(g.w[1][1] - 100 * 72 / 25.4) < EPS);
	/* The folds line up through the sheet: inside x = width - outside x. */
	assert_true(fabs(g.x[0][1] - (g.sheet_w - g.x[1][2])) < EPS);
	assert_true(fabs(g.x[0][2] - (g.sheet_w - g.x[1][1])) < EPS);
}

/* ---- the layout ------------------------------------------------------------------------ */

/* Which panel (side * 3 + index) holds x on side. */
static int panel_of(const pdf_trifold_geom *g, int side, double x)
{
	for (int p = 0; p < 3; p++)
		if (x >= g->x[side][p] - EPS && x < g->x[side][p] + g->w[side][p])
			return side * 3 + p;
	return -1;
}

static void test_layout_fits(void **state)
{
	folio_profile *p = profile();
	folio_doc *d = article(6, "https://clinic.example/a/1");
	pdf_style s = base_style();
	pdf_metrics m = fake_metrics();
	pdf_trifold t = {0};
	pdf_layout out;
	folio_error err;
	pdf_qr *qr = pdf_qr_make("https://clinic.example/a/1", &err);
	pdf_trifold_input in = {.doc = d, .profile = p, .qr = qr};
	int marks = 0, title = 0, first_part = -1;

	(void)state;
	pdf_trifold_geometry(0, &t.g);
	assert_int_equal(pdf_trifold_layout(&t, &in, &s, &m, &out, &err), FOLIO_OK);
	assert_int_equal(out.pages, 2);
	assert_true(t.panels >= 2 && t.panels <= PDF_TRIFOLD_PANELS);
	for (size_t i = 0; i < out.count; i++) {
		const pdf_op *op = &out.ops[i];

		assert_true(op->page == 0 || op->page == 1);
		if (op->kind == PDF_OP_TEXT) {
			double w = m.width(NULL, op->face, op->text, op->len) * op->size / 1000;
			int k = panel_of(&t.g, op->page, op->x);

			/* Text stays in its panel, off the folds. */
			assert_true(k >= 0);
			assert_true(op->x + w <=
			            t.g.x[op->page][k % 3] + t.g.w[op->page][k % 3] - 12);
			if (strncmp(op->text, "Part 1", 6) == 0)
				first_part = k;
			if (strncmp(op->text, "A test", 6) == 0)
				title = k;
		}
		if (op->kind == PDF_OP_RULE && op->w < 1 && op->h > 10 &&
		    (op->y < 30 || op->y > t.g.sheet_h - 30))
			marks++;
	}
	assert_int_equal(first_part, 0); /* the article starts on inside panel a */
	assert_int_equal(title, 5);      /* the title is on the cover, outside right */
	assert_int_equal(marks, 8);      /* 2 folds x top and bottom x 2 sides */
	/* The QR code: on the back panel (outside, middle), 2 cm at least. */
	assert_int_equal(qr->page, 1);
	assert_true(qr->side >= PDF_QR_MIN_SIDE);
	assert_int_equal(panel_of(&t.g, 1, qr->x), 4);
	assert_true(qr->x + qr->side <= t.g.x[1][1] + t.g.w[1][1]);
	pdf_layout_free(&out);
	pdf_trifold_free(&t);
	pdf_qr_free(qr);
	folio_doc_free(d);
	folio_profile_free(p);
}

static void test_layout_too_long(void **state)
{
	folio_profile *p = profile();
	folio_doc *d = article(40, NULL);
	pdf_style s = base_style();
	pdf_metrics m = fake_metrics();
	pdf_trifold t = {0};
	pdf_layout out;
	folio_error err;
	pdf_trifold_input in = {.doc = d, .profile = p, .shrink = 1};

	(void)state;
	pdf_trifold_geometry(1, &t.g);
	assert_int_equal(pdf_trifold_layout(&t, &in, &s, &m, &out, &err), FOLIO_ERR_LIMIT);
	assert_non_null(strstr(err.message, "even at 11 pt, the article needs"));
	assert_non_null(strstr(err.message, "a tri-fold holds 4"));
	assert_true(fabs(t.body_size - 11) < EPS); /* it tried down to the floor */
	pdf_layout_free(&out);
	pdf_trifold_free(&t);
	folio_doc_free(d);
	folio_profile_free(p);
}

/* The smallest article that needs 5 panels at 12 pt fits with shrink. */
static void test_layout_shrink(void **state)
{
	folio_profile *p = profile();
	pdf_style s = base_style();
	pdf_metrics m = fake_metrics();
	folio_error err;
	int n;

	(void)state;
	for (n = 4; n < 40; n++) {
		folio_doc *d = article(n, NULL);
		pdf_trifold t = {0};
		pdf_layout out;
		pdf_trifold_input in = {.doc = d, .profile = p};
		folio_status st;

		pdf_trifold_geometry(0, &t.g);
		st = pdf_trifold_layout(&t, &in, &s, &m, &out, &err);
		pdf_layout_free(&out);
		pdf_trifold_free(&t);
		if (st != FOLIO_OK) {
			assert_int_equal(st, FOLIO_ERR_LIMIT);
			assert_non_null(strstr(err.message, "or use -O shrink=true"));
			in.shrink = 1;
			pdf_trifold_geometry(0, &t.g);
			assert_int_equal(pdf_trifold_layout(&t, &in, &s, &m, &out, &err), FOLIO_OK);
			assert_true(t.body_size < 12 && t.body_size >= 11);
			assert_true(t.panels <= PDF_TRIFOLD_PANELS);
			pdf_layout_free(&out);
			pdf_trifold_free(&t);
			folio_doc_free(d);
			break;
		}
		folio_doc_free(d);
	}
	assert_true(n < 40);
	folio_profile_free(p);
}

/* ---- the QR code --------------------------------------------------------------------------- */

typedef struct grid {
	int w;
	unsigned char cell[200 * 200];
	size_t runs;
} grid;

static void paint(void *ctx, int row, int x0, int n)
{
	grid *g = ctx;

	assert_true(n > 0 && x0 >= 0 && x0 + n <= g->w);
	/* A run is maximal: light (or the edge) on both sides. */
	if (x0 > 0)
		assert_int_equal(g->cell[row * g->w + x0 - 1], 0);
	for (int x = x0; x < x0 + n; x++) {
		assert_int_equal(g->cell[row * g->w + x], 0); /* painted once */
		g->cell[row * g->w + x] = 1;
	}
	g->runs++;
}

static void paint_rect(void *ctx, int row, int x0, int n, int h)
{
	grid *g = ctx;

	assert_true(n > 0 && h > 0 && x0 >= 0 && x0 + n <= g->w && row + h <= g->w);
	for (int y = row; y < row + h; y++)
		for (int x = x0; x < x0 + n; x++) {
			assert_int_equal(g->cell[y * g->w + x], 0); /* painted once */
			g->cell[y * g->w + x] = 1;
		}
	g->runs++;
}

/* The rectangles cover exactly the dark modules, fewer of them than runs. */
static void test_qr_rects(void **state)
{
	static const char *const urls[] = {
	    "https://riverside-physio.example/articles/heel-pain",
	    "https://clinic.example/a/2",
	    "https://riverside-physio.example/articles/a-much-longer-address-for-a-bigger-code-"
	    "with-many-more-modules-to-merge?utm_source=leaflet&utm_medium=print",
	};

	(void)state;
	for (size_t u = 0; u < sizeof urls / sizeof urls[0]; u++) {
		folio_error err;
		pdf_qr *qr = pdf_qr_make(urls[u], &err);
		static grid g;
		size_t n, runs;

		assert_non_null(qr);
		memset(&g, 0, sizeof g);
		g.w = qr->modules;
		n = pdf_qr_rects(qr, paint_rect, &g);
		assert_int_equal(n, g.runs);
		for (int i = 0; i < qr->modules * qr->modules; i++)
			assert_int_equal(g.cell[i], qr->dark[i]);
		runs = pdf_qr_runs(qr, NULL, NULL);
		assert_true(n > 0 && n < runs);
		pdf_qr_free(qr);
	}
}

static void test_qr_runs(void **state)
{
	folio_error err;
	pdf_qr *qr = pdf_qr_make("https://riverside-physio.example/articles/heel-pain", &err);
	static grid g;
	size_t dark = 0, n = 0;

	(void)state;
	assert_non_null(qr);
	assert_true(qr->modules >= 21 && qr->modules <= 200 && (qr->modules - 17) % 4 == 0);
	g.w = qr->modules;
	n = pdf_qr_runs(qr, paint, &g);
	assert_int_equal(n, g.runs);
	for (int i = 0; i < qr->modules * qr->modules; i++) {
		assert_int_equal(g.cell[i], qr->dark[i]);
		dark += qr->dark[i];
	}
	assert_true(n < dark); /* merging saved rectangles */
	/* The finder pattern's top row: 7 dark modules from the corner. */
	for (int x = 0; x < 7; x++)
		assert_int_equal(qr->dark[x], 1);
	assert_int_equal(qr->dark[7], 0);
	assert_true(pdf_qr_side(qr, 0.1) >= PDF_QR_MIN_SIDE - EPS);
	assert_true(fabs(pdf_qr_side(qr, 3) - 3 * (qr->modules + 8)) < EPS);
	pdf_qr_free(qr);
}

static void test_qr_target(void **state)
{
	folio_profile *p = profile();
	folio_profile *empty = folio_profile_new();
	folio_doc *with = article(1, "https://clinic.example/a/2");
	folio_doc *without = article(1, NULL);
	int fb;

	(void)state;
	assert_string_equal(pdf_qr_target(with, p, "url", &fb), "https://clinic.example/a/2");
	assert_int_equal(fb, 0);
	assert_string_equal(pdf_qr_target(without, p, "url", &fb), "https://clinic.example/");
	assert_int_equal(fb, 0);
	assert_string_equal(pdf_qr_target(with, p, "site", &fb), "https://clinic.example/");
	assert_null(pdf_qr_target(with, p, "none", &fb));
	assert_null(pdf_qr_target(without, empty, "url", &fb));
	assert_int_equal(fb, 0); /* nothing to encode is no surprise for the default */
	assert_null(pdf_qr_target(with, empty, "site", &fb));
	assert_int_equal(fb, 1); /* asked for the site, and there is none */
	folio_doc_free(with);
	folio_doc_free(without);
	folio_profile_free(p);
	folio_profile_free(empty);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_geometry),        cmocka_unit_test(test_layout_fits),
	    cmocka_unit_test(test_layout_too_long), cmocka_unit_test(test_layout_shrink),
	    cmocka_unit_test(test_qr_runs),         cmocka_unit_test(test_qr_rects),
	    cmocka_unit_test(test_qr_target),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
