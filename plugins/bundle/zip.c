/* folio bundles — a zip writer over zlib (APPNOTE 6.3.x).
 *
 * Entries arrive whole, so each one's CRC-32 and sizes are known before its
 * local header: no data descriptors, no seeking, and the output can go to
 * any sink (a pipe too). Each entry is deflated (raw, zlib's default level 6) or stored,
 * whichever is smaller. Deflating is split from writing: a zip_prep (one
 * deflater and its scratch, reused from entry to entry with deflateReset)
 * turns data into a zip_entry's CRC, method and payload, and zip_emit writes
 * it. bundle_zip_add does both on the archive's own prep; batch workers do
 * the first half on preps of their own (bundle_zip_prepare) and the
 * committing thread only the second (bundle_zip_add_prepared), so the bytes
 * are the same either way. Names are UTF-8 (flag bit 11); "version made by" is
 * Unix, external attributes say a regular file with mode 0644; times are the
 * bundle's epoch as a DOS time computed in UTC here, so the same input gives
 * the same bytes in every time zone.
 *
 * ZIP64: an entry whose size or offset passes 0xFFFFFFFF gets a ZIP64 extra
 * field; an archive with more than 65,535 entries or a central directory
 * past 4 GiB ends with a ZIP64 end record and locator before the classic end
 * record (whose overflowing fields then hold 0xFFFF / 0xFFFFFFFF).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "bundle.h"

#define ZIP_MAX16     0xffffu
#define ZIP_MAX32     0xffffffffu
#define ZIP_FLAG_UTF8 0x0800u
#define ZIP_UNIX_0644 ((uint32_t)0100644 << 16) /* S_IFREG | 0644, high half */

/* A growing byte buffer, little-endian helpers on top. */
typedef struct zbuf {
	unsigned char *p;
	size_t len, cap;
	int failed; /* out of memory once: the buffer is unusable */
} zbuf;

static void zb_put(zbuf *b, const void *data, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->len + n)
			cap *= 2;
		unsigned char *p = realloc(b->p, cap);
		if (p == NULL) {
			b->failed = 1;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, data, n);
	b->len += n;
}

static void zb_u16(zbuf *b, uint32_t v)
{
	unsigned char x[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
	zb_put(b, x, 2);
}

static void zb_u32(zbuf *b, uint32_t v)
{
	unsigned char x[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
	                      (unsigned char)(v >> 24)};
	zb_put(b, x, 4);
}

static void zb_u64(zbuf *b, uint64_t v)
{
	zb_u32(b, (uint32_t)v);
	zb_u32(b, (uint32_t)(v >> 32));
}

/* zlib's level for every deflated entry: its default. Level 9 took a
 * batch's zip half again as long for entries 0.4 % smaller. */
#define ZIP_LEVEL Z_DEFAULT_COMPRESSION

/* One thread's deflater and scratch. */
struct bundle_zip_prep {
	z_stream zs;             /* reset per entry */
	unsigned char *deflated; /* one entry's deflated bytes */
	size_t deflated_cap;
};

struct bundle_zip {
	folio_sink *out; /* borrowed */
	uint64_t offset; /* bytes written to out so far */
	uint64_t entries;
	uint32_t dos;         /* DOS date << 16 | time */
	zbuf cd;              /* the central directory, built as entries come */
	zbuf tmp;             /* one entry's local header, reused */
	bundle_zip_prep prep; /* for bundle_zip_add */
};

/* ---- DOS time in UTC, without localtime ---- */

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm). */
static void civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

uint32_t bundle_dos_datetime(int64_t t)
{
	const int64_t lo = 315532800;  /* 1980-01-01T00:00:00Z */
	const int64_t hi = 4354819198; /* 2107-12-31T23:59:58Z */
	if (t < lo)
		t = lo;
	if (t > hi)
		t = hi;
	int64_t days = t / 86400, secs = t % 86400;
	int y;
	unsigned m, d;
	civil_from_days(days, &y, &m, &d);
	uint32_t date = (uint32_t)(y - 1980) << 9 | m << 5 | d;
	uint32_t time = (uint32_t)(secs / 3600) << 11 | (uint32_t)(secs / 60 % 60) << 5 |
	                (uint32_t)(secs % 60 / 2);
	return date << 16 | time;
}

/* ---- writing ---- */

static folio_status zip_write(bundle_zip *z, const void *data, size_t len, folio_error *err)
{
	folio_status st = folio_sink_write(z->out, data, len);
	if (st != FOLIO_OK) {
		if (err != NULL)
			*err = *folio_sink_error(z->out);
		return st;
	}
	z->offset += len;
	return FOLIO_OK;
}

static int prep_init(bundle_zip_prep *p)
{
	memset(p, 0, sizeof(*p));
	return deflateInit2(&p->zs, ZIP_LEVEL, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK;
}

static void prep_release(bundle_zip_prep *p)
{
	deflateEnd(&p->zs);
	free(p->deflated);
}

bundle_zip *bundle_zip_open(folio_sink *out, int64_t mtime, folio_error *err)
{
	bundle_zip *z = calloc(1, sizeof(*z));
	if (z == NULL) {
		folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "zip: out of memory");
		return NULL;
	}
	if (!prep_init(&z->prep)) {
		free(z);
		folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "zip: cannot start zlib");
		return NULL;
	}
	z->out = out;
	z->dos = bundle_dos_datetime(mtime);
	return z;
}

/* Deflates data into p->deflated. Returns the compressed size, or SIZE_MAX
 * when deflating is not worth it or failed (the entry is then stored). */
static size_t zip_deflate(bundle_zip_prep *p, const void *data, size_t len)
{
	if (len == 0 || len > UINT_MAX)
		return SIZE_MAX; /* zlib's avail_in is an unsigned int: store huge ones */
	size_t bound = deflateBound(&p->zs, (uLong)len);
	if (bound > p->deflated_cap) {
		unsigned char *q = realloc(p->deflated, bound);
		if (q == NULL)
			return SIZE_MAX;
		p->deflated = q;
		p->deflated_cap = bound;
	}
	if (deflateReset(&p->zs) != Z_OK)
		return SIZE_MAX;
	p->zs.next_in = (Bytef *)(uintptr_t)data;
	p->zs.avail_in = (uInt)len;
	p->zs.next_out = p->deflated;
	p->zs.avail_out = (uInt)bound;
	if (deflate(&p->zs, Z_FINISH) != Z_STREAM_END)
		return SIZE_MAX;
	size_t out = bound - p->zs.avail_out;
	return out < len ? out : SIZE_MAX;
}

typedef struct zip_entry {
	const char *name;
	size_t name_len;
	uint32_t crc;
	uint16_t method;
	uint64_t csize, usize, offset;
} zip_entry;

/* The first half of adding: e's CRC, method and sizes from data; returns the
 * bytes to write after the local header (p's scratch, or data itself when
 * stored), valid until p's next use. */
static const unsigned char *zip_compress(bundle_zip_prep *p, const void *data, size_t len,
                                         zip_entry *e)
{
	size_t clen = zip_deflate(p, data, len);
	e->crc = (uint32_t)crc32_z(crc32_z(0, Z_NULL, 0), data, len);
	e->method = clen == SIZE_MAX ? 0 : 8;
	e->csize = clen == SIZE_MAX ? len : clen;
	e->usize = len;
	return clen == SIZE_MAX ? data : p->deflated;
}

static void local_header(zbuf *b, const zip_entry *e, uint32_t dos)
{
	int big = e->csize >= ZIP_MAX32 || e->usize >= ZIP_MAX32;
	zb_u32(b, 0x04034b50);
	zb_u16(b, big ? 45 : (e->method ? 20 : 10));
	zb_u16(b, ZIP_FLAG_UTF8);
	zb_u16(b, e->method);
	zb_u16(b, dos & 0xffff);
	zb_u16(b, dos >> 16);
	zb_u32(b, e->crc);
	zb_u32(b, big ? ZIP_MAX32 : (uint32_t)e->csize);
	zb_u32(b, big ? ZIP_MAX32 : (uint32_t)e->usize);
	zb_u16(b, (uint32_t)e->name_len);
	zb_u16(b, big ? 20 : 0);
	zb_put(b, e->name, e->name_len);
	if (big) { /* ZIP64 extra: both sizes, as the spec asks in a local header */
		zb_u16(b, 0x0001);
		zb_u16(b, 16);
		zb_u64(b, e->usize);
		zb_u64(b, e->csize);
	}
}

static void central_header(zbuf *b, const zip_entry *e, uint32_t dos)
{
	int big_u = e->usize >= ZIP_MAX32, big_c = e->csize >= ZIP_MAX32;
	int big_o = e->offset >= ZIP_MAX32;
	uint32_t extra = 8u * (uint32_t)(big_u + big_c + big_o);
	uint32_t version = extra ? 45 : (e->method ? 20 : 10);
	zb_u32(b, 0x02014b50);
	zb_u16(b, 3u << 8 | version); /* made by: Unix */
	zb_u16(b, version);
	zb_u16(b, ZIP_FLAG_UTF8);
	zb_u16(b, e->method);
	zb_u16(b, dos & 0xffff);
	zb_u16(b, dos >> 16);
	zb_u32(b, e->crc);
	zb_u32(b, big_c ? ZIP_MAX32 : (uint32_t)e->csize);
	zb_u32(b, big_u ? ZIP_MAX32 : (uint32_t)e->usize);
	zb_u16(b, (uint32_t)e->name_len);
	zb_u16(b, extra ? extra + 4 : 0);
	zb_u16(b, 0); /* comment */
	zb_u16(b, 0); /* disk */
	zb_u16(b, 0); /* internal attributes */
	zb_u32(b, ZIP_UNIX_0644);
	zb_u32(b, big_o ? ZIP_MAX32 : (uint32_t)e->offset);
	zb_put(b, e->name, e->name_len);
	if (extra) { /* only the fields that overflowed, in this order */
		zb_u16(b, 0x0001);
		zb_u16(b, extra);
		if (big_u)
			zb_u64(b, e->usize);
		if (big_c)
			zb_u64(b, e->csize);
		if (big_o)
			zb_u64(b, e->offset);
	}
}

static folio_status check_name(const char *name, folio_error *err)
{
	if (!bundle_name_safe(name))
		return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0,
		                       "zip: unsafe entry name '%s'", name);
	return FOLIO_OK;
}

/* The second half: e (CRC, method, sizes filled) under name at the current
 * offset, its payload being e->csize bytes. */
static folio_status zip_emit(bundle_zip *z, const char *name, zip_entry *e,
                             const unsigned char *payload, folio_error *err)
{
	e->name = name;
	e->name_len = strlen(name);
	e->offset = z->offset;
	z->tmp.len = 0;
	local_header(&z->tmp, e, z->dos);
	central_header(&z->cd, e, z->dos);
	if (z->tmp.failed || z->cd.failed)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "zip: out of memory");
	folio_status st = zip_write(z, z->tmp.p, z->tmp.len, err);
	if (st == FOLIO_OK)
		st = zip_write(z, payload, (size_t)e->csize, err);
	if (st == FOLIO_OK)
		z->entries++;
	return st;
}

folio_status bundle_zip_add(bundle_zip *z, const char *name, const void *data, size_t len,
                            folio_error *err)
{
	folio_status st = check_name(name, err);
	if (st != FOLIO_OK)
		return st;
	zip_entry e = {0};
	const unsigned char *payload = zip_compress(&z->prep, data, len, &e);
	return zip_emit(z, name, &e, payload, err);
}

/* ---- entries prepared on other threads ---- */

struct bundle_zip_entry {
	zip_entry e;          /* CRC, method, sizes; no name or offset yet */
	unsigned char data[]; /* e.csize bytes: deflated, or a copy of the data */
};

bundle_zip_prep *bundle_zip_prep_new(const bundle_zip *z, folio_error *err)
{
	(void)z; /* every zip deflates the same way */
	bundle_zip_prep *p = malloc(sizeof(*p));
	if (p == NULL || !prep_init(p)) {
		free(p);
		folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "zip: cannot start zlib");
		return NULL;
	}
	return p;
}

void bundle_zip_prep_free(bundle_zip_prep *p)
{
	if (p == NULL)
		return;
	prep_release(p);
	free(p);
}

bundle_zip_entry *bundle_zip_prepare(bundle_zip_prep *p, const void *data, size_t len,
                                     folio_error *err)
{
	zip_entry e = {0};
	const unsigned char *payload = zip_compress(p, data, len, &e);
	bundle_zip_entry *x = NULL;
	if (e.csize <= SIZE_MAX - sizeof(*x))
		x = malloc(sizeof(*x) + (size_t)e.csize);
	if (x == NULL) {
		folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "zip: out of memory");
		return NULL;
	}
	x->e = e;
	if (e.csize > 0)
		memcpy(x->data, payload, (size_t)e.csize);
	return x;
}

folio_status bundle_zip_add_prepared(bundle_zip *z, const char *name, bundle_zip_entry *x,
                                     folio_error *err)
{
	folio_status st = check_name(name, err);
	if (st == FOLIO_OK)
		st = zip_emit(z, name, &x->e, x->data, err);
	free(x);
	return st;
}

void bundle_zip_entry_free(bundle_zip_entry *x)
{
	free(x);
}

/* The ZIP64 end of central directory record and its locator. */
static void zip64_end(zbuf *b, uint64_t entries, uint64_t cd_size, uint64_t cd_offset,
                      uint64_t end64_offset)
{
	zb_u32(b, 0x06064b50);
	zb_u64(b, 44); /* the record's size after this field */
	zb_u16(b, 3u << 8 | 45);
	zb_u16(b, 45);
	zb_u32(b, 0);
	zb_u32(b, 0);
	zb_u64(b, entries);
	zb_u64(b, entries);
	zb_u64(b, cd_size);
	zb_u64(b, cd_offset);
	zb_u32(b, 0x07064b50);
	zb_u32(b, 0);
	zb_u64(b, end64_offset);
	zb_u32(b, 1);
}

folio_status bundle_zip_finish(bundle_zip *z, folio_error *err)
{
	uint64_t cd_offset = z->offset, cd_size = z->cd.len;
	folio_status st =
	    zip_write(z, z->cd.p ? z->cd.p : (const unsigned char *)"", z->cd.len, err);
	int need64 = z->entries >= ZIP_MAX16 || cd_offset >= ZIP_MAX32 || cd_size >= ZIP_MAX32;
	z->tmp.len = 0;
	if (need64)
		zip64_end(&z->tmp, z->entries, cd_size, cd_offset, z->offset);
	zb_u32(&z->tmp, 0x06054b50);
	zb_u16(&z->tmp, 0);
	zb_u16(&z->tmp, 0);
	zb_u16(&z->tmp, z->entries >= ZIP_MAX16 ? ZIP_MAX16 : (uint32_t)z->entries);
	zb_u16(&z->tmp, z->entries >= ZIP_MAX16 ? ZIP_MAX16 : (uint32_t)z->entries);
	zb_u32(&z->tmp, cd_size >= ZIP_MAX32 ? ZIP_MAX32 : (uint32_t)cd_size);
	zb_u32(&z->tmp, cd_offset >= ZIP_MAX32 ? ZIP_MAX32 : (uint32_t)cd_offset);
	zb_u16(&z->tmp, 0); /* comment */
	if (st == FOLIO_OK && z->tmp.failed)
		st = folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "zip: out of memory");
	if (st == FOLIO_OK)
		st = zip_write(z, z->tmp.p, z->tmp.len, err);
	bundle_zip_discard(z);
	return st;
}

void bundle_zip_discard(bundle_zip *z)
{
	if (z == NULL)
		return;
	prep_release(&z->prep);
	free(z->cd.p);
	free(z->tmp.p);
	free(z);
}

/* ---- the archive capability ---- */

static folio_archive *ops_open(void *state, folio_sink *sink, int64_t mtime, folio_error *err)
{
	(void)state;
	return (folio_archive *)bundle_zip_open(sink, mtime, err);
}

static folio_status ops_add(folio_archive *a, const char *name, const void *data, size_t len,
                            folio_error *err)
{
	return bundle_zip_add((bundle_zip *)a, name, data, len, err);
}

static folio_status ops_finish(folio_archive *a, folio_error *err)
{
	return bundle_zip_finish((bundle_zip *)a, err);
}

static void ops_discard(folio_archive *a)
{
	bundle_zip_discard((bundle_zip *)a);
}

static folio_archive_prep *ops_prep_new(folio_archive *a, folio_error *err)
{
	return (folio_archive_prep *)bundle_zip_prep_new((const bundle_zip *)a, err);
}

static void ops_prep_free(folio_archive_prep *p)
{
	bundle_zip_prep_free((bundle_zip_prep *)p);
}

static folio_archive_entry *ops_prepare(folio_archive_prep *p, const void *data, size_t len,
                                        folio_error *err)
{
	return (folio_archive_entry *)bundle_zip_prepare((bundle_zip_prep *)p, data, len, err);
}

static folio_status ops_add_prepared(folio_archive *a, const char *name, folio_archive_entry *e,
                                     folio_error *err)
{
	return bundle_zip_add_prepared((bundle_zip *)a, name, (bundle_zip_entry *)e, err);
}

static void ops_entry_free(folio_archive_entry *e)
{
	bundle_zip_entry_free((bundle_zip_entry *)e);
}

const folio_archive_ops bundle_zip_ops = {
    .size = sizeof(folio_archive_ops),
    .open = ops_open,
    .add = ops_add,
    .finish = ops_finish,
    .discard = ops_discard,
    .prep_new = ops_prep_new,
    .prep_free = ops_prep_free,
    .prepare = ops_prepare,
    .add_prepared = ops_add_prepared,
    .entry_free = ops_entry_free,
};
