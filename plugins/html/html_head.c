/* folio html exporter — the page's head (metadata for search engines and
 * link previews, JSON-LD, the stylesheet), the article's header and the
 * clinic's footer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/fileref.h"
#include "folio/import.h"
#include "folio/readability.h"
#include "html.h"

static const char *meta(const hw *w, folio_meta_field f)
{
	const char *v = folio_doc_get(w->doc, f);
	return v != NULL && v[0] != '\0' ? v : NULL;
}

static const char *profile(const hw *w, folio_profile_field f)
{
	const char *v = w->host->profile ? folio_profile_get(w->host->profile, f) : NULL;
	return v != NULL && v[0] != '\0' ? v : NULL;
}

static const char *title_of(const hw *w)
{
	const char *t = meta(w, FOLIO_META_TITLE);
	return t != NULL ? t : "Untitled";
}

/* <meta NAMEATTR="key" content="value"> for a value that may be NULL. */
static void meta_tag(hw *w, const char *attr, const char *key, const char *value)
{
	if (value == NULL)
		return;
	html_raw(w, "<meta ");
	html_raw(w, attr);
	html_raw(w, "=\"");
	html_raw(w, key);
	html_raw(w, "\" content=\"");
	html_text(w, value);
	html_raw(w, "\">\n");
}

static void open_graph(hw *w)
{
	const char *url = meta(w, FOLIO_META_URL);
	meta_tag(w, "property", "og:type", "article");
	meta_tag(w, "property", "og:title", title_of(w));
	meta_tag(w, "property", "og:description", meta(w, FOLIO_META_SUMMARY));
	if (html_url_safe(url)) {
		html_raw(w, "<meta property=\"og:url\" content=\"");
		html_url(w, url);
		html_raw(w, "\">\n");
	}
	meta_tag(w, "property", "article:published_time", meta(w, FOLIO_META_DATE));
	for (size_t i = 0; i < folio_doc_author_count(w->doc); i++)
		meta_tag(w, "property", "article:author", folio_doc_author_name(w->doc, i));
	for (size_t i = 0; i < folio_doc_tag_count(w->doc); i++)
		meta_tag(w, "property", "article:tag", folio_doc_tag(w->doc, i));
}

/* ---- JSON-LD ---- */

static void json_key(hw *w, const char *key, const char *value)
{
	html_raw(w, ",\n  ");
	html_json_str(w, key);
	html_raw(w, ": ");
	html_json_str(w, value);
}

static void json_authors(hw *w)
{
	html_raw(w, ",\n  \"author\": [");
	for (size_t i = 0; i < folio_doc_author_count(w->doc); i++) {
		const char *cred = folio_doc_author_credentials(w->doc, i);
		html_raw(w, i ? ", " : "");
		html_raw(w, "{\"@type\": \"Person\", \"name\": ");
		html_json_str(w, folio_doc_author_name(w->doc, i));
		if (cred != NULL && cred[0] != '\0') {
			html_raw(w, ", \"honorificSuffix\": ");
			html_json_str(w, cred);
		}
		html_raw(w, "}");
	}
	html_raw(w, "]");
}

/* Tags as one comma-separated keywords string. */
static void json_keywords(hw *w)
{
	size_t n = folio_doc_tag_count(w->doc);
	if (n == 0)
		return;
	html_raw(w, ",\n  \"keywords\": [");
	for (size_t i = 0; i < n; i++) {
		html_raw(w, i ? ", " : "");
		html_json_str(w, folio_doc_tag(w->doc, i));
	}
	html_raw(w, "]");
}

static void json_citation(hw *w, const folio_citation *c, int first)
{
	const char *name = folio_citation_get(c, FOLIO_CITE_TITLE);
	const char *doi = folio_citation_get(c, FOLIO_CITE_DOI);
	const char *url = folio_citation_get(c, FOLIO_CITE_URL);
	html_raw(w, first ? "\n    " : ",\n    ");
	html_raw(w, "{\"@type\": \"ScholarlyArticle\", \"name\": ");
	html_json_str(w, name != NULL ? name : folio_citation_get(c, FOLIO_CITE_TEXT));
	if (doi != NULL) {
		html_raw(
		    w, ", \"identifier\": {\"@type\": \"PropertyValue\", \"propertyID\": \"DOI\", "
		       "\"value\": ");
		html_json_str(w, doi);
		html_raw(w, "}, \"url\": \"");
		/* html_doi_url percent-encodes everything JSON or HTML could mind. */
		html_doi_url(w, doi);
		html_raw(w, "\"");
	} else if (html_url_safe(url) && strncmp(url, "http", 4) == 0) {
		html_raw(w, ", \"url\": ");
		html_json_str(w, url);
	}
	html_raw(w, "}");
}

static void json_citations(hw *w)
{
	int first = 1;
	folio_iter *it = folio_iter_new(folio_doc_root(w->doc));
	if (it == NULL)
		return;
	html_raw(w, ",\n  \"citation\": [");
	folio_event ev;
	while ((ev = folio_iter_next(it)) != FOLIO_EVENT_DONE) {
		const folio_node *n = folio_iter_node(it);
		if (ev != FOLIO_EVENT_ENTER || folio_node_get_type(n) != FOLIO_NODE_REFERENCE)
			continue;
		if (folio_node_citation(n) == NULL)
			continue;
		json_citation(w, folio_node_citation(n), first);
		first = 0;
	}
	folio_iter_free(it);
	html_raw(w, first ? "]" : "\n  ]");
}

/* The address's lines joined with ", " (schema.org takes text). */
static void json_address(hw *w, const char *addr)
{
	size_t n = strlen(addr);
	char *flat = malloc(n * 2 + 1);
	if (flat == NULL)
		return;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (addr[i] != '\n') {
			flat[k++] = addr[i];
		} else if (i + 1 < n) {
			flat[k++] = ',';
			flat[k++] = ' ';
		}
	}
	flat[k] = '\0';
	html_raw(w, ", \"address\": ");
	html_json_str(w, flat);
	free(flat);
}

static void json_publisher(hw *w)
{
	const char *name = profile(w, FOLIO_PROFILE_NAME);
	if (name == NULL)
		return;
	const char *site = profile(w, FOLIO_PROFILE_WEBSITE);
	const char *phone = profile(w, FOLIO_PROFILE_PHONE);
	const char *addr = profile(w, FOLIO_PROFILE_ADDRESS);
	html_raw(w, ",\n  \"publisher\": {\"@type\": \"Organization\", \"name\": ");
	html_json_str(w, name);
	if (html_url_safe(site)) {
		html_raw(w, ", \"url\": ");
		html_json_str(w, site);
	}
	if (phone != NULL) {
		html_raw(w, ", \"telephone\": ");
		html_json_str(w, phone);
	}
	if (addr != NULL)
		json_address(w, addr);
	html_raw(w, "}");
}

static void json_ld(hw *w)
{
	const char *lang = meta(w, FOLIO_META_LANG);
	const char *url = meta(w, FOLIO_META_URL);
	html_raw(
	    w, "<script type=\"application/ld+json\">\n{\n  \"@context\": \"https://schema.org\",\n"
	       "  \"@type\": \"MedicalWebPage\"");
	json_key(w, "headline", title_of(w));
	if (meta(w, FOLIO_META_SUMMARY) != NULL)
		json_key(w, "description", meta(w, FOLIO_META_SUMMARY));
	json_authors(w);
	if (meta(w, FOLIO_META_DATE) != NULL)
		json_key(w, "datePublished", meta(w, FOLIO_META_DATE));
	json_key(w, "inLanguage", lang != NULL ? lang : "en");
	if (html_url_safe(url))
		json_key(w, "url", url);
	json_keywords(w);
	json_citations(w);
	json_publisher(w);
	html_raw(w, "\n}\n</script>\n");
}

/* The stylesheet inline, or a link to a shared one (stylesheet=URL). */
static void style(hw *w, const char *css, size_t css_len)
{
	if (w->stylesheet != NULL && html_url_safe(w->stylesheet)) {
		html_raw(w, "<link rel=\"stylesheet\" href=\"");
		html_url(w, w->stylesheet);
		html_raw(w, "\">\n");
		return;
	}
	html_raw(w, "<style>\n");
	if (css != NULL) {
		char vars[64];
		snprintf(vars, sizeof(vars), ":root{--accent:#%06lx}\n", w->accent);
		html_raw(w, vars);
		html_rawn(w, css, css_len);
	} else {
		html_css(w->sink, w->accent);
	}
	html_raw(w, "</style>\n");
}

/* The article's reading grade (folio check's figure), for editors and the
 * tools that build a site around the page. */
static void reading_grade(hw *w)
{
	double g;
	if (folio_readability_grade(w->doc, &g) == 1) {
		char grade[32];
		snprintf(grade, sizeof(grade), "%.1f", g);
		meta_tag(w, "name", "reading-grade", grade);
	}
}

/* ---- the translation (front matter `translation: other.md`) ---- */

folio_doc *html_translation_load(const folio_doc *doc, const folio_host *host)
{
	const char *rel = folio_doc_extra(doc, "translation");
	folio_error err;
	folio_doc *t;

	if (rel == NULL || rel[0] == '\0')
		return NULL;
	folio_error_clear(&err);
	t = folio_import_ref(folio_doc_get(doc, FOLIO_META_SOURCE), rel, &err);
	if (t == NULL)
		host->warn(host, "translation %s not linked: %s", rel, err.message);
	return t;
}

/* A language tag fit for hreflang (letters, digits, '-'), or NULL. */
static const char *plain_lang(const folio_doc *doc)
{
	const char *l = doc != NULL ? folio_doc_get(doc, FOLIO_META_LANG) : NULL;

	if (l == NULL || l[0] == '\0' ||
	    strspn(l, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") !=
	        strlen(l))
		return NULL;
	return l;
}

/* The translation's page: its canonical URL, else the page folio writes for
 * it beside this one (folio batch names a page by the slug of its file's
 * name: "ankle-fr.md" -> "ankle-fr.html"). */
static void translation_href(hw *w)
{
	const char *url = folio_doc_get(w->translation, FOLIO_META_URL);
	const char *rel = folio_doc_extra(w->doc, "translation");
	const char *base = strrchr(rel, '/') != NULL ? strrchr(rel, '/') + 1 : rel;
	const char *dot = strrchr(base, '.');
	char stem[256], slug[128];

	if (html_url_safe(url)) {
		html_url(w, url);
		return;
	}
	snprintf(stem, sizeof(stem), "%.*s", (int)(dot != NULL ? dot - base : (long)strlen(base)),
	         base);
	html_text(w, folio_slugify(stem, slug, sizeof(slug)));
	html_raw(w, ".html");
}

/* <link rel="alternate" hreflang> to the translation, and to this page when
 * its canonical URL is known (search engines want the set on every page). */
static void alternates(hw *w)
{
	const char *other = plain_lang(w->translation);
	const char *self = plain_lang(w->doc);
	const char *url = meta(w, FOLIO_META_URL);

	if (other == NULL)
		return;
	if (self != NULL && html_url_safe(url)) {
		html_raw(w, "<link rel=\"alternate\" hreflang=\"");
		html_text(w, self);
		html_raw(w, "\" href=\"");
		html_url(w, url);
		html_raw(w, "\">\n");
	}
	html_raw(w, "<link rel=\"alternate\" hreflang=\"");
	html_text(w, other);
	html_raw(w, "\" href=\"");
	translation_href(w);
	html_raw(w, "\">\n");
}

static void translation_link(hw *w)
{
	const char *lang = plain_lang(w->translation);
	const char *label = folio_doc_get(w->translation, FOLIO_META_TITLE);

	/* Named in the translation's own language when the catalogue has it. */
	if (lang != NULL && folio_present_has_lang(lang))
		label = folio_text(lang, FOLIO_TEXT_THIS_VERSION);
	html_raw(w, "<p class=\"translation\"><a href=\"");
	translation_href(w);
	html_raw(w, "\"");
	if (lang != NULL) {
		html_raw(w, " hreflang=\"");
		html_text(w, lang);
		html_raw(w, "\" lang=\"");
		html_text(w, lang);
		html_raw(w, "\"");
	}
	html_raw(w, ">");
	html_text(w, label != NULL ? label : "Translation");
	html_raw(w, "</a></p>\n");
}

void html_head(hw *w, const char *css, size_t css_len)
{
	const char *summary = meta(w, FOLIO_META_SUMMARY);
	const char *url = meta(w, FOLIO_META_URL);
	html_raw(
	    w, "<head>\n<meta charset=\"utf-8\">\n"
	       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	html_text(w, title_of(w));
	html_raw(w, "</title>\n");
	meta_tag(w, "name", "description", summary);
	reading_grade(w);
	for (size_t i = 0; i < folio_doc_author_count(w->doc); i++)
		meta_tag(w, "name", "author", folio_doc_author_name(w->doc, i));
	if (html_url_safe(url)) {
		html_raw(w, "<link rel=\"canonical\" href=\"");
		html_url(w, url);
		html_raw(w, "\">\n");
	}
	alternates(w);
	open_graph(w);
	json_ld(w);
	style(w, css, css_len);
	html_raw(w, "</head>\n");
}

/* ---- header and footer ---- */

/* The byline and date as every format prints them (folio/present.h). */
static void byline(hw *w)
{
	const char *lang = meta(w, FOLIO_META_LANG);
	const char *date = meta(w, FOLIO_META_DATE);
	size_t len = folio_present_byline(w->doc, lang, 0, NULL, 0);
	if (len == 0 && date == NULL)
		return;
	html_raw(w, "<p class=\"byline\">");
	if (len > 0) {
		char small[512];
		char *s = len < sizeof small ? small : malloc(len + 1);
		if (s != NULL) {
			folio_present_byline(w->doc, lang, 0, s, len + 1);
			html_raw(w, "<span class=\"authors\">");
			html_text(w, s);
			html_raw(w, "</span>");
		}
		if (s != small)
			free(s);
	}
	if (date != NULL) {
		char when[128];
		folio_present_date(lang, date, when, sizeof when);
		html_raw(w, len ? " · <time datetime=\"" : "<time datetime=\"");
		html_text(w, date);
		html_raw(w, "\">");
		html_text(w, when);
		html_raw(w, "</time>");
	}
	html_raw(w, "</p>\n");
}

void html_header(hw *w)
{
	const char *sub = meta(w, FOLIO_META_SUBTITLE);
	html_raw(w, "<header>\n<h1>");
	html_text(w, title_of(w));
	html_raw(w, "</h1>\n");
	if (sub != NULL) {
		html_raw(w, "<p class=\"subtitle\">");
		html_text(w, sub);
		html_raw(w, "</p>\n");
	}
	byline(w);
	if (w->translation != NULL)
		translation_link(w);
	html_raw(w, "</header>\n");
}

/* Text whose line breaks become <br>. */
static void text_lines(hw *w, const char *s)
{
	for (const char *p = s; *p;) {
		size_t len = strcspn(p, "\n");
		html_textn(w, p, len);
		p += len;
		if (*p == '\n') {
			p++;
			if (*p)
				html_raw(w, "<br>\n");
		}
	}
}

static void footer_contact(hw *w)
{
	const char *lang = meta(w, FOLIO_META_LANG);
	const char *phone = profile(w, FOLIO_PROFILE_PHONE);
	const char *email = profile(w, FOLIO_PROFILE_EMAIL);
	const char *site = profile(w, FOLIO_PROFILE_WEBSITE);
	if (phone != NULL) {
		html_raw(w, "<br>\n");
		html_text(w, folio_text(lang, FOLIO_TEXT_PHONE));
		html_text(w, folio_text(lang, FOLIO_TEXT_LABEL_SEP));
		html_text(w, phone);
	}
	if (email != NULL) {
		html_raw(w, "<br>\n");
		html_text(w, folio_text(lang, FOLIO_TEXT_EMAIL));
		html_text(w, folio_text(lang, FOLIO_TEXT_LABEL_SEP));
		/* mailto: plus the address; html_url_safe refuses controls. */
		if (strchr(email, ':') == NULL && html_url_safe(email)) {
			html_raw(w, "<a href=\"mailto:");
			html_url(w, email);
			html_raw(w, "\">");
			html_text(w, email);
			html_raw(w, "</a>");
		} else {
			html_text(w, email);
		}
	}
	if (site != NULL) {
		html_raw(w, "<br>\n");
		if (html_url_safe(site) && strncmp(site, "http", 4) == 0) {
			html_raw(w, "<a href=\"");
			html_url(w, site);
			html_raw(w, "\">");
			html_text(w, site);
			html_raw(w, "</a>");
		} else {
			html_text(w, site);
		}
	}
}

void html_footer(hw *w)
{
	const char *name = profile(w, FOLIO_PROFILE_NAME);
	const char *addr = profile(w, FOLIO_PROFILE_ADDRESS);
	const char *page_lang = meta(w, FOLIO_META_LANG) ? meta(w, FOLIO_META_LANG) : "en";
	const char *disclaimer_lang = NULL;
	const char *disclaimer =
	    w->host->profile
	        ? folio_profile_disclaimer(w->host->profile, page_lang, &disclaimer_lang)
	        : NULL;
	if (disclaimer != NULL && disclaimer[0] == '\0')
		disclaimer = NULL;
	if (name == NULL && addr == NULL && disclaimer == NULL)
		return;
	html_raw(w, "<footer>\n");
	if (disclaimer != NULL) {
		/* the profile's text in another language (its fallback) says so */
		html_raw(w, "<p class=\"disclaimer\"");
		html_lang_attr(w, page_lang, disclaimer_lang);
		html_raw(w, ">");
		text_lines(w, disclaimer);
		html_raw(w, "</p>\n");
	}
	html_raw(w, "<address>\n");
	if (name != NULL) {
		html_raw(w, "<span class=\"clinic\">");
		html_text(w, name);
		html_raw(w, "</span>");
	}
	if (addr != NULL) {
		html_raw(w, "<br>\n");
		text_lines(w, addr);
	}
	footer_contact(w);
	html_raw(w, "\n</address>\n</footer>\n");
}
