/* folio pdf plugin — hyphenation points, from libhyphen.
 *
 * libhyphen reads Debian's pattern files (hyphen-en-us, hyphen-fr, -es, -de,
 * -pt-pt, -pt-br, -ru, -pl, -hi, -pa, -it, ...) and hyphenates with them.
 * A dictionary costs a few milliseconds to load, so each is loaded once per
 * process, on the first word it is asked about, and shared by every render
 * thread (pdf_hyphenator_for_lang below); a loaded HyphenDict is only read
 * afterwards, which libhyphen allows from several threads.
 *
 * The layout only asks about runs of letters (no digits, hyphens or
 * apostrophes). libhyphen wants lowercase input and, for UTF-8 dictionaries,
 * returns its hyphens[] vector indexed by CODE POINT, not by byte; we
 * lowercase a copy (utf8proc, only where the lowercase form has the same
 * byte length, so byte offsets keep their meaning) and map the code-point
 * indexes back to byte offsets.
 */
#include <hyphen.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include "pdf_layout.h"

#define MIN_BEFORE     2   /* characters before a hyphen */
#define MIN_AFTER      3   /* characters after it */
#define MAX_WORD_BYTES 120 /* longer "words" are not hyphenated */

/* A dictionary of the process is read on the first word it is asked about,
 * not when a render picks it: reading hyph_en_US.dic costs more than laying
 * out a whole leaflet, and ragged-right text asks only about words too long
 * for their line, so most leaflets never need it. */
struct pdf_hyphenator {
	HyphenDict *dict;
	char *path;  /* while not yet read */
	int settled; /* read (or failed): dict is final; atomic */
	pthread_mutex_t lock;
};

static pdf_hyphenator *new_hyphenator(const char *dict_path)
{
	pdf_hyphenator *h = calloc(1, sizeof *h);

	if (!h)
		return NULL;
	h->path = strdup(dict_path);
	if (!h->path) {
		free(h);
		return NULL;
	}
	pthread_mutex_init(&h->lock, NULL);
	return h;
}

/* The dictionary, read now if it was not yet; NULL when it cannot be. */
static HyphenDict *dict_of(const pdf_hyphenator *hc)
{
	pdf_hyphenator *h = (pdf_hyphenator *)hc; /* reading it once is not a change */

	if (__atomic_load_n(&h->settled, __ATOMIC_ACQUIRE))
		return h->dict;
	pthread_mutex_lock(&h->lock);
	if (!h->settled) {
		h->dict = hnj_hyphen_load(h->path);
		free(h->path);
		h->path = NULL;
		__atomic_store_n(&h->settled, 1, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&h->lock);
	return h->dict;
}

pdf_hyphenator *pdf_hyphenator_load(const char *dict_path)
{
	pdf_hyphenator *h;

	if (!dict_path || access(dict_path, R_OK) != 0 || !(h = new_hyphenator(dict_path)))
		return NULL;
	if (!dict_of(h)) {
		pdf_hyphenator_free(h);
		return NULL;
	}
	return h;
}

void pdf_hyphenator_free(pdf_hyphenator *h)
{
	if (!h)
		return;
	if (h->dict)
		hnj_hyphen_free(h->dict);
	free(h->path);
	pthread_mutex_destroy(&h->lock);
	free(h);
}

/* ---- the dictionaries of the process ------------------------------------ */

#define HYPHEN_DIR "/usr/share/hyphen"
#define MAX_DICTS  32

/* The usual country of a language, for a tag without one ("es" ->
 * hyph_es_ES.dic), where Debian has no hyph_<lang>.dic. */
static const struct {
	const char *lang, *region;
} default_region[] = {
    {"en", "US"}, {"es", "ES"}, {"de", "DE"}, {"pt", "PT"}, {"ru", "RU"}, {"pl", "PL"},
    {"hi", "IN"}, {"pa", "IN"}, {"it", "IT"}, {"fr", "FR"}, {"nl", "NL"}, {"sv", "SE"},
    {"da", "DK"}, {"nb", "NO"}, {"cs", "CZ"}, {"sk", "SK"}, {"hu", "HU"}, {"uk", "UA"},
};

typedef struct dict_slot {
	char path[PATH_MAX]; /* resolved: hyph_en.dic and hyph_en_US.dic are one file */
	pdf_hyphenator *h; /* NULL: the file is missing or unreadable */
} dict_slot;

static pthread_mutex_t dicts_lock = PTHREAD_MUTEX_INITIALIZER;
static dict_slot dicts[MAX_DICTS];
static size_t dict_count;
static unsigned dict_users;

void pdf_hyphenators_acquire(void)
{
	pthread_mutex_lock(&dicts_lock);
	dict_users++;
	pthread_mutex_unlock(&dicts_lock);
}

void pdf_hyphenators_release(void)
{
	pthread_mutex_lock(&dicts_lock);
	if (dict_users > 0 && --dict_users == 0) {
		for (size_t i = 0; i < dict_count; i++)
			pdf_hyphenator_free(dicts[i].h);
		memset(dicts, 0, sizeof dicts);
		dict_count = 0;
	}
	pthread_mutex_unlock(&dicts_lock);
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char lower_ascii(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

static char upper_ascii(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
}

/* Splits a BCP 47 tag into its language (2-3 letters, lowercased) and its
 * region (2 letters, uppercased; "" when none). Scripts ("zh-Hans") and
 * variants are skipped. 0 when the tag is not of that form. */
static int parse_tag(const char *tag, char lang[4], char region[3])
{
	size_t n = 0;

	while (is_alpha(tag[n]) && n < 3)
		n++;
	if (n < 2 || (tag[n] != '\0' && tag[n] != '-' && tag[n] != '_'))
		return 0;
	for (size_t i = 0; i < n; i++)
		lang[i] = lower_ascii(tag[i]);
	lang[n] = '\0';
	region[0] = '\0';
	for (const char *p = tag + n; *p == '-' || *p == '_';) {
		size_t k = 0;

		p++;
		while (p[k] && p[k] != '-' && p[k] != '_')
			k++;
		if (k == 2 && is_alpha(p[0]) && is_alpha(p[1])) {
			region[0] = upper_ascii(p[0]);
			region[1] = upper_ascii(p[1]);
			region[2] = '\0';
			break;
		}
		p += k;
	}
	return 1;
}

/* The installed file for lang and region: hyph_<lang>_<REGION>.dic, then
 * hyph_<lang>.dic, then the language's usual region. 0 when none exists. */
static int dict_path_for(const char *lang, const char *region, char *out, size_t n)
{
	const char *def = NULL;

	if (region[0]) {
		snprintf(out, n, HYPHEN_DIR "/hyph_%s_%s.dic", lang, region);
		if (access(out, R_OK) == 0)
			return 1;
	}
	snprintf(out, n, HYPHEN_DIR "/hyph_%s.dic", lang);
	if (access(out, R_OK) == 0)
		return 1;
	for (size_t i = 0; i < sizeof default_region / sizeof default_region[0]; i++)
		if (strcmp(default_region[i].lang, lang) == 0)
			def = default_region[i].region;
	if (def) {
		snprintf(out, n, HYPHEN_DIR "/hyph_%s_%s.dic", lang, def);
		if (access(out, R_OK) == 0)
			return 1;
	}
	return 0;
}

int pdf_hyphen_dict_path(const char *lang, char *out, size_t n)
{
	char l[4], r[3];

	if (!parse_tag(lang ? lang : "en", l, r))
		return 0;
	return dict_path_for(l, r, out, n);
}

const pdf_hyphenator *pdf_hyphenator_for_lang(const char *lang)
{
	char name[64], path[PATH_MAX];
	const pdf_hyphenator *h = NULL;
	size_t i;

	if (!pdf_hyphen_dict_path(lang, name, sizeof name) || !realpath(name, path))
		return NULL;
	pthread_mutex_lock(&dicts_lock);
	for (i = 0; i < dict_count; i++)
		if (strcmp(dicts[i].path, path) == 0)
			break;
	if (i == dict_count && dict_count < MAX_DICTS) {
		snprintf(dicts[i].path, sizeof dicts[i].path, "%s", path);
		dicts[i].h = new_hyphenator(path); /* read on first use */
		dict_count++;
	}
	if (i < dict_count)
		h = dicts[i].h;
	pthread_mutex_unlock(&dicts_lock);
	return h;
}

/* ---- hyphenating a word --------------------------------------------------- */

/* Lowercases w into out where the lowercase character has the same UTF-8
 * length (all of Latin, Greek and Cyrillic in practice). */
static void lower_copy(const char *w, size_t len, char *out)
{
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n =
		    utf8proc_iterate((const utf8proc_uint8_t *)w + i, (utf8proc_ssize_t)(len - i), &cp);
		utf8proc_uint8_t enc[4];

		if (n <= 0) {
			out[i] = w[i];
			i++;
			continue;
		}
		if (utf8proc_encode_char(utf8proc_tolower(cp), enc) == n)
			memcpy(out + i, enc, (size_t)n);
		else
			memcpy(out + i, w + i, (size_t)n);
		i += (size_t)n;
	}
	out[len] = '\0';
}

static int is_continuation(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

static void free_rep(char **rep, int *pos, int *cut, size_t n)
{
	if (rep) {
		for (size_t i = 0; i < n; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
}

size_t pdf_hyphenate(const pdf_hyphenator *h, const char *word, size_t len, unsigned char *points)
{
	char lower[MAX_WORD_BYTES + 1], hy[MAX_WORD_BYTES + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	size_t nchars = 0, k = 0, count = 0, lmin, rmin;
	HyphenDict *dict;

	memset(points, 0, len);
	if (!h || len < MIN_BEFORE + MIN_AFTER || len > MAX_WORD_BYTES || !(dict = dict_of(h)))
		return 0;
	lower_copy(word, len, lower);
	memset(hy, 0, sizeof hy);
	if (hnj_hyphen_hyphenate2(dict, lower, (int)len, hy, NULL, &rep, &pos, &cut) != 0) {
		free_rep(rep, pos, cut, len);
		return 0;
	}
	lmin = dict->lhmin > MIN_BEFORE ? (size_t)dict->lhmin : MIN_BEFORE;
	rmin = dict->rhmin > MIN_AFTER ? (size_t)dict->rhmin : MIN_AFTER;
	for (size_t i = 0; i < len; i++)
		nchars += !is_continuation((unsigned char)lower[i]);
	for (size_t i = 0; i < len; i++) {
		size_t idx;

		if (i + 1 < len && is_continuation((unsigned char)lower[i + 1]))
			continue;
		k++; /* k characters end at or before byte i */
		idx = dict->utf8 ? k - 1 : i;
		if (k >= lmin && nchars - k >= rmin && (hy[idx] & 1) && !(rep && rep[idx])) {
			points[i] = 1;
			count++;
		}
	}
	free_rep(rep, pos, cut, len);
	return count;
}
