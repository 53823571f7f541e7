/* folio — WordPress exports (WXR) as batch input. Not installed.
 *
 * A WXR file is RSS 2.0 with WordPress's namespaces: one <item> per post,
 * page, attachment or menu item. folio_wxr_read keeps the published posts
 * (and pages when asked) as plain records; folio_wxr_post_doc turns one into
 * a document, its body through the HTML importer's conversion.
 */
#ifndef FOLIO_WXR_PRIVATE_H
#define FOLIO_WXR_PRIVATE_H

#include <stddef.h>

#include "folio/import.h"

typedef struct folio_wxr_post {
	char *title;
	char *author; /* display name (or login when the export names none) */
	char *date;   /* as exported: "2019-07-24 10:00:00" */
	char *slug;   /* wp:post_name; may be empty */
	char *url;
	char *body; /* content:encoded */
	char *excerpt;
	char **tags; /* categories, then tags */
	size_t tag_count;
	unsigned line;    /* of its <item> */
	int has_password; /* password-protected on the site (still published) */
} folio_wxr_post;

typedef struct folio_wxr {
	char *lang; /* the channel's <language>, or NULL */
	folio_wxr_post *posts;
	size_t count;
} folio_wxr;

/* 1 when path names an .xml file that starts like a WordPress export. */
int folio_wxr_sniff(const char *path);

/* Reads the export at path. include_pages adds published pages to the posts.
 * A malformed file is an error naming its line and column. The caller frees
 * the result with folio_wxr_free. */
folio_wxr *folio_wxr_read(const char *path, int include_pages, folio_error *err);
/* The same from memory (size bytes at data); name is used in messages. */
folio_wxr *folio_wxr_read_memory(const char *data, size_t size, const char *name, int include_pages,
                                 folio_error *err);
void folio_wxr_free(folio_wxr *w);

/* The document for one post (caller frees). Shortcodes other than [caption]
 * are dropped and reported through opts->explain. NULL with err filled when
 * the post is unusable (no title and no text, a date that is no date). */
folio_doc *folio_wxr_post_doc(const folio_wxr *w, size_t i, const folio_import_options *opts,
                              folio_error *err);

#endif
