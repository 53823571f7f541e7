/* folio — the HTML importer's parts (import_html.c, html_extract.c,
 * html_meta.c), shared with the WordPress export reader (import_wxr.c).
 * Not installed.
 *
 * The tree is libxml2's (its HTML parser, forgiving as browsers are); the
 * strings handed back are copies in the document's arena.
 */
#ifndef FOLIO_HTML_PRIVATE_H
#define FOLIO_HTML_PRIVATE_H

#include <stddef.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "folio/import.h"

/* The metadata a page says about itself, best source first, already
 * cleaned (arena strings; NULL when the page does not say). */
#define HTML_MAX_AUTHORS 8
typedef struct html_meta {
	const char *title;
	const char *site_name;
	const char *date;        /* YYYY-MM-DD */
	const char *lang;
	const char *summary;
	const char *url;         /* canonical */
	const char *base;        /* what relative links resolve against */
	const char *authors[HTML_MAX_AUTHORS];
	size_t author_count;
	const char *tags[32];
	size_t tag_count;
} html_meta;

/* Parses bytes as HTML (the encoding from a BOM or <meta charset>, else UTF-8
 * when the bytes are UTF-8, else Windows-1252). The caller frees the result
 * with xmlFreeDoc. NULL when out of memory. */
htmlDocPtr folio_html_read(const char *data, size_t len);

/* Lowercase tag name of an element, or "" for other nodes. */
const char *folio_html_tag(const xmlNode *n);

/* The element's attribute as an arena copy (spaces trimmed), or NULL. */
const char *folio_html_attr(folio_doc *doc, const xmlNode *n, const char *name);

/* The element's text, blanks collapsed and trimmed, as an arena copy
 * (NULL when empty). At most max bytes are kept (0: all). */
const char *folio_html_text(folio_doc *doc, const xmlNode *n, size_t max);

/* Like folio_html_text, with a blank at every element's edge: the separate
 * fields of a byline ("<span>By</span><a>Jane Roy</a><span>May 2</span>")
 * stay apart. */
const char *folio_html_fields(folio_doc *doc, const xmlNode *n, size_t max);

/* Reads the page's metadata (JSON-LD, Open Graph, <meta>, <time>,
 * rel=author, visible bylines) from the whole tree. Call before the tree is
 * pruned. */
void folio_html_meta(folio_doc *doc, htmlDocPtr html, html_meta *out);

/* Finds the main article under the page's <body> and returns the elements
 * that make it up, in page order (count in *n, at most max), after removing
 * boilerplate from them. loose = 1 turns off the riskier removals (the second
 * try when the first kept too little). The tree is modified. */
size_t folio_html_extract(folio_doc *doc, htmlDocPtr html, const html_meta *meta, int loose,
                          const folio_import_options *opts, xmlNode **out, size_t max);

/* Converts the given elements (and their descendants) into blocks under
 * doc's root. base resolves relative links (may be NULL); dir, when not
 * NULL, is the folder of a saved page, where local copies of its images are
 * looked for. */
folio_status folio_html_convert(folio_doc *doc, xmlNode *const *nodes, size_t n, const char *base,
                                const char *dir, const folio_import_options *opts,
                                folio_error *err);

/* Guesses the language of the document's text ("en", "fr", ...) by counting
 * common words; NULL when unsure. */
const char *folio_html_guess_lang(const folio_doc *doc);

/* Adds a byline string ("Jane Roy, PT and Luc Gagné") as authors. */
folio_status folio_html_add_authors(folio_doc *doc, const char *byline, folio_error *err);

/* The HTML importer: the importer table's entry (see import_private.h).
 * name (the file, may be NULL) is where a saved page's images are looked
 * for. The bytes need not be UTF-8. */
folio_doc *folio_html_parse(const char *data, size_t len, const char *name,
                            const folio_import_options *opts, folio_error *err);

#endif
