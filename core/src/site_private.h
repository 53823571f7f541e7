/* folio — what the batch engine collects for the site around its pages
 * (folio/site.h), and the hand-over to the format that writes the site.
 * Private to the batch engine. */
#ifndef FOLIO_SITE_PRIVATE_H
#define FOLIO_SITE_PRIVATE_H

#include <stddef.h>

#include "folio/batch.h"
#include "folio/site.h"

enum { FOLIO_SITE_MAX_FILES = 16 };

/* What the index needs of one article (all strings malloc'd, may be NULL). */
typedef struct folio_site_entry {
	char *field[FOLIO_SITE_FIELD_COUNT]; /* by folio_site_field */
	char **tags;
	size_t tag_count;
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
/* Fills e's metadata from doc (slug, index, grade and files are the
 * caller's). FOLIO_ERR_NOMEM when a copy failed. */
folio_status folio_site_entry_fill(folio_site_entry *e, const folio_doc *doc);

/* Hands the list (sorted newest first here) to every format of the batch
 * that writes sites, which writes the site's files through put. */
folio_status folio_site_write(folio_registry *reg, const folio_plugin *const *formats,
                              size_t format_count, folio_site_list *list,
                              const folio_batch_options *opts, folio_site_put_fn put, void *ctx,
                              folio_error *err);

#endif
