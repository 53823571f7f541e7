/* Fuzz target: the HTML importer (parse, metadata, extraction, conversion). */
#include <stddef.h>
#include <stdint.h>

#include "folio/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	folio_import_options o = {.size = sizeof(o), .format = FOLIO_INPUT_HTML};
	folio_error err;
	folio_doc *doc = folio_import_memory((const char *)data, size, "fuzz.html", &o, &err);
	folio_doc_free(doc);
	return 0;
}
