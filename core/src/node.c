/* folio — the node tree: building, reading, and containment rules. */
#include <stdlib.h>
#include <string.h>

#include "buf_private.h"
#include "doc_private.h"

static const char *const type_names[FOLIO_NODE_TYPE_COUNT] = {
	[FOLIO_NODE_NONE] = "none",
	[FOLIO_NODE_DOCUMENT] = "document",
	[FOLIO_NODE_HEADING] = "heading",
	[FOLIO_NODE_PARAGRAPH] = "paragraph",
	[FOLIO_NODE_LIST] = "list",
	[FOLIO_NODE_ITEM] = "item",
	[FOLIO_NODE_BLOCK_QUOTE] = "block_quote",
	[FOLIO_NODE_CODE_BLOCK] = "code_block",
	[FOLIO_NODE_THEMATIC_BREAK] = "thematic_break",
	[FOLIO_NODE_IMAGE] = "image",
	[FOLIO_NODE_TABLE] = "table",
	[FOLIO_NODE_TABLE_ROW] = "table_row",
	[FOLIO_NODE_TABLE_CELL] = "table_cell",
	[FOLIO_NODE_REFERENCES] = "references",
	[FOLIO_NODE_REFERENCE] = "reference",
	[FOLIO_NODE_TEXT] = "text",
	[FOLIO_NODE_EMPH] = "emph",
	[FOLIO_NODE_STRONG] = "strong",
	[FOLIO_NODE_STRIKE] = "strike",
	[FOLIO_NODE_CODE] = "code",
	[FOLIO_NODE_LINK] = "link",
	[FOLIO_NODE_LINE_BREAK] = "line_break",
};

const char *folio_node_type_name(folio_node_type type)
{
	if ((unsigned)type >= FOLIO_NODE_TYPE_COUNT)
		return "none";
	return type_names[type];
}

int folio_node_type_is_block(folio_node_type type)
{
	return type >= FOLIO_NODE_DOCUMENT && type <= FOLIO_NODE_REFERENCE;
}

static int is_inline(folio_node_type t)
{
	return t >= FOLIO_NODE_TEXT && t <= FOLIO_NODE_LINE_BREAK;
}

static int is_leaf(folio_node_type t)
{
	return t == FOLIO_NODE_TEXT || t == FOLIO_NODE_CODE || t == FOLIO_NODE_LINE_BREAK ||
	       t == FOLIO_NODE_CODE_BLOCK || t == FOLIO_NODE_THEMATIC_BREAK || t == FOLIO_NODE_IMAGE;
}

/* Blocks that may stand in a document, an item or a block quote. */
static int is_flow_block(folio_node_type t)
{
	return t == FOLIO_NODE_HEADING || t == FOLIO_NODE_PARAGRAPH || t == FOLIO_NODE_LIST ||
	       t == FOLIO_NODE_BLOCK_QUOTE || t == FOLIO_NODE_CODE_BLOCK ||
	       t == FOLIO_NODE_THEMATIC_BREAK || t == FOLIO_NODE_IMAGE || t == FOLIO_NODE_TABLE ||
	       t == FOLIO_NODE_REFERENCES;
}

static int can_contain(folio_node_type parent, folio_node_type child)
{
	switch (parent) {
	case FOLIO_NODE_DOCUMENT:
	case FOLIO_NODE_ITEM:
	case FOLIO_NODE_BLOCK_QUOTE:
		return is_flow_block(child);
	case FOLIO_NODE_LIST:
		return child == FOLIO_NODE_ITEM;
	case FOLIO_NODE_TABLE:
		return child == FOLIO_NODE_TABLE_ROW;
	case FOLIO_NODE_TABLE_ROW:
		return child == FOLIO_NODE_TABLE_CELL;
	case FOLIO_NODE_REFERENCES:
		return child == FOLIO_NODE_REFERENCE;
	case FOLIO_NODE_HEADING:
	case FOLIO_NODE_PARAGRAPH:
	case FOLIO_NODE_TABLE_CELL:
	case FOLIO_NODE_REFERENCE:
	case FOLIO_NODE_EMPH:
	case FOLIO_NODE_STRONG:
	case FOLIO_NODE_STRIKE:
	case FOLIO_NODE_LINK:
		return is_inline(child);
	default:
		return 0;
	}
}

folio_node *folio_node_new(folio_doc *doc, folio_node_type type)
{
	if (doc == NULL || type <= FOLIO_NODE_NONE || type >= FOLIO_NODE_TYPE_COUNT)
		return NULL;
	folio_node *n = folio_arena_alloc(&doc->arena, sizeof(*n));
	if (n == NULL)
		return NULL;
	n->type = type;
	n->doc = doc;
	n->literal = "";
	if (type == FOLIO_NODE_HEADING)
		n->level = 1;
	if (type == FOLIO_NODE_LIST) {
		n->list_start = 1;
		n->list_tight = 1;
	}
	return n;
}

static folio_status check_insert(const folio_node *parent, const folio_node *child)
{
	if (parent == NULL || child == NULL || child->parent != NULL || child == parent ||
	    child->doc != parent->doc || child->type == FOLIO_NODE_DOCUMENT)
		return FOLIO_ERR_USAGE;
	if (!can_contain(parent->type, child->type))
		return FOLIO_ERR_USAGE;
	return FOLIO_OK;
}

folio_status folio_node_append(folio_node *parent, folio_node *child)
{
	folio_status st = check_insert(parent, child);
	if (st != FOLIO_OK)
		return st;
	child->parent = parent;
	child->prev = parent->last;
	child->next = NULL;
	if (parent->last)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
	return FOLIO_OK;
}

folio_status folio_node_insert_after(folio_node *sibling, folio_node *node)
{
	if (sibling == NULL)
		return FOLIO_ERR_USAGE;
	folio_status st = check_insert(sibling->parent, node);
	if (st != FOLIO_OK)
		return st;
	folio_node *parent = sibling->parent;
	node->parent = parent;
	node->prev = sibling;
	node->next = sibling->next;
	if (sibling->next)
		sibling->next->prev = node;
	else
		parent->last = node;
	sibling->next = node;
	return FOLIO_OK;
}

void folio_node_unlink(folio_node *node)
{
	if (node == NULL || node->parent == NULL)
		return;
	if (node->prev)
		node->prev->next = node->next;
	else
		node->parent->first = node->next;
	if (node->next)
		node->next->prev = node->prev;
	else
		node->parent->last = node->prev;
	node->parent = node->prev = node->next = NULL;
}

folio_node *folio_node_add(folio_node *parent, folio_node_type type)
{
	if (parent == NULL)
		return NULL;
	folio_node *n = folio_node_new(parent->doc, type);
	if (n == NULL || folio_node_append(parent, n) != FOLIO_OK)
		return NULL;
	return n;
}

folio_node *folio_node_add_text(folio_node *parent, const char *s, size_t len, folio_error *err)
{
	if (parent == NULL || !can_contain(parent->type, FOLIO_NODE_TEXT)) {
		folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0, "text cannot go in a %s",
		                parent ? folio_node_type_name(parent->type) : "null node");
		return NULL;
	}
	folio_node *n = folio_node_new(parent->doc, FOLIO_NODE_TEXT);
	if (n == NULL) {
		folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		return NULL;
	}
	if (folio_node_set_literal(n, s, len, err) != FOLIO_OK)
		return NULL;
	folio_node_append(parent, n);
	return n;
}

/* ---- setters -------------------------------------------------------------------- */

static folio_status wrong_type(const folio_node *n, const char *what, folio_error *err)
{
	return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0, "a %s node has no %s",
	                       n ? folio_node_type_name(n->type) : "null", what);
}

folio_status folio_node_set_literal(folio_node *n, const char *s, size_t len, folio_error *err)
{
	if (n == NULL || (n->type != FOLIO_NODE_TEXT && n->type != FOLIO_NODE_CODE &&
	                  n->type != FOLIO_NODE_CODE_BLOCK))
		return wrong_type(n, "literal text", err);
	size_t bad = 0;
	if (!folio_utf8_valid(s, len, &bad))
		return folio_error_set(err, FOLIO_ERR_UTF8, NULL, n->line, n->column,
		                       "invalid UTF-8 at byte %zu of a text", bad);
	char *copy = folio_doc_strndup(n->doc, s, len);
	if (copy == NULL)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	n->literal = copy;
	n->literal_len = len;
	return FOLIO_OK;
}

folio_status folio_node_set_url(folio_node *n, const char *url, folio_error *err)
{
	if (n == NULL || (n->type != FOLIO_NODE_LINK && n->type != FOLIO_NODE_IMAGE))
		return wrong_type(n, "URL", err);
	return folio_doc_intern(n->doc, url, &n->url, err);
}

folio_status folio_node_set_title(folio_node *n, const char *title, folio_error *err)
{
	if (n == NULL || (n->type != FOLIO_NODE_LINK && n->type != FOLIO_NODE_IMAGE &&
	                  n->type != FOLIO_NODE_REFERENCES))
		return wrong_type(n, "title", err);
	return folio_doc_intern(n->doc, title, &n->title, err);
}

folio_status folio_node_set_alt(folio_node *n, const char *alt, folio_error *err)
{
	if (n == NULL || n->type != FOLIO_NODE_IMAGE)
		return wrong_type(n, "alt text", err);
	return folio_doc_intern(n->doc, alt, &n->alt, err);
}

folio_status folio_node_set_info(folio_node *n, const char *info, folio_error *err)
{
	if (n == NULL || n->type != FOLIO_NODE_CODE_BLOCK)
		return wrong_type(n, "info string", err);
	return folio_doc_intern(n->doc, info, &n->info, err);
}

folio_status folio_node_set_heading_level(folio_node *n, int level)
{
	if (n == NULL || n->type != FOLIO_NODE_HEADING || level < 1 || level > 6)
		return FOLIO_ERR_USAGE;
	n->level = level;
	return FOLIO_OK;
}

folio_status folio_node_set_list(folio_node *n, folio_list_type type, int start, int tight)
{
	if (n == NULL || n->type != FOLIO_NODE_LIST ||
	    (type != FOLIO_LIST_BULLET && type != FOLIO_LIST_ORDERED) || start < 0)
		return FOLIO_ERR_USAGE;
	n->list_type = (unsigned char)type;
	n->list_start = start;
	n->list_tight = tight != 0;
	return FOLIO_OK;
}

folio_status folio_node_set_align(folio_node *n, folio_align align)
{
	if (n == NULL || n->type != FOLIO_NODE_TABLE_CELL || (unsigned)align > FOLIO_ALIGN_RIGHT)
		return FOLIO_ERR_USAGE;
	n->align = (unsigned char)align;
	return FOLIO_OK;
}

folio_status folio_node_set_citation(folio_node *n, const folio_citation *c)
{
	if (n == NULL || n->type != FOLIO_NODE_REFERENCE)
		return FOLIO_ERR_USAGE;
	n->citation = c;
	return FOLIO_OK;
}

void folio_node_set_pos(folio_node *n, unsigned line, unsigned column)
{
	if (n == NULL)
		return;
	n->line = line;
	n->column = column;
}

/* ---- getters --------------------------------------------------------------------- */

folio_node_type folio_node_get_type(const folio_node *n)
{
	return n ? n->type : FOLIO_NODE_NONE;
}

folio_node *folio_node_parent(const folio_node *n)
{
	return n ? n->parent : NULL;
}

folio_node *folio_node_first_child(const folio_node *n)
{
	return n ? n->first : NULL;
}

folio_node *folio_node_last_child(const folio_node *n)
{
	return n ? n->last : NULL;
}

folio_node *folio_node_next(const folio_node *n)
{
	return n ? n->next : NULL;
}

folio_node *folio_node_prev(const folio_node *n)
{
	return n ? n->prev : NULL;
}

size_t folio_node_child_count(const folio_node *n)
{
	size_t count = 0;
	for (const folio_node *c = n ? n->first : NULL; c; c = c->next)
		count++;
	return count;
}

const char *folio_node_literal(const folio_node *n, size_t *len)
{
	if (n == NULL) {
		if (len)
			*len = 0;
		return "";
	}
	if (len)
		*len = n->literal_len;
	return n->literal;
}

const char *folio_node_url(const folio_node *n)
{
	return n ? n->url : NULL;
}

const char *folio_node_title(const folio_node *n)
{
	return n ? n->title : NULL;
}

const char *folio_node_alt(const folio_node *n)
{
	return n ? n->alt : NULL;
}

const char *folio_node_info(const folio_node *n)
{
	return n ? n->info : NULL;
}

int folio_node_heading_level(const folio_node *n)
{
	return n && n->type == FOLIO_NODE_HEADING ? n->level : 0;
}

folio_list_type folio_node_list_type(const folio_node *n)
{
	return n ? (folio_list_type)n->list_type : FOLIO_LIST_BULLET;
}

int folio_node_list_start(const folio_node *n)
{
	return n ? n->list_start : 0;
}

int folio_node_list_tight(const folio_node *n)
{
	return n ? n->list_tight : 0;
}

folio_align folio_node_align(const folio_node *n)
{
	return n ? (folio_align)n->align : FOLIO_ALIGN_DEFAULT;
}

const folio_citation *folio_node_citation(const folio_node *n)
{
	return n ? n->citation : NULL;
}

unsigned folio_node_line(const folio_node *n)
{
	return n ? n->line : 0;
}

unsigned folio_node_column(const folio_node *n)
{
	return n ? n->column : 0;
}

/* ---- plain text ------------------------------------------------------------------- */

char *folio_node_plain_text(const folio_node *n)
{
	folio_buf b = {0};
	folio_buf_add(&b, "", 0);
	folio_iter *it = folio_iter_new(n);
	if (it == NULL) {
		folio_buf_free(&b);
		return NULL;
	}
	folio_event ev;
	while ((ev = folio_iter_next(it)) != FOLIO_EVENT_DONE) {
		const folio_node *c = folio_iter_node(it);
		if (ev != FOLIO_EVENT_ENTER)
			continue;
		if (c->type == FOLIO_NODE_TEXT || c->type == FOLIO_NODE_CODE)
			folio_buf_add(&b, c->literal, c->literal_len);
		else if (c->type == FOLIO_NODE_LINE_BREAK)
			folio_buf_add(&b, " ", 1);
	}
	folio_iter_free(it);
	if (b.failed) {
		folio_buf_free(&b);
		return NULL;
	}
	return b.data;
}

/* ---- iterator ------------------------------------------------------------------------- */

struct folio_iter {
	const folio_node *root;
	const folio_node *cur;
	folio_event ev;
	int skip; /* the next event is cur's EXIT */
};

folio_iter *folio_iter_new(const folio_node *root)
{
	if (root == NULL)
		return NULL;
	folio_iter *it = calloc(1, sizeof(*it));
	if (it == NULL)
		return NULL;
	it->root = root;
	it->ev = FOLIO_EVENT_NONE;
	return it;
}

void folio_iter_free(folio_iter *it)
{
	free(it);
}

/* The next event after (cur, ev), in the manner of cmark's iterator: a
 * container's ENTER is followed by its first child's ENTER, or by its own EXIT
 * when it has none; a leaf gives ENTER only. */
folio_event folio_iter_next(folio_iter *it)
{
	const folio_node *cur = it->cur;
	switch (it->ev) {
	case FOLIO_EVENT_DONE:
		return FOLIO_EVENT_DONE;
	case FOLIO_EVENT_NONE:
		it->cur = it->root;
		it->ev = FOLIO_EVENT_ENTER;
		return it->ev;
	case FOLIO_EVENT_ENTER:
		if (!is_leaf(cur->type)) {
			if (cur->first && !it->skip) {
				it->cur = cur->first;
				it->ev = FOLIO_EVENT_ENTER;
			} else {
				it->ev = FOLIO_EVENT_EXIT;
			}
			it->skip = 0;
			return it->ev;
		}
		break;
	case FOLIO_EVENT_EXIT:
		break;
	}
	/* Leaving cur (a leaf just entered, or a container just exited). */
	if (cur == it->root) {
		it->ev = FOLIO_EVENT_DONE;
		it->cur = NULL;
	} else if (cur->next) {
		it->cur = cur->next;
		it->ev = FOLIO_EVENT_ENTER;
	} else {
		it->cur = cur->parent;
		it->ev = FOLIO_EVENT_EXIT;
	}
	return it->ev;
}

const folio_node *folio_iter_node(const folio_iter *it)
{
	return it->cur;
}

void folio_iter_skip_children(folio_iter *it)
{
	if (it->ev == FOLIO_EVENT_ENTER && it->cur && !is_leaf(it->cur->type))
		it->skip = 1;
}
