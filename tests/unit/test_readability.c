/* Tests for core/src/readability.c, readability_scan.c and syllables.c:
 * syllables against hand-counted word lists, sentence splitting, each
 * formula on small texts worked out by hand, the walk over a document. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "folio/folio.h"
#include "readability_private.h"

#define TOL 0.01

/* ---- syllables ------------------------------------------------------------- */

/* Reads "word count" lines from a fixture and returns the share the counter
 * gets exactly right; misses are printed so a regression names its words. */
static double word_list_accuracy(const char *name, folio_rd_lang lang, size_t *total)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/tests/fixtures/readability/%s", FOLIO_TEST_SOURCE_DIR,
	         name);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char line[256];
	size_t n = 0, right = 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		char word[128];
		unsigned want;
		if (line[0] == '#' || sscanf(line, "%127s %u", word, &want) != 2)
			continue;
		unsigned got = folio_rd_syllables(word, strlen(word), lang);
		n++;
		if (got == want)
			right++;
		else
			print_message("  %s: %s has %u syllables, counted %u\n", name, word, want,
			              got);
	}
	fclose(f);
	*total = n;
	return n ? (double)right / (double)n : 0.0;
}

static void test_english_word_list(void **state)
{
	(void)state;
	size_t n = 0;
	double acc = word_list_accuracy("en-words.txt", FOLIO_RD_EN, &n);
	assert_true(n >= 60);
	/* The documented error rate: at most 1 word in 10. */
	assert_true(acc >= 0.90);
}

static void test_french_word_list(void **state)
{
	(void)state;
	size_t n = 0;
	double acc = word_list_accuracy("fr-words.txt", FOLIO_RD_FR, &n);
	assert_true(n >= 40);
	assert_true(acc >= 0.90);
}

static void test_syllable_edges(void **state)
{
	(void)state;
	assert_int_equal(folio_syllable_count("", 0, "en"), 0);
	assert_int_equal(folio_syllable_count("42", 2, "en"), 1);
	assert_int_equal(folio_syllable_count("---", 3, "en"), 0);
	/* Case and language tags. */
	assert_int_equal(folio_syllable_count("EXERCISE", 8, NULL), 3);
	assert_int_equal(folio_syllable_count("parlent", 7, "fr-CA"), 1);
	assert_int_equal(folio_syllable_count("parlent", 7, "en"), 2);
	/* Decomposed accents (e + combining acute, i + combining diaeresis)
	 * count like composed ones. */
	assert_int_equal(folio_syllable_count("nai\xCC\x88" "f", 6, "fr"), 2);
	assert_int_equal(folio_syllable_count("naif", 4, "fr"), 1);
	assert_int_equal(folio_syllable_count("ide\xCC\x81"
	                                      "e",
	                                      6, "fr"),
	                 2);
	/* Hyphens split a word into parts counted on their own: the final e of
	 * "rate" stays silent inside "heart-rate". */
	assert_int_equal(folio_syllable_count("heart-rate", 10, "en"), 2);
	/* A very long word is still counted, not cut to nothing. */
	char longword[300];
	for (size_t i = 0; i < 100; i++)
		memcpy(longword + 3 * i, "bab", 3);
	assert_true(folio_syllable_count(longword, 300, "en") >= 90);
}

/* ---- sentences --------------------------------------------------------------- */

/* Word and sentence counts of a scan. */
typedef struct counted {
	size_t sentences;
	size_t words;
} counted;

static int count_sentence(void *ud, const folio_rd_sentence *s)
{
	(void)s;
	((counted *)ud)->sentences++;
	return 0;
}

static int count_word(void *ud, size_t start, size_t end, unsigned syl)
{
	(void)start;
	(void)end;
	(void)syl;
	((counted *)ud)->words++;
	return 0;
}

/* Sentences as text, with their word counts (the first 16). */
typedef struct collected {
	char texts[16][160];
	size_t words[16];
	size_t count;
} collected;

typedef struct text_ctx {
	const char *text;
	collected c;
} text_ctx;

static int on_sentence_text(void *ud, const folio_rd_sentence *s)
{
	text_ctx *t = ud;
	if (t->c.count < 16) {
		snprintf(t->c.texts[t->c.count], sizeof(t->c.texts[0]), "%.*s",
		         (int)(s->end - s->start), t->text + s->start);
		t->c.words[t->c.count] = s->words;
	}
	t->c.count++;
	return 0;
}

static size_t sentences_of(const char *text, folio_rd_lang lang, text_ctx *t)
{
	memset(t, 0, sizeof(*t));
	t->text = text;
	folio_rd_sink sink = {NULL, on_sentence_text, t};
	assert_int_equal(folio_rd_scan(text, strlen(text), lang, &sink), 0);
	return t->c.count;
}

static void test_sentence_split_basic(void **state)
{
	(void)state;
	text_ctx t;
	assert_int_equal(
	    sentences_of("Rest a little. Then move again! Does it hurt? No.", FOLIO_RD_EN, &t), 4);
	assert_string_equal(t.c.texts[0], "Rest a little.");
	assert_string_equal(t.c.texts[1], "Then move again!");
	assert_string_equal(t.c.texts[2], "Does it hurt?");
	assert_string_equal(t.c.texts[3], "No.");
	assert_int_equal(t.c.words[1], 3);
	/* The end of the text ends a sentence without a full stop (list items). */
	assert_int_equal(sentences_of("a short walk after lunch", FOLIO_RD_EN, &t), 1);
	assert_string_equal(t.c.texts[0], "a short walk after lunch");
	/* No words, no sentence. */
	assert_int_equal(sentences_of("... !? --", FOLIO_RD_EN, &t), 0);
	assert_int_equal(sentences_of("", FOLIO_RD_EN, &t), 0);
}

static void test_sentence_split_abbreviations(void **state)
{
	(void)state;
	text_ctx t;
	assert_int_equal(sentences_of("Dr. Lin saw Maya Ortiz, P.T. She suggested heat, e.g. a "
	                              "warm towel. It helped.",
	                              FOLIO_RD_EN, &t),
	                 2);
	assert_string_equal(t.c.texts[0],
	                    "Dr. Lin saw Maya Ortiz, P.T. She suggested heat, e.g. a warm towel.");
	/* Decimals and a lowercase word after a full stop. */
	assert_int_equal(
	    sentences_of("Take 2.5 mg twice a day. Walk approx. ten minutes.", FOLIO_RD_EN, &t), 2);
	assert_string_equal(t.c.texts[1], "Walk approx. ten minutes.");
	/* Closing quotes and brackets stay with their sentence; an ellipsis ends. */
	assert_int_equal(sentences_of("She said \"stop.\" (It was late.) We waited\xE2\x80\xA6 "
	                              "Then we left.",
	                              FOLIO_RD_EN, &t),
	                 4);
	assert_string_equal(t.c.texts[0], "She said \"stop.\"");
	assert_string_equal(t.c.texts[1], "(It was late.)");
	/* A URL or a file name is one word, not two sentences. */
	assert_int_equal(sentences_of("See example.org for more. Thanks.", FOLIO_RD_EN, &t), 2);
	assert_int_equal(t.c.words[0], 4);
}

static void test_sentence_split_french(void **state)
{
	(void)state;
	text_ctx t;
	assert_int_equal(sentences_of("Qu'est-ce qu'une épaule gelée ? Elle guérit, p. ex. en "
	                              "un an. M. Roy l'a vu.",
	                              FOLIO_RD_FR, &t),
	                 3);
	assert_string_equal(t.c.texts[0], "Qu'est-ce qu'une épaule gelée ?");
	assert_string_equal(t.c.texts[1], "Elle guérit, p. ex. en un an.");
	/* Elided and hyphenated words are one word each. */
	assert_int_equal(t.c.words[0], 4);
}

static void test_word_callback(void **state)
{
	(void)state;
	counted c = {0, 0};
	folio_rd_sink sink = {count_word, count_sentence, &c};
	const char *text = "Sit tall; breathe out slowly, 3 times.";
	assert_int_equal(folio_rd_scan(text, strlen(text), FOLIO_RD_EN, &sink), 0);
	assert_int_equal(c.words, 7);
	assert_int_equal(c.sentences, 1);
}

/* The syllables of every word, in order. */
typedef struct syl_list {
	unsigned syl[8192];
	size_t n;
} syl_list;

static int list_word(void *ud, size_t start, size_t end, unsigned syllables)
{
	syl_list *l = ud;
	(void)start;
	(void)end;
	if (l->n < 8192)
		l->syl[l->n++] = syllables;
	return 0;
}

/* The memo of syllable counts across scans changes no count: many words,
 * repeated, some sharing a memo slot, some too long to remember, in two
 * languages and across several scans. */
static void test_syllable_memo(void **state)
{
	(void)state;
	static const char *const words[] = {
	    "shoulder", "physiotherapy", "area", "the", "créée", "naïve", "kinésithérapeute",
	    "everything", "electroencephalographically", "immobilisation", "ice", "recovery",
	    "capsulite", "rétractile", "people", "Business", "Épaule", "a", "strengthening"};
	static const folio_rd_lang langs[] = {FOLIO_RD_EN, FOLIO_RD_FR};
	char text[8192];
	for (size_t l = 0; l < 2; l++) {
		syl_list *plain = calloc(1, sizeof(*plain)), *memo = calloc(1, sizeof(*memo));
		folio_rd_memo *m = folio_rd_memo_new();
		assert_non_null(plain);
		assert_non_null(memo);
		assert_non_null(m);
		for (int scan = 0; scan < 4; scan++) {
			size_t o = 0;
			for (size_t i = 0; i < 300; i++) {
				const char *w = words[(i * 7 + (size_t)scan) % (sizeof(words) / sizeof(words[0]))];
				o += (size_t)snprintf(text + o, sizeof(text) - o, "%s%s", w, i % 9 == 8 ? ". " : " ");
			}
			folio_rd_sink a = {list_word, NULL, plain, NULL};
			folio_rd_sink b = {list_word, NULL, memo, m};
			assert_int_equal(folio_rd_scan(text, o, langs[l], &a), 0);
			assert_int_equal(folio_rd_scan(text, o, langs[l], &b), 0);
		}
		/* 2,400 different made-up words of 1 to 4 syllables, twice: more words
		 * than the memo has slots, so slots are taken over. */
		static const char *const syl[] = {"ba", "kel", "lo", "mu", "tri", "ra", "so"};
		char *big = malloc(64 * 2400 * 2);
		assert_non_null(big);
		size_t o = 0;
		for (int round = 0; round < 2; round++)
			for (size_t i = 0; i < 2400; i++) {
				size_t v = i;
				do {
					o += (size_t)snprintf(big + o, 64, "%s", syl[v % 7]);
					v /= 7;
				} while (v > 0);
				big[o++] = i % 10 == 9 ? '.' : ' ';
				big[o++] = ' ';
			}
		folio_rd_sink a = {list_word, NULL, plain, NULL};
		folio_rd_sink b = {list_word, NULL, memo, m};
		assert_int_equal(folio_rd_scan(big, o, langs[l], &a), 0);
		assert_int_equal(folio_rd_scan(big, o, langs[l], &b), 0);
		free(big);
		assert_int_equal(plain->n, 1200 + 4800);
		assert_int_equal(memo->n, plain->n);
		assert_memory_equal(memo->syl, plain->syl, plain->n * sizeof(plain->syl[0]));
		folio_rd_memo_free(m);
		free(plain);
		free(memo);
	}
}

/* ---- formulas ----------------------------------------------------------------- */

static folio_readability *measure(const char *text, const char *lang, double target)
{
	folio_readability_options o = {.size = sizeof(o), .target_grade = target, .lang = lang};
	folio_error err;
	folio_readability *r = folio_readability_measure_text(text, strlen(text), &o, &err);
	assert_non_null(r);
	return r;
}

static void test_one_syllable_text(void **state)
{
	(void)state;
	/* 9 words, 2 sentences, 9 syllables, no polysyllable:
	 * FRE = 206.835 - 1.015 * 4.5 - 84.6 * 1 = 117.6675
	 * FK = 0.39 * 4.5 + 11.8 * 1 - 15.59 = -2.035
	 * SMOG = 1.0430 * sqrt(0) + 3.1291 = 3.1291 */
	folio_readability *r = measure("The cat sat on the mat. The dog ran.", "en", 0);
	assert_int_equal(folio_readability_get_count(r, FOLIO_READ_WORDS), 9);
	assert_int_equal(folio_readability_get_count(r, FOLIO_READ_SENTENCES), 2);
	assert_int_equal(folio_readability_get_count(r, FOLIO_READ_SYLLABLES), 9);
	assert_float_equal(folio_readability_get_score(r, FOLIO_READ_FLESCH_EASE), 117.6675, TOL);
	assert_float_equal(folio_readability_get_score(r, FOLIO_READ_FLESCH_KINCAID), -2.035, TOL);
	assert_float_equal(folio_readability_get_score(r, FOLIO_READ_SMOG), 3.1291, TOL);
	/* The grade is Flesch-Kincaid held at 0. */
	assert_float_equal(folio_readability_get_score(r, FOLIO_READ_GRADE), 0.0, TOL);
	assert_true(isnan(folio_readability_get_score(r, FOLIO_READ_KANDEL_MOLES)));
	assert_float_equal(folio_readability_get_score(r, FOLIO_READ_TARGET), 8.0, TOL);
	assert_false(folio_readability_above_target(r));
	assert_string_equal(folio_readability_level(r), "very easy");
	assert_string_equal(folio_readability_lang(r), "en");
	/* Sentences under 6 words are not ranked as hard: only the first is. */
	assert_int_equal(folio_readability_hardest_count(r), 1);
	assert_string_equal(folio_readability_hardest_text(r, 0), "The cat sat on the mat.");
	folio_readability_free(r);
}

static void test_english_formulas(void **state)
{
	(void)state;
	/* Gentle 2, exercise 3, can 1, reduce 2, stiffness 2 | Patients 2,
	 * usually 4, recover 3: 8 words, 2 sentences, 19 syllables, 3 words of
	 * 3+ syllables.
	 * FRE = 206.835 - 1.015 * 4 - 84.6 * 2.375 = 1.85
	 * FK = 0.39 * 4 + 11.8 * 2.375 - 15.59 = 13.995
	 * SMOG = 1.0430 * sqrt(3 * 30 / 2) + 3.1291 = 10.1258 */
	folio_readability *r =
	    measure("Gentle exercise can reduce stiffness. Patients usually recover.", "en", 10);
	assert_int_equal(folio_readability_get_count(r, FOLIO_READ_WORDS), 8);
	assert_int_equal(folio_readability_get_count(r, FOLIO_READ_SYLLABLES), 19);
	assert_int_equal(folio_readability_get_count(r, FOLIO_READ_POLYSYLLABLES), 3);
	assert_float_equal(folio_readability_get_score(r, FOLIO_READ_FLESCH_EASE), 1.85, TOL);
	assert_float_equal(folio_readability_get_score(r, FOLIO_READ_FLESCH_KINCAID), 13.995, TOL);
	assert_float_equal(folio_readability_get_score(r, FOLIO_READ_SMOG), 10.1258, TOL);
	assert_true(folio_readability_above_target(r));
	assert_string_equal(folio_readability_level(r), "very difficult");
	/* Long words, most used first then in order of first use. */
	assert_int_equal(folio_readability_long_word_count(r), 3);
	assert_string_equal(folio_readability_long_word(r, 0), "exercise");
	assert_string_equal(folio_readability_long_word(r, 2), "recover");
	assert_int_equal(folio_readability_long_word_syllables(r, 1), 4);
	folio_readability_free(r);
}

static void test_kandel_moles(void **state)
{
	(void)state;
	/* Le 1, bras 1, bouge 1 | La 1, douleur 2, diminue 3: 6 words,
	 * 2 sentences, 9 syllables.
	 * KM = 207 - 1.015 * 3 - 73.6 * 1.5 = 93.555; between the band centres
	 * 95 (grade 5) and 85 (grade 6): 6 - 0.8555 = 5.1445 */
	folio_readability *r = measure("Le bras bouge. La douleur diminue.", "fr", 0);
	assert_string_equal(folio_readability_lang(r), "fr");
	assert_int_equal(folio_readability_get_count(r, FOLIO_READ_SYLLABLES), 9);
	assert_float_equal(folio_readability_get_score(r, FOLIO_READ_KANDEL_MOLES), 93.555, TOL);
	assert_float_equal(folio_readability_get_score(r, FOLIO_READ_GRADE), 5.1445, TOL);
	assert_true(isnan(folio_readability_get_score(r, FOLIO_READ_FLESCH_EASE)));
	assert_true(isnan(folio_readability_get_score(r, FOLIO_READ_SMOG)));
	assert_string_equal(folio_readability_level(r), "very easy");
	folio_readability_free(r);
}

/* Spanish syllables by Spanish spelling: diphthongs, hiatus (an accented
 * weak vowel, two strong vowels), the silent u of que/gui, y. */
static void test_spanish_syllables(void **state)
{
	static const struct {
		const char *word;
		unsigned syllables;
	} words[] = {
	    {"cuidado", 3},  {"ciudad", 2},   {"día", 2},      {"poeta", 3},
	    {"que", 1},      {"guitarra", 3}, {"pingüino", 3}, {"hoy", 1},
	    {"y", 1},        {"fisioterapeuta", 6}, {"espalda", 3}, {"leer", 2},
	    {"aire", 2},     {"río", 2},      {"pantalla", 3}, {"ordenador", 4},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (folio_syllable_count(words[i].word, strlen(words[i].word), "es") !=
		    words[i].syllables)
			fail_msg("%s: %u syllables, not %u", words[i].word,
			         folio_syllable_count(words[i].word, strlen(words[i].word), "es"),
			         words[i].syllables);
}

/* Fernández Huerta for Spanish; no formula (and so no grade) for a
 * language folio has none for, rather than an English one. */
static void test_spanish_and_no_formula(void **state)
{
	(void)state;
	/* El 1, dolor 2, baja 2 | La 1, espalda 3, mejora 3: 6 words,
	 * 2 sentences, 12 syllables. FH = 206.84 - 60 * 2 - 102 * 2/6 = 52.84;
	 * between the band centres 55 (grade 11) and 40 (14.5):
	 * 11 + (55 - 52.84) / 15 * 3.5 = 11.504 */
	folio_readability *r = measure("El dolor baja. La espalda mejora.", "es-MX", 0);
	assert_string_equal(folio_readability_lang(r), "es");
	assert_true(folio_readability_has_formula(r));
	assert_int_equal(folio_readability_get_count(r, FOLIO_READ_SYLLABLES), 12);
	assert_float_equal(folio_readability_get_score(r, FOLIO_READ_FERNANDEZ_HUERTA), 52.84, TOL);
	assert_float_equal(folio_readability_get_score(r, FOLIO_READ_GRADE), 11.504, TOL);
	assert_true(isnan(folio_readability_get_score(r, FOLIO_READ_FLESCH_KINCAID)));
	assert_string_equal(folio_readability_level(r), "fairly difficult");
	folio_readability_free(r);

	r = measure("Крепкий иммунитет помогает организму бороться с инфекциями.", "ru", 0);
	assert_string_equal(folio_readability_lang(r), "ru");
	assert_false(folio_readability_has_formula(r));
	assert_int_equal(folio_readability_get_count(r, FOLIO_READ_WORDS), 7);
	assert_true(isnan(folio_readability_get_score(r, FOLIO_READ_GRADE)));
	assert_true(isnan(folio_readability_get_score(r, FOLIO_READ_FLESCH_EASE)));
	assert_false(folio_readability_above_target(r));
	assert_string_equal(folio_readability_level(r), "");
	assert_int_equal(folio_readability_hardest_count(r), 0);
	folio_readability_free(r);
}

static void test_km_grade_mapping(void **state)
{
	(void)state;
	assert_float_equal(folio_rd_km_to_grade(150), 1.0, TOL);
	assert_float_equal(folio_rd_km_to_grade(85), 6.0, TOL);
	assert_float_equal(folio_rd_km_to_grade(60), 9.75, TOL);
	assert_float_equal(folio_rd_km_to_grade(-100), 20.0, TOL);
	/* Harder text, higher grade: the mapping never goes down. */
	double prev = 0;
	for (int s = 130; s >= -30; s--) {
		double g = folio_rd_km_to_grade(s);
		assert_true(g >= prev);
		prev = g;
	}
}

static void test_empty_text(void **state)
{
	(void)state;
	folio_readability *r = measure("\n\n   \n", NULL, 0);
	assert_int_equal(folio_readability_get_count(r, FOLIO_READ_WORDS), 0);
	assert_float_equal(folio_readability_get_score(r, FOLIO_READ_GRADE), 0.0, TOL);
	assert_true(isnan(folio_readability_get_score(r, FOLIO_READ_FLESCH_KINCAID)));
	assert_string_equal(folio_readability_level(r), "");
	assert_false(folio_readability_above_target(r));
	folio_readability_free(r);
}

static void test_bad_input(void **state)
{
	(void)state;
	folio_error err;
	folio_readability_options o = {0};
	assert_null(folio_readability_measure_text("Hi.", 3, &o, &err));
	assert_int_equal(err.code, FOLIO_ERR_USAGE);
	assert_null(folio_readability_measure_text("\xC3(", 2, NULL, &err));
	assert_int_equal(err.code, FOLIO_ERR_UTF8);
	assert_null(folio_readability_measure(NULL, NULL, &err));
	assert_int_equal(err.code, FOLIO_ERR_USAGE);
}

/* ---- documents -------------------------------------------------------------------- */

static folio_node *add_para(folio_node *parent, const char *text)
{
	folio_node *p = folio_node_add(parent, FOLIO_NODE_PARAGRAPH);
	assert_non_null(p);
	assert_non_null(folio_node_add_text(p, text, strlen(text), NULL));
	return p;
}

static folio_doc *sample_doc(void)
{
	folio_doc *doc = folio_doc_new();
	folio_node *root = folio_doc_root(doc);
	folio_node *h = folio_node_add(root, FOLIO_NODE_HEADING);
	folio_node_set_heading_level(h, 2);
	folio_node_add_text(h, "Extraordinarily complicated considerations", 42, NULL);
	folio_node *p = add_para(root, "Walk each day. ");
	folio_node *code = folio_node_add(p, FOLIO_NODE_CODE);
	folio_node_set_literal(code, "unbelievably", 12, NULL);
	folio_node_add_text(p, "Rest when tired.", 16, NULL);
	folio_node *list = folio_node_add(root, FOLIO_NODE_LIST);
	add_para(folio_node_add(list, FOLIO_NODE_ITEM), "a warm shower");
	add_para(folio_node_add(list, FOLIO_NODE_ITEM), "a short stretch");
	folio_node *cb = folio_node_add(root, FOLIO_NODE_CODE_BLOCK);
	folio_node_set_literal(cb, "Considerable documentation.", 27, NULL);
	folio_node *q = folio_node_add(root, FOLIO_NODE_BLOCK_QUOTE);
	folio_node *hard = add_para(q, "Physiotherapists recommend individualised rehabilitation "
	                               "programmes emphasising progressive strengthening "
	                               "activities daily.");
	folio_node_set_pos(hard, 12, 3);
	folio_node *refs = folio_node_add(root, FOLIO_NODE_REFERENCES);
	folio_node *ref = folio_node_add(refs, FOLIO_NODE_REFERENCE);
	folio_node_add_text(ref, "Considerable epidemiological investigation.", 43, NULL);
	return doc;
}

static void test_document_walk(void **state)
{
	(void)state;
	folio_doc *doc = sample_doc();
	folio_error err;
	folio_readability *r = folio_readability_measure(doc, NULL, &err);
	assert_non_null(r);
	/* Read: "Walk each day." "Rest when tired." (the inline code left out),
	 * two list items, the quote: 3 + 3 + 3 + 3 + 10 words in 5 sentences.
	 * The heading, code block and reference are not read. */
	assert_int_equal(folio_readability_get_count(r, FOLIO_READ_WORDS), 22);
	assert_int_equal(folio_readability_get_count(r, FOLIO_READ_SENTENCES), 5);
	/* Only the quote's sentence is 6 words or more. */
	assert_int_equal(folio_readability_hardest_count(r), 1);
	assert_int_equal(folio_readability_hardest_words(r, 0), 10);
	assert_non_null(strstr(folio_readability_hardest_text(r, 0), "Physiotherapists"));
	/* The quote is a paragraph of 10 words far above grade 8. */
	assert_int_equal(folio_readability_paragraph_count(r), 1);
	assert_int_equal(folio_readability_paragraph_line(r, 0), 12);
	assert_string_equal(folio_readability_paragraph_preview(r, 0),
	                    "Physiotherapists recommend individualised rehabilitation programmes "
	                    "emphasising progressive strengthening...");
	assert_true(folio_readability_paragraph_grade(r, 0) > 8.0);
	for (size_t i = 0; i < folio_readability_long_word_count(r); i++)
		assert_null(strstr(folio_readability_long_word(r, i), "consider"));
	folio_readability_free(r);
	folio_doc_free(doc);
}

/* The grade alone is the full measure's grade, in both languages; a
 * document without words has none. */
static void test_grade_only(void **state)
{
	(void)state;
	folio_doc *doc = sample_doc();
	folio_readability *r = folio_readability_measure(doc, NULL, NULL);
	double g = -1;
	assert_int_equal(folio_readability_grade(doc, &g), 1);
	assert_float_equal(g, folio_readability_get_score(r, FOLIO_READ_GRADE), 1e-9);
	assert_true(g > 0);
	folio_readability_free(r);
	folio_doc_free(doc);

	doc = folio_doc_new();
	assert_int_equal(folio_doc_set(doc, FOLIO_META_LANG, "fr", NULL), FOLIO_OK);
	add_para(folio_doc_root(doc), "Les exercices réguliers aident beaucoup. L'articulation "
	                              "bouge mieux après quelques semaines de rééducation.");
	r = folio_readability_measure(doc, NULL, NULL);
	assert_int_equal(folio_readability_grade(doc, &g), 1);
	assert_float_equal(g, folio_readability_get_score(r, FOLIO_READ_GRADE), 1e-9);
	folio_readability_free(r);
	folio_doc_free(doc);

	/* Past 10,000 words the grade alone stops reading: 12,000 plain words,
	 * then hard ones it does not see. */
	doc = folio_doc_new();
	for (int i = 0; i < 2000; i++)
		add_para(folio_doc_root(doc), "Walk each day and rest.");
	for (int i = 0; i < 500; i++)
		add_para(folio_doc_root(doc), "Physiotherapists recommend individualised "
		                              "rehabilitation programmes emphasising progressive "
		                              "strengthening activities.");
	r = folio_readability_measure(doc, NULL, NULL);
	assert_int_equal(folio_readability_grade(doc, &g), 1);
	assert_float_equal(g, 0, 1e-9); /* five one-syllable words a sentence */
	assert_true(folio_readability_get_score(r, FOLIO_READ_GRADE) > 3);
	folio_readability_free(r);
	folio_doc_free(doc);

	doc = folio_doc_new();
	g = -1;
	assert_int_equal(folio_readability_grade(doc, &g), 0);
	assert_float_equal(g, -1, 0);
	assert_int_equal(folio_readability_grade(NULL, &g), -1);
	folio_doc_free(doc);
}

static void test_document_language(void **state)
{
	(void)state;
	folio_doc *doc = folio_doc_new();
	assert_int_equal(folio_doc_set(doc, FOLIO_META_LANG, "fr-CA", NULL), FOLIO_OK);
	add_para(folio_doc_root(doc), "Les exercices aident. L'articulation bouge mieux.");
	folio_readability *r = folio_readability_measure(doc, NULL, NULL);
	assert_string_equal(folio_readability_lang(r), "fr");
	/* "l'articulation" is listed without its elision. */
	assert_int_equal(folio_readability_long_word_count(r), 1);
	assert_string_equal(folio_readability_long_word(r, 0), "articulation");
	folio_readability_free(r);
	/* The options win over the document. */
	folio_readability_options o = {.size = sizeof(o), .lang = "en"};
	r = folio_readability_measure(doc, &o, NULL);
	assert_string_equal(folio_readability_lang(r), "en");
	folio_readability_free(r);
	folio_doc_free(doc);
}

static void test_hardest_order(void **state)
{
	(void)state;
	folio_readability *r =
	    measure("We walk to the park and back. "
	            "Unexpected complications occasionally necessitate additional investigations. "
	            "Try to sit up tall at your desk. "
	            "Inflammation usually settles gradually with appropriate management. "
	            "Go for a walk at lunch time now. "
	            "Keep the screen at eye level please. "
	            "Hold the stretch for a slow count.",
	            "en", 0);
	assert_int_equal(folio_readability_hardest_count(r), 5);
	assert_non_null(strstr(folio_readability_hardest_text(r, 0), "Unexpected"));
	assert_non_null(strstr(folio_readability_hardest_text(r, 1), "Inflammation"));
	for (size_t i = 1; i < 5; i++)
		assert_true(folio_readability_hardest_grade(r, i - 1) >=
		            folio_readability_hardest_grade(r, i));
	folio_readability_free(r);
}

/* A large text is measured whole: every sentence and every use of the long
 * word counted (its speed is bench/'s business; a hang shows as ctest's
 * time-out). */
static void test_large_text(void **state)
{
	(void)state;
	const char *para = "Gentle exercise can reduce stiffness in the neck. Patients usually "
	                   "recover within a few weeks, e.g. with daily walks.\n\n";
	size_t plen = strlen(para), copies = 8000;
	char *text = malloc(plen * copies + 1);
	assert_non_null(text);
	for (size_t i = 0; i < copies; i++)
		memcpy(text + i * plen, para, plen);
	text[plen * copies] = '\0';
	folio_readability *r = measure(text, "en", 0);
	assert_int_equal(folio_readability_get_count(r, FOLIO_READ_SENTENCES), 2 * copies);
	assert_int_equal(folio_readability_long_word(r, 0) != NULL, 1);
	assert_int_equal(folio_readability_long_word_uses(r, 0), copies);
	folio_readability_free(r);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_syllable_memo),
	    cmocka_unit_test(test_grade_only),
	    cmocka_unit_test(test_english_word_list),
	    cmocka_unit_test(test_french_word_list),
	    cmocka_unit_test(test_syllable_edges),
	    cmocka_unit_test(test_sentence_split_basic),
	    cmocka_unit_test(test_sentence_split_abbreviations),
	    cmocka_unit_test(test_sentence_split_french),
	    cmocka_unit_test(test_word_callback),
	    cmocka_unit_test(test_one_syllable_text),
	    cmocka_unit_test(test_english_formulas),
	    cmocka_unit_test(test_kandel_moles),
	    cmocka_unit_test(test_spanish_syllables),
	    cmocka_unit_test(test_spanish_and_no_formula),
	    cmocka_unit_test(test_km_grade_mapping),
	    cmocka_unit_test(test_empty_text),
	    cmocka_unit_test(test_bad_input),
	    cmocka_unit_test(test_document_walk),
	    cmocka_unit_test(test_document_language),
	    cmocka_unit_test(test_hardest_order),
	    cmocka_unit_test(test_large_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
