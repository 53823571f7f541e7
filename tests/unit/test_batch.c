/* Tests for core/src/batch.c's use of the optional archive ops (prepare,
 * add_prepared): with a fake archive format linked into the test, outputs are
 * prepared on the workers, never on the committing thread; the archive's bytes
 * do not depend on -j, on prepare failing now and then (the plain add takes
 * over), on prep_new failing, or on an older plugin whose ops table stops at
 * discard; and every prepared entry is added or freed (an article whose
 * second format fails after its first was prepared). */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "folio/batch.h"
#include "folio/folio.h"
#include "folio/plugin.h"

/* ---- two document formats: "fa" and "fb" (which fails on "broken") ---- */

static folio_status render_fa(void *state, const folio_doc *doc, const folio_options *o,
                              folio_sink *sink, const folio_host *host, folio_error *err)
{
	(void)state, (void)o, (void)host, (void)err;
	return folio_sink_printf(sink, "A:%s\n", folio_doc_get(doc, FOLIO_META_TITLE));
}

static folio_status render_fb(void *state, const folio_doc *doc, const folio_options *o,
                              folio_sink *sink, const folio_host *host, folio_error *err)
{
	(void)state, (void)o, (void)host;
	const char *title = folio_doc_get(doc, FOLIO_META_TITLE);
	if (strstr(title, "broken") != NULL)
		return folio_error_set(err, FOLIO_ERR_RENDER, NULL, 0, 0, "fb fails on purpose");
	return folio_sink_printf(sink, "B:%s\n", title);
}

static const folio_plugin plugin_fa = {
    .size = sizeof(folio_plugin),
    .abi_version = FOLIO_PLUGIN_ABI_VERSION,
    .name = "fa",
    .summary = "test format a",
    .extension = "fa",
    .media_type = "text/plain",
    .render = render_fa,
};

static const folio_plugin plugin_fb = {
    .size = sizeof(folio_plugin),
    .abi_version = FOLIO_PLUGIN_ABI_VERSION,
    .name = "fb",
    .summary = "test format b",
    .extension = "fb",
    .media_type = "text/plain",
    .render = render_fb,
};

/* ---- a fake archive: "name len\n" then the data with every byte + 1 ---- */

static struct {
	pthread_mutex_t lock;
	pthread_t committer; /* the thread that runs the batch */
	int fail_every;      /* prepare fails on every n-th call (0: never) */
	int fail_prep_new;   /* prep_new fails */
	int prepares, prepares_on_committer, prep_news;
	int adds, adds_prepared;
	int off_committer; /* open/add/add_prepared/prep_new on another thread */
	int live_entries, live_preps;
} fake = {.lock = PTHREAD_MUTEX_INITIALIZER};

typedef struct fake_archive {
	folio_sink *sink;
} fake_archive;

typedef struct fake_entry {
	size_t len;
	unsigned char data[];
} fake_entry;

static folio_archive *fake_open(void *state, folio_sink *sink, int64_t mtime, folio_error *err)
{
	(void)state, (void)mtime, (void)err;
	fake_archive *a = calloc(1, sizeof(*a));
	a->sink = sink;
	return (folio_archive *)a;
}

static folio_status fake_write(fake_archive *a, const char *name, const unsigned char *data,
                               size_t len, folio_error *err)
{
	folio_status st = folio_sink_printf(a->sink, "%s %zu\n", name, len);
	if (st == FOLIO_OK)
		st = folio_sink_write(a->sink, data, len);
	if (st != FOLIO_OK && err != NULL)
		*err = *folio_sink_error(a->sink);
	return st;
}

static void shift(unsigned char *out, const void *data, size_t len)
{
	for (size_t i = 0; i < len; i++)
		out[i] = (unsigned char)(((const unsigned char *)data)[i] + 1);
}

static folio_status fake_add(folio_archive *a, const char *name, const void *data, size_t len,
                             folio_error *err)
{
	unsigned char *tmp = malloc(len + 1);
	shift(tmp, data, len);
	folio_status st = fake_write((fake_archive *)a, name, tmp, len, err);
	free(tmp);
	pthread_mutex_lock(&fake.lock);
	fake.adds++;
	fake.off_committer += !pthread_equal(pthread_self(), fake.committer);
	pthread_mutex_unlock(&fake.lock);
	return st;
}

static folio_status fake_finish(folio_archive *a, folio_error *err)
{
	(void)err;
	free(a);
	return FOLIO_OK;
}

static void fake_discard(folio_archive *a)
{
	free(a);
}

static folio_archive_prep *fake_prep_new(folio_archive *a, folio_error *err)
{
	(void)a;
	pthread_mutex_lock(&fake.lock);
	fake.off_committer += !pthread_equal(pthread_self(), fake.committer);
	int fail = fake.fail_prep_new;
	if (!fail) {
		fake.prep_news++;
		fake.live_preps++;
	}
	pthread_mutex_unlock(&fake.lock);
	if (fail) {
		folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "no prep (test)");
		return NULL;
	}
	return (folio_archive_prep *)malloc(16);
}

static void fake_prep_free(folio_archive_prep *p)
{
	pthread_mutex_lock(&fake.lock);
	fake.live_preps--;
	pthread_mutex_unlock(&fake.lock);
	free(p);
}

static folio_archive_entry *fake_prepare(folio_archive_prep *p, const void *data, size_t len,
                                         folio_error *err)
{
	(void)p; /* no cmocka asserts here: this runs on the workers */
	pthread_mutex_lock(&fake.lock);
	int n = ++fake.prepares;
	if (pthread_equal(pthread_self(), fake.committer))
		fake.prepares_on_committer++;
	int fail = fake.fail_every > 0 && n % fake.fail_every == 0;
	if (!fail)
		fake.live_entries++;
	pthread_mutex_unlock(&fake.lock);
	if (fail) {
		folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "no entry (test)");
		return NULL;
	}
	fake_entry *e = malloc(sizeof(*e) + len + 1);
	e->len = len;
	shift(e->data, data, len);
	return (folio_archive_entry *)e;
}

static void fake_entry_free(folio_archive_entry *x)
{
	pthread_mutex_lock(&fake.lock);
	fake.live_entries--;
	pthread_mutex_unlock(&fake.lock);
	free(x);
}

static folio_status fake_add_prepared(folio_archive *a, const char *name, folio_archive_entry *x,
                                      folio_error *err)
{
	fake_entry *e = (fake_entry *)x;
	folio_status st = fake_write((fake_archive *)a, name, e->data, e->len, err);
	pthread_mutex_lock(&fake.lock);
	fake.adds_prepared++;
	fake.off_committer += !pthread_equal(pthread_self(), fake.committer);
	pthread_mutex_unlock(&fake.lock);
	fake_entry_free(x);
	return st;
}

static const folio_archive_ops fake_ops = {
    .size = sizeof(folio_archive_ops),
    .open = fake_open,
    .add = fake_add,
    .finish = fake_finish,
    .discard = fake_discard,
    .prep_new = fake_prep_new,
    .prep_free = fake_prep_free,
    .prepare = fake_prepare,
    .add_prepared = fake_add_prepared,
    .entry_free = fake_entry_free,
};

/* A plugin built before the prepare ops: its table ends at discard (what
 * follows is not read, whatever it holds). */
static const folio_archive_ops old_ops = {
    .size = offsetof(folio_archive_ops, prep_new),
    .open = fake_open,
    .add = fake_add,
    .finish = fake_finish,
    .discard = fake_discard,
    .prep_new = fake_prep_new,
    .prep_free = fake_prep_free,
    .prepare = fake_prepare,
    .add_prepared = fake_add_prepared,
    .entry_free = fake_entry_free,
};

static const folio_plugin plugin_fake = {
    .size = sizeof(folio_plugin),
    .abi_version = FOLIO_PLUGIN_ABI_VERSION,
    .name = "fakear",
    .summary = "test archive with prepare",
    .extension = "fakear",
    .media_type = "application/octet-stream",
    .flags = FOLIO_PLUGIN_CONTAINER | FOLIO_PLUGIN_BINARY,
    .render = render_fa,
    .archive = &fake_ops,
};

static const folio_plugin plugin_old = {
    .size = sizeof(folio_plugin),
    .abi_version = FOLIO_PLUGIN_ABI_VERSION,
    .name = "oldar",
    .summary = "test archive without prepare",
    .extension = "oldar",
    .media_type = "application/octet-stream",
    .flags = FOLIO_PLUGIN_CONTAINER | FOLIO_PLUGIN_BINARY,
    .render = render_fa,
    .archive = &old_ops,
};

/* ---- fixture: a registry and a folder of articles, one of them broken ---- */

enum { ARTICLES = 13, BROKEN = 5 };

typedef struct fixture {
	char dir[256];
	char *inputs[ARTICLES];
	folio_registry *reg;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "%s/folio-test-batch.XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(f->dir));
	for (int i = 0; i < ARTICLES; i++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/a%02d.md", f->dir, i);
		FILE *fp = fopen(path, "w");
		assert_non_null(fp);
		fprintf(fp, "---\ntitle: %s %d\n---\n\nBody of article %d.\n",
		        i == BROKEN ? "broken" : "Article", i, i);
		fclose(fp);
		f->inputs[i] = strdup(path);
	}
	f->reg = folio_registry_new();
	folio_error err;
	assert_int_equal(folio_registry_add(f->reg, &plugin_fa, &err), FOLIO_OK);
	assert_int_equal(folio_registry_add(f->reg, &plugin_fb, &err), FOLIO_OK);
	assert_int_equal(folio_registry_add(f->reg, &plugin_fake, &err), FOLIO_OK);
	assert_int_equal(folio_registry_add(f->reg, &plugin_old, &err), FOLIO_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	for (int i = 0; i < ARTICLES; i++) {
		unlink(f->inputs[i]);
		free(f->inputs[i]);
	}
	char path[512];
	snprintf(path, sizeof(path), "%s/out.fakear", f->dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/out.oldar", f->dir);
	unlink(path);
	rmdir(f->dir);
	folio_registry_free(f->reg);
	free(f);
	return 0;
}

/* Runs the batch into out.<ext> with threads and returns the archive's bytes,
 * NUL-terminated (caller frees); the counters are reset first. */
static char *run(fixture *f, const char *ext, unsigned threads, int fail_every, int fail_prep_new,
                 size_t *len)
{
	pthread_mutex_lock(&fake.lock);
	fake.committer = pthread_self();
	fake.fail_every = fail_every;
	fake.fail_prep_new = fail_prep_new;
	fake.prepares = fake.prepares_on_committer = fake.prep_news = 0;
	fake.adds = fake.adds_prepared = fake.off_committer = 0;
	pthread_mutex_unlock(&fake.lock);
	static const char *const formats[] = {"fa", "fb"};
	folio_batch_options o = {
	    .size = sizeof(o), .formats = formats, .format_count = 2, .threads = threads};
	char out[512];
	snprintf(out, sizeof(out), "%s/out.%s", f->dir, ext);
	folio_batch_stats stats = {.size = sizeof(stats)};
	folio_error err;
	folio_status st = folio_batch_run(f->reg, (const char *const *)f->inputs, ARTICLES, out, &o,
	                                  &stats, &err);
	assert_int_equal(st, FOLIO_ERR_RENDER); /* the broken article */
	assert_int_equal(stats.exported, ARTICLES - 1);
	assert_int_equal(stats.failed, 1);
	assert_int_equal(stats.files, 2 * (ARTICLES - 1));
	assert_int_equal(fake.live_entries, 0);
	assert_int_equal(fake.live_preps, 0);
	assert_int_equal(fake.off_committer, 0);
	FILE *fp = fopen(out, "rb");
	assert_non_null(fp);
	char *buf = malloc((1 << 16) + 1);
	*len = fread(buf, 1, 1 << 16, fp);
	fclose(fp);
	assert_true(*len > 0 && *len < (1 << 16));
	buf[*len] = '\0'; /* for strstr on the headers */
	return buf;
}

static void prepared_on_workers_same_bytes(void **state)
{
	fixture *f = *state;
	size_t len1, len3;
	char *j1 = run(f, "fakear", 1, 0, 0, &len1);
	assert_int_equal(fake.prep_news, 1);
	assert_int_equal(fake.adds, 0);
	assert_int_equal(fake.adds_prepared, 2 * (ARTICLES - 1));
	/* the broken article's "fa" output was prepared too, then freed */
	assert_int_equal(fake.prepares, 2 * (ARTICLES - 1) + 1);
	assert_int_equal(fake.prepares_on_committer, 0);
	char *j3 = run(f, "fakear", 3, 0, 0, &len3);
	assert_int_equal(fake.prep_news, 3);
	assert_int_equal(fake.prepares_on_committer, 0);
	assert_int_equal(len1, len3);
	assert_memory_equal(j1, j3, len1);
	/* in input order, the broken one left out */
	assert_non_null(strstr(j1, "a00/a00.fa 12\n"));
	assert_null(strstr(j1, "a05/"));
	assert_true(strstr(j1, "a04/a04.fb") < strstr(j1, "a06/a06.fa"));
	free(j1);
	free(j3);
}

static void prepare_failing_falls_back(void **state)
{
	fixture *f = *state;
	size_t len, lenf;
	char *want = run(f, "fakear", 2, 0, 0, &len);
	char *got = run(f, "fakear", 2, 3, 0, &lenf);
	assert_true(fake.adds > 0);
	assert_true(fake.adds_prepared > 0);
	assert_int_equal(fake.adds + fake.adds_prepared, 2 * (ARTICLES - 1));
	assert_int_equal(lenf, len);
	assert_memory_equal(got, want, len);
	free(got);
	got = run(f, "fakear", 2, 0, 1, &lenf); /* no preps at all */
	assert_int_equal(fake.prepares, 0);
	assert_int_equal(fake.adds, 2 * (ARTICLES - 1));
	assert_int_equal(lenf, len);
	assert_memory_equal(got, want, len);
	free(got);
	free(want);
}

static void old_ops_table_adds_plainly(void **state)
{
	fixture *f = *state;
	size_t len, lenold;
	char *want = run(f, "fakear", 2, 0, 0, &len);
	char *got = run(f, "oldar", 2, 0, 0, &lenold);
	assert_int_equal(fake.prep_news, 0);
	assert_int_equal(fake.prepares, 0);
	assert_int_equal(fake.adds, 2 * (ARTICLES - 1));
	assert_int_equal(lenold, len);
	assert_memory_equal(got, want, len);
	free(got);
	free(want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(prepared_on_workers_same_bytes),
	    cmocka_unit_test(prepare_failing_falls_back),
	    cmocka_unit_test(old_ops_table_adds_plainly),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
