/* Unit tests: folio_ref_open / folio_ref_read / folio_import_ref — an
 * article's files only from its own folder (docs/robustness.md). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "folio/fileref.h"

static char root[64];
static char article[128];

static void put_file(const char *rel, const char *text)
{
	char p[256];
	snprintf(p, sizeof(p), "%s/%s", root, rel);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	(void)state;
	char p[256];
	snprintf(root, sizeof(root), "/tmp/folio-fileref-XXXXXX");
	if (mkdtemp(root) == NULL)
		return -1;
	snprintf(p, sizeof(p), "%s/art", root);
	mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/art/sub", root);
	mkdir(p, 0700);
	put_file("secret.txt", "secret");
	put_file("art/pic.png", "picture");
	put_file("art/sub/b.png", "bee");
	put_file("art/tr.md", "---\ntitle: Traduction\n---\n\nCorps.\n");
	snprintf(p, sizeof(p), "%s/secret.txt", root);
	char l[256];
	snprintf(l, sizeof(l), "%s/art/link.png", root);
	if (symlink(p, l) != 0)
		return -1;
	snprintf(l, sizeof(l), "%s/art/inlink.png", root);
	if (symlink("pic.png", l) != 0)
		return -1;
	snprintf(p, sizeof(p), "%s/art/fifo.png", root);
	if (mkfifo(p, 0600) != 0)
		return -1;
	snprintf(article, sizeof(article), "%s/art/a.md", root);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

static void refused(const char *ref, const char *why)
{
	folio_error err;
	folio_error_clear(&err);
	size_t len = 0;
	char *data = folio_ref_read(article, ref, 1024, &len, NULL, &err);
	assert_null(data);
	assert_int_not_equal(err.code, FOLIO_OK);
	if (strstr(err.message, why) == NULL)
		fail_msg("%s: '%s' lacks '%s'", ref, err.message, why);
	assert_non_null(strstr(err.file, ref[0] == '/' ? ref : "art/"));
}

static void test_inside_read(void **state)
{
	(void)state;
	folio_error err;
	size_t len = 0;
	char *resolved = NULL;
	char *data = folio_ref_read(article, "sub/../pic.png", 1024, &len, &resolved, &err);
	assert_non_null(data);
	assert_int_equal(len, 7);
	assert_string_equal(data, "picture");
	assert_non_null(strstr(resolved, "/art/pic.png"));
	free(data);
	free(resolved);
	/* A link that stays inside the folder is fine. */
	data = folio_ref_read(article, "inlink.png", 1024, &len, NULL, &err);
	assert_non_null(data);
	free(data);
}

static void test_outside_refused(void **state)
{
	(void)state;
	refused("../secret.txt", "outside the article's folder");
	refused("sub/../../secret.txt", "outside the article's folder");
	refused("link.png", "outside the article's folder");
	refused("/etc/passwd", "an absolute path");
	refused("fifo.png", "not a regular file");
	refused("sub", "not a regular file");
	refused("missing.png", "No such file");
	refused("", "an empty file name");
}

static void test_size_cap(void **state)
{
	(void)state;
	folio_error err;
	size_t len = 0;
	assert_null(folio_ref_read(article, "pic.png", 3, &len, NULL, &err));
	assert_int_equal(err.code, FOLIO_ERR_LIMIT);
}

/* The one whole-file reader, on a pipe (no size to stat): exactly the limit
 * is read, one byte more is refused with the limit named. */
static char *read_pipe(const char *text, size_t max, size_t *len, folio_error *err)
{
	int fds[2];
	char *buf;

	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], text, strlen(text)), (ssize_t)strlen(text));
	close(fds[1]);
	buf = folio_read_fd(fds[0], "pipe", max, len, err);
	close(fds[0]);
	return buf;
}

static void test_read_fd_limit(void **state)
{
	folio_error err = {0};
	size_t len = 0;
	char *buf;

	(void)state;
	buf = read_pipe("0123456789", 10, &len, &err);
	assert_non_null(buf);
	assert_int_equal(len, 10);
	assert_string_equal(buf, "0123456789");
	free(buf);
	buf = read_pipe("0123456789", 9, &len, &err);
	assert_null(buf);
	assert_int_equal(err.code, FOLIO_ERR_LIMIT);
	assert_non_null(strstr(err.message, "over the limit of 9 bytes"));
	buf = read_pipe("", 0, &len, &err);
	assert_non_null(buf);
	assert_int_equal(len, 0);
	free(buf);
	/* a folder cannot be read as a file */
	{
		int fd = open(".", O_RDONLY);

		assert_true(fd >= 0);
		assert_null(folio_read_fd(fd, ".", 100, &len, &err));
		assert_int_equal(err.code, FOLIO_ERR_IO);
		close(fd);
	}
}

static void test_import_ref(void **state)
{
	(void)state;
	folio_error err;
	folio_doc *t = folio_import_ref(article, "tr.md", &err);
	assert_non_null(t);
	assert_string_equal(folio_doc_get(t, FOLIO_META_TITLE), "Traduction");
	folio_doc_free(t);
	assert_null(folio_import_ref(article, "../secret.txt", &err));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inside_read),
		cmocka_unit_test(test_outside_refused),
		cmocka_unit_test(test_size_cap),
		cmocka_unit_test(test_import_ref),
		cmocka_unit_test(test_read_fd_limit),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
