/* A plugin whose constructor leaves a mark: if the file named by
 * FOLIO_TEST_CTOR_MARK exists, the plugin's code ran (dlopen happened). */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "folio/plugin.h"

__attribute__((constructor)) static void leave_mark(void)
{
	const char *mark = getenv("FOLIO_TEST_CTOR_MARK");
	if (mark != NULL) {
		int fd = open(mark, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
		if (fd >= 0)
			close(fd);
	}
}

static const folio_option_spec options[] = {
	FOLIO_OPTION_END,
};

static folio_status render(void *state, const folio_doc *doc, const folio_options *o,
                           folio_sink *sink, const folio_host *host, folio_error *err)
{
	(void)state;
	(void)doc;
	(void)o;
	(void)host;
	(void)err;
	return folio_sink_printf(sink, "ctor\n");
}

static const folio_plugin plugin = {
	.size = sizeof(folio_plugin),
	.abi_version = FOLIO_PLUGIN_ABI_VERSION,
	.name = "ctorfmt",
	.summary = "a test format whose constructor leaves a mark",
	.extension = "ctor",
	.media_type = "text/x-test",
	.options = options,
	.render = render,
};

FOLIO_PLUGIN_EXPORT const folio_plugin *folio_plugin_entry(void);
const folio_plugin *folio_plugin_entry(void)
{
	return &plugin;
}
