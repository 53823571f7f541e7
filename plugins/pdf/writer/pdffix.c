/* folio pdf plugin — post-processing of libharu's output. See pdffix.h. */
#include "pdffix.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>
#include <utf8proc.h>

/* ---- a growable byte buffer ------------------------------------------------ */

typedef struct gbuf {
	char *p;
	size_t len, cap;
	int failed;
} gbuf;

static void gbuf_add(gbuf *b, const void *data, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 1024;
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
	memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void gbuf_printf(gbuf *b, const char *fmt, ...) FOLIO_PRINTF(2, 3);
static void gbuf_printf(gbuf *b, const char *fmt, ...)
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
	gbuf_add(b, tmp, (size_t)n);
}

/* Makes room for n more bytes. */
static int gbuf_reserve(gbuf *b, size_t n)
{
	size_t len = b->len;

	gbuf_add(b, "", 0);
	if (b->failed)
		return 0;
	if (len + n + 1 > b->cap) {
		char *q = realloc(b->p, len + n + 1);

		if (!q) {
			b->failed = 1;
			return 0;
		}
		b->p = q;
		b->cap = len + n + 1;
	}
	return 1;
}

/* ---- PNGs that pass through ------------------------------------------------------ */

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* 1 when idat (one zlib stream) decodes to exactly the rows of a w x h
 * image of colors 8-bit channels, each row led by a valid filter type (0-4),
 * and every chunk's CRC held. What libpng would check for such a file,
 * without unfiltering: the rows are not needed, only their soundness. */
static int png_rows_sound(const pdf_png *g)
{
	size_t row = 1 + (size_t)g->w * g->colors, need, got = 0;
	struct libdeflate_decompressor *d;
	unsigned char *raw;
	int ok;

	if (g->w > PDF_IMAGE_MAX_SIDE || g->h > PDF_IMAGE_MAX_SIDE)
		return 0; /* refused by the header, before inflating a byte */
	need = row * g->h;
	raw = malloc(need ? need : 1);
	d = libdeflate_alloc_decompressor();
	ok = raw && d &&
	     libdeflate_zlib_decompress(d, g->idat, g->len, raw, need, &got) == LIBDEFLATE_SUCCESS &&
	     got == need;
	for (size_t y = 0; ok && y < g->h; y++)
		ok = raw[y * row] <= 4;
	libdeflate_free_decompressor(d);
	free(raw);
	return ok;
}

int pdf_png_passthrough(const char *path, pdf_png *out)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	gbuf idat = {0};
	long size;
	size_t i = 8;
	int ok = 0, ihdr = 0;

	memset(out, 0, sizeof *out);
	if (!f)
		return 0;
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 8 + 25 || size > (64L << 20) ||
	    fseek(f, 0, SEEK_SET) != 0 || !(buf = malloc((size_t)size)) ||
	    fread(buf, 1, (size_t)size, f) != (size_t)size || memcmp(buf, sig, 8) != 0)
		goto done;
	while (i + 12 <= (size_t)size) {
		uint32_t n = be32(buf + i);
		const unsigned char *type = buf + i + 4, *d = buf + i + 8;

		if (n > (size_t)size - i - 12 ||
		    libdeflate_crc32(0, type, (size_t)n + 4) != be32(d + n))
			goto done; /* cut short, or damaged */
		if (memcmp(type, "IHDR", 4) == 0) {
			/* 8-bit grey (0) or RGB (2), deflate, standard filters, not
			 * interlaced */
			if (n != 13 || ihdr || d[8] != 8 || (d[9] != 0 && d[9] != 2) || d[10] != 0 ||
			    d[11] != 0 || d[12] != 0)
				goto done;
			out->w = be32(d);
			out->h = be32(d + 4);
			out->colors = d[9] == 2 ? 3 : 1;
			ihdr = 1;
		} else if (!ihdr || memcmp(type, "tRNS", 4) == 0) {
			goto done; /* IHDR comes first; transparency needs a mask */
		} else if (memcmp(type, "IDAT", 4) == 0) {
			gbuf_add(&idat, d, n);
		} else if (memcmp(type, "IEND", 4) == 0) {
			ok = idat.len > 0 && !idat.failed && out->w > 0 && out->h > 0;
			break;
		}
		i += 12 + (size_t)n;
	}
done:
	if (f)
		fclose(f);
	free(buf);
	if (ok) {
		out->idat = (unsigned char *)idat.p;
		out->len = idat.len;
		ok = png_rows_sound(out);
	}
	if (!ok) {
		free(idat.p);
		memset(out, 0, sizeof *out);
		return 0;
	}
	return 1;
}

/* ---- parsing libharu's file ----------------------------------------------------- */

/* What an object is, which decides how it is rewritten. */
enum obj_kind {
	KIND_OTHER = 0,
	KIND_CONTENT, /* a page's content stream */
	KIND_FONT,    /* a placeholder font, replaced by an embedded one */
	KIND_DROP     /* the indirect /Length of a stream: lengths become direct */
};

typedef struct pdf_obj {
	size_t num;
	size_t off, end; /* bytes [off, end) in the input */
} pdf_obj;

typedef struct pdf_file {
	const unsigned char *p;
	size_t len;
	size_t xref;   /* offset of "xref" */
	size_t nobj;   /* the xref's size (object 0 included) */
	pdf_obj *objs; /* in-use objects, sorted by offset */
	size_t count;
	size_t *where;               /* object number -> index in objs, or SIZE_MAX */
	unsigned char *kind;         /* object number -> enum obj_kind */
	unsigned char *font_of;      /* object number -> embedded font (KIND_FONT) */
	size_t trailer, trailer_end; /* "trailer ... >>" */
	size_t root;                 /* the catalog's object number */
} pdf_file;

/* The first needle in p[0..len), or NULL (memmem is a GNU extension). */
static const unsigned char *find(const unsigned char *p, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	const unsigned char *end = p + len;

	while (len >= n) {
		const unsigned char *c = memchr(p, needle[0], len - n + 1);

		if (!c)
			return NULL;
		if (memcmp(c, needle, n) == 0)
			return c;
		p = c + 1;
		len = (size_t)(end - p);
	}
	return NULL;
}

static const unsigned char *rfind(const unsigned char *p, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = len >= n ? len - n + 1 : 0; i-- > 0;)
		if (memcmp(p + i, needle, n) == 0)
			return p + i;
	return NULL;
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\r' || c == '\n' || c == '\t';
}

/* Reads a decimal number at p[*i] (skipping white space) without passing len. */
static int read_num(const unsigned char *p, size_t len, size_t *i, size_t *out)
{
	size_t v = 0;
	int any = 0;

	while (*i < len && is_space(p[*i]))
		(*i)++;
	while (*i < len && p[*i] >= '0' && p[*i] <= '9' && v < ((size_t)1 << 40)) {
		v = v * 10 + (size_t)(p[*i] - '0');
		(*i)++;
		any = 1;
	}
	*out = v;
	return any;
}

static int cmp_obj(const void *a, const void *b)
{
	const pdf_obj *x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off ? 1 : 0;
}

static int parse_xref(pdf_file *f)
{
	const unsigned char *sx = rfind(f->p, f->len, "startxref");
	size_t i, first;

	if (!sx)
		return 0;
	i = (size_t)(sx - f->p) + 9;
	if (!read_num(f->p, f->len, &i, &f->xref) || f->xref + 4 > f->len ||
	    memcmp(f->p + f->xref, "xref", 4) != 0)
		return 0;
	i = f->xref + 4;
	if (!read_num(f->p, f->len, &i, &first) || first != 0 ||
	    !read_num(f->p, f->len, &i, &f->nobj) || f->nobj == 0)
		return 0;
	while (i < f->len && is_space(f->p[i]))
		i++;
	if (f->nobj > (f->len - i) / 20 + 1)
		return 0;
	f->objs = calloc(f->nobj, sizeof *f->objs);
	f->where = malloc(f->nobj * sizeof *f->where);
	f->kind = calloc(f->nobj, 1);
	f->font_of = calloc(f->nobj, 1);
	if (!f->objs || !f->where || !f->kind || !f->font_of)
		return 0;
	for (size_t n = 0; n < f->nobj; n++, i += 20) {
		size_t j = i, off;

		f->where[n] = SIZE_MAX;
		if (i + 20 > f->len || !read_num(f->p, f->len, &j, &off))
			return 0;
		if (f->p[i + 17] == 'n' && off < f->xref) {
			f->objs[f->count].num = n;
			f->objs[f->count].off = off;
			f->count++;
		}
	}
	f->trailer = i;
	return f->count > 0;
}

static int parse_trailer(pdf_file *f)
{
	const unsigned char *t = find(f->p + f->trailer, f->len - f->trailer, "trailer");
	const unsigned char *r, *sx;
	size_t i;

	if (!t)
		return 0;
	f->trailer = (size_t)(t - f->p);
	sx = find(t, f->len - f->trailer, "startxref");
	r = find(t, f->len - f->trailer, "/Root");
	if (!sx || !r || r > sx)
		return 0;
	f->trailer_end = (size_t)(sx - f->p);
	i = (size_t)(r - f->p) + 5;
	return read_num(f->p, f->len, &i, &f->root) && f->root < f->nobj;
}

/* The dictionary part of object o: up to its stream keyword, if any. */
static size_t dict_len(const pdf_file *f, const pdf_obj *o)
{
	const unsigned char *s = find(f->p + o->off, o->end - o->off, ">>\nstream");

	return s ? (size_t)(s - (f->p + o->off)) + 2 : o->end - o->off;
}

/* ---- streams ---------------------------------------------------------------------- */

typedef struct stream_ref {
	size_t dict_end;        /* offset of the ">>" closing the stream's dictionary */
	size_t len_at, len_end; /* the "/Length ..." entry, to be left out */
	size_t len_obj;         /* the object holding the length, or SIZE_MAX */
	size_t data, size;      /* the stream's bytes */
	int filtered;           /* already has a /Filter */
} stream_ref;

/* The value of "/Length" in [d, e): a number or an indirect reference to
 * one. Sets the entry's extent. */
static int stream_length(const pdf_file *f, size_t d, size_t e, stream_ref *s)
{
	const unsigned char *p = f->p;
	size_t i = d, v, gen;

	for (;;) {
		const unsigned char *t = find(p + i, e - i, "/Length");

		if (!t)
			return 0;
		i = (size_t)(t - p) + 7;
		if (i < e && is_space(p[i]))
			break;
	}
	s->len_at = i - 7;
	s->len_obj = SIZE_MAX;
	if (!read_num(p, e, &i, &v))
		return 0;
	s->len_end = i;
	{
		size_t j = i;

		if (read_num(p, e, &j, &gen) && j + 1 < e && p[j] == ' ' && p[j + 1] == 'R') {
			size_t k = v < f->nobj ? f->where[v] : SIZE_MAX, q;

			if (k == SIZE_MAX)
				return 0;
			s->len_end = j + 2;
			s->len_obj = v;
			q = (size_t)(find(p + f->objs[k].off, f->objs[k].end - f->objs[k].off,
			                  "obj") -
			             p);
			q += 3;
			if (!read_num(p, f->objs[k].end, &q, &v))
				return 0;
		}
	}
	s->size = v;
	return 1;
}

/* Finds the stream of object o. 0 when it has none (or it looks wrong). */
static int find_stream(const pdf_file *f, const pdf_obj *o, stream_ref *s)
{
	const unsigned char *k = find(f->p + o->off, o->end - o->off, ">>\nstream");
	size_t data;

	if (!k)
		return 0;
	s->dict_end = (size_t)(k - f->p);
	data = s->dict_end + 9;
	if (data < o->end && f->p[data] == '\r')
		data++;
	if (data >= o->end || f->p[data] != '\n')
		return 0;
	s->data = data + 1;
	s->filtered = find(f->p + o->off, s->dict_end - o->off, "/Filter") != NULL;
	return stream_length(f, o->off, s->dict_end, s) && s->data + s->size <= o->end;
}

/* Marks the objects that "/Key N 0 R" names in any dictionary as kind. */
static void mark_refs(pdf_file *f, const char *key, enum obj_kind kind)
{
	size_t klen = strlen(key);

	for (size_t k = 0; k < f->count; k++) {
		const unsigned char *p = f->p + f->objs[k].off;
		size_t n = dict_len(f, &f->objs[k]);
		const unsigned char *t = find(p, n, key);

		if (t && (size_t)(t - p) + klen < n && is_space(t[klen])) {
			size_t i = (size_t)(t - f->p) + klen, num;

			if (read_num(f->p, f->len, &i, &num) && num < f->nobj)
				f->kind[num] = (unsigned char)kind;
		}
	}
}

/* Marks libharu's placeholder fonts ("/BaseFont /Helvetica", a Type1 font
 * without a stream) with the embedded font that replaces each. */
static void mark_fonts(pdf_file *f, const pdf_embed_font *fonts, size_t nfonts)
{
	for (size_t k = 0; k < f->count; k++) {
		const unsigned char *p = f->p + f->objs[k].off;
		size_t n = dict_len(f, &f->objs[k]);
		const unsigned char *b = find(p, n, "/BaseFont /");
		size_t at, e;

		if (!b || n != f->objs[k].end - f->objs[k].off || !find(p, n, "/Subtype /Type1"))
			continue;
		at = (size_t)(b - p) + 11;
		for (e = at; e < n && !is_space(p[e]) && p[e] != '/' && p[e] != '>'; e++)
			;
		for (size_t i = 0; i < nfonts; i++)
			if (strlen(fonts[i].placeholder) == e - at &&
			    memcmp(p + at, fonts[i].placeholder, e - at) == 0) {
				f->kind[f->objs[k].num] = KIND_FONT;
				f->font_of[f->objs[k].num] = (unsigned char)i;
			}
	}
}

/* Every stream gets a direct /Length: the objects holding the old ones go. */
static void mark_dropped_lengths(pdf_file *f)
{
	for (size_t k = 0; k < f->count; k++) {
		stream_ref s;

		if (find_stream(f, &f->objs[k], &s) && s.len_obj < f->nobj)
			f->kind[s.len_obj] = KIND_DROP;
	}
}

static int parse_file(pdf_file *f, const pdf_embed_font *fonts, size_t nfonts)
{
	if (!parse_xref(f) || !parse_trailer(f))
		return 0;
	qsort(f->objs, f->count, sizeof *f->objs, cmp_obj);
	for (size_t k = 0; k < f->count; k++) {
		f->objs[k].end = k + 1 < f->count ? f->objs[k + 1].off : f->xref;
		f->where[f->objs[k].num] = k;
	}
	mark_refs(f, "/Contents", KIND_CONTENT);
	mark_fonts(f, fonts, nfonts);
	mark_dropped_lengths(f);
	return 1;
}

/* ---- strings ---------------------------------------------------------------------- */

static unsigned nibble(unsigned char c)
{
	return c <= '9' ? (unsigned)(c - '0') : (unsigned)((c | 0x20) - 'a' + 10);
}

/* Writes bytes as a literal string with the fewest escapes: only the
 * parentheses, the backslash and the line ends (which a reader would
 * normalise) are escaped. */
static int needs_escape(unsigned char c)
{
	return c == '(' || c == ')' || c == '\\' || c == '\r' || c == '\n';
}

static void put_literal(gbuf *out, const unsigned char *b, size_t n)
{
	size_t i = 0;

	gbuf_add(out, "(", 1);
	while (i < n) {
		size_t run = i;

		while (run < n && !needs_escape(b[run]))
			run++;
		gbuf_add(out, b + i, run - i); /* the plain bytes in one piece */
		if (run == n)
			break;
		if (b[run] == '\r')
			gbuf_add(out, "\\r", 2);
		else if (b[run] == '\n')
			gbuf_add(out, "\\n", 2);
		else {
			char e[2] = {'\\', (char)b[run]};

			gbuf_add(out, e, 2);
		}
		i = run + 1;
	}
	gbuf_add(out, ")", 1);
}

/* Decodes the literal string at p[i] == '(' into bytes; returns the offset
 * just past its closing parenthesis (n when it has none). */
static size_t read_literal(const unsigned char *p, size_t n, size_t i, gbuf *bytes)
{
	int depth = 0;

	bytes->len = 0;
	for (; i < n; i++) {
		unsigned char c = p[i];
		size_t run = i;

		/* plain bytes inside the string: copied in one piece */
		while (depth > 0 && run < n && p[run] != '\\' && p[run] != '(' && p[run] != ')' &&
		       p[run] != '\r')
			run++;
		if (run > i) {
			gbuf_add(bytes, p + i, run - i);
			i = run - 1;
			continue;
		}
		if (c == '\\' && i + 1 < n) {
			unsigned char e = p[++i];
			static const char from[] = "nrtbf", to[] = "\n\r\t\b\f";
			const char *m = strchr(from, e);

			if (e >= '0' && e <= '7') {
				unsigned v = 0;

				for (int d = 0; d < 3 && i < n && p[i] >= '0' && p[i] <= '7'; d++)
					v = v * 8 + (unsigned)(p[i++] - '0');
				i--;
				c = (unsigned char)v;
			} else if (e == '\r' || e == '\n') { /* a line continuation */
				if (e == '\r' && i + 1 < n && p[i + 1] == '\n')
					i++;
				continue;
			} else {
				c = m && e ? (unsigned char)to[m - from] : e;
			}
		} else if (c == '(') {
			if (depth++ == 0)
				continue;
		} else if (c == ')') {
			if (--depth == 0)
				return i + 1;
		} else if (c == '\r') { /* an end of line is read as \n */
			if (i + 1 < n && p[i + 1] == '\n')
				i++;
			c = '\n';
		}
		gbuf_add(bytes, &c, 1);
	}
	return n;
}

/* The keys whose values are text strings (the document information and
 * outline titles): libharu is given their UTF-8 as bytes, and a PDF reader
 * wants PDFDocEncoding or UTF-16BE. */
static int after_text_key(const unsigned char *p, size_t j)
{
	static const char *const keys[] = {"/Title",    "/Author",  "/Subject",
	                                   "/Keywords", "/Creator", "/Producer"};

	while (j > 0 && is_space(p[j - 1]))
		j--;
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
		size_t len = strlen(keys[k]);

		if (j >= len && memcmp(p + j - len, keys[k], len) == 0)
			return 1;
	}
	return 0;
}

/* UTF-8 bytes (the document's text) as UTF-16BE with its byte order mark,
 * into out. */
static void utf16_text(gbuf *out, const unsigned char *s, size_t n)
{
	static const unsigned char bom[2] = {0xFE, 0xFF};
	size_t i = 0;

	out->len = 0;
	gbuf_add(out, bom, 2);
	while (i < n) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &c);
		uint32_t cp = k > 0 ? (uint32_t)c : 0xFFFD; /* a stray byte: one U+FFFD */
		unsigned char u[4];

		i += k > 0 ? (size_t)k : 1;
		if (cp > 0xFFFF) { /* a surrogate pair */
			cp -= 0x10000;
			u[0] = (unsigned char)(0xD8 | (cp >> 18));
			u[1] = (unsigned char)(cp >> 10);
			u[2] = (unsigned char)(0xDC | ((cp >> 8) & 3));
			u[3] = (unsigned char)cp;
			gbuf_add(out, u, 4);
		} else {
			u[0] = (unsigned char)(cp >> 8);
			u[1] = (unsigned char)cp;
			gbuf_add(out, u, 2);
		}
	}
}

static int is_ascii(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] >= 0x80)
			return 0;
	return 1;
}

/* Writes the string whose bytes are b (n of them), found at p[j], as a
 * minimal literal; with text_keys, a text key's non-ASCII value (not
 * already UTF-16BE) as UTF-16BE, through wide. */
static void put_string(gbuf *out, gbuf *wide, const unsigned char *p, size_t j,
                       const unsigned char *b, size_t n, int text_keys)
{
	if (text_keys && !is_ascii(b, n) && !(n >= 2 && b[0] == 0xFE && b[1] == 0xFF) &&
	    after_text_key(p, j)) {
		utf16_text(wide, b, n);
		put_literal(out, (const unsigned char *)wide->p, wide->len);
	} else {
		put_literal(out, b, n);
	}
}

/* Copies PDF text with every string rewritten as a minimal literal:
 * libharu writes text strings as hex (<feff004e...>) and escapes '/', '<'
 * and non-ASCII bytes in literals as octal, which the same bytes need
 * neither. With text_keys, a non-ASCII value of a text key (after_text_key)
 * becomes UTF-16BE. Dictionaries and everything else are copied as they
 * are. */
static void clean_strings(gbuf *out, gbuf *scratch, gbuf *wide, const unsigned char *p, size_t n,
                          int text_keys)
{
	size_t i = 0;

	while (i < n) {
		size_t j = i, k;

		while (j < n && p[j] != '<' && p[j] != '(')
			j++;
		gbuf_add(out, p + i, j - i);
		if (j == n)
			return;
		if (p[j] == '(') {
			i = read_literal(p, n, j, scratch);
			put_string(out, wide, p, j, (const unsigned char *)scratch->p, scratch->len,
			           text_keys);
			continue;
		}
		for (k = j + 1; k < n && isxdigit(p[k]); k++)
			;
		if (k >= n || p[k] != '>' || (k - j - 1) % 2 != 0) {
			gbuf_add(out, p + j, 1); /* "<<" or not a hex string: as is */
			i = j + 1;
			continue;
		}
		scratch->len = 0;
		for (size_t h = j + 1; h < k; h += 2) {
			unsigned char c = (unsigned char)(nibble(p[h]) << 4 | nibble(p[h + 1]));

			gbuf_add(scratch, &c, 1);
		}
		put_string(out, wide, p, j, (const unsigned char *)scratch->p, scratch->len,
		           text_keys);
		i = k + 1;
	}
}

/* ---- the fonts' objects ------------------------------------------------------------ */

#define FONT_OBJS 5 /* per font: CIDFont, descriptor, font file, encoding, ToUnicode */
/* (the encoding is shared: the first font of each code length writes it) */

static const char cmap_head[] = "/CIDInit /ProcSet findresource begin\n"
                                "12 dict begin\n"
                                "begincmap\n";
static const char cmap_tail[] = "endcmap\n"
                                "CMapName currentdict /CMap defineresource pop\n"
                                "end\nend\n";
static const char identity_info[] = "<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>";

static void put_code(gbuf *b, const pdf_embed_font *font, unsigned code)
{
	if (font->code_bytes == 2)
		gbuf_printf(b, "<%04X>", code);
	else
		gbuf_printf(b, "<%02X>", code);
}

/* The ToUnicode ranges: runs of codes that differ only in the last byte
 * and stand for consecutive characters, in blocks of at most 100 as the
 * CMap format asks. A code two characters share maps to the first. */
static void put_tounicode_ranges(gbuf *b, const pdf_embed_font *font)
{
	const pdf_embed_glyph *g = font->glyphs;
	size_t i = 0, n = font->count;

	while (i < n && g[i].code == 0)
		i++;
	while (i < n) {
		size_t lo[100], hi[100], k = 0;

		while (i < n && k < 100) {
			size_t j = i, next;

			for (;;) {
				next = j + 1;
				while (next < n && g[next].code == g[j].code)
					next++; /* the same code again */
				if (next < n && g[next].code == g[j].code + 1 &&
				    (g[next].code >> 8) == (g[i].code >> 8) &&
				    g[next].cp == g[j].cp + 1 && (g[next].cp >> 8) == (g[i].cp >> 8))
					j = next;
				else
					break;
			}
			lo[k] = i;
			hi[k] = j;
			k++;
			i = next;
		}
		gbuf_printf(b, "%zu beginbfrange\n", k);
		for (size_t r = 0; r < k; r++) {
			put_code(b, font, g[lo[r]].code);
			gbuf_add(b, " ", 1);
			put_code(b, font, g[hi[r]].code);
			gbuf_printf(b, " <%04X>\n", (unsigned)g[lo[r]].cp);
		}
		gbuf_add(b, "endbfrange\n", 11);
	}
}

/* The CMap text of a font: its encoding (codes to CIDs, the same for every
 * font of a code length) or its ToUnicode map. */
static void make_cmap(gbuf *b, const pdf_embed_font *font, int to_unicode)
{
	int two = font->code_bytes == 2;

	b->len = 0;
	gbuf_add(b, cmap_head, sizeof cmap_head - 1);
	if (to_unicode)
		gbuf_printf(b, "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> "
		               "def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n");
	else
		gbuf_printf(b, "/CIDSystemInfo %s def\n/CMapName /Folio-%s def\n/CMapType 1 def\n",
		            identity_info, two ? "Glyph2" : "Glyph1");
	gbuf_printf(b, "1 begincodespacerange\n%s\nendcodespacerange\n",
	            two ? "<0101> <FFFF>" : "<01> <FF>");
	if (to_unicode) {
		put_tounicode_ranges(b, font);
	} else if (!two) {
		gbuf_printf(b, "1 begincidrange\n<01> <FF> 1\nendcidrange\n");
	} else {
		for (unsigned hi = 1; hi <= 0xFF; hi += 100) { /* (h, l) -> (h-1)*255 + l-1 */
			unsigned last = hi + 99 > 0xFF ? 0xFF : hi + 99;

			gbuf_printf(b, "%u begincidrange\n", last - hi + 1);
			for (unsigned h = hi; h <= last; h++)
				gbuf_printf(b, "<%02X01> <%02XFF> %u\n", h, h, (h - 1) * 255);
			gbuf_add(b, "endcidrange\n", 12);
		}
	}
	gbuf_add(b, cmap_tail, sizeof cmap_tail - 1);
}

static int by_gid(const void *a, const void *b)
{
	const pdf_embed_glyph *x = a, *y = b;

	return (int)x->gid - (int)y->gid;
}

/* "/W [ first [w w ...] ... ]": every glyph's width, by CID (= glyph). */
static int put_widths(gbuf *b, const pdf_embed_font *font)
{
	pdf_embed_glyph *g = malloc((font->count ? font->count : 1) * sizeof *g);
	size_t n = 0;

	if (!g)
		return 0;
	memcpy(g, font->glyphs, font->count * sizeof *g);
	qsort(g, font->count, sizeof *g, by_gid);
	for (size_t i = 0; i < font->count; i++) /* two characters may share a glyph */
		if (n == 0 || g[n - 1].gid != g[i].gid)
			g[n++] = g[i];
	gbuf_add(b, "/W[", 3);
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || g[i].gid != g[i - 1].gid + 1)
			gbuf_printf(b, "%s%u [", i ? "] " : "", (unsigned)g[i].gid);
		else
			gbuf_add(b, " ", 1);
		gbuf_printf(b, "%u", (unsigned)g[i].width);
	}
	gbuf_add(b, n ? "]]" : "]", n ? 2 : 1);
	free(g);
	return 1;
}

/* ---- writing ------------------------------------------------------------------------ */

typedef struct xref_entry {
	unsigned char type; /* 0 free, 1 at an offset, 2 in the object stream */
	size_t a, b;        /* offset and 0, or the object stream and index */
} xref_entry;

typedef struct fixer {
	const pdf_file *f;
	const pdf_embed_font *fonts;
	size_t nfonts;
	const pdf_png *pngs;
	size_t npngs;
	gbuf *out;
	struct libdeflate_compressor *z; /* one for every stream */
	gbuf scratch, text, dict; /* a string's bytes; an object's text; a dictionary */
	gbuf wide;                /* a text string as UTF-16BE */
	gbuf marked;              /* a content stream with mark_ops in place */
	const char *mark_ops;     /* see pdf_fix_input; NULL once written */
	size_t mark_len;
	gbuf zout;          /* deflated bytes */
	gbuf stm_head, stm_body; /* the object stream: "num off ..." and the objects */
	size_t stm_count, stm_num;
	size_t enc_obj[2]; /* the encoding CMaps for one- and two-byte codes, once written */
	xref_entry *xref;
	size_t size; /* objects, 0 and the xref stream included */
} fixer;

/* Deflates n bytes (zlib format, for /FlateDecode) into fx->zout. 0 on
 * failure. libdeflate, not zlib: the same sizes in half the time. */
static int deflate_into(fixer *fx, const void *data, size_t n)
{
	gbuf *z = &fx->zout;
	size_t bound = libdeflate_zlib_compress_bound(fx->z, n);

	z->len = 0;
	if (!gbuf_reserve(z, bound))
		return 0;
	z->len = libdeflate_zlib_compress(fx->z, data, n, z->p, z->cap - 1);
	return z->len > 0;
}

/* Writes object num as "num 0 obj <<dict /Length n>> stream data endstream"
 * at the end of the output: dict is the dictionary's entries (may be
 * empty); data is deflated unless raw (already filtered). */
static int put_stream(fixer *fx, size_t num, const char *dict, size_t dlen, const void *data,
                      size_t n, int raw)
{
	gbuf *out = fx->out;

	if (!raw && !deflate_into(fx, data, n))
		return 0;
	fx->xref[num] = (xref_entry){1, out->len, 0};
	gbuf_printf(out, "%zu 0 obj\n<<", num);
	gbuf_add(out, dict, dlen);
	gbuf_printf(out, "%s/Length %zu>>\nstream\n", raw ? "" : "/Filter/FlateDecode",
	            raw ? n : fx->zout.len);
	gbuf_add(out, raw ? data : fx->zout.p, raw ? n : fx->zout.len);
	gbuf_add(out, "\nendstream\nendobj\n", 18);
	return !out->failed;
}

/* Adds object num, whose text is v (a dictionary, a number, ...), to the
 * object stream. */
static void put_packed(fixer *fx, size_t num, const char *v, size_t n)
{
	fx->xref[num] = (xref_entry){2, fx->stm_num, fx->stm_count++};
	gbuf_printf(&fx->stm_head, "%zu %zu ", num, fx->stm_body.len);
	gbuf_add(&fx->stm_body, v, n);
	gbuf_add(&fx->stm_body, "\n", 1);
}

/* The value of object o: between "N 0 obj" and "endobj", trimmed. */
static const unsigned char *obj_value(const pdf_file *f, const pdf_obj *o, size_t *n)
{
	const unsigned char *p = f->p + o->off, *v = find(p, o->end - o->off, "obj");
	const unsigned char *e = rfind(p, o->end - o->off, "endobj");

	if (!v || !e || e < v + 3)
		return NULL;
	v += 3;
	while (v < e && is_space(*v))
		v++;
	while (e > v && is_space(e[-1]))
		e--;
	*n = (size_t)(e - v);
	return v;
}

/* When the content stream in fx->text holds the line PDF_FIX_MARK: the
 * stream with mark_ops in its place, into fx->marked, and 1. (A newline never
 * stands inside a string of a cleaned stream: put_literal escapes it.) */
static int put_marked(fixer *fx)
{
	static const char mark[] = "\n" PDF_FIX_MARK "\n";
	const char *t = fx->text.p;
	size_t n = fx->text.len, k = sizeof mark - 1, at;

	for (at = 0; at + k <= n; at++)
		if (t[at] == '\n' && memcmp(t + at, mark, k) == 0)
			break;
	if (at + k > n)
		return 0;
	fx->marked.len = 0;
	gbuf_add(&fx->marked, t, at + 1);
	gbuf_add(&fx->marked, fx->mark_ops, fx->mark_len);
	gbuf_add(&fx->marked, t + at + k, n - at - k);
	fx->mark_ops = NULL;
	return 1;
}

/* The stream object o, with a direct /Length; content streams get their
 * strings cleaned; everything unfiltered is deflated. */
static int put_stream_object(fixer *fx, const pdf_obj *o, const stream_ref *s)
{
	const unsigned char *p = fx->f->p;
	const unsigned char *d = find(p + o->off, s->dict_end - o->off, "<<");
	const unsigned char *data = p + s->data;
	gbuf *dict = &fx->dict;
	size_t dl;

	if (!d || (size_t)(d + 2 - p) > s->len_at || s->len_end > s->dict_end)
		return 0;
	/* the dictionary's entries, without "<<", ">>" and the /Length entry */
	dict->len = 0;
	gbuf_add(dict, d + 2, s->len_at - (size_t)(d + 2 - p));
	gbuf_add(dict, p + s->len_end, s->dict_end - s->len_end);
	if (dict->failed)
		return 0;
	dl = dict->len;
	while (dl > 0 && is_space((unsigned char)dict->p[dl - 1]))
		dl--;
	if (s->filtered) /* an image libharu compressed, or a JPEG */
		return put_stream(fx, o->num, dict->p, dl, data, s->size, 1);
	if (s->size == 16 && memcmp(data, PDF_PNG_TAG, 8) == 0 &&
	    find(p + o->off, s->dict_end - o->off, "/Subtype /Image")) {
		/* a placeholder: the PNG's own rows in its place */
		unsigned long k = 0;
		char id[200];
		int n;

		for (int i = 8; i < 16; i++)
			k = k * 16 + (isxdigit(data[i]) ? nibble(data[i]) : 16);
		if (k < fx->npngs) {
			const pdf_png *g = &fx->pngs[k];

			n = snprintf(id, sizeof id,
			             "/Type/XObject/Subtype/Image/Width %u/Height %u/ColorSpace/%s"
			             "/BitsPerComponent 8/Filter/FlateDecode/DecodeParms<</Predictor 15"
			             "/Colors %u/BitsPerComponent 8/Columns %u>>",
			             g->w, g->h, g->colors == 3 ? "DeviceRGB" : "DeviceGray", g->colors,
			             g->w);
			return put_stream(fx, o->num, id, (size_t)n, g->idat, g->len, 1);
		}
	}
	if (fx->f->kind[o->num] == KIND_CONTENT) {
		fx->text.len = 0;
		clean_strings(&fx->text, &fx->scratch, &fx->wide, data, s->size, 0);
		if (fx->text.failed)
			return 0;
		if (fx->mark_ops && put_marked(fx))
			return !fx->marked.failed &&
			       put_stream(fx, o->num, dict->p, dl, fx->marked.p, fx->marked.len, 0);
		return put_stream(fx, o->num, dict->p, dl, fx->text.p, fx->text.len, 0);
	}
	return put_stream(fx, o->num, dict->p, dl, data, s->size, 0);
}

/* 1 when lang is safe to put in a PDF string: letters, digits and '-'. */
static int lang_ok(const char *lang)
{
	size_t n = lang ? strlen(lang) : 0;

	if (n == 0 || n > 35)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)lang[i]) && lang[i] != '-')
			return 0;
	return 1;
}

/* The five objects of embedded font i, and the Type0 font in place of the
 * placeholder num. */
static int put_font(fixer *fx, size_t num, size_t i)
{
	const pdf_embed_font *font = &fx->fonts[i];
	size_t base = fx->f->nobj + FONT_OBJS * i;
	size_t cid = base, desc = base + 1, file = base + 2, tu = base + 4;
	size_t *enc = &fx->enc_obj[font->code_bytes == 2]; /* shared by the fonts */
	int new_enc = *enc == 0;
	gbuf *t = &fx->text;
	char dict[64];
	int n;

	if (new_enc)
		*enc = base + 3;
	t->len = 0;
	gbuf_printf(t, "<</Type/Font/Subtype/Type0/BaseFont/%s/Encoding %zu 0 R", font->name, *enc);
	gbuf_printf(t, "/DescendantFonts[%zu 0 R]/ToUnicode %zu 0 R>>", cid, tu);
	put_packed(fx, num, t->p, t->len);
	t->len = 0;
	gbuf_printf(t, "<</Type/Font/Subtype/CIDFontType2/BaseFont/%s/CIDSystemInfo%s", font->name,
	            identity_info);
	gbuf_printf(t, "/FontDescriptor %zu 0 R/CIDToGIDMap/Identity", desc);
	if (!put_widths(t, font))
		return 0;
	gbuf_add(t, ">>", 2);
	put_packed(fx, cid, t->p, t->len);
	t->len = 0;
	gbuf_printf(t, "<</Type/FontDescriptor/FontName/%s/Flags %d", font->name, font->flags);
	gbuf_printf(t, "/FontBBox[%d %d %d %d]/ItalicAngle %d", font->bbox[0], font->bbox[1],
	            font->bbox[2], font->bbox[3], font->italic_angle);
	gbuf_printf(t, "/Ascent %d/Descent %d/CapHeight %d/StemV %d/FontFile2 %zu 0 R>>",
	            font->ascent, font->descent, font->cap_height, font->stem_v, file);
	put_packed(fx, desc, t->p, t->len);
	if (t->failed)
		return 0;
	n = snprintf(dict, sizeof dict, "/Length1 %zu", font->file_len);
	if (!put_stream(fx, file, dict, (size_t)n, font->file, font->file_len, 0))
		return 0;
	if (new_enc) {
		char d[160];

		make_cmap(t, font, 0);
		n = snprintf(d, sizeof d, "/Type/CMap/CMapName/Folio-Glyph%d/CIDSystemInfo%s",
		             font->code_bytes, identity_info);
		if (t->failed || !put_stream(fx, *enc, d, (size_t)n, t->p, t->len, 0))
			return 0;
	}
	make_cmap(t, font, 1);
	return !t->failed && put_stream(fx, tu, "", 0, t->p, t->len, 0);
}

/* Writes object o (rewritten as needed), into the object stream or not. */
static int put_object(fixer *fx, const pdf_obj *o, const char *lang)
{
	const pdf_file *f = fx->f;
	stream_ref s;
	const unsigned char *v;
	size_t n;

	if (f->kind[o->num] == KIND_DROP)
		return 1;
	if (f->kind[o->num] == KIND_FONT)
		return put_font(fx, o->num, f->font_of[o->num]);
	if (find_stream(f, o, &s))
		return put_stream_object(fx, o, &s);
	v = obj_value(f, o, &n);
	if (!v)
		return 0;
	fx->text.len = 0;
	if (o->num == f->root && lang_ok(lang) && n >= 2 && v[0] == '<' && v[1] == '<') {
		gbuf_printf(&fx->text, "<</Lang (%s)", lang);
		v += 2;
		n -= 2;
	}
	/* Outline titles and the info strings: UTF-16 as bytes, not hex. */
	clean_strings(&fx->text, &fx->scratch, &fx->wide, v, n, 1);
	if (fx->text.failed)
		return 0;
	put_packed(fx, o->num, fx->text.p, fx->text.len);
	return 1;
}

/* A file identifier from the bytes before the cross-reference: the same
 * file gets the same /ID. */
static void file_id(const gbuf *out, char hex[33])
{
	uint64_t h1 = 1469598103934665603ULL, h2 = 0x9E3779B97F4A7C15ULL;

	for (size_t i = 0; i < out->len; i++) {
		h1 = (h1 ^ (unsigned char)out->p[i]) * 1099511628211ULL;
		h2 = (h2 + (unsigned char)out->p[i]) * 0xFF51AFD7ED558CCDULL;
		h2 ^= h2 >> 29;
	}
	snprintf(hex, 33, "%016llX%016llX", (unsigned long long)h1, (unsigned long long)h2);
}

/* The trailer's "/Key N 0 R" as N, or SIZE_MAX. */
static size_t trailer_ref(const pdf_file *f, const char *key)
{
	const unsigned char *t = find(f->p + f->trailer, f->trailer_end - f->trailer, key);
	size_t i, v;

	if (!t)
		return SIZE_MAX;
	i = (size_t)(t - f->p) + strlen(key);
	return read_num(f->p, f->trailer_end, &i, &v) ? v : SIZE_MAX;
}

/* The object stream, then the cross-reference stream and the file's end. */
static int finish(fixer *fx)
{
	const pdf_file *f = fx->f;
	gbuf *out = fx->out;
	size_t xnum = fx->size - 1, info = trailer_ref(f, "/Info"), at;
	unsigned char *rows;
	char dict[256], id[33];
	int n;

	gbuf_add(&fx->stm_head, fx->stm_body.p ? fx->stm_body.p : "", fx->stm_body.len);
	n = snprintf(dict, sizeof dict, "/Type/ObjStm/N %zu/First %zu", fx->stm_count,
	             fx->stm_head.len - fx->stm_body.len);
	if (fx->stm_head.failed ||
	    !put_stream(fx, fx->stm_num, dict, (size_t)n, fx->stm_head.p, fx->stm_head.len, 0))
		return 0;
	at = out->len;
	if (at > UINT32_MAX)
		return 0;
	fx->xref[xnum] = (xref_entry){1, at, 0};
	rows = malloc(fx->size * 7);
	if (!rows)
		return 0;
	for (size_t i = 0; i < fx->size; i++) {
		const xref_entry *e = &fx->xref[i];
		unsigned char *r = rows + 7 * i;
		size_t b = i == 0 ? 0xFFFF : e->b;

		r[0] = e->type;
		for (int k = 0; k < 4; k++)
			r[1 + k] = (unsigned char)(e->a >> (24 - 8 * k));
		r[5] = (unsigned char)(b >> 8);
		r[6] = (unsigned char)b;
	}
	file_id(out, id);
	n = snprintf(dict, sizeof dict, "/Type/XRef/Size %zu/W[1 4 2]/Root %zu 0 R", fx->size,
	             f->root);
	if (info != SIZE_MAX && info < f->nobj)
		n += snprintf(dict + n, sizeof dict - (size_t)n, "/Info %zu 0 R", info);
	n += snprintf(dict + n, sizeof dict - (size_t)n, "/ID[<%s><%s>]", id, id);
	if (n < 0 || (size_t)n >= sizeof dict ||
	    !put_stream(fx, xnum, dict, (size_t)n, rows, fx->size * 7, 0)) {
		free(rows);
		return 0;
	}
	free(rows);
	gbuf_printf(out, "startxref\n%zu\n%%%%EOF\n", at);
	return !out->failed;
}

static int assemble(fixer *fx, const char *lang)
{
	const pdf_file *f = fx->f;
	gbuf *out = fx->out;
	size_t head = f->objs[0].off;

	fx->stm_num = f->nobj + FONT_OBJS * fx->nfonts;
	fx->size = fx->stm_num + 2; /* the object stream, the xref stream */
	fx->xref = calloc(fx->size, sizeof *fx->xref);
	if (!fx->xref || head < 8)
		return 0;
	/* Object streams are PDF 1.5; libharu's binary comment line stays. */
	gbuf_add(out, "%PDF-1.5", 8);
	gbuf_add(out, f->p + 8, head - 8);
	for (size_t k = 0; k < f->count; k++)
		if (!put_object(fx, &f->objs[k], lang))
			return 0;
	return finish(fx);
}

folio_status pdf_fix_write(const unsigned char *pdf, size_t len, const pdf_fix_input *in,
                           folio_sink *sink, int level, folio_error *err)
{
	pdf_file f = {.p = pdf, .len = len};
	gbuf out = {0};
	fixer fx = {.f = &f, .fonts = in->fonts, .nfonts = in->nfonts, .pngs = in->pngs,
	            .npngs = in->npngs, .mark_ops = in->mark_ops, .mark_len = in->mark_len,
	            .out = &out};
	const char *lang = in->lang;
	folio_status st = FOLIO_OK;

	if (in->nfonts > 255 || !parse_file(&f, in->fonts, in->nfonts)) {
		st = folio_error_set(err, FOLIO_ERR_RENDER, NULL, 0, 0,
		                     "pdf: unexpected structure in libharu's output");
		goto done;
	}
	fx.z = libdeflate_alloc_compressor(level);
	if (!fx.z || !gbuf_reserve(&out, len / 2) || !assemble(&fx, lang)) {
		st = folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0,
		                     "pdf: out of memory while finishing the file");
		goto done;
	}
	if (fx.mark_ops) { /* drawn nowhere: never hand out a page without it */
		st = folio_error_set(err, FOLIO_ERR_RENDER, NULL, 0, 0,
		                     "pdf: the QR code's place was not found in libharu's output");
		goto done;
	}
	st = folio_sink_write(sink, out.p, out.len);
	if (st != FOLIO_OK && err && folio_sink_error(sink))
		*err = *folio_sink_error(sink);
done:
	if (fx.z)
		libdeflate_free_compressor(fx.z);
	free(out.p);
	free(fx.scratch.p);
	free(fx.wide.p);
	free(fx.marked.p);
	free(fx.text.p);
	free(fx.dict.p);
	free(fx.zout.p);
	free(fx.stm_head.p);
	free(fx.stm_body.p);
	free(fx.xref);
	free(f.objs);
	free(f.where);
	free(f.kind);
	free(f.font_of);
	return st;
}
