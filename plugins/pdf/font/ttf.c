/* folio pdf plugin — TrueType fonts: reading and subsetting. See ttf.h.
 *
 * References: the OpenType specification's chapters on the table directory,
 * cmap (formats 4 and 12), glyf, loca, head, hhea, hmtx, maxp, name, OS/2 and
 * post. All integers in a font are big-endian.
 */
#include "ttf.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define TAG(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

/* ---- big-endian reads and writes ----------------------------------------- */

static unsigned u16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static int s16(const unsigned char *p)
{
	unsigned v = u16(p);

	return v >= 0x8000 ? (int)v - 0x10000 : (int)v;
}

static uint32_t u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* ---- parsing ----------------------------------------------------------------- */

static const unsigned char *table(const ttf_font *f, ttf_table t)
{
	return f->data + t.off;
}

/* Where glyph gid's outline lies in glyf: 0, or -1 when loca says
 * something impossible. ttf_parse checked loca's length only; its entries
 * are checked here, for the few glyphs a document uses, not all at load. */
static int glyph_range(const ttf_font *f, unsigned gid, uint32_t *off, uint32_t *len)
{
	const unsigned char *loca = table(f, f->loca);
	uint32_t a, b;

	if (f->long_loca) {
		a = u32(loca + 4 * gid);
		b = u32(loca + 4 * gid + 4);
	} else {
		a = 2 * (uint32_t)u16(loca + 2 * gid);
		b = 2 * (uint32_t)u16(loca + 2 * gid + 2);
	}
	if (b < a || b > f->glyf.len)
		return -1;
	*off = a;
	*len = b - a;
	return 0;
}



/* Picks the Unicode subtable: full repertoire (format 12) first, then the
 * BMP (format 4). */
static int pick_cmap(ttf_font *f)
{
	const unsigned char *c = table(f, f->cmap);
	unsigned n;
	int best = 0;

	if (f->cmap.len < 4)
		return -1;
	n = u16(c + 2);
	if (4 + 8 * (uint64_t)n > f->cmap.len)
		return -1;
	for (unsigned i = 0; i < n; i++) {
		const unsigned char *rec = c + 4 + 8 * i;
		unsigned plat = u16(rec), enc = u16(rec + 2);
		uint32_t off = u32(rec + 4);
		const unsigned char *sub;
		uint32_t len, count;
		uint64_t need;
		unsigned fmt;
		int rank;

		if (!(plat == 0 || (plat == 3 && (enc == 1 || enc == 10))))
			continue;
		if ((uint64_t)off + 16 > f->cmap.len)
			continue;
		sub = c + off;
		fmt = u16(sub);
		/* its length, and what its entries need (format 12: 12-byte
		 * groups; format 4: four arrays of 2-byte segment values) */
		if (fmt == 12) {
			len = u32(sub + 4);
			count = u32(sub + 12);
			need = 16 + 12 * (uint64_t)count;
			rank = 2;
		} else if (fmt == 4) {
			len = u16(sub + 2);
			count = u16(sub + 6) / 2;
			need = 16 + 8 * (uint64_t)count;
			rank = 1;
		} else {
			continue;
		}
		if ((uint64_t)off + len > f->cmap.len || need > len || rank <= best)
			continue;
		best = rank;
		f->cmap_format = (int)fmt;
		f->cmap_sub = f->cmap.off + off;
		f->cmap_count = count;
	}
	return best ? 0 : -1;
}

static int parse_tables(ttf_font *f, const char **why)
{
	unsigned n = u16(f->data + 4);

	if (12 + 16 * (size_t)n > f->len) {
		*why = "truncated font (table directory)";
		return -1;
	}
	int has_glyf = 0;

	for (unsigned i = 0; i < n; i++) {
		const unsigned char *rec = f->data + 12 + 16 * i;
		uint32_t tag = u32(rec), off = u32(rec + 8), len = u32(rec + 12);
		ttf_table t = {off, len};

		if ((uint64_t)off + len > f->len) {
			*why = "truncated font (a table runs past the end of the file)";
			return -1;
		}
		switch (tag) {
		case TAG('h', 'e', 'a', 'd'): f->head = t; break;
		case TAG('h', 'h', 'e', 'a'): f->hhea = t; break;
		case TAG('m', 'a', 'x', 'p'): f->maxp = t; break;
		case TAG('h', 'm', 't', 'x'): f->hmtx = t; break;
		case TAG('l', 'o', 'c', 'a'): f->loca = t; break;
		case TAG('g', 'l', 'y', 'f'):
			f->glyf = t;
			has_glyf = 1; /* may be empty: every glyph blank */
			break;
		case TAG('c', 'm', 'a', 'p'): f->cmap = t; break;
		case TAG('p', 'o', 's', 't'): f->post = t; break;
		case TAG('n', 'a', 'm', 'e'): f->name = t; break;
		case TAG('O', 'S', '/', '2'): f->os2 = t; break;
		default: break;
		}
	}
	if (f->head.len < 54 || f->hhea.len < 36 || f->maxp.len < 32 || !has_glyf ||
	    f->loca.len == 0 || f->hmtx.len == 0 || f->cmap.len == 0) {
		*why = "not a TrueType font (a required table is missing or short)";
		return -1;
	}
	if (f->post.len < 32)
		f->post.len = 0;
	if (f->os2.len < 78) /* version 0's length */
		f->os2.len = 0;
	return 0;
}

int ttf_parse(ttf_font *f, const unsigned char *data, size_t len, const char **why)
{
	uint32_t version;
	int loca_format;

	memset(f, 0, sizeof *f);
	f->data = data;
	f->len = len;
	if (len < 12) {
		*why = "not a TrueType font (too short)";
		return -1;
	}
	version = u32(data);
	if (version == TAG('O', 'T', 'T', 'O')) {
		*why = "an OpenType font with CFF outlines; folio needs TrueType (glyf) outlines";
		return -1;
	}
	if (version == TAG('t', 't', 'c', 'f')) {
		*why = "a font collection; folio needs a single TrueType font";
		return -1;
	}
	if (version != 0x00010000 && version != TAG('t', 'r', 'u', 'e')) {
		*why = "not a TrueType font";
		return -1;
	}
	if (parse_tables(f, why) != 0)
		return -1;
	f->upem = u16(table(f, f->head) + 18);
	loca_format = s16(table(f, f->head) + 50);
	f->glyph_count = u16(table(f, f->maxp) + 4);
	f->hmetric_count = u16(table(f, f->hhea) + 34);
	if (f->upem < 16 || f->upem > 16384 || (loca_format != 0 && loca_format != 1) ||
	    f->glyph_count == 0 || f->hmetric_count == 0 || f->hmetric_count > f->glyph_count) {
		*why = "not a TrueType font (bad head, maxp or hhea)";
		return -1;
	}
	f->long_loca = loca_format;
	if ((uint64_t)f->hmtx.len < 4 * (uint64_t)f->hmetric_count +
	                                2 * (uint64_t)(f->glyph_count - f->hmetric_count)) {
		*why = "truncated font (hmtx)";
		return -1;
	}
	if ((uint64_t)f->loca.len < (uint64_t)(f->glyph_count + 1) * (f->long_loca ? 4 : 2)) {
		*why = "truncated font (loca)";
		return -1;
	}
	if (pick_cmap(f) != 0) {
		*why = "the font has no Unicode character map";
		return -1;
	}
	return 0;
}

int ttf_open(ttf_font *f, const char *path, const char **why)
{
	struct stat st;
	void *map;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	memset(f, 0, sizeof *f);
	if (fd < 0) {
		*why = "cannot read font file";
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		*why = "cannot read font file";
		return -1;
	}
	if (st.st_size < 12) {
		close(fd);
		*why = "not a TrueType font (too short)";
		return -1;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		*why = "cannot read font file";
		return -1;
	}
	if (ttf_parse(f, map, (size_t)st.st_size, why) != 0) {
		munmap(map, (size_t)st.st_size);
		memset(f, 0, sizeof *f);
		return -1;
	}
	f->map = map;
	return 0;
}

void ttf_close(ttf_font *f)
{
	if (f->map)
		munmap(f->map, f->len);
	memset(f, 0, sizeof *f);
}

/* ---- lookups ------------------------------------------------------------------ */

static unsigned cmap4_glyph(const ttf_font *f, uint32_t cp)
{
	const unsigned char *sub = f->data + f->cmap_sub;
	unsigned segs = f->cmap_count, lo = 0, hi = segs;
	const unsigned char *ends = sub + 14, *starts = ends + 2 * segs + 2;
	const unsigned char *deltas = starts + 2 * segs, *ranges = deltas + 2 * segs;
	unsigned k, start, range;

	if (cp > 0xFFFF)
		return 0;
	while (lo < hi) { /* the first segment whose end is >= cp */
		unsigned mid = lo + (hi - lo) / 2;

		if (u16(ends + 2 * mid) < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == segs)
		return 0;
	k = lo;
	start = u16(starts + 2 * k);
	if (cp < start)
		return 0;
	range = u16(ranges + 2 * k);
	if (range == 0)
		return (cp + u16(deltas + 2 * k)) & 0xFFFF;
	{
		/* idRangeOffset counts bytes from its own place in the array */
		size_t at = (size_t)(ranges + 2 * k - f->data) + range + 2 * (cp - start);
		unsigned g;

		if (at + 2 > f->cmap_sub + u16(sub + 2) || at + 2 > f->len)
			return 0;
		g = u16(f->data + at);
		return g ? (g + u16(deltas + 2 * k)) & 0xFFFF : 0;
	}
}

static unsigned cmap12_glyph(const ttf_font *f, uint32_t cp)
{
	const unsigned char *groups = f->data + f->cmap_sub + 16;
	uint32_t lo = 0, hi = f->cmap_count;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const unsigned char *g = groups + 12 * (size_t)mid;

		if (u32(g + 4) < cp) {
			lo = mid + 1;
		} else if (u32(g) > cp) {
			hi = mid;
		} else {
			uint64_t gid = (uint64_t)u32(g + 8) + (cp - u32(g));

			return gid <= 0xFFFF ? (unsigned)gid : 0;
		}
	}
	return 0;
}

unsigned ttf_glyph(const ttf_font *f, uint32_t cp)
{
	unsigned g = f->cmap_format == 12 ? cmap12_glyph(f, cp) : cmap4_glyph(f, cp);

	return g < f->glyph_count ? g : 0;
}

unsigned ttf_advance(const ttf_font *f, unsigned gid)
{
	if (gid >= f->glyph_count)
		return 0;
	if (gid >= f->hmetric_count)
		gid = f->hmetric_count - 1;
	return u16(table(f, f->hmtx) + 4 * (size_t)gid);
}

void ttf_get_metrics(const ttf_font *f, ttf_metrics *m)
{
	const unsigned char *head = table(f, f->head), *hhea = table(f, f->hhea);
	const unsigned char *os2 = f->os2.len ? table(f, f->os2) : NULL;
	const unsigned char *post = f->post.len ? table(f, f->post) : NULL;

	memset(m, 0, sizeof *m);
	/* OS/2's typographic figures when the font asks for them (fsSelection
	 * bit 7, USE_TYPO_METRICS), else hhea's: what renderers use. */
	if (os2 && (u16(os2 + 62) & 0x80)) {
		m->ascender = abs(s16(os2 + 68));
		m->descender = -abs(s16(os2 + 70));
	} else {
		m->ascender = abs(s16(hhea + 4));
		m->descender = -abs(s16(hhea + 6));
	}
	if (os2 && u16(os2) >= 2 && f->os2.len >= 90)
		m->cap_height = s16(os2 + 88);
	for (int i = 0; i < 4; i++)
		m->bbox[i] = s16(head + 36 + 2 * i);
	if (post) {
		m->italic_angle = s16(post + 4); /* the integer part of a 16.16 Fixed */
		m->fixed_pitch = u32(post + 12) != 0;
	}
	if (os2)
		m->weight_class = u16(os2 + 4);
}

/* One name record: its string in the name table, or NULL. */
static const unsigned char *name_string(const ttf_font *f, const unsigned char *rec, unsigned *len)
{
	const unsigned char *name = table(f, f->name);
	uint64_t at = (uint64_t)u16(name + 4) + u16(rec + 10);

	*len = u16(rec + 8);
	return at + *len <= f->name.len ? name + at : NULL;
}

size_t ttf_postscript_name(const ttf_font *f, char *out, size_t cap)
{
	const unsigned char *name = table(f, f->name), *best = NULL;
	unsigned count, best_rank = 0, len = 0;
	size_t o = 0;
	int wide = 0;

	out[0] = '\0';
	if (f->name.len < 6)
		return 0;
	count = u16(name + 2);
	if (6 + 12 * (uint64_t)count > f->name.len)
		return 0;
	for (unsigned i = 0; i < count; i++) {
		const unsigned char *rec = name + 6 + 12 * i;
		unsigned plat = u16(rec), enc = u16(rec + 2), lang = u16(rec + 4), rank = 0, l;
		const unsigned char *s;

		if (u16(rec + 6) != 6)
			continue;
		if (plat == 3 && (enc == 1 || enc == 10))
			rank = lang == 0x409 ? 4 : 3;
		else if (plat == 0)
			rank = 2;
		else if (plat == 1 && enc == 0)
			rank = 1;
		s = name_string(f, rec, &l);
		if (rank > best_rank && s) {
			best_rank = rank;
			best = s;
			len = l;
			wide = plat != 1;
		}
	}
	if (!best)
		return 0;
	for (unsigned i = 0; i + (wide ? 1u : 0u) < len && o + 1 < cap; i += wide ? 2 : 1) {
		unsigned c = wide ? u16(best + i) : best[i];

		out[o++] = c >= 0x21 && c < 0x7F ? (char)c : '-';
	}
	out[o] = '\0';
	return o;
}

/* ---- subsetting ------------------------------------------------------------------ */

enum {
	ARG_WORDS = 0x0001,
	HAVE_SCALE = 0x0008,
	MORE_COMPONENTS = 0x0020,
	HAVE_XY_SCALE = 0x0040,
	HAVE_2X2 = 0x0080,
	HAVE_INSTRUCTIONS = 0x0100,
};

/* The next component of a composite glyph g (len bytes) at *p: its flags'
 * place, its glyph. Returns 1 (and moves *p past it), 0 after the last
 * one, -1 when the record runs past the glyph. */
static int next_component(const unsigned char *g, uint32_t len, uint32_t *p, int *more,
                          uint32_t *at, unsigned *gid)
{
	unsigned flags;
	uint32_t size;

	if (!*more)
		return 0;
	if (*p + 4 > len)
		return -1;
	flags = u16(g + *p);
	*at = *p;
	*gid = u16(g + *p + 2);
	size = 4 + ((flags & ARG_WORDS) ? 4 : 2);
	if (flags & HAVE_SCALE)
		size += 2;
	else if (flags & HAVE_XY_SCALE)
		size += 4;
	else if (flags & HAVE_2X2)
		size += 8;
	if (*p + size > len)
		return -1;
	*p += size;
	*more = (flags & MORE_COMPONENTS) != 0;
	return 1;
}

/* The length of simple glyph g without its instructions (header, end
 * points, a zero instruction length, flags and coordinates), or 0 when
 * malformed. *cut is where its instructions start, *resume where its flags
 * do. */
static uint32_t simple_length(const unsigned char *g, uint32_t len, uint32_t *cut, uint32_t *resume)
{
	unsigned contours = u16(g), points, ins;
	uint32_t p = 10 + 2 * contours, xy = 0;

	if (p + 2 > len)
		return 0;
	points = contours ? u16(g + p - 2) + 1 : 0;
	ins = u16(g + p);
	*cut = p;
	p += 2 + ins;
	*resume = p;
	while (points > 0) {
		unsigned flag, repeat = 1, xs, ys;

		if (p >= len)
			return 0;
		flag = g[p++];
		if (flag & 8) {
			if (p >= len)
				return 0;
			repeat += g[p++];
		}
		if (repeat > points)
			return 0;
		xs = (flag & 2) ? 1 : (flag & 16) ? 0 : 2;
		ys = (flag & 4) ? 1 : (flag & 32) ? 0 : 2;
		xy += repeat * (xs + ys);
		points -= repeat;
	}
	if ((uint64_t)p + xy > len)
		return 0;
	return p + xy - ins; /* the 2-byte instruction length stays, as 0 */
}

/* Writes (dst non-NULL) or measures glyph gid of f without hinting, with its
 * components renumbered by newid. Returns its length (0 for an empty glyph)
 * or -1 when malformed. */
static long glyph_out(const ttf_font *f, unsigned gid, const uint32_t *newid, unsigned char *dst)
{
	uint32_t off, len, p = 10, at;
	const unsigned char *g;
	unsigned comp;
	int more = 1, r;

	if (glyph_range(f, gid, &off, &len) != 0)
		return -1;
	if (len == 0)
		return 0;
	if (len < 10)
		return -1;
	g = table(f, f->glyf) + off;
	if (s16(g) >= 0) {
		uint32_t cut, resume, n = simple_length(g, len, &cut, &resume);

		if (n == 0)
			return -1;
		if (dst) {
			memcpy(dst, g, cut);
			put16(dst + cut, 0);
			memcpy(dst + cut + 2, g + resume, n - cut - 2);
		}
		return (long)n;
	}
	while ((r = next_component(g, len, &p, &more, &at, &comp)) == 1)
		if (comp >= f->glyph_count)
			return -1;
	if (r < 0)
		return -1;
	if (dst) { /* p bytes of records, then instructions: these are left out */
		uint32_t q = 10;

		memcpy(dst, g, p);
		more = 1;
		while (next_component(g, len, &q, &more, &at, &comp) == 1) {
			put16(dst + at, u16(g + at) & ~(unsigned)HAVE_INSTRUCTIONS);
			put16(dst + at + 2, newid[comp]);
		}
	}
	return (long)p;
}

/* The subset being built: old glyph -> new, and new -> old. */
typedef struct subset_map {
	uint32_t *newid; /* per old glyph; UINT32_MAX when not in the subset */
	uint16_t *order; /* old glyph of each new glyph */
	unsigned count;
} subset_map;

static unsigned map_add(subset_map *m, unsigned old)
{
	if (m->newid[old] == UINT32_MAX) {
		m->newid[old] = m->count;
		m->order[m->count++] = (uint16_t)old;
	}
	return m->newid[old];
}

/* Adds the components of every composite in the subset, and theirs. */
static int map_close(const ttf_font *f, subset_map *m)
{
	for (unsigned i = 1; i < m->count; i++) {
		uint32_t off, len, p = 10, at;
		const unsigned char *g;
		unsigned comp;
		int more = 1, r;

		if (glyph_range(f, m->order[i], &off, &len) != 0)
			return -1;
		if (len < 10)
			continue; /* empty, or rejected when written */
		g = table(f, f->glyf) + off;
		if (s16(g) >= 0)
			continue;
		while ((r = next_component(g, len, &p, &more, &at, &comp)) == 1) {
			if (comp >= f->glyph_count)
				return -1;
			map_add(m, comp);
		}
		if (r < 0)
			return -1;
	}
	return 0;
}

/* A segment of the subset's format 4 cmap: codes start..end map to glyphs
 * start + delta... */
typedef struct cmap_seg {
	unsigned start, end, gid;
} cmap_seg;

static size_t cmap_segments(const ttf_subset_char *chars, size_t n, cmap_seg *segs)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (chars[i].gid == 0 || chars[i].cp >= 0xFFFF)
			continue;
		if (k > 0 && chars[i].cp == segs[k - 1].end + 1 &&
		    chars[i].gid == segs[k - 1].gid + (chars[i].cp - segs[k - 1].start)) {
			segs[k - 1].end = chars[i].cp;
			continue;
		}
		segs[k++] = (cmap_seg){chars[i].cp, chars[i].cp, chars[i].gid};
	}
	segs[k++] = (cmap_seg){0xFFFF, 0xFFFF, 0}; /* the required last segment, to .notdef */
	return k;
}

static void write_cmap(unsigned char *d, const cmap_seg *segs, size_t k)
{
	unsigned len = (unsigned)(16 + 8 * k), range = 1, sel = 0;

	while (range * 2 <= k) {
		range *= 2;
		sel++;
	}
	put16(d, 0);
	put16(d + 2, 1);
	put16(d + 4, 3); /* Windows, Unicode BMP */
	put16(d + 6, 1);
	put32(d + 8, 12);
	d += 12;
	put16(d, 4);
	put16(d + 2, len);
	put16(d + 4, 0);
	put16(d + 6, (unsigned)(2 * k));
	put16(d + 8, 2 * range);
	put16(d + 10, sel);
	put16(d + 12, (unsigned)(2 * k - 2 * range));
	for (size_t i = 0; i < k; i++) {
		put16(d + 14 + 2 * i, segs[i].end);
		put16(d + 16 + 2 * k + 2 * i, segs[i].start);
		put16(d + 16 + 4 * k + 2 * i, (segs[i].gid - segs[i].start) & 0xFFFF);
		put16(d + 16 + 6 * k + 2 * i, 0);
	}
	put16(d + 14 + 2 * k, 0); /* reservedPad */
}

/* The name records kept: family, style and PostScript name, Windows
 * Unicode English; copyright and licence texts would ride along in every PDF. */
static int name_kept(const unsigned char *rec)
{
	unsigned id = u16(rec + 6);

	return u16(rec) == 3 && (u16(rec + 2) == 1 || u16(rec + 2) == 10) &&
	       u16(rec + 4) == 0x409 && (id == 1 || id == 2 || id == 6);
}

/* Writes (d non-NULL) or measures the subset's name table. */
static size_t name_out(const ttf_font *f, unsigned char *d)
{
	const unsigned char *name = table(f, f->name);
	unsigned count = f->name.len >= 6 ? u16(name + 2) : 0, kept = 0, k = 0;
	size_t storage = 0, at = 0;

	if (6 + 12 * (uint64_t)count > f->name.len)
		count = 0;
	for (unsigned i = 0; i < count; i++) {
		unsigned len;

		if (name_kept(name + 6 + 12 * i) && name_string(f, name + 6 + 12 * i, &len)) {
			kept++;
			storage += len;
		}
	}
	if (!d)
		return 6 + 12 * (size_t)kept + storage;
	put16(d, 0);
	put16(d + 2, kept);
	put16(d + 4, 6 + 12 * kept);
	for (unsigned i = 0; i < count; i++) {
		const unsigned char *rec = name + 6 + 12 * i, *s;
		unsigned len;

		if (!name_kept(rec) || !(s = name_string(f, rec, &len)))
			continue;
		memcpy(d + 6 + 12 * k, rec, 8);
		put16(d + 6 + 12 * k + 8, len);
		put16(d + 6 + 12 * k + 10, (unsigned)at);
		memcpy(d + 6 + 12 * kept + at, s, len);
		at += len;
		k++;
	}
	return 6 + 12 * (size_t)kept + storage;
}

static uint32_t checksum(const unsigned char *d, size_t len)
{
	uint32_t sum = 0;

	for (size_t i = 0; i < len; i += 4) /* tables are zero-padded to 4 */
		sum += u32(d + i);
	return sum;
}

/* The output tables, in the directory's (tag) order. */
enum { T_OS2, T_CMAP, T_GLYF, T_HEAD, T_HHEA, T_HMTX, T_LOCA, T_MAXP, T_NAME, T_POST, T_COUNT };

static const uint32_t out_tags[T_COUNT] = {
    TAG('O', 'S', '/', '2'), TAG('c', 'm', 'a', 'p'), TAG('g', 'l', 'y', 'f'),
    TAG('h', 'e', 'a', 'd'), TAG('h', 'h', 'e', 'a'), TAG('h', 'm', 't', 'x'),
    TAG('l', 'o', 'c', 'a'), TAG('m', 'a', 'x', 'p'), TAG('n', 'a', 'm', 'e'),
    TAG('p', 'o', 's', 't'),
};

/* The order of the tables' bytes (the directory is in tag order): the
 * small fixed tables first and the outlines last deflate best. */
static const int data_order[T_COUNT] = {T_MAXP, T_POST, T_HHEA, T_HEAD, T_LOCA,
                                        T_OS2,  T_NAME, T_HMTX, T_CMAP, T_GLYF};

typedef struct subset_job {
	const ttf_font *f;
	const subset_map *m;
	const ttf_subset_char *chars;
	size_t nchars;
	cmap_seg *segs;
	size_t nsegs;
	size_t size[T_COUNT];
	size_t glyf_len;
	unsigned hmetrics;
	int long_loca;
} subset_job;

/* The number of hmtx's full records: trailing glyphs that share the last
 * advance need only their side bearings. */
static unsigned hmetric_count(const ttf_font *f, const subset_map *m)
{
	unsigned n = m->count;

	while (n > 1 && ttf_advance(f, m->order[n - 1]) == ttf_advance(f, m->order[n - 2]))
		n--;
	return n;
}

static int lsb(const ttf_font *f, unsigned gid)
{
	const unsigned char *hmtx = table(f, f->hmtx);

	if (gid < f->hmetric_count)
		return s16(hmtx + 4 * (size_t)gid + 2);
	return s16(hmtx + 4 * (size_t)f->hmetric_count + 2 * (size_t)(gid - f->hmetric_count));
}

static void write_glyf_loca(const subset_job *j, unsigned char *glyf, unsigned char *loca)
{
	size_t at = 0;

	for (unsigned i = 0; i < j->m->count; i++) {
		long n = i == 0 ? 0 : glyph_out(j->f, j->m->order[i], j->m->newid, glyf + at);

		if (j->long_loca)
			put32(loca + 4 * i, (uint32_t)at);
		else
			put16(loca + 2 * i, (unsigned)(at / 2));
		at += (size_t)n + ((size_t)n & 1); /* even: short loca counts words */
	}
	if (j->long_loca)
		put32(loca + 4 * j->m->count, (uint32_t)at);
	else
		put16(loca + 2 * j->m->count, (unsigned)(at / 2));
}

static void write_hmtx(const subset_job *j, unsigned char *d)
{
	for (unsigned i = 0; i < j->m->count; i++) {
		unsigned old = j->m->order[i];

		if (i < j->hmetrics) {
			put16(d, ttf_advance(j->f, old));
			put16(d + 2, (unsigned)lsb(j->f, old) & 0xFFFF);
			d += 4;
		} else {
			put16(d, (unsigned)lsb(j->f, old) & 0xFFFF);
			d += 2;
		}
	}
}

static void write_table(const subset_job *j, int t, unsigned char *d)
{
	const ttf_font *f = j->f;
	unsigned first = 0xFFFF, last = 0;

	switch (t) {
	case T_OS2:
		memcpy(d, table(f, f->os2), f->os2.len);
		for (size_t i = 0; i < j->nchars; i++) {
			unsigned cp = j->chars[i].cp > 0xFFFF ? 0xFFFF : (unsigned)j->chars[i].cp;

			if (j->chars[i].gid == 0)
				continue;
			first = cp < first ? cp : first;
			last = cp > last ? cp : last;
		}
		put16(d + 64, first > last ? 0 : first);
		put16(d + 66, last);
		break;
	case T_CMAP: write_cmap(d, j->segs, j->nsegs); break;
	case T_GLYF: break; /* glyf and loca: write_glyf_loca */
	case T_HEAD:
		memcpy(d, table(f, f->head), 54);
		put32(d + 8, 0); /* checkSumAdjustment, set at the end */
		put16(d + 50, (unsigned)j->long_loca);
		break;
	case T_HHEA:
		memcpy(d, table(f, f->hhea), 36);
		put16(d + 34, j->hmetrics);
		break;
	case T_HMTX: write_hmtx(j, d); break;
	case T_LOCA: break;
	case T_MAXP:
		memcpy(d, table(f, f->maxp), 32);
		put32(d, 0x00010000);
		put16(d + 4, j->m->count);
		/* no hinting: one zone, no twilight points, storage, functions or stack */
		put16(d + 14, 1);
		for (int o = 16; o <= 26; o += 2)
			put16(d + o, 0);
		break;
	case T_NAME: name_out(f, d); break;
	case T_POST:
		if (f->post.len)
			memcpy(d, table(f, f->post), 32);
		put32(d, 0x00030000); /* no glyph names */
		break;
	default: break;
	}
}

static int plan_sizes(subset_job *j)
{
	size_t glyf = 0;

	/* .notdef keeps its advance but not its outline: nothing draws it */
	for (unsigned i = 1; i < j->m->count; i++) {
		long n = glyph_out(j->f, j->m->order[i], j->m->newid, NULL);

		if (n < 0)
			return -1;
		glyf += (size_t)n + ((size_t)n & 1);
	}
	j->glyf_len = glyf;
	j->long_loca = glyf > 0x1FFFE;
	j->hmetrics = hmetric_count(j->f, j->m);
	j->size[T_OS2] = j->f->os2.len;
	j->size[T_CMAP] = 12 + 16 + 8 * j->nsegs;
	j->size[T_GLYF] = glyf;
	j->size[T_HEAD] = 54;
	j->size[T_HHEA] = 36;
	j->size[T_HMTX] = 4 * (size_t)j->hmetrics + 2 * (size_t)(j->m->count - j->hmetrics);
	j->size[T_LOCA] = (j->m->count + 1) * (size_t)(j->long_loca ? 4 : 2);
	j->size[T_MAXP] = 32;
	j->size[T_NAME] = name_out(j->f, NULL);
	j->size[T_POST] = 32;
	return 0;
}

/* Every table is written, glyf even when empty, but OS/2 only when the
 * font has one. */
static int present(const subset_job *j, int t)
{
	return t != T_OS2 || j->size[T_OS2] > 0;
}

static size_t pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

static unsigned char *write_font(subset_job *j, size_t *out_len)
{
	unsigned tables = 0, range = 1, sel = 0;
	size_t total, offset[T_COUNT];
	unsigned char *d, *dir;

	for (int t = 0; t < T_COUNT; t++)
		tables += present(j, t);
	total = 12 + 16 * (size_t)tables;
	for (int k = 0; k < T_COUNT; k++) {
		offset[data_order[k]] = total;
		total += pad4(j->size[data_order[k]]);
	}
	d = calloc(1, total);
	if (!d)
		return NULL;
	while (range * 2 <= tables) {
		range *= 2;
		sel++;
	}
	put32(d, 0x00010000);
	put16(d + 4, tables);
	put16(d + 6, 16 * range);
	put16(d + 8, sel);
	put16(d + 10, 16 * (tables - range));
	write_glyf_loca(j, d + offset[T_GLYF], d + offset[T_LOCA]);
	dir = d + 12;
	for (int t = 0; t < T_COUNT; t++) {
		if (!present(j, t))
			continue;
		write_table(j, t, d + offset[t]);
		put32(dir, out_tags[t]);
		put32(dir + 4, checksum(d + offset[t], pad4(j->size[t])));
		put32(dir + 8, (uint32_t)offset[t]);
		put32(dir + 12, (uint32_t)j->size[t]);
		dir += 16;
	}
	put32(d + offset[T_HEAD] + 8, 0xB1B0AFBAu - checksum(d, total));
	*out_len = total;
	return d;
}

int ttf_subset(const ttf_font *f, ttf_subset_char *chars, size_t n, ttf_subset_font *out,
               const char **why)
{
	subset_map m = {0};
	subset_job j = {.f = f, .m = &m, .chars = chars, .nchars = n};
	int rc = -1;

	memset(out, 0, sizeof *out);
	*why = "out of memory";
	m.newid = malloc(f->glyph_count * sizeof *m.newid);
	m.order = malloc(f->glyph_count * sizeof *m.order);
	j.segs = malloc((n + 1) * sizeof *j.segs);
	if (!m.newid || !m.order || !j.segs)
		goto done;
	memset(m.newid, 0xFF, f->glyph_count * sizeof *m.newid);
	map_add(&m, 0);
	for (size_t i = 0; i < n; i++) {
		unsigned g = ttf_glyph(f, chars[i].cp);

		chars[i].gid = g ? map_add(&m, g) : 0;
	}
	j.nsegs = cmap_segments(chars, n, j.segs);
	if (map_close(f, &m) != 0 || plan_sizes(&j) != 0) {
		*why = "malformed glyph outline in the font";
		goto done;
	}
	out->data = write_font(&j, &out->len);
	if (!out->data)
		goto done;
	out->glyph_count = m.count;
	rc = 0;
done:
	free(m.newid);
	free(m.order);
	free(j.segs);
	return rc;
}
