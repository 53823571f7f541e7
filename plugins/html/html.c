/* folio html exporter: one self-contained HTML5 page per article.
 *
 * The page carries its own stylesheet (or the file given with css=FILE),
 * search and link-preview metadata, schema.org JSON-LD, the article with one
 * h1 (the title), and the clinic's footer. Every string from the document or
 * the profile is escaped, and every URL is checked before it becomes a link.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "folio/fileref.h"
#include "html.h"
#include "folio/present.h"

enum { CSS_MAX = 1024 * 1024 }; /* bytes: a stylesheet, not a font */

static const folio_option_spec html_options[] = {
    FOLIO_OPTION("css", FOLIO_OPT_STRING, NULL, "a CSS file that replaces the built-in stylesheet", NULL, 0, 0),
    FOLIO_OPTION("stylesheet", FOLIO_OPT_STRING, NULL,
     "link to this stylesheet URL instead of inlining one (folio batch sets it)", NULL, 0, 0),
    FOLIO_OPTION_END,
};

/* Reads the css= file into *out (caller frees). A missing file, one over
 * CSS_MAX, or one that could close the <style> element is an error naming
 * the file. */
static folio_status read_css(const char *path, char **out, size_t *len, folio_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return folio_error_set(err, FOLIO_ERR_IO, path, 0, 0, "css: cannot open %s: %s",
		                       path, strerror(errno));
	size_t n = 0;
	char *buf = folio_read_fd(fd, path, CSS_MAX, &n, err);
	close(fd);
	folio_status st = FOLIO_OK;
	if (buf == NULL && err && err->code == FOLIO_ERR_LIMIT)
		st = folio_error_set(err, FOLIO_ERR_LIMIT, path, 0, 0, "css: %s is over %d bytes",
		                     path, CSS_MAX);
	else if (buf == NULL)
		st = folio_error_set(err, FOLIO_ERR_IO, path, 0, 0, "css: cannot read %s", path);
	else if (!folio_utf8_valid(buf, n, NULL))
		st = folio_error_set(err, FOLIO_ERR_UTF8, path, 0, 0, "css: %s is not UTF-8", path);
	if (st == FOLIO_OK) {
		buf[n] = '\0';
		for (size_t i = 0; i + 1 < n; i++)
			if (buf[i] == '<' && (buf[i + 1] == '/' || buf[i + 1] == '!'))
				st =
				    folio_error_set(err, FOLIO_ERR_USAGE, path, 0, 0,
				                    "css: %s contains \"<%c\", which could end the "
				                    "<style> element",
				                    path, buf[i + 1]);
	}
	if (st != FOLIO_OK) {
		free(buf);
		return st;
	}
	*out = buf;
	*len = n;
	return FOLIO_OK;
}

/* The language for <html lang>: the document's if it is a plain BCP 47 tag
 * (letters, digits, '-'), else "en". */
static const char *page_lang(const folio_doc *doc)
{
	const char *l = folio_doc_get(doc, FOLIO_META_LANG);
	if (l == NULL || l[0] == '\0' ||
	    strspn(l, "abcdefghijklmnopqrstuvwxyz"
	              "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != strlen(l))
		return "en";
	return l;
}

static folio_status html_render(void *state, const folio_doc *doc, const folio_options *options,
                                folio_sink *sink, const folio_host *host, folio_error *err)
{
	(void)state;
	char *css = NULL;
	size_t css_len = 0;
	const char *css_path = folio_opt_string(options, "css");
	if (css_path != NULL) {
		folio_status st = read_css(css_path, &css, &css_len, err);
		if (st != FOLIO_OK)
			return st;
	}
	hw w = {
	    .sink = sink,
	    .doc = doc,
	    .host = host,
	    .accent = html_accent(host),
	    .stylesheet = folio_opt_string(options, "stylesheet"),
	};
	w.translation = html_translation_load(doc, host);
	int min = html_min_heading(folio_doc_root(doc));
	/* The title is the only h1: the article's top headings become h2. */
	w.heading_shift = min > 0 ? 2 - min : 0;

	html_raw(&w, "<!DOCTYPE html>\n<html lang=\"");
	html_text(&w, page_lang(doc));
	/* Arabic, Persian, Hebrew, ...: the page runs right to left (the
	 * stylesheet uses logical sides: start and end, not left and right). */
	if (strcmp(folio_present_dir(page_lang(doc)), "rtl") == 0)
		html_raw(&w, "\" dir=\"rtl");
	html_raw(&w, "\">\n");
	html_head(&w, css, css_len);
	/* A skip link, then the landmarks: main (the article) and the footer
	 * (contentinfo). The link's words are English where we have none in
	 * the page's language, and say so. */
	html_raw(&w, "<body>\n<a class=\"skip\" href=\"#main\"");
	html_lang_attr(&w, page_lang(doc), html_word_lang(page_lang(doc)));
	html_raw(&w, ">");
	html_text(&w, html_word(page_lang(doc), HTML_WORD_SKIP));
	html_raw(&w, "</a>\n<main id=\"main\" tabindex=\"-1\">\n<article>\n");
	html_header(&w);
	html_blocks(&w, folio_doc_root(doc));
	html_raw(&w, "</article>\n</main>\n");
	html_footer(&w);
	html_raw(&w, "</body>\n</html>\n");
	free(css);
	folio_doc_free(w.translation);
	folio_status st = folio_sink_status(sink);
	if (st != FOLIO_OK && err != NULL)
		*err = *folio_sink_error(sink);
	return st;
}

static const folio_plugin html_plugin = {
    .size = sizeof(folio_plugin),
    .abi_version = FOLIO_PLUGIN_ABI_VERSION,
    .name = "html",
    .summary = "a self-contained HTML5 page with metadata, JSON-LD and print styles",
    .extension = "html",
    .media_type = "text/html",
    .flags = 0,
    .options = html_options,
    .render = html_render,
    .site = &html_site_ops,
};

FOLIO_PLUGIN_EXPORT const folio_plugin *folio_plugin_entry(void);

FOLIO_PLUGIN_EXPORT const folio_plugin *folio_plugin_entry(void)
{
	return &html_plugin;
}
