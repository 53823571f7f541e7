/* Tables in plain text.
 *
 * Each cell is rendered once, in capture mode, to a one-line string (so link
 * notes are numbered in reading order). When the columns fit the line they
 * are laid out aligned, two spaces apart, with the header underlined:
 *
 *     Exercise       Sets    Notes
 *     -------------  ----  -------
 *     Chin tuck        3   _slowly_
 *
 * Otherwise each body row becomes a small block of "Header: value" lines,
 * which reads well in a narrow terminal and in a screen reader.
 */
#include <stdlib.h>
#include <string.h>

#include "txt.h"

typedef struct grid {
	size_t rows, cols;
	txt_buf *cells;     /* rows * cols, row-major; missing cells stay empty */
	size_t *widths;     /* per column, display columns */
	folio_align *align; /* per column, from the header row */
} grid;

static void grid_free(grid *g)
{
	for (size_t i = 0; g->cells && i < g->rows * g->cols; i++)
		txt_buf_free(&g->cells[i]);
	free(g->cells);
	free(g->widths);
	free(g->align);
}

static const char *cell_text(const grid *g, size_t r, size_t col)
{
	const txt_buf *b = &g->cells[r * g->cols + col];
	return b->data ? b->data : "";
}

static void capture_cell(txt_ctx *c, const folio_node *cell, txt_buf *out)
{
	c->d.capture = out;
	txt_render_inlines(c, cell);
	c->d.capture = NULL;
	while (out->len > 0 && out->data[out->len - 1] == ' ')
		out->data[--out->len] = '\0';
	c->oom |= out->oom;
}

/* Fills g from table; 0 when out of memory. */
static int grid_fill(txt_ctx *c, const folio_node *table, grid *g)
{
	memset(g, 0, sizeof(*g));
	for (const folio_node *row = folio_node_first_child(table); row;
	     row = folio_node_next(row)) {
		g->rows++;
		if (folio_node_child_count(row) > g->cols)
			g->cols = folio_node_child_count(row);
	}
	if (g->rows == 0 || g->cols == 0)
		return 1;
	g->cells = calloc(g->rows * g->cols, sizeof(*g->cells));
	g->widths = calloc(g->cols, sizeof(*g->widths));
	g->align = calloc(g->cols, sizeof(*g->align));
	if (g->cells == NULL || g->widths == NULL || g->align == NULL)
		return 0;
	size_t r = 0;
	for (const folio_node *row = folio_node_first_child(table); row;
	     row = folio_node_next(row), r++) {
		size_t col = 0;
		for (const folio_node *cell = folio_node_first_child(row); cell;
		     cell = folio_node_next(cell), col++) {
			txt_buf *b = &g->cells[r * g->cols + col];
			capture_cell(c, cell, b);
			size_t w = b->len ? folio_utf8_width(b->data, b->len) : 0;
			if (w > g->widths[col])
				g->widths[col] = w;
			if (r == 0)
				g->align[col] = folio_node_align(cell);
		}
	}
	return 1;
}

static void add_spaces(txt_buf *b, size_t n)
{
	static const char spaces[] = "                ";
	while (n > 0) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
		txt_buf_add(b, spaces, k);
		n -= k;
	}
}

/* One cell padded to its column's width by its alignment. */
static void add_cell(txt_buf *line, const char *text, size_t width, folio_align align)
{
	size_t len = strlen(text);
	size_t w = folio_utf8_width(text, len);
	size_t room = width > w ? width - w : 0;
	size_t left = align == FOLIO_ALIGN_RIGHT    ? room
	              : align == FOLIO_ALIGN_CENTER ? room / 2
	                                            : 0;
	add_spaces(line, left);
	txt_buf_add(line, text, len);
	add_spaces(line, room - left);
}

static void aligned_row(txt_ctx *c, const grid *g, size_t r)
{
	txt_buf line = {0};
	for (size_t col = 0; col < g->cols; col++) {
		if (col > 0)
			add_spaces(&line, 2);
		add_cell(&line, cell_text(g, r, col), g->widths[col], g->align[col]);
	}
	c->oom |= line.oom;
	txt_drv_verbatim(&c->d, line.data ? line.data : "", line.len);
	txt_buf_free(&line);
}

static void header_rule(txt_ctx *c, const grid *g)
{
	txt_buf line = {0};
	for (size_t col = 0; col < g->cols; col++) {
		if (col > 0)
			add_spaces(&line, 2);
		for (size_t i = 0; i < g->widths[col]; i++)
			txt_buf_add(&line, "-", 1);
	}
	c->oom |= line.oom;
	txt_drv_verbatim(&c->d, line.data ? line.data : "", line.len);
	txt_buf_free(&line);
}

static void layout_aligned(txt_ctx *c, const grid *g)
{
	aligned_row(c, g, 0);
	header_rule(c, g);
	for (size_t r = 1; r < g->rows; r++)
		aligned_row(c, g, r);
}

/* "Header: value" lines per row, the value wrapped under a two-space
 * hanging indent; a table of only a header lists its cells. */
static void layout_stacked(txt_ctx *c, const grid *g)
{
	size_t first = g->rows > 1 ? 1 : 0;
	for (size_t r = first; r < g->rows; r++) {
		for (size_t col = 0; col < g->cols; col++) {
			txt_drv_push(&c->d, "", "  ");
			const char *head = cell_text(g, 0, col);
			if (first == 1 && head[0] != '\0') {
				txt_drv_puts(&c->d, head);
				txt_drv_glue(&c->d, ":", 1);
				txt_drv_space(&c->d);
			}
			txt_drv_puts(&c->d, cell_text(g, r, col));
			txt_drv_cr(&c->d);
			txt_drv_pop(&c->d);
		}
		if (r + 1 < g->rows)
			txt_drv_blank(&c->d);
	}
}

void txt_render_table(txt_ctx *c, const folio_node *table)
{
	grid g;
	txt_drv_cr(&c->d);
	if (!grid_fill(c, table, &g)) {
		c->oom = 1;
		grid_free(&g);
		return;
	}
	if (g.rows > 0 && g.cols > 0) { /* rows without cells print nothing */
		size_t total = 2 * (g.cols - 1);
		for (size_t col = 0; col < g.cols; col++)
			total += g.widths[col];
		if (total + txt_drv_prefix_width(&c->d) <= c->d.width)
			layout_aligned(c, &g);
		else
			layout_stacked(c, &g);
	}
	grid_free(&g);
	txt_block_end(c, table);
}
