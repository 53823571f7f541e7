/* A well-formed test plugin: writes its options and the title, warns once. */
#include <string.h>

#include "folio/plugin.h"

static const char *const modes[] = {"plain", "fancy", NULL};

static const folio_option_spec options[] = {
	FOLIO_OPTION("flag", FOLIO_OPT_BOOL, "false", "a switch", NULL, 0, 0),
	FOLIO_OPTION("level", FOLIO_OPT_INT, "5", "a number", NULL, 1, 9),
	FOLIO_OPTION("mode", FOLIO_OPT_ENUM, "plain", "a choice", modes, 0, 0),
	FOLIO_OPTION("label", FOLIO_OPT_STRING, NULL, "free text", NULL, 0, 0),
	FOLIO_OPTION_END,
};

static folio_status init(const folio_host *host, void **state, folio_error *err)
{
	(void)host;
	(void)err;
	static int token;
	*state = &token;
	return FOLIO_OK;
}

static folio_status render(void *state, const folio_doc *doc, const folio_options *o,
                           folio_sink *sink, const folio_host *host, folio_error *err)
{
	(void)err;
	if (state == NULL)
		return FOLIO_ERR_RENDER;
	host->warn(host, "hello from %s", "testfmt");
	const char *title = folio_doc_get(doc, FOLIO_META_TITLE);
	const char *label = folio_opt_string(o, "label");
	return folio_sink_printf(sink, "mode=%s level=%ld flag=%d label=%s set=%d title=%s\n",
	                         folio_opt_string(o, "mode"), folio_opt_int(o, "level"),
	                         folio_opt_bool(o, "flag"), label ? label : "(unset)",
	                         folio_opt_is_set(o, "level"), title ? title : "");
}

static const folio_plugin plugin = {
	.size = sizeof(folio_plugin),
	.abi_version = FOLIO_PLUGIN_ABI_VERSION,
	.name = "testfmt",
	.summary = "a test format",
	.extension = "tst",
	.media_type = "text/x-test",
	.options = options,
	.init = init,
	.render = render,
};

FOLIO_PLUGIN_EXPORT const folio_plugin *folio_plugin_entry(void);
const folio_plugin *folio_plugin_entry(void)
{
	return &plugin;
}
