/* folio — readability: the formulas, the walk over a document and the
 * result's accessors. Splitting text is readability_scan.c; syllables are
 * syllables.c. What is measured and why is in folio/readability.h.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "readability_private.h"

enum {
	HARDEST_MAX = 5,
	LONG_WORDS_MAX = 10,
	PARAGRAPH_MIN_WORDS = 10, /* shorter paragraphs are not judged on their own */
	HARDEST_MIN_WORDS = 6,    /* "Usually not." has a high grade but is not hard */
	PREVIEW_WORDS = 8,
	DEFAULT_TARGET = 8
};

typedef struct rd_sentence {
	char *text; /* owned */
	double grade;
	size_t words;
	size_t seq; /* document order, for ties */
} rd_sentence;

typedef struct rd_long_word {
	char *word; /* owned */
	size_t uses;
	size_t first; /* order of first use */
	unsigned syllables;
} rd_long_word;

typedef struct rd_paragraph {
	char *preview; /* owned */
	double grade;
	unsigned line;
} rd_paragraph;

struct folio_readability {
	folio_rd_lang lang;
	char tag[36]; /* the language asked for, when it has no formula */
	size_t counts[FOLIO_READ_COUNT_COUNT];
	double scores[FOLIO_READ_SCORE_COUNT];
	rd_sentence hardest[HARDEST_MAX];
	size_t hardest_count;
	rd_long_word long_words[LONG_WORDS_MAX];
	size_t long_word_count;
	rd_paragraph *paragraphs;
	size_t paragraph_count;
	size_t paragraph_cap;
};

/* ---- formulas ------------------------------------------------------------ */

/* Flesch's reading-ease bands, centre score -> grade, for the French
 * grade-equivalent; beyond the ends the grade is held at 1 and 20. */
static const struct {
	double score;
	double grade;
} km_anchors[] = {
    {120.0, 1.0}, {95.0, 5.0},  {85.0, 6.0},  {75.0, 7.0},   {65.0, 8.5},
    {55.0, 11.0}, {40.0, 14.5}, {15.0, 18.0}, {-20.0, 20.0},
};

double folio_rd_km_to_grade(double km)
{
	size_t n = sizeof(km_anchors) / sizeof(km_anchors[0]);
	if (km >= km_anchors[0].score)
		return km_anchors[0].grade;
	for (size_t i = 1; i < n; i++) {
		if (km >= km_anchors[i].score) {
			double hi = km_anchors[i - 1].score, lo = km_anchors[i].score;
			double t = (km - lo) / (hi - lo);
			return km_anchors[i].grade +
			       t * (km_anchors[i - 1].grade - km_anchors[i].grade);
		}
	}
	return km_anchors[n - 1].grade;
}

static double flesch_kincaid(double w, double s, double syl)
{
	return 0.39 * (w / s) + 11.8 * (syl / w) - 15.59;
}

static double kandel_moles(double w, double s, double syl)
{
	return 207.0 - 1.015 * (w / s) - 73.6 * (syl / w);
}

/* Fernández Huerta (1959, as corrected by Law 2011): 206.84 − 0.60 P −
 * 1.02 F, P syllables and F sentences per 100 words; on Flesch's scale. */
static double fernandez_huerta(double w, double s, double syl)
{
	return 206.84 - 60.0 * (syl / w) - 102.0 * (s / w);
}

double folio_rd_grade(folio_rd_lang lang, size_t words, size_t sentences, size_t syllables)
{
	if (lang == FOLIO_RD_NONE)
		return NAN;
	if (words == 0 || sentences == 0)
		return 0.0;
	double w = (double)words, s = (double)sentences, syl = (double)syllables;
	if (lang == FOLIO_RD_FR)
		return folio_rd_km_to_grade(kandel_moles(w, s, syl));
	if (lang == FOLIO_RD_ES)
		return folio_rd_km_to_grade(fernandez_huerta(w, s, syl));
	return flesch_kincaid(w, s, syl);
}

static void compute_scores(folio_readability *r)
{
	double w = (double)r->counts[FOLIO_READ_WORDS];
	double s = (double)r->counts[FOLIO_READ_SENTENCES];
	double syl = (double)r->counts[FOLIO_READ_SYLLABLES];
	double poly = (double)r->counts[FOLIO_READ_POLYSYLLABLES];
	for (int i = 0; i < FOLIO_READ_SCORE_COUNT; i++)
		if (i != FOLIO_READ_TARGET)
			r->scores[i] = NAN;
	if (r->lang == FOLIO_RD_NONE)
		return; /* no formula: no grade either */
	r->scores[FOLIO_READ_GRADE] = 0.0;
	if (w == 0 || s == 0)
		return;
	if (r->lang == FOLIO_RD_FR) {
		r->scores[FOLIO_READ_KANDEL_MOLES] = kandel_moles(w, s, syl);
	} else if (r->lang == FOLIO_RD_ES) {
		r->scores[FOLIO_READ_FERNANDEZ_HUERTA] = fernandez_huerta(w, s, syl);
	} else {
		r->scores[FOLIO_READ_FLESCH_EASE] = 206.835 - 1.015 * (w / s) - 84.6 * (syl / w);
		r->scores[FOLIO_READ_FLESCH_KINCAID] = flesch_kincaid(w, s, syl);
		r->scores[FOLIO_READ_SMOG] = 1.0430 * sqrt(poly * 30.0 / s) + 3.1291;
	}
	/* Flesch-Kincaid goes below 0 for very plain text; a grade does not. */
	double grade =
	    folio_rd_grade(r->lang, r->counts[FOLIO_READ_WORDS], r->counts[FOLIO_READ_SENTENCES],
	                   r->counts[FOLIO_READ_SYLLABLES]);
	r->scores[FOLIO_READ_GRADE] = grade < 0 ? 0 : grade;
}

/* ---- the measurer: callbacks of the scanner -------------------------------- */

typedef struct word_slot {
	char *key; /* owned; NULL = empty */
	size_t uses;
	size_t first;
	unsigned syllables;
} word_slot;

typedef struct measurer {
	folio_readability *r;
	double target;
	int failed; /* out of memory */
	size_t sentence_seq;
	/* the paragraph being scanned */
	const char *text;
	size_t unit_words;
	size_t unit_sentences;
	size_t unit_syllables;
	size_t preview_end;
	/* long words: an open-addressing table keyed by the lowercased word */
	word_slot *slots;
	size_t slot_cap; /* a power of two */
	size_t slot_used;
	folio_rd_memo *memo; /* syllable counts by word; may be NULL */
	int counts_only;     /* folio_readability_grade: no lists kept */
	size_t word_limit;   /* stop after the paragraph that reaches it; 0: none */
} measurer;

/* A copy of text[0..len) with runs of white space made one space. Caller
 * frees. */
static char *collapse_space(const char *text, size_t len)
{
	char *out = malloc(len + 1);
	if (out == NULL)
		return NULL;
	size_t n = 0;
	int space = 0;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			space = n > 0;
			continue;
		}
		if (space)
			out[n++] = ' ';
		space = 0;
		out[n++] = c;
	}
	out[n] = '\0';
	return out;
}

/* A lowercased copy of a word. Caller frees. */
static char *lower_word(const char *s, size_t len)
{
	utf8proc_uint8_t *out = NULL;
	size_t i;

	for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == len) { /* ASCII: case folding is lowercasing */
		char *low = malloc(len + 1);

		if (low == NULL)
			return NULL;
		for (i = 0; i < len; i++)
			low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
		low[len] = '\0';
		return low;
	}
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out,
	                                  UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	if (n < 0)
		return NULL;
	return (char *)out;
}

static uint64_t hash_word(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h;
}

static int grow_slots(measurer *m)
{
	size_t cap = m->slot_cap ? m->slot_cap * 2 : 64;
	word_slot *slots = calloc(cap, sizeof(*slots));
	if (slots == NULL)
		return -1;
	for (size_t i = 0; i < m->slot_cap; i++) {
		if (m->slots[i].key == NULL)
			continue;
		size_t j = (size_t)hash_word(m->slots[i].key) & (cap - 1);
		while (slots[j].key != NULL)
			j = (j + 1) & (cap - 1);
		slots[j] = m->slots[i];
	}
	free(m->slots);
	m->slots = slots;
	m->slot_cap = cap;
	return 0;
}

static int count_long_word(measurer *m, const char *s, size_t len, unsigned syl)
{
	if (2 * (m->slot_used + 1) > m->slot_cap && grow_slots(m) != 0)
		return -1;
	char *key = lower_word(s, len);
	if (key == NULL)
		return -1;
	size_t j = (size_t)hash_word(key) & (m->slot_cap - 1);
	while (m->slots[j].key != NULL && strcmp(m->slots[j].key, key) != 0)
		j = (j + 1) & (m->slot_cap - 1);
	if (m->slots[j].key != NULL) {
		m->slots[j].uses++;
		free(key);
		return 0;
	}
	m->slots[j].key = key;
	m->slots[j].uses = 1;
	m->slots[j].first = m->slot_used++;
	m->slots[j].syllables = syl;
	return 0;
}

/* French elision: "l'articulation" is listed as "articulation". Returns
 * where the word proper starts. */
static size_t skip_elision(const char *s, size_t start, size_t end)
{
	static const char *const apostrophes[] = {"'", "\xE2\x80\x99"};
	for (size_t a = 0; a < 2; a++) {
		size_t k = strlen(apostrophes[a]);
		for (size_t i = start + 1; i + k < end && i <= start + 7; i++)
			if (memcmp(s + i, apostrophes[a], k) == 0)
				return i + k;
	}
	return start;
}

static int on_word(void *ud, size_t start, size_t end, unsigned syl)
{
	measurer *m = ud;
	m->unit_words++;
	if (m->counts_only)
		return 0;
	if (m->unit_words <= PREVIEW_WORDS)
		m->preview_end = end;
	unsigned long_min = m->r->lang == FOLIO_RD_FR || m->r->lang == FOLIO_RD_ES ? 4 : 3;
	if (syl < long_min)
		return 0;
	m->r->counts[FOLIO_READ_LONG_WORDS]++;
	if (m->r->lang == FOLIO_RD_FR)
		start = skip_elision(m->text, start, end);
	if (count_long_word(m, m->text + start, end - start, syl) != 0) {
		m->failed = 1;
		return -1;
	}
	return 0;
}

/* Keeps the sentence when it is among the hardest so far. */
static int keep_hardest(measurer *m, const folio_rd_sentence *s, double grade)
{
	folio_readability *r = m->r;
	size_t slot = r->hardest_count;
	if (slot == HARDEST_MAX) {
		slot = 0;
		for (size_t i = 1; i < HARDEST_MAX; i++)
			if (r->hardest[i].grade < r->hardest[slot].grade ||
			    (r->hardest[i].grade == r->hardest[slot].grade &&
			     r->hardest[i].seq > r->hardest[slot].seq))
				slot = i;
		/* Strictly harder only: on a tie the earlier sentence stays. */
		if (!(grade > r->hardest[slot].grade))
			return 0;
		free(r->hardest[slot].text);
	} else {
		r->hardest_count++;
	}
	rd_sentence *h = &r->hardest[slot];
	h->text = collapse_space(m->text + s->start, s->end - s->start);
	h->grade = grade;
	h->words = s->words;
	h->seq = m->sentence_seq;
	return h->text == NULL ? -1 : 0;
}

static int on_sentence(void *ud, const folio_rd_sentence *s)
{
	measurer *m = ud;
	folio_readability *r = m->r;
	r->counts[FOLIO_READ_WORDS] += s->words;
	r->counts[FOLIO_READ_SENTENCES]++;
	r->counts[FOLIO_READ_SYLLABLES] += s->syllables;
	r->counts[FOLIO_READ_POLYSYLLABLES] += s->polysyllables;
	m->unit_sentences++;
	m->unit_syllables += s->syllables;
	double grade = folio_rd_grade(r->lang, s->words, 1, s->syllables);
	m->sentence_seq++;
	if (!m->counts_only && s->words >= HARDEST_MIN_WORDS && !isnan(grade) &&
	    keep_hardest(m, s, grade) != 0) {
		m->failed = 1;
		return -1;
	}
	return 0;
}

static int add_paragraph(measurer *m, double grade, unsigned line)
{
	folio_readability *r = m->r;
	if (r->paragraph_count == r->paragraph_cap) {
		size_t cap = r->paragraph_cap ? r->paragraph_cap * 2 : 8;
		rd_paragraph *p = realloc(r->paragraphs, cap * sizeof(*p));
		if (p == NULL)
			return -1;
		r->paragraphs = p;
		r->paragraph_cap = cap;
	}
	char *preview = collapse_space(m->text, m->preview_end);
	if (preview == NULL)
		return -1;
	if (m->unit_words > PREVIEW_WORDS) {
		size_t n = strlen(preview);
		char *longer = realloc(preview, n + 4);
		if (longer == NULL) {
			free(preview);
			return -1;
		}
		memcpy(longer + n, "...", 4);
		preview = longer;
	}
	rd_paragraph *p = &r->paragraphs[r->paragraph_count++];
	p->preview = preview;
	p->grade = grade;
	p->line = line;
	return 0;
}

/* Measures one paragraph's text. Returns -1 when out of memory. */
static int measure_unit(measurer *m, const char *text, size_t len, unsigned line)
{
	m->text = text;
	m->unit_words = 0;
	m->unit_sentences = 0;
	m->unit_syllables = 0;
	m->preview_end = 0;
	folio_rd_sink sink = {on_word, on_sentence, m, m->memo};
	folio_rd_scan(text, len, m->r->lang, &sink);
	if (m->failed)
		return -1;
	if (m->counts_only || m->unit_words < PARAGRAPH_MIN_WORDS)
		return 0;
	double grade =
	    folio_rd_grade(m->r->lang, m->unit_words, m->unit_sentences, m->unit_syllables);
	if (grade > m->target)
		return add_paragraph(m, grade, line);
	return 0;
}

/* ---- finishing: the hardest sentences and the long words, in order -------- */

static int hardest_before(const rd_sentence *a, const rd_sentence *b)
{
	return a->grade > b->grade || (a->grade == b->grade && a->seq < b->seq);
}

static void sort_hardest(folio_readability *r)
{
	/* At most five: insertion sort. */
	for (size_t i = 1; i < r->hardest_count; i++) {
		rd_sentence s = r->hardest[i];
		size_t j = i;
		while (j > 0 && hardest_before(&s, &r->hardest[j - 1])) {
			r->hardest[j] = r->hardest[j - 1];
			j--;
		}
		r->hardest[j] = s;
	}
}

static int slot_before(const word_slot *a, const word_slot *b)
{
	return a->uses > b->uses || (a->uses == b->uses && a->first < b->first);
}

/* Moves the top LONG_WORDS_MAX words into r (one pass per place: linear). */
static void take_long_words(measurer *m)
{
	folio_readability *r = m->r;
	while (r->long_word_count < LONG_WORDS_MAX) {
		word_slot *best = NULL;
		for (size_t i = 0; i < m->slot_cap; i++)
			if (m->slots[i].key != NULL &&
			    (best == NULL || slot_before(&m->slots[i], best)))
				best = &m->slots[i];
		if (best == NULL)
			break;
		rd_long_word *w = &r->long_words[r->long_word_count++];
		w->word = best->key; /* ownership moves to r */
		w->uses = best->uses;
		w->first = best->first;
		w->syllables = best->syllables;
		best->key = NULL;
	}
}

static void measurer_free(measurer *m)
{
	for (size_t i = 0; i < m->slot_cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	folio_rd_memo_free(m->memo);
}

static folio_readability *start(measurer *m, const folio_readability_options *opts,
                                const char *doc_lang, folio_error *err)
{
	memset(m, 0, sizeof(*m));
	if (opts != NULL && opts->size < sizeof(size_t)) {
		folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0,
		                "readability options: size is not set");
		return NULL;
	}
	folio_readability *r = calloc(1, sizeof(*r));
	if (r == NULL) {
		folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		return NULL;
	}
	const char *lang = doc_lang;
	double target = DEFAULT_TARGET;
	if (opts != NULL &&
	    opts->size >= offsetof(folio_readability_options, lang) + sizeof(char *)) {
		if (opts->lang != NULL)
			lang = opts->lang;
	}
	if (opts != NULL &&
	    opts->size >= offsetof(folio_readability_options, target_grade) + sizeof(double) &&
	    opts->target_grade > 0)
		target = opts->target_grade;
	r->lang = folio_rd_lang_of(lang);
	if (r->lang == FOLIO_RD_NONE)
		snprintf(r->tag, sizeof(r->tag), "%.35s", lang);
	m->r = r;
	m->target = target;
	m->memo = folio_rd_memo_new(); /* NULL only makes the scan slower */
	return r;
}

/* Finishes r, or frees it when measuring failed. */
static folio_readability *finish(measurer *m, folio_error *err)
{
	folio_readability *r = m->r;
	if (m->failed) {
		measurer_free(m);
		folio_readability_free(r);
		folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		return NULL;
	}
	take_long_words(m);
	measurer_free(m);
	sort_hardest(r);
	compute_scores(r);
	r->scores[FOLIO_READ_TARGET] = m->target;
	return r;
}

/* ---- documents ------------------------------------------------------------- */

typedef enum walk_action { WALK_SKIP = 0, WALK_DESCEND, WALK_MEASURE } walk_action;

/* What the walk does with each block; anything not listed is skipped
 * (headings, code, tables, images, references: see the header). */
static const walk_action walk_actions[FOLIO_NODE_TYPE_COUNT] = {
    [FOLIO_NODE_DOCUMENT] = WALK_DESCEND,  [FOLIO_NODE_LIST] = WALK_DESCEND,
    [FOLIO_NODE_ITEM] = WALK_DESCEND,      [FOLIO_NODE_BLOCK_QUOTE] = WALK_DESCEND,
    [FOLIO_NODE_PARAGRAPH] = WALK_MEASURE,
};

typedef struct text_buf {
	char *data; /* owned */
	size_t len;
	size_t cap;
} text_buf;

static int buf_append(text_buf *b, const char *s, size_t len)
{
	if (b->len + len + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + len + 1)
			cap *= 2;
		char *p = realloc(b->data, cap);
		if (p == NULL)
			return -1;
		b->data = p;
		b->cap = cap;
	}
	memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

/* The paragraph's words: text and link text; inline code and line breaks
 * become a space. */
static int gather_text(const folio_node *para, text_buf *b)
{
	b->len = 0;
	folio_iter *it = folio_iter_new(para);
	if (it == NULL)
		return -1;
	int rc = 0;
	folio_event ev;
	while (rc == 0 && (ev = folio_iter_next(it)) != FOLIO_EVENT_DONE) {
		const folio_node *n = folio_iter_node(it);
		if (ev != FOLIO_EVENT_ENTER)
			continue;
		folio_node_type t = folio_node_get_type(n);
		if (t == FOLIO_NODE_TEXT) {
			size_t len = 0;
			const char *s = folio_node_literal(n, &len);
			rc = buf_append(b, s, len);
		} else if (t == FOLIO_NODE_CODE || t == FOLIO_NODE_LINE_BREAK) {
			rc = buf_append(b, " ", 1);
		}
	}
	folio_iter_free(it);
	return rc;
}

static void walk_doc(measurer *m, const folio_doc *doc)
{
	text_buf b = {NULL, 0, 0};
	folio_iter *it = folio_iter_new(folio_doc_root(doc));
	if (it == NULL) {
		m->failed = 1;
		return;
	}
	folio_event ev;
	while (!m->failed && (ev = folio_iter_next(it)) != FOLIO_EVENT_DONE) {
		if (ev != FOLIO_EVENT_ENTER)
			continue;
		if (m->word_limit && m->r->counts[FOLIO_READ_WORDS] >= m->word_limit)
			break;
		const folio_node *n = folio_iter_node(it);
		folio_node_type t = folio_node_get_type(n);
		walk_action a = (unsigned)t < FOLIO_NODE_TYPE_COUNT ? walk_actions[t] : WALK_SKIP;
		if (a == WALK_DESCEND)
			continue;
		folio_iter_skip_children(it);
		if (a != WALK_MEASURE)
			continue;
		if (gather_text(n, &b) != 0 ||
		    measure_unit(m, b.data ? b.data : "", b.len, folio_node_line(n)) != 0)
			m->failed = 1;
	}
	folio_iter_free(it);
	free(b.data);
}

folio_readability *folio_readability_measure(const folio_doc *doc,
                                             const folio_readability_options *opts,
                                             folio_error *err)
{
	if (doc == NULL) {
		folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0, "no document to measure");
		return NULL;
	}
	measurer m;
	if (start(&m, opts, folio_doc_get(doc, FOLIO_META_LANG), err) == NULL)
		return NULL;
	walk_doc(&m, doc);
	return finish(&m, err);
}

/* The grade alone reads whole paragraphs up to this many words: a clinic
 * article has far fewer, and over a longer text the grade has settled (for
 * bench/gen_corpus.py's 1 MB article, 175,053 words, it is 6.7 either way). */
#define GRADE_WORDS 10000

int folio_readability_grade(const folio_doc *doc, double *grade)
{
	measurer m;
	if (doc == NULL || start(&m, NULL, folio_doc_get(doc, FOLIO_META_LANG), NULL) == NULL)
		return -1;
	m.counts_only = 1;
	m.word_limit = GRADE_WORDS;
	walk_doc(&m, doc);
	folio_readability *r = finish(&m, NULL);
	if (r == NULL)
		return -1;
	int have = r->counts[FOLIO_READ_WORDS] > 0 && !isnan(r->scores[FOLIO_READ_GRADE]);
	if (have)
		*grade = r->scores[FOLIO_READ_GRADE];
	folio_readability_free(r);
	return have;
}

/* ---- plain text ------------------------------------------------------------ */

static int blank_line(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

folio_readability *folio_readability_measure_text(const char *text, size_t len,
                                                  const folio_readability_options *opts,
                                                  folio_error *err)
{
	if (text == NULL && len > 0) {
		folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0, "no text to measure");
		return NULL;
	}
	if (len > 0 && !folio_utf8_valid(text, len, NULL)) {
		folio_error_set(err, FOLIO_ERR_UTF8, NULL, 0, 0, "text is not valid UTF-8");
		return NULL;
	}
	measurer m;
	if (start(&m, opts, NULL, err) == NULL)
		return NULL;
	size_t off = 0, para = SIZE_MAX;
	unsigned line = 1, para_line = 0;
	while (off <= len && !m.failed) {
		const char *nl = off < len ? memchr(text + off, '\n', len - off) : NULL;
		size_t eol = nl ? (size_t)(nl - text) : len;
		int blank = blank_line(text + off, eol - off);
		if (!blank && para == SIZE_MAX) {
			para = off;
			para_line = line;
		}
		if ((blank || eol == len) && para != SIZE_MAX) {
			size_t end = blank ? off : eol;
			if (measure_unit(&m, text + para, end - para, para_line) != 0)
				m.failed = 1;
			para = SIZE_MAX;
		}
		off = eol + 1;
		line++;
	}
	return finish(&m, err);
}

/* ---- the result ------------------------------------------------------------ */

void folio_readability_free(folio_readability *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->hardest_count; i++)
		free(r->hardest[i].text);
	for (size_t i = 0; i < r->long_word_count; i++)
		free(r->long_words[i].word);
	for (size_t i = 0; i < r->paragraph_count; i++)
		free(r->paragraphs[i].preview);
	free(r->paragraphs);
	free(r);
}

const char *folio_readability_lang(const folio_readability *r)
{
	if (r == NULL)
		return "en";
	switch (r->lang) {
	case FOLIO_RD_FR: return "fr";
	case FOLIO_RD_ES: return "es";
	case FOLIO_RD_NONE: return r->tag;
	default: return "en";
	}
}

int folio_readability_has_formula(const folio_readability *r)
{
	return r != NULL && r->lang != FOLIO_RD_NONE;
}

size_t folio_readability_get_count(const folio_readability *r, folio_readability_count c)
{
	if (r == NULL || (unsigned)c >= FOLIO_READ_COUNT_COUNT)
		return 0;
	return r->counts[c];
}

double folio_readability_get_score(const folio_readability *r, folio_readability_score s)
{
	if (r == NULL || (unsigned)s >= FOLIO_READ_SCORE_COUNT)
		return NAN;
	return r->scores[s];
}

int folio_readability_above_target(const folio_readability *r)
{
	return r != NULL && r->scores[FOLIO_READ_GRADE] > r->scores[FOLIO_READ_TARGET];
}

const char *folio_readability_level(const folio_readability *r)
{
	static const struct {
		double floor;
		const char *name;
	} bands[] = {
	    {90, "very easy"},        {80, "easy"},      {70, "fairly easy"}, {60, "standard"},
	    {50, "fairly difficult"}, {30, "difficult"},
	};
	if (r == NULL || r->counts[FOLIO_READ_WORDS] == 0)
		return "";
	if (r->lang == FOLIO_RD_NONE)
		return "";
	double ease = r->lang == FOLIO_RD_FR   ? r->scores[FOLIO_READ_KANDEL_MOLES]
	              : r->lang == FOLIO_RD_ES ? r->scores[FOLIO_READ_FERNANDEZ_HUERTA]
	                                       : r->scores[FOLIO_READ_FLESCH_EASE];
	for (size_t i = 0; i < sizeof(bands) / sizeof(bands[0]); i++)
		if (ease >= bands[i].floor)
			return bands[i].name;
	return "very difficult";
}

size_t folio_readability_hardest_count(const folio_readability *r)
{
	return r != NULL ? r->hardest_count : 0;
}

const char *folio_readability_hardest_text(const folio_readability *r, size_t i)
{
	return r != NULL && i < r->hardest_count ? r->hardest[i].text : NULL;
}

double folio_readability_hardest_grade(const folio_readability *r, size_t i)
{
	return r != NULL && i < r->hardest_count ? r->hardest[i].grade : NAN;
}

size_t folio_readability_hardest_words(const folio_readability *r, size_t i)
{
	return r != NULL && i < r->hardest_count ? r->hardest[i].words : 0;
}

size_t folio_readability_long_word_count(const folio_readability *r)
{
	return r != NULL ? r->long_word_count : 0;
}

const char *folio_readability_long_word(const folio_readability *r, size_t i)
{
	return r != NULL && i < r->long_word_count ? r->long_words[i].word : NULL;
}

size_t folio_readability_long_word_uses(const folio_readability *r, size_t i)
{
	return r != NULL && i < r->long_word_count ? r->long_words[i].uses : 0;
}

unsigned folio_readability_long_word_syllables(const folio_readability *r, size_t i)
{
	return r != NULL && i < r->long_word_count ? r->long_words[i].syllables : 0;
}

size_t folio_readability_paragraph_count(const folio_readability *r)
{
	return r != NULL ? r->paragraph_count : 0;
}

const char *folio_readability_paragraph_preview(const folio_readability *r, size_t i)
{
	return r != NULL && i < r->paragraph_count ? r->paragraphs[i].preview : NULL;
}

double folio_readability_paragraph_grade(const folio_readability *r, size_t i)
{
	return r != NULL && i < r->paragraph_count ? r->paragraphs[i].grade : NAN;
}

unsigned folio_readability_paragraph_line(const folio_readability *r, size_t i)
{
	return r != NULL && i < r->paragraph_count ? r->paragraphs[i].line : 0;
}
