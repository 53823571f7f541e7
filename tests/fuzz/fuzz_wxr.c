/* Fuzz target: the WordPress export reader (XML, item selection, authors,
 * dates) and each kept post through the HTML conversion (shortcodes,
 * [caption] figures, autop). The first byte decides whether pages are
 * included, so both paths are explored. */
#include <stddef.h>
#include <stdint.h>

#include "folio/import.h"
#include "wxr_private.h"

static void ignore(void *ud, unsigned line, const char *text, const char *reason)
{
	(void)ud;
	(void)line;
	(void)text;
	(void)reason;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int pages = size > 0 && (data[0] & 1);
	folio_error err;
	folio_wxr *w = folio_wxr_read_memory((const char *)data, size, "fuzz.xml", pages, &err);
	if (w == NULL)
		return 0;
	folio_import_options o = {.size = sizeof(o), .format = FOLIO_INPUT_HTML, .explain = ignore};
	for (size_t i = 0; i < w->count; i++) {
		folio_error perr;
		folio_doc_free(folio_wxr_post_doc(w, i, &o, &perr));
	}
	folio_wxr_free(w);
	return 0;
}
