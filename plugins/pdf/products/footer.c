/* folio pdf plugin — the running footer: a thin accent rule, the clinic's
 * name and contact details from the profile and "Page N of M" ("Page N sur
 * M" in French), in the band the layout leaves at the bottom of every page
 * (style.footer_height), all of it page furniture (artifacts). A bilingual
 * leaflet's footer also carries the profile's disclaimer; a handout prints
 * it once, as content, in its closing panel (pdf_closing_setup).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/present.h"
#include "bilingual.h"
#include "qr.h"
#include "render.h"

#define FOOTER_SIZE      8.0
#define FOOTER_DISC_SIZE 9.0  /* the disclaimer: readable, not small print */
#define FOOTER_DISC_LINE 11.0
#define FOOTER_RULE_GAP  9.0  /* rule to the first baseline */
#define FOOTER_LINE      10.0 /* baseline to baseline */
#define FOOTER_GREY      0x4a4a4aUL
#define FOOTER_LIGHT     0x6b6b6bUL

static double text_pt(const pdf_render_ctx *rc, pdf_face face, double size, const char *s)
{
	return pdf_fonts_width(rc->fonts, face, s, strlen(s)) * size / 1000.0;
}

void pdf_append(char *buf, size_t n, const char *sep, const char *s)
{
	size_t len = strlen(buf);

	if (!s || !*s)
		return;
	snprintf(buf + len, n - len, "%s%s", len ? sep : "", s);
}

/* The length of the longest run of whole words at p that fits in w points
 * (at least one word, however long). */
static size_t fit_words(const pdf_render_ctx *rc, const char *p, double w)
{
	size_t best = 0, len = strlen(p);

	for (size_t i = 1; i <= len; i++) {
		if (i < len && p[i] != ' ' && p[i] != '\n')
			continue;
		if (best &&
		    pdf_fonts_width(rc->fonts, PDF_FACE_REGULAR, p, i) * FOOTER_DISC_SIZE / 1000.0 >
		        w)
			break;
		best = i;
	}
	return best;
}

/* Greedy wrap of the disclaimer into at most PDF_FOOTER_MAX_DISCLAIMER lines
 * of width w, the last one cut with an ellipsis. The lines are malloc'd and
 * owned by rc. 0 when out of memory. */
static int wrap_disclaimer(pdf_render_ctx *rc, const char *text, double w)
{
	const char *p = text;

	while (*p == ' ' || *p == '\n')
		p++;
	while (*p && rc->ndisclaimer < PDF_FOOTER_MAX_DISCLAIMER) {
		size_t n = fit_words(rc, p, w);
		int cut = rc->ndisclaimer + 1 == PDF_FOOTER_MAX_DISCLAIMER && p[n] != '\0';
		char *line = malloc(n + 4);

		if (!line)
			return 0;
		snprintf(line, n + 4, "%.*s%s", (int)n, p, cut ? "\xE2\x80\xA6" : "");
		rc->disclaimer[rc->ndisclaimer++] = line;
		p += n;
		while (*p == ' ' || *p == '\n')
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
int pdf_footer_setup(pdf_render_ctx *rc)
{
	const folio_profile *pr = rc->host->profile;
	double width = rc->style.page_width - rc->style.margin_left - rc->style.margin_right;
	double used = 0, label = text_pt(rc, PDF_FACE_REGULAR, FOOTER_SIZE, "Page 888 of 888");
	const char *disc = folio_profile_disclaimer(pr, folio_doc_get(rc->doc, FOLIO_META_LANG),
	                                            &rc->disclaimer_lang);
	char website[256];
	size_t lines;

	display_url(folio_profile_get(pr, FOLIO_PROFILE_WEBSITE), website, sizeof website);
	rc->french = pdf_lang_is(folio_doc_get(rc->doc, FOLIO_META_LANG), "fr");
	rc->clinic = folio_profile_get(pr, FOLIO_PROFILE_NAME);
	pdf_append(rc->contact, sizeof rc->contact, "  \xC2\xB7  ",
	           folio_profile_get(pr, FOLIO_PROFILE_PHONE));
	pdf_append(rc->contact, sizeof rc->contact, "  \xC2\xB7  ", website);
	pdf_append(rc->contact, sizeof rc->contact, "  \xC2\xB7  ",
	           folio_profile_get(pr, FOLIO_PROFILE_EMAIL));
	if (rc->clinic)
		used = text_pt(rc, PDF_FACE_HEADING, FOOTER_SIZE, rc->clinic) + 14;
	used += text_pt(rc, PDF_FACE_REGULAR, FOOTER_SIZE, rc->contact);
	rc->contact_below = rc->clinic && rc->contact[0] && used > width - label - 12;
	if (disc && rc->product == PDF_PRODUCT_BILINGUAL && !wrap_disclaimer(rc, disc, width))
		return 0;
	lines = 1 + (size_t)rc->contact_below;
	rc->style.footer_height = FOOTER_RULE_GAP + FOOTER_LINE * (double)lines +
	                          FOOTER_DISC_LINE * (double)rc->ndisclaimer + 6;
	return 1;
}

/* A right-to-left page mirrors the footer's arrangement: the page label goes
 * to the left edge, the clinic's name and contact details to the right, the
 * disclaimer flush right. Each text keeps its own order (numbers stay left
 * to right: the bidi runs are ordered when it is drawn). */
static void mirror_items(const pdf_render_ctx *rc, pdf_footer_item *items, size_t n)
{
	double left = rc->style.margin_left, right = rc->style.page_width - rc->style.margin_right;

	for (size_t i = 0; i < n; i++)
		items[i].x = left + right - items[i].x -
		             text_pt(rc, items[i].face, items[i].size, items[i].text);
}

/* The footer of page (0-based) into items (room for 4 + disclaimer lines);
 * page_label is the caller's buffer. Returns the count. */
size_t pdf_footer_items(const pdf_render_ctx *rc, int page, char *page_label, size_t label_n,
                        pdf_footer_item *items)
{
	const pdf_style *s = &rc->style;
	double x = s->margin_left, right = s->page_width - s->margin_right;
	double y = s->margin_bottom + s->footer_height - FOOTER_RULE_GAP - FOOTER_SIZE * 0.8;
	size_t n = 0;

	switch (rc->product) {
	case PDF_PRODUCT_TRIFOLD:
		return 0; /* a tri-fold's panels have no running footer */
	case PDF_PRODUCT_BILINGUAL:
		if (!pdf_bilingual_page_label(rc->bi, page, page_label, label_n))
			return 0; /* a blank padding page (bilingual=flip): no footer */
		break;
	case PDF_PRODUCT_HANDOUT:
		folio_present_page_of(folio_doc_get(rc->doc, FOLIO_META_LANG), page + 1,
		                      rc->layout.pages, page_label, label_n);
		break;
	}
	items[n++] = (pdf_footer_item){
	    page_label,  PDF_FACE_REGULAR,
	    FOOTER_SIZE, right - text_pt(rc, PDF_FACE_REGULAR, FOOTER_SIZE, page_label),
	    y,           FOOTER_GREY};
	if (rc->clinic) {
		items[n++] = (pdf_footer_item){rc->clinic, PDF_FACE_HEADING, FOOTER_SIZE, x,
		                               y,          s->accent_rgb};
		x += text_pt(rc, PDF_FACE_HEADING, FOOTER_SIZE, rc->clinic) + 14;
	}
	if (rc->contact[0]) {
		if (rc->contact_below) {
			x = s->margin_left;
			y -= FOOTER_LINE;
		}
		items[n++] = (pdf_footer_item){rc->contact, PDF_FACE_REGULAR, FOOTER_SIZE, x,
		                               y,           FOOTER_GREY};
	}
	for (size_t i = 0; i < rc->ndisclaimer; i++) {
		y -= i == 0 ? FOOTER_LINE : FOOTER_DISC_LINE;
		items[n++] = (pdf_footer_item){
		    rc->disclaimer[i], PDF_FACE_REGULAR, FOOTER_DISC_SIZE, s->margin_left, y,
		    FOOTER_LIGHT};
	}
	if (strcmp(folio_present_dir(folio_doc_get(rc->doc, FOLIO_META_LANG)), "rtl") == 0)
		mirror_items(rc, items, n);
	return n;
}

/* "label: value" (the catalogue's separator) into a new string; NULL when
 * out of memory. */
static char *labelled(const char *lang, folio_text_key key, const char *value)
{
	const char *label = folio_text(lang, key), *sep = folio_text(lang, FOLIO_TEXT_LABEL_SEP);
	size_t n = strlen(label) + strlen(sep) + strlen(value) + 1;
	char *s = malloc(n);

	if (s)
		snprintf(s, n, "%s%s%s", label, sep, value);
	return s;
}

int pdf_closing_setup(pdf_render_ctx *rc)
{
	const folio_profile *pr = rc->host->profile;
	const char *lang = folio_doc_get(rc->doc, FOLIO_META_LANG);
	const char *phone = folio_profile_get(pr, FOLIO_PROFILE_PHONE);
	const char *site = folio_profile_get(pr, FOLIO_PROFILE_WEBSITE);
	const char *hlang = NULL;
	const char *hours = folio_profile_text(pr, FOLIO_PROFILE_HOURS, lang, &hlang);
	const char *dlang = NULL;
	pdf_closing *c = &rc->closing;
	size_t n = (site ? strlen(site) : 0) + 1;

	memset(c, 0, sizeof *c);
	c->disclaimer = folio_profile_disclaimer(pr, lang, &dlang);
	if (dlang && !(lang && pdf_lang_is(lang, dlang)))
		c->disclaimer_lang = dlang; /* a fallback: marked with its own language */
	c->disclaimer_size = fmax(9.0, rc->style.small_size);
	if ((phone && *phone) || (site && *site) || (hours && *hours))
		c->heading = folio_text(lang, FOLIO_TEXT_WHEN_TO_CALL);
	if (phone && *phone) {
		c->phone = rc->closing_phone = labelled(lang, FOLIO_TEXT_PHONE, phone);
		if (!c->phone)
			return 0;
	}
	rc->closing_lines = malloc(n);
	if (!rc->closing_lines)
		return 0;
	rc->closing_lines[0] = '\0';
	if (site && *site)
		folio_present_url(site, rc->closing_lines, n);
	c->lines = rc->closing_lines;
	c->hours = hours;
	if (hlang && !(lang && pdf_lang_is(lang, hlang)))
		c->hours_lang = hlang; /* a fallback: marked with its own language */
	if (!pdf_qr_closing(rc, c))
		return 0;
	rc->style.closing = c;
	return 1;
}

int pdf_lang_is(const char *lang, const char *prefix)
{
	size_t n = strlen(prefix);

	return lang && strncmp(lang, prefix, n) == 0 && (lang[n] == '\0' || lang[n] == '-');
}

void pdf_draw_footer(pdf_render_ctx *rc, pdf_page_state *ps, int page)
{
	const pdf_style *s = &rc->style;
	pdf_footer_item items[4 + PDF_FOOTER_MAX_DISCLAIMER];
	char label[64];
	size_t n = pdf_footer_items(rc, page, label, sizeof label, items);
	double rule_y = s->margin_bottom + s->footer_height;

	if (n == 0)
		return;
	pdf_mark(rc, ps, PDF_MARK_PAGINATION, 0);
	pdf_set_fill(ps->page, s->accent_rgb);
	HPDF_Page_Rectangle(ps->page, (HPDF_REAL)s->margin_left, (HPDF_REAL)(rule_y - 0.75),
	                    (HPDF_REAL)(s->page_width - s->margin_left - s->margin_right), 0.75f);
	HPDF_Page_Fill(ps->page);
	ps->rgb = ~0UL;
	pdf_mark(rc, ps, PDF_MARK_PAGINATION, 1);
	for (size_t i = 0; i < n; i++)
		pdf_draw_text(rc, ps, items[i].face, items[i].size, items[i].rgb, items[i].x,
		              items[i].y, items[i].text, strlen(items[i].text));
	pdf_end_text(ps);
}
