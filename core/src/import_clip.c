/* folio — the clipped-web-text importer (placeholder until it lands). */
#include "doc_private.h"
#include "import_private.h"

folio_doc *folio_clip_parse(const char *data, size_t len, const folio_import_options *opts,
                            folio_error *err)
{
	(void)data;
	(void)len;
	(void)opts;
	folio_error_set(err, FOLIO_ERR_UNSUPPORTED, NULL, 0, 0,
	                "importing clipped web text is not built yet; use Markdown");
	return NULL;
}
