/* folio pdf plugin — the widths of the words of one render (width_cache.h). */
#include "width_cache.h"

#include <stdlib.h>

#include "word_table.h"

struct pdf_width_cache {
	word_table words; /* tag: the face */
	pdf_shaped *store;
};

pdf_width_cache *pdf_width_cache_new(pdf_shaped *store)
{
	pdf_width_cache *c = calloc(1, sizeof *c);

	if (!c)
		return NULL;
	if (!word_table_init(&c->words)) {
		free(c);
		return NULL;
	}
	c->store = store;
	return c;
}

void pdf_width_cache_free(pdf_width_cache *c)
{
	if (!c)
		return;
	word_table_free(&c->words);
	free(c);
}

double pdf_width_cached(pdf_width_cache *c, const pdf_fonts *fonts, pdf_face face, const char *s,
                        size_t len)
{
	const word_value *kept = c ? word_table_find(&c->words, face, s, len) : NULL;
	word_value v;

	if (kept)
		return kept->width;
	v.width = pdf_fonts_width_in(fonts, face, s, len, c ? c->store : NULL);
	if (c)
		word_table_add(&c->words, face, s, len, v); /* no memory: measured again next time */
	return v.width;
}
