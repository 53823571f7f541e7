/* folio bundles — what goes into a zip or tar.gz of one article, shared by
 * both plugins: the article in several formats, the images it uses, and a
 * manifest with each entry's size and SHA-256.
 *
 * Entries are rendered one at a time into a memory sink, then handed whole to
 * the archive writer. We chose this over streaming each entry through a
 * deflating sink with a data descriptor because (1) the zip writer can then
 * pick "deflated or stored, whichever is smaller" (a PDF is mostly compressed
 * already), (2) every header carries its real CRC and sizes, which every
 * unzipper reads without trouble, and (3) the manifest needs each entry's
 * hash anyway. Memory is bounded by the largest single entry (plus the zip
 * central directory, a few dozen bytes per entry), not by the archive.
 *
 * Failure anywhere (an unknown format, an exporter that fails, a write error)
 * discards the archive writer and returns the error; the caller then aborts
 * its sink, so no archive is left behind.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bundle.h"
#include "folio/fileref.h"
#include "folio/json.h"

enum {
	SLUG_MAX = 80,                /* bytes of a slug, NUL included */
	NAME_MAX_BYTES = 512,         /* an entry name we build */
	IMAGE_MAX = 64 * 1024 * 1024, /* bytes: a bigger "image" is skipped */
	FORMATS_MAX = 32,
};

const folio_option_spec bundle_options[] = {
    FOLIO_OPTION("formats", FOLIO_OPT_STRING, NULL,
     "comma-separated formats to include (default: every loaded document format)", NULL, 0, 0),
    FOLIO_OPTION_END,
};

/* ---- names ---- */

int bundle_name_safe(const char *name)
{
	size_t len = name ? strlen(name) : 0;
	if (len == 0 || len > 65535 || name[0] == '/' || !folio_utf8_valid(name, len, NULL))
		return 0;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '\\')
			return 0;
	for (const char *seg = name; *seg;) {
		size_t n = strcspn(seg, "/");
		if (n == 0 || (n == 1 && seg[0] == '.') ||
		    (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return 0;
		seg += n;
		if (*seg == '/' && *++seg == '\0')
			return 0; /* a trailing slash names a folder */
	}
	return 1;
}

/* The safe base name of an image path: the last component, with anything but
 * letters, digits, '.', '-' and '_' turned into '-', and no leading dot. */
static void image_base(const char *src, char *out, size_t n)
{
	const char *base = strrchr(src, '/');
	base = base ? base + 1 : src;
	size_t k = 0;
	for (const char *p = base; *p && *p != '?' && *p != '#' && k + 1 < n; p++) {
		char c = *p;
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		         (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
		if (k == 0 && c == '.')
			continue;
		out[k++] = ok ? c : '-';
	}
	out[k] = '\0';
	if (k == 0)
		snprintf(out, n, "image");
}

/* ---- the bundle being built ---- */

typedef struct manifest_entry {
	char *name;
	char *origin;       /* an image's resolved path, else NULL */
	const char *format; /* static or the plugin's; "image" for images */
	const char *media_type;
	size_t size;
	char sha256[65];
} manifest_entry;

typedef struct bundle {
	const folio_archive_ops *ops;
	folio_archive *archive;
	const folio_host *host;
	const folio_doc *doc;
	char slug[SLUG_MAX];
	manifest_entry *entries; /* owned, with their names */
	size_t count, cap;
	/* Each bundled image's node, its source as written and its entry
	 * relative to the HTML page: the bundled page points at the bundle. */
	struct pointer {
		folio_node *node;
		char *orig, *rel;
	} *pointers;
	size_t npointers;
} bundle;

/* Records that n's image is the entry name (owned copies). */
static folio_status bundle_point(bundle *b, const folio_node *n, const char *name,
                                 folio_error *err)
{
	struct pointer *p = realloc(b->pointers, (b->npointers + 1) * sizeof(*p));
	if (p == NULL)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "bundle: out of memory");
	b->pointers = p;
	p = &p[b->npointers];
	p->node = (folio_node *)n; /* changed only while the HTML renders */
	p->orig = strdup(folio_node_url(n));
	p->rel = strdup(name + strlen(b->slug) + 1);
	if (p->orig == NULL || p->rel == NULL) {
		free(p->orig);
		free(p->rel);
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "bundle: out of memory");
	}
	b->npointers++;
	return FOLIO_OK;
}

/* Points every bundled image's node at its entry (on) or back (off). */
static folio_status bundle_repoint(bundle *b, int on, folio_error *err)
{
	folio_status st = FOLIO_OK;
	for (size_t i = 0; i < b->npointers && st == FOLIO_OK; i++)
		st = folio_node_set_url(b->pointers[i].node,
		                        on ? b->pointers[i].rel : b->pointers[i].orig, err);
	return st;
}

static folio_status bundle_add(bundle *b, const char *name, const char *format,
                               const char *media_type, const void *data, size_t len,
                               folio_error *err)
{
	if (b->count == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 8;
		manifest_entry *e = realloc(b->entries, cap * sizeof(*e));
		if (e == NULL)
			return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0,
			                       "bundle: out of memory");
		b->entries = e;
		b->cap = cap;
	}
	manifest_entry *e = &b->entries[b->count];
	e->name = strdup(name);
	if (e->name == NULL)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "bundle: out of memory");
	e->origin = NULL;
	e->format = format;
	e->media_type = media_type;
	e->size = len;
	bundle_sha256_hex(data, len, e->sha256);
	b->count++;
	return b->ops->add(b->archive, name, data, len, err);
}

/* The entry named name, ignoring case: "A.png" and "a.png" would be one file
 * once the archive is unpacked on a case-insensitive file system. */
static const manifest_entry *bundle_find(const bundle *b, const char *name)
{
	for (size_t i = 0; i < b->count; i++)
		if (strcasecmp(b->entries[i].name, name) == 0)
			return &b->entries[i];
	return NULL;
}

/* ---- formats ---- */

/* The plugins to include: the formats= list, checked before anything is
 * written, or every loaded plugin that is not itself a container. */
static folio_status pick_formats(const folio_host *host, const char *list, const folio_plugin **out,
                                 size_t *n, folio_error *err)
{
	*n = 0;
	size_t count = host->format_count(host);
	if (list == NULL) {
		for (size_t i = 0; i < count && *n < FORMATS_MAX; i++) {
			const folio_plugin *p = host->format_at(host, i);
			if (!(p->flags & (FOLIO_PLUGIN_CONTAINER | FOLIO_PLUGIN_AUXILIARY)))
				out[(*n)++] = p;
		}
		if (*n == 0)
			return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0,
			                       "bundle: no document formats are loaded");
		return FOLIO_OK;
	}
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");
		const folio_plugin *found = NULL;
		for (size_t i = 0; i < count && found == NULL; i++) {
			const folio_plugin *c = host->format_at(host, i);
			if (strlen(c->name) == len && strncmp(c->name, p, len) == 0)
				found = c;
		}
		if (len > 0 && found == NULL)
			return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0,
			                       "formats: no exporter for '%.*s'", (int)len, p);
		if (found != NULL && (found->flags & FOLIO_PLUGIN_CONTAINER))
			return folio_error_set(
			    err, FOLIO_ERR_USAGE, NULL, 0, 0,
			    "formats: '%s' is an archive and cannot go in a bundle", found->name);
		int dup = 0;
		for (size_t i = 0; i < *n; i++)
			dup |= out[i] == found;
		if (found != NULL && !dup) {
			if (*n == FORMATS_MAX)
				return folio_error_set(err, FOLIO_ERR_LIMIT, NULL, 0, 0,
				                       "formats: too many");
			out[(*n)++] = found;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	if (*n == 0)
		return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0,
		                       "formats: the list is empty");
	return FOLIO_OK;
}

/* Renders one format into memory and adds it as <slug>/<slug>.<ext>. */
static folio_status add_format(bundle *b, const folio_plugin *p, folio_error *err)
{
	char name[NAME_MAX_BYTES];
	snprintf(name, sizeof(name), "%s/%s.%s", b->slug, b->slug, p->extension);
	folio_sink *mem = folio_sink_memory();
	if (mem == NULL)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "bundle: out of memory");
	int html = strcmp(p->extension, "html") == 0;
	folio_status st = html ? bundle_repoint(b, 1, err) : FOLIO_OK;
	if (st == FOLIO_OK)
		st = b->host->render(b->host, b->doc, p->name, NULL, mem, err);
	if (html) {
		folio_status back = bundle_repoint(b, 0, err);
		if (st == FOLIO_OK)
			st = back;
	}
	if (st == FOLIO_OK && folio_sink_status(mem) != FOLIO_OK) {
		st = folio_sink_status(mem);
		if (err != NULL)
			*err = *folio_sink_error(mem);
	}
	if (st == FOLIO_OK) {
		size_t len = 0;
		const unsigned char *data = folio_sink_memory_data(mem, &len);
		st = bundle_add(b, name, p->name, p->media_type,
		                data ? data : (const unsigned char *)"", len, err);
	}
	folio_sink_abort(mem); /* releases the buffer either way */
	return st;
}

/* ---- images ---- */

static const struct {
	const char *ext;
	const char *type;
} image_types[] = {
    {".png", "image/png"}, {".jpg", "image/jpeg"},  {".jpeg", "image/jpeg"},
    {".gif", "image/gif"}, {".webp", "image/webp"}, {".svg", "image/svg+xml"},
};

static const char *image_media_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof(image_types) / sizeof(image_types[0]); i++)
		if (strcasecmp(dot, image_types[i].ext) == 0)
			return image_types[i].type;
	return "application/octet-stream";
}

/* Decodes %XX escapes (Markdown keeps "my%20photo.png" as written) into a
 * new string; caller frees. A NUL byte stays encoded. */
static int hex_value(char c)
{
	const char *digits = "0123456789abcdef";
	const char *p = c ? strchr(digits, c | 0x20) : NULL;
	return p ? (int)(p - digits) : -1;
}

static char *percent_decode(const char *s)
{
	size_t n = strlen(s), k = 0;
	char *out = malloc(n + 1);
	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		int hi = s[i] == '%' && i + 2 < n + 1 ? hex_value(s[i + 1]) : -1;
		int lo = hi >= 0 ? hex_value(s[i + 2]) : -1;
		if (lo >= 0 && (hi | lo) != 0) {
			out[k++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[k++] = s[i];
		}
	}
	out[k] = '\0';
	return out;
}

/* A path on this machine rather than a web address: relative, absolute
 * ("/etc/passwd", not "//host/x") or a file: address. Only the relative ones
 * can be bundled (folio_ref_read refuses the rest, with a reason). */
static int image_is_file(const char *src)
{
	size_t colon = strcspn(src, ":/?#");
	if (src[0] == '/')
		return src[1] != '/';
	return src[0] != '\0' && (src[colon] != ':' || strncasecmp(src, "file:", 5) == 0);
}

static folio_status add_local_image(bundle *b, const folio_node *n, const char *src,
                                     folio_error *err);

/* The warning for an image left out, with its line when the model knows it. */
static void bundle_warn_image(bundle *b, const folio_node *n, const char *src, const char *why)
{
	char where[32] = "";
	if (folio_node_line(n) > 0)
		snprintf(where, sizeof(where), "line %u: ", folio_node_line(n));
	b->host->warn(b->host, "%simage %s: %s; left out of the bundle", where, src, why);
}

static folio_status add_image(bundle *b, const folio_node *n, const char *url, folio_error *err)
{
	if (!image_is_file(url))
		return FOLIO_OK; /* a web address: the HTML points at it; nothing to bundle */
	if (strncasecmp(url, "file:", 5) == 0) {
		bundle_warn_image(b, n, url, "a file: address; an article may only use files in "
		                             "its own folder");
		return FOLIO_OK;
	}
	char *src = percent_decode(url);
	if (src == NULL)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "bundle: out of memory");
	folio_status st = add_local_image(b, n, src, err);
	free(src);
	return st;
}

/* An image of the article's own folder (folio_ref_read: no "..", no absolute
 * path, no link out, regular files only, IMAGE_MAX bytes at most); anything
 * else is left out with a warning. Two files with the same base name get
 * distinct entries ("a.png", "a-2.png"); one file used twice, one entry. */
static folio_status add_local_image(bundle *b, const folio_node *n, const char *src,
                                     folio_error *err)
{
	const char *article = folio_doc_get(b->doc, FOLIO_META_SOURCE);
	char base[128], name[NAME_MAX_BYTES];
	image_base(src, base, sizeof(base));
	size_t len = 0;
	char *origin = NULL;
	folio_error why;
	folio_error_clear(&why);
	char *data = folio_ref_read(article, src, IMAGE_MAX, &len, &origin, &why);
	if (data == NULL) {
		if (why.code == FOLIO_ERR_NOMEM)
			return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "bundle: out of memory");
		bundle_warn_image(b, n, src, why.message);
		return FOLIO_OK;
	}
	folio_status st = FOLIO_OK;
	const char *dot = strrchr(base, '.');
	size_t stem = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	for (unsigned k = 1;; k++) {
		if (k == 1)
			snprintf(name, sizeof(name), "%s/images/%s", b->slug, base);
		else
			snprintf(name, sizeof(name), "%s/images/%.*s-%u%s", b->slug, (int)stem, base, k,
			         base + stem);
		const manifest_entry *e = bundle_find(b, name);
		if (e == NULL)
			break;
		if (e->origin != NULL && strcmp(e->origin, origin) == 0) {
			st = bundle_point(b, n, e->name, err); /* the same file used twice */
			goto done;
		}
	}
	st = bundle_add(b, name, "image", image_media_type(base), data, len, err);
	if (st == FOLIO_OK)
		st = bundle_point(b, n, name, err);
	if (st == FOLIO_OK && b->count > 0 && b->entries[b->count - 1].origin == NULL) {
		b->entries[b->count - 1].origin = origin;
		origin = NULL;
	}
done:
	free(origin);
	free(data);
	return st;
}

/* The article's folder with a trailing '/', or "" (caller frees). */
static char *source_dir(const folio_doc *doc)
{
	const char *src = folio_doc_get(doc, FOLIO_META_SOURCE);
	const char *slash = src ? strrchr(src, '/') : NULL;
	size_t n = slash ? (size_t)(slash - src) + 1 : 0;
	char *dir = malloc(n + 1);
	if (dir != NULL) {
		memcpy(dir, src ? src : "", n);
		dir[n] = '\0';
	}
	return dir;
}

static folio_status add_images(bundle *b, folio_error *err)
{
	char *dir = source_dir(b->doc);
	folio_iter *it = dir ? folio_iter_new(folio_doc_root(b->doc)) : NULL;
	folio_status st = FOLIO_OK;
	if (it == NULL)
		st = folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "bundle: out of memory");
	folio_event ev;
	while (st == FOLIO_OK && (ev = folio_iter_next(it)) != FOLIO_EVENT_DONE) {
		const folio_node *n = folio_iter_node(it);
		if (ev == FOLIO_EVENT_ENTER && folio_node_get_type(n) == FOLIO_NODE_IMAGE &&
		    folio_node_url(n) != NULL)
			st = add_image(b, n, folio_node_url(n), err);
	}
	folio_iter_free(it);
	free(dir);
	return st;
}

/* ---- the manifest ---- */

static void put_json(void *ctx, const char *s, size_t len)
{
	folio_sink_write(ctx, s, len);
}

static void json_str(folio_sink *s, const char *v)
{
	folio_json_string(v, v ? strlen(v) : 0, 0, put_json, s);
}

static folio_status add_manifest(bundle *b, folio_error *err)
{
	folio_sink *s = folio_sink_memory();
	if (s == NULL)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "bundle: out of memory");
	const char *title = folio_doc_get(b->doc, FOLIO_META_TITLE);
	folio_sink_puts(s, "{\n  \"folio\": 1,\n  \"title\": ");
	if (title != NULL)
		json_str(s, title);
	else
		folio_sink_puts(s, "null");
	folio_sink_puts(s, ",\n  \"entries\": [");
	for (size_t i = 0; i < b->count; i++) {
		const manifest_entry *e = &b->entries[i];
		folio_sink_puts(s, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
		json_str(s, e->name);
		folio_sink_puts(s, ", \"format\": ");
		json_str(s, e->format);
		folio_sink_puts(s, ", \"media_type\": ");
		json_str(s, e->media_type);
		folio_sink_printf(s, ", \"size\": %zu, \"sha256\": \"%s\"}", e->size, e->sha256);
	}
	folio_sink_puts(s, b->count ? "\n  ]\n}\n" : "]\n}\n");
	char name[NAME_MAX_BYTES];
	snprintf(name, sizeof(name), "%s/manifest.json", b->slug);
	size_t len = 0;
	const unsigned char *data = folio_sink_memory_data(s, &len);
	folio_status st = folio_sink_status(s);
	if (st != FOLIO_OK)
		st = folio_error_set(err, st, NULL, 0, 0, "bundle: cannot build the manifest");
	else
		st = b->ops->add(b->archive, name, data, len, err);
	folio_sink_abort(s);
	return st;
}

/* ---- the whole bundle ---- */

static folio_status bundle_fill(bundle *b, const folio_plugin *const *formats, size_t n,
                                folio_error *err)
{
	/* Images first, so the HTML rendered next can point at them. */
	folio_status st = add_images(b, err);
	for (size_t i = 0; i < n && st == FOLIO_OK; i++)
		st = add_format(b, formats[i], err);
	if (st == FOLIO_OK)
		st = add_manifest(b, err);
	return st;
}

folio_status bundle_render(const folio_archive_ops *ops, const folio_doc *doc,
                           const folio_options *options, folio_sink *sink, const folio_host *host,
                           folio_error *err)
{
	const folio_plugin *formats[FORMATS_MAX];
	size_t n = 0;
	folio_status st =
	    pick_formats(host, folio_opt_string(options, "formats"), formats, &n, err);
	if (st != FOLIO_OK)
		return st;
	bundle b = {.ops = ops, .host = host, .doc = doc};
	const char *title = folio_doc_get(doc, FOLIO_META_TITLE);
	folio_slugify(title ? title : "", b.slug, sizeof(b.slug));
	b.archive = ops->open(NULL, sink, folio_doc_epoch(doc), err);
	if (b.archive == NULL)
		return err && err->code != FOLIO_OK ? err->code : FOLIO_ERR_NOMEM;
	st = bundle_fill(&b, formats, n, err);
	if (st == FOLIO_OK)
		st = ops->finish(b.archive, err);
	else
		ops->discard(b.archive);
	for (size_t i = 0; i < b.count; i++) {
		free(b.entries[i].name);
		free(b.entries[i].origin);
	}
	for (size_t i = 0; i < b.npointers; i++) {
		free(b.pointers[i].orig);
		free(b.pointers[i].rel);
	}
	free(b.pointers);
	free(b.entries);
	return st;
}
