/* Fuzz target: import (Markdown or clipped text, chosen by the first byte),
 * then every loaded exporter into a memory sink. Plugins come from
 * FOLIO_PLUGIN_DIR (the build's plugin folder). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "folio/folio.h"

static folio_registry *loaded;

/* The plugins' state (fonts, fontconfig's configuration) freed at exit, so
 * LeakSanitizer judges what a run leaks, not what a live process holds
 * (fontconfig keeps some of its pointers as offsets, which LSan cannot
 * follow). */
static void free_registry(void)
{
	folio_registry_free(loaded);
	loaded = NULL;
}

static folio_registry *registry(void)
{
	if (loaded == NULL) {
		loaded = folio_registry_new();
		atexit(free_registry);
		const char *dir = getenv("FOLIO_PLUGIN_DIR");
		folio_registry_discover(loaded, dir ? &dir : NULL, dir ? 1 : 0);
	}
	return loaded;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	folio_registry *reg = registry();
	folio_import_options o = {.size = sizeof(o),
	                          .format = data[0] & 1 ? FOLIO_INPUT_CLIP : FOLIO_INPUT_MARKDOWN};
	folio_error err;
	folio_doc *doc =
		folio_import_memory((const char *)data + 1, size - 1, "fuzz.md", &o, &err);
	for (size_t i = 0; doc != NULL && i < folio_registry_count(reg); i++) {
		const folio_plugin *p = folio_registry_at(reg, i);
		folio_options *opts = folio_options_parse(reg, p, NULL, 0, &err);
		folio_sink *sink = folio_sink_memory();
		if (opts != NULL && sink != NULL)
			folio_export(reg, doc, p, opts, sink, "fuzz.out", &err);
		folio_sink_abort(sink);
		folio_options_free(opts);
	}
	folio_doc_free(doc);
	return 0;
}
