/* The pdf plugin's TrueType reader and subsetter (plugins/pdf/ttf.c), checked
 * against FreeType: the same glyph for every code point, the same advances
 * and names, and subsets whose outlines FreeType loads exactly as it loads
 * the original glyphs (composites included). Then broken fonts: every one
 * is refused or subset without a read out of bounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include "ttf.h"

static const char *const faces[] = {
    "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",     "LiberationSans-Italic.ttf",
    "LiberationSans-BoldItalic.ttf", "LiberationMono-Regular.ttf",
};
#define NFACES (sizeof faces / sizeof faces[0])

/* Latin text a clinic prints, beyond ASCII: accents (mostly composite
 * glyphs in these fonts), typographic punctuation, units and signs. */
static const uint32_t extra_cps[] = {
    0x00E9, 0x00E8, 0x00EA, 0x00E0, 0x00E7, 0x00F1, 0x00FC, 0x00F6, 0x00C5, 0x00C9, 0x00DF,
    0x0153, 0x20AC, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x00B5, 0x2265,
    0x2264, 0x00B0, 0x00B1, 0x00D7, 0x00F7, 0x00BD, 0x0131, 0x01FA, 0x1EA0,
    0x4E00, /* none of these fonts has it */
};

static void path_of(const char *name, char *buf, size_t n)
{
	snprintf(buf, n, "%s/assets/fonts/%s", FOLIO_TEST_SOURCE_DIR, name);
}

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *d;
	long n;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	d = malloc((size_t)n);
	assert_non_null(d);
	assert_int_equal(fread(d, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	*len = (size_t)n;
	return d;
}

static int setup(void **state)
{
	FT_Library *lib = malloc(sizeof *lib);

	if (!lib || FT_Init_FreeType(lib) != 0)
		return -1;
	*state = lib;
	return 0;
}

static int teardown(void **state)
{
	FT_Library *lib = *state;

	FT_Done_FreeType(*lib);
	free(lib);
	return 0;
}

/* ---- reading ----------------------------------------------------------------- */

static void test_refuses_what_is_not_truetype(void **state)
{
	static const unsigned char cff[16] = "OTTO\0\x0a\0\x80\0\x03\0\x20";
	static const unsigned char ttc[16] = "ttcf\0\x01\0\0\0\0\0\x01";
	static const unsigned char text[] = "Neck pain at the desk: what helps\n";
	char path[4096];
	const char *why = NULL;
	unsigned char *font;
	size_t len;
	ttf_font f;

	(void)state;
	assert_int_equal(ttf_open(&f, "/nonexistent/font.ttf", &why), -1);
	assert_string_equal(why, "cannot read font file");
	assert_int_equal(ttf_parse(&f, cff, sizeof cff, &why), -1);
	assert_non_null(strstr(why, "CFF outlines"));
	assert_int_equal(ttf_parse(&f, ttc, sizeof ttc, &why), -1);
	assert_non_null(strstr(why, "collection"));
	assert_int_equal(ttf_parse(&f, text, sizeof text, &why), -1);
	assert_string_equal(why, "not a TrueType font");
	assert_int_equal(ttf_parse(&f, text, 5, &why), -1);

	path_of(faces[0], path, sizeof path);
	font = slurp(path, &len);
	/* cut anywhere: the directory, a table, the end of glyf */
	for (size_t cut = 0; cut < len; cut += cut < 4096 ? 97 : 40961) {
		why = NULL;
		assert_int_equal(ttf_parse(&f, font, cut, &why), -1);
		assert_non_null(why);
	}
	assert_int_equal(ttf_parse(&f, font, len, &why), 0);
	free(font);
}

static void test_lookups_match_freetype(void **state)
{
	FT_Library lib = *(FT_Library *)*state;

	for (size_t k = 0; k < NFACES; k++) {
		char path[4096], ps[64];
		const char *why;
		ttf_font f;
		ttf_metrics m;
		FT_Face ft;
		unsigned mapped = 0;

		path_of(faces[k], path, sizeof path);
		assert_int_equal(ttf_open(&f, path, &why), 0);
		assert_int_equal(FT_New_Face(lib, path, 0, &ft), 0);
		assert_int_equal(f.glyph_count, (unsigned)ft->num_glyphs);
		assert_int_equal(f.upem, ft->units_per_EM);
		for (uint32_t cp = 0; cp < 0x30000; cp++) {
			unsigned g = ttf_glyph(&f, cp);

			if (g != FT_Get_Char_Index(ft, cp))
				fail_msg("%s: U+%04X: glyph %u, FreeType %u", faces[k], cp, g,
				         FT_Get_Char_Index(ft, cp));
			mapped += g != 0;
		}
		assert_true(mapped > 2000);
		for (unsigned g = 0; g < f.glyph_count; g += 7) {
			assert_int_equal(FT_Load_Glyph(ft, g, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING), 0);
			assert_int_equal(ttf_advance(&f, g), ft->glyph->metrics.horiAdvance);
		}
		assert_int_equal(ttf_advance(&f, f.glyph_count), 0);
		ttf_get_metrics(&f, &m);
		assert_int_equal(m.ascender, ft->ascender);
		assert_int_equal(m.descender, ft->descender);
		assert_int_equal(m.bbox[0], ft->bbox.xMin);
		assert_int_equal(m.bbox[3], ft->bbox.yMax);
		assert_true(m.cap_height > 0 && m.cap_height < m.ascender);
		assert_int_equal(m.fixed_pitch, FT_IS_FIXED_WIDTH(ft) ? 1 : 0);
		assert_int_equal(m.italic_angle != 0, (ft->style_flags & FT_STYLE_FLAG_ITALIC) != 0);
		assert_true(ttf_postscript_name(&f, ps, sizeof ps) > 0);
		assert_string_equal(ps, FT_Get_Postscript_Name(ft));
		FT_Done_Face(ft);
		ttf_close(&f);
	}
}

/* ---- subsetting --------------------------------------------------------------- */

static size_t make_chars(ttf_subset_char *c)
{
	size_t n = 0;

	for (uint32_t cp = 0x20; cp < 0x7F; cp++)
		c[n++] = (ttf_subset_char){.cp = cp};
	for (size_t i = 0; i < sizeof extra_cps / sizeof extra_cps[0]; i++)
		c[n++] = (ttf_subset_char){.cp = extra_cps[i]};
	/* sorted by code point, as ttf_subset asks */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && c[j - 1].cp > c[j].cp; j--) {
			ttf_subset_char t = c[j];

			c[j] = c[j - 1];
			c[j - 1] = t;
		}
	return n;
}

/* FreeType's outline of glyph gid, unscaled and unhinted, composites
 * resolved, against the same of the original's glyph. */
static void same_outline(FT_Face a, unsigned ga, FT_Face b, unsigned gb, uint32_t cp)
{
	FT_Outline oa, ob;
	FT_Pos adv;

	assert_int_equal(FT_Load_Glyph(a, ga, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING), 0);
	oa = a->glyph->outline;
	adv = a->glyph->metrics.horiAdvance;
	/* copy the first, the second load reuses the slot of another face */
	FT_Vector *pts = malloc(((size_t)oa.n_points + 1) * sizeof *pts);
	char *tags = malloc((size_t)oa.n_points + 1);
	short *ends = malloc(((size_t)oa.n_contours + 1) * sizeof *ends);
	short na = oa.n_points, ca = oa.n_contours;

	assert_true(pts && tags && ends);
	if (na > 0) { /* a space has no outline, and FreeType no arrays */
		memcpy(pts, oa.points, (size_t)na * sizeof *pts);
		memcpy(tags, oa.tags, (size_t)na);
	}
	if (ca > 0)
		memcpy(ends, oa.contours, (size_t)ca * sizeof *ends);
	assert_int_equal(FT_Load_Glyph(b, gb, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING), 0);
	ob = b->glyph->outline;
	if (ob.n_points != na || ob.n_contours != ca)
		fail_msg("U+%04X: %d points in %d contours, the original %d in %d", cp,
		         ob.n_points, ob.n_contours, na, ca);
	if (na > 0)
		assert_memory_equal(ob.points, pts, (size_t)na * sizeof *pts);
	for (short i = 0; i < na; i++) /* the on-curve bit; FreeType keeps others */
		assert_int_equal(ob.tags[i] & 1, tags[i] & 1);
	if (ca > 0)
		assert_memory_equal(ob.contours, ends, (size_t)ca * sizeof *ends);
	assert_int_equal(b->glyph->metrics.horiAdvance, adv);
	free(pts);
	free(tags);
	free(ends);
}

static void test_subset_outlines_match(void **state)
{
	FT_Library lib = *(FT_Library *)*state;

	for (size_t k = 0; k < NFACES; k++) {
		ttf_subset_char chars[256];
		size_t n = make_chars(chars), distinct = 1;
		ttf_subset_font sub;
		char path[4096];
		const char *why;
		ttf_font f, back;
		FT_Face orig, ft;

		path_of(faces[k], path, sizeof path);
		assert_int_equal(ttf_open(&f, path, &why), 0);
		assert_int_equal(ttf_subset(&f, chars, n, &sub, &why), 0);
		assert_true(sub.len < 24000); /* the whole face is 300-400 KB */
		assert_int_equal(FT_New_Face(lib, path, 0, &orig), 0);
		assert_int_equal(FT_New_Memory_Face(lib, sub.data, (FT_Long)sub.len, 0, &ft), 0);
		assert_int_equal((unsigned)ft->num_glyphs, sub.glyph_count);
		for (size_t i = 0; i < n; i++) {
			unsigned og = FT_Get_Char_Index(orig, chars[i].cp);

			if (og == 0) {
				assert_int_equal(chars[i].gid, 0);
				continue;
			}
			/* glyphs come in the order of the characters */
			if (i == 0 || chars[i].gid > chars[i - 1].gid)
				assert_int_equal(chars[i].gid, distinct++);
			assert_int_equal(FT_Get_Char_Index(ft, chars[i].cp), chars[i].gid);
			same_outline(orig, og, ft, chars[i].gid, chars[i].cp);
		}
		/* accented capitals are composites: their parts came along */
		if (k < 4)
			assert_true(sub.glyph_count > distinct);
		/* and the subset reads back with the same figures */
		assert_int_equal(ttf_parse(&back, sub.data, sub.len, &why), 0);
		assert_int_equal(back.upem, f.upem);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(ttf_glyph(&back, chars[i].cp), chars[i].gid);
		FT_Done_Face(ft);
		FT_Done_Face(orig);
		free(sub.data);
		ttf_close(&f);
	}
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t sum32(const unsigned char *d, size_t len)
{
	uint32_t s = 0;

	for (size_t i = 0; i + 4 <= len; i += 4)
		s += be32(d + i);
	return s;
}

static void test_subset_structure(void **state)
{
	ttf_subset_char chars[256], again[256];
	size_t n = make_chars(chars), tables;
	ttf_subset_font sub, sub2;
	char path[4096];
	const char *why;
	uint32_t prev = 0;
	ttf_font f;
	int has_glyf = 0, has_head = 0;

	(void)state;
	memcpy(again, chars, sizeof chars);
	path_of(faces[0], path, sizeof path);
	assert_int_equal(ttf_open(&f, path, &why), 0);
	assert_int_equal(ttf_subset(&f, chars, n, &sub, &why), 0);
	assert_int_equal(ttf_subset(&f, again, n, &sub2, &why), 0);
	assert_int_equal(sub.len, sub2.len); /* the same bytes for the same text */
	assert_memory_equal(sub.data, sub2.data, sub.len);
	assert_int_equal(sub.len % 4, 0);
	assert_int_equal(sum32(sub.data, sub.len), 0xB1B0AFBAu); /* head's adjustment */
	tables = (size_t)sub.data[4] << 8 | sub.data[5];
	for (size_t i = 0; i < tables; i++) {
		const unsigned char *rec = sub.data + 12 + 16 * i;
		uint32_t tag = be32(rec), off = be32(rec + 8), len = be32(rec + 12), sum;

		assert_true(tag > prev); /* the directory is sorted */
		prev = tag;
		assert_true((uint64_t)off + len <= sub.len);
		sum = sum32(sub.data + off, (len + 3) & ~3u);
		if (tag == 0x68656164) /* head's is summed with its adjustment at 0 */
			sum -= be32(sub.data + off + 8);
		assert_int_equal(sum, be32(rec + 4));
		/* hinting is gone */
		assert_true(tag != 0x6670676D && tag != 0x70726570 && tag != 0x63767420);
		if (tag == 0x676C7966)
			has_glyf = 1;
		if (tag == 0x68656164)
			has_head = 1;
		if (tag == 0x6D617870) /* maxp: no instructions anywhere */
			assert_int_equal(sub.data[off + 26] << 8 | sub.data[off + 27], 0);
	}
	assert_true(has_glyf && has_head);
	/* an empty subset is a font of .notdef alone */
	free(sub2.data);
	assert_int_equal(ttf_subset(&f, again, 0, &sub2, &why), 0);
	assert_int_equal(sub2.glyph_count, 1);
	{ /* with an empty glyf table: it reads back */
		ttf_font back;

		assert_int_equal(ttf_parse(&back, sub2.data, sub2.len, &why), 0);
		assert_int_equal(back.glyph_count, 1);
	}
	free(sub.data);
	free(sub2.data);
	ttf_close(&f);
}

/* ---- broken fonts ---------------------------------------------------------------- */

static uint32_t next_rand(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* Where table tag lies in font (0 length when absent). */
static void find_table(const unsigned char *font, uint32_t tag, uint32_t *off, uint32_t *len)
{
	size_t n = (size_t)font[4] << 8 | font[5];

	*off = *len = 0;
	for (size_t i = 0; i < n; i++)
		if (be32(font + 12 + 16 * i) == tag) {
			*off = be32(font + 12 + 16 * i + 8);
			*len = be32(font + 12 + 16 * i + 12);
		}
}

static void test_corrupt_fonts_are_safe(void **state)
{
	static const uint32_t targets[] = {0x676C7966, 0x6C6F6361, 0x636D6170, 0x686D7478,
	                                   0x6E616D65, 0x68656164, 0x6D617870, 0x68686561};
	FT_Library lib = *(FT_Library *)*state;
	char path[4096];
	size_t len, refused = 0, subset = 0;
	unsigned char *orig, *font;
	uint32_t seed = 0x5EED1234;

	path_of(faces[0], path, sizeof path);
	orig = slurp(path, &len);
	font = malloc(len);
	assert_non_null(font);
	for (int round = 0; round < 400; round++) {
		uint32_t off, tlen;
		ttf_subset_char chars[256];
		size_t n = make_chars(chars);
		ttf_subset_font sub;
		const char *why = NULL;
		ttf_font f;

		memcpy(font, orig, len);
		find_table(orig, targets[round % 8], &off, &tlen);
		for (int k = 0; k < 1 + round % 16 && tlen > 0; k++) {
			uint32_t at = off + next_rand(&seed) % (tlen < 4096 ? tlen : 4096);

			/* the glyph table: anywhere in it, the outlines the chars use */
			if (targets[round % 8] == 0x676C7966)
				at = off + next_rand(&seed) % tlen;
			font[at] = (unsigned char)next_rand(&seed);
		}
		if (ttf_parse(&f, font, len, &why) != 0) {
			assert_non_null(why);
			refused++;
			continue;
		}
		for (uint32_t cp = 0; cp < 0x10000; cp += 13)
			(void)ttf_advance(&f, ttf_glyph(&f, cp));
		if (ttf_subset(&f, chars, n, &sub, &why) != 0) {
			assert_non_null(why);
			refused++;
			continue;
		}
		subset++;
		{ /* what was written parses again, and FreeType may read it */
			ttf_font back;
			FT_Face ft;

			assert_int_equal(ttf_parse(&back, sub.data, sub.len, &why), 0);
			if (FT_New_Memory_Face(lib, sub.data, (FT_Long)sub.len, 0, &ft) == 0)
				FT_Done_Face(ft);
		}
		free(sub.data);
	}
	print_message("corrupt fonts: %zu refused, %zu subset\n", refused, subset);
	assert_true(refused > 0 && subset > 0);
	free(font);
	free(orig);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_refuses_what_is_not_truetype),
	    cmocka_unit_test(test_lookups_match_freetype),
	    cmocka_unit_test(test_subset_outlines_match),
	    cmocka_unit_test(test_subset_structure),
	    cmocka_unit_test(test_corrupt_fonts_are_safe),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
