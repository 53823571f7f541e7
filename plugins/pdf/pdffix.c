/* folio pdf plugin — post-processing of libharu's output. See pdffix.h. */
#include "pdffix.h"

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

static const char cmap_head[] = "/CIDInit /ProcSet findresource begin\n"
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

typedef struct pdf_obj {
	size_t num;
	size_t off, end; /* bytes [off, end) in the input */
} pdf_obj;

typedef struct pdf_file {
	const unsigned char *p;
	size_t len;
	size_t xref;            /* offset of "xref" */
	size_t nobj;            /* the xref's size (object 0 included) */
	pdf_obj *objs;          /* in-use objects, sorted by offset */
	size_t count;
	size_t trailer, trailer_end; /* "trailer ... >>" */
	size_t root;            /* the catalog's object number */
	unsigned char *tounicode; /* nobj flags */
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

/* Reads a decimal number at p[*i] (skipping spaces) without passing len. */
static int read_num(const unsigned char *p, size_t len, size_t *i, size_t *out)
{
	size_t v = 0;
	int any = 0;

	while (*i < len && (p[*i] == ' ' || p[*i] == '\r' || p[*i] == '\n'))
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
	while (i < f->len && (f->p[i] == '\r' || f->p[i] == '\n' || f->p[i] == ' '))
		i++;
	if (f->nobj > (f->len - i) / 20 + 1)
		return 0;
	f->objs = calloc(f->nobj, sizeof *f->objs);
	f->tounicode = calloc(f->nobj, 1);
	if (!f->objs || !f->tounicode)
		return 0;
	for (size_t n = 0; n < f->nobj; n++, i += 20) {
		size_t j = i, off;

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

/* Marks the objects named by "/ToUnicode N 0 R" in any object's dictionary. */
static void find_tounicode(pdf_file *f)
{
	for (size_t k = 0; k < f->count; k++) {
		const unsigned char *p = f->p + f->objs[k].off;
		size_t n = f->objs[k].end - f->objs[k].off;
		const unsigned char *s = find(p, n, "stream");
		const unsigned char *t;

		if (s)
			n = (size_t)(s - p); /* the dictionary only, never stream bytes */
		t = find(p, n, "/ToUnicode");
		if (t) {
			size_t i = (size_t)(t - f->p) + 10, num;

			if (read_num(f->p, f->len, &i, &num) && num < f->nobj)
				f->tounicode[num] = 1;
		}
	}
}

static int parse_file(pdf_file *f)
{
	if (!parse_xref(f) || !parse_trailer(f))
		return 0;
	qsort(f->objs, f->count, sizeof *f->objs, cmp_obj);
	for (size_t k = 0; k < f->count; k++)
		f->objs[k].end = k + 1 < f->count ? f->objs[k + 1].off : f->xref;
	find_tounicode(f);
	return 1;
}

/* ---- writing -------------------------------------------------------------------- */

static void put_tounicode(gbuf *out, size_t num, const unsigned char *z, size_t zlen)
{
	gbuf_printf(out, "%zu 0 obj\n<<\n/Length %zu\n/Filter /FlateDecode\n>>\nstream\r\n", num,
	            zlen);
	gbuf_add(out, z, zlen);
	gbuf_add(out, "\r\nendstream\nendobj\n", 19);
}

/* The catalog with "/Lang (tag)" added after its opening "<<". */
static void put_catalog(gbuf *out, const pdf_obj *o, const unsigned char *p, const char *lang)
{
	const unsigned char *d = find(p + o->off, o->end - o->off, "<<");
	size_t cut;

	if (!d || !lang) {
		gbuf_add(out, p + o->off, o->end - o->off);
		return;
	}
	cut = (size_t)(d - p) + 2;
	gbuf_add(out, p + o->off, cut - o->off);
	gbuf_printf(out, "\n/Lang (%s)", lang);
	gbuf_add(out, p + cut, o->end - cut);
}

/* 1 when lang is safe to put in a PDF string: letters, digits and '-'. */
static int lang_ok(const char *lang)
{
	size_t n = lang ? strlen(lang) : 0;

	if (n == 0 || n > 35)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = lang[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-'))
			return 0;
	}
	return 1;
}

static unsigned char *deflate_all(const char *in, size_t len, size_t *zlen)
{
	uLongf n = compressBound((uLong)len);
	unsigned char *z = malloc(n);

	if (!z || compress2(z, &n, (const Bytef *)in, (uLong)len, Z_BEST_COMPRESSION) != Z_OK) {
		free(z);
		return NULL;
	}
	*zlen = n;
	return z;
}

static int assemble(gbuf *out, const pdf_file *f, const unsigned char *z, size_t zlen,
                    const char *lang)
{
	size_t *offs = calloc(f->nobj, sizeof *offs);

	if (!offs)
		return 0;
	gbuf_add(out, f->p, f->objs[0].off); /* header and binary comment */
	for (size_t k = 0; k < f->count; k++) {
		const pdf_obj *o = &f->objs[k];

		offs[o->num] = out->len;
		if (f->tounicode[o->num])
			put_tounicode(out, o->num, z, zlen);
		else if (o->num == f->root)
			put_catalog(out, o, f->p, lang_ok(lang) ? lang : NULL);
		else
			gbuf_add(out, f->p + o->off, o->end - o->off);
	}
	{
		size_t xref = out->len;

		gbuf_printf(out, "xref\n0 %zu\n0000000000 65535 f\r\n", f->nobj);
		for (size_t n = 1; n < f->nobj; n++)
			gbuf_printf(out, "%010zu 00000 %c\r\n", offs[n], offs[n] ? 'n' : 'f');
		gbuf_add(out, f->p + f->trailer, f->trailer_end - f->trailer);
		gbuf_printf(out, "startxref\n%zu\n%%%%EOF\n", xref);
	}
	free(offs);
	return !out->failed;
}

folio_status pdf_fix_write(const unsigned char *pdf, size_t len, const uint32_t *cps, size_t ncps,
                           const char *lang, folio_sink *sink, folio_error *err)
{
	pdf_file f = {.p = pdf, .len = len};
	gbuf out = {0};
	char *cmap = NULL;
	unsigned char *z = NULL;
	size_t cmap_len = 0, zlen = 0;
	folio_status st = FOLIO_OK;

	if (!parse_file(&f)) {
		st = folio_error_set(err, FOLIO_ERR_RENDER, NULL, 0, 0,
		                     "pdf: unexpected structure in libharu's output");
		goto done;
	}
	cmap = pdf_fix_cmap(cps, ncps, &cmap_len);
	z = cmap ? deflate_all(cmap, cmap_len, &zlen) : NULL;
	if (!z || !assemble(&out, &f, z, zlen, lang)) {
		st = folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	st = folio_sink_write(sink, out.p, out.len);
	if (st != FOLIO_OK && err)
		*err = *folio_sink_error(sink);
done:
	free(out.p);
	free(z);
	free(cmap);
	free(f.objs);
	free(f.tounicode);
	return st;
}
