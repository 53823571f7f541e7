/* folio pdf plugin — hyphenation points from libhyphen's pattern files.
 *
 * libhyphen reads a dictionary in 4-7 ms (it builds a state machine with a
 * malloc per state), more than a whole leaflet; its free takes another
 * 0.5 ms. So the usual files are read here instead, into one hash table of
 * Liang patterns (about 0.3 ms for English), and libhyphen reads only the
 * files that use what this reader does not take: non-standard patterns
 * ("ß/ss=s"), NOHYPHEN, a first level with patterns of its own (compound
 * words), or an 8-bit charset. tests/test_hyphen.c checks the two engines
 * give the same points for every word it tries.
 *
 * The layout only asks about runs of letters (no digits, hyphens or
 * apostrophes), and for those libhyphen's answer is Liang's: the highest
 * digit of every pattern matching ".word." (its compound level, NEXTLEVEL or
 * the built-in one, splits only at hyphens and apostrophes), then its
 * LEFTHYPHENMIN / RIGHTHYPHENMIN.
 *
 * libhyphen wants lowercase input and, for UTF-8 dictionaries, returns its
 * hyphens[] vector indexed by CODE POINT, not by byte; we lowercase a copy
 * (only case pairs of equal byte length, so byte offsets keep their meaning)
 * and map the code-point indexes back to byte offsets.
 *
 * A loaded dictionary is only read afterwards, so one pdf_hyphenator may be
 * shared by threads.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <hyphen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pdf_layout.h"

#ifndef PDF_LIBHYPHEN_SONAME
#define PDF_LIBHYPHEN_SONAME "libhyphen.so.0"
#endif

#define MIN_BEFORE     2   /* characters before a hyphen */
#define MIN_AFTER      3   /* characters after it */
#define MAX_WORD_BYTES 120 /* longer "words" are not hyphenated */
#define MAX_PATTERN    64  /* bytes of letters in one pattern (libhyphen: 65) */
#define MAX_DICT_BYTES (16u << 20)

/* One pattern: its letters at key, its digits (one per byte boundary,
 * len + 1 of them, 0 where the file has none) at digits. */
typedef struct hpat {
	uint32_t key;    /* offset in text */
	uint32_t digits; /* offset in text */
	uint32_t hash;
	uint8_t len;
} hpat;

/* libhyphen, loaded only for the files it reads (dlopen: most processes
 * never need it, and every library loaded costs start-up time). */
typedef struct libhyphen_api {
	HyphenDict *(*load)(const char *);
	void (*free)(HyphenDict *);
	int (*hyphenate2)(HyphenDict *, const char *, int, char *, char *, char ***, int **,
	                  int **);
} libhyphen_api;

struct pdf_hyphenator {
	HyphenDict *dict; /* libhyphen's, for the files read by it; else NULL */
	libhyphen_api api; /* set with dict */
	/* Read here: */
	char *text;      /* letters and digit vectors of every pattern */
	hpat *pats;      /* the patterns */
	uint32_t *slots; /* open addressing: index + 1 into pats, 0 = empty */
	uint32_t mask;   /* slots - 1 (a power of two, at least twice the lines) */
	size_t max_len;  /* longest pattern, in bytes */
	int lhmin, rhmin;
	uint32_t count;   /* patterns */
	size_t text_len;  /* bytes of text used */
	void *map;        /* the cache file the tables are in (read-only), or NULL */
	size_t map_len;
};

static uint32_t hash_step(uint32_t h, unsigned char c)
{
	return (h ^ c) * 16777619u;
}

#define HASH_SEED 2166136261u

/* ---- reading a pattern file ----------------------------------------------- */

/* Sized from the file before reading it: nothing grows. */
typedef struct reader {
	pdf_hyphenator *h;
	size_t used, cap; /* of h->text */
	size_t count, max; /* of h->pats */
} reader;

/* The slot for key: where it is, or the empty one where it would go. */
static uint32_t *lookup(const pdf_hyphenator *h, const char *key, size_t len, uint32_t hash)
{
	for (uint32_t i = hash & h->mask;; i = (i + 1) & h->mask) {
		uint32_t *s = &h->slots[i];
		const hpat *p;

		if (*s == 0)
			return s;
		p = &h->pats[*s - 1];
		if (p->hash == hash && p->len == len && memcmp(h->text + p->key, key, len) == 0)
			return s;
	}
}

/* The digits of pattern key, or NULL. Unlike lookup it trusts nothing in
 * the tables (they may be a mapped cache file): every slot and pattern read
 * is bounds-checked, and a probe visits each slot at most once. */
static const char *find(const pdf_hyphenator *h, const char *key, size_t len, uint32_t hash)
{
	uint32_t i = hash & h->mask;

	for (uint32_t probes = 0; probes <= h->mask; probes++, i = (i + 1) & h->mask) {
		uint32_t s = h->slots[i];
		const hpat *p;

		if (s == 0 || s > h->count)
			return NULL;
		p = &h->pats[s - 1];
		if (p->hash == hash && p->len == len && p->key + (size_t)len <= h->text_len &&
		    memcmp(h->text + p->key, key, len) == 0)
			return p->digits + len + 1 <= h->text_len ? h->text + p->digits : NULL;
	}
	return NULL;
}

/* Adds one pattern line ("a2ch4", ".ad4der"). A later duplicate replaces the
 * earlier one, as in libhyphen. */
static int add_pattern(reader *r, const char *line, size_t n)
{
	pdf_hyphenator *h = r->h;
	char *key = h->text + r->used;
	size_t len = 0;
	uint32_t hash = HASH_SEED, *slot;
	char digits[MAX_PATTERN + 1];

	if (r->used + 2 * n + 2 > r->cap || r->count == r->max)
		return -1; /* cannot happen: sized from the file */
	digits[0] = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)line[i];

		if ((unsigned)(c - '0') <= 9) {
			digits[len] = (char)(c - '0');
		} else if (c == '/') {
			return 1; /* a non-standard pattern: libhyphen's */
		} else {
			if (len == MAX_PATTERN)
				return 1; /* libhyphen would cut it; let it read the file */
			key[len++] = (char)c;
			digits[len] = 0;
			hash = hash_step(hash, c);
		}
	}
	if (len == 0)
		return 0;
	slot = lookup(h, key, len, hash);
	if (*slot == 0) {
		h->pats[r->count] = (hpat){(uint32_t)r->used, 0, hash, (uint8_t)len};
		*slot = (uint32_t)++r->count;
		r->used += len;
	}
	h->pats[*slot - 1].digits = (uint32_t)r->used;
	memcpy(h->text + r->used, digits, len + 1);
	r->used += len + 1;
	if (len > h->max_len)
		h->max_len = len;
	return 0;
}

static int keyword(const char *line, size_t n, const char *kw)
{
	size_t k = strlen(kw);

	return n >= k && memcmp(line, kw, k) == 0;
}

/* Reads the patterns of buf (a whole file). Returns 0, 1 when the file needs
 * libhyphen, or -1 when out of memory. */
static int read_patterns(pdf_hyphenator *h, const char *buf, size_t size)
{
	reader r = {h, 0, 2 * size + 2, 0, 1};
	const char *p = buf, *end = buf + size;
	int first = 1, patterns = 0;
	size_t slots = 1024;

	for (const char *q = buf; (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++)
		r.max++;
	while (slots < 2 * r.max)
		slots *= 2;
	if (r.max > UINT32_MAX / 4)
		return -1;
	h->text = malloc(r.cap);
	h->pats = malloc(r.max * sizeof *h->pats);
	h->slots = calloc(slots, sizeof *h->slots);
	h->mask = (uint32_t)(slots - 1);
	if (!h->text || !h->pats || !h->slots)
		return -1;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		size_t n = 0;
		int st;

		/* libhyphen reads a line up to its first space or control byte */
		while (p + n < eol && (unsigned char)p[n] > ' ')
			n++;
		if (first) {
			if (n != 5 || memcmp(p, "UTF-8", 5) != 0)
				return 1;
			first = 0;
		} else if (n == 0 || p[0] == '%') {
			/* a blank line, or a comment */
		} else if (p[0] < 'A' || p[0] > 'Z') { /* a pattern: no keyword */
			st = add_pattern(&r, p, n);
			if (st != 0)
				return st;
			patterns = 1;
		} else if (keyword(p, n, "LEFTHYPHENMIN")) {
			h->lhmin = atoi(p + 13);
		} else if (keyword(p, n, "RIGHTHYPHENMIN")) {
			h->rhmin = atoi(p + 14);
		} else if (keyword(p, n, "COMPOUNDLEFTHYPHENMIN") ||
		           keyword(p, n, "COMPOUNDRIGHTHYPHENMIN")) {
			/* compound parts only */
		} else if (keyword(p, n, "NEXTLEVEL")) {
			if (patterns)
				return 1; /* a compound level of its own */
		} else if (keyword(p, n, "NOHYPHEN") || memchr(p, '/', n)) {
			return 1;
		} else {
			st = add_pattern(&r, p, n);
			if (st != 0)
				return st;
			patterns = 1;
		}
		p = nl ? nl + 1 : end;
	}
	h->count = (uint32_t)r.count;
	h->text_len = r.used;
	return patterns ? 0 : 1;
}

/* The whole file, or NULL. */
static char *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && (unsigned long)n <= MAX_DICT_BYTES &&
	    fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*size = (size_t)n;
	}
	fclose(f);
	return buf;
}

static void free_table(pdf_hyphenator *h)
{
	if (h->map) {
		munmap(h->map, h->map_len);
		h->map = NULL;
	} else {
		free(h->text);
		free(h->pats);
		free(h->slots);
	}
	h->text = NULL;
	h->pats = NULL;
	h->slots = NULL;
	h->mask = 0;
	h->max_len = 0;
}

/* ---- the compiled table, cached on disk --------------------------------------- */

/* Parsing hyph_en_US.dic takes 0.6 ms, a tenth of a leaflet, in every
 * process. So the tables (position-independent: offsets and indexes) are
 * written once to $FOLIO_CACHE_DIR, else $XDG_CACHE_HOME/folio, else
 * ~/.cache/folio, and later processes map that file. A cache entry names the
 * dictionary's size, change time and inode, and carries a checksum; one that
 * does not match, or fails a bounds check, is ignored and rewritten. Nothing
 * is cached when FOLIO_CACHE_DIR is set but empty, or no folder can be made.
 * Any failure here only means parsing the file, as before. */

#define CACHE_VERSION 2

typedef struct cache_head {
	char magic[8]; /* "folioHY\0" */
	uint32_t version, hpat_size;
	uint64_t src_size, src_mtime_ns, src_ino, src_dev;
	uint32_t count, mask, max_len, text_len;
	int32_t lhmin, rhmin;
	uint64_t sum; /* of everything after the header */
} cache_head;

/* A checksum that catches a damaged or cut file: four independent lanes
 * of sums and rotated sums of 64-bit words, so that it runs at memory speed
 * (the file is 0.1-0.5 MB, read in every process that maps it). */
static uint64_t body_sum(const unsigned char *p, size_t n)
{
	uint64_t a[4] = {1, 2, 3, 4}, b[4] = {0, 0, 0, 0}, h;
	size_t i = 0;

	for (; i + 32 <= n; i += 32)
		for (int k = 0; k < 4; k++) {
			uint64_t w;

			memcpy(&w, p + i + 8 * (size_t)k, 8);
			a[k] += w;
			b[k] += a[k]; /* position-dependent, as Fletcher's second sum */
		}
	h = 0x9E3779B97F4A7C15ULL;
	for (int k = 0; k < 4; k++)
		h = (h ^ a[k] ^ (b[k] << 1 | b[k] >> 63)) * 0xFF51AFD7ED558CCDULL;
	for (; i < n; i++)
		h = (h ^ p[i]) * 0x100000001B3ULL;
	return h;
}

/* The cache file's path for dict_path into buf; 0 when caching is off. */
static int cache_path(const char *dict_path, char *buf, size_t n, char *dir, size_t dn)
{
	const char *env = getenv("FOLIO_CACHE_DIR"), *base = strrchr(dict_path, '/');
	uint32_t h = HASH_SEED;
	int w;

	for (const char *c = dict_path; *c; c++)
		h = hash_step(h, (unsigned char)*c);
	base = base ? base + 1 : dict_path;
	if (env) {
		w = snprintf(dir, dn, "%s", env);
	} else if (getenv("XDG_CACHE_HOME") && getenv("XDG_CACHE_HOME")[0] == '/') {
		w = snprintf(dir, dn, "%s/folio", getenv("XDG_CACHE_HOME"));
	} else if (getenv("HOME") && getenv("HOME")[0] == '/') {
		w = snprintf(dir, dn, "%s/.cache/folio", getenv("HOME"));
	} else {
		return 0;
	}
	if (w <= 0 || (size_t)w >= dn)
		return 0;
	w = snprintf(buf, n, "%s/hyph-%.60s-%08x-v%d.bin", dir, base, (unsigned)h, CACHE_VERSION);
	return w > 0 && (size_t)w < n;
}

static void head_for(cache_head *ch, const struct stat *src)
{
	memset(ch, 0, sizeof *ch);
	memcpy(ch->magic, "folioHY", 8);
	ch->version = CACHE_VERSION;
	ch->hpat_size = sizeof(hpat);
	ch->src_size = (uint64_t)src->st_size;
	ch->src_mtime_ns = (uint64_t)src->st_mtim.tv_sec * 1000000000u + (uint64_t)src->st_mtim.tv_nsec;
	ch->src_ino = (uint64_t)src->st_ino;
	ch->src_dev = (uint64_t)src->st_dev;
}

/* Maps the cache for the dictionary src describes into h. 1 when it did. */
static int cache_read(pdf_hyphenator *h, const char *path, const struct stat *src)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	struct stat st;
	cache_head want, ch;
	unsigned char *m;
	size_t slots_len, pats_len;

	if (fd < 0)
		return 0;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    (size_t)st.st_size < sizeof ch || (uint64_t)st.st_size > 64u << 20) {
		close(fd);
		return 0;
	}
	m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return 0;
	memcpy(&ch, m, sizeof ch);
	head_for(&want, src);
	slots_len = ((size_t)ch.mask + 1) * sizeof(uint32_t);
	pats_len = (size_t)ch.count * sizeof(hpat);
	if (memcmp(ch.magic, want.magic, 8) != 0 || ch.version != want.version ||
	    ch.hpat_size != want.hpat_size || ch.src_size != want.src_size ||
	    ch.src_mtime_ns != want.src_mtime_ns || ch.src_ino != want.src_ino ||
	    ch.src_dev != want.src_dev || ch.mask == 0 || (ch.mask & (ch.mask + 1)) != 0 ||
	    ch.count > ch.mask || ch.max_len > MAX_PATTERN ||
	    sizeof ch + slots_len + pats_len + ch.text_len != (size_t)st.st_size ||
	    body_sum(m + sizeof ch, (size_t)st.st_size - sizeof ch) != ch.sum)
		goto bad;
	/* Even a wrong file that passed cannot send a lookup astray: a mapped
	 * table's lookups check every slot and pattern they read (find). */
	h->slots = (uint32_t *)(void *)(m + sizeof ch);
	h->pats = (hpat *)(void *)(m + sizeof ch + slots_len);
	h->text = (char *)(m + sizeof ch + slots_len + pats_len);
	h->map = m;
	h->map_len = (size_t)st.st_size;
	h->mask = ch.mask;
	h->count = ch.count;
	h->max_len = ch.max_len;
	h->text_len = ch.text_len;
	h->lhmin = ch.lhmin;
	h->rhmin = ch.rhmin;
	return 1;
bad:
	h->slots = NULL;
	h->pats = NULL;
	h->text = NULL;
	munmap(m, (size_t)st.st_size);
	return 0;
}

static int write_all(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n > 0) {
		ssize_t w = write(fd, c, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return 0;
		c += w;
		n -= (size_t)w;
	}
	return 1;
}

/* Writes h's tables as the cache for src (a new file renamed into place, so
 * readers never see half of one). Failures are silent. */
static void cache_write(const pdf_hyphenator *h, const char *path, const char *dir,
                        const struct stat *src)
{
	size_t slots_len = ((size_t)h->mask + 1) * sizeof(uint32_t);
	size_t pats_len = (size_t)h->count * sizeof(hpat);
	size_t body = slots_len + pats_len + h->text_len;
	unsigned char *b = malloc(body ? body : 1);
	char tmp[4200], parent[4096];
	cache_head ch;
	int fd, ok;

	if (!b)
		return;
	memcpy(b, h->slots, slots_len);
	memcpy(b + slots_len, h->pats, pats_len);
	memcpy(b + slots_len + pats_len, h->text, h->text_len);
	head_for(&ch, src);
	ch.count = h->count;
	ch.mask = h->mask;
	ch.max_len = (uint32_t)h->max_len;
	ch.text_len = (uint32_t)h->text_len;
	ch.lhmin = h->lhmin;
	ch.rhmin = h->rhmin;
	ch.sum = body_sum(b, body);
	/* the folder, and its parent (~/.cache) when missing */
	if (mkdir(dir, 0700) != 0 && errno == ENOENT) {
		const char *slash = strrchr(dir, '/');

		if (slash && (size_t)(slash - dir) < sizeof parent) {
			memcpy(parent, dir, (size_t)(slash - dir));
			parent[slash - dir] = '\0';
			mkdir(parent, 0700);
			mkdir(dir, 0700);
		}
	}
	if (snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid()) >= (int)sizeof tmp) {
		free(b);
		return;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		free(b);
		return;
	}
	ok = write_all(fd, &ch, sizeof ch) && write_all(fd, b, body);
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, path) != 0)
		unlink(tmp);
	free(b);
}

/* Loads libhyphen (it stays loaded: RTLD_NODELETE, so that the leak it
 * makes while reading a dictionary is reported under its name and can be
 * suppressed). 0 when it is not installed. */
static int libhyphen_open(libhyphen_api *api)
{
	void *lib = dlopen(PDF_LIBHYPHEN_SONAME, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);

	if (!lib)
		return 0;
	/* POSIX: a function pointer from dlsym's void * goes through memcpy. */
	void *load = dlsym(lib, "hnj_hyphen_load"), *fr = dlsym(lib, "hnj_hyphen_free");
	void *hy = dlsym(lib, "hnj_hyphen_hyphenate2");
	if (!load || !fr || !hy)
		return 0;
	memcpy(&api->load, &load, sizeof load);
	memcpy(&api->free, &fr, sizeof fr);
	memcpy(&api->hyphenate2, &hy, sizeof hy);
	return 1;
}

pdf_hyphenator *pdf_hyphenator_load_libhyphen(const char *dict_path)
{
	pdf_hyphenator *h;

	if (!dict_path || !(h = calloc(1, sizeof *h)))
		return NULL;
	if (!libhyphen_open(&h->api) || !(h->dict = h->api.load(dict_path))) {
		free(h);
		return NULL;
	}
	return h;
}

/* Owned by the caller: free with pdf_hyphenator_free. NULL when the file is
 * missing or unreadable. */
pdf_hyphenator *pdf_hyphenator_load(const char *dict_path)
{
	pdf_hyphenator *h;
	size_t size = 0;
	char *buf, cache[4200], dir[4096];
	struct stat src;
	int st, cached;

	if (!dict_path || stat(dict_path, &src) != 0)
		return NULL;
	h = calloc(1, sizeof *h);
	if (!h)
		return NULL;
	cached = cache_path(dict_path, cache, sizeof cache, dir, sizeof dir);
	if (cached && cache_read(h, cache, &src))
		return h;
	buf = slurp(dict_path, &size);
	if (!buf) {
		free(h);
		return NULL;
	}
	st = read_patterns(h, buf, size);
	free(buf);
	if (st == 0) {
		if (cached)
			cache_write(h, cache, dir, &src);
		return h;
	}
	free_table(h);
	free(h);
	return st > 0 ? pdf_hyphenator_load_libhyphen(dict_path) : NULL;
}

int pdf_hyphenator_is_native(const pdf_hyphenator *h)
{
	return h && !h->dict;
}

int pdf_hyphenator_is_cached(const pdf_hyphenator *h)
{
	return h && h->map != NULL;
}

void pdf_hyphenator_free(pdf_hyphenator *h)
{
	if (!h)
		return;
	if (h->dict)
		h->api.free(h->dict);
	free_table(h);
	free(h);
}

/* ---- hyphenating a word --------------------------------------------------- */

/* Lowercases ASCII and Latin-1 capitals (U+00C0..U+00DE but U+00D7), whose
 * lowercase forms have the same UTF-8 length. */
static void lower_copy(const char *w, size_t len, char *out)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)w[i];

		if (c >= 'A' && c <= 'Z') {
			out[i] = (char)(c + 32);
		} else if (c == 0xC3 && i + 1 < len) {
			unsigned char d = (unsigned char)w[i + 1];

			out[i] = (char)c;
			if (d >= 0x80 && d <= 0x9E && d != 0x97)
				d = (unsigned char)(d + 0x20);
			out[++i] = (char)d;
		} else {
			out[i] = (char)c;
		}
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

/* Marks the points of word (len bytes): odd(i) says whether the character
 * ending at byte i may take a hyphen. */
static size_t mark_points(const char *word, size_t len, int lmin, int rmin,
                          int (*odd)(const void *ctx, size_t byte, size_t ch), const void *ctx,
                          unsigned char *points)
{
	size_t nchars = 0, k = 0, count = 0;

	for (size_t i = 0; i < len; i++)
		nchars += !is_continuation((unsigned char)word[i]);
	for (size_t i = 0; i < len; i++) {
		if (i + 1 < len && is_continuation((unsigned char)word[i + 1]))
			continue;
		k++; /* k characters end at or before byte i */
		if (k >= (size_t)lmin && nchars - k >= (size_t)rmin && odd(ctx, i, k - 1)) {
			points[i] = 1;
			count++;
		}
	}
	return count;
}

typedef struct libhyphen_result {
	const char *hy;
	char **rep;
	int by_codepoint;
} libhyphen_result;

static int libhyphen_odd(const void *ctx, size_t byte, size_t ch)
{
	const libhyphen_result *r = ctx;
	size_t idx = r->by_codepoint ? ch : byte;

	return (r->hy[idx] & 1) && !(r->rep && r->rep[idx]);
}

static size_t hyphenate_libhyphen(const pdf_hyphenator *h, const char *lower, size_t len,
                                  unsigned char *points)
{
	char hy[MAX_WORD_BYTES + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	libhyphen_result r;
	size_t count;

	memset(hy, 0, sizeof hy);
	if (h->api.hyphenate2(h->dict, lower, (int)len, hy, NULL, &rep, &pos, &cut) != 0) {
		free_rep(rep, pos, cut, len);
		return 0;
	}
	r = (libhyphen_result){hy, rep, h->dict->utf8};
	count = mark_points(lower, len, MIN_BEFORE, MIN_AFTER, libhyphen_odd, &r, points);
	free_rep(rep, pos, cut, len);
	return count;
}

static int liang_odd(const void *ctx, size_t byte, size_t ch)
{
	const unsigned char *v = ctx;

	(void)ch;
	return v[byte + 2] & 1; /* the boundary after byte i of the word is i + 2 in ".word." */
}

/* Liang's algorithm: the highest digit of every pattern found in ".word.". */
static size_t hyphenate_liang(const pdf_hyphenator *h, const char *lower, size_t len,
                              unsigned char *points)
{
	char s[MAX_WORD_BYTES + 2];
	unsigned char v[MAX_WORD_BYTES + 3];
	size_t n = len + 2;

	s[0] = '.';
	memcpy(s + 1, lower, len);
	s[len + 1] = '.';
	memset(v, 0, n + 1);
	for (size_t i = 0; i < n; i++) {
		uint32_t hash = HASH_SEED;
		size_t most = n - i < h->max_len ? n - i : h->max_len;

		for (size_t k = 1; k <= most; k++) {
			const char *d;

			hash = hash_step(hash, (unsigned char)s[i + k - 1]);
			d = find(h, s + i, k, hash);
			if (!d)
				continue;
			for (size_t j = 0; j <= k; j++)
				if ((unsigned char)d[j] > v[i + j])
					v[i + j] = (unsigned char)d[j];
		}
	}
	return mark_points(lower, len, h->lhmin > MIN_BEFORE ? h->lhmin : MIN_BEFORE,
	                   h->rhmin > MIN_AFTER ? h->rhmin : MIN_AFTER, liang_odd, v, points);
}

size_t pdf_hyphenate(const pdf_hyphenator *h, const char *word, size_t len, unsigned char *points)
{
	char lower[MAX_WORD_BYTES + 1];

	memset(points, 0, len);
	if (!h || len < MIN_BEFORE + MIN_AFTER || len > MAX_WORD_BYTES)
		return 0;
	lower_copy(word, len, lower);
	return h->dict ? hyphenate_libhyphen(h, lower, len, points)
	               : hyphenate_liang(h, lower, len, points);
}
