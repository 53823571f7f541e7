/* folio — the images a batch site's page uses, copied beside it. */
#ifndef FOLIO_SITE_IMAGES_PRIVATE_H
#define FOLIO_SITE_IMAGES_PRIVATE_H

#include <stddef.h>

#include "folio/doc.h"
#include "folio/error.h"
#include "folio/registry.h"

/* One local image of an article: its node, the source as written, the file's
 * bytes and the name it takes in the batch's output. */
typedef struct folio_site_image {
	folio_node *node;
	const char *src;     /* the document's (arena-owned) */
	char *name;          /* output path, e.g. "<slug>/img/a.png"; malloc'd */
	char *page_src;      /* name relative to the article's page; malloc'd */
	unsigned char *data; /* malloc'd; NULL once handed on */
	size_t len;
	int alias; /* another node using an earlier entry's file: no data */
} folio_site_image;

typedef struct folio_site_images {
	folio_site_image *items;
	size_t count;
} folio_site_images;

/* Collects doc's local images (not URLs, not data:), read from the folder of
 * input. A page at "<slug>/<slug>.html" (flat 0) or "<slug>.html" (flat 1)
 * finds each at page_src: the source itself when it is a plain relative path
 * inside the article's folder (nested sites), else "<slug>-files/<name>" or
 * "images/<name>". An image that is not a file of the article's own folder
 * (folio/fileref.h) or cannot be read is left out, with a warning through
 * reg's log (reg may be NULL) naming the input, the line and the reason. Each image node has an entry; a second use of a file is an
 * alias (no data of its own). FOLIO_ERR_NOMEM is the only failure. Free with
 * folio_site_images_free. */
folio_status folio_site_images_collect(const folio_registry *reg, folio_doc *doc,
                                       const char *input, const char *slug, int flat,
                                       folio_site_images *out, folio_error *err);

/* Points doc's image nodes at their page_src (on 1) or back at their
 * sources (on 0). */
folio_status folio_site_images_point(folio_site_images *imgs, int on, folio_error *err);

void folio_site_images_free(folio_site_images *imgs);

#endif
