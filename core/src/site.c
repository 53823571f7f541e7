/* folio — the site around a batch's pages: the articles' index entries,
 * collected as they are exported, then handed to the format that writes the
 * site (folio/site.h). Which files a site has, and how they look, is that
 * format's business: the core names none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf_private.h"
#include "folio/profile.h"
#include "registry_private.h"
#include "folio/present.h"
#include "site_private.h"

struct folio_site {
	const folio_site_list *list;
	const char *base; /* absolute base URL ending in '/', or "" */
	const char *lang; /* shared by every article, or NULL */
	int flat;
};

void folio_site_list_init(folio_site_list *l)
{
	memset(l, 0, sizeof(*l));
}

void folio_site_entry_clear(folio_site_entry *e)
{
	for (size_t i = 0; i < FOLIO_SITE_FIELD_COUNT; i++)
		free(e->field[i]);
	for (size_t i = 0; i < e->tag_count; i++)
		free(e->tags[i]);
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

/* The index's byline, as every format prints it (folio/present.h). */
static char *byline(const folio_doc *doc)
{
	const char *lang = folio_doc_get(doc, FOLIO_META_LANG);
	size_t len = folio_present_byline(doc, lang, 0, NULL, 0);
	char *s = len ? malloc(len + 1) : NULL;
	if (s != NULL)
		folio_present_byline(doc, lang, 0, s, len + 1);
	return s;
}

static int dup_field(folio_site_entry *e, folio_site_field f, const char *s)
{
	if (s == NULL)
		return 1;
	e->field[f] = strdup(s);
	return e->field[f] != NULL;
}

folio_status folio_site_entry_fill(folio_site_entry *e, const folio_doc *doc)
{
	int ok = dup_field(e, FOLIO_SITE_TITLE, folio_doc_get(doc, FOLIO_META_TITLE)) &&
	         dup_field(e, FOLIO_SITE_DATE, folio_doc_get(doc, FOLIO_META_DATE)) &&
	         dup_field(e, FOLIO_SITE_SUMMARY, folio_doc_get(doc, FOLIO_META_SUMMARY)) &&
	         dup_field(e, FOLIO_SITE_LANG, folio_doc_get(doc, FOLIO_META_LANG));
	e->field[FOLIO_SITE_BYLINE] = byline(doc);
	ok = ok && (folio_doc_author_count(doc) == 0 || e->field[FOLIO_SITE_BYLINE] != NULL);
	size_t n = folio_doc_tag_count(doc);
	if (ok && n > 0) {
		e->tags = calloc(n, sizeof(*e->tags));
		ok = e->tags != NULL;
		for (size_t i = 0; ok && i < n; i++) {
			e->tags[i] = strdup(folio_doc_tag(doc, i));
			ok = e->tags[i] != NULL;
			e->tag_count = i + 1;
		}
	}
	return ok ? FOLIO_OK : FOLIO_ERR_NOMEM;
}

/* ---- what a site-writing format reads (folio/site.h) ---- */

size_t folio_site_count(const folio_site *site)
{
	return site ? site->list->count : 0;
}

static const folio_site_entry *entry(const folio_site *site, size_t i)
{
	return site && i < site->list->count ? &site->list->items[i] : NULL;
}

const char *folio_site_get(const folio_site *site, size_t i, folio_site_field field)
{
	const folio_site_entry *e = entry(site, i);
	return e && (unsigned)field < FOLIO_SITE_FIELD_COUNT ? e->field[field] : NULL;
}

size_t folio_site_tag_count(const folio_site *site, size_t i)
{
	const folio_site_entry *e = entry(site, i);
	return e ? e->tag_count : 0;
}

const char *folio_site_tag(const folio_site *site, size_t i, size_t j)
{
	const folio_site_entry *e = entry(site, i);
	return e && j < e->tag_count ? e->tags[j] : NULL;
}

size_t folio_site_file_count(const folio_site *site, size_t i)
{
	const folio_site_entry *e = entry(site, i);
	return e ? e->file_count : 0;
}

const char *folio_site_file(const folio_site *site, size_t i, size_t j)
{
	const folio_site_entry *e = entry(site, i);
	return e && j < e->file_count ? e->files[j] : NULL;
}

const char *folio_site_base_url(const folio_site *site)
{
	return site ? site->base : "";
}

const char *folio_site_lang(const folio_site *site)
{
	return site ? site->lang : NULL;
}

int folio_site_flat(const folio_site *site)
{
	return site ? site->flat : 0;
}

/* ---- the hand-over ---- */

/* Newest first; undated last; ties in input order (so the order is stable
 * whatever qsort does). */
static int newest_first(const void *pa, const void *pb)
{
	const folio_site_entry *a = pa;
	const folio_site_entry *b = pb;
	const char *da = a->field[FOLIO_SITE_DATE];
	const char *db = b->field[FOLIO_SITE_DATE];
	if (da && db) {
		int c = strcmp(db, da);
		if (c != 0)
			return c;
	} else if (da || db) {
		return da ? -1 : 1;
	}
	return a->index < b->index ? -1 : a->index > b->index;
}

static const char *common_lang(const folio_site_list *l)
{
	const char *lang = l->count ? l->items[0].field[FOLIO_SITE_LANG] : NULL;
	for (size_t i = 1; lang != NULL && i < l->count; i++) {
		const char *other = l->items[i].field[FOLIO_SITE_LANG];
		if (other == NULL || strcmp(other, lang) != 0)
			lang = NULL;
	}
	return lang;
}

folio_status folio_site_write(folio_registry *reg, const folio_plugin *const *formats,
                              size_t format_count, folio_site_list *list,
                              const folio_batch_options *opts, folio_site_put_fn put, void *ctx,
                              folio_error *err)
{
	if (list->count > 1)
		qsort(list->items, list->count, sizeof(*list->items), newest_first);
	const char *site_url = opts->base_url ? opts->base_url
	                                      : folio_profile_get(reg->profile, FOLIO_PROFILE_WEBSITE);
	char base[1024] = "";
	if (site_url != NULL && site_url[0] != '\0') {
		size_t len = strlen(site_url);
		snprintf(base, sizeof(base), "%s%s", site_url, site_url[len - 1] == '/' ? "" : "/");
	} else {
		folio_registry_warn(reg, "no base URL (--base-url or the profile's website): the "
		                         "sitemap and feed use relative links");
	}
	folio_site site = {list, base, common_lang(list), opts->flat != 0};
	folio_status st = FOLIO_OK;
	for (size_t i = 0; st == FOLIO_OK && i < format_count; i++)
		if (folio_plugin_site_ops(formats[i]) != NULL)
			st = folio_export_site(reg, formats[i], &site, put, ctx, err);
	return st;
}
