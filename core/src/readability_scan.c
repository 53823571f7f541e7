/* folio — readability: splitting a paragraph into words and sentences.
 *
 * A word starts with a letter or digit and runs over letters, digits and
 * combining marks; an apostrophe, a hyphen or a full stop between two of
 * them keeps it going (l'épaule, well-known, e.g, P.T, 3.5, example.org), and
 * so does a comma between digits (1,000).
 *
 * A sentence ends at . ! ? or … (with any closing quotes or brackets after
 * it) followed by white space or the end of the paragraph, except when:
 *   - the next word starts with a lowercase letter ("approx. ten");
 *   - it is a lone full stop after an abbreviation: a word holding a full
 *     stop (e.g., i.e., P.T.), a single letter (initials), or a title such
 *     as Dr, Mr, Mrs, Ms, St, Prof, vs, Mme, Pr, cf, env.
 * The end of the paragraph ends the last sentence (list items without a
 * full stop are sentences too).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "readability_private.h"

/* Decodes the code point at off; *next receives the offset after it. Bad
 * bytes decode as U+FFFD one byte long. */
static int32_t cp_at(const char *t, size_t len, size_t off, size_t *next)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;

	if ((unsigned char)t[off] < 0x80) { /* ASCII: most of any text */
		*next = off + 1;
		return (unsigned char)t[off];
	}
	k =
	    utf8proc_iterate((const utf8proc_uint8_t *)t + off, (utf8proc_ssize_t)(len - off), &cp);
	if (k <= 0) {
		*next = off + 1;
		return 0xFFFD;
	}
	*next = off + (size_t)k;
	return cp;
}

static int is_alnum_cp(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
	utf8proc_category_t cat = utf8proc_category(cp);
	return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
	       cat == UTF8PROC_CATEGORY_ND;
}

static int is_mark_cp(int32_t cp)
{
	if (cp < 0x80)
		return 0;
	utf8proc_category_t cat = utf8proc_category(cp);
	return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC;
}

static int is_digit_cp(int32_t cp)
{
	if (cp < 0x80)
		return cp >= '0' && cp <= '9';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

static int is_space_cp(int32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
	return cp == 0xA0 || cp == 0x202F || utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

static int is_terminator(int32_t cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

static int is_closer(int32_t cp)
{
	return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019 ||
	       cp == 0xBB;
}

/* The end of the word starting at off. */
static size_t word_end(const char *t, size_t len, size_t off)
{
	int32_t prev = 0;
	while (off < len) {
		size_t next;
		int32_t cp = cp_at(t, len, off, &next);
		if (is_alnum_cp(cp) || is_mark_cp(cp)) {
			prev = cp;
			off = next;
			continue;
		}
		int joiner = cp == '\'' || cp == 0x2019 || cp == '-' || cp == 0x2010 ||
		             cp == 0x2011 || cp == '.' || cp == ',';
		if (!joiner || next >= len)
			break;
		size_t after;
		int32_t ncp = cp_at(t, len, next, &after);
		if (cp == ',' ? !(is_digit_cp(prev) && is_digit_cp(ncp)) : !is_alnum_cp(ncp))
			break;
		off = next;
	}
	return off;
}

static const char *const abbreviations[] = {
    "dr",     "mr",   "mrs", "ms",   "st", "prof", "vs",  "jr", "sr",  "fig",
    "approx", "dept", "mme", "mlle", "pr", "cf",   "env", "ex", "art", "vol",
};

/* Whether the word [s, e) is an abbreviation when a full stop follows. */
static int is_abbreviation(const char *t, size_t s, size_t e)
{
	size_t n = e - s;
	if (memchr(t + s, '.', n) != NULL)
		return 1;
	size_t next;
	int32_t cp = cp_at(t, e, s, &next);
	if (next == e && !is_digit_cp(cp))
		return 1; /* one letter: an initial */
	if (n > 8)
		return 0;
	char low[9];
	for (size_t i = 0; i < n; i++) {
		char c = t[s + i];
		low[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
	low[n] = '\0';
	for (size_t i = 0; i < sizeof(abbreviations) / sizeof(abbreviations[0]); i++)
		if (abbreviations[i][0] == low[0] && strcmp(low, abbreviations[i]) == 0)
			return 1;
	return 0;
}

typedef struct scan_state {
	const char *text;
	size_t len;
	folio_rd_lang lang;
	const folio_rd_sink *sink;
	folio_rd_sentence cur; /* start == SIZE_MAX: no word yet */
	size_t word_start;     /* the last word */
	size_t word_stop;
	size_t after_prev; /* where the last sentence ended */
} scan_state;

/* Syllable counts of recent words, kept across the paragraphs of a
 * measure: text repeats its words, and counting is the costliest step per
 * word. Direct-mapped by a hash of the word's bytes. */
enum { MEMO_SLOTS = 1024, MEMO_WORD = 22 };

struct folio_rd_memo {
	struct {
		char w[MEMO_WORD];
		unsigned char len; /* 0: empty */
		unsigned char syl;
	} slot[MEMO_SLOTS];
};

folio_rd_memo *folio_rd_memo_new(void)
{
	return calloc(1, sizeof(folio_rd_memo));
}

void folio_rd_memo_free(folio_rd_memo *memo)
{
	free(memo);
}

/* The syllables of the word [off, end), from the memo or counted. */
static unsigned syllables_of(scan_state *st, size_t off, size_t end)
{
	const char *w = st->text + off;
	size_t n = end - off;
	uint32_t h = 2166136261u;
	unsigned syl;

	if (st->sink->memo == NULL || n == 0 || n > MEMO_WORD)
		return folio_rd_syllables(w, n, st->lang);
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	h &= MEMO_SLOTS - 1;
	if (st->sink->memo->slot[h].len == n && memcmp(st->sink->memo->slot[h].w, w, n) == 0)
		return st->sink->memo->slot[h].syl;
	syl = folio_rd_syllables(w, n, st->lang);
	if (syl <= 255) {
		memcpy(st->sink->memo->slot[h].w, w, n);
		st->sink->memo->slot[h].len = (unsigned char)n;
		st->sink->memo->slot[h].syl = (unsigned char)syl;
	}
	return syl;
}

/* Whether the terminators at [off, run_end) end the sentence. */
static int ends_sentence(const scan_state *st, size_t off, size_t run_end, int lone_dot)
{
	size_t p = run_end;
	size_t next = p;
	if (p < st->len && !is_space_cp(cp_at(st->text, st->len, p, &next)))
		return 0;
	while (p < st->len) {
		int32_t cp = cp_at(st->text, st->len, p, &next);
		if (!is_space_cp(cp)) {
			if (utf8proc_category(cp) == UTF8PROC_CATEGORY_LL)
				return 0;
			break;
		}
		p = next;
	}
	if (lone_dot && st->word_stop == off && is_abbreviation(st->text, st->word_start, off))
		return 0;
	return 1;
}

static int emit(scan_state *st, size_t end)
{
	int stop = 0;
	if (st->cur.words > 0) {
		st->cur.end = end;
		if (st->sink->sentence != NULL)
			stop = st->sink->sentence(st->sink->ud, &st->cur);
	}
	memset(&st->cur, 0, sizeof(st->cur));
	st->cur.start = SIZE_MAX;
	st->after_prev = end;
	return stop;
}

static int take_word(scan_state *st, size_t off, size_t end)
{
	unsigned syl = syllables_of(st, off, end);
	if (st->cur.start == SIZE_MAX) {
		/* The sentence starts after the last one, white space aside: an
		 * opening bracket or quote belongs to it. */
		size_t p = st->after_prev, next;
		while (p < off && is_space_cp(cp_at(st->text, st->len, p, &next)))
			p = next;
		st->cur.start = p;
	}
	st->cur.words++;
	st->cur.syllables += syl;
	if (syl >= 3)
		st->cur.polysyllables++;
	st->word_start = off;
	st->word_stop = end;
	if (st->sink->word != NULL)
		return st->sink->word(st->sink->ud, off, end, syl);
	return 0;
}

/* Handles the terminators starting at off; returns where scanning resumes. */
static size_t take_terminators(scan_state *st, size_t off, int *stop)
{
	size_t p = off, next;
	size_t dots = 0, others = 0;
	for (;;) {
		if (p >= st->len)
			break;
		int32_t cp = cp_at(st->text, st->len, p, &next);
		if (is_terminator(cp)) {
			if (cp == '.')
				dots++;
			else
				others++;
		} else if (!is_closer(cp)) {
			break;
		}
		p = next;
	}
	if (st->cur.words > 0 && ends_sentence(st, off, p, dots == 1 && others == 0))
		*stop = emit(st, p);
	return p;
}

int folio_rd_scan(const char *text, size_t len, folio_rd_lang lang, const folio_rd_sink *sink)
{
	scan_state st;
	memset(&st, 0, sizeof(st));
	st.text = text;
	st.len = len;
	st.lang = lang;
	st.sink = sink;
	st.cur.start = SIZE_MAX;
	st.word_stop = SIZE_MAX;
	size_t off = 0;
	int stop = 0;
	while (off < len && !stop) {
		size_t next;
		int32_t cp = cp_at(text, len, off, &next);
		if (is_alnum_cp(cp)) {
			size_t end = word_end(text, len, off);
			stop = take_word(&st, off, end);
			off = end;
		} else if (is_terminator(cp)) {
			off = take_terminators(&st, off, &stop);
		} else {
			off = next;
		}
	}
	if (stop)
		return stop;
	size_t end = len;
	while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\n' || text[end - 1] == '\t' ||
	                   text[end - 1] == '\r'))
		end--;
	return emit(&st, end);
}
