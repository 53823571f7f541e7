/* folio — what a web page says about itself: title, authors, date, language,
 * summary, canonical URL, tags.
 *
 * Sources, most trusted first: JSON-LD (schema.org Article and its kin, also
 * inside an @graph), Open Graph and article:* <meta>, other <meta>, <time
 * datetime>, rel=author / itemprop=author, then a visible byline ("By X",
 * "Par X", "July 24, 2019 by X 5 Comments"). A field is taken from the first
 * source that has it.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_private.h"
#include "frontmatter_private.h"
#include "html_private.h"
#include "json_private.h"

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The sources, most trusted first. SRC_LDREF is a JSON-LD author given by
 * reference (Yoast's "@id" of the WordPress account that posted, which a
 * newsroom's byline often overrides); SRC_URL a date in the canonical
 * address ("/2019/07/24/"); SRC_NEAR a date printed just under the
 * article's <h1>. */
enum { SRC_LD, SRC_META, SRC_LDREF, SRC_MARKUP, SRC_URL, SRC_NEAR, SRC_VISIBLE, SRC_COUNT };

typedef struct meta_state {
	folio_doc *doc;
	const char *title[SRC_COUNT];
	const char *date[SRC_COUNT];
	int date_utc[SRC_COUNT]; /* the date was a time in UTC ("...T02:25:54Z") */
	int date_shift[SRC_COUNT]; /* days from that date to the instant's day in UTC */
	int date_zoned[SRC_COUNT]; /* the date came with a time and its offset */
	const char *summary[SRC_COUNT];
	const char *url[SRC_COUNT];
	const char *authors[SRC_COUNT][HTML_MAX_AUTHORS];
	size_t author_count[SRC_COUNT];
	const char *tags[SRC_COUNT][32];
	size_t tag_count[SRC_COUNT];
	const char *site_name;
	const char *ld_name;     /* the article object's "name" and "headline" */
	const char *ld_headline;
	int ld_rank;             /* that object's article_rank, -1 before one */
	const char *html_title;
	const char *h1;
	int h1_count;
	const char *h1s[8];   /* the page's <h1> texts, first 8 */
	const char *h2;       /* the first <h2> of two words or more */
	int h1_marked[8];     /* marked as the article's heading, or inside <article> */
	int h1_headline[8];   /* inside <article>, itemprop=headline, class title or headline;
	                       * not the site's name (class site/logo/brand, a link home) */
	size_t h1_n;
	int in_article;
	int in_svg;             /* inside <svg>, whose <title>s name icons */
	int after_h1;           /* elements still to look at for a date under the <h1> */
	int label1_author;      /* twitter:label1 said "Written by" */
	const char *lang;
	const char *locale;
	const char *base;
} meta_state;

static int ieq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return 0;
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
	return *a == *b;
}

static int has_prefix_ci(const char *s, const char *p)
{
	for (; *p; s++, p++)
		if (tolower((unsigned char)*s) != tolower((unsigned char)*p))
			return 0;
	return 1;
}

static void set_once(const char **slot, const char *v)
{
	if (*slot == NULL && v != NULL && v[0] != '\0')
		*slot = v;
}

/* Decodes character references left in a string ("d&#039;actions",
 * "Olive &#038; Herb": <meta content> and JSON-LD written escaped twice).
 * Returns s itself when it has none. */
static const char *unescape(folio_doc *doc, const char *s)
{
	if (s == NULL || strchr(s, '&') == NULL)
		return s;
	size_t len = strlen(s);
	char *out = folio_doc_alloc(doc, len + 1);
	if (out == NULL)
		return s;
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		const char *semi = s[i] == '&' ? memchr(s + i, ';', len - i < 12 ? len - i : 12) : NULL;
		int cp = 0;
		if (semi != NULL && s[i + 1] == '#') {
			const char *d = s + i + 2;
			int hex = *d == 'x' || *d == 'X';
			d += hex;
			for (; d < semi && cp < 0x110000; d++) {
				int v = isdigit((unsigned char)*d) ? *d - '0'
				        : hex && isxdigit((unsigned char)*d) ? tolower((unsigned char)*d) - 'a' + 10
				                                             : -1;
				if (v < 0) {
					cp = 0;
					break;
				}
				cp = cp * (hex ? 16 : 10) + v;
			}
			if (d != semi || cp >= 0x110000 || (cp >= 0xD800 && cp < 0xE000))
				cp = 0;
		} else if (semi != NULL && semi > s + i + 1) {
			char name[12];
			size_t n = (size_t)(semi - s - i - 1);
			memcpy(name, s + i + 1, n);
			name[n] = '\0';
			const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
			cp = e ? (int)e->value : 0;
		}
		if (cp > 0) {
			o += (size_t)xmlCopyCharMultiByte((xmlChar *)out + o, cp);
			i = (size_t)(semi - s) + 1;
		} else {
			out[o++] = s[i++];
		}
	}
	out[o] = '\0';
	return out;
}

/* An ISO date's first 10 characters when they are YYYY-MM-DD; otherwise the
 * text read as a person's date; NULL when it is no date. */
static const char *date_of(folio_doc *doc, const char *s)
{
	if (s == NULL)
		return NULL;
	while (isspace((unsigned char)*s))
		s++;
	char out[16];
	const char *why = NULL;
	if (strlen(s) >= 10 && isdigit((unsigned char)s[0]) && s[4] == '-' && s[7] == '-') {
		memcpy(out, s, 10);
		out[10] = '\0';
		if (folio_date_normalize(out, out, sizeof(out), &why))
			return folio_doc_strndup(doc, out, 10);
		return NULL;
	}
	if (strlen(s) < 64 && folio_date_normalize(s, out, sizeof(out), &why))
		return folio_doc_strndup(doc, out, strlen(out));
	return NULL;
}

/* Sets the date of a source from a timestamp, noting whether it was in UTC
 * (whose day may be the next one where the article was written). */
static void set_date(meta_state *m, int src, const char *raw)
{
	if (m->date[src] != NULL)
		return;
	const char *d = date_of(m->doc, raw);
	if (d == NULL)
		return;
	m->date[src] = d;
	size_t n = strlen(raw);
	while (n > 0 && isspace((unsigned char)raw[n - 1]))
		n--;
	m->date_utc[src] = n > 10 && strchr(raw, 'T') != NULL &&
	                   (raw[n - 1] == 'Z' || (n > 6 && strncmp(raw + n - 6, "+00:00", 6) == 0));
	/* "2020-08-15T09:35:53-07:00": the instant is 16:35 on the 15th in
	 * UTC; "...T22:10-06:00" is the next day there. */
	int hh = 0, mm = 0, oh = 0, om = 0;
	char sign = 0;
	const char *t = strchr(raw, 'T');
	if (t != NULL && sscanf(t + 1, "%2d:%2d", &hh, &mm) == 2) {
		const char *z = t + 6;
		while (*z && (isdigit((unsigned char)*z) || *z == ':' || *z == '.'))
			z++;
		if (*z == 'Z')
			sign = '+';
		else if ((*z == '+' || *z == '-') && sscanf(z + 1, "%2d:%2d", &oh, &om) >= 1)
			sign = *z;
	}
	if (sign != 0) {
		int minutes = hh * 60 + mm - (sign == '+' ? 1 : -1) * (oh * 60 + om);
		m->date_zoned[src] = 1;
		m->date_shift[src] = minutes < 0 ? -1 : minutes >= 24 * 60 ? 1 : 0;
	}
}

/* A name as a page's metadata gives it, tidied: "By Jane Roy for The
 * Daily" -> "Jane Roy", "Jane Roy (https://jane.example/)" -> "Jane Roy",
 * "Jane Roy." -> "Jane Roy". Arena copy, or name itself when untouched. */
static const char *tidy_name(folio_doc *doc, const char *name)
{
	static const char *const labels[] = {"by ", "par ", "written by ", "posted by "};
	int labelled = 0;
	for (size_t i = 0; i < COUNT(labels) && !labelled; i++)
		if (has_prefix_ci(name, labels[i])) {
			name += strlen(labels[i]);
			labelled = 1;
		}
	size_t len = strlen(name);
	/* A byline sentence's " for The Daily" names the paper, not a person. */
	const char *f = labelled ? strstr(name, " for ") : NULL;
	if (f == NULL && labelled)
		f = strstr(name, " For ");
	if (f != NULL)
		len = (size_t)(f - name);
	const char *paren = memchr(name, '(', len);
	if (paren != NULL && paren > name && (strstr(paren, "http") || strchr(paren, '@')))
		len = (size_t)(paren - name);
	while (len > 0 && isspace((unsigned char)name[len - 1]))
		len--;
	/* A sentence's full stop, not an initial's ("Jr.", "J."). */
	size_t w = len;
	while (w > 0 && name[w - 1] != ' ')
		w--;
	if (len > 0 && name[len - 1] == '.' && len - w > 4)
		len--;
	return len == strlen(name) ? name : folio_doc_strndup(doc, name, len);
}

static void add_author(meta_state *m, int src, const char *name)
{
	if (name == NULL)
		return;
	while (isspace((unsigned char)*name))
		name++;
	name = tidy_name(m->doc, name);
	size_t len = name ? strlen(name) : 0;
	/* A profile URL is no name; nor is a long sentence. */
	if (len == 0 || len > 120 || has_prefix_ci(name, "http://") || has_prefix_ci(name, "https://"))
		return;
	for (size_t i = 0; i < m->author_count[src]; i++)
		if (ieq(m->authors[src][i], name))
			return;
	if (m->author_count[src] < HTML_MAX_AUTHORS)
		m->authors[src][m->author_count[src]++] = name;
}

static void add_tag(meta_state *m, int src, const char *tag)
{
	if (tag == NULL || tag[0] == '\0' || strlen(tag) > 80)
		return;
	for (size_t i = 0; i < m->tag_count[src]; i++)
		if (ieq(m->tags[src][i], tag))
			return;
	if (m->tag_count[src] < 32)
		m->tags[src][m->tag_count[src]++] = tag;
}

/* Splits "a, b, c" into tags. */
static void add_tag_list(meta_state *m, int src, const char *list)
{
	if (list == NULL)
		return;
	const char *p = list;
	while (*p) {
		while (*p == ',' || isspace((unsigned char)*p))
			p++;
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		while (n > 0 && isspace((unsigned char)p[n - 1]))
			n--;
		if (n > 0)
			add_tag(m, src, folio_doc_strndup(m->doc, p, n));
		p += e ? (size_t)(e - p) : strlen(p);
	}
}

/* ---- JSON-LD ------------------------------------------------------------------ */

static const char *const article_types[] = {
    "Article",     "BlogPosting",     "NewsArticle",   "MedicalWebPage", "MedicalScholarlyArticle",
    "ScholarlyArticle", "Report",     "TechArticle",   "SocialMediaPosting", "LiveBlogPosting",
    "AnalysisNewsArticle", "ReportageNewsArticle", "OpinionNewsArticle", "HealthTopicContent",
    "WebPage",
};

/* The rank of an object's @type (lower is better), or -1 when it is not an
 * article. WebPage is the last resort. */
static int article_rank(const json_value *obj)
{
	const json_value *t = folio_json_get(obj, "@type");
	int best = -1;
	const json_value *one = t;
	if (t != NULL && t->type == JSON_ARRAY)
		one = t->first;
	for (; one != NULL; one = t->type == JSON_ARRAY ? one->next : NULL) {
		const char *name = folio_json_text(one);
		for (size_t i = 0; name && i < COUNT(article_types); i++)
			if (strcmp(name, article_types[i]) == 0 && (best < 0 || (int)i < best))
				best = (int)i;
	}
	return best;
}

/* The object in v whose "@id" is id and that has a "name" (a Person
 * the article points to: {"author": {"@id": ".../#/schema/person/1"}}, as
 * Yoast SEO writes @graphs), or NULL. */
static const json_value *ld_by_id(const json_value *v, const char *id, int depth)
{
	if (v == NULL || depth > 8 || (v->type != JSON_OBJECT && v->type != JSON_ARRAY))
		return NULL;
	if (v->type == JSON_OBJECT) {
		const char *vid = folio_json_text(folio_json_get(v, "@id"));
		if (vid != NULL && strcmp(vid, id) == 0 && folio_json_get(v, "name") != NULL)
			return v;
	}
	for (const json_value *e = v->first; e; e = e->next) {
		const json_value *hit = ld_by_id(e, id, depth + 1);
		if (hit != NULL)
			return hit;
	}
	return NULL;
}

/* Adds a person: the string itself, its "name", or (as SRC_LDREF) the
 * name of the object its "@id" points to in the same JSON-LD. */
static void ld_author(meta_state *m, const json_value *root, const json_value *v)
{
	if (v == NULL)
		return;
	if (v->type == JSON_STRING) {
		add_author(m, SRC_LD, v->text);
		return;
	}
	const char *name = folio_json_text(folio_json_get(v, "name"));
	const char *id = folio_json_text(folio_json_get(v, "@id"));
	if (name != NULL)
		add_author(m, SRC_LD, name);
	else if (id != NULL)
		add_author(m, SRC_LDREF, folio_json_text(folio_json_get(ld_by_id(root, id, 0), "name")));
}

static void ld_authors(meta_state *m, const json_value *root, const json_value *a)
{
	if (a == NULL)
		return;
	if (a->type == JSON_ARRAY) {
		for (const json_value *e = a->first; e; e = e->next)
			ld_author(m, root, e);
		return;
	}
	ld_author(m, root, a);
}

static void ld_article(meta_state *m, const json_value *root, const json_value *o, int rank)
{
	/* The best-ranked article object of the page names it; which of its
	 * two names is the title is decided against <title> (see ld_title). */
	if (m->ld_rank < 0 || rank < m->ld_rank) {
		m->ld_headline = folio_json_text(folio_json_get(o, "headline"));
		m->ld_name = folio_json_text(folio_json_get(o, "name"));
		m->ld_rank = rank;
	}
	set_date(m, SRC_LD, folio_json_text(folio_json_get(o, "datePublished")));
	set_date(m, SRC_LD, folio_json_text(folio_json_get(o, "dateCreated")));
	set_once(&m->summary[SRC_LD], folio_json_text(folio_json_get(o, "description")));
	const json_value *page = folio_json_get(o, "mainEntityOfPage");
	set_once(&m->url[SRC_LD], folio_json_text(page));
	set_once(&m->url[SRC_LD], folio_json_text(folio_json_get(page, "@id")));
	set_once(&m->url[SRC_LD], folio_json_text(folio_json_get(o, "url")));
	if (m->author_count[SRC_LD] == 0 && m->author_count[SRC_LDREF] == 0)
		ld_authors(m, root, folio_json_get(o, "author"));
	const json_value *kw = folio_json_get(o, "keywords");
	if (kw != NULL && kw->type == JSON_ARRAY) {
		for (const json_value *e = kw->first; e; e = e->next)
			add_tag(m, SRC_LD, folio_json_text(e));
	} else {
		add_tag_list(m, SRC_LD, folio_json_text(kw));
	}
	const char *lang = folio_json_text(folio_json_get(o, "inLanguage"));
	set_once(&m->lang, lang);
}

/* Walks one JSON-LD value (an object, an array, an @graph) and reads the best
 * article object in it. */
static void ld_find(const json_value *v, const json_value **best, int *rank, int depth)
{
	if (v == NULL || depth > 8)
		return;
	if (v->type == JSON_ARRAY) {
		for (const json_value *e = v->first; e; e = e->next)
			ld_find(e, best, rank, depth + 1);
		return;
	}
	if (v->type != JSON_OBJECT)
		return;
	int r = article_rank(v);
	if (r >= 0 && (*rank < 0 || r < *rank)) {
		*best = v;
		*rank = r;
	}
	ld_find(folio_json_get(v, "@graph"), best, rank, depth + 1);
}

static void read_json_ld(meta_state *m, const xmlNode *script)
{
	xmlChar *raw = xmlNodeGetContent(script);
	if (raw == NULL)
		return;
	const char *s = (const char *)raw;
	size_t len = strlen(s);
	/* Some pages wrap it in an HTML comment or CDATA: the JSON is from the
	 * first brace or bracket after the wrapper's opening to the last one
	 * before its end. */
	const char *open = strstr(s, "<![CDATA[");
	size_t from = open != NULL ? (size_t)(open - s) + 9 : 0;
	const char *close = open != NULL ? strstr(open, "]]>") : NULL;
	if (close != NULL)
		len = (size_t)(close - s);
	from += strcspn(s + from, "{[");
	while (len > from && s[len - 1] != '}' && s[len - 1] != ']')
		len--;
	s += from;
	len = len > from ? len - from : 0;
	json_value *v = folio_json_parse(m->doc, s, len);
	xmlFree(raw);
	const json_value *best = NULL;
	int rank = -1;
	ld_find(v, &best, &rank, 0);
	if (best != NULL)
		ld_article(m, v, best, rank);
	/* A WebSite object names the site (to take off the title). */
	if (v != NULL && v->type == JSON_OBJECT) {
		const json_value *t = folio_json_get(v, "@type");
		if (folio_json_text(t) && strcmp(folio_json_text(t), "WebSite") == 0)
			set_once(&m->site_name, folio_json_text(folio_json_get(v, "name")));
	}
	const json_value *graph = folio_json_get(v, "@graph");
	for (const json_value *e = graph ? graph->first : NULL; e; e = e->next) {
		const char *t = folio_json_text(folio_json_get(e, "@type"));
		if (t && strcmp(t, "WebSite") == 0)
			set_once(&m->site_name, folio_json_text(folio_json_get(e, "name")));
	}
}

/* ---- <meta> -------------------------------------------------------------------- */

/* The <meta> names of a publication date (htmldate's list, lowercase). */
static const char *const meta_date_keys[] = {
    "article:published_time", "og:article:published_time", "og:published_time", "og:pubdate",
    "datepublished", "date_published", "published-date", "publication_date", "publishdate",
    "publish_date", "publish-date", "pub_date", "pubdate", "date", "dc.date", "dc:date",
    "dc.date.issued", "dc.date.created", "dc.date.publication", "dc:created", "dcterms.date",
    "dcterms.created", "dcterms.issued", "citation_date", "citation_publication_date",
    "article.published", "article.created", "article_date_original", "bt:pubdate",
    "originalpublicationdate", "rnews:datepublished", "parsely-pub-date", "sailthru.date",
    "shareaholic:article_published_time", "cxenseparse:recs:publishtime",
};

/* The <meta> names of an author. */
static const char *const meta_author_keys[] = {
    "author", "article:author", "og:article:author", "article:author_name", "byl",
    "dc.creator", "dcterms.creator", "citation_author", "parsely-author", "sailthru.author",
};

static int in_list(const char *key, const char *const *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (ieq(key, list[i]))
			return 1;
	return 0;
}

static void read_meta_tag(meta_state *m, const xmlNode *n)
{
	const char *key = folio_html_attr(m->doc, n, "property");
	if (key == NULL)
		key = folio_html_attr(m->doc, n, "name");
	if (key == NULL)
		key = folio_html_attr(m->doc, n, "itemprop");
	const char *v = folio_html_attr(m->doc, n, "content");
	if (key == NULL || v == NULL || v[0] == '\0')
		return;
	if (ieq(key, "og:title") || ieq(key, "twitter:title") || ieq(key, "dc.title") ||
	    ieq(key, "citation_title"))
		set_once(&m->title[SRC_META], v);
	else if (ieq(key, "og:site_name") || ieq(key, "application-name"))
		set_once(&m->site_name, v);
	else if (in_list(key, meta_date_keys, COUNT(meta_date_keys)))
		set_date(m, SRC_META, v);
	else if (ieq(key, "og:description") || ieq(key, "description") ||
	         ieq(key, "twitter:description"))
		set_once(&m->summary[SRC_META], v);
	else if (ieq(key, "og:url"))
		set_once(&m->url[SRC_META], v);
	else if (in_list(key, meta_author_keys, COUNT(meta_author_keys)) ||
	         (ieq(key, "twitter:data1") && m->label1_author))
		add_author(m, SRC_META, v);
	else if (ieq(key, "twitter:label1"))
		/* Yoast's "Written by" / "Écrit par" card: the name is data1. */
		m->label1_author = has_prefix_ci(v, "written by") || has_prefix_ci(v, "écrit par") ||
		                   has_prefix_ci(v, "author") || has_prefix_ci(v, "auteur");
	else if (ieq(key, "article:tag"))
		add_tag(m, SRC_META, v);
	else if (ieq(key, "keywords") || ieq(key, "news_keywords"))
		add_tag_list(m, SRC_META + 1, v); /* below article:tag in trust */
	else if (ieq(key, "og:locale") || ieq(key, "dc.language") || ieq(key, "content-language"))
		set_once(&m->locale, v);
}

/* ---- visible bylines -------------------------------------------------------------- */

static const char *const byline_labels[] = {
    "written by ", "posted by ", "published by ", "reviewed by ", "by ", "par ",
    "écrit par ", "rédigé par ", "publié par ", "auteur :", "auteur:", "auteure :",
    "auteure:", "author:", "author :", "von ", "por ",
};

/* Words that start a date, never a name ("By Jane Roy March 25, 2015",
 * "By April 2, 2020", "Thursday, November 9"). */
static const char *const months[] = {"January", "February", "March", "April", "May", "June",
                                     "July", "August", "September", "October", "November",
                                     "December", "Janvier", "Février", "Mars", "Avril", "Mai",
                                     "Juin", "Juillet", "Août", "Septembre", "Octobre",
                                     "Novembre", "Décembre", "Updated", "Published", "Posted",
                                     "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
                                     "Sept", "Oct", "Nov", "Dec"};
static const char *const weekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                       "Saturday", "Sunday", "Lundi", "Mardi", "Mercredi",
                                       "Jeudi", "Vendredi", "Samedi", "Dimanche"};

/* 1 when s starts with one of words as a whole word. */
static int starts_with_word(const char *s, const char *const *words, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		size_t wl = strlen(words[i]);
		if (has_prefix_ci(s, words[i]) && (s[wl] == '\0' || s[wl] == ' ' || s[wl] == ','))
			return 1;
	}
	return 0;
}

/* 1 when s[0..len) looks like a person's name: 1 to 6 words, capitalised,
 * no digits. */
static int looks_like_name(const char *s, size_t len)
{
	if (len < 3 || len > 80)
		return 0;
	int words = 1;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isdigit(c) || c == '|' || c == ':' || c == '@' || c == '/')
			return 0;
		if (c == ' ')
			words++;
	}
	if (words > 6)
		return 0;
	/* "By April 2, 2020": a month is no name. */
	for (size_t i = 0; i < sizeof(months) / sizeof(months[0]); i++) {
		size_t ml = strlen(months[i]);
		if (len >= ml && has_prefix_ci(s, months[i]) && (len == ml || s[ml] == ' ' || s[ml] == ','))
			return 0;
	}
	/* Each word capitalised, but for the particles of names ("de", "van"):
	 * "View my complete profile" is no name. */
	static const char *const particles[] = {"de", "du", "des", "la", "le", "van", "von", "der",
	                                        "den", "da", "di", "dos", "bin", "al", "y", "e"};
	for (size_t i = 0; i < len;) {
		size_t e = i;
		while (e < len && s[e] != ' ')
			e++;
		unsigned char c = (unsigned char)s[i];
		int particle = 0;
		for (size_t k = 0; k < sizeof(particles) / sizeof(particles[0]); k++)
			particle |= strlen(particles[k]) == e - i && memcmp(particles[k], s + i, e - i) == 0;
		if (!particle && !(isupper(c) || c >= 0xC0))
			return 0;
		/* "CAIRO —": a dateline's dash is no part of a name. */
		if (c == 0xE2)
			return 0;
		i = e + 1;
	}
	return 1;
}

/* The end of a name starting at s: at a separator ("|", "·", " - ", " on ",
 * " le ", a digit, "•"), or the end. */
static size_t name_end(const char *s)
{
	static const char *const stops[] = {" | ", "|", " · ", "·", " • ", "•", " - ", " – ",
	                                    " — ", " on ", " le ", " in ", " dans ", "\n", " / "};
	size_t end = strlen(s);
	for (size_t i = 0; i < sizeof(stops) / sizeof(stops[0]); i++) {
		const char *p = strstr(s, stops[i]);
		if (p != NULL && (size_t)(p - s) < end)
			end = (size_t)(p - s);
	}
	for (size_t i = 0; i < end; i++)
		if (isdigit((unsigned char)s[i])) {
			end = i;
			break;
		}
	/* "Nathan Willis March 25, 2015", "Alex Roy Thursday, November 9":
	 * the date that follows is no part of the name. */
	for (size_t i = 1; i < end; i++) {
		if (s[i - 1] != ' ')
			continue;
		const char *next = strchr(s + i, ' ');
		if (starts_with_word(s + i, weekdays, COUNT(weekdays)) ||
		    (starts_with_word(s + i, months, COUNT(months)) && next != NULL &&
		     isdigit((unsigned char)next[1]))) {
			end = i;
			break;
		}
	}
	while (end > 0 && (isspace((unsigned char)s[end - 1]) || s[end - 1] == ','))
		end--;
	return end;
}

/* Finds a date in short visible text: the whole, or 2 to 5 words of it. */
static const char *date_in_text(folio_doc *doc, const char *s)
{
	if (s == NULL)
		return NULL;
	const char *d = date_of(doc, s);
	if (d != NULL)
		return d;
	const char *starts[24];
	size_t ns = 0;
	for (const char *p = s; *p && ns < 24; p++)
		if (p == s || (p[-1] == ' ' && *p != ' '))
			starts[ns++] = p;
	char buf[64];
	for (size_t i = 0; i < ns; i++) {
		for (size_t w = 5; w >= 2; w--) {
			if (i + w > ns)
				continue;
			size_t n = i + w < ns ? (size_t)(starts[i + w] - starts[i]) : strlen(starts[i]);
			if (n >= sizeof(buf))
				continue;
			memcpy(buf, starts[i], n);
			while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == ',' || buf[n - 1] == '.' ||
			                 buf[n - 1] == '|'))
				n--;
			buf[n] = '\0';
			const char *why = NULL;
			char out[16];
			if (folio_date_normalize(buf, out, sizeof(out), &why))
				return folio_doc_strndup(doc, out, strlen(out));
		}
	}
	return NULL;
}

/* The date in a web address: "/2019/07/24/", "/2020/oct/02/",
 * "/2019-07-24-title"; NULL when it has none. */
static const char *url_date(folio_doc *doc, const char *url)
{
	if (url == NULL)
		return NULL;
	for (const char *p = strchr(url, '/'); p != NULL; p = strchr(p + 1, '/')) {
		int y = 0, d = 0, used = 0;
		char mon[12];
		char buf[40];
		if (sscanf(p, "/%4d/%10[A-Za-z0-9]/%2d%n", &y, mon, &d, &used) == 3 ||
		    sscanf(p, "/%4d-%2[0-9]-%2d%n", &y, mon, &d, &used) == 3) {
			if (y < 1990 || y > 2100 || (p[used] != '/' && p[used] != '-' && p[used] != '\0'))
				continue;
			if (isdigit((unsigned char)mon[0]))
				snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, atoi(mon), d);
			else
				snprintf(buf, sizeof(buf), "%d %s %d", d, mon, y);
			const char *v = date_of(doc, buf);
			if (v != NULL)
				return v;
		}
	}
	return NULL;
}

/* "Published on May 10, 2022", "Posted: ...", "Publié le 3 mars 2021": a
 * short text that says it gives the publication date. */
static const char *labelled_date(folio_doc *doc, const char *t)
{
	static const char *const labels[] = {"published", "posted", "date:", "publié", "publie",
	                                     "mis en ligne", "paru le", "first published"};
	if (t == NULL || strlen(t) > 100)
		return NULL;
	for (size_t i = 0; i < COUNT(labels); i++)
		if (has_prefix_ci(t, labels[i]))
			return date_in_text(doc, t + strlen(labels[i]));
	return NULL;
}

/* 1 when the element's class or id has a word naming a date ("date",
 * "post-date", "entry-date", "pubdate", "timestamp", "time-rubric"), but
 * not an update's. */
static int date_class(folio_doc *doc, const xmlNode *n)
{
	static const char *const words[] = {"date", "pubdate", "dateline", "time", "timestamp",
	                                    "published", "publish", "posted"};
	const char *attrs[2] = {folio_html_attr(doc, n, "class"), folio_html_attr(doc, n, "id")};
	for (int a = 0; a < 2; a++) {
		for (const char *p = attrs[a]; p != NULL && *p;) {
			size_t len = strcspn(p, " -_");
			for (size_t i = 0; i < COUNT(words); i++)
				if (len == strlen(words[i]) && has_prefix_ci(p, words[i]))
					return 1;
			p += len;
			p += strspn(p, " -_");
		}
	}
	return 0;
}

/* How byline_from_text reads a text: a label at its start only ("By X",
 * "— Par X"), a label anywhere ("July 24, 2019 by X 5 Comments"), or also
 * a bare name (the text of an element marked as the author's). */
enum { BYLINE_START, BYLINE_ANYWHERE, BYLINE_BARE };

/* A copy of t with no-break spaces as plain ones ("Par&nbsp;X",
 * "Auteur&nbsp;: X"), or t itself when it has none. */
static const char *plain_spaces(folio_doc *doc, const char *t)
{
	if (t == NULL || strstr(t, "\xc2\xa0") == NULL)
		return t;
	size_t len = strlen(t);
	char *out = folio_doc_alloc(doc, len + 1);
	if (out == NULL)
		return t;
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if ((unsigned char)t[i] == 0xC2 && (unsigned char)t[i + 1] == 0xA0) {
			out[o++] = ' ';
			i++;
		} else {
			out[o++] = t[i];
		}
	}
	out[o] = '\0';
	return out;
}

/* Reads "By X", "Par X", "date by X N Comments" out of a short text. */
static void byline_from_text(meta_state *m, const char *t, int mode)
{
	t = plain_spaces(m->doc, t);
	if (t == NULL)
		return;
	/* "---- by X", "— Par X": a rule or dash before the label. */
	if (mode == BYLINE_START)
		while (*t == '-' || *t == ' ' || *t == '*' || has_prefix_ci(t, "\xe2\x80\x94") ||
		       has_prefix_ci(t, "\xe2\x80\x93"))
			t += (unsigned char)*t == 0xE2 ? 3 : 1;
	size_t len = strlen(t);
	if (len > 160)
		return;
	for (size_t i = 0; i < sizeof(byline_labels) / sizeof(byline_labels[0]); i++) {
		const char *lab = byline_labels[i];
		size_t ll = strlen(lab);
		/* At the start, or after a space ("July 24, 2019 by X"). */
		for (const char *p = t; *p; p++) {
			/* "ByAlex Roy": "By" and the name in two elements with no
			 * blank between them. */
			int glued = i == 0 && p[0] == 'B' && p[1] == 'y' && isupper((unsigned char)p[2]) &&
			            (islower((unsigned char)p[3]) || p[3] == '.');
			if ((p == t || p[-1] == ' ') && (has_prefix_ci(p, lab) || glued)) {
				const char *name = p + (glued ? 2 : ll);
				while (*name == ' ')
					name++;
				size_t n = name_end(name);
				if (looks_like_name(name, n)) {
					add_author(m, SRC_VISIBLE, folio_doc_strndup(m->doc, name, n));
					if (p != t)
						set_once(&m->date[SRC_VISIBLE], date_in_text(m->doc, t));
					return;
				}
			}
			if (mode == BYLINE_START)
				break;
		}
	}
	if (mode == BYLINE_BARE && looks_like_name(t, name_end(t)))
		add_author(m, SRC_VISIBLE, folio_doc_strndup(m->doc, t, name_end(t)));
}

/* Classes of an author's line: its text may be a bare name. */
static const char *const author_classes[] = {"byline", "author", "writtenby", "written-by",
                                             "wrote_by", "auteur", "contributor", "signature",
                                             "journalist", "reporter", "writer"};
/* Classes of a post's meta line: a name there needs its "By". */
static const char *const byline_classes[] = {"dateline",  "entry-meta", "post-meta",
                                             "posted-on", "meta-info",  "article-meta",
                                             "meta",      "post-date",  "entry-date",
                                             "published"};

/* 1 when s has w, letters compared without case ("FeatureByline"). */
static int has_ci(const char *s, const char *w)
{
	for (; s != NULL && *s; s++)
		if (has_prefix_ci(s, w))
			return 1;
	return 0;
}

static int class_has(folio_doc *doc, const xmlNode *n, const char *const *words, size_t count)
{
	const char *cls = folio_html_attr(doc, n, "class");
	const char *id = folio_html_attr(doc, n, "id");
	for (size_t i = 0; i < count; i++)
		if (has_ci(cls, words[i]) || has_ci(id, words[i]))
			return 1;
	return 0;
}

/* 1 when the element is marked as the author's line: an author class,
 * data-testid / data-component "byline" (React sites), or <address> (HTML's
 * element for the article's author). */
static int author_line(folio_doc *doc, const xmlNode *n, const char *tag)
{
	return class_has(doc, n, author_classes, COUNT(author_classes)) ||
	       has_ci(folio_html_attr(doc, n, "data-testid"), "byline") ||
	       has_ci(folio_html_attr(doc, n, "data-component"), "byline") ||
	       strcmp(tag, "address") == 0;
}

/* 1 when all of the element's children are text or inline elements: one
 * line ("By <a>Jane Roy</a>"), not a block that holds others. */
static int inline_only(const xmlNode *n)
{
	static const char *const inline_tags[] = {"a", "span", "strong", "b", "em", "i", "small",
	                                          "font", "time", "abbr"};
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		int ok = 0;
		for (size_t i = 0; i < COUNT(inline_tags) && !ok; i++)
			ok = strcmp(folio_html_tag(c), inline_tags[i]) == 0;
		if (!ok)
			return 0;
	}
	return 1;
}

static void markup_author(meta_state *m, const xmlNode *n)
{
	/* itemprop=author may hold an itemprop=name inside. */
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *ip = folio_html_attr(m->doc, c, "itemprop");
		if (ip && strcmp(ip, "name") == 0) {
			const char *v = folio_html_attr(m->doc, c, "content");
			add_author(m, SRC_MARKUP, v ? v : folio_html_text(m->doc, c, 200));
			return;
		}
	}
	const char *v = folio_html_attr(m->doc, n, "content");
	const char *t = v ? v : folio_html_text(m->doc, n, 200);
	if (t == NULL)
		return;
	/* "By Jane Roy" inside the link or span. */
	size_t before = m->author_count[SRC_VISIBLE];
	byline_from_text(m, t, BYLINE_START);
	if (m->author_count[SRC_VISIBLE] > before) {
		add_author(m, SRC_MARKUP, m->authors[SRC_VISIBLE][--m->author_count[SRC_VISIBLE]]);
		return;
	}
	if (looks_like_name(t, strlen(t))) {
		add_author(m, SRC_MARKUP, t);
		return;
	}
	/* "<a>Jane Roy</a> (with Luc Gagné)": the first link names the
	 * author. */
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && strcmp(folio_html_tag(c), "a") == 0) {
			const char *a = folio_html_text(m->doc, c, 120);
			if (a != NULL && looks_like_name(a, strlen(a)))
				add_author(m, SRC_MARKUP, a);
			return;
		}
	}
}

static const char *const not_byline_classes[] = {"author-bio", "about-author", "author-box",
                                                 "authorbox", "author-description",
                                                 "comment", "avatar"};

static void visit(meta_state *m, const xmlNode *n, int depth);
static size_t count_words(const char *s, size_t len);

/* A heading's text without the permalink mark that documentation generators
 * append ("Install¶" from Sphinx, "Usage #"). */
static const char *without_anchor(folio_doc *doc, const char *t)
{
	if (t == NULL)
		return NULL;
	size_t n = strlen(t);
	if (n > 2 && (unsigned char)t[n - 2] == 0xC2 && (unsigned char)t[n - 1] == 0xB6)
		n -= 2;
	else if (n > 2 && t[n - 1] == '#' && t[n - 2] == ' ')
		n -= 1;
	else
		return t;
	while (n > 0 && isspace((unsigned char)t[n - 1]))
		n--;
	return n > 0 ? folio_doc_strndup(doc, t, n) : NULL;
}

/* The element's text when it is short (a line under a heading), else
 * NULL. */
static const char *short_text(meta_state *m, const xmlNode *n)
{
	const char *t = folio_html_text(m->doc, n, 120);
	return t != NULL && strlen(t) < 100 ? t : NULL;
}

/* Dates printed as such: a line under the article's <h1> that is a date, a
 * "Published on ..." line, an element whose class names a date. */
static void visible_date(meta_state *m, const xmlNode *n, const char *tag)
{
	if (strcmp(tag, "h1") == 0 || strcmp(tag, "script") == 0 || strcmp(tag, "style") == 0)
		return;
	const char *t = NULL;
	if (m->after_h1 > 0) {
		m->after_h1--;
		t = short_text(m, n);
		if (t != NULL && strlen(t) < 60)
			set_once(&m->date[SRC_NEAR], date_in_text(m->doc, t));
	}
	if (strcmp(tag, "p") == 0 || strcmp(tag, "span") == 0 || strcmp(tag, "div") == 0 ||
	    strcmp(tag, "li") == 0 || strcmp(tag, "small") == 0) {
		t = t ? t : short_text(m, n);
		set_once(&m->date[SRC_VISIBLE], labelled_date(m->doc, t));
	}
	if (date_class(m->doc, n)) {
		t = t ? t : short_text(m, n);
		if (t != NULL && strlen(t) < 80)
			set_once(&m->date[SRC_VISIBLE], date_in_text(m->doc, t));
	}
}

/* 1 when element n holds a link to the site's home page ("/",
 * "https://host/", "//host/", rel="home"): a header's heading, the site's
 * name over every page. */
static int links_home(folio_doc *doc, const xmlNode *n, int depth)
{
	for (const xmlNode *c = n->children; c && depth < 3; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "a") == 0) {
			const char *href = folio_html_attr(doc, c, "href");
			const char *path = href ? strstr(href, "//") : NULL;
			path = path ? strchr(path + 2, '/') : href;
			if (href != NULL && (path == NULL || strcmp(path, "/") == 0))
				return 1;
			if (has_ci(folio_html_attr(doc, c, "rel"), "home"))
				return 1;
		} else if (links_home(doc, c, depth + 1))
			return 1;
	}
	return 0;
}

static void visit_element(meta_state *m, const xmlNode *n, int depth)
{
	const char *tag = folio_html_tag(n);
	int heading = 0;
	if (m->in_svg == 0)
		visible_date(m, n, tag);
	if (strcmp(tag, "script") == 0) {
		const char *type = folio_html_attr(m->doc, n, "type");
		if (type && ieq(type, "application/ld+json"))
			read_json_ld(m, n);
		return;
	}
	if (strcmp(tag, "style") == 0)
		return;
	if (strcmp(tag, "html") == 0)
		set_once(&m->lang, folio_html_attr(m->doc, n, "lang"));
	if (strcmp(tag, "title") == 0 && m->html_title == NULL && m->in_svg == 0)
		m->html_title = folio_html_text(m->doc, n, 400);
	else if (strcmp(tag, "meta") == 0)
		read_meta_tag(m, n);
	else if (strcmp(tag, "base") == 0)
		set_once(&m->base, folio_html_attr(m->doc, n, "href"));
	else if (strcmp(tag, "link") == 0) {
		const char *rel = folio_html_attr(m->doc, n, "rel");
		if (rel && ieq(rel, "canonical"))
			set_once(&m->url[SRC_META], folio_html_attr(m->doc, n, "href"));
	} else if (strcmp(tag, "h1") == 0) {
		m->h1_count++;
		const char *t = without_anchor(m->doc, folio_html_text(m->doc, n, 400));
		if (m->h1 == NULL)
			m->h1 = t;
		heading = t != NULL && count_words(t, strlen(t)) >= 2;
		static const char *const title_classes[] = {"title", "headline", "heading"};
		const char *hip = folio_html_attr(m->doc, n, "itemprop");
		if (t != NULL && m->h1_n < 8) {
			m->h1_marked[m->h1_n] = m->in_article || class_has(m->doc, n, title_classes, 3) ||
			                        (hip && strstr(hip, "headline"));
			static const char *const site_classes[] = {"site", "logo", "brand"};
			m->h1_headline[m->h1_n] =
			    (m->in_article || class_has(m->doc, n, title_classes, 2) ||
			     (hip && strstr(hip, "headline"))) &&
			    !class_has(m->doc, n, site_classes, COUNT(site_classes)) &&
			    !links_home(m->doc, n, 0);
			m->h1s[m->h1_n++] = t;
		}
	} else if (strcmp(tag, "h2") == 0 && m->h2 == NULL && m->in_svg == 0) {
		const char *t = without_anchor(m->doc, folio_html_text(m->doc, n, 400));
		if (t != NULL && count_words(t, strlen(t)) >= 2)
			m->h2 = t;
	} else if (strcmp(tag, "time") == 0) {
		const char *dt = folio_html_attr(m->doc, n, "datetime");
		const char *ip = folio_html_attr(m->doc, n, "itemprop");
		const char *cls = folio_html_attr(m->doc, n, "class");
		int updated = (ip && strstr(ip, "dateModified")) || (cls && strstr(cls, "updated") &&
		                                                     !strstr(cls, "published"));
		if (!updated) {
			set_date(m, SRC_MARKUP, dt);
			set_once(&m->date[SRC_VISIBLE], date_in_text(m->doc, folio_html_text(m->doc, n, 80)
			                                              ? folio_html_text(m->doc, n, 80) : ""));
		}
	}
	const char *rel = folio_html_attr(m->doc, n, "rel");
	const char *ip = folio_html_attr(m->doc, n, "itemprop");
	if ((rel && strstr(rel, "author")) || (ip && strcmp(ip, "author") == 0)) {
		markup_author(m, n);
	} else if (ip && strcmp(ip, "datePublished") == 0) {
		/* <meta content>, <time datetime>, <abbr title> (Blogger), or
		 * the text itself. */
		const char *v = folio_html_attr(m->doc, n, "content");
		if (v == NULL)
			v = folio_html_attr(m->doc, n, "datetime");
		if (v == NULL)
			v = folio_html_attr(m->doc, n, "title");
		set_date(m, SRC_MARKUP, v);
		set_once(&m->date[SRC_VISIBLE], date_in_text(m->doc, short_text(m, n)));
	} else if (rel && strstr(rel, "tag") && strcmp(tag, "a") == 0) {
		add_tag(m, SRC_VISIBLE, folio_html_text(m->doc, n, 80));
	}
	int author = author_line(m->doc, n, tag);
	if ((author || class_has(m->doc, n, byline_classes, COUNT(byline_classes))) &&
	    !class_has(m->doc, n, not_byline_classes, COUNT(not_byline_classes))) {
		const char *t = folio_html_fields(m->doc, n, 200);
		if (t != NULL && strlen(t) < 160) {
			byline_from_text(m, t, author ? BYLINE_BARE : BYLINE_ANYWHERE);
			set_once(&m->date[SRC_VISIBLE], date_in_text(m->doc, t));
		}
	} else if (strcmp(tag, "p") == 0 || strcmp(tag, "span") == 0 || strcmp(tag, "div") == 0) {
		/* An unmarked short "By Jane Roy" line. */
		const char *t = folio_html_text(m->doc, n, 120);
		if (t != NULL && strlen(t) < 100 && inline_only(n))
			byline_from_text(m, t, BYLINE_START);
	}
	int article = strcmp(tag, "article") == 0 || strcmp(tag, "main") == 0;
	int svg = strcmp(tag, "svg") == 0;
	m->in_article += article;
	m->in_svg += svg;
	for (const xmlNode *c = n->children; c; c = c->next)
		visit(m, c, depth + 1);
	m->in_article -= article;
	m->in_svg -= svg;
	/* After the article's heading (not a one-word logo), a date may
	 * follow. */
	if (heading && m->date[SRC_NEAR] == NULL)
		m->after_h1 = 8;
}

static void visit(meta_state *m, const xmlNode *n, int depth)
{
	if (n == NULL || depth > 256 || n->type != XML_ELEMENT_NODE)
		return;
	visit_element(m, n, depth);
}

/* ---- the title ------------------------------------------------------------------- */

static const char *const title_separators[] = {" | ", " - ", " – ", " — ", " :: ", " » ",
                                               " · ", " / ", " • ", " ~ "};

static size_t count_words(const char *s, size_t len)
{
	size_t w = 0;
	int in = 0;
	for (size_t i = 0; i < len; i++) {
		int sp = isspace((unsigned char)s[i]);
		if (!sp && !in)
			w++;
		in = !sp;
	}
	return w;
}

/* s[0..len) folded to lowercase letters and digits, into buf. */
static size_t fold(const char *s, size_t len, char *buf, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < len && n + 1 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isalnum(c) || c >= 0x80)
			buf[n++] = (char)tolower(c);
	}
	buf[n] = '\0';
	return n;
}

/* 1 when s[0..len) names the site: its og:site_name (or JSON-LD WebSite
 * name), or the host of its canonical URL ("Sports.fr", "LWN.net",
 * "Medium"), letters and digits compared. */
static int is_site_name(const meta_state *m, const char *s, size_t len)
{
	char part[128], name[128];
	size_t pn = fold(s, len, part, sizeof(part));
	if (pn < 2 || count_words(s, len) > 6)
		return 0;
	if (m->site_name != NULL) {
		size_t nn = fold(m->site_name, strlen(m->site_name), name, sizeof(name));
		if (nn >= 2 && (strcmp(part, name) == 0 || (pn >= 4 && 2 * pn >= nn && strstr(name, part)) ||
		                (nn >= 4 && pn <= nn + 6 && strstr(part, name))))
			return 1;
	}
	const char *url = m->url[SRC_META] ? m->url[SRC_META] : m->url[SRC_LD];
	const char *host = url ? strstr(url, "://") : NULL;
	if (host == NULL)
		return 0;
	host += 3;
	if (has_prefix_ci(host, "www."))
		host += 4;
	size_t hl = strcspn(host, "/:?#");
	/* "lwn.net" whole, or its first label ("medium" of medium.com). */
	size_t nn = fold(host, hl, name, sizeof(name));
	if (nn >= 2 && strcmp(part, name) == 0)
		return 1;
	size_t dot = strcspn(host, ".");
	nn = fold(host, dot < hl ? dot : hl, name, sizeof(name));
	return (nn >= 2 && strcmp(part, name) == 0) ||
	       (nn >= 3 && ((pn >= 4 && strstr(name, part)) || (pn <= nn + 6 && strstr(part, name))));
}

/* 1 when s[0..len) is one of the page's <h1>s (a documentation page's
 * header names the manual in one, the page's own title in another). */
static int is_h1(const meta_state *m, const char *s, size_t len)
{
	for (size_t i = 0; i < m->h1_n; i++)
		if (strlen(m->h1s[i]) == len && memcmp(m->h1s[i], s, len) == 0)
			return 1;
	return 0;
}

/* Where the next title separator at or after p is (its length in *sl), or
 * NULL. */
static const char *next_separator(const char *p, size_t *sl)
{
	const char *best = NULL;
	for (size_t i = 0; i < sizeof(title_separators) / sizeof(title_separators[0]); i++) {
		const char *q = strstr(p, title_separators[i]);
		if (q != NULL && (best == NULL || q < best)) {
			best = q;
			*sl = strlen(title_separators[i]);
		}
	}
	return best;
}

/* Takes the site's name off a title ("How to sit | Clinique X" -> "How to
 * sit", "Site - How to sit" -> "How to sit", "How to sit - Site - Its
 * motto" -> "How to sit"), only when that part is the site's name
 * (og:site_name, the host) or the page's <h1> is the rest: "Pale Blue Dot
 * / Lift Off" and "Lemon Tree from Seed | Step-by-Step Guide" keep theirs. */
static const char *clean_title(meta_state *m, const char *t)
{
	if (t == NULL)
		return NULL;
	size_t len = strlen(t), sl = 0;
	const char *first = next_separator(t, &sl);
	if (first == NULL)
		return t;
	/* "Site » Blog Archive » Title" (WordPress's classic themes): the
	 * title follows the archive's name, whatever the site is called. */
	const char *archive = strstr(t, "Blog Archive");
	size_t asl = 0;
	if (archive != NULL && archive > t && next_separator(archive, &asl) == archive + 12 &&
	    archive[12 + asl] != '\0')
		return clean_title(m, archive + 12 + asl);
	/* "Site | Title". */
	const char *rest = first + sl;
	size_t head = (size_t)(first - t);
	if (first > t && *rest &&
	    (is_site_name(m, t, head) || (head == 12 && strncmp(t, "Blog Archive", 12) == 0) ||
	     (m->h1 && strcmp(m->h1, rest) == 0 && count_words(rest, strlen(rest)) >= 3 &&
	      !is_h1(m, t, head))))
		return clean_title(m, rest);
	/* "Title | Site" or "Title | Site | Motto": cut before the site. */
	for (const char *p = first; p != NULL;) {
		size_t psl = sl;
		const char *seg = p + psl;
		const char *next = next_separator(seg, &sl);
		size_t seg_len = next ? (size_t)(next - seg) : len - (size_t)(seg - t);
		size_t kept = (size_t)(p - t);
		if (kept > 0 && is_site_name(m, seg, seg_len))
			return folio_doc_strndup(m->doc, t, kept);
		if (next == NULL && is_h1(m, t, kept) && count_words(t, kept) >= 2)
			return folio_doc_strndup(m->doc, t, kept);
		p = next;
	}
	return t;
}

/* The next word of s from *p (letters, digits, other UTF-8; an apostrophe,
 * straight or curly, ends a word), lowercased into w; 0 at the end. */
static size_t next_word(const char **p, char *w, size_t cap)
{
	const unsigned char *s = (const unsigned char *)*p;
	for (;;) {
		while (*s && !(isalnum(*s) || *s >= 0x80))
			s++;
		if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x98 || s[2] == 0x99 || s[2] == 0x94 ||
		                                    s[2] == 0x93 || s[2] == 0x9C || s[2] == 0x9D)) {
			s += 3;
			continue;
		}
		break;
	}
	size_t n = 0;
	while (*s && (isalnum(*s) || *s >= 0x80)) {
		if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x98 || s[2] == 0x99 || s[2] == 0x94 ||
		                                    s[2] == 0x93 || s[2] == 0x9C || s[2] == 0x9D))
			break;
		if (n + 1 < cap)
			w[n++] = (char)tolower(*s);
		s++;
	}
	w[n] = '\0';
	*p = (const char *)s;
	return n;
}

/* 1 when b's letters and digits appear in a's, in a row. */
static int contains_folded(const char *a, const char *b)
{
	char fa[512], fb[512];
	fold(a, strlen(a), fa, sizeof(fa));
	size_t nb = fold(b, strlen(b), fb, sizeof(fb));
	return nb > 0 && strstr(fa, fb) != NULL;
}

/* The share of a's words that b has (0..100). */
static int words_shared(const char *a, const char *b)
{
	int total = 0, found = 0;
	char w[64], v[64];
	for (const char *p = a; next_word(&p, w, sizeof(w)) > 0;) {
		total++;
		for (const char *q = b; next_word(&q, v, sizeof(v)) > 0;)
			if (strcmp(w, v) == 0) {
				found++;
				break;
			}
	}
	return total ? found * 100 / total : 0;
}

/* How much of b's text a's words cover, 0..100 (Readability.js's
 * _textSimilarity: one minus the share of b's text, words joined by
 * spaces, that is words a lacks). */
static int text_similarity(const char *a, const char *b)
{
	char w[64], v[64];
	size_t all = 0, lacking = 0, nb = 0, nl = 0, n;
	for (const char *p = b; (n = next_word(&p, w, sizeof(w))) > 0;) {
		int found = 0;
		for (const char *q = a; !found && next_word(&q, v, sizeof(v)) > 0;)
			found = strcmp(w, v) == 0;
		all += n;
		nb++;
		if (!found) {
			lacking += n;
			nl++;
		}
	}
	if (nb == 0)
		return 0;
	size_t lack_len = nl ? lacking + nl - 1 : 0;
	return (int)(100 - lack_len * 100 / (all + nb - 1));
}

/* 1 when t matches the page's <title> (Readability.js: a similarity over
 * 0.75), whole or without its last " | part" (the site's name, usually). */
static int matches_page_title(meta_state *m, const char *t)
{
	const char *page = unescape(m->doc, m->html_title);
	if (page == NULL || t == NULL)
		return 0;
	if (text_similarity(t, page) > 75)
		return 1;
	const char *last = NULL;
	size_t sl = 0;
	for (const char *p = next_separator(page, &sl); p != NULL; p = next_separator(p + sl, &sl))
		last = p;
	if (last == NULL || last == page)
		return 0;
	const char *head = folio_doc_strndup(m->doc, page, (size_t)(last - page));
	return head != NULL && text_similarity(t, head) > 75;
}

/* The JSON-LD article's title. When its "name" and "headline" differ, the
 * one that matches the page's <title> (some sites put their own name in
 * "name", others a sharing title in "headline"), else the headline; a mere
 * WebPage's only when it matches <title> (its "name" is often a section's). */
static const char *ld_title(meta_state *m)
{
	const char *name = unescape(m->doc, m->ld_name);
	const char *headline = unescape(m->doc, m->ld_headline);
	int webpage = m->ld_rank == (int)COUNT(article_types) - 1;
	if (name != NULL && is_site_name(m, name, strlen(name)))
		name = NULL;
	if (headline != NULL && is_site_name(m, headline, strlen(headline)))
		headline = NULL;
	const char *t = headline ? headline : name;
	if (name != NULL && headline != NULL && strcmp(name, headline) != 0 &&
	    matches_page_title(m, name) && !matches_page_title(m, headline))
		t = name;
	if (t != NULL && webpage && !matches_page_title(m, t))
		return NULL;
	return t;
}

/* 1 when a title ends with a separator: "Site -", the page's own name
 * left out by the site's template. */
static int dangling(const char *t)
{
	size_t n = strlen(t);
	while (n > 0 && t[n - 1] == ' ')
		n--;
	for (size_t i = 0; i < COUNT(title_separators); i++) {
		size_t sl = strlen(title_separators[i]) - 1; /* without its last blank */
		if (n > sl && memcmp(t + n - sl, title_separators[i], sl) == 0)
			return 1;
	}
	return 0;
}

static const char *pick_title(meta_state *m)
{
	const char *ld = ld_title(m);
	const char *raw = ld ? ld : m->title[SRC_META] ? unescape(m->doc, m->title[SRC_META])
	                                               : unescape(m->doc, m->html_title);
	const char *cleaned = clean_title(m, raw);
	const char *meta = cleaned;
	if (meta != NULL && (is_site_name(m, meta, strlen(meta)) || dangling(meta)))
		meta = NULL;
	/* The article's own heading when it says the same as the page's title
	 * (half of the words of each in the other): what a reader sees over
	 * the text, without a "Petition :" or a shortened sharing title. With
	 * no usable title, a heading the page marks as the article's, or its
	 * only <h1>. */
	const char *best = NULL;
	int best_score = 0;
	for (size_t i = 0; i < m->h1_n; i++) {
		const char *h = unescape(m->doc, m->h1s[i]);
		if (count_words(h, strlen(h)) < 2 || strlen(h) > 300 || is_site_name(m, h, strlen(h)))
			continue;
		if (meta == NULL) {
			if (m->h1_marked[i] || m->h1_count == 1)
				return h;
			continue;
		}
		int a = words_shared(h, meta), b = words_shared(meta, h);
		int score = a < b ? a : b;
		/* "Local News | The title": the heading holds the title and
		 * more around it (when it holds it with words inside, "Change X
		 * (5 Examples) | Y", the title is the heading shortened). */
		if (b == 100 && a < 100 && contains_folded(h, meta))
			continue;
		/* "Pétition : The title", "What are X? definition and meaning":
		 * the heading is the title without the page's framing. */
		if (a == 100 && b < 50)
			score = 50;
		if (((a >= 50 && b >= 50) || a == 100) && score > best_score) {
			best = h;
			best_score = score;
		}
	}
	if (best != NULL)
		return best;
	/* A headline the page marks as its article's (inside <article>,
	 * itemprop=headline, class "title" or "headline") that says something
	 * else than the sharing title, neither holding the other: what a
	 * reader sees over the text ("The Revenge of Roger's Angels" under a
	 * sharing title "How Fox News Women Took Down Roger Ailes"). */
	for (size_t i = 0; meta != NULL && i < m->h1_n; i++) {
		const char *h = unescape(m->doc, m->h1s[i]);
		if (m->h1_headline[i] && count_words(h, strlen(h)) >= 3 && strlen(h) <= 300 &&
		    !is_site_name(m, h, strlen(h)) && !contains_folded(h, meta) &&
		    !contains_folded(meta, h))
			return h;
	}
	if (meta != NULL)
		return meta;
	if (m->h1_count == 1 && m->h1 != NULL && count_words(m->h1, strlen(m->h1)) >= 2)
		return unescape(m->doc, m->h1);
	/* Only the site's name for a title, no heading of the article's
	 * own: its first section heading (trafilatura's last resort). */
	if (meta == NULL && cleaned != NULL && m->h1_n == 0 && m->h2 != NULL)
		return unescape(m->doc, m->h2);
	return cleaned ? cleaned : m->h1 != NULL ? unescape(m->doc, m->h1) : NULL;
}

/* The day number of a YYYY-MM-DD date (days from civil, Howard Hinnant's
 * algorithm); 0 when it is no such date. */
static long day_number(const char *v)
{
	int y = 0, mo = 0, d = 0;
	if (sscanf(v, "%4d-%2d-%2d", &y, &mo, &d) != 3)
		return 0;
	y -= mo <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe + 1000000;
}

/* Days between two YYYY-MM-DD dates (absolute), or -1. */
static long days_apart(const char *a, const char *b)
{
	long da = day_number(a), db = day_number(b);
	if (da == 0 || db == 0)
		return -1;
	return da > db ? da - db : db - da;
}

/* 1 when source k's date may be where source s's UTC instant was local:
 * a day apart, and when k is an instant too, the same one's day (a
 * comment's time elsewhere on the page is not). */
static int local_day_of(const meta_state *m, int s, int k)
{
	if (m->date[k] == NULL || m->date_utc[k] || days_apart(m->date[s], m->date[k]) != 1)
		return 0;
	return !m->date_zoned[k] ||
	       day_number(m->date[k]) + m->date_shift[k] == day_number(m->date[s]);
}

/* The authors of the most trusted source that names someone. A web
 * address ("MesOpinions.com") or a placeholder names no one, and the site's
 * own name ("L'Opinion", "The New York Times") is a last resort: a person
 * further down is better. */
static void pick_authors(meta_state *m, html_meta *out)
{
	const char *site = NULL;
	for (int s = 0; s < SRC_COUNT && out->author_count == 0; s++) {
		/* Links and bylines elsewhere on the page (related articles)
		 * name other people: from them, only the first. */
		size_t take = s >= SRC_MARKUP && m->author_count[s] > 1 ? 1 : m->author_count[s];
		for (size_t i = 0; i < m->author_count[s] && out->author_count < take; i++) {
			const char *a = unescape(m->doc, m->authors[s][i]);
			if (strstr(a, "www.") || strstr(a, ".com") || ieq(a, "No Author") || ieq(a, "admin"))
				continue;
			if (is_site_name(m, a, strlen(a))) {
				set_once(&site, a);
				continue;
			}
			out->authors[out->author_count++] = a;
		}
	}
	if (out->author_count == 0 && site != NULL)
		out->authors[out->author_count++] = site;
}

void folio_html_meta(folio_doc *doc, htmlDocPtr html, html_meta *out)
{
	memset(out, 0, sizeof(*out));
	meta_state *m = folio_doc_alloc(doc, sizeof(*m));
	if (m == NULL)
		return;
	m->doc = doc;
	m->ld_rank = -1;
	visit(m, xmlDocGetRootElement(html), 0);
	m->date[SRC_URL] = url_date(doc, m->url[SRC_META] ? m->url[SRC_META] : m->url[SRC_LD]);
	out->title = pick_title(m);
	out->site_name = m->site_name;
	for (int s = 0; s < SRC_COUNT; s++) {
		if (out->date == NULL && m->date[s] != NULL) {
			out->date = m->date[s];
			/* A UTC timestamp's day may be the next (or previous) one
			 * where the article was written: the next most trusted
			 * local date the page gives, when a day apart, is the
			 * article's. */
			for (int k = s + 1; m->date_utc[s] && k < SRC_COUNT; k++) {
				if (m->date[k] == NULL || m->date_utc[k])
					continue;
				if (local_day_of(m, s, k))
					out->date = m->date[k];
				break;
			}
		}
		set_once(&out->summary, unescape(doc, m->summary[s]));
		set_once(&out->url, m->url[s]);
		if (out->tag_count == 0) {
			for (size_t i = 0; i < m->tag_count[s]; i++)
				out->tags[out->tag_count++] = m->tags[s][i];
		}
	}
	pick_authors(m, out);
	out->base = m->base ? m->base : out->url;
	/* <html lang="en-US">, else og:locale "fr_FR". */
	const char *lang = m->lang ? m->lang : m->locale;
	if (lang != NULL) {
		char buf[36];
		size_t n = 0;
		for (; lang[n] && n + 1 < sizeof(buf); n++)
			buf[n] = lang[n] == '_' ? '-' : lang[n];
		buf[n] = '\0';
		out->lang = folio_doc_strndup(doc, buf, n);
	}
}
