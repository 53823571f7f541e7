/* folio — a batch site's pages show the article's images, so the batch
 * copies each local image beside the page that uses it. A plain relative
 * source ("img/a.png") keeps its path under the article's folder and the
 * page's HTML stays as written; any other (a "../" path, an absolute one,
 * or every source in a flat site) is copied under a folder of the
 * article's own and the site pages point there while they are rendered. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "folio/fileref.h"
#include "registry_private.h"
#include "site_images_private.h"

enum { IMAGE_MAX_BYTES = 64 << 20 };

/* A source the batch can copy: a local path (no scheme, no query). */
static int is_local(const char *src)
{
	return src != NULL && src[0] != '\0' && strstr(src, "://") == NULL &&
	       strncmp(src, "data:", 5) != 0 && strncmp(src, "mailto:", 7) != 0 &&
	       strpbrk(src, "?#\\") == NULL;
}

/* A relative path that stays inside its folder: no "..", ".", empty or
 * hidden segments, no leading '/'. */
static int stays_inside(const char *src)
{
	if (src[0] == '/')
		return 0;
	for (const char *seg = src; seg != NULL;) {
		const char *end = strchr(seg, '/');
		size_t n = end ? (size_t)(end - seg) : strlen(seg);

		if (n == 0 || seg[0] == '.')
			return 0;
		seg = end ? end + 1 : NULL;
	}
	return 1;
}

/* Whether src, kept as it is beside the article's pages, would take the
 * name of one of them ("<slug>.<ext>": the page itself, or its PDF, text or
 * JSON twin), so that one would overwrite the other. */
static int page_name(const char *src, const char *slug)
{
	size_t n = strlen(slug);

	return strchr(src, '/') == NULL && strncmp(src, slug, n) == 0 && src[n] == '.';
}

static const folio_site_image *find_name(const folio_site_images *imgs, const char *name)
{
	for (size_t i = 0; i < imgs->count; i++)
		if (strcmp(imgs->items[i].name, name) == 0)
			return &imgs->items[i];
	return NULL;
}

static const folio_site_image *find_src(const folio_site_images *imgs, const char *src)
{
	for (size_t i = 0; i < imgs->count; i++)
		if (!imgs->items[i].alias && strcmp(imgs->items[i].src, src) == 0)
			return &imgs->items[i];
	return NULL;
}

/* Sets im->name and im->page_src for src; a file name taken by another
 * image gets "-2", "-3" before its extension. 1 when placed, 0 when a path
 * is too long (the image is left out), -1 when out of memory. */
static int place(const folio_site_images *imgs, folio_site_image *im, const char *slug, int flat)
{
	char name[1024], page[1024];
	const char *base = strrchr(im->src, '/');
	const char *file = base ? base + 1 : im->src;
	const char *dot = strrchr(file, '.');
	int stem = dot && dot != file ? (int)(dot - file) : (int)strlen(file);
	const char *ext = dot && dot != file ? dot : "";
	int w;

	if (!flat && stays_inside(im->src) && !page_name(im->src, slug)) {
		w = snprintf(page, sizeof page, "%s", im->src);
	} else {
		for (unsigned k = 1;; k++) {
			char unique[512];

			if (k == 1)
				w = snprintf(unique, sizeof unique, "%.*s%s", stem, file, ext);
			else
				w = snprintf(unique, sizeof unique, "%.*s-%u%s", stem, file, k,
				             ext);
			if (w < 0 || (size_t)w >= sizeof unique)
				return 0;
			if (flat)
				w = snprintf(page, sizeof page, "%s-files/%s", slug, unique);
			else
				w = snprintf(page, sizeof page, "images/%s", unique);
			if (w < 0 || (size_t)w >= sizeof page)
				return 0;
			if (flat)
				w = snprintf(name, sizeof name, "%s", page);
			else
				w = snprintf(name, sizeof name, "%s/%s", slug, page);
			if (w < 0 || (size_t)w >= sizeof name || find_name(imgs, name) == NULL)
				break;
		}
	}
	if (w < 0 || (size_t)w >= sizeof page)
		return 0;
	if (!flat && stays_inside(im->src))
		w = snprintf(name, sizeof name, "%s/%s", slug, page);
	if (w < 0 || (size_t)w >= sizeof name)
		return 0;
	im->name = strdup(name);
	im->page_src = strdup(page);
	return im->name != NULL && im->page_src != NULL ? 1 : -1;
}

/* The warning for an image left out of the site. */
static void warn_image(const folio_registry *reg, const char *input, const folio_node *n,
                       const char *src, const char *why)
{
	char where[32] = "";

	if (reg == NULL)
		return;
	if (folio_node_line(n) > 0)
		snprintf(where, sizeof where, "line %u: ", folio_node_line(n));
	folio_registry_warn(reg, "%s: %simage %s: %s; not copied to the site", input, where, src,
	                    why);
}

static folio_status add_image(const folio_registry *reg, folio_site_images *out, folio_node *n,
                              const char *input, const char *slug, int flat, folio_error *err)
{
	const char *src = folio_node_url(n);
	folio_site_image im = {.node = n, .src = src};
	folio_site_image *grown;

	const folio_site_image *seen = is_local(src) ? find_src(out, src) : NULL;

	if (src != NULL && strncasecmp(src, "file:", 5) == 0)
		warn_image(reg, input, n, src,
		           "a file: address; an article may only use files in its own folder");
	if (!is_local(src))
		return FOLIO_OK;
	if (seen != NULL) {
		/* Another use of a copied image: the same file, pointed at too. */
		im.alias = 1;
		im.name = strdup(seen->name);
		im.page_src = strdup(seen->page_src);
	} else {
		/* Only a file of the article's own folder (folio/fileref.h):
		 * anything else is not copied, so never published. */
		folio_error why;
		folio_error_clear(&why);
		im.data = (unsigned char *)folio_ref_read(input, src, IMAGE_MAX_BYTES, &im.len, NULL,
		                                          &why);
		if (im.data == NULL && why.code != FOLIO_ERR_NOMEM)
			warn_image(reg, input, n, src, why.message);
		if (im.data == NULL)
			return why.code == FOLIO_ERR_NOMEM ? folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0,
			                                                     0, "out of memory")
			                                   : FOLIO_OK;
	}
	int placed = im.alias ? (im.name && im.page_src ? 1 : -1) : place(out, &im, slug, flat);
	if (placed == 0) {
		free(im.data);
		return FOLIO_OK;
	}
	grown = placed > 0 ? realloc(out->items, (out->count + 1) * sizeof *grown) : NULL;
	if (grown == NULL) {
		free(im.data);
		free(im.name);
		free(im.page_src);
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	}
	out->items = grown;
	out->items[out->count++] = im;
	return FOLIO_OK;
}

static folio_status walk(const folio_registry *reg, folio_node *n, folio_site_images *out,
                         const char *input, const char *slug, int flat, folio_error *err)
{
	folio_status st = FOLIO_OK;

	for (; st == FOLIO_OK && n != NULL; n = folio_node_next(n)) {
		if (folio_node_get_type(n) == FOLIO_NODE_IMAGE)
			st = add_image(reg, out, n, input, slug, flat, err);
		else
			st = walk(reg, folio_node_first_child(n), out, input, slug, flat, err);
	}
	return st;
}

folio_status folio_site_images_collect(const folio_registry *reg, folio_doc *doc,
                                       const char *input, const char *slug, int flat,
                                       folio_site_images *out, folio_error *err)
{
	folio_status st;

	memset(out, 0, sizeof *out);
	st = walk(reg, folio_doc_root(doc), out, input, slug, flat, err);
	if (st != FOLIO_OK)
		folio_site_images_free(out);
	return st;
}

folio_status folio_site_images_point(folio_site_images *imgs, int on, folio_error *err)
{
	folio_status st = FOLIO_OK;

	for (size_t i = 0; st == FOLIO_OK && i < imgs->count; i++) {
		const folio_site_image *im = &imgs->items[i];

		if (strcmp(im->src, im->page_src) == 0)
			continue;
		st = folio_node_set_url(im->node, on ? im->page_src : im->src, err);
	}
	return st;
}

void folio_site_images_free(folio_site_images *imgs)
{
	for (size_t i = 0; i < imgs->count; i++) {
		free(imgs->items[i].name);
		free(imgs->items[i].page_src);
		free(imgs->items[i].data);
	}
	free(imgs->items);
	memset(imgs, 0, sizeof *imgs);
}
