/* Unit tests: the importers' front door (import.c) — files, limits, BOM,
 * line ends, UTF-8 checks with line:column, format detection. */
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

#include "folio/import.h"
#include "tree_dump.h"

/* A scratch folder per run, removed at the end. */
static char scratch[512];

static int make_scratch(void **state)
{
	(void)state;
	snprintf(scratch, sizeof(scratch), "%s/test_import.XXXXXX", FOLIO_TEST_BUILD_DIR);
	return mkdtemp(scratch) ? 0 : -1;
}

static int remove_scratch(void **state)
{
	(void)state;
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", scratch);
	return system(cmd) == 0 ? 0 : -1;
}

/* Writes len bytes to scratch/name; returns the path (static buffer). */
static const char *write_file(const char *name, const char *data, size_t len)
{
	static char path[600];
	snprintf(path, sizeof(path), "%s/%s", scratch, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
	return path;
}

static folio_doc *import_str(const char *s, size_t len, folio_error *err)
{
	folio_import_options o = {sizeof(o), FOLIO_INPUT_MARKDOWN, 0, 0, NULL, NULL};
	folio_error_clear(err);
	return folio_import_memory(s, len, "mem.md", &o, err);
}

/* The body of a document as a dump, for comparing. The caller frees. */
static char *body_of(const char *s, size_t len)
{
	folio_error err;
	folio_doc *doc = import_str(s, len, &err);
	if (doc == NULL)
		fail_msg("import failed: %s", err.message);
	char *d = dump_doc(doc);
	folio_doc_free(doc);
	return d;
}

/* ---- format names and detection ---------------------------------------------------- */

static void test_format_names(void **state)
{
	(void)state;
	assert_int_equal(folio_input_format_from_name("markdown"), FOLIO_INPUT_MARKDOWN);
	assert_int_equal(folio_input_format_from_name("md"), FOLIO_INPUT_MARKDOWN);
	assert_int_equal(folio_input_format_from_name("clip"), FOLIO_INPUT_CLIP);
	assert_int_equal(folio_input_format_from_name("auto"), FOLIO_INPUT_AUTO);
	assert_int_equal(folio_input_format_from_name("docx"), -1);
	assert_int_equal(folio_input_format_from_name("Markdown!"), -1);
	assert_int_equal(folio_input_format_from_name(NULL), -1);
}

static void test_detect_by_extension(void **state)
{
	(void)state;
	const char *prose = "Just a sentence.\n\nAnother one.\n";
	size_t n = strlen(prose);
	assert_int_equal(folio_input_detect("a.md", prose, n), FOLIO_INPUT_MARKDOWN);
	assert_int_equal(folio_input_detect("dir.v2/A.MARKDOWN", prose, n), FOLIO_INPUT_MARKDOWN);
	assert_int_equal(folio_input_detect("x.mdown", prose, n), FOLIO_INPUT_MARKDOWN);
	/* Unknown extensions are read as Markdown. */
	assert_int_equal(folio_input_detect("page.xyz", prose, n), FOLIO_INPUT_MARKDOWN);
	/* Web pages by their extension. */
	assert_int_equal(folio_input_detect("page.html", prose, n), FOLIO_INPUT_HTML);
	/* .txt and no extension are sniffed: plain prose is clipped text. */
	assert_int_equal(folio_input_detect("a.txt", prose, n), FOLIO_INPUT_CLIP);
	assert_int_equal(folio_input_detect("dir.d/README", prose, n), FOLIO_INPUT_CLIP);
	assert_int_equal(folio_input_detect(NULL, prose, n), FOLIO_INPUT_CLIP);
}

static void test_detect_txt_by_content(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		folio_input_format want;
	} cases[] = {
	    {"---\ntitle: x\n---\nbody\n", FOLIO_INPUT_MARKDOWN},
	    {"\xEF\xBB\xBF---\ntitle: x\n---\n", FOLIO_INPUT_MARKDOWN},
	    {"Intro\n\n## What is it?\n\nText.\n", FOLIO_INPUT_MARKDOWN},
	    {"Code:\n\n```\nx\n```\n", FOLIO_INPUT_MARKDOWN},
	    {"- one\n- two\n\nSee [this](http://x.org).\n", FOLIO_INPUT_MARKDOWN},
	    {"> quoted\n\n1. first\n", FOLIO_INPUT_MARKDOWN},
	    /* One kind of weak sign is not enough: copied pages number things. */
	    {"Steps\n1. first\n2. second\n", FOLIO_INPUT_CLIP},
	    {"#hashtag is not a heading\n", FOLIO_INPUT_CLIP},
	    {"top of page\n  \xE2\x80\xA2 Writer's picture\n", FOLIO_INPUT_CLIP},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		folio_input_format got =
		    folio_input_detect("in.txt", cases[i].text, strlen(cases[i].text));
		if (got != cases[i].want)
			fail_msg("case %zu: got %d, want %d", i, (int)got, (int)cases[i].want);
	}
}

static void test_forced_format_wins_over_extension(void **state)
{
	(void)state;
	const char *p = write_file("plain.txt", "Hello there.\n", 13);
	folio_import_options o = {sizeof(o), FOLIO_INPUT_MARKDOWN, 0, 0, NULL, NULL};
	folio_error err;
	folio_doc *doc = folio_import_file(p, &o, &err);
	assert_non_null(doc);
	char *d = dump_doc(doc);
	assert_string_equal(d, "(doc (para \"Hello there.\"))");
	free(d);
	folio_doc_free(doc);
}

/* ---- files -------------------------------------------------------------------------------- */

static void test_missing_file_names_it(void **state)
{
	(void)state;
	folio_error err;
	char path[600];
	snprintf(path, sizeof(path), "%s/no-such-article.md", scratch);
	assert_null(folio_import_file(path, NULL, &err));
	assert_int_equal(err.code, FOLIO_ERR_IO);
	assert_string_equal(err.file, path);
	assert_non_null(strstr(err.message, "No such file"));
}

static void test_directory_is_refused(void **state)
{
	(void)state;
	folio_error err;
	char path[600];
	snprintf(path, sizeof(path), "%s/folder.md", scratch);
	assert_int_equal(mkdir(path, 0755), 0);
	assert_null(folio_import_file(path, NULL, &err));
	assert_int_equal(err.code, FOLIO_ERR_IO);
	assert_string_equal(err.file, path);
	assert_non_null(strstr(err.message, "directory"));
}

static void test_empty_path_is_usage_error(void **state)
{
	(void)state;
	folio_error err;
	assert_null(folio_import_file("", NULL, &err));
	assert_int_equal(err.code, FOLIO_ERR_USAGE);
	assert_null(folio_import_file(NULL, NULL, &err));
	assert_int_equal(err.code, FOLIO_ERR_USAGE);
}

static void test_file_over_limit(void **state)
{
	(void)state;
	char big[2000];
	memset(big, 'a', sizeof(big));
	const char *p = write_file("big.md", big, sizeof(big));
	folio_import_options o = {sizeof(o), FOLIO_INPUT_AUTO, 1000, 0, NULL, NULL};
	folio_error err;
	assert_null(folio_import_file(p, &o, &err));
	assert_int_equal(err.code, FOLIO_ERR_LIMIT);
	assert_string_equal(err.file, p);
	assert_non_null(strstr(err.message, "2000 bytes"));
	assert_non_null(strstr(err.message, "limit of 1000 bytes"));
	/* Exactly at the limit is fine. */
	o.max_input = 2000;
	folio_doc *doc = folio_import_file(p, &o, &err);
	assert_non_null(doc);
	folio_doc_free(doc);
}

static void test_memory_over_limit(void **state)
{
	(void)state;
	folio_import_options o = {sizeof(o), FOLIO_INPUT_AUTO, 10, 0, NULL, NULL};
	folio_error err;
	assert_null(folio_import_memory("0123456789A", 11, "in.md", &o, &err));
	assert_int_equal(err.code, FOLIO_ERR_LIMIT);
	assert_string_equal(err.file, "in.md");
	assert_non_null(strstr(err.message, "11 bytes, over the limit of 10 bytes"));
}

/* A caller built against a shorter options struct: fields past its size are
 * not read (here max_input = 1 would refuse everything). */
static void test_short_options_struct(void **state)
{
	(void)state;
	folio_import_options o = {
	    offsetof(folio_import_options, max_input), FOLIO_INPUT_MARKDOWN, 1, 0, NULL, NULL};
	folio_error err;
	folio_doc *doc = folio_import_memory("Hello\n", 6, "x.md", &o, &err);
	assert_non_null(doc);
	folio_doc_free(doc);
}

static void test_source_is_the_file_name(void **state)
{
	(void)state;
	const char *p = write_file("src.md", "# T\n\nx\n", 7);
	folio_error err;
	folio_doc *doc = folio_import_file(p, NULL, &err);
	assert_non_null(doc);
	assert_string_equal(folio_doc_get(doc, FOLIO_META_SOURCE), p);
	assert_string_equal(folio_doc_get(doc, FOLIO_META_TITLE), "T");
	folio_doc_free(doc);
	/* Without a name there is no source (and no extension: say the format). */
	folio_import_options o = {sizeof(o), FOLIO_INPUT_MARKDOWN, 0, 0, NULL, NULL};
	doc = folio_import_memory("x", 1, NULL, &o, &err);
	assert_non_null(doc);
	assert_null(folio_doc_get(doc, FOLIO_META_SOURCE));
	folio_doc_free(doc);
}

static void test_empty_input(void **state)
{
	(void)state;
	folio_error err;
	folio_doc *doc = import_str("", 0, &err);
	assert_non_null(doc);
	assert_null(folio_node_first_child(folio_doc_root(doc)));
	folio_doc_free(doc);
	doc = import_str(NULL, 0, &err);
	assert_non_null(doc);
	folio_doc_free(doc);
}

/* ---- BOM and line ends -------------------------------------------------------------------------
 */

static void test_bom_is_stripped(void **state)
{
	(void)state;
	static const char in[] = "\xEF\xBB\xBF---\ntitle: With a BOM\n---\nBody text.\n";
	folio_error err;
	folio_doc *doc = import_str(in, sizeof(in) - 1, &err);
	assert_non_null(doc);
	assert_string_equal(folio_doc_get(doc, FOLIO_META_TITLE), "With a BOM");
	char *d = dump_doc(doc);
	assert_string_equal(d, "(doc (para \"Body text.\"))");
	free(d);
	folio_doc_free(doc);
}

static void test_crlf_and_cr_become_lf(void **state)
{
	(void)state;
	static const char lf[] =
	    "---\ntitle: T\n---\n## A\n\none\ntwo  \nthree\n\n```\nx\ny\n```\n";
	static const char crlf[] = "---\r\ntitle: T\r\n---\r\n## A\r\n\r\none\r\ntwo  "
	                           "\r\nthree\r\n\r\n```\r\nx\r\ny\r\n```\r\n";
	static const char cr[] =
	    "---\rtitle: T\r---\r## A\r\rone\rtwo  \rthree\r\r```\rx\ry\r```\r";
	char *a = body_of(lf, sizeof(lf) - 1);
	char *b = body_of(crlf, sizeof(crlf) - 1);
	char *c = body_of(cr, sizeof(cr) - 1);
	assert_string_equal(a, "(doc (heading 2 \"A\") (para \"one two\" (br) \"three\") "
	                       "(code_block - \"x\\ny\"))");
	assert_string_equal(b, a);
	assert_string_equal(c, a);
	free(a);
	free(b);
	free(c);
}

static void test_crlf_keeps_line_numbers(void **state)
{
	(void)state;
	static const char in[] = "one\r\ntwo\r\n\r\nab\xFF\r\n";
	folio_error err;
	assert_null(import_str(in, sizeof(in) - 1, &err));
	assert_int_equal(err.code, FOLIO_ERR_UTF8);
	assert_int_equal(err.line, 4);
	assert_int_equal(err.column, 3);
	/* A lone CR ends a line too. */
	static const char in2[] = "one\rtwo\r\xC3\x28";
	assert_null(import_str(in2, sizeof(in2) - 1, &err));
	assert_int_equal(err.line, 3);
	assert_int_equal(err.column, 1);
}

/* ---- UTF-8 ----------------------------------------------------------------------------------- */

static void test_invalid_utf8_in_body_line_and_column(void **state)
{
	(void)state;
	/* Column counts characters: "Été " is 4 characters (6 bytes). */
	static const char in[] = "# Title\n\n\xC3\x89t\xC3\xA9 \xFF rest\n";
	folio_error err;
	assert_null(import_str(in, sizeof(in) - 1, &err));
	assert_int_equal(err.code, FOLIO_ERR_UTF8);
	assert_string_equal(err.file, "mem.md");
	assert_int_equal(err.line, 3);
	assert_int_equal(err.column, 5);
	assert_non_null(strstr(err.message, "0xFF"));
	char buf[700];
	assert_string_equal(folio_error_format(&err, buf, sizeof(buf)),
	                    "mem.md:3:5: invalid UTF-8 (byte 0xFF); save the file as UTF-8");
}

static void test_invalid_utf8_in_yaml_line_and_column(void **state)
{
	(void)state;
	/* Latin-1 "café" inside the front matter: line 3, after 10 characters. */
	static const char in[] = "---\nlang: fr\ntitle: caf\xE9\n---\nx\n";
	folio_error err;
	assert_null(import_str(in, sizeof(in) - 1, &err));
	assert_int_equal(err.code, FOLIO_ERR_UTF8);
	assert_int_equal(err.line, 3);
	assert_int_equal(err.column, 11);
}

static void test_bad_sequences(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t len;
		unsigned line, col;
	} cases[] = {
	    {"abc\xC3", 4, 1, 4},           /* truncated at the end */
	    {"a\n\xC0\xAF", 4, 2, 1},       /* overlong '/' */
	    {"a\nbb\xED\xA0\x80", 7, 2, 3}, /* a surrogate */
	    {"\xF4\x90\x80\x80", 4, 1, 1},  /* above U+10FFFF */
	    {"x\xE2\x82", 3, 1, 2},         /* cut short */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		folio_error err;
		folio_doc *doc = import_str(cases[i].s, cases[i].len, &err);
		if (doc != NULL || err.code != FOLIO_ERR_UTF8 || err.line != cases[i].line ||
		    err.column != cases[i].col)
			fail_msg("case %zu: code %d at %u:%u, want %u:%u", i, (int)err.code,
			         err.line, err.column, cases[i].line, cases[i].col);
	}
}

static void test_nul_byte(void **state)
{
	(void)state;
	static const char in[] = "Line one\nsecond \xE2\x80\x94 li\0ne\n";
	folio_error err;
	assert_null(import_str(in, sizeof(in) - 1, &err));
	assert_int_equal(err.code, FOLIO_ERR_UTF8);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.column, 12);
	assert_non_null(strstr(err.message, "NUL"));
}

static void test_fixture_bad_utf8_file(void **state)
{
	(void)state;
	folio_error err;
	const char *path = FOLIO_TEST_SOURCE_DIR "/tests/fixtures/md/bad-utf8.md";
	assert_null(folio_import_file(path, NULL, &err));
	assert_int_equal(err.code, FOLIO_ERR_UTF8);
	assert_string_equal(err.file, path);
	assert_int_equal(err.line, 9);
	assert_int_equal(err.column, 15);
}

static void test_fixture_errors_name_the_file(void **state)
{
	(void)state;
	folio_error err;
	const char *path = FOLIO_TEST_SOURCE_DIR "/tests/fixtures/md/unclosed-front-matter.md";
	assert_null(folio_import_file(path, NULL, &err));
	assert_int_equal(err.code, FOLIO_ERR_SYNTAX);
	assert_string_equal(err.file, path);
	assert_int_equal(err.line, 1);
	assert_non_null(strstr(err.message, "never closed"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_format_names),
	    cmocka_unit_test(test_detect_by_extension),
	    cmocka_unit_test(test_detect_txt_by_content),
	    cmocka_unit_test(test_forced_format_wins_over_extension),
	    cmocka_unit_test(test_missing_file_names_it),
	    cmocka_unit_test(test_directory_is_refused),
	    cmocka_unit_test(test_empty_path_is_usage_error),
	    cmocka_unit_test(test_file_over_limit),
	    cmocka_unit_test(test_memory_over_limit),
	    cmocka_unit_test(test_short_options_struct),
	    cmocka_unit_test(test_source_is_the_file_name),
	    cmocka_unit_test(test_empty_input),
	    cmocka_unit_test(test_bom_is_stripped),
	    cmocka_unit_test(test_crlf_and_cr_become_lf),
	    cmocka_unit_test(test_crlf_keeps_line_numbers),
	    cmocka_unit_test(test_invalid_utf8_in_body_line_and_column),
	    cmocka_unit_test(test_invalid_utf8_in_yaml_line_and_column),
	    cmocka_unit_test(test_bad_sequences),
	    cmocka_unit_test(test_nul_byte),
	    cmocka_unit_test(test_fixture_bad_utf8_file),
	    cmocka_unit_test(test_fixture_errors_name_the_file),
	};
	return cmocka_run_group_tests_name("import", tests, make_scratch, remove_scratch);
}
