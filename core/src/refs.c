/* folio — reference sections: "## References" and what follows it become a
 * REFERENCES node whose entries keep their inline content and carry a parsed
 * citation. Shared by every importer (see import_private.h).
 *
 * Only top-level sections are looked at: a "References" heading inside a
 * list or a quote is not a section. Within a section, each list item and
 * each paragraph is one entry; a thematic break ends the section early (what
 * follows it is usually a footer); other blocks (a sub-heading, a table, ...)
 * stay where they are, after the REFERENCES node.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "doc_private.h"
#include "import_private.h"

/* Case-folded (utf8proc) names of a references section. */
static const char *const section_names[] = {
    "references",  "reference",    "reference list",   "bibliography",
    "sources",     "références",   "bibliographie",    "works cited",
    "referencias", "bibliografía", "literature cited",
};

static int is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

int folio_is_references_heading(const char *text)
{
	if (text == NULL)
		return 0;
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)text, 0, &folded,
	                                  UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	                                      UTF8PROC_CASEFOLD);
	if (n < 0)
		return 0;
	const char *s = (const char *)folded;
	size_t len = (size_t)n;
	while (len > 0 && is_blank((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && is_blank((unsigned char)s[len - 1]))
		len--;
	if (len > 0 && s[len - 1] == ':')
		len--;
	while (len > 0 && is_blank((unsigned char)s[len - 1]))
		len--;
	int found = 0;
	for (size_t i = 0; !found && i < sizeof(section_names) / sizeof(section_names[0]); i++)
		found = strlen(section_names[i]) == len && memcmp(section_names[i], s, len) == 0;
	free(folded);
	return found;
}

/* Appends inline node c (detached) to ref, merging it into a TEXT node that
 * ends ref so that moved content never leaves two texts side by side. */
static folio_status append_inline(folio_node *ref, folio_node *c, folio_error *err)
{
	folio_node *last = folio_node_last_child(ref);
	if (last == NULL || folio_node_get_type(last) != FOLIO_NODE_TEXT ||
	    folio_node_get_type(c) != FOLIO_NODE_TEXT)
		return folio_node_append(ref, c);
	size_t a = 0, b = 0;
	const char *sa = folio_node_literal(last, &a);
	const char *sb = folio_node_literal(c, &b);
	char *joined = malloc(a + b + 1);
	if (joined == NULL)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	memcpy(joined, sa, a);
	memcpy(joined + a, sb, b);
	folio_status st = folio_node_set_literal(last, joined, a + b, err);
	free(joined);
	return st;
}

static folio_status append_text(folio_node *ref, const char *s, size_t len, folio_error *err)
{
	folio_node *t = folio_node_new(ref->doc, FOLIO_NODE_TEXT);
	if (t == NULL)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	folio_status st = folio_node_set_literal(t, s, len, err);
	return st == FOLIO_OK ? append_inline(ref, t, err) : st;
}

/* Moves the inline children of block (a paragraph or heading) into ref; any
 * other block contributes its plain text. Blocks after the first are set off
 * by a space. */
static folio_status take_block(folio_node *ref, folio_node *block, folio_error *err)
{
	folio_status st = FOLIO_OK;
	if (folio_node_first_child(ref) != NULL)
		st = append_text(ref, " ", 1, err);
	folio_node_type t = folio_node_get_type(block);
	if (t == FOLIO_NODE_PARAGRAPH || t == FOLIO_NODE_HEADING) {
		folio_node *c;
		while (st == FOLIO_OK && (c = folio_node_first_child(block)) != NULL) {
			folio_node_unlink(c);
			st = append_inline(ref, c, err);
		}
		return st;
	}
	char *text = folio_node_plain_text(block);
	if (text == NULL)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	if (st == FOLIO_OK && text[0] != '\0')
		st = append_text(ref, text, strlen(text), err);
	free(text);
	return st;
}

/* Parses ref's plain text as a citation and attaches it. An entry with no
 * text at all is dropped (*keep = 0). */
static folio_status attach_citation(folio_doc *doc, folio_node *ref, int *keep, folio_error *err)
{
	char *text = folio_node_plain_text(ref);
	if (text == NULL)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	const char *s = text;
	size_t len = strlen(s);
	while (len > 0 && is_blank((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && is_blank((unsigned char)s[len - 1]))
		len--;
	*keep = len > 0;
	folio_status st = FOLIO_OK;
	if (*keep) {
		folio_citation *c = folio_citation_parse(doc, s, len, err);
		st = c ? folio_node_set_citation(ref, c) : (err ? err->code : FOLIO_ERR_NOMEM);
	}
	free(text);
	return st;
}

/* One entry from src (a list item, whose blocks are taken, or a paragraph). */
static folio_status add_entry(folio_doc *doc, folio_node *refs, folio_node *src, folio_error *err)
{
	folio_node *ref = folio_node_new(doc, FOLIO_NODE_REFERENCE);
	if (ref == NULL)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	folio_node_set_pos(ref, folio_node_line(src), folio_node_column(src));
	folio_status st = FOLIO_OK;
	if (folio_node_get_type(src) == FOLIO_NODE_ITEM) {
		for (folio_node *b = folio_node_first_child(src); st == FOLIO_OK && b;
		     b = folio_node_next(b))
			st = take_block(ref, b, err);
	} else {
		st = take_block(ref, src, err);
	}
	int keep = 0;
	if (st == FOLIO_OK)
		st = attach_citation(doc, ref, &keep, err);
	if (st == FOLIO_OK && keep)
		st = folio_node_append(refs, ref);
	return st;
}

static int ends_section(const folio_node *n, int level)
{
	folio_node_type t = folio_node_get_type(n);
	return t == FOLIO_NODE_THEMATIC_BREAK ||
	       (t == FOLIO_NODE_HEADING && folio_node_heading_level(n) <= level);
}

/* The heading's text without a trailing colon, as the section's title. */
static folio_status set_refs_title(folio_node *refs, const folio_node *heading, folio_error *err)
{
	char *title = folio_node_plain_text(heading);
	if (title == NULL)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	size_t len = strlen(title);
	while (len > 0 && (is_blank((unsigned char)title[len - 1]) || title[len - 1] == ':'))
		len--;
	title[len] = '\0';
	folio_status st = folio_node_set_title(refs, title, err);
	free(title);
	return st;
}

/* Turns the section opened by heading h into a REFERENCES node. *resume
 * receives the node to go on scanning from. */
static folio_status convert_section(folio_doc *doc, folio_node *h, folio_node **resume,
                                    folio_error *err)
{
	int level = folio_node_heading_level(h);
	folio_node *refs = folio_node_new(doc, FOLIO_NODE_REFERENCES);
	if (refs == NULL)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	folio_node_set_pos(refs, folio_node_line(h), folio_node_column(h));
	folio_status st = set_refs_title(refs, h, err);
	folio_node *s = folio_node_next(h);
	while (st == FOLIO_OK && s && !ends_section(s, level)) {
		folio_node *next = folio_node_next(s);
		folio_node_type t = folio_node_get_type(s);
		if (t == FOLIO_NODE_LIST) {
			for (folio_node *it = folio_node_first_child(s); st == FOLIO_OK && it;
			     it = folio_node_next(it))
				st = add_entry(doc, refs, it, err);
			folio_node_unlink(s);
		} else if (t == FOLIO_NODE_PARAGRAPH) {
			st = add_entry(doc, refs, s, err);
			folio_node_unlink(s);
		}
		s = next;
	}
	*resume = s;
	if (st != FOLIO_OK || folio_node_first_child(refs) == NULL)
		return st; /* nothing to cite: the heading stays a heading */
	st = folio_node_insert_after(h, refs);
	if (st == FOLIO_OK)
		folio_node_unlink(h);
	return st;
}

folio_status folio_references_from_sections(folio_doc *doc, folio_error *err)
{
	if (doc == NULL)
		return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0, "no document");
	folio_node *n = folio_node_first_child(folio_doc_root(doc));
	while (n != NULL) {
		folio_node *next = folio_node_next(n);
		if (folio_node_get_type(n) == FOLIO_NODE_HEADING) {
			char *text = folio_node_plain_text(n);
			if (text == NULL)
				return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0,
				                       "out of memory");
			int is_refs = folio_is_references_heading(text);
			free(text);
			if (is_refs) {
				folio_status st = convert_section(doc, n, &next, err);
				if (st != FOLIO_OK)
					return st;
			}
		}
		n = next;
	}
	return FOLIO_OK;
}
