/* folio pdf plugin — fonts: metrics, character folding and per-document subsets.
 * See fonts.h for the contract. */
#define _GNU_SOURCE /* memfd_create */
#include "fonts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <hb-subset.h>
#include <hb.h>
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
 * to embed (each costs libharu ~0.7 ms and ~2 KB however few its glyphs). */
static const unsigned char face_file[PDF_FACE_COUNT] = {
    [PDF_FACE_REGULAR] = FILE_REGULAR, [PDF_FACE_BOLD] = FILE_BOLD,
    [PDF_FACE_ITALIC] = FILE_ITALIC,   [PDF_FACE_BOLD_ITALIC] = FILE_BOLD_ITALIC,
    [PDF_FACE_MONO] = FILE_MONO,       [PDF_FACE_HEADING] = FILE_BOLD,
};

struct font_face {
	hb_blob_t *blob; /* the file, mapped read-only */
	hb_face_t *face;
	hb_font_t *font; /* scale = units per em, so advances are in font units */
	unsigned upem;
	double ascent, descent; /* 1/1000 em */
};

struct pdf_fonts {
	struct font_face file[FILE_COUNT];
};

struct pdf_font_use {
	const pdf_fonts *fonts;
	hb_set_t *used[FILE_COUNT]; /* folded code points drawn per font file */
	int fd[FILE_COUNT];         /* memory files holding the subsets, or -1 */
	HPDF_Font font[FILE_COUNT];
	uint32_t *cps; /* pdf_font_use_codepoints' result */
	int widen;     /* subsets also hold printable ASCII (1), and Latin-1 (2) */
};

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
    {0x200C, 1, ""},    {0x200D, 1, ""},    {0x2010, 0, "-"},
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
	hb_codepoint_t gid;

	/* libharu's CIDs are 16-bit: only the BMP can be drawn. */
	return cp <= 0xFFFF && hb_font_get_nominal_glyph(f->font, cp, &gid);
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

/* Folds one character for face f into out (room for 4). Returns how many
 * characters it became (0: dropped). *missing is set when it became '?'. */
static size_t fold_cp(const struct font_face *f, uint32_t cp, uint32_t out[4], int *missing)
{
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
	if (face_has(f, cp)) {
		out[0] = cp;
		return 1;
	}
	n = fold_decompose(f, cp, out, 4);
	if (n > 0)
		return n;
	*missing = 1;
	out[0] = '?';
	return 1;
}

static unsigned glyph_width(const struct font_face *f, uint32_t cp)
{
	hb_codepoint_t gid = 0;
	hb_position_t adv;

	if (!hb_font_get_nominal_glyph(f->font, cp, &gid))
		gid = 0;
	adv = hb_font_get_glyph_h_advance(f->font, gid);
	if (adv < 0)
		adv = 0;
	/* libharu: (HPDF_UINT32)advance_width * 1000 / units_per_em */
	return (unsigned)((uint32_t)adv * 1000u / f->upem);
}

double pdf_fonts_width(const pdf_fonts *fonts, pdf_face face, const char *s, size_t len)
{
	const struct font_face *f = &fonts->file[face_file[face]];
	double total = 0;
	size_t i = 0;

	while (i < len) {
		uint32_t out[4];
		int missing;
		size_t n = fold_cp(f, next_cp(s, len, &i), out, &missing);

		for (size_t k = 0; k < n; k++)
			total += glyph_width(f, out[k]);
	}
	return total;
}

size_t pdf_fonts_fold(const pdf_fonts *fonts, pdf_face face, const char *s, size_t len, char *out,
                      size_t cap, unsigned *missing)
{
	const struct font_face *f = &fonts->file[face_file[face]];
	size_t i = 0, o = 0;

	while (i < len) {
		uint32_t cps[4];
		int miss;
		size_t n = fold_cp(f, next_cp(s, len, &i), cps, &miss);

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

/* ---- loading -------------------------------------------------------------- */

double pdf_fonts_ascent(const pdf_fonts *fonts, pdf_face face)
{
	return fonts->file[face_file[face]].ascent;
}

double pdf_fonts_descent(const pdf_fonts *fonts, pdf_face face)
{
	return fonts->file[face_file[face]].descent;
}

static folio_status load_face(const folio_host *host, const char *rel, struct font_face *f,
                              folio_error *err)
{
	char path[4096];
	hb_font_extents_t ext;

	if (!host->find_asset || !host->find_asset(host, rel, path, sizeof path))
		return folio_error_set(err, FOLIO_ERR_IO, rel, 0, 0,
		                       "font not found in folio's assets");
	f->blob = hb_blob_create_from_file_or_fail(path);
	if (!f->blob)
		return folio_error_set(err, FOLIO_ERR_IO, path, 0, 0, "cannot read font file");
	f->face = hb_face_create(f->blob, 0);
	f->upem = hb_face_get_upem(f->face);
	if (hb_face_get_glyph_count(f->face) == 0 || f->upem == 0)
		return folio_error_set(err, FOLIO_ERR_IO, path, 0, 0, "not a TrueType font");
	hb_face_make_immutable(f->face);
	f->font = hb_font_create(f->face);
	hb_font_make_immutable(f->font);
	if (!hb_font_get_h_extents(f->font, &ext))
		return folio_error_set(err, FOLIO_ERR_IO, path, 0, 0, "font has no extents");
	f->ascent = ext.ascender * 1000.0 / f->upem;
	f->descent = ext.descender * 1000.0 / f->upem;
	return FOLIO_OK;
}

folio_status pdf_fonts_load(const folio_host *host, pdf_fonts **out, folio_error *err)
{
	pdf_fonts *fonts = calloc(1, sizeof *fonts);
	folio_status st = FOLIO_OK;

	*out = NULL;
	if (!fonts)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	for (int i = 0; i < FILE_COUNT && st == FOLIO_OK; i++)
		st = load_face(host, font_files[i], &fonts->file[i], err);
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
	for (int i = 0; i < FILE_COUNT; i++) {
		hb_font_destroy(fonts->file[i].font);
		hb_face_destroy(fonts->file[i].face);
		hb_blob_destroy(fonts->file[i].blob);
	}
	free(fonts);
}

/* ---- per-document use ------------------------------------------------------ */

pdf_font_use *pdf_font_use_new(const pdf_fonts *fonts)
{
	pdf_font_use *use = calloc(1, sizeof *use);

	if (!use)
		return NULL;
	use->fonts = fonts;
	for (int i = 0; i < FILE_COUNT; i++) {
		use->fd[i] = -1;
		use->used[i] = hb_set_create();
		if (!hb_set_allocation_successful(use->used[i])) {
			pdf_font_use_free(use);
			return NULL;
		}
	}
	return use;
}

void pdf_font_use_retry(pdf_font_use *use)
{
	for (int i = 0; i < FILE_COUNT; i++) {
		if (use->fd[i] >= 0)
			close(use->fd[i]);
		use->fd[i] = -1;
		use->font[i] = NULL;
	}
	use->widen++;
}

void pdf_font_use_free(pdf_font_use *use)
{
	if (!use)
		return;
	for (int i = 0; i < FILE_COUNT; i++) {
		hb_set_destroy(use->used[i]);
		if (use->fd[i] >= 0)
			close(use->fd[i]);
	}
	free(use->cps);
	free(use);
}

int pdf_font_use_add(pdf_font_use *use, pdf_face face, const char *folded, size_t len)
{
	size_t i = 0;

	hb_set_t *set = use->used[face_file[face]];

	while (i < len)
		hb_set_add(set, next_cp(folded, len, &i));
	return hb_set_allocation_successful(set);
}

const uint32_t *pdf_font_use_codepoints(pdf_font_use *use, size_t *count)
{
	hb_set_t *all = hb_set_create();
	hb_codepoint_t cp = HB_SET_VALUE_INVALID;
	size_t n = 0;

	*count = 0;
	for (int i = 0; i < FILE_COUNT; i++)
		hb_set_union(all, use->used[i]);
	free(use->cps);
	use->cps = malloc((hb_set_get_population(all) + 1) * sizeof *use->cps);
	if (!use->cps || !hb_set_allocation_successful(all)) {
		hb_set_destroy(all);
		return NULL;
	}
	while (hb_set_next(all, &cp))
		use->cps[n++] = cp;
	hb_set_destroy(all);
	*count = n;
	return use->cps;
}

/* Hinting and OpenType layout are of no use to libharu, which embeds only
 * its 13 TrueType tables; dropping them keeps subsetting fast. */
static const hb_tag_t dropped_tables[] = {
    HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
    HB_TAG('k', 'e', 'r', 'n'), HB_TAG('h', 'd', 'm', 'x'), HB_TAG('V', 'D', 'M', 'X'),
    HB_TAG('L', 'T', 'S', 'H'), HB_TAG('g', 'a', 's', 'p'), HB_TAG('D', 'S', 'I', 'G'),
};

/* Subsets face f to the code points in used and writes the font into a new
 * memory file. Returns the fd, or -1 (err filled). */
static int subset_to_memfd(const struct font_face *f, const hb_set_t *used, int widen,
                           folio_error *err)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_face_t *sub = NULL;
	hb_blob_t *blob = NULL;
	hb_set_t *names;
	const char *data;
	unsigned len = 0;
	int fd = -1;

	if (!in)
		goto fail;
	hb_set_union(hb_subset_input_unicode_set(in), used);
	if (widen >= 1)
		hb_set_add_range(hb_subset_input_unicode_set(in), 0x20, 0x7E);
	if (widen >= 2)
		hb_set_add_range(hb_subset_input_unicode_set(in), 0xA0, 0xFF);
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	for (size_t i = 0; i < sizeof dropped_tables / sizeof dropped_tables[0]; i++)
		hb_set_add(hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG),
		           dropped_tables[i]);
	/* Family, style and PostScript name are all libharu reads; the rest
	 * (copyright, licence text, ...) would ride along in every PDF. */
	names = hb_subset_input_set(in, HB_SUBSET_SETS_NAME_ID);
	hb_set_clear(names);
	hb_set_add(names, 1);
	hb_set_add(names, 2);
	hb_set_add(names, 6);
	sub = hb_subset_or_fail(f->face, in);
	if (!sub)
		goto fail;
	blob = hb_face_reference_blob(sub);
	data = hb_blob_get_data(blob, &len);
	if (!data || len == 0)
		goto fail;
	fd = memfd_create("folio-font", MFD_CLOEXEC);
	if (fd < 0 || write(fd, data, len) != (ssize_t)len) {
		folio_error_set(err, FOLIO_ERR_IO, NULL, 0, 0, "cannot hold a font subset: %s",
		                strerror(errno));
		if (fd >= 0)
			close(fd);
		fd = -1;
		goto done;
	}
	goto done;
fail:
	folio_error_set(err, FOLIO_ERR_RENDER, NULL, 0, 0, "font subsetting failed");
done:
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	hb_subset_input_destroy(in);
	return fd;
}

/* libharu writes a CIDToGIDMap entry for every BMP code point (128 KB per
 * font, whatever the text) and copies it byte by byte three times while
 * saving. Only code points up to the highest one drawn map to glyphs, so the
 * rest is cut here (a shorter map sends the missing CIDs to glyph 0, exactly
 * as the zeros did). This reaches into libharu's objects through its
 * installed internal headers (hpdf_objects.h, hpdf_streams.h); if the shape
 * is not the expected one, the map is left alone (pdffix.c trims it too). */
static void trim_cidmap(HPDF_Font font, uint32_t max_cp)
{
	HPDF_Array desc = HPDF_Dict_GetItem(font, "DescendantFonts", HPDF_OCLASS_ARRAY);
	HPDF_Dict cid = desc ? HPDF_Array_GetItem(desc, 0, HPDF_OCLASS_DICT) : NULL;
	HPDF_Dict map = cid ? HPDF_Dict_GetItem(cid, "CIDToGIDMap", HPDF_OCLASS_DICT) : NULL;
	HPDF_UINT need = (HPDF_UINT)(max_cp + 1) * 2;
	HPDF_BYTE *head;
	HPDF_UINT got = need;

	if (!map || !map->stream || map->stream->type != HPDF_STREAM_MEMORY ||
	    map->stream->size <= need)
		return;
	head = malloc(need);
	if (!head)
		return;
	if (HPDF_Stream_Seek(map->stream, 0, HPDF_SEEK_SET) == HPDF_OK &&
	    HPDF_Stream_Read(map->stream, head, &got) == HPDF_OK && got == need) {
		HPDF_MemStream_FreeData(map->stream);
		HPDF_Stream_Write(map->stream, head, need);
	}
	free(head);
}

folio_status pdf_font_use_embed(pdf_font_use *use, HPDF_Doc pdf, folio_error *err)
{
	for (int i = 0; i < FILE_COUNT; i++) {
		char path[64];
		const char *name;

		if (hb_set_is_empty(use->used[i]))
			continue;
		/* Every HarfBuzz object is released before libharu runs: its error
		 * handler may longjmp out of this function. */
		use->fd[i] = subset_to_memfd(&use->fonts->file[i], use->used[i], use->widen, err);
		if (use->fd[i] < 0)
			return err ? err->code : FOLIO_ERR_RENDER;
		snprintf(path, sizeof path, "/proc/self/fd/%d", use->fd[i]);
		name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
		if (!name)
			return folio_error_set(err, FOLIO_ERR_RENDER, NULL, 0, 0,
			                       "libharu could not load a font subset");
		use->font[i] = HPDF_GetFont(pdf, name, "UTF-8");
		if (!use->font[i])
			return folio_error_set(err, FOLIO_ERR_RENDER, NULL, 0, 0,
			                       "libharu could not use a font subset");
		trim_cidmap(use->font[i], hb_set_get_max(use->used[i]));
	}
	return FOLIO_OK;
}

HPDF_Font pdf_font_use_font(const pdf_font_use *use, pdf_face face)
{
	return use->font[face_file[face]];
}
