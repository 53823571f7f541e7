/* folio — a small JSON reader (JSON-LD in web pages). See json_private.h. */
#include <string.h>
#include <utf8proc.h>

#include "json_private.h"

typedef struct json_reader {
	folio_doc *doc;
	const char *s;
	size_t len;
	size_t pos;
} json_reader;

static void skip_blank(json_reader *r)
{
	while (r->pos < r->len && (r->s[r->pos] == ' ' || r->s[r->pos] == '\t' ||
	                           r->s[r->pos] == '\n' || r->s[r->pos] == '\r'))
		r->pos++;
}

static int hex4(const char *s, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			v |= (unsigned)((c | 0x20) - 'a' + 10);
		else
			return 0;
	}
	*out = v;
	return 1;
}

/* Reads a string starting at the opening quote; the result is arena-owned. */
static const char *read_string(json_reader *r)
{
	size_t start = ++r->pos;
	size_t end = start;
	while (end < r->len && r->s[end] != '"') {
		if (r->s[end] == '\\')
			end++;
		end++;
	}
	if (end >= r->len)
		return NULL;
	/* Unescaping never makes the text longer. */
	char *out = folio_doc_alloc(r->doc, end - start + 1);
	if (out == NULL)
		return NULL;
	size_t k = 0;
	for (size_t i = start; i < end; i++) {
		char c = r->s[i];
		if (c != '\\') {
			out[k++] = c;
			continue;
		}
		c = r->s[++i];
		switch (c) {
		case 'n': out[k++] = '\n'; break;
		case 't': out[k++] = '\t'; break;
		case 'r': out[k++] = '\r'; break;
		case 'b': case 'f': out[k++] = ' '; break;
		case 'u': {
			/* \uXXXX is 6 bytes in, at most 3 out (a pair: 12 in, 4 out);
			 * a bad escape gives nothing. */
			unsigned cp = 0;
			if (i + 4 >= end || !hex4(r->s + i + 1, &cp))
				break;
			i += 4;
			if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < end && r->s[i + 1] == '\\' &&
			    r->s[i + 2] == 'u') {
				unsigned lo = 0;
				if (hex4(r->s + i + 3, &lo) && lo >= 0xDC00 && lo < 0xE000) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					i += 6;
				}
			}
			if ((cp >= 0xD800 && cp < 0xE000) || cp == 0)
				cp = 0xFFFD;
			k += (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)out + k);
			break;
		}
		default: out[k++] = c; break;
		}
	}
	out[k] = '\0';
	r->pos = end + 1;
	return out;
}

static json_value *read_value(json_reader *r, int depth);

static json_value *new_value(json_reader *r, json_type t)
{
	json_value *v = folio_doc_alloc(r->doc, sizeof(*v));
	if (v != NULL)
		v->type = t;
	return v;
}

static json_value *read_container(json_reader *r, int depth, int object)
{
	json_value *v = new_value(r, object ? JSON_OBJECT : JSON_ARRAY);
	if (v == NULL)
		return NULL;
	char close = object ? '}' : ']';
	r->pos++;
	skip_blank(r);
	if (r->pos < r->len && r->s[r->pos] == close) {
		r->pos++;
		return v;
	}
	json_value **tail = &v->first;
	for (;;) {
		const char *key = NULL;
		skip_blank(r);
		if (object) {
			if (r->pos >= r->len || r->s[r->pos] != '"')
				return NULL;
			key = read_string(r);
			skip_blank(r);
			if (key == NULL || r->pos >= r->len || r->s[r->pos] != ':')
				return NULL;
			r->pos++;
		}
		json_value *child = read_value(r, depth + 1);
		if (child == NULL)
			return NULL;
		child->key = key;
		*tail = child;
		tail = &child->next;
		skip_blank(r);
		if (r->pos >= r->len)
			return NULL;
		if (r->s[r->pos] == ',') {
			r->pos++;
			continue;
		}
		if (r->s[r->pos] != close)
			return NULL;
		r->pos++;
		return v;
	}
}

static json_value *read_word(json_reader *r, json_type t, const char *word)
{
	size_t n = strlen(word);
	if (r->len - r->pos < n || memcmp(r->s + r->pos, word, n) != 0)
		return NULL;
	r->pos += n;
	json_value *v = new_value(r, t);
	if (v != NULL)
		v->text = word;
	return v;
}

static json_value *read_number(json_reader *r)
{
	size_t start = r->pos;
	while (r->pos < r->len && strchr("+-.0123456789eE", r->s[r->pos]) != NULL)
		r->pos++;
	if (r->pos == start)
		return NULL;
	json_value *v = new_value(r, JSON_NUMBER);
	if (v != NULL)
		v->text = folio_doc_strndup(r->doc, r->s + start, r->pos - start);
	return v;
}

static json_value *read_value(json_reader *r, int depth)
{
	if (depth > JSON_MAX_DEPTH)
		return NULL;
	skip_blank(r);
	if (r->pos >= r->len)
		return NULL;
	char c = r->s[r->pos];
	if (c == '{' || c == '[')
		return read_container(r, depth, c == '{');
	if (c == '"') {
		json_value *v = new_value(r, JSON_STRING);
		if (v == NULL)
			return NULL;
		v->text = read_string(r);
		return v->text ? v : NULL;
	}
	if (c == 't')
		return read_word(r, JSON_BOOL, "true");
	if (c == 'f')
		return read_word(r, JSON_BOOL, "false");
	if (c == 'n')
		return read_word(r, JSON_NULL, "null");
	return read_number(r);
}

json_value *folio_json_parse(folio_doc *doc, const char *s, size_t len)
{
	json_reader r = {.doc = doc, .s = s, .len = len, .pos = 0};
	json_value *v = read_value(&r, 0);
	if (v == NULL)
		return NULL;
	skip_blank(&r);
	/* A trailing ';' is a common slip in hand-written JSON-LD. */
	if (r.pos < r.len && r.s[r.pos] == ';')
		r.pos++;
	skip_blank(&r);
	return r.pos == r.len ? v : NULL;
}

const json_value *folio_json_get(const json_value *obj, const char *key)
{
	if (obj == NULL || obj->type != JSON_OBJECT)
		return NULL;
	for (const json_value *m = obj->first; m; m = m->next)
		if (m->key && strcmp(m->key, key) == 0)
			return m;
	return NULL;
}

const char *folio_json_text(const json_value *v)
{
	if (v == NULL || (v->type != JSON_STRING && v->type != JSON_NUMBER))
		return NULL;
	return v->text;
}
