/* Unit tests: Knuth–Plass line breaking (linebreak.c) and hyphenation
 * points from libhyphen (hyphen.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

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

/* Words to try on a dictionary: the letters of every pattern of the file
 * (whole words and word parts the patterns were made for), two of them
 * joined, and each capitalised. */
static char **pattern_words(const char *path, size_t *count)
{
	FILE *f = fopen(path, "rb");
	char line[256], **w = NULL;
	size_t n = 0, cap = 0, base;

	assert_non_null(f);
	assert_non_null(fgets(line, sizeof line, f)); /* the charset */
	while (fgets(line, sizeof line, f)) {
		char word[256];
		size_t k = 0;
		int letters = 1;

		for (size_t i = 0; line[i] && (unsigned char)line[i] > ' '; i++) {
			if (line[i] >= '0' && line[i] <= '9')
				continue;
			if (line[i] == '.')
				continue;
			if (line[i] == '\'' || line[i] == '-' || line[i] == '/' ||
			    (line[i] >= 'A' && line[i] <= 'Z'))
				letters = 0;
			word[k++] = line[i];
		}
		word[k] = '\0';
		if (!letters || k < 3 || line[0] == '%')
			continue;
		if (n + 3 > cap) {
			cap = cap ? cap * 2 : 1024;
			w = realloc(w, cap * sizeof *w);
			assert_non_null(w);
		}
		w[n++] = strdup(word);
	}
	fclose(f);
	base = n;
	for (size_t i = 0; i < base; i++) {
		char joined[256];

		if (n + 2 > cap) {
			cap *= 2;
			w = realloc(w, cap * sizeof *w);
			assert_non_null(w);
		}
		snprintf(joined, sizeof joined, "%s%s", w[i], w[(i * 7919 + 13) % base]);
		w[n++] = strdup(joined);
		snprintf(joined, sizeof joined, "%s", w[i]);
		if (joined[0] >= 'a' && joined[0] <= 'z')
			joined[0] = (char)(joined[0] - 32);
		w[n++] = strdup(joined);
	}
	*count = n;
	return w;
}

/* folio's own reader of the pattern files gives libhyphen's answer for
 * every word tried (tens of thousands per dictionary). */
static void check_same_as_libhyphen(const char *path)
{
	pdf_hyphenator *ours = pdf_hyphenator_load(path);
	pdf_hyphenator *ref = pdf_hyphenator_load_libhyphen(path);
	size_t count = 0, differ = 0, points = 0;
	char **words = pattern_words(path, &count);

	assert_non_null(ours);
	assert_non_null(ref);
	assert_true(pdf_hyphenator_is_native(ours));
	assert_false(pdf_hyphenator_is_native(ref));
	assert_true(count > 1000);
	for (size_t i = 0; i < count; i++) {
		unsigned char a[128], b[128];
		size_t len = strlen(words[i]);

		if (len < 128) {
			size_t na = pdf_hyphenate(ours, words[i], len, a);
			size_t nb = pdf_hyphenate(ref, words[i], len, b);

			points += na;
			if (na != nb || memcmp(a, b, len) != 0) {
				char m1[300], m2[300];

				if (differ++ < 5) {
					marked(ours, words[i], m1);
					marked(ref, words[i], m2);
					print_message("%s: folio %s, libhyphen %s\n", path, m1, m2);
				}
			}
		}
		free(words[i]);
	}
	free(words);
	assert_int_equal(differ, 0);
	assert_true(points > count / 2); /* the words did get hyphenated */
	pdf_hyphenator_free(ours);
	pdf_hyphenator_free(ref);
}

static void test_reader_matches_libhyphen_en(void **state)
{
	(void)state;
	check_same_as_libhyphen(EN_DICT);
}

static void test_reader_matches_libhyphen_fr(void **state)
{
	(void)state;
	check_same_as_libhyphen(FR_DICT);
}

static char *write_dict(const char *name, const char *text)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/folio-test-%d-%s", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
	         (int)getpid(), name);
	f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

/* Files with what the reader does not take go to libhyphen, and still
 * hyphenate; CRLF line ends and comments are read. */
static void test_reader_hands_over(void **state)
{
	static const struct {
		const char *text;
		int native;
	} cases[] = {
	    {"UTF-8\r\n% comment\r\n1ba\r\nLEFTHYPHENMIN 2\r\n", 1},
	    {"UTF-8\nLEFTHYPHENMIN 2\nNEXTLEVEL\n1ba\n", 1},
	    {"ISO8859-1\n1ba\n", 0},
	    {"UTF-8\n1ba\nNOHYPHEN abc\n", 0},
	    {"UTF-8\n1ba\nab1b/b=b,2,2\n", 0},
	    {"UTF-8\n1-1\nNEXTLEVEL\n1ba\n", 0},
	};

	(void)state;
	/* throwaway dictionaries: no cache entries for them */
	const char *cache = getenv("FOLIO_CACHE_DIR");
	char *saved = cache ? strdup(cache) : NULL;
	setenv("FOLIO_CACHE_DIR", "", 1);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *path = write_dict("hand.dic", cases[i].text);
		pdf_hyphenator *h = pdf_hyphenator_load(path);
		char buf[64];

		assert_non_null(h);
		assert_int_equal(pdf_hyphenator_is_native(h), cases[i].native);
		marked(h, "abababab", buf);
		assert_string_equal(buf, "aba=ba=bab");
		pdf_hyphenator_free(h);
		unlink(path);
	}
	/* a file of no patterns is refused by both */
	{
		char *path = write_dict("empty.dic", "");

		assert_null(pdf_hyphenator_load(path));
		unlink(path);
	}
	if (saved)
		setenv("FOLIO_CACHE_DIR", saved, 1);
	else
		unsetenv("FOLIO_CACHE_DIR");
	free(saved);
}

/* The hyphenation table's cache: written on the first load, mapped on the
 * next, ignored (and rewritten) when damaged or stale, never written when
 * caching is off; the breaks are the same every way. */
static void same_breaks(const pdf_hyphenator *a, const pdf_hyphenator *b)
{
	static const char *const words[] = {"intramuscular", "physiotherapy", "neurophysiology",
	                                    "rehabilitation", "coöperation", "Strengthening"};
	char x[256], y[256];

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		marked(a, words[i], x);
		marked(b, words[i], y);
		assert_string_equal(x, y);
	}
}

static size_t cache_files(const char *dir)
{
	char cmd[600];
	FILE *f;
	size_t n = 0;
	int c;

	snprintf(cmd, sizeof cmd, "ls -1 '%s' 2>/dev/null | grep -c '^hyph-.*\\.bin$'", dir);
	f = popen(cmd, "r");
	assert_non_null(f);
	if (fscanf(f, "%zu", &n) != 1)
		n = 0;
	while ((c = fgetc(f)) != EOF)
		;
	pclose(f);
	return n;
}

static void test_hyphenator_cache(void **state)
{
	char dir[] = "/tmp/folio-hyph-cache-XXXXXX", dict[300], cachedir[320], cmd[1200];
	const char *old = getenv("FOLIO_CACHE_DIR");
	char *saved = old ? strdup(old) : NULL;
	pdf_hyphenator *ref = pdf_hyphenator_load_libhyphen(EN_DICT), *h;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(dict, sizeof dict, "%s/hyph_en_XX.dic", dir);
	snprintf(cachedir, sizeof cachedir, "%s/cache", dir);
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", EN_DICT, dict);
	assert_int_equal(system(cmd), 0);
	setenv("FOLIO_CACHE_DIR", cachedir, 1);

	h = pdf_hyphenator_load(dict); /* parsed, and the cache written */
	assert_non_null(h);
	assert_false(pdf_hyphenator_is_cached(h));
	same_breaks(h, ref);
	pdf_hyphenator_free(h);
	assert_int_equal(cache_files(cachedir), 1);
	h = pdf_hyphenator_load(dict); /* mapped */
	assert_true(pdf_hyphenator_is_cached(h));
	same_breaks(h, ref);
	pdf_hyphenator_free(h);

	/* a damaged byte: ignored, parsed again, rewritten */
	snprintf(cmd, sizeof cmd, "ls '%s'/hyph-*.bin", cachedir);
	f = popen(cmd, "r");
	assert_non_null(f);
	{
		char path[600];
		FILE *c;
		int byte;

		assert_non_null(fgets(path, sizeof path, f));
		path[strcspn(path, "\n")] = '\0';
		c = fopen(path, "r+b");
		assert_non_null(c);
		assert_int_equal(fseek(c, 200000, SEEK_SET), 0);
		byte = fgetc(c);
		assert_int_not_equal(byte, EOF);
		assert_int_equal(fseek(c, 200000, SEEK_SET), 0);
		fputc(byte ^ 0xFF, c);
		fclose(c);
	}
	pclose(f);
	h = pdf_hyphenator_load(dict);
	assert_false(pdf_hyphenator_is_cached(h));
	same_breaks(h, ref);
	pdf_hyphenator_free(h);
	h = pdf_hyphenator_load(dict);
	assert_true(pdf_hyphenator_is_cached(h));
	pdf_hyphenator_free(h);

	/* cut short: ignored */
	snprintf(cmd, sizeof cmd, "f=$(ls '%s'/hyph-*.bin) && truncate -s 5000 \"$f\"", cachedir);
	assert_int_equal(system(cmd), 0);
	h = pdf_hyphenator_load(dict);
	assert_false(pdf_hyphenator_is_cached(h));
	same_breaks(h, ref);
	pdf_hyphenator_free(h);

	/* the dictionary changed: the old entry is stale */
	f = fopen(dict, "ab");
	assert_non_null(f);
	fputs("% a new comment\n", f);
	fclose(f);
	h = pdf_hyphenator_load(dict);
	assert_false(pdf_hyphenator_is_cached(h));
	same_breaks(h, ref);
	pdf_hyphenator_free(h);
	h = pdf_hyphenator_load(dict);
	assert_true(pdf_hyphenator_is_cached(h));
	pdf_hyphenator_free(h);

	/* caching off: nothing written, nothing read */
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", cachedir);
	assert_int_equal(system(cmd), 0);
	setenv("FOLIO_CACHE_DIR", "", 1);
	for (int i = 0; i < 2; i++) {
		h = pdf_hyphenator_load(dict);
		assert_false(pdf_hyphenator_is_cached(h));
		same_breaks(h, ref);
		pdf_hyphenator_free(h);
	}
	assert_int_equal(cache_files(cachedir), 0);

	if (saved)
		setenv("FOLIO_CACHE_DIR", saved, 1);
	else
		unsetenv("FOLIO_CACHE_DIR");
	free(saved);
	pdf_hyphenator_free(ref);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hyphenate_english),
	    cmocka_unit_test(test_hyphenate_utf8),
	    cmocka_unit_test(test_hyphenator_missing_dict),
	    cmocka_unit_test(test_reader_matches_libhyphen_en),
	    cmocka_unit_test(test_reader_matches_libhyphen_fr),
	    cmocka_unit_test(test_reader_hands_over),
	    cmocka_unit_test(test_hyphenator_cache),
	    cmocka_unit_test(test_total_fit_beats_greedy),
	    cmocka_unit_test(test_overfull_box_falls_back),
	    cmocka_unit_test(test_justified_ratios),
	    cmocka_unit_test(test_long_paragraph),
	};

	return cmocka_run_group_tests_name("pdf_linebreak", tests, NULL, NULL);
}
