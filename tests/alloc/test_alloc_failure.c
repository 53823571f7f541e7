/* Out of memory: every allocation the core makes, one at a time, is made to
 * fail; each operation must then fail cleanly with FOLIO_ERR_NOMEM (or
 * succeed, when it could do without), never crash, and free everything it
 * took (LeakSanitizer checks at exit).
 *
 * The hook: this program is linked with -Wl,--wrap=malloc,... so the static
 * library's calls reach __wrap_malloc below. The library itself keeps no
 * global allocator state. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/folio.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__wrap_strdup(const char *s);

/* Test-only state: which allocation fails (0 = none) and how many so far. */
static long fail_at;
static long count;

static int should_fail(void)
{
	return fail_at != 0 && ++count == fail_at;
}

void *__wrap_malloc(size_t n)
{
	return should_fail() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t m)
{
	return should_fail() ? NULL : __real_calloc(n, m);
}

void *__wrap_realloc(void *p, size_t n)
{
	return should_fail() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
	return should_fail() ? NULL : __real_strdup(s);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static char buf[1 << 20];
	*len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	return buf;
}

/* Runs op with the n-th allocation failing, for n = 1, 2, ... until op
 * makes fewer than n allocations. Returns how many failure points were
 * tried. op returns FOLIO_OK or an error code. */
static long sweep(folio_status (*op)(void *), void *arg)
{
	long n;
	for (n = 1;; n++) {
		fail_at = n;
		count = 0;
		folio_status st = op(arg);
		long made = count;
		fail_at = 0;
		if (made < n) {
			assert_int_equal(st, FOLIO_OK); /* nothing failed: it must work */
			break;
		}
		if (st != FOLIO_OK && st != FOLIO_ERR_NOMEM)
			fail_msg("allocation %ld failing gave status %d (%s)", n, st,
			         folio_status_name(st));
	}
	return n;
}

typedef struct input {
	const char *data;
	size_t len;
} input;

static folio_status import_op(void *arg)
{
	const input *in = arg;
	folio_import_options o = {.size = sizeof(o), .format = FOLIO_INPUT_MARKDOWN};
	folio_error err;
	folio_doc *doc = folio_import_memory(in->data, in->len, "sample.md", &o, &err);
	if (doc == NULL)
		return err.code;
	/* Walk it too: plain text and the iterator allocate. */
	char *text = folio_node_plain_text(folio_doc_root(doc));
	folio_status st = text ? FOLIO_OK : FOLIO_ERR_NOMEM;
	free(text);
	folio_doc_free(doc);
	return st;
}

static void test_import_markdown(void **state)
{
	(void)state;
	input in;
	in.data = slurp(FOLIO_TEST_SOURCE_DIR "/assets/samples/epaule-gelee.md", &in.len);
	long points = sweep(import_op, &in);
	print_message("import: %ld allocation failure points, each handled\n", points);
	assert_true(points > 10);
}

static folio_status profile_op(void *arg)
{
	const input *in = arg;
	folio_error err;
	folio_profile *p = folio_profile_parse(in->data, in->len, "clinic.yaml", &err);
	if (p == NULL)
		return err.code;
	folio_profile_free(p);
	return FOLIO_OK;
}

static void test_profile(void **state)
{
	(void)state;
	static const char yaml[] = "name: Riverside Physiotherapy\n"
	                           "address: [12 Main St, Millbrook]\n"
	                           "phone: 555-0100\n"
	                           "accent: \"#1f6f8b\"\n"
	                           "options:\n  txt: {width: 60}\n  pdf: {paper: a4}\n";
	input in = {yaml, sizeof(yaml) - 1};
	assert_true(sweep(profile_op, &in) > 5);
}

static folio_status cite_op(void *arg)
{
	(void)arg;
	static const char *const cites[] = {
		"Dunning J, Butts R, Mourad F, Young I, Flannagan S, Perreault T. Dry needling: a "
		"literature review with implications for clinical practice guidelines. Physical "
		"Therapy Reviews. 2014;19(4):252-265. doi:10.1179/108331913X13844245102034.",
		"Linde K, Allais G, Brinkhaus B, et al. Acupuncture for the prevention of "
		"tension-type headache. Cochrane Database Syst Rev. 2016;4:CD007587.",
	};
	folio_doc *doc = folio_doc_new();
	if (doc == NULL)
		return FOLIO_ERR_NOMEM;
	folio_status st = FOLIO_OK;
	for (size_t i = 0; i < 2 && st == FOLIO_OK; i++) {
		folio_error err;
		if (folio_citation_parse(doc, cites[i], strlen(cites[i]), &err) == NULL)
			st = err.code;
	}
	folio_doc_free(doc);
	return st;
}

static void test_citations(void **state)
{
	(void)state;
	assert_true(sweep(cite_op, NULL) > 2);
}

static folio_status sink_op(void *arg)
{
	(void)arg;
	folio_error err;
	folio_sink *mem = folio_sink_memory();
	if (mem == NULL)
		return FOLIO_ERR_NOMEM;
	folio_sink *gz = folio_sink_gzip(mem, "a.txt", 0, 6, &err);
	if (gz == NULL)
		return err.code;
	for (int i = 0; i < 200; i++)
		folio_sink_printf(gz, "line %d of a leaflet about knees\n", i);
	return folio_sink_close(gz, &err);
}

static void test_sinks(void **state)
{
	(void)state;
	assert_true(sweep(sink_op, NULL) > 2);
}

static folio_status builder_op(void *arg)
{
	(void)arg;
	folio_doc *doc = folio_doc_new();
	if (doc == NULL)
		return FOLIO_ERR_NOMEM;
	folio_error err;
	folio_status st = folio_doc_set(doc, FOLIO_META_TITLE, "Knee pain", &err);
	if (st == FOLIO_OK)
		st = folio_doc_add_author_string(doc, "Ana Diaz, PT, DPT", &err);
	for (int i = 0; st == FOLIO_OK && i < 500; i++) {
		folio_node *p = folio_node_add(folio_doc_root(doc), FOLIO_NODE_PARAGRAPH);
		if (p == NULL || folio_node_add_text(p, "Walk a little every day.", 24, &err) == NULL)
			st = FOLIO_ERR_NOMEM;
	}
	folio_doc_free(doc);
	return st;
}

static void test_builder(void **state)
{
	(void)state;
	assert_true(sweep(builder_op, NULL) > 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builder),
		cmocka_unit_test(test_citations),
		cmocka_unit_test(test_profile),
		cmocka_unit_test(test_sinks),
		cmocka_unit_test(test_import_markdown),
	};
	return cmocka_run_group_tests_name("alloc_failure", tests, NULL, NULL);
}
