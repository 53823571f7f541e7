/* A test plugin built for a future ABI: must be refused. */
#include "folio/plugin.h"

static folio_status render(void *state, const folio_doc *doc, const folio_options *o,
                           folio_sink *sink, const folio_host *host, folio_error *err)
{
	(void)state, (void)doc, (void)o, (void)sink, (void)host, (void)err;
	return FOLIO_OK;
}

static const folio_plugin plugin = {
	.size = sizeof(folio_plugin),
	.abi_version = FOLIO_PLUGIN_ABI_VERSION + 41,
	.name = "future",
	.summary = "from the future",
	.extension = "fut",
	.media_type = "text/x-test",
	.render = render,
};

FOLIO_PLUGIN_EXPORT const folio_plugin *folio_plugin_entry(void);
const folio_plugin *folio_plugin_entry(void)
{
	return &plugin;
}
