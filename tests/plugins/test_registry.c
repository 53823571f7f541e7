/* Unit tests: the plugin registry, option checking and the export engine. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "folio/folio.h"

#define PLUGIN(name) FOLIO_TEST_PLUGIN_DIR "/folio-test-" name ".so"

typedef struct log_capture {
	char text[4096];
	int count;
} log_capture;

static void capture(void *userdata, const char *message)
{
	log_capture *c = userdata;
	size_t used = strlen(c->text);
	snprintf(c->text + used, sizeof(c->text) - used, "%s\n", message);
	c->count++;
}

static folio_registry *new_registry(log_capture *log)
{
	folio_registry *reg = folio_registry_new();
	assert_non_null(reg);
	memset(log, 0, sizeof(*log));
	folio_registry_set_log(reg, capture, log);
	return reg;
}

/* The two well-behaved test plugins (the folder also holds an impostor that
 * sorts before "good"). */
static void load_good_pair(folio_registry *reg)
{
	folio_error err;
	assert_int_equal(folio_registry_load_file(reg, PLUGIN("good"), &err), FOLIO_OK);
	assert_int_equal(folio_registry_load_file(reg, PLUGIN("nested"), &err), FOLIO_OK);
}

static void test_load_good_and_refuse_bad(void **state)
{
	(void)state;
	log_capture log;
	folio_registry *reg = new_registry(&log);
	folio_error err;
	assert_int_equal(folio_registry_load_file(reg, PLUGIN("good"), &err), FOLIO_OK);
	assert_int_equal(folio_registry_count(reg), 1);
	assert_non_null(folio_registry_find(reg, "testfmt"));

	assert_int_equal(folio_registry_load_file(reg, PLUGIN("bad_abi"), &err), FOLIO_ERR_PLUGIN);
	char want[64];
	snprintf(want, sizeof(want), "ABI version %u", FOLIO_PLUGIN_ABI_VERSION + 41);
	assert_non_null(strstr(err.message, want));
	assert_non_null(strstr(err.file, "folio-test-bad_abi.so"));

	/* An option table without the entries' size (the ABI 1 layout). */
	assert_int_equal(folio_registry_load_file(reg, PLUGIN("old_options"), &err), FOLIO_ERR_PLUGIN);
	assert_non_null(strstr(err.message, "option table"));
	assert_non_null(strstr(err.file, "folio-test-old_options.so"));
	assert_null(folio_registry_find(reg, "oldopts"));

	assert_int_equal(folio_registry_load_file(reg, PLUGIN("no_entry"), &err), FOLIO_ERR_PLUGIN);
	assert_non_null(strstr(err.message, "no folio_plugin_entry symbol"));

	assert_int_equal(folio_registry_load_file(reg, PLUGIN("dup"), &err), FOLIO_ERR_PLUGIN);
	assert_non_null(strstr(err.message, "already provided"));

	/* A text file with a plugin's name. */
	char path[] = "/tmp/folio-test-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "not an ELF file\n", 16), 16);
	close(fd);
	assert_int_equal(folio_registry_load_file(reg, path, &err), FOLIO_ERR_PLUGIN);
	assert_non_null(strstr(err.message, "not a loadable library"));
	unlink(path);

	assert_int_equal(folio_registry_load_file(reg, "/nonexistent/folio-x.so", &err),
	                 FOLIO_ERR_PLUGIN);
	/* Loading the same file again is harmless. */
	assert_int_equal(folio_registry_load_file(reg, PLUGIN("good"), &err), FOLIO_OK);
	assert_int_equal(folio_registry_count(reg), 1);
	folio_registry_free(reg);
}

static void test_load_dir_skips_with_warnings(void **state)
{
	(void)state;
	log_capture log;
	folio_registry *reg = new_registry(&log);
	size_t loaded = folio_registry_load_dir(reg, FOLIO_TEST_PLUGIN_DIR);
	/* bad_abi, dup-or-good (whichever is second), no_entry are refused. */
	assert_int_equal(loaded, 2);
	assert_int_equal(folio_registry_count(reg), 2);
	assert_non_null(strstr(log.text, "folio-test-bad_abi.so"));
	assert_non_null(strstr(log.text, "folio-test-no_entry.so"));
	assert_non_null(strstr(log.text, "already provided"));
	/* Sorted by name. */
	assert_string_equal(folio_registry_at(reg, 0)->name, "nested");
	assert_string_equal(folio_registry_at(reg, 1)->name, "testfmt");
	assert_int_equal(folio_registry_load_dir(reg, "/nonexistent"), 0);
	folio_registry_free(reg);
}

static void test_world_writable_dir_warns(void **state)
{
	(void)state;
	log_capture log;
	folio_registry *reg = new_registry(&log);
	char dir[] = "/tmp/folio-plugins-XXXXXX";
	assert_non_null(mkdtemp(dir));
	chmod(dir, 0777);
	folio_registry_load_dir(reg, dir);
	assert_non_null(strstr(log.text, "writable by every user"));
	rmdir(dir);
	folio_registry_free(reg);
}

/* A plugin another user could have written is refused before dlopen. */
static void test_writable_plugin_refused(void **state)
{
	(void)state;
	log_capture log;
	folio_registry *reg = new_registry(&log);
	folio_error err;
	char dir[] = "/tmp/folio-plugins-XXXXXX";
	char path[128], cmd[512];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/folio-test-good.so", dir);
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", PLUGIN("good"), path);
	assert_int_equal(system(cmd), 0);
	chmod(path, 0755);
	chmod(dir, 0777);
	folio_error_clear(&err);
	assert_int_equal(folio_registry_load_file(reg, path, &err), FOLIO_ERR_PLUGIN);
	assert_non_null(strstr(err.message, "its folder"));
	assert_non_null(strstr(err.message, "writable by every user"));
	chmod(dir, 0700);
	chmod(path, 0666);
	assert_int_equal(folio_registry_load_file(reg, path, &err), FOLIO_ERR_PLUGIN);
	assert_non_null(strstr(err.message, "the file is writable by every user"));
	assert_int_equal(folio_registry_count(reg), 0);
	chmod(path, 0755);
	assert_int_equal(folio_registry_load_file(reg, path, &err), FOLIO_OK);
	assert_int_equal(folio_registry_count(reg), 1);
	folio_registry_free(reg);
	unlink(path);
	rmdir(dir);
}

/* Copies the constructor plugin into dir; returns its path in out. */
static void copy_ctor(const char *dir, char *out, size_t n)
{
	char cmd[1024];
	snprintf(out, n, "%s/folio-test-ctor.so", dir);
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", FOLIO_TEST_CTOR_PLUGIN, out);
	assert_int_equal(system(cmd), 0);
	chmod(out, 0755);
}

/* Loads path expecting a refusal whose message holds want, and checks that
 * the plugin's constructor never ran (no dlopen). */
static void refused_unloaded(folio_registry *reg, const char *path, const char *mark,
                             const char *want)
{
	folio_error err;
	folio_error_clear(&err);
	assert_int_equal(folio_registry_load_file(reg, path, &err), FOLIO_ERR_PLUGIN);
	if (strstr(err.message, want) == NULL)
		fail_msg("wanted '%s' in '%s'", want, err.message);
	assert_int_equal(access(mark, F_OK), -1);
}

/* File and folder, each world-writable, group-writable by another group or
 * owned by another user (the last two need root to set up): refused before
 * dlopen, so the constructor never runs; a folder reached through a symbolic
 * link is checked too. */
static void test_foreign_plugin_not_opened(void **state)
{
	(void)state;
	log_capture log;
	folio_registry *reg = new_registry(&log);
	char dir[] = "/tmp/folio-plugins-XXXXXX";
	char mark[128], path[256], link[256], cmd[512];
	assert_non_null(mkdtemp(dir));
	snprintf(mark, sizeof(mark), "%s.mark", dir);
	setenv("FOLIO_TEST_CTOR_MARK", mark, 1);
	copy_ctor(dir, path, sizeof(path));

	chmod(path, 0757);
	refused_unloaded(reg, path, mark, "the file is writable by every user");
	chmod(path, 0755);
	chmod(dir, 0777);
	refused_unloaded(reg, path, mark, "writable by every user");
	/* Reached through a symbolic link from a world-writable folder. */
	chmod(dir, 0700);
	char open_dir[] = "/tmp/folio-open-XXXXXX";
	assert_non_null(mkdtemp(open_dir));
	chmod(open_dir, 0777);
	snprintf(link, sizeof(link), "%s/folio-test-ctor.so", open_dir);
	assert_int_equal(symlink(path, link), 0);
	refused_unloaded(reg, link, mark, "writable by every user");
	unlink(link);
	rmdir(open_dir);
	if (geteuid() == 0) {
		/* nobody: uid and gid 65534 on Debian. */
		assert_int_equal(chown(path, 65534, 0), 0);
		refused_unloaded(reg, path, mark, "the file is owned by another user");
		assert_int_equal(chown(path, 0, 65534), 0);
		chmod(path, 0775);
		refused_unloaded(reg, path, mark, "the file is writable by a group of other users");
		assert_int_equal(chown(path, 0, 0), 0);
		chmod(path, 0755);
		assert_int_equal(chown(dir, 65534, 0), 0);
		refused_unloaded(reg, path, mark, "owned by another user");
		assert_int_equal(chown(dir, 0, 65534), 0);
		chmod(dir, 0770);
		refused_unloaded(reg, path, mark, "writable by a group of other users");
		assert_int_equal(chown(dir, 0, 0), 0);
		chmod(dir, 0700);
	} else {
		print_message("not root: the cases owned by another user are not set up\n");
	}
	assert_int_equal(folio_registry_count(reg), 0);
	/* Once nothing is foreign, it loads and its constructor runs. */
	folio_error err;
	assert_int_equal(folio_registry_load_file(reg, path, &err), FOLIO_OK);
	assert_int_equal(access(mark, F_OK), 0);
	folio_registry_free(reg);
	unsetenv("FOLIO_TEST_CTOR_MARK");
	unlink(mark);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void test_find_for_path(void **state)
{
	(void)state;
	log_capture log;
	folio_registry *reg = new_registry(&log);
	load_good_pair(reg);
	assert_string_equal(folio_registry_find_for_path(reg, "/a/b/x.tst")->name, "testfmt");
	assert_string_equal(folio_registry_find_for_path(reg, "X.TST")->name, "testfmt");
	assert_null(folio_registry_find_for_path(reg, "tst"));
	assert_null(folio_registry_find_for_path(reg, "x.pdf"));
	folio_registry_free(reg);
}

static void test_options_checked(void **state)
{
	(void)state;
	log_capture log;
	folio_registry *reg = new_registry(&log);
	folio_error err;
	folio_registry_load_file(reg, PLUGIN("good"), &err);
	const folio_plugin *p = folio_registry_find(reg, "testfmt");

	folio_options *o = folio_options_parse(reg, p, NULL, 0, &err);
	assert_non_null(o);
	assert_int_equal(folio_opt_int(o, "level"), 5);
	assert_string_equal(folio_opt_string(o, "mode"), "plain");
	assert_false(folio_opt_bool(o, "flag"));
	assert_null(folio_opt_string(o, "label"));
	assert_false(folio_opt_is_set(o, "level"));
	folio_options_free(o);

	const char *ok[] = {"level=9", "mode=fancy", "flag", "label=a=b"};
	o = folio_options_parse(reg, p, ok, 4, &err);
	assert_non_null(o);
	assert_int_equal(folio_opt_int(o, "level"), 9);
	assert_true(folio_opt_is_set(o, "level"));
	assert_true(folio_opt_bool(o, "flag"));
	assert_string_equal(folio_opt_string(o, "label"), "a=b");
	folio_options_free(o);

	struct {
		const char *setting;
		const char *expect;
	} bad[] = {
		{"levl=3", "format 'testfmt' has no option 'levl' (it accepts: flag, level, mode, label); "
		           "did you mean 'level'?"},
		{"level=10", "option 'level' must be between 1 and 9, not 10"},
		{"level=x", "option 'level' takes an integer, not 'x'"},
		{"mode=odd", "option 'mode' accepts plain, fancy; not 'odd'"},
		{"flag=maybe", "option 'flag' takes a boolean"},
		{"level", "option 'level' needs a value"},
		{"=3", "an option needs a name"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		folio_error_clear(&err);
		o = folio_options_parse(reg, p, &bad[i].setting, 1, &err);
		assert_null(o);
		assert_int_equal(err.code, FOLIO_ERR_USAGE);
		if (strstr(err.message, bad[i].expect) == NULL)
			fail_msg("'%s': got '%s'", bad[i].setting, err.message);
	}
	folio_registry_free(reg);
}

static void test_export_and_nested_render(void **state)
{
	(void)state;
	log_capture log;
	folio_registry *reg = new_registry(&log);
	load_good_pair(reg);
	folio_doc *doc = folio_doc_new();
	folio_doc_set(doc, FOLIO_META_TITLE, "Sore knees", NULL);
	folio_error err;

	const folio_plugin *p = folio_registry_find(reg, "nested");
	folio_options *o = folio_options_parse(reg, p, NULL, 0, &err);
	folio_sink *sink = folio_sink_memory();
	assert_int_equal(folio_export(reg, doc, p, o, sink, "x.nst", &err), FOLIO_OK);
	size_t len = 0;
	const unsigned char *data = folio_sink_memory_data(sink, &len);
	const char *expect =
		"[mode=plain level=7 flag=0 label=inner set=1 title=Sore knees\n]";
	assert_int_equal(len, strlen(expect));
	assert_memory_equal(data, expect, len);
	assert_int_equal(folio_sink_close(sink, &err), FOLIO_OK);
	assert_non_null(strstr(log.text, "testfmt: hello from testfmt"));
	folio_options_free(o);
	folio_doc_free(doc);
	folio_registry_free(reg);
}

static void test_profile_options_apply_beneath_settings(void **state)
{
	(void)state;
	log_capture log;
	folio_registry *reg = new_registry(&log);
	folio_error err;
	folio_registry_load_file(reg, PLUGIN("good"), &err);
	const char *yaml = "name: Test Clinic\n"
	                   "options:\n"
	                   "  testfmt:\n"
	                   "    level: 3\n"
	                   "    mode: fancy\n";
	folio_profile *prof = folio_profile_parse(yaml, strlen(yaml), "test.yaml", &err);
	assert_non_null(prof);
	folio_registry_set_profile(reg, prof);
	const folio_plugin *p = folio_registry_find(reg, "testfmt");
	const char *set[] = {"level=8"};
	folio_options *o = folio_options_parse(reg, p, set, 1, &err);
	assert_non_null(o);
	assert_int_equal(folio_opt_int(o, "level"), 8);
	assert_string_equal(folio_opt_string(o, "mode"), "fancy");
	folio_options_free(o);
	folio_registry_free(reg);
	folio_profile_free(prof);
}

static void test_discover_one_format(void **state)
{
	(void)state;
	char dir[] = "/tmp/folio-one-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char a[512], b[512], c[512];
	snprintf(a, sizeof(a), "%s/folio-testfmt.so", dir);
	snprintf(b, sizeof(b), "%s/folio-nested.so", dir);
	snprintf(c, sizeof(c), "%s/folio-test-bad_abi.so", dir);
	assert_int_equal(symlink(PLUGIN("good"), a), 0);
	assert_int_equal(symlink(PLUGIN("nested"), b), 0);
	assert_int_equal(symlink(PLUGIN("bad_abi"), c), 0);
	const char *dirs[] = {dir};
	log_capture log;

	/* One format, one file: nothing else is opened. */
	folio_registry *reg = new_registry(&log);
	assert_int_equal(folio_registry_discover_format(reg, dirs, 1, "testfmt"), 1);
	assert_int_equal(folio_registry_count(reg), 1);
	folio_registry_free(reg);

	/* A bundle needs the others: the caller must discover everything. */
	reg = new_registry(&log);
	assert_int_equal(folio_registry_discover_format(reg, dirs, 1, "nested"), 0);
	assert_non_null(folio_registry_find(reg, "nested"));
	folio_registry_free(reg);

	/* No such file, or a name that could leave the folder. */
	reg = new_registry(&log);
	assert_int_equal(folio_registry_discover_format(reg, dirs, 1, "docx"), 0);
	assert_int_equal(folio_registry_discover_format(reg, dirs, 1, "../x"), 0);
	assert_int_equal(folio_registry_count(reg), 0);
	folio_registry_free(reg);
	unlink(a);
	unlink(b);
	unlink(c);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_good_and_refuse_bad),
		cmocka_unit_test(test_load_dir_skips_with_warnings),
		cmocka_unit_test(test_world_writable_dir_warns),
		cmocka_unit_test(test_writable_plugin_refused),
		cmocka_unit_test(test_foreign_plugin_not_opened),
		cmocka_unit_test(test_find_for_path),
		cmocka_unit_test(test_options_checked),
		cmocka_unit_test(test_export_and_nested_render),
		cmocka_unit_test(test_profile_options_apply_beneath_settings),
		cmocka_unit_test(test_discover_one_format),
	};
	return cmocka_run_group_tests_name("registry", tests, NULL, NULL);
}
