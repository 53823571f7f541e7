/* The plain-text layout driver (see txt_drv.h for the contract). */
#include "txt_drv.h"

#include <stdlib.h>
#include <string.h>

#include "folio/doc.h"
#include "scripts.h"

void txt_buf_add(txt_buf *b, const char *s, size_t len)
{
	if (b->oom)
		return;
	if (b->len + len + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 128;
		while (cap < b->len + len + 1)
			cap *= 2;
		char *p = realloc(b->data, cap);
		if (p == NULL) {
			b->oom = 1;
			return;
		}
		b->data = p;
		b->cap = cap;
	}
	if (len > 0)
		memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void txt_buf_free(txt_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

void txt_drv_init(txt_drv *d, folio_sink *sink, size_t width, int crlf)
{
	memset(d, 0, sizeof(*d));
	d->sink = sink;
	d->width = width;
	d->eol = crlf ? "\r\n" : "\n";
}

void txt_drv_free(txt_drv *d)
{
	txt_buf_free(&d->line);
	txt_buf_free(&d->word);
	pdf_breaker_free(d->breaker);
	d->breaker = NULL;
}

void txt_drv_set_lang(txt_drv *d, const char *lang)
{
	/* Languages written without spaces between words: their lines are
	 * filled up, a word going on from one line to the next. */
	static const char *const nospace[] = {"zh", "ja", "th", "lo", "km", "my"};

	pdf_breaker_free(d->breaker);
	d->breaker = pdf_breaker_new(lang);
	d->fill = 0;
	for (size_t i = 0; lang && i < sizeof nospace / sizeof nospace[0]; i++)
		if (strncmp(lang, nospace[i], 2) == 0 && (lang[2] == '\0' || lang[2] == '-'))
			d->fill = 1;
}

static size_t width_of(const char *s, size_t len)
{
	return folio_utf8_width(s, len);
}

/* The length of a control character at s (C0 but tab, DEL, or C1 as UTF-8),
 * or 0. Control characters never reach the output: printed to a terminal,
 * an ESC from an article could rewrite the screen. */
static size_t control_len(const unsigned char *s, size_t left)
{
	if ((s[0] < 0x20 && s[0] != '\t') || s[0] == 0x7f)
		return 1;
	if (left >= 2 && s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f)
		return 2;
	return 0;
}

/* Writes one finished line: control characters and trailing spaces off,
 * then the line end. */
static void write_line(txt_drv *d, const char *s, size_t len)
{
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	const unsigned char *u = (const unsigned char *)s;
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		size_t n = control_len(u + i, len - i);
		if (n == 0)
			continue;
		folio_sink_write(d->sink, s + run, i - run);
		i += n - 1;
		run = i + 1;
	}
	folio_sink_write(d->sink, s + run, len - run);
	folio_sink_puts(d->sink, d->eol);
	d->any_output = 1;
}

/* The blank line between blocks: the prefixes of the levels already
 * started, stopping at the first that has not written its marker yet. */
static void write_blank(txt_drv *d)
{
	txt_buf b = {0};
	for (size_t i = 0; i < d->depth && d->levels[i].used; i++)
		txt_buf_add(&b, d->levels[i].rest, strlen(d->levels[i].rest));
	d->oom |= b.oom;
	write_line(d, b.data ? b.data : "", b.len);
	txt_buf_free(&b);
}

static void open_line(txt_drv *d)
{
	if (d->line_open)
		return;
	if (d->blank_pending && d->any_output)
		write_blank(d);
	d->blank_pending = 0;
	d->line.len = 0;
	for (size_t i = 0; i < d->depth; i++) {
		txt_level *l = &d->levels[i];
		const char *p = l->used ? l->rest : l->first;
		txt_buf_add(&d->line, p, strlen(p));
		l->used = 1;
	}
	d->prefix_col = d->line.len ? width_of(d->line.data, d->line.len) : 0;
	d->line_col = d->prefix_col;
	d->line_open = 1;
	d->line_words = 0;
}

static void close_line(txt_drv *d)
{
	if (!d->line_open)
		return;
	size_t content = d->line_col - d->prefix_col;
	if (content > d->max_col)
		d->max_col = content;
	d->oom |= d->line.oom;
	write_line(d, d->line.data ? d->line.data : "", d->line.len);
	d->line.len = 0;
	d->line_open = 0;
	d->line_words = 0;
}

/* The longest head of the gathered word, ending at a UAX #14 opportunity
 * (Chinese, Japanese, Thai: pdf_breaker_mark), at most avail columns wide;
 * 0 when there is none. */
static size_t fitting_head(txt_drv *d, size_t avail)
{
	size_t n = d->word.len, head = 0;
	unsigned char *brk;

	if (!d->breaker || n < 2 || avail == 0)
		return 0;
	brk = calloc(n, 1);
	if (!brk) {
		d->oom = 1;
		return 0;
	}
	if (pdf_breaker_mark(d->breaker, d->word.data, n, brk, 1) > 0)
		for (size_t i = n - 1; i-- > 0 && head == 0;)
			if (brk[i] && width_of(d->word.data, i + 1) <= avail)
				head = i + 1;
	free(brk);
	return head;
}

/* Puts the first len bytes of the gathered word on the open line. */
static void put_word(txt_drv *d, size_t len)
{
	if (d->line_words > 0) {
		txt_buf_add(&d->line, " ", 1);
		d->line_col++;
	}
	txt_buf_add(&d->line, d->word.data, len);
	d->line_col += width_of(d->word.data, len);
	d->line_words++;
	d->oom |= d->word.oom;
	memmove(d->word.data, d->word.data + len, d->word.len - len);
	d->word.len -= len;
}

/* Places the gathered word on the current line, or on a new one when it
 * would overflow. A word wider than the whole line is cut where UAX #14
 * allows (Chinese, Japanese, Thai), else goes alone; in a language written
 * without spaces a word also fills up the line it starts on. */
static void place_word(txt_drv *d)
{
	while (d->word.len > 0) {
		size_t w = width_of(d->word.data, d->word.len), head;

		if (d->line_open && d->line_words > 0 && d->line_col + 1 + w > d->width) {
			head = d->fill && d->line_col + 1 < d->width
			           ? fitting_head(d, d->width - d->line_col - 1)
			           : 0;
			if (head > 0)
				put_word(d, head);
			close_line(d);
			continue;
		}
		open_line(d);
		if (d->line_words == 0 && d->line_col + w > d->width) {
			head = fitting_head(d, d->width > d->line_col ? d->width - d->line_col : 0);
			if (head > 0) {
				put_word(d, head);
				close_line(d);
				continue;
			}
		}
		put_word(d, d->word.len);
	}
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void capture_text(txt_drv *d, const char *s, size_t len)
{
	/* One line: every run of white space becomes one space. */
	for (size_t i = 0; i < len; i++) {
		if (!is_space(s[i])) {
			txt_buf_add(d->capture, s + i, 1);
			continue;
		}
		if (d->capture->len > 0 && d->capture->data[d->capture->len - 1] != ' ')
			txt_buf_add(d->capture, " ", 1);
	}
}

/* French typography: a single space before ":", ";", "?", "!" or "»", or
 * after "«", binds its neighbours, so no line starts with the mark or ends
 * with "«". The space itself is kept as written. */
static int binding_space(const char *s, size_t len, size_t i)
{
	static const char *const before[] = {":", ";", "?", "!", "\xc2\xbb"};
	if (s[i] != ' ')
		return 0;
	if (i >= 2 && memcmp(s + i - 2, "\xc2\xab", 2) == 0)
		return 1;
	for (size_t k = 0; k < sizeof(before) / sizeof(before[0]); k++) {
		size_t n = strlen(before[k]);
		if (i + 1 + n <= len && memcmp(s + i + 1, before[k], n) == 0)
			return 1;
	}
	return 0;
}

void txt_drv_text(txt_drv *d, const char *s, size_t len)
{
	if (d->capture != NULL) {
		capture_text(d, s, len);
		return;
	}
	size_t i = 0;
	while (i < len) {
		size_t run = i;
		while (run < len &&
		       (!is_space(s[run]) || (d->french && binding_space(s, len, run))))
			run++;
		txt_buf_add(&d->word, s + i, run - i);
		if (run == len)
			break;
		place_word(d);
		i = run + 1;
	}
}

void txt_drv_puts(txt_drv *d, const char *s)
{
	txt_drv_text(d, s, strlen(s));
}

void txt_drv_glue(txt_drv *d, const char *s, size_t len)
{
	if (d->capture != NULL)
		txt_buf_add(d->capture, s, len);
	else
		txt_buf_add(&d->word, s, len);
}

void txt_drv_space(txt_drv *d)
{
	if (d->capture != NULL)
		capture_text(d, " ", 1);
	else
		place_word(d);
}

void txt_drv_cr(txt_drv *d)
{
	if (d->capture != NULL) {
		capture_text(d, " ", 1);
		return;
	}
	place_word(d);
	close_line(d);
}

void txt_drv_blank(txt_drv *d)
{
	txt_drv_cr(d);
	if (d->capture == NULL)
		d->blank_pending = 1;
}

void txt_drv_verbatim(txt_drv *d, const char *s, size_t len)
{
	txt_drv_cr(d);
	open_line(d);
	txt_buf_add(&d->line, s, len);
	d->line_col += width_of(s, len);
	close_line(d);
}

size_t txt_drv_prefix_width(const txt_drv *d)
{
	size_t w = 0;
	for (size_t i = 0; i < d->depth; i++) {
		const txt_level *l = &d->levels[i];
		const char *p = l->used ? l->rest : l->first;
		w += width_of(p, strlen(p));
	}
	return w;
}

static void copy_prefix(char *dst, const char *src)
{
	size_t n = strlen(src);
	if (n >= TXT_PREFIX_MAX)
		n = TXT_PREFIX_MAX - 1; /* markers are short; this never cuts a real one */
	memcpy(dst, src, n);
	dst[n] = '\0';
}

void txt_drv_push(txt_drv *d, const char *first, const char *rest)
{
	if (d->depth == TXT_LEVELS_MAX) {
		d->overflow++;
		return;
	}
	txt_level *l = &d->levels[d->depth++];
	copy_prefix(l->first, first);
	copy_prefix(l->rest, rest);
	l->used = 0;
}

void txt_drv_pop(txt_drv *d)
{
	if (d->overflow > 0)
		d->overflow--;
	else if (d->depth > 0)
		d->depth--;
}

void txt_drv_mark(txt_drv *d)
{
	d->max_col = 0;
}

void txt_drv_finish(txt_drv *d)
{
	txt_drv_cr(d);
	if (!d->any_output)
		folio_sink_puts(d->sink, d->eol);
}
