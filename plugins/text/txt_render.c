/* The plain-text renderer: a dispatch table from node type to one small
 * function per kind. Each says only how its node looks; wrapping, prefixes
 * and blank lines are the driver's.
 *
 * Conventions (what a reader of the text sees):
 *   - emphasis _word_, strong *word*, strikethrough ~~word~~, inline code
 *     as it is;
 *   - bullets "-", then "*", then "+" for deeper lists, cycling;
 *   - ordered lists 1. / a. / i. by depth among ordered lists, cycling;
 *     numbers are right-aligned and the text hangs after the widest marker;
 *   - code blocks indented four spaces, never wrapped;
 *   - links as numbered notes "text[1]" (URLs listed at the end) or, with
 *     links=inline, "text <url>"; a link showing its own URL is left alone.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "txt.h"

typedef void (*txt_node_fn)(txt_ctx *c, const folio_node *n);

static void render_node(txt_ctx *c, const folio_node *n);

/* ---- inlines ------------------------------------------------------------- */

static void inline_text(txt_ctx *c, const folio_node *n)
{
	size_t len = 0;
	const char *s = folio_node_literal(n, &len);
	txt_drv_text(&c->d, s, len);
}

static void wrap_inlines(txt_ctx *c, const folio_node *n, const char *mark)
{
	txt_drv_glue(&c->d, mark, strlen(mark));
	txt_render_inlines(c, n);
	txt_drv_glue(&c->d, mark, strlen(mark));
}

static void inline_emph(txt_ctx *c, const folio_node *n)
{
	wrap_inlines(c, n, "_");
}

static void inline_strong(txt_ctx *c, const folio_node *n)
{
	wrap_inlines(c, n, "*");
}

static void inline_strike(txt_ctx *c, const folio_node *n)
{
	wrap_inlines(c, n, "~~");
}

static void inline_break(txt_ctx *c, const folio_node *n)
{
	(void)n;
	txt_drv_cr(&c->d);
}

/* 1 when the link's text already shows its URL (an autolink), so neither a
 * note nor "<url>" would add anything. */
static int shows_own_url(const folio_node *link, const char *url)
{
	static const char *const schemes[] = {"", "mailto:", "http://", "https://"};
	char *text = folio_node_plain_text(link); /* ours; freed below */
	int same = 0;
	for (size_t i = 0; text != NULL && i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		size_t k = strlen(schemes[i]);
		if (strncmp(url, schemes[i], k) == 0 && strcmp(url + k, text) == 0)
			same = 1;
	}
	free(text);
	return same;
}

/* FNV-1a: the note index is a hash table, so an article with thousands of
 * links is still numbered in linear time. */
static size_t url_hash(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211u;
	}
	return (size_t)h;
}

/* The slot holding url's note, or the empty slot where it would go. */
static size_t *find_slot(const txt_ctx *c, const char *url)
{
	size_t mask = c->slot_count - 1;
	size_t i = url_hash(url) & mask;
	while (c->note_slots[i] != 0 && strcmp(c->notes[c->note_slots[i] - 1], url) != 0)
		i = (i + 1) & mask;
	return &c->note_slots[i];
}

/* Keeps the table at most half full. 0 when out of memory. */
static int grow_slots(txt_ctx *c)
{
	if (c->slot_count >= 2 * (c->note_count + 1))
		return 1;
	size_t count = c->slot_count ? c->slot_count * 2 : 64;
	size_t *slots = calloc(count, sizeof(*slots));
	if (slots == NULL)
		return 0;
	free(c->note_slots);
	c->note_slots = slots;
	c->slot_count = count;
	for (size_t k = 0; k < c->note_count; k++)
		*find_slot(c, c->notes[k]) = k + 1;
	return 1;
}

/* The note number for url: an earlier note for the same URL is reused.
 * Returns 0 when out of memory (the link is then left without a note). */
static size_t note_for(txt_ctx *c, const char *url)
{
	if (!grow_slots(c)) {
		c->oom = 1;
		return 0;
	}
	size_t *slot = find_slot(c, url);
	if (*slot != 0)
		return *slot;
	if (c->note_count == c->note_cap) {
		size_t cap = c->note_cap ? c->note_cap * 2 : 16;
		const char **p = realloc(c->notes, cap * sizeof(*p));
		if (p == NULL) {
			c->oom = 1;
			return 0;
		}
		c->notes = p;
		c->note_cap = cap;
	}
	c->notes[c->note_count++] = url;
	*slot = c->note_count;
	return c->note_count;
}

static void inline_link(txt_ctx *c, const folio_node *n)
{
	const char *url = folio_node_url(n);
	txt_render_inlines(c, n);
	if (url == NULL || url[0] == '\0' || shows_own_url(n, url))
		return;
	if (c->links_inline) {
		txt_drv_space(&c->d);
		txt_drv_glue(&c->d, "<", 1);
		txt_drv_glue(&c->d, url, strlen(url));
		txt_drv_glue(&c->d, ">", 1);
		return;
	}
	size_t k = note_for(c, url);
	if (k > 0) {
		char mark[32];
		int len = snprintf(mark, sizeof(mark), "[%zu]", k);
		txt_drv_glue(&c->d, mark, (size_t)len);
	}
}

/* ---- blocks -------------------------------------------------------------- */

void txt_block_end(txt_ctx *c, const folio_node *n)
{
	const folio_node *parent = folio_node_parent(n);
	const folio_node *list = parent ? folio_node_parent(parent) : NULL;
	if (folio_node_get_type(parent) == FOLIO_NODE_ITEM && list != NULL &&
	    folio_node_list_tight(list))
		txt_drv_cr(&c->d);
	else
		txt_drv_blank(&c->d);
}

void txt_heading_text(txt_ctx *c, const folio_node *inlines, const char *text, char ch)
{
	txt_drv_cr(&c->d);
	txt_drv_mark(&c->d);
	if (inlines != NULL)
		txt_render_inlines(c, inlines);
	else
		txt_drv_puts(&c->d, text);
	txt_drv_cr(&c->d);
	size_t w = c->d.max_col;
	if (ch == '\0' || w == 0)
		return;
	char *rule = malloc(w);
	if (rule == NULL) {
		c->oom = 1;
		return;
	}
	memset(rule, ch, w);
	txt_drv_verbatim(&c->d, rule, w);
	free(rule);
}

static void block_heading(txt_ctx *c, const folio_node *n)
{
	static const char rules[] = {0, '=', '-'};
	int level = folio_node_heading_level(n);
	txt_heading_text(c, n, NULL, level >= 1 && level <= 2 ? rules[level] : '\0');
	txt_block_end(c, n);
}

static void block_paragraph(txt_ctx *c, const folio_node *n)
{
	txt_render_inlines(c, n);
	txt_block_end(c, n);
}

static void block_quote(txt_ctx *c, const folio_node *n)
{
	txt_drv_cr(&c->d);
	txt_drv_push(&c->d, "> ", "> ");
	txt_render_blocks(c, n);
	txt_drv_cr(&c->d);
	txt_drv_pop(&c->d);
	txt_block_end(c, n);
}

static void block_code(txt_ctx *c, const folio_node *n)
{
	size_t len = 0;
	const char *s = folio_node_literal(n, &len);
	if (len > 0 && s[len - 1] == '\n')
		len--;
	txt_drv_cr(&c->d);
	txt_drv_push(&c->d, "    ", "    ");
	size_t i = 0;
	while (i <= len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - s) : len;
		txt_drv_verbatim(&c->d, s + i, end - i);
		i = end + 1;
	}
	txt_drv_pop(&c->d);
	txt_block_end(c, n);
}

static void block_break(txt_ctx *c, const folio_node *n)
{
	static const char stars[] = "* * *";
	char line[1024 + sizeof(stars)];
	txt_drv_cr(&c->d);
	size_t prefix = txt_drv_prefix_width(&c->d);
	size_t avail = c->d.width > prefix ? c->d.width - prefix : 0; /* deep nesting */
	size_t pad = avail > sizeof(stars) - 1 ? (avail - (sizeof(stars) - 1)) / 2 : 0;
	if (pad > 1024)
		pad = 1024;
	memset(line, ' ', pad);
	memcpy(line + pad, stars, sizeof(stars) - 1);
	txt_drv_verbatim(&c->d, line, pad + sizeof(stars) - 1);
	txt_block_end(c, n);
}

static void block_image(txt_ctx *c, const folio_node *n)
{
	const char *alt = folio_node_alt(n);
	const char *caption = folio_node_title(n);
	txt_drv_cr(&c->d);
	txt_drv_glue(&c->d, "[", 1);
	txt_drv_puts(&c->d, folio_text(c->lang, FOLIO_TEXT_IMAGE));
	if (alt != NULL && alt[0] != '\0') {
		txt_drv_glue(&c->d, ":", 1);
		txt_drv_space(&c->d);
		txt_drv_puts(&c->d, alt);
	}
	txt_drv_glue(&c->d, "]", 1);
	if (caption != NULL && caption[0] != '\0') {
		txt_drv_cr(&c->d);
		txt_drv_puts(&c->d, caption);
	}
	txt_block_end(c, n);
}

/* ---- lists ----------------------------------------------------------------- */

/* Lowercase letters, bijective base 26: a..z, aa, ab, ... */
static void marker_alpha(long k, char *out, size_t n)
{
	char tmp[16];
	size_t len = 0;
	while (k > 0 && len < sizeof(tmp)) {
		k--;
		tmp[len++] = (char)('a' + k % 26);
		k /= 26;
	}
	size_t j = 0;
	while (len > 0 && j + 1 < n)
		out[j++] = tmp[--len];
	out[j] = '\0';
}

/* Lowercase roman numerals for 1..3999. */
static void marker_roman(long k, char *out, size_t n)
{
	static const struct {
		int value;
		const char *digits;
	} table[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
	             {90, "xc"},  {50, "l"},   {40, "xl"}, {10, "x"},   {9, "ix"},
	             {5, "v"},    {4, "iv"},   {1, "i"}};
	size_t j = 0;
	for (size_t t = 0; t < sizeof(table) / sizeof(table[0]); t++)
		while (k >= table[t].value && j + strlen(table[t].digits) < n) {
			memcpy(out + j, table[t].digits, strlen(table[t].digits));
			j += strlen(table[t].digits);
			k -= table[t].value;
		}
	out[j] = '\0';
}

/* How many lists of the same kind enclose list. */
static int same_kind_depth(const folio_node *list)
{
	folio_list_type kind = folio_node_list_type(list);
	int depth = 0;
	for (const folio_node *p = folio_node_parent(list); p; p = folio_node_parent(p))
		if (folio_node_get_type(p) == FOLIO_NODE_LIST && folio_node_list_type(p) == kind)
			depth++;
	return depth;
}

/* The marker of item k (its number) in a list at depth, e.g. "3.", "c.",
 * "iii.", "-". Letters and numerals fall back to digits where they cannot
 * count (zero, negative, huge). */
static void list_marker(const folio_node *list, int depth, long k, char *out, size_t n)
{
	static const char bullets[] = "-*+";
	char num[24];
	if (folio_node_list_type(list) != FOLIO_LIST_ORDERED) {
		snprintf(out, n, "%c", bullets[depth % 3]);
		return;
	}
	num[0] = '\0';
	if (depth % 3 == 1 && k >= 1 && k < 100000)
		marker_alpha(k, num, sizeof(num));
	else if (depth % 3 == 2 && k >= 1 && k < 4000)
		marker_roman(k, num, sizeof(num));
	if (num[0] == '\0')
		snprintf(num, sizeof(num), "%ld", k);
	snprintf(out, n, "%s.", num);
}

/* Renders one item under its marker, right-aligned in width columns, with
 * the item's text hanging after it. */
static void render_item(txt_ctx *c, const folio_node *item, const char *mark, size_t width)
{
	char first[TXT_PREFIX_MAX], rest[TXT_PREFIX_MAX];
	size_t mlen = strlen(mark);
	size_t pad = width > mlen ? width - mlen : 0;
	if (pad + mlen + 2 > sizeof(first))
		pad = 0;
	memset(first, ' ', pad);
	memcpy(first + pad, mark, mlen);
	first[pad + mlen] = ' ';
	first[pad + mlen + 1] = '\0';
	size_t indent = pad + mlen + 1;
	memset(rest, ' ', indent);
	rest[indent] = '\0';
	txt_drv_cr(&c->d);
	txt_drv_push(&c->d, first, rest);
	if (folio_node_first_child(item) == NULL)
		txt_drv_verbatim(&c->d, "", 0); /* the marker alone */
	else
		txt_render_blocks(c, item);
	txt_drv_cr(&c->d);
	txt_drv_pop(&c->d);
}

/* Numbered entries (an ordered list, the references) share this loop:
 * marker widths first, then the items. */
static void render_items(txt_ctx *c, const folio_node *list, int depth, long start,
                         void (*item_fn)(txt_ctx *, const folio_node *, const char *, size_t))
{
	char mark[TXT_PREFIX_MAX];
	size_t width = 0;
	long k = start;
	for (const folio_node *it = folio_node_first_child(list); it;
	     it = folio_node_next(it), k++) {
		list_marker(list, depth, k, mark, sizeof(mark));
		if (strlen(mark) > width)
			width = strlen(mark);
	}
	k = start;
	for (const folio_node *it = folio_node_first_child(list); it;
	     it = folio_node_next(it), k++) {
		list_marker(list, depth, k, mark, sizeof(mark));
		item_fn(c, it, mark, width);
	}
}

static void block_list(txt_ctx *c, const folio_node *n)
{
	long start = folio_node_list_type(n) == FOLIO_LIST_ORDERED ? folio_node_list_start(n) : 1;
	render_items(c, n, same_kind_depth(n), start, render_item);
	txt_block_end(c, n);
}

/* ---- references ------------------------------------------------------------ */

/* One entry: its text, then its DOI as a link unless the text has it. */
static void render_reference(txt_ctx *c, const folio_node *ref, const char *mark, size_t width)
{
	render_item(c, ref, mark, width); /* its children are the inlines */
	const folio_citation *cite = folio_node_citation(ref);
	const char *doi = cite ? folio_citation_get(cite, FOLIO_CITE_DOI) : NULL;
	if (doi == NULL || doi[0] == '\0')
		return;
	char *plain = folio_node_plain_text(ref); /* ours; freed below */
	char url[600];
	snprintf(url, sizeof(url), "https://doi.org/%s", doi);
	int shown = plain != NULL && strstr(plain, url) != NULL;
	free(plain);
	if (shown)
		return;
	/* Under the entry's hanging indent, as a line of its own. */
	char rest[TXT_PREFIX_MAX];
	size_t indent = width + 1 < sizeof(rest) ? width + 1 : sizeof(rest) - 1;
	memset(rest, ' ', indent);
	rest[indent] = '\0';
	txt_drv_push(&c->d, rest, rest);
	txt_drv_glue(&c->d, url, strlen(url));
	txt_drv_cr(&c->d);
	txt_drv_pop(&c->d);
}

static void block_references(txt_ctx *c, const folio_node *n)
{
	const char *title = folio_node_title(n);
	if (title != NULL && title[0] != '\0') {
		txt_heading_text(c, NULL, title, '-');
		txt_drv_blank(&c->d);
	}
	/* A REFERENCES node numbers like an ordered list at depth 0. */
	char mark[TXT_PREFIX_MAX];
	size_t width = 0;
	long count = (long)folio_node_child_count(n);
	snprintf(mark, sizeof(mark), "%ld.", count);
	width = strlen(mark);
	long k = 1;
	for (const folio_node *r = folio_node_first_child(n); r; r = folio_node_next(r), k++) {
		snprintf(mark, sizeof(mark), "%ld.", k);
		render_reference(c, r, mark, width);
		txt_drv_blank(&c->d);
	}
	txt_block_end(c, n);
}

/* ---- dispatch ---------------------------------------------------------------- */

static const txt_node_fn renderers[FOLIO_NODE_TYPE_COUNT] = {
    [FOLIO_NODE_HEADING] = block_heading,
    [FOLIO_NODE_PARAGRAPH] = block_paragraph,
    [FOLIO_NODE_LIST] = block_list,
    [FOLIO_NODE_BLOCK_QUOTE] = block_quote,
    [FOLIO_NODE_CODE_BLOCK] = block_code,
    [FOLIO_NODE_THEMATIC_BREAK] = block_break,
    [FOLIO_NODE_IMAGE] = block_image,
    [FOLIO_NODE_TABLE] = txt_render_table,
    [FOLIO_NODE_REFERENCES] = block_references,
    [FOLIO_NODE_TEXT] = inline_text,
    [FOLIO_NODE_CODE] = inline_text,
    [FOLIO_NODE_EMPH] = inline_emph,
    [FOLIO_NODE_STRONG] = inline_strong,
    [FOLIO_NODE_STRIKE] = inline_strike,
    [FOLIO_NODE_LINK] = inline_link,
    [FOLIO_NODE_LINE_BREAK] = inline_break,
};

static void render_node(txt_ctx *c, const folio_node *n)
{
	folio_node_type t = folio_node_get_type(n);
	if ((unsigned)t < FOLIO_NODE_TYPE_COUNT && renderers[t] != NULL)
		renderers[t](c, n);
}

void txt_render_blocks(txt_ctx *c, const folio_node *parent)
{
	for (const folio_node *n = folio_node_first_child(parent); n; n = folio_node_next(n))
		render_node(c, n);
}

void txt_render_inlines(txt_ctx *c, const folio_node *n)
{
	for (const folio_node *ch = folio_node_first_child(n); ch; ch = folio_node_next(ch))
		render_node(c, ch);
}
