/* A small streaming JSON writer for the json exporter.
 *
 * The writer is a state machine over two facts: how deep it is and whether
 * the value about to be written needs a comma (and, when pretty, a newline
 * and indentation) before it. It needs no stack: opening a container clears
 * "need comma", closing one sets it, and a container closed while it is
 * still empty is written as "[]" / "{}".
 *
 * Bytes go straight to a folio_sink, whose errors stick; the caller checks
 * folio_sink_status once at the end. Strings must be valid UTF-8 (every
 * string in a folio_doc is).
 */
#ifndef FOLIO_JSON_JW_H
#define FOLIO_JSON_JW_H

#include <stddef.h>

#include "folio/sink.h"

typedef struct jw {
	folio_sink *sink; /* the caller's; never closed here */
	int pretty;       /* 1: two-space indentation, "key": value; 0: one line */
	unsigned depth;   /* open containers */
	int need_comma;   /* a value was written at this depth */
	int after_key;    /* a key was just written: the value follows on its line */
} jw;

void jw_init(jw *w, folio_sink *sink, int pretty);
void jw_begin_object(jw *w);
void jw_end_object(jw *w);
void jw_begin_array(jw *w);
void jw_end_array(jw *w);
/* Writes "key": and leaves the writer waiting for that key's value. */
void jw_key(jw *w, const char *key);
/* A string value; NULL writes null. */
void jw_string(jw *w, const char *s);
void jw_string_n(jw *w, const char *s, size_t len);
void jw_null(jw *w);
void jw_bool(jw *w, int b);
void jw_int(jw *w, long v);
/* Ends the document: the final newline. */
void jw_finish(jw *w);

/* Convenience: "key": "value" (or null). */
void jw_key_string(jw *w, const char *key, const char *s);

#endif
