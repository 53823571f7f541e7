/* Test helper: a folio tree as one compact line, so a test can state the
 * whole expected structure at once:
 *
 *   (doc (heading 2 "What is it?") (para "a " (emph "b")) (list bullet tight (item ...)))
 *
 * Containers are "(name attrs children...)"; TEXT is a quoted string; other
 * leaves are "(code \"x\")", "(br)", "(hr)", "(image src \"alt\" title)",
 * "(code_block info \"text\")". Quotes and backslashes in text are escaped,
 * newlines shown as \n. The caller frees the result. Header-only: include
 * it from one test file per executable.
 */
#ifndef FOLIO_TEST_TREE_DUMP_H
#define FOLIO_TEST_TREE_DUMP_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/doc.h"

typedef struct dump_buf {
	char *p;
	size_t len, cap;
} dump_buf;

static inline void dump_add(dump_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		b->p = realloc(b->p, cap);
		if (b->p == NULL)
			abort();
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static inline void dump_str(dump_buf *b, const char *s)
{
	dump_add(b, s, strlen(s));
}

static inline void dump_quoted(dump_buf *b, const char *s, size_t n)
{
	dump_add(b, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\')
			dump_add(b, "\\", 1);
		if (s[i] == '\n')
			dump_add(b, "\\n", 2);
		else
			dump_add(b, s + i, 1);
	}
	dump_add(b, "\"", 1);
}

static inline void dump_opt(dump_buf *b, const char *s)
{
	dump_add(b, " ", 1);
	if (s == NULL)
		dump_str(b, "-");
	else
		dump_quoted(b, s, strlen(s));
}

static inline const char *dump_name(folio_node_type t)
{
	switch (t) {
	case FOLIO_NODE_DOCUMENT:
		return "doc";
	case FOLIO_NODE_PARAGRAPH:
		return "para";
	case FOLIO_NODE_BLOCK_QUOTE:
		return "quote";
	case FOLIO_NODE_TABLE_ROW:
		return "row";
	case FOLIO_NODE_TABLE_CELL:
		return "cell";
	case FOLIO_NODE_REFERENCE:
		return "ref";
	case FOLIO_NODE_LINE_BREAK:
		return "br";
	case FOLIO_NODE_THEMATIC_BREAK:
		return "hr";
	default:
		return folio_node_type_name(t);
	}
}

static inline void dump_attrs(dump_buf *b, const folio_node *n)
{
	static const char *const aligns[] = {"default", "left", "center", "right"};
	char num[32];
	switch (folio_node_get_type(n)) {
	case FOLIO_NODE_HEADING:
		snprintf(num, sizeof(num), " %d", folio_node_heading_level(n));
		dump_str(b, num);
		break;
	case FOLIO_NODE_LIST:
		if (folio_node_list_type(n) == FOLIO_LIST_ORDERED) {
			snprintf(num, sizeof(num), " ordered %d", folio_node_list_start(n));
			dump_str(b, num);
		} else {
			dump_str(b, " bullet");
		}
		dump_str(b, folio_node_list_tight(n) ? " tight" : " loose");
		break;
	case FOLIO_NODE_LINK:
		dump_opt(b, folio_node_url(n));
		dump_opt(b, folio_node_title(n));
		break;
	case FOLIO_NODE_TABLE_CELL:
		dump_str(b, " ");
		dump_str(b, aligns[folio_node_align(n)]);
		break;
	case FOLIO_NODE_REFERENCES:
		dump_opt(b, folio_node_title(n));
		break;
	case FOLIO_NODE_CODE_BLOCK:
		dump_opt(b, folio_node_info(n));
		break;
	case FOLIO_NODE_IMAGE:
		dump_opt(b, folio_node_url(n));
		dump_opt(b, folio_node_alt(n));
		dump_opt(b, folio_node_title(n));
		break;
	default:
		break;
	}
}

static inline void dump_leaf(dump_buf *b, const folio_node *n)
{
	size_t len = 0;
	const char *lit = folio_node_literal(n, &len);
	folio_node_type t = folio_node_get_type(n);
	if (t == FOLIO_NODE_TEXT) {
		dump_quoted(b, lit, len);
		return;
	}
	dump_str(b, "(");
	dump_str(b, dump_name(t));
	dump_attrs(b, n);
	if (t == FOLIO_NODE_CODE || t == FOLIO_NODE_CODE_BLOCK) {
		dump_str(b, " ");
		dump_quoted(b, lit, len);
	}
	dump_str(b, ")");
}

static inline int dump_is_leaf(folio_node_type t)
{
	return t == FOLIO_NODE_TEXT || t == FOLIO_NODE_CODE || t == FOLIO_NODE_LINE_BREAK ||
	       t == FOLIO_NODE_CODE_BLOCK || t == FOLIO_NODE_THEMATIC_BREAK ||
	       t == FOLIO_NODE_IMAGE;
}

static inline char *dump_tree(const folio_node *root)
{
	dump_buf b = {NULL, 0, 0};
	dump_add(&b, "", 0);
	folio_iter *it = folio_iter_new(root);
	folio_event ev;
	int need_space = 0;
	while ((ev = folio_iter_next(it)) != FOLIO_EVENT_DONE) {
		const folio_node *n = folio_iter_node(it);
		if (ev == FOLIO_EVENT_EXIT) {
			dump_str(&b, ")");
			need_space = 1;
			continue;
		}
		if (need_space)
			dump_str(&b, " ");
		if (dump_is_leaf(folio_node_get_type(n))) {
			dump_leaf(&b, n);
			need_space = 1;
		} else {
			dump_str(&b, "(");
			dump_str(&b, dump_name(folio_node_get_type(n)));
			dump_attrs(&b, n);
			need_space = 1;
		}
	}
	folio_iter_free(it);
	return b.p;
}

/* The dump of a document's body. */
static inline char *dump_doc(const folio_doc *doc)
{
	return dump_tree(folio_doc_root(doc));
}

#endif
