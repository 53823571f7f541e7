/* folio pdf plugin — a hash table of words (word_table.h). */
#include "word_table.h"

#include <stdlib.h>
#include <string.h>

/* FNV-1a over the tag and the bytes; never 0 (the empty mark). */
static uint64_t hash_of(unsigned tag, const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325u ^ (uint64_t)tag;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3u;
	}
	return h ? h : 1;
}

int word_table_init(word_table *t)
{
	memset(t, 0, sizeof *t);
	t->cap = 1024;
	t->slots = calloc(t->cap, sizeof *t->slots);
	return t->slots != NULL;
}

void word_table_free(word_table *t)
{
	free(t->slots);
	free(t->bytes);
	memset(t, 0, sizeof *t);
}

/* The slot of (tag, s), or the empty slot where it would go. */
static size_t slot_of(const word_table *t, uint64_t h, unsigned tag, const char *s, size_t len)
{
	size_t i;

	for (i = h & (t->cap - 1); t->slots[i].hash; i = (i + 1) & (t->cap - 1)) {
		const word_slot *e = &t->slots[i];

		if (e->hash == h && e->len == len && e->tag == tag &&
		    memcmp(t->bytes + e->key, s, len) == 0)
			break;
	}
	return i;
}

const word_value *word_table_find(const word_table *t, unsigned tag, const char *s, size_t len)
{
	size_t i;

	if (!t->slots || len == 0 || len > WORD_TABLE_KEY_MAX)
		return NULL;
	i = slot_of(t, hash_of(tag, s, len), tag, s, len);
	return t->slots[i].hash ? &t->slots[i].value : NULL;
}

static int grow(word_table *t)
{
	size_t cap = t->cap * 2;
	word_slot *slots = calloc(cap, sizeof *slots);

	if (!slots)
		return 0;
	for (size_t i = 0; i < t->cap; i++) {
		size_t j;

		if (!t->slots[i].hash)
			continue;
		for (j = t->slots[i].hash & (cap - 1); slots[j].hash; j = (j + 1) & (cap - 1))
			;
		slots[j] = t->slots[i];
	}
	free(t->slots);
	t->slots = slots;
	t->cap = cap;
	return 1;
}

int word_table_add(word_table *t, unsigned tag, const char *s, size_t len, word_value v)
{
	uint64_t h;
	size_t i;

	if (!t->slots || len == 0 || len > WORD_TABLE_KEY_MAX || tag > UINT16_MAX)
		return 0;
	/* room first, so that a failure keeps nothing */
	if (t->used + 1 > t->cap / 2 && !grow(t))
		return 0;
	if (t->nbytes + len > t->capbytes) {
		size_t cap = t->capbytes ? t->capbytes * 2 : 4096;
		char *b;

		while (cap < t->nbytes + len)
			cap *= 2;
		if (cap > UINT32_MAX || !(b = realloc(t->bytes, cap)))
			return 0;
		t->bytes = b;
		t->capbytes = cap;
	}
	h = hash_of(tag, s, len);
	i = slot_of(t, h, tag, s, len);
	memcpy(t->bytes + t->nbytes, s, len);
	t->slots[i] = (word_slot){.hash = h, .key = (uint32_t)t->nbytes, .len = (uint16_t)len,
	                          .tag = (uint16_t)tag, .value = v};
	t->nbytes += len;
	t->used++;
	return 1;
}
