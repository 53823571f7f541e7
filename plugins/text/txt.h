/* The plain-text exporter's renderer: shared between its files.
 *
 * txt.c holds the plugin (options, title block, link notes), txt_render.c
 * the dispatch table with one function per node type, txt_table.c tables.
 * All of them write through the layout driver (txt_drv.h).
 */
#ifndef FOLIO_TXT_H
#define FOLIO_TXT_H

#include "folio/plugin.h"
#include "folio/present.h"
#include "txt_drv.h"


typedef struct txt_ctx {
	txt_drv d;
	const folio_doc *doc;
	const char *lang; /* the article's language, for the catalogue (folio/present.h) */
	int links_inline;   /* links=inline: "text <url>"; else numbered notes */
	const char **notes; /* note n is notes[n - 1]; the URLs belong to doc */
	size_t note_count, note_cap;
	size_t *note_slots; /* open-addressing hash of notes: note number, 0 = empty */
	size_t slot_count;  /* a power of two, at least twice note_count */
	int oom;
} txt_ctx;

/* Renders the blocks under parent (a document, item or block quote). */
void txt_render_blocks(txt_ctx *c, const folio_node *parent);
/* Renders the inline children of n into the driver. */
void txt_render_inlines(txt_ctx *c, const folio_node *n);
/* Ends a block: a blank line after it, except in a tight list item. */
void txt_block_end(txt_ctx *c, const folio_node *n);
/* A heading-like line: text, underlined with ch when ch is not 0. */
void txt_heading_text(txt_ctx *c, const folio_node *inlines, const char *text, char ch);
void txt_render_table(txt_ctx *c, const folio_node *table);

#endif
