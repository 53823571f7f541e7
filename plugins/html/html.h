/* folio html exporter — private helpers shared by its files.
 *
 * hw is one render's writer: the sink (the caller's; never closed here), the
 * document and the host. Writes go straight to the sink, whose errors stick;
 * render checks folio_sink_status once at the end.
 */
#ifndef FOLIO_HTML_PRIVATE_H
#define FOLIO_HTML_PRIVATE_H

#include <stddef.h>

#include "folio/plugin.h"
#include "folio/present.h"

typedef struct hw {
	folio_sink *sink;     /* borrowed */
	const folio_doc *doc; /* borrowed */
	const folio_host *host;
	int heading_shift;    /* added to an article heading's level (title is the h1) */
	unsigned long accent; /* 0xRRGGBB, already darkened to pass 4.5:1 on white */
	const char *stylesheet; /* stylesheet=URL: link to it instead of inlining */
	folio_doc *translation; /* front matter `translation:`, or NULL; owned, freed by render */
	int tables;             /* tables written so far: names each one's scroll region */
} hw;

/* The page's pale background (blockquotes, table heads, the disclaimer); the
 * accent must reach 4.5:1 on it as well as on white. */
#define HTML_SOFT_BG 0xf4f6f7UL

/* ---- html_out.c: escaping and checks ---- */
void html_raw(hw *w, const char *s);
void html_rawn(hw *w, const char *s, size_t n);
/* Text content or attribute value: & < > " ' become entities. */
void html_text(hw *w, const char *s);
void html_textn(hw *w, const char *s, size_t n);
/* 1 when url may go in an href/src: http(s), mailto or relative, with no
 * control characters or whitespace before the scheme. */
int html_url_safe(const char *url);
/* An attribute value holding a URL already checked: escaped as text, with
 * spaces and other characters browsers would choke on percent-encoded. */
void html_url(hw *w, const char *url);
/* A DOI as the path of https://doi.org/ (every byte outside the unreserved
 * set and '/' percent-encoded). */
void html_doi_url(hw *w, const char *doi);
/* A JSON string literal (with quotes) safe inside <script>: '<', '>', '&',
 * U+2028 and U+2029 are written as \uXXXX; NULL writes null. */
void html_json_str(hw *w, const char *s);
/* WCAG 2 contrast ratio of two 0xRRGGBB colours (1..21). */
double html_contrast(unsigned long a, unsigned long b);
/* rgb darkened just enough to reach ratio against white. */
unsigned long html_darken_for_white(unsigned long rgb, double ratio);
/* The profile's accent (or folio's default), darkened just enough that links
 * and headings in it reach 4.5:1 on white and on HTML_SOFT_BG (WCAG 1.4.3). */
unsigned long html_accent(const folio_host *host);
/* One of the page's own words ("Skip to content", "Table") in the language
 * lang (a BCP 47 tag, may be NULL); English when folio has no translation. */
const char *html_word(const char *lang, int word);
/* The language html_word answers in for lang ("en" when it has none of
 * lang's). */
const char *html_word_lang(const char *lang);
/* Writes ` lang="part"` when a part of the page is in another language
 * (part) than the page (page): furniture that fell back to English. */
void html_lang_attr(hw *w, const char *page, const char *part);
enum { HTML_WORD_SKIP, HTML_WORD_TABLE, HTML_WORD_COUNT };

/* ---- html_body.c: the article's blocks ---- */
void html_blocks(hw *w, const folio_node *parent);
/* The lowest heading level used in the article (1..6), or 0 when none. */
int html_min_heading(const folio_node *root);

/* ---- html_head.c: head, JSON-LD, header, footer ---- */
void html_head(hw *w, const char *css, size_t css_len);
/* ---- html_site.c: the site around a batch's pages ---- */
extern const folio_site_ops html_site_ops;

/* ---- html_css.c: the stylesheet (accent already checked for contrast) ---- */
void html_css(folio_sink *sink, unsigned long accent);
void html_header(hw *w);
void html_footer(hw *w);
/* The document named by doc's front-matter key `translation` (a path relative
 * to doc's source folder), or NULL when there is none or it cannot be read
 * (a warning then names it). The caller frees it with folio_doc_free. */
folio_doc *html_translation_load(const folio_doc *doc, const folio_host *host);

#endif
