/* folio — documents and their metadata. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "doc_private.h"

folio_doc *folio_doc_new(void)
{
	folio_doc *doc = calloc(1, sizeof(*doc));
	if (doc == NULL)
		return NULL;
	folio_arena_init(&doc->arena);
	doc->root = folio_node_new(doc, FOLIO_NODE_DOCUMENT);
	if (doc->root == NULL) {
		folio_doc_free(doc);
		return NULL;
	}
	return doc;
}

void folio_doc_free(folio_doc *doc)
{
	if (doc == NULL)
		return;
	folio_arena_release(&doc->arena);
	free(doc);
}

folio_node *folio_doc_root(const folio_doc *doc)
{
	return doc ? doc->root : NULL;
}

void *folio_doc_alloc(folio_doc *doc, size_t size)
{
	return folio_arena_alloc(&doc->arena, size);
}

char *folio_doc_strndup(folio_doc *doc, const char *s, size_t len)
{
	char *p = folio_arena_alloc(&doc->arena, len + 1);
	if (p == NULL)
		return NULL;
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

folio_status folio_doc_intern(folio_doc *doc, const char *s, const char **out, folio_error *err)
{
	if (s == NULL) {
		*out = NULL;
		return FOLIO_OK;
	}
	size_t len = strlen(s);
	size_t bad = 0;
	if (!folio_utf8_valid(s, len, &bad))
		return folio_error_set(err, FOLIO_ERR_UTF8, NULL, 0, 0,
		                       "invalid UTF-8 at byte %zu of \"%.40s\"", bad, s);
	char *copy = folio_doc_strndup(doc, s, len);
	if (copy == NULL)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	*out = copy;
	return FOLIO_OK;
}

/* ---- the well-known fields -------------------------------------------------- */

static const char *const meta_names[FOLIO_META_FIELD_COUNT] = {
	"title", "subtitle", "date", "lang", "summary", "url", "source",
};

const char *folio_meta_field_name(folio_meta_field field)
{
	if ((unsigned)field >= FOLIO_META_FIELD_COUNT)
		return NULL;
	return meta_names[field];
}

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* YYYY-MM-DD, optionally followed by 'T' or ' ' and a time. */
static int valid_date(const char *s)
{
	if (strlen(s) < 10 || !all_digits(s, 4) || s[4] != '-' || !all_digits(s + 5, 2) ||
	    s[7] != '-' || !all_digits(s + 8, 2))
		return 0;
	int month = (s[5] - '0') * 10 + (s[6] - '0');
	int day = (s[8] - '0') * 10 + (s[9] - '0');
	if (month < 1 || month > 12 || day < 1 || day > 31)
		return 0;
	return s[10] == '\0' || s[10] == 'T' || s[10] == ' ';
}

/* A BCP 47 shape: letters, digits and '-', starting with 2-8 letters. */
static int valid_lang(const char *s)
{
	size_t i = 0;
	while (isalpha((unsigned char)s[i]))
		i++;
	if (i < 2 || i > 8)
		return 0;
	for (; s[i]; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_')
			return 0;
	return 1;
}

folio_status folio_doc_set(folio_doc *doc, folio_meta_field field, const char *value,
                           folio_error *err)
{
	if ((unsigned)field >= FOLIO_META_FIELD_COUNT)
		return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0, "no such metadata field");
	if (value != NULL && field == FOLIO_META_DATE && !valid_date(value))
		return folio_error_set(err, FOLIO_ERR_SYNTAX, NULL, 0, 0,
		                       "date \"%.40s\" is not in the form YYYY-MM-DD", value);
	if (value != NULL && field == FOLIO_META_LANG && !valid_lang(value))
		return folio_error_set(err, FOLIO_ERR_SYNTAX, NULL, 0, 0,
		                       "language \"%.40s\" is not a language tag such as en or fr-CA",
		                       value);
	return folio_doc_intern(doc, value, &doc->meta[field], err);
}

const char *folio_doc_get(const folio_doc *doc, folio_meta_field field)
{
	if (doc == NULL || (unsigned)field >= FOLIO_META_FIELD_COUNT)
		return NULL;
	return doc->meta[field];
}

/* ---- authors ----------------------------------------------------------------- */

folio_status folio_doc_add_author(folio_doc *doc, const char *name, const char *credentials,
                                  folio_error *err)
{
	const char *n = NULL;
	const char *c = NULL;
	if (name == NULL || name[0] == '\0')
		return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0, "an author needs a name");
	folio_status st = folio_doc_intern(doc, name, &n, err);
	if (st == FOLIO_OK && credentials != NULL && credentials[0] != '\0')
		st = folio_doc_intern(doc, credentials, &c, err);
	if (st != FOLIO_OK)
		return st;
	if (!folio_ptr_vec_push(&doc->arena, &doc->author_names, n) ||
	    !folio_ptr_vec_push(&doc->arena, &doc->author_creds, c))
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	return FOLIO_OK;
}

folio_status folio_doc_add_author_string(folio_doc *doc, const char *byline, folio_error *err)
{
	const char *name = NULL;
	const char *cred = NULL;
	folio_status st = folio_split_byline(doc, byline, &name, &cred, err);
	if (st != FOLIO_OK)
		return st;
	return folio_doc_add_author(doc, name, cred, err);
}

size_t folio_doc_author_count(const folio_doc *doc)
{
	return doc->author_names.count;
}

const char *folio_doc_author_name(const folio_doc *doc, size_t i)
{
	return i < doc->author_names.count ? doc->author_names.items[i] : NULL;
}

const char *folio_doc_author_credentials(const folio_doc *doc, size_t i)
{
	return i < doc->author_creds.count ? doc->author_creds.items[i] : NULL;
}

/* ---- tags and extra keys ------------------------------------------------------ */

folio_status folio_doc_add_tag(folio_doc *doc, const char *tag, folio_error *err)
{
	const char *t = NULL;
	folio_status st = folio_doc_intern(doc, tag, &t, err);
	if (st != FOLIO_OK)
		return st;
	if (t == NULL || t[0] == '\0')
		return FOLIO_OK;
	if (!folio_ptr_vec_push(&doc->arena, &doc->tags, t))
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	return FOLIO_OK;
}

size_t folio_doc_tag_count(const folio_doc *doc)
{
	return doc->tags.count;
}

const char *folio_doc_tag(const folio_doc *doc, size_t i)
{
	return i < doc->tags.count ? doc->tags.items[i] : NULL;
}

static size_t extra_hash(const char *s)
{
	size_t h = (size_t)14695981039346656037ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ull;
	return h;
}

/* The slot of key in the extras' index: its entry, or the free slot where it
 * would go. The index keeps front matter with many keys linear, not
 * quadratic. */
static size_t *extra_slot(const folio_doc *doc, const char *key)
{
	size_t mask = doc->extra_slot_cap - 1;
	for (size_t i = extra_hash(key) & mask;; i = (i + 1) & mask) {
		size_t *slot = &doc->extra_slots[i];
		if (*slot == 0 || strcmp(doc->extra_keys.items[*slot - 1], key) == 0)
			return slot;
	}
}

static int extra_index_grow(folio_doc *doc)
{
	if (doc->extra_slot_cap >= 2 * (doc->extra_keys.count + 1))
		return 1;
	size_t cap = doc->extra_slot_cap ? doc->extra_slot_cap * 2 : 16;
	size_t *slots = folio_arena_alloc(&doc->arena, cap * sizeof(*slots));
	if (slots == NULL)
		return 0;
	memset(slots, 0, cap * sizeof(*slots));
	doc->extra_slots = slots;
	doc->extra_slot_cap = cap;
	for (size_t i = 0; i < doc->extra_keys.count; i++)
		*extra_slot(doc, doc->extra_keys.items[i]) = i + 1;
	return 1;
}

folio_status folio_doc_set_extra(folio_doc *doc, const char *key, const char *value,
                                 folio_error *err)
{
	const char *k = NULL;
	const char *v = NULL;
	if (key == NULL || key[0] == '\0')
		return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0, "an empty key");
	folio_status st = folio_doc_intern(doc, value ? value : "", &v, err);
	if (st != FOLIO_OK)
		return st;
	if (!extra_index_grow(doc))
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	size_t *slot = extra_slot(doc, key);
	if (*slot != 0) {
		doc->extra_values.items[*slot - 1] = v;
		return FOLIO_OK;
	}
	st = folio_doc_intern(doc, key, &k, err);
	if (st != FOLIO_OK)
		return st;
	if (!folio_ptr_vec_push(&doc->arena, &doc->extra_keys, k) ||
	    !folio_ptr_vec_push(&doc->arena, &doc->extra_values, v))
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	*slot = doc->extra_keys.count;
	return FOLIO_OK;
}

size_t folio_doc_extra_count(const folio_doc *doc)
{
	return doc->extra_keys.count;
}

const char *folio_doc_extra_key(const folio_doc *doc, size_t i)
{
	return i < doc->extra_keys.count ? doc->extra_keys.items[i] : NULL;
}

const char *folio_doc_extra_value(const folio_doc *doc, size_t i)
{
	return i < doc->extra_values.count ? doc->extra_values.items[i] : NULL;
}

const char *folio_doc_extra(const folio_doc *doc, const char *key)
{
	if (doc->extra_slot_cap == 0 || key == NULL)
		return NULL;
	size_t i = *extra_slot(doc, key);
	return i ? doc->extra_values.items[i - 1] : NULL;
}

/* ---- timestamps ------------------------------------------------------------------ */

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian), without timegm. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

int64_t folio_doc_epoch(const folio_doc *doc)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde != NULL && sde[0] != '\0') {
		char *end = NULL;
		long long v = strtoll(sde, &end, 10);
		if (end != NULL && *end == '\0' && v >= 0)
			return (int64_t)v;
	}
	const char *date = doc ? doc->meta[FOLIO_META_DATE] : NULL;
	if (date != NULL && valid_date(date)) {
		int y = atoi(date);
		unsigned m = (unsigned)((date[5] - '0') * 10 + (date[6] - '0'));
		unsigned d = (unsigned)((date[8] - '0') * 10 + (date[9] - '0'));
		int64_t days = days_from_civil(y, m, d);
		int64_t t = days * 86400 + 12 * 3600;
		if (t >= 315532800)
			return t;
	}
	return 315532800; /* 1980-01-01, the earliest a zip can say */
}
