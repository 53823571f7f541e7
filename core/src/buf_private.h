/* folio — a growable byte buffer for building text. Not installed. */
#ifndef FOLIO_BUF_PRIVATE_H
#define FOLIO_BUF_PRIVATE_H

#include <stddef.h>

#include "folio/error.h"

/* Always NUL-terminated once anything was added; failed is sticky. */
typedef struct folio_buf {
	char *data;
	size_t len;
	size_t cap;
	int failed;
} folio_buf;

void folio_buf_add(folio_buf *b, const char *s, size_t len);
void folio_buf_puts(folio_buf *b, const char *s);
void folio_buf_printf(folio_buf *b, const char *fmt, ...) FOLIO_PRINTF(2, 3);
/* Adds s with & < > " ' escaped for HTML and XML text and attributes. */
void folio_buf_escape(folio_buf *b, const char *s);
void folio_buf_free(folio_buf *b);

#endif
