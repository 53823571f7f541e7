/* folio — WordPress exports (WXR): published posts as batch input. See
 * wxr_private.h. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf_private.h"
#include "doc_private.h"
#include "fileref_private.h"
#include "frontmatter_private.h"
#include "html_private.h"
#include "import_private.h"
#include "folio/present.h"
#include "wxr_private.h"

#define WXR_MAX_BYTES (512u * 1024u * 1024u)

int folio_wxr_sniff(const char *path)
{
	size_t len = path ? strlen(path) : 0;
	if (len < 5 || strcmp(path + len - 4, ".xml") != 0)
		return 0;
	int fd = folio_open_read(path); /* a FIFO named .xml must not block */
	FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
	if (f == NULL) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	char head[4096];
	size_t n = fread(head, 1, sizeof(head) - 1, f);
	fclose(f);
	head[n] = '\0';
	return strstr(head, "<rss") != NULL && strstr(head, "wordpress.org/export") != NULL;
}

/* ---- reading ------------------------------------------------------------------------------ */

static int ns_is(const xmlNode *n, const char *href_part, const char *name)
{
	if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name) != 0)
		return 0;
	if (href_part == NULL)
		return n->ns == NULL;
	return n->ns && n->ns->href && strstr((const char *)n->ns->href, href_part);
}

#define NS_WP      "wordpress.org/export"
#define NS_CONTENT "purl.org/rss/1.0/modules/content"
#define NS_DC      "purl.org/dc/elements"
#define NS_EXCERPT "/excerpt/"

static char *content_of(const xmlNode *n)
{
	xmlChar *c = xmlNodeGetContent(n);
	char *s = strdup(c ? (const char *)c : "");
	xmlFree(c);
	if (s == NULL)
		return NULL;
	/* Trim. */
	size_t len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		s[--len] = '\0';
	size_t lead = 0;
	while (isspace((unsigned char)s[lead]))
		lead++;
	memmove(s, s + lead, len - lead + 1);
	return s;
}

static const xmlNode *child(const xmlNode *n, const char *ns, const char *name)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (ns_is(c, ns, name))
			return c;
	return NULL;
}

typedef struct author_map {
	char *login[256];
	char *name[256];
	size_t count;
} author_map;

static void read_authors(const xmlNode *channel, author_map *m)
{
	for (const xmlNode *c = channel->children; c && m->count < 256; c = c->next) {
		if (!ns_is(c, NS_WP, "author"))
			continue;
		const xmlNode *login = child(c, NS_WP, "author_login");
		const xmlNode *name = child(c, NS_WP, "author_display_name");
		if (login == NULL)
			continue;
		m->login[m->count] = content_of(login);
		m->name[m->count] = name ? content_of(name) : NULL;
		m->count++;
	}
}

/* 1 when c may be part of a WordPress login (letters, digits, space,
 * "_", ".", "-", "@", "*"; any byte of a UTF-8 sequence). */
static int login_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80 || strchr(" _.-@*", c) != NULL;
}

/* The author's display name for the post's dc:creator: the login's, matched
 * exactly, else with the characters no login holds trimmed from its ends
 * (">themereviewteam" in WordPress's own theme test data); else the login. */
static char *display_name(const author_map *m, const char *login)
{
	if (login == NULL)
		return strdup("");
	size_t from = 0, to = strlen(login);
	while (from < to && !login_char((unsigned char)login[from]))
		from++;
	while (to > from && !login_char((unsigned char)login[to - 1]))
		to--;
	for (int loose = 0; loose < 2; loose++)
		for (size_t i = 0; i < m->count; i++) {
			const char *l = m->login[i];
			int same = l && (loose ? strlen(l) == to - from && memcmp(l, login + from, to - from) == 0
			                       : strcmp(l, login) == 0);
			if (same && m->name[i] && m->name[i][0])
				return strdup(m->name[i]);
		}
	return strdup(login);
}

static void post_free(folio_wxr_post *p)
{
	free(p->title);
	free(p->author);
	free(p->date);
	free(p->slug);
	free(p->url);
	free(p->body);
	free(p->excerpt);
	for (size_t i = 0; i < p->tag_count; i++)
		free(p->tags[i]);
	free(p->tags);
}

static char *text_or_empty(const xmlNode *item, const char *ns, const char *name)
{
	const xmlNode *n = child(item, ns, name);
	return n ? content_of(n) : strdup("");
}

/* 1 when the item is kept: published, a post (or a page when asked). A
 * password-protected post is published too (WordPress lists it so); the
 * batch warns about it. */
static int wanted(const xmlNode *item, int include_pages)
{
	char *type = text_or_empty(item, NS_WP, "post_type");
	char *status = text_or_empty(item, NS_WP, "status");
	int keep = type && status && strcmp(status, "publish") == 0 &&
	           (strcmp(type, "post") == 0 || (include_pages && strcmp(type, "page") == 0));
	free(type);
	free(status);
	return keep;
}

static int read_item(const xmlNode *item, const author_map *m, folio_wxr_post *p)
{
	memset(p, 0, sizeof(*p));
	p->line = (unsigned)xmlGetLineNo(item);
	p->title = text_or_empty(item, NULL, "title");
	char *login = text_or_empty(item, NS_DC, "creator");
	p->author = display_name(m, login);
	free(login);
	char *password = text_or_empty(item, NS_WP, "post_password");
	p->has_password = password && password[0] != '\0';
	free(password);
	p->date = text_or_empty(item, NS_WP, "post_date");
	if (p->date && (p->date[0] == '\0' || strncmp(p->date, "0000", 4) == 0)) {
		free(p->date);
		p->date = text_or_empty(item, NULL, "pubDate");
	}
	p->slug = text_or_empty(item, NS_WP, "post_name");
	p->url = text_or_empty(item, NULL, "link");
	p->body = text_or_empty(item, NS_CONTENT, "encoded");
	p->excerpt = text_or_empty(item, NS_EXCERPT, "encoded");
	size_t cap = 0;
	for (const xmlNode *c = item->children; c; c = c->next) {
		if (!ns_is(c, NULL, "category"))
			continue;
		char *t = content_of(c);
		if (t == NULL || t[0] == '\0' || strcmp(t, "Uncategorized") == 0) {
			free(t);
			continue;
		}
		if (p->tag_count == cap) {
			cap = cap ? cap * 2 : 8;
			char **bigger = realloc(p->tags, cap * sizeof(*bigger));
			if (bigger == NULL) {
				free(t);
				return 0;
			}
			p->tags = bigger;
		}
		p->tags[p->tag_count++] = t;
	}
	return p->title && p->author && p->date && p->slug && p->url && p->body && p->excerpt;
}

static folio_status read_channel(const xmlNode *channel, int include_pages, folio_wxr *w,
                                 folio_error *err)
{
	author_map m;
	memset(&m, 0, sizeof(m));
	read_authors(channel, &m);
	folio_status st = FOLIO_OK;
	const xmlNode *lang = child(channel, NULL, "language");
	if (lang)
		w->lang = content_of(lang);
	size_t cap = 0;
	for (const xmlNode *c = channel->children; c && st == FOLIO_OK; c = c->next) {
		if (!ns_is(c, NULL, "item") || !wanted(c, include_pages))
			continue;
		if (w->count == cap) {
			cap = cap ? cap * 2 : 16;
			folio_wxr_post *bigger = realloc(w->posts, cap * sizeof(*bigger));
			if (bigger == NULL) {
				st = folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0,
				                     "out of memory");
				break;
			}
			w->posts = bigger;
		}
		if (!read_item(c, &m, &w->posts[w->count])) {
			post_free(&w->posts[w->count]);
			st = folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
			break;
		}
		w->count++;
	}
	for (size_t i = 0; i < m.count; i++) {
		free(m.login[i]);
		free(m.name[i]);
	}
	return st;
}

/* No network, no entity expansion: an export is data, not a program. */
#define WXR_PARSE_OPTIONS                                                                          \
	(XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE)

static folio_wxr *wxr_read(const char *path, const char *data, size_t size, int include_pages,
                           folio_error *err)
{
	if (size > INT_MAX) {
		folio_error_set(err, FOLIO_ERR_USAGE, path, 0, 0,
		                "this export is too large (over 2 GB)");
		return NULL;
	}
	folio_wxr *w = calloc(1, sizeof(*w));
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (w == NULL || ctxt == NULL) {
		free(w);
		xmlFreeParserCtxt(ctxt);
		folio_error_set(err, FOLIO_ERR_NOMEM, path, 0, 0, "out of memory");
		return NULL;
	}
	xmlDocPtr xml =
	    data ? xmlCtxtReadMemory(ctxt, data, (int)size, path, NULL, WXR_PARSE_OPTIONS)
	         : xmlCtxtReadFile(ctxt, path, NULL, WXR_PARSE_OPTIONS);
	folio_status st = FOLIO_OK;
	if (xml == NULL) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		char msg[300];
		snprintf(msg, sizeof(msg), "%s", e && e->message ? e->message : "unreadable XML");
		size_t ml = strlen(msg);
		while (ml > 0 && (msg[ml - 1] == '\n' || msg[ml - 1] == ' '))
			msg[--ml] = '\0';
		st = folio_error_set(err, FOLIO_ERR_SYNTAX, path, e ? (unsigned)e->line : 0,
		                     e ? (unsigned)e->int2 : 0,
		                     "this WordPress export is not well-formed XML: %s", msg);
	} else {
		const xmlNode *root = xmlDocGetRootElement(xml);
		const xmlNode *channel =
		    root && ns_is(root, NULL, "rss") ? child(root, NULL, "channel") : NULL;
		if (channel == NULL)
			st = folio_error_set(err, FOLIO_ERR_SYNTAX, path,
			                     root ? (unsigned)xmlGetLineNo(root) : 1, 0,
			                     "not a WordPress export (no <rss><channel>)");
		else
			st = read_channel(channel, include_pages, w, err);
		if (st != FOLIO_OK)
			folio_error_set_file(err, path);
	}
	xmlFreeDoc(xml);
	xmlFreeParserCtxt(ctxt);
	if (st != FOLIO_OK) {
		folio_wxr_free(w);
		return NULL;
	}
	return w;
}

folio_wxr *folio_wxr_read(const char *path, int include_pages, folio_error *err)
{
	return wxr_read(path, NULL, 0, include_pages, err);
}

folio_wxr *folio_wxr_read_memory(const char *data, size_t size, const char *name, int include_pages,
                                 folio_error *err)
{
	return wxr_read(name, data ? data : "", data ? size : 0, include_pages, err);
}

void folio_wxr_free(folio_wxr *w)
{
	if (w == NULL)
		return;
	for (size_t i = 0; i < w->count; i++)
		post_free(&w->posts[i]);
	free(w->posts);
	free(w->lang);
	free(w);
}

/* ---- one post -------------------------------------------------------------------------- */

/* The line of the export a byte of the body sits on (for --explain). */
static unsigned line_at(const folio_wxr_post *p, const char *body, size_t off)
{
	unsigned line = p->line;
	for (size_t i = 0; i < off; i++)
		line += body[i] == '\n';
	return line;
}

/* Reads a shortcode's name at s ("[caption id=..." -> "caption"); 0 when s
 * does not open one. */
static size_t shortcode_name(const char *s, size_t len, int *closing)
{
	size_t i = 1;
	*closing = 0;
	if (i < len && s[i] == '/') {
		*closing = 1;
		i++;
	}
	size_t start = i;
	if (i >= len || !isalpha((unsigned char)s[i]))
		return 0;
	while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '-'))
		i++;
	if (i >= len || (s[i] != ']' && s[i] != ' ' && s[i] != '/'))
		return 0;
	return i - start;
}

/* [caption ...]<img ...> Text[/caption] -> <figure><img ...><figcaption>Text
 * </figcaption></figure>; other shortcodes are dropped (their content kept)
 * and reported. */
static void shortcodes(const folio_wxr_post *p, const char *s, folio_buf *out,
                       const folio_import_options *opts)
{
	size_t len = strlen(s);
	int in_caption = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] != '[') {
			folio_buf_add(out, s + i, 1);
			continue;
		}
		int closing = 0;
		size_t n = shortcode_name(s + i, len - i, &closing);
		const char *end = n ? memchr(s + i, ']', len - i) : NULL;
		if (end == NULL) {
			folio_buf_add(out, s + i, 1);
			continue;
		}
		const char *name = s + i + 1 + closing;
		int caption = n == 7 && strncmp(name, "caption", 7) == 0;
		if (caption && !closing) {
			folio_buf_puts(out, "<figure>");
			in_caption = 1;
		} else if (caption && closing && in_caption) {
			/* The text after the image is the caption. */
			char *fig = strstr(out->data ? out->data : "", "<figure>");
			char *last = NULL;
			while (fig != NULL) {
				last = fig;
				fig = strstr(fig + 1, "<figure>");
			}
			const char *img_end = last ? strchr(last, '>') : NULL;
			const char *img = last ? strstr(last, "<img") : NULL;
			if (img != NULL)
				img_end = strchr(img, '>');
			/* Close the link around the image if there is one. */
			const char *a_end = img_end ? strstr(img_end, "</a>") : NULL;
			if (a_end != NULL)
				img_end = a_end + 3;
			if (img_end != NULL) {
				size_t at = (size_t)(img_end + 1 - out->data);
				size_t tail = out->len - at;
				char *cap = malloc(tail + 1);
				if (cap != NULL) {
					memcpy(cap, out->data + at, tail);
					cap[tail] = '\0';
					out->len = at;
					out->data[at] = '\0';
					folio_buf_puts(out, "<figcaption>");
					folio_buf_puts(out, cap);
					folio_buf_puts(out, "</figcaption>");
					free(cap);
				}
			}
			folio_buf_puts(out, "</figure>");
			in_caption = 0;
		} else if (opts->explain != NULL) {
			char what[96];
			snprintf(what, sizeof(what), "%.*s",
			         (int)(end - (s + i) + 1 > 80 ? 80 : end - (s + i) + 1), s + i);
			opts->explain(opts->explain_userdata, line_at(p, s, i), what,
			              "shortcode dropped (WordPress renders it; folio cannot)");
		}
		i = (size_t)(end - s);
	}
}

/* WordPress stores classic-editor posts without <p>: blank lines separate
 * paragraphs and a lone newline is a line break (what wpautop does when the
 * site shows the post). Bodies that already hold <p> or blocks stay as they
 * are. */
static void autop(const char *s, folio_buf *out)
{
	if (strstr(s, "<p>") || strstr(s, "<p ") || strstr(s, "<!-- wp:")) {
		folio_buf_puts(out, s);
		return;
	}
	static const char *const blocks[] = {"<h",     "<ul",     "<ol",     "<blockquote",
	                                     "<table", "<figure", "<div",    "<pre",
	                                     "<hr",    "<dl",     "<section"};
	const char *p = s;
	while (*p) {
		while (*p == '\n' || *p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		const char *e = strstr(p, "\n\n");
		size_t n = e ? (size_t)(e - p) : strlen(p);
		int block = 0;
		for (size_t i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
			block |= strncmp(p, blocks[i], strlen(blocks[i])) == 0;
		if (!block)
			folio_buf_puts(out, "<p>");
		for (size_t i = 0; i < n; i++) {
			if (p[i] == '\n' && !block)
				folio_buf_puts(out, "<br>\n");
			else
				folio_buf_add(out, p + i, 1);
		}
		if (!block)
			folio_buf_puts(out, "</p>");
		folio_buf_puts(out, "\n");
		p += n;
	}
}

static folio_status post_meta(folio_doc *doc, const folio_wxr *w, const folio_wxr_post *p,
                              folio_error *err)
{
	if (p->title[0] && folio_doc_set(doc, FOLIO_META_TITLE, p->title, err) != FOLIO_OK)
		return err->code;
	char date[16];
	const char *why = NULL;
	char head[11];
	snprintf(head, sizeof(head), "%s", p->date);
	if (folio_date_normalize(head, date, sizeof(date), &why) ||
	    folio_date_normalize(p->date, date, sizeof(date), &why) ||
	    (strchr(p->date, ',') &&
	     folio_date_normalize(strchr(p->date, ',') + 1, date, sizeof(date), &why))) {
		if (folio_doc_set(doc, FOLIO_META_DATE, date, err) != FOLIO_OK)
			return err->code;
	} else if (p->date[0]) {
		return folio_error_set(err, FOLIO_ERR_SYNTAX, NULL, p->line, 0,
		                       "the post's date '%.40s' is not a date", p->date);
	}
	if (p->author[0] && folio_html_add_authors(doc, p->author, err) != FOLIO_OK)
		return err->code;
	for (size_t i = 0; i < p->tag_count; i++) {
		int dup = 0;
		for (size_t k = 0; k < folio_doc_tag_count(doc); k++)
			dup |= strcmp(folio_doc_tag(doc, k), p->tags[i]) == 0;
		if (!dup && folio_doc_add_tag(doc, p->tags[i], err) != FOLIO_OK)
			return err->code;
	}
	if (p->url[0])
		folio_doc_set(doc, FOLIO_META_URL, p->url, err);
	if (p->excerpt[0])
		folio_doc_set(doc, FOLIO_META_SUMMARY, p->excerpt, err);
	const char *lang = w->lang;
	folio_error ignored;
	if (lang == NULL || folio_doc_set(doc, FOLIO_META_LANG, lang, &ignored) != FOLIO_OK) {
		const char *guess = folio_html_guess_lang(doc);
		if (guess)
			folio_doc_set(doc, FOLIO_META_LANG, guess, &ignored);
	}
	return FOLIO_OK;
}

static xmlNode *body_of(htmlDocPtr html)
{
	xmlNode *root = xmlDocGetRootElement(html);
	for (xmlNode *c = root ? root->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "body") == 0)
			return c;
	return root;
}

folio_doc *folio_wxr_post_doc(const folio_wxr *w, size_t i, const folio_import_options *opts,
                              folio_error *err)
{
	const folio_wxr_post *p = &w->posts[i];
	folio_import_options o;
	memset(&o, 0, sizeof(o));
	if (opts != NULL)
		o = *opts;
	if (o.max_depth == 0)
		o.max_depth = FOLIO_DEFAULT_MAX_DEPTH;
	folio_buf sc = {0}, html = {0};
	shortcodes(p, p->body, &sc, &o);
	autop(sc.data ? sc.data : "", &html);
	folio_doc *doc = folio_doc_new();
	folio_status st = FOLIO_OK;
	if (doc == NULL || sc.failed || html.failed) {
		st = folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	if (html.len > 0) {
		htmlDocPtr h = folio_html_read(html.data, html.len);
		xmlNode *body = h ? body_of(h) : NULL;
		if (body != NULL)
			st = folio_html_convert(doc, &body, 1, p->url[0] ? p->url : NULL, NULL, &o,
			                        err);
		xmlFreeDoc(h);
	}
	if (st == FOLIO_OK)
		st = folio_references_from_sections(doc, err);
	if (st == FOLIO_OK && p->title[0] == '\0' &&
	    folio_node_first_child(folio_doc_root(doc)) == NULL)
		st = folio_error_set(err, FOLIO_ERR_SYNTAX, NULL, p->line, 0,
		                     "a post with no title and no text");
	if (st == FOLIO_OK)
		st = post_meta(doc, w, p, err);
	if (st == FOLIO_OK && o.quotes != FOLIO_QUOTES_STRAIGHT)
		st = folio_doc_typographic_quotes(doc, err);
done:
	folio_buf_free(&sc);
	folio_buf_free(&html);
	if (st != FOLIO_OK) {
		if (err && err->line == 0)
			err->line = p->line;
		folio_doc_free(doc);
		return NULL;
	}
	return doc;
}
