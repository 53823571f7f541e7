/* folio — the HTML importer: a saved or downloaded web page in, its article
 * out (see html_extract.c for how the article is found and html_meta.c for
 * its metadata). This file parses, converts the article's elements into the
 * model and fills the metadata.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/uri.h>

#include "doc_private.h"
#include "html_private.h"
#include "import_private.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define CONVERT_MAX_DEPTH 200

/* ---- small helpers ------------------------------------------------------------------- */

const char *folio_html_tag(const xmlNode *n)
{
	return n && n->type == XML_ELEMENT_NODE && n->name ? (const char *)n->name : "";
}

const char *folio_html_attr(folio_doc *doc, const xmlNode *n, const char *name)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return NULL;
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	if (v == NULL)
		return NULL;
	const char *s = (const char *)v;
	while (isspace((unsigned char)*s))
		s++;
	size_t len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	char *out = folio_doc_strndup(doc, s, len);
	xmlFree(v);
	return out;
}

/* Appends the collapsed text of n to buf (size cap), *k bytes used; with
 * spaced, every element's edge is a blank. */
static void collect_text(const xmlNode *n, char *buf, size_t cap, size_t *k, int *space, int depth,
                         int spaced)
{
	if (depth > CONVERT_MAX_DEPTH)
		return;
	for (const xmlNode *c = n->children; c && *k + 1 < cap; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			for (const xmlChar *p = c->content; p && *p && *k + 1 < cap; p++) {
				if (isspace(*p)) {
					*space = 1;
					continue;
				}
				if (*space && *k > 0)
					buf[(*k)++] = ' ';
				*space = 0;
				if (*k + 1 < cap)
					buf[(*k)++] = (char)*p;
			}
		} else if (c->type == XML_ELEMENT_NODE) {
			const char *tag = folio_html_tag(c);
			if (strcmp(tag, "script") == 0 || strcmp(tag, "style") == 0)
				continue;
			if (strcmp(tag, "br") == 0 || spaced)
				*space = 1;
			collect_text(c, buf, cap, k, space, depth + 1, spaced);
			if (strcmp(tag, "p") == 0 || strcmp(tag, "div") == 0 || strcmp(tag, "li") == 0 ||
			    spaced)
				*space = 1;
		}
	}
}

static const char *element_text(folio_doc *doc, const xmlNode *n, size_t max, int spaced)
{
	size_t cap = max ? max + 1 : 1u << 20;
	char *buf = malloc(cap);
	if (buf == NULL)
		return NULL;
	size_t k = 0;
	int space = 0;
	if (n->type == XML_TEXT_NODE) {
		xmlNode fake = {0};
		fake.children = (xmlNode *)n;
		fake.type = XML_ELEMENT_NODE;
		collect_text(&fake, buf, cap, &k, &space, 0, spaced);
	} else {
		collect_text(n, buf, cap, &k, &space, 0, spaced);
	}
	/* Never cut a UTF-8 sequence in two. */
	if (k + 1 >= cap)
		while (k > 0 && ((unsigned char)buf[k - 1] & 0xC0) == 0x80)
			k--;
	if (k > 0 && ((unsigned char)buf[k - 1] & 0xC0) == 0xC0)
		k--;
	const char *out = k ? folio_doc_strndup(doc, buf, k) : NULL;
	free(buf);
	return out;
}

const char *folio_html_text(folio_doc *doc, const xmlNode *n, size_t max)
{
	return element_text(doc, n, max, 0);
}

const char *folio_html_fields(folio_doc *doc, const xmlNode *n, size_t max)
{
	return element_text(doc, n, max, 1);
}

htmlDocPtr folio_html_read(const char *data, size_t len)
{
	const char *encoding = NULL;
	/* Without a declared charset libxml2 would guess Latin-1; a page that is
	 * valid UTF-8 is UTF-8. A <meta charset> or BOM still wins when the bytes
	 * are not. */
	if (folio_utf8_valid(data, len, NULL))
		encoding = "UTF-8";
	int flags = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	            HTML_PARSE_NONET;
	if (len > (size_t)0x7FFFFFFF)
		return NULL;
	return htmlReadMemory(data, (int)len, NULL, encoding, flags);
}

/* ---- conversion into the model ---------------------------------------------------------- */

typedef struct conv {
	folio_doc *doc;
	folio_error *err;
	const folio_import_options *opts;
	const char *base;
	const char *dir;
	folio_status st;
	folio_node *para;   /* the open paragraph that loose inline content goes into */
	int space;          /* a blank is pending before the next text */
	int link_depth;
	int block_depth;    /* nested lists and quotes */
	xmlNode *images[16]; /* images met inside inline content, placed after it */
	size_t image_count;
} conv;

static const char *const skip_tags[] = {"script", "style", "noscript", "template", "svg",
                                        "iframe", "object", "embed", "canvas", "button", "input",
                                        "select", "textarea", "head", "title", "meta", "link",
                                        "video", "audio", "map", "form", "nav"};
static const char *const block_tags[] = {
    "p", "div", "section", "article", "main", "header", "footer", "h1", "h2", "h3", "h4", "h5",
    "h6", "ul", "ol", "li", "blockquote", "pre", "table", "figure", "hr", "dl", "dt", "dd",
    "address", "center", "aside", "details", "summary", "figcaption", "body", "html", "tr", "td",
    "th", "thead", "tbody", "tfoot", "caption", "hgroup", "fieldset", "menu"};

static int in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

static int is_block(const xmlNode *n)
{
	return in_list(folio_html_tag(n), block_tags, COUNT(block_tags));
}

static int ok(conv *c, folio_status st)
{
	if (st != FOLIO_OK && c->st == FOLIO_OK)
		c->st = st;
	return st == FOLIO_OK;
}

static folio_node *add(conv *c, folio_node *parent, folio_node_type t)
{
	folio_node *n = folio_node_new(c->doc, t);
	if (n == NULL) {
		c->st = folio_error_set(c->err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		return NULL;
	}
	if (folio_node_append(parent, n) != FOLIO_OK) {
		c->st = folio_error_set(c->err, FOLIO_ERR_USAGE, NULL, 0, 0,
		                        "a %s cannot go in a %s", folio_node_type_name(t),
		                        folio_node_type_name(folio_node_get_type(parent)));
		return NULL;
	}
	return n;
}

/* A URL resolved against the page's base; NULL when it is none (empty or a
 * javascript: link). Arena-owned. */
static const char *resolve(conv *c, const char *href)
{
	if (href == NULL || href[0] == '\0' || strncmp(href, "javascript:", 11) == 0)
		return NULL;
	if (c->base == NULL)
		return href;
	xmlChar *abs = xmlBuildURI((const xmlChar *)href, (const xmlChar *)c->base);
	if (abs == NULL)
		return href;
	const char *out = folio_doc_strndup(c->doc, (const char *)abs, strlen((const char *)abs));
	xmlFree(abs);
	return out;
}

static void add_text(conv *c, folio_node *parent, const xmlChar *s)
{
	size_t len = strlen((const char *)s);
	char *buf = malloc(len + 2);
	if (buf == NULL) {
		c->st = folio_error_set(c->err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		return;
	}
	size_t k = 0;
	folio_node *last = folio_node_last_child(parent);
	int empty = (last == NULL &&
	             (parent == c->para || folio_node_get_type(parent) == FOLIO_NODE_HEADING ||
	              folio_node_get_type(parent) == FOLIO_NODE_TABLE_CELL)) ||
	            (last != NULL && folio_node_get_type(last) == FOLIO_NODE_LINE_BREAK);
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = s[i];
		if (isspace(ch)) {
			c->space = 1;
			continue;
		}
		if (c->space && !(empty && k == 0))
			buf[k++] = ' ';
		c->space = 0;
		buf[k++] = (char)ch;
	}
	if (k > 0 && folio_node_add_text(parent, buf, k, c->err) == NULL && c->st == FOLIO_OK)
		c->st = c->err ? c->err->code : FOLIO_ERR_UTF8;
	free(buf);
}

static void convert_blocks(conv *c, const xmlNode *first, folio_node *parent, int depth);
static void block_node(conv *c, const xmlNode *n, folio_node *parent, int depth);
static void convert_inlines(conv *c, const xmlNode *first, folio_node *parent, int depth);
static void image(conv *c, const xmlNode *img, const char *caption, folio_node *parent);

static void close_para(conv *c, folio_node *parent)
{
	if (c->para != NULL && folio_node_first_child(c->para) == NULL)
		folio_node_unlink(c->para);
	c->para = NULL;
	c->space = 0;
	for (size_t i = 0; i < c->image_count; i++)
		image(c, c->images[i], NULL, parent);
	c->image_count = 0;
}

static folio_node *open_para(conv *c, folio_node *parent)
{
	if (c->para == NULL) {
		c->para = add(c, parent, FOLIO_NODE_PARAGRAPH);
		c->space = 0;
	}
	return c->para;
}

/* A local copy of a saved page's image ("Page_files/x.jpg"), when there. */
static const char *local_image(conv *c, const char *src)
{
	if (c->dir == NULL || src == NULL || strstr(src, "://") || src[0] == '/' ||
	    strncmp(src, "data:", 5) == 0)
		return NULL;
	xmlChar *unesc = (xmlChar *)xmlURIUnescapeString(src, 0, NULL);
	const char *rel = unesc ? (const char *)unesc : src;
	size_t need = strlen(c->dir) + strlen(rel) + 2;
	char *path = folio_doc_alloc(c->doc, need);
	const char *found = NULL;
	if (path != NULL && strstr(rel, "..") == NULL) {
		snprintf(path, need, "%s%s%s", c->dir, c->dir[0] ? "/" : "", rel);
		struct stat st;
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			found = path;
	}
	xmlFree(unesc);
	return found;
}

static const char *image_source(conv *c, const xmlNode *img)
{
	/* Lazy loaders keep the real source aside. */
	static const char *const attrs[] = {"data-src", "data-lazy-src", "data-original", "src",
	                                    "data-srcset", "srcset"};
	for (size_t i = 0; i < COUNT(attrs); i++) {
		const char *v = folio_html_attr(c->doc, img, attrs[i]);
		if (v == NULL || v[0] == '\0' || strncmp(v, "data:", 5) == 0)
			continue;
		if (strstr(attrs[i], "srcset")) {
			size_t n = strcspn(v, " ,");
			v = folio_doc_strndup(c->doc, v, n);
		}
		const char *local = local_image(c, v);
		return local ? local : resolve(c, v);
	}
	return NULL;
}

static void image(conv *c, const xmlNode *img, const char *caption, folio_node *parent)
{
	const char *src = image_source(c, img);
	const char *w = folio_html_attr(c->doc, img, "width");
	if (src == NULL || (w && strcmp(w, "1") == 0))
		return;
	folio_node *n = add(c, parent, FOLIO_NODE_IMAGE);
	if (n == NULL)
		return;
	folio_node_set_pos(n, (unsigned)xmlGetLineNo(img), 0);
	ok(c, folio_node_set_url(n, src, c->err));
	const char *alt = folio_html_attr(c->doc, img, "alt");
	if (alt && alt[0])
		ok(c, folio_node_set_alt(n, alt, c->err));
	if (caption)
		ok(c, folio_node_set_title(n, caption, c->err));
}

static const xmlNode *find_tag(const xmlNode *n, const char *tag, int depth)
{
	if (depth > 16)
		return NULL;
	for (const xmlNode *k = n->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp(folio_html_tag(k), tag) == 0)
			return k;
		const xmlNode *f = find_tag(k, tag, depth + 1);
		if (f)
			return f;
	}
	return NULL;
}

/* The number of <img> under n, counted up to two. */
static int pictures(const xmlNode *n, int depth)
{
	int found = 0;
	for (const xmlNode *k = n->children; k && found < 2 && depth < 16; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			found += strcmp(folio_html_tag(k), "img") == 0 ? 1 : pictures(k, depth + 1);
	return found;
}

static void figure(conv *c, const xmlNode *n, folio_node *parent, int depth);

/* A gallery (a figure that holds figures or several pictures, as
 * WordPress's gallery block): each picture with its own caption, in order,
 * then the gallery's own caption as a paragraph. */
static void gallery(conv *c, const xmlNode *n, folio_node *parent, int depth)
{
	if (depth > CONVERT_MAX_DEPTH)
		return;
	for (const xmlNode *k = n->children; k && c->st == FOLIO_OK; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		const char *tag = folio_html_tag(k);
		if (strcmp(tag, "figure") == 0) {
			figure(c, k, parent, depth + 1);
		} else if (strcmp(tag, "img") == 0) {
			image(c, k, NULL, parent);
		} else if (strcmp(tag, "figcaption") == 0) {
			close_para(c, parent);
			convert_blocks(c, k->children, parent, depth + 1);
			close_para(c, parent);
		} else {
			gallery(c, k, parent, depth + 1);
		}
	}
}

static void figure(conv *c, const xmlNode *n, folio_node *parent, int depth)
{
	const xmlNode *img = find_tag(n, "img", 0);
	if (img == NULL) {
		convert_blocks(c, n->children, parent, depth + 1);
		return;
	}
	if (find_tag(n, "figure", 0) != NULL || pictures(n, 0) > 1) {
		gallery(c, n, parent, depth);
		return;
	}
	const xmlNode *cap = find_tag(n, "figcaption", 0);
	image(c, img, cap ? folio_html_text(c->doc, cap, 2000) : NULL, parent);
}

static void list(conv *c, const xmlNode *n, folio_node *parent, int depth)
{
	if (c->block_depth >= (int)c->opts->max_depth) {
		convert_blocks(c, n->children, parent, depth + 1);
		return;
	}
	folio_node *l = add(c, parent, FOLIO_NODE_LIST);
	if (l == NULL)
		return;
	int ordered = strcmp(folio_html_tag(n), "ol") == 0;
	const char *start = folio_html_attr(c->doc, n, "start");
	int s = start ? atoi(start) : 1;
	folio_node_set_list(l, ordered ? FOLIO_LIST_ORDERED : FOLIO_LIST_BULLET,
	                    s > 0 && s < 1000000 ? s : 1, 1);
	c->block_depth++;
	for (const xmlNode *k = n->children; k && c->st == FOLIO_OK; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		folio_node *item = add(c, l, FOLIO_NODE_ITEM);
		if (item == NULL)
			break;
		if (strcmp(folio_html_tag(k), "li") == 0)
			convert_blocks(c, k->children, item, depth + 1);
		else
			block_node(c, k, item, depth + 1);
		close_para(c, item);
		if (folio_node_first_child(item) == NULL)
			folio_node_unlink(item);
	}
	c->block_depth--;
	if (folio_node_first_child(l) == NULL)
		folio_node_unlink(l);
}

static void quote(conv *c, const xmlNode *n, folio_node *parent, int depth)
{
	if (c->block_depth >= (int)c->opts->max_depth) {
		convert_blocks(c, n->children, parent, depth + 1);
		return;
	}
	folio_node *q = add(c, parent, FOLIO_NODE_BLOCK_QUOTE);
	if (q == NULL)
		return;
	c->block_depth++;
	convert_blocks(c, n->children, q, depth + 1);
	close_para(c, q);
	c->block_depth--;
	if (folio_node_first_child(q) == NULL)
		folio_node_unlink(q);
}

static void code_block(conv *c, const xmlNode *n, folio_node *parent)
{
	xmlChar *t = xmlNodeGetContent(n);
	if (t == NULL)
		return;
	size_t len = strlen((const char *)t);
	while (len > 0 && (t[len - 1] == '\n' || t[len - 1] == ' '))
		len--;
	const char *s = (const char *)t;
	while (len > 0 && *s == '\n') {
		s++;
		len--;
	}
	if (len > 0) {
		folio_node *b = add(c, parent, FOLIO_NODE_CODE_BLOCK);
		if (b != NULL)
			ok(c, folio_node_set_literal(b, s, len, c->err));
		const xmlNode *code = find_tag(n, "code", 0);
		const char *cls = folio_html_attr(c->doc, code ? code : n, "class");
		const char *lang = cls ? strstr(cls, "language-") : NULL;
		if (b != NULL && lang != NULL) {
			lang += 9;
			ok(c, folio_node_set_info(b, folio_doc_strndup(c->doc, lang, strcspn(lang, " ")),
			                          c->err));
		}
	}
	xmlFree(t);
}

static void heading(conv *c, const xmlNode *n, folio_node *parent, int depth)
{
	folio_node *h = add(c, parent, FOLIO_NODE_HEADING);
	if (h == NULL)
		return;
	folio_node_set_heading_level(h, folio_html_tag(n)[1] - '0');
	folio_node_set_pos(h, (unsigned)xmlGetLineNo(n), 0);
	c->space = 0;
	convert_inlines(c, n->children, h, depth + 1);
	if (folio_node_first_child(h) == NULL)
		folio_node_unlink(h);
	c->space = 0;
}

static void table_row(conv *c, const xmlNode *tr, folio_node *t, int depth, size_t cols)
{
	folio_node *row = add(c, t, FOLIO_NODE_TABLE_ROW);
	size_t k = 0;
	for (const xmlNode *td = tr->children; row && td && c->st == FOLIO_OK; td = td->next) {
		const char *tag = folio_html_tag(td);
		if (strcmp(tag, "td") != 0 && strcmp(tag, "th") != 0)
			continue;
		folio_node *cell = add(c, row, FOLIO_NODE_TABLE_CELL);
		if (cell == NULL)
			return;
		c->space = 0;
		convert_inlines(c, td->children, cell, depth + 1);
		k++;
	}
	for (; row && k < cols && c->st == FOLIO_OK; k++)
		add(c, row, FOLIO_NODE_TABLE_CELL);
}

/* The rows of a table, through thead/tbody/tfoot. */
static size_t rows_of(const xmlNode *table, const xmlNode **rows, size_t max, size_t *cols)
{
	size_t n = 0;
	*cols = 0;
	for (const xmlNode *k = table->children; k; k = k->next) {
		const char *tag = folio_html_tag(k);
		const xmlNode *group = NULL;
		if (strcmp(tag, "tr") == 0)
			group = NULL;
		else if (strcmp(tag, "thead") == 0 || strcmp(tag, "tbody") == 0 ||
		         strcmp(tag, "tfoot") == 0)
			group = k;
		else
			continue;
		for (const xmlNode *r = group ? group->children : k; r; r = group ? r->next : NULL) {
			if (strcmp(folio_html_tag(r), "tr") != 0)
				continue;
			size_t cells = 0;
			for (const xmlNode *td = r->children; td; td = td->next)
				if (strcmp(folio_html_tag(td), "td") == 0 || strcmp(folio_html_tag(td), "th") == 0)
					cells++;
			if (cells > *cols)
				*cols = cells;
			if (n < max)
				rows[n++] = r;
		}
	}
	return n;
}

static void table(conv *c, const xmlNode *n, folio_node *parent, int depth)
{
	const xmlNode *rows[1024];
	size_t cols = 0;
	size_t count = rows_of(n, rows, COUNT(rows), &cols);
	/* A layout table (one column, or tables inside) is only a container. */
	if (cols <= 1 || find_tag(n, "table", 0) != NULL || cols > 64) {
		for (size_t i = 0; i < count; i++)
			for (const xmlNode *td = rows[i]->children; td; td = td->next)
				convert_blocks(c, td->children, parent, depth + 1);
		return;
	}
	folio_node *t = add(c, parent, FOLIO_NODE_TABLE);
	for (size_t i = 0; t && i < count && c->st == FOLIO_OK; i++)
		table_row(c, rows[i], t, depth, cols);
}

static void block_element(conv *c, const xmlNode *n, folio_node *parent, int depth)
{
	const char *tag = folio_html_tag(n);
	close_para(c, parent);
	if (tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' && tag[2] == '\0')
		heading(c, n, parent, depth);
	else if (strcmp(tag, "ul") == 0 || strcmp(tag, "ol") == 0 || strcmp(tag, "menu") == 0)
		list(c, n, parent, depth);
	else if (strcmp(tag, "blockquote") == 0)
		quote(c, n, parent, depth);
	else if (strcmp(tag, "pre") == 0)
		code_block(c, n, parent);
	else if (strcmp(tag, "table") == 0)
		table(c, n, parent, depth);
	else if (strcmp(tag, "figure") == 0)
		figure(c, n, parent, depth);
	else if (strcmp(tag, "hr") == 0)
		add(c, parent, FOLIO_NODE_THEMATIC_BREAK);
	else
		convert_blocks(c, n->children, parent, depth + 1);
	close_para(c, parent);
}

static void inline_node(conv *c, const xmlNode *n, folio_node *parent, int depth);

/* One node met where blocks go. */
static void block_node(conv *c, const xmlNode *n, folio_node *parent, int depth)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		const xmlChar *p = n->content;
		while (p && *p && isspace(*p))
			p++;
		if (p && *p) {
			folio_node *para = open_para(c, parent);
			if (para)
				add_text(c, para, n->content);
		} else if (c->para) {
			c->space = 1;
		}
		return;
	}
	if (n->type != XML_ELEMENT_NODE)
		return;
	const char *tag = folio_html_tag(n);
	if (in_list(tag, skip_tags, COUNT(skip_tags)))
		return;
	if (strcmp(tag, "img") == 0) {
		close_para(c, parent);
		image(c, n, NULL, parent);
	} else if (strcmp(tag, "br") == 0) {
		if (c->para && folio_node_first_child(c->para))
			add(c, c->para, FOLIO_NODE_LINE_BREAK);
		c->space = 0;
	} else if (is_block(n)) {
		block_element(c, n, parent, depth);
	} else {
		folio_node *para = open_para(c, parent);
		if (para)
			inline_node(c, n, para, depth + 1);
	}
}

static void convert_blocks(conv *c, const xmlNode *first, folio_node *parent, int depth)
{
	if (depth > CONVERT_MAX_DEPTH)
		return;
	for (const xmlNode *n = first; n && c->st == FOLIO_OK; n = n->next)
		block_node(c, n, parent, depth);
}

static folio_node_type inline_type(const char *tag)
{
	static const struct {
		const char *tag;
		folio_node_type type;
	} map[] = {{"em", FOLIO_NODE_EMPH},     {"i", FOLIO_NODE_EMPH},       {"cite", FOLIO_NODE_EMPH},
	           {"strong", FOLIO_NODE_STRONG}, {"b", FOLIO_NODE_STRONG},   {"s", FOLIO_NODE_STRIKE},
	           {"del", FOLIO_NODE_STRIKE},  {"strike", FOLIO_NODE_STRIKE}, {"a", FOLIO_NODE_LINK}};
	for (size_t i = 0; i < COUNT(map); i++)
		if (strcmp(tag, map[i].tag) == 0)
			return map[i].type;
	return FOLIO_NODE_NONE;
}

static void inline_code(conv *c, const xmlNode *n, folio_node *parent)
{
	xmlChar *t = xmlNodeGetContent(n);
	if (t == NULL)
		return;
	size_t len = strlen((const char *)t);
	if (len > 0) {
		if (c->space && folio_node_first_child(parent) != NULL)
			folio_node_add_text(parent, " ", 1, c->err);
		c->space = 0;
		folio_node *code = add(c, parent, FOLIO_NODE_CODE);
		if (code != NULL)
			ok(c, folio_node_set_literal(code, (const char *)t, len, c->err));
	}
	xmlFree(t);
}

/* A MathML formula as text: its tokens (identifiers, numbers, operators,
 * text) in order with a blank between them ("a ≠ 0"); its annotations (the
 * TeX source a page keeps beside it) left out. */
static void math_text(conv *c, const xmlNode *n, folio_node *parent, int depth)
{
	if (depth > CONVERT_MAX_DEPTH)
		return;
	for (const xmlNode *k = n->children; k && c->st == FOLIO_OK; k = k->next) {
		if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
			if (folio_node_first_child(parent) != NULL)
				c->space = 1;
			add_text(c, parent, k->content);
		} else if (k->type == XML_ELEMENT_NODE &&
		           strncmp(folio_html_tag(k), "annotation", 10) != 0) {
			math_text(c, k, parent, depth + 1);
		}
	}
	c->space = 1;
}

static void inline_element(conv *c, const xmlNode *n, folio_node *parent, int depth)
{
	const char *tag = folio_html_tag(n);
	if (in_list(tag, skip_tags, COUNT(skip_tags)))
		return;
	if (strcmp(tag, "math") == 0) {
		math_text(c, n, parent, depth + 1);
		return;
	}
	if (strcmp(tag, "br") == 0) {
		if (folio_node_first_child(parent) != NULL)
			add(c, parent, FOLIO_NODE_LINE_BREAK);
		c->space = 0;
		return;
	}
	if (strcmp(tag, "img") == 0) {
		if (c->image_count < COUNT(c->images))
			c->images[c->image_count++] = (xmlNode *)n;
		return;
	}
	if (strcmp(tag, "code") == 0 || strcmp(tag, "kbd") == 0 || strcmp(tag, "samp") == 0 ||
	    strcmp(tag, "tt") == 0) {
		inline_code(c, n, parent);
		return;
	}
	folio_node_type t = inline_type(tag);
	const char *url = NULL;
	if (t == FOLIO_NODE_LINK) {
		url = c->link_depth == 0 ? resolve(c, folio_html_attr(c->doc, n, "href")) : NULL;
		if (url == NULL)
			t = FOLIO_NODE_NONE;
	}
	if (is_block(n) && c->space == 0 && folio_node_first_child(parent) != NULL)
		c->space = 1;
	if (t == FOLIO_NODE_NONE) {
		convert_inlines(c, n->children, parent, depth + 1);
		if (is_block(n))
			c->space = 1;
		return;
	}
	/* A blank before the element goes before it, not inside. */
	if (c->space && folio_node_first_child(parent) != NULL) {
		if (folio_node_add_text(parent, " ", 1, c->err) == NULL)
			ok(c, FOLIO_ERR_NOMEM);
		c->space = 0;
	}
	folio_node *e = add(c, parent, t);
	if (e == NULL)
		return;
	if (url != NULL)
		ok(c, folio_node_set_url(e, url, c->err));
	c->link_depth += t == FOLIO_NODE_LINK;
	convert_inlines(c, n->children, e, depth + 1);
	c->link_depth -= t == FOLIO_NODE_LINK;
	if (folio_node_first_child(e) == NULL)
		folio_node_unlink(e);
}

static void inline_node(conv *c, const xmlNode *n, folio_node *parent, int depth)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
		add_text(c, parent, n->content);
	else if (n->type == XML_ELEMENT_NODE)
		inline_element(c, n, parent, depth);
}

static void convert_inlines(conv *c, const xmlNode *first, folio_node *parent, int depth)
{
	if (depth > CONVERT_MAX_DEPTH)
		return;
	for (const xmlNode *n = first; n && c->st == FOLIO_OK; n = n->next)
		inline_node(c, n, parent, depth);
}

folio_status folio_html_convert(folio_doc *doc, xmlNode *const *nodes, size_t n, const char *base,
                                const char *dir, const folio_import_options *opts,
                                folio_error *err)
{
	conv c = {.doc = doc, .err = err, .opts = opts, .base = base, .dir = dir, .st = FOLIO_OK};
	folio_node *root = folio_doc_root(doc);
	for (size_t i = 0; i < n && c.st == FOLIO_OK; i++) {
		const char *tag = folio_html_tag(nodes[i]);
		if (strcmp(tag, "body") == 0 || strcmp(tag, "html") == 0)
			convert_blocks(&c, nodes[i]->children, root, 0);
		else
			block_node(&c, nodes[i], root, 0);
		close_para(&c, root);
	}
	return c.st;
}

/* ---- language --------------------------------------------------------------------------- */

static const struct {
	const char *lang;
	const char *words; /* space-separated, each between spaces */
} stop_words[] = {
    {"en", " the and of to is in that it for are with as be this on you not or your can by "},
    {"fr", " le la les et des est une un du que pour dans pas qui sur vous au avec ce il elle "},
    {"es", " el los las y que es en una por con para del se lo como más pero sus "},
    {"de", " der die das und ist nicht mit sich auf für ein eine dem den zu auch von "},
    {"it", " il di che è per una sono della con non gli anche nel alla le "},
    {"pt", " o os as e que é do da em um uma para com não dos das mais "},
};

/* Counts the stop words of each language in t. A word is kept as " word "
 * for strstr; one too long for the buffer is no stop word and is skipped. */
static void count_words_in(const char *t, size_t *counts)
{
	char word[24];
	size_t k = 0;
	int too_long = 0;
	for (const char *p = t;; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch && (isalpha(ch) || ch >= 0x80)) {
			if (k + 3 < sizeof(word))
				word[++k] = (char)tolower(ch);
			else
				too_long = 1;
			continue;
		}
		if (k > 0 && !too_long) {
			word[0] = ' ';
			word[k + 1] = ' ';
			word[k + 2] = '\0';
			for (size_t i = 0; i < COUNT(stop_words); i++)
				if (strstr(stop_words[i].words, word))
					counts[i]++;
		}
		k = 0;
		too_long = 0;
		if (ch == '\0')
			break;
	}
}

const char *folio_html_guess_lang(const folio_doc *doc)
{
	size_t counts[COUNT(stop_words)] = {0};
	folio_iter *it = folio_iter_new(folio_doc_root(doc));
	if (it == NULL)
		return NULL;
	size_t seen = 0;
	folio_event ev;
	while ((ev = folio_iter_next(it)) != FOLIO_EVENT_DONE && seen < 200000) {
		const folio_node *n = folio_iter_node(it);
		if (ev == FOLIO_EVENT_ENTER && folio_node_get_type(n) == FOLIO_NODE_TEXT) {
			size_t len = 0;
			const char *t = folio_node_literal(n, &len);
			count_words_in(t, counts);
			seen += len;
		}
	}
	folio_iter_free(it);
	size_t best = 0, total = 0;
	for (size_t i = 0; i < COUNT(stop_words); i++) {
		total += counts[i];
		if (counts[i] > counts[best])
			best = i;
	}
	if (counts[best] < 3 || counts[best] * 2 < total)
		return NULL;
	return stop_words[best].lang;
}

/* ---- authors ---------------------------------------------------------------------------- */

/* Splits "Jane Roy, PT and Luc Gagné" on " and ", " & ", " et ", ";" and adds
 * each; a comma stays (it usually brings credentials). */
folio_status folio_html_add_authors(folio_doc *doc, const char *byline, folio_error *err)
{
	static const char *const seps[] = {" and ", " And ", " & ", " et ", ";", " und ", " y "};
	const char *p = byline;
	while (p && *p) {
		const char *cut = NULL;
		size_t sl = 0;
		for (size_t i = 0; i < COUNT(seps); i++) {
			const char *q = strstr(p, seps[i]);
			if (q && (cut == NULL || q < cut)) {
				cut = q;
				sl = strlen(seps[i]);
			}
		}
		size_t n = cut ? (size_t)(cut - p) : strlen(p);
		while (n > 0 && isspace((unsigned char)p[n - 1]))
			n--;
		while (n > 0 && isspace((unsigned char)*p)) {
			p++;
			n--;
		}
		if (n > 0) {
			const char *one = folio_doc_strndup(doc, p, n);
			if (one == NULL)
				return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
			folio_status st = folio_doc_add_author_string(doc, one, err);
			if (st != FOLIO_OK && st != FOLIO_ERR_USAGE)
				return st;
		}
		p = cut ? cut + sl : NULL;
	}
	return FOLIO_OK;
}

/* ---- the importer ----------------------------------------------------------------------- */

/* Sets a field when the value is acceptable; a bad value is dropped (a page's
 * metadata is a hint, never a reason to refuse the page). */
static void try_set(folio_doc *doc, folio_meta_field f, const char *v)
{
	if (v == NULL || v[0] == '\0')
		return;
	folio_error ignored;
	folio_doc_set(doc, f, v, &ignored);
}

static void apply_meta(folio_doc *doc, const html_meta *m, folio_error *err)
{
	try_set(doc, FOLIO_META_TITLE, m->title);
	try_set(doc, FOLIO_META_DATE, m->date);
	try_set(doc, FOLIO_META_SUMMARY, m->summary);
	try_set(doc, FOLIO_META_URL, m->url);
	try_set(doc, FOLIO_META_LANG, m->lang);
	if (folio_doc_get(doc, FOLIO_META_LANG) == NULL)
		try_set(doc, FOLIO_META_LANG, folio_html_guess_lang(doc));
	for (size_t i = 0; i < m->author_count; i++) {
		folio_error ignored;
		folio_html_add_authors(doc, m->authors[i], &ignored);
	}
	for (size_t i = 0; i < m->tag_count; i++) {
		folio_error ignored;
		folio_doc_add_tag(doc, m->tags[i], &ignored);
	}
	(void)err;
}

static size_t body_text_len(const folio_doc *doc)
{
	char *t = folio_node_plain_text(folio_doc_root(doc));
	size_t n = t ? strlen(t) : 0;
	free(t);
	return n;
}

/* The folder of a saved page, where its "_files" live; arena-owned. */
static const char *dir_of(folio_doc *doc, const char *name)
{
	if (name == NULL || strcmp(name, "-") == 0)
		return NULL;
	const char *slash = strrchr(name, '/');
	if (slash == NULL)
		return "";
	return folio_doc_strndup(doc, name, (size_t)(slash - name));
}

/* One try at the article: a fresh parse (extraction changes the tree). */
static folio_doc *extract_once(const char *data, size_t len, const char *name, int loose,
                               const folio_import_options *opts, folio_error *err)
{
	folio_doc *doc = folio_doc_new();
	if (doc == NULL) {
		folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory reading the page");
		return NULL;
	}
	/* libxml2 gives no tree for an empty page: an empty article. */
	htmlDocPtr html = folio_html_read(data, len);
	if (html == NULL)
		return doc;
	html_meta meta;
	folio_html_meta(doc, html, &meta);
	xmlNode *parts[512];
	size_t n = folio_html_extract(doc, html, &meta, loose, opts, parts, 512);
	folio_status st = folio_html_convert(doc, parts, n, meta.base, dir_of(doc, name), opts, err);
	if (st == FOLIO_OK)
		st = folio_references_from_sections(doc, err);
	xmlFreeDoc(html);
	if (st != FOLIO_OK) {
		folio_doc_free(doc);
		return NULL;
	}
	apply_meta(doc, &meta, err);
	return doc;
}

folio_doc *folio_html_parse(const char *data, size_t len, const char *name,
                            const folio_import_options *opts, folio_error *err)
{
	folio_doc *doc = extract_once(data, len, name, 0, opts, err);
	if (doc == NULL)
		return NULL;
	/* Too little kept: try again with the riskier removals off, as
	 * Readability.js does, and keep the longer. */
	if (body_text_len(doc) < 500) {
		folio_import_options quiet = *opts;
		quiet.explain = NULL;
		folio_doc *again = extract_once(data, len, name, 1, &quiet, err);
		size_t first = body_text_len(doc);
		size_t second = again ? body_text_len(again) : 0;
		if (second > 2 * first && second - first > 200) {
			folio_doc_free(doc);
			doc = again;
		} else {
			folio_doc_free(again);
		}
	}
	return doc;
}
