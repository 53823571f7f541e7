/* folio — UTF-8 validation, display width and slugs. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "doc_private.h"

/* Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above
 * U+10FFFF, and no NUL bytes (they end C strings downstream). */
int folio_utf8_valid(const char *s, size_t len, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		unsigned char c = p[i];
		if (c >= 0x01 && c < 0x80) {
			i++;
			continue;
		}
		size_t need;
		unsigned char lo = 0x80, hi = 0xBF;
		if (c >= 0xC2 && c <= 0xDF) {
			need = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			if (c == 0xE0)
				lo = 0xA0;
			else if (c == 0xED)
				hi = 0x9F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F;
		} else {
			goto fail;
		}
		if (len - i <= need)
			goto fail;
		if (p[i + 1] < lo || p[i + 1] > hi)
			goto fail;
		for (size_t k = 2; k <= need; k++)
			if ((p[i + k] & 0xC0) != 0x80)
				goto fail;
		i += need + 1;
	}
	return 1;
fail:
	if (bad)
		*bad = i;
	return 0;
}

size_t folio_utf8_width(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t width = 0;
	utf8proc_int32_t prev = -1;
	utf8proc_int32_t state = 0;
	size_t i = 0;
	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;
		/* ASCII after ASCII (or at the start) always begins a cluster of
		 * its own (CR LF is one, but both are 0 wide): 1 column if
		 * printable. State 0 makes the next stateful call start afresh
		 * from prev, as it would have. */
		if (p[i] < 0x80 && prev < 0x80) {
			width += p[i] >= 0x20 && p[i] < 0x7F;
			prev = p[i++];
			state = 0;
			continue;
		}
		n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0) {
			/* Not UTF-8: count the byte as one column and go on. */
			width++;
			i++;
			prev = -1;
			continue;
		}
		i += (size_t)n;
		/* One width per grapheme cluster: that of its first code point. */
		if (prev < 0 || utf8proc_grapheme_break_stateful(prev, cp, &state)) {
			int w = utf8proc_charwidth(cp);
			if (w > 0)
				width += (size_t)w;
		}
		prev = cp;
	}
	return width;
}

char *folio_slugify(const char *s, char *out, size_t n)
{
	if (n == 0)
		return out;
	size_t o = 0;
	int dash = 0;
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t flen = utf8proc_map((const utf8proc_uint8_t *)(s ? s : ""), 0, &folded,
	                                     UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE |
	                                         UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD |
	                                         UTF8PROC_COMPAT);
	const char *src = flen >= 0 ? (const char *)folded : (s ? s : "");
	for (size_t i = 0; src[i] && o + 1 < n; i++) {
		unsigned char c = (unsigned char)src[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && o > 0 && o + 2 < n)
				out[o++] = '-';
			dash = 0;
			out[o++] = (char)c;
		} else if (c < 0x80 || (c & 0xC0) == 0xC0) {
			dash = 1;
		}
	}
	free(folded);
	if (o == 0) {
		const char *fallback = "article";
		size_t fl = strlen(fallback);
		if (fl >= n)
			fl = n - 1;
		memcpy(out, fallback, fl);
		o = fl;
	}
	out[o] = '\0';
	return out;
}
