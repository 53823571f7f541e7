/* folio — finding the article in a web page, the way Readability.js does.
 *
 * 1. Prune: elements that are never article (scripts, forms, navigation,
 *    hidden ones) and those whose class or id says boilerplate (cookie,
 *    share, comment, related, newsletter, sidebar, author-bio, ...) unless
 *    they also say content or hold the article.
 * 2. Score: each paragraph-like block with some text gives its parent and
 *    grandparent (less to further ancestors) points for its length and
 *    commas; an ancestor starts from its tag and class/id weight (<article>,
 *    <main>, itemprop=articleBody up; comment, sidebar, share down). Scores
 *    are scaled by (1 - link density); the best wins.
 * 3. Siblings of the winner join it when they score well enough, or are
 *    paragraphs of plain prose.
 * 4. Clean: inside the article, blocks with a negative class weight, many
 *    links for their text, forms or too little text are removed.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_private.h"
#include "html_private.h"
#include "import_private.h"

#define MAX_DEPTH 256

typedef struct cand {
	double score;
	int init;
} cand;

typedef struct text_stats {
	size_t len;     /* bytes of text, blanks collapsed */
	double link;    /* of which inside links (in-page links count 0.3) */
	size_t commas;
} text_stats;

static const char *const never_tags[] = {
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas",
    "button", "input", "select", "textarea", "nav", "aside", "dialog", "head", "link", "meta",
    "video", "audio", "map", "frame", "frameset", "label",
};

/* Substrings of a class or id that say boilerplate (Readability's list and
 * what clinic and blog themes add). */
static const char *const unlikely_words[] = {
    "-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment", "community", "cover-wrap", "disqus",
    "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies",
    "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
    "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote", "cookie", "consent",
    "newsletter", "subscribe", "share", "sharing", "author-bio", "about-author", "author-box",
    "authorbox", "widget", "promo", "navbar", "masthead", "signup", "sign-up", "modal",
    "donate", "jp-relatedposts", "post-navigation", "nav-links", "skip-link", "screen-reader",
    "recent-posts", "announcement", "post-footer", "read-next", "more-from", "recommended",
};
static const char *const maybe_words[] = {"and", "article", "body", "column", "content", "main",
                                          "shadow", "hentry"};

static const char *const positive_words[] = {
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text",
    "blog", "story", "prose", "rich-text", "sqs-block-html", "richtext",
};
static const char *const negative_words[] = {
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "footnote-back",
    "gdpr", "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share",
    "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "tool", "widget",
    "cookie", "newsletter", "subscribe", "author-bio", "about-author", "social", "nav", "navbar", "navigation", "nav-", "toolbar", "metadata",
    "byline", "breadcrumb", "signup", "cta",
};

static int in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

static int has_any(const char *s, const char *const *list, size_t n)
{
	if (s == NULL || s[0] == '\0')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (strstr(s, list[i]) != NULL)
			return 1;
	return 0;
}

static int word_char(char c)
{
	return isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

/* A hint word in a class or id. A short word ("nav", "cta", "tool", "meta",
 * four letters or fewer) counts only where it ends a name part: "nav",
 * "main-nav", "cta" and "post-meta" say it; "canvas", "expectations",
 * "predictable" and a generated id such as "NavzzU" do not (the lists name
 * the compounds that start with one, "navbar"). Longer words count
 * anywhere, as in Readability.js. Only for the words that take a block away
 * or lower it: a good word ("post", "page") counts anywhere. */
static int hint_in(const char *s, const char *word)
{
	size_t len = strlen(word);
	int plain = len <= 4;
	for (size_t i = 0; plain && i < len; i++)
		plain = word_char(word[i]);
	for (const char *hit = strstr(s, word); hit != NULL; hit = strstr(hit + 1, word)) {
		if (!plain)
			return 1;
		if (!word_char(hit[len]))
			return 1;
	}
	return 0;
}

static int has_hint(const char *s, const char *const *list, size_t n)
{
	if (s == NULL || s[0] == '\0')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (hint_in(s, list[i]))
			return 1;
	return 0;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* class and id, lowercased, into buf. */
/* An id made from a heading's words ("sharing-with-a-single-developer",
 * "Eich_CEO_promotion_controversy"): four words or more of three letters or
 * more. It names the section's subject, not its role, so its words are no
 * hint ("sharing", "promotion"). */
static int heading_slug(const xmlChar *v)
{
	int words = 0, letters = 0;
	for (const xmlChar *p = v;; p++) {
		if (isalpha(*p) || *p >= 0x80) {
			letters++;
			continue;
		}
		words += letters >= 3;
		letters = 0;
		if (*p == '\0')
			break;
	}
	return words >= 4;
}

/* The element's attribute that names its part of the page, or NULL: an
 * id made from a heading's words does not. The caller frees it. */
static xmlChar *name_attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	if (v != NULL && strcmp(name, "id") == 0 && heading_slug(v)) {
		xmlFree(v);
		v = NULL;
	}
	return v;
}

static const char *class_id(const xmlNode *n, char *buf, size_t size)
{
	buf[0] = '\0';
	size_t k = 0;
	/* Site builders name their parts in data attributes (Wix: data-hook). */
	static const char *const names[] = {"class", "id", "data-hook", "data-testid"};
	for (size_t i = 0; i < COUNT(names); i++) {
		xmlChar *v = name_attr(n, names[i]);
		if (v == NULL)
			continue;
		for (const xmlChar *p = v; *p && k + 2 < size; p++)
			buf[k++] = (char)tolower(*p);
		if (k + 1 < size)
			buf[k++] = ' ';
		xmlFree(v);
	}
	buf[k] = '\0';
	return buf;
}

static int attr_is(const xmlNode *n, const char *name, const char *value)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	int r = v != NULL && strstr((const char *)v, value) != NULL;
	xmlFree(v);
	return r;
}

static int is_element(const xmlNode *n, const char *tag)
{
	return n->type == XML_ELEMENT_NODE && strcmp(folio_html_tag(n), tag) == 0;
}

static int is_article_root(const xmlNode *n)
{
	const char *tag = folio_html_tag(n);
	return strcmp(tag, "article") == 0 || strcmp(tag, "main") == 0 ||
	       attr_is(n, "itemprop", "articleBody") || attr_is(n, "role", "main");
}

static int holds_article(const xmlNode *n, int depth)
{
	if (depth > MAX_DEPTH)
		return 0;
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && (is_article_root(c) || holds_article(c, depth + 1)))
			return 1;
	return 0;
}

/* The link's text spells out a web address ("https://example.org/x",
 * "www.example.org"): a source cited for the reader to see, not a way
 * around the site. */
static int shows_address(const xmlNode *a)
{
	xmlChar *t = xmlNodeGetContent(a);
	const char *p = (const char *)t;
	while (p != NULL && isspace((unsigned char)*p))
		p++;
	int r = p != NULL && (strncmp(p, "http://", 7) == 0 || strncmp(p, "https://", 8) == 0 ||
	                      strncmp(p, "www.", 4) == 0);
	xmlFree(t);
	return r;
}

/* How much a link's text counts as link text: 1, but 0.3 for a link to a
 * place in the same page ("#usage": a table of contents, a footnote mark),
 * which leads nowhere else (Readability.js does the same), and none for a
 * link that shows its address. */
static double link_weight(const xmlNode *a)
{
	xmlChar *href = xmlGetProp(a, (const xmlChar *)"href");
	double w = href != NULL && href[0] == '#' && href[1] != '\0' ? 0.3 : 1.0;
	xmlFree(href);
	if (w == 1.0 && shows_address(a))
		w = 0.0;
	return w;
}

static void stats_of(const xmlNode *n, double in_link, text_stats *s, int depth)
{
	if (depth > MAX_DEPTH)
		return;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			int space = 1;
			for (const xmlChar *p = c->content; p && *p; p++) {
				int sp = isspace(*p);
				if (sp && space)
					continue;
				space = sp;
				s->len++;
				s->link += in_link;
				if (*p == ',')
					s->commas++;
			}
		} else if (c->type == XML_ELEMENT_NODE) {
			const char *tag = folio_html_tag(c);
			if (strcmp(tag, "script") == 0 || strcmp(tag, "style") == 0)
				continue;
			double w = in_link;
			if (w == 0 && strcmp(tag, "a") == 0)
				w = link_weight(c);
			stats_of(c, w, s, depth + 1);
		}
	}
}

static text_stats stats(const xmlNode *n)
{
	text_stats s = {0, 0, 0};
	stats_of(n, 0, &s, 0);
	return s;
}

static double link_density(const text_stats *s)
{
	return s->len ? s->link / (double)s->len : 0.0;
}

static int hidden(const xmlNode *n)
{
	xmlChar *style = xmlGetProp(n, (const xmlChar *)"style");
	int h = 0;
	if (style != NULL) {
		char buf[256];
		size_t k = 0;
		for (const xmlChar *p = style; *p && k + 1 < sizeof(buf); p++)
			if (!isspace(*p))
				buf[k++] = (char)tolower(*p);
		buf[k] = '\0';
		h = strstr(buf, "display:none") != NULL || strstr(buf, "visibility:hidden") != NULL;
		xmlFree(style);
	}
	if (xmlHasProp(n, (const xmlChar *)"hidden"))
		h = 1;
	if (attr_is(n, "aria-hidden", "true") && !attr_is(n, "class", "fallback-image"))
		h = 1;
	return h;
}

static void explain(const folio_import_options *opts, folio_doc *doc, const xmlNode *n,
                    const char *why)
{
	if (opts == NULL || opts->explain == NULL)
		return;
	const char *t = folio_html_text(doc, n, 80);
	char what[160];
	char cls[96];
	snprintf(what, sizeof(what), "<%s%s%s>", folio_html_tag(n),
	         class_id(n, cls, sizeof(cls))[0] ? " " : "", cls);
	char reason[256];
	snprintf(reason, sizeof(reason), "%s %s", why, what);
	opts->explain(opts->explain_userdata, (unsigned)xmlGetLineNo(n), t ? t : "", reason);
}

static void drop(xmlNode *n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

static int role_is_boilerplate(const xmlNode *n)
{
	static const char *const roles[] = {"menu", "menubar", "complementary", "navigation",
	                                    "alert", "alertdialog", "dialog", "banner",
	                                    "contentinfo", "search"};
	xmlChar *r = xmlGetProp(n, (const xmlChar *)"role");
	int hit = r != NULL && in_list((const char *)r, roles, COUNT(roles));
	xmlFree(r);
	return hit;
}

/* Inside a table or code, where Readability.js does not judge classes
 * (a formula's "ctxtmenu" is no menu). */
static int in_code_or_table(const xmlNode *n)
{
	for (const xmlNode *p = n->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
		if (is_element(p, "table") || is_element(p, "code"))
			return 1;
	return 0;
}

static int count_img(const xmlNode *n, int depth);

/* One picture with a caption and few links: a figure, whatever its
 * wrapper's class says ("dnd-widget-wrapper type-image"). */
static int captioned_picture(const xmlNode *n)
{
	if (count_img(n, 0) != 1)
		return 0;
	text_stats st = stats(n);
	return st.len >= 15 && st.len < 400 && link_density(&st) < 0.2;
}

static const xmlNode *find_desc(const xmlNode *n, const char *tag, int depth);

static int is_heading_tag(const char *tag)
{
	return tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' && tag[2] == '\0';
}

/* A wrapper of the page's content, whatever its class says ("above-footer"
 * around everything above the footer): it holds the page's <h1> and at
 * least half of its text. */
static int wrapper(const xmlNode *n, size_t page_len)
{
	return find_desc(n, "h1", 0) != NULL && stats(n).len * 2 > page_len;
}

/* A heading or a part of one: its id is made of its words ("Eich CEO
 * promotion controversy"), so its class and id are judged in step 4 only. */
static int in_heading(const xmlNode *n)
{
	for (const xmlNode *p = n; p && p->type == XML_ELEMENT_NODE; p = p->parent)
		if (is_heading_tag(folio_html_tag(p)))
			return 1;
	return 0;
}

/* Step 1. page_len: the length of the body's text. */
static void prune(folio_doc *doc, xmlNode *n, int loose, const folio_import_options *opts,
                  size_t page_len, int depth)
{
	xmlNode *next;
	for (xmlNode *c = n->children; c; c = next) {
		next = c->next;
		if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE) {
			drop(c);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (depth > MAX_DEPTH) {
			drop(c);
			continue;
		}
		const char *tag = folio_html_tag(c);
		char buf[512];
		const char *ci = class_id(c, buf, sizeof(buf));
		const char *why = NULL;
		if (in_list(tag, never_tags, COUNT(never_tags)))
			why = "not article:";
		else if (strcmp(tag, "form") == 0 && stats(c).len < 1000)
			why = "a form:";
		else if (hidden(c))
			why = "hidden:";
		else if (role_is_boilerplate(c) && !holds_article(c, 0))
			why = "boilerplate (role):";
		else if (!loose && strcmp(tag, "footer") == 0 && !holds_article(c, 0))
			why = "boilerplate (footer):";
		else if (!loose && strcmp(tag, "body") != 0 && strcmp(tag, "a") != 0 &&
		         strchr(tag, '-') == NULL && !in_code_or_table(c) && !is_article_root(c) &&
		         has_hint(ci, unlikely_words, COUNT(unlikely_words)) &&
		         !has_any(ci, maybe_words, COUNT(maybe_words)) && !holds_article(c, 0) &&
		         !captioned_picture(c) && !in_heading(c) && !wrapper(c, page_len))
			why = "boilerplate (class):";
		if (why != NULL) {
			explain(opts, doc, c, why);
			drop(c);
			continue;
		}
		prune(doc, c, loose, opts, page_len, depth + 1);
	}
}

static int class_weight(const xmlNode *n)
{
	int w = 0;
	static const char *const names[] = {"class", "id", "data-hook"};
	for (size_t i = 0; i < COUNT(names); i++) {
		xmlChar *v = name_attr(n, names[i]);
		if (v == NULL)
			continue;
		char buf[256];
		size_t k = 0;
		for (const xmlChar *p = v; *p && k + 1 < sizeof(buf); p++)
			buf[k++] = (char)tolower(*p);
		buf[k] = '\0';
		xmlFree(v);
		if (has_hint(buf, negative_words, COUNT(negative_words)))
			w -= 25;
		if (has_any(buf, positive_words, COUNT(positive_words)))
			w += 25;
	}
	if (is_article_root(n))
		w += 25;
	return w;
}

static cand *cand_of(folio_doc *doc, xmlNode *n)
{
	cand *c = n->_private;
	if (c == NULL) {
		c = folio_doc_alloc(doc, sizeof(*c));
		n->_private = c;
	}
	return c;
}

static double tag_base(const char *tag)
{
	static const struct {
		const char *tag;
		double v;
	} bases[] = {{"div", 5},     {"article", 5}, {"section", 3}, {"main", 5}, {"pre", 3},
	             {"td", 3},      {"blockquote", 3}, {"address", -3}, {"ol", -3}, {"ul", -3},
	             {"dl", -3},     {"dd", -3},     {"dt", -3},      {"li", -3},   {"form", -3},
	             {"h1", -5},     {"h2", -5},     {"h3", -5},      {"h4", -5},   {"h5", -5},
	             {"h6", -5},     {"th", -5}};
	for (size_t i = 0; i < COUNT(bases); i++)
		if (strcmp(tag, bases[i].tag) == 0)
			return bases[i].v;
	return 0;
}

static int init_cand(folio_doc *doc, xmlNode *n, int loose, xmlNode **list, size_t *count,
                     size_t max)
{
	cand *c = cand_of(doc, n);
	if (c == NULL)
		return 0;
	if (!c->init) {
		c->init = 1;
		c->score = tag_base(folio_html_tag(n)) + (loose ? 0 : class_weight(n));
		if (*count < max)
			list[(*count)++] = n;
	}
	return 1;
}

static const char *const block_tags[] = {"blockquote", "dl", "div", "img", "ol", "p", "pre",
                                         "table", "ul", "section", "article", "figure",
                                         "h1", "h2", "h3", "h4", "h5", "h6", "header", "main"};

static int has_block_descendant(const xmlNode *n, int depth)
{
	if (depth > MAX_DEPTH)
		return 0;
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    (in_list(folio_html_tag(c), block_tags, COUNT(block_tags)) ||
		     has_block_descendant(c, depth + 1)))
			return 1;
	return 0;
}

static int scorable(const xmlNode *n)
{
	const char *tag = folio_html_tag(n);
	if (strcmp(tag, "p") == 0 || strcmp(tag, "pre") == 0 || strcmp(tag, "td") == 0)
		return 1;
	if (strcmp(tag, "div") == 0 || strcmp(tag, "section") == 0 || strcmp(tag, "li") == 0 ||
	    strcmp(tag, "blockquote") == 0)
		return !has_block_descendant(n, 0);
	return 0;
}

typedef struct scorer {
	folio_doc *doc;
	int loose;
	xmlNode **cands;
	size_t count;
	size_t max;
} scorer;

/* n is an entry of a reference list: its name or a near ancestor's says so
 * ("c-article-references", "bibliography"). */
static int in_reference_list(const xmlNode *n)
{
	static const char *const words[] = {"reference", "bibliograph", "citation", "cite_note"};
	char buf[512];
	for (int up = 0; n != NULL && n->type == XML_ELEMENT_NODE && up < 4; up++, n = n->parent)
		if (has_any(class_id(n, buf, sizeof(buf)), words, COUNT(words)))
			return 1;
	return 0;
}

static void score_block(scorer *s, xmlNode *n)
{
	text_stats st = stats(n);
	if (st.len < 25)
		return;
	/* A citation's commas separate its authors, not clauses: a long
	 * reference list would outscore the article it supports. */
	double commas = in_reference_list(n) ? 0 : (double)st.commas;
	double points = 1.0 + commas + (st.len / 100 < 3 ? (double)(st.len / 100) : 3.0);
	xmlNode *a = n->parent;
	for (int level = 0; a != NULL && a->type == XML_ELEMENT_NODE && level < 5;
	     level++, a = a->parent) {
		if (strcmp(folio_html_tag(a), "html") == 0)
			break;
		if (!init_cand(s->doc, a, s->loose, s->cands, &s->count, s->max))
			return;
		double div = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
		((cand *)a->_private)->score += points / div;
	}
}

static void score_all(scorer *s, xmlNode *n, int depth)
{
	if (depth > MAX_DEPTH)
		return;
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (scorable(c))
			score_block(s, c);
		else
			score_all(s, c, depth + 1);
	}
}

static double score_of(const xmlNode *n)
{
	const cand *c = n->_private;
	return c && c->init ? c->score : 0.0;
}

static int same_class(const xmlNode *a, const xmlNode *b)
{
	xmlChar *x = xmlGetProp(a, (const xmlChar *)"class");
	xmlChar *y = xmlGetProp(b, (const xmlChar *)"class");
	int r = x && y && x[0] && strcmp((const char *)x, (const char *)y) == 0;
	xmlFree(x);
	xmlFree(y);
	return r;
}

static int count_img(const xmlNode *n, int depth)
{
	if (depth > MAX_DEPTH)
		return 0;
	int k = 0;
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			k += is_element(c, "img") + count_img(c, depth + 1);
	return k;
}

/* A paragraph that reads as prose: ends sentences, few links. */
static int prose(const xmlNode *n)
{
	text_stats st = stats(n);
	double ld = link_density(&st);
	if (st.len > 80 && ld < 0.25)
		return 1;
	if (st.len == 0 || ld > 0)
		return 0;
	xmlChar *t = xmlNodeGetContent(n);
	int r = t && (strstr((const char *)t, ". ") || t[strlen((const char *)t) - 1] == '.');
	xmlFree(t);
	return r;
}

/* A block that is a picture with at most a caption (page builders put each
 * image in a block of its own beside the text). */
static int picture(const xmlNode *n)
{
	if (count_img(n, 0) != 1)
		return 0;
	text_stats st = stats(n);
	return st.len < 300 && link_density(&st) < 0.3;
}


static int count_tag(const xmlNode *n, const char *tag, int depth)
{
	if (depth > MAX_DEPTH)
		return 0;
	int k = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp(folio_html_tag(c), tag) == 0 ||
		    (tag[0] == 'h' && tag[1] == '\0' && is_heading_tag(folio_html_tag(c))))
			k++;
		k += count_tag(c, tag, depth + 1);
	}
	return k;
}

/* The heading just before n among its siblings names a reference list. */
static int after_references_heading(folio_doc *doc, const xmlNode *n)
{
	const xmlNode *p = n->prev;
	while (p && p->type != XML_ELEMENT_NODE)
		p = p->prev;
	if (p == NULL)
		return 0;
	if (!is_heading_tag(folio_html_tag(p)) && strcmp(folio_html_tag(p), "p") != 0)
		return 0;
	return folio_is_references_heading(folio_html_text(doc, p, 80));
}

static size_t li_text(const xmlNode *n, int depth)
{
	size_t k = 0;
	for (const xmlNode *c = n->children; c && depth < MAX_DEPTH; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		k += is_element(c, "li") ? stats(c).len : li_text(c, depth + 1);
	}
	return k;
}

/* A block whose text is nine tenths list items reads as a list (Readability.js). */
static int mostly_list(const xmlNode *n)
{
	text_stats st = stats(n);
	return st.len > 0 && li_text(n, 0) * 10 > st.len * 9;
}

static const xmlNode *find_desc(const xmlNode *n, const char *tag, int depth)
{
	if (depth > MAX_DEPTH)
		return NULL;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp(folio_html_tag(c), tag) == 0)
			return c;
		const xmlNode *d = find_desc(c, tag, depth + 1);
		if (d != NULL)
			return d;
	}
	return NULL;
}

static long attr_long(const xmlNode *n, const char *name, long dflt)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	long r = dflt;
	if (v != NULL) {
		r = strtol((const char *)v, NULL, 10);
		if (r < 1 || r > 1000)
			r = dflt;
	}
	xmlFree(v);
	return r;
}

/* Rows and the widest row's columns (colspans counted), through thead,
 * tbody and tfoot. */
static void table_size(const xmlNode *n, long *rows, long *cols, int depth)
{
	for (const xmlNode *c = n->children; c && depth < 4; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *tag = folio_html_tag(c);
		if (strcmp(tag, "tr") == 0) {
			long k = 0;
			*rows += attr_long(c, "rowspan", 1);
			for (const xmlNode *d = c->children; d; d = d->next)
				if (is_element(d, "td") || is_element(d, "th"))
					k += attr_long(d, "colspan", 1);
			if (k > *cols)
				*cols = k;
		} else if (strcmp(tag, "thead") == 0 || strcmp(tag, "tbody") == 0 ||
		           strcmp(tag, "tfoot") == 0) {
			table_size(c, rows, cols, depth + 1);
		}
	}
}

/* A table of data, not of layout, by the tests Readability.js takes from
 * Firefox's accessibility code: a summary, a caption, header cells or
 * column groups say data; a table inside it, one row or one column say
 * layout; else ten rows, five columns or more than ten cells say data. Data
 * tables are kept whole, however many links or little text their cells
 * have (release dates, download sizes). */
static int data_table(const xmlNode *t)
{
	xmlChar *v = xmlGetProp(t, (const xmlChar *)"role");
	int presentation = v != NULL && strcmp((const char *)v, "presentation") == 0;
	xmlFree(v);
	v = xmlGetProp(t, (const xmlChar *)"datatable");
	int no = v != NULL && strcmp((const char *)v, "0") == 0;
	xmlFree(v);
	if (presentation || no)
		return 0;
	v = xmlGetProp(t, (const xmlChar *)"summary");
	int summary = v != NULL && v[0] != '\0';
	xmlFree(v);
	if (summary)
		return 1;
	const xmlNode *caption = find_desc(t, "caption", 0);
	if (caption != NULL && caption->children != NULL)
		return 1;
	static const char *const data_tags[] = {"col", "colgroup", "tfoot", "thead", "th"};
	for (size_t i = 0; i < COUNT(data_tags); i++)
		if (find_desc(t, data_tags[i], 0) != NULL)
			return 1;
	if (find_desc(t, "table", 0) != NULL)
		return 0;
	long rows = 0, cols = 0;
	table_size(t, &rows, &cols, 0);
	if (rows <= 1 || cols <= 1)
		return 0;
	return rows >= 10 || cols > 4 || rows * cols > 10;
}

static int holds_data_table(const xmlNode *n, int depth)
{
	if (depth > MAX_DEPTH)
		return 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_element(c, "table") ? data_table(c) : holds_data_table(c, depth + 1))
			return 1;
	}
	return 0;
}

/* n is, is inside or holds a data table. */
static int in_data_table(const xmlNode *n)
{
	for (const xmlNode *p = n; p && p->type == XML_ELEMENT_NODE; p = p->parent)
		if (is_element(p, "table") && data_table(p))
			return 1;
	return holds_data_table(n, 0);
}

/* A block whose whole text is an advertisement's label or a loading
 * notice ("Advertisement", "Publicité", "Loading..."), as Readability.js
 * tosses them. */
static int ad_or_loading(const xmlNode *n)
{
	static const char *const labels[] = {
	    "ad", "ads", "advert", "advertising", "advertisement", "pub", "publicité",
	    "publicite", "werbung", "anuncio", "sponsored", "loading", "chargement",
	    "cargando", "loading...", "loading\xe2\x80\xa6", "chargement...",
	    "chargement\xe2\x80\xa6",
	};
	xmlChar *t = xmlNodeGetContent(n);
	if (t == NULL)
		return 0;
	char buf[48];
	size_t k = 0;
	int space = 0;
	const xmlChar *p = t;
	while (*p && isspace(*p))
		p++;
	for (; *p && k + 1 < sizeof(buf); p++) {
		if (isspace(*p)) {
			space = 1;
			continue;
		}
		if (space)
			buf[k++] = ' ';
		space = 0;
		if (k + 1 < sizeof(buf))
			buf[k++] = (char)tolower(*p);
	}
	int whole = *p == '\0';
	buf[k] = '\0';
	xmlFree(t);
	return whole && in_list(buf, labels, COUNT(labels));
}

/* An item of a list, or a list inside one: the points under a point of the
 * article ("In progress:" and the links to its bugs), not a list of links
 * beside it. */
static int sub_list(const xmlNode *n)
{
	return is_element(n, "li") || (n->parent != NULL && is_element(n->parent, "li"));
}

/* A span that starts a paragraph's sentence ("KOBE – A total of 6,000
 * masks ..."): the dateline of a news story is read with it. */
static int opens_sentence(const xmlNode *n)
{
	if (!is_element(n, "span") || n->parent == NULL || !is_element(n->parent, "p"))
		return 0;
	text_stats own = stats(n), all = stats(n->parent);
	return all.len > own.len * 3 + 40;
}

/* Step 4, for one element: 1 when it should go. */
static int clean_away(folio_doc *doc, const xmlNode *n, int loose)
{
	const char *tag = folio_html_tag(n);
	int weight = loose ? 0 : class_weight(n);
	int list = strcmp(tag, "ul") == 0 || strcmp(tag, "ol") == 0 || mostly_list(n);
	if (is_heading_tag(tag))
		return weight < 0;
	if (!list && strcmp(tag, "div") != 0 && strcmp(tag, "section") != 0 &&
	    strcmp(tag, "table") != 0 && strcmp(tag, "header") != 0 && strcmp(tag, "footer") != 0 &&
	    strcmp(tag, "p") != 0 && strcmp(tag, "span") != 0)
		return 0;
	if (in_data_table(n))
		return 0;
	if (weight < 0 && !is_article_root(n))
		return 1;
	/* "March 3, 2021 by Jane Roy 4 Comments": metadata, not article. */
	static const char *const byline_words[] = {"byline", "entry-meta", "post-meta", "posted-on",
	                                           "article-meta", "meta-info", "dateline",
	                                           "comments-link", "post-info", "entry-date"};
	char buf[512];
	if (has_any(class_id(n, buf, sizeof(buf)), byline_words, COUNT(byline_words)) &&
	    stats(n).len < 200 && !opens_sentence(n))
		return 1;
	if (strcmp(tag, "p") == 0 || strcmp(tag, "span") == 0)
		return 0;
	text_stats st = stats(n);
	if (st.commas >= 10)
		return 0;
	if (list && after_references_heading(doc, n))
		return 0;
	if (st.len < 40 && ad_or_loading(n))
		return 1;
	int p = count_tag(n, "p", 0), img = count_tag(n, "img", 0), input = count_tag(n, "input", 0);
	int heads = count_tag(n, "h", 0), pre = count_tag(n, "pre", 0);
	double ld = link_density(&st);
	if (img > 1 && (double)p / img < 0.5 && count_tag(n, "figure", 0) == 0 && st.len > 200)
		return 1;
	if (input > p / 3)
		return 1;
	if (!list && st.len < 25 && ld > 0 && (img == 0 || img > 2) && heads == 0 && pre == 0 &&
	    count_tag(n, "table", 0) == 0 && count_tag(n, "iframe", 0) == 0)
		return 1;
	if (!loose && weight < 25 && ld > (list ? 0.85 : 0.2) && st.len < 2000 && !sub_list(n))
		return 1;
	if (weight >= 25 && ld > 0.5)
		return 1;
	return 0;
}

static int same_text(folio_doc *doc, const xmlNode *n, const char *title)
{
	const char *t = folio_html_text(doc, n, 400);
	return t && title && strcmp(t, title) == 0;
}

static void clean(folio_doc *doc, xmlNode *n, const html_meta *meta, int loose,
                  const folio_import_options *opts, int depth)
{
	xmlNode *next;
	for (xmlNode *c = n->children; c; c = next) {
		next = c->next;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *tag = folio_html_tag(c);
		const char *why = NULL;
		if (depth > MAX_DEPTH)
			why = "too deep:";
		else if (is_heading_tag(tag) && same_text(doc, c, meta->title))
			why = "the title, kept as metadata:";
		else if (clean_away(doc, c, loose))
			why = "boilerplate (link density, class or too little text):";
		if (why != NULL) {
			explain(opts, doc, c, why);
			drop(c);
			continue;
		}
		clean(doc, c, meta, loose, opts, depth + 1);
	}
}

static xmlNode *find_body(xmlNode *n, int depth)
{
	for (xmlNode *c = n; c && depth < 8; c = c->next) {
		if (is_element(c, "body"))
			return c;
		xmlNode *b = c->type == XML_ELEMENT_NODE ? find_body(c->children, depth + 1) : NULL;
		if (b != NULL)
			return b;
	}
	return NULL;
}

static int contains(const xmlNode *outer, const xmlNode *n)
{
	for (; n != NULL; n = n->parent)
		if (n == outer)
			return 1;
	return 0;
}

/* Readability.js's two corrections of the winner: when three of the five
 * best candidates score close to it (an article split into sections, each
 * scored alone), their common ancestor wins; and when, going up, a parent
 * scores more than its child (text beside the winner), the parent wins. */
static xmlNode *promote(xmlNode **cands, size_t count, xmlNode *top, double best, xmlNode *body)
{
	/* The four best after the winner (Readability keeps five in all). */
	const xmlNode *close[4];
	double close_score[4];
	size_t nclose = 0;
	for (size_t i = 0; i < count; i++) {
		double sc = score_of(cands[i]);
		if (cands[i] == top || best <= 0 || sc / best < 0.75)
			continue;
		size_t at = nclose;
		while (at > 0 && close_score[at - 1] < sc)
			at--;
		if (at >= 4)
			continue;
		size_t last = nclose < 4 ? nclose : 3;
		for (size_t k = last; k > at; k--) {
			close[k] = close[k - 1];
			close_score[k] = close_score[k - 1];
		}
		close[at] = cands[i];
		close_score[at] = sc;
		if (nclose < 4)
			nclose++;
	}
	if (nclose >= 3) {
		for (xmlNode *p = top->parent; p && p != body && p->type == XML_ELEMENT_NODE;
		     p = p->parent) {
			size_t in = 0;
			for (size_t i = 0; i < nclose; i++)
				in += contains(p, close[i]);
			if (in >= 3) {
				top = p;
				break;
			}
		}
	}
	double last = score_of(top);
	double threshold = last / 3;
	for (xmlNode *p = top->parent; p && p != body && p->type == XML_ELEMENT_NODE; p = p->parent) {
		const cand *c = p->_private;
		if (c == NULL || !c->init)
			continue;
		if (c->score < threshold)
			break;
		if (c->score > last) {
			top = p;
			break;
		}
		last = c->score;
	}
	return top;
}

/* A table's row or row group that wins (cells of text score their row) is
 * one part of a table inside the article: what holds the table stands in
 * for it, with its score, so the text around the table comes too. */
static xmlNode *table_of_row(folio_doc *doc, xmlNode *top, double best)
{
	static const char *const parts[] = {"tr", "tbody", "thead", "tfoot"};
	if (!in_list(folio_html_tag(top), parts, COUNT(parts)))
		return top;
	xmlNode *t = top->parent;
	while (t != NULL && t->type == XML_ELEMENT_NODE && !is_element(t, "table"))
		t = t->parent;
	if (t == NULL || t->type != XML_ELEMENT_NODE)
		return top;
	t = t->parent;
	if (t == NULL || t->type != XML_ELEMENT_NODE || is_element(t, "body"))
		return top;
	cand *c = cand_of(doc, t);
	if (c == NULL)
		return top;
	c->init = 1;
	if (c->score < best)
		c->score = best;
	return t;
}

size_t folio_html_extract(folio_doc *doc, htmlDocPtr html, const html_meta *meta, int loose,
                          const folio_import_options *opts, xmlNode **out, size_t max)
{
	xmlNode *root = xmlDocGetRootElement(html);
	xmlNode *body = root ? find_body(root, 0) : NULL;
	if (body == NULL || max == 0)
		return 0;
	prune(doc, body, loose, opts, stats(body).len, 0);

	xmlNode *cands[4096];
	scorer s = {.doc = doc, .loose = loose, .cands = cands, .count = 0, .max = COUNT(cands)};
	score_all(&s, body, 0);
	xmlNode *top = NULL;
	double best = 0;
	for (size_t i = 0; i < s.count; i++) {
		cand *c = cands[i]->_private;
		text_stats st = stats(cands[i]);
		c->score *= 1.0 - link_density(&st);
		/* A reference list supports an article; it is never one. */
		if (in_reference_list(cands[i]))
			continue;
		if (top == NULL || c->score > best) {
			top = cands[i];
			best = c->score;
		}
	}
	if (top == NULL) {
		top = body;
	} else {
		top = table_of_row(doc, top, best);
		top = promote(cands, s.count, top, best, body);
	}
	best = score_of(top) > best ? score_of(top) : best;
	/* A lone child says nothing its parent does not. */
	while (top != body && top->parent && top->parent->type == XML_ELEMENT_NODE &&
	       !is_element(top->parent, "body") && xmlChildElementCount(top->parent) == 1)
		top = top->parent;

	size_t n = 0;
	if (top == body || top->parent == NULL) {
		out[n++] = top;
	} else {
		double threshold = best * 0.2 > 10 ? best * 0.2 : 10;
		for (xmlNode *c = top->parent->children; c && n < max; c = c->next) {
			if (c->type != XML_ELEMENT_NODE)
				continue;
			int keep = c == top;
			if (!keep) {
				/* A sidebar column beside the article scores with
				 * its widgets' text, or is one picture and a
				 * caption (the author's); its name says what it is. */
				double bonus = same_class(c, top) ? best * 0.2 : 0;
				keep = ((score_of(c) + bonus >= threshold || picture(c)) &&
				        (loose || class_weight(c) >= 0)) ||
				       (is_element(c, "p") && prose(c));
			}
			if (keep)
				out[n++] = c;
		}
	}
	for (size_t i = 0; i < n; i++)
		clean(doc, out[i], meta, loose, opts, 0);
	return n;
}
