/* The plain-text layout driver: wrapping, prefixes and blank lines.
 *
 * In the manner of cmark's render.c, the driver knows nothing about node
 * types. A renderer feeds it text and tells it where blocks end; the driver
 * fills lines up to `width` display columns (folio_utf8_width: wide CJK and
 * emoji count 2, combining marks 0), breaking only at ASCII spaces, so a word
 * or a URL is never split (one longer than the line stands alone).
 *
 * Prefixes nest: each level has a `first` prefix for the first line written
 * inside it ("1. ", "> ") and a `rest` prefix for the lines after ("   ",
 * "> "). A line's prefix is the levels' prefixes, outermost first. A blank
 * line between blocks carries the prefixes of the levels already started
 * (">" inside a quote), never a marker that has not been used yet.
 *
 * Every line leaves without trailing spaces and ends in "\n" or "\r\n".
 *
 * Capture mode: while a capture buffer is set, text goes into it on one line
 * (line breaks become spaces) instead of being laid out, so a renderer can
 * measure a table cell before placing it.
 *
 * Memory: the driver owns its buffers (txt_drv_free). Prefix strings are
 * copied. Output errors stick to the sink; allocation failure sets `oom`.
 */
#ifndef FOLIO_TXT_DRV_H
#define FOLIO_TXT_DRV_H

#include <stddef.h>

#include "folio/sink.h"

/* A growable byte buffer; data is NUL-terminated when len > 0. */
typedef struct txt_buf {
	char *data;
	size_t len, cap;
	int oom; /* an append failed: the content is incomplete */
} txt_buf;

void txt_buf_add(txt_buf *b, const char *s, size_t len);
void txt_buf_free(txt_buf *b);

enum { TXT_PREFIX_MAX = 40, TXT_LEVELS_MAX = 256 };

typedef struct txt_level {
	char first[TXT_PREFIX_MAX];
	char rest[TXT_PREFIX_MAX];
	int used; /* the first line inside this level has been written */
} txt_level;

typedef struct txt_drv {
	folio_sink *sink; /* the caller's */
	size_t width;     /* columns per line, prefixes included */
	const char *eol;  /* "\n" or "\r\n" */
	txt_level levels[TXT_LEVELS_MAX];
	size_t depth;      /* levels in use */
	size_t overflow;   /* pushes beyond TXT_LEVELS_MAX (ignored, then popped) */
	txt_buf line;      /* the line being filled, prefix included */
	size_t line_col;   /* its display width */
	size_t prefix_col; /* the width of its prefix */
	int line_open;     /* a prefix has been written for the current line */
	int line_words;    /* words on the current line */
	txt_buf word;      /* the word being gathered (spans inline nodes) */
	int blank_pending; /* a blank line goes before the next line */
	int any_output;    /* a line has been written */
	size_t max_col;    /* widest line content (prefix excluded) since txt_drv_mark */
	txt_buf *capture;  /* not NULL: capture mode (the caller's buffer) */
	int french; /* keep ":", ";", "?", "!", "»" with the word before, "«" with the next */
	int oom;
	/* UAX #14 for the article's language (txt_drv_set_lang): a word of
	 * Chinese, Japanese or Thai wraps inside itself. NULL: at spaces only. */
	struct pdf_breaker *breaker;
	int fill; /* the language has no spaces between words (zh, ja, th, ...) */
} txt_drv;

void txt_drv_init(txt_drv *d, folio_sink *sink, size_t width, int crlf);
void txt_drv_free(txt_drv *d);
/* The article's language (BCP 47, may be NULL), for line breaks inside
 * text written without spaces. */
void txt_drv_set_lang(txt_drv *d, const char *lang);

/* Wrappable text: runs of spaces, tabs and newlines are break points. */
void txt_drv_text(txt_drv *d, const char *s, size_t len);
void txt_drv_puts(txt_drv *d, const char *s);
/* Text glued to the word being gathered, with no break point inside (a
 * note mark "[1]", a URL). */
void txt_drv_glue(txt_drv *d, const char *s, size_t len);
/* A break point even without a space: the next word starts a new line if it
 * would not fit, and is separated by one space otherwise. */
void txt_drv_space(txt_drv *d);
/* Ends the current line, if any (a hard line break, the end of a block
 * that is followed by no blank line). */
void txt_drv_cr(txt_drv *d);
/* Ends the current line and asks for a blank line before the next one. */
void txt_drv_blank(txt_drv *d);
/* One line exactly as given (no wrapping), after the prefix. */
void txt_drv_verbatim(txt_drv *d, const char *s, size_t len);
/* The width of the prefix the next line would get. */
size_t txt_drv_prefix_width(const txt_drv *d);

void txt_drv_push(txt_drv *d, const char *first, const char *rest);
void txt_drv_pop(txt_drv *d);

/* Starts measuring: max_col is reset, then grows with each line written. */
void txt_drv_mark(txt_drv *d);

/* Ends the output: the last line, and a lone newline for an empty text so
 * the output always ends with exactly one. */
void txt_drv_finish(txt_drv *d);

#endif
