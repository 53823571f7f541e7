/* The pdf backend's own parts, without the layout: character folding, widths,
 * font subsetting and codes, and the post-processing of libharu's file (the
 * embedded fonts, /Lang, the object and cross-reference streams). */
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
#include <zlib.h>

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

static const pdf_embed_font *font_named(const pdf_font_use *use, const char *placeholder)
{
	size_t n;
	const pdf_embed_font *fonts = pdf_font_use_fonts(use, &n);

	for (size_t i = 0; i < n; i++)
		if (strcmp(fonts[i].placeholder, placeholder) == 0)
			return &fonts[i];
	return NULL;
}

/* The characters codes stand for, back through the font's glyph table. */
static size_t decode(const pdf_embed_font *font, const char *codes, uint32_t *cps, size_t cap)
{
	size_t n = 0, len = strlen(codes);

	for (size_t i = 0; i < len; i += (size_t)font->code_bytes) {
		unsigned code = (unsigned char)codes[i];
		size_t k;

		if (font->code_bytes == 2)
			code = code << 8 | (unsigned char)codes[i + 1];
		for (k = 0; k < font->count && font->glyphs[k].code != code; k++)
			;
		assert_true(k < font->count);
		assert_true(n < cap);
		cps[n++] = font->glyphs[k].cp;
	}
	return n;
}

/* The code points of UTF-8 text. */
static size_t utf8_cps(const char *s, uint32_t *cps, size_t cap)
{
	size_t n = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		uint32_t cp = *p;
		int extra = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : cp >= 0xC0 ? 1 : 0;

		if (extra)
			cp &= 0x3Fu >> extra;
		p++;
		while (extra-- > 0)
			cp = cp << 6 | (*p++ & 0x3Fu);
		assert_true(n < cap);
		cps[n++] = cp;
	}
	return n;
}

/* Every sample, in every face, encodes to codes (never a NUL) that the
 * embedded font's table turns back into the folded text; the /W widths are
 * the widths the layout measured; placeholders are base-14 fonts. */
static void test_embed_and_encode(void **state)
{
	const pdf_fonts *f = *state;
	static const pdf_face faces[] = {PDF_FACE_REGULAR,     PDF_FACE_BOLD, PDF_FACE_ITALIC,
	                                 PDF_FACE_BOLD_ITALIC, PDF_FACE_MONO, PDF_FACE_HEADING};
	pdf_font_use *use = pdf_font_use_new(f);
	guard g = {0};
	HPDF_Doc pdf = HPDF_New(on_error, &g);
	folio_error err;
	char buf[512], codes[1024];
	size_t nfonts;

	assert_non_null(use);
	assert_non_null(pdf);
	if (setjmp(g.jb)) {
		HPDF_Free(pdf);
		pdf_font_use_free(use);
		fail_msg("libharu error 0x%04X", (unsigned)g.code);
	}
	for (size_t k = 0; k < sizeof faces / sizeof faces[0]; k++)
		for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
			size_t n = pdf_fonts_fold(f, faces[k], samples[i], strlen(samples[i]), buf,
			                          sizeof buf, NULL);
			assert_true(pdf_font_use_add(use, faces[k], buf, n));
		}
	assert_int_equal(pdf_font_use_embed(use, pdf, &err), FOLIO_OK);
	/* Headings share the bold font: five fonts for six faces. */
	pdf_font_use_fonts(use, &nfonts);
	assert_int_equal(nfonts, 5);
	assert_ptr_equal(pdf_font_use_font(use, PDF_FACE_HEADING),
	                 pdf_font_use_font(use, PDF_FACE_BOLD));
	for (size_t k = 0; k < sizeof faces / sizeof faces[0]; k++) {
		HPDF_Font font = pdf_font_use_font(use, faces[k]);
		const pdf_embed_font *e = font_named(use, HPDF_Font_GetFontName(font));

		assert_non_null(e);
		assert_int_equal(e->code_bytes, 1);
		assert_true(e->file_len > 1000 && e->file_len < 20000); /* a subset */
		assert_memory_equal(e->name + 6, "+Liberation", 11);
		for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
			size_t n = pdf_fonts_fold(f, faces[k], samples[i], strlen(samples[i]), buf,
			                          sizeof buf, NULL);
			size_t m = pdf_font_use_encode(use, faces[k], buf, n, codes, sizeof codes);
			uint32_t want[256], got[256];
			size_t nw = utf8_cps(buf, want, 256), ng;
			double w = 0;

			assert_int_not_equal(m, (size_t)-1);
			assert_int_equal(strlen(codes), m); /* no NUL inside */
			ng = decode(e, codes, got, 256);
			assert_int_equal(ng, nw);
			assert_memory_equal(got, want, nw * sizeof *want);
			for (size_t c = 0; c < ng; c++)
				for (size_t q = 0; q < e->count; q++)
					if (e->glyphs[q].cp == got[c])
						w += e->glyphs[q].width;
			assert_float_equal(w, pdf_fonts_width(f, faces[k], samples[i],
			                                      strlen(samples[i])),
			                   0.001);
		}
		/* A code is the glyph. */
		assert_int_equal(pdf_font_use_encode(use, faces[k], "N", 1, codes, sizeof codes), 1);
		for (size_t q = 0; q < e->count; q++)
			if (e->glyphs[q].cp == 'N')
				assert_int_equal((unsigned char)codes[0], e->glyphs[q].gid);
	}
	/* Too small a buffer is refused, not overrun. */
	assert_int_equal(pdf_font_use_encode(use, PDF_FACE_REGULAR, "Neck", 4, codes, 3),
	                 (size_t)-1);
	HPDF_Free(pdf);
	pdf_font_use_free(use);
}

/* A face drawing more than 255 characters gets two-byte codes, both bytes
 * 01..FF, and every character still comes back. */
static void test_two_byte_codes(void **state)
{
	const pdf_fonts *f = *state;
	pdf_font_use *use = pdf_font_use_new(f);
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	char text[4096], buf[4096], codes[4096];
	size_t o = 0, n, m;
	uint32_t want[1024], got[1024];
	folio_error err;
	const pdf_embed_font *e;

	for (uint32_t cp = 0x21; cp < 0x7F; cp++)
		text[o++] = (char)cp;
	for (uint32_t cp = 0x100; cp < 0x180; cp++) { /* Latin Extended-A */
		text[o++] = (char)(0xC0 | cp >> 6);
		text[o++] = (char)(0x80 | (cp & 0x3F));
	}
	for (uint32_t cp = 0x410; cp < 0x450; cp++) { /* Cyrillic */
		text[o++] = (char)(0xC0 | cp >> 6);
		text[o++] = (char)(0x80 | (cp & 0x3F));
	}
	text[o] = '\0';
	n = pdf_fonts_fold(f, PDF_FACE_REGULAR, text, o, buf, sizeof buf, NULL);
	assert_true(pdf_font_use_add(use, PDF_FACE_REGULAR, buf, n));
	assert_int_equal(pdf_font_use_embed(use, pdf, &err), FOLIO_OK);
	e = font_named(use, "Helvetica");
	assert_non_null(e);
	assert_true(e->count > 255);
	assert_int_equal(e->code_bytes, 2);
	m = pdf_font_use_encode(use, PDF_FACE_REGULAR, buf, n, codes, sizeof codes);
	assert_int_equal(strlen(codes), m);
	assert_int_equal(m, 2 * utf8_cps(buf, want, 1024));
	assert_int_equal(decode(e, codes, got, 1024), m / 2);
	assert_memory_equal(got, want, m / 2 * sizeof *want);
	HPDF_Free(pdf);
	pdf_font_use_free(use);
}

/* The literal string the content should hold for codes. */
static void literal(const char *codes, char *out)
{
	size_t o = 0;

	out[o++] = '(';
	for (const char *c = codes; *c; c++) {
		if (*c == '(' || *c == ')' || *c == '\\')
			out[o++] = '\\';
		if (*c == '\r' || *c == '\n') {
			out[o++] = '\\';
			out[o++] = *c == '\r' ? 'r' : 'n';
		} else {
			out[o++] = *c;
		}
	}
	out[o++] = ')';
	out[o] = '\0';
}

/* A one-page libharu document drawn as the backend draws (placeholder fonts,
 * codes, Td and '), saved uncompressed; want gets the regular face's string
 * as the content should hold it. */
static unsigned char *small_pdf(const pdf_fonts *f, pdf_font_use *use, size_t *len, char *want)
{
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	const char *text = "Café “au lait” ≥ 2 (x)";
	HPDF_Page page;
	HPDF_UINT32 size;
	unsigned char *buf;
	folio_error err;
	char folded[128], codes[128], bold[128];
	size_t n =
	    pdf_fonts_fold(f, PDF_FACE_REGULAR, text, strlen(text), folded, sizeof folded, NULL);

	/* As the plugin does: no encoder, the info strings' UTF-8 as bytes */
	pdf_font_use_add(use, PDF_FACE_REGULAR, folded, n);
	pdf_font_use_add(use, PDF_FACE_BOLD, "Bold", 4);
	assert_int_equal(pdf_font_use_embed(use, pdf, &err), FOLIO_OK);
	pdf_font_use_encode(use, PDF_FACE_REGULAR, folded, n, codes, sizeof codes);
	pdf_font_use_encode(use, PDF_FACE_BOLD, "Bold", 4, bold, sizeof bold);
	literal(codes, want);
	page = HPDF_AddPage(pdf);
	HPDF_Page_BeginText(page);
	HPDF_Page_SetFontAndSize(page, pdf_font_use_font(use, PDF_FACE_REGULAR), 12);
	HPDF_Page_TextOut(page, 72, 700, "");
	HPDF_Page_ShowTextNextLine(page, codes);
	HPDF_Page_SetFontAndSize(page, pdf_font_use_font(use, PDF_FACE_BOLD), 12);
	HPDF_Page_TextOut(page, 72, 680, "");
	HPDF_Page_ShowTextNextLine(page, bold);
	HPDF_Page_EndText(page);
	HPDF_Page_SetMiterLimit(page, PDF_FIX_MARK_VALUE); /* where the QR code goes */
	{
		/* libharu escapes '<' and '/' in literal strings as octal */
		HPDF_Rect r = {72, 690, 200, 710};
		HPDF_Page_CreateURILinkAnnot(page, r, "https://example.org/?q=<ab>");
	}
	HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, "Épaule");
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

/* How often needle occurs in the n bytes at p. */
static size_t count(const unsigned char *p, size_t n, const char *needle)
{
	size_t m = strlen(needle), k = 0;

	for (size_t i = 0; i + m <= n; i++)
		k += memcmp(p + i, needle, m) == 0;
	return k;
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

/* The file's text with every Flate stream inflated in place. */
static unsigned char *inflated(const unsigned char *p, size_t n, size_t *out_len)
{
	size_t cap = 1 << 20, o = 0;
	unsigned char *out = malloc(cap);

	assert_non_null(out);
	for (size_t i = 0; i < n;) {
		if (i + 7 <= n && memcmp(p + i, "stream\n", 7) == 0 &&
		    !(i >= 3 && memcmp(p + i - 3, "end", 3) == 0)) {
			z_stream z = {0};

			i += 7;
			assert_int_equal(inflateInit(&z), Z_OK);
			z.next_in = (Bytef *)(uintptr_t)(p + i);
			z.avail_in = (uInt)(n - i);
			z.next_out = out + o;
			z.avail_out = (uInt)(cap - o);
			assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
			o += z.total_out;
			i += z.total_in;
			inflateEnd(&z);
			continue;
		}
		assert_true(o < cap);
		out[o++] = p[i++];
	}
	*out_len = o;
	return out;
}

/* The cross-reference stream: startxref points at it, and every in-use entry
 * points at its object (type 1) or into the object stream (type 2). Returns
 * the objects in the object stream. */
static size_t check_xref_stream(const unsigned char *p, size_t len)
{
	const char *sx = NULL;
	size_t at, size = 0, packed = 0, rows_len;
	unsigned char rows[4096];
	const unsigned char *d;
	z_stream z = {0};

	for (size_t i = len - 9; i-- > 0;)
		if (memcmp(p + i, "startxref", 9) == 0) {
			sx = (const char *)p + i;
			break;
		}
	assert_non_null(sx);
	at = strtoul(sx + 10, NULL, 10);
	assert_true(at < len);
	d = p + at;
	assert_true(contains(d, len - at, "/Type/XRef"));
	assert_true(contains(d, len - at, "/W[1 4 2]"));
	assert_true(contains(d, len - at, "/ID[<"));
	size = strtoul(strstr((const char *)d, "/Size ") + 6, NULL, 10);
	d = (const unsigned char *)strstr((const char *)d, "stream\n") + 7;
	assert_int_equal(inflateInit(&z), Z_OK);
	z.next_in = (Bytef *)(uintptr_t)d;
	z.avail_in = (uInt)(len - (size_t)(d - p));
	z.next_out = rows;
	z.avail_out = sizeof rows;
	assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
	rows_len = z.total_out;
	inflateEnd(&z);
	assert_int_equal(rows_len, size * 7);
	assert_int_equal(rows[0], 0); /* object 0 is free */
	for (size_t n = 1; n < size; n++) {
		const unsigned char *r = rows + 7 * n;
		size_t a = (size_t)r[1] << 24 | (size_t)r[2] << 16 | (size_t)r[3] << 8 | r[4];

		if (r[0] == 1) {
			char want[32];

			snprintf(want, sizeof want, "%zu 0 obj", n);
			assert_true(a < len);
			assert_memory_equal(p + a, want, strlen(want));
		} else if (r[0] == 2) {
			packed++;
		} else {
			assert_int_equal(r[0], 0);
		}
	}
	return packed;
}

static void test_fix_write(void **state)
{
	const pdf_fonts *f = *state;
	pdf_font_use *use = pdf_font_use_new(f);
	size_t len, nfonts, outlen, textlen;
	char want[300], tounicode[64];
	unsigned char *in = small_pdf(f, use, &len, want), *text;
	const pdf_embed_font *fonts = pdf_font_use_fonts(use, &nfonts);
	folio_sink *sink = folio_sink_memory();
	folio_error err;
	const unsigned char *out;

	assert_int_equal(nfonts, 2);
	assert_true(contains(in, len, "/BaseFont /Helvetica"));
	assert_int_equal(pdf_fix_write(in, len, &(pdf_fix_input){fonts, nfonts, NULL, 0, NULL, 0, "fr-CA"}, sink, 6, &err), FOLIO_OK);
	out = folio_sink_memory_data(sink, &outlen);
	assert_non_null(out);
	assert_memory_equal(out, "%PDF-1.5", 8);
	assert_true(check_xref_stream(out, outlen) >= 8);
	text = inflated(out, outlen, &textlen);
	/* the placeholders are gone, the subsets are in their place */
	assert_false(contains(text, textlen, "/Helvetica"));
	assert_int_equal(count(text, textlen, "/Subtype/Type0/BaseFont/"), 2);
	assert_true(contains(text, textlen, "+LiberationSans/Encoding "));
	assert_true(contains(text, textlen, "+LiberationSans-Bold/Encoding "));
	assert_int_equal(count(text, textlen, "/CIDToGIDMap/Identity/W["), 2);
	assert_int_equal(count(text, textlen, "/FontFile2 "), 2);
	/* one encoding for both: code = CID = glyph */
	assert_int_equal(count(text, textlen, "/CMapName/Folio-Glyph1"), 1);
	assert_true(contains(text, textlen, "<01> <FF>\nendcodespacerange\n1 begincidrange\n"
	                                    "<01> <FF> 1\nendcidrange"));
	/* ToUnicode: "é" is one code of its own */
	for (size_t i = 0; i < fonts[0].count; i++)
		if (fonts[0].glyphs[i].cp == 0xE9)
			snprintf(tounicode, sizeof tounicode, "<%02X> <%02X> <00E9>\n",
			         fonts[0].glyphs[i].code, fonts[0].glyphs[i].code);
	assert_true(contains(text, textlen, tounicode));
	/* strings: minimal literals, in the page and in objects */
	strcat(want, " '");
	assert_true(contains(text, textlen, want));
	assert_true(contains(text, textlen, "(https://example.org/?q=<ab>)"));
	assert_true(contains(text, textlen, "/Title (\xFE\xFF\x00\xC9"));
	assert_true(contains(text, textlen, "<</Lang (fr-CA)"));
	assert_true(contains(text, textlen, "\n" PDF_FIX_MARK "\n")); /* no ops: left as it is */
	free(text);
	folio_sink_abort(sink);

	/* The mark becomes the operators given, once. */
	sink = folio_sink_memory();
	assert_int_equal(pdf_fix_write(in, len,
	                               &(pdf_fix_input){fonts, nfonts, NULL, 0, "1 2 3 4 re\nf\n", 13,
	                                                "fr-CA"},
	                               sink, 6, &err),
	                 FOLIO_OK);
	out = folio_sink_memory_data(sink, &outlen);
	text = inflated(out, outlen, &textlen);
	assert_false(contains(text, textlen, PDF_FIX_MARK));
	assert_int_equal(count(text, textlen, "\n1 2 3 4 re\nf\n"), 1);
	free(text);
	folio_sink_abort(sink);
	/* ...and a mark that is not there is an error: no page loses its code */
	sink = folio_sink_memory();
	{
		unsigned char *cut = malloc(len);
		const char *mark = "\n" PDF_FIX_MARK "\n";

		assert_non_null(cut);
		memcpy(cut, in, len);
		for (size_t i = 0; i + strlen(mark) <= len; i++)
			if (memcmp(cut + i, mark, strlen(mark)) == 0)
				cut[i + 1] = '8'; /* "87 M" */
		assert_int_equal(pdf_fix_write(cut, len,
		                               &(pdf_fix_input){fonts, nfonts, NULL, 0, "f\n", 2, NULL},
		                               sink, 6, &err),
		                 FOLIO_ERR_RENDER);
		free(cut);
	}
	folio_sink_abort(sink);

	/* Same input, same bytes. */
	{
		folio_sink *again = folio_sink_memory();
		size_t again_len;
		const unsigned char *a;

		sink = folio_sink_memory();
		assert_int_equal(pdf_fix_write(in, len, &(pdf_fix_input){fonts, nfonts, NULL, 0, NULL, 0, "fr-CA"}, sink, 6, &err),
		                 FOLIO_OK);
		assert_int_equal(pdf_fix_write(in, len, &(pdf_fix_input){fonts, nfonts, NULL, 0, NULL, 0, "fr-CA"}, again, 6, &err),
		                 FOLIO_OK);
		out = folio_sink_memory_data(sink, &outlen);
		a = folio_sink_memory_data(again, &again_len);
		assert_int_equal(outlen, again_len);
		assert_memory_equal(out, a, outlen);
		folio_sink_abort(sink);
		folio_sink_abort(again);
	}

	/* A language that could break out of the string is left out. */
	sink = folio_sink_memory();
	assert_int_equal(pdf_fix_write(in, len, &(pdf_fix_input){fonts, nfonts, NULL, 0, NULL, 0, "en) /Evil ("}, sink, 6, &err),
	                 FOLIO_OK);
	out = folio_sink_memory_data(sink, &outlen);
	text = inflated(out, outlen, &textlen);
	assert_false(contains(text, textlen, "/Lang"));
	free(text);
	folio_sink_abort(sink);

	/* Not libharu's shape: an error, not a crash. */
	sink = folio_sink_memory();
	assert_int_equal(pdf_fix_write((const unsigned char *)"%PDF-1.3\nnothing", 16,
	                               &(pdf_fix_input){fonts, nfonts, NULL, 0, NULL, 0, NULL},
	                               sink, 6, &err),
	                 FOLIO_ERR_RENDER);
	folio_sink_abort(sink);
	free(in);
	pdf_font_use_free(use);
}

/* ---- PNGs that pass through -------------------------------------------------- */

static void put_chunk(FILE *f, const char *type, const unsigned char *d, uint32_t n)
{
	unsigned char b[4] = {(unsigned char)(n >> 24), (unsigned char)(n >> 16),
	                      (unsigned char)(n >> 8), (unsigned char)n};
	uLong crc = crc32(0, (const Bytef *)type, 4);

	crc = crc32(crc, d, n);
	fwrite(b, 1, 4, f);
	fwrite(type, 1, 4, f);
	fwrite(d, 1, n, f);
	b[0] = (unsigned char)(crc >> 24);
	b[1] = (unsigned char)(crc >> 16);
	b[2] = (unsigned char)(crc >> 8);
	b[3] = (unsigned char)crc;
	fwrite(b, 1, 4, f);
}

/* A w x h PNG of the given type and depth (rows of zero-filtered bytes);
 * trns adds a tRNS chunk, cut stops the file early. */
static void write_png(const char *path, unsigned w, unsigned h, int type, int depth, int interlace,
                      int trns, int cut)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	unsigned colors = type == 2 ? 3 : 1, row = 1 + w * colors * (unsigned)depth / 8;
	unsigned char ihdr[13] = {0, 0, 0, (unsigned char)w, 0, 0, 0, (unsigned char)h,
	                          (unsigned char)depth, (unsigned char)type, 0, 0,
	                          (unsigned char)interlace};
	unsigned char *raw = calloc(h, row), z[4096];
	uLongf zn = sizeof z;
	FILE *f = fopen(path, "wb");

	assert_non_null(raw);
	assert_non_null(f);
	for (unsigned y = 0; y < h; y++)
		for (unsigned x = 1; x < row; x++)
			raw[y * row + x] = (unsigned char)(x * 7 + y * 13);
	assert_int_equal(compress2(z, &zn, raw, (uLong)h * row, 9), Z_OK);
	fwrite(sig, 1, 8, f);
	put_chunk(f, "IHDR", ihdr, 13);
	if (trns)
		put_chunk(f, "tRNS", (const unsigned char *)"\0\0", 2);
	/* the rows in two IDAT chunks: they are joined */
	put_chunk(f, "IDAT", z, (uint32_t)(zn / 2));
	put_chunk(f, "IDAT", z + zn / 2, (uint32_t)(zn - zn / 2));
	if (!cut)
		put_chunk(f, "IEND", (const unsigned char *)"", 0);
	fclose(f);
	free(raw);
}

/* An 8-bit RGB PNG saying w x h whose zlib stream holds raw (n bytes), its
 * IDAT's CRC broken when bad_crc. */
static void write_png_rows(const char *path, unsigned w, unsigned h, const unsigned char *raw,
                           size_t n, int bad_crc)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	unsigned char ihdr[13] = {0, 0, 0, (unsigned char)w, 0, 0, 0, (unsigned char)h, 8, 2, 0, 0, 0};
	unsigned char z[8192];
	uLongf zn = sizeof z;
	FILE *f = fopen(path, "wb");
	long at;

	assert_non_null(f);
	assert_int_equal(compress2(z, &zn, raw, (uLong)n, 9), Z_OK);
	fwrite(sig, 1, 8, f);
	put_chunk(f, "IHDR", ihdr, 13);
	put_chunk(f, "IDAT", z, (uint32_t)zn);
	at = ftell(f);
	put_chunk(f, "IEND", (const unsigned char *)"", 0);
	if (bad_crc) { /* the IDAT's last CRC byte, just before IEND */
		fseek(f, at - 1, SEEK_SET);
		fputc(0x5A, f);
	}
	fclose(f);
}

/* A pass-through PNG is checked as libpng would: sound chunks, the rows'
 * exact size, valid filter types; a doubtful one goes to libpng. */
static void test_png_passthrough_checks(void **state)
{
	char path[] = "/tmp/folio-png-XXXXXX";
	int fd = mkstemp(path);
	unsigned char raw[10 * 61];
	pdf_png g;

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	for (size_t i = 0; i < sizeof raw; i++)
		raw[i] = i % 61 == 0 ? (unsigned char)(i / 61 % 5) : (unsigned char)(i * 7);
	write_png_rows(path, 20, 10, raw, sizeof raw, 0);
	assert_int_equal(pdf_png_passthrough(path, &g), 1); /* filters 0-4: fine */
	free(g.idat);
	write_png_rows(path, 20, 10, raw, sizeof raw, 1);
	assert_int_equal(pdf_png_passthrough(path, &g), 0); /* a damaged chunk */
	write_png_rows(path, 20, 12, raw, sizeof raw, 0);
	assert_int_equal(pdf_png_passthrough(path, &g), 0); /* rows missing */
	write_png_rows(path, 20, 9, raw, sizeof raw, 0);
	assert_int_equal(pdf_png_passthrough(path, &g), 0); /* rows left over */
	raw[3 * 61] = 7;
	write_png_rows(path, 20, 10, raw, sizeof raw, 0);
	assert_int_equal(pdf_png_passthrough(path, &g), 0); /* no filter type 7 */
	assert_null(g.idat);
	unlink(path);
}

static void test_png_passthrough(void **state)
{
	char path[] = "/tmp/folio-png-XXXXXX";
	int fd = mkstemp(path);
	pdf_png g;
	unsigned char out[8192];
	uLongf n = sizeof out;

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	/* RGB and grey, 8 bits, not interlaced: the rows come back whole */
	write_png(path, 20, 10, 2, 8, 0, 0, 0);
	assert_int_equal(pdf_png_passthrough(path, &g), 1);
	assert_int_equal(g.w, 20);
	assert_int_equal(g.h, 10);
	assert_int_equal(g.colors, 3);
	assert_int_equal(uncompress(out, &n, g.idat, (uLong)g.len), Z_OK);
	assert_int_equal(n, 10 * (1 + 20 * 3));
	free(g.idat);
	write_png(path, 16, 4, 0, 8, 0, 0, 0);
	assert_int_equal(pdf_png_passthrough(path, &g), 1);
	assert_int_equal(g.colors, 1);
	free(g.idat);
	/* what needs decoding goes to libharu instead */
	write_png(path, 16, 4, 2, 8, 1, 0, 0); /* interlaced */
	assert_int_equal(pdf_png_passthrough(path, &g), 0);
	write_png(path, 16, 4, 2, 16, 0, 0, 0); /* 16 bits */
	assert_int_equal(pdf_png_passthrough(path, &g), 0);
	write_png(path, 16, 4, 3, 8, 0, 0, 0); /* a palette */
	assert_int_equal(pdf_png_passthrough(path, &g), 0);
	write_png(path, 16, 4, 2, 8, 0, 1, 0); /* transparency */
	assert_int_equal(pdf_png_passthrough(path, &g), 0);
	write_png(path, 16, 4, 2, 8, 0, 0, 1); /* no IEND */
	assert_int_equal(pdf_png_passthrough(path, &g), 0);
	assert_null(g.idat);
	unlink(path);
	assert_int_equal(pdf_png_passthrough("/nonexistent.png", &g), 0);
	assert_int_equal(pdf_png_passthrough(FOLIO_TEST_SOURCE_DIR "/README.md", &g), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fold),
	    cmocka_unit_test(test_metrics),
	    cmocka_unit_test(test_embed_and_encode),
	    cmocka_unit_test(test_two_byte_codes),
	    cmocka_unit_test(test_fix_write),
	    cmocka_unit_test(test_png_passthrough),
	    cmocka_unit_test(test_png_passthrough_checks),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
