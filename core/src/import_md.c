/* folio — the Markdown importer: md4c's callbacks build the folio tree.
 *
 * md4c pushes enter/leave/text events; the builder keeps a stack of what is
 * open. Each stack entry knows the node its children go to ("target"), so a
 * block or span that is left out — nested deeper than opts->max_depth, or
 * something folio has no node for (THEAD, TBODY) — simply lends its parent's
 * target to what is inside it. Nothing here recurses over the input's depth.
 *
 * Text is gathered in one pending buffer and becomes a TEXT node only when
 * something else happens, so adjacent pieces (md4c splits text at entities,
 * soft breaks, ...) end up in one node. md4c passes entities undecoded; they
 * are decoded here. Raw HTML is parsed as text (MD_FLAG_NOHTML).
 *
 * md4c omits the paragraphs of tight list items and sends their text right
 * inside the item; the builder opens an "implicit" paragraph there, closed by
 * the next block event.
 */
#include <stdlib.h>
#include <string.h>

#include <md4c.h>
#include <utf8proc.h>

#include "doc_private.h"
#include "frontmatter_private.h"
#include "import_private.h"

#define MD_FLAGS                                                                                   \
	(MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEAUTOLINKS | MD_FLAG_NOHTML)

/* ---- a growable byte buffer (malloc-owned by its user) ------------------------ */

typedef struct md_buf {
	char *p;
	size_t len, cap;
} md_buf;

static int buf_add(md_buf *b, const char *s, size_t len)
{
	if (b->len + len + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + len + 1)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (p == NULL)
			return 0;
		b->p = p;
		b->cap = cap;
	}
	if (len)
		memcpy(b->p + b->len, s, len);
	b->len += len;
	b->p[b->len] = '\0';
	return 1;
}

/* ---- entities ------------------------------------------------------------------- */

typedef struct md_entity {
	const char *name;
	unsigned cp;
} md_entity;

/* The named entities seen in articles (HTML's full list has 2,000). Unknown
 * names stay as they were written. */
static const md_entity named_entities[] = {
    {"AElig", 0xC6},   {"Aacute", 0xC1},   {"Acirc", 0xC2},    {"Agrave", 0xC0},
    {"Auml", 0xC4},    {"Ccedil", 0xC7},   {"Dagger", 0x2021}, {"Eacute", 0xC9},
    {"Ecirc", 0xCA},   {"Egrave", 0xC8},   {"Euml", 0xCB},     {"Icirc", 0xCE},
    {"Iuml", 0xCF},    {"Ntilde", 0xD1},   {"OElig", 0x152},   {"Ocirc", 0xD4},
    {"Oslash", 0xD8},  {"Ouml", 0xD6},     {"Prime", 0x2033},  {"Ucirc", 0xDB},
    {"Ugrave", 0xD9},  {"Uuml", 0xDC},     {"aacute", 0xE1},   {"acirc", 0xE2},
    {"aelig", 0xE6},   {"agrave", 0xE0},   {"alpha", 0x3B1},   {"amp", 0x26},
    {"apos", 0x27},    {"aring", 0xE5},    {"asymp", 0x2248},  {"atilde", 0xE3},
    {"auml", 0xE4},    {"bdquo", 0x201E},  {"beta", 0x3B2},    {"bull", 0x2022},
    {"ccedil", 0xE7},  {"cent", 0xA2},     {"copy", 0xA9},     {"dagger", 0x2020},
    {"darr", 0x2193},  {"deg", 0xB0},      {"divide", 0xF7},   {"eacute", 0xE9},
    {"ecirc", 0xEA},   {"egrave", 0xE8},   {"emsp", 0x2003},   {"ensp", 0x2002},
    {"euml", 0xEB},    {"euro", 0x20AC},   {"frac12", 0xBD},   {"frac14", 0xBC},
    {"frac34", 0xBE},  {"ge", 0x2265},     {"gt", 0x3E},       {"hellip", 0x2026},
    {"iacute", 0xED},  {"icirc", 0xEE},    {"iexcl", 0xA1},    {"igrave", 0xEC},
    {"infin", 0x221E}, {"iquest", 0xBF},   {"iuml", 0xEF},     {"laquo", 0xAB},
    {"larr", 0x2190},  {"ldquo", 0x201C},  {"le", 0x2264},     {"lsaquo", 0x2039},
    {"lsquo", 0x2018}, {"lt", 0x3C},       {"mdash", 0x2014},  {"micro", 0xB5},
    {"middot", 0xB7},  {"minus", 0x2212},  {"mu", 0x3BC},      {"nbsp", 0xA0},
    {"ndash", 0x2013}, {"ne", 0x2260},     {"ntilde", 0xF1},   {"oacute", 0xF3},
    {"ocirc", 0xF4},   {"oelig", 0x153},   {"ograve", 0xF2},   {"ordf", 0xAA},
    {"ordm", 0xBA},    {"oslash", 0xF8},   {"otilde", 0xF5},   {"ouml", 0xF6},
    {"para", 0xB6},    {"permil", 0x2030}, {"plusmn", 0xB1},   {"pound", 0xA3},
    {"prime", 0x2032}, {"quot", 0x22},     {"raquo", 0xBB},    {"rarr", 0x2192},
    {"rdquo", 0x201D}, {"reg", 0xAE},      {"rsaquo", 0x203A}, {"rsquo", 0x2019},
    {"sbquo", 0x201A}, {"sect", 0xA7},     {"shy", 0xAD},      {"sup1", 0xB9},
    {"sup2", 0xB2},    {"sup3", 0xB3},     {"szlig", 0xDF},    {"thinsp", 0x2009},
    {"times", 0xD7},   {"trade", 0x2122},  {"uacute", 0xFA},   {"uarr", 0x2191},
    {"ucirc", 0xFB},   {"ugrave", 0xF9},   {"uuml", 0xFC},     {"yacute", 0xFD},
    {"yen", 0xA5},     {"yuml", 0xFF},
};

/* Encodes cp as UTF-8 into out (4 bytes room); returns the length. */
static size_t utf8_encode(unsigned cp, char *out)
{
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD; /* CommonMark: invalid code points become U+FFFD */
	return (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)out);
}

/* "&#233;" / "&#xE9;" -> code point; 0 when malformed. md4c has already
 * checked the shape and bounded the digits (7 decimal, 6 hex). */
static unsigned numeric_entity(const char *s, size_t len)
{
	unsigned cp = 0;
	size_t i = 2;
	int hex = len > 3 && (s[2] == 'x' || s[2] == 'X');
	if (hex)
		i++;
	for (; i + 1 < len; i++) {
		char c = s[i];
		unsigned d;
		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (hex && ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'))
			d = (unsigned)((c | 0x20) - 'a' + 10);
		else
			return 0;
		cp = cp * (hex ? 16u : 10u) + d;
		if (cp > 0x10FFFF)
			cp = 0x110000; /* stays invalid, never overflows */
	}
	return cp;
}

/* Decodes one entity ("&amp;") into out (4 bytes room). Returns the length,
 * or 0 for an unknown name (the caller keeps the text as written). */
static size_t decode_entity(const char *s, size_t len, char *out)
{
	if (len < 3 || s[0] != '&' || s[len - 1] != ';')
		return 0;
	if (s[1] == '#')
		return utf8_encode(numeric_entity(s, len), out);
	for (size_t i = 0; i < sizeof(named_entities) / sizeof(named_entities[0]); i++) {
		const char *n = named_entities[i].name;
		if (strlen(n) == len - 2 && memcmp(n, s + 1, len - 2) == 0)
			return utf8_encode(named_entities[i].cp, out);
	}
	return 0;
}

static int buf_add_entity(md_buf *b, const char *s, size_t len)
{
	char u[4];
	size_t n = decode_entity(s, len, u);
	return n ? buf_add(b, u, n) : buf_add(b, s, len);
}

/* ---- the builder ------------------------------------------------------------------ */

enum entry_kind {
	ENTRY_NODE,     /* a node of ours */
	ENTRY_IMPLICIT, /* a paragraph md4c did not announce (tight list item) */
	ENTRY_SKIP,     /* left out: its content goes to the target below it */
	ENTRY_CODE,     /* a code span gathering its text */
};

typedef struct md_entry {
	folio_node *node;   /* this entry's node, or NULL */
	folio_node *target; /* where children go: node, or the target below */
	unsigned char kind;
	unsigned char counts; /* 1 when it used the depth budget */
	unsigned char span;   /* 1 for an inline span's entry */
} md_entry;

typedef struct md_image {
	folio_node *para; /* the paragraph the image stands alone in, or NULL */
	const char *src, *title, *alt;
} md_image;

typedef struct md_builder {
	folio_doc *doc;
	const folio_import_options *opts;
	folio_error *err;
	folio_status status;
	const char *src; /* the body md4c parses (not owned) */
	size_t src_len;
	unsigned base_line;  /* input line of src[0] */
	size_t *line_starts; /* offsets of each body line (malloc'd) */
	size_t line_count;
	md_entry *stack; /* malloc'd */
	size_t depth, cap;
	unsigned budget;   /* open nested blocks (lists, quotes) counted against max_depth */
	unsigned spans;    /* open inline spans counted against max_depth */
	int need_pos;      /* a block is waiting for its first text to learn its line */
	md_buf text;       /* pending text (malloc'd) */
	unsigned in_image; /* nesting of image spans: their text is alt text */
	md_buf alt;        /* alt text of the image being read (malloc'd) */
	const char *img_src, *img_title; /* arena-owned */
	md_image lone;
} md_builder;

static int fail(md_builder *b, folio_status st)
{
	if (b->status == FOLIO_OK)
		b->status = st;
	return -1;
}

static int nomem(md_builder *b)
{
	folio_error_set(b->err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	return fail(b, FOLIO_ERR_NOMEM);
}

static md_entry *top(md_builder *b)
{
	return &b->stack[b->depth - 1];
}

static int push(md_builder *b, folio_node *node, unsigned char kind, unsigned char counts)
{
	if (b->depth == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		md_entry *s = realloc(b->stack, cap * sizeof(*s));
		if (s == NULL)
			return nomem(b);
		b->stack = s;
		b->cap = cap;
	}
	md_entry *e = &b->stack[b->depth++];
	e->node = node;
	e->target = node ? node : (b->depth > 1 ? b->stack[b->depth - 2].target : NULL);
	e->kind = kind;
	e->counts = counts;
	e->span = 0;
	return 0;
}

/* push() for an inline span, so that its leave can be matched. */
static int push_span(md_builder *b, folio_node *node, unsigned char kind, unsigned char counts)
{
	if (push(b, node, kind, counts))
		return -1;
	top(b)->span = 1;
	return 0;
}

static void pop(md_builder *b)
{
	md_entry *e = top(b);
	if (e->counts && e->node && folio_node_type_is_block(folio_node_get_type(e->node)))
		b->budget--;
	else if (e->counts)
		b->spans--;
	b->depth--;
}

/* ---- positions ---------------------------------------------------------------------- */

static int index_lines(md_builder *b)
{
	size_t n = 1;
	for (size_t i = 0; i < b->src_len; i++)
		n += b->src[i] == '\n';
	b->line_starts = malloc(n * sizeof(size_t));
	if (b->line_starts == NULL)
		return 0;
	size_t k = 0;
	b->line_starts[k++] = 0;
	for (size_t i = 0; i < b->src_len; i++)
		if (b->src[i] == '\n')
			b->line_starts[k++] = i + 1;
	b->line_count = k;
	return 1;
}

/* The open blocks that have no position yet take the place of text at p
 * (when p points into the input: md4c hands some text from static strings). */
static void note_position(md_builder *b, const char *p)
{
	if (!b->need_pos || p < b->src || p >= b->src + b->src_len)
		return;
	size_t off = (size_t)(p - b->src);
	size_t lo = 0, hi = b->line_count;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (b->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	unsigned col = 1;
	for (size_t i = b->line_starts[lo]; i < off; i++)
		col += ((unsigned char)b->src[i] & 0xC0) != 0x80;
	unsigned line = b->base_line + (unsigned)lo;
	for (size_t i = b->depth; i > 1; i--) {
		folio_node *n = b->stack[i - 1].node;
		if (n == NULL)
			continue;
		if (folio_node_line(n) != 0)
			break;
		folio_node_set_pos(n, line, col);
	}
	b->need_pos = 0;
}

/* ---- text ------------------------------------------------------------------------------- */

/* Turns the pending text into a TEXT node in the current target. */
static int flush_text(md_builder *b)
{
	if (b->text.len == 0)
		return 0;
	folio_node *t = folio_node_add_text(top(b)->target, b->text.p, b->text.len, b->err);
	b->text.len = 0;
	if (t == NULL)
		return fail(b, b->err ? b->err->code : FOLIO_ERR_USAGE);
	return 0;
}

/* Inline content is about to arrive: make sure it has a paragraph to go to
 * (md4c sends tight list items' text straight into the item). */
static int need_inline(md_builder *b)
{
	folio_node_type t = folio_node_get_type(top(b)->target);
	if (t != FOLIO_NODE_DOCUMENT && t != FOLIO_NODE_ITEM && t != FOLIO_NODE_BLOCK_QUOTE)
		return 0;
	folio_node *p = folio_node_add(top(b)->target, FOLIO_NODE_PARAGRAPH);
	if (p == NULL)
		return nomem(b);
	b->need_pos = 1;
	return push(b, p, ENTRY_IMPLICIT, 0);
}

static int finish_paragraph(md_builder *b, folio_node *para);

/* A block event closes an implicit paragraph. */
static int close_implicit(md_builder *b)
{
	if (b->depth == 0 || top(b)->kind != ENTRY_IMPLICIT)
		return 0;
	if (flush_text(b) || finish_paragraph(b, top(b)->node))
		return -1;
	pop(b);
	return 0;
}

/* Anything after an image in its paragraph means it does not stand alone. */
static void not_alone(md_builder *b)
{
	if (b->in_image == 0)
		b->lone.para = NULL;
}

static int add_text(md_builder *b, MD_TEXTTYPE type, const char *s, size_t len)
{
	md_buf *out = b->in_image ? &b->alt : &b->text;
	switch (type) {
	case MD_TEXT_ENTITY:
		return buf_add_entity(out, s, len) ? 0 : nomem(b);
	case MD_TEXT_NULLCHAR:
		return buf_add(out, "\xEF\xBF\xBD", 3) ? 0 : nomem(b);
	case MD_TEXT_SOFTBR:
		return buf_add(out, " ", 1) ? 0 : nomem(b);
	default:
		return buf_add(out, s, len) ? 0 : nomem(b);
	}
}

static int on_text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE size, void *ud)
{
	md_builder *b = ud;
	note_position(b, s);
	folio_node_type t = folio_node_get_type(top(b)->target);
	if (t == FOLIO_NODE_CODE_BLOCK)
		return buf_add(&b->text, s, size) ? 0 : nomem(b);
	if (need_inline(b))
		return -1;
	note_position(b, s);
	not_alone(b);
	if (type == MD_TEXT_BR && b->in_image == 0) {
		if (flush_text(b))
			return -1;
		return folio_node_add(top(b)->target, FOLIO_NODE_LINE_BREAK) ? 0 : nomem(b);
	}
	if (type == MD_TEXT_BR)
		type = MD_TEXT_SOFTBR; /* a line break in alt text is a space */
	return add_text(b, type, s, size);
}

/* An md4c attribute (link target, title, code info) decoded into an arena
 * string; NULL for an empty attribute. */
static const char *attr_string(md_builder *b, const MD_ATTRIBUTE *a)
{
	if (a->size == 0)
		return NULL;
	md_buf tmp = {NULL, 0, 0};
	int ok = 1;
	for (size_t i = 0; ok && a->substr_offsets[i] < a->size; i++) {
		const char *s = a->text + a->substr_offsets[i];
		size_t len = a->substr_offsets[i + 1] - a->substr_offsets[i];
		if (a->substr_types[i] == MD_TEXT_ENTITY)
			ok = buf_add_entity(&tmp, s, len);
		else if (a->substr_types[i] == MD_TEXT_NULLCHAR)
			ok = buf_add(&tmp, "\xEF\xBF\xBD", 3);
		else
			ok = buf_add(&tmp, s, len);
	}
	const char *out = ok ? folio_doc_strndup(b->doc, tmp.p, tmp.len) : NULL;
	free(tmp.p);
	if (out == NULL)
		nomem(b);
	return out;
}

/* ---- blocks ------------------------------------------------------------------------------ */

typedef int (*block_fn)(md_builder *b, MD_BLOCKTYPE type, void *detail);

/* Adds a node of type to the current target and opens it. */
static folio_node *open_node(md_builder *b, folio_node_type type, unsigned char counts)
{
	folio_node *n = folio_node_new(b->doc, type);
	if (n == NULL) {
		nomem(b);
		return NULL;
	}
	if (folio_node_append(top(b)->target, n) != FOLIO_OK) {
		folio_error_set(b->err, FOLIO_ERR_USAGE, NULL, 0, 0, "a %s cannot go in a %s",
		                folio_node_type_name(type),
		                folio_node_type_name(folio_node_get_type(top(b)->target)));
		fail(b, FOLIO_ERR_USAGE);
		return NULL;
	}
	if (push(b, n, ENTRY_NODE, counts))
		return NULL;
	if (counts)
		b->budget++;
	b->need_pos = 1;
	return n;
}

static int skip_block(md_builder *b)
{
	return push(b, NULL, ENTRY_SKIP, 0);
}

static int enter_doc(md_builder *b, MD_BLOCKTYPE type, void *detail)
{
	(void)type;
	(void)detail;
	return push(b, folio_doc_root(b->doc), ENTRY_NODE, 0);
}

/* Lists and quotes deeper than max_depth are left out; their content joins
 * the enclosing block (flattened). */
static int over_budget(const md_builder *b)
{
	return b->budget >= b->opts->max_depth;
}

static int enter_quote(md_builder *b, MD_BLOCKTYPE type, void *detail)
{
	(void)type;
	(void)detail;
	if (over_budget(b))
		return skip_block(b);
	return open_node(b, FOLIO_NODE_BLOCK_QUOTE, 1) ? 0 : -1;
}

static int enter_list(md_builder *b, MD_BLOCKTYPE type, void *detail)
{
	if (over_budget(b))
		return skip_block(b);
	folio_node *n = open_node(b, FOLIO_NODE_LIST, 1);
	if (n == NULL)
		return -1;
	if (type == MD_BLOCK_OL) {
		const MD_BLOCK_OL_DETAIL *d = detail;
		folio_node_set_list(n, FOLIO_LIST_ORDERED, (int)d->start, d->is_tight);
	} else {
		const MD_BLOCK_UL_DETAIL *d = detail;
		folio_node_set_list(n, FOLIO_LIST_BULLET, 1, d->is_tight);
	}
	return 0;
}

static int enter_item(md_builder *b, MD_BLOCKTYPE type, void *detail)
{
	(void)type;
	(void)detail;
	if (top(b)->kind == ENTRY_SKIP)
		return skip_block(b); /* the list itself was left out */
	return open_node(b, FOLIO_NODE_ITEM, 0) ? 0 : -1;
}

static int enter_leaf(md_builder *b, folio_node_type t)
{
	return open_node(b, t, 0) ? 0 : -1;
}

static int enter_para(md_builder *b, MD_BLOCKTYPE type, void *detail)
{
	(void)type;
	(void)detail;
	return enter_leaf(b, FOLIO_NODE_PARAGRAPH);
}

static int enter_hr(md_builder *b, MD_BLOCKTYPE type, void *detail)
{
	(void)type;
	(void)detail;
	return enter_leaf(b, FOLIO_NODE_THEMATIC_BREAK);
}

static int enter_table(md_builder *b, MD_BLOCKTYPE type, void *detail)
{
	(void)type;
	(void)detail;
	return enter_leaf(b, FOLIO_NODE_TABLE);
}

static int enter_row(md_builder *b, MD_BLOCKTYPE type, void *detail)
{
	(void)type;
	(void)detail;
	return enter_leaf(b, FOLIO_NODE_TABLE_ROW);
}

static int enter_heading(md_builder *b, MD_BLOCKTYPE type, void *detail)
{
	(void)type;
	folio_node *n = open_node(b, FOLIO_NODE_HEADING, 0);
	if (n == NULL)
		return -1;
	folio_node_set_heading_level(n, (int)((const MD_BLOCK_H_DETAIL *)detail)->level);
	return 0;
}

static int enter_code(md_builder *b, MD_BLOCKTYPE type, void *detail)
{
	(void)type;
	const MD_BLOCK_CODE_DETAIL *d = detail;
	folio_node *n = open_node(b, FOLIO_NODE_CODE_BLOCK, 0);
	if (n == NULL)
		return -1;
	const char *info = attr_string(b, &d->info);
	if (b->status != FOLIO_OK)
		return -1;
	if (info != NULL && folio_node_set_info(n, info, b->err) != FOLIO_OK)
		return fail(b, FOLIO_ERR_UTF8);
	return 0;
}

static int enter_cell(md_builder *b, MD_BLOCKTYPE type, void *detail)
{
	(void)type;
	static const folio_align aligns[] = {
	    [MD_ALIGN_DEFAULT] = FOLIO_ALIGN_DEFAULT,
	    [MD_ALIGN_LEFT] = FOLIO_ALIGN_LEFT,
	    [MD_ALIGN_CENTER] = FOLIO_ALIGN_CENTER,
	    [MD_ALIGN_RIGHT] = FOLIO_ALIGN_RIGHT,
	};
	const MD_BLOCK_TD_DETAIL *d = detail;
	folio_node *n = open_node(b, FOLIO_NODE_TABLE_CELL, 0);
	if (n == NULL)
		return -1;
	if ((unsigned)d->align < sizeof(aligns) / sizeof(aligns[0]))
		folio_node_set_align(n, aligns[d->align]);
	return 0;
}

static int enter_transparent(md_builder *b, MD_BLOCKTYPE type, void *detail)
{
	(void)type;
	(void)detail;
	return skip_block(b);
}

static const block_fn block_enter[] = {
    [MD_BLOCK_DOC] = enter_doc,           [MD_BLOCK_QUOTE] = enter_quote,
    [MD_BLOCK_UL] = enter_list,           [MD_BLOCK_OL] = enter_list,
    [MD_BLOCK_LI] = enter_item,           [MD_BLOCK_HR] = enter_hr,
    [MD_BLOCK_H] = enter_heading,         [MD_BLOCK_CODE] = enter_code,
    [MD_BLOCK_HTML] = enter_transparent,  [MD_BLOCK_P] = enter_para,
    [MD_BLOCK_TABLE] = enter_table,       [MD_BLOCK_THEAD] = enter_transparent,
    [MD_BLOCK_TBODY] = enter_transparent, [MD_BLOCK_TR] = enter_row,
    [MD_BLOCK_TH] = enter_cell,           [MD_BLOCK_TD] = enter_cell,
};

static int on_enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	md_builder *b = ud;
	if (close_implicit(b))
		return -1;
	if (flush_text(b))
		return -1;
	if ((unsigned)type >= sizeof(block_enter) / sizeof(block_enter[0]) || !block_enter[type])
		return skip_block(b);
	return block_enter[type](b, type, detail);
}

/* A paragraph that held nothing but one image becomes an IMAGE block. */
static int finish_paragraph(md_builder *b, folio_node *para)
{
	if (b->lone.para != para)
		return 0;
	b->lone.para = NULL;
	folio_node *img = folio_node_new(b->doc, FOLIO_NODE_IMAGE);
	if (img == NULL)
		return nomem(b);
	folio_node_set_pos(img, folio_node_line(para), folio_node_column(para));
	if (folio_node_set_url(img, b->lone.src, b->err) != FOLIO_OK ||
	    folio_node_set_alt(img, b->lone.alt, b->err) != FOLIO_OK ||
	    folio_node_set_title(img, b->lone.title, b->err) != FOLIO_OK ||
	    folio_node_insert_after(para, img) != FOLIO_OK)
		return fail(b, FOLIO_ERR_UTF8);
	folio_node_unlink(para);
	return 0;
}

/* Code blocks keep their text without the newline md4c ends them with. */
static int finish_code(md_builder *b, folio_node *code)
{
	size_t len = b->text.len;
	if (len > 0 && b->text.p[len - 1] == '\n')
		len--;
	folio_status st = folio_node_set_literal(code, len ? b->text.p : "", len, b->err);
	b->text.len = 0;
	return st == FOLIO_OK ? 0 : fail(b, st);
}

static int on_leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	(void)type;
	(void)detail;
	md_builder *b = ud;
	/* Spans md4c left open are closed with their block (see on_leave_span). */
	while (b->depth > 1 && top(b)->span) {
		if (top(b)->kind == ENTRY_NODE && flush_text(b))
			return -1;
		pop(b);
	}
	if (close_implicit(b))
		return -1;
	md_entry *e = top(b);
	folio_node_type t = e->node ? folio_node_get_type(e->node) : FOLIO_NODE_NONE;
	int r = 0;
	if (t == FOLIO_NODE_CODE_BLOCK) {
		r = finish_code(b, e->node);
	} else {
		r = flush_text(b);
		if (r == 0 && t == FOLIO_NODE_PARAGRAPH)
			r = finish_paragraph(b, e->node);
	}
	pop(b);
	return r;
}

/* ---- spans --------------------------------------------------------------------------------- */

static int open_span(md_builder *b, folio_node_type type, folio_node **out)
{
	*out = NULL;
	if (b->spans >= b->opts->max_depth)
		return push_span(b, NULL, ENTRY_SKIP, 0);
	if (flush_text(b))
		return -1;
	folio_node *n = folio_node_add(top(b)->target, type);
	if (n == NULL)
		return nomem(b);
	b->spans++;
	*out = n;
	return push_span(b, n, ENTRY_NODE, 1);
}

static int enter_image(md_builder *b, const MD_SPAN_IMG_DETAIL *d)
{
	/* The image stands alone so far when its paragraph is still empty. */
	md_entry *e = top(b);
	int first = e->node && folio_node_get_type(e->node) == FOLIO_NODE_PARAGRAPH &&
	            folio_node_first_child(e->node) == NULL && b->text.len == 0;
	b->lone.para = first ? e->node : NULL;
	b->in_image = 1;
	b->alt.len = 0;
	b->img_src = attr_string(b, &d->src);
	b->img_title = attr_string(b, &d->title);
	return b->status == FOLIO_OK ? 0 : -1;
}

/* The image ends: its alt text joins the paragraph's text, and if nothing
 * else turns up the paragraph becomes an IMAGE block (finish_paragraph). */
static int leave_image(md_builder *b)
{
	b->in_image = 0;
	const char *alt = folio_doc_strndup(b->doc, b->alt.len ? b->alt.p : "", b->alt.len);
	if (alt == NULL)
		return nomem(b);
	if (b->lone.para != NULL) {
		b->lone.src = b->img_src ? b->img_src : "";
		b->lone.title = b->img_title;
		b->lone.alt = alt;
	}
	return buf_add(&b->text, alt, b->alt.len) ? 0 : nomem(b);
}

static int on_enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
	md_builder *b = ud;
	if (b->in_image) {
		if (type == MD_SPAN_IMG)
			b->in_image++;
		return 0;
	}
	if (need_inline(b))
		return -1;
	not_alone(b);
	folio_node *n = NULL;
	switch (type) {
	case MD_SPAN_EM:
		return open_span(b, FOLIO_NODE_EMPH, &n);
	case MD_SPAN_STRONG:
		return open_span(b, FOLIO_NODE_STRONG, &n);
	case MD_SPAN_DEL:
		return open_span(b, FOLIO_NODE_STRIKE, &n);
	case MD_SPAN_A: {
		const MD_SPAN_A_DETAIL *d = detail;
		if (open_span(b, FOLIO_NODE_LINK, &n))
			return -1;
		if (n == NULL)
			return 0;
		const char *href = attr_string(b, &d->href);
		const char *title = attr_string(b, &d->title);
		if (b->status != FOLIO_OK)
			return -1;
		folio_node_set_url(n, href ? href : "", b->err);
		folio_node_set_title(n, title, b->err);
		return 0;
	}
	case MD_SPAN_CODE:
		if (flush_text(b))
			return -1;
		return push_span(b, NULL, ENTRY_CODE, 0);
	case MD_SPAN_IMG:
		return enter_image(b, detail);
	default:
		return push_span(b, NULL, ENTRY_SKIP, 0);
	}
}

static int leave_code_span(md_builder *b)
{
	pop(b);
	folio_node *n = folio_node_add(top(b)->target, FOLIO_NODE_CODE);
	if (n == NULL)
		return nomem(b);
	folio_status st =
	    folio_node_set_literal(n, b->text.len ? b->text.p : "", b->text.len, b->err);
	b->text.len = 0;
	return st == FOLIO_OK ? 0 : fail(b, st);
}

static int on_leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
	(void)detail;
	md_builder *b = ud;
	if (b->in_image) {
		if (type == MD_SPAN_IMG && --b->in_image == 0)
			return leave_image(b);
		return 0;
	}
	/* md4c 0.4.8 can leave a span it never entered (an emphasis after a
	 * permissive autolink, "http://.c*x*"): ignore what does not match. */
	if (b->depth == 0 || !top(b)->span)
		return 0;
	if (top(b)->kind == ENTRY_CODE)
		return leave_code_span(b);
	if (top(b)->kind == ENTRY_NODE && flush_text(b))
		return -1;
	pop(b);
	return 0;
}

/* ---- after the parse ------------------------------------------------------------------------- */

static int same_text(const folio_node *heading, const char *title)
{
	char *t = folio_node_plain_text(heading);
	int same = t && title && strcmp(t, title) == 0;
	free(t);
	return same;
}

/* Without a title in the front matter, a level-1 heading that is the
 * document's first heading becomes the title. With one, that heading is
 * dropped only when it repeats the title word for word. */
static folio_status take_title(folio_doc *doc, folio_error *err)
{
	folio_node *h = folio_node_first_child(folio_doc_root(doc));
	while (h && folio_node_get_type(h) != FOLIO_NODE_HEADING)
		h = folio_node_next(h);
	if (h == NULL || folio_node_heading_level(h) != 1)
		return FOLIO_OK;
	const char *title = folio_doc_get(doc, FOLIO_META_TITLE);
	if (title != NULL) {
		if (same_text(h, title))
			folio_node_unlink(h);
		return FOLIO_OK;
	}
	char *text = folio_node_plain_text(h);
	if (text == NULL)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	folio_status st = FOLIO_OK;
	if (text[0] != '\0') {
		st = folio_doc_set(doc, FOLIO_META_TITLE, text, err);
		folio_node_unlink(h);
	}
	free(text);
	return st;
}

static folio_status parse_body(md_builder *b)
{
	MD_PARSER parser;
	memset(&parser, 0, sizeof(parser));
	parser.abi_version = 0;
	parser.flags = MD_FLAGS;
	parser.enter_block = on_enter_block;
	parser.leave_block = on_leave_block;
	parser.enter_span = on_enter_span;
	parser.leave_span = on_leave_span;
	parser.text = on_text;
	if (!index_lines(b))
		return folio_error_set(b->err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	int r = md_parse(b->src, (MD_SIZE)b->src_len, &parser, b);
	if (b->status != FOLIO_OK)
		return b->status;
	if (r != 0)
		return folio_error_set(b->err, FOLIO_ERR_NOMEM, NULL, 0, 0,
		                       "the Markdown parser gave up (out of memory?)");
	return FOLIO_OK;
}

folio_doc *folio_markdown_parse(const char *data, size_t len, const folio_import_options *opts,
                                folio_error *err)
{
	folio_doc *doc = folio_doc_new();
	if (doc == NULL) {
		folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		return NULL;
	}
	if (len > (size_t)(MD_SIZE)-1) {
		folio_error_set(err, FOLIO_ERR_LIMIT, NULL, 0, 0,
		                "the input is too large for md4c");
		goto fail;
	}
	folio_frontmatter fm;
	if (folio_frontmatter_parse(doc, data, len, opts, &fm, err) != FOLIO_OK)
		goto fail;
	md_builder b;
	memset(&b, 0, sizeof(b));
	b.doc = doc;
	b.opts = opts;
	b.err = err;
	b.src = data + fm.body_offset;
	b.src_len = len - fm.body_offset;
	b.base_line = fm.body_line;
	folio_status st = parse_body(&b);
	free(b.stack);
	free(b.text.p);
	free(b.alt.p);
	free(b.line_starts);
	if (st == FOLIO_OK)
		st = take_title(doc, err);
	if (st == FOLIO_OK)
		st = folio_references_from_sections(doc, err);
	if (st == FOLIO_OK && fm.references != NULL &&
	    folio_node_append(folio_doc_root(doc), fm.references) != FOLIO_OK)
		st = folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0, "cannot add the references");
	if (st == FOLIO_OK)
		return doc;
fail:
	folio_doc_free(doc);
	return NULL;
}
