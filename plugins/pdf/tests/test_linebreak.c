/* Unit tests: Knuth–Plass line breaking (linebreak.c) and hyphenation
 * points from libhyphen (hyphen.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "linebreak.h"
#include "pdf_layout.h"

#define EN_DICT "/usr/share/hyphen/hyph_en_US.dic"
#define FR_DICT "/usr/share/hyphen/hyph_fr.dic"

/* ---- hyphenation ---------------------------------------------------------- */

/* The word with '=' at each allowed break, e.g. "in=tra=mus=cu=lar". */
static void marked(const pdf_hyphenator *h, const char *w, char *out)
{
	unsigned char pts[128];
	size_t n = strlen(w), k = 0;

	pdf_hyphenate(h, w, n, pts);
	for (size_t i = 0; i < n; i++) {
		out[k++] = w[i];
		if (pts[i])
			out[k++] = '=';
	}
	out[k] = '\0';
}

static void test_hyphenate_english(void **state)
{
	char buf[256];
	pdf_hyphenator *h = pdf_hyphenator_load(EN_DICT);

	(void)state;
	assert_non_null(h);
	marked(h, "intramuscular", buf);
	assert_string_equal(buf, "in=tra=mus=cu=lar");
	marked(h, "physiotherapy", buf);
	assert_string_equal(buf, "phys=io=ther=apy");
	/* Capitalised words are lowercased before the patterns are applied. */
	marked(h, "Intramuscular", buf);
	assert_string_equal(buf, "In=tra=mus=cu=lar");
	/* Never fewer than 2 characters before or 3 after a break. */
	marked(h, "neurophysiology", buf);
	assert_string_equal(buf, "neu=ro=phys=i=ol=ogy");
	marked(h, "area", buf);
	assert_string_equal(buf, "area");
	pdf_hyphenator_free(h);
}

/* libhyphen indexes by code point: breaks must land on UTF-8 boundaries and
 * at the same letters as the ASCII spelling. */
static void test_hyphenate_utf8(void **state)
{
	char buf[256];
	unsigned char pts[64];
	pdf_hyphenator *en = pdf_hyphenator_load(EN_DICT);
	pdf_hyphenator *fr = pdf_hyphenator_load(FR_DICT);
	const char *w = "kinésithérapeute";
	size_t n = strlen(w), count;

	(void)state;
	assert_non_null(en);
	assert_non_null(fr);
	marked(en, "coöperation", buf);
	assert_string_equal(buf, "coöper=a=tion");
	count = pdf_hyphenate(fr, w, n, pts);
	assert_true(count >= 3);
	for (size_t i = 0; i + 1 < n; i++)
		if (pts[i])
			assert_int_not_equal((unsigned char)w[i + 1] & 0xC0, 0x80);
	marked(fr, "kinésithérapeute", buf);
	assert_string_equal(buf, "ki=né=si=thé=ra=peute");
	pdf_hyphenator_free(en);
	pdf_hyphenator_free(fr);
}

static void test_hyphenator_missing_dict(void **state)
{
	unsigned char pts[16];

	(void)state;
	assert_null(pdf_hyphenator_load("/nonexistent/hyph_xx.dic"));
	assert_int_equal(pdf_hyphenate(NULL, "intramuscular", 13, pts), 0);
	pdf_hyphenator_free(NULL);
}


/* Every installed dictionary is found from the article's language tag, with
 * or without a region, and loaded once: the same dictionary comes back. */
static void test_dictionary_per_language(void **state)
{
	static const struct {
		const char *tag, *file, *word, *marked;
	} cases[] = {
	    {NULL, "hyph_en", "intramuscular", "in=tra=mus=cu=lar"},
	    {"en-CA", "hyph_en", "intramuscular", "in=tra=mus=cu=lar"},
	    {"fr", "hyph_fr", "kinésithérapeute", "ki=né=si=thé=ra=peute"},
	    {"es", "hyph_es_ES", "medicamento", NULL},
	    {"es-MX", "hyph_es_MX", "medicamento", NULL},
	    {"de", "hyph_de", "Krankenhaus", NULL},
	    {"pt-BR", "hyph_pt_BR", "medicamento", NULL},
	    {"pt-PT", "hyph_pt_PT", "medicamento", NULL},
	    {"pt", "hyph_pt", "medicamento", NULL},
	    {"ru", "hyph_ru_RU", "Больница", NULL},
	    {"pl", "hyph_pl_PL", "Szpitalnego", NULL},
	    {"it", "hyph_it", "ospedaliero", NULL},
	    {"hi", "hyph_hi_IN", NULL, NULL},
	    {"pa", "hyph_pa_IN", NULL, NULL},
	};
	char buf[256], path[64];

	(void)state;
	pdf_hyphenators_acquire();
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const pdf_hyphenator *h = pdf_hyphenator_for_lang(cases[i].tag);
		unsigned char pts[128];

		assert_true(pdf_hyphen_dict_path(cases[i].tag, path, sizeof path));
		assert_non_null(strstr(path, cases[i].file));
		assert_non_null(h);
		assert_ptr_equal(h, pdf_hyphenator_for_lang(cases[i].tag));
		if (cases[i].word)
			assert_true(pdf_hyphenate(h, cases[i].word, strlen(cases[i].word), pts) >= 1);
		if (cases[i].marked) {
			marked(h, cases[i].word, buf);
			assert_string_equal(buf, cases[i].marked);
		}
	}
	/* "en" and "en-US" name the same file: one dictionary. */
	assert_ptr_equal(pdf_hyphenator_for_lang("en"), pdf_hyphenator_for_lang("en-US"));
	/* No dictionary (or no such thing as hyphenation): none, not English. */
	assert_null(pdf_hyphenator_for_lang("zh-Hans"));
	assert_null(pdf_hyphenator_for_lang("ja"));
	assert_null(pdf_hyphenator_for_lang("x"));
	assert_null(pdf_hyphenator_for_lang("../../etc/passwd"));
	assert_false(pdf_hyphen_dict_path("vi", path, sizeof path));
	pdf_hyphenators_release();
}

static void *lookup_fr(void *arg)
{
	*(const pdf_hyphenator **)arg = pdf_hyphenator_for_lang("fr-CA");
	return NULL;
}

/* Threads asking at once share one load. */
static void test_dictionary_shared_by_threads(void **state)
{
	pthread_t t[4];
	const pdf_hyphenator *got[4];

	(void)state;
	pdf_hyphenators_acquire();
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, lookup_fr, &got[i]), 0);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	assert_non_null(got[0]);
	for (int i = 1; i < 4; i++)
		assert_ptr_equal(got[i], got[0]);
	pdf_hyphenators_release();
}

/* ---- line breaking --------------------------------------------------------- */

#define MAXI 4096

typedef struct para {
	pdf_lb_item it[MAXI];
	size_t n;
} para;

static void add(para *p, pdf_lb_kind k, double w, double y, double z, double pen)
{
	assert_true(p->n < MAXI);
	p->it[p->n++] = (pdf_lb_item){k, w, y, z, pen, 0};
}

/* Ragged-right items for words of the given widths (space 3, R = 18). */
static void ragged(para *p, const double *words, size_t nw)
{
	p->n = 0;
	for (size_t i = 0; i < nw; i++) {
		if (i > 0) {
			add(p, PDF_LB_GLUE, 0, 18, 0, 0);
			add(p, PDF_LB_PENALTY, 0, 0, 0, 0);
			add(p, PDF_LB_GLUE, 3, -18, 0, 0);
		}
		add(p, PDF_LB_BOX, words[i], 0, 0, 0);
	}
	add(p, PDF_LB_PENALTY, 0, 0, 0, PDF_LB_INF_PENALTY);
	add(p, PDF_LB_GLUE, 0, 1e6, 0, 0);
	add(p, PDF_LB_PENALTY, 0, 0, 0, PDF_LB_FORCE_PENALTY);
}

/* Widths of the lines (natural) into w; returns the count. */
static size_t line_widths(const para *p, const size_t *br, size_t nb, double *w)
{
	size_t start = (size_t)-1;

	for (size_t k = 0; k < nb; k++) {
		double y, z;
		size_t s = pdf_lb_line_start(p->it, p->n, start);

		pdf_lb_measure(p->it, s, br[k], &w[k], &y, &z);
		start = br[k];
	}
	return nb;
}

static double squared_slack(const para *p, const size_t *br, size_t nb, double lw)
{
	double w[MAXI], sum = 0;

	line_widths(p, br, nb, w);
	for (size_t k = 0; k + 1 < nb; k++) /* the last line may be short */
		sum += (lw - w[k]) * (lw - w[k]);
	return sum;
}

/* Deterministic word widths between 8 and 60 points. */
static void word_widths(double *w, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		w[i] = 8 + (double)((seed >> 16) % 53);
	}
}

static void test_total_fit_beats_greedy(void **state)
{
	static para p;
	double words[200], lw = 250, w[MAXI];
	size_t *kp, *gr, nk, ng;
	pdf_lb_params prm = pdf_lb_defaults(lw);
	int better = 0;
	double sum_kp = 0, sum_gr = 0;

	(void)state;
	for (unsigned seed = 1; seed <= 20; seed++) {
		word_widths(words, 200, seed);
		ragged(&p, words, 200);
		nk = pdf_lb_total_fit(p.it, p.n, &prm, &kp);
		ng = pdf_lb_greedy(p.it, p.n, &prm, &gr);
		assert_true(nk > 10);
		assert_true(ng > 10);
		assert_int_equal(kp[nk - 1], p.n - 1);
		assert_int_equal(gr[ng - 1], p.n - 1);
		line_widths(&p, kp, nk, w);
		for (size_t k = 0; k < nk; k++)
			assert_true(w[k] <= lw + 1e-9);
		line_widths(&p, gr, ng, w);
		for (size_t k = 0; k < ng; k++)
			assert_true(w[k] <= lw + 1e-9);
		sum_kp += squared_slack(&p, kp, nk, lw);
		sum_gr += squared_slack(&p, gr, ng, lw);
		better += squared_slack(&p, kp, nk, lw) < squared_slack(&p, gr, ng, lw);
		free(kp);
		free(gr);
	}
	/* Total fit leaves a more even edge (less squared slack) on nearly
	 * every paragraph, and clearly so overall. */
	assert_true(better >= 17);
	assert_true(sum_kp < 0.95 * sum_gr);
}

/* A box wider than the line cannot fit: both algorithms still break, one
 * box per overfull line, and return every item. */
static void test_overfull_box_falls_back(void **state)
{
	static para p;
	double words[5] = {20, 400, 20, 30, 10};
	size_t *br, nb;
	pdf_lb_params prm = pdf_lb_defaults(100);

	(void)state;
	ragged(&p, words, 5);
	nb = pdf_lb_total_fit(p.it, p.n, &prm, &br);
	assert_true(nb >= 2);
	assert_int_equal(br[nb - 1], p.n - 1);
	free(br);
}

/* Justified: every line but the last can be set exactly to the width with
 * its glue's stretch or shrink within bounds. */
static void test_justified_ratios(void **state)
{
	static para p;
	double words[150], lw = 300;
	size_t *br, nb, start = (size_t)-1;
	pdf_lb_params prm = pdf_lb_defaults(lw);

	(void)state;
	word_widths(words, 150, 7);
	p.n = 0;
	for (size_t i = 0; i < 150; i++) {
		if (i > 0)
			add(&p, PDF_LB_GLUE, 4, 2, 1.3, 0);
		add(&p, PDF_LB_BOX, words[i], 0, 0, 0);
	}
	add(&p, PDF_LB_PENALTY, 0, 0, 0, PDF_LB_INF_PENALTY);
	add(&p, PDF_LB_GLUE, 0, 1e6, 0, 0);
	add(&p, PDF_LB_PENALTY, 0, 0, 0, PDF_LB_FORCE_PENALTY);
	nb = pdf_lb_total_fit(p.it, p.n, &prm, &br);
	for (size_t k = 0; k + 1 < nb; k++) {
		double w, y, z;
		size_t s = pdf_lb_line_start(p.it, p.n, start);

		pdf_lb_measure(p.it, s, br[k], &w, &y, &z);
		assert_true(w - z <= lw + 1e-9); /* can shrink enough */
		assert_true(w < lw ? y > 0 : 1);
		start = br[k];
	}
	free(br);
}

/* A long paragraph completes with a bounded active list. */
static void test_long_paragraph(void **state)
{
	size_t nw = 60000, n = 0, *br, nb;
	pdf_lb_item *it = malloc((nw * 4 + 3) * sizeof *it);
	double *words = malloc(nw * sizeof *words);
	pdf_lb_params prm = pdf_lb_defaults(400);

	(void)state;
	assert_non_null(it);
	assert_non_null(words);
	word_widths(words, nw, 3);
	for (size_t i = 0; i < nw; i++) {
		if (i > 0) {
			it[n++] = (pdf_lb_item){PDF_LB_GLUE, 0, 18, 0, 0, 0};
			it[n++] = (pdf_lb_item){PDF_LB_PENALTY, 0, 0, 0, 0, 0};
			it[n++] = (pdf_lb_item){PDF_LB_GLUE, 3, -18, 0, 0, 0};
		}
		it[n++] = (pdf_lb_item){PDF_LB_BOX, words[i], 0, 0, 0, 0};
	}
	it[n++] = (pdf_lb_item){PDF_LB_PENALTY, 0, 0, 0, PDF_LB_INF_PENALTY, 0};
	it[n++] = (pdf_lb_item){PDF_LB_GLUE, 0, 1e6, 0, 0, 0};
	it[n++] = (pdf_lb_item){PDF_LB_PENALTY, 0, 0, 0, PDF_LB_FORCE_PENALTY, 0};
	nb = pdf_lb_total_fit(it, n, &prm, &br);
	assert_true(nb > 1000);
	assert_int_equal(br[nb - 1], n - 1);
	free(br);
	free(it);
	free(words);
}

static double fixed_width(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	(void)s;
	return 5.0 * (double)n;
}

/* Plain text (the tri-fold's cover, back panel and captions) goes through
 * the same total-fit breaker: every word kept, in order, no line too wide,
 * and an even rag: the slack (squared) no worse than first-fit's. */
static void test_wrap_words(void **state)
{
	const char *text = "  Call the clinic if the pain gets worse or a fever rises above "
	                   "thirty-eight degrees, or if you cannot keep fluids down for a day.  ";
	const double width = 120;
	pdf_lb_span *ln = NULL;
	size_t n = pdf_lb_wrap_words(text, strlen(text), width, 5, 15, fixed_width, NULL, &ln);
	char joined[256] = "";
	size_t used = 0;
	double ours = 0, greedy = 0, line = 0;

	(void)state;
	assert_true(n >= 5);
	for (size_t i = 0; i < n; i++) {
		assert_true(fixed_width(NULL, text + ln[i].start, ln[i].len) <= width);
		assert_int_not_equal(text[ln[i].start], ' ');
		assert_int_not_equal(text[ln[i].start + ln[i].len - 1], ' ');
		used += (size_t)snprintf(joined + used, sizeof joined - used, "%s%.*s", i ? " " : "",
		                         (int)ln[i].len, text + ln[i].start);
		if (i + 1 < n)
			ours += (width - 5.0 * (double)ln[i].len) * (width - 5.0 * (double)ln[i].len);
	}
	assert_string_equal(joined, "Call the clinic if the pain gets worse or a fever rises above "
	                            "thirty-eight degrees, or if you cannot keep fluids down for a day.");
	/* First fit on the same words. */
	for (const char *w = joined; *w;) {
		size_t k = strcspn(w, " ");
		double add = (line > 0 ? 5 : 0) + 5.0 * (double)k;

		if (line > 0 && line + add > width) {
			greedy += (width - line) * (width - line);
			line = 5.0 * (double)k;
		} else {
			line += add;
		}
		w += k;
		w += *w == ' ';
	}
	assert_true(ours <= greedy);
	free(ln);
	/* No words: no lines. */
	assert_int_equal(pdf_lb_wrap_words("   ", 3, width, 5, 15, fixed_width, NULL, &ln), 0);
	assert_null(ln);
	/* A word wider than the line gets a line of its own. */
	n = pdf_lb_wrap_words("a supercalifragilistic b", 24, 50, 5, 15, fixed_width, NULL, &ln);
	assert_int_equal(n, 3);
	assert_int_equal(ln[1].len, 20);
	free(ln);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hyphenate_english),
	    cmocka_unit_test(test_hyphenate_utf8),
	    cmocka_unit_test(test_hyphenator_missing_dict),
	    cmocka_unit_test(test_dictionary_per_language),
	    cmocka_unit_test(test_dictionary_shared_by_threads),
	    cmocka_unit_test(test_total_fit_beats_greedy),
	    cmocka_unit_test(test_overfull_box_falls_back),
	    cmocka_unit_test(test_justified_ratios),
	    cmocka_unit_test(test_long_paragraph),
	    cmocka_unit_test(test_wrap_words),
	};

	return cmocka_run_group_tests_name("pdf_linebreak", tests, NULL, NULL);
}
