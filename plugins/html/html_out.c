/* folio html exporter — escaping, URL checks, JSON strings and colour
 * contrast. Everything that reaches the page from the document or the profile
 * goes through one of these. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "html.h"

void html_rawn(hw *w, const char *s, size_t n)
{
	folio_sink_write(w->sink, s, n);
}

void html_raw(hw *w, const char *s)
{
	html_rawn(w, s, strlen(s));
}

/* The entity for a byte that must be escaped in text and attributes, or NULL. */
static const char *entity_for(char c)
{
	switch (c) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '>':
		return "&gt;";
	case '"':
		return "&quot;";
	case '\'':
		return "&#39;";
	default:
		return NULL;
	}
}

void html_textn(hw *w, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *e = entity_for(s[i]);
		if (e == NULL)
			continue;
		html_rawn(w, s + start, i - start);
		html_raw(w, e);
		start = i + 1;
	}
	html_rawn(w, s + start, n - start);
}

void html_text(hw *w, const char *s)
{
	if (s != NULL)
		html_textn(w, s, strlen(s));
}

/* The schemes a link or image may use; anything else is refused. */
static const char *const safe_schemes[] = {"http", "https", "mailto"};

int html_url_safe(const char *url)
{
	if (url == NULL || url[0] == '\0')
		return 0;
	/* Browsers drop tabs and newlines anywhere in a URL and trim leading
	 * controls, so "java\tscript:" still runs: refuse any control byte. */
	for (const unsigned char *p = (const unsigned char *)url; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '\\')
			return 0;
	if (url[0] == ' ')
		return 0;
	size_t colon = strcspn(url, ":/?#");
	if (url[colon] != ':')
		return 1; /* no scheme: relative */
	for (size_t i = 0; i < sizeof(safe_schemes) / sizeof(safe_schemes[0]); i++)
		if (strlen(safe_schemes[i]) == colon &&
		    strncasecmp(url, safe_schemes[i], colon) == 0)
			return 1;
	return 0;
}

/* Bytes that need percent-encoding inside an href even after entity
 * escaping: whitespace, quotes and characters tidy and browsers reject. */
static int url_needs_pct(unsigned char c)
{
	return c <= 0x20 || c == 0x7f || strchr("\"'<>`^{|}", c) != NULL;
}

static void pct_byte(hw *w, unsigned char c)
{
	char buf[4];
	snprintf(buf, sizeof(buf), "%%%02X", c);
	html_raw(w, buf);
}

void html_url(hw *w, const char *url)
{
	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		if (url_needs_pct(*p))
			pct_byte(w, *p);
		else if (*p == '&')
			html_raw(w, "&amp;");
		else
			html_rawn(w, (const char *)p, 1);
	}
}

void html_doi_url(hw *w, const char *doi)
{
	html_raw(w, "https://doi.org/");
	for (const unsigned char *p = (const unsigned char *)doi; *p; p++) {
		int plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		            (*p >= '0' && *p <= '9') || strchr("-._~/()", *p) != NULL;
		if (plain)
			html_rawn(w, (const char *)p, 1);
		else
			pct_byte(w, *p);
	}
}

/* The \u escape for a byte of JSON string content, or NULL to copy it. */
static int json_escape(hw *w, unsigned char c)
{
	switch (c) {
	case '"':
		html_raw(w, "\\\"");
		return 1;
	case '\\':
		html_raw(w, "\\\\");
		return 1;
	case '\n':
		html_raw(w, "\\n");
		return 1;
	case '\t':
		html_raw(w, "\\t");
		return 1;
	case '<':
	case '>':
	case '&':
		break;
	default:
		if (c >= 0x20)
			return 0;
	}
	char buf[8];
	snprintf(buf, sizeof(buf), "\\u%04x", c);
	html_raw(w, buf);
	return 1;
}

void html_json_str(hw *w, const char *s)
{
	if (s == NULL) {
		html_raw(w, "null");
		return;
	}
	html_raw(w, "\"");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		/* U+2028/U+2029 (E2 80 A8/A9) end a line in older script parsers. */
		if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
			html_raw(w, p[2] == 0xa8 ? "\\u2028" : "\\u2029");
			p += 2;
			continue;
		}
		if (!json_escape(w, *p))
			html_rawn(w, (const char *)p, 1);
	}
	html_raw(w, "\"");
}

/* WCAG 2 relative luminance of one 8-bit channel. */
static double channel_lum(unsigned v)
{
	double c = v / 255.0;
	return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(unsigned long rgb)
{
	return 0.2126 * channel_lum((rgb >> 16) & 0xff) + 0.7152 * channel_lum((rgb >> 8) & 0xff) +
	       0.0722 * channel_lum(rgb & 0xff);
}

double html_contrast(unsigned long a, unsigned long b)
{
	double la = luminance(a), lb = luminance(b);
	double hi = la > lb ? la : lb, lo = la > lb ? lb : la;
	return (hi + 0.05) / (lo + 0.05);
}

unsigned long html_darken_for_white(unsigned long rgb, double ratio)
{
	/* Scale the channels down in small steps: keeps the hue, and ends at
	 * black (21:1) at worst, so it always terminates. */
	for (int pct = 100; pct >= 0; pct -= 2) {
		unsigned long r = ((rgb >> 16) & 0xff) * (unsigned long)pct / 100;
		unsigned long g = ((rgb >> 8) & 0xff) * (unsigned long)pct / 100;
		unsigned long b = (rgb & 0xff) * (unsigned long)pct / 100;
		unsigned long c = (r << 16) | (g << 8) | b;
		if (html_contrast(c, 0xffffff) >= ratio)
			return c;
	}
	return 0;
}
