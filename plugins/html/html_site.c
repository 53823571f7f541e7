/* folio html exporter — the site around a batch's pages (folio/site.h):
 * index.html (newest first), sitemap.xml, an Atom feed and the stylesheet the
 * pages share, so pages and index look alike. */
#include <string.h>

#include "html.h"

/* The article's page: its html file, else its first file. */
static const char *page_of(const folio_site *s, size_t i)
{
	size_t n = folio_site_file_count(s, i);
	for (size_t j = 0; j < n; j++) {
		const char *f = folio_site_file(s, i, j);
		size_t len = strlen(f);
		if (len > 5 && strcmp(f + len - 5, ".html") == 0)
			return f;
	}
	return n ? folio_site_file(s, i, 0) : "";
}

static const char *title_of(const folio_site *s, size_t i)
{
	const char *t = folio_site_get(s, i, FOLIO_SITE_TITLE);
	return t ? t : folio_site_get(s, i, FOLIO_SITE_SLUG);
}

/* "PDF", "TXT", "HTML" — what a reader recognises. */
static void format_label(hw *w, const char *file)
{
	const char *slash = strrchr(file, '/');
	const char *dot = strchr(slash ? slash + 1 : file, '.');
	for (const char *p = dot ? dot + 1 : file; *p; p++) {
		char c = *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
		html_rawn(w, &c, 1);
	}
}

/* The first 10 bytes of an ISO date (YYYY-MM-DD), escaped. */
static void day_of(hw *w, const char *date)
{
	html_textn(w, date, strlen(date) < 10 ? strlen(date) : 10);
}

static void index_entry(hw *w, const folio_site *s, size_t i, const char *page_lang)
{
	const char *lang = folio_site_get(s, i, FOLIO_SITE_LANG);
	const char *byline = folio_site_get(s, i, FOLIO_SITE_BYLINE);
	const char *date = folio_site_get(s, i, FOLIO_SITE_DATE);
	const char *summary = folio_site_get(s, i, FOLIO_SITE_SUMMARY);
	html_raw(w, "<li class=\"entry\"");
	if (lang != NULL && strcmp(lang, page_lang) != 0) {
		html_raw(w, " lang=\"");
		html_text(w, lang);
		html_raw(w, "\"");
	}
	html_raw(w, ">\n<h2><a href=\"");
	html_text(w, page_of(s, i));
	html_raw(w, "\">");
	html_text(w, title_of(s, i));
	html_raw(w, "</a></h2>\n<p class=\"meta\">");
	if (byline)
		html_text(w, byline);
	if (date) {
		html_raw(w, byline ? " · <time datetime=\"" : "<time datetime=\"");
		day_of(w, date);
		html_raw(w, "\">");
		day_of(w, date);
		html_raw(w, "</time>");
	}
	html_raw(w, "</p>\n");
	if (summary) {
		html_raw(w, "<p>");
		html_text(w, summary);
		html_raw(w, "</p>\n");
	}
	size_t tags = folio_site_tag_count(s, i);
	if (tags > 0) {
		html_raw(w, "<ul class=\"tags\">");
		for (size_t j = 0; j < tags; j++) {
			html_raw(w, "<li>");
			html_text(w, folio_site_tag(s, i, j));
			html_raw(w, "</li>");
		}
		html_raw(w, "</ul>\n");
	}
	html_raw(w, "<p class=\"formats\">");
	for (size_t j = 0; j < folio_site_file_count(s, i); j++) {
		html_raw(w, j ? " · <a href=\"" : "<a href=\"");
		html_text(w, folio_site_file(s, i, j));
		html_raw(w, "\">");
		format_label(w, folio_site_file(s, i, j));
		/* "PDF" alone does not say which article (WCAG 2.4.4): the title
		 * follows, for screen readers only. */
		html_raw(w, "<span class=\"vh\">: ");
		html_text(w, title_of(s, i));
		html_raw(w, "</span></a>");
	}
	html_raw(w, "</p>\n</li>\n");
}

static const char *clinic_of(const folio_host *host)
{
	const char *c = host->profile ? folio_profile_get(host->profile, FOLIO_PROFILE_NAME) : NULL;
	return c ? c : "Articles";
}

static void write_index(hw *w, const folio_site *s)
{
	const char *lang = folio_site_lang(s) ? folio_site_lang(s) : "en";
	const char *clinic = clinic_of(w->host);
	html_raw(w, "<!DOCTYPE html>\n<html lang=\"");
	html_text(w, lang);
	html_raw(w, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	            "<title>");
	html_text(w, clinic);
	html_raw(w, "</title>\n<link rel=\"stylesheet\" href=\"style.css\">\n"
	            "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"feed.atom\" "
	            "title=\"");
	html_text(w, clinic);
	html_raw(w, "\">\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">");
	html_text(w, html_word(lang, HTML_WORD_SKIP));
	html_raw(w, "</a>\n<main id=\"main\" tabindex=\"-1\" class=\"site-index\">\n<header>\n<h1>");
	html_text(w, clinic);
	html_raw(w, "</h1>\n</header>\n<ol class=\"entries\">\n");
	for (size_t i = 0; i < folio_site_count(s); i++)
		index_entry(w, s, i, lang);
	html_raw(w, "</ol>\n</main>\n</body>\n</html>\n");
}

static void write_sitemap(hw *w, const folio_site *s)
{
	const char *base = folio_site_base_url(s);
	html_raw(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	            "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n<url><loc>");
	html_text(w, base);
	html_raw(w, "index.html</loc></url>\n");
	for (size_t i = 0; i < folio_site_count(s); i++) {
		const char *date = folio_site_get(s, i, FOLIO_SITE_DATE);
		html_raw(w, "<url><loc>");
		html_text(w, base);
		html_text(w, page_of(s, i));
		html_raw(w, "</loc>");
		if (date && strlen(date) >= 10) {
			html_raw(w, "<lastmod>");
			day_of(w, date);
			html_raw(w, "</lastmod>");
		}
		html_raw(w, "</url>\n");
	}
	html_raw(w, "</urlset>\n");
}

static void atom_date(hw *w, const char *date)
{
	if (date != NULL && strlen(date) >= 10) {
		day_of(w, date);
		html_raw(w, "T12:00:00Z");
	} else {
		html_raw(w, "1980-01-01T00:00:00Z");
	}
}

static void write_feed(hw *w, const folio_site *s)
{
	const char *base = folio_site_base_url(s);
	const char *clinic = clinic_of(w->host);
	html_raw(w, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	            "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>");
	html_text(w, clinic);
	html_raw(w, "</title>\n<id>");
	html_text(w, base[0] ? base : "urn:folio:site");
	html_raw(w, "</id>\n<updated>");
	atom_date(w, folio_site_count(s) ? folio_site_get(s, 0, FOLIO_SITE_DATE) : NULL);
	html_raw(w, "</updated>\n<author><name>");
	html_text(w, clinic);
	html_raw(w, "</name></author>\n<link rel=\"self\" href=\"");
	html_text(w, base);
	html_raw(w, "feed.atom\"/>\n");
	for (size_t i = 0; i < folio_site_count(s); i++) {
		const char *byline = folio_site_get(s, i, FOLIO_SITE_BYLINE);
		const char *summary = folio_site_get(s, i, FOLIO_SITE_SUMMARY);
		html_raw(w, "<entry>\n<title>");
		html_text(w, title_of(s, i));
		html_raw(w, "</title>\n<id>");
		if (base[0]) {
			html_text(w, base);
			html_text(w, page_of(s, i));
		} else {
			html_raw(w, "urn:folio:article:");
			html_text(w, folio_site_get(s, i, FOLIO_SITE_SLUG));
		}
		html_raw(w, "</id>\n<updated>");
		atom_date(w, folio_site_get(s, i, FOLIO_SITE_DATE));
		html_raw(w, "</updated>\n<link href=\"");
		html_text(w, base);
		html_text(w, page_of(s, i));
		html_raw(w, "\"/>\n");
		if (byline) {
			html_raw(w, "<author><name>");
			html_text(w, byline);
			html_raw(w, "</name></author>\n");
		}
		if (summary) {
			html_raw(w, "<summary>");
			html_text(w, summary);
			html_raw(w, "</summary>\n");
		}
		html_raw(w, "</entry>\n");
	}
	html_raw(w, "</feed>\n");
}

static void write_style(hw *w, const folio_site *s)
{
	(void)s;
	html_css(w->sink, w->accent);
}

static const char *const settings_nested[] = {"stylesheet=../style.css", NULL};
static const char *const settings_flat[] = {"stylesheet=style.css", NULL};

/* Site pages link one shared stylesheet instead of each inlining it. */
static const char *const *site_page_settings(int flat)
{
	return flat ? settings_flat : settings_nested;
}

static folio_status site_write(void *state, const folio_site *site, const folio_host *host,
                               folio_site_put_fn put, void *ctx, folio_error *err)
{
	(void)state;
	static const struct {
		const char *name;
		void (*write)(hw *, const folio_site *);
	} files[] = {
	    {"index.html", write_index},
	    {"sitemap.xml", write_sitemap},
	    {"feed.atom", write_feed},
	    {"style.css", write_style},
	};
	folio_status st = FOLIO_OK;
	for (size_t i = 0; st == FOLIO_OK && i < sizeof(files) / sizeof(files[0]); i++) {
		hw w = {.sink = folio_sink_memory(),
		        .host = host,
		        .accent = html_accent(host)};
		if (w.sink == NULL)
			return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		files[i].write(&w, site);
		st = folio_sink_status(w.sink);
		if (st != FOLIO_OK) {
			if (err != NULL)
				*err = *folio_sink_error(w.sink);
		} else {
			size_t len = 0;
			const unsigned char *data = folio_sink_memory_data(w.sink, &len);
			st = put(ctx, files[i].name, data ? data : (const unsigned char *)"", len, err);
		}
		folio_sink_abort(w.sink);
	}
	return st;
}

const folio_site_ops html_site_ops = {
    .size = sizeof(folio_site_ops),
    .page_settings = site_page_settings,
    .write = site_write,
};
