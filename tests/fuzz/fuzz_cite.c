/* Fuzz target: the citation parser and DOI normaliser. */
#include <stddef.h>
#include <stdint.h>

#include "folio/doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	if (!folio_utf8_valid(text, size, NULL))
		return 0; /* the parser's contract: text that entered the model */
	folio_doc *doc = folio_doc_new();
	folio_error err;
	folio_citation *c = folio_citation_parse(doc, text, size, &err);
	for (int f = 0; c != NULL && f < FOLIO_CITE_FIELD_COUNT; f++) {
		const char *v = folio_citation_get(c, (folio_cite_field)f);
		if (v != NULL && !folio_utf8_valid(v, __builtin_strlen(v), NULL))
			__builtin_trap(); /* fields must stay UTF-8 */
	}
	char doi[256];
	folio_doi_normalize(text, size, doi, sizeof(doi));
	folio_doc_free(doc);
	return 0;
}
