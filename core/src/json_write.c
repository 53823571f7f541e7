/* folio — JSON strings (folio/json.h). */
#include <string.h>

#include "folio/json.h"

/* The escape for byte p[0] (with the bytes after it, left in all), or NULL
 * when it goes out as it is; *skip is how many bytes the escape stands for. */
static const char *escape(const unsigned char *p, size_t left, unsigned flags, char buf[8],
                          size_t *skip)
{
	static const char hex[] = "0123456789abcdef";

	*skip = 1;
	switch (p[0]) {
	case '"':
		return "\\\"";
	case '\\':
		return "\\\\";
	case '<':
	case '>':
	case '&':
		if (!(flags & FOLIO_JSON_SCRIPT))
			return NULL;
		break;
	case 0xE2:
		if (left < 3 || p[1] != 0x80 || (p[2] != 0xA8 && p[2] != 0xA9))
			return NULL;
		*skip = 3;
		return p[2] == 0xA8 ? "\\u2028" : "\\u2029";
	default:
		if (p[0] >= 0x20)
			return NULL;
	}
	memcpy(buf, "\\u00", 4);
	buf[4] = hex[p[0] >> 4];
	buf[5] = hex[p[0] & 15];
	buf[6] = '\0';
	return buf;
}

void folio_json_string(const char *s, size_t len, unsigned flags, folio_json_put_fn put, void *ctx)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t run = 0; /* the first byte not yet written */

	if (!s) {
		put(ctx, "null", 4);
		return;
	}
	put(ctx, "\"", 1);
	for (size_t i = 0; i < len;) {
		char buf[8];
		size_t skip;
		const char *esc = escape(p + i, len - i, flags, buf, &skip);

		if (!esc) {
			i++;
			continue;
		}
		if (i > run)
			put(ctx, s + run, i - run);
		put(ctx, esc, strlen(esc));
		i += skip;
		run = i;
	}
	if (len > run)
		put(ctx, s + run, len - run);
	put(ctx, "\"", 1);
}
