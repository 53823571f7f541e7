/* folio — the exporter plugin ABI.
 *
 * A plugin is a shared object that exports one symbol, FOLIO_PLUGIN_ENTRY_NAME
 * ("folio_plugin_entry"), a function returning a pointer to a const
 * folio_plugin descriptor that lives as long as the object is loaded. Build
 * with hidden visibility and mark the entry with FOLIO_PLUGIN_EXPORT.
 *
 * Rules that keep old plugins loading: descriptors and the host table start
 * with their size and only ever grow at the end; the host checks abi_version.
 *
 * Threads: render may run on several threads at once (a batch), each with its
 * own document and sink. State made by init is shared by those calls and must
 * be read-only after init (or guarded by the plugin).
 */
#ifndef FOLIO_PLUGIN_H
#define FOLIO_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#include "folio/doc.h"
#include "folio/error.h"
#include "folio/profile.h"
#include "folio/sink.h"
#include "folio/site.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FOLIO_PLUGIN_ABI_VERSION 2u
#define FOLIO_PLUGIN_ENTRY_NAME "folio_plugin_entry"

#if defined(__GNUC__)
#define FOLIO_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define FOLIO_PLUGIN_EXPORT
#endif

typedef struct folio_plugin folio_plugin;
typedef struct folio_host folio_host;
typedef struct folio_options folio_options;

typedef enum folio_opt_type {
	FOLIO_OPT_BOOL = 0, /* "true"/"false", "yes"/"no", "on"/"off", "1"/"0" */
	FOLIO_OPT_INT,      /* a decimal integer within [min, max] */
	FOLIO_OPT_STRING,
	FOLIO_OPT_ENUM      /* one of choices */
} folio_opt_type;

/* One option a plugin takes. Tables of these end with an entry whose name is
 * NULL. Like the descriptors, an entry starts with its size as the plugin was
 * built: the host steps through a table by its first entry's size, so fields
 * can be added at the end without breaking plugins built before. Write the
 * entries with FOLIO_OPTION(...) and end the table with FOLIO_OPTION_END. */
typedef struct folio_option_spec {
	size_t size;               /* sizeof(folio_option_spec) */
	const char *name;          /* lowercase, '-' separated: "font-size" */
	folio_opt_type type;
	const char *default_value; /* as text; NULL means "unset" for strings */
	const char *help;          /* one line */
	const char *const *choices; /* ENUM: NULL-terminated list */
	long min, max;             /* INT: the accepted range */
} folio_option_spec;

#define FOLIO_OPTION(...) {sizeof(folio_option_spec), __VA_ARGS__}
#define FOLIO_OPTION_END {sizeof(folio_option_spec), NULL, 0, NULL, NULL, NULL, 0, 0}

/* The i-th option p declares (stepping by the size its table was built
 * with), or NULL past the last. */
FOLIO_API const folio_option_spec *folio_plugin_option(const folio_plugin *p, size_t i);

/* Checked option values, one per declared option. Getters for a name the
 * plugin did not declare return 0 / NULL. */
FOLIO_API int folio_opt_bool(const folio_options *o, const char *name);
FOLIO_API long folio_opt_int(const folio_options *o, const char *name);
/* STRING and ENUM options; NULL when unset. */
FOLIO_API const char *folio_opt_string(const folio_options *o, const char *name);
/* 1 when the value came from the user (command line or profile), not the
 * default. */
FOLIO_API int folio_opt_is_set(const folio_options *o, const char *name);

/* Plugin flags. */
#define FOLIO_PLUGIN_CONTAINER 0x1u /* bundles other formats (zip, tar.gz): not a
                                       "document format" for bundling */
#define FOLIO_PLUGIN_BINARY 0x2u    /* output is not text: never to a terminal */
#define FOLIO_PLUGIN_AUXILIARY 0x4u /* not a rendering of the article (a shared
                                       stylesheet): left out of bundles */

/* Called once per process, before the first render, to load what every render
 * shares (fonts, dictionaries). *state is passed to render and fini. */
typedef folio_status (*folio_plugin_init_fn)(const folio_host *host, void **state,
                                             folio_error *err);
typedef void (*folio_plugin_fini_fn)(void *state);
/* Writes doc to sink in the plugin's format. The sink is the caller's: render
 * writes to it but neither closes nor aborts it. On failure, return the error
 * (with err filled); the caller discards the output. */
typedef folio_status (*folio_plugin_render_fn)(void *state, const folio_doc *doc,
                                               const folio_options *options, folio_sink *sink,
                                               const folio_host *host, folio_error *err);

/* Optional capability of container formats (zip, tar.gz): writing an archive
 * of arbitrary entries, which `folio batch` uses to put a whole site in one
 * file. An archive writes to a sink that stays the caller's. */
typedef struct folio_archive folio_archive;
/* One thread's scratch for preparing entries (a compressor, its buffers). */
typedef struct folio_archive_prep folio_archive_prep;
/* One entry prepared ahead of its turn (compressed, checksummed). */
typedef struct folio_archive_entry folio_archive_entry;
typedef struct folio_archive_ops {
	size_t size; /* sizeof(folio_archive_ops) */
	/* Starts an archive; mtime (seconds since the epoch) stamps every entry. */
	folio_archive *(*open)(void *state, folio_sink *sink, int64_t mtime, folio_error *err);
	/* Adds one file. name is relative, '/'-separated, already safe. */
	folio_status (*add)(folio_archive *a, const char *name, const void *data, size_t len,
	                    folio_error *err);
	/* Writes the archive's trailer and frees a. */
	folio_status (*finish)(folio_archive *a, folio_error *err);
	/* Frees a without finishing (the caller aborts the sink). */
	void (*discard)(folio_archive *a);

	/* Added after discard; read only when size covers them. Optional: all
	 * five or none (NULL). They split add in two so that the costly half
	 * (compressing, checksumming) can run on other threads, in parallel,
	 * while a is being written: `folio batch` prepares each output on the
	 * worker that rendered it and adds it, in order, on the calling thread.
	 * add_prepared writes exactly the bytes add would have written for the
	 * same name and data. */
	/* Makes one thread's scratch for entries of a. Called on a's thread (the
	 * one that adds); afterwards p is used by one thread at a time, any
	 * thread, and refers to nothing of a (it may outlive it). NULL with err
	 * filled on failure. */
	folio_archive_prep *(*prep_new)(folio_archive *a, folio_error *err);
	/* Frees p (no prepare running on it). Entries it made stay valid. */
	void (*prep_free)(folio_archive_prep *p);
	/* Prepares data (len bytes, copied or compressed: the caller keeps data
	 * and may free it at once). May run while a is written and while other
	 * preps prepare. NULL with err filled on failure (the caller may then
	 * add the data the plain way). */
	folio_archive_entry *(*prepare)(folio_archive_prep *p, const void *data, size_t len,
	                                folio_error *err);
	/* Adds a prepared entry under name (as add does), in the order entries
	 * should appear. Takes e, whatever the result. */
	folio_status (*add_prepared)(folio_archive *a, const char *name, folio_archive_entry *e,
	                             folio_error *err);
	/* Frees an entry that will not be added. */
	void (*entry_free)(folio_archive_entry *e);
} folio_archive_ops;

/* Optional capability of page formats (html): the site around a batch's
 * pages (folio/site.h). */
typedef struct folio_site_ops {
	size_t size; /* sizeof(folio_site_ops) */
	/* Settings ("name=value", NULL-terminated, static) the batch adds to this
	 * format's own for every page, e.g. to link the shared stylesheet; flat
	 * as folio_site_flat. May be NULL. */
	const char *const *(*page_settings)(int flat);
	/* Writes the site's files through put (after the last article; the
	 * format's render has run for each). state is the format's init state. */
	folio_status (*write)(void *state, const folio_site *site, const folio_host *host,
	                      folio_site_put_fn put, void *ctx, folio_error *err);
} folio_site_ops;

struct folio_plugin {
	size_t size;              /* sizeof(folio_plugin) as the plugin was built */
	unsigned abi_version;     /* FOLIO_PLUGIN_ABI_VERSION */
	const char *name;         /* the format name: "pdf", "txt", "tar.gz" */
	const char *summary;      /* one line for `folio formats` */
	const char *extension;    /* without the dot: "pdf", "txt", "tar.gz" */
	const char *media_type;   /* "application/pdf" */
	unsigned flags;           /* FOLIO_PLUGIN_* */
	const folio_option_spec *options; /* NULL-name terminated; may be NULL */
	folio_plugin_init_fn init; /* may be NULL */
	folio_plugin_fini_fn fini; /* may be NULL */
	folio_plugin_render_fn render;
	/* Added in ABI 1 after render; read only when size covers it. */
	const folio_archive_ops *archive; /* may be NULL */
	/* Added in ABI 2 after archive; read only when size covers it. */
	const folio_site_ops *site; /* may be NULL */
};

typedef const folio_plugin *(*folio_plugin_entry_fn)(void);



/* The services the host gives a plugin during render (and init). */
struct folio_host {
	size_t size;          /* sizeof(folio_host) as the host was built */
	unsigned abi_version; /* FOLIO_PLUGIN_ABI_VERSION */
	/* Reports a warning for the user (the host adds the file and format). */
	void (*warn)(const folio_host *host, const char *fmt, ...) FOLIO_PRINTF(2, 3);
	/* Runs the exporter called format on doc into sink (which stays the
	 * caller's). options: NULL-terminated "name=value" strings, checked like
	 * the command line's; the profile's values apply beneath them. */
	folio_status (*render)(const folio_host *host, const folio_doc *doc, const char *format,
	                       const char *const *options, folio_sink *sink, folio_error *err);
	/* The loaded formats, for bundles. */
	size_t (*format_count)(const folio_host *host);
	const folio_plugin *(*format_at)(const folio_host *host, size_t i);
	/* Finds a file shipped in folio's assets ("fonts/x.ttf"); writes its path
	 * into buf (size n) and returns 1, or 0 when it is not there. */
	int (*find_asset)(const folio_host *host, const char *relpath, char *buf, size_t n);
	/* The clinic profile in force (never NULL: the default when none given). */
	const folio_profile *profile;
	/* The output's file name without folders (e.g. "leaflet.pdf"), or NULL for
	 * standard output and memory. */
	const char *output_name;
	/* The host's private data. */
	void *ctx;
};

#ifdef __cplusplus
}
#endif
#endif
