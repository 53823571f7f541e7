/* folio html exporter — the article body: one small function per node kind,
 * chosen through a table indexed by node type. */
#include <stdio.h>
#include <stdlib.h>

#include "html.h"
#include "folio/present.h"

typedef void (*node_fn)(hw *w, const folio_node *n);

static void node(hw *w, const folio_node *n);

static void children(hw *w, const folio_node *n)
{
	for (const folio_node *c = folio_node_first_child(n); c != NULL; c = folio_node_next(c))
		node(w, c);
}

/* Wraps the children in <tag>...</tag>. */
static void wrap(hw *w, const char *tag, const folio_node *n)
{
	html_raw(w, "<");
	html_raw(w, tag);
	html_raw(w, ">");
	children(w, n);
	html_raw(w, "</");
	html_raw(w, tag);
	html_raw(w, ">");
}

/* ---- inlines ---- */

static void text(hw *w, const folio_node *n)
{
	html_text(w, folio_node_literal(n, NULL));
}

static void emph(hw *w, const folio_node *n)
{
	wrap(w, "em", n);
}
static void strong(hw *w, const folio_node *n)
{
	wrap(w, "strong", n);
}
static void strike(hw *w, const folio_node *n)
{
	wrap(w, "del", n);
}
static void line_break(hw *w, const folio_node *n)
{
	(void)n;
	html_raw(w, "<br>\n");
}

static void code(hw *w, const folio_node *n)
{
	html_raw(w, "<code>");
	html_text(w, folio_node_literal(n, NULL));
	html_raw(w, "</code>");
}

/* A link whose URL is not safe keeps its words but loses the link. */
static void link(hw *w, const folio_node *n)
{
	const char *url = folio_node_url(n);
	if (!html_url_safe(url)) {
		children(w, n);
		return;
	}
	html_raw(w, "<a href=\"");
	html_url(w, url);
	html_raw(w, "\"");
	const char *title = folio_node_title(n);
	if (title != NULL && title[0] != '\0') {
		html_raw(w, " title=\"");
		html_text(w, title);
		html_raw(w, "\"");
	}
	html_raw(w, ">");
	children(w, n);
	html_raw(w, "</a>");
}

/* ---- blocks ---- */

static void heading(hw *w, const folio_node *n)
{
	int level = folio_node_heading_level(n) + w->heading_shift;
	if (level < 2)
		level = 2;
	if (level > 6)
		level = 6;
	char tag[4];
	snprintf(tag, sizeof(tag), "h%d", level);
	wrap(w, tag, n);
	html_raw(w, "\n");
}

static void paragraph(hw *w, const folio_node *n)
{
	wrap(w, "p", n);
	html_raw(w, "\n");
}

static void list(hw *w, const folio_node *n)
{
	int ordered = folio_node_list_type(n) == FOLIO_LIST_ORDERED;
	int start = folio_node_list_start(n);
	if (ordered && start != 1) {
		char buf[40];
		snprintf(buf, sizeof(buf), "<ol start=\"%d\">\n", start);
		html_raw(w, buf);
	} else {
		html_raw(w, ordered ? "<ol>\n" : "<ul>\n");
	}
	children(w, n);
	html_raw(w, ordered ? "</ol>\n" : "</ul>\n");
}

/* In a tight list an item's paragraphs are shown without <p>. */
static void item(hw *w, const folio_node *n)
{
	const folio_node *list_node = folio_node_parent(n);
	int tight = list_node != NULL && folio_node_list_tight(list_node);
	html_raw(w, "<li>");
	for (const folio_node *c = folio_node_first_child(n); c != NULL; c = folio_node_next(c)) {
		if (tight && folio_node_get_type(c) == FOLIO_NODE_PARAGRAPH)
			children(w, c);
		else
			node(w, c);
	}
	html_raw(w, "</li>\n");
}

static void block_quote(hw *w, const folio_node *n)
{
	html_raw(w, "<blockquote>\n");
	children(w, n);
	html_raw(w, "</blockquote>\n");
}

/* The language goes in a class name: keep only [A-Za-z0-9_+-]. */
static void code_language(hw *w, const char *info)
{
	char lang[64];
	size_t k = 0;
	for (const char *p = info; *p && *p != ' ' && k + 1 < sizeof(lang); p++) {
		char c = *p;
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		         (c >= '0' && c <= '9') || c == '_' || c == '+' || c == '-';
		if (ok)
			lang[k++] = c;
	}
	lang[k] = '\0';
	if (k == 0)
		return;
	html_raw(w, " class=\"language-");
	html_raw(w, lang);
	html_raw(w, "\"");
}

static void code_block(hw *w, const folio_node *n)
{
	html_raw(w, "<pre><code");
	if (folio_node_info(n) != NULL)
		code_language(w, folio_node_info(n));
	html_raw(w, ">");
	html_text(w, folio_node_literal(n, NULL));
	html_raw(w, "</code></pre>\n");
}

static void thematic_break(hw *w, const folio_node *n)
{
	(void)n;
	html_raw(w, "<hr>\n");
}

/* An image with an unsafe source is dropped; its alt text stays, so the
 * reader still learns what was there. */
static void image(hw *w, const folio_node *n)
{
	const char *src = folio_node_url(n);
	const char *alt = folio_node_alt(n);
	const char *caption = folio_node_title(n);
	if (!html_url_safe(src)) {
		if (alt != NULL && alt[0] != '\0') {
			html_raw(w, "<p class=\"image-missing\">");
			html_text(w, alt);
			html_raw(w, "</p>\n");
		}
		return;
	}
	if (alt == NULL || alt[0] == '\0')
		w->host->warn(w->host, "image %s has no alt text: a screen reader will skip it", src);
	html_raw(w, "<figure>\n<img src=\"");
	html_url(w, src);
	html_raw(w, "\" alt=\"");
	html_text(w, alt != NULL ? alt : "");
	html_raw(w, "\">\n");
	if (caption != NULL && caption[0] != '\0') {
		html_raw(w, "<figcaption>");
		html_text(w, caption);
		html_raw(w, "</figcaption>\n");
	}
	html_raw(w, "</figure>\n");
}

static const char *const align_class[] = {
    [FOLIO_ALIGN_DEFAULT] = "",
    [FOLIO_ALIGN_LEFT] = " class=\"al-l\"",
    [FOLIO_ALIGN_CENTER] = " class=\"al-c\"",
    [FOLIO_ALIGN_RIGHT] = " class=\"al-r\"",
};

static void table_row(hw *w, const folio_node *row, const char *cell_tag)
{
	html_raw(w, "<tr>");
	for (const folio_node *c = folio_node_first_child(row); c != NULL; c = folio_node_next(c)) {
		folio_align a = folio_node_align(c);
		html_raw(w, "<");
		html_raw(w, cell_tag);
		if ((unsigned)a <= FOLIO_ALIGN_RIGHT)
			html_raw(w, align_class[a]);
		if (cell_tag[1] == 'h')
			html_raw(w, " scope=\"col\"");
		html_raw(w, ">");
		children(w, c);
		html_raw(w, "</");
		html_raw(w, cell_tag);
		html_raw(w, ">");
	}
	html_raw(w, "</tr>\n");
}

/* The first row is the header (thead); the rest go in tbody. The wrapper
 * scrolls sideways on narrow screens instead of squeezing the columns, so
 * that the page itself never does (WCAG 1.4.10); it is a named region a
 * keyboard can reach and scroll (2.1.1). */
static void table(hw *w, const folio_node *n)
{
	const folio_node *row = folio_node_first_child(n);
	char num[24];
	snprintf(num, sizeof(num), " %d", ++w->tables);
	html_raw(w, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
	html_text(w, html_word(folio_doc_get(w->doc, FOLIO_META_LANG), HTML_WORD_TABLE));
	html_raw(w, num);
	html_raw(w, "\"><table>\n");
	if (row != NULL) {
		html_raw(w, "<thead>\n");
		table_row(w, row, "th");
		html_raw(w, "</thead>\n");
		row = folio_node_next(row);
	}
	if (row != NULL) {
		html_raw(w, "<tbody>\n");
		for (; row != NULL; row = folio_node_next(row))
			table_row(w, row, "td");
		html_raw(w, "</tbody>\n");
	}
	html_raw(w, "</table></div>\n");
}

static void references(hw *w, const folio_node *n)
{
	const char *title = folio_node_title(n);
	int level = 2;
	char buf[96];
	html_raw(w, "<section class=\"references\" aria-labelledby=\"references\">\n");
	snprintf(buf, sizeof(buf), "<h%d id=\"references\"", level);
	html_raw(w, buf);
	if (title == NULL || title[0] == '\0')
		html_lang_attr(w, folio_doc_get(w->doc, FOLIO_META_LANG),
		               folio_present_lang(folio_doc_get(w->doc, FOLIO_META_LANG)));
	html_raw(w, ">");
	html_text(w, title != NULL && title[0] != '\0' ? title
	                                          : folio_text(folio_doc_get(w->doc, FOLIO_META_LANG), FOLIO_TEXT_REFERENCES));
	snprintf(buf, sizeof(buf), "</h%d>\n<ol>\n", level);
	html_raw(w, buf);
	children(w, n);
	html_raw(w, "</ol>\n</section>\n");
}

/* The entry's own words, then a DOI link when the citation has one. */
static void reference(hw *w, const folio_node *n)
{
	html_raw(w, "<li>");
	children(w, n);
	const folio_citation *c = folio_node_citation(n);
	const char *doi = c != NULL ? folio_citation_get(c, FOLIO_CITE_DOI) : NULL;
	if (doi != NULL && doi[0] != '\0') {
		html_raw(w, " <a class=\"doi\" href=\"");
		html_doi_url(w, doi);
		html_raw(w, "\">https://doi.org/");
		html_text(w, doi);
		html_raw(w, "</a>");
	}
	html_raw(w, "</li>\n");
}

static const node_fn dispatch[FOLIO_NODE_TYPE_COUNT] = {
    [FOLIO_NODE_DOCUMENT] = children,
    [FOLIO_NODE_HEADING] = heading,
    [FOLIO_NODE_PARAGRAPH] = paragraph,
    [FOLIO_NODE_LIST] = list,
    [FOLIO_NODE_ITEM] = item,
    [FOLIO_NODE_BLOCK_QUOTE] = block_quote,
    [FOLIO_NODE_CODE_BLOCK] = code_block,
    [FOLIO_NODE_THEMATIC_BREAK] = thematic_break,
    [FOLIO_NODE_IMAGE] = image,
    [FOLIO_NODE_TABLE] = table,
    [FOLIO_NODE_REFERENCES] = references,
    [FOLIO_NODE_REFERENCE] = reference,
    [FOLIO_NODE_TEXT] = text,
    [FOLIO_NODE_EMPH] = emph,
    [FOLIO_NODE_STRONG] = strong,
    [FOLIO_NODE_STRIKE] = strike,
    [FOLIO_NODE_CODE] = code,
    [FOLIO_NODE_LINK] = link,
    [FOLIO_NODE_LINE_BREAK] = line_break,
};

static void node(hw *w, const folio_node *n)
{
	folio_node_type t = folio_node_get_type(n);
	if ((unsigned)t < FOLIO_NODE_TYPE_COUNT && dispatch[t] != NULL)
		dispatch[t](w, n);
}

void html_blocks(hw *w, const folio_node *parent)
{
	children(w, parent);
}

int html_min_heading(const folio_node *root)
{
	int min = 0;
	for (const folio_node *c = folio_node_first_child(root); c != NULL;
	     c = folio_node_next(c)) {
		if (folio_node_get_type(c) != FOLIO_NODE_HEADING)
			continue;
		int l = folio_node_heading_level(c);
		if (min == 0 || l < min)
			min = l;
	}
	return min;
}
