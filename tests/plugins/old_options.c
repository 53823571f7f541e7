/* A test plugin whose option entries are shorter than this ABI's (a table
 * written without the leading size): must be refused, not misread. */
#include "folio/plugin.h"

static folio_status render(void *state, const folio_doc *doc, const folio_options *o,
                           folio_sink *sink, const folio_host *host, folio_error *err)
{
	(void)state, (void)doc, (void)o, (void)sink, (void)host, (void)err;
	return FOLIO_OK;
}

/* The ABI 1 layout: no size, name first. */
typedef struct old_spec {
	const char *name;
	folio_opt_type type;
	const char *default_value, *help;
	const char *const *choices;
	long min, max;
} old_spec;

static const old_spec options[] = {
    {"width", FOLIO_OPT_INT, "72", "line width", NULL, 20, 1000},
    {NULL, 0, NULL, NULL, NULL, 0, 0},
};

static const folio_plugin plugin = {
	.size = sizeof(folio_plugin),
	.abi_version = FOLIO_PLUGIN_ABI_VERSION,
	.name = "oldopts",
	.summary = "an option table of the old layout",
	.extension = "old",
	.media_type = "text/x-test",
	.options = (const folio_option_spec *)(const void *)options,
	.render = render,
};

FOLIO_PLUGIN_EXPORT const folio_plugin *folio_plugin_entry(void);
const folio_plugin *folio_plugin_entry(void)
{
	return &plugin;
}
