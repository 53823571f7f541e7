/* folio txt exporter: the article as plain text, for an e-mail, a terminal
 * or a screen reader.
 *
 * Layout: a title block (title underlined with '=', subtitle, "By Name,
 * Credentials", date), then the body (txt_render.c), then the link notes
 * ("[1] https://...") when links=notes. Lines are at most `width` display
 * columns, except a single word or URL longer than that, which stands alone.
 * No line has trailing spaces and the text ends with exactly one newline;
 * eol=crlf gives "\r\n" line ends.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "txt.h"

static const char *const link_choices[] = {"notes", "inline", NULL};
static const char *const eol_choices[] = {"lf", "crlf", NULL};

static const folio_option_spec txt_options[] = {
    FOLIO_OPTION("width", FOLIO_OPT_INT, "72", "line width in display columns", NULL, 20, 1000),
    FOLIO_OPTION("links", FOLIO_OPT_ENUM, "notes",
     "notes: \"text[1]\" with the URLs listed at the end; inline: \"text <url>\"", link_choices, 0,
     0),
    FOLIO_OPTION("eol", FOLIO_OPT_ENUM, "lf", "line ends: lf or crlf", eol_choices, 0, 0),
    FOLIO_OPTION_END,
};

/* "By A, PT; B, DPT and C, RMT" in the article's language (folio/present.h). */
static void byline(txt_ctx *c)
{
	size_t len = folio_present_byline(c->doc, c->lang, 1, NULL, 0);
	char *s = len ? malloc(len + 1) : NULL;
	if (len == 0)
		return;
	if (s == NULL) {
		c->oom = 1;
		return;
	}
	folio_present_byline(c->doc, c->lang, 1, s, len + 1);
	txt_drv_puts(&c->d, s);
	free(s);
	txt_drv_cr(&c->d);
}

static void title_block(txt_ctx *c)
{
	const char *title = folio_doc_get(c->doc, FOLIO_META_TITLE);
	const char *subtitle = folio_doc_get(c->doc, FOLIO_META_SUBTITLE);
	const char *date = folio_doc_get(c->doc, FOLIO_META_DATE);
	if (title != NULL && title[0] != '\0') {
		txt_heading_text(c, NULL, title, '=');
		txt_drv_blank(&c->d);
	}
	if (subtitle != NULL && subtitle[0] != '\0') {
		txt_drv_puts(&c->d, subtitle);
		txt_drv_blank(&c->d);
	}
	byline(c);
	if (date != NULL && date[0] != '\0') {
		char when[128];
		folio_present_date(c->lang, date, when, sizeof when);
		txt_drv_puts(&c->d, when);
	}
	txt_drv_blank(&c->d);
}

/* The link notes, one per line: "[1] https://...", never wrapped. */
static void link_notes(txt_ctx *c)
{
	if (c->note_count == 0)
		return;
	txt_heading_text(c, NULL, folio_text(c->lang, FOLIO_TEXT_LINKS), '-');
	txt_drv_blank(&c->d);
	for (size_t i = 0; i < c->note_count; i++) {
		txt_buf line = {0};
		char mark[32];
		int len = snprintf(mark, sizeof(mark), "[%zu] ", i + 1);
		txt_buf_add(&line, mark, (size_t)len);
		txt_buf_add(&line, c->notes[i], strlen(c->notes[i]));
		c->oom |= line.oom;
		txt_drv_verbatim(&c->d, line.data ? line.data : "", line.len);
		txt_buf_free(&line);
	}
}

static folio_status txt_render(void *state, const folio_doc *doc, const folio_options *options,
                               folio_sink *sink, const folio_host *host, folio_error *err)
{
	(void)state;
	(void)host;
	/* Without parsed options (a program calling render directly) the
	 * declared defaults apply. */
	long width = options ? folio_opt_int(options, "width") : 72;
	const char *links = options ? folio_opt_string(options, "links") : NULL;
	const char *eol = options ? folio_opt_string(options, "eol") : NULL;
	if (width < 20 || width > 1000)
		return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0,
		                       "txt: width must be 20..1000, not %ld", width);
	txt_ctx c = {.doc = doc, .lang = folio_doc_get(doc, FOLIO_META_LANG)};
	c.links_inline = links != NULL && strcmp(links, "inline") == 0;
	txt_drv_init(&c.d, sink, (size_t)width, eol != NULL && strcmp(eol, "crlf") == 0);
	c.d.french = strcmp(folio_present_lang(c.lang), "fr") == 0;
	txt_drv_set_lang(&c.d, c.lang);
	title_block(&c);
	txt_render_blocks(&c, folio_doc_root(doc));
	link_notes(&c);
	txt_drv_finish(&c.d);
	int oom = c.oom || c.d.oom;
	txt_drv_free(&c.d);
	free(c.notes);
	free(c.note_slots);
	if (oom) {
		folio_error e;
		folio_error_set(&e, FOLIO_ERR_NOMEM, NULL, 0, 0, "txt: out of memory");
		folio_sink_fail(sink, &e);
	}
	folio_status st = folio_sink_status(sink);
	if (st != FOLIO_OK && err != NULL)
		*err = *folio_sink_error(sink);
	return st;
}

static const folio_plugin txt_plugin = {
    .size = sizeof(folio_plugin),
    .abi_version = FOLIO_PLUGIN_ABI_VERSION,
    .name = "txt",
    .summary = "plain text for e-mail, terminals and screen readers (wrapped, links as notes)",
    .extension = "txt",
    .media_type = "text/plain; charset=utf-8",
    .flags = 0,
    .options = txt_options,
    .render = txt_render,
};

FOLIO_PLUGIN_EXPORT const folio_plugin *folio_plugin_entry(void);

FOLIO_PLUGIN_EXPORT const folio_plugin *folio_plugin_entry(void)
{
	return &txt_plugin;
}
