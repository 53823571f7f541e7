/* folio — syllable counting for English and French.
 *
 * Both counters work on one part of a word at a time (apostrophes and hyphens
 * split words into parts). A part is first reduced to lowercase base letters
 * plus an accent flag per letter, so "é" is 'e' with an accent and "ï" is 'i'
 * with a diaeresis; other non-ASCII letters count as consonants.
 *
 * English: vowel groups (y a vowel except before a vowel at the start or
 * between vowels), minus silent endings (final e, -es, -ed, e before -ly,
 * -ment, -ful, -ness, -less), plus vowel pairs that are two syllables (ia,
 * io, ua, iu, uo, eo, some ie/ue/oe), -ing after a vowel, -ism; an exceptions
 * table for common words the rules get wrong.
 *
 * French: vowel groups where eau, au, ai, ei, oi, ou, eu, œu, ui (and i or y
 * gliding into the next vowel) are one; u after q (and after g before e/i/y)
 * is silent; a final unaccented e, es, or the verb ending ent is mute. This
 * counts syllables as spoken (i and y glide into a following vowel), with
 * every written e counted except the mute final one.
 *
 * Accuracy against hand-counted lists: tests/fixtures/readability/.
 */
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "readability_private.h"

enum { PART_MAX = 64 }; /* letters analysed per part; longer parts are cut up */

enum { ACC_NONE = 0, ACC_MARK = 1, ACC_DIAERESIS = 2 };

/* A part of a word, as lowercase base letters ('A' = æ, 'O' = œ, '?' = any
 * other non-ASCII letter) and accent flags. */
typedef struct part {
	char c[PART_MAX + 1];
	unsigned char acc[PART_MAX];
	size_t n;
} part;

typedef struct fold {
	int32_t cp;
	char base;
	unsigned char acc;
} fold;

static const fold folds[] = {
    {0xE0, 'a', ACC_MARK},      {0xE1, 'a', ACC_MARK},      {0xE2, 'a', ACC_MARK},
    {0xE4, 'a', ACC_DIAERESIS}, {0xE6, 'A', ACC_NONE},      {0xE7, 'c', ACC_NONE},
    {0xE8, 'e', ACC_MARK},      {0xE9, 'e', ACC_MARK},      {0xEA, 'e', ACC_MARK},
    {0xEB, 'e', ACC_DIAERESIS}, {0xEC, 'i', ACC_MARK},      {0xED, 'i', ACC_MARK},
    {0xEE, 'i', ACC_MARK},      {0xEF, 'i', ACC_DIAERESIS}, {0xF1, 'n', ACC_NONE},
    {0xF2, 'o', ACC_MARK},      {0xF3, 'o', ACC_MARK},      {0xF4, 'o', ACC_MARK},
    {0xF6, 'o', ACC_DIAERESIS}, {0xF9, 'u', ACC_MARK},      {0xFA, 'u', ACC_MARK},
    {0xFB, 'u', ACC_MARK},      {0xFC, 'u', ACC_DIAERESIS}, {0xFD, 'y', ACC_MARK},
    {0xFF, 'y', ACC_DIAERESIS}, {0x153, 'O', ACC_NONE},
};

static void fold_letter(int32_t cp, char *base, unsigned char *acc)
{
	*acc = ACC_NONE;
	if (cp < 0x80) {
		*base = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
		return;
	}
	cp = utf8proc_tolower(cp);
	if (cp < 0x80) {
		*base = (char)cp;
		return;
	}
	for (size_t i = 0; i < sizeof(folds) / sizeof(folds[0]); i++) {
		if (folds[i].cp == cp) {
			*base = folds[i].base;
			*acc = folds[i].acc;
			return;
		}
	}
	*base = '?';
}

static int is_letter(int32_t cp)
{
	utf8proc_category_t cat = utf8proc_category(cp);
	return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

static int is_mark(int32_t cp)
{
	utf8proc_category_t cat = utf8proc_category(cp);
	return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC;
}

static int is_separator(int32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x02BC || cp == '-' || cp == 0x2010 ||
	       cp == 0x2011;
}

static int is_aeiou(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'A' || c == 'O';
}

static int ends_with(const part *p, const char *suffix)
{
	size_t k = strlen(suffix);
	return p->n >= k && memcmp(p->c + p->n - k, suffix, k) == 0;
}

static int starts_with(const part *p, const char *prefix)
{
	size_t k = strlen(prefix);
	return p->n >= k && memcmp(p->c, prefix, k) == 0;
}

/* ---- English ----------------------------------------------------------- */

typedef struct exception_word {
	const char *word;
	unsigned syllables;
} exception_word;

/* Common words the rules below miss, with their usual spoken count. */
static const exception_word en_exceptions[] = {
    {"area", 3},       {"areas", 3},        {"business", 2},  {"cooperate", 4},   {"create", 2},
    {"created", 3},    {"creates", 2},      {"creating", 3},  {"creation", 3},    {"every", 2},
    {"everyone", 3},   {"everything", 3},   {"evening", 2},   {"friend", 1},      {"friends", 1},
    {"idea", 3},       {"ideas", 3},        {"ideal", 3},     {"maybe", 2},       {"people", 2},
    {"recipe", 3},     {"science", 2},      {"sciences", 3},  {"scientist", 3},   {"scientists", 3},
    {"scientific", 4}, {"someone", 2},      {"something", 2}, {"sometimes", 2},   {"somewhere", 2},
    {"anyone", 3},     {"coordination", 5}, {"whereas", 2},   {"leopard", 2},     {"naive", 2},
    {"ocean", 2},      {"reinjure", 3},     {"reinjury", 4},  {"preexisting", 4}, {"themselves", 2},
    {"therefore", 2},  {"likewise", 2},     {"lifestyle", 2}, {"homework", 2},    {"sidewalk", 2},
    {"wheelchair", 2},
};

static int en_is_vowel(const part *p, size_t i)
{
	char c = p->c[i];
	if (c != 'y')
		return is_aeiou(c);
	int next_vowel = i + 1 < p->n && is_aeiou(p->c[i + 1]);
	if (i == 0)
		return !next_vowel;
	return !(next_vowel && is_aeiou(p->c[i - 1]));
}

static int en_consonant(const part *p, size_t i)
{
	return !en_is_vowel(p, i);
}

/* The silent final e, -es and -ed. */
static int en_endings(const part *p)
{
	size_t n = p->n;
	if (n > 3 && ends_with(p, "ed") && en_consonant(p, n - 3))
		return (p->c[n - 3] == 't' || p->c[n - 3] == 'd') ? 0 : -1;
	if (n > 3 && ends_with(p, "es") && en_consonant(p, n - 3)) {
		char b = p->c[n - 3];
		if (b == 's' || b == 'x' || b == 'z' || b == 'c' || b == 'g')
			return 0;
		if (b == 'h' && (p->c[n - 4] == 'c' || p->c[n - 4] == 's'))
			return 0;
		if (b == 'l' && en_consonant(p, n - 4))
			return 0; /* muscles, tables */
		return -1;
	}
	if (n > 2 && ends_with(p, "que"))
		return -1;
	if (n > 2 && p->c[n - 1] == 'e' && p->acc[n - 1] == ACC_NONE && en_consonant(p, n - 2)) {
		if (p->c[n - 2] == 'l' && en_consonant(p, n - 3))
			return 0; /* table, bottle */
		return -1;
	}
	return 0;
}

/* A silent e before a suffix: lately, movement, careful, useless. */
static int en_silent_e_before_suffix(const part *p)
{
	static const char *const suffixes[] = {"ly",    "ment", "ments", "ful",
	                                       "fully", "ness", "less"};
	for (size_t s = 0; s < sizeof(suffixes) / sizeof(suffixes[0]); s++) {
		size_t k = strlen(suffixes[s]);
		if (p->n < k + 3 || !ends_with(p, suffixes[s]))
			continue;
		size_t e = p->n - k - 1;
		if (p->c[e] != 'e' || !en_consonant(p, e - 1) || en_consonant(p, e - 2))
			continue;
		return -1;
	}
	return 0;
}

/* One vowel pair that is spoken as two syllables. */
static int en_split_pair(const part *p, size_t i)
{
	char a = p->c[i], b = p->c[i + 1];
	char before = i > 0 ? p->c[i - 1] : '\0';
	char after = i + 2 < p->n ? p->c[i + 2] : '\0';
	if (a == 'i' && b == 'a')
		return !(before == 'c' || before == 't' || before == 's' || before == 'g');
	if (a == 'i' && b == 'o')
		return !(before == 'c' || before == 't' || before == 's' || before == 'x' ||
		         before == 'g');
	if (a == 'u' && b == 'a')
		return !(before == 'q' || before == 'g');
	if (a == 'i' && b == 'u')
		return 1;
	if (a == 'u' && b == 'o')
		return before != 'q';
	if (a == 'e' && b == 'o')
		return !(before == 'g' && (after == 'n' || after == 'u'));
	if (a == 'o' && b == 'e')
		return after == 'm' || after == 't';
	if (a == 'u' && b == 'e')
		return (after == 'l' || after == 't' || after == 'n') && before != 'q' &&
		       before != 'g';
	if (a == 'i' && b == 'e') {
		if (after == 't')
			return 1;
		if (after == 'n')
			return !(before == 'c' || before == 't');
		return after == 'r' && i + 3 == p->n && p->n > 4; /* easier, earlier */
	}
	return 0;
}

static int en_corrections(const part *p)
{
	int add = en_endings(p) + en_silent_e_before_suffix(p);
	for (size_t i = 0; i + 1 < p->n; i++)
		add += en_split_pair(p, i);
	if (starts_with(p, "rea") && p->n > 4 && (p->c[3] == 'c' || p->c[3] == 'l'))
		add++; /* react, reality */
	int ing = ends_with(p, "ing") ? 3 : ends_with(p, "ings") ? 4 : 0;
	if (ing && p->n > (size_t)ing + 1) {
		size_t k = p->n - (size_t)ing - 1;
		if (is_aeiou(p->c[k]) && p->c[k] != 'i')
			add++; /* being, going, seeing */
		else if (p->c[k] == 'y' && k > 0 && !is_aeiou(p->c[k - 1]))
			add++; /* trying, studying */
	}
	if (p->n > 3 && ends_with(p, "ism"))
		add++;
	return add;
}

static unsigned en_part(const part *p)
{
	for (size_t i = 0; i < sizeof(en_exceptions) / sizeof(en_exceptions[0]); i++)
		if (en_exceptions[i].word[0] == p->c[0] && strcmp(en_exceptions[i].word, p->c) == 0)
			return en_exceptions[i].syllables;
	int groups = 0;
	int prev = 0;
	for (size_t i = 0; i < p->n; i++) {
		int v = en_is_vowel(p, i);
		if (v && !prev)
			groups++;
		prev = v;
	}
	if (groups == 0)
		return 0;
	if (p->n <= 3)
		return 1;
	int total = groups + en_corrections(p);
	return total < 1 ? 1 : (unsigned)total;
}

/* ---- French ------------------------------------------------------------ */

/* Words ending in -ent where the ending is spoken (nouns, adjectives,
 * adverbs); other -ent endings are taken for verbs (ils parlent). Words in
 * -ment and -ient are spoken unless they end in -aient. Written in base
 * letters (accents dropped), as parts are compared. */
static const char *const fr_spoken_ent[] = {
    "absent",    "accent",    "accident",    "adolescent",  "agent",     "apparent", "argent",
    "cent",      "client",    "coherent",    "competent",   "content",   "decent",   "dent",
    "different", "efficient", "equivalent",  "evident",     "excellent", "frequent", "gent",
    "impatient", "incident",  "innocent",    "intelligent", "lent",      "parent",   "patient",
    "permanent", "pertinent", "present",     "president",   "prudent",   "recent",   "regent",
    "serpent",   "souvent",   "talent",      "torrent",     "urgent",    "vent",     "violent",
    "consent",   "dement",    "independant",
};

static int fr_is_vowel(char c)
{
	return is_aeiou(c) || c == 'y';
}

static int fr_silent_u(const part *p, size_t i)
{
	if (p->c[i] != 'u' || i == 0 || p->acc[i] != ACC_NONE)
		return 0;
	if (p->c[i - 1] == 'q')
		return 1;
	if (p->c[i - 1] != 'g' || i + 1 >= p->n)
		return 0;
	char next = p->c[i + 1];
	return next == 'e' || next == 'i' || next == 'y';
}

/* Whether the vowel at c joins the group that started at start (whose last
 * vowel is at c - 1). */
static int fr_merges(const part *p, size_t start, size_t c)
{
	size_t prev = c - 1;
	char a = p->c[prev], b = p->c[c];
	char after = c + 1 < p->n ? p->c[c + 1] : '\0';
	int plain_a = p->acc[prev] == ACC_NONE;
	if (p->acc[c] == ACC_DIAERESIS)
		return 0;
	if ((a == 'i' || a == 'y') && prev == start) {
		/* A glide: pied, bien, nation, yeux; not after a consonant + l/r
		 * cluster (cri-er, cli-ent). */
		if (prev >= 2 && (p->c[prev - 1] == 'l' || p->c[prev - 1] == 'r') &&
		    !fr_is_vowel(p->c[prev - 2]))
			return 0;
		return 1;
	}
	if (a == 'a' || a == 'o' || a == 'O')
		return b == 'i' || b == 'u' || b == 'y' || (a == 'o' && b == 'o') ||
		       (a == 'o' && b == 'e' && after == 'u');
	if (a == 'e' && plain_a) {
		if (b == 'i' || b == 'u' || b == 'y')
			return 1;
		if (b == 'a' && after == 'u')
			return 1;                                                   /* eau */
		return (b == 'a' || b == 'o') && prev > 0 && p->c[prev - 1] == 'g'; /* mangeons */
	}
	if (a == 'u')
		return b == 'i' || b == 'y' || (b == 'e' && after == 'i'); /* nuit, accueil */
	return 0;
}

static int fr_ent_is_mute(const part *p)
{
	if (ends_with(p, "aient"))
		return 1;
	if (ends_with(p, "ment") || ends_with(p, "ient"))
		return 0;
	for (size_t i = 0; i < sizeof(fr_spoken_ent) / sizeof(fr_spoken_ent[0]); i++)
		if (fr_spoken_ent[i][0] == p->c[0] && strcmp(p->c, fr_spoken_ent[i]) == 0)
			return 0;
	return 1;
}

static unsigned fr_part(const part *p)
{
	unsigned count = 0;
	size_t last_start = 0, last_len = 0;
	size_t i = 0;
	while (i < p->n) {
		if (!fr_is_vowel(p->c[i]) || fr_silent_u(p, i)) {
			i++;
			continue;
		}
		size_t start = i;
		size_t j = i + 1;
		while (j < p->n && fr_is_vowel(p->c[j]) && fr_merges(p, start, j))
			j++;
		count++;
		last_start = start;
		last_len = j - start;
		i = j;
	}
	if (count <= 1 || last_len != 1 || p->c[last_start] != 'e' ||
	    p->acc[last_start] != ACC_NONE)
		return count;
	size_t tail = p->n - last_start - 1;
	if (tail == 0 || (tail == 1 && p->c[p->n - 1] == 's'))
		return count - 1;
	if (tail == 2 && ends_with(p, "nt") && fr_ent_is_mute(p))
		return count - 1;
	return count;
}

/* ---- Spanish ------------------------------------------------------------- */

/* Spanish spelling says where syllables are: each vowel is a nucleus, except
 * that a weak vowel (i, u, ü, or y before no vowel) beside another vowel
 * forms a diphthong with it (cuidado, aire, ciudad), unless it carries the
 * accent (día, río: hiatus); two strong vowels (a, e, o) are two
 * syllables (le-er, pa-se-o). The u of que, qui, gue, gui is silent. */
static int es_vowel(const part *p, size_t i)
{
	char c = p->c[i];

	if (c == 'a' || c == 'e' || c == 'i' || c == 'o')
		return 1;
	if (c == 'u')
		return !(i > 0 && (p->c[i - 1] == 'q' || p->c[i - 1] == 'g') && i + 1 < p->n &&
		         (p->c[i + 1] == 'e' || p->c[i + 1] == 'i') && p->acc[i] != ACC_DIAERESIS);
	/* y is a vowel alone ("y") and at the end of a diphthong (hoy, muy) */
	return c == 'y' && (p->n == 1 || (i + 1 == p->n && i > 0));
}

static int es_weak(const part *p, size_t i)
{
	char c = p->c[i];

	return (c == 'i' || c == 'u' || c == 'y') && p->acc[i] != ACC_MARK;
}

static unsigned es_part(const part *p)
{
	unsigned count = 0;
	int prev = 0; /* the letter before was a vowel */

	for (size_t i = 0; i < p->n; i++) {
		int v = es_vowel(p, i);

		if (v && (!prev || (!es_weak(p, i) && !es_weak(p, i - 1))))
			count++;
		prev = v;
	}
	return count;
}

/* ---- words --------------------------------------------------------------- */

static int tag_is(const char *tag, const char *lang)
{
	return (tag[0] | 32) == lang[0] && (tag[1] | 32) == lang[1] &&
	       (tag[2] == '\0' || tag[2] == '-' || tag[2] == '_');
}

folio_rd_lang folio_rd_lang_of(const char *tag)
{
	if (tag == NULL || tag[0] == '\0' || tag[1] == '\0')
		return FOLIO_RD_EN;
	if (tag_is(tag, "fr"))
		return FOLIO_RD_FR;
	if (tag_is(tag, "es"))
		return FOLIO_RD_ES;
	if (tag_is(tag, "en"))
		return FOLIO_RD_EN;
	return FOLIO_RD_NONE;
}

/* English contractions: the part after the apostrophe. n't after a consonant
 * + n is a syllable of its own (didn't, isn't); 's, 're, 'll, ... are not. */
static unsigned en_clitic(const part *prev, const part *p)
{
	if (p->n == 1 && p->c[0] == 't' && prev->n >= 2 && prev->c[prev->n - 1] == 'n' &&
	    !en_is_vowel(prev, prev->n - 2))
		return 1;
	return 0;
}

static int is_en_clitic(const part *p)
{
	static const char *const clitics[] = {"s", "t", "d", "ll", "re", "ve", "m"};
	for (size_t i = 0; i < sizeof(clitics) / sizeof(clitics[0]); i++)
		if (clitics[i][0] == p->c[0] && strcmp(p->c, clitics[i]) == 0)
			return 1;
	return 0;
}

static unsigned count_part(const part *prev, const part *p, int after_apostrophe,
                           folio_rd_lang lang)
{
	if (p->n == 0)
		return 0;
	if (lang == FOLIO_RD_FR)
		return fr_part(p);
	if (lang == FOLIO_RD_ES)
		return es_part(p);
	if (after_apostrophe && is_en_clitic(p))
		return en_clitic(prev, p);
	return en_part(p);
}

unsigned folio_rd_syllables(const char *word, size_t len, folio_rd_lang lang)
{
	part parts[2]; /* the current part and the one before it */
	parts[0].n = parts[1].n = 0; /* letters are read up to n only */
	parts[0].c[0] = parts[1].c[0] = '\0';
	part *cur = &parts[0], *prev = &parts[1];
	unsigned total = 0;
	int digits = 0, letters = 0, after_apostrophe = 0;
	size_t off = 0;
	while (off <= len) {
		utf8proc_int32_t cp = -1;
		utf8proc_ssize_t k = 1;
		int letter;
		if (off < len && (unsigned char)word[off] < 0x80) {
			cp = (unsigned char)word[off]; /* ASCII: no table lookups */
		} else if (off < len) {
			k = utf8proc_iterate((const utf8proc_uint8_t *)word + off,
			                     (utf8proc_ssize_t)(len - off), &cp);
			if (k <= 0)
				k = 1;
		}
		if (cp >= 0 && cp < 0x80)
			letter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
		else
			letter = cp >= 0 && is_letter(cp);
		if (letter && cur->n < PART_MAX) {
			fold_letter(cp, &cur->c[cur->n], &cur->acc[cur->n]);
			cur->n++;
			letters = 1;
		} else if (cp < 0 || is_separator(cp) || letter) {
			/* The end, a separator, or a part too long to take whole. */
			cur->c[cur->n] = '\0';
			total += count_part(prev, cur, after_apostrophe, lang);
			after_apostrophe = cp == '\'' || cp == 0x2019 || cp == 0x02BC;
			part *t = prev;
			prev = cur;
			cur = t;
			cur->n = 0;
			cur->c[0] = '\0';
			if (letter) {
				fold_letter(cp, &cur->c[0], &cur->acc[0]);
				cur->n = 1;
			}
		} else if (cp >= '0' && cp <= '9') {
			digits = 1;
		} else if (is_mark(cp) && cur->n > 0) {
			/* Decomposed text: the mark accents the letter before it. */
			cur->acc[cur->n - 1] = cp == 0x308 ? ACC_DIAERESIS : ACC_MARK;
		}
		off += (size_t)k;
	}
	if (!letters)
		return digits ? 1 : 0;
	return total == 0 ? 1 : total;
}

unsigned folio_syllable_count(const char *word, size_t len, const char *lang)
{
	if (word == NULL)
		return 0;
	return folio_rd_syllables(word, len, folio_rd_lang_of(lang));
}
