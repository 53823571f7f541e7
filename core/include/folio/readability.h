/* folio — readability: how hard an article is to read.
 *
 * English: Flesch Reading Ease, Flesch–Kincaid grade and SMOG.
 * French: Kandel–Moles (207 − 1.015 × words/sentences − 73.6 × syllables/words).
 * Spanish: Fernández Huerta (206.84 − 60 × syllables/words − 102 ×
 * sentences/words), syllables counted by Spanish spelling (diphthongs,
 * hiatus on an accented i or u, the silent u of que/gui).
 * The language is the document's `lang` (a tag starting with "fr" is French,
 * "es" Spanish, "en" or none English), unless the options name one. Any
 * other language has no formula here: its words and sentences are counted,
 * but no score and no grade are given (NAN), rather than an English
 * formula's, which would mislead (folio_readability_has_formula).
 *
 * What is read: paragraphs, including those inside list items and block
 * quotes. Headings, code (blocks and inline), tables, images and the
 * references section are left out: they are labels, literals or citations,
 * not prose a patient reads as sentences. Each paragraph ends a sentence, so a
 * list item without a full stop still counts as one.
 *
 * The grade: Flesch–Kincaid for English. For French, the Kandel–Moles score is
 * mapped to a grade-equivalent through Flesch's own table of reading-ease
 * bands (90+ ≈ grade 5, 80 ≈ 6, 70 ≈ 7, 60–70 ≈ 8–9, 50–60 ≈ 10–12, 30–50 ≈
 * college, under 30 ≈ graduate), interpolated linearly between band centres.
 *
 * The result is opaque and owned by the caller (folio_readability_free). It
 * copies what it keeps, so it outlives the document. Work is linear in the
 * text.
 */
#ifndef FOLIO_READABILITY_H
#define FOLIO_READABILITY_H

#include <stddef.h>

#include "folio/doc.h"
#include "folio/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct folio_readability folio_readability;

/* Starts with its size so it can grow at the end. Zeroed fields mean the
 * default. */
typedef struct folio_readability_options {
	size_t size;         /* sizeof(folio_readability_options) */
	double target_grade; /* paragraphs and the article are judged against it; 0: 8 */
	const char *lang;    /* "en", "fr", "fr-CA", ...; NULL: the document's, else "en" */
} folio_readability_options;

/* The measured totals. */
typedef enum folio_readability_count {
	FOLIO_READ_WORDS = 0,
	FOLIO_READ_SENTENCES,
	FOLIO_READ_SYLLABLES,
	FOLIO_READ_POLYSYLLABLES, /* words of 3 syllables or more (SMOG's count) */
	FOLIO_READ_LONG_WORDS,    /* words of 3+ syllables (English) or 4+ (French) */
	FOLIO_READ_COUNT_COUNT
} folio_readability_count;

/* The scores. A score that does not apply to the language (Kandel–Moles for
 * English; Flesch, Flesch–Kincaid and SMOG for French), or any score of an
 * article without words, is NAN (test with isnan). FOLIO_READ_GRADE is 0 for
 * an article without words. */
typedef enum folio_readability_score {
	FOLIO_READ_FLESCH_EASE = 0,
	FOLIO_READ_FLESCH_KINCAID,
	FOLIO_READ_SMOG,
	FOLIO_READ_KANDEL_MOLES,
	FOLIO_READ_GRADE,  /* Flesch–Kincaid (never below 0), or the French grade-equivalent */
	FOLIO_READ_TARGET, /* the target grade used */
	FOLIO_READ_FERNANDEZ_HUERTA, /* Spanish reading ease (Flesch's scale) */
	FOLIO_READ_SCORE_COUNT
} folio_readability_score;

/* Measures doc. opts may be NULL. NULL on error (out of memory, bad options;
 * err says why). The caller frees the result with folio_readability_free. */
FOLIO_API folio_readability *folio_readability_measure(const folio_doc *doc,
                                                       const folio_readability_options *opts,
                                                       folio_error *err);

/* Only the grade of doc (FOLIO_READ_GRADE of folio_readability_measure,
 * computed without the hardest sentences, long words and paragraphs, so
 * cheaper; over the paragraphs up to the 10,000th word, where a longer text's
 * grade has settled): 1 and *grade set, 0 when doc has no words to measure,
 * -1 when out of memory. */
FOLIO_API int folio_readability_grade(const folio_doc *doc, double *grade);

/* The same for plain UTF-8 text: paragraphs are separated by blank lines. */
FOLIO_API folio_readability *folio_readability_measure_text(const char *text, size_t len,
                                                            const folio_readability_options *opts,
                                                            folio_error *err);

FOLIO_API void folio_readability_free(folio_readability *r);

/* "en", "fr" or "es": the language the figures were computed for; the tag
 * asked for when it has no formula. */
FOLIO_API const char *folio_readability_lang(const folio_readability *r);
/* 1 when the language has a formula; 0 when there is no score or grade. */
FOLIO_API int folio_readability_has_formula(const folio_readability *r);
FOLIO_API size_t folio_readability_get_count(const folio_readability *r, folio_readability_count c);
FOLIO_API double folio_readability_get_score(const folio_readability *r, folio_readability_score s);
/* 1 when the grade is above the target. */
FOLIO_API int folio_readability_above_target(const folio_readability *r);
/* Flesch's band for the reading-ease (English) or Kandel–Moles (French)
 * score: "very easy", "easy", "fairly easy", "standard", "fairly difficult",
 * "difficult", "very difficult"; "" without words. Static storage. */
FOLIO_API const char *folio_readability_level(const folio_readability *r);

/* The hardest sentences (at most 5), hardest first, by their own grade
 * (the article's grade formula applied to the one sentence); ties keep
 * document order. Sentences under 6 words are not ranked: a two-word answer
 * with one long word gets a high grade without being hard to read. Strings are owned by r,
 * whitespace collapsed. */
FOLIO_API size_t folio_readability_hardest_count(const folio_readability *r);
FOLIO_API const char *folio_readability_hardest_text(const folio_readability *r, size_t i);
FOLIO_API double folio_readability_hardest_grade(const folio_readability *r, size_t i);
FOLIO_API size_t folio_readability_hardest_words(const folio_readability *r, size_t i);

/* Long words (at most 10, lowercased; French elisions such as l' or qu'
 * dropped), most frequent first; ties keep the order of first use. Strings are owned by r. */
FOLIO_API size_t folio_readability_long_word_count(const folio_readability *r);
FOLIO_API const char *folio_readability_long_word(const folio_readability *r, size_t i);
FOLIO_API size_t folio_readability_long_word_uses(const folio_readability *r, size_t i);
FOLIO_API unsigned folio_readability_long_word_syllables(const folio_readability *r, size_t i);

/* Paragraphs whose own grade is above the target, in document order. Only
 * paragraphs of 10 words or more are judged: a grade of a shorter text says
 * little. The preview is the first 8 words (with "..." when cut); line is the
 * paragraph's source line, 0 when unknown. Strings are owned by r. */
FOLIO_API size_t folio_readability_paragraph_count(const folio_readability *r);
FOLIO_API const char *folio_readability_paragraph_preview(const folio_readability *r, size_t i);
FOLIO_API double folio_readability_paragraph_grade(const folio_readability *r, size_t i);
FOLIO_API unsigned folio_readability_paragraph_line(const folio_readability *r, size_t i);

/* Syllables in one word of UTF-8 text (apostrophes and hyphens split it into
 * parts that are counted and summed), by the rules of lang ("fr..." French,
 * anything else English). 0 when the word has no letter; a number counts as
 * one. */
FOLIO_API unsigned folio_syllable_count(const char *word, size_t len, const char *lang);

#ifdef __cplusplus
}
#endif
#endif
