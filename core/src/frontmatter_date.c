/* folio — dates as people write them in front matter, normalised to
 * YYYY-MM-DD. Numeric forms (2024-05-01, 2024/5/1, 25/12/2024, with or
 * without a time) and written forms in English and French ("May 1, 2024",
 * "1 May 2024", "1er mai 2024", "Tuesday, March 12th 2024"). Anything that is
 * not a real calendar date, or that could be read two ways (03/04/2024), is
 * refused with a reason. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "doc_private.h"
#include "frontmatter_private.h"

typedef struct month_name {
	const char *name; /* lowercase UTF-8 */
	int month;
} month_name;

/* Full names and usual abbreviations, English then French. */
static const month_name month_names[] = {
    {"january", 1},   {"jan", 1},       {"february", 2},  {"feb", 2},       {"march", 3},
    {"mar", 3},       {"april", 4},     {"apr", 4},       {"may", 5},       {"june", 6},
    {"jun", 6},       {"july", 7},      {"jul", 7},       {"august", 8},    {"aug", 8},
    {"september", 9}, {"sept", 9},      {"sep", 9},       {"october", 10},  {"oct", 10},
    {"november", 11}, {"nov", 11},      {"december", 12}, {"dec", 12},      {"janvier", 1},
    {"janv", 1},      {"février", 2},   {"fevrier", 2},   {"févr", 2},      {"fevr", 2},
    {"mars", 3},      {"avril", 4},     {"avr", 4},       {"mai", 5},       {"juin", 6},
    {"juillet", 7},   {"juil", 7},      {"août", 8},      {"aout", 8},      {"septembre", 9},
    {"octobre", 10},  {"novembre", 11}, {"décembre", 12}, {"decembre", 12}, {"déc", 12},
};

/* Words that may surround a written date without changing it. */
static const char *const filler_words[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday",   "saturday", "sunday",
    "mon",    "tue",     "wed",       "thu",      "fri",      "sat",      "sun",
    "lundi",  "mardi",   "mercredi",  "jeudi",    "vendredi", "samedi",   "dimanche",
    "le",     "the",     "of",        "on",
};

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static int finish(int y, int m, int d, char *out, size_t n, const char **why)
{
	if (y < 1000 || y > 9999) {
		*why = "the year must have four digits";
		return 0;
	}
	if (m < 1 || m > 12) {
		*why = "there is no such month";
		return 0;
	}
	if (d < 1 || d > days_in_month(y, m)) {
		*why = "there is no such day in that month";
		return 0;
	}
	snprintf(out, n, "%04d-%02d-%02d", y, m, d);
	return 1;
}

/* Reads 1..max digits at *p into *v; returns the number of digits read. */
static int read_number(const char **p, int max, int *v)
{
	int k = 0;
	*v = 0;
	while (k < max && isdigit((unsigned char)**p)) {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		k++;
	}
	if (isdigit((unsigned char)**p))
		return 0; /* too many digits */
	return k;
}

/* After a numeric date: nothing, or a time ("T10:30", " 10:30:00Z"). */
static int time_tail_ok(const char *p)
{
	if (*p == '\0')
		return 1;
	return (*p == 'T' || *p == ' ') && isdigit((unsigned char)p[1]);
}

/* 2024-05-01, 2024/5/1, 2024.05.01, 25/12/2024, 12/25/2024. Returns -1 when
 * the text does not have a numeric shape, else the result of finish(). */
static int numeric_date(const char *s, char *out, size_t n, const char **why)
{
	const char *p = s;
	int a, b, c;
	int ka = read_number(&p, 4, &a);
	if (ka == 0 || (*p != '-' && *p != '/' && *p != '.'))
		return -1;
	char sep = *p++;
	if (read_number(&p, 2, &b) == 0 || *p != sep)
		return -1;
	p++;
	int kc = read_number(&p, 4, &c);
	if (kc == 0 || !time_tail_ok(p))
		return -1;
	if (ka == 4 && kc <= 2)
		return finish(a, b, c, out, n, why);
	if (ka > 2 || kc != 4)
		return -1;
	/* Day and month in either order: only when one of them cannot be a month. */
	if (a > 12 && b <= 12)
		return finish(c, b, a, out, n, why);
	if (b > 12 && a <= 12)
		return finish(c, a, b, out, n, why);
	if (a == b)
		return finish(c, a, b, out, n, why);
	*why = "day and month could be read either way; write it as YYYY-MM-DD";
	return 0;
}

static int word_is(const char *w, size_t len, const char *name)
{
	return strlen(name) == len && memcmp(w, name, len) == 0;
}

static int month_of(const char *w, size_t len)
{
	for (size_t i = 0; i < sizeof(month_names) / sizeof(month_names[0]); i++)
		if (word_is(w, len, month_names[i].name))
			return month_names[i].month;
	return 0;
}

static int is_filler(const char *w, size_t len)
{
	for (size_t i = 0; i < sizeof(filler_words) / sizeof(filler_words[0]); i++)
		if (word_is(w, len, filler_words[i]))
			return 1;
	return 0;
}

/* A day number with an optional ordinal suffix: 1, 1st, 22nd, 1er. */
static int day_of(const char *w, size_t len)
{
	size_t k = 0;
	int d = 0;
	while (k < len && k < 2 && isdigit((unsigned char)w[k])) {
		d = d * 10 + (w[k] - '0');
		k++;
	}
	if (k == 0)
		return 0;
	const char *rest = w + k;
	size_t rlen = len - k;
	if (rlen == 0 || word_is(rest, rlen, "st") || word_is(rest, rlen, "nd") ||
	    word_is(rest, rlen, "rd") || word_is(rest, rlen, "th") || word_is(rest, rlen, "er"))
		return d;
	return 0;
}

static int all_digits(const char *w, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!isdigit((unsigned char)w[i]))
			return 0;
	return 1;
}

typedef struct written_parts {
	int year, month, day;
} written_parts;

/* Sorts one lowercase word into the parts; 0 when it fits nowhere. */
static int take_word(written_parts *wp, const char *w, size_t len)
{
	int m = month_of(w, len);
	if (m && !wp->month) {
		wp->month = m;
		return 1;
	}
	if (len == 4 && !wp->year && all_digits(w, len)) {
		int y = 0;
		for (size_t i = 0; i < 4; i++)
			y = y * 10 + (w[i] - '0');
		wp->year = y;
		return 1;
	}
	int d = day_of(w, len);
	if (d && !wp->day) {
		wp->day = d;
		return 1;
	}
	return is_filler(w, len);
}

/* "May 1, 2024", "1 May 2024", "1er mai 2024": words split at blanks,
 * commas and dots, lowercased (ASCII letters only; accented month names are
 * matched in lowercase). */
static int written_date(const char *s, char *out, size_t n, const char **why)
{
	written_parts wp = {0, 0, 0};
	char word[32];
	const char *p = s;
	while (*p) {
		while (*p == ' ' || *p == ',' || *p == '.' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		size_t len = 0;
		while (*p && *p != ' ' && *p != ',' && *p != '.' && *p != '\t') {
			if (len + 1 >= sizeof(word))
				return -1;
			word[len++] = (char)tolower((unsigned char)*p);
			p++;
		}
		if (!take_word(&wp, word, len))
			return -1;
	}
	if (!wp.year || !wp.month || !wp.day) {
		if (wp.year || wp.month) {
			*why = "a date needs a day, a month and a year";
			return 0;
		}
		return -1;
	}
	return finish(wp.year, wp.month, wp.day, out, n, why);
}

int folio_date_normalize(const char *s, char *out, size_t n, const char **why)
{
	static const char *const unknown = "it is not a date folio can read (use YYYY-MM-DD)";
	*why = unknown;
	if (s == NULL || n < 11)
		return 0;
	while (*s == ' ')
		s++;
	int r = numeric_date(s, out, n, why);
	if (r < 0)
		r = written_date(s, out, n, why);
	if (r < 0) {
		*why = unknown;
		return 0;
	}
	return r;
}
