/* folio — JSON strings, written the one way every JSON folio emits them (the
 * json format, the HTML page's JSON-LD, a bundle's manifest, `folio check
 * --json`, `folio batch --report`).
 *
 * A string goes out in double quotes with '"' and '\' escaped, every control
 * character (below U+0020) as \u00XX, and U+2028 / U+2029 as \u2028 / \u2029
 * (valid JSON, but line ends to older JavaScript parsers). Other bytes go out
 * as they are: the text is UTF-8 already. */
#ifndef FOLIO_JSON_H
#define FOLIO_JSON_H

#include <stddef.h>

#include "folio/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Receives the output, a piece at a time. */
typedef void (*folio_json_put_fn)(void *ctx, const char *bytes, size_t len);

/* For JSON inside an HTML <script> element: '<', '>' and '&' are written
 * \u003c, \u003e and \u0026 too, so no "</script>" or "<!--" can appear. */
#define FOLIO_JSON_SCRIPT 1u

/* Writes s[0..len) as a JSON string through put; a NULL s is written null. */
FOLIO_API void folio_json_string(const char *s, size_t len, unsigned flags, folio_json_put_fn put,
                                 void *ctx);

#ifdef __cplusplus
}
#endif

#endif
