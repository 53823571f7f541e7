/* folio pdf plugin — a hash table of short byte strings (words) under a tag
 * (a face, a font file), for the caches of one render: the widths the layout
 * asked for (width_cache.c) and the words shaped (fonts.c's pdf_shaped).
 * Keys are copied; a value is copied out by the caller before the next add
 * (the table may grow and move). */
#ifndef FOLIO_PDF_WORD_TABLE_H
#define FOLIO_PDF_WORD_TABLE_H

#include <stddef.h>
#include <stdint.h>

/* Words longer than this are rare and not worth keeping. */
#define WORD_TABLE_KEY_MAX 64

typedef union word_value {
	double width;
	struct {
		uint32_t first; /* the first of its glyphs in the owner's array */
		uint32_t n;     /* how many; 0: not kept (shape it each time) */
	} glyphs;
} word_value;

typedef struct word_slot {
	uint64_t hash; /* 0: empty */
	uint32_t key;  /* the key's bytes in bytes[] */
	uint16_t len, tag;
	word_value value;
} word_slot;

typedef struct word_table {
	word_slot *slots;
	size_t cap, used; /* cap a power of two; used <= cap / 2 */
	char *bytes;
	size_t nbytes, capbytes;
} word_table;

/* 0 when out of memory. */
int word_table_init(word_table *t);
void word_table_free(word_table *t);
/* The value kept for (tag, s), or NULL. */
const word_value *word_table_find(const word_table *t, unsigned tag, const char *s, size_t len);
/* Keeps v for (tag, s), which is not kept yet (len at most
 * WORD_TABLE_KEY_MAX). 0 when out of memory: nothing is kept. */
int word_table_add(word_table *t, unsigned tag, const char *s, size_t len, word_value v);

#endif
