/* folio — the importers' front door.
 *
 * Bytes come in from a file or from memory; this file enforces the size
 * limit, strips a UTF-8 byte order mark, turns CRLF and lone CR line ends
 * into LF, checks UTF-8 (no NUL bytes either) and reports the first bad byte
 * by line and column, then hands clean bytes to the importer the format
 * names. Every error it returns names the input.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc_private.h"
#include "fileref_private.h"
#include "folio/fileref.h"
#include "folio/present.h"
#include "frontmatter_private.h"
#include "html_private.h"
#include "import_private.h"

typedef folio_doc *(*importer_fn)(const char *data, size_t len, const folio_import_options *opts,
                                  folio_error *err);

static const struct {
	folio_input_format format;
	importer_fn parse;
} importers[] = {
    {FOLIO_INPUT_MARKDOWN, folio_markdown_parse},
    {FOLIO_INPUT_CLIP, folio_clip_parse},
};

static const struct {
	const char *name;
	folio_input_format format;
} format_names[] = {
    {"auto", FOLIO_INPUT_AUTO},
    {"markdown", FOLIO_INPUT_MARKDOWN},
    {"md", FOLIO_INPUT_MARKDOWN},
    {"clip", FOLIO_INPUT_CLIP},
    {"html", FOLIO_INPUT_HTML},
    {"htm", FOLIO_INPUT_HTML},
};

/* Extensions that settle the format by themselves; ".txt" is sniffed. */
static const char *const markdown_exts[] = {"md", "markdown", "mdown", "mkd", "mkdn", "mdwn"};
static const char *const text_exts[] = {"txt", "text"};
static const char *const html_exts[] = {"html", "htm", "xhtml", "shtml"};

int folio_input_format_from_name(const char *name)
{
	for (size_t i = 0; name && i < sizeof(format_names) / sizeof(format_names[0]); i++)
		if (strcmp(name, format_names[i].name) == 0)
			return (int)format_names[i].format;
	return -1;
}

/* ---- detection ---------------------------------------------------------------- */

static int ascii_ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if ((*a | 0x20) != (*b | 0x20))
			return 0;
	return *a == *b;
}

static int in_list(const char *ext, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ascii_ieq(ext, list[i]))
			return 1;
	return 0;
}

/* The extension of the last path component, or NULL. */
static const char *extension_of(const char *name)
{
	if (name == NULL)
		return NULL;
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	const char *dot = strrchr(base, '.');
	return dot && dot != base ? dot + 1 : NULL;
}

enum {
	SIGN_LIST = 1,
	SIGN_QUOTE = 2,
	SIGN_LINK = 4,
	SIGN_STRONG = 8,
};

/* Strong signs of Markdown at the start of a line: an ATX heading or a fence. */
static int strong_line(const char *s, size_t len)
{
	size_t h = 0;
	while (h < len && h < 7 && s[h] == '#')
		h++;
	if (h >= 1 && h <= 6 && h < len && s[h] == ' ')
		return 1;
	return len >= 3 && (memcmp(s, "```", 3) == 0 || memcmp(s, "~~~", 3) == 0);
}

static int weak_signs(const char *s, size_t len)
{
	int signs = 0;
	if (len >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ')
		signs |= SIGN_LIST;
	size_t d = 0;
	while (d < len && d < 9 && s[d] >= '0' && s[d] <= '9')
		d++;
	if (d > 0 && d + 1 < len && (s[d] == '.' || s[d] == ')') && s[d + 1] == ' ')
		signs |= SIGN_LIST;
	if (len >= 2 && s[0] == '>' && s[1] == ' ')
		signs |= SIGN_QUOTE;
	for (size_t i = 0; i + 1 < len; i++) {
		if (s[i] == ']' && s[i + 1] == '(')
			signs |= SIGN_LINK;
		else if (s[i] == '*' && s[i + 1] == '*')
			signs |= SIGN_STRONG;
	}
	return signs;
}

static int popcount4(int v)
{
	return (v & 1) + ((v >> 1) & 1) + ((v >> 2) & 1) + ((v >> 3) & 1);
}

/* Front matter, an ATX heading or a fence settle it; otherwise two different
 * kinds of weaker signs (list markers, quotes, links, **strong**) must be
 * seen, because copied web text also has numbered lines now and then. */
static int looks_like_markdown(const char *data, size_t len)
{
	if (data == NULL)
		return 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (folio_frontmatter_present(data, len))
		return 1;
	int signs = 0;
	size_t pos = 0;
	while (pos < len) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t l = nl ? (size_t)(nl - (data + pos)) : len - pos;
		if (strong_line(data + pos, l))
			return 1;
		signs |= weak_signs(data + pos, l);
		if (popcount4(signs) >= 2)
			return 1;
		pos += l + 1;
	}
	return 0;
}

/* A page starts, after blanks and a BOM, with "<!doctype html", "<html" or
 * "<head" (case-insensitively). */
static int looks_like_html(const char *data, size_t len)
{
	static const char *const opens[] = {"<!doctype html", "<html", "<head"};
	if (data == NULL)
		return 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	size_t i = 0;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
		i++;
	for (size_t k = 0; k < sizeof(opens) / sizeof(opens[0]); k++) {
		size_t n = strlen(opens[k]);
		if (len - i < n)
			continue;
		size_t j = 0;
		while (j < n && (data[i + j] | 0x20) == (opens[k][j] | 0x20))
			j++;
		if (j == n)
			return 1;
	}
	return 0;
}

folio_input_format folio_input_detect(const char *name, const char *data, size_t len)
{
	const char *ext = extension_of(name);
	if (ext != NULL && in_list(ext, html_exts, sizeof(html_exts) / sizeof(html_exts[0])))
		return FOLIO_INPUT_HTML;
	if (ext != NULL &&
	    in_list(ext, markdown_exts, sizeof(markdown_exts) / sizeof(markdown_exts[0])))
		return FOLIO_INPUT_MARKDOWN;
	if (ext != NULL && !in_list(ext, text_exts, sizeof(text_exts) / sizeof(text_exts[0])))
		return FOLIO_INPUT_MARKDOWN;
	/* .txt, or no extension at all (standard input): look at the bytes. */
	if (looks_like_html(data, len))
		return FOLIO_INPUT_HTML;
	return looks_like_markdown(data, len) ? FOLIO_INPUT_MARKDOWN : FOLIO_INPUT_CLIP;
}

/* ---- cleaning the bytes ------------------------------------------------------------ */

static void fill_options(const folio_import_options *in, folio_import_options *out)
{
	memset(out, 0, sizeof(*out));
	if (in != NULL) {
		/* A caller built against an older, shorter struct passes its size. */
		size_t n = in->size && in->size < sizeof(*out) ? in->size : sizeof(*out);
		memcpy(out, in, n);
	}
	out->size = sizeof(*out);
	if (out->max_input == 0)
		out->max_input = FOLIO_DEFAULT_MAX_INPUT;
	if (out->max_depth == 0)
		out->max_depth = FOLIO_DEFAULT_MAX_DEPTH;
}

/* A malloc'd copy of data with CRLF and lone CR turned into LF; *n is its
 * length. The caller frees it. */
static char *normalise_newlines(const char *data, size_t len, size_t *n)
{
	char *out = malloc(len + 1);
	if (out == NULL)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < len; i++) {
		if (data[i] == '\r') {
			out[k++] = '\n';
			if (i + 1 < len && data[i + 1] == '\n')
				i++;
		} else {
			out[k++] = data[i];
		}
	}
	out[k] = '\0';
	*n = k;
	return out;
}

/* Reports the first bad byte at offset bad by line and character column. */
static folio_status utf8_error(const char *s, size_t bad, folio_error *err)
{
	unsigned line = 1;
	size_t line_start = 0;
	for (size_t i = 0; i < bad; i++) {
		if (s[i] == '\n') {
			line++;
			line_start = i + 1;
		}
	}
	unsigned col = 1;
	for (size_t i = line_start; i < bad; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			col++;
	unsigned char c = (unsigned char)s[bad];
	if (c == 0)
		return folio_error_set(err, FOLIO_ERR_UTF8, NULL, line, col,
		                       "a NUL byte in the text (is this a binary file?)");
	return folio_error_set(err, FOLIO_ERR_UTF8, NULL, line, col,
	                       "invalid UTF-8 (byte 0x%02X); save the file as UTF-8", c);
}

static importer_fn importer_for(folio_input_format f)
{
	for (size_t i = 0; i < sizeof(importers) / sizeof(importers[0]); i++)
		if (importers[i].format == f)
			return importers[i].parse;
	return NULL;
}

/* Sets the document's source to name; a name that is not UTF-8 (a file name
 * is any bytes) is kept with each byte of a bad sequence as "\xNN", so the
 * article is still read and reports stay valid UTF-8. */
static folio_status set_source(folio_doc *doc, const char *name, folio_error *err)
{
	size_t len = strlen(name), bad = 0;
	if (folio_utf8_valid(name, len, &bad))
		return folio_doc_set(doc, FOLIO_META_SOURCE, name, err);
	char *esc = malloc(len * 4 + 1);
	if (esc == NULL)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	size_t k = 0, i = 0;
	while (i < len) {
		size_t rest = len - i;
		if (folio_utf8_valid(name + i, rest, &bad)) {
			memcpy(esc + k, name + i, rest);
			k += rest;
			break;
		}
		memcpy(esc + k, name + i, bad);
		k += bad;
		k += (size_t)snprintf(esc + k, 5, "\\x%02X", (unsigned char)name[i + bad]);
		i += bad + 1;
	}
	esc[k] = '\0';
	folio_status st = folio_doc_set(doc, FOLIO_META_SOURCE, esc, err);
	free(esc);
	return st;
}

static folio_doc *import_clean(const char *data, size_t len, const char *name,
                               const folio_import_options *opts, folio_error *err)
{
	size_t bad = 0;
	if (!folio_utf8_valid(data, len, &bad)) {
		utf8_error(data, bad, err);
		return NULL;
	}
	folio_input_format f = opts->format;
	if (f == FOLIO_INPUT_AUTO)
		f = folio_input_detect(name, data, len);
	importer_fn parse = importer_for(f);
	if (parse == NULL) {
		folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0, "unknown input format %d",
		                (int)f);
		return NULL;
	}
	folio_doc *doc = parse(data, len, opts, err);
	if (doc != NULL && name != NULL && set_source(doc, name, err) != FOLIO_OK) {
		folio_doc_free(doc);
		return NULL;
	}
	return doc;
}

static folio_doc *import_html(const char *data, size_t len, const char *name,
                              const folio_import_options *opts, folio_error *err)
{
	folio_doc *doc = folio_html_parse(data, len, name, opts, err);
	if (doc != NULL && name != NULL && set_source(doc, name, err) != FOLIO_OK) {
		folio_doc_free(doc);
		return NULL;
	}
	return doc;
}

folio_doc *folio_import_memory(const char *data, size_t len, const char *name,
                               const folio_import_options *opts, folio_error *err)
{
	folio_import_options o;
	fill_options(opts, &o);
	folio_doc *doc = NULL;
	char *clean = NULL;
	if (data == NULL && len > 0) {
		folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0, "no input bytes");
		goto done;
	}
	if (len > o.max_input) {
		folio_error_set(err, FOLIO_ERR_LIMIT, NULL, 0, 0,
		                "the input is %zu bytes, over the limit of %zu bytes", len,
		                o.max_input);
		goto done;
	}
	if ((o.format == FOLIO_INPUT_AUTO ? folio_input_detect(name, data, len) : o.format) ==
	    FOLIO_INPUT_HTML) {
		/* A page declares its own encoding; libxml2 reads it. */
		doc = import_html(data ? data : "", len, name, &o, err);
		goto done;
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	size_t n = 0;
	clean = normalise_newlines(data ? data : "", len, &n);
	if (clean == NULL) {
		folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	doc = import_clean(clean, n, name, &o, err);
done:
	free(clean);
	if (doc != NULL && o.quotes != FOLIO_QUOTES_STRAIGHT &&
	    folio_doc_typographic_quotes(doc, err) != FOLIO_OK) {
		folio_doc_free(doc);
		doc = NULL;
	}
	if (doc == NULL)
		folio_error_set_file(err, name);
	return doc;
}

/* ---- files ----------------------------------------------------------------------------- */

/* Opens path for reading, refusing directories and over-limit regular files. */
static FILE *open_input(const char *path, size_t max, folio_error *err)
{
	int fd = folio_open_read(path);
	FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
	if (f == NULL) {
		folio_error_set(err, FOLIO_ERR_IO, path, 0, 0, "cannot open the file: %s",
		                strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	struct stat st;
	if (fstat(fileno(f), &st) != 0) {
		folio_error_set(err, FOLIO_ERR_IO, path, 0, 0, "cannot read the file: %s",
		                strerror(errno));
	} else if (S_ISDIR(st.st_mode)) {
		folio_error_set(err, FOLIO_ERR_IO, path, 0, 0,
		                "this is a directory, not an article");
	} else if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max) {
		folio_error_set(err, FOLIO_ERR_LIMIT, path, 0, 0,
		                "the file is %lld bytes, over the input limit of %zu bytes",
		                (long long)st.st_size, max);
	} else {
		return f;
	}
	fclose(f);
	return NULL;
}

folio_doc *folio_import_file(const char *path, const folio_import_options *opts, folio_error *err)
{
	if (path == NULL || path[0] == '\0') {
		folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0, "no input file named");
		return NULL;
	}
	folio_import_options o;
	fill_options(opts, &o);
	FILE *f = open_input(path, o.max_input, err);
	if (f == NULL)
		return NULL;
	size_t n = 0;
	char *buf = folio_read_fd(fileno(f), path, o.max_input, &n, err);
	fclose(f);
	if (buf == NULL && err && err->code == FOLIO_ERR_LIMIT) /* a pipe, or a file that grew */
		folio_error_set(err, FOLIO_ERR_LIMIT, path, 0, 0,
		                "the file is larger than the input limit of %zu bytes", o.max_input);
	if (buf == NULL)
		return NULL;
	folio_doc *doc = folio_import_memory(buf, n, path, &o, err);
	free(buf);
	return doc;
}
