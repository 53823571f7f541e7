/* folio pdf plugin — fonts: HarfBuzz faces, shaping, measuring, and the
 * document's Type0 fonts built through libharu's object model. See fonts.h
 * for the contract. */
#include "fonts.h"
#include "scripts.h"
#include "word_table.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <unicode/uscript.h>
#include <utf8proc.h>

/* The font files, each loaded once and embedded at most once per PDF. */
enum { FILE_REGULAR, FILE_BOLD, FILE_ITALIC, FILE_BOLD_ITALIC, FILE_MONO, FILE_COUNT };

static const char *const font_files[FILE_COUNT] = {
    [FILE_REGULAR] = "fonts/LiberationSans-Regular.ttf",
    [FILE_BOLD] = "fonts/LiberationSans-Bold.ttf",
    [FILE_ITALIC] = "fonts/LiberationSans-Italic.ttf",
    [FILE_BOLD_ITALIC] = "fonts/LiberationSans-BoldItalic.ttf",
    [FILE_MONO] = "fonts/LiberationMono-Regular.ttf",
};

/* Which file draws each face. Headings share the bold face: one font fewer
 * to embed (each costs ~2 KB however few its glyphs). */
static const unsigned char face_file[PDF_FACE_COUNT] = {
    [PDF_FACE_REGULAR] = FILE_REGULAR, [PDF_FACE_BOLD] = FILE_BOLD,
    [PDF_FACE_ITALIC] = FILE_ITALIC,   [PDF_FACE_BOLD_ITALIC] = FILE_BOLD_ITALIC,
    [PDF_FACE_MONO] = FILE_MONO,       [PDF_FACE_HEADING] = FILE_BOLD,
};

struct font_face {
	char path[512];
	int bold;
	int cff; /* PostScript outlines (a CFF table), not glyf */
	hb_blob_t *blob;
	hb_face_t *face;
	hb_font_t *font; /* immutable: shared by threads; scale = units per em */
	unsigned upem, glyphs;
	int ascii; /* every printable ASCII character has a glyph */
	double ascent, descent; /* 1/1000 em */
	/* for the PDF's FontDescriptor, in 1/1000 em */
	char ps_name[64];
	int flags, italic_angle, cap_height, stem_v, bbox[4];
	/* Shape plans by segment properties (direction, script, language), made
	 * on first use and kept for the process: asking HarfBuzz's own cache
	 * for a plan costs as much as shaping a short word. Under plan_lock;
	 * a plan once added never changes. */
	pthread_mutex_t plan_lock;
	struct face_plan {
		hb_segment_properties_t props;
		hb_shape_plan_t *plan;
	} plans[8];
	unsigned nplans;
};

/* Faces fontconfig finds for characters Liberation lacks (Noto for Arabic,
 * Devanagari, Gurmukhi, CJK, ...), loaded when first needed and kept. */
#define MAX_FALLBACK 24
#define FACE_MAX     (FILE_COUNT + MAX_FALLBACK)
#define MAX_NOFONT   256

struct pdf_fonts {
	struct font_face file[FILE_COUNT];
	/* the fallbacks, under lock: a face once added never changes */
	pthread_mutex_t lock;
	struct font_face extra[MAX_FALLBACK];
	unsigned nextra;
	uint32_t nofont[MAX_NOFONT]; /* characters no installed font has */
	unsigned nnofont;
	FcConfig *fc; /* fontconfig's configuration, loaded on the first fallback */
};

static const struct font_face *face_at(const pdf_fonts *fonts, int i)
{
	return i < FILE_COUNT ? &fonts->file[i] : &fonts->extra[i - FILE_COUNT];
}

static int face_has(const struct font_face *f, uint32_t cp);
static folio_status open_face(const char *path, unsigned index, struct font_face *f,
                              folio_error *err);
static void close_face(struct font_face *f);

/* The Noto family Debian ships for cp's script: "Noto Sans " and ICU's
 * name of the script ("Noto Sans Arabic", "Noto Sans Devanagari", "Noto
 * Sans Thai"); Han, Kana and Hangul are in the CJK family's collection. */
static void noto_family(uint32_t cp, char *out, size_t n)
{
	UErrorCode st = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript((UChar32)cp, &st);
	const char *name = U_SUCCESS(st) ? uscript_getName(sc) : NULL;

	switch (sc) {
	case USCRIPT_HAN:
	case USCRIPT_HIRAGANA:
	case USCRIPT_KATAKANA:
	case USCRIPT_HANGUL:
	case USCRIPT_BOPOMOFO: name = "CJK SC"; break;
	default: break;
	}
	snprintf(out, n, "Noto Sans %s", name ? name : "");
}

/* The face (an index for face_at) that draws cp in the style of primary
 * file i: i itself when it has cp, else a fallback, -1 when no font has it. */
static int face_for(pdf_fonts *fonts, int i, uint32_t cp)
{
	int bold = fonts->file[i].bold, found = -1;
	char family[96];
	FcPattern *pat;
	FcCharSet *cs;
	FcFontSet *set;
	FcResult res;

	if (face_has(&fonts->file[i], cp))
		return i;
	if (cp < 0x20 || (cp >= 0xD800 && cp < 0xE000) || cp > 0x10FFFF)
		return -1;
	pthread_mutex_lock(&fonts->lock);
	for (unsigned k = 0; k < fonts->nextra && found < 0; k++)
		if (fonts->extra[k].bold == bold && face_has(&fonts->extra[k], cp))
			found = FILE_COUNT + (int)k;
	for (unsigned k = 0; k < fonts->nnofont && found < 0; k++)
		if (fonts->nofont[k] == cp)
			goto done;
	/* No room for another face: one of the other weight will do. */
	for (unsigned k = 0; k < fonts->nextra && found < 0 && fonts->nextra == MAX_FALLBACK; k++)
		if (face_has(&fonts->extra[k], cp))
			found = FILE_COUNT + (int)k;
	if (found >= 0 || fonts->nextra == MAX_FALLBACK)
		goto done;
	if (!fonts->fc && !(fonts->fc = FcInitLoadConfigAndFonts()))
		goto done;
	pat = FcPatternCreate();
	cs = FcCharSetCreate();
	if (!pat || !cs) {
		FcPatternDestroy(pat);
		FcCharSetDestroy(cs);
		goto done;
	}
	FcCharSetAddChar(cs, cp);
	FcPatternAddCharSet(pat, FC_CHARSET, cs);
	noto_family(cp, family, sizeof family);
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)"Noto Sans");
	FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
	FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
	FcConfigSubstitute(fonts->fc, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	set = FcFontSort(fonts->fc, pat, FcFalse, NULL, &res);
	for (int k = 0; set && k < set->nfont && found < 0; k++) {
		FcCharSet *have;
		FcChar8 *file;
		int index = 0;
		struct font_face *f = &fonts->extra[fonts->nextra];
		folio_error err;

		if (FcPatternGetCharSet(set->fonts[k], FC_CHARSET, 0, &have) != FcResultMatch ||
		    !FcCharSetHasChar(have, cp) ||
		    FcPatternGetString(set->fonts[k], FC_FILE, 0, &file) != FcResultMatch)
			continue;
		FcPatternGetInteger(set->fonts[k], FC_INDEX, 0, &index);
		memset(f, 0, sizeof *f);
		if (open_face((const char *)file, (unsigned)index, f, &err) != FOLIO_OK ||
		    !face_has(f, cp)) {
			close_face(f);
			continue;
		}
		f->bold = bold;
		found = FILE_COUNT + (int)fonts->nextra++;
	}
	if (set)
		FcFontSetDestroy(set);
	FcPatternDestroy(pat);
	FcCharSetDestroy(cs);
	if (found < 0 && fonts->nnofont < MAX_NOFONT)
		fonts->nofont[fonts->nnofont++] = cp;
done:
	pthread_mutex_unlock(&fonts->lock);
	return found;
}

/* ---- folding ------------------------------------------------------------ */

/* A character and what it becomes. always: fold even when the face has the
 * glyph (spaces that must extract as spaces, ligatures that must extract as
 * letters, invisible format characters); otherwise only when it lacks it. */
typedef struct fold_entry {
	uint32_t cp;
	unsigned char always;
	const char *to; /* ASCII or characters every face has */
} fold_entry;

/* Sorted by cp (bsearch). */
static const fold_entry fold_table[] = {
    {0x00A0, 1, " "},   {0x00AD, 1, ""},    {0x2002, 1, " "},
    {0x2003, 1, " "},   {0x2004, 1, " "},   {0x2005, 1, " "},
    {0x2006, 1, " "},   {0x2007, 1, " "},   {0x2008, 1, " "},
    {0x2009, 1, " "},   {0x200A, 1, " "},   {0x200B, 1, ""},
    {0x2010, 0, "-"},
    {0x2011, 1, "-"},   {0x2012, 0, "-"},   {0x2015, 0, "\xE2\x80\x94"},
    {0x2022, 0, "*"},   {0x2032, 0, "'"},   {0x2033, 0, "\""},
    {0x2044, 0, "/"},   {0x205F, 1, " "},   {0x2060, 1, ""},
    {0x2122, 0, "TM"},  {0x2190, 0, "<-"},  {0x2192, 0, "->"},
    {0x2194, 0, "<->"}, {0x21D2, 0, "=>"},  {0x2212, 0, "-"},
    {0x2215, 0, "/"},   {0x2217, 0, "*"},   {0x2248, 0, "~"},
    {0x2260, 0, "!="},  {0x2264, 0, "<="},  {0x2265, 0, ">="},
    {0x2713, 0, "v"},   {0x2714, 0, "v"},   {0x2717, 0, "x"},
    {0x2718, 0, "x"},   {0xFB00, 1, "ff"},  {0xFB01, 1, "fi"},
    {0xFB02, 1, "fl"},  {0xFB03, 1, "ffi"}, {0xFB04, 1, "ffl"},
    {0xFEFF, 1, ""},
};

static int fold_cmp(const void *key, const void *elem)
{
	uint32_t cp = *(const uint32_t *)key;
	const fold_entry *e = elem;

	return cp < e->cp ? -1 : cp > e->cp ? 1 : 0;
}

static int face_has(const struct font_face *f, uint32_t cp)
{
	hb_codepoint_t g;

	return hb_font_get_nominal_glyph(f->font, cp, &g) && g != 0;
}

/* Decodes one UTF-8 character at s[*i] (len bytes in all), advancing *i. A
 * malformed sequence yields U+FFFD and skips one byte. */
static uint32_t next_cp(const char *s, size_t len, size_t *i)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n =
	    utf8proc_iterate((const utf8proc_uint8_t *)s + *i, (utf8proc_ssize_t)(len - *i), &cp);

	if (n <= 0) {
		*i += 1;
		return 0xFFFD;
	}
	*i += (size_t)n;
	return (uint32_t)cp;
}

/* The compatibility decomposition of cp without marks ("é" -> "e",
 * "½" -> "1/2"), when the face has every resulting character. */
static size_t fold_decompose(const struct font_face *f, uint32_t cp, uint32_t *out, size_t cap)
{
	utf8proc_int32_t buf[8];
	int last = 0;
	utf8proc_ssize_t n = utf8proc_decompose_char(
	    (utf8proc_int32_t)cp, buf, 8, UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK,
	    &last);
	size_t k = 0;

	if (n <= 0 || n > 8)
		return 0;
	for (utf8proc_ssize_t j = 0; j < n; j++) {
		if (k == cap || !face_has(f, (uint32_t)buf[j]))
			return 0;
		out[k++] = (uint32_t)buf[j];
	}
	return k;
}

/* 1 for a character whose compatibility decomposition only changes its
 * East Asian width or form: <wide>, <narrow>, <vertical>, <small>. */
static int east_asian_form(uint32_t cp)
{
	const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);

	switch (p->decomp_type) {
	case UTF8PROC_DECOMP_TYPE_WIDE:
	case UTF8PROC_DECOMP_TYPE_NARROW:
	case UTF8PROC_DECOMP_TYPE_VERTICAL:
	case UTF8PROC_DECOMP_TYPE_SMALL: return 1;
	default: return 0;
	}
}

/* Folds one character for face f into out (room for 4). Returns how many
 * characters it became (0: dropped). *missing is set when it became '?'. */
static size_t fold_cp(pdf_fonts *fonts, int file, uint32_t cp, uint32_t out[4], int *missing)
{
	const struct font_face *f = &fonts->file[file];
	const fold_entry *e;
	size_t n;

	*missing = 0;
	if (cp == '\t' || cp == '\n' || cp == '\r') {
		out[0] = ' ';
		return 1;
	}
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	e = bsearch(&cp, fold_table, sizeof fold_table / sizeof fold_table[0], sizeof fold_table[0],
	            fold_cmp);
	if (e && (e->always || !face_has(f, cp))) {
		for (n = 0; e->to[n] && n < 4; n++)
			out[n] = (unsigned char)e->to[n];
		if (n > 0 && (unsigned char)e->to[0] >= 0x80) { /* one UTF-8 character */
			size_t i = 0;
			out[0] = next_cp(e->to, strlen(e->to), &i);
			n = 1;
		}
		return n;
	}
	/* Zero-width (non-)joiners shape Persian, Arabic and Indic text
	 * (HarfBuzz draws them as nothing): kept, in whatever face. */
	if (face_has(f, cp) || cp == 0x200C || cp == 0x200D) {
		out[0] = cp;
		return 1;
	}
	/* East Asian presentation forms (fullwidth "，", halfwidth kana,
	 * vertical and small forms) are the typography of the text around
	 * them: drawn by a face that has them, never as their ASCII or
	 * full-size decomposition. */
	if (east_asian_form(cp) && face_for(fonts, file, cp) >= 0) {
		out[0] = cp;
		return 1;
	}
	n = fold_decompose(f, cp, out, 4);
	/* Another installed font draws it (fontconfig): kept as it is, unless
	 * it is a compatibility form the face draws decomposed ("½"). */
	if (n == 0 && face_for(fonts, file, cp) >= 0) {
		out[0] = cp;
		return 1;
	}
	if (n > 0)
		return n;
	*missing = 1;
	out[0] = '?';
	return 1;
}

size_t pdf_fonts_fold(const pdf_fonts *fonts, pdf_face face, const char *s, size_t len, char *out,
                      size_t cap, unsigned *missing)
{
	/* The fallback cache is the one part of fonts that changes (under its
	 * lock). */
	pdf_fonts *fm = (pdf_fonts *)(uintptr_t)fonts;
	const struct font_face *f = &fonts->file[face_file[face]];
	size_t i = 0, o = 0;

	while (i < len) {
		uint32_t cps[4];
		int miss;
		size_t n;

		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F && f->ascii) {
			if (o + 2 > cap)
				return (size_t)-1;
			out[o++] = s[i++];
			continue;
		}
		n = fold_cp(fm, face_file[face], next_cp(s, len, &i), cps, &miss);

		if (miss && missing)
			(*missing)++;
		for (size_t k = 0; k < n; k++) {
			utf8proc_uint8_t enc[4];
			utf8proc_ssize_t m = utf8proc_encode_char((utf8proc_int32_t)cps[k], enc);

			if (o + (size_t)m + 1 > cap)
				return (size_t)-1;
			memcpy(out + o, enc, (size_t)m);
			o += (size_t)m;
		}
	}
	if (cap == 0)
		return (size_t)-1;
	out[o] = '\0';
	return o;
}

uint32_t pdf_fonts_missing(const pdf_fonts *fonts, pdf_face face, const char *s, size_t len)
{
	pdf_fonts *fm = (pdf_fonts *)(uintptr_t)fonts; /* the fallback cache */
	size_t i = 0;

	while (i < len) {
		uint32_t cps[4], cp = next_cp(s, len, &i);
		int miss;

		fold_cp(fm, face_file[face], cp, cps, &miss);
		if (miss)
			return cp;
	}
	return 0;
}

/* ---- shaping and measuring ------------------------------------------------- */

/* Kerning and the standard ligatures, as the design asks (both are on by
 * default in HarfBuzz; named so the choice is visible). */
static const hb_feature_t shape_features[] = {
    {HB_TAG('k', 'e', 'r', 'n'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    {HB_TAG('l', 'i', 'g', 'a'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
};
#define SHAPE_FEATURES (sizeof shape_features / sizeof shape_features[0])

/* The plan that shapes b's segment with f, made on first use; NULL when the
 * face's table is full or HarfBuzz has no memory (then hb_shape decides). */
static hb_shape_plan_t *face_plan(const struct font_face *cf, const hb_buffer_t *b)
{
	struct font_face *f = (struct font_face *)(uintptr_t)cf; /* the plan cache */
	hb_segment_properties_t props;
	hb_shape_plan_t *plan = NULL;

	hb_buffer_get_segment_properties(b, &props);
	pthread_mutex_lock(&f->plan_lock);
	for (unsigned k = 0; k < f->nplans && !plan; k++)
		if (hb_segment_properties_equal(&f->plans[k].props, &props))
			plan = f->plans[k].plan;
	if (!plan && f->nplans < sizeof f->plans / sizeof f->plans[0]) {
		plan = hb_shape_plan_create_cached(f->face, &props, shape_features, SHAPE_FEATURES,
		                                   NULL);
		if (plan == hb_shape_plan_get_empty()) {
			plan = NULL;
		} else {
			f->plans[f->nplans].props = props;
			f->plans[f->nplans++].plan = plan;
		}
	}
	pthread_mutex_unlock(&f->plan_lock);
	return plan;
}

/* Shapes UTF-8 text with f into a new buffer (NULL when out of memory):
 * right to left when rtl is 1 (a bidi run's direction), left to right when
 * 0, as HarfBuzz guesses from the script when -1. */
static hb_buffer_t *shape_lang(const struct font_face *f, const char *s, size_t len, int rtl,
                               hb_language_t lang)
{
	hb_buffer_t *b = hb_buffer_create();
	hb_shape_plan_t *plan;

	if (!hb_buffer_allocation_successful(b)) {
		hb_buffer_destroy(b);
		return NULL;
	}
	hb_buffer_add_utf8(b, s, (int)len, 0, (int)len);
	if (rtl >= 0)
		hb_buffer_set_direction(b, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
	if (lang)
		hb_buffer_set_language(b, lang);
	hb_buffer_guess_segment_properties(b);
	plan = face_plan(f, b);
	if (plan)
		hb_shape_plan_execute(plan, f->font, b, shape_features, SHAPE_FEATURES);
	else
		hb_shape(f->font, b, shape_features, SHAPE_FEATURES);
	if (!hb_buffer_allocation_successful(b)) {
		hb_buffer_destroy(b);
		return NULL;
	}
	return b;
}

/* A glyph's advance as the /W array gives it: 1/1000 em, rounded. */
static unsigned em1000(const struct font_face *f, hb_position_t advance)
{
	return (unsigned)(advance * 1000.0 / f->upem + 0.5);
}

static unsigned nominal_width(const struct font_face *f, hb_codepoint_t g)
{
	return em1000(f, hb_font_get_glyph_h_advance(f->font, g));
}

/* The width drawn: each glyph's /W width, plus what shaping changed
 * (kerning), which the TJ arrays carry. */
static double advance_sum(const struct font_face *f, hb_buffer_t *b)
{
	unsigned n;
	const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(b, &n);
	const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(b, &n);
	double total = 0;
	hb_position_t shaped = 0;

	for (unsigned i = 0; i < n; i++) {
		hb_position_t adv = hb_font_get_glyph_h_advance(f->font, info[i].codepoint);

		total += em1000(f, adv);
		shaped += pos[i].x_advance - adv;
	}
	return total + shaped * 1000.0 / f->upem;
}

/* 1 for a character that joins the run before it when that run's face has
 * it: spaces, punctuation, digits and marks, so that a word of Arabic or
 * Devanagari and its spaces and full stops shape as one run. */
static int neutral(uint32_t cp)
{
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_PC:
	case UTF8PROC_CATEGORY_PD:
	case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PI:
	case UTF8PROC_CATEGORY_PF:
	case UTF8PROC_CATEGORY_PO:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_CF: return 1;
	default: return 0;
	}
}

/* The end of the run that starts at s[start] (folded text of primary file
 * i): characters one face draws. *face: that face (face_at). */
static size_t next_run(pdf_fonts *fonts, int file, const char *s, size_t len, size_t start,
                       int *face)
{
	size_t i = start;
	int cur = -1;

	while (i < len) {
		size_t at = i;
		uint32_t cp;
		int fc;

		if ((unsigned char)s[i] < 0x80 && cur == file) { /* ASCII in the primary face */
			i++;
			continue;
		}
		cp = next_cp(s, len, &i);
		if (cur >= 0 && neutral(cp) && face_has(face_at(fonts, cur), cp))
			continue;
		if (cp == 0x200C || cp == 0x200D) /* joiners stay in their run */
			continue;
		fc = face_for(fonts, file, cp);
		if (fc < 0)
			fc = file; /* folding made it '?': never here */
		if (cur < 0) {
			cur = fc;
		} else if (fc != cur) {
			i = at;
			break;
		}
	}
	*face = cur < 0 ? file : cur;
	return i;
}

/* ---- the shaped words of one render ------------------------------------------------ */

/* A word (or a space) shaped once per render, left to right, in one face:
 * the layout measures it and the writer draws it from the same glyphs. */
typedef struct word_glyph {
	uint16_t gid, cluster; /* cluster: byte offset in the word */
	int16_t adv, nominal;  /* shaped and nominal advance, font units */
	int16_t xoff, yoff;
} word_glyph;

struct pdf_shaped {
	hb_language_t lang;
	word_table words; /* tag: the font file (face_at's index) */
	word_glyph *glyphs;
	size_t nglyphs, capglyphs;
};

pdf_shaped *pdf_shaped_new(const char *lang)
{
	pdf_shaped *s = calloc(1, sizeof *s);

	if (!s)
		return NULL;
	if (!word_table_init(&s->words)) {
		free(s);
		return NULL;
	}
	s->lang = lang && *lang ? hb_language_from_string(lang, -1) : NULL;
	return s;
}

void pdf_shaped_free(pdf_shaped *s)
{
	if (!s)
		return;
	word_table_free(&s->words);
	free(s->glyphs);
	free(s);
}

/* Copies b's glyphs to the end of s->glyphs; their count, or 0 when they
 * cannot be kept (not left to right, an ID or a position out of range, no
 * memory). */
static uint32_t keep_glyphs(pdf_shaped *s, const struct font_face *f, hb_buffer_t *b)
{
	unsigned n;
	const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(b, &n);
	const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(b, &n);

	if (hb_buffer_get_direction(b) != HB_DIRECTION_LTR || n == 0 || n > UINT16_MAX)
		return 0;
	if (s->nglyphs + n > s->capglyphs) {
		size_t cap = s->capglyphs ? s->capglyphs * 2 : 2048;
		word_glyph *g;

		while (cap < s->nglyphs + n)
			cap *= 2;
		if (cap > UINT32_MAX || !(g = realloc(s->glyphs, cap * sizeof *g)))
			return 0;
		s->glyphs = g;
		s->capglyphs = cap;
	}
	for (unsigned k = 0; k < n; k++) {
		hb_position_t nom = hb_font_get_glyph_h_advance(f->font, info[k].codepoint);

		if (info[k].codepoint > UINT16_MAX || info[k].cluster > UINT16_MAX ||
		    pos[k].x_advance < INT16_MIN || pos[k].x_advance > INT16_MAX || nom > INT16_MAX ||
		    pos[k].x_offset < INT16_MIN || pos[k].x_offset > INT16_MAX ||
		    pos[k].y_offset < INT16_MIN || pos[k].y_offset > INT16_MAX || pos[k].y_advance)
			return 0;
		s->glyphs[s->nglyphs + k] =
		    (word_glyph){(uint16_t)info[k].codepoint, (uint16_t)info[k].cluster,
		                 (int16_t)pos[k].x_advance,   (int16_t)nom,
		                 (int16_t)pos[k].x_offset,    (int16_t)pos[k].y_offset};
	}
	s->nglyphs += n;
	return n;
}

/* The glyphs of word t (folded, one run of face file fi) shaped left to
 * right, from the store or shaped now and kept: 1 with *first and *n set, or
 * 0 when the caller must shape it itself (no store, too long, not left to
 * right, no memory). *alone (may be NULL) is the width of a word shaped now
 * that could not be kept, else -1: the caller need not shape it again. */
static int shaped_word(pdf_shaped *s, const pdf_fonts *fonts, int fi, const char *t, size_t len,
                       uint32_t *first, uint32_t *n, double *alone)
{
	const word_value *kept;
	word_value v;
	hb_buffer_t *b;

	if (alone)
		*alone = -1;
	if (!s || len == 0 || len > WORD_TABLE_KEY_MAX)
		return 0;
	kept = word_table_find(&s->words, (unsigned)fi, t, len);
	if (kept) {
		v = *kept;
	} else {
		b = shape_lang(face_at(fonts, fi), t, len, -1, s->lang);
		if (!b)
			return 0;
		v.glyphs.first = (uint32_t)s->nglyphs;
		v.glyphs.n = keep_glyphs(s, face_at(fonts, fi), b);
		if (!v.glyphs.n && alone)
			*alone = advance_sum(face_at(fonts, fi), b);
		hb_buffer_destroy(b);
		/* kept with n = 0 too: a word that cannot be kept is not shaped
		 * twice to learn it again */
		if (!word_table_add(&s->words, (unsigned)fi, t, len, v))
			s->nglyphs -= v.glyphs.n;
	}
	*first = v.glyphs.first;
	*n = v.glyphs.n;
	return v.glyphs.n > 0;
}

/* The width of stored glyphs as pdf_fonts_width gives it. */
static double word_width(const pdf_shaped *s, const struct font_face *f, uint32_t first,
                         uint32_t n)
{
	double total = 0;
	long shaped = 0;

	for (uint32_t k = 0; k < n; k++) {
		const word_glyph *g = &s->glyphs[first + k];

		total += em1000(f, g->nominal);
		shaped += g->adv - g->nominal;
	}
	return total + shaped * 1000.0 / f->upem;
}

double pdf_fonts_width(const pdf_fonts *fonts, pdf_face face, const char *s, size_t len)
{
	return pdf_fonts_width_in(fonts, face, s, len, NULL);
}

double pdf_fonts_width_in(const pdf_fonts *fonts, pdf_face face, const char *s, size_t len,
                          pdf_shaped *store)
{
	pdf_fonts *fm = (pdf_fonts *)(uintptr_t)fonts; /* the fallback cache */
	char stack[512], *folded = stack;
	size_t cap = sizeof stack, n;
	double w = 0;

	if (len == 0)
		return 0;
	/* Folding never makes a character more than 4 bytes from 1 byte. */
	if (4 * len + 1 > cap) {
		cap = 4 * len + 1;
		folded = malloc(cap);
		if (!folded)
			return 0;
	}
	n = pdf_fonts_fold(fonts, face, s, len, folded, cap, NULL);
	for (size_t at = 0; n != (size_t)-1 && at < n;) {
		int fi;
		size_t end = next_run(fm, face_file[face], folded, n, at, &fi);
		const struct font_face *f = face_at(fonts, fi);
		uint32_t first, count;
		double alone;

		if (shaped_word(store, fonts, fi, folded + at, end - at, &first, &count, &alone)) {
			w += word_width(store, f, first, count);
		} else if (alone >= 0) {
			w += alone;
		} else {
			hb_buffer_t *b = shape_lang(f, folded + at, end - at, -1,
			                            store ? store->lang : NULL);

			w += b ? advance_sum(f, b) : 0;
			hb_buffer_destroy(b);
		}
		at = end;
	}
	if (folded != stack)
		free(folded);
	return w;
}

/* ---- loading -------------------------------------------------------------- */

double pdf_fonts_ascent(const pdf_fonts *fonts, pdf_face face)
{
	return fonts->file[face_file[face]].ascent;
}

double pdf_fonts_descent(const pdf_fonts *fonts, pdf_face face)
{
	return fonts->file[face_file[face]].descent;
}

static int be16(const char *p)
{
	return (int16_t)(((unsigned)(unsigned char)p[0] << 8) | (unsigned char)p[1]);
}

/* The FontDescriptor's figures, from the head, OS/2 and post tables. */
static void read_descriptor(struct font_face *f)
{
	double k = 1000.0 / f->upem;
	hb_blob_t *head = hb_face_reference_table(f->face, HB_TAG('h', 'e', 'a', 'd'));
	unsigned hl;
	const char *h = hb_blob_get_data(head, &hl);
	hb_position_t cap = 0;
	float weight = hb_style_get_value(f->font, HB_STYLE_TAG_WEIGHT);
	unsigned len = 64;
	hb_glyph_extents_t ext_i, ext_m;
	hb_codepoint_t gi, gm;

	if (hl >= 44)
		for (int i = 0; i < 4; i++)
			f->bbox[i] = (int)(be16(h + 36 + 2 * i) * k);
	hb_blob_destroy(head);
	f->italic_angle = (int)hb_style_get_value(f->font, HB_STYLE_TAG_SLANT_ANGLE);
	if (hb_ot_metrics_get_position(f->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) && cap > 0)
		f->cap_height = (int)(cap * k);
	else
		f->cap_height = (int)(f->ascent * 0.7);
	/* No table holds it; the usual estimate from the weight class. */
	f->stem_v = (int)(10 + 220 * ((weight - 50) / 900) * ((weight - 50) / 900));
	f->flags = 32; /* non-symbolic */
	/* fixed pitch: 'i' as wide as 'M' */
	if (hb_font_get_nominal_glyph(f->font, 'i', &gi) &&
	    hb_font_get_nominal_glyph(f->font, 'M', &gm) &&
	    hb_font_get_glyph_h_advance(f->font, gi) == hb_font_get_glyph_h_advance(f->font, gm))
		f->flags |= 1;
	(void)ext_i;
	(void)ext_m;
	if (f->italic_angle != 0)
		f->flags |= 64;
	if (hb_ot_name_get_utf8(f->face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len,
	                        f->ps_name) == 0 ||
	    !f->ps_name[0])
		snprintf(f->ps_name, sizeof f->ps_name, "Font");
	/* a PDF name: letters, digits, '-' and '_' only */
	for (char *c = f->ps_name; *c; c++)
		if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
		      (*c >= '0' && *c <= '9') || *c == '-' || *c == '_'))
			*c = '-';
}

/* Opens the font at path (face index in a collection) into f. */
static folio_status open_face(const char *path, unsigned index, struct font_face *f,
                              folio_error *err)
{
	hb_font_extents_t ext;
	hb_blob_t *t;

	snprintf(f->path, sizeof f->path, "%s", path);
	pthread_mutex_init(&f->plan_lock, NULL);
	f->blob = hb_blob_create_from_file_or_fail(path);
	if (!f->blob)
		return folio_error_set(err, FOLIO_ERR_IO, path, 0, 0, "cannot read font file");
	f->face = hb_face_create(f->blob, index);
	f->glyphs = hb_face_get_glyph_count(f->face);
	f->upem = hb_face_get_upem(f->face);
	t = hb_face_reference_table(f->face, HB_TAG('C', 'F', 'F', ' '));
	f->cff = hb_blob_get_length(t) > 0;
	hb_blob_destroy(t);
	t = hb_face_reference_table(f->face, HB_TAG('g', 'l', 'y', 'f'));
	if (f->glyphs == 0 || f->upem < 16 || (!f->cff && hb_blob_get_length(t) == 0)) {
		hb_blob_destroy(t);
		return folio_error_set(err, FOLIO_ERR_IO, path, 0, 0,
		                       "not a TrueType or OpenType font");
	}
	hb_blob_destroy(t);
	f->font = hb_font_create(f->face);
	hb_font_make_immutable(f->font);
	hb_font_get_h_extents(f->font, &ext);
	f->ascent = ext.ascender * 1000.0 / f->upem;
	f->descent = ext.descender * 1000.0 / f->upem;
	read_descriptor(f);
	f->ascii = 1;
	for (uint32_t cp = 0x20; cp < 0x7F; cp++)
		if (!face_has(f, cp))
			f->ascii = 0;
	return FOLIO_OK;
}

static void close_face(struct font_face *f)
{
	for (unsigned k = 0; k < f->nplans; k++)
		hb_shape_plan_destroy(f->plans[k].plan);
	f->nplans = 0;
	pthread_mutex_destroy(&f->plan_lock);
	hb_font_destroy(f->font);
	hb_face_destroy(f->face);
	hb_blob_destroy(f->blob);
	f->font = NULL;
	f->face = NULL;
	f->blob = NULL;
}

static folio_status load_face(const folio_host *host, const char *rel, struct font_face *f,
                              folio_error *err)
{
	char path[4096];

	if (!host->find_asset || !host->find_asset(host, rel, path, sizeof path))
		return folio_error_set(err, FOLIO_ERR_IO, rel, 0, 0,
		                       "font not found in folio's assets");
	return open_face(path, 0, f, err);
}

folio_status pdf_fonts_load(const folio_host *host, pdf_fonts **out, folio_error *err)
{
	pdf_fonts *fonts = calloc(1, sizeof *fonts);
	folio_status st = FOLIO_OK;

	*out = NULL;
	if (!fonts)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	pthread_mutex_init(&fonts->lock, NULL);
	for (int i = 0; i < FILE_COUNT && st == FOLIO_OK; i++) {
		st = load_face(host, font_files[i], &fonts->file[i], err);
		fonts->file[i].bold = i == FILE_BOLD || i == FILE_BOLD_ITALIC;
	}
	if (st != FOLIO_OK) {
		pdf_fonts_free(fonts);
		return st;
	}
	*out = fonts;
	return FOLIO_OK;
}

void pdf_fonts_free(pdf_fonts *fonts)
{
	if (!fonts)
		return;
	for (int i = 0; i < FILE_COUNT; i++)
		close_face(&fonts->file[i]);
	for (unsigned k = 0; k < fonts->nextra; k++)
		close_face(&fonts->extra[k]);
	if (fonts->fc)
		FcConfigDestroy(fonts->fc);
	pthread_mutex_destroy(&fonts->lock);
	free(fonts);
}

/* ---- content-stream text ------------------------------------------------------- */

void pdf_buf_put(pdf_buf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;

		while (cap < b->len + n + 1)
			cap *= 2;
		p = realloc(b->p, cap);
		if (!p) {
			b->failed = 1;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void pdf_buf_hex4(pdf_buf *b, unsigned v)
{
	static const char hex[] = "0123456789ABCDEF";
	char s[4] = {hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15]};

	pdf_buf_put(b, s, 4);
}

void pdf_buf_fixed(pdf_buf *b, double v, int decimals)
{
	static const unsigned long long scale[] = {1, 10, 100, 1000, 10000};
	char tmp[48], *e = tmp + sizeof tmp, *p = e;
	unsigned long long m = scale[decimals < 0 ? 0 : decimals > 4 ? 4 : decimals], x;
	int neg = v < 0, k = 0;

	if (!(v > -1e12 && v < 1e12)) { /* never for a page's numbers */
		pdf_buf_printf(b, "%.*f", decimals, v);
		return;
	}
	x = (unsigned long long)((neg ? -v : v) * (double)m + 0.5);
	for (; m > 1; m /= 10, k++) {
		*--p = (char)('0' + x % 10);
		x /= 10;
	}
	if (k)
		*--p = '.';
	do {
		*--p = (char)('0' + x % 10);
		x /= 10;
	} while (x);
	if (neg)
		*--p = '-';
	pdf_buf_put(b, p, (size_t)(e - p));
}

void pdf_buf_font(pdf_buf *b, const char *name, double size)
{
	pdf_buf_put(b, "/", 1);
	pdf_buf_put(b, name, strlen(name));
	pdf_buf_put(b, " ", 1);
	pdf_buf_fixed(b, size, 3);
	pdf_buf_put(b, " Tf\n", 4);
}

void pdf_buf_printf(pdf_buf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof tmp) {
		b->failed = 1;
		return;
	}
	pdf_buf_put(b, tmp, (size_t)n);
}

/* A number for a content stream: at most two decimals, no exponent. */
static void put_num(pdf_buf *b, double v)
{
	char tmp[32];
	int n = snprintf(tmp, sizeof tmp, "%.2f", v);

	while (n > 0 && tmp[n - 1] == '0')
		n--;
	if (n > 0 && tmp[n - 1] == '.')
		n--;
	if (n == 2 && tmp[0] == '-' && tmp[1] == '0')
		n = 1, tmp[0] = '0';
	pdf_buf_put(b, tmp, (size_t)n);
}

/* ---- the document's fonts ----------------------------------------------------------- */

/* What one glyph stands for in the ToUnicode map: the characters of the
 * first cluster it was drawn for (UTF-16 units). */
typedef struct glyph_text {
	uint16_t *u;
	unsigned char n; /* 0: not drawn */
} glyph_text;

struct doc_font {
	HPDF_Dict type0, cid, desc;
	glyph_text *text; /* by glyph ID, [glyphs] */
	unsigned drawn;   /* glyphs with text */
	uint16_t *w;      /* the /W advance of each glyph drawn, 1/1000 em */
	unsigned char *used; /* by glyph ID: drawn (in the subset, in /W) */
};

struct pdf_font_use {
	const pdf_fonts *fonts;
	HPDF_Doc pdf;
	struct doc_font file[FACE_MAX]; /* by face_at index */
	hb_language_t lang; /* the article's, for shaping; NULL: HarfBuzz's default */
	pdf_shaped *shaped; /* the render's shaped words, or NULL */
};

void pdf_font_use_set_shaped(pdf_font_use *use, pdf_shaped *shaped)
{
	if (use)
		use->shaped = shaped;
}

void pdf_font_use_set_lang(pdf_font_use *use, const char *lang)
{
	if (use && lang && *lang)
		use->lang = hb_language_from_string(lang, -1);
}

pdf_font_use *pdf_font_use_new(const pdf_fonts *fonts, HPDF_Doc pdf)
{
	pdf_font_use *use = calloc(1, sizeof *use);

	if (!use)
		return NULL;
	use->fonts = fonts;
	use->pdf = pdf;
	return use;
}

void pdf_font_use_free(pdf_font_use *use)
{
	if (!use)
		return;
	for (int i = 0; i < FACE_MAX; i++) {
		struct doc_font *d = &use->file[i];

		if (d->text)
			for (unsigned g = 0; g < face_at(use->fonts, i)->glyphs; g++)
				free(d->text[g].u);
		free(d->text);
		free(d->w);
		free(d->used);
	}
	free(use);
}

/* The font objects of file i, made on first use. libharu's errors go to its
 * handler; NULL on failure. */
static struct doc_font *doc_font(pdf_font_use *use, int i)
{
	struct doc_font *d = &use->file[i];
	const struct font_face *f = face_at(use->fonts, i);
	HPDF_MMgr mm = use->pdf->mmgr;
	HPDF_Xref xref = use->pdf->xref;
	HPDF_Array arr;
	HPDF_Dict info;

	if (d->type0)
		return d;
	d->text = calloc(f->glyphs, sizeof *d->text);
	d->w = calloc(f->glyphs, sizeof *d->w);
	d->used = calloc(f->glyphs, 1);
	if (!d->text || !d->w || !d->used)
		return NULL;
	d->type0 = HPDF_Dict_New(mm);
	d->cid = HPDF_Dict_New(mm);
	d->desc = HPDF_Dict_New(mm);
	if (!d->type0 || !d->cid || !d->desc || HPDF_Xref_Add(xref, d->type0) != HPDF_OK ||
	    HPDF_Xref_Add(xref, d->cid) != HPDF_OK || HPDF_Xref_Add(xref, d->desc) != HPDF_OK)
		return NULL;
	HPDF_Dict_AddName(d->type0, "Type", "Font");
	HPDF_Dict_AddName(d->type0, "Subtype", "Type0");
	HPDF_Dict_AddName(d->type0, "Encoding", "Identity-H");
	arr = HPDF_Array_New(mm);
	HPDF_Dict_Add(d->type0, "DescendantFonts", arr);
	HPDF_Array_Add(arr, d->cid);
	HPDF_Dict_AddName(d->cid, "Type", "Font");
	/* CFF outlines: CIDFontType0 (its CIDs are the glyph IDs: hb-subset
	 * keeps them, and writes a CID-keyed font's charset as identity). */
	HPDF_Dict_AddName(d->cid, "Subtype", f->cff ? "CIDFontType0" : "CIDFontType2");
	if (!f->cff)
		HPDF_Dict_AddName(d->cid, "CIDToGIDMap", "Identity");
	info = HPDF_Dict_New(mm);
	HPDF_Dict_Add(d->cid, "CIDSystemInfo", info);
	HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL));
	HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", NULL));
	HPDF_Dict_AddNumber(info, "Supplement", 0);
	HPDF_Dict_Add(d->cid, "FontDescriptor", d->desc);
	HPDF_Dict_AddName(d->desc, "Type", "FontDescriptor");
	HPDF_Dict_AddNumber(d->desc, "Flags", f->flags);
	arr = HPDF_Array_New(mm);
	HPDF_Dict_Add(d->desc, "FontBBox", arr);
	for (int k = 0; k < 4; k++)
		HPDF_Array_AddNumber(arr, f->bbox[k]);
	HPDF_Dict_AddNumber(d->desc, "ItalicAngle", f->italic_angle);
	HPDF_Dict_AddNumber(d->desc, "Ascent", (HPDF_INT32)f->ascent);
	HPDF_Dict_AddNumber(d->desc, "Descent", (HPDF_INT32)f->descent);
	HPDF_Dict_AddNumber(d->desc, "CapHeight", f->cap_height);
	HPDF_Dict_AddNumber(d->desc, "StemV", f->stem_v);
	return d;
}

static const char *resource(pdf_font_use *use, HPDF_Page page, int i)
{
	struct doc_font *d = doc_font(use, i);

	return d ? HPDF_Page_GetLocalFontName(page, (HPDF_Font)d->type0) : NULL;
}

const char *pdf_font_use_resource(pdf_font_use *use, HPDF_Page page, pdf_face face)
{
	return resource(use, page, face_file[face]);
}

/* The UTF-16 units of UTF-8 text into out (cap units). Returns the count, or
 * 0 when it does not fit. */
static size_t utf16(const char *s, size_t len, uint16_t *out, size_t cap)
{
	size_t i = 0, n = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k =
		    utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);

		if (k <= 0) {
			cp = 0xFFFD;
			k = 1;
		}
		i += (size_t)k;
		if (cp >= 0x10000) {
			if (n + 2 > cap)
				return 0;
			out[n++] = (uint16_t)(0xD800 + ((cp - 0x10000) >> 10));
			out[n++] = (uint16_t)(0xDC00 + ((cp - 0x10000) & 0x3FF));
		} else {
			if (n + 1 > cap)
				return 0;
			out[n++] = (uint16_t)cp;
		}
	}
	return n;
}

/* Reverses UTF-16 text by characters (a surrogate pair stays a pair). */
static void reverse_utf16(uint16_t *u, size_t n)
{
	for (size_t a = 0, b = n; a + 1 < b; a++, b--) {
		uint16_t t = u[a];

		u[a] = u[b - 1];
		u[b - 1] = t;
	}
	for (size_t k = 0; k + 1 < n; k++)
		if (u[k] >= 0xDC00 && u[k] < 0xE000 && u[k + 1] >= 0xD800 && u[k + 1] < 0xDC00) {
			uint16_t t = u[k];

			u[k] = u[k + 1];
			u[k + 1] = t;
			k++;
		}
}

/* Records what glyph g stands for (the first time it is drawn). 1 when the
 * ToUnicode map then gives exactly u for it, 0 when not (another text was
 * recorded first, or nothing can be), -1 when out of memory. */
static int record_glyph(struct doc_font *d, const struct font_face *f, unsigned g,
                        const uint16_t *u, size_t n)
{
	glyph_text *t = &d->text[g];

	if (t->n == 0 && n > 0 && n < 256) {
		t->u = malloc(n * sizeof *u);
		if (!t->u)
			return -1;
		memcpy(t->u, u, n * sizeof *u);
		t->n = (unsigned char)n;
		d->drawn++;
	}
	(void)f;
	return t->n == n && memcmp(t->u, u, n * sizeof *u) == 0;
}

/* A glyph with no text of its own still needs its width and a place in the
 * subset (the second glyph of a cluster, a mark). */
static void record_width(struct doc_font *d, const struct font_face *f, unsigned g)
{
	if (!d->used[g]) {
		d->used[g] = 1;
		d->w[g] = (uint16_t)nominal_width(f, g);
	}
}

static void put_actual_text(pdf_buf *out, const uint16_t *u, size_t n)
{
	pdf_buf_put(out, "/Span <</ActualText <FEFF", 25);
	for (size_t k = 0; k < n; k++)
		pdf_buf_hex4(out, u[k]);
	pdf_buf_put(out, ">>> BDC\n", 8);
}

/* A TJ array being written: adjacent glyphs share one hex string
 * ("[<00310048> -18.07 <0052>] TJ"), as every PDF writer does, which keeps
 * content streams a third shorter than a string per glyph. */
typedef struct tj_array {
	pdf_buf *out;
	int open; /* "[" written */
	int hex;  /* "<" written */
} tj_array;

static void tj_glyph(tj_array *t, unsigned gid)
{
	if (!t->open)
		pdf_buf_put(t->out, "[", 1);
	if (!t->hex)
		pdf_buf_put(t->out, "<", 1);
	t->open = t->hex = 1;
	pdf_buf_hex4(t->out, gid);
}

/* A displacement in 1/1000 em, as TJ reads it (positive moves left). */
static void tj_shift(tj_array *t, double v)
{
	if (!t->open)
		pdf_buf_put(t->out, "[", 1);
	pdf_buf_put(t->out, t->hex ? "> " : " ", t->hex ? 2 : 1);
	t->open = 1;
	t->hex = 0;
	put_num(t->out, v);
	pdf_buf_put(t->out, " ", 1);
}

static void tj_end(tj_array *t)
{
	if (t->hex)
		pdf_buf_put(t->out, ">", 1);
	if (t->open)
		pdf_buf_put(t->out, "] TJ\n", 5);
	t->open = t->hex = 0;
}

/* Writes shaped glyphs (n of them, in visual order; their clusters are byte
 * offsets in folded[0, len)) of file fi as TJ arrays. rtl_buf: they were
 * shaped right to left. 0 when out of memory. */
static int write_glyphs(pdf_font_use *use, int fi, double size, const char *folded, size_t len,
                        int rtl_buf, const hb_glyph_info_t *info,
                        const hb_glyph_position_t *pos, unsigned n, pdf_buf *out)
{
	const struct font_face *f = face_at(use->fonts, fi);
	struct doc_font *d = doc_font(use, fi);
	double k = 1000.0 / f->upem, pending = 0, rise = 0;
	tj_array tj = {out, 0, 0};

	if (!d)
		return 0;
	for (unsigned i = 0; i < n;) {
		/* One cluster: glyphs [i, j), characters [c0, c1) of folded. */
		unsigned j = i + 1, c0 = info[i].cluster, c1;
		uint16_t u[64];
		size_t nu;
		int exact = 1, ydiff = 0;

		while (j < n && info[j].cluster == c0)
			j++;
		/* The cluster ends where the next one in logical order starts:
		 * the glyph after it left to right, the one before it right to
		 * left (the glyphs come in visual order). */
		if (rtl_buf)
			c1 = i > 0 ? info[i - 1].cluster : (unsigned)len;
		else
			c1 = j < n ? info[j].cluster : (unsigned)len;
		nu = c1 > c0 ? utf16(folded + c0, c1 - c0, u, 64) : 0;
		if (rtl_buf)
			reverse_utf16(u, nu);
		for (unsigned g = i; g < j; g++) {
			int r = g == i ? record_glyph(d, f, info[g].codepoint, u, nu) : 0;

			if (r < 0)
				return 0;
			record_width(d, f, info[g].codepoint);
			if (g == i)
				exact = r == 1;
			else if (g > i)
				exact = 0;
			if (pos[g].y_offset != 0)
				ydiff = 1;
		}
		/* The ToUnicode map cannot say what this cluster is: its glyphs
		 * get the text as /ActualText (a ligature, a reused glyph). */
		if (!exact || ydiff) {
			tj_end(&tj);
			if (!exact && nu > 0)
				put_actual_text(out, u, nu);
		}
		for (unsigned g = i; g < j; g++) {
			unsigned gid = info[g].codepoint;
			/* Ts is in unscaled text space: points. */
			double want_rise = pos[g].y_offset * size / f->upem;

			if (want_rise != rise) {
				tj_end(&tj);
				rise = want_rise;
				put_num(out, rise);
				pdf_buf_put(out, " Ts\n", 4);
			}
			pending += pos[g].x_offset * k;
			if (pending > 0.005 || pending < -0.005)
				tj_shift(&tj, -pending);
			tj_glyph(&tj, gid);
			pending = (pos[g].x_advance - hb_font_get_glyph_h_advance(f->font, gid) -
			           pos[g].x_offset) *
			          k;
		}
		if (!exact || ydiff) {
			tj_end(&tj);
			if (!exact && nu > 0)
				pdf_buf_put(out, "EMC\n", 4);
		}
		i = j;
	}
	if (pending > 0.005 || pending < -0.005)
		tj_shift(&tj, -pending);
	tj_end(&tj);
	if (rise != 0)
		pdf_buf_put(out, "0 Ts\n", 5);
	return !out->failed;
}

/* Shapes folded text of file fi (a run of one face and one direction) and
 * writes its glyphs. */
static int show_run(pdf_font_use *use, int fi, double size, const char *folded, size_t len,
                    int rtl, pdf_buf *out)
{
	hb_buffer_t *b;
	unsigned n;
	const hb_glyph_info_t *info;
	const hb_glyph_position_t *pos;
	int ok;

	if (len == 0)
		return doc_font(use, fi) != NULL;
	b = shape_lang(face_at(use->fonts, fi), folded, len, rtl, use->lang);
	if (!b)
		return 0;
	/* A glyph for several characters right to left (lam-alef) maps to
	 * them in reverse: readers (poppler, pdf.js) put a right-to-left
	 * line in logical order by reversing its characters, a ligature's
	 * ToUnicode text (and /ActualText) with the rest. */
	info = hb_buffer_get_glyph_infos(b, &n);
	pos = hb_buffer_get_glyph_positions(b, &n);
	ok = write_glyphs(use, fi, size, folded, len, hb_buffer_get_direction(b) == HB_DIRECTION_RTL,
	                  info, pos, n, out);
	hb_buffer_destroy(b);
	return ok;
}

/* A left-to-right run of file fi drawn from the words the layout shaped
 * (and the spaces between them), each from the render's store: the glyphs
 * measured are the glyphs drawn, and a line is not shaped again. -1 when a
 * word cannot come from the store (then the caller shapes the run), else
 * what write_glyphs returns. */
static int show_words(pdf_font_use *use, int fi, double size, const char *t, size_t len,
                      pdf_buf *out)
{
	enum { MAX_TOKENS = 128, MAX_GLYPHS = 512 };
	/* each token's place and glyphs in the store */
	struct {
		size_t at;
		uint32_t glyph;
		unsigned n;
	} tok[MAX_TOKENS];
	hb_glyph_info_t info[MAX_GLYPHS];
	hb_glyph_position_t pos[MAX_GLYPHS];
	unsigned nt = 0, ng = 0;

	for (size_t i = 0; i < len; nt++) {
		size_t j = i + 1;

		uint32_t first, n;

		if (t[i] != ' ')
			while (j < len && t[j] != ' ')
				j++;
		if (nt == MAX_TOKENS ||
		    !shaped_word(use->shaped, use->fonts, fi, t + i, j - i, &first, &n, NULL) ||
		    ng + n > MAX_GLYPHS)
			return -1;
		tok[nt].at = i;
		tok[nt].glyph = first;
		tok[nt].n = n;
		ng += n;
		i = j;
	}
	ng = 0;
	for (unsigned k = 0; k < nt; k++)
		for (unsigned g = 0; g < tok[k].n; g++, ng++) {
			const word_glyph *wg = &use->shaped->glyphs[tok[k].glyph + g];

			info[ng] = (hb_glyph_info_t){.codepoint = wg->gid,
			                             .cluster = (uint32_t)(tok[k].at + wg->cluster)};
			pos[ng] = (hb_glyph_position_t){.x_advance = wg->adv, .x_offset = wg->xoff,
			                                .y_offset = wg->yoff};
		}
	return write_glyphs(use, fi, size, t, len, 0, info, pos, ng, out);
}

/* A bidi run being drawn: its face runs, found in logical order, are
 * drawn left to right, so a right-to-left run's go last first. */
typedef struct show_ctx {
	pdf_font_use *use;
	HPDF_Page page;
	int file, current;
	double size;
	const char *folded;
	pdf_buf *out;
} show_ctx;

#define MAX_FACE_RUNS 64

static int show_bidi_run(void *ctx, size_t start, size_t len, int rtl)
{
	show_ctx *c = ctx;
	pdf_fonts *fm = (pdf_fonts *)(uintptr_t)c->use->fonts; /* the fallback cache */
	size_t at[MAX_FACE_RUNS + 1], end = start + len;
	int face[MAX_FACE_RUNS], n = 0;

	/* Face runs in logical order; a run of more than MAX_FACE_RUNS face
	 * changes is drawn in pieces of that many. */
	while (start < end) {
		n = 0;
		at[0] = start;
		while (at[n] < end && n < MAX_FACE_RUNS) {
			at[n + 1] = next_run(fm, c->file, c->folded, end, at[n], &face[n]);
			n++;
		}
		for (int k = 0; k < n; k++) {
			int r = rtl ? n - 1 - k : k;

			if (face[r] != c->current) {
				const char *name = resource(c->use, c->page, face[r]);

				if (!name)
					return 0;
				pdf_buf_font(c->out, name, c->size);
				c->current = face[r];
			}
			int ok = rtl || !c->use->shaped
			             ? -1
			             : show_words(c->use, face[r], c->size, c->folded + at[r],
			                          at[r + 1] - at[r], c->out);

			if (ok < 0)
				ok = show_run(c->use, face[r], c->size, c->folded + at[r],
				              at[r + 1] - at[r], rtl, c->out);
			if (!ok)
				return 0;
		}
		start = at[n];
	}
	return 1;
}

/* 0 when s holds no right-to-left character for certain: none of the
 * UTF-8 lead bytes of U+0590..U+07FF (Hebrew, Arabic, Syriac, Thaana,
 * NKo), U+0800..U+08FF, the presentation forms (U+FB1D..U+FEFF) or the
 * supplementary planes. */
static int maybe_rtl(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 0xD6 && c <= 0xDF) || c == 0xE0 || c == 0xEF || c >= 0xF0)
			return 1;
	}
	return 0;
}

int pdf_font_use_show(pdf_font_use *use, HPDF_Page page, pdf_face face, double size,
                      const char *folded, size_t len, pdf_buf *out)
{
	return pdf_font_use_show_dir(use, page, face, size, folded, len, -1, out);
}

int pdf_font_use_show_dir(pdf_font_use *use, HPDF_Page page, pdf_face face, double size,
                          const char *folded, size_t len, int rtl, pdf_buf *out)
{
	show_ctx c = {use, page, face_file[face], face_file[face], size, folded, out};

	if (rtl < 0)
		rtl = pdf_bidi_first_strong(folded, len) == 1;
	if (!rtl && !maybe_rtl(folded, len)) {
		if (!show_bidi_run(&c, 0, len, 0))
			return 0;
	} else if (!pdf_bidi_visual_runs(folded, len, rtl, show_bidi_run, &c))
		return 0;
	if (c.current != c.file) {
		const char *name = resource(use, page, c.file);

		if (!name)
			return 0;
		pdf_buf_font(out, name, size);
	}
	return !out->failed;
}

/* ---- finishing the fonts -------------------------------------------------------------- */

/* The subset's tag: six capitals from the glyphs drawn (the same text gives
 * the same name). */
static void subset_tag(const struct doc_font *d, unsigned glyphs, int file, char tag[7])
{
	uint32_t h = 2166136261u ^ (uint32_t)file;

	for (unsigned g = 0; g < glyphs; g++)
		if (d->used[g])
			h = (h ^ g) * 16777619u;
	for (int k = 0; k < 6; k++) {
		tag[k] = (char)('A' + h % 26);
		h /= 26;
	}
	tag[6] = '\0';
}

/* The tables of the face the subsetter reads: all but those the subset
 * drops. Without a cmap it does not map every character of the font to
 * its glyph only to drop the mapping. */
static hb_blob_t *subset_table(hb_face_t *face, hb_tag_t tag, void *user)
{
	(void)face;
	if (tag == HB_TAG('c', 'm', 'a', 'p'))
		return hb_blob_get_empty();
	return hb_face_reference_table(user, tag);
}

/* The subset font file: the glyphs drawn (and what composites need), their
 * IDs kept, no hinting, no layout or naming tables. NULL on failure. */
static hb_blob_t *subset(const struct font_face *f, const struct doc_font *d)
{
	static const hb_tag_t drop[] = {
	    HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
	    HB_TAG('k', 'e', 'r', 'n'), HB_TAG('n', 'a', 'm', 'e'), HB_TAG('p', 'o', 's', 't'),
	    HB_TAG('c', 'm', 'a', 'p'), HB_TAG('O', 'S', '/', '2'), HB_TAG('g', 'a', 's', 'p'),
	    HB_TAG('h', 'd', 'm', 'x'), HB_TAG('V', 'D', 'M', 'X'), HB_TAG('L', 'T', 'S', 'H'),
	    HB_TAG('D', 'S', 'I', 'G'), HB_TAG('P', 'C', 'L', 'T'), HB_TAG('m', 'e', 'r', 'g'),
	    HB_TAG('m', 'e', 't', 'a'), HB_TAG('J', 'S', 'T', 'F'), HB_TAG('M', 'A', 'T', 'H'),
	};
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_face_t *src, *sub;
	hb_blob_t *blob = NULL;
	hb_set_t *gs, *tables;

	if (!in)
		return NULL;
	gs = hb_subset_input_glyph_set(in);
	hb_set_add(gs, 0);
	for (unsigned g = 0; g < f->glyphs; g++)
		if (d->used[g])
			hb_set_add(gs, g);
	tables = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (size_t k = 0; k < sizeof drop / sizeof drop[0]; k++)
		hb_set_add(tables, drop[k]);
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_NO_HINTING);
	src = hb_face_create_for_tables(subset_table, hb_face_reference(f->face),
	                                (hb_destroy_func_t)hb_face_destroy);
	hb_face_set_upem(src, f->upem);
	hb_face_set_glyph_count(src, f->glyphs);
	sub = hb_subset_or_fail(src, in);
	hb_face_destroy(src);
	hb_subset_input_destroy(in);
	if (sub) {
		blob = hb_face_reference_blob(sub);
		hb_face_destroy(sub);
	}
	if (blob && hb_blob_get_length(blob) == 0) {
		hb_blob_destroy(blob);
		blob = NULL;
	}
	return blob;
}

/* The /W array: runs of consecutive glyphs as "first [w w ...]". */
static void add_widths(HPDF_MMgr mm, HPDF_Dict cid, const struct doc_font *d, unsigned glyphs)
{
	HPDF_Array w = HPDF_Array_New(mm);

	HPDF_Dict_Add(cid, "W", w);
	for (unsigned g = 0; g < glyphs;) {
		HPDF_Array run;

		if (!d->used[g]) {
			g++;
			continue;
		}
		HPDF_Array_AddNumber(w, (HPDF_INT32)g);
		run = HPDF_Array_New(mm);
		HPDF_Array_Add(w, run);
		while (g < glyphs && d->used[g])
			HPDF_Array_AddNumber(run, d->w[g++]);
	}
}

/* The ToUnicode CMap: each glyph drawn to the characters it stands for. */
static int to_unicode(const struct doc_font *d, unsigned glyphs, pdf_buf *b)
{
	unsigned left = d->drawn, g = 0;

	pdf_buf_printf(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	                  "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> "
	                  "def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n");
	pdf_buf_printf(b, "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	while (left > 0) {
		unsigned chunk = left > 100 ? 100 : left;

		pdf_buf_printf(b, "%u beginbfchar\n", chunk);
		for (unsigned k = 0; k < chunk; g++) {
			if (g >= glyphs)
				return 0;
			if (!d->text[g].n)
				continue;
			pdf_buf_put(b, "<", 1);
			pdf_buf_hex4(b, g);
			pdf_buf_put(b, "> <", 3);
			for (unsigned c = 0; c < d->text[g].n; c++)
				pdf_buf_hex4(b, d->text[g].u[c]);
			pdf_buf_put(b, ">\n", 2);
			k++;
		}
		pdf_buf_printf(b, "endbfchar\n");
		left -= chunk;
	}
	pdf_buf_printf(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	return !b->failed;
}

/* A stream object holding data, deflated when the document compresses its
 * streams. NULL on failure. */
static HPDF_Dict add_stream(pdf_font_use *use, const void *data, size_t len)
{
	HPDF_Dict s = HPDF_DictStream_New(use->pdf->mmgr, use->pdf->xref);

	if (!s)
		return NULL;
	if (use->pdf->compression_mode != HPDF_COMP_NONE)
		s->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	if (HPDF_Stream_Write(s->stream, data, (HPDF_UINT)len) != HPDF_OK)
		return NULL;
	return s;
}

folio_status pdf_font_use_embed(pdf_font_use *use, folio_error *err)
{
	HPDF_MMgr mm = use->pdf->mmgr;

	for (int i = 0; i < FACE_MAX; i++) {
		struct doc_font *d = &use->file[i];
		const struct font_face *f = face_at(use->fonts, i);
		char tag[7], name[96];
		hb_blob_t *blob;
		HPDF_Dict file, cmap;
		pdf_buf tu = {0};
		unsigned len;
		const char *data;

		if (!d->type0)
			continue;
		subset_tag(d, f->glyphs, i, tag);
		snprintf(name, sizeof name, "%s+%s", tag, f->ps_name);
		HPDF_Dict_AddName(d->type0, "BaseFont", name);
		HPDF_Dict_AddName(d->cid, "BaseFont", name);
		HPDF_Dict_AddName(d->desc, "FontName", name);
		add_widths(mm, d->cid, d, f->glyphs);
		blob = subset(f, d);
		if (!blob)
			return folio_error_set(err, FOLIO_ERR_RENDER, f->path, 0, 0,
			                       "pdf: HarfBuzz could not subset the font");
		data = hb_blob_get_data(blob, &len);
		file = add_stream(use, data, len);
		hb_blob_destroy(blob);
		if (!file)
			return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		if (f->cff) {
			HPDF_Dict_AddName(file, "Subtype", "OpenType");
			HPDF_Dict_Add(d->desc, "FontFile3", file);
		} else {
			HPDF_Dict_AddNumber(file, "Length1", (HPDF_UINT32)len);
			HPDF_Dict_Add(d->desc, "FontFile2", file);
		}
		if (!to_unicode(d, f->glyphs, &tu)) {
			free(tu.p);
			return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		}
		cmap = add_stream(use, tu.p, tu.len);
		free(tu.p);
		if (!cmap)
			return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		HPDF_Dict_Add(d->type0, "ToUnicode", cmap);
	}
	return FOLIO_OK;
}
