/* folio css format: the stylesheet folio's HTML pages use, as a file of its
 * own, so that a site's pages and its index share one (folio batch writes it
 * as style.css). The article is not read; the profile's accent colour is. */
#include "html.h"

static folio_status css_render(void *state, const folio_doc *doc, const folio_options *options,
                               folio_sink *sink, const folio_host *host, folio_error *err)
{
	(void)state;
	(void)doc;
	(void)options;
	html_css(sink, html_accent(host));
	folio_status st = folio_sink_status(sink);
	if (st != FOLIO_OK && err != NULL)
		*err = *folio_sink_error(sink);
	return st;
}

static const folio_plugin css_plugin = {
    .size = sizeof(folio_plugin),
    .abi_version = FOLIO_PLUGIN_ABI_VERSION,
    .name = "css",
    .summary = "the stylesheet of folio's HTML pages, for sites that share one",
    .extension = "css",
    .media_type = "text/css",
    .flags = FOLIO_PLUGIN_AUXILIARY,
    .render = css_render,
};

FOLIO_PLUGIN_EXPORT const folio_plugin *folio_plugin_entry(void);

FOLIO_PLUGIN_EXPORT const folio_plugin *folio_plugin_entry(void)
{
	return &css_plugin;
}
