/* folio — the clipped-text importer's rule tables and line classifiers
 * (clip_rules.c), used by import_clip.c. Not installed.
 *
 * Everything here works on one line at a time, already normalised (spaces
 * collapsed, trimmed) and folded (clip_fold: lowercase, curly apostrophe as
 * ASCII, a leading bullet removed). Nothing here allocates.
 */
#ifndef FOLIO_CLIP_PRIVATE_H
#define FOLIO_CLIP_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

/* Lines longer than this are never boilerplate, a byline or a date: rules
 * are skipped for them, which also keeps a 1 MB line cheap. */
#define CLIP_RULE_MAX_LINE 480

typedef enum clip_match {
	CLIP_EXACT,  /* the whole line, case-insensitively */
	CLIP_PREFIX, /* the line starts with the pattern */
	CLIP_GLOB,   /* '*' = any run of characters, '#' = one or more digits */
	CLIP_SHORT,  /* a short line (CLIP_SHORT_WORDS words at most) holding the pattern,
	                starting at a word: "Sign up for our newsletter" */
} clip_match;

/* How many words a line may have for a CLIP_SHORT rule: a prompt or a
 * button, not a sentence of the article that happens to name the thing. */
#define CLIP_SHORT_WORDS 12

typedef enum clip_action {
	CLIP_DROP,  /* not part of the article */
	CLIP_START, /* the article starts after this line: what came before is dropped */
	CLIP_END,   /* the article ended before this line: it and what follows are dropped
	               (only once some body text has been seen) */
} clip_action;

typedef enum clip_scope {
	CLIP_ANYWHERE,
	CLIP_HEAD, /* only before the first body paragraph: menus ("Home", "Services") */
} clip_scope;

typedef struct clip_rule {
	clip_match match;
	const char *pattern; /* folded: lowercase, ASCII apostrophe */
	clip_action action;
	clip_scope scope;
	const char *builder; /* where the rule was seen (documentation and --explain) */
	const char *what;    /* a few words for --explain */
} clip_rule;

/* Folds line s[0..len) into out (size n): lowercase (Unicode), ’ as ',
 * a leading bullet ("•", "-", "*", "–") and blanks removed. Returns the
 * folded length, or (size_t)-1 when it does not fit. */
size_t clip_fold(const char *s, size_t len, char *out, size_t n);

/* The length of a leading list bullet and its space ("• ", "- "), or 0. */
size_t clip_skip_bullet(const char *s, size_t len);

/* The first rule matching folded line f, or NULL. */
const clip_rule *clip_match_rule(const char *f, size_t len);

/* A counter line: "124 views0 comments", "3 min read", "12 likes",
 * "0 commentaires", "2 min de lecture". On success returns 1 and calls
 * record(ctx, key, number) for each counter, key being one of "views",
 * "comments", "likes", "reading-time-minutes" (record may be NULL to only
 * check). f is folded. */
typedef int (*clip_record_fn)(void *ctx, const char *key, const char *number);
int clip_parse_counters(const char *f, size_t len, clip_record_fn record, void *ctx);

/* Byline labels: returns the length of a byline label that starts the raw
 * (unfolded, unbulleted) line s ("Writer's picture", "By ", "Écrit par "),
 * or 0. The name follows the label, possibly glued to it. */
size_t clip_byline_label(const char *s, size_t len);

/* Date labels ("Updated:", "Posted on", "Publié le"): the length of the label
 * starting s, or 0; *updated is set when the date is a revision date. */
size_t clip_date_label(const char *s, size_t len, int *updated);

/* Parses a date standing alone ("Mar 5, 2021", "5 mars 2021", "2021-03-05",
 * "05/03/2021") into out (11 bytes) as YYYY-MM-DD. day_first decides
 * slash dates that could be read both ways (French sites write day/month,
 * English ones month/day). Returns 1 on success. */
int clip_parse_date(const char *s, size_t len, int day_first, char out[11]);

/* Finds a date inside a short line ("CBS News February 24, 2020, 7:57 AM",
 * "Updated 2010 GMT (0410 HKT) March 14, 2021", "Lafuente/June 12, 2020"):
 * the longest run of one to six words, at the earliest place, that
 * clip_parse_date reads. Words are cut at blanks, and at '/', '|', '@',
 * '(' and ')' next to a letter or a blank. Returns 1 and the date's offset
 * and length in s (*at, *dlen may be NULL). Lines over 200 bytes have none. */
int clip_find_date(const char *s, size_t len, int day_first, char out[11], size_t *at,
                   size_t *dlen);

/* Case-insensitive (ASCII) search for needle in s[0..len); returns the
 * offset or (size_t)-1. */
size_t clip_find_word(const char *s, size_t len, const char *needle);

/* ---- the page's shape (clip_shape.c) ---- */

/* The run of lines [*first, *last] whose weights sum highest (lines of
 * prose weigh their words, short lines a penalty); both SIZE_MAX when no
 * weight is positive. */
void clip_densest_run(const long *weight, size_t n, size_t *first, size_t *last);

/* FNV-1a of s[0..len). */
uint64_t clip_hash(const char *s, size_t len);

/* Sets repeated[i] when line i (s[i], len[i] bytes, at most max_len) occurs
 * again elsewhere, byte for byte. Returns 0, or -1 when out of memory. */
int clip_mark_repeats(const char *const *s, const size_t *len, size_t n, size_t max_len,
                      unsigned char *repeated);

/* A breadcrumb: three parts or more joined by one separator ("Home > Blog >
 * Title"). Returns the offset of its last part (its length in *tail), or 0
 * when s is no breadcrumb. */
size_t clip_breadcrumb(const char *s, size_t len, size_t *tail);

#endif
