/* folio — private layout of the document model. Not installed. */
#ifndef FOLIO_DOC_PRIVATE_H
#define FOLIO_DOC_PRIVATE_H

#include <stddef.h>

#include "folio/doc.h"

/* A bump allocator: chunks of at least FOLIO_ARENA_CHUNK bytes, freed all at
 * once. Allocations are 16-byte aligned and zeroed. */
typedef struct folio_arena_chunk folio_arena_chunk;
typedef struct folio_arena {
	folio_arena_chunk *head;
	size_t used;     /* bytes used in head */
	size_t capacity; /* bytes usable in head */
	size_t total;    /* bytes held in all chunks */
} folio_arena;

void folio_arena_init(folio_arena *a);
void *folio_arena_alloc(folio_arena *a, size_t size);
void folio_arena_release(folio_arena *a);

/* A growable array of pointers living in the arena (old storage is simply
 * abandoned on growth: arrays in a document are small). */
typedef struct folio_ptr_vec {
	const char **items;
	size_t count;
	size_t capacity;
} folio_ptr_vec;

int folio_ptr_vec_push(folio_arena *a, folio_ptr_vec *v, const char *item);

struct folio_node {
	folio_node_type type;
	folio_doc *doc;
	folio_node *parent;
	folio_node *first;
	folio_node *last;
	folio_node *prev;
	folio_node *next;
	const char *literal; /* TEXT, CODE, CODE_BLOCK */
	size_t literal_len;
	const char *url;     /* LINK, IMAGE */
	const char *title;   /* LINK, IMAGE caption, REFERENCES heading */
	const char *alt;     /* IMAGE */
	const char *info;    /* CODE_BLOCK */
	const folio_citation *citation; /* REFERENCE */
	int level;           /* HEADING */
	int list_start;      /* LIST */
	unsigned char list_type;
	unsigned char list_tight;
	unsigned char align; /* TABLE_CELL */
	unsigned line;
	unsigned column;
};

struct folio_citation {
	const char *fields[FOLIO_CITE_FIELD_COUNT];
	folio_ptr_vec authors;
	int et_al;
};

struct folio_doc {
	folio_arena arena;
	folio_node *root;
	const char *meta[FOLIO_META_FIELD_COUNT];
	folio_ptr_vec author_names;
	folio_ptr_vec author_creds; /* parallel to author_names; entries may be NULL */
	folio_ptr_vec tags;
	folio_ptr_vec extra_keys;
	folio_ptr_vec extra_values;
	size_t *extra_slots; /* open addressing over extra_keys: index + 1, 0 = free */
	size_t extra_slot_cap; /* a power of two, at least twice the keys */
};

/* Copies a NUL-terminated string into the arena after checking UTF-8. */
folio_status folio_doc_intern(folio_doc *doc, const char *s, const char **out, folio_error *err);

/* Splits a byline "Name, Cred1, Cred2" / "Name PT, DPT" into name and
 * credentials (each arena-owned; credentials NULL when there are none). */
folio_status folio_split_byline(folio_doc *doc, const char *byline, const char **name,
                                const char **credentials, folio_error *err);

/* 1 when s (a word, without trailing punctuation handling) is a known
 * professional credential: "P.T.", "PT", "DPT", "MScPT", "RMT", "DC", ... */
int folio_is_credential(const char *s, size_t len);

#endif
