/* folio — YAML front matter (private to the importers). Not installed. */
#ifndef FOLIO_FRONTMATTER_PRIVATE_H
#define FOLIO_FRONTMATTER_PRIVATE_H

#include <stddef.h>

#include "folio/import.h"

/* Where the body starts once the front matter is cut off. */
typedef struct folio_frontmatter {
	size_t body_offset;     /* bytes from the start of the input */
	unsigned body_line;     /* 1-based line of the input where the body starts */
	folio_node *references; /* a detached REFERENCES node built from the "references"
	                           key, owned by the document; NULL when there is none */
} folio_frontmatter;

/* 1 when data opens with a front matter line ("---", trailing blanks allowed). */
int folio_frontmatter_present(const char *data, size_t len);

/* When data (clean UTF-8, LF line ends) opens with "---", parses the YAML up
 * to the closing "---" or "..." line into doc's metadata and fills out.
 * Without front matter, out says the body is the whole input. Errors carry
 * the line and column in data (1-based). opts is never NULL. */
folio_status folio_frontmatter_parse(folio_doc *doc, const char *data, size_t len,
                                     const folio_import_options *opts, folio_frontmatter *out,
                                     folio_error *err);

/* Normalises a date written by a person ("2024-05-01", "2024/5/1",
 * "May 1, 2024", "1er mai 2024", "25/12/2024", an ISO time stamp) into out
 * (at least 11 bytes) as YYYY-MM-DD. Returns 0 and fills why (a short
 * English reason) when the text is not a real calendar date or is ambiguous
 * ("03/04/2024"). */
int folio_date_normalize(const char *s, char *out, size_t n, const char **why);

#endif
