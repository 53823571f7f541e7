/* Unit tests: bilingual leaflets (bilingual.c) on the layout level, with fake
 * font metrics, the real hyphenation dictionaries and the bilingual fixture
 * pair (tests/fixtures/bilingual/, written for this project). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bilingual.h"
#include "folio/import.h"

#define EN_DICT "/usr/share/hyphen/hyph_en_US.dic"
#define FR_DICT "/usr/share/hyphen/hyph_fr.dic"

/* ---- fixtures ------------------------------------------------------------------ */

typedef struct fx {
	pdf_hyphenator *en, *fr;
	folio_doc *doc[2]; /* English, French */
	char *source[2];   /* the files' bytes */
	int picked_fr;     /* how often the picker handed out the French dictionary */
} fx;

static char *fixture_path(const char *name)
{
	const char *dir = getenv("FOLIO_SOURCE_DIR");
	char *p = malloc(4096);

	assert_non_null(dir);
	assert_non_null(p);
	snprintf(p, 4096, "%s/tests/fixtures/bilingual/%s", dir, name);
	return p;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = calloc(1, 1 << 16);
	size_t n;

	assert_non_null(f);
	assert_non_null(buf);
	n = fread(buf, 1, (1 << 16) - 1, f);
	assert_true(n > 0);
	fclose(f);
	return buf;
}

static int setup(void **state)
{
	static const char *const names[2] = {"ankle-en.md", "ankle-fr.md"};
	fx *f = calloc(1, sizeof *f);
	folio_error err;

	assert_non_null(f);
	f->en = pdf_hyphenator_load(EN_DICT);
	f->fr = pdf_hyphenator_load(FR_DICT);
	assert_non_null(f->en);
	assert_non_null(f->fr);
	for (int i = 0; i < 2; i++) {
		char *path = fixture_path(names[i]);

		folio_error_clear(&err);
		f->doc[i] = folio_import_file(path, NULL, &err);
		assert_non_null(f->doc[i]);
		f->source[i] = slurp(path);
		free(path);
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;

	for (int i = 0; i < 2; i++) {
		folio_doc_free(f->doc[i]);
		free(f->source[i]);
	}
	pdf_hyphenator_free(f->en);
	pdf_hyphenator_free(f->fr);
	free(f);
	return 0;
}

/* The picker pdf.c would be: by the document's language. */
static const pdf_hyphenator *pick(void *ctx, const folio_doc *doc)
{
	fx *f = ctx;
	const char *lang = folio_doc_get(doc, FOLIO_META_LANG);

	if (lang && strncmp(lang, "fr", 2) == 0) {
		f->picked_fr++;
		return f->fr;
	}
	return f->en;
}

static double fake_width(void *ctx, pdf_face face, const char *s, size_t len)
{
	double w = 0;

	(void)ctx;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c & 0xC0) == 0x80)
			continue;
		w += c == ' '                   ? 250
		     : strchr("ijlt.,;:'!|", c) ? 280
		     : strchr("mwMW", c)        ? 820
		                                : 520;
	}
	return face == PDF_FACE_BOLD || face == PDF_FACE_HEADING ? w * 1.08 : w;
}

static pdf_metrics metrics(void)
{
	pdf_metrics m;

	memset(&m, 0, sizeof m);
	m.width = fake_width;
	for (int f = 0; f < PDF_FACE_COUNT; f++) {
		m.ascent[f] = 780;
		m.descent[f] = -220;
	}
	return m;
}

static pdf_style style(void)
{
	pdf_style s;
	static const double hs[6] = {18, 16, 14, 13, 12, 12};

	memset(&s, 0, sizeof s);
	s.page_width = 612;
	s.page_height = 792;
	s.margin_top = s.margin_left = s.margin_right = 54;
	s.margin_bottom = 32;
	s.body_size = 12;
	s.leading = 1.38;
	memcpy(s.heading_size, hs, sizeof hs);
	s.title_size = 24;
	s.small_size = 10;
	s.footer_height = 40;
	s.hyphenate = 1;
	s.accent_rgb = 0x1F5F8B;
	return s;
}

/* Lays the pair out; bi and out are the caller's to free. */
static void lay(fx *f, pdf_bilingual_mode mode, const pdf_style *s, pdf_bilingual *bi,
                pdf_layout *out)
{
	pdf_metrics m = metrics();
	folio_error err;

	memset(bi, 0, sizeof *bi);
	bi->mode = mode;
	bi->doc[0] = f->doc[0];
	bi->doc[1] = f->doc[1];
	folio_error_clear(&err);
	assert_int_equal(pdf_bilingual_layout(bi, s, &m, pick, f, out, &err), FOLIO_OK);
}

/* ---- tests -------------------------------------------------------------------------- */

static void test_mode_names(void **state)
{
	(void)state;
	assert_int_equal(pdf_bilingual_mode_of("columns"), PDF_BILINGUAL_COLUMNS);
	assert_int_equal(pdf_bilingual_mode_of("flip"), PDF_BILINGUAL_FLIP);
	assert_int_equal(pdf_bilingual_mode_of("none"), PDF_BILINGUAL_NONE);
	assert_int_equal(pdf_bilingual_mode_of(NULL), PDF_BILINGUAL_NONE);
	assert_int_equal(pdf_bilingual_mode_of("Columns"), PDF_BILINGUAL_NONE);
	assert_string_equal(pdf_bilingual_choices[0], "none");
}

/* Columns: English left of the middle, French right of it, on max(pages)
 * pages; one gutter hairline per page; two top-level bookmarks. */
static void test_columns(void **state)
{
	fx *f = *state;
	pdf_style s = style();
	double mid = s.page_width / 2;
	pdf_bilingual bi;
	pdf_layout out;
	int titles = 0, rules_mid = 0, seen_fr_title = 0;

	lay(f, PDF_BILINGUAL_COLUMNS, &s, &bi, &out);
	assert_true(bi.half[0].pages >= 1 && bi.half[1].pages >= 1);
	assert_int_equal(out.pages,
	                 bi.half[0].pages > bi.half[1].pages ? bi.half[0].pages : bi.half[1].pages);
	assert_int_equal(out.count, bi.half[0].count + bi.half[1].count + 2 + (size_t)out.pages);
	for (size_t i = 0; i < out.count; i++) {
		const pdf_op *op = &out.ops[i];
		int french = i > bi.half[0].count; /* after A's title anchor and ops */

		assert_true(op->page >= 0 && op->page < out.pages);
		if (op->kind == PDF_OP_TEXT && french)
			assert_true(op->x > mid);
		else if (op->kind == PDF_OP_TEXT)
			assert_true(op->x + fake_width(NULL, op->face, op->text, op->len) *
			                        op->size / 1000 <
			            mid + 0.01);
		if (op->kind == PDF_OP_RULE && op->h > 300 && op->x < mid && op->x + op->w > mid)
			rules_mid++;
		if (op->kind == PDF_OP_ANCHOR && op->level == 1) {
			titles++;
			if (strcmp(op->text, folio_doc_get(f->doc[1], FOLIO_META_TITLE)) == 0)
				seen_fr_title = 1;
			else
				assert_string_equal(op->text,
				                    folio_doc_get(f->doc[0], FOLIO_META_TITLE));
		} else if (op->kind == PDF_OP_ANCHOR) {
			assert_true(op->level >= 2);
		}
	}
	assert_int_equal(titles, 2);
	assert_true(seen_fr_title);
	assert_int_equal(rules_mid, out.pages);
	assert_int_equal(pdf_bilingual_second_front(&bi), -1);
	/* Every printed page shows the article's page, then the translation's. */
	for (int p = 0; p < out.pages; p++) {
		int hp, side = pdf_bilingual_side(&bi, p, &hp);
		char label[64];

		assert_int_equal(hp, p);
		assert_int_equal(side, p < bi.half[0].pages ? 0 : 1);
		assert_true(pdf_bilingual_page_label(&bi, p, label, sizeof label));
		snprintf(label + 32, 32, "Page %d of %d", p + 1, out.pages);
		assert_string_equal(label, label + 32);
	}
	pdf_layout_free(&out);
	pdf_bilingual_free(&bi);
}

/* Flip: the article's pages, a blank to make them even, then the
 * translation's pages backwards, so the last printed page is its page 1. */
static void test_flip(void **state)
{
	fx *f = *state;
	pdf_style s = style();
	pdf_bilingual bi;
	pdf_layout out;
	int a, b, hp;
	char label[64];

	s.margin_right = 300; /* a narrow page: several pages per language */
	lay(f, PDF_BILINGUAL_FLIP, &s, &bi, &out);
	a = bi.half[0].pages;
	b = bi.half[1].pages;
	assert_true(a >= 2 && b >= 2);
	assert_int_equal(out.pages, a + a % 2 + b + b % 2);
	assert_int_equal(out.pages % 2, 0);
	for (int p = 0; p < a; p++) {
		assert_int_equal(pdf_bilingual_side(&bi, p, &hp), 0);
		assert_int_equal(hp, p);
	}
	assert_int_equal(pdf_bilingual_side(&bi, out.pages - 1, &hp), 1);
	assert_int_equal(hp, 0);
	assert_int_equal(pdf_bilingual_second_front(&bi), out.pages - 1);
	assert_true(pdf_bilingual_page_label(&bi, out.pages - 1, label, sizeof label));
	snprintf(label + 32, 32, "Page 1 sur %d", b);
	assert_string_equal(label, label + 32);
	assert_true(pdf_bilingual_page_label(&bi, a - 1, label, sizeof label));
	snprintf(label + 32, 32, "Page %d of %d", a, a);
	assert_string_equal(label, label + 32);
	if (a % 2) /* the padding page has no footer */
		assert_false(pdf_bilingual_page_label(&bi, a, label, sizeof label));
	/* The translation's ops moved to their printed pages. */
	for (size_t i = 0; i < bi.half[1].count; i++) {
		const pdf_op *op = &out.ops[bi.half[0].count + 2 + i];

		assert_int_equal(op->page, out.pages - 1 - bi.half[1].ops[i].page);
	}
	pdf_layout_free(&out);
	pdf_bilingual_free(&bi);
}

/* ---- hyphenation per half ------------------------------------------------------------ */

/* 1 for a byte that starts a letter: ASCII letters and 2-byte Latin letters. */
static size_t letter_len(const char *s)
{
	unsigned char c = (unsigned char)s[0];

	if (isalpha(c))
		return 1;
	if ((c == 0xC3 || c == 0xC5) && ((unsigned char)s[1] & 0xC0) == 0x80)
		return 2;
	return 0;
}

/* The letters that end text (before its final '-'): start offset, or -1. */
static long last_word(const char *text, size_t len)
{
	long start = -1;

	for (size_t i = 0; i < len;) {
		size_t n = letter_len(text + i);

		if (n == 0) {
			start = -1;
			i++;
			continue;
		}
		if (start < 0)
			start = (long)i;
		i += n;
	}
	return start;
}

static size_t leading_letters(const char *s)
{
	size_t i = 0, n;

	while ((n = letter_len(s + i)) > 0)
		i += n;
	return i;
}

/* Lowercase for the dictionaries: ASCII, and Latin-1 capitals (C3 80-9E). */
static void lower(char *s)
{
	for (; *s; s++) {
		if ((unsigned char)s[0] == 0xC3 && (unsigned char)s[1] >= 0x80 &&
		    (unsigned char)s[1] <= 0x9E) {
			s[1] = (char)((unsigned char)s[1] + 0x20);
			s++;
		} else {
			*s = (char)tolower((unsigned char)*s);
		}
	}
}

/* 1 when dictionary h allows a break after the first cut bytes of word. */
static int allows(const pdf_hyphenator *h, const char *word, size_t cut)
{
	unsigned char pts[256] = {0};
	size_t len = strlen(word);

	assert_true(len < sizeof pts);
	pdf_hyphenate(h, word, len, pts);
	return cut > 0 && pts[cut - 1];
}

/* Walks the line ends one half broke with a hyphen: every break must be one
 * its own language's dictionary allows; returns how many of them the other
 * dictionary would NOT have made (proof of which dictionary was used). */
static int check_breaks(const pdf_layout *l, const char *source, const pdf_hyphenator *own,
                        const pdf_hyphenator *other, int *total)
{
	int only_own = 0;

	*total = 0;
	for (size_t i = 0; i < l->count; i++) {
		const pdf_op *op = &l->ops[i];
		const pdf_op *next = NULL;
		char joined[256], hard[256];
		long ws;
		size_t frag, cont;

		if (op->kind != PDF_OP_TEXT || op->len < 3 || op->text[op->len - 1] != '-')
			continue;
		for (size_t k = i + 1; k < l->count && !next; k++)
			if (l->ops[k].kind == PDF_OP_TEXT)
				next = &l->ops[k];
		ws = last_word(op->text, op->len - 1);
		if (!next || ws < 0 || (size_t)ws + 1 >= op->len - 1)
			continue;
		frag = op->len - 1 - (size_t)ws;
		if (frag != leading_letters(op->text + ws))
			continue; /* the '-' does not follow a letter */
		cont = leading_letters(next->text);
		if (cont == 0 || frag + cont >= sizeof joined)
			continue;
		snprintf(hard, sizeof hard, "%.*s-%.*s", (int)frag, op->text + ws, (int)cont,
		         next->text);
		if (strstr(source, hard))
			continue; /* a hyphen the author wrote ("au-delà") */
		snprintf(joined, sizeof joined, "%.*s%.*s", (int)frag, op->text + ws, (int)cont,
		         next->text);
		lower(joined);
		(*total)++;
		if (!allows(own, joined, frag))
			fail_msg("'%s' broken after %zu bytes: not a break its dictionary makes",
			         joined, frag);
		only_own += !allows(other, joined, frag);
	}
	return only_own;
}

/* Narrow columns force many breaks: each half's breaks come from its own
 * language, and some French ones are breaks English would never make. */
static void test_hyphenation_per_language(void **state)
{
	fx *f = *state;
	pdf_style s = style();
	pdf_bilingual bi;
	pdf_layout out;
	int n_en, n_fr, fr_only, en_only;

	s.margin_left = s.margin_right = 140; /* two ~150 pt columns */
	f->picked_fr = 0;
	lay(f, PDF_BILINGUAL_COLUMNS, &s, &bi, &out);
	assert_int_equal(f->picked_fr, 1);
	fr_only = check_breaks(&bi.half[1], f->source[1], f->fr, f->en, &n_fr);
	en_only = check_breaks(&bi.half[0], f->source[0], f->en, f->fr, &n_en);
	print_message("breaks: French %d (%d not English), English %d (%d not French)\n", n_fr,
	              fr_only, n_en, en_only);
	assert_true(n_fr >= 5);
	assert_true(n_en >= 5);
	assert_true(fr_only >= 1);
	pdf_layout_free(&out);
	pdf_bilingual_free(&bi);
}

/* The translation is read relative to the article; a missing one is an
 * error naming the file. */
static void test_load(void **state)
{
	fx *f = *state;
	static const char orphan[] =
	    "---\ntitle: Alone\ntranslation: nowhere-fr.md\n---\n\nText.\n";
	folio_doc *t, *lonely;
	folio_error err;

	folio_error_clear(&err);
	assert_int_equal(pdf_bilingual_load(f->doc[0], &t, &err), FOLIO_OK);
	assert_non_null(t);
	assert_string_equal(folio_doc_get(t, FOLIO_META_LANG), "fr");
	folio_doc_free(t);

	lonely = folio_import_memory(orphan, strlen(orphan), "/tmp/folio-nowhere/a.md", NULL, &err);
	assert_non_null(lonely);
	folio_error_clear(&err);
	assert_int_equal(pdf_bilingual_load(lonely, &t, &err), FOLIO_ERR_IO);
	assert_null(t);
	assert_string_equal(err.file, "/tmp/folio-nowhere/nowhere-fr.md");
	assert_non_null(strstr(err.message, "translation of /tmp/folio-nowhere/a.md"));
	folio_doc_free(lonely);

	lonely = folio_import_memory("# Alone\n", 8, "a.md", NULL, &err);
	assert_non_null(lonely);
	folio_error_clear(&err);
	assert_int_equal(pdf_bilingual_load(lonely, &t, &err), FOLIO_ERR_USAGE);
	assert_null(t);
	assert_non_null(strstr(err.message, "translation:"));
	folio_doc_free(lonely);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mode_names), cmocka_unit_test(test_columns),
	    cmocka_unit_test(test_flip),       cmocka_unit_test(test_hyphenation_per_language),
	    cmocka_unit_test(test_load),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
