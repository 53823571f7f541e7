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

/* The first entry is the fallback for languages not listed. */
static const txt_lang langs[] = {
    {"en", "By", "and", "Links", "Image"},
    {"fr", "Par", "et", "Liens", "Image"},
    {"es", "Por", "y", "Enlaces", "Imagen"},
    {"de", "Von", "und", "Links", "Bild"},
};

static const txt_lang *find_lang(const char *tag)
{
	size_t n = tag ? strcspn(tag, "-_") : 0;
	for (size_t i = 0; i < sizeof(langs) / sizeof(langs[0]); i++)
		if (n == strlen(langs[i].tag) && strncasecmp(tag, langs[i].tag, n) == 0)
			return &langs[i];
	return &langs[0];
}

/* "By A, P.T." / "By A and B" / "By A, B and C"; credentials follow their
 * name after a comma. */
static void byline(txt_ctx *c)
{
	size_t n = folio_doc_author_count(c->doc);
	if (n == 0)
		return;
	txt_drv_puts(&c->d, c->lang->by);
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && i + 1 == n) {
			txt_drv_space(&c->d);
			txt_drv_puts(&c->d, c->lang->and_);
		} else if (i > 0) {
			txt_drv_glue(&c->d, ";", 1);
		}
		const char *name = folio_doc_author_name(c->doc, i);
		const char *cred = folio_doc_author_credentials(c->doc, i);
		txt_drv_space(&c->d);
		txt_drv_puts(&c->d, name ? name : "");
		if (cred != NULL && cred[0] != '\0') {
			txt_drv_glue(&c->d, ",", 1);
			txt_drv_space(&c->d);
			txt_drv_puts(&c->d, cred);
		}
	}
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
	if (date != NULL && date[0] != '\0')
		txt_drv_puts(&c->d, date);
	txt_drv_blank(&c->d);
}

/* The link notes, one per line: "[1] https://...", never wrapped. */
static void link_notes(txt_ctx *c)
{
	if (c->note_count == 0)
		return;
	txt_heading_text(c, NULL, c->lang->links, '-');
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
	txt_ctx c = {.doc = doc, .lang = find_lang(folio_doc_get(doc, FOLIO_META_LANG))};
	c.links_inline = links != NULL && strcmp(links, "inline") == 0;
	txt_drv_init(&c.d, sink, (size_t)width, eol != NULL && strcmp(eol, "crlf") == 0);
	c.d.french = strcmp(c.lang->tag, "fr") == 0;
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
