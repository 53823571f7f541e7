/* folio — readability internals shared by readability.c, syllables.c and the
 * unit tests. Not installed. */
#ifndef FOLIO_READABILITY_PRIVATE_H
#define FOLIO_READABILITY_PRIVATE_H

#include <stddef.h>

#include "folio/readability.h"

/* The languages with a formula, and NONE for the others (no score, no
 * grade: an English formula says nothing of a Russian text). */
typedef enum folio_rd_lang { FOLIO_RD_EN = 0, FOLIO_RD_FR, FOLIO_RD_ES, FOLIO_RD_NONE } folio_rd_lang;

/* "fr", "fr-CA", "FR" -> French; "es..." -> Spanish; "en...", NULL or ""
 * -> English; any other language -> NONE. */
folio_rd_lang folio_rd_lang_of(const char *tag);

/* Syllables of one word (UTF-8, len bytes), by the language's rules. */
unsigned folio_rd_syllables(const char *word, size_t len, folio_rd_lang lang);

/* One sentence found by the scanner: byte offsets into the scanned text
 * [start, end), and its counts. */
typedef struct folio_rd_sentence {
	size_t start;
	size_t end;
	size_t words;
	size_t syllables;
	size_t polysyllables;
} folio_rd_sentence;

/* Called for each word (offsets into the text) and each sentence. Return
 * non-zero to stop (out of memory). Either may be NULL. */
typedef struct folio_rd_memo folio_rd_memo;

typedef struct folio_rd_sink {
	int (*word)(void *ud, size_t start, size_t end, unsigned syllables);
	int (*sentence)(void *ud, const folio_rd_sentence *s);
	void *ud;
	folio_rd_memo *memo; /* may be NULL: every word is counted afresh */
} folio_rd_sink;

/* Syllable counts remembered across the scans of one text (its words
 * repeat). NULL when out of memory, which only makes scans slower. */
folio_rd_memo *folio_rd_memo_new(void);
void folio_rd_memo_free(folio_rd_memo *memo);

/* Splits one paragraph's text into words and sentences; the end of the text
 * ends the last sentence. Returns non-zero when a callback stopped it. */
int folio_rd_scan(const char *text, size_t len, folio_rd_lang lang, const folio_rd_sink *sink);

/* The grade of a text with these counts in lang (Flesch–Kincaid, or the
 * French grade-equivalent of Kandel–Moles). 0 when words is 0. */
double folio_rd_grade(folio_rd_lang lang, size_t words, size_t sentences, size_t syllables);

/* The French grade-equivalent of a Kandel–Moles score. */
double folio_rd_km_to_grade(double km);

#endif
