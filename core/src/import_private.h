/* folio — the importers' private entry points. Not installed.
 *
 * import.c reads files, enforces the size limit, checks UTF-8 (reporting line
 * and column), strips a BOM, normalises CRLF/CR line ends to LF, picks the
 * importer, and calls one of these with clean bytes. Each returns a new
 * document or NULL with err filled (line/column relative to the input; the
 * file name is added by the caller).
 */
#ifndef FOLIO_IMPORT_PRIVATE_H
#define FOLIO_IMPORT_PRIVATE_H

#include "folio/import.h"

/* opts is never NULL here: defaults are already filled in. */
folio_doc *folio_markdown_parse(const char *data, size_t len, const folio_import_options *opts,
                                folio_error *err);
folio_doc *folio_clip_parse(const char *data, size_t len, const folio_import_options *opts,
                            folio_error *err);

/* Turns each section headed "References", "Bibliography", "Sources",
 * "Références" (any level, case-insensitive, trailing colon allowed) into a
 * REFERENCES node: the heading becomes its title, and the list items or
 * paragraphs under it (up to the next heading of the same or higher level)
 * become REFERENCE entries, each with its inline content kept and its citation
 * parsed. Used by every importer. */
folio_status folio_references_from_sections(folio_doc *doc, folio_error *err);

/* 1 when a heading's plain text names a references section. */
int folio_is_references_heading(const char *text);

#endif
