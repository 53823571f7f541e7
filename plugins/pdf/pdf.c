/* folio pdf plugin — the backend: descriptor, options, style, the render.
 *
 * render: options + profile -> pdf_style; the layout (layout.c) places the
 * article as pdf_ops using HarfBuzz-shaped widths (fonts.c); one writer,
 * libharu, makes the file: draw.c and footer.c draw the ops and the footers,
 * text as shaped glyph runs written into each page's content stream, and the
 * fonts (hb-subset subsets), the catalog's /Lang, /MarkInfo, viewer
 * preferences and XMP metadata are built through libharu's object model
 * before it saves.
 *
 * Every libharu error longjmps back to render, which frees the HPDF_Doc and
 * everything else through one cleanup path.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf.h>
#include <hpdf_objects.h>

#include "folio/plugin.h"
#include "folio/version.h"
#include "bilingual.h"
#include "fonts.h"
#include "pdf_layout.h"
#include "qr.h"
#include "render.h"
#include "scripts.h"
#include "trifold.h"

/* ---- options ----------------------------------------------------------------- */

static const char *const paper_choices[] = {"letter", "a4", NULL};
static const char *const align_choices[] = {"left", "justify", NULL};

static const folio_option_spec pdf_options[] = {
    FOLIO_OPTION("paper", FOLIO_OPT_ENUM, "letter",
     "page size (the profile's paper, when set, replaces the default)", paper_choices, 0, 0),
    FOLIO_OPTION("margin", FOLIO_OPT_INT, "54", "page margins in points (72 points = 1 inch)", NULL, 18, 144),
    FOLIO_OPTION("font-size", FOLIO_OPT_INT, "12", "body text size in points; headings scale with it", NULL, 9,
     24),
    FOLIO_OPTION("align", FOLIO_OPT_ENUM, "left", "paragraph alignment", align_choices, 0, 0),
    FOLIO_OPTION("hyphenate", FOLIO_OPT_BOOL, "true",
     "true: hyphenate where it sets the best lines; false: never; unset: ragged text\n"
     "hyphenates only a word too long for its line", NULL, 0, 0),
    FOLIO_OPTION("bilingual", FOLIO_OPT_ENUM, "none",
     "print with the front matter's translation: side by side (columns) or tete-beche (flip)",
     pdf_bilingual_choices, 0, 0),
    FOLIO_OPTION("layout", FOLIO_OPT_ENUM, "handout",
     "handout (pages) or trifold (one landscape sheet, both sides, folded in three)",
     pdf_layout_choices, 0, 0),
    FOLIO_OPTION("shrink", FOLIO_OPT_BOOL, "false",
     "trifold: set the text smaller (down to 11 pt) when the article does not fit", NULL, 0, 0),
    FOLIO_OPTION("qr", FOLIO_OPT_ENUM, "url",
     "QR code to print: the article's url (else the clinic's website), the site, or none",
     pdf_qr_choices, 0, 0),
    FOLIO_OPTION_END,
};

/* ---- shared state ------------------------------------------------------------ */

/* Made by init and shared by every render (render runs on several threads):
 * the fonts are read-only; the hyphenation dictionaries are the process's
 * (hyphen.c: loaded once, under lock, on first use). */
struct pdf_state {
	pdf_fonts *fonts;
};

static folio_status pdf_init(const folio_host *host, void **state, folio_error *err)
{
	pdf_state *s = calloc(1, sizeof *s);
	folio_status st;

	if (!s)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	st = pdf_fonts_load(host, &s->fonts, err);
	if (st != FOLIO_OK) {
		free(s);
		return st;
	}
	pdf_hyphenators_acquire();
	*state = s;
	return FOLIO_OK;
}

static void pdf_fini(void *state)
{
	pdf_state *s = state;

	if (!s)
		return;
	pdf_hyphenators_release();
	pdf_fonts_free(s->fonts);
	free(s);
}


static void HPDF_STDCALL on_hpdf_error(HPDF_STATUS code, HPDF_STATUS detail, void *ud)
{
	pdf_render_ctx *rc = ud;

	/* In soft mode (loading an image) libharu goes on after an error and may
	 * raise more: the first is the one that says what happened. */
	if (rc->soft && rc->hpdf_code != HPDF_OK)
		return;
	rc->hpdf_code = code;
	rc->hpdf_detail = detail;
	if (!rc->soft)
		longjmp(rc->jb, 1);
}

/* ---- metrics for the layout ------------------------------------------------------ */

static double metric_width(void *ctx, pdf_face face, const char *utf8, size_t len)
{
	pdf_render_ctx *rc = ctx;

	return pdf_width_cached(rc->widths, rc->fonts, face, utf8, len);
}

/* ---- style ---------------------------------------------------------------------- */

static void make_style(pdf_render_ctx *rc, const folio_options *o)
{
	pdf_style *s = &rc->style;
	const char *paper = folio_opt_string(o, "paper");
	const char *profile_paper = folio_profile_get(rc->host->profile, FOLIO_PROFILE_PAPER);
	double b = (double)folio_opt_int(o, "font-size");
	double m = (double)folio_opt_int(o, "margin");
	/* At 12 pt: h1 18, h2 16.2 (an article's main headings, in the accent
	 * colour), h3 13.8 and h4 12.6 (in the text colour: layout.c). */
	static const double heading_scale[6] = {1.5, 1.35, 1.15, 1.05, 1.0, 1.0};

	if (!folio_opt_is_set(o, "paper") && profile_paper)
		paper = profile_paper;
	if (paper && strcmp(paper, "a4") == 0) {
		s->page_width = 595.276;
		s->page_height = 841.89;
	} else {
		s->page_width = 612;
		s->page_height = 792;
	}
	s->margin_left = s->margin_right = m;
	s->margin_top = m;
	s->margin_bottom = m * 0.6; /* the footer band sits on it */
	s->body_size = b;
	s->leading = 1.38;
	for (int i = 0; i < 6; i++)
		s->heading_size[i] = b * heading_scale[i];
	s->title_size = b * 2.0;
	s->small_size = b * 0.83;
	s->justify = strcmp(folio_opt_string(o, "align"), "justify") == 0;
	/* Ragged text hyphenates only what cannot fit otherwise, unless asked;
	 * justified text needs the break points to keep its spaces even. */
	if (folio_opt_is_set(o, "hyphenate"))
		s->hyphenate = folio_opt_bool(o, "hyphenate") ? PDF_HYPH_ON : PDF_HYPH_OFF;
	else
		s->hyphenate = s->justify ? PDF_HYPH_ON : PDF_HYPH_AUTO;
	s->accent_rgb = folio_profile_accent_rgb(rc->host->profile);
}

/* ---- document information ---------------------------------------------------------- */

/* An entry of the Info dictionary as a PDF text string. */
static void info_text(pdf_render_ctx *rc, const char *key, const char *value)
{
	HPDF_Dict_Add(rc->pdf->info, key, pdf_text_string(rc->pdf->mmgr, value));
}

static void set_info(pdf_render_ctx *rc)
{
	const folio_doc *d = rc->doc;
	char buf[2048] = "";
	int64_t epoch = folio_doc_epoch(d);
	time_t t = (time_t)epoch;
	struct tm tm;

	/* ASCII, so libharu needs no encoder; it makes the Info dictionary,
	 * where the other entries go as PDF text strings (UTF-16BE when not
	 * ASCII). */
	HPDF_SetInfoAttr(rc->pdf, HPDF_INFO_CREATOR, "folio " FOLIO_VERSION);
	if (folio_doc_get(d, FOLIO_META_TITLE))
		info_text(rc, "Title", folio_doc_get(d, FOLIO_META_TITLE));
	for (size_t i = 0; i < folio_doc_author_count(d); i++) {
		char one[512];
		const char *cred = folio_doc_author_credentials(d, i);

		snprintf(one, sizeof one, "%s%s%s", folio_doc_author_name(d, i), cred ? ", " : "",
		         cred ? cred : "");
		pdf_append(buf, sizeof buf, "; ", one);
	}
	if (buf[0])
		info_text(rc, "Author", buf);
	if (folio_doc_get(d, FOLIO_META_SUMMARY))
		info_text(rc, "Subject", folio_doc_get(d, FOLIO_META_SUMMARY));
	buf[0] = '\0';
	for (size_t i = 0; i < folio_doc_tag_count(d); i++)
		pdf_append(buf, sizeof buf, ", ", folio_doc_tag(d, i));
	if (buf[0])
		info_text(rc, "Keywords", buf);
	if (epoch >= 0 && gmtime_r(&t, &tm) && tm.tm_year + 1900 <= 9999) {
		HPDF_Date date = {
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
		    tm.tm_sec,         'Z',           0,          0};

		HPDF_SetInfoDateAttr(rc->pdf, HPDF_INFO_CREATION_DATE, date);
		HPDF_SetInfoDateAttr(rc->pdf, HPDF_INFO_MOD_DATE, date);
	}
}

/* Escapes s for XML text into b. */
static void xml_text(pdf_buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': pdf_buf_put(b, "&lt;", 4); break;
		case '>': pdf_buf_put(b, "&gt;", 4); break;
		case '&': pdf_buf_put(b, "&amp;", 5); break;
		default: pdf_buf_put(b, s, 1); break;
		}
	}
}

/* A BCP 47 tag as given, when it is one (letters, digits and '-'). */
static const char *doc_lang(const folio_doc *d)
{
	const char *lang = folio_doc_get(d, FOLIO_META_LANG);

	if (!lang || !*lang || strlen(lang) > 35)
		return NULL;
	for (const char *c = lang; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || *c == '-'))
			return NULL;
	return lang;
}

/* The XMP packet: title, creators and language, as the info dictionary
 * says them. */
static int xmp_packet(const pdf_render_ctx *rc, pdf_buf *b)
{
	const folio_doc *d = rc->doc;
	const char *lang = doc_lang(d);

	pdf_buf_printf(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	                  "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	                  "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
	pdf_buf_printf(b, "<rdf:Description rdf:about=\"\" "
	                  "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
	                  "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" "
	                  "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" "
	                  "xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
	                  "<pdfuaid:part>1</pdfuaid:part>\n");
	if (folio_doc_get(d, FOLIO_META_TITLE)) {
		pdf_buf_printf(b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
		xml_text(b, folio_doc_get(d, FOLIO_META_TITLE));
		pdf_buf_printf(b, "</rdf:li></rdf:Alt></dc:title>\n");
	}
	if (folio_doc_author_count(d) > 0) {
		pdf_buf_printf(b, "<dc:creator><rdf:Seq>");
		for (size_t i = 0; i < folio_doc_author_count(d); i++) {
			pdf_buf_printf(b, "<rdf:li>");
			xml_text(b, folio_doc_author_name(d, i));
			pdf_buf_printf(b, "</rdf:li>");
		}
		pdf_buf_printf(b, "</rdf:Seq></dc:creator>\n");
	}
	if (lang) {
		pdf_buf_printf(b, "<dc:language><rdf:Bag><rdf:li>");
		xml_text(b, lang);
		pdf_buf_printf(b, "</rdf:li></rdf:Bag></dc:language>\n");
	}
	pdf_buf_printf(b, "<dc:format>application/pdf</dc:format>\n"
	                  "<xmp:CreatorTool>folio " FOLIO_VERSION "</xmp:CreatorTool>\n"
	                  "<pdf:Producer>Haru Free PDF Library %s</pdf:Producer>\n"
	                  "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
	                  "<?xpacket end=\"w\"?>\n",
	               HPDF_GetVersion());
	return !b->failed;
}

/* 64-bit FNV-1a of n bytes, continuing from h. */
static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ ((const unsigned char *)p)[i]) * 1099511628211u;
	return h;
}

/* The trailer's /ID: two equal 16-byte strings from what the pages show
 * (every text run and its place), so the same article gives the same file. */
static void set_id(pdf_render_ctx *rc)
{
	uint64_t h[2] = {14695981039346656037u, 1469598103934665603u};
	unsigned char id[16];
	HPDF_Array a;

	for (size_t i = 0; i < rc->layout.count; i++) {
		const pdf_op *op = &rc->layout.ops[i];
		double where[3] = {op->x, op->y, (double)op->page};

		for (int k = 0; k < 2; k++) {
			if (op->text)
				h[k] = fnv(h[k], op->text, op->len);
			h[k] = fnv(h[k], where, sizeof where);
		}
	}
	for (int k = 0; k < 16; k++)
		id[k] = (unsigned char)(h[k / 8] >> (8 * (k % 8)));
	a = HPDF_Array_New(rc->pdf->mmgr);
	HPDF_Dict_Add(rc->pdf->trailer, "ID", a);
	HPDF_Array_Add(a, HPDF_Binary_New(rc->pdf->mmgr, id, sizeof id));
	HPDF_Array_Add(a, HPDF_Binary_New(rc->pdf->mmgr, id, sizeof id));
}

/* What libharu's API cannot set on the catalog: the XMP metadata stream
 * (the structure tree, /Lang, /MarkInfo and /DisplayDocTitle are tags.c's). */
static folio_status set_catalog(pdf_render_ctx *rc, folio_error *err)
{
	HPDF_Doc pdf = rc->pdf;
	HPDF_Dict cat = pdf->catalog, prefs, meta;
	const char *lang = doc_lang(rc->doc);
	pdf_buf xmp = {0};

	pdf->pdf_version = HPDF_VER_17;
	set_id(rc);
	/* A right-to-left article (Arabic, Persian, Hebrew): viewers show its
	 * pages and spreads from right to left. */
	if (pdf_lang_rtl(lang)) {
		prefs = HPDF_Dict_GetItem(cat, "ViewerPreferences", HPDF_OCLASS_DICT);
		if (prefs)
			HPDF_Dict_AddName(prefs, "Direction", "R2L");
	}
	if (!xmp_packet(rc, &xmp)) {
		free(xmp.p);
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	}
	/* Not compressed: XMP is meant to be found by tools that only scan. */
	meta = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	HPDF_Dict_AddName(meta, "Type", "Metadata");
	HPDF_Dict_AddName(meta, "Subtype", "XML");
	HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)xmp.p, (HPDF_UINT)xmp.len);
	HPDF_Dict_Add(cat, "Metadata", meta);
	free(xmp.p);
	return FOLIO_OK;
}

/* ---- render -------------------------------------------------------------------------- */

/* The dictionary for doc's language (English when it has none), loaded on
 * first use; NULL where none is installed, or with hyphenate=false. ctx is
 * the pdf_render_ctx (a pdf_hyph_pick_fn: bilingual leaflets pick one per
 * half). */
static const pdf_hyphenator *pick_hyphenator(void *ctx, const folio_doc *doc)
{
	const pdf_render_ctx *rc = ctx;

	if (!rc->style.hyphenate)
		return NULL;
	return pdf_hyphenator_for_lang(folio_doc_get(doc, FOLIO_META_LANG));
}

static const char *hpdf_cause(HPDF_STATUS code);

/* libharu's object layer (dictionaries, streams: fonts, tags, metadata)
 * records an error without calling the handler; its next document call would
 * then report only "invalid document". This raises the recorded one. */
static void raise_pending(pdf_render_ctx *rc)
{
	HPDF_STATUS code = HPDF_GetError(rc->pdf);

	if (code != HPDF_OK)
		on_hpdf_error(code, HPDF_GetErrorDetail(rc->pdf), rc);
}

/* Where cp first occurs in the file at path: *line and *col (1-based,
 * columns in characters). 0 when it does not occur literally. */
static int find_in_source(const char *path, uint32_t cp, unsigned *line, unsigned *col)
{
	char want[5];
	size_t wl = 0, cap = 0;
	char *buf = NULL;
	ssize_t got;
	FILE *f;
	int found = 0;

	if (cp < 0x80) {
		want[wl++] = (char)cp;
	} else if (cp < 0x800) {
		want[wl++] = (char)(0xC0 | (cp >> 6));
		want[wl++] = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		want[wl++] = (char)(0xE0 | (cp >> 12));
		want[wl++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		want[wl++] = (char)(0x80 | (cp & 0x3F));
	} else {
		want[wl++] = (char)(0xF0 | (cp >> 18));
		want[wl++] = (char)(0x80 | ((cp >> 12) & 0x3F));
		want[wl++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		want[wl++] = (char)(0x80 | (cp & 0x3F));
	}
	want[wl] = '\0';
	f = path ? fopen(path, "rb") : NULL;
	if (!f)
		return 0;
	*line = 0;
	while (!found && (got = getline(&buf, &cap, f)) > 0) {
		const char *at;

		++*line;
		at = strstr(buf, want);
		if (!at)
			continue;
		*col = 1;
		for (const char *c = buf; c < at; c++)
			*col += ((unsigned char)*c & 0xC0) != 0x80;
		found = 1;
	}
	free(buf);
	fclose(f);
	return found;
}

/* A picture without alt text is a Figure a screen reader can only skip
 * (PDF/UA-1 7.3): each is reported by its source, with its line where the
 * model knows it (the host names the file). */
static void warn_missing_alt(pdf_render_ctx *rc)
{
	folio_iter *it = folio_iter_new(folio_doc_root(rc->doc));
	folio_event ev;
	char where[32];

	if (!it)
		return;
	while ((ev = folio_iter_next(it)) != FOLIO_EVENT_DONE) {
		const folio_node *n = folio_iter_node(it);
		const char *alt, *url;

		if (ev != FOLIO_EVENT_ENTER || folio_node_get_type(n) != FOLIO_NODE_IMAGE)
			continue;
		alt = folio_node_alt(n);
		if (alt && *alt)
			continue;
		url = folio_node_url(n) ? folio_node_url(n) : "";
		where[0] = '\0';
		if (folio_node_line(n) > 0)
			snprintf(where, sizeof where, "line %u: ", folio_node_line(n));
		rc->host->warn(rc->host,
		               "%sthe picture %s has no alt text, so screen readers skip it; "
		               "say what it shows: ![a person stretching](%s)",
		               where, url, url);
	}
	folio_iter_free(it);
}

/* A character no installed font has is an error: the article would be
 * printed with a hole in it. Names the file, line and column where the
 * character first occurs in the article's source. */
static folio_status missing_glyph(pdf_render_ctx *rc, folio_error *err)
{
	const char *src = folio_doc_get(rc->doc, FOLIO_META_SOURCE);
	unsigned line = 0, col = 0;
	uint32_t cp = rc->missing_cp;

	if (cp && find_in_source(src, cp, &line, &col))
		return folio_error_set(err, FOLIO_ERR_RENDER, src, line, col,
		                       "no installed font has the character U+%04X; "
		                       "install a font that covers it (fonts-noto-core, "
		                       "fonts-noto-cjk) or replace it",
		                       (unsigned)cp);
	return folio_error_set(err, FOLIO_ERR_RENDER, src, 0, 0,
	                       "no installed font has the character U+%04X (in the leaflet's "
	                       "furniture or the clinic profile); install a font that covers "
	                       "it or replace it",
	                       (unsigned)cp);
}

/* Builds the PDF in rc->pdf (pages, drawing, fonts, info). libharu errors
 * longjmp to the caller's setjmp. */
static folio_status build(pdf_render_ctx *rc, folio_error *err)
{
	folio_status st;

	HPDF_SetCompressionMode(rc->pdf, HPDF_COMP_ALL);
	rc->pages = calloc((size_t)rc->layout.pages, sizeof *rc->pages);
	if (!rc->pages)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	for (int p = 0; p < rc->layout.pages; p++) {
		rc->pages[p] = HPDF_AddPage(rc->pdf);
		HPDF_Page_SetWidth(rc->pages[p], (HPDF_REAL)rc->style.page_width);
		HPDF_Page_SetHeight(rc->pages[p], (HPDF_REAL)rc->style.page_height);
	}
	/* The structure tree: the catalogue's /MarkInfo, /Lang and
	 * /DisplayDocTitle, each page's /StructParents and /Tabs /S. */
	rc->tags = pdf_tags_new(rc->pdf, doc_lang(rc->doc));
	if (!rc->tags)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	for (int p = 0; p < rc->layout.pages; p++)
		pdf_tags_page(rc->tags, rc->pages[p]);
	pdf_bilingual_render_pages(rc);
	pdf_trifold_render_prefs(rc);
	st = pdf_draw_all(rc, err);
	raise_pending(rc);
	if (st == FOLIO_OK && pdf_tags_finish(rc->tags) != HPDF_OK) {
		raise_pending(rc);
		st = folio_error_set(err, FOLIO_ERR_RENDER, NULL, 0, 0,
		                     "pdf: the structure tree could not be written");
	}
	if (st == FOLIO_OK && rc->nomem)
		st = folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	if (st == FOLIO_OK)
		st = pdf_font_use_embed(rc->use, err);
	raise_pending(rc);
	if (st != FOLIO_OK)
		return st;
	if (rc->missing)
		return missing_glyph(rc, err);
	set_info(rc);
	st = set_catalog(rc, err);
	raise_pending(rc);
	return st;
}

/* libharu's output stream: each piece goes to the sink as it is written. */
static HPDF_STATUS HPDF_STDCALL write_out(HPDF_Stream stream, const HPDF_BYTE *data, HPDF_UINT len)
{
	pdf_render_ctx *rc = stream->attr;

	rc->out_status = folio_sink_write(rc->out, data, len);
	return rc->out_status == FOLIO_OK ? HPDF_OK : HPDF_FILE_IO_ERROR;
}

/* Writes the document into the sink. libharu saves to the document's own
 * stream: made a callback writer, that is the sink, and the file is never
 * held whole in memory and copied out. */
static void save(pdf_render_ctx *rc, folio_sink *sink)
{
	rc->out = sink;
	rc->pdf->stream = HPDF_CallbackWriter_New(rc->pdf->mmgr, write_out, rc);
	if (!rc->pdf->stream)
		on_hpdf_error(HPDF_FAILD_TO_ALLOC_MEM, 0, rc);
	HPDF_SaveToStream(rc->pdf);
}

static void ctx_free(pdf_render_ctx *rc)
{
	if (rc->pdf)
		HPDF_Free(rc->pdf);
	pdf_font_use_free(rc->use);
	pdf_width_cache_free(rc->widths);
	pdf_shaped_free(rc->shaped);
	pdf_layout_free(&rc->layout);
	pdf_bilingual_free(rc->bi); /* after the layout, whose ops point into it */
	free(rc->bi);
	pdf_trifold_free(rc->tri); /* likewise */
	free(rc->tri);
	pdf_qr_free(rc->qr);
	pdf_tags_free(rc->tags);
	free(rc->elem_ids);
	for (size_t i = 0; i < rc->ndisclaimer; i++)
		free(rc->disclaimer[i]);
	for (size_t i = 0; i < rc->nimages; i++) {
		pdf_png_free(&rc->images[i].png);
		free(rc->images[i].jpeg_data);
	}
	free(rc->images);
	pdf_png_free(&rc->logo);
	free(rc->ps);
	free(rc->qr_text);
	free(rc->closing_phone);
	free(rc->closing_lines);
	free(rc->pages);
	free(rc->fold);
	free(rc->enc.p);
	free(rc);
}

/* The product the options ask for: layout=trifold, bilingual=columns|flip,
 * or a handout. The two cannot be combined. */
static folio_status pick_product(const folio_options *o, pdf_product *out, folio_error *err)
{
	const char *layout = folio_opt_string(o, "layout");
	int trifold = layout && strcmp(layout, "trifold") == 0;
	int bilingual =
	    pdf_bilingual_mode_of(folio_opt_string(o, "bilingual")) != PDF_BILINGUAL_NONE;

	if (trifold && bilingual)
		return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0,
		                       "pdf: layout=trifold cannot be combined with bilingual");
	*out = trifold ? PDF_PRODUCT_TRIFOLD : bilingual ? PDF_PRODUCT_BILINGUAL : PDF_PRODUCT_HANDOUT;
	return FOLIO_OK;
}

static folio_status pdf_render(void *state, const folio_doc *doc, const folio_options *options,
                               folio_sink *sink, const folio_host *host, folio_error *err)
{
	pdf_render_ctx *rc = calloc(1, sizeof *rc);
	folio_status st;

	if (!rc)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	rc->state = state;
	rc->fonts = rc->state->fonts;
	rc->text_dir = -1;
	rc->doc = doc;
	rc->host = host;
	make_style(rc, options);
	/* NULL, either: every width and line is shaped */
	rc->shaped = pdf_shaped_new(doc_lang(doc));
	rc->widths = pdf_width_cache_new(rc->shaped);
	rc->metrics = (pdf_metrics){.ctx = rc, .width = metric_width, .image_size = pdf_image_size};
	for (int f = 0; f < PDF_FACE_COUNT; f++) {
		rc->metrics.ascent[f] = pdf_fonts_ascent(rc->fonts, (pdf_face)f);
		rc->metrics.descent[f] = pdf_fonts_descent(rc->fonts, (pdf_face)f);
	}
	st = pick_product(options, &rc->product, err);
	if (st != FOLIO_OK)
		goto done;
	if (!pdf_footer_setup(rc)) {
		st = folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	switch (rc->product) {
	case PDF_PRODUCT_BILINGUAL: /* no QR code: each half has its own url */
		st = pdf_bilingual_render_layout(rc, options, pick_hyphenator, err);
		break;
	case PDF_PRODUCT_TRIFOLD: /* the QR code goes on the back panel */
		st = pdf_qr_render_make(rc, options, err);
		if (st == FOLIO_OK)
			st = pdf_trifold_render_layout(rc, options, pick_hyphenator(rc, doc), err);
		break;
	case PDF_PRODUCT_HANDOUT: /* the QR code in the closing panel */
		rc->style.measure = 1; /* a readable column, the key points beside it */
		st = pdf_qr_render_make(rc, options, err);
		if (st == FOLIO_OK && !pdf_closing_setup(rc))
			st = folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		if (st == FOLIO_OK)
			st = pdf_layout_run(doc, &rc->style, &rc->metrics, pick_hyphenator(rc, doc),
			                    &rc->layout, err);
		if (st == FOLIO_OK)
			st = pdf_qr_render_place(rc, err);
		break;
	}
	if (st != FOLIO_OK)
		goto done;
	if (rc->layout.pages < 1) {
		st = folio_error_set(err, FOLIO_ERR_RENDER, NULL, 0, 0,
		                     "pdf: the layout made no pages");
		goto done;
	}
	warn_missing_alt(rc);
	/* Armed before HPDF_New, which reports a failed allocation through the
	 * handler too. */
	if (setjmp(rc->jb)) {
		if (rc->out_status != FOLIO_OK)
			st = folio_error_set(err, rc->out_status, NULL, 0, 0,
			                     "pdf: cannot write the file");
		else if (rc->hpdf_code == HPDF_FAILD_TO_ALLOC_MEM)
			st = folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0,
			                     "out of memory while building the PDF");
		else
			st = folio_error_set(err, FOLIO_ERR_RENDER, NULL, 0, 0,
			                     "pdf: %s (libharu error 0x%04X, detail %u)",
			                     hpdf_cause(rc->hpdf_code), (unsigned)rc->hpdf_code,
			                     (unsigned)rc->hpdf_detail);
		goto done;
	}
	rc->pdf = HPDF_New(on_hpdf_error, rc);
	rc->use = rc->pdf ? pdf_font_use_new(rc->fonts, rc->pdf) : NULL;
	pdf_font_use_set_lang(rc->use, doc_lang(doc));
	pdf_font_use_set_shaped(rc->use, rc->shaped);
	if (!rc->use) {
		st = folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	st = build(rc, err);
	if (st == FOLIO_OK)
		save(rc, sink);
done:
	ctx_free(rc);
	return st;
}

/* What a libharu error usually means for folio's input, for the message. */
static const char *hpdf_cause(HPDF_STATUS code)
{
	switch (code) {
	case HPDF_STRING_OUT_OF_RANGE:
		return "a text is longer than a PDF string may be (65,535 bytes): a very long link, "
		       "title, author or clinic detail";
	case HPDF_NAME_OUT_OF_RANGE:
		return "a name is longer than a PDF name may be (127 bytes)";
	case HPDF_REAL_OUT_OF_RANGE:
		return "a size or position is out of the range a PDF allows";
	case HPDF_PAGE_OUT_OF_RANGE:
		return "the document has more pages than a PDF may hold";
	default:
		return "the PDF could not be built";
	}
}

static const folio_plugin pdf_plugin = {
    .size = sizeof(folio_plugin),
    .abi_version = FOLIO_PLUGIN_ABI_VERSION,
    .name = "pdf",
    .summary = "printable patient leaflet (PDF, embedded subset fonts)",
    .extension = "pdf",
    .media_type = "application/pdf",
    .flags = FOLIO_PLUGIN_BINARY,
    .options = pdf_options,
    .init = pdf_init,
    .fini = pdf_fini,
    .render = pdf_render,
};

FOLIO_PLUGIN_EXPORT const folio_plugin *folio_plugin_entry(void);
FOLIO_PLUGIN_EXPORT const folio_plugin *folio_plugin_entry(void)
{
	return &pdf_plugin;
}
