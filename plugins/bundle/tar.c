/* folio bundles — a POSIX ustar archive through folio's gzip filter.
 *
 * Every entry is a regular file, mode 0644, uid/gid 0, owner and group names
 * "root" (what uid/gid 0 are called everywhere; an extracting root then gets
 * the same answer from the names as from the numbers), mtime = the bundle's
 * epoch. A name over 100 bytes is carried by a pax extended header ('x')
 * before its entry, whose own name field keeps a truncated copy. The archive
 * ends with two zero blocks, as POSIX asks.
 *
 * The gzip filter owns the sink beneath it, but the archive's sink stays the
 * caller's: so the filter sits on a small "borrowed" sink that forwards
 * writes and neither closes nor aborts the real one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"

enum { TAR_BLOCK = 512, TAR_NAME = 100 };

struct bundle_tar {
	folio_sink *gz; /* owned: gzip filter over a borrowed view of the caller's sink */
	int64_t mtime;
	uint64_t pax_serial; /* numbers pax header names, for humans reading them */
};

/* ---- the borrowed sink ---- */

static folio_status borrow_write(void *ctx, const void *data, size_t len, folio_error *err)
{
	folio_sink *under = ctx;
	folio_status st = folio_sink_write(under, data, len);
	if (st != FOLIO_OK && err != NULL)
		*err = *folio_sink_error(under);
	return st;
}

static folio_status borrow_close(void *ctx, folio_error *err)
{
	folio_sink *under = ctx;
	folio_status st = folio_sink_status(under);
	if (st != FOLIO_OK && err != NULL)
		*err = *folio_sink_error(under);
	return st;
}

static void borrow_abort(void *ctx)
{
	(void)ctx; /* the caller aborts its own sink */
}

static const folio_sink_ops borrow_ops = {
    .size = sizeof(folio_sink_ops),
    .write = borrow_write,
    .close = borrow_close,
    .abort = borrow_abort,
};

/* ---- headers ---- */

/* An octal field of width w: w-1 digits and a NUL. 0 when it does not fit
 * (the caller then puts the value in a pax record). */
static int octal(char *field, size_t w, uint64_t v)
{
	char tmp[32];
	snprintf(tmp, sizeof(tmp), "%0*llo", (int)(w - 1), (unsigned long long)v);
	if (strlen(tmp) != w - 1)
		return 0;
	memcpy(field, tmp, w);
	return 1;
}

/* Fills a ustar header block. size and mtime must fit their fields. */
static void ustar_header(unsigned char h[TAR_BLOCK], const char *name, size_t name_len,
                         uint64_t size, int64_t mtime, char type)
{
	memset(h, 0, TAR_BLOCK);
	memcpy(h, name, name_len < TAR_NAME ? name_len : TAR_NAME);
	char *f = (char *)h;
	octal(f + 100, 8, 0644);
	octal(f + 108, 8, 0);
	octal(f + 116, 8, 0);
	if (!octal(f + 124, 12, size))
		octal(f + 124, 12, 0); /* the pax "size" record says the truth */
	octal(f + 136, 12, mtime > 0 ? (uint64_t)mtime : 0);
	memset(f + 148, ' ', 8); /* the checksum counts itself as spaces */
	f[156] = type;
	memcpy(f + 257, "ustar", 6); /* magic with its NUL */
	memcpy(f + 263, "00", 2);
	memcpy(f + 265, "root", 4);
	memcpy(f + 297, "root", 4);
	unsigned sum = 0;
	for (int i = 0; i < TAR_BLOCK; i++)
		sum += h[i];
	snprintf(f + 148, 8, "%06o", sum); /* six digits, NUL, then the space kept */
	f[155] = ' ';
}

static folio_status tar_write(bundle_tar *t, const void *data, size_t len, folio_error *err)
{
	folio_status st = folio_sink_write(t->gz, data, len);
	if (st != FOLIO_OK && err != NULL)
		*err = *folio_sink_error(t->gz);
	return st;
}

static folio_status tar_pad(bundle_tar *t, uint64_t len, folio_error *err)
{
	static const unsigned char zeros[TAR_BLOCK];
	size_t rest = (size_t)(len % TAR_BLOCK);
	return rest ? tar_write(t, zeros, TAR_BLOCK - rest, err) : FOLIO_OK;
}

/* Appends one pax record "LEN key=value\n", where LEN counts the whole
 * record including its own digits. */
static int pax_record(char *buf, size_t cap, size_t *used, const char *key, const char *value)
{
	size_t body = strlen(key) + strlen(value) + 3; /* ' ', '=', '\n' */
	size_t total = body + 1;
	while (snprintf(NULL, 0, "%zu", total) + body != total)
		total++;
	int n = snprintf(buf + *used, cap - *used, "%zu %s=%s\n", total, key, value);
	if (n < 0 || (size_t)n != total || *used + total >= cap)
		return 0;
	*used += total;
	return 1;
}

/* The pax header that carries a long path (and a size over 8 GiB). */
static folio_status pax_header(bundle_tar *t, const char *name, uint64_t size, folio_error *err)
{
	size_t cap = strlen(name) + 128, used = 0;
	char *rec = malloc(cap);
	if (rec == NULL)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "tar: out of memory");
	char sizebuf[32];
	snprintf(sizebuf, sizeof(sizebuf), "%llu", (unsigned long long)size);
	int ok = pax_record(rec, cap, &used, "path", name);
	if (ok && size > 077777777777ull)
		ok = pax_record(rec, cap, &used, "size", sizebuf);
	folio_status st = FOLIO_OK;
	if (!ok) {
		st = folio_error_set(err, FOLIO_ERR_LIMIT, NULL, 0, 0, "tar: name too long");
	} else {
		char pax_name[TAR_NAME];
		unsigned char h[TAR_BLOCK];
		snprintf(pax_name, sizeof(pax_name), "PaxHeaders/%llu",
		         (unsigned long long)++t->pax_serial);
		ustar_header(h, pax_name, strlen(pax_name), used, t->mtime, 'x');
		st = tar_write(t, h, TAR_BLOCK, err);
		if (st == FOLIO_OK)
			st = tar_write(t, rec, used, err);
		if (st == FOLIO_OK)
			st = tar_pad(t, used, err);
	}
	free(rec);
	return st;
}

/* ---- the writer ---- */

bundle_tar *bundle_tar_open(folio_sink *out, int64_t mtime, folio_error *err)
{
	bundle_tar *t = calloc(1, sizeof(*t));
	folio_sink *view = t ? folio_sink_new(&borrow_ops, out) : NULL;
	if (view == NULL) {
		free(t);
		folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "tar: out of memory");
		return NULL;
	}
	uint32_t gz_time = mtime > 0 && mtime <= UINT32_MAX ? (uint32_t)mtime : 0;
	t->gz = folio_sink_gzip(view, NULL, gz_time, 9, err);
	if (t->gz == NULL) {
		free(t);
		return NULL;
	}
	t->mtime = mtime;
	return t;
}

folio_status bundle_tar_add(bundle_tar *t, const char *name, const void *data, size_t len,
                            folio_error *err)
{
	if (!bundle_name_safe(name))
		return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0,
		                       "tar: unsafe entry name '%s'", name);
	size_t name_len = strlen(name);
	folio_status st = FOLIO_OK;
	if (name_len > TAR_NAME || (uint64_t)len > 077777777777ull)
		st = pax_header(t, name, len, err);
	unsigned char h[TAR_BLOCK];
	ustar_header(h, name, name_len, len, t->mtime, '0');
	if (st == FOLIO_OK)
		st = tar_write(t, h, TAR_BLOCK, err);
	if (st == FOLIO_OK)
		st = tar_write(t, data, len, err);
	if (st == FOLIO_OK)
		st = tar_pad(t, len, err);
	return st;
}

folio_status bundle_tar_finish(bundle_tar *t, folio_error *err)
{
	static const unsigned char end[2 * TAR_BLOCK];
	folio_status st = tar_write(t, end, sizeof(end), err);
	if (st == FOLIO_OK) {
		st = folio_sink_close(t->gz, err); /* writes the gzip trailer */
	} else {
		folio_sink_abort(t->gz);
	}
	free(t);
	return st;
}

void bundle_tar_discard(bundle_tar *t)
{
	if (t == NULL)
		return;
	folio_sink_abort(t->gz);
	free(t);
}

/* ---- the archive capability ---- */

static folio_archive *ops_open(void *state, folio_sink *sink, int64_t mtime, folio_error *err)
{
	(void)state;
	return (folio_archive *)bundle_tar_open(sink, mtime, err);
}

static folio_status ops_add(folio_archive *a, const char *name, const void *data, size_t len,
                            folio_error *err)
{
	return bundle_tar_add((bundle_tar *)a, name, data, len, err);
}

static folio_status ops_finish(folio_archive *a, folio_error *err)
{
	return bundle_tar_finish((bundle_tar *)a, err);
}

static void ops_discard(folio_archive *a)
{
	bundle_tar_discard((bundle_tar *)a);
}

const folio_archive_ops bundle_tar_ops = {
    .size = sizeof(folio_archive_ops),
    .open = ops_open,
    .add = ops_add,
    .finish = ops_finish,
    .discard = ops_discard,
};
