/* folio — the gzip filter: one gzip member (RFC 1952) deflated into the
 * sink beneath, as libarchive's gzip filter does it: one drive_compressor()
 * loop around deflate over a fixed output buffer, the trailer on close.
 *
 * The bytes depend only on the input, the name, the mtime and the level (the
 * header's OS byte is fixed to 3, Unix), so the same export gives the same
 * file on every machine.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "folio/sink.h"

#define GZIP_OUT_SIZE    (32u * 1024u)
#define GZIP_WINDOW_BITS (15 + 16) /* 32 KiB window, gzip wrapper */
#define GZIP_OS_UNIX     3

typedef struct gzip_ctx {
	folio_sink *next; /* owned: closed or aborted with the filter */
	char *name;       /* owned copy; the header points at it until it is written */
	gz_header header;
	z_stream z; /* zlib keeps a pointer to it: the ctx never moves */
	unsigned char out[GZIP_OUT_SIZE];
} gzip_ctx;

/* The next sink's first error becomes the filter's. */
static folio_status next_failed(gzip_ctx *g, folio_error *err)
{
	const folio_error *e = folio_sink_error(g->next);
	if (err != NULL && e != NULL)
		*err = *e;
	return folio_sink_status(g->next);
}

/* Runs deflate with flush until it has taken all input (Z_NO_FLUSH) or
 * written the trailer (Z_FINISH), passing each full buffer to next. */
static folio_status drive_compressor(gzip_ctx *g, int flush, folio_error *err)
{
	for (;;) {
		g->z.next_out = g->out;
		g->z.avail_out = GZIP_OUT_SIZE;
		int rc = deflate(&g->z, flush);
		if (rc == Z_STREAM_ERROR)
			return folio_error_set(err, FOLIO_ERR_RENDER, NULL, 0, 0,
			                       "gzip: the compressor failed");
		size_t produced = GZIP_OUT_SIZE - g->z.avail_out;
		if (produced > 0 && folio_sink_write(g->next, g->out, produced) != FOLIO_OK)
			return next_failed(g, err);
		if (flush == Z_FINISH) {
			if (rc == Z_STREAM_END)
				return FOLIO_OK;
		} else if (g->z.avail_in == 0 && g->z.avail_out != 0) {
			return FOLIO_OK;
		}
	}
}

static folio_status gzip_write(void *ctx, const void *data, size_t len, folio_error *err)
{
	gzip_ctx *g = ctx;
	const unsigned char *p = data;
	/* avail_in is a uInt: feed very large blocks in slices. */
	while (len > 0) {
		uInt n = len > (size_t)(UINT_MAX / 2) ? (uInt)(UINT_MAX / 2) : (uInt)len;
		g->z.next_in = (Bytef *)(uintptr_t)p; /* zlib does not write through it */
		g->z.avail_in = n;
		folio_status st = drive_compressor(g, Z_NO_FLUSH, err);
		if (st != FOLIO_OK)
			return st;
		p += n;
		len -= n;
	}
	return FOLIO_OK;
}

static void gzip_ctx_free(gzip_ctx *g)
{
	free(g->name);
	free(g);
}

static void gzip_abort(void *ctx)
{
	gzip_ctx *g = ctx;
	deflateEnd(&g->z);
	folio_sink_abort(g->next);
	gzip_ctx_free(g);
}

/* Writes the trailer, then closes next (head to tail, so the trailer goes
 * into a sink that is still open). */
static folio_status gzip_close(void *ctx, folio_error *err)
{
	gzip_ctx *g = ctx;
	g->z.next_in = NULL;
	g->z.avail_in = 0;
	folio_status st = drive_compressor(g, Z_FINISH, err);
	if (st != FOLIO_OK) {
		gzip_abort(g);
		return st;
	}
	deflateEnd(&g->z);
	st = folio_sink_close(g->next, err);
	gzip_ctx_free(g);
	return st;
}

static const folio_sink_ops gzip_ops = {
    .size = sizeof(folio_sink_ops),
    .write = gzip_write,
    .close = gzip_close,
    .abort = gzip_abort,
};

static folio_status gzip_init(gzip_ctx *g, const char *name, uint32_t mtime, int level,
                              folio_error *err)
{
	if (name != NULL) {
		size_t n = strlen(name) + 1;
		g->name = malloc(n);
		if (g->name == NULL)
			return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		memcpy(g->name, name, n);
	}
	if (deflateInit2(&g->z, level, Z_DEFLATED, GZIP_WINDOW_BITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0,
		                       "gzip: cannot start the compressor");
	g->header.time = mtime;
	g->header.os = GZIP_OS_UNIX;
	g->header.name = (Bytef *)g->name;
	if (deflateSetHeader(&g->z, &g->header) != Z_OK) {
		deflateEnd(&g->z);
		return folio_error_set(err, FOLIO_ERR_RENDER, NULL, 0, 0,
		                       "gzip: cannot set the header");
	}
	return FOLIO_OK;
}

folio_sink *folio_sink_gzip(folio_sink *next, const char *name, uint32_t mtime, int level,
                            folio_error *err)
{
	if (next == NULL) {
		folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0, "gzip: no sink to write to");
		return NULL;
	}
	if (level < 0 || level > 9) {
		folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0,
		                "gzip: level %d is not between 1 and 9 (0 = default)", level);
		folio_sink_abort(next);
		return NULL;
	}
	gzip_ctx *g = calloc(1, sizeof(*g));
	if (g == NULL) {
		folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		folio_sink_abort(next);
		return NULL;
	}
	g->next = next;
	if (gzip_init(g, name, mtime, level ? level : Z_DEFAULT_COMPRESSION, err) != FOLIO_OK) {
		folio_sink_abort(next);
		gzip_ctx_free(g);
		return NULL;
	}
	folio_sink *s = folio_sink_new(&gzip_ops, g); /* on failure it calls gzip_abort */
	if (s == NULL)
		folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	return s;
}
