/* folio — error records. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "folio/error.h"
#include "folio/version.h"

void folio_error_clear(folio_error *e)
{
	if (e == NULL)
		return;
	/* The strings need only their first byte: clearing all 1 KB was done
	 * dozens of times per export. */
	e->code = FOLIO_OK;
	e->line = 0;
	e->column = 0;
	e->file[0] = '\0';
	e->message[0] = '\0';
}

/* Cuts s (of length len) back to the start of a UTF-8 sequence that the cut
 * at len left incomplete, so a truncated message stays valid UTF-8. */
static void utf8_cut(char *s, size_t len)
{
	size_t j = len;
	while (j > 0 && ((unsigned char)s[j - 1] & 0xC0) == 0x80 && len - j < 3)
		j--;
	if (j == 0)
		return;
	unsigned char lead = (unsigned char)s[j - 1];
	size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (lead >= 0x80 && len - (j - 1) < need)
		s[j - 1] = '\0';
}

static void copy_trunc(char *dst, size_t n, const char *src)
{
	size_t len = strlen(src);
	if (len >= n)
		len = n - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
	utf8_cut(dst, len);
}

folio_status folio_error_set(folio_error *e, folio_status code, const char *file, unsigned line,
                             unsigned column, const char *fmt, ...)
{
	if (e == NULL)
		return code;
	e->code = code;
	e->line = line;
	e->column = column;
	copy_trunc(e->file, sizeof(e->file), file ? file : "");
	va_list ap;
	va_start(ap, fmt);
	int w = vsnprintf(e->message, sizeof(e->message), fmt, ap);
	va_end(ap);
	if (w >= (int)sizeof(e->message))
		utf8_cut(e->message, sizeof(e->message) - 1);
	return code;
}

void folio_error_set_file(folio_error *e, const char *file)
{
	if (e == NULL || file == NULL || e->file[0] != '\0')
		return;
	copy_trunc(e->file, sizeof(e->file), file);
}

static const char *const status_names[] = {
	[FOLIO_OK] = "success",
	[FOLIO_ERR_IO] = "I/O error",
	[FOLIO_ERR_NOMEM] = "out of memory",
	[FOLIO_ERR_UTF8] = "invalid UTF-8",
	[FOLIO_ERR_SYNTAX] = "syntax error",
	[FOLIO_ERR_USAGE] = "usage error",
	[FOLIO_ERR_LIMIT] = "over a limit",
	[FOLIO_ERR_PLUGIN] = "plugin error",
	[FOLIO_ERR_UNSUPPORTED] = "unsupported",
	[FOLIO_ERR_RENDER] = "render error",
};

const char *folio_status_name(folio_status code)
{
	if ((size_t)code >= sizeof(status_names) / sizeof(status_names[0]))
		return "unknown error";
	return status_names[code];
}

char *folio_error_format(const folio_error *e, char *buf, size_t n)
{
	if (n == 0)
		return buf;
	buf[0] = '\0';
	if (e == NULL)
		return buf;
	const char *msg = e->message[0] ? e->message : folio_status_name(e->code);
	if (e->file[0] && e->line && e->column)
		snprintf(buf, n, "%s:%u:%u: %s", e->file, e->line, e->column, msg);
	else if (e->file[0] && e->line)
		snprintf(buf, n, "%s:%u: %s", e->file, e->line, msg);
	else if (e->file[0])
		snprintf(buf, n, "%s: %s", e->file, msg);
	else
		snprintf(buf, n, "%s", msg);
	utf8_cut(buf, strlen(buf));
	return buf;
}

const char *folio_version(void)
{
	return FOLIO_VERSION;
}
