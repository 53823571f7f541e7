/* folio — batch export: a thread pool renders articles into memory; the
 * calling thread commits them in input order (files or archive entries), so
 * output is identical for any number of threads, and only a window of
 * articles is ever held. When the archive can prepare entries ahead
 * (folio_archive_ops' prepare, the zip's deflate), each worker prepares its
 * outputs right after rendering them, so compression runs in parallel and the
 * calling thread only writes. */
#include <dirent.h>
#include <stddef.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "folio/batch.h"
#include "folio/import.h"
#include "folio/readability.h"
#include "folio/sink.h"
#include "registry_private.h"
#include "site_images_private.h"
#include "site_private.h"
#include "wxr_private.h"

enum { MAX_FORMATS = 16 };

/* One rendered output, waiting to be committed: prepared for the archive
 * (entry), or as rendered (data) when not. */
typedef struct rendered {
	char *name;                 /* relative path */
	unsigned char *data;        /* malloc'd; NULL once prepared */
	size_t len;
	folio_archive_entry *entry; /* the archive's; NULL when not prepared */
} rendered;

/* One article's result. */
typedef struct item_result {
	int ready;
	folio_error err;     /* code FOLIO_OK on success */
	rendered out[MAX_FORMATS];
	size_t out_count;
	folio_site_entry entry; /* strings malloc'd */
	folio_site_images images; /* copied beside a site's pages */
} item_result;

/* Where one article comes from: a file, or a post of a WordPress export. */
typedef struct source {
	const folio_wxr *wxr; /* NULL for a file */
	const char *path;     /* the export's path */
	size_t post;
} source;

typedef struct batch {
	folio_registry *reg;
	const folio_batch_options *opts;
	const char *const *inputs;
	size_t n;
	char **slugs;
	/* inputs with each WordPress export expanded into its posts */
	char **names;
	char **stems;
	source *sources;
	size_t name_count;
	folio_wxr **wxrs;
	size_t wxr_count;
	const folio_plugin *plugins[MAX_FORMATS];
	folio_options *options[MAX_FORMATS];
	size_t format_count;
	int want_site;
	/* the archive's prepare ops, when it has them (else NULL) */
	const folio_archive_ops *prep_ops;
	/* the pool */
	pthread_mutex_t lock;
	pthread_cond_t ready_cv;
	pthread_cond_t space_cv;
	size_t next;      /* next input to take */
	size_t committed; /* inputs committed so far */
	size_t window;
	item_result *slots;
	int stop;
} batch;

/* ---- listing inputs -------------------------------------------------------------- */

typedef struct strlist {
	char **items;
	size_t count;
	size_t cap;
} strlist;

static int strlist_add(strlist *l, const char *s)
{
	if (l->count == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		char **items = realloc(l->items, cap * sizeof(*items));
		if (items == NULL)
			return 0;
		l->items = items;
		l->cap = cap;
	}
	l->items[l->count] = strdup(s);
	return l->items[l->count++] != NULL;
}

static int has_article_extension(const char *name)
{
	static const char *const exts[] = {".md", ".markdown", ".txt", ".html", ".htm"};
	size_t len = strlen(name);
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		size_t el = strlen(exts[i]);
		if (len > el && strcmp(name + len - el, exts[i]) == 0)
			return 1;
	}
	return 0;
}

/* 1 when the symbolic link at path names a regular file inside the folder
 * whose real path is real_root. */
static int link_inside(const char *path, const char *real_root)
{
	char *real = realpath(path, NULL);
	size_t n = strlen(real_root);
	struct stat sb;
	int ok = real != NULL && strncmp(real, real_root, n) == 0 && real[n] == '/' &&
	         stat(real, &sb) == 0 && S_ISREG(sb.st_mode);
	free(real);
	return ok;
}

/* Walks dir with an explicit stack of folders: no recursion on user depth.
 * Symbolic links to folders are never followed (no loops, no escape); a link
 * to a file is taken only when the file lies inside root. */
static folio_status walk(const char *root, strlist *out, folio_error *err)
{
	strlist stack = {0};
	folio_status st = FOLIO_OK;
	char *real_root = realpath(root, NULL);
	if (real_root == NULL)
		return folio_error_set(err, FOLIO_ERR_IO, root, 0, 0, "cannot read folder: %s",
		                       strerror(errno));
	if (!strlist_add(&stack, root)) {
		free(real_root);
		return folio_error_set(err, FOLIO_ERR_NOMEM, root, 0, 0, "out of memory");
	}
	while (stack.count > 0 && st == FOLIO_OK) {
		char *dir = stack.items[--stack.count];
		DIR *d = opendir(dir);
		if (d == NULL) {
			st = folio_error_set(err, FOLIO_ERR_IO, dir, 0, 0, "cannot read folder: %s",
			                     strerror(errno));
			free(dir);
			break;
		}
		struct dirent *de;
		while (st == FOLIO_OK && (de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue; /* hidden files, ".", ".." */
			char path[4096];
			if (snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >= (int)sizeof(path))
				continue;
			struct stat sb;
			if (lstat(path, &sb) != 0)
				continue;
			if (S_ISLNK(sb.st_mode)) {
				if (!has_article_extension(de->d_name) || !link_inside(path, real_root))
					continue;
				sb.st_mode = S_IFREG;
			}
			int ok = 1;
			if (S_ISDIR(sb.st_mode))
				ok = strlist_add(&stack, path);
			else if (S_ISREG(sb.st_mode) && has_article_extension(de->d_name))
				ok = strlist_add(out, path);
			if (!ok)
				st = folio_error_set(err, FOLIO_ERR_NOMEM, dir, 0, 0, "out of memory");
		}
		closedir(d);
		free(dir);
	}
	for (size_t i = 0; i < stack.count; i++)
		free(stack.items[i]);
	free(stack.items);
	free(real_root);
	return st;
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void folio_batch_list_free(char **list, size_t count)
{
	for (size_t i = 0; list != NULL && i < count; i++)
		free(list[i]);
	free(list);
}

folio_status folio_batch_list(const char *const *paths, size_t n, char ***out, size_t *count,
                              folio_error *err)
{
	strlist l = {0};
	folio_status st = FOLIO_OK;
	for (size_t i = 0; i < n && st == FOLIO_OK; i++) {
		struct stat sb;
		if (stat(paths[i], &sb) != 0)
			st = folio_error_set(err, FOLIO_ERR_IO, paths[i], 0, 0, "%s", strerror(errno));
		else if (S_ISDIR(sb.st_mode))
			st = walk(paths[i], &l, err);
		else if (!strlist_add(&l, paths[i]))
			st = folio_error_set(err, FOLIO_ERR_NOMEM, paths[i], 0, 0, "out of memory");
	}
	if (st != FOLIO_OK) {
		folio_batch_list_free(l.items, l.count);
		return st;
	}
	if (l.count > 1)
		qsort(l.items, l.count, sizeof(*l.items), cmp_path);
	size_t kept = 0;
	for (size_t i = 0; i < l.count; i++) {
		if (kept > 0 && strcmp(l.items[kept - 1], l.items[i]) == 0)
			free(l.items[i]);
		else
			l.items[kept++] = l.items[i];
	}
	*out = l.items;
	*count = kept;
	return FOLIO_OK;
}

/* ---- slugs ------------------------------------------------------------------------ */

/* A set of strings (open addressing) for making slugs unique in linear time. */
typedef struct strset {
	const char **slots;
	size_t cap;
} strset;

static size_t hash_str(const char *s)
{
	size_t h = 1469598103934665603ull & (size_t)-1;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ull;
	return h;
}

/* Adds s unless present; returns 1 when added. cap is a power of two larger
 * than twice the number of strings ever added. */
static int strset_add(strset *set, const char *s)
{
	size_t i = hash_str(s) & (set->cap - 1);
	while (set->slots[i] != NULL) {
		if (strcmp(set->slots[i], s) == 0)
			return 0;
		i = (i + 1) & (set->cap - 1);
	}
	set->slots[i] = s;
	return 1;
}

/* From each input's file name, made unique in input order ("-2", "-3"): known
 * before any article is read, so every thread count gives the same names. */
static char **make_slugs(const char *const *inputs, char *const *stems, size_t n)
{
	char **slugs = calloc(n ? n : 1, sizeof(*slugs));
	strset set = {NULL, 16};
	while (set.cap < 2 * n + 2)
		set.cap *= 2;
	set.slots = calloc(set.cap, sizeof(*set.slots));
	if (slugs == NULL || set.slots == NULL)
		goto fail;
	/* The site's own index.html: an article named "index" becomes
	 * "index-2", so a flat site (or a zip of one) never holds two. */
	strset_add(&set, "index");
	for (size_t i = 0; i < n; i++) {
		const char *base = strrchr(inputs[i], '/');
		base = base ? base + 1 : inputs[i];
		char stem[256];
		snprintf(stem, sizeof(stem), "%s", base);
		char *dot = strrchr(stem, '.');
		if (dot != NULL && dot != stem)
			*dot = '\0';
		if (stems != NULL && stems[i] != NULL)
			snprintf(stem, sizeof(stem), "%s", stems[i]);
		char slug[112];
		folio_slugify(stem, slug, sizeof(slug));
		char unique[128];
		snprintf(unique, sizeof(unique), "%s", slug);
		slugs[i] = strdup(unique);
		for (unsigned k = 2; slugs[i] != NULL && !strset_add(&set, slugs[i]); k++) {
			free(slugs[i]);
			snprintf(unique, sizeof(unique), "%s-%u", slug, k);
			slugs[i] = strdup(unique);
		}
		if (slugs[i] == NULL)
			goto fail;
	}
	free(set.slots);
	return slugs;
fail:
	free(set.slots);
	folio_batch_list_free(slugs, n);
	return NULL;
}

/* ---- formats and their options ------------------------------------------------------- */

static int plugin_has_option(const folio_plugin *p, const char *name, size_t len)
{
	const folio_option_spec *o;
	for (size_t i = 0; (o = folio_plugin_option(p, i)) != NULL; i++)
		if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
			return 1;
	return 0;
}

/* Picks, for format p, the settings meant for it: "p.name=value" always,
 * "name=value" when p declares name. */
static size_t settings_for(const folio_plugin *p, const folio_batch_options *o, const char **out,
                           size_t max)
{
	size_t k = 0;
	size_t plen = strlen(p->name);
	for (size_t i = 0; i < o->setting_count && k < max; i++) {
		const char *s = o->settings[i];
		const char *eq = strchr(s, '=');
		size_t name_len = eq ? (size_t)(eq - s) : strlen(s);
		if (name_len > plen && strncmp(s, p->name, plen) == 0 && s[plen] == '.')
			out[k++] = s + plen + 1;
		else if (memchr(s, '.', name_len) == NULL && plugin_has_option(p, s, name_len))
			out[k++] = s;
	}
	return k;
}

/* Every setting must reach some format, or it is a typo. */
static folio_status check_settings_used(const batch *b, folio_error *err)
{
	const folio_batch_options *o = b->opts;
	for (size_t i = 0; i < o->setting_count; i++) {
		const char *s = o->settings[i];
		const char *eq = strchr(s, '=');
		size_t name_len = eq ? (size_t)(eq - s) : strlen(s);
		int used = 0;
		for (size_t f = 0; f < b->format_count && !used; f++) {
			const folio_plugin *p = b->plugins[f];
			size_t plen = strlen(p->name);
			used = (name_len > plen && strncmp(s, p->name, plen) == 0 && s[plen] == '.') ||
			       plugin_has_option(p, s, name_len);
		}
		if (!used)
			return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0,
			                       "-O %.*s: none of the formats has this option "
			                       "(see 'folio formats FORMAT'; use FORMAT.NAME=VALUE)",
			                       (int)name_len, s);
	}
	return FOLIO_OK;
}

static folio_status resolve_formats(batch *b, folio_error *err)
{
	const folio_batch_options *o = b->opts;
	if (o->format_count == 0 || o->format_count > MAX_FORMATS)
		return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0,
		                       "a batch needs between 1 and %d formats", MAX_FORMATS);
	for (size_t i = 0; i < o->format_count; i++) {
		const folio_plugin *p = folio_registry_find(b->reg, o->formats[i]);
		if (p == NULL)
			return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0,
			                       "unknown format '%s' (see 'folio formats')",
			                       o->formats[i]);
		for (size_t j = 0; j < i; j++)
			if (b->plugins[j] == p)
				return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0,
				                       "format '%s' is listed twice", p->name);
		b->plugins[i] = p;
		b->format_count = i + 1;
		if (folio_plugin_site_ops(p) != NULL)
			b->want_site = 1;
	}
	folio_status st = check_settings_used(b, err);
	for (size_t i = 0; st == FOLIO_OK && i < b->format_count; i++) {
		const char *mine[64];
		size_t k = settings_for(b->plugins[i], o, mine, 60);
		/* What the site asks of its pages (the html format: one shared
		 * stylesheet instead of each page inlining it). */
		const folio_plugin *p = b->plugins[i];
		const folio_site_ops *site = folio_plugin_site_ops(p);
		const char *const *extra =
		    site && site->page_settings ? site->page_settings(o->flat != 0) : NULL;
		for (size_t j = 0; extra != NULL && extra[j] != NULL && k < 64; j++)
			mine[k++] = extra[j];
		b->options[i] = folio_options_parse(b->reg, p, mine, k, err);
		if (b->options[i] == NULL)
			st = err ? err->code : FOLIO_ERR_USAGE;
	}
	return st;
}

/* ---- one article (on a worker thread) -------------------------------------------------- */

static void result_clear(const batch *b, item_result *r)
{
	for (size_t i = 0; i < r->out_count; i++) {
		free(r->out[i].name);
		free(r->out[i].data);
		if (r->out[i].entry != NULL)
			b->prep_ops->entry_free(r->out[i].entry);
	}
	folio_site_entry_clear(&r->entry);
	folio_site_images_free(&r->images);
	memset(r, 0, sizeof(*r));
}

/* Hands o's data to the archive's prepare (compressing it here, on the
 * worker); on failure o keeps its data and is added the plain way. */
static void prepare_output(const batch *b, folio_archive_prep *prep, rendered *o)
{
	if (prep == NULL)
		return;
	folio_error ignored;
	o->entry = b->prep_ops->prepare(prep, o->data, o->len, &ignored);
	if (o->entry != NULL) {
		free(o->data);
		o->data = NULL;
	}
}

static int cancelled(const batch *b)
{
	return b->opts->cancel != NULL && *b->opts->cancel != 0;
}

static folio_status render_one(batch *b, folio_archive_prep *prep, size_t i, folio_doc *doc,
                               item_result *r)
{
	const char *slug = b->slugs[i];
	if (b->want_site) {
		folio_status st = folio_site_images_collect(b->reg, doc, b->inputs[i], slug,
		                                            b->opts->flat != 0, &r->images, &r->err);
		if (st != FOLIO_OK)
			return st;
	}
	for (size_t f = 0; f < b->format_count; f++) {
		/* A cancelled batch commits nothing more: the worker stops between
		 * formats, so SIGTERM waits for one render at most, not an article. */
		if (cancelled(b))
			return folio_error_set(&r->err, FOLIO_ERR_RENDER, NULL, 0, 0, "interrupted");
		const folio_plugin *p = b->plugins[f];
		int site_page = b->want_site && folio_plugin_site_ops(p) != NULL;
		char name[512];
		if (b->opts->flat)
			snprintf(name, sizeof(name), "%s.%s", slug, p->extension);
		else
			snprintf(name, sizeof(name), "%s/%s.%s", slug, slug, p->extension);
		folio_sink *sink = folio_sink_memory();
		if (sink == NULL)
			return folio_error_set(&r->err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		const char *base = strrchr(name, '/');
		folio_status st = site_page ? folio_site_images_point(&r->images, 1, &r->err) : FOLIO_OK;
		if (st == FOLIO_OK)
			st = folio_export(b->reg, doc, p, b->options[f], sink, base ? base + 1 : name,
			                  &r->err);
		if (st == FOLIO_OK && site_page)
			st = folio_site_images_point(&r->images, 0, &r->err);
		if (st != FOLIO_OK) {
			folio_sink_abort(sink);
			return st;
		}
		rendered *o = &r->out[r->out_count];
		o->data = folio_sink_memory_take(sink, &o->len);
		o->name = strdup(name);
		folio_sink_abort(sink);
		r->out_count++;
		if (o->data == NULL || o->name == NULL)
			return folio_error_set(&r->err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		prepare_output(b, prep, o);
	}
	return FOLIO_OK;
}

static void fill_entry(batch *b, size_t i, const folio_doc *doc, item_result *r)
{
	folio_site_entry *e = &r->entry;
	e->index = i;
	e->grade = -1;
	folio_readability *read = folio_readability_measure(doc, NULL, NULL);
	if (read != NULL && folio_readability_get_count(read, FOLIO_READ_WORDS) > 0 &&
	    folio_readability_has_formula(read))
		e->grade = folio_readability_get_score(read, FOLIO_READ_GRADE);
	folio_readability_free(read);
	if (!b->want_site)
		return;
	e->field[FOLIO_SITE_SLUG] = strdup(b->slugs[i]);
	int ok = e->field[FOLIO_SITE_SLUG] != NULL && folio_site_entry_fill(e, doc) == FOLIO_OK;
	for (size_t f = 0; ok && f < r->out_count && f < FOLIO_SITE_MAX_FILES; f++) {
		e->files[f] = strdup(r->out[f].name);
		ok = e->files[f] != NULL;
		e->file_count = f + 1;
	}
	if (!ok)
		folio_error_set(&r->err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
}

static void process(batch *b, folio_archive_prep *prep, size_t i, item_result *r)
{
	folio_import_options io = {.size = sizeof(io),
	                           .format = b->opts->input_format,
	                           .max_input = b->opts->max_input};
	if (b->opts->size > offsetof(folio_batch_options, quotes))
		io.quotes = b->opts->quotes;
	folio_error_clear(&r->err);
	if (cancelled(b)) {
		folio_error_set(&r->err, FOLIO_ERR_RENDER, NULL, 0, 0, "interrupted");
		return;
	}
	folio_doc *doc = NULL;
	const source *src = &b->sources[i];
	if (src->wxr != NULL) {
		io.explain = b->opts->size > offsetof(folio_batch_options, explain) ? b->opts->explain
		                                                                     : NULL;
		io.explain_userdata = io.explain ? b->opts->explain_userdata : NULL;
		doc = folio_wxr_post_doc(src->wxr, src->post, &io, &r->err);
		if (doc == NULL)
			folio_error_set_file(&r->err, src->path);
	} else {
		doc = folio_import_file(b->inputs[i], &io, &r->err);
	}
	if (doc == NULL)
		return;
	if (render_one(b, prep, i, doc, r) == FOLIO_OK)
		fill_entry(b, i, doc, r);
	else
		folio_error_set_file(&r->err, b->inputs[i]);
	folio_doc_free(doc);
}

/* What one worker thread gets: the batch and its own prep (or NULL). */
typedef struct worker_arg {
	batch *b;
	folio_archive_prep *prep;
} worker_arg;

static void *worker(void *arg)
{
	batch *b = ((worker_arg *)arg)->b;
	folio_archive_prep *prep = ((worker_arg *)arg)->prep;
	for (;;) {
		pthread_mutex_lock(&b->lock);
		while (!b->stop && b->next < b->n && b->next >= b->committed + b->window)
			pthread_cond_wait(&b->space_cv, &b->lock);
		if (b->stop || b->next >= b->n) {
			pthread_mutex_unlock(&b->lock);
			return NULL;
		}
		size_t i = b->next++;
		pthread_mutex_unlock(&b->lock);

		item_result r;
		memset(&r, 0, sizeof(r));
		process(b, prep, i, &r);

		pthread_mutex_lock(&b->lock);
		r.ready = 1;
		b->slots[i % b->window] = r;
		pthread_cond_broadcast(&b->ready_cv);
		pthread_mutex_unlock(&b->lock);
	}
}

/* ---- where outputs go (on the calling thread) ------------------------------------------- */

typedef struct output {
	const char *root;              /* folder mode */
	const folio_archive_ops *ops;  /* archive mode */
	folio_archive *archive;
	folio_sink *sink;
	size_t files;
} output;

/* mkdir -p for the folders of root/name; *made receives how many of the
 * deepest folders it created (for remove_made). */
static folio_status make_parents(const char *path, unsigned *made, folio_error *err)
{
	char buf[4096];
	*made = 0;
	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf))
		return folio_error_set(err, FOLIO_ERR_IO, path, 0, 0, "path too long");
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0777) == 0)
			(*made)++;
		else if (errno != EEXIST)
			return folio_error_set(err, FOLIO_ERR_IO, buf, 0, 0, "cannot create folder: %s",
			                       strerror(errno));
		*p = '/';
	}
	return FOLIO_OK;
}

/* Removes the made deepest folders of path that make_parents created, when
 * the file in them could not be written (a full disk leaves no empty
 * article folders). rmdir refuses a folder something else filled meanwhile. */
static void remove_made(const char *path, unsigned made)
{
	char buf[4096];
	snprintf(buf, sizeof(buf), "%s", path);
	for (; made > 0; made--) {
		char *slash = strrchr(buf, '/');
		if (slash == NULL || slash == buf)
			return;
		*slash = '\0';
		if (rmdir(buf) != 0)
			return;
	}
}

static folio_status output_put(void *ctx, const char *name, const void *data, size_t len,
                               folio_error *err)
{
	output *o = ctx;
	o->files++;
	if (o->archive != NULL)
		return o->ops->add(o->archive, name, data, len, err);
	char path[4096];
	if (snprintf(path, sizeof(path), "%s/%s", o->root, name) >= (int)sizeof(path))
		return folio_error_set(err, FOLIO_ERR_IO, name, 0, 0, "path too long");
	unsigned made = 0;
	folio_status st = make_parents(path, &made, err);
	if (st != FOLIO_OK) {
		remove_made(path, made);
		return st;
	}
	folio_sink *s = folio_sink_file(path, err);
	if (s == NULL) {
		remove_made(path, made);
		return err ? err->code : FOLIO_ERR_IO;
	}
	folio_sink_write(s, data, len);
	st = folio_sink_close(s, err);
	if (st != FOLIO_OK)
		remove_made(path, made);
	return st;
}

/* One rendered output: prepared entries go to add_prepared (which takes
 * them), the rest through output_put. */
static folio_status output_put_rendered(output *o, rendered *r, folio_error *err)
{
	if (r->entry == NULL)
		return output_put(o, r->name, r->data, r->len, err);
	folio_archive_entry *e = r->entry;
	r->entry = NULL;
	o->files++;
	return o->ops->add_prepared(o->archive, r->name, e, err);
}

/* ops when they have the optional prepare functions, else NULL. */
static const folio_archive_ops *prepare_ops(const folio_archive_ops *ops)
{
	if (ops == NULL ||
	    ops->size < offsetof(folio_archive_ops, entry_free) + sizeof(ops->entry_free))
		return NULL;
	if (ops->prep_new == NULL || ops->prep_free == NULL || ops->prepare == NULL ||
	    ops->add_prepared == NULL || ops->entry_free == NULL)
		return NULL;
	return ops;
}

/* An archive when output names a container that can write one; else a folder. */
static folio_status output_open(folio_registry *reg, const char *path, int64_t mtime, output *o,
                                folio_error *err)
{
	memset(o, 0, sizeof(*o));
	const folio_plugin *p = folio_registry_find_for_path(reg, path);
	if (p != NULL && (p->flags & FOLIO_PLUGIN_CONTAINER)) {
		if (p->size < offsetof(folio_plugin, archive) + sizeof(p->archive) ||
		    p->archive == NULL)
			return folio_error_set(err, FOLIO_ERR_UNSUPPORTED, path, 0, 0,
			                       "the %s format cannot hold a whole site", p->name);
		o->ops = p->archive;
		o->sink = folio_sink_file(path, err);
		if (o->sink == NULL)
			return err ? err->code : FOLIO_ERR_IO;
		/* The plugin's state is not needed to write an archive. */
		o->archive = o->ops->open(NULL, o->sink, mtime, err);
		if (o->archive == NULL) {
			folio_sink_abort(o->sink);
			o->sink = NULL;
			return err && err->code ? err->code : FOLIO_ERR_RENDER;
		}
		return FOLIO_OK;
	}
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		return folio_error_set(err, FOLIO_ERR_IO, path, 0, 0, "cannot create folder: %s",
		                       strerror(errno));
	o->root = path;
	return FOLIO_OK;
}

static folio_status output_finish(output *o, folio_error *err)
{
	if (o->archive == NULL)
		return FOLIO_OK;
	folio_status st = o->ops->finish(o->archive, err);
	o->archive = NULL;
	if (st != FOLIO_OK) {
		folio_sink_abort(o->sink);
		return st;
	}
	return folio_sink_close(o->sink, err);
}

static void output_discard(output *o)
{
	if (o->archive != NULL)
		o->ops->discard(o->archive);
	if (o->sink != NULL)
		folio_sink_abort(o->sink);
	o->archive = NULL;
	o->sink = NULL;
}

/* ---- the run ----------------------------------------------------------------------------- */

static unsigned thread_count(const folio_batch_options *o, size_t n)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned t = o->threads ? o->threads : (cores > 0 ? (unsigned)cores : 1);
	if (t > 256)
		t = 256;
	if (n < t)
		t = n ? (unsigned)n : 1;
	return t;
}

/* Waits for input i's result; 0 when the batch was cancelled meanwhile. */
static int wait_result(batch *b, size_t i, item_result *out)
{
	pthread_mutex_lock(&b->lock);
	while (!b->slots[i % b->window].ready) {
		if (cancelled(b)) {
			pthread_mutex_unlock(&b->lock);
			return 0;
		}
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 50 * 1000 * 1000;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&b->ready_cv, &b->lock, &ts);
	}
	*out = b->slots[i % b->window];
	memset(&b->slots[i % b->window], 0, sizeof(item_result));
	b->committed = i + 1;
	pthread_cond_broadcast(&b->space_cv);
	pthread_mutex_unlock(&b->lock);
	return 1;
}

static folio_status commit(batch *b, size_t i, item_result *r, output *out,
                           folio_site_list *site, folio_batch_stats *stats, folio_error *err)
{
	const char *names[MAX_FORMATS + 1] = {NULL};
	if (r->err.code == FOLIO_OK) {
		for (size_t f = 0; f < r->out_count; f++) {
			if (cancelled(b))
				return FOLIO_OK; /* run_pool sees it and stops */
			folio_status st = output_put_rendered(out, &r->out[f], err);
			if (st != FOLIO_OK)
				return st; /* the output itself failed: stop everything */
			names[f] = r->out[f].name;
		}
		for (size_t k = 0; k < r->images.count; k++) {
			const folio_site_image *im = &r->images.items[k];
			folio_status st =
			    im->alias ? FOLIO_OK : output_put(out, im->name, im->data, im->len, err);
			if (st != FOLIO_OK)
				return st;
		}
		stats->exported++;
	} else {
		stats->failed++;
		folio_error_set_file(&r->err, b->inputs[i]);
	}
	if (b->opts->on_item != NULL) {
		folio_batch_item item = {
			.size = sizeof(item),
			.index = i,
			.total = b->n,
			.input = b->inputs[i],
			.slug = b->slugs[i],
			.outputs = names,
			.error = r->err.code == FOLIO_OK ? NULL : &r->err,
			.reading_grade = r->err.code == FOLIO_OK ? r->entry.grade : -1,
		};
		b->opts->on_item(b->opts->userdata, &item);
	}
	if (r->err.code == FOLIO_OK && b->want_site && folio_site_list_add(site, &r->entry) != FOLIO_OK)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	return FOLIO_OK;
}

static folio_status run_pool(batch *b, output *out, folio_site_list *site,
                             folio_batch_stats *stats, folio_error *err)
{
	unsigned nt = thread_count(b->opts, b->n);
	pthread_t threads[256];
	worker_arg args[256];
	unsigned started = 0;
	folio_status st = FOLIO_OK;
	b->window = (size_t)nt * 2 + 2;
	b->slots = calloc(b->window, sizeof(*b->slots));
	if (b->slots == NULL)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	/* One prep per worker, made here on the archive's thread. A worker
	 * without one (prep_new failed) adds its outputs the plain way: the same
	 * bytes, only slower. */
	b->prep_ops = out->archive != NULL ? prepare_ops(out->ops) : NULL;
	for (unsigned t = 0; t < nt; t++) {
		folio_error ignored;
		args[t].b = b;
		args[t].prep = b->prep_ops ? b->prep_ops->prep_new(out->archive, &ignored) : NULL;
	}
	for (; started < nt; started++)
		if (pthread_create(&threads[started], NULL, worker, &args[started]) != 0)
			break;
	if (started == 0)
		st = folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "cannot start threads");
	for (size_t i = 0; st == FOLIO_OK && i < b->n; i++) {
		item_result r;
		/* Checked on every commit too: when results are always ready the
		 * wait never looks, and SIGTERM must stop a busy batch. */
		if (cancelled(b) || !wait_result(b, i, &r)) {
			stats->cancelled = 1;
			break;
		}
		if (cancelled(b)) { /* r may be a render the cancel cut short */
			result_clear(b, &r);
			stats->cancelled = 1;
			break;
		}
		st = commit(b, i, &r, out, site, stats, err);
		result_clear(b, &r);
		if (st == FOLIO_OK && cancelled(b)) {
			stats->cancelled = 1;
			break;
		}
	}
	pthread_mutex_lock(&b->lock);
	b->stop = 1;
	pthread_cond_broadcast(&b->space_cv);
	pthread_mutex_unlock(&b->lock);
	for (unsigned t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	for (unsigned t = 0; t < nt; t++)
		if (args[t].prep != NULL)
			b->prep_ops->prep_free(args[t].prep);
	for (size_t k = 0; k < b->window; k++)
		result_clear(b, &b->slots[k]);
	free(b->slots);
	return st;
}

/* Expands each WordPress export among inputs into its published posts (read
 * once, here); other inputs stay files. */
static folio_status expand_inputs(batch *b, const char *const *inputs, size_t n,
                                  folio_error *err)
{
	int pages = b->opts->size > offsetof(folio_batch_options, include_pages) &&
	            b->opts->include_pages;
	size_t total = 0;
	b->wxrs = calloc(n ? n : 1, sizeof(*b->wxrs));
	if (b->wxrs == NULL)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	for (size_t i = 0; i < n; i++) {
		folio_wxr *w = NULL;
		if (folio_wxr_sniff(inputs[i])) {
			w = folio_wxr_read(inputs[i], pages, err);
			if (w == NULL)
				return err ? err->code : FOLIO_ERR_SYNTAX;
			b->wxrs[i] = w;
			b->wxr_count = i + 1;
		}
		total += w ? w->count : 1;
	}
	b->names = calloc(total ? total : 1, sizeof(*b->names));
	b->stems = calloc(total ? total : 1, sizeof(*b->stems));
	b->sources = calloc(total ? total : 1, sizeof(*b->sources));
	if (b->names == NULL || b->stems == NULL || b->sources == NULL)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	b->name_count = total;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const folio_wxr *w = b->wxrs[i];
		for (size_t p = 0; w != NULL && p < w->count; p++, k++) {
			const folio_wxr_post *post = &w->posts[p];
			if (post->has_password)
				folio_registry_warn(b->reg,
				                    "%s:%u: \"%s\" is password-protected on the site; "
				                    "it is published, so it is exported, and its text is "
				                    "no longer behind the password",
				                    inputs[i], post->line, post->title);
			const char *stem = post->slug[0] ? post->slug : post->title;
			size_t len = strlen(inputs[i]) + strlen(stem) + 2;
			b->names[k] = malloc(len);
			b->stems[k] = strdup(stem);
			if (b->names[k] == NULL || b->stems[k] == NULL)
				return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
			snprintf(b->names[k], len, "%s#%s", inputs[i], stem);
			b->sources[k] = (source){.wxr = w, .path = inputs[i], .post = p};
		}
		if (w == NULL) {
			b->names[k] = strdup(inputs[i]);
			if (b->names[k] == NULL)
				return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
			k++;
		}
	}
	b->inputs = (const char *const *)b->names;
	b->n = total;
	return FOLIO_OK;
}

static void batch_release(batch *b)
{
	for (size_t i = 0; i < b->name_count; i++) {
		free(b->names[i]);
		free(b->stems[i]);
	}
	free(b->names);
	free(b->stems);
	free(b->sources);
	for (size_t i = 0; i < b->wxr_count; i++)
		folio_wxr_free(b->wxrs[i]);
	free(b->wxrs);
	for (size_t f = 0; f < b->format_count; f++)
		folio_options_free(b->options[f]);
	folio_batch_list_free(b->slugs, b->n);
	pthread_mutex_destroy(&b->lock);
	pthread_cond_destroy(&b->ready_cv);
	pthread_cond_destroy(&b->space_cv);
}

folio_status folio_batch_run(folio_registry *reg, const char *const *inputs, size_t n,
                             const char *output_path, const folio_batch_options *opts,
                             folio_batch_stats *user_stats, folio_error *err)
{
	folio_batch_stats local;
	memset(&local, 0, sizeof(local));
	local.size = sizeof(local);
	folio_batch_stats *stats = &local;
	stats->total = n;
	batch b;
	memset(&b, 0, sizeof(b));
	b.reg = reg;
	b.opts = opts;
	b.inputs = inputs;
	b.n = n;
	pthread_mutex_init(&b.lock, NULL);
	pthread_cond_init(&b.ready_cv, NULL);
	pthread_cond_init(&b.space_cv, NULL);
	folio_site_list site;
	folio_site_list_init(&site);
	output out;
	memset(&out, 0, sizeof(out));
	folio_status st = expand_inputs(&b, inputs, n, err);
	stats->total = b.n;
	if (st == FOLIO_OK)
		st = resolve_formats(&b, err);
	if (st == FOLIO_OK) {
		b.slugs = make_slugs(b.inputs, b.stems, b.n);
		if (b.slugs == NULL)
			st = folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	}
	if (st == FOLIO_OK)
		st = output_open(reg, output_path, folio_doc_epoch(NULL), &out, err);
	if (st == FOLIO_OK)
		st = run_pool(&b, &out, &site, stats, err);
	if (st == FOLIO_OK && !stats->cancelled && b.want_site)
		st = folio_site_write(reg, b.plugins, b.format_count, &site, opts, output_put, &out,
		                      err);
	if (st == FOLIO_OK && !stats->cancelled)
		st = output_finish(&out, err);
	else
		output_discard(&out);
	stats->files = out.files;
	folio_site_list_free(&site);
	batch_release(&b);
	if (st == FOLIO_OK && stats->cancelled)
		st = folio_error_set(err, FOLIO_ERR_RENDER, output_path, 0, 0, "interrupted");
	else if (st == FOLIO_OK && stats->failed > 0)
		st = folio_error_set(err, FOLIO_ERR_RENDER, NULL, 0, 0, "%zu of %zu articles failed",
		                     stats->failed, stats->total);
	/* Only the fields the caller's struct has (its size says). */
	if (user_stats != NULL && user_stats->size > sizeof(user_stats->size)) {
		size_t size = user_stats->size < sizeof(local) ? user_stats->size : sizeof(local);
		memcpy((char *)user_stats + sizeof(local.size), (const char *)&local + sizeof(local.size),
		       size - sizeof(local.size));
	}
	return st;
}
