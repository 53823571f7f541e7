/* folio — the growable text buffer. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf_private.h"

void folio_buf_add(folio_buf *b, const char *s, size_t len)
{
	if (b->failed)
		return;
	if (len + 1 > b->cap - b->len || b->data == NULL) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap - b->len < len + 1) {
			if (cap > ((size_t)-1) / 2) {
				b->failed = 1;
				return;
			}
			cap *= 2;
		}
		char *p = realloc(b->data, cap);
		if (p == NULL) {
			b->failed = 1;
			return;
		}
		b->data = p;
		b->cap = cap;
	}
	if (len)
		memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void folio_buf_puts(folio_buf *b, const char *s)
{
	folio_buf_add(b, s, strlen(s));
}

void folio_buf_printf(folio_buf *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = 1;
		return;
	}
	if ((size_t)n < sizeof(small)) {
		folio_buf_add(b, small, (size_t)n);
		return;
	}
	char *big = malloc((size_t)n + 1);
	if (big == NULL) {
		b->failed = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	folio_buf_add(b, big, (size_t)n);
	free(big);
}

void folio_buf_escape(folio_buf *b, const char *s)
{
	static const struct {
		char c;
		const char *entity;
	} entities[] = {{'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}, {'"', "&quot;"}, {'\'', "&#39;"}};
	const char *run = s;
	for (; *s; s++) {
		for (size_t i = 0; i < sizeof(entities) / sizeof(entities[0]); i++) {
			if (*s != entities[i].c)
				continue;
			folio_buf_add(b, run, (size_t)(s - run));
			folio_buf_puts(b, entities[i].entity);
			run = s + 1;
			break;
		}
	}
	folio_buf_add(b, run, (size_t)(s - run));
}

void folio_buf_free(folio_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}
