/* folio — the export engine: runs a plugin on a document, giving it the host
 * services table (warnings, nested exports, assets, profile). */
#include <limits.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry_private.h"

/* Bundles may run exporters, which may run exporters...: a bound keeps a
 * plugin asking for itself from recursing forever. */
enum { FOLIO_MAX_NESTING = 4 };

/* One render's context. The host table comes first so a folio_host pointer
 * is also a pointer to this. */
typedef struct export_ctx {
	folio_host host;
	folio_registry *reg;
	const folio_plugin *plugin;
	const folio_doc *doc;
	int depth;
} export_ctx;

static void host_warn(const folio_host *host, const char *fmt, ...)
{
	const export_ctx *x = host->ctx;
	char msg[900];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	const char *src = folio_doc_get(x->doc, FOLIO_META_SOURCE);
	if (src != NULL)
		folio_registry_warn(x->reg, "%s: %s: %s", src, x->plugin->name, msg);
	else
		folio_registry_warn(x->reg, "%s: %s", x->plugin->name, msg);
}

static size_t host_format_count(const folio_host *host)
{
	const export_ctx *x = host->ctx;
	return folio_registry_count(x->reg);
}

static const folio_plugin *host_format_at(const folio_host *host, size_t i)
{
	const export_ctx *x = host->ctx;
	return folio_registry_at(x->reg, i);
}

static int host_find_asset(const folio_host *host, const char *relpath, char *buf, size_t n)
{
	const export_ctx *x = host->ctx;
	return folio_registry_find_asset(x->reg, relpath, buf, n);
}

static folio_status run(folio_registry *reg, const folio_doc *doc, const folio_plugin *plugin,
                        const folio_options *options, folio_sink *sink, const char *output_name,
                        int depth, folio_error *err);

static folio_status host_render(const folio_host *host, const folio_doc *doc, const char *format,
                                const char *const *options, folio_sink *sink, folio_error *err)
{
	const export_ctx *x = host->ctx;
	if (x->depth + 1 >= FOLIO_MAX_NESTING)
		return folio_error_set(err, FOLIO_ERR_RENDER, NULL, 0, 0,
		                       "exporters nested too deeply (%s inside %s)", format,
		                       x->plugin->name);
	const folio_plugin *p = folio_registry_find(x->reg, format);
	if (p == NULL)
		return folio_error_set(err, FOLIO_ERR_PLUGIN, NULL, 0, 0, "no exporter for format '%s'",
		                       format ? format : "(null)");
	size_t count = 0;
	while (options != NULL && options[count] != NULL)
		count++;
	folio_options *o = folio_options_parse(x->reg, p, options, count, err);
	if (o == NULL)
		return err ? err->code : FOLIO_ERR_USAGE;
	folio_status st = run(x->reg, doc, p, o, sink, NULL, x->depth + 1, err);
	folio_options_free(o);
	return st;
}

/* Runs the plugin's init once per registry, whichever thread comes first. */
static folio_status ensure_init(folio_plugin_entry *e, const folio_host *host, folio_error *err)
{
	pthread_mutex_lock(&e->init_lock);
	if (!e->init_done) {
		folio_error_clear(&e->init_error);
		e->init_status = FOLIO_OK;
		if (e->plugin->init != NULL)
			e->init_status = e->plugin->init(host, &e->state, &e->init_error);
		e->init_done = 1;
	}
	folio_status st = e->init_status;
	pthread_mutex_unlock(&e->init_lock);
	if (st != FOLIO_OK && err != NULL) {
		*err = e->init_error;
		if (err->code == FOLIO_OK)
			err->code = st;
		if (err->message[0] == '\0')
			snprintf(err->message, sizeof(err->message), "the %s exporter failed to start",
			         e->plugin->name);
	}
	return st;
}

/* Fills x's host table for plugin and runs the plugin's init (once per
 * registry). Returns the plugin's entry, or NULL with err filled. */
static folio_plugin_entry *host_start(export_ctx *x, folio_registry *reg, const folio_doc *doc,
                                      const folio_plugin *plugin, const char *output_name,
                                      int depth, folio_error *err)
{
	folio_plugin_entry *e = folio_registry_entry(reg, plugin);
	if (e == NULL) {
		folio_error_set(err, FOLIO_ERR_PLUGIN, NULL, 0, 0,
		                "format '%s' is not loaded in this registry",
		                plugin ? plugin->name : "(null)");
		return NULL;
	}
	*x = (export_ctx){
		.host = {
			.size = sizeof(folio_host),
			.abi_version = FOLIO_PLUGIN_ABI_VERSION,
			.warn = host_warn,
			.render = host_render,
			.format_count = host_format_count,
			.format_at = host_format_at,
			.find_asset = host_find_asset,
			.profile = reg->profile,
			.output_name = output_name,
		},
		.reg = reg,
		.plugin = plugin,
		.doc = doc,
		.depth = depth,
	};
	x->host.ctx = x;
	return ensure_init(e, &x->host, err) == FOLIO_OK ? e : NULL;
}

static folio_status run(folio_registry *reg, const folio_doc *doc, const folio_plugin *plugin,
                        const folio_options *options, folio_sink *sink, const char *output_name,
                        int depth, folio_error *err)
{
	export_ctx x;
	folio_plugin_entry *e = host_start(&x, reg, doc, plugin, output_name, depth, err);
	if (e == NULL)
		return err ? err->code : FOLIO_ERR_PLUGIN;
	folio_status st;
	folio_error local;
	folio_error_clear(&local);
	st = plugin->render(e->state, doc, options, sink, &x.host, &local);
	if (st == FOLIO_OK && folio_sink_status(sink) != FOLIO_OK) {
		/* The plugin did not notice a write error: the sink's is the one. */
		local = *folio_sink_error(sink);
		st = local.code;
	}
	if (st != FOLIO_OK) {
		if (local.code == FOLIO_OK)
			folio_error_set(&local, st, NULL, 0, 0, "the %s exporter failed (%s)",
			                plugin->name, folio_status_name(st));
		folio_error_set_file(&local, folio_doc_get(doc, FOLIO_META_SOURCE));
		if (err != NULL)
			*err = local;
	}
	return st;
}

folio_status folio_export(folio_registry *reg, const folio_doc *doc, const folio_plugin *plugin,
                          const folio_options *options, folio_sink *sink, const char *output_name,
                          folio_error *err)
{
	if (reg == NULL || doc == NULL || plugin == NULL || options == NULL || sink == NULL)
		return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0,
		                       "folio_export needs a registry, document, plugin, options and "
		                       "sink");
	return run(reg, doc, plugin, options, sink, output_name, 0, err);
}

const folio_site_ops *folio_plugin_site_ops(const folio_plugin *plugin)
{
	if (plugin == NULL || plugin->size < offsetof(folio_plugin, site) + sizeof(plugin->site))
		return NULL;
	const folio_site_ops *ops = plugin->site;
	if (ops == NULL || ops->size < offsetof(folio_site_ops, write) + sizeof(ops->write) ||
	    ops->write == NULL)
		return NULL;
	return ops;
}

folio_status folio_export_site(folio_registry *reg, const folio_plugin *plugin,
                               const folio_site *site, folio_site_put_fn put, void *ctx,
                               folio_error *err)
{
	const folio_site_ops *ops = folio_plugin_site_ops(plugin);
	if (ops == NULL)
		return folio_error_set(err, FOLIO_ERR_PLUGIN, NULL, 0, 0,
		                       "format '%s' does not write sites", plugin ? plugin->name : "(null)");
	export_ctx x;
	folio_plugin_entry *e = host_start(&x, reg, NULL, plugin, NULL, 0, err);
	if (e == NULL)
		return err ? err->code : FOLIO_ERR_PLUGIN;
	folio_error local;
	folio_error_clear(&local);
	folio_status st = ops->write(e->state, site, &x.host, put, ctx, &local);
	if (st != FOLIO_OK) {
		if (local.code == FOLIO_OK)
			folio_error_set(&local, st, NULL, 0, 0, "the %s format failed to write the site",
			                plugin->name);
		if (err != NULL)
			*err = local;
	}
	return st;
}
