/* folio tar.gz exporter: the article's bundle (see bundle.c) as a gzipped
 * POSIX tar. */
#include "bundle.h"

static folio_status targz_render(void *state, const folio_doc *doc, const folio_options *options,
                                 folio_sink *sink, const folio_host *host, folio_error *err)
{
	(void)state;
	return bundle_render(&bundle_tar_ops, doc, options, sink, host, err);
}

static const folio_plugin targz_plugin = {
    .size = sizeof(folio_plugin),
    .abi_version = FOLIO_PLUGIN_ABI_VERSION,
    .name = "tar.gz",
    .summary = "a gzipped tar of the article in several formats, its images and a manifest",
    .extension = "tar.gz",
    .media_type = "application/gzip",
    .flags = FOLIO_PLUGIN_CONTAINER | FOLIO_PLUGIN_BINARY,
    .options = bundle_options,
    .render = targz_render,
    .archive = &bundle_tar_ops,
};

FOLIO_PLUGIN_EXPORT const folio_plugin *folio_plugin_entry(void);

FOLIO_PLUGIN_EXPORT const folio_plugin *folio_plugin_entry(void)
{
	return &targz_plugin;
}
