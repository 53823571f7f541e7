/* folio — the presentation catalogue: what every format prints around the
 * article (bylines, dates, "Page N of M", "References", ...) in the article's
 * language, from one table in core (core/src/present.c) so that text, HTML,
 * JSON, bundles and PDF read the same.
 *
 * Languages: en fr es de zh-Hans zh-Hant vi tl ko ru el ar ht pt pl hi pa ja fa he th.
 * A language tag is looked up case-insensitively ('_' taken as '-'):
 *   1. the whole tag ("zh-Hant"), then with its last subtag dropped, again and
 *      again ("pt-BR" → "pt", "zh-Hant-TW" → "zh-Hant" → "zh");
 *   2. Chinese by script or region: zh, zh-CN, zh-SG → zh-Hans; zh-TW, zh-HK,
 *      zh-MO → zh-Hant; "fil" is read as "tl";
 *   3. English when nothing matches (or the tag is NULL or empty).
 * folio_present_lang says which row a tag lands on, so a caller can mark a
 * fallback. Adding a language is adding one row to the table.
 *
 * The formatting functions follow snprintf: they write at most n bytes
 * (always NUL-terminated when n > 0) and return the length the whole text
 * needs, so a caller may size a buffer with a first call of n = 0. The text
 * is UTF-8.
 */
#ifndef FOLIO_PRESENT_H
#define FOLIO_PRESENT_H

#include <stddef.h>

#include "folio/doc.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum folio_text_key {
	FOLIO_TEXT_BY,               /* "By" (before a byline) */
	FOLIO_TEXT_REFERENCES,       /* "References" */
	FOLIO_TEXT_READ_ONLINE,      /* "Read this online" (the QR code's caption) */
	FOLIO_TEXT_CONTACT_US,       /* "Contact us" */
	FOLIO_TEXT_NEXT_APPOINTMENT, /* "Your next appointment" (appointment card) */
	FOLIO_TEXT_APPT_DATE,        /* "Date" */
	FOLIO_TEXT_APPT_TIME,        /* "Time" */
	FOLIO_TEXT_APPT_WITH,        /* "With" */
	FOLIO_TEXT_NOTES,            /* "Notes" */
	FOLIO_TEXT_DISCLAIMER,       /* "Disclaimer" */
	FOLIO_TEXT_KEY_POINTS,       /* "Key points" */
	FOLIO_TEXT_WHEN_TO_CALL,     /* "When to call us" */
	FOLIO_TEXT_LINKS,            /* "Links" (text export's link notes) */
	FOLIO_TEXT_IMAGE,            /* "Image" */
	FOLIO_TEXT_THIS_VERSION,     /* "English version": a link to this language's version */
	FOLIO_TEXT_PHONE,            /* "Phone" */
	FOLIO_TEXT_EMAIL,            /* "E-mail" */
	FOLIO_TEXT_LABEL_SEP,        /* ": " between a label and its value ("\u00a0: " in French) */
	FOLIO_TEXT_COUNT
} folio_text_key;

/* The catalogue's tag for lang after the fallback above ("en" at worst). */
FOLIO_API const char *folio_present_lang(const char *lang);
/* 1 when lang has a row of its own (no fallback to English was needed). */
FOLIO_API int folio_present_has_lang(const char *lang);
/* "rtl" for right-to-left languages (ar, fa, he, ur, ...), else "ltr". */
FOLIO_API const char *folio_present_dir(const char *lang);
/* A furniture string; never NULL (English for an unknown key's row). */
FOLIO_API const char *folio_text(const char *lang, folio_text_key key);

/* Quotation marks, from CLDR's delimiters for each row: “ ” ‘ ’ in English,
 * « » in French, „ “ ‚ ‘ in German, 「 」 『 』 in Japanese and Traditional
 * Chinese, ... */
typedef enum folio_quote_mark {
	FOLIO_QUOTE_OPEN,        /* the outer opening mark: “ « „ 「 */
	FOLIO_QUOTE_CLOSE,       /* the outer closing mark: ” » “ 」 */
	FOLIO_QUOTE_INNER_OPEN,  /* a quotation inside a quotation: ‘ ‚ 『 */
	FOLIO_QUOTE_INNER_CLOSE, /* ’ ‘ 』 */
	FOLIO_QUOTE_PAD,         /* between a mark and the words it encloses: a narrow
	                            no-break space (U+202F) in French, else "" */
	FOLIO_QUOTE_MARK_COUNT
} folio_quote_mark;

/* One of lang's quotation marks; never NULL. */
FOLIO_API const char *folio_present_quote(const char *lang, folio_quote_mark mark);

/* s (len bytes of UTF-8) with its straight quotes made lang's typographic
 * marks, the way folio_doc_typographic_quotes does it to a document's text.
 * The caller frees the result; NULL when out of memory. */
FOLIO_API char *folio_present_quotes(const char *lang, const char *s, size_t len);

/* Makes the straight quotes (" and ') of doc's text typographic, in the
 * marks of the document's language (FOLIO_META_LANG): a " or ' that opens a
 * quotation becomes the opening mark, one that closes it the closing mark ("
 * the outer pair, ' the inner pair); an apostrophe (don't, l'épaule, '90s)
 * becomes ’; after a digit, a ' or " that closes nothing becomes a prime
 * (5′10″). Text already typographic is kept, and so are code spans and code
 * blocks, links whose text is their address, URLs, DOIs and attribute-like
 * text (name="value") in running text, and the reference list. Headings,
 * paragraphs, table cells, image captions and alt text, the title, subtitle
 * and summary are done. The importers run this unless told to keep quotes
 * straight (folio_import_options.quotes). */
FOLIO_API folio_status folio_doc_typographic_quotes(folio_doc *doc, folio_error *err);

/* "Page 2 of 5", "Page 2 sur 5", "第 2 页，共 5 页", ... */
FOLIO_API size_t folio_present_page_of(const char *lang, int page, int pages, char *out, size_t n);
/* An ISO date (YYYY-MM-DD) in the language's usual long form: "1 May 2024",
 * "1 mai 2024", "1 de mayo de 2024", "2024年5月1日", "2024년 5월 1일". Any
 * other text (a partial date, "spring 2024") is copied as it is. */
FOLIO_API size_t folio_present_date(const char *lang, const char *iso, char *out, size_t n);
/* The authors with their credentials, joined by the language's rule: one rule
 * for every format. "A, PT", "A, PT and B, DPT", "A, PT; B, DPT and C, RMT"
 * ("… et C, RMT", "… y C, RMT"); without credentials the separator is a comma
 * ("A, B and C"); CJK joins with "、". With with_by, the language's "By"
 * comes first ("By A, PT", "Par A, PT", "作者：A"). 0 and "" without authors. */
FOLIO_API size_t folio_present_byline(const folio_doc *doc, const char *lang, int with_by,
                                      char *out, size_t n);
/* The link form of a DOI: "https://doi.org/10.1000/x" (a "doi:" prefix or a
 * doi.org URL given is normalised). */
FOLIO_API size_t folio_present_doi_url(const char *doi, char *out, size_t n);
/* A URL as printed: the scheme and "www." dropped, no trailing '/'
 * ("https://www.example.org/a/" → "example.org/a"). */
FOLIO_API size_t folio_present_url(const char *url, char *out, size_t n);

#ifdef __cplusplus
}
#endif

#endif
