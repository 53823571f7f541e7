/* folio pdf plugin — the widths of the words of one render (width_cache.h). */
#include "width_cache.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Words longer than this are rare and not worth keeping. */
#define KEY_MAX 64

typedef struct slot {
	uint64_t hash; /* 0: empty */
	uint32_t off;  /* the key's bytes in c->bytes */
	uint16_t len;
	uint8_t face;
	double width;
} slot;

struct pdf_width_cache {
	slot *slots;
	size_t cap, used; /* cap a power of two; used ≤ cap / 2 */
	char *bytes;
	size_t nbytes, capbytes;
	pdf_shaped *store;
};

pdf_width_cache *pdf_width_cache_new(pdf_shaped *store)
{
	pdf_width_cache *c = calloc(1, sizeof *c);

	if (!c)
		return NULL;
	c->store = store;
	c->cap = 1024;
	c->slots = calloc(c->cap, sizeof *c->slots);
	if (!c->slots) {
		free(c);
		return NULL;
	}
	return c;
}

void pdf_width_cache_free(pdf_width_cache *c)
{
	if (!c)
		return;
	free(c->slots);
	free(c->bytes);
	free(c);
}

/* FNV-1a over the face and the bytes; never 0 (the empty mark). */
static uint64_t hash_of(pdf_face face, const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325u ^ (uint64_t)face;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3u;
	}
	return h ? h : 1;
}

static int grow(pdf_width_cache *c)
{
	size_t cap = c->cap * 2;
	slot *slots = calloc(cap, sizeof *slots);

	if (!slots)
		return 0;
	for (size_t i = 0; i < c->cap; i++) {
		size_t j;

		if (!c->slots[i].hash)
			continue;
		for (j = c->slots[i].hash & (cap - 1); slots[j].hash; j = (j + 1) & (cap - 1))
			;
		slots[j] = c->slots[i];
	}
	free(c->slots);
	c->slots = slots;
	c->cap = cap;
	return 1;
}

/* Copies the key into c->bytes; 0 when out of memory. */
static int keep(pdf_width_cache *c, const char *s, size_t len, uint32_t *off)
{
	if (c->nbytes + len > c->capbytes) {
		size_t cap = c->capbytes ? c->capbytes * 2 : 16384;
		char *b;

		while (cap < c->nbytes + len)
			cap *= 2;
		if (cap > UINT32_MAX || !(b = realloc(c->bytes, cap)))
			return 0;
		c->bytes = b;
		c->capbytes = cap;
	}
	memcpy(c->bytes + c->nbytes, s, len);
	*off = (uint32_t)c->nbytes;
	c->nbytes += len;
	return 1;
}

double pdf_width_cached(pdf_width_cache *c, const pdf_fonts *fonts, pdf_face face, const char *s,
                        size_t len)
{
	uint64_t h;
	size_t i;
	double w;
	uint32_t off;

	if (!c || len == 0 || len > KEY_MAX)
		return pdf_fonts_width(fonts, face, s, len);
	h = hash_of(face, s, len);
	for (i = h & (c->cap - 1); c->slots[i].hash; i = (i + 1) & (c->cap - 1)) {
		const slot *e = &c->slots[i];

		if (e->hash == h && e->len == len && e->face == face &&
		    memcmp(c->bytes + e->off, s, len) == 0)
			return e->width;
	}
	w = pdf_fonts_width_in(fonts, face, s, len, c->store);
	if (!keep(c, s, len, &off))
		return w;
	c->slots[i] = (slot){.hash = h, .off = off, .len = (uint16_t)len, .face = (uint8_t)face,
	                     .width = w};
	if (++c->used > c->cap / 2 && !grow(c)) {
		/* full and no memory to grow: forget this one, keep the table sparse */
		c->slots[i].hash = 0;
		c->used--;
	}
	return w;
}
