/* folio — registry internals shared by registry.c, options.c and export.c. */
#ifndef FOLIO_REGISTRY_PRIVATE_H
#define FOLIO_REGISTRY_PRIVATE_H

#include <pthread.h>

#include "folio/registry.h"

typedef struct folio_plugin_entry {
	const folio_plugin *plugin;
	char *origin;            /* the file, or NULL for built-ins */
	void *handle;            /* dlopen handle, or NULL */
	pthread_mutex_t init_lock;
	int init_done;           /* 1 once init ran (successfully or not) */
	folio_status init_status;
	folio_error init_error;
	void *state;             /* what init returned */
} folio_plugin_entry;

struct folio_registry {
	folio_plugin_entry **entries; /* sorted by name */
	size_t count;
	size_t capacity;
	folio_log_fn log;
	void *log_userdata;
	const folio_profile *profile;
	folio_profile *empty_profile; /* used when none is set */
	char **asset_dirs;
	size_t asset_count;
	struct found_dirs *defaults; /* the default folders, found once (registry.c) */
};

/* Logs a formatted warning through the registry's log function. */
void folio_registry_warn(const folio_registry *reg, const char *fmt, ...) FOLIO_PRINTF(2, 3);

/* The entry for a descriptor, or NULL. */
folio_plugin_entry *folio_registry_entry(const folio_registry *reg, const folio_plugin *plugin);

/* plugin's site operations when its descriptor has usable ones, else NULL. */
const folio_site_ops *folio_plugin_site_ops(const folio_plugin *plugin);
/* Runs plugin's site writer (export.c: with the host table, after init). */
folio_status folio_export_site(folio_registry *reg, const folio_plugin *plugin,
                               const folio_site *site, folio_site_put_fn put, void *ctx,
                               folio_error *err);

#endif
