/* folio — citation parsing (placeholder until the parser lands: keeps the
 * text, finds no fields). */
#include <string.h>

#include "doc_private.h"

static const char *const cite_names[FOLIO_CITE_FIELD_COUNT] = {
	"text", "title", "journal", "year", "volume", "issue", "pages", "doi", "pmid", "url",
};

const char *folio_cite_field_name(folio_cite_field f)
{
	return (unsigned)f < FOLIO_CITE_FIELD_COUNT ? cite_names[f] : NULL;
}

folio_citation *folio_citation_new(folio_doc *doc)
{
	return folio_doc_alloc(doc, sizeof(folio_citation));
}

folio_status folio_citation_set(folio_doc *doc, folio_citation *c, folio_cite_field f,
                                const char *value, folio_error *err)
{
	if ((unsigned)f >= FOLIO_CITE_FIELD_COUNT)
		return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0, "no such citation field");
	return folio_doc_intern(doc, value, &c->fields[f], err);
}

folio_status folio_citation_add_author(folio_doc *doc, folio_citation *c, const char *author,
                                       folio_error *err)
{
	const char *a = NULL;
	folio_status st = folio_doc_intern(doc, author, &a, err);
	if (st != FOLIO_OK)
		return st;
	if (!folio_ptr_vec_push(&doc->arena, &c->authors, a))
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	return FOLIO_OK;
}

const char *folio_citation_get(const folio_citation *c, folio_cite_field f)
{
	return c && (unsigned)f < FOLIO_CITE_FIELD_COUNT ? c->fields[f] : NULL;
}

size_t folio_citation_author_count(const folio_citation *c)
{
	return c ? c->authors.count : 0;
}

const char *folio_citation_author(const folio_citation *c, size_t i)
{
	return c && i < c->authors.count ? c->authors.items[i] : NULL;
}

int folio_citation_et_al(const folio_citation *c)
{
	return c ? c->et_al : 0;
}

folio_citation *folio_citation_parse(folio_doc *doc, const char *text, size_t len,
                                     folio_error *err)
{
	folio_citation *c = folio_citation_new(doc);
	if (c == NULL) {
		folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		return NULL;
	}
	char *copy = folio_doc_strndup(doc, text, len);
	if (copy == NULL || folio_citation_set(doc, c, FOLIO_CITE_TEXT, copy, err) != FOLIO_OK)
		return NULL;
	return c;
}

int folio_doi_normalize(const char *s, size_t len, char *out, size_t n)
{
	(void)s;
	(void)len;
	if (n)
		out[0] = '\0';
	return 0;
}
