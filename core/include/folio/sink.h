/* folio — sinks: where exported bytes go.
 *
 * A sink takes writes, then is either closed (the output is committed) or
 * aborted (the output is discarded). Both release the sink. Errors stick: after
 * the first failed write every later write returns that error without doing
 * anything, and close reports it (and discards the output).
 *
 * Filters (gzip, a zip entry, ...) wrap another sink and own it: closing a
 * filter flushes it and then closes the sink beneath; aborting aborts both.
 */
#ifndef FOLIO_SINK_H
#define FOLIO_SINK_H

#include <stddef.h>
#include <stdint.h>

#include "folio/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct folio_sink folio_sink;

/* How a sink kind behaves; for plugins that make their own filters (a zip
 * entry). ctx is the kind's private state. close commits and frees ctx; abort
 * discards and frees ctx. Both are called exactly once. */
typedef struct folio_sink_ops {
	size_t size; /* sizeof(folio_sink_ops): newer fields go at the end */
	folio_status (*write)(void *ctx, const void *data, size_t len, folio_error *err);
	folio_status (*close)(void *ctx, folio_error *err);
	void (*abort)(void *ctx);
} folio_sink_ops;

/* A sink driven by ops. NULL when out of memory (ops->abort(ctx) is then
 * called, so ctx never leaks). */
FOLIO_API folio_sink *folio_sink_new(const folio_sink_ops *ops, void *ctx);

/* Writes len bytes. Returns the sink's status (the first error, sticky). */
FOLIO_API folio_status folio_sink_write(folio_sink *s, const void *data, size_t len);
FOLIO_API folio_status folio_sink_puts(folio_sink *s, const char *str);
FOLIO_API folio_status folio_sink_printf(folio_sink *s, const char *fmt, ...) FOLIO_PRINTF(2, 3);

/* FOLIO_OK, or the first error. */
FOLIO_API folio_status folio_sink_status(const folio_sink *s);
/* The first error's details (valid until the sink is closed or aborted). */
FOLIO_API const folio_error *folio_sink_error(const folio_sink *s);
/* Marks the sink failed (e.g. a renderer that gave up), so close discards. */
FOLIO_API void folio_sink_fail(folio_sink *s, const folio_error *err);
/* Bytes accepted so far. */
FOLIO_API uint64_t folio_sink_bytes(const folio_sink *s);

/* Commits and releases s. On any error (earlier or now) the output is
 * discarded, err is filled and the error is returned. NULL s is FOLIO_OK. */
FOLIO_API folio_status folio_sink_close(folio_sink *s, folio_error *err);
/* Discards the output and releases s. NULL is ignored. */
FOLIO_API void folio_sink_abort(folio_sink *s);

/* A file written as a temporary beside path and renamed over path on close, so
 * a failed export leaves nothing and never clobbers a good file. The file gets
 * mode 0666 & ~umask. */
FOLIO_API folio_sink *folio_sink_file(const char *path, folio_error *err);

/* Standard output (not closed on close; flushed). Write errors such as a
 * closed pipe stick as usual. */
FOLIO_API folio_sink *folio_sink_stdout(void);

/* Memory. The bytes are readable with folio_sink_memory_data until the sink
 * is closed or aborted, or taken with folio_sink_memory_take. */
FOLIO_API folio_sink *folio_sink_memory(void);
FOLIO_API const unsigned char *folio_sink_memory_data(const folio_sink *s, size_t *len);
/* Hands the buffer to the caller (free() it) and empties the sink. The result
 * is never NULL for a memory sink in good state (an empty buffer is malloc'd). */
FOLIO_API unsigned char *folio_sink_memory_take(folio_sink *s, size_t *len);

/* A sink that counts and drops its bytes. */
FOLIO_API folio_sink *folio_sink_null(void);

/* gzip filter over next (owned): a single gzip member with the given file
 * name (may be NULL) and mtime (seconds; 0 means none), deflate level 1..9
 * (0 = default). NULL on failure (next is then aborted). */
FOLIO_API folio_sink *folio_sink_gzip(folio_sink *next, const char *name, uint32_t mtime, int level,
                                      folio_error *err);

#ifdef __cplusplus
}
#endif
#endif
