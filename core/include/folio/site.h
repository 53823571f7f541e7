/* folio — the site around a batch's pages, as a page format sees it.
 *
 * When a batch exports a format whose descriptor has site operations
 * (folio_site_ops in folio/plugin.h; the html format has them), it collects
 * what an index needs of every exported article and, after the last one,
 * hands the list to the format, which writes the site's own files (an index,
 * a sitemap, a feed, a shared stylesheet) through a put function. The core
 * knows no format by name: whichever format offers these operations gets the
 * site.
 *
 * The entries are sorted newest first (undated last, ties in input order).
 * Strings are UTF-8 and live as long as the site; NULL when absent.
 */
#ifndef FOLIO_SITE_H
#define FOLIO_SITE_H

#include <stddef.h>

#include "folio/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct folio_site folio_site;

typedef enum folio_site_field {
	FOLIO_SITE_SLUG = 0, /* the article's name in the site: "neck-pain" */
	FOLIO_SITE_TITLE,
	FOLIO_SITE_DATE,     /* ISO 8601, as in the article */
	FOLIO_SITE_SUMMARY,
	FOLIO_SITE_LANG,     /* BCP 47 */
	FOLIO_SITE_BYLINE,   /* the authors as the article's language writes them */
	FOLIO_SITE_FIELD_COUNT
} folio_site_field;

FOLIO_API size_t folio_site_count(const folio_site *site);
FOLIO_API const char *folio_site_get(const folio_site *site, size_t i, folio_site_field field);
/* The article's tags. */
FOLIO_API size_t folio_site_tag_count(const folio_site *site, size_t i);
FOLIO_API const char *folio_site_tag(const folio_site *site, size_t i, size_t j);
/* The files written for the article, relative to the site, '/'-separated
 * ("neck-pain/neck-pain.html"), in the order of the batch's formats. */
FOLIO_API size_t folio_site_file_count(const folio_site *site, size_t i);
FOLIO_API const char *folio_site_file(const folio_site *site, size_t i, size_t j);
/* The site's absolute base URL ending in '/', or "" when none is known (the
 * batch has warned: links stay relative). */
FOLIO_API const char *folio_site_base_url(const folio_site *site);
/* The language all articles share, or NULL when they differ. */
FOLIO_API const char *folio_site_lang(const folio_site *site);
/* 1 when pages sit beside the site's files (--flat), 0 when each article
 * has a folder of its own. */
FOLIO_API int folio_site_flat(const folio_site *site);

/* Writes one site file (name relative to the site, '/'-separated). */
typedef folio_status (*folio_site_put_fn)(void *ctx, const char *name, const void *data,
                                          size_t len, folio_error *err);

#ifdef __cplusplus
}
#endif
#endif
