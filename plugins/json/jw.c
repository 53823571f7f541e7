/* The JSON writer (see jw.h for the state machine). */
#include "jw.h"

#include <stdio.h>
#include <string.h>

#include "folio/json.h"

void jw_init(jw *w, folio_sink *sink, int pretty)
{
	memset(w, 0, sizeof(*w));
	w->sink = sink;
	w->pretty = pretty;
}

static void put(jw *w, const char *s, size_t len)
{
	folio_sink_write(w->sink, s, len);
}

static void newline_indent(jw *w)
{
	static const char spaces[] = "                                ";
	put(w, "\n", 1);
	size_t n = (size_t)w->depth * 2;
	while (n > 0) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
		put(w, spaces, k);
		n -= k;
	}
}

/* Everything a value needs before it: the comma after its predecessor and,
 * when pretty, its own line. A value right after its key stays on the key's
 * line. */
static void before_value(jw *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->need_comma)
		put(w, ",", 1);
	if (w->pretty && w->depth > 0)
		newline_indent(w);
}

static void open_container(jw *w, char c)
{
	before_value(w);
	put(w, &c, 1);
	w->depth++;
	w->need_comma = 0;
}

static void close_container(jw *w, char c)
{
	w->depth--;
	/* need_comma is 0 only when nothing was written inside: "[]" / "{}". */
	if (w->pretty && w->need_comma)
		newline_indent(w);
	put(w, &c, 1);
	w->need_comma = 1;
}

void jw_begin_object(jw *w)
{
	open_container(w, '{');
}

void jw_end_object(jw *w)
{
	close_container(w, '}');
}

void jw_begin_array(jw *w)
{
	open_container(w, '[');
}

void jw_end_array(jw *w)
{
	close_container(w, ']');
}

static void put_json(void *ctx, const char *s, size_t len)
{
	put(ctx, s, len);
}

void jw_string_n(jw *w, const char *s, size_t len)
{
	before_value(w);
	folio_json_string(s, len, 0, put_json, w);
	w->need_comma = 1;
}

void jw_string(jw *w, const char *s)
{
	if (s == NULL)
		jw_null(w);
	else
		jw_string_n(w, s, strlen(s));
}

static void scalar(jw *w, const char *text)
{
	before_value(w);
	put(w, text, strlen(text));
	w->need_comma = 1;
}

void jw_null(jw *w)
{
	scalar(w, "null");
}

void jw_bool(jw *w, int b)
{
	scalar(w, b ? "true" : "false");
}

void jw_int(jw *w, long v)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%ld", v);
	scalar(w, buf);
}

void jw_key(jw *w, const char *key)
{
	before_value(w);
	folio_json_string(key, strlen(key), 0, put_json, w);
	put(w, w->pretty ? ": " : ":", w->pretty ? 2 : 1);
	w->after_key = 1;
	/* The comma, if any, was written before the key. */
	w->need_comma = 0;
}

void jw_key_string(jw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_string(w, s);
}

void jw_finish(jw *w)
{
	put(w, "\n", 1);
}
