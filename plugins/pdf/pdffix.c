/* folio pdf plugin — post-processing of libharu's output. See pdffix.h. */
#include "pdffix.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

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

/* ---- the CMap ------------------------------------------------------------------ */

static const char cmap_head[] =
    "/CIDInit /ProcSet findresource begin\n"
    "12 dict begin\n"
    "begincmap\n"
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
    "/CMapName /Adobe-Identity-UCS def\n"
    "/CMapType 2 def\n"
    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
static const char cmap_tail[] = "endcmap\n"
                                "CMapName currentdict /CMap defineresource pop\n"
                                "end\nend\n";

/* Ranges of consecutive code points that share their high byte (a bfrange
 * may only vary the last byte), at most 100 per block as the spec asks. */
char *pdf_fix_cmap(const uint32_t *cps, size_t ncps, size_t *len)
{
	gbuf b = {0};
	size_t i = 0;

	gbuf_add(&b, cmap_head, sizeof cmap_head - 1);
	while (i < ncps) {
		uint32_t lo[100], hi[100];
		size_t k = 0;

		while (i < ncps && k < 100) {
			size_t j = i;

			while (j + 1 < ncps && cps[j + 1] == cps[j] + 1 &&
			       (cps[j + 1] >> 8) == (cps[i] >> 8))
				j++;
			if (cps[i] <= 0xFFFF && cps[j] <= 0xFFFF) {
				lo[k] = cps[i];
				hi[k] = cps[j];
				k++;
			}
			i = j + 1;
		}
		if (k == 0)
			continue;
		gbuf_printf(&b, "%zu beginbfrange\n", k);
		for (size_t r = 0; r < k; r++)
			gbuf_printf(&b, "<%04X> <%04X> <%04X>\n", (unsigned)lo[r], (unsigned)hi[r],
			            (unsigned)lo[r]);
		gbuf_add(&b, "endbfrange\n", 11);
	}
	gbuf_add(&b, cmap_tail, sizeof cmap_tail - 1);
	if (b.failed) {
		free(b.p);
		return NULL;
	}
	*len = b.len;
	return b.p;
}

/* ---- parsing libharu's file ----------------------------------------------------- */

/* What an object's stream is used for, which decides how it is rewritten. */
enum stream_kind {
	KIND_OTHER = 0,
	KIND_TOUNICODE,
	KIND_CIDMAP,
	KIND_CONTENT,
	KIND_DROP /* the indirect /Length of a stream we rewrite: no longer used */
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
	unsigned char *kind;         /* object number -> enum stream_kind */
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
	if (!f->objs || !f->where || !f->kind)
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

/* Marks the objects that "/Key N 0 R" names in any dictionary as kind. */
static void mark_refs(pdf_file *f, const char *key, enum stream_kind kind)
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

static void mark_dropped_lengths(pdf_file *f);

static int parse_file(pdf_file *f)
{
	if (!parse_xref(f) || !parse_trailer(f))
		return 0;
	qsort(f->objs, f->count, sizeof *f->objs, cmp_obj);
	for (size_t k = 0; k < f->count; k++) {
		f->objs[k].end = k + 1 < f->count ? f->objs[k + 1].off : f->xref;
		f->where[f->objs[k].num] = k;
	}
	mark_refs(f, "/ToUnicode", KIND_TOUNICODE);
	mark_refs(f, "/CIDToGIDMap", KIND_CIDMAP);
	mark_refs(f, "/Contents", KIND_CONTENT);
	mark_dropped_lengths(f);
	return 1;
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

static unsigned nibble(unsigned char c)
{
	return c <= '9' ? (unsigned)(c - '0') : (unsigned)((c | 0x20) - 'a' + 10);
}

/* Marks the length objects of the streams that get a direct /Length. */
static void mark_dropped_lengths(pdf_file *f)
{
	for (size_t k = 0; k < f->count; k++) {
		stream_ref s;
		const pdf_obj *o = &f->objs[k];

		if (find_stream(f, o, &s) && s.len_obj < f->nobj &&
		    (!s.filtered || f->kind[o->num] == KIND_TOUNICODE))
			f->kind[s.len_obj] = KIND_DROP;
	}
}

/* The end of the literal string starting at p[i] == '(' (just past its
 * closing parenthesis), honouring escapes and nested parentheses. */
static size_t skip_literal(const unsigned char *p, size_t n, size_t i)
{
	int depth = 0;

	for (; i < n; i++) {
		if (p[i] == '\\')
			i++;
		else if (p[i] == '(')
			depth++;
		else if (p[i] == ')' && --depth == 0)
			return i + 1;
	}
	return n;
}

/* Writes the hex string p[j] == '<' ... p[k] == '>' as a literal string. */
static void put_literal(gbuf *out, const unsigned char *p, size_t j, size_t k)
{
	gbuf_add(out, "(", 1);
	for (size_t h = j + 1; h < k; h += 2) {
		unsigned char c = (unsigned char)(nibble(p[h]) << 4 | nibble(p[h + 1]));

		if (c == '(' || c == ')' || c == '\\')
			gbuf_add(out, "\\", 1);
		if (c == '\r')
			gbuf_add(out, "\\r", 2);
		else if (c == '\n')
			gbuf_add(out, "\\n", 2);
		else
			gbuf_add(out, &c, 1);
	}
	gbuf_add(out, ")", 1);
}

/* libharu writes each CID string as hex: <004e0065>. As a literal string
 * the same bytes take half the room before compression. Literal strings
 * already there (URIs, ...) are copied untouched, whatever they hold. */
static void hex_to_literal(gbuf *out, const unsigned char *p, size_t n)
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
			k = skip_literal(p, n, j);
			gbuf_add(out, p + j, k - j);
			i = k;
			continue;
		}
		for (k = j + 1; k < n && isxdigit(p[k]); k++)
			;
		if (k >= n || p[k] != '>' || (k - j - 1) % 2 != 0) {
			gbuf_add(out, p + j, 1); /* "<<" or not a hex string: as is */
			i = j + 1;
			continue;
		}
		put_literal(out, p, j, k);
		i = k + 1;
	}
}

/* The CIDToGIDMap without its trailing unmapped CIDs (libharu writes all
 * 65535; a map that ends early maps the rest to glyph 0, as before). */
static size_t cidmap_len(const unsigned char *p, size_t n)
{
	n &= ~(size_t)1;
	while (n > 2 && p[n - 1] == 0 && p[n - 2] == 0)
		n -= 2;
	return n;
}

typedef struct fixer {
	const pdf_file *f;
	gbuf *out;
	z_stream z;
	gbuf scratch;              /* a content stream with literal strings */
	gbuf zout;                 /* deflated bytes */
	const unsigned char *cmap; /* the ToUnicode CMap text */
	size_t cmap_len;
} fixer;

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

/* Writes object o with its stream data replaced by data (deflated here) and
 * its dictionary given /Filter and a direct /Length (the old /Length entry is
 * left out; an indirect length object stays, unused). */
static int put_deflated(fixer *fx, const pdf_obj *o, const stream_ref *s, const unsigned char *data,
                        size_t n)
{
	const unsigned char *p = fx->f->p;
	gbuf *z = &fx->zout;

	z->len = 0;
	if (deflateReset(&fx->z) != Z_OK || !gbuf_reserve(z, deflateBound(&fx->z, (uLong)n)))
		return 0;
	fx->z.next_in = (Bytef *)(uintptr_t)data;
	fx->z.avail_in = (uInt)n;
	fx->z.next_out = (Bytef *)z->p;
	fx->z.avail_out = (uInt)(z->cap - 1);
	if (deflate(&fx->z, Z_FINISH) != Z_STREAM_END)
		return 0;
	z->len = fx->z.total_out;
	gbuf_add(fx->out, p + o->off, s->len_at - o->off);
	gbuf_add(fx->out, p + s->len_end, s->dict_end - s->len_end);
	gbuf_printf(fx->out, "/Filter /FlateDecode\n/Length %zu\n>>\nstream\r\n", z->len);
	gbuf_add(fx->out, z->p, z->len);
	gbuf_add(fx->out, "\r\nendstream\nendobj\n", 19);
	return !fx->out->failed;
}

static int put_stream_object(fixer *fx, const pdf_obj *o, const stream_ref *s)
{
	const unsigned char *data = fx->f->p + s->data;
	enum stream_kind kind = (enum stream_kind)fx->f->kind[o->num];

	if (kind == KIND_TOUNICODE)
		return put_deflated(fx, o, s, fx->cmap, fx->cmap_len);
	if (s->filtered) { /* images libharu compressed, JPEG: as they are */
		gbuf_add(fx->out, fx->f->p + o->off, o->end - o->off);
		return !fx->out->failed;
	}
	if (kind == KIND_CIDMAP)
		return put_deflated(fx, o, s, data, cidmap_len(data, s->size));
	if (kind == KIND_CONTENT) {
		fx->scratch.len = 0;
		hex_to_literal(&fx->scratch, data, s->size);
		if (fx->scratch.failed)
			return 0;
		return put_deflated(fx, o, s, (const unsigned char *)fx->scratch.p,
		                    fx->scratch.len);
	}
	return put_deflated(fx, o, s, data, s->size);
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

/* The catalog with "/Lang (tag)" added after its opening "<<". */
static void put_catalog(fixer *fx, const pdf_obj *o, const char *lang)
{
	const unsigned char *p = fx->f->p;
	const unsigned char *d = find(p + o->off, o->end - o->off, "<<");
	size_t cut;

	if (!d || !lang_ok(lang)) {
		gbuf_add(fx->out, p + o->off, o->end - o->off);
		return;
	}
	cut = (size_t)(d - p) + 2;
	gbuf_add(fx->out, p + o->off, cut - o->off);
	gbuf_printf(fx->out, "\n/Lang (%s)", lang);
	gbuf_add(fx->out, p + cut, o->end - cut);
}

/* Writes object o (rewritten as needed). *written is 0 for a dropped one. */
static int put_object(fixer *fx, const pdf_obj *o, const char *lang, int *written)
{
	stream_ref s;

	*written = fx->f->kind[o->num] != KIND_DROP;
	if (!*written)
		return 1;
	if (o->num == fx->f->root) {
		put_catalog(fx, o, lang);
		return !fx->out->failed;
	}
	if (find_stream(fx->f, o, &s))
		return put_stream_object(fx, o, &s);
	/* Outline titles and the info strings: UTF-16 as binary, not hex. */
	hex_to_literal(fx->out, fx->f->p + o->off, o->end - o->off);
	return !fx->out->failed;
}

static int assemble(fixer *fx, const char *lang)
{
	const pdf_file *f = fx->f;
	gbuf *out = fx->out;
	size_t *offs = calloc(f->nobj, sizeof *offs);
	size_t xref;
	int ok = 1;

	if (!offs)
		return 0;
	gbuf_add(out, f->p, f->objs[0].off); /* header and binary comment */
	for (size_t k = 0; k < f->count && ok; k++) {
		size_t at = out->len;
		int written;

		ok = put_object(fx, &f->objs[k], lang, &written);
		offs[f->objs[k].num] = written ? at : 0;
	}
	xref = out->len;
	gbuf_printf(out, "xref\n0 %zu\n0000000000 65535 f\r\n", f->nobj);
	for (size_t n = 1; n < f->nobj; n++)
		gbuf_printf(out, "%010zu 00000 %c\r\n", offs[n], offs[n] ? 'n' : 'f');
	gbuf_add(out, f->p + f->trailer, f->trailer_end - f->trailer);
	gbuf_printf(out, "startxref\n%zu\n%%%%EOF\n", xref);
	free(offs);
	return ok && !out->failed;
}

folio_status pdf_fix_write(const unsigned char *pdf, size_t len, const uint32_t *cps, size_t ncps,
                           const char *lang, folio_sink *sink, int level, folio_error *err)
{
	pdf_file f = {.p = pdf, .len = len};
	gbuf out = {0};
	fixer fx = {.f = &f, .out = &out};
	char *cmap = NULL;
	int zok = 0;
	folio_status st = FOLIO_OK;

	if (!parse_file(&f)) {
		st = folio_error_set(err, FOLIO_ERR_RENDER, NULL, 0, 0,
		                     "pdf: unexpected structure in libharu's output");
		goto done;
	}
	cmap = pdf_fix_cmap(cps, ncps, &fx.cmap_len);
	fx.cmap = (const unsigned char *)cmap;
	zok = deflateInit(&fx.z, level) == Z_OK;
	if (!cmap || !zok || !gbuf_reserve(&out, len / 2) || !assemble(&fx, lang)) {
		st = folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0,
		                     "pdf: out of memory while finishing the file");
		goto done;
	}
	st = folio_sink_write(sink, out.p, out.len);
	if (st != FOLIO_OK && err && folio_sink_error(sink))
		*err = *folio_sink_error(sink);
done:
	if (zok)
		deflateEnd(&fx.z);
	free(out.p);
	free(fx.scratch.p);
	free(fx.zout.p);
	free(cmap);
	free(f.objs);
	free(f.where);
	free(f.kind);
	return st;
}
