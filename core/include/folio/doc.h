/* folio — the document model.
 *
 * A folio_doc is one article: metadata plus a tree of folio_nodes. The
 * document owns an arena; every node and every string reached through it lives
 * until folio_doc_free. Strings passed in are copied. All text is UTF-8 and is
 * validated when it enters (setters return FOLIO_ERR_UTF8 otherwise).
 *
 * Both types are opaque: use the accessors below.
 */
#ifndef FOLIO_DOC_H
#define FOLIO_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "folio/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct folio_doc folio_doc;
typedef struct folio_node folio_node;
typedef struct folio_citation folio_citation;
typedef struct folio_iter folio_iter;

typedef enum folio_node_type {
	FOLIO_NODE_NONE = 0,
	/* blocks */
	FOLIO_NODE_DOCUMENT,
	FOLIO_NODE_HEADING,        /* level 1..6; inline children */
	FOLIO_NODE_PARAGRAPH,      /* inline children */
	FOLIO_NODE_LIST,           /* ITEM children */
	FOLIO_NODE_ITEM,           /* block children */
	FOLIO_NODE_BLOCK_QUOTE,    /* block children */
	FOLIO_NODE_CODE_BLOCK,     /* leaf: literal text, info = language */
	FOLIO_NODE_THEMATIC_BREAK, /* leaf */
	FOLIO_NODE_IMAGE,          /* leaf: url = source, alt, title = caption */
	FOLIO_NODE_TABLE,          /* TABLE_ROW children; the first row is the header */
	FOLIO_NODE_TABLE_ROW,      /* TABLE_CELL children */
	FOLIO_NODE_TABLE_CELL,     /* inline children, align */
	FOLIO_NODE_REFERENCES,     /* REFERENCE children; title = the section's heading */
	FOLIO_NODE_REFERENCE,      /* inline children (the original text) + a citation */
	/* inlines */
	FOLIO_NODE_TEXT,           /* leaf: literal */
	FOLIO_NODE_EMPH,
	FOLIO_NODE_STRONG,
	FOLIO_NODE_STRIKE,
	FOLIO_NODE_CODE,           /* leaf: literal */
	FOLIO_NODE_LINK,           /* url, title; inline children */
	FOLIO_NODE_LINE_BREAK,     /* leaf: a hard break */
	FOLIO_NODE_TYPE_COUNT
} folio_node_type;

typedef enum folio_list_type {
	FOLIO_LIST_BULLET = 0,
	FOLIO_LIST_ORDERED
} folio_list_type;

typedef enum folio_align {
	FOLIO_ALIGN_DEFAULT = 0,
	FOLIO_ALIGN_LEFT,
	FOLIO_ALIGN_CENTER,
	FOLIO_ALIGN_RIGHT
} folio_align;

/* ---- documents ------------------------------------------------------- */

/* A new empty document (its root is a DOCUMENT node). NULL when out of
 * memory. The caller owns it and releases it with folio_doc_free. */
FOLIO_API folio_doc *folio_doc_new(void);

/* Releases the document, its nodes and all its strings. NULL is ignored. */
FOLIO_API void folio_doc_free(folio_doc *doc);

/* The DOCUMENT node; owned by the document. */
FOLIO_API folio_node *folio_doc_root(const folio_doc *doc);

/* Copies len bytes into the document's arena and NUL-terminates them. The
 * result lives as long as the document. NULL when out of memory. */
FOLIO_API char *folio_doc_strndup(folio_doc *doc, const char *s, size_t len);

/* Allocates size bytes (zeroed) in the document's arena. */
FOLIO_API void *folio_doc_alloc(folio_doc *doc, size_t size);

/* ---- metadata --------------------------------------------------------- */

/* The well-known metadata fields. Values are NULL when unset. */
typedef enum folio_meta_field {
	FOLIO_META_TITLE = 0,
	FOLIO_META_SUBTITLE,
	FOLIO_META_DATE,     /* ISO 8601: YYYY-MM-DD (optionally with a time) */
	FOLIO_META_LANG,     /* BCP 47, e.g. "en", "fr-CA" */
	FOLIO_META_SUMMARY,
	FOLIO_META_URL,      /* canonical URL */
	FOLIO_META_SOURCE,   /* the file the document was read from, if any */
	FOLIO_META_FIELD_COUNT
} folio_meta_field;

/* Sets a field (a copy of value; NULL clears it). Checks UTF-8; a date must
 * look like YYYY-MM-DD and a language like a BCP 47 tag (FOLIO_ERR_SYNTAX). */
FOLIO_API folio_status folio_doc_set(folio_doc *doc, folio_meta_field field, const char *value,
                                     folio_error *err);
FOLIO_API const char *folio_doc_get(const folio_doc *doc, folio_meta_field field);
/* "title", "subtitle", ... ; NULL for an out-of-range field. */
FOLIO_API const char *folio_meta_field_name(folio_meta_field field);

/* Authors, in order. credentials may be NULL ("P.T.", "DPT, OCS", ...). */
FOLIO_API folio_status folio_doc_add_author(folio_doc *doc, const char *name,
                                            const char *credentials, folio_error *err);
/* Splits "Glenn Charbonneau, P.T." into name and credentials and adds it. */
FOLIO_API folio_status folio_doc_add_author_string(folio_doc *doc, const char *byline,
                                                   folio_error *err);
FOLIO_API size_t folio_doc_author_count(const folio_doc *doc);
FOLIO_API const char *folio_doc_author_name(const folio_doc *doc, size_t i);
FOLIO_API const char *folio_doc_author_credentials(const folio_doc *doc, size_t i);

FOLIO_API folio_status folio_doc_add_tag(folio_doc *doc, const char *tag, folio_error *err);
FOLIO_API size_t folio_doc_tag_count(const folio_doc *doc);
FOLIO_API const char *folio_doc_tag(const folio_doc *doc, size_t i);

/* Any other key (front matter keys folio does not know), kept as text in
 * insertion order. Setting an existing key replaces its value. */
FOLIO_API folio_status folio_doc_set_extra(folio_doc *doc, const char *key, const char *value,
                                           folio_error *err);
FOLIO_API size_t folio_doc_extra_count(const folio_doc *doc);
FOLIO_API const char *folio_doc_extra_key(const folio_doc *doc, size_t i);
FOLIO_API const char *folio_doc_extra_value(const folio_doc *doc, size_t i);
/* The value of key, or NULL. */
FOLIO_API const char *folio_doc_extra(const folio_doc *doc, const char *key);

/* ---- nodes: building ---------------------------------------------------- */

/* A new detached node of the given type, owned by doc. NULL when out of memory
 * or for an invalid type. */
FOLIO_API folio_node *folio_node_new(folio_doc *doc, folio_node_type type);

/* Appends child (detached) as the last child of parent. Returns
 * FOLIO_ERR_USAGE when the child may not go there (an inline directly under
 * the document, a block inside a paragraph, a non-item in a list, ...). */
FOLIO_API folio_status folio_node_append(folio_node *parent, folio_node *child);

/* Inserts node (detached) just after sibling. Same checks as append. */
FOLIO_API folio_status folio_node_insert_after(folio_node *sibling, folio_node *node);

/* Detaches node from its parent (it stays owned by the document). */
FOLIO_API void folio_node_unlink(folio_node *node);

/* Convenience: a new node of type appended to parent, or NULL. */
FOLIO_API folio_node *folio_node_add(folio_node *parent, folio_node_type type);

/* Convenience: appends a TEXT node with a copy of len bytes of s (validated
 * UTF-8). Adjacent text is not merged. NULL on error (err says why). */
FOLIO_API folio_node *folio_node_add_text(folio_node *parent, const char *s, size_t len,
                                          folio_error *err);

/* Setters copy their strings and validate UTF-8. Each returns FOLIO_ERR_USAGE
 * when the node type has no such property. */
FOLIO_API folio_status folio_node_set_literal(folio_node *n, const char *s, size_t len,
                                              folio_error *err);
FOLIO_API folio_status folio_node_set_url(folio_node *n, const char *url, folio_error *err);
FOLIO_API folio_status folio_node_set_title(folio_node *n, const char *title, folio_error *err);
FOLIO_API folio_status folio_node_set_alt(folio_node *n, const char *alt, folio_error *err);
FOLIO_API folio_status folio_node_set_info(folio_node *n, const char *info, folio_error *err);
FOLIO_API folio_status folio_node_set_heading_level(folio_node *n, int level);
FOLIO_API folio_status folio_node_set_list(folio_node *n, folio_list_type type, int start,
                                           int tight);
FOLIO_API folio_status folio_node_set_align(folio_node *n, folio_align align);
/* Attaches a parsed citation to a REFERENCE node (the citation must belong to
 * the same document). */
FOLIO_API folio_status folio_node_set_citation(folio_node *n, const folio_citation *c);
/* Where the node came from in the source (1-based; 0 = unknown). */
FOLIO_API void folio_node_set_pos(folio_node *n, unsigned line, unsigned column);

/* ---- nodes: reading ------------------------------------------------------ */

FOLIO_API folio_node_type folio_node_get_type(const folio_node *n);
/* "document", "heading", "paragraph", ... (the JSON schema's names). */
FOLIO_API const char *folio_node_type_name(folio_node_type type);
FOLIO_API int folio_node_type_is_block(folio_node_type type);

/* Navigation. Each returns NULL where there is no such node. */
FOLIO_API folio_node *folio_node_parent(const folio_node *n);
FOLIO_API folio_node *folio_node_first_child(const folio_node *n);
FOLIO_API folio_node *folio_node_last_child(const folio_node *n);
FOLIO_API folio_node *folio_node_next(const folio_node *n);
FOLIO_API folio_node *folio_node_prev(const folio_node *n);
FOLIO_API size_t folio_node_child_count(const folio_node *n);

/* TEXT, CODE, CODE_BLOCK: the text (NUL-terminated; len may be NULL).
 * "" for other types. */
FOLIO_API const char *folio_node_literal(const folio_node *n, size_t *len);
FOLIO_API const char *folio_node_url(const folio_node *n);   /* LINK, IMAGE; or NULL */
FOLIO_API const char *folio_node_title(const folio_node *n); /* LINK, IMAGE (caption),
                                                                REFERENCES; or NULL */
FOLIO_API const char *folio_node_alt(const folio_node *n);   /* IMAGE; or NULL */
FOLIO_API const char *folio_node_info(const folio_node *n);  /* CODE_BLOCK language; or NULL */
FOLIO_API int folio_node_heading_level(const folio_node *n); /* 1..6; 0 otherwise */
FOLIO_API folio_list_type folio_node_list_type(const folio_node *n);
FOLIO_API int folio_node_list_start(const folio_node *n);   /* ordered lists; default 1 */
FOLIO_API int folio_node_list_tight(const folio_node *n);
FOLIO_API folio_align folio_node_align(const folio_node *n); /* TABLE_CELL */
FOLIO_API const folio_citation *folio_node_citation(const folio_node *n); /* REFERENCE */
FOLIO_API unsigned folio_node_line(const folio_node *n);
FOLIO_API unsigned folio_node_column(const folio_node *n);

/* The node's text with all markup stripped (inline descendants' literals
 * concatenated, line breaks as spaces), for outlines, titles and the like.
 * The caller frees the result with free(). NULL when out of memory. */
FOLIO_API char *folio_node_plain_text(const folio_node *n);

/* ---- iteration ------------------------------------------------------------ */

typedef enum folio_event {
	FOLIO_EVENT_NONE = 0,
	FOLIO_EVENT_DONE,
	FOLIO_EVENT_ENTER,
	FOLIO_EVENT_EXIT /* containers only: leaves yield ENTER alone */
} folio_event;

/* An iterator over the subtree at root, root included. Caller frees it with
 * folio_iter_free. The tree must not change while it is in use. */
FOLIO_API folio_iter *folio_iter_new(const folio_node *root);
FOLIO_API void folio_iter_free(folio_iter *it);
/* Advances and returns the event; FOLIO_EVENT_DONE at the end. */
FOLIO_API folio_event folio_iter_next(folio_iter *it);
FOLIO_API const folio_node *folio_iter_node(const folio_iter *it);
/* After an ENTER on a container: the next event is that container's EXIT. */
FOLIO_API void folio_iter_skip_children(folio_iter *it);

/* ---- citations ------------------------------------------------------------ */

typedef enum folio_cite_field {
	FOLIO_CITE_TEXT = 0,   /* the original citation as plain text */
	FOLIO_CITE_TITLE,
	FOLIO_CITE_JOURNAL,    /* journal, book or site ("container") */
	FOLIO_CITE_YEAR,
	FOLIO_CITE_VOLUME,
	FOLIO_CITE_ISSUE,
	FOLIO_CITE_PAGES,      /* "252-265", or an article number such as "e227" */
	FOLIO_CITE_DOI,        /* normalised: "10.xxxx/...", no prefix, no trailing dot */
	FOLIO_CITE_PMID,
	FOLIO_CITE_URL,
	FOLIO_CITE_FIELD_COUNT
} folio_cite_field;

/* Parses one citation (AMA, Vancouver, APA and similar shapes) into a
 * citation owned by doc. Fields it cannot find stay NULL; the text is always
 * kept. NULL only when out of memory or the text is not valid UTF-8. */
FOLIO_API folio_citation *folio_citation_parse(folio_doc *doc, const char *text, size_t len,
                                               folio_error *err);
/* An empty citation owned by doc, to fill with folio_citation_set. */
FOLIO_API folio_citation *folio_citation_new(folio_doc *doc);
FOLIO_API folio_status folio_citation_set(folio_doc *doc, folio_citation *c, folio_cite_field f,
                                          const char *value, folio_error *err);
FOLIO_API folio_status folio_citation_add_author(folio_doc *doc, folio_citation *c,
                                                 const char *author, folio_error *err);
FOLIO_API const char *folio_citation_get(const folio_citation *c, folio_cite_field f);
FOLIO_API size_t folio_citation_author_count(const folio_citation *c);
/* As written in the citation: "Chou L-W", "Dunning, J.", ... */
FOLIO_API const char *folio_citation_author(const folio_citation *c, size_t i);
/* 1 when the author list ends with "et al." */
FOLIO_API int folio_citation_et_al(const folio_citation *c);
/* "doi", "title", ... (the JSON schema's names). */
FOLIO_API const char *folio_cite_field_name(folio_cite_field f);

/* Normalises a DOI found in text ("doi:10.1155/2012/705327.",
 * "https://doi.org/10...") into out (size n): "10.1155/2012/705327".
 * Returns 1 when it is a syntactically valid DOI, 0 otherwise.
 * s must hold one DOI token (a space inside, as in "10.1000/ abc", makes it
 * invalid); case is kept. When out is too small it returns 0 with out "";
 * out may be NULL when n is 0, to check only. */
FOLIO_API int folio_doi_normalize(const char *s, size_t len, char *out, size_t n);

/* ---- small UTF-8 helpers shared by importers and exporters ---------------- */

/* 1 when s[0..len) is valid UTF-8 without NUL bytes. On failure, *bad (if
 * not NULL) receives the byte offset of the first bad sequence. */
FOLIO_API int folio_utf8_valid(const char *s, size_t len, size_t *bad);

/* The display width of s in terminal columns (East Asian wide = 2, combining
 * marks = 0, one width per grapheme cluster). */
FOLIO_API size_t folio_utf8_width(const char *s, size_t len);

/* A URL-safe slug of s: lowercase ASCII letters, digits and '-', accents
 * folded ("Café à l'épaule" -> "cafe-a-l-epaule"), at most n-1 bytes, never
 * empty ("article" when nothing is left). Returns out. */
FOLIO_API char *folio_slugify(const char *s, char *out, size_t n);

/* Levenshtein distance between two short ASCII words (option names, keys),
 * for "did you mean"; (size_t)-1 when either is over 40 bytes. */
FOLIO_API size_t folio_edit_distance(const char *a, const char *b);

/* Seconds since the epoch to stamp outputs with: SOURCE_DATE_EPOCH when set,
 * else the document's date at 12:00 UTC, else 315532800 (1980-01-01). */
FOLIO_API int64_t folio_doc_epoch(const folio_doc *doc);

#ifdef __cplusplus
}
#endif
#endif
