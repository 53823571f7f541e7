/* The pdf backend's own parts, without the layout: character folding, widths
 * that match what libharu draws, font subsetting, and the post-processing of
 * libharu's file (ToUnicode CMaps, /Lang, the rebuilt xref table). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <hpdf.h>

#include "folio/folio.h"
#include "fonts.h"
#include "pdffix.h"

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
	/* Nothing near: '?' and counted. Non-BMP cannot be drawn by libharu. */
	assert_string_equal(fold(f, PDF_FACE_REGULAR, "a\u4E2Db\U0001F600", &missing), "a?b?");
	assert_int_equal(missing, 2);
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

static const char *const samples[] = {
    "Neck pain at a desk: “move often” — every 30–45 minutes.",
    "L’épaule gelée : la capsulite rétractile, ≥ 6 mois, 5 µm.",
    "Ñandú, Straße, Œuvre, naïve façade, e\u2011mail, \uFB01nal.",
};

/* What the layout measures is exactly what libharu draws: the width of each
 * sample in each face equals libharu's own, from the embedded subset. */
static void test_widths_match_libharu(void **state)
{
	const pdf_fonts *f = *state;
	static const pdf_face faces[] = {PDF_FACE_REGULAR,     PDF_FACE_BOLD, PDF_FACE_ITALIC,
	                                 PDF_FACE_BOLD_ITALIC, PDF_FACE_MONO, PDF_FACE_HEADING};
	pdf_font_use *use = pdf_font_use_new(f);
	guard g = {0};
	HPDF_Doc pdf = HPDF_New(on_error, &g);
	folio_error err;
	char buf[512];

	assert_non_null(use);
	assert_non_null(pdf);
	if (setjmp(g.jb)) {
		HPDF_Free(pdf);
		pdf_font_use_free(use);
		fail_msg("libharu error 0x%04X", (unsigned)g.code);
	}
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	for (size_t k = 0; k < sizeof faces / sizeof faces[0]; k++)
		for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
			size_t n = pdf_fonts_fold(f, faces[k], samples[i], strlen(samples[i]), buf,
			                          sizeof buf, NULL);
			assert_true(pdf_font_use_add(use, faces[k], buf, n));
		}
	assert_int_equal(pdf_font_use_embed(use, pdf, &err), FOLIO_OK);
	for (size_t k = 0; k < sizeof faces / sizeof faces[0]; k++) {
		HPDF_Font font = pdf_font_use_font(use, faces[k]);

		assert_non_null(font);
		assert_non_null(strstr(HPDF_Font_GetFontName(font), "Liberation"));
		for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
			double ours = pdf_fonts_width(f, faces[k], samples[i], strlen(samples[i]));
			HPDF_TextWidth tw;

			pdf_fonts_fold(f, faces[k], samples[i], strlen(samples[i]), buf, sizeof buf,
			               NULL);
			tw = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)buf,
			                         (HPDF_UINT)strlen(buf));
			assert_float_equal(ours, (double)tw.width, 0.001);
		}
	}
	/* Headings share the bold font: one embedded font, not two. */
	assert_ptr_equal(pdf_font_use_font(use, PDF_FACE_HEADING),
	                 pdf_font_use_font(use, PDF_FACE_BOLD));
	HPDF_Free(pdf);
	pdf_font_use_free(use);
}

static void test_cmap(void **state)
{
	static const uint32_t cps[] = {0x20, 0x21, 0x22, 0xE9, 0xFF, 0x100, 0x101, 0x2019};
	size_t len = 0;
	char *cmap = pdf_fix_cmap(cps, sizeof cps / sizeof cps[0], &len);

	(void)state;
	assert_non_null(cmap);
	assert_int_equal(strlen(cmap), len);
	assert_non_null(strstr(cmap, "5 beginbfrange\n"));
	assert_non_null(strstr(cmap, "<0020> <0022> <0020>\n"));
	assert_non_null(strstr(cmap, "<00E9> <00E9> <00E9>\n"));
	/* A range never crosses a high byte: 0xFF and 0x100 are apart. */
	assert_non_null(strstr(cmap, "<00FF> <00FF> <00FF>\n"));
	assert_non_null(strstr(cmap, "<0100> <0101> <0100>\n"));
	assert_null(strstr(cmap, "cidrange"));
	free(cmap);
}

static void test_cmap_blocks_of_100(void **state)
{
	uint32_t cps[150];
	size_t len;
	char *cmap;

	(void)state;
	for (int i = 0; i < 150; i++)
		cps[i] = 0x4000 + 2 * (uint32_t)i; /* 150 separate ranges */
	cmap = pdf_fix_cmap(cps, 150, &len);
	assert_non_null(cmap);
	assert_non_null(strstr(cmap, "100 beginbfrange\n"));
	assert_non_null(strstr(cmap, "50 beginbfrange\n"));
	free(cmap);
}

/* A one-page libharu document with text in one font, saved uncompressed. */
static unsigned char *small_pdf(const pdf_fonts *f, pdf_font_use *use, size_t *len)
{
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	const char *text = "Café “au lait” ≥ 2";
	HPDF_Page page;
	HPDF_UINT32 size;
	unsigned char *buf;
	folio_error err;
	char folded[128];
	size_t n =
	    pdf_fonts_fold(f, PDF_FACE_REGULAR, text, strlen(text), folded, sizeof folded, NULL);

	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	pdf_font_use_add(use, PDF_FACE_REGULAR, folded, n);
	assert_int_equal(pdf_font_use_embed(use, pdf, &err), FOLIO_OK);
	page = HPDF_AddPage(pdf);
	HPDF_Page_BeginText(page);
	HPDF_Page_SetFontAndSize(page, pdf_font_use_font(use, PDF_FACE_REGULAR), 12);
	HPDF_Page_TextOut(page, 72, 700, folded);
	HPDF_Page_EndText(page);
	{
		/* Literal strings are copied untouched (libharu escapes '<' and
		 * '/' in them as octal). */
		HPDF_Rect r = {72, 690, 200, 710};
		HPDF_Page_CreateURILinkAnnot(page, r, "https://example.org/?q=<ab>");
	}
	HPDF_SaveToStream(pdf);
	size = HPDF_GetStreamSize(pdf);
	buf = malloc(size);
	HPDF_ResetStream(pdf);
	HPDF_ReadFromStream(pdf, buf, &size);
	assert_int_equal(HPDF_GetError(pdf), HPDF_OK);
	HPDF_Free(pdf);
	*len = size;
	return buf;
}

/* 1 when needle occurs in the n bytes at p (which may hold NULs). */
static int contains(const unsigned char *p, size_t n, const char *needle)
{
	size_t m = strlen(needle);

	for (size_t i = 0; i + m <= n; i++)
		if (memcmp(p + i, needle, m) == 0)
			return 1;
	return 0;
}

/* Every in-use xref entry points at "N 0 obj". Returns the free entries
 * (the length objects of rewritten streams, dropped). */
static size_t check_xref(const unsigned char *p, size_t len)
{
	size_t dropped = 0;

	const char *sx = NULL;
	size_t xref, count;
	const char *e;

	for (size_t i = len - 9; i-- > 0;)
		if (memcmp(p + i, "startxref", 9) == 0) {
			sx = (const char *)p + i;
			break;
		}
	assert_non_null(sx);
	xref = strtoul(sx + 10, NULL, 10);
	assert_memory_equal(p + xref, "xref\n0 ", 7);
	count = strtoul((const char *)p + xref + 7, (char **)&e, 10);
	assert_true(count > 5);
	e++;
	for (size_t n = 1; n < count; n++) {
		char want[32];
		size_t off = strtoul(e + 20 * n, NULL, 10);

		if (e[20 * n + 17] == 'f') {
			dropped++;
			continue;
		}
		assert_int_equal(e[20 * n + 17], 'n');
		snprintf(want, sizeof want, "%zu 0 obj", n);
		assert_true(off < len);
		assert_memory_equal(p + off, want, strlen(want));
	}
	return dropped;
}

static void test_fix_write(void **state)
{
	const pdf_fonts *f = *state;
	pdf_font_use *use = pdf_font_use_new(f);
	size_t len, ncps, outlen;
	unsigned char *in = small_pdf(f, use, &len);
	const uint32_t *cps = pdf_font_use_codepoints(use, &ncps);
	folio_sink *sink = folio_sink_memory();
	folio_error err;
	const unsigned char *out;

	assert_non_null(cps);
	assert_true(ncps >= 10);
	/* libharu's own CMap has the broken operator poppler complains about. */
	assert_true(contains(in, len, "begincidrange"));
	assert_int_equal(pdf_fix_write(in, len, cps, ncps, "fr-CA", sink, 6, &err), FOLIO_OK);
	out = folio_sink_memory_data(sink, &outlen);
	assert_non_null(out);
	assert_true(outlen < len / 4);             /* every stream deflated */
	assert_true(check_xref(out, outlen) >= 3); /* 3 rewritten streams' lengths */
	assert_true(contains(out, outlen, "/Lang (fr-CA)"));
	assert_true(contains(out, outlen, "(https:\\057\\057example.org\\057?q=\\074ab\\076)"));
	assert_false(contains(out, outlen, "begincidrange"));
	assert_memory_equal(out, "%PDF-1.", 7);
	folio_sink_abort(sink);

	/* A language that could break out of the string is left out. */
	sink = folio_sink_memory();
	assert_int_equal(pdf_fix_write(in, len, cps, ncps, "en) /Evil (", sink, 6, &err), FOLIO_OK);
	out = folio_sink_memory_data(sink, &outlen);
	assert_false(contains(out, outlen, "/Lang"));
	folio_sink_abort(sink);

	/* Not libharu's shape: an error, not a crash. */
	sink = folio_sink_memory();
	assert_int_equal(pdf_fix_write((const unsigned char *)"%PDF-1.3\nnothing", 16, cps, ncps,
	                               NULL, sink, 6, &err),
	                 FOLIO_ERR_RENDER);
	folio_sink_abort(sink);
	free(in);
	pdf_font_use_free(use);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fold),
	    cmocka_unit_test(test_metrics),
	    cmocka_unit_test(test_widths_match_libharu),
	    cmocka_unit_test(test_cmap),
	    cmocka_unit_test(test_cmap_blocks_of_100),
	    cmocka_unit_test(test_fix_write),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
