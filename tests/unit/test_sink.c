/* Unit tests: sinks (file, standard output, memory, null, custom ops) and the
 * gzip filter. File tests run in a fresh temporary folder each and check that
 * no temporary file is ever left behind. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "folio/sink.h"

/* ---- helpers ------------------------------------------------------------ */

typedef struct tmpdir {
	char path[256];
} tmpdir;

static int dir_setup(void **state)
{
	tmpdir *t = calloc(1, sizeof(*t));
	if (t == NULL)
		return -1;
	snprintf(t->path, sizeof(t->path), "/tmp/folio-sink-XXXXXX");
	if (mkdtemp(t->path) == NULL) {
		free(t);
		return -1;
	}
	*state = t;
	return 0;
}

static int dir_teardown(void **state)
{
	tmpdir *t = *state;
	chmod(t->path, 0700);
	DIR *d = opendir(t->path);
	if (d != NULL) {
		struct dirent *e;
		char p[512];
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(p, sizeof(p), "%s/%s", t->path, e->d_name);
			if (unlink(p) != 0)
				rmdir(p);
		}
		closedir(d);
	}
	rmdir(t->path);
	free(t);
	return 0;
}

static void join(char *buf, size_t n, const tmpdir *t, const char *name)
{
	snprintf(buf, n, "%s/%s", t->path, name);
}

/* Entries of dir; *hidden counts those starting with '.' (temporaries). */
static int count_entries(const char *dir, int *hidden)
{
	int n = 0;
	*hidden = 0;
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		n++;
		if (e->d_name[0] == '.')
			(*hidden)++;
	}
	closedir(d);
	return n;
}

/* The whole file (malloc'd, NUL-terminated) or NULL. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap + 1);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			cap *= 2;
			buf = realloc(buf, cap + 1);
		}
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* A custom sink collecting into a caller-owned buffer (which outlives the
 * sink, unlike a memory sink's), counting calls, and failing on demand. */
typedef struct capture {
	unsigned char *data;
	size_t len, cap;
	int writes, closes, aborts;
	int fail_on_write; /* 1-based write number that fails; 0 = never */
} capture;

static folio_status cap_write(void *ctx, const void *data, size_t len, folio_error *err)
{
	capture *c = ctx;
	c->writes++;
	if (c->fail_on_write && c->writes >= c->fail_on_write)
		return folio_error_set(err, FOLIO_ERR_IO, NULL, 0, 0, "capture: disk on fire");
	if (c->len + len > c->cap) {
		c->cap = (c->len + len) * 2;
		c->data = realloc(c->data, c->cap);
		assert_non_null(c->data);
	}
	memcpy(c->data + c->len, data, len);
	c->len += len;
	return FOLIO_OK;
}

static folio_status cap_close(void *ctx, folio_error *err)
{
	(void)err;
	((capture *)ctx)->closes++;
	return FOLIO_OK;
}

static void cap_abort(void *ctx)
{
	((capture *)ctx)->aborts++;
}

static const folio_sink_ops cap_ops = {sizeof(folio_sink_ops), cap_write, cap_close, cap_abort};

/* ---- the driver ----------------------------------------------------------- */

static void test_errors_stick(void **state)
{
	(void)state;
	capture c = {.fail_on_write = 2};
	folio_sink *s = folio_sink_new(&cap_ops, &c);
	assert_non_null(s);
	assert_int_equal(folio_sink_puts(s, "one "), FOLIO_OK);
	assert_int_equal(folio_sink_status(s), FOLIO_OK);
	assert_int_equal(folio_sink_puts(s, "two "), FOLIO_ERR_IO);
	assert_int_equal(folio_sink_status(s), FOLIO_ERR_IO);
	assert_string_equal(folio_sink_error(s)->message, "capture: disk on fire");
	/* Later writes return the first error without reaching the kind. */
	assert_int_equal(folio_sink_printf(s, "%d", 3), FOLIO_ERR_IO);
	assert_int_equal(folio_sink_write(s, "x", 1), FOLIO_ERR_IO);
	assert_int_equal(c.writes, 2);
	/* A later failure does not replace the first. */
	folio_error later;
	folio_error_set(&later, FOLIO_ERR_RENDER, NULL, 0, 0, "renderer gave up");
	folio_sink_fail(s, &later);
	assert_int_equal(folio_sink_status(s), FOLIO_ERR_IO);
	assert_int_equal(folio_sink_bytes(s), 4);
	folio_error err;
	assert_int_equal(folio_sink_close(s, &err), FOLIO_ERR_IO);
	assert_string_equal(err.message, "capture: disk on fire");
	/* A failed sink is discarded, never committed. */
	assert_int_equal(c.closes, 0);
	assert_int_equal(c.aborts, 1);
	free(c.data);
}

static void test_fail_then_close_discards(void **state)
{
	(void)state;
	capture c = {0};
	folio_sink *s = folio_sink_new(&cap_ops, &c);
	assert_int_equal(folio_sink_puts(s, "partial"), FOLIO_OK);
	folio_sink_fail(s, NULL); /* no details: a generic render error */
	assert_int_equal(folio_sink_status(s), FOLIO_ERR_RENDER);
	assert_int_equal(folio_sink_puts(s, "more"), FOLIO_ERR_RENDER);
	folio_error err;
	assert_int_equal(folio_sink_close(s, &err), FOLIO_ERR_RENDER);
	assert_int_equal(err.code, FOLIO_ERR_RENDER);
	assert_true(err.message[0] != '\0');
	assert_int_equal(c.closes, 0);
	assert_int_equal(c.aborts, 1);
	assert_int_equal(c.len, 7);
	free(c.data);
}

static void test_close_and_abort_once(void **state)
{
	(void)state;
	capture c = {0};
	folio_sink *s = folio_sink_new(&cap_ops, &c);
	assert_int_equal(folio_sink_write(s, "", 0), FOLIO_OK);
	assert_int_equal(c.writes, 0); /* empty writes never reach the kind */
	assert_int_equal(folio_sink_close(s, NULL), FOLIO_OK);
	assert_int_equal(c.closes, 1);
	assert_int_equal(c.aborts, 0);
	s = folio_sink_new(&cap_ops, &c);
	folio_sink_abort(s);
	assert_int_equal(c.closes, 1);
	assert_int_equal(c.aborts, 1);
	/* NULL is harmless. */
	assert_int_equal(folio_sink_close(NULL, NULL), FOLIO_OK);
	folio_sink_abort(NULL);
	assert_int_equal(folio_sink_write(NULL, "x", 1), FOLIO_ERR_USAGE);
}

static void test_ops_too_small_refused(void **state)
{
	(void)state;
	capture c = {0};
	folio_sink_ops old = cap_ops;
	old.size = offsetof(folio_sink_ops, close); /* no abort field */
	assert_null(folio_sink_new(&old, &c));
	folio_sink_ops no_write = cap_ops;
	no_write.write = NULL;
	assert_null(folio_sink_new(&no_write, &c));
	assert_int_equal(c.aborts, 1); /* ctx given back, not leaked */
}

static void test_printf_short_and_long(void **state)
{
	(void)state;
	folio_sink *s = folio_sink_memory();
	assert_int_equal(folio_sink_printf(s, "%s=%d;", "size", 12), FOLIO_OK);
	char big[1001];
	memset(big, 'q', 1000);
	big[1000] = '\0';
	assert_int_equal(folio_sink_printf(s, "[%s]", big), FOLIO_OK);
	size_t len;
	const unsigned char *d = folio_sink_memory_data(s, &len);
	assert_int_equal(len, 8 + 1002);
	assert_memory_equal(d, "size=12;[", 9);
	assert_int_equal(d[8 + 1001], ']');
	assert_int_equal(d[500], 'q');
	assert_int_equal(folio_sink_bytes(s), 1010);
	assert_int_equal(folio_sink_close(s, NULL), FOLIO_OK);
}

/* ---- memory and null -------------------------------------------------------- */

static void test_memory_take(void **state)
{
	(void)state;
	folio_sink *s = folio_sink_memory();
	size_t len = 99;
	const unsigned char *d = folio_sink_memory_data(s, &len);
	assert_non_null(d);
	assert_int_equal(len, 0);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(folio_sink_printf(s, "%04d", i), FOLIO_OK);
	unsigned char *taken = folio_sink_memory_take(s, &len);
	assert_non_null(taken);
	assert_int_equal(len, 4000);
	assert_memory_equal(taken, "0000000100020003", 16);
	assert_memory_equal(taken + 3996, "0999", 4);
	free(taken);
	/* The sink is empty after a take and keeps working. */
	d = folio_sink_memory_data(s, &len);
	assert_int_equal(len, 0);
	taken = folio_sink_memory_take(s, &len);
	assert_non_null(taken); /* empty, but still a buffer to free */
	assert_int_equal(len, 0);
	free(taken);
	assert_int_equal(folio_sink_puts(s, "again"), FOLIO_OK);
	d = folio_sink_memory_data(s, &len);
	assert_int_equal(len, 5);
	assert_memory_equal(d, "again", 5);
	assert_int_equal(folio_sink_bytes(s), 4005);
	/* A failed memory sink gives nothing. */
	folio_sink_fail(s, NULL);
	assert_null(folio_sink_memory_take(s, &len));
	folio_sink_abort(s);
}

static void test_memory_accessors_refuse_other_kinds(void **state)
{
	(void)state;
	folio_sink *s = folio_sink_null();
	size_t len = 7;
	assert_null(folio_sink_memory_data(s, &len));
	assert_int_equal(len, 0);
	assert_null(folio_sink_memory_take(s, &len));
	assert_int_equal(folio_sink_write(s, "12345", 5), FOLIO_OK);
	assert_int_equal(folio_sink_puts(s, "678"), FOLIO_OK);
	assert_int_equal(folio_sink_bytes(s), 8);
	assert_int_equal(folio_sink_close(s, NULL), FOLIO_OK);
}

/* ---- files ------------------------------------------------------------------ */

static void test_file_commit(void **state)
{
	tmpdir *t = *state;
	char path[512];
	join(path, sizeof(path), t, "leaflet.txt");
	mode_t old = umask(027);
	folio_error err;
	folio_sink *s = folio_sink_file(path, &err);
	assert_non_null(s);
	assert_int_equal(folio_sink_puts(s, "Gentle neck "), FOLIO_OK);
	assert_int_equal(folio_sink_printf(s, "stretches: %d a day\n", 3), FOLIO_OK);
	/* Until close, nothing is visible beside the target: the data goes to an
	 * unnamed O_TMPFILE inode, so even SIGKILL leaves no partial file. */
	int hidden;
	assert_int_equal(count_entries(t->path, &hidden), 0);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(folio_sink_bytes(s), 31);
	assert_int_equal(folio_sink_close(s, &err), FOLIO_OK);
	umask(old);
	char *text = slurp(path, NULL);
	assert_string_equal(text, "Gentle neck stretches: 3 a day\n");
	free(text);
	assert_int_equal(count_entries(t->path, &hidden), 1);
	assert_int_equal(hidden, 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640); /* 0666 & ~027 */
}

static void test_file_mode_follows_umask(void **state)
{
	tmpdir *t = *state;
	char path[512];
	join(path, sizeof(path), t, "private.txt");
	mode_t old = umask(077);
	folio_sink *s = folio_sink_file(path, NULL);
	umask(022); /* read per sink at creation: this change comes too late */
	assert_int_equal(folio_sink_puts(s, "x"), FOLIO_OK);
	assert_int_equal(folio_sink_close(s, NULL), FOLIO_OK);
	umask(old);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
}

static void test_file_abort_leaves_nothing(void **state)
{
	tmpdir *t = *state;
	char path[512];
	join(path, sizeof(path), t, "leaflet.pdf");
	folio_sink *s = folio_sink_file(path, NULL);
	assert_non_null(s);
	char block[100000];
	memset(block, 'z', sizeof(block));
	assert_int_equal(folio_sink_write(s, block, sizeof(block)), FOLIO_OK);
	folio_sink_abort(s);
	int hidden;
	assert_int_equal(count_entries(t->path, &hidden), 0);
}

static void test_existing_file_not_clobbered(void **state)
{
	tmpdir *t = *state;
	char path[512];
	join(path, sizeof(path), t, "leaflet.txt");
	write_text(path, "the good version\n");
	/* An export that aborts... */
	folio_sink *s = folio_sink_file(path, NULL);
	assert_int_equal(folio_sink_puts(s, "half a lea"), FOLIO_OK);
	folio_sink_abort(s);
	char *text = slurp(path, NULL);
	assert_string_equal(text, "the good version\n");
	free(text);
	/* ...and one whose renderer failed before close. */
	s = folio_sink_file(path, NULL);
	assert_int_equal(folio_sink_puts(s, "half a lea"), FOLIO_OK);
	folio_error fail;
	folio_error_set(&fail, FOLIO_ERR_RENDER, NULL, 0, 0, "font missing");
	folio_sink_fail(s, &fail);
	folio_error err;
	assert_int_equal(folio_sink_close(s, &err), FOLIO_ERR_RENDER);
	assert_string_equal(err.message, "font missing");
	text = slurp(path, NULL);
	assert_string_equal(text, "the good version\n");
	free(text);
	int hidden;
	assert_int_equal(count_entries(t->path, &hidden), 1);
	assert_int_equal(hidden, 0);
	/* A good export does replace it. */
	s = folio_sink_file(path, NULL);
	assert_int_equal(folio_sink_puts(s, "new\n"), FOLIO_OK);
	assert_int_equal(folio_sink_close(s, NULL), FOLIO_OK);
	text = slurp(path, NULL);
	assert_string_equal(text, "new\n");
	free(text);
}

/* Replacing swaps whole files (the names are exchanged, then the old file is
 * removed): a reader that had the old file open keeps reading all of it, the
 * name gives all of the new one, and nothing is left beside them. */
static void test_replace_swaps_whole_files(void **state)
{
	tmpdir *t = *state;
	char path[512], buf[64];
	join(path, sizeof(path), t, "leaflet.txt");
	write_text(path, "the old leaflet\n");
	int fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	struct stat before, after;
	assert_int_equal(fstat(fd, &before), 0);
	for (int round = 0; round < 3; round++) {
		folio_sink *s = folio_sink_file(path, NULL);
		assert_int_equal(folio_sink_printf(s, "new leaflet %d\n", round), FOLIO_OK);
		assert_int_equal(folio_sink_close(s, NULL), FOLIO_OK);
		char *text = slurp(path, NULL);
		snprintf(buf, sizeof(buf), "new leaflet %d\n", round);
		assert_string_equal(text, buf);
		free(text);
		int hidden;
		assert_int_equal(count_entries(t->path, &hidden), 1);
		assert_int_equal(hidden, 0);
	}
	assert_int_equal(stat(path, &after), 0);
	assert_true(after.st_ino != before.st_ino);
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	assert_int_equal(n, 16);
	buf[n] = '\0';
	assert_string_equal(buf, "the old leaflet\n");
	close(fd);
}

static void test_symlink_kept(void **state)
{
	tmpdir *t = *state;
	char real[512], link[512];
	join(real, sizeof(real), t, "real.txt");
	join(link, sizeof(link), t, "link.txt");
	write_text(real, "old");
	assert_int_equal(symlink("real.txt", link), 0);
	folio_sink *s = folio_sink_file(link, NULL);
	assert_int_equal(folio_sink_puts(s, "new"), FOLIO_OK);
	assert_int_equal(folio_sink_close(s, NULL), FOLIO_OK);
	struct stat st;
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode)); /* still a link... */
	char *text = slurp(real, NULL);
	assert_string_equal(text, "new"); /* ...to the replaced file */
	free(text);
	int hidden;
	assert_int_equal(count_entries(t->path, &hidden), 2);
	assert_int_equal(hidden, 0);
}

static void test_long_name(void **state)
{
	tmpdir *t = *state;
	char name[256], path[800];
	memset(name, 'n', 250); /* the longest names leave no room for ".X.XXXXXX" */
	memcpy(name + 246, ".pdf", 5);
	join(path, sizeof(path), t, name);
	folio_error err;
	folio_sink *s = folio_sink_file(path, &err);
	if (s == NULL)
		fail_msg("%s", err.message);
	assert_int_equal(folio_sink_puts(s, "ok"), FOLIO_OK);
	assert_int_equal(folio_sink_close(s, &err), FOLIO_OK);
	assert_int_equal(access(path, F_OK), 0);
	int hidden;
	assert_int_equal(count_entries(t->path, &hidden), 1);
	assert_int_equal(hidden, 0);
}

static void test_missing_directory(void **state)
{
	tmpdir *t = *state;
	char path[512], want[700];
	join(path, sizeof(path), t, "nowhere/leaflet.pdf");
	folio_error err;
	assert_null(folio_sink_file(path, &err));
	assert_int_equal(err.code, FOLIO_ERR_IO);
	snprintf(want, sizeof(want),
	         "cannot create temporary file beside %s: No such file or directory", path);
	assert_string_equal(err.message, want);
}

static void test_directory_is_a_file(void **state)
{
	tmpdir *t = *state;
	char plain[512], path[512], want[700];
	join(plain, sizeof(plain), t, "plain");
	write_text(plain, "not a folder");
	join(path, sizeof(path), t, "plain/leaflet.pdf");
	folio_error err;
	assert_null(folio_sink_file(path, &err));
	snprintf(want, sizeof(want), "cannot create temporary file beside %s: Not a directory",
	         path);
	assert_string_equal(err.message, want);
	int hidden;
	assert_int_equal(count_entries(t->path, &hidden), 1);
}

static void test_target_is_a_directory(void **state)
{
	tmpdir *t = *state;
	char path[512], want[700];
	join(path, sizeof(path), t, "out");
	assert_int_equal(mkdir(path, 0700), 0);
	folio_error err;
	assert_null(folio_sink_file(path, &err));
	assert_int_equal(err.code, FOLIO_ERR_IO);
	snprintf(want, sizeof(want), "%s is a directory, not a file", path);
	assert_string_equal(err.message, want);
	assert_null(folio_sink_file("", &err));
	assert_int_equal(err.code, FOLIO_ERR_USAGE);
}

/* Runs folio_sink_file(path) as user "nobody" in a child; 0 when it failed
 * with the message want. For root, who ignores permissions. */
static int refused_as_nobody(const char *path, const char *want)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (setgid(65534) != 0 || setuid(65534) != 0)
			_exit(77);
		folio_error err;
		folio_sink *s = folio_sink_file(path, &err);
		_exit(s == NULL && strcmp(err.message, want) == 0 ? 0 : 1);
	}
	int status = -1;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_read_only_directory(void **state)
{
	tmpdir *t = *state;
	char path[512], want[700];
	join(path, sizeof(path), t, "leaflet.pdf");
	snprintf(want, sizeof(want), "cannot create temporary file beside %s: Permission denied",
	         path);
	assert_int_equal(chmod(t->path, 0555), 0);
	if (geteuid() == 0) {
		int rc = refused_as_nobody(path, want);
		chmod(t->path, 0700);
		if (rc == 77)
			skip(); /* cannot drop privileges here */
		assert_int_equal(rc, 0);
		return;
	}
	folio_error err;
	folio_sink *s = folio_sink_file(path, &err);
	chmod(t->path, 0700);
	assert_null(s);
	assert_string_equal(err.message, want);
}

static void test_relative_path(void **state)
{
	tmpdir *t = *state;
	char cwd[1024];
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(t->path), 0);
	folio_sink *s = folio_sink_file("bare.txt", NULL);
	assert_non_null(s);
	assert_int_equal(folio_sink_puts(s, "here"), FOLIO_OK);
	assert_int_equal(folio_sink_close(s, NULL), FOLIO_OK);
	char *text = slurp("bare.txt", NULL);
	assert_int_equal(chdir(cwd), 0);
	assert_non_null(text);
	assert_string_equal(text, "here");
	free(text);
}

static void test_dev_full_fails_at_close(void **state)
{
	(void)state;
	if (access("/dev/full", W_OK) != 0)
		skip();
	folio_error err;
	folio_sink *s = folio_sink_file("/dev/full", &err);
	assert_non_null(s);
	/* Buffered: a small write succeeds and the error surfaces at close. */
	assert_int_equal(folio_sink_puts(s, "a short leaflet"), FOLIO_OK);
	assert_int_equal(folio_sink_close(s, &err), FOLIO_ERR_IO);
	assert_string_equal(err.message, "writing /dev/full: No space left on device");
	/* A write larger than the buffer fails at once, and sticks. */
	s = folio_sink_file("/dev/full", &err);
	static char block[200000];
	assert_int_equal(folio_sink_write(s, block, sizeof(block)), FOLIO_ERR_IO);
	assert_int_equal(folio_sink_puts(s, "x"), FOLIO_ERR_IO);
	assert_string_equal(folio_sink_error(s)->message,
	                    "writing /dev/full: No space left on device");
	assert_int_equal(folio_sink_close(s, &err), FOLIO_ERR_IO);
}

static void test_dev_null_works(void **state)
{
	(void)state;
	folio_error err;
	folio_sink *s = folio_sink_file("/dev/null", &err);
	assert_non_null(s);
	static char block[300000];
	assert_int_equal(folio_sink_write(s, block, sizeof(block)), FOLIO_OK);
	assert_int_equal(folio_sink_bytes(s), sizeof(block));
	assert_int_equal(folio_sink_close(s, &err), FOLIO_OK);
	struct stat st;
	assert_int_equal(stat("/dev/null", &st), 0);
	assert_true(S_ISCHR(st.st_mode)); /* still the device, not a file */
}

static void test_fifo_written_directly(void **state)
{
	tmpdir *t = *state;
	char path[512];
	join(path, sizeof(path), t, "pipe");
	assert_int_equal(mkfifo(path, 0600), 0);
	/* A reader first, so the sink's open does not wait. */
	int rd = open(path, O_RDONLY | O_NONBLOCK);
	assert_true(rd >= 0);
	folio_sink *s = folio_sink_file(path, NULL);
	assert_non_null(s);
	assert_int_equal(folio_sink_puts(s, "through the pipe"), FOLIO_OK);
	assert_int_equal(folio_sink_close(s, NULL), FOLIO_OK);
	char buf[64] = "";
	assert_int_equal(read(rd, buf, sizeof(buf) - 1), 16);
	assert_string_equal(buf, "through the pipe");
	close(rd);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	int hidden;
	assert_int_equal(count_entries(t->path, &hidden), 1);
	assert_int_equal(hidden, 0);
}

/* ---- standard output ---------------------------------------------------------- */

/* Points fd 1 at a pipe for the duration of fn; returns the saved fd 1. */
static int stdout_to_pipe(int fds[2])
{
	fflush(stdout);
	assert_int_equal(pipe(fds), 0);
	int saved = dup(STDOUT_FILENO);
	assert_true(saved >= 0);
	assert_true(dup2(fds[1], STDOUT_FILENO) >= 0);
	close(fds[1]);
	return saved;
}

static void stdout_restore(int saved)
{
	dup2(saved, STDOUT_FILENO);
	close(saved);
}

static void test_stdout_writes_fd1(void **state)
{
	(void)state;
	int fds[2];
	int saved = stdout_to_pipe(fds);
	folio_sink *s = folio_sink_stdout();
	folio_status w = folio_sink_printf(s, "page %d of %d\n", 1, 2);
	folio_status c = folio_sink_close(s, NULL);
	stdout_restore(saved);
	assert_int_equal(w, FOLIO_OK);
	assert_int_equal(c, FOLIO_OK);
	char buf[64] = "";
	assert_int_equal(read(fds[0], buf, sizeof(buf) - 1), 12);
	assert_string_equal(buf, "page 1 of 2\n");
	close(fds[0]);
	/* fd 1 is not closed by the sink. */
	assert_true(fcntl(STDOUT_FILENO, F_GETFD) >= 0);
}

static void test_stdout_broken_pipe(void **state)
{
	(void)state;
	void (*old)(int) = signal(SIGPIPE, SIG_IGN); /* as the CLI does */
	int fds[2];
	int saved = stdout_to_pipe(fds);
	close(fds[0]); /* nobody reads */
	folio_sink *s = folio_sink_stdout();
	folio_status w = folio_sink_puts(s, "lost");
	folio_error err;
	folio_status c = folio_sink_close(s, &err);
	stdout_restore(saved);
	signal(SIGPIPE, old);
	assert_int_equal(w, FOLIO_OK); /* buffered until close */
	assert_int_equal(c, FOLIO_ERR_IO);
	assert_string_equal(err.message, "writing standard output: Broken pipe");
}

/* ---- gzip --------------------------------------------------------------------- */

/* Inflates a gzip member (windowBits 31); returns the bytes (malloc'd). */
static unsigned char *gunzip(const unsigned char *gz, size_t len, size_t *outlen)
{
	z_stream z;
	memset(&z, 0, sizeof(z));
	assert_int_equal(inflateInit2(&z, 31), Z_OK);
	size_t cap = len * 4 + 1024, n = 0;
	unsigned char *out = malloc(cap);
	z.next_in = (Bytef *)(uintptr_t)gz;
	z.avail_in = (uInt)len;
	int rc;
	do {
		if (n == cap) {
			cap *= 2;
			out = realloc(out, cap);
		}
		z.next_out = out + n;
		z.avail_out = (uInt)(cap - n);
		rc = inflate(&z, Z_NO_FLUSH);
		assert_true(rc == Z_OK || rc == Z_STREAM_END);
		n = cap - z.avail_out;
	} while (rc != Z_STREAM_END);
	assert_int_equal(z.avail_in, 0); /* one member, nothing after it */
	inflateEnd(&z);
	*outlen = n;
	return out;
}

static const char leaflet[] =
    "Ice or heat? For a fresh sprain, cool the joint for ten minutes at a time during the "
    "first two days. After that, gentle warmth often eases stiffness before exercise.\n";

static void gzip_to_capture(capture *c, const char *name, uint32_t mtime, int level)
{
	folio_error err;
	folio_sink *inner = folio_sink_new(&cap_ops, c);
	folio_sink *gz = folio_sink_gzip(inner, name, mtime, level, &err);
	assert_non_null(gz);
	for (int i = 0; i < 20; i++)
		assert_int_equal(folio_sink_puts(gz, leaflet), FOLIO_OK);
	assert_int_equal(folio_sink_bytes(gz), 20 * strlen(leaflet));
	assert_int_equal(folio_sink_close(gz, &err), FOLIO_OK);
	assert_int_equal(c->closes, 1); /* closing the filter closed next */
}

static void test_gzip_round_trip_and_header(void **state)
{
	(void)state;
	capture c = {0};
	gzip_to_capture(&c, "ice-or-heat.txt", 1700000000u, 9);
	assert_true(c.len > 20);
	assert_true(c.len < 20 * strlen(leaflet) / 4); /* repetitive text shrinks */
	const unsigned char *h = c.data;
	assert_int_equal(h[0], 0x1f);
	assert_int_equal(h[1], 0x8b);
	assert_int_equal(h[2], 8);    /* deflate */
	assert_int_equal(h[3], 0x08); /* FNAME only */
	uint32_t mtime =
	    (uint32_t)h[4] | (uint32_t)h[5] << 8 | (uint32_t)h[6] << 16 | (uint32_t)h[7] << 24;
	assert_int_equal(mtime, 1700000000u);
	assert_int_equal(h[8], 2); /* XFL: best compression */
	assert_int_equal(h[9], 3); /* Unix */
	assert_string_equal((const char *)h + 10, "ice-or-heat.txt");
	size_t n;
	unsigned char *plain = gunzip(c.data, c.len, &n);
	assert_int_equal(n, 20 * strlen(leaflet));
	for (int i = 0; i < 20; i++)
		assert_memory_equal(plain + i * strlen(leaflet), leaflet, strlen(leaflet));
	free(plain);
	free(c.data);
}

static void test_gzip_no_name_no_mtime(void **state)
{
	(void)state;
	capture c = {0};
	gzip_to_capture(&c, NULL, 0, 0);
	assert_int_equal(c.data[3], 0); /* no flags */
	assert_memory_equal(c.data + 4, "\0\0\0\0", 4);
	assert_int_equal(c.data[9], 3);
	size_t n;
	unsigned char *plain = gunzip(c.data, c.len, &n);
	assert_int_equal(n, 20 * strlen(leaflet));
	free(plain);
	free(c.data);
}

static void test_gzip_deterministic(void **state)
{
	(void)state;
	capture a = {0}, b = {0}, other = {0};
	gzip_to_capture(&a, "x.txt", 1234567, 6);
	gzip_to_capture(&b, "x.txt", 1234567, 6);
	gzip_to_capture(&other, "x.txt", 1234568, 6);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	assert_int_equal(other.len, a.len);
	assert_true(memcmp(a.data, other.data, a.len) != 0); /* the mtime is in the bytes */
	free(a.data);
	free(b.data);
	free(other.data);
}

/* Fills buf with varied, compressible text from a fixed seed. */
static void fill_words(unsigned char *buf, size_t n)
{
	static const char *const words[] = {"shoulder ", "gentle ", "rotation ", "pain ",
	                                    "exercise ", "daily ",  "posture ",  "rest. "};
	uint32_t x = 12345;
	size_t i = 0;
	while (i < n) {
		x = x * 1103515245u + 12345u;
		const char *w = words[(x >> 16) % 8];
		for (; *w && i < n; w++)
			buf[i++] = (unsigned char)*w;
		if ((x >> 8) % 13 == 0 && i < n)
			buf[i++] = (unsigned char)('0' + (x >> 20) % 10);
	}
}

static void test_gzip_ten_megabytes(void **state)
{
	(void)state;
	size_t total = 10u * 1024u * 1024u;
	unsigned char *src = malloc(total);
	fill_words(src, total);
	capture c = {0};
	folio_sink *gz = folio_sink_gzip(folio_sink_new(&cap_ops, &c), "big.txt", 1, 1, NULL);
	/* Uneven slices, then one large block. */
	size_t off = 0, step = 1;
	while (off < total / 2) {
		size_t n = step < total / 2 - off ? step : total / 2 - off;
		assert_int_equal(folio_sink_write(gz, src + off, n), FOLIO_OK);
		off += n;
		step = step * 3 % 70001 + 1;
	}
	assert_int_equal(folio_sink_write(gz, src + off, total - off), FOLIO_OK);
	assert_int_equal(folio_sink_bytes(gz), total);
	assert_int_equal(folio_sink_close(gz, NULL), FOLIO_OK);
	assert_true(c.len < total / 2);
	size_t n;
	unsigned char *back = gunzip(c.data, c.len, &n);
	assert_int_equal(n, total);
	assert_memory_equal(back, src, total);
	/* The trailer holds the CRC and size of the input. */
	uint32_t crc = (uint32_t)crc32(0L, src, (uInt)total);
	const unsigned char *t = c.data + c.len - 8;
	assert_int_equal((uint32_t)t[0] | (uint32_t)t[1] << 8 | (uint32_t)t[2] << 16 |
	                     (uint32_t)t[3] << 24,
	                 crc);
	free(back);
	free(src);
	free(c.data);
}

static void test_gzip_error_from_next_sticks(void **state)
{
	(void)state;
	capture c = {.fail_on_write = 1};
	folio_error err;
	folio_sink *gz = folio_sink_gzip(folio_sink_new(&cap_ops, &c), "a.txt", 0, 6, &err);
	/* zlib emits the header with the first deflate, so the first write
	 * reaches next, fails there, and the filter keeps that error. */
	assert_int_equal(folio_sink_puts(gz, "short"), FOLIO_ERR_IO);
	assert_string_equal(folio_sink_error(gz)->message, "capture: disk on fire");
	assert_int_equal(folio_sink_puts(gz, "more"), FOLIO_ERR_IO);
	assert_int_equal(c.writes, 1);
	assert_int_equal(folio_sink_close(gz, &err), FOLIO_ERR_IO);
	assert_string_equal(err.message, "capture: disk on fire");
	assert_int_equal(c.closes, 0);
	assert_int_equal(c.aborts, 1);
	free(c.data);
}

static void test_gzip_to_dev_full(void **state)
{
	(void)state;
	if (access("/dev/full", W_OK) != 0)
		skip();
	folio_error err;
	folio_sink *gz = folio_sink_gzip(folio_sink_file("/dev/full", &err), NULL, 0, 1, &err);
	assert_non_null(gz);
	/* Incompressible bytes overflow the file sink's buffer quickly. */
	unsigned char *noise = malloc(1u << 20);
	uint32_t x = 99;
	for (size_t i = 0; i < (1u << 20); i++) {
		x = x * 1664525u + 1013904223u;
		noise[i] = (unsigned char)(x >> 24);
	}
	folio_status st = folio_sink_write(gz, noise, 1u << 20);
	assert_int_equal(st, FOLIO_ERR_IO);
	assert_string_equal(folio_sink_error(gz)->message,
	                    "writing /dev/full: No space left on device");
	assert_int_equal(folio_sink_puts(gz, "more"), FOLIO_ERR_IO);
	assert_int_equal(folio_sink_close(gz, &err), FOLIO_ERR_IO);
	assert_string_equal(err.message, "writing /dev/full: No space left on device");
	free(noise);
}

static void test_gzip_file_commit_and_abort(void **state)
{
	tmpdir *t = *state;
	char path[512];
	join(path, sizeof(path), t, "leaflet.txt.gz");
	folio_error err;
	folio_sink *gz =
	    folio_sink_gzip(folio_sink_file(path, &err), "leaflet.txt", 86400, 9, &err);
	assert_int_equal(folio_sink_puts(gz, leaflet), FOLIO_OK);
	assert_int_equal(folio_sink_close(gz, &err), FOLIO_OK);
	size_t len = 0, n = 0;
	char *gzdata = slurp(path, &len);
	unsigned char *plain = gunzip((unsigned char *)gzdata, len, &n);
	assert_int_equal(n, strlen(leaflet));
	assert_memory_equal(plain, leaflet, n);
	free(plain);
	free(gzdata);
	/* Aborting the filter aborts the file beneath: the good file stays. */
	gz = folio_sink_gzip(folio_sink_file(path, &err), "leaflet.txt", 86400, 9, &err);
	assert_int_equal(folio_sink_puts(gz, "replacement"), FOLIO_OK);
	folio_sink_abort(gz);
	size_t len2 = 0;
	gzdata = slurp(path, &len2);
	assert_int_equal(len2, len);
	free(gzdata);
	int hidden;
	assert_int_equal(count_entries(t->path, &hidden), 1);
	assert_int_equal(hidden, 0);
}

static void test_gzip_bad_arguments(void **state)
{
	(void)state;
	capture c = {0};
	folio_error err;
	assert_null(folio_sink_gzip(folio_sink_new(&cap_ops, &c), "x", 0, 12, &err));
	assert_int_equal(err.code, FOLIO_ERR_USAGE);
	assert_int_equal(c.aborts, 1); /* next is owned even on failure */
	assert_null(folio_sink_gzip(NULL, "x", 0, 6, &err));
	assert_int_equal(err.code, FOLIO_ERR_USAGE);
}

#define DIR_TEST(fn) cmocka_unit_test_setup_teardown(fn, dir_setup, dir_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_errors_stick),
	    cmocka_unit_test(test_fail_then_close_discards),
	    cmocka_unit_test(test_close_and_abort_once),
	    cmocka_unit_test(test_ops_too_small_refused),
	    cmocka_unit_test(test_printf_short_and_long),
	    cmocka_unit_test(test_memory_take),
	    cmocka_unit_test(test_memory_accessors_refuse_other_kinds),
	    DIR_TEST(test_file_commit),
	    DIR_TEST(test_file_mode_follows_umask),
	    DIR_TEST(test_file_abort_leaves_nothing),
	    DIR_TEST(test_existing_file_not_clobbered),
	    DIR_TEST(test_replace_swaps_whole_files),
	    DIR_TEST(test_symlink_kept),
	    DIR_TEST(test_long_name),
	    DIR_TEST(test_missing_directory),
	    DIR_TEST(test_directory_is_a_file),
	    DIR_TEST(test_target_is_a_directory),
	    DIR_TEST(test_read_only_directory),
	    DIR_TEST(test_relative_path),
	    cmocka_unit_test(test_dev_full_fails_at_close),
	    cmocka_unit_test(test_dev_null_works),
	    DIR_TEST(test_fifo_written_directly),
	    cmocka_unit_test(test_stdout_writes_fd1),
	    cmocka_unit_test(test_stdout_broken_pipe),
	    cmocka_unit_test(test_gzip_round_trip_and_header),
	    cmocka_unit_test(test_gzip_no_name_no_mtime),
	    cmocka_unit_test(test_gzip_deterministic),
	    cmocka_unit_test(test_gzip_ten_megabytes),
	    cmocka_unit_test(test_gzip_error_from_next_sticks),
	    cmocka_unit_test(test_gzip_to_dev_full),
	    DIR_TEST(test_gzip_file_commit_and_abort),
	    cmocka_unit_test(test_gzip_bad_arguments),
	};
	return cmocka_run_group_tests_name("sink", tests, NULL, NULL);
}
