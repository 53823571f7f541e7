/* folio — the site around a batch's HTML pages: index.html, sitemap.xml,
 * feed.atom and the shared style.css. Private to the batch engine. */
#ifndef FOLIO_SITE_PRIVATE_H
#define FOLIO_SITE_PRIVATE_H

#include <stddef.h>

#include "folio/batch.h"

enum { FOLIO_SITE_MAX_FILES = 16 };

/* What the index needs of one article (all strings malloc'd, may be NULL). */
typedef struct folio_site_entry {
	char *slug;
	char *title;
	char *date;    /* YYYY-MM-DD... */
	char *summary;
	char *lang;
	char *author;  /* "Name, Cred; Other Name" */
	char *tags;    /* tags separated by '\n' */
	char *files[FOLIO_SITE_MAX_FILES]; /* outputs, relative to the site */
	size_t file_count;
	size_t index;  /* input order */
	double grade;  /* reading grade; negative when not measured */
} folio_site_entry;

typedef struct folio_site_list {
	folio_site_entry *items;
	size_t count;
	size_t cap;
} folio_site_list;

void folio_site_list_init(folio_site_list *l);
/* Moves e into the list (e is zeroed). */
folio_status folio_site_list_add(folio_site_list *l, folio_site_entry *e);
void folio_site_list_free(folio_site_list *l);
void folio_site_entry_clear(folio_site_entry *e);

/* malloc'd "Name, Credentials; Name" / "tag\ntag", or NULL when none. */
char *folio_site_byline(const folio_doc *doc);
char *folio_site_tags(const folio_doc *doc);

typedef folio_status (*folio_site_put_fn)(void *ctx, const char *name, const void *data,
                                          size_t len, folio_error *err);

/* Writes the site files through put. Sorts the list newest first. */
folio_status folio_site_write(folio_registry *reg, folio_site_list *list,
                              const folio_batch_options *opts, folio_site_put_fn put, void *ctx,
                              folio_error *err);

#endif
