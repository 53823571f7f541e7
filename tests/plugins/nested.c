/* A test plugin that runs another exporter through the host, like a bundle. */
#include "folio/plugin.h"

static folio_status render(void *state, const folio_doc *doc, const folio_options *o,
                           folio_sink *sink, const folio_host *host, folio_error *err)
{
	(void)state;
	(void)o;
	const char *const inner[] = {"level=7", "label=inner", NULL};
	folio_sink_puts(sink, "[");
	folio_status st = host->render(host, doc, "testfmt", inner, sink, err);
	if (st != FOLIO_OK)
		return st;
	/* Asking for an unknown format is an error, not a crash. */
	folio_error e2;
	if (host->render(host, doc, "nope", NULL, sink, &e2) == FOLIO_OK)
		return FOLIO_ERR_RENDER;
	return folio_sink_puts(sink, "]");
}

static const folio_plugin plugin = {
	.size = sizeof(folio_plugin),
	.abi_version = FOLIO_PLUGIN_ABI_VERSION,
	.name = "nested",
	.summary = "runs testfmt inside",
	.extension = "nst",
	.media_type = "text/x-test",
	.flags = FOLIO_PLUGIN_CONTAINER,
	.render = render,
};

FOLIO_PLUGIN_EXPORT const folio_plugin *folio_plugin_entry(void);
const folio_plugin *folio_plugin_entry(void)
{
	return &plugin;
}
