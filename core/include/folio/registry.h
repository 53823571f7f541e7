/* folio — the plugin registry and the export engine.
 *
 * A registry holds the loaded exporter plugins. Programs (the folio command,
 * or yours) make one, load plugins into it, then export documents through it.
 * A registry may be used from several threads once loading is done.
 */
#ifndef FOLIO_REGISTRY_H
#define FOLIO_REGISTRY_H

#include <stddef.h>

#include "folio/doc.h"
#include "folio/error.h"
#include "folio/plugin.h"
#include "folio/profile.h"
#include "folio/sink.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct folio_registry folio_registry;

/* Receives warnings (a plugin skipped, a glyph folded, ...). */
typedef void (*folio_log_fn)(void *userdata, const char *message);

/* A new, empty registry; the caller frees it with folio_registry_free (which
 * finalises and unloads the plugins). */
FOLIO_API folio_registry *folio_registry_new(void);
FOLIO_API void folio_registry_free(folio_registry *reg);

/* Where warnings go (default: dropped). */
FOLIO_API void folio_registry_set_log(folio_registry *reg, folio_log_fn fn, void *userdata);
/* The profile renders see (the registry does not own it; NULL = empty). */
FOLIO_API void folio_registry_set_profile(folio_registry *reg, const folio_profile *profile);
/* Adds a folder searched by find_asset (first added, first searched). */
FOLIO_API folio_status folio_registry_add_asset_dir(folio_registry *reg, const char *dir);

/* Finds relpath ("fonts/x.ttf") in the asset folders; writes the path into
 * buf (size n) and returns 1, or returns 0. Paths with ".." are refused. */
FOLIO_API int folio_registry_find_asset(const folio_registry *reg, const char *relpath, char *buf,
                                        size_t n);

/* Loads one plugin file. A file that is not a folio plugin, has another ABI
 * version, or a name already loaded is refused: FOLIO_ERR_PLUGIN with the
 * reason in err. */
FOLIO_API folio_status folio_registry_load_file(folio_registry *reg, const char *path,
                                                folio_error *err);
/* Loads every "folio-*.so" in dir, in name order; refused files are reported
 * through the log. Returns how many loaded. A missing folder loads none. A
 * world-writable folder is loaded with a warning. */
FOLIO_API size_t folio_registry_load_dir(folio_registry *reg, const char *dir);
/* The usual discovery, in order: each of dirs (e.g. --plugin-dir), each folder
 * of FOLIO_PLUGIN_PATH (colon-separated; empty entries are ignored, so the
 * current directory is never searched), then the installed plugin folder —
 * or, when libfolio itself runs from its build tree, the build's plugin
 * folder instead. Also adds the matching asset folders (FOLIO_ASSET_PATH, then
 * installed or source assets). Returns how many plugins loaded. */
FOLIO_API size_t folio_registry_discover(folio_registry *reg, const char *const *dirs, size_t n);

/* Loads only the plugin for one format, from the file discovery would find
 * it in ("folio-<name without dots>.so"), and the asset folders: a quick
 * start for a program that needs one format. Returns 1 when that format is
 * now loaded and needs no other (it is not a bundle); otherwise call
 * folio_registry_discover (already loaded files are not loaded twice). */
FOLIO_API int folio_registry_discover_format(folio_registry *reg, const char *const *dirs,
                                             size_t n, const char *format);

/* Registers a descriptor linked into the program (no file). */
FOLIO_API folio_status folio_registry_add(folio_registry *reg, const folio_plugin *plugin,
                                          folio_error *err);

FOLIO_API size_t folio_registry_count(const folio_registry *reg);
/* Sorted by name. */
FOLIO_API const folio_plugin *folio_registry_at(const folio_registry *reg, size_t i);
/* The file a plugin came from, or NULL for built-ins. */
FOLIO_API const char *folio_registry_origin(const folio_registry *reg, size_t i);
FOLIO_API const folio_plugin *folio_registry_find(const folio_registry *reg, const char *name);
/* The plugin whose extension ends path (the longest match: "x.tar.gz" finds
 * "tar.gz" before "gz"), or NULL. */
FOLIO_API const folio_plugin *folio_registry_find_for_path(const folio_registry *reg,
                                                           const char *path);

/* Checks "name=value" settings against the plugin's declared options, over
 * the profile's defaults for it. Errors are FOLIO_ERR_USAGE naming the format
 * and option and listing what is accepted. The caller frees the result with
 * folio_options_free. */
FOLIO_API folio_options *folio_options_parse(const folio_registry *reg, const folio_plugin *plugin,
                                             const char *const *settings, size_t count,
                                             folio_error *err);
FOLIO_API void folio_options_free(folio_options *o);

/* Renders doc with plugin into sink (which stays the caller's: close or abort
 * it afterwards). output_name is the target's file name for plugins that
 * record it (may be NULL). Initialises the plugin on first use. */
FOLIO_API folio_status folio_export(folio_registry *reg, const folio_doc *doc,
                                    const folio_plugin *plugin, const folio_options *options,
                                    folio_sink *sink, const char *output_name, folio_error *err);

#ifdef __cplusplus
}
#endif
#endif
