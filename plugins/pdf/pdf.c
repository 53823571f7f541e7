/* folio pdf plugin — the backend: descriptor, options, style, the render.
 *
 * render: options + profile -> pdf_style; the layout (layout.c) places the
 * article as pdf_ops using our font metrics (fonts.c); we record the
 * characters each face draws, embed per-document font subsets, draw the ops
 * and the page footers with libharu (draw.c, footer.c), save to memory, and
 * let pdffix.c repair, compress and write the file to the sink.
 *
 * Every libharu error longjmps back to render, which frees the HPDF_Doc and
 * everything else through one cleanup path.
 */
#include <pthread.h>
#include <setjmp.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf.h>

#include "folio/plugin.h"
#include "folio/version.h"
#include "bilingual.h"
#include "fonts.h"
#include "pdf_layout.h"
#include "pdffix.h"
#include "qr.h"
#include "render.h"
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
    FOLIO_OPTION("hyphenate", FOLIO_OPT_BOOL, "true", "hyphenate long words (English and French)", NULL, 0, 0),
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

/* Hyphenation dictionaries (Debian's hyphen-en-us and hyphen-fr), loaded on
 * first use (0.3 ms for the English one), so a process only pays for the
 * language it prints. */
typedef struct hyph_dict {
	const char *lang; /* matches "en", "en-CA", ... */
	const char *path;
} hyph_dict;

static const hyph_dict hyph_dicts[] = {
    {"en", "/usr/share/hyphen/hyph_en_US.dic"},
    {"fr", "/usr/share/hyphen/hyph_fr.dic"},
};
#define HYPH_COUNT (sizeof hyph_dicts / sizeof hyph_dicts[0])

/* Made by init and shared by every render (render runs on several threads):
 * the fonts are read-only; the dictionaries are loaded once, under lock. */
struct pdf_state {
	pdf_fonts *fonts;
	pthread_mutex_t hyph_lock;
	int hyph_tried[HYPH_COUNT];
	pdf_hyphenator *hyph[HYPH_COUNT]; /* NULL until loaded, or if missing */
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
	pthread_mutex_init(&s->hyph_lock, NULL);
	*state = s;
	return FOLIO_OK;
}

static void pdf_fini(void *state)
{
	pdf_state *s = state;

	if (!s)
		return;
	for (size_t i = 0; i < HYPH_COUNT; i++)
		pdf_hyphenator_free(s->hyph[i]);
	pthread_mutex_destroy(&s->hyph_lock);
	pdf_fonts_free(s->fonts);
	free(s);
}

#define PDF_ZLIB_LEVEL 6

static void HPDF_STDCALL on_hpdf_error(HPDF_STATUS code, HPDF_STATUS detail, void *ud)
{
	pdf_render_ctx *rc = ud;

	/* In soft mode libharu goes on after an error and may raise more: the
	 * first is the one that says what happened. */
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

	return pdf_fonts_width(rc->fonts, face, utf8, len);
}

/* ---- style ---------------------------------------------------------------------- */

static void make_style(pdf_render_ctx *rc, const folio_options *o)
{
	pdf_style *s = &rc->style;
	const char *paper = folio_opt_string(o, "paper");
	const char *profile_paper = folio_profile_get(rc->host->profile, FOLIO_PROFILE_PAPER);
	double b = (double)folio_opt_int(o, "font-size");
	double m = (double)folio_opt_int(o, "margin");
	/* At 12 pt: h1 18, h2 16.2 (an article's main headings), h3 14.4. */
	static const double heading_scale[6] = {1.5, 1.35, 1.2, 1.1, 1.0, 1.0};

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
	s->hyphenate = folio_opt_bool(o, "hyphenate");
	s->accent_rgb = folio_profile_accent_rgb(rc->host->profile);
}

/* ---- recording the characters each face draws -------------------------------------- */

static folio_status record_text(pdf_render_ctx *rc, pdf_face face, const char *s, size_t len,
                                folio_error *err)
{
	size_t n;
	const char *f = pdf_fold_text(rc, face, s, len, &n);

	if (!f || !pdf_font_use_add(rc->use, face, f, n))
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	return FOLIO_OK;
}

static folio_status record_all(pdf_render_ctx *rc, folio_error *err)
{
	folio_status st = FOLIO_OK;
	pdf_footer_item items[4 + PDF_FOOTER_MAX_DISCLAIMER];
	char label[64];

	for (size_t i = 0; i < rc->layout.count && st == FOLIO_OK; i++) {
		const pdf_op *op = &rc->layout.ops[i];

		if (op->kind == PDF_OP_TEXT && op->text && op->face < PDF_FACE_COUNT)
			st = record_text(rc, op->face, op->text, op->len, err);
	}
	for (int p = 0; p < rc->layout.pages && st == FOLIO_OK; p++) {
		size_t n = pdf_footer_items(rc, p, label, sizeof label, items);

		for (size_t k = 0; k < n && st == FOLIO_OK; k++)
			st = record_text(rc, items[k].face, items[k].text, strlen(items[k].text),
			                 err);
	}
	return st;
}

/* ---- document information ---------------------------------------------------------- */

static void set_info(pdf_render_ctx *rc)
{
	const folio_doc *d = rc->doc;
	char buf[2048] = "";
	int64_t epoch = folio_doc_epoch(d);
	time_t t = (time_t)epoch;
	struct tm tm;

	if (folio_doc_get(d, FOLIO_META_TITLE))
		HPDF_SetInfoAttr(rc->pdf, HPDF_INFO_TITLE, folio_doc_get(d, FOLIO_META_TITLE));
	for (size_t i = 0; i < folio_doc_author_count(d); i++) {
		char one[512];
		const char *cred = folio_doc_author_credentials(d, i);

		snprintf(one, sizeof one, "%s%s%s", folio_doc_author_name(d, i), cred ? ", " : "",
		         cred ? cred : "");
		pdf_append(buf, sizeof buf, "; ", one);
	}
	if (buf[0])
		HPDF_SetInfoAttr(rc->pdf, HPDF_INFO_AUTHOR, buf);
	if (folio_doc_get(d, FOLIO_META_SUMMARY))
		HPDF_SetInfoAttr(rc->pdf, HPDF_INFO_SUBJECT, folio_doc_get(d, FOLIO_META_SUMMARY));
	buf[0] = '\0';
	for (size_t i = 0; i < folio_doc_tag_count(d); i++)
		pdf_append(buf, sizeof buf, ", ", folio_doc_tag(d, i));
	if (buf[0])
		HPDF_SetInfoAttr(rc->pdf, HPDF_INFO_KEYWORDS, buf);
	HPDF_SetInfoAttr(rc->pdf, HPDF_INFO_CREATOR, "folio " FOLIO_VERSION);
	if (epoch >= 0 && gmtime_r(&t, &tm) && tm.tm_year + 1900 <= 9999) {
		HPDF_Date date = {
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
		    tm.tm_sec,         'Z',           0,          0};

		HPDF_SetInfoDateAttr(rc->pdf, HPDF_INFO_CREATION_DATE, date);
		HPDF_SetInfoDateAttr(rc->pdf, HPDF_INFO_MOD_DATE, date);
	}
}

/* ---- render -------------------------------------------------------------------------- */

/* The dictionary for doc's language (English when it has none), loaded on
 * first use; NULL for other languages or with hyphenate=false. ctx is the
 * pdf_render_ctx (a pdf_hyph_pick_fn: bilingual leaflets pick one per half). */
static const pdf_hyphenator *pick_hyphenator(void *ctx, const folio_doc *doc)
{
	const pdf_render_ctx *rc = ctx;
	const char *lang = folio_doc_get(doc, FOLIO_META_LANG);
	pdf_state *s = rc->state;
	const pdf_hyphenator *h = NULL;

	if (!rc->style.hyphenate)
		return NULL;
	for (size_t i = 0; i < HYPH_COUNT; i++) {
		if (lang ? !pdf_lang_is(lang, hyph_dicts[i].lang) : i != 0)
			continue;
		pthread_mutex_lock(&s->hyph_lock);
		if (!s->hyph_tried[i]) {
			s->hyph[i] = pdf_hyphenator_load(hyph_dicts[i].path);
			s->hyph_tried[i] = 1;
		}
		h = s->hyph[i];
		pthread_mutex_unlock(&s->hyph_lock);
		break;
	}
	return h;
}

/* Builds the PDF in rc->pdf (pages, fonts, drawing, info). libharu errors
 * longjmp to the caller's setjmp. */
static folio_status build(pdf_render_ctx *rc, folio_error *err)
{
	folio_status st;

	/* No compression here: pdffix.c deflates every stream (content, fonts,
	 * images) with one reused z_stream, and packs the rest. */
	HPDF_SetCompressionMode(rc->pdf, HPDF_COMP_NONE);
	/* No current encoder: the info strings and outline titles go in as
	 * their UTF-8 bytes, which pdffix.c writes as UTF-16BE. libharu's UTF-8
	 * encoder would do the same, but building it costs 6 % of a leaflet. */
	st = record_all(rc, err);
	if (st == FOLIO_OK)
		st = pdf_font_use_embed(rc->use, rc->pdf, err);
	if (st != FOLIO_OK)
		return st;
	if (rc->missing)
		rc->host->warn(rc->host, "%u characters the fonts lack were printed as '?'",
		               rc->missing);
	rc->pages = calloc((size_t)rc->layout.pages, sizeof *rc->pages);
	if (!rc->pages)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	for (int p = 0; p < rc->layout.pages; p++) {
		rc->pages[p] = HPDF_AddPage(rc->pdf);
		HPDF_Page_SetWidth(rc->pages[p], (HPDF_REAL)rc->style.page_width);
		HPDF_Page_SetHeight(rc->pages[p], (HPDF_REAL)rc->style.page_height);
	}
	pdf_bilingual_render_pages(rc);
	pdf_trifold_render_prefs(rc);
	st = pdf_draw_all(rc, err);
	if (st == FOLIO_OK)
		set_info(rc);
	return st;
}

/* libharu's file as one block: saved to an anonymous memory file (memfd)
 * and mapped. Its memory stream copies every byte twice with a byte loop
 * (HPDF_MemCpy, on saving and on reading back: 4 % of a leaflet); its file
 * writer hands the pieces to stdio. *fd is the memfd (-1 when none could be
 * made). NULL on any failure: the caller then uses the memory stream, where
 * a libharu error raises again and takes the usual path. */
static unsigned char *save_mapped(pdf_render_ctx *rc, size_t *size, int *fd)
{
	char path[64];
	struct stat st;
	void *map;
	HPDF_STATUS ok;

	*fd = -1;
#ifdef SYS_memfd_create
	*fd = (int)syscall(SYS_memfd_create, "folio-pdf", 1u /* MFD_CLOEXEC */);
#endif
	if (*fd < 0)
		return NULL;
	snprintf(path, sizeof path, "/proc/self/fd/%d", *fd);
	/* Soft mode: libharu unwinds (and closes its FILE) on an error, which
	 * then raises again below, through the memory stream. */
	rc->hpdf_code = HPDF_OK;
	rc->soft = 1;
	ok = HPDF_SaveToFile(rc->pdf, path);
	rc->soft = 0;
	if (ok != HPDF_OK || rc->hpdf_code != HPDF_OK) {
		HPDF_ResetError(rc->pdf);
		return NULL;
	}
	if (fstat(*fd, &st) != 0 || st.st_size <= 0)
		return NULL;
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, *fd, 0);
	if (map == MAP_FAILED)
		return NULL;
	*size = (size_t)st.st_size;
	return map;
}

/* Saves rc->pdf and writes the finished bytes (pdffix.c) to sink. */
static folio_status save(pdf_render_ctx *rc, folio_sink *sink, folio_error *err)
{
	HPDF_UINT32 stream_size;
	size_t size = 0, nfonts;
	int fd;
	unsigned char *buf = save_mapped(rc, &size, &fd), *copy = NULL;
	const pdf_embed_font *fonts;
	folio_status st;

	if (!buf) { /* no memfd: libharu's memory stream */
		if (fd >= 0)
			close(fd);
		fd = -1;
		HPDF_SaveToStream(rc->pdf);
		stream_size = HPDF_GetStreamSize(rc->pdf);
		buf = copy = malloc(stream_size ? stream_size : 1);
		if (!buf)
			return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		HPDF_ResetStream(rc->pdf);
		HPDF_ReadFromStream(rc->pdf, buf, &stream_size);
		size = stream_size;
	}
	fonts = pdf_font_use_fonts(rc->use, &nfonts);
	pdf_fix_input in = {.fonts = fonts,
	                    .nfonts = nfonts,
	                    .pngs = rc->pngs,
	                    .npngs = rc->npngs,
	                    .mark_ops = rc->qr_ops,
	                    .mark_len = rc->qr_ops_len,
	                    .lang = folio_doc_get(rc->doc, FOLIO_META_LANG)};
	st = pdf_fix_write(buf, size, &in, sink, PDF_ZLIB_LEVEL, err);
	if (copy)
		free(copy);
	else
		munmap(buf, size);
	if (fd >= 0)
		close(fd);
	return st;
}

static void ctx_free(pdf_render_ctx *rc)
{
	if (rc->pdf)
		HPDF_Free(rc->pdf);
	pdf_font_use_free(rc->use);
	pdf_layout_free(&rc->layout);
	pdf_bilingual_free(rc->bi); /* after the layout, whose ops point into it */
	free(rc->bi);
	pdf_trifold_free(rc->tri); /* likewise */
	free(rc->tri);
	pdf_qr_free(rc->qr);
	for (size_t i = 0; i < rc->ndisclaimer; i++)
		free(rc->disclaimer[i]);
	for (size_t i = 0; i < rc->nimages; i++)
		if (rc->images[i].has_png)
			free(rc->images[i].png.idat);
	free(rc->images);
	free(rc->pages);
	free(rc->fold);
	free(rc->enc);
	for (size_t i = 0; i < rc->npngs; i++)
		free(rc->pngs[i].idat);
	free(rc->qr_ops);
	free(rc->pngs);
	free(rc);
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
	rc->doc = doc;
	rc->host = host;
	make_style(rc, options);
	rc->metrics = (pdf_metrics){.ctx = rc, .width = metric_width, .image_size = pdf_image_size};
	for (int f = 0; f < PDF_FACE_COUNT; f++) {
		rc->metrics.ascent[f] = pdf_fonts_ascent(rc->fonts, (pdf_face)f);
		rc->metrics.descent[f] = pdf_fonts_descent(rc->fonts, (pdf_face)f);
	}
	rc->use = pdf_font_use_new(rc->fonts);
	if (!rc->use || !pdf_footer_setup(rc)) {
		st = folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	st = pdf_bilingual_render_layout(rc, options, pick_hyphenator, err);
	if (st == FOLIO_OK)
		st = pdf_qr_render_make(rc, options, err);
	if (st == FOLIO_OK)
		st = pdf_trifold_render_layout(rc, options, pick_hyphenator(rc, doc), err);
	if (st == FOLIO_OK && !rc->bi && !rc->tri)
		st = pdf_layout_run(doc, &rc->style, &rc->metrics, pick_hyphenator(rc, doc),
		                    &rc->layout, err);
	if (st == FOLIO_OK)
		st = pdf_qr_render_place(rc, err); /* a handout's: after its layout */
	if (st != FOLIO_OK)
		goto done;
	if (rc->layout.pages < 1) {
		st = folio_error_set(err, FOLIO_ERR_RENDER, NULL, 0, 0,
		                     "pdf: the layout made no pages");
		goto done;
	}
	rc->pdf = HPDF_New(on_hpdf_error, rc);
	if (!rc->pdf) {
		st = folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	if (setjmp(rc->jb)) {
		if (rc->hpdf_code == HPDF_FAILD_TO_ALLOC_MEM)
			st = folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0,
			                     "out of memory while building the PDF");
		else
			st = folio_error_set(err, FOLIO_ERR_RENDER, NULL, 0, 0,
			                     "pdf: libharu error 0x%04X (detail %u)",
			                     (unsigned)rc->hpdf_code, (unsigned)rc->hpdf_detail);
		goto done;
	}
	st = build(rc, err);
	if (st == FOLIO_OK)
		st = save(rc, sink, err);
done:
	ctx_free(rc);
	return st;
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
