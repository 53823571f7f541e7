/* folio pdf plugin — fonts: metrics, character folding and per-document subsets.
 * See fonts.h for the contract. */
#include "fonts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "ttf.h"

/* The font files, each loaded once and embedded at most once per PDF. */
enum { FILE_REGULAR, FILE_BOLD, FILE_ITALIC, FILE_BOLD_ITALIC, FILE_MONO, FILE_COUNT };

static const char *const font_files[FILE_COUNT] = {
    [FILE_REGULAR] = "fonts/LiberationSans-Regular.ttf",
    [FILE_BOLD] = "fonts/LiberationSans-Bold.ttf",
    [FILE_ITALIC] = "fonts/LiberationSans-Italic.ttf",
    [FILE_BOLD_ITALIC] = "fonts/LiberationSans-BoldItalic.ttf",
    [FILE_MONO] = "fonts/LiberationMono-Regular.ttf",
};

/* The base-14 font libharu draws each file's text with; pdffix.c puts the
 * real font in its place (it finds it by this name). */
static const char *const placeholders[FILE_COUNT] = {
    [FILE_REGULAR] = "Helvetica",
    [FILE_BOLD] = "Helvetica-Bold",
    [FILE_ITALIC] = "Helvetica-Oblique",
    [FILE_BOLD_ITALIC] = "Helvetica-BoldOblique",
    [FILE_MONO] = "Courier",
};

/* Which file draws each face. Headings share the bold face: one font fewer
 * to embed (each costs ~2 KB however few its glyphs). */
static const unsigned char face_file[PDF_FACE_COUNT] = {
    [PDF_FACE_REGULAR] = FILE_REGULAR, [PDF_FACE_BOLD] = FILE_BOLD,
    [PDF_FACE_ITALIC] = FILE_ITALIC,   [PDF_FACE_BOLD_ITALIC] = FILE_BOLD_ITALIC,
    [PDF_FACE_MONO] = FILE_MONO,       [PDF_FACE_HEADING] = FILE_BOLD,
};

struct font_face {
	ttf_font ttf; /* the file, mapped read-only */
	unsigned upem;
	double ascent, descent; /* 1/1000 em */
	/* printable ASCII: its width (every face has it, nothing folds it) */
	uint16_t ascii_w[0x7F - 0x20];
	/* for the PDF's FontDescriptor, in 1/1000 em */
	char ps_name[64];
	int flags, italic_angle, cap_height, stem_v, bbox[4];
};

struct pdf_fonts {
	struct font_face file[FILE_COUNT];
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
	/* The content streams' codes are 16-bit: only the BMP can be drawn. */
	return cp <= 0xFFFF && ttf_glyph(&f->ttf, cp) != 0;
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
	/* as the /W array gives it: advance * 1000 / units_per_em, rounded down */
	return (unsigned)(ttf_advance(&f->ttf, ttf_glyph(&f->ttf, cp)) * 1000u / f->upem);
}

/* 1 when face f has every printable ASCII character (then ascii_w holds
 * their widths and text of them is measured and folded by table). */
static int ascii_fast(const struct font_face *f)
{
	return f->ascii_w[0] != UINT16_MAX;
}

double pdf_fonts_width(const pdf_fonts *fonts, pdf_face face, const char *s, size_t len)
{
	const struct font_face *f = &fonts->file[face_file[face]];
	int fast = ascii_fast(f);
	double total = 0;
	size_t i = 0;

	while (i < len) {
		uint32_t out[4];
		int missing;
		size_t n;

		if (fast && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F) {
			total += f->ascii_w[(unsigned char)s[i++] - 0x20];
			continue;
		}
		n = fold_cp(f, next_cp(s, len, &i), out, &missing);

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

	int fast = ascii_fast(f);

	while (i < len) {
		uint32_t cps[4];
		int miss;
		size_t n;

		if (fast && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F) {
			if (o + 2 > cap)
				return (size_t)-1;
			out[o++] = s[i++];
			continue;
		}
		n = fold_cp(f, next_cp(s, len, &i), cps, &miss);

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

/* The FontDescriptor's figures, from the head, post and OS/2 tables. */
static void read_descriptor(struct font_face *f, const ttf_metrics *m)
{
	double k = 1000.0 / f->upem, weight = m->weight_class;

	for (int i = 0; i < 4; i++)
		f->bbox[i] = (int)(m->bbox[i] * k);
	f->italic_angle = m->italic_angle;
	f->cap_height = m->cap_height ? (int)(m->cap_height * k) : (int)(f->ascent * 0.7);
	/* No table holds it; the usual estimate from the weight class. */
	f->stem_v = (int)(10 + 220 * ((weight - 50) / 900) * ((weight - 50) / 900));
	f->flags = 32; /* non-symbolic */
	if (m->fixed_pitch)
		f->flags |= 1;
	if (f->italic_angle != 0)
		f->flags |= 64;
	if (ttf_postscript_name(&f->ttf, f->ps_name, sizeof f->ps_name) == 0)
		snprintf(f->ps_name, sizeof f->ps_name, "Font");
	/* a PDF name: letters, digits, '-' and '_' only */
	for (char *c = f->ps_name; *c; c++)
		if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
		      (*c >= '0' && *c <= '9') || *c == '-' || *c == '_'))
			*c = '-';
}

static folio_status load_face(const folio_host *host, const char *rel, struct font_face *f,
                              folio_error *err)
{
	char path[4096];
	const char *why;
	ttf_metrics m;

	if (!host->find_asset || !host->find_asset(host, rel, path, sizeof path))
		return folio_error_set(err, FOLIO_ERR_IO, rel, 0, 0,
		                       "font not found in folio's assets");
	if (ttf_open(&f->ttf, path, &why) != 0)
		return folio_error_set(err, FOLIO_ERR_IO, path, 0, 0, "%s", why);
	f->upem = f->ttf.upem;
	ttf_get_metrics(&f->ttf, &m);
	f->ascent = m.ascender * 1000.0 / f->upem;
	f->descent = m.descender * 1000.0 / f->upem;
	read_descriptor(f, &m);
	f->ascii_w[0] = UINT16_MAX;
	for (uint32_t cp = 0x20; cp < 0x7F; cp++)
		if (!face_has(f, cp))
			return FOLIO_OK; /* no table: every character goes the long way */
	for (uint32_t cp = 0x20; cp < 0x7F; cp++)
		f->ascii_w[cp - 0x20] = (uint16_t)glyph_width(f, cp);
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
	for (int i = 0; i < FILE_COUNT; i++)
		ttf_close(&fonts->file[i].ttf);
	free(fonts);
}

/* ---- per-document use ------------------------------------------------------ */

/* A set of BMP code points: 256 pages of 256 bits, each allocated when
 * first touched (a leaflet touches two or three). */
typedef struct cp_set {
	uint64_t *page[256];
	size_t count;
} cp_set;

static int cp_set_add(cp_set *s, uint32_t cp)
{
	uint64_t **page = &s->page[cp >> 8 & 0xFF], bit = 1ull << (cp & 63);

	if (cp > 0xFFFF)
		return 1; /* folded text has none: the BMP is all that can be drawn */
	if (!*page && !(*page = calloc(4, sizeof **page)))
		return 0;
	if (!((*page)[cp >> 6 & 3] & bit)) {
		(*page)[cp >> 6 & 3] |= bit;
		s->count++;
	}
	return 1;
}

/* The set's members in order into out (room for s->count). */
static void cp_set_list(const cp_set *s, ttf_subset_char *out)
{
	size_t k = 0;

	for (unsigned p = 0; p < 256; p++)
		for (unsigned w = 0; s->page[p] && w < 4; w++)
			for (uint64_t bits = s->page[p][w]; bits; bits &= bits - 1)
				out[k++] = (ttf_subset_char){
				    .cp = p << 8 | w << 6 | (unsigned)__builtin_ctzll(bits)};
}

static void cp_set_free(cp_set *s)
{
	for (unsigned p = 0; p < 256; p++)
		free(s->page[p]);
}

/* One face file's embedded font for one document. */
struct face_use {
	cp_set used;            /* folded code points drawn */
	ttf_subset_font sub;    /* the subset, once made */
	pdf_embed_glyph *by_cp; /* the glyphs sorted by code point (encoding) */
	pdf_embed_glyph *by_code; /* the same, sorted by code (pdffix.c) */
	uint16_t ascii_code[0x80]; /* the code of each ASCII character, 0 for none */
	int code_bytes;
	HPDF_Font font;
};

struct pdf_font_use {
	const pdf_fonts *fonts;
	struct face_use file[FILE_COUNT];
	pdf_embed_font out[FILE_COUNT];
	size_t nout;
};

pdf_font_use *pdf_font_use_new(const pdf_fonts *fonts)
{
	pdf_font_use *use = calloc(1, sizeof *use);

	if (!use)
		return NULL;
	use->fonts = fonts;
	return use;
}

void pdf_font_use_free(pdf_font_use *use)
{
	if (!use)
		return;
	for (int i = 0; i < FILE_COUNT; i++) {
		cp_set_free(&use->file[i].used);
		free(use->file[i].sub.data);
		free(use->file[i].by_cp);
		free(use->file[i].by_code);
	}
	free(use);
}

int pdf_font_use_add(pdf_font_use *use, pdf_face face, const char *folded, size_t len)
{
	cp_set *set = &use->file[face_file[face]].used;
	size_t i = 0;

	while (i < len)
		if (!cp_set_add(set, next_cp(folded, len, &i)))
			return 0;
	return 1;
}

static int by_code(const void *a, const void *b)
{
	const pdf_embed_glyph *x = a, *y = b;

	return (int)x->code - (int)y->code;
}

/* Gives every character a code from its glyph: the glyph number itself
 * (one byte) when the subset has at most 255 glyphs, else two bytes of
 * 01..FF, (1 + gid / 255, 1 + gid % 255). Either way the encoding is the
 * same for every font and the CID is the glyph. Returns the code length. */
static int assign_codes(pdf_embed_glyph *g, size_t n, unsigned glyphs)
{
	int two = glyphs > 256; /* glyph 0, .notdef, is never drawn */

	for (size_t i = 0; i < n; i++) {
		unsigned gid = g[i].gid;

		if (gid == 0)
			g[i].code = 0; /* no code: left out when encoding */
		else
			g[i].code = (uint16_t)(two ? (1 + gid / 255) << 8 | (1 + gid % 255) : gid);
	}
	return two ? 2 : 1;
}

/* A subset's tag: six capitals from its glyphs, the same for the same text. */
static void subset_tag(const pdf_embed_glyph *g, size_t n, int file, char tag[7])
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)file;

	for (size_t i = 0; i < n; i++)
		h = (h ^ g[i].cp) * 1099511628211ULL;
	for (int i = 0; i < 6; i++) {
		tag[i] = (char)('A' + h % 26);
		h /= 26;
	}
	tag[6] = '\0';
}

/* Makes file i's subset and its glyph table; fills use->out[use->nout]. */
static folio_status embed_file(pdf_font_use *use, int i, folio_error *err)
{
	const struct font_face *f = &use->fonts->file[i];
	struct face_use *u = &use->file[i];
	pdf_embed_font *out = &use->out[use->nout];
	size_t n = u->used.count;
	ttf_subset_char *chars = malloc(n * sizeof *chars);
	const char *why;
	char tag[7];

	u->by_cp = calloc(n, sizeof *u->by_cp);
	u->by_code = calloc(n, sizeof *u->by_code);
	if (!chars || !u->by_cp || !u->by_code) {
		free(chars);
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	}
	cp_set_list(&u->used, chars);
	if (ttf_subset(&f->ttf, chars, n, &u->sub, &why) != 0) {
		free(chars);
		return folio_error_set(err, FOLIO_ERR_RENDER, font_files[i], 0, 0,
		                       "font subsetting failed: %s", why);
	}
	for (size_t k = 0; k < n; k++)
		u->by_cp[k] = (pdf_embed_glyph){.cp = chars[k].cp,
		                                .gid = (uint16_t)chars[k].gid,
		                                .width = (uint16_t)glyph_width(f, chars[k].cp)};
	free(chars);
	out->file = u->sub.data;
	out->file_len = u->sub.len;
	out->code_bytes = u->code_bytes = assign_codes(u->by_cp, n, u->sub.glyph_count);
	memcpy(u->by_code, u->by_cp, n * sizeof *u->by_code);
	qsort(u->by_code, n, sizeof *u->by_code, by_code);
	for (size_t k = 0; k < n && u->by_cp[k].cp < 0x80; k++)
		u->ascii_code[u->by_cp[k].cp] = u->by_cp[k].code;
	subset_tag(u->by_cp, n, i, tag);
	out->placeholder = placeholders[i];
	snprintf(out->name, sizeof out->name, "%s+%s", tag, f->ps_name);
	out->glyphs = u->by_code;
	out->count = n;
	out->flags = f->flags;
	out->italic_angle = f->italic_angle;
	out->ascent = (int)f->ascent;
	out->descent = (int)f->descent;
	out->cap_height = f->cap_height;
	out->stem_v = f->stem_v;
	memcpy(out->bbox, f->bbox, sizeof out->bbox);
	use->nout++;
	return FOLIO_OK;
}

folio_status pdf_font_use_embed(pdf_font_use *use, HPDF_Doc pdf, folio_error *err)
{
	for (int i = 0; i < FILE_COUNT; i++) {
		folio_status st;

		if (use->file[i].used.count == 0)
			continue;
		st = embed_file(use, i, err);
		if (st != FOLIO_OK)
			return st;
		/* Everything allocated is owned by use before libharu runs:
		 * its error handler may longjmp out of here. */
		use->file[i].font = HPDF_GetFont(pdf, placeholders[i], "WinAnsiEncoding");
		if (!use->file[i].font)
			return folio_error_set(err, FOLIO_ERR_RENDER, NULL, 0, 0,
			                       "libharu could not make a font");
	}
	return FOLIO_OK;
}

HPDF_Font pdf_font_use_font(const pdf_font_use *use, pdf_face face)
{
	return use->file[face_file[face]].font;
}

static int by_cp(const void *key, const void *elem)
{
	uint32_t cp = *(const uint32_t *)key;
	const pdf_embed_glyph *g = elem;

	return cp < g->cp ? -1 : cp > g->cp ? 1 : 0;
}

size_t pdf_font_use_encode(const pdf_font_use *use, pdf_face face, const char *folded, size_t len,
                           char *out, size_t cap)
{
	const struct face_use *u = &use->file[face_file[face]];
	size_t n = u->used.count, i = 0, o = 0;

	while (i < len) {
		unsigned code = 0;

		if ((unsigned char)folded[i] < 0x80) { /* most text: a table */
			code = u->ascii_code[(unsigned char)folded[i++]];
		} else {
			uint32_t cp = next_cp(folded, len, &i);
			const pdf_embed_glyph *g =
			    u->by_cp ? bsearch(&cp, u->by_cp, n, sizeof *u->by_cp, by_cp) : NULL;

			code = g ? g->code : 0;
		}
		if (code == 0)
			continue;
		if (o + 3 > cap)
			return (size_t)-1;
		if (u->code_bytes == 2)
			out[o++] = (char)(code >> 8);
		out[o++] = (char)(code & 0xFF);
	}
	if (cap == 0)
		return (size_t)-1;
	out[o] = '\0';
	return o;
}

const pdf_embed_font *pdf_font_use_fonts(const pdf_font_use *use, size_t *count)
{
	*count = use->nout;
	return use->out;
}
