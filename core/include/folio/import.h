/* folio — importers: bytes in, a folio_doc out. */
#ifndef FOLIO_IMPORT_H
#define FOLIO_IMPORT_H

#include <stddef.h>

#include "folio/doc.h"
#include "folio/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum folio_input_format {
	FOLIO_INPUT_AUTO = 0, /* by extension and content */
	FOLIO_INPUT_MARKDOWN, /* CommonMark + tables, strikethrough, autolinks; YAML front matter */
	FOLIO_INPUT_CLIP,     /* text copied from a clinic website */
	FOLIO_INPUT_HTML      /* a saved or downloaded web page: its main article */
} folio_input_format;

/* Limits protect batch runs from hostile input. */
#define FOLIO_DEFAULT_MAX_INPUT (16u * 1024u * 1024u) /* bytes */
#define FOLIO_DEFAULT_MAX_DEPTH 64u                  /* nested lists/quotes */

/* What an importer does with straight quotes (" and '). */
typedef enum folio_quotes {
	FOLIO_QUOTES_TYPOGRAPHIC = 0, /* the language's marks (folio_doc_typographic_quotes) */
	FOLIO_QUOTES_STRAIGHT         /* kept as typed */
} folio_quotes;

/* Told, for `folio inspect --explain`, about each source line an importer
 * dropped or reinterpreted, and why ("boilerplate: view counter"). */
typedef void (*folio_explain_fn)(void *userdata, unsigned line, const char *text,
                                 const char *reason);

typedef struct folio_import_options {
	size_t size;               /* sizeof(folio_import_options) */
	folio_input_format format;
	size_t max_input;          /* 0 = FOLIO_DEFAULT_MAX_INPUT */
	unsigned max_depth;        /* 0 = FOLIO_DEFAULT_MAX_DEPTH; deeper blocks are flattened */
	folio_explain_fn explain;  /* may be NULL */
	void *explain_userdata;
	folio_quotes quotes;       /* FOLIO_QUOTES_TYPOGRAPHIC (the default) or _STRAIGHT */
} folio_import_options;

/* Reads and parses a file. opts may be NULL (defaults). On failure returns NULL
 * and err names the file, line and column. The caller frees the result with
 * folio_doc_free. */
FOLIO_API folio_doc *folio_import_file(const char *path, const folio_import_options *opts,
                                       folio_error *err);

/* Parses bytes; name is used in messages and as the document's source. */
FOLIO_API folio_doc *folio_import_memory(const char *data, size_t len, const char *name,
                                         const folio_import_options *opts, folio_error *err);

/* "markdown" / "clip" / "html" / "auto" -> format; returns -1 for an unknown name. */
FOLIO_API int folio_input_format_from_name(const char *name);

/* Detects the format of bytes called name (".md"/".markdown" -> markdown;
 * ".html"/".htm" -> html; ".txt" -> clip unless it looks like Markdown or
 * starts like an HTML page). */
FOLIO_API folio_input_format folio_input_detect(const char *name, const char *data, size_t len);

#ifdef __cplusplus
}
#endif
#endif
