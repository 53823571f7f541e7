/* folio pdf plugin — the structure tree of a tagged PDF (PDF/UA-1), built
 * through libharu's object model while the pages are drawn.
 *
 * libharu 2.3.0 has no structure API. Its object model (hpdf_objects.h) and
 * a page's content stream (hpdf_pages.h) are enough: every structure element
 * is a dictionary in the file's cross-reference table, marked content is
 * written into the page's stream around what libharu draws, and the parent
 * tree is a number tree filled as content is marked. Nothing is patched after
 * libharu saves.
 *
 * Use: pdf_tags_new after HPDF_New; pdf_tags_page after each HPDF_AddPage;
 * pdf_tags_add for each structure element, in reading order;
 * pdf_tags_mark_begin/end around what is drawn for an element on a page,
 * pdf_tags_artifact_begin/end around running heads, page numbers and
 * decoration; pdf_tags_annot for a link annotation of a Link element;
 * pdf_tags_finish before HPDF_SaveToStream.
 *
 * Errors are sticky: after the first failure every call returns it and
 * pdf_tags_finish reports it.
 */
#ifndef FOLIO_PDF_TAGS_H
#define FOLIO_PDF_TAGS_H

#include <hpdf.h>

typedef struct pdf_tags pdf_tags;

/* Optional attributes of a structure element (NULL: none). */
typedef struct pdf_tag_attrs {
	const char *alt;    /* /Alt: a figure's text alternative (UTF-8) */
	const char *lang;   /* /Lang: when it differs from the document's */
	const char *actual; /* /ActualText (UTF-8) */
	const char *scope;  /* TH: "Column" or "Row" */
} pdf_tag_attrs;

/* Starts the tree of pdf: a Document element at its root, the catalogue's
 * /MarkInfo, /Lang (BCP 47, may be NULL) and /ViewerPreferences
 * /DisplayDocTitle. NULL when out of memory. */
pdf_tags *pdf_tags_new(HPDF_Doc pdf, const char *lang);
/* Frees what the tags hold of their own (the PDF objects are pdf's). */
void pdf_tags_free(pdf_tags *t);

/* Registers a page just added (pages may be registered ahead and drawn in
 * any order): its /StructParents and /Tabs /S. */
HPDF_STATUS pdf_tags_page(pdf_tags *t, HPDF_Page page);

/* Adds a structure element of a standard type ("H1", "P", "L", "LI",
 * "LBody", "Table", "TR", "TH", "TD", "Figure", "Caption", "Link", "Sect",
 * "BlockQuote", ...) as the last kid of element parent (0: the Document
 * root). Returns its number, or -1 on error. Elements are numbered as they
 * are added, so a tree can be built ahead of drawing, in reading order.
 * The tree keeps that order among an element's children; an element's own
 * content (marked content, annotations) goes among them in the order it is
 * drawn, each child where the first content of its subtree was drawn (a
 * Link inside a paragraph lands between the words around it). An element
 * nothing is drawn for is left out of the tree. */
int pdf_tags_add(pdf_tags *t, int parent, const char *role, const pdf_tag_attrs *attrs);

/* Marked content of element elem (not the root) on page (a registered one):
 * what is drawn between these two belongs to the element. */
HPDF_STATUS pdf_tags_mark_begin(pdf_tags *t, HPDF_Page page, int elem);
HPDF_STATUS pdf_tags_mark_end(pdf_tags *t, HPDF_Page page);
/* The same, with an /ActualText property: actual is a PDF string as it is
 * written ("<FEFF00AD>", at most 60 bytes). A sequence of its own rather
 * than a /Span nested inside the element's: poppler's marked-content reader
 * (pdfinfo -struct-text, 22.x) ends the outer sequence at a nested EMC. */
HPDF_STATUS pdf_tags_mark_begin_actual(pdf_tags *t, HPDF_Page page, int elem, const char *actual);
/* Content that is not the document's: kind "Pagination" (running heads,
 * page numbers) or "Layout" (rules, boxes, decoration). */
HPDF_STATUS pdf_tags_artifact_begin(pdf_tags *t, HPDF_Page page, const char *kind);
HPDF_STATUS pdf_tags_artifact_end(pdf_tags *t, HPDF_Page page);

/* annot (on page) belongs to element elem (a Link): an object
 * reference among its kids, the annotation's /StructParent, and its
 * /Contents (what the link says, UTF-8). */
HPDF_STATUS pdf_tags_annot(pdf_tags *t, HPDF_Page page, int elem, HPDF_Annotation annot,
                           const char *contents);

/* Closes the tree: the parent tree and the StructTreeRoot. Returns the
 * first error of any call, or HPDF_OK. */
HPDF_STATUS pdf_tags_finish(pdf_tags *t);

/* A PDF text string for UTF-8 s: ASCII as a literal string, anything else
 * as UTF-16BE with a byte-order mark. NULL on failure. */
void *pdf_text_string(HPDF_MMgr mmgr, const char *s);

#endif
