/* The pdf backend's font parts, without the layout: character folding,
 * HarfBuzz-shaped widths (kerning), and the document fonts built through
 * libharu's object model: glyph runs in the content stream, /ActualText where
 * the ToUnicode map cannot say what a glyph stands for, the hb-subset font
 * file, /W and ToUnicode in the saved file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <hpdf.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <zlib.h>

#include "folio/folio.h"
#include "fonts.h"

static int find_asset(const folio_host *h, const char *rel, char *buf, size_t n)
{
	(void)h;
	return snprintf(buf, n, "%s/assets/%s", FOLIO_TEST_SOURCE_DIR, rel) < (int)n;
}

static const folio_host host = {
    .size = sizeof(folio_host), .abi_version = FOLIO_PLUGIN_ABI_VERSION, .find_asset = find_asset};

static int setup(void **state)
{
	pdf_fonts *fonts = NULL;
	folio_error err;

	if (pdf_fonts_load(&host, &fonts, &err) != FOLIO_OK)
		return -1;
	*state = fonts;
	return 0;
}

static int teardown(void **state)
{
	pdf_fonts_free(*state);
	return 0;
}

static const char *fold(const pdf_fonts *f, pdf_face face, const char *s, unsigned *missing)
{
	static char buf[256];

	assert_int_not_equal(pdf_fonts_fold(f, face, s, strlen(s), buf, sizeof buf, missing),
	                     (size_t)-1);
	return buf;
}

static void test_fold(void **state)
{
	const pdf_fonts *f = *state;
	unsigned missing = 0;

	/* Kept: the fonts have them. */
	assert_string_equal(fold(f, PDF_FACE_REGULAR, "“café” — 5 µm ≥ 3 ‘x’ Œ ß", &missing),
	                    "“café” — 5 µm ≥ 3 ‘x’ Œ ß");
	/* Folded: always (they must extract as plain text) or because missing. */
	assert_string_equal(fold(f, PDF_FACE_REGULAR, "e\u2011mail \uFB01t a\u00A0b", &missing),
	                    "e-mail fit a b");
	assert_string_equal(fold(f, PDF_FACE_REGULAR, "soft\u00ADhyphen\u200B", &missing),
	                    "softhyphen");
	assert_int_equal(missing, 0);
	/* Compatibility decomposition when the face lacks the character. */
	assert_string_equal(fold(f, PDF_FACE_REGULAR, "\u2460", &missing), "1");
	/* Kept when another installed font has it (fontconfig: Noto CJK). */
	assert_string_equal(fold(f, PDF_FACE_REGULAR, "a\u4E2Db", &missing), "a\u4E2Db");
	/* Nothing near and no font at all: '?' and counted. */
	assert_string_equal(fold(f, PDF_FACE_REGULAR, "a\U0010FFFDb", &missing), "a?b");
	assert_int_equal(missing, 1);
	/* A buffer too small is reported, not overrun. */
	{
		char small[4];
		assert_int_equal(
		    pdf_fonts_fold(f, PDF_FACE_REGULAR, "abcdef", 6, small, sizeof small, NULL),
		    (size_t)-1);
	}
}

static void test_metrics(void **state)
{
	const pdf_fonts *f = *state;

	assert_true(pdf_fonts_ascent(f, PDF_FACE_REGULAR) > 800);
	assert_true(pdf_fonts_descent(f, PDF_FACE_REGULAR) < -150);
	/* Liberation Sans (Arial metrics): space 278, 'M' 833 per 1000 em. */
	assert_float_equal(pdf_fonts_width(f, PDF_FACE_REGULAR, " ", 1), 277, 1.5);
	assert_float_equal(pdf_fonts_width(f, PDF_FACE_REGULAR, "M", 1), 833, 1.5);
	/* Bold is wider, mono is fixed. */
	assert_true(pdf_fonts_width(f, PDF_FACE_BOLD, "abc", 3) >
	            pdf_fonts_width(f, PDF_FACE_REGULAR, "abc", 3));
	assert_float_equal(pdf_fonts_width(f, PDF_FACE_MONO, "iiii", 4),
	                   pdf_fonts_width(f, PDF_FACE_MONO, "MMMM", 4), 0.001);
	/* Kerning: "AV" is narrower than its letters apart, and "To" too. */
	assert_true(pdf_fonts_width(f, PDF_FACE_REGULAR, "AV", 2) + 50 <
	            pdf_fonts_width(f, PDF_FACE_REGULAR, "A", 1) +
	                pdf_fonts_width(f, PDF_FACE_REGULAR, "V", 1));
	assert_true(pdf_fonts_width(f, PDF_FACE_BOLD, "To", 2) <
	            pdf_fonts_width(f, PDF_FACE_BOLD, "T", 1) +
	                pdf_fonts_width(f, PDF_FACE_BOLD, "o", 1));
	/* Widths follow folding: U+FB01 measures as "fi". */
	assert_float_equal(pdf_fonts_width(f, PDF_FACE_REGULAR, "\uFB01", 3),
	                   pdf_fonts_width(f, PDF_FACE_REGULAR, "fi", 2), 0.001);
}

typedef struct guard {
	jmp_buf jb;
	HPDF_STATUS code;
} guard;

static void HPDF_STDCALL on_error(HPDF_STATUS code, HPDF_STATUS detail, void *ud)
{
	guard *g = ud;

	(void)detail;
	g->code = code;
	longjmp(g->jb, 1);
}

/* How often needle occurs in the n bytes at p. */
static size_t count(const unsigned char *p, size_t n, const char *needle)
{
	size_t k = strlen(needle), c = 0;

	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(p + i, needle, k) == 0)
			c++;
	return c;
}

/* Shaped runs: glyph IDs in TJ arrays, kerning as numbers, /ActualText for
 * a cluster the ToUnicode map cannot say. */
static void test_show(void **state)
{
	const pdf_fonts *f = *state;
	guard g = {0};
	HPDF_Doc volatile pdf = HPDF_New(on_error, &g);
	pdf_font_use *volatile use = NULL;
	pdf_buf b = {0};
	HPDF_Page page;

	assert_non_null(pdf);
	if (setjmp(g.jb)) {
		pdf_font_use_free(use);
		HPDF_Free(pdf);
		free(b.p);
		fail_msg("libharu error 0x%04X", (unsigned)g.code);
	}
	use = pdf_font_use_new(f, pdf);
	assert_non_null(use);
	page = HPDF_AddPage(pdf);
	assert_true(pdf_font_use_show(use, page, PDF_FACE_REGULAR, 12, "AV", 2, &b));
	/* two glyphs and a kerning number between them */
	assert_non_null(strstr(b.p, "] TJ"));
	assert_non_null(strstr(b.p, "> 7"));
	assert_null(strstr(b.p, "ActualText"));
	/* Devanagari (a Noto face): te is one cluster of two glyphs, said by
	 * /ActualText; the half form of sa stands for two characters, said by
	 * the ToUnicode map. */
	b.len = 0;
	assert_true(pdf_font_use_show(use, page, PDF_FACE_REGULAR, 12,
	                              "\u0928\u092E\u0938\u094D\u0924\u0947", 18, &b));
	assert_non_null(strstr(b.p, "/Span <</ActualText <FEFF09240947>>> BDC"));
	assert_non_null(strstr(b.p, "EMC"));
	free(b.p);
	pdf_font_use_free(use);
	HPDF_Free(pdf);
}

/* Text drawn from the render's shaped words (pdf_shaped) writes what shaping
 * the run writes when no kerning crosses a space, measures what it draws,
 * and leaves right-to-left runs to the shaper. */
static void test_show_shaped(void **state)
{
	const pdf_fonts *f = *state;
	guard g = {0};
	HPDF_Doc volatile pdf = HPDF_New(on_error, &g);
	pdf_font_use *volatile use = NULL;
	pdf_shaped *volatile store = pdf_shaped_new("en");
	pdf_buf a = {0}, b = {0};
	HPDF_Page page;
	static const char *texts[] = {"flAVor is rAVen", "\u05E9\u05DC\u05D5\u05DD \u05E2\u05D5\u05DC\u05DD"};

	assert_non_null(pdf);
	assert_non_null(store);
	if (setjmp(g.jb)) {
		pdf_font_use_free(use);
		pdf_shaped_free(store);
		HPDF_Free(pdf);
		free(a.p);
		free(b.p);
		fail_msg("libharu error 0x%04X", (unsigned)g.code);
	}
	use = pdf_font_use_new(f, pdf);
	assert_non_null(use);
	page = HPDF_AddPage(pdf);
	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		const char *s = texts[t];
		double alone = pdf_fonts_width(f, PDF_FACE_REGULAR, s, strlen(s));

		a.len = b.len = 0;
		pdf_font_use_set_shaped(use, NULL);
		assert_true(pdf_font_use_show(use, page, PDF_FACE_REGULAR, 12, s, strlen(s), &a));
		/* measured through the store: the same width */
		assert_true(pdf_fonts_width_in(f, PDF_FACE_REGULAR, s, strlen(s), store) == alone);
		pdf_font_use_set_shaped(use, store);
		assert_true(pdf_font_use_show(use, page, PDF_FACE_REGULAR, 12, s, strlen(s), &b));
		assert_int_equal(a.len, b.len);
		assert_memory_equal(a.p, b.p, a.len);
		if (t == 0)
			assert_non_null(strstr(b.p, "> 7"));
	}
	/* the kerning inside the Latin words came from the store too */
	free(a.p);
	free(b.p);
	pdf_font_use_free(use);
	pdf_shaped_free(store);
	HPDF_Free(pdf);
}

/* A page drawn as the backend draws it: the saved file holds one Type0 font
 * per face used (Identity-H, CIDFontType2, FontFile2, /W, ToUnicode), none
 * for a face not drawn, and a ToUnicode entry for each character. */
static void test_embed(void **state)
{
	const pdf_fonts *f = *state;
	guard g = {0};
	HPDF_Doc volatile pdf = HPDF_New(on_error, &g);
	pdf_font_use *volatile use = NULL;
	unsigned char *volatile out = NULL;
	pdf_buf b = {0};
	HPDF_Page page;
	HPDF_UINT32 len;
	size_t mark;
	const char *name;
	folio_error err;

	assert_non_null(pdf);
	if (setjmp(g.jb)) {
		pdf_font_use_free(use);
		HPDF_Free(pdf);
		free(b.p);
		free(out);
		fail_msg("libharu error 0x%04X", (unsigned)g.code);
	}
	HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
	use = pdf_font_use_new(f, pdf);
	page = HPDF_AddPage(pdf);
	name = pdf_font_use_resource(use, page, PDF_FACE_REGULAR);
	assert_non_null(name);
	pdf_buf_printf(&b, "BT /%s 12 Tf 1 0 0 1 72 700 Tm\n", name);
	assert_true(pdf_font_use_show(use, page, PDF_FACE_REGULAR, 12, "Neck pain", 9, &b));
	name = pdf_font_use_resource(use, page, PDF_FACE_HEADING); /* the bold file */
	pdf_buf_printf(&b, "/%s 12 Tf\n", name);
	assert_true(pdf_font_use_show(use, page, PDF_FACE_HEADING, 12, "Bold", 4, &b));
	/* Devanagari: a run in a Noto face, and back to the bold face after it */
	mark = b.len;
	assert_true(pdf_font_use_show(use, page, PDF_FACE_HEADING, 12, "A \u0928\u092E\u0938\u094D\u0924\u0947 B",
	                              strlen("A \u0928\u092E\u0938\u094D\u0924\u0947 B"), &b));
	assert_non_null(strstr(b.p + mark, "/F3 12.000 Tf"));
	assert_non_null(strstr(b.p + mark, "/F2 12.000 Tf"));
	assert_true(strstr(b.p + mark, "/F3 12.000 Tf") < strstr(b.p + mark, "/F2 12.000 Tf"));
	pdf_buf_put(&b, "ET\n", 3);
	HPDF_Stream_Write(((HPDF_PageAttr)page->attr)->stream, (const HPDF_BYTE *)b.p,
	                  (HPDF_UINT)b.len);
	assert_int_equal(pdf_font_use_embed(use, &err), FOLIO_OK);
	HPDF_SaveToStream(pdf);
	len = HPDF_GetStreamSize(pdf);
	out = malloc(len);
	assert_non_null(out);
	HPDF_ResetStream(pdf);
	HPDF_ReadFromStream(pdf, out, &len);
	assert_int_equal(count(out, len, "/Subtype /Type0"), 3);
	assert_int_equal(count(out, len, "/Subtype /CIDFontType2"), 3);
	assert_int_equal(count(out, len, "/Encoding /Identity-H"), 3);
	assert_int_equal(count(out, len, "/FontFile2"), 3);
	assert_int_equal(count(out, len, "/ToUnicode"), 3);
	assert_int_equal(count(out, len, "+NotoSansDevanagari"), 3);
	assert_int_equal(count(out, len, "+LiberationSans-Bold"), 3);
	assert_int_equal(count(out, len, "LiberationSans-Italic"), 0);
	/* "Neck pain": N e c k space p a i n (9 glyphs); "Bold" and "A B": 6;
	 * the Devanagari run: na, ma, the half sa, ta (its vowel sign in
	 * /ActualText) and the space after it */
	assert_int_equal(count(out, len, "9 beginbfchar"), 1);
	assert_int_equal(count(out, len, "6 beginbfchar"), 1);
	assert_int_equal(count(out, len, "5 beginbfchar"), 1);
	assert_int_equal(count(out, len, "<0938094D>"), 1); /* the half sa */
	assert_int_equal(count(out, len, "<0031> <004E>"), 1); /* glyph 49 is 'N' */
	free(out);
	free(b.p);
	pdf_font_use_free(use);
	HPDF_Free(pdf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fold),
	    cmocka_unit_test(test_metrics),
	    cmocka_unit_test(test_show),
	    cmocka_unit_test(test_show_shaped),
	    cmocka_unit_test(test_embed),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
