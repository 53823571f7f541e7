/* folio — the site around a batch's pages: index.html (newest first),
 * sitemap.xml, an Atom feed and one shared stylesheet. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf_private.h"
#include "folio/profile.h"
#include "registry_private.h"
#include "site_private.h"

void folio_site_list_init(folio_site_list *l)
{
	memset(l, 0, sizeof(*l));
}

void folio_site_entry_clear(folio_site_entry *e)
{
	free(e->slug);
	free(e->title);
	free(e->date);
	free(e->summary);
	free(e->lang);
	free(e->author);
	free(e->tags);
	for (size_t i = 0; i < e->file_count; i++)
		free(e->files[i]);
	memset(e, 0, sizeof(*e));
}

folio_status folio_site_list_add(folio_site_list *l, folio_site_entry *e)
{
	if (l->count == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		folio_site_entry *items = realloc(l->items, cap * sizeof(*items));
		if (items == NULL)
			return FOLIO_ERR_NOMEM;
		l->items = items;
		l->cap = cap;
	}
	l->items[l->count++] = *e;
	memset(e, 0, sizeof(*e));
	return FOLIO_OK;
}

void folio_site_list_free(folio_site_list *l)
{
	for (size_t i = 0; i < l->count; i++)
		folio_site_entry_clear(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

char *folio_site_byline(const folio_doc *doc)
{
	folio_buf b = {0};
	for (size_t i = 0; i < folio_doc_author_count(doc); i++) {
		const char *cred = folio_doc_author_credentials(doc, i);
		folio_buf_printf(&b, "%s%s%s%s", i ? "; " : "", folio_doc_author_name(doc, i),
		                 cred ? ", " : "", cred ? cred : "");
	}
	if (b.failed) {
		folio_buf_free(&b);
		return NULL;
	}
	return b.data;
}

char *folio_site_tags(const folio_doc *doc)
{
	folio_buf b = {0};
	for (size_t i = 0; i < folio_doc_tag_count(doc); i++)
		folio_buf_printf(&b, "%s%s", i ? "\n" : "", folio_doc_tag(doc, i));
	if (b.failed) {
		folio_buf_free(&b);
		return NULL;
	}
	return b.data;
}

/* Newest first; undated last; ties in input order (so the order is stable
 * whatever qsort does). */
static int newest_first(const void *pa, const void *pb)
{
	const folio_site_entry *a = pa;
	const folio_site_entry *b = pb;
	if (a->date && b->date) {
		int c = strcmp(b->date, a->date);
		if (c != 0)
			return c;
	} else if (a->date || b->date) {
		return a->date ? -1 : 1;
	}
	return a->index < b->index ? -1 : a->index > b->index;
}

static const char *ext_of(const char *file)
{
	const char *slash = strrchr(file, '/');
	const char *base = slash ? slash + 1 : file;
	const char *dot = strchr(base, '.');
	return dot ? dot + 1 : base;
}

/* The article's page: its html file, else its first file. */
static const char *page_of(const folio_site_entry *e)
{
	for (size_t i = 0; i < e->file_count; i++)
		if (strcmp(ext_of(e->files[i]), "html") == 0)
			return e->files[i];
	return e->file_count ? e->files[0] : "";
}

typedef struct site_ctx {
	const folio_site_list *list;
	const folio_profile *profile;
	const char *base; /* absolute base URL ending in '/', or "" */
	const char *clinic;
	const char *lang;
} site_ctx;

/* "PDF", "TXT", "HTML" — what a reader recognises. */
static void format_label(folio_buf *b, const char *file)
{
	for (const char *p = ext_of(file); *p; p++) {
		char c = *p;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		folio_buf_add(b, &c, 1);
	}
}

static void index_entry(folio_buf *b, const folio_site_entry *e, const char *page_lang)
{
	folio_buf_puts(b, "<li class=\"entry\"");
	if (e->lang != NULL && strcmp(e->lang, page_lang) != 0) {
		folio_buf_puts(b, " lang=\"");
		folio_buf_escape(b, e->lang);
		folio_buf_puts(b, "\"");
	}
	folio_buf_puts(b, ">\n<h2><a href=\"");
	folio_buf_escape(b, page_of(e));
	folio_buf_puts(b, "\">");
	folio_buf_escape(b, e->title ? e->title : e->slug);
	folio_buf_puts(b, "</a></h2>\n<p class=\"meta\">");
	if (e->author) {
		folio_buf_escape(b, e->author);
	}
	if (e->date) {
		folio_buf_puts(b, e->author ? " · <time datetime=\"" : "<time datetime=\"");
		folio_buf_add(b, e->date, strlen(e->date) < 10 ? strlen(e->date) : 10);
		folio_buf_puts(b, "\">");
		folio_buf_add(b, e->date, strlen(e->date) < 10 ? strlen(e->date) : 10);
		folio_buf_puts(b, "</time>");
	}
	folio_buf_puts(b, "</p>\n");
	if (e->summary) {
		folio_buf_puts(b, "<p>");
		folio_buf_escape(b, e->summary);
		folio_buf_puts(b, "</p>\n");
	}
	if (e->tags && e->tags[0]) {
		folio_buf_puts(b, "<ul class=\"tags\">");
		const char *t = e->tags;
		while (*t) {
			size_t len = strcspn(t, "\n");
			char tag[256];
			snprintf(tag, sizeof(tag), "%.*s", (int)(len < 255 ? len : 255), t);
			folio_buf_puts(b, "<li>");
			folio_buf_escape(b, tag);
			folio_buf_puts(b, "</li>");
			t += len;
			if (*t == '\n')
				t++;
		}
		folio_buf_puts(b, "</ul>\n");
	}
	folio_buf_puts(b, "<p class=\"formats\">");
	for (size_t i = 0; i < e->file_count; i++) {
		folio_buf_puts(b, i ? " · <a href=\"" : "<a href=\"");
		folio_buf_escape(b, e->files[i]);
		folio_buf_puts(b, "\">");
		format_label(b, e->files[i]);
		folio_buf_puts(b, "</a>");
	}
	folio_buf_puts(b, "</p>\n</li>\n");
}

static void write_index(folio_buf *b, const site_ctx *s)
{
	folio_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"");
	folio_buf_escape(b, s->lang);
	folio_buf_puts(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	                  "<title>");
	folio_buf_escape(b, s->clinic);
	folio_buf_puts(b, "</title>\n<link rel=\"stylesheet\" href=\"style.css\">\n"
	                  "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"feed.atom\" "
	                  "title=\"");
	folio_buf_escape(b, s->clinic);
	folio_buf_puts(b, "\">\n</head>\n<body>\n<main class=\"site-index\">\n<header>\n<h1>");
	folio_buf_escape(b, s->clinic);
	folio_buf_puts(b, "</h1>\n</header>\n<ol class=\"entries\">\n");
	for (size_t i = 0; i < s->list->count; i++)
		index_entry(b, &s->list->items[i], s->lang);
	folio_buf_puts(b, "</ol>\n</main>\n</body>\n</html>\n");
}

static void write_sitemap(folio_buf *b, const site_ctx *s)
{
	folio_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                  "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	folio_buf_puts(b, "<url><loc>");
	folio_buf_escape(b, s->base);
	folio_buf_puts(b, "index.html</loc></url>\n");
	for (size_t i = 0; i < s->list->count; i++) {
		const folio_site_entry *e = &s->list->items[i];
		folio_buf_puts(b, "<url><loc>");
		folio_buf_escape(b, s->base);
		folio_buf_escape(b, page_of(e));
		folio_buf_puts(b, "</loc>");
		if (e->date && strlen(e->date) >= 10)
			folio_buf_printf(b, "<lastmod>%.10s</lastmod>", e->date);
		folio_buf_puts(b, "</url>\n");
	}
	folio_buf_puts(b, "</urlset>\n");
}

static void atom_date(folio_buf *b, const char *date)
{
	if (date != NULL && strlen(date) >= 10)
		folio_buf_printf(b, "%.10sT12:00:00Z", date);
	else
		folio_buf_puts(b, "1980-01-01T00:00:00Z");
}

static void write_feed(folio_buf *b, const site_ctx *s)
{
	const folio_site_list *l = s->list;
	folio_buf_puts(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	                  "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>");
	folio_buf_escape(b, s->clinic);
	folio_buf_puts(b, "</title>\n<id>");
	folio_buf_escape(b, s->base[0] ? s->base : "urn:folio:site");
	folio_buf_puts(b, "</id>\n<updated>");
	atom_date(b, l->count ? l->items[0].date : NULL);
	folio_buf_puts(b, "</updated>\n<author><name>");
	folio_buf_escape(b, s->clinic);
	folio_buf_puts(b, "</name></author>\n<link rel=\"self\" href=\"");
	folio_buf_escape(b, s->base);
	folio_buf_puts(b, "feed.atom\"/>\n");
	for (size_t i = 0; i < l->count; i++) {
		const folio_site_entry *e = &l->items[i];
		folio_buf_puts(b, "<entry>\n<title>");
		folio_buf_escape(b, e->title ? e->title : e->slug);
		folio_buf_puts(b, "</title>\n<id>");
		if (s->base[0]) {
			folio_buf_escape(b, s->base);
			folio_buf_escape(b, page_of(e));
		} else {
			folio_buf_puts(b, "urn:folio:article:");
			folio_buf_escape(b, e->slug);
		}
		folio_buf_puts(b, "</id>\n<updated>");
		atom_date(b, e->date);
		folio_buf_puts(b, "</updated>\n<link href=\"");
		folio_buf_escape(b, s->base);
		folio_buf_escape(b, page_of(e));
		folio_buf_puts(b, "\"/>\n");
		if (e->author) {
			folio_buf_puts(b, "<author><name>");
			folio_buf_escape(b, e->author);
			folio_buf_puts(b, "</name></author>\n");
		}
		if (e->summary) {
			folio_buf_puts(b, "<summary>");
			folio_buf_escape(b, e->summary);
			folio_buf_puts(b, "</summary>\n");
		}
		folio_buf_puts(b, "</entry>\n");
	}
	folio_buf_puts(b, "</feed>\n");
}

/* The shared stylesheet: the html exporter's own when it offers one (format
 * "css"), so article pages and the index look alike. */
static folio_status write_stylesheet(folio_registry *reg, folio_buf *b, folio_error *err)
{
	const folio_plugin *css = folio_registry_find(reg, "css");
	if (css == NULL) {
		folio_buf_puts(b, "body{font:18px/1.6 Georgia,serif;max-width:42rem;margin:2rem auto;"
		                  "padding:0 1rem;color:#1a1a1a}a{color:#0b5c75}\n");
		return FOLIO_OK;
	}
	folio_options *o = folio_options_parse(reg, css, NULL, 0, err);
	if (o == NULL)
		return err ? err->code : FOLIO_ERR_USAGE;
	folio_doc *doc = folio_doc_new();
	folio_sink *sink = folio_sink_memory();
	folio_status st = FOLIO_ERR_NOMEM;
	if (doc != NULL && sink != NULL)
		st = folio_export(reg, doc, css, o, sink, "style.css", err);
	if (st == FOLIO_OK) {
		size_t len = 0;
		const unsigned char *data = folio_sink_memory_data(sink, &len);
		folio_buf_add(b, (const char *)data, len);
	}
	folio_sink_abort(sink);
	folio_doc_free(doc);
	folio_options_free(o);
	return st;
}

static const char *common_lang(const folio_site_list *l)
{
	const char *lang = l->count ? l->items[0].lang : NULL;
	for (size_t i = 1; lang != NULL && i < l->count; i++)
		if (l->items[i].lang == NULL || strcmp(l->items[i].lang, lang) != 0)
			lang = NULL;
	return lang ? lang : "en";
}

folio_status folio_site_write(folio_registry *reg, folio_site_list *list,
                              const folio_batch_options *opts, folio_site_put_fn put, void *ctx,
                              folio_error *err)
{
	if (list->count > 1)
		qsort(list->items, list->count, sizeof(*list->items), newest_first);
	const folio_profile *prof = reg->profile;
	const char *site_url = opts->base_url ? opts->base_url
	                                      : folio_profile_get(prof, FOLIO_PROFILE_WEBSITE);
	char base[1024] = "";
	if (site_url != NULL && site_url[0] != '\0') {
		size_t len = strlen(site_url);
		snprintf(base, sizeof(base), "%s%s", site_url, site_url[len - 1] == '/' ? "" : "/");
	} else {
		folio_registry_warn(reg, "no base URL (--base-url or the profile's website): the "
		                         "sitemap and feed use relative links");
	}
	const char *clinic = folio_profile_get(prof, FOLIO_PROFILE_NAME);
	site_ctx s = {list, prof, base, clinic ? clinic : "Articles", common_lang(list)};
	static const struct {
		const char *name;
		void (*write)(folio_buf *, const site_ctx *);
	} files[] = {
		{"index.html", write_index},
		{"sitemap.xml", write_sitemap},
		{"feed.atom", write_feed},
	};
	folio_status st = FOLIO_OK;
	for (size_t i = 0; st == FOLIO_OK && i < sizeof(files) / sizeof(files[0]); i++) {
		folio_buf b = {0};
		files[i].write(&b, &s);
		st = b.failed ? folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory")
		              : put(ctx, files[i].name, b.data, b.len, err);
		folio_buf_free(&b);
	}
	if (st == FOLIO_OK) {
		folio_buf b = {0};
		st = write_stylesheet(reg, &b, err);
		if (st == FOLIO_OK)
			st = put(ctx, "style.css", b.data ? b.data : "", b.len, err);
		folio_buf_free(&b);
	}
	return st;
}
