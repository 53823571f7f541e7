/* folio — the per-document arena. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc_private.h"

enum { FOLIO_ARENA_CHUNK = 16 * 1024, FOLIO_ARENA_ALIGN = 16 };

struct folio_arena_chunk {
	folio_arena_chunk *prev;
	size_t capacity;
	/* Data follows, aligned by the union. */
	union {
		max_align_t align;
		unsigned char bytes[1];
	} data;
};

void folio_arena_init(folio_arena *a)
{
	memset(a, 0, sizeof(*a));
}

static int arena_grow(folio_arena *a, size_t need)
{
	size_t cap = need > FOLIO_ARENA_CHUNK ? need : FOLIO_ARENA_CHUNK;
	/* Grow chunk sizes with the document so large articles stay few mallocs. */
	if (a->total / 4 > cap && a->total / 4 < (size_t)64 * 1024 * 1024)
		cap = a->total / 4;
	if (cap > SIZE_MAX - sizeof(folio_arena_chunk))
		return 0;
	folio_arena_chunk *c = malloc(sizeof(folio_arena_chunk) + cap);
	if (c == NULL)
		return 0;
	c->prev = a->head;
	c->capacity = cap;
	a->head = c;
	a->used = 0;
	a->capacity = cap;
	a->total += cap;
	return 1;
}

void *folio_arena_alloc(folio_arena *a, size_t size)
{
	if (size == 0)
		size = 1;
	if (size > SIZE_MAX - FOLIO_ARENA_ALIGN)
		return NULL;
	size_t rounded = (size + FOLIO_ARENA_ALIGN - 1) & ~(size_t)(FOLIO_ARENA_ALIGN - 1);
	if (a->head == NULL || a->capacity - a->used < rounded) {
		if (!arena_grow(a, rounded))
			return NULL;
	}
	void *p = a->head->data.bytes + a->used;
	a->used += rounded;
	memset(p, 0, size);
	return p;
}

void folio_arena_release(folio_arena *a)
{
	folio_arena_chunk *c = a->head;
	while (c != NULL) {
		folio_arena_chunk *prev = c->prev;
		free(c);
		c = prev;
	}
	folio_arena_init(a);
}

int folio_ptr_vec_push(folio_arena *a, folio_ptr_vec *v, const char *item)
{
	if (v->count == v->capacity) {
		size_t cap = v->capacity ? v->capacity * 2 : 4;
		const char **items = folio_arena_alloc(a, cap * sizeof(*items));
		if (items == NULL)
			return 0;
		if (v->count)
			memcpy(items, v->items, v->count * sizeof(*items));
		v->items = items;
		v->capacity = cap;
	}
	v->items[v->count++] = item;
	return 1;
}
