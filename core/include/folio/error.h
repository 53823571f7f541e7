/* folio — error reporting.
 *
 * Every fallible function returns a folio_status (or NULL) and, when the caller
 * passes a folio_error, fills it with a code, a place (file, line, column) and
 * a message. The library never prints and never exits.
 */
#ifndef FOLIO_ERROR_H
#define FOLIO_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define FOLIO_API __attribute__((visibility("default")))
#define FOLIO_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define FOLIO_API
#define FOLIO_PRINTF(a, b)
#endif

typedef enum folio_status {
	FOLIO_OK = 0,
	FOLIO_ERR_IO,          /* a file could not be read or written */
	FOLIO_ERR_NOMEM,       /* an allocation failed */
	FOLIO_ERR_UTF8,        /* text is not valid UTF-8 (or holds a NUL byte) */
	FOLIO_ERR_SYNTAX,      /* malformed input: front matter, profile, ... */
	FOLIO_ERR_USAGE,       /* a bad argument or option from the caller */
	FOLIO_ERR_LIMIT,       /* input over a documented limit */
	FOLIO_ERR_PLUGIN,      /* a plugin could not be loaded or is unknown */
	FOLIO_ERR_UNSUPPORTED, /* the operation makes no sense for this input */
	FOLIO_ERR_RENDER       /* an exporter failed */
} folio_status;

/* Filled in by the function that failed. The strings are NUL-terminated and
 * truncated to fit. line and column are 1-based; 0 means "not known". */
typedef struct folio_error {
	folio_status code;
	unsigned line;
	unsigned column;
	char file[512];
	char message[512];
} folio_error;

/* Resets e to FOLIO_OK with empty strings. e may be NULL. */
FOLIO_API void folio_error_clear(folio_error *e);

/* Records an error in e (which may be NULL) and returns code, so callers can
 * write `return folio_error_set(err, FOLIO_ERR_IO, path, 0, 0, "...")`.
 * file may be NULL. */
FOLIO_API folio_status folio_error_set(folio_error *e, folio_status code, const char *file,
                                       unsigned line, unsigned column, const char *fmt, ...)
	FOLIO_PRINTF(6, 7);

/* Sets the file of an error that has none yet (an importer knows the bytes,
 * the caller knows where they came from). */
FOLIO_API void folio_error_set_file(folio_error *e, const char *file);

/* A short English name for a status: "I/O error", "invalid UTF-8", ... */
FOLIO_API const char *folio_status_name(folio_status code);

/* Writes "FILE:LINE:COL: message" (parts that are not known are left out)
 * into buf of size n, NUL-terminated. Returns buf. */
FOLIO_API char *folio_error_format(const folio_error *e, char *buf, size_t n);

#ifdef __cplusplus
}
#endif
#endif
