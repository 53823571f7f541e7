/* folio — a small JSON reader for the metadata pages embed (JSON-LD).
 * Not installed.
 *
 * Values live in the document's arena: nothing to free. Strings are
 * unescaped UTF-8 (invalid escapes become U+FFFD); numbers are kept as their
 * text. Nesting deeper than JSON_MAX_DEPTH is refused.
 */
#ifndef FOLIO_JSON_PRIVATE_H
#define FOLIO_JSON_PRIVATE_H

#include <stddef.h>

#include "folio/doc.h"

#define JSON_MAX_DEPTH 48

typedef enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT } json_type;

typedef struct json_value json_value;
struct json_value {
	json_type type;
	const char *key;    /* the member's name inside an object, else NULL */
	const char *text;   /* STRING, NUMBER; "true"/"false" for BOOL */
	json_value *first;  /* ARRAY, OBJECT: children in order */
	json_value *next;   /* the next sibling */
};

/* Parses s[0..len) (one value, blanks around it allowed) into doc's arena.
 * NULL when it is not JSON (or out of memory). */
json_value *folio_json_parse(folio_doc *doc, const char *s, size_t len);

/* The member called key of an object, or NULL. */
const json_value *folio_json_get(const json_value *obj, const char *key);

/* The text of a string (or number) value, or NULL. */
const char *folio_json_text(const json_value *v);

#endif
