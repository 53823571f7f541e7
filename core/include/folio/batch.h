/* folio — batch export: many articles, several formats, several threads.
 *
 * Inputs are imported and rendered on a pool of threads; outputs are committed
 * by the calling thread in input order, so the result is byte-identical for
 * any number of threads. At most a small window of articles is in memory at a
 * time. One article that fails is reported and skipped; the rest go on.
 */
#ifndef FOLIO_BATCH_H
#define FOLIO_BATCH_H

#include <signal.h>
#include <stddef.h>

#include "folio/error.h"
#include "folio/import.h"
#include "folio/registry.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One article's outcome, as the batch reports it. */
typedef struct folio_batch_item {
	size_t size;                  /* sizeof(folio_batch_item): fields only grow */
	size_t index;                 /* in input order */
	size_t total;
	const char *input;
	const char *slug;
	const char *const *outputs;   /* paths written (relative to the output), NULL-terminated */
	const folio_error *error;     /* NULL when exported */
	double reading_grade;         /* the article's reading grade (folio/readability.h);
	                                 negative when it has no text to measure */
} folio_batch_item;

/* Called on the calling thread once per input, in input order, after its
 * outputs are committed or it was skipped (item->error says why). */
typedef void (*folio_batch_item_fn)(void *userdata, const folio_batch_item *item);

typedef struct folio_batch_options {
	size_t size;                      /* sizeof(folio_batch_options) */
	const char *const *formats;       /* format names, e.g. {"pdf","txt","html"} */
	size_t format_count;
	const char *const *settings;      /* "name=value" (to every format that has
	                                     the option) or "format.name=value" */
	size_t setting_count;
	unsigned threads;                 /* 0: one per core */
	int flat;                         /* <slug>.<ext> instead of <slug>/<slug>.<ext> */
	folio_input_format input_format;  /* FOLIO_INPUT_AUTO by default */
	const char *base_url;             /* for the sitemap and feed; NULL: the
	                                     profile's website */
	folio_batch_item_fn on_item;      /* may be NULL */
	void *userdata;
	volatile sig_atomic_t *cancel;    /* when it becomes non-zero, the batch stops
	                                     as soon as it can and discards the
	                                     archive it was writing; may be NULL */
	size_t max_input;                 /* bytes per article; 0 = the default */
	int include_pages;                /* a WordPress export's published pages too,
	                                     not only its posts */
	folio_explain_fn explain;         /* told what an importer dropped (shortcodes
	                                     of a WordPress post); may be NULL; called
	                                     from worker threads */
	void *explain_userdata;
	folio_quotes quotes;              /* FOLIO_QUOTES_STRAIGHT keeps " and ' as
	                                     typed (folio_import_options.quotes) */
} folio_batch_options;

/* What a batch did. The caller sets size (sizeof(folio_batch_stats)); the
 * batch fills the fields that size covers, so fields can be added at the end. */
typedef struct folio_batch_stats {
	size_t size;
	size_t total;
	size_t exported;
	size_t failed;
	size_t files;    /* outputs written */
	int cancelled;
} folio_batch_stats;

/* Expands files and folders (recursively: *.md, *.markdown, *.txt, *.html and *.htm) into a
 * sorted, de-duplicated list of paths. The caller frees the result with
 * folio_batch_list_free. A path that does not exist is an error naming it. */
FOLIO_API folio_status folio_batch_list(const char *const *paths, size_t n, char ***out,
                                        size_t *count, folio_error *err);
FOLIO_API void folio_batch_list_free(char **list, size_t count);

/* Exports inputs into output (a WordPress export, an .xml file written by
 * WordPress's Tools > Export, counts as one input per published post): a folder (created if missing), or an archive
 * when output ends with the extension of a container format that can write
 * archives (".zip", ".tar.gz"). When html is among the formats, the site's
 * index.html, sitemap.xml, feed.atom and style.css are written too.
 * Returns FOLIO_OK when every article was exported; when some failed, the
 * others are still written and FOLIO_ERR_RENDER is returned with stats
 * saying how many. An error that stops the whole batch (the output cannot be
 * written, an unknown format, a bad setting) is returned with err filled. */
FOLIO_API folio_status folio_batch_run(folio_registry *reg, const char *const *inputs, size_t n,
                                       const char *output, const folio_batch_options *opts,
                                       folio_batch_stats *stats, folio_error *err);

#ifdef __cplusplus
}
#endif
#endif
