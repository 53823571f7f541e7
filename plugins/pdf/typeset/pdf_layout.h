/* folio pdf plugin — the seam between layout and drawing.
 *
 * The layout (layout.c, linebreak.c, hyphen.c) turns a folio_doc into pages of
 * positioned drawing operations, using only font metrics. The backend (pdf.c,
 * fonts.c) supplies those metrics, then draws the operations with libharu.
 * Units: PDF points (1/72 in); the origin is the page's bottom-left corner; y
 * grows upwards. Text positions are baselines.
 */
#ifndef FOLIO_PDF_LAYOUT_H
#define FOLIO_PDF_LAYOUT_H

#include <stddef.h>

#include "folio/doc.h"
#include "folio/error.h"

typedef enum pdf_face {
	PDF_FACE_REGULAR = 0,
	PDF_FACE_BOLD,
	PDF_FACE_ITALIC,
	PDF_FACE_BOLD_ITALIC,
	PDF_FACE_MONO,
	PDF_FACE_HEADING, /* the face headings and the title use */
	PDF_FACE_COUNT
} pdf_face;

/* What the layout asks of fonts and images. Implemented by the backend. */
typedef struct pdf_metrics {
	void *ctx;
	/* Advance width of UTF-8 text in the face, in 1/1000 em (multiply by the
	 * size in points and divide by 1000). Must match what is drawn exactly,
	 * after the same character folding the backend applies. */
	double (*width)(void *ctx, pdf_face face, const char *utf8, size_t len);
	/* Ascent and descent (descent negative) in 1/1000 em. */
	double ascent[PDF_FACE_COUNT];
	double descent[PDF_FACE_COUNT];
	/* Pixel size of an image (path as written in the document, resolved by the
	 * backend relative to the document's folder). Returns 0 when it is not a
	 * readable PNG or JPEG (the layout then sets the alt text instead). */
	int (*image_size)(void *ctx, const char *src, double *width_px, double *height_px);
} pdf_metrics;

/* Hyphenation: writes into points[i] = 1 when a hyphen may go after the i-th
 * byte of the lowercase word... see hyphen.c. NULL means no hyphenation. */
typedef struct pdf_hyphenator pdf_hyphenator;

/* Where words may be hyphenated (and split at their own hyphens). */
typedef enum pdf_hyph_mode {
	PDF_HYPH_OFF = 0,  /* never (an overlong word still breaks between characters) */
	PDF_HYPH_ON = 1,   /* wherever the line breaker finds it best */
	PDF_HYPH_AUTO = 2, /* only a word too long for its line: ragged text's default */
} pdf_hyph_mode;

/* What a handout closes with (style.closing): a "When to call us" panel
 * after the article, set as one block kept together, on the last page when
 * it has room: its heading, the clinic's contact lines, the QR code with its
 * caption (in the side rail beside the panel when there is one, else at the
 * panel's right) and the disclaimer, as tagged content. Strings belong to
 * the caller and outlive the layout. */
typedef struct pdf_closing {
	const char *heading;         /* "When to call us", in the article's language */
	const char *phone;           /* "Phone: 555-0147"; NULL: none */
	const char *lines;           /* more lines (the website), '\n' between; NULL */
	const char *hours;           /* the opening hours, '\n' between lines; NULL */
	const char *hours_lang;      /* their language when not the article's, else NULL */
	const char *disclaimer;      /* NULL: none */
	const char *disclaimer_lang; /* its language when not the article's, else NULL */
	double disclaimer_size;      /* points (at least 9) */
	double qr_side;              /* the code's square, quiet zone included; 0: no code */
	double qr_quiet;             /* the quiet zone's width, points */
	const char *qr_alt;          /* the Figure's alternative text */
	const char *qr_caption;      /* "Read this online" */
	double qr_caption_size;
} pdf_closing;

typedef struct pdf_style {
	double page_width, page_height;                    /* points */
	double margin_top, margin_bottom, margin_left, margin_right;
	double body_size;      /* 12 by default */
	double leading;        /* line height as a multiple of the size, e.g. 1.35 */
	double heading_size[6];/* h1..h6 */
	double title_size;
	double small_size;     /* references, captions, footer */
	double footer_height;  /* space kept at the bottom of each page for the footer */
	int justify;           /* 0 = ragged right (default), 1 = justified */
	int hyphenate;         /* a pdf_hyph_mode */
	unsigned long accent_rgb; /* 0xRRGGBB for headings, rules */
	int no_title_block;    /* 1: leave out the title block (a tri-fold's cover has it) */
	/* 1: set the body in a column of a readable measure (about
	 * PDF_MEASURE_CHARS characters of body text) and put the key points in a
	 * side rail to its right, when the page has room for both; the title
	 * block and the footer span the page. 0: the column is the page. */
	int measure;
	const pdf_closing *closing; /* NULL: the article ends with its last block */
} pdf_style;

#define PDF_MEASURE_CHARS 66.0 /* the longest body line folio aims at, in characters */
#define PDF_RAIL_MIN_EM   10.0 /* the narrowest side rail, in ems of the body size */
#define PDF_RAIL_GAP_EM   1.5  /* between the column and the rail */
#define PDF_MEASURE_MIN   48.0 /* a column narrower than this many characters gets no rail */

typedef enum pdf_op_kind {
	PDF_OP_TEXT = 0, /* text at (x, y) baseline in face/size/rgb */
	PDF_OP_RULE,     /* a filled rectangle (x, y, w, h): rules, table lines, bullets */
	PDF_OP_LINK,     /* a clickable area (x, y, w, h) to url */
	PDF_OP_IMAGE,    /* image src drawn in (x, y, w, h) */
	PDF_OP_ANCHOR    /* an outline entry: text at level (1..6), y = top of the heading */
} pdf_op_kind;

/* The structure of the laid-out article, for tagging (PDF/UA): a tree of
 * elements in reading order. Element 0 is the document itself; every op
 * names the element it belongs to, or PDF_ELEM_ARTIFACT for what is not
 * content (rules, bullets, list numbers, decoration). */
#define PDF_ELEM_ARTIFACT (-1)
typedef struct pdf_elem {
	const char *role;   /* a standard structure type: "H1", "P", "LI", "TD", ... (static) */
	int parent;         /* an earlier element */
	const char *alt;    /* Figure: its text alternative; else NULL (owned by the layout) */
	const char *scope;  /* TH: "Column"; else NULL */
	const char *lang;   /* BCP 47 when it differs from the document's; else NULL */
	const char *actual; /* /ActualText (a bullet's Lbl: what it says); else NULL */
} pdf_elem;

typedef struct pdf_op {
	pdf_op_kind kind;
	int elem;          /* the element this op draws (index in pdf_layout.elems) */
	int page;          /* 0-based */
	double x, y, w, h;
	pdf_face face;
	double size;
	unsigned long rgb;
	int level;         /* ANCHOR */
	int hyphen;        /* TEXT: its last character is a hyphen the layout added */
	int space_after;   /* TEXT: a word space follows (drawn as an invisible space
	                      after the text, so that the words extract apart) */
	const char *text;  /* TEXT, ANCHOR: UTF-8, NUL-terminated, owned by the layout */
	size_t len;
	const char *url;   /* LINK (owned by the layout), IMAGE src */
	/* TEXT: the base direction its characters are ordered from (UAX #9):
	 * 1 right to left, 0 left to right, -1 that of its first strong
	 * character. The layout has already placed the ops of a line in
	 * visual order; this orders the text inside one op. */
	int dir;
} pdf_op;

typedef struct pdf_layout {
	pdf_op *ops;       /* in drawing order; owned, free with pdf_layout_free */
	size_t count;
	size_t capacity;
	int pages;
	pdf_elem *elems;   /* elems[0] is the document; owned */
	size_t nelems;
	size_t elem_capacity;
	/* The text column and the side rail beside it (style.measure), x from
	 * the left edge in points; rail_left == rail_right when there is none. */
	double column_left, column_right, rail_left, rail_right;
	int rtl;           /* the article runs right to left: its pages are mirrored */
	/* The QR code's square as the closing panel placed it (qr_placed): its
	 * page, bottom-left corner, and Figure element (style.closing). */
	int qr_placed, qr_page, qr_elem;
	double qr_x, qr_y;
	/* private to the layout */
	void *priv;
} pdf_layout;

/* Lays doc out. The title block, body and references are placed; the footer
 * is NOT (the backend draws it in the footer_height band of every page, since
 * it needs the page count). Returns FOLIO_OK or an error (err filled). The
 * caller frees out with pdf_layout_free in every case. warn may be NULL. */
folio_status pdf_layout_run(const folio_doc *doc, const pdf_style *style, const pdf_metrics *m,
                            const pdf_hyphenator *hyph, pdf_layout *out, folio_error *err);
void pdf_layout_free(pdf_layout *out);
/* Adds a structure element under parent (an element of l) for what a
 * product draws besides the article (a QR code, a cover); alt is not
 * copied. Returns its number, or -1 when out of memory. */
int pdf_layout_add_elem(pdf_layout *l, int parent, const char *role, const char *alt);
/* Copies the elements of src (all but its document, element 0) into l as
 * the last kids of parent (an element of l), keeping their order, roles and
 * attributes; the strings are shared, so src must outlive l's use. Returns
 * the base that pdf_layout_graft_elem maps src's numbers with, or -1 when
 * out of memory. Products that merge layouts (tri-fold, bilingual) use it
 * so that each part keeps its own structure. */
int pdf_layout_graft(pdf_layout *l, int parent, const pdf_layout *src);
/* The number in l of src's element e after pdf_layout_graft returned base
 * (src's document maps to parent; an artifact stays one). */
int pdf_layout_graft_elem(int base, int parent, int e);

/* Hyphenation dictionaries: libhyphen's pattern files (hyphen.c).
 * pdf_hyphenator_load reads one file (NULL when it is missing or unreadable);
 * the caller frees it with pdf_hyphenator_free. */
pdf_hyphenator *pdf_hyphenator_load(const char *dict_path);
void pdf_hyphenator_free(pdf_hyphenator *h);
/* Marks allowed break points in a word of len bytes: points[i] = 1 means a
 * hyphen may go after byte i (always at a UTF-8 character boundary). At least
 * 2 characters before and 3 after a break. Returns the number of points. */
size_t pdf_hyphenate(const pdf_hyphenator *h, const char *word, size_t len, unsigned char *points);

/* The process's dictionaries: pdf_hyphenator_for_lang returns the one for a
 * BCP 47 tag ("en", "pt-BR", "es-MX", "de-CH"; NULL means English) from
 * /usr/share/hyphen (hyph_<lang>_<REGION>.dic, hyph_<lang>.dic, then the
 * language's usual region), loaded on first use under a lock and shared
 * read-only by every thread; NULL when none is installed. The dictionaries
 * live while anyone holds them: pdf_hyphenators_acquire when a user starts
 * (the plugin's init), pdf_hyphenators_release when it ends (the last frees
 * them). pdf_hyphen_dict_path writes the file a tag maps to; 0 when none. */
void pdf_hyphenators_acquire(void);
void pdf_hyphenators_release(void);
const pdf_hyphenator *pdf_hyphenator_for_lang(const char *lang);
int pdf_hyphen_dict_path(const char *lang, char *out, size_t n);

#endif
