/* folio pdf plugin — the backend: options, style, metrics, libharu drawing.
 *
 * render: options + profile -> pdf_style; the layout (layout.c) places the
 * article as pdf_ops using our font metrics; we record the characters each
 * face draws, embed per-document font subsets, draw the ops and the page
 * footers with libharu, save to memory, and let pdffix.c repair the
 * ToUnicode maps and add /Lang while writing to the sink.
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

#include "folio/plugin.h"
#include "folio/version.h"
#include "fonts.h"
#include "pdf_layout.h"
#include "pdffix.h"

/* ---- options ----------------------------------------------------------------- */

static const char *const paper_choices[] = {"letter", "a4", NULL};
static const char *const align_choices[] = {"left", "justify", NULL};

static const folio_option_spec pdf_options[] = {
	{"paper", FOLIO_OPT_ENUM, "letter",
	 "page size (the profile's paper, when set, replaces the default)", paper_choices, 0, 0},
	{"margin", FOLIO_OPT_INT, "54", "page margins in points (72 points = 1 inch)", NULL, 18, 144},
	{"font-size", FOLIO_OPT_INT, "12", "body text size in points; headings scale with it", NULL,
	 9, 24},
	{"align", FOLIO_OPT_ENUM, "left", "paragraph alignment", align_choices, 0, 0},
	{"hyphenate", FOLIO_OPT_BOOL, "true", "hyphenate long words (English and French)", NULL, 0,
	 0},
	{NULL, 0, NULL, NULL, NULL, 0, 0},
};

/* ---- shared state ------------------------------------------------------------ */

/* Hyphenation dictionaries (Debian's hyphen-en-us and hyphen-fr), loaded on
 * first use: libhyphen takes ~4-7 ms to read the English one, more than a
 * whole leaflet, so a process only pays for the language it prints. */
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
typedef struct pdf_state {
	pdf_fonts *fonts;
	pthread_mutex_t hyph_lock;
	int hyph_tried[HYPH_COUNT];
	pdf_hyphenator *hyph[HYPH_COUNT]; /* NULL until loaded, or if missing */
} pdf_state;

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

/* ---- one render ------------------------------------------------------------------ */

#define FOOTER_MAX_DISCLAIMER 3
#define PDF_ZLIB_LEVEL 6

typedef struct image_slot {
	const char *src; /* as written in the document */
	HPDF_Image img;  /* NULL when it would not load */
} image_slot;

typedef struct render_ctx {
	const pdf_state *st; /* the dictionaries aside, read-only */
	const folio_doc *doc;
	const folio_host *host;
	pdf_style style;
	pdf_metrics metrics;
	pdf_layout layout;
	pdf_font_use *use;
	HPDF_Doc pdf;
	HPDF_Page *pages;
	/* libharu's error handler: longjmp unless soft (then just recorded). */
	jmp_buf jb;
	int soft;
	HPDF_STATUS hpdf_code, hpdf_detail;
	/* text folding scratch */
	char *fold;
	size_t fold_cap;
	unsigned missing;
	/* images, loaded once each */
	image_slot *images;
	size_t nimages;
	/* the footer, composed once; page numbers are added per page */
	const char *clinic;
	char contact[600];
	int contact_below; /* contact details on their own line */
	char *disclaimer[FOOTER_MAX_DISCLAIMER];
	size_t ndisclaimer;
	int french;
} render_ctx;

static void HPDF_STDCALL on_hpdf_error(HPDF_STATUS code, HPDF_STATUS detail, void *ud)
{
	render_ctx *rc = ud;

	rc->hpdf_code = code;
	rc->hpdf_detail = detail;
	if (!rc->soft)
		longjmp(rc->jb, 1);
}

/* Folds text for face into rc->fold. NULL when out of memory. */
static const char *fold_text(render_ctx *rc, pdf_face face, const char *s, size_t len,
                             size_t *out_len)
{
	size_t need = len * 3 + 8;
	size_t n;

	if (need > rc->fold_cap) {
		char *p = realloc(rc->fold, need);

		if (!p)
			return NULL;
		rc->fold = p;
		rc->fold_cap = need;
	}
	n = pdf_fonts_fold(rc->st->fonts, face, s, len, rc->fold, rc->fold_cap, &rc->missing);
	if (n == (size_t)-1)
		return NULL;
	*out_len = n;
	return rc->fold;
}

/* ---- metrics for the layout ------------------------------------------------------ */

static double metric_width(void *ctx, pdf_face face, const char *utf8, size_t len)
{
	render_ctx *rc = ctx;

	return pdf_fonts_width(rc->st->fonts, face, utf8, len);
}

/* src resolved against the document's folder into buf. 0 for URLs. */
static int image_path(const render_ctx *rc, const char *src, char *buf, size_t n)
{
	const char *source = folio_doc_get(rc->doc, FOLIO_META_SOURCE);
	const char *slash = source ? strrchr(source, '/') : NULL;
	int w;

	if (!src || !*src || strstr(src, "://"))
		return 0;
	if (src[0] == '/' || !slash)
		w = snprintf(buf, n, "%s", src);
	else
		w = snprintf(buf, n, "%.*s/%s", (int)(slash - source), source, src);
	return w > 0 && (size_t)w < n;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A JPEG's size from its first SOFn marker. */
static int jpeg_size(FILE *f, double *w, double *h)
{
	unsigned char m[9];

	for (;;) {
		int c = fgetc(f);
		size_t seglen;

		if (c == EOF)
			return 0;
		if (c != 0xFF)
			continue;
		while ((c = fgetc(f)) == 0xFF)
			;
		if (c == EOF || c == 0xD8 || c == 0x01 || (c >= 0xD0 && c <= 0xD7))
			continue;
		if (fread(m, 1, 2, f) != 2)
			return 0;
		seglen = (size_t)m[0] << 8 | m[1];
		if (c >= 0xC0 && c <= 0xCF && c != 0xC4 && c != 0xC8 && c != 0xCC) {
			if (fread(m, 1, 5, f) != 5)
				return 0;
			*h = (double)((unsigned)m[1] << 8 | m[2]);
			*w = (double)((unsigned)m[3] << 8 | m[4]);
			return *w > 0 && *h > 0;
		}
		if (seglen < 2 || fseek(f, (long)seglen - 2, SEEK_CUR) != 0)
			return 0;
	}
}

static int metric_image_size(void *ctx, const char *src, double *w, double *h)
{
	static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
	char path[4096];
	unsigned char head[24];
	FILE *f;
	int ok = 0;

	if (!image_path(ctx, src, path, sizeof path))
		return 0;
	f = fopen(path, "rb");
	if (!f)
		return 0;
	if (fread(head, 1, sizeof head, f) == sizeof head) {
		if (memcmp(head, png_sig, 8) == 0 && memcmp(head + 12, "IHDR", 4) == 0) {
			*w = be32(head + 16);
			*h = be32(head + 20);
			ok = *w > 0 && *h > 0;
		} else if (head[0] == 0xFF && head[1] == 0xD8) {
			ok = fseek(f, 2, SEEK_SET) == 0 && jpeg_size(f, w, h);
		}
	}
	fclose(f);
	return ok;
}

/* ---- style ---------------------------------------------------------------------- */

static int starts_with_lang(const char *lang, const char *prefix)
{
	size_t n = strlen(prefix);

	return lang && strncmp(lang, prefix, n) == 0 && (lang[n] == '\0' || lang[n] == '-');
}

static void make_style(render_ctx *rc, const folio_options *o)
{
	pdf_style *s = &rc->style;
	const char *paper = folio_opt_string(o, "paper");
	const char *profile_paper = folio_profile_get(rc->host->profile, FOLIO_PROFILE_PAPER);
	double b = (double)folio_opt_int(o, "font-size");
	double m = (double)folio_opt_int(o, "margin");
	static const double heading_scale[6] = {1.5, 1.3, 1.15, 1.05, 1.0, 1.0};

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

/* ---- the footer ------------------------------------------------------------------ */

#define FOOTER_SIZE 8.0
#define FOOTER_DISC_SIZE 7.0
#define FOOTER_RULE_GAP 9.0 /* rule to the first baseline */
#define FOOTER_LINE 10.0    /* baseline to baseline */
#define FOOTER_GREY 0x4a4a4aUL
#define FOOTER_LIGHT 0x6b6b6bUL

typedef struct footer_item {
	const char *text;
	pdf_face face;
	double size, x, y;
	unsigned long rgb;
} footer_item;

static double text_pt(const render_ctx *rc, pdf_face face, double size, const char *s)
{
	return pdf_fonts_width(rc->st->fonts, face, s, strlen(s)) * size / 1000.0;
}

static void append(char *buf, size_t n, const char *sep, const char *s)
{
	size_t len = strlen(buf);

	if (!s || !*s)
		return;
	snprintf(buf + len, n - len, "%s%s", len ? sep : "", s);
}

/* Greedy wrap of the disclaimer into at most FOOTER_MAX_DISCLAIMER lines of
 * width w (the last one cut with an ellipsis). Lines are malloc'd. */
static int wrap_disclaimer(render_ctx *rc, const char *text, double w)
{
	const char *p = text;

	while (*p && rc->ndisclaimer < FOOTER_MAX_DISCLAIMER) {
		size_t best = 0, i = 0, len = strlen(p);
		char *line;

		while (i <= len) {
			if (i == len || p[i] == ' ') {
				char *t = malloc(i + 1);

				if (!t)
					return 0;
				memcpy(t, p, i);
				t[i] = '\0';
				if (best && text_pt(rc, PDF_FACE_REGULAR, FOOTER_DISC_SIZE, t) > w) {
					free(t);
					break;
				}
				free(t);
				best = i;
			}
			i++;
		}
		if (best == 0)
			best = len; /* one long word: let it run */
		if (rc->ndisclaimer + 1 == FOOTER_MAX_DISCLAIMER && best < len) {
			line = malloc(best + 4);
			if (line)
				snprintf(line, best + 4, "%.*s\xE2\x80\xA6", (int)best, p);
		} else {
			line = malloc(best + 1);
			if (line)
				snprintf(line, best + 1, "%.*s", (int)best, p);
		}
		if (!line)
			return 0;
		rc->disclaimer[rc->ndisclaimer++] = line;
		p += best;
		while (*p == ' ')
			p++;
	}
	return 1;
}

/* A web address as people read it: "https://x.example/" -> "x.example". */
static void display_url(const char *url, char *out, size_t n)
{
	const char *p = url ? strstr(url, "://") : NULL;
	size_t len;

	out[0] = '\0';
	if (!url)
		return;
	p = p ? p + 3 : url;
	len = strlen(p);
	if (len > 0 && p[len - 1] == '/')
		len--;
	snprintf(out, n, "%.*s", (int)len, p);
}

/* Composes the footer's fixed parts and sets style.footer_height. */
static int footer_setup(render_ctx *rc)
{
	const folio_profile *pr = rc->host->profile;
	double width = rc->style.page_width - rc->style.margin_left - rc->style.margin_right;
	double used = 0, label = text_pt(rc, PDF_FACE_REGULAR, FOOTER_SIZE, "Page 888 of 888");
	const char *disc = folio_profile_get(pr, FOLIO_PROFILE_DISCLAIMER);
	char website[256];
	size_t lines;

	display_url(folio_profile_get(pr, FOLIO_PROFILE_WEBSITE), website, sizeof website);
	rc->french = starts_with_lang(folio_doc_get(rc->doc, FOLIO_META_LANG), "fr");
	rc->clinic = folio_profile_get(pr, FOLIO_PROFILE_NAME);
	append(rc->contact, sizeof rc->contact, "  \xC2\xB7  ", folio_profile_get(pr, FOLIO_PROFILE_PHONE));
	append(rc->contact, sizeof rc->contact, "  \xC2\xB7  ", website);
	append(rc->contact, sizeof rc->contact, "  \xC2\xB7  ", folio_profile_get(pr, FOLIO_PROFILE_EMAIL));
	if (rc->clinic)
		used = text_pt(rc, PDF_FACE_HEADING, FOOTER_SIZE, rc->clinic) + 14;
	used += text_pt(rc, PDF_FACE_REGULAR, FOOTER_SIZE, rc->contact);
	rc->contact_below = rc->clinic && rc->contact[0] && used > width - label - 12;
	if (disc && !wrap_disclaimer(rc, disc, width))
		return 0;
	lines = 1 + (size_t)rc->contact_below + rc->ndisclaimer;
	rc->style.footer_height = FOOTER_RULE_GAP + FOOTER_LINE * (double)lines + 6;
	return 1;
}

/* The footer of page (0-based) into items (room for 4 + disclaimer lines);
 * page_label is the caller's buffer. Returns the count. */
static size_t footer_items(const render_ctx *rc, int page, char *page_label, size_t label_n,
                           footer_item *items)
{
	const pdf_style *s = &rc->style;
	double x = s->margin_left, right = s->page_width - s->margin_right;
	double y = s->margin_bottom + s->footer_height - FOOTER_RULE_GAP - FOOTER_SIZE * 0.8;
	size_t n = 0;

	snprintf(page_label, label_n, rc->french ? "Page %d sur %d" : "Page %d of %d", page + 1,
	         rc->layout.pages);
	items[n++] = (footer_item){page_label, PDF_FACE_REGULAR, FOOTER_SIZE,
	                           right - text_pt(rc, PDF_FACE_REGULAR, FOOTER_SIZE, page_label),
	                           y, FOOTER_GREY};
	if (rc->clinic) {
		items[n++] = (footer_item){rc->clinic, PDF_FACE_HEADING, FOOTER_SIZE, x, y,
		                           s->accent_rgb};
		x += text_pt(rc, PDF_FACE_HEADING, FOOTER_SIZE, rc->clinic) + 14;
	}
	if (rc->contact[0]) {
		if (rc->contact_below) {
			x = s->margin_left;
			y -= FOOTER_LINE;
		}
		items[n++] = (footer_item){rc->contact, PDF_FACE_REGULAR, FOOTER_SIZE, x, y,
		                           FOOTER_GREY};
	}
	for (size_t i = 0; i < rc->ndisclaimer; i++) {
		y -= FOOTER_LINE;
		items[n++] = (footer_item){rc->disclaimer[i], PDF_FACE_REGULAR, FOOTER_DISC_SIZE,
		                           s->margin_left, y, FOOTER_LIGHT};
	}
	return n;
}

/* ---- recording the characters each face draws -------------------------------------- */

static folio_status record_text(render_ctx *rc, pdf_face face, const char *s, size_t len,
                                folio_error *err)
{
	size_t n;
	const char *f = fold_text(rc, face, s, len, &n);

	if (!f || !pdf_font_use_add(rc->use, face, f, n))
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	return FOLIO_OK;
}

static folio_status record_all(render_ctx *rc, folio_error *err)
{
	folio_status st = FOLIO_OK;
	footer_item items[4 + FOOTER_MAX_DISCLAIMER];
	char label[64];

	for (size_t i = 0; i < rc->layout.count && st == FOLIO_OK; i++) {
		const pdf_op *op = &rc->layout.ops[i];

		if (op->kind == PDF_OP_TEXT && op->text && op->face < PDF_FACE_COUNT)
			st = record_text(rc, op->face, op->text, op->len, err);
	}
	for (int p = 0; p < rc->layout.pages && st == FOLIO_OK; p++) {
		size_t n = footer_items(rc, p, label, sizeof label, items);

		for (size_t k = 0; k < n && st == FOLIO_OK; k++)
			st = record_text(rc, items[k].face, items[k].text, strlen(items[k].text), err);
	}
	return st;
}

/* ---- drawing ----------------------------------------------------------------------- */

typedef struct page_state {
	HPDF_Page page;
	int in_text;
	pdf_face face;
	double size;
	unsigned long rgb;
} page_state;

static void set_fill(HPDF_Page page, unsigned long rgb)
{
	HPDF_Page_SetRGBFill(page, (HPDF_REAL)((rgb >> 16) & 0xFF) / 255.0f,
	                     (HPDF_REAL)((rgb >> 8) & 0xFF) / 255.0f,
	                     (HPDF_REAL)(rgb & 0xFF) / 255.0f);
}

static void end_text(page_state *ps)
{
	if (ps->in_text) {
		HPDF_Page_EndText(ps->page);
		ps->in_text = 0;
	}
}

/* Draws one run of text; keeps the text object open across runs so that
 * font and colour are only set when they change. */
static void draw_text(render_ctx *rc, page_state *ps, pdf_face face, double size,
                      unsigned long rgb, double x, double y, const char *s, size_t len)
{
	HPDF_Font font = pdf_font_use_font(rc->use, face);
	size_t n;
	const char *f = fold_text(rc, face, s, len, &n);

	/* libharu refuses sizes outside (0, 300]: skip rather than fail. */
	if (!f || n == 0 || !font || !(size > 0 && size <= 300))
		return;
	if (!ps->in_text) {
		HPDF_Page_BeginText(ps->page);
		ps->in_text = 1;
		ps->size = -1;
		ps->rgb = ~0UL;
	}
	if (ps->face != face || ps->size != size) {
		HPDF_Page_SetFontAndSize(ps->page, font, (HPDF_REAL)size);
		ps->face = face;
		ps->size = size;
	}
	if (ps->rgb != rgb) {
		set_fill(ps->page, rgb);
		ps->rgb = rgb;
	}
	HPDF_Page_TextOut(ps->page, (HPDF_REAL)x, (HPDF_REAL)y, f);
}

static void draw_rule(page_state *ps, const pdf_op *op)
{
	end_text(ps);
	set_fill(ps->page, op->rgb);
	ps->rgb = ~0UL;
	HPDF_Page_Rectangle(ps->page, (HPDF_REAL)op->x, (HPDF_REAL)op->y, (HPDF_REAL)op->w,
	                    (HPDF_REAL)op->h);
	HPDF_Page_Fill(ps->page);
}

static void draw_link(page_state *ps, const pdf_op *op)
{
	HPDF_Rect r = {(HPDF_REAL)op->x, (HPDF_REAL)op->y, (HPDF_REAL)(op->x + op->w),
	               (HPDF_REAL)(op->y + op->h)};
	HPDF_Annotation a;

	if (!op->url || !*op->url)
		return;
	a = HPDF_Page_CreateURILinkAnnot(ps->page, r, op->url);
	HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
}

/* By content, not by name: a JPEG starts with FF D8. */
static int is_jpeg(const char *path)
{
	unsigned char head[2] = {0, 0};
	FILE *f = fopen(path, "rb");

	if (!f)
		return 0;
	if (fread(head, 1, 2, f) != 2)
		head[0] = 0;
	fclose(f);
	return head[0] == 0xFF && head[1] == 0xD8;
}

/* Loads src once per document. A file libharu rejects is a warning. */
static HPDF_Image load_image(render_ctx *rc, const char *src)
{
	char path[4096];
	image_slot *slot;
	int jpeg;

	for (size_t i = 0; i < rc->nimages; i++)
		if (strcmp(rc->images[i].src, src) == 0)
			return rc->images[i].img;
	slot = realloc(rc->images, (rc->nimages + 1) * sizeof *slot);
	if (!slot)
		return NULL;
	rc->images = slot;
	slot = &rc->images[rc->nimages++];
	slot->src = src;
	slot->img = NULL;
	if (!image_path(rc, src, path, sizeof path))
		return NULL;
	jpeg = is_jpeg(path);
	rc->soft = 1;
	slot->img = jpeg ? HPDF_LoadJpegImageFromFile(rc->pdf, path)
	                 : HPDF_LoadPngImageFromFile(rc->pdf, path);
	rc->soft = 0;
	if (!slot->img) {
		HPDF_ResetError(rc->pdf);
		rc->host->warn(rc->host, "pdf: image %s could not be read (libharu error 0x%04X)", src,
		               (unsigned)rc->hpdf_code);
	}
	return slot->img;
}

static void draw_image(render_ctx *rc, page_state *ps, const pdf_op *op)
{
	HPDF_Image img = op->url ? load_image(rc, op->url) : NULL;

	end_text(ps);
	if (img) {
		HPDF_Page_DrawImage(ps->page, img, (HPDF_REAL)op->x, (HPDF_REAL)op->y,
		                    (HPDF_REAL)op->w, (HPDF_REAL)op->h);
		return;
	}
	/* A frame where the picture would be. */
	HPDF_Page_SetRGBStroke(ps->page, 0.75f, 0.75f, 0.75f);
	HPDF_Page_SetLineWidth(ps->page, 0.5f);
	HPDF_Page_Rectangle(ps->page, (HPDF_REAL)op->x, (HPDF_REAL)op->y, (HPDF_REAL)op->w,
	                    (HPDF_REAL)op->h);
	HPDF_Page_Stroke(ps->page);
}

/* Outline entries nest under the nearest earlier entry of a lower level. */
static void add_anchor(render_ctx *rc, HPDF_Outline *last, const pdf_op *op)
{
	int level = op->level < 1 ? 1 : op->level > 6 ? 6 : op->level;
	HPDF_Outline parent = NULL, o;
	HPDF_Destination dst;

	if (!op->text || !*op->text)
		return;
	for (int l = level - 1; l >= 1 && !parent; l--)
		parent = last[l];
	o = HPDF_CreateOutline(rc->pdf, parent, op->text, HPDF_GetEncoder(rc->pdf, "UTF-8"));
	HPDF_Outline_SetOpened(o, HPDF_TRUE);
	dst = HPDF_Page_CreateDestination(rc->pages[op->page]);
	HPDF_Destination_SetFitH(dst, (HPDF_REAL)op->y);
	HPDF_Outline_SetDestination(o, dst);
	last[level] = o;
	for (int l = level + 1; l <= 6; l++)
		last[l] = NULL;
}

static void draw_footer(render_ctx *rc, page_state *ps, int page)
{
	const pdf_style *s = &rc->style;
	footer_item items[4 + FOOTER_MAX_DISCLAIMER];
	char label[64];
	size_t n = footer_items(rc, page, label, sizeof label, items);
	double rule_y = s->margin_bottom + s->footer_height;

	end_text(ps);
	set_fill(ps->page, s->accent_rgb);
	HPDF_Page_Rectangle(ps->page, (HPDF_REAL)s->margin_left, (HPDF_REAL)(rule_y - 0.75),
	                    (HPDF_REAL)(s->page_width - s->margin_left - s->margin_right), 0.75f);
	HPDF_Page_Fill(ps->page);
	ps->rgb = ~0UL;
	for (size_t i = 0; i < n; i++)
		draw_text(rc, ps, items[i].face, items[i].size, items[i].rgb, items[i].x, items[i].y,
		          items[i].text, strlen(items[i].text));
	end_text(ps);
}

/* The clinic's logo, small, at the top right of page 1, inside the margin. */
static void draw_logo(render_ctx *rc, page_state *ps)
{
	const char *logo = folio_profile_get(rc->host->profile, FOLIO_PROFILE_LOGO);
	const pdf_style *s = &rc->style;
	HPDF_Image img;
	double w, h, maxh = s->margin_top - 22, maxw = 140;

	if (!logo || maxh < 12)
		return;
	rc->soft = 1;
	img = HPDF_LoadPngImageFromFile(rc->pdf, logo);
	rc->soft = 0;
	if (!img) {
		HPDF_ResetError(rc->pdf);
		rc->host->warn(rc->host, "pdf: the profile's logo %s could not be read", logo);
		return;
	}
	h = maxh > 40 ? 40 : maxh;
	w = h * HPDF_Image_GetWidth(img) / (double)HPDF_Image_GetHeight(img);
	if (w > maxw) {
		h = h * maxw / w;
		w = maxw;
	}
	end_text(ps);
	HPDF_Page_DrawImage(ps->page, img, (HPDF_REAL)(s->page_width - s->margin_right - w),
	                    (HPDF_REAL)(s->page_height - s->margin_top + 8), (HPDF_REAL)w,
	                    (HPDF_REAL)h);
}

static folio_status draw_all(render_ctx *rc, folio_error *err)
{
	int np = rc->layout.pages;
	page_state *ps = calloc((size_t)np, sizeof *ps);
	HPDF_Outline last[7] = {0};

	if (!ps)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	for (int p = 0; p < np; p++) {
		ps[p].page = rc->pages[p];
		ps[p].face = PDF_FACE_COUNT;
	}
	for (size_t i = 0; i < rc->layout.count; i++) {
		const pdf_op *op = &rc->layout.ops[i];
		page_state *pg;

		if (op->page < 0 || op->page >= np)
			continue;
		pg = &ps[op->page];
		if (op->kind == PDF_OP_TEXT && op->text && op->face < PDF_FACE_COUNT)
			draw_text(rc, pg, op->face, op->size, op->rgb, op->x, op->y, op->text, op->len);
		else if (op->kind == PDF_OP_RULE)
			draw_rule(pg, op);
		else if (op->kind == PDF_OP_LINK)
			draw_link(pg, op);
		else if (op->kind == PDF_OP_IMAGE)
			draw_image(rc, pg, op);
		else if (op->kind == PDF_OP_ANCHOR)
			add_anchor(rc, last, op);
	}
	for (int p = 0; p < np; p++)
		draw_footer(rc, &ps[p], p);
	if (np > 0)
		draw_logo(rc, &ps[0]);
	free(ps);
	return FOLIO_OK;
}

/* ---- document information ---------------------------------------------------------- */

static void set_info(render_ctx *rc)
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
		append(buf, sizeof buf, "; ", one);
	}
	if (buf[0])
		HPDF_SetInfoAttr(rc->pdf, HPDF_INFO_AUTHOR, buf);
	if (folio_doc_get(d, FOLIO_META_SUMMARY))
		HPDF_SetInfoAttr(rc->pdf, HPDF_INFO_SUBJECT, folio_doc_get(d, FOLIO_META_SUMMARY));
	buf[0] = '\0';
	for (size_t i = 0; i < folio_doc_tag_count(d); i++)
		append(buf, sizeof buf, ", ", folio_doc_tag(d, i));
	if (buf[0])
		HPDF_SetInfoAttr(rc->pdf, HPDF_INFO_KEYWORDS, buf);
	HPDF_SetInfoAttr(rc->pdf, HPDF_INFO_CREATOR, "folio " FOLIO_VERSION);
	if (epoch >= 0 && gmtime_r(&t, &tm) && tm.tm_year + 1900 <= 9999) {
		HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		                  tm.tm_min, tm.tm_sec, 'Z', 0, 0};

		HPDF_SetInfoDateAttr(rc->pdf, HPDF_INFO_CREATION_DATE, date);
		HPDF_SetInfoDateAttr(rc->pdf, HPDF_INFO_MOD_DATE, date);
	}
}

/* ---- render -------------------------------------------------------------------------- */

/* The dictionary for the document's language (English when it has none),
 * loaded on first use; NULL for other languages or with hyphenate=false. */
static const pdf_hyphenator *pick_hyphenator(const render_ctx *rc)
{
	const char *lang = folio_doc_get(rc->doc, FOLIO_META_LANG);
	pdf_state *s = (pdf_state *)rc->st;
	const pdf_hyphenator *h = NULL;

	if (!rc->style.hyphenate)
		return NULL;
	for (size_t i = 0; i < HYPH_COUNT; i++) {
		if (lang ? !starts_with_lang(lang, hyph_dicts[i].lang) : i != 0)
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
static folio_status build(render_ctx *rc, folio_error *err)
{
	folio_status st;

	/* No compression here: pdffix.c deflates every stream (content, fonts,
	 * images) with one reused z_stream, and trims the CIDToGIDMaps first. */
	HPDF_SetCompressionMode(rc->pdf, HPDF_COMP_NONE);
	HPDF_UseUTFEncodings(rc->pdf);
	HPDF_SetCurrentEncoder(rc->pdf, "UTF-8");
	st = record_all(rc, err);
	if (st == FOLIO_OK)
		st = pdf_font_use_embed(rc->use, rc->pdf, err);
	if (st != FOLIO_OK)
		return st;
	if (rc->missing)
		rc->host->warn(rc->host,
		               "pdf: %u characters the fonts lack were printed as '?'",
		               rc->missing);
	rc->pages = calloc((size_t)rc->layout.pages, sizeof *rc->pages);
	if (!rc->pages)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	for (int p = 0; p < rc->layout.pages; p++) {
		rc->pages[p] = HPDF_AddPage(rc->pdf);
		HPDF_Page_SetWidth(rc->pages[p], (HPDF_REAL)rc->style.page_width);
		HPDF_Page_SetHeight(rc->pages[p], (HPDF_REAL)rc->style.page_height);
	}
	st = draw_all(rc, err);
	if (st == FOLIO_OK)
		set_info(rc);
	return st;
}

/* Saves rc->pdf and writes the repaired bytes to sink. */
static folio_status save(render_ctx *rc, folio_sink *sink, folio_error *err)
{
	HPDF_UINT32 size;
	unsigned char *buf;
	const uint32_t *cps;
	size_t ncps;
	folio_status st;

	HPDF_SaveToStream(rc->pdf);
	size = HPDF_GetStreamSize(rc->pdf);
	buf = malloc(size ? size : 1);
	if (!buf)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	HPDF_ResetStream(rc->pdf);
	HPDF_ReadFromStream(rc->pdf, buf, &size);
	cps = pdf_font_use_codepoints(rc->use, &ncps);
	if (!cps)
		st = folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	else
		st = pdf_fix_write(buf, size, cps, ncps, folio_doc_get(rc->doc, FOLIO_META_LANG),
		                   sink, PDF_ZLIB_LEVEL, err);
	free(buf);
	return st;
}

static void ctx_free(render_ctx *rc)
{
	if (rc->pdf)
		HPDF_Free(rc->pdf);
	pdf_font_use_free(rc->use); /* after HPDF_Free: libharu reads the subsets */
	pdf_layout_free(&rc->layout);
	for (size_t i = 0; i < rc->ndisclaimer; i++)
		free(rc->disclaimer[i]);
	free(rc->images);
	free(rc->pages);
	free(rc->fold);
	free(rc);
}

static folio_status pdf_render(void *state, const folio_doc *doc, const folio_options *options,
                               folio_sink *sink, const folio_host *host, folio_error *err)
{
	render_ctx *rc = calloc(1, sizeof *rc);
	folio_status st;

	if (!rc)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	rc->st = state;
	rc->doc = doc;
	rc->host = host;
	make_style(rc, options);
	rc->metrics = (pdf_metrics){.ctx = rc, .width = metric_width,
	                            .image_size = metric_image_size};
	for (int f = 0; f < PDF_FACE_COUNT; f++) {
		rc->metrics.ascent[f] = pdf_fonts_ascent(rc->st->fonts, (pdf_face)f);
		rc->metrics.descent[f] = pdf_fonts_descent(rc->st->fonts, (pdf_face)f);
	}
	rc->use = pdf_font_use_new(rc->st->fonts);
	if (!rc->use || !footer_setup(rc)) {
		st = folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	st = pdf_layout_run(doc, &rc->style, &rc->metrics, pick_hyphenator(rc), &rc->layout, err);
	if (st != FOLIO_OK)
		goto done;
	if (rc->layout.pages < 1) {
		st = folio_error_set(err, FOLIO_ERR_RENDER, NULL, 0, 0, "pdf: the layout made no pages");
		goto done;
	}
	rc->pdf = HPDF_New(on_hpdf_error, rc);
	if (!rc->pdf) {
		st = folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	if (setjmp(rc->jb)) {
		st = folio_error_set(err, FOLIO_ERR_RENDER, NULL, 0, 0,
		                     "pdf: libharu error 0x%04X (detail %u)", (unsigned)rc->hpdf_code,
		                     (unsigned)rc->hpdf_detail);
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
