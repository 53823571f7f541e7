/* folio — the clipped-text importer's shared state (import_clip.c), its
 * head — title, breadcrumb, menus above the article — (clip_head.c) and its
 * metadata lines — bylines, dates, counters — (clip_byline.c). Not installed.
 */
#ifndef FOLIO_CLIP_IMPORT_PRIVATE_H
#define FOLIO_CLIP_IMPORT_PRIVATE_H

#include <stddef.h>

#include "clip_private.h"
#include "doc_private.h"
#include "import_private.h"

/* What became of a source line. */
typedef enum line_kind {
	L_BLANK = 0,
	L_TEXT,  /* article text, to be cut into blocks */
	L_DROP,  /* boilerplate */
	L_META,  /* a byline, a date or a counter: metadata, not text */
	L_TITLE, /* the title (metadata) */
} line_kind;

typedef struct clip_line {
	const char *s; /* normalised, NUL-terminated, inside clip_ctx.text */
	size_t len;
	unsigned no; /* 1-based source line */
	unsigned char kind;
} clip_line;

typedef enum block_kind { B_PARA, B_HEADING, B_LIST, B_QUOTE } block_kind;

typedef struct clip_block {
	size_t first, last; /* line indexes, inclusive; all L_TEXT */
	block_kind kind;
} clip_block;

/* A date read from the text, kept until the title is known: the article's
 * own date is the one under its title, not the site header's "today". */
typedef struct clip_date {
	size_t line;
	char iso[11];
	int updated;
} clip_date;

#define MAX_DATES 16

typedef struct clip_ctx {
	folio_doc *doc;
	const folio_import_options *opts;
	folio_error *err;
	char *text;       /* the normalised input (owned) */
	clip_line *lines; /* owned */
	size_t nlines;
	clip_block *blocks; /* owned */
	size_t nblocks;
	int french;        /* language guess: 1 French, 0 English */
	int expect_author; /* a "Writer's picture" label stood alone: the name is next */
	folio_status st;   /* first failure; sticky */
	/* The article's densest run of prose (line indexes, inclusive), found
	 * before anything is dropped; body_first is SIZE_MAX when the text has
	 * no prose at all. */
	size_t body_first, body_last;
	size_t start; /* the first line under a page marker or skip link (else 0) */
	size_t cur;        /* the line being read, for where its date was */
	size_t title_line; /* SIZE_MAX until a title is chosen */
	clip_date dates[MAX_DATES];
	size_t ndates;
	const char *crumb; /* the last part of a breadcrumb ("Home > Blog > X"), or NULL */
	size_t crumb_len;
	unsigned char *repeated; /* per line: CLIP_REPEATED, CLIP_ECHOED flags (owned) */
} clip_ctx;

/* clip_ctx.repeated: a short line (eight words at most) that occurs on
 * another line too; a line of four words or more (up to 250 bytes) that
 * does. */
#define CLIP_REPEATED 1
#define CLIP_ECHOED   2

#define MAX_HEAD_CANDIDATES 32
#define MAX_HEAD_VOTES      16
/* clip_ctx.repeated: a short line (eight words at most) that occurs on
 * another line too; a line of four words or more (up to 250 bytes) that
 * does. */
#define CLIP_REPEATED 1
#define CLIP_ECHOED   2

#define MAX_HEAD_CANDIDATES 32
#define MAX_HEAD_VOTES      16

/* What the head pass (clip_head.c) has seen above the article so far. */
typedef struct clip_head {
	size_t cand[MAX_HEAD_CANDIDATES]; /* lines that could be the title */
	size_t ncand;
	size_t meta_after; /* the last byline or date line below a candidate, or SIZE_MAX */
	size_t meta_first; /* the last byline or date line above every candidate, or SIZE_MAX */
	int meta_bare;     /* the meta_after line was a date alone, naming no author */
	/* For each byline or date line below a candidate, the candidate line
	 * right above it (its vote for the title). */
	size_t voted[MAX_HEAD_VOTES];
	size_t nvoted;
	size_t first_line; /* the first non-blank line read, or SIZE_MAX */
	size_t prev;       /* the last non-blank line kept or held, or SIZE_MAX */
	int seen_meta;     /* a byline, date or counter was seen */
	size_t nav_last;   /* the last line dropped as a run of links, or SIZE_MAX */
} clip_head;

/* ---- import_clip.c: helpers shared by the passes ---- */

/* Reports line i and what became of it to opts->explain. */
void clip_explain(clip_ctx *c, size_t i, const char *reason);
/* Records the first failure (sticky). */
void clip_fail(clip_ctx *c, folio_status st);
void clip_nomem(clip_ctx *c);
size_t clip_count_words(const char *s, size_t len);
/* Marks line i boilerplate and explains why. */
void clip_drop(clip_ctx *c, size_t i, const char *reason);
/* The builder's boilerplate rule line l matches (clip_rules.c), or NULL. */
const clip_rule *clip_rule_of(const clip_line *l);
/* A short line that may be a title or a heading. */
int clip_heading_like(const char *s, size_t len);
/* A sentence or more. */
int clip_prose_like(const char *s, size_t len);
/* Whether w[0..len) is one of the n words of list. */
int clip_word_in(const char *w, size_t len, const char *const *list, size_t n);
/* Line l starts with a lowercase letter (ASCII, or Latin-1's à to ÿ). */
int clip_starts_lower(const clip_line *l);
/* A paragraph that reads like a bibliographic citation. */
int clip_citation_like(const char *s, size_t len);

/* ---- clip_byline.c: bylines, dates and counters ---- */

/* When line i is metadata (a byline, a date, counters, or several of them
 * joined), applies it if apply is set and returns why; else NULL. head:
 * the line is above the article, where bare dates and names are believed. */
const char *clip_meta_line(clip_ctx *c, size_t i, int head, int apply);
/* Whether why (from clip_meta_line) says the line was a name alone. */
int clip_meta_is_name(const char *why);
/* Whether why (from clip_meta_line) says the line held counters only. */
int clip_meta_is_counter(const char *why);
/* Adds each author of "A, PT and B, DC" (s need not end with NUL). */
void clip_add_authors(clip_ctx *c, const char *s, size_t len);
/* A name standing alone: a few words starting with a capital letter. */
int clip_name_like(const char *s, size_t len);
/* How much of s is a person's name (credentials after a comma kept). */
size_t clip_name_extent(const char *s, size_t len);
/* Length of a time of day ending s with what leads to it, or 0. */
size_t clip_trailing_time(const char *s, size_t len);
/* Sets the document's date from the dates read (after the title is known). */
void clip_choose_date(clip_ctx *c);

/* ---- clip_head.c: the title and the lines above the article ---- */

void clip_head_init(clip_head *h);
/* Handles line i matching rule r; returns 1 when the article ends here. */
int clip_head_rule(clip_ctx *c, size_t i, const clip_rule *r, clip_head *h, int head);
/* Line i was read as metadata above the article: counts its vote for the
 * title. found: it gave a date or an author; named: an author. */
void clip_head_meta(clip_ctx *c, size_t i, clip_head *h, int found, int named);
/* Line i is above the article and no metadata: a breadcrumb, a menu, a
 * title candidate... Returns 1 when the head ends here (the line is the
 * article's first); the title is then chosen. */
int clip_head_line(clip_ctx *c, size_t i, clip_head *h);
/* Chooses the title among the candidates (the text has no more head). */
void clip_choose_title(clip_ctx *c, clip_head *h);
/* Once every line is read: when the title chosen shares none of the
 * article's words, or another headline-shaped line above the article's
 * prose shares them at twice its weight a word, takes that line. */
void clip_check_title(clip_ctx *c);

#endif
