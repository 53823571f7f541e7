/* folio pdf plugin — TrueType fonts: reading and subsetting.
 *
 * The leaflet's fonts are TrueType files (glyf outlines). This module reads
 * what the layout needs from them (the cmap, advances, ascent and descent,
 * the FontDescriptor's figures, the PostScript name) and writes a subset of
 * one: the glyphs a document draws, renumbered, with their composite
 * components, hinting removed, and the tables a PDF's CIDFontType2 reads
 * (glyf, loca, head, hhea, hmtx, maxp) plus minimal cmap, name, post and OS/2.
 *
 * ttf_parse checks every table it will later read against the file's length,
 * so the lookups after it need no checks of their own; a glyph's loca entry
 * and outline are checked when subsetting reads them. A font is only
 * read after parsing, so one ttf_font may be shared by threads.
 */
#ifndef FOLIO_PDF_TTF_H
#define FOLIO_PDF_TTF_H

#include <stddef.h>
#include <stdint.h>

typedef struct ttf_table {
	uint32_t off, len;
} ttf_table;

typedef struct ttf_font {
	const unsigned char *data; /* the whole file (not owned unless mapped) */
	size_t len;
	void *map; /* set by ttf_open: the mapping ttf_close unmaps */
	ttf_table head, hhea, maxp, hmtx, loca, glyf, cmap, post, name, os2;
	unsigned upem;
	unsigned glyph_count;
	unsigned hmetric_count;
	int long_loca;
	/* the Unicode cmap subtable: format 4 (BMP) or 12 (groups) */
	int cmap_format;
	uint32_t cmap_sub;   /* its offset in the file */
	uint32_t cmap_count; /* segments (4) or groups (12) */
} ttf_font;

/* Reads a font held in memory (data must outlive f). Returns 0, or -1 with
 * *why set to a static sentence ("not a TrueType font", ...). */
int ttf_parse(ttf_font *f, const unsigned char *data, size_t len, const char **why);
/* Maps the file at path read-only and parses it. Returns 0, or -1 with *why
 * set ("cannot read font file" for an I/O failure, with errno). */
int ttf_open(ttf_font *f, const char *path, const char **why);
/* Unmaps what ttf_open mapped; safe on a zeroed or failed ttf_font. */
void ttf_close(ttf_font *f);

/* The glyph for code point cp, 0 (.notdef) when the font has none. */
unsigned ttf_glyph(const ttf_font *f, uint32_t cp);
/* A glyph's advance width in font units (0 for a glyph past the end). */
unsigned ttf_advance(const ttf_font *f, unsigned gid);

/* Figures from head, hhea, OS/2 and post, in font units unless noted. */
typedef struct ttf_metrics {
	int ascender, descender; /* descender negative */
	int cap_height;          /* 0 when the font does not say */
	int bbox[4];             /* xMin, yMin, xMax, yMax */
	int italic_angle;        /* degrees, the integer part */
	unsigned weight_class;   /* 100-900, 0 when unknown */
	int fixed_pitch;
} ttf_metrics;
void ttf_get_metrics(const ttf_font *f, ttf_metrics *m);

/* The PostScript name (name ID 6) as ASCII into out (cap bytes, at least 1).
 * Returns its length, or 0 (out is "") when the font has none. */
size_t ttf_postscript_name(const ttf_font *f, char *out, size_t cap);

/* One character of a subset: the code point and its glyph in the subset
 * (filled in by ttf_subset). */
typedef struct ttf_subset_char {
	uint32_t cp;
	unsigned gid; /* out: 0 when the font lacks cp */
} ttf_subset_char;

/* A subset font: data (malloc'd, the caller frees it) of len bytes, holding
 * glyph_count glyphs. */
typedef struct ttf_subset_font {
	unsigned char *data;
	size_t len;
	unsigned glyph_count;
} ttf_subset_font;

/* Writes the subset of f that draws the n characters chars (sorted by cp,
 * each once): glyph 0, then the characters' glyphs in the order of chars,
 * then the glyphs their composites need. Sets each chars[i].gid. Returns 0,
 * or -1 with *why set (a malformed outline, out of memory). */
int ttf_subset(const ttf_font *f, ttf_subset_char *chars, size_t n, ttf_subset_font *out,
               const char **why);

#endif
