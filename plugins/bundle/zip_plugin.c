/* folio zip exporter: the article's bundle (see bundle.c) as a zip. */
#include "bundle.h"

static folio_status zip_render(void *state, const folio_doc *doc, const folio_options *options,
                               folio_sink *sink, const folio_host *host, folio_error *err)
{
	(void)state;
	return bundle_render(&bundle_zip_ops, doc, options, sink, host, err);
}

static const folio_plugin zip_plugin = {
    .size = sizeof(folio_plugin),
    .abi_version = FOLIO_PLUGIN_ABI_VERSION,
    .name = "zip",
    .summary = "a zip of the article in several formats, its images and a manifest",
    .extension = "zip",
    .media_type = "application/zip",
    .flags = FOLIO_PLUGIN_CONTAINER | FOLIO_PLUGIN_BINARY,
    .options = bundle_options,
    .render = zip_render,
    .archive = &bundle_zip_ops,
};

FOLIO_PLUGIN_EXPORT const folio_plugin *folio_plugin_entry(void);

FOLIO_PLUGIN_EXPORT const folio_plugin *folio_plugin_entry(void)
{
	return &zip_plugin;
}
