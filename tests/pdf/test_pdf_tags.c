/* The structure tree writer: a page with a heading, a paragraph in another
 * language, a figure with alternative text, a link and a page-number
 * artifact, saved by libharu, must pass qpdf --check and read back from
 * poppler's structure dump with every element, its text and attributes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tags.h"

static void on_error(HPDF_STATUS e, HPDF_STATUS d, void *data)
{
	(void)data;
	fprintf(stderr, "libharu error 0x%04X (%u)\n", (unsigned)e, (unsigned)d);
}

static void text_at(HPDF_Page page, HPDF_Font font, float x, float y, const char *s)
{
	HPDF_Page_BeginText(page);
	HPDF_Page_SetFontAndSize(page, font, 12);
	HPDF_Page_TextOut(page, x, y, s);
	HPDF_Page_EndText(page);
}

/* Runs cmd and returns its standard output (malloc'd). */
static char *run(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t cap = 1 << 16, len = 0;
	char *out = malloc(cap);
	assert_non_null(out);
	size_t n;
	while ((n = fread(out + len, 1, cap - len - 1, p)) > 0)
		len += n;
	out[len] = '\0';
	assert_int_equal(pclose(p), 0);
	return out;
}

static void make_tagged(const char *path)
{
	HPDF_Doc pdf = HPDF_New(on_error, NULL);
	assert_non_null(pdf);
	pdf_tags *t = pdf_tags_new(pdf, "en-CA");
	assert_non_null(t);
	HPDF_Font font = HPDF_GetFont(pdf, "Helvetica", NULL);
	HPDF_Page page = HPDF_AddPage(pdf);
	assert_int_equal(pdf_tags_page(t, page), HPDF_OK);

	assert_int_equal(pdf_tags_begin(t, "H1", NULL), HPDF_OK);
	assert_int_equal(pdf_tags_mark_begin(t, page), HPDF_OK);
	text_at(page, font, 72, 720, "Walking after knee surgery");
	assert_int_equal(pdf_tags_mark_end(t, page), HPDF_OK);
	assert_int_equal(pdf_tags_end(t), HPDF_OK);

	pdf_tag_attrs fr = {.lang = "fr-CA"};
	assert_int_equal(pdf_tags_begin(t, "P", &fr), HPDF_OK);
	assert_int_equal(pdf_tags_mark_begin(t, page), HPDF_OK);
	text_at(page, font, 72, 690, "Marchez un peu chaque jour.");
	assert_int_equal(pdf_tags_mark_end(t, page), HPDF_OK);
	assert_int_equal(pdf_tags_end(t), HPDF_OK);

	pdf_tag_attrs alt = {.alt = "A knee brace, seen from the side — réglée"};
	assert_int_equal(pdf_tags_begin(t, "Figure", &alt), HPDF_OK);
	assert_int_equal(pdf_tags_mark_begin(t, page), HPDF_OK);
	HPDF_Page_Rectangle(page, 72, 600, 80, 60);
	HPDF_Page_Fill(page);
	assert_int_equal(pdf_tags_mark_end(t, page), HPDF_OK);
	assert_int_equal(pdf_tags_end(t), HPDF_OK);

	assert_int_equal(pdf_tags_begin(t, "P", NULL), HPDF_OK);
	assert_int_equal(pdf_tags_begin(t, "Link", NULL), HPDF_OK);
	assert_int_equal(pdf_tags_mark_begin(t, page), HPDF_OK);
	text_at(page, font, 72, 560, "example.org/knee");
	assert_int_equal(pdf_tags_mark_end(t, page), HPDF_OK);
	HPDF_Rect r = {72, 556, 180, 572};
	HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(page, r, "https://example.org/knee");
	assert_non_null(a);
	assert_int_equal(pdf_tags_annot(t, page, a, "Read this online"), HPDF_OK);
	assert_int_equal(pdf_tags_end(t), HPDF_OK);
	assert_int_equal(pdf_tags_end(t), HPDF_OK);

	assert_int_equal(pdf_tags_artifact_begin(t, page, "Pagination"), HPDF_OK);
	text_at(page, font, 72, 40, "Page 1 of 1");
	assert_int_equal(pdf_tags_artifact_end(t, page), HPDF_OK);

	/* Misuse is refused, not written: an element left open. */
	assert_int_equal(pdf_tags_depth(t), 0);
	assert_int_equal(pdf_tags_finish(t), HPDF_OK);
	assert_int_equal(HPDF_SaveToFile(pdf, path), HPDF_OK);
	pdf_tags_free(t);
	HPDF_Free(pdf);
}

static void test_tagged_page_reads_back(void **state)
{
	(void)state;
	char path[] = "/tmp/folio-tags-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	make_tagged(path);
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "qpdf --check %s", path);
	free(run(cmd));
	snprintf(cmd, sizeof(cmd), "pdfinfo -struct-text %s", path);
	char *tree = run(cmd);
	const char *want[] = {"Document", "H1", "Walking after knee surgery", "P (block)",
	                      "Marchez un peu chaque jour.", "Figure", "Link", "example.org/knee"};
	const char *at = tree;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const char *hit = strstr(at, want[i]);
		if (hit == NULL)
			fail_msg("'%s' missing (in order) from:\n%s", want[i], tree);
		at = hit;
	}
	/* The page number is an artifact: not in the tree. */
	assert_null(strstr(tree, "Page 1 of 1"));
	free(tree);
	snprintf(cmd, sizeof(cmd), "pdfinfo %s", path);
	char *info = run(cmd);
	if (strstr(info, "Tagged:          yes") == NULL)
		fail_msg("not tagged: %s (%s)", info, path);
	free(info);
	/* The catalogue and attributes, uncompressed. */
	snprintf(cmd, sizeof(cmd), "qpdf --qdf --object-streams=disable %s -", path);
	char *raw = run(cmd);
	assert_non_null(strstr(raw, "/Lang (en-CA)"));
	assert_non_null(strstr(raw, "/Lang (fr-CA)"));
	assert_non_null(strstr(raw, "/DisplayDocTitle true"));
	assert_non_null(strstr(raw, "/Tabs /S"));
	assert_non_null(strstr(raw, "/StructParent 1"));
	assert_non_null(strstr(raw, "/ParentTreeNextKey 2"));
	assert_non_null(strstr(raw, "/Artifact"));
	/* The alternative text is UTF-16BE (it has non-ASCII letters). */
	assert_non_null(strstr(raw, "/Alt <feff0041"));
	free(raw);
	if (getenv("KEEP") == NULL)
		unlink(path);
}

static void test_misuse_is_an_error(void **state)
{
	(void)state;
	HPDF_Doc pdf = HPDF_New(on_error, NULL);
	pdf_tags *t = pdf_tags_new(pdf, NULL);
	assert_non_null(t);
	/* Ending more than begun. */
	assert_int_not_equal(pdf_tags_end(t), HPDF_OK);
	/* Sticky: every later call returns the first error. */
	HPDF_Page page = HPDF_AddPage(pdf);
	assert_int_not_equal(pdf_tags_page(t, page), HPDF_OK);
	assert_int_not_equal(pdf_tags_finish(t), HPDF_OK);
	pdf_tags_free(t);
	HPDF_Free(pdf);

	pdf = HPDF_New(on_error, NULL);
	t = pdf_tags_new(pdf, "en");
	page = HPDF_AddPage(pdf);
	assert_int_equal(pdf_tags_page(t, page), HPDF_OK);
	assert_int_equal(pdf_tags_begin(t, "P", NULL), HPDF_OK);
	/* Marking on a page that was never registered. */
	HPDF_Page other = HPDF_AddPage(pdf);
	assert_int_not_equal(pdf_tags_mark_begin(t, other), HPDF_OK);
	pdf_tags_free(t);
	HPDF_Free(pdf);

	pdf = HPDF_New(on_error, NULL);
	t = pdf_tags_new(pdf, "en");
	page = HPDF_AddPage(pdf);
	assert_int_equal(pdf_tags_page(t, page), HPDF_OK);
	assert_int_equal(pdf_tags_begin(t, "P", NULL), HPDF_OK);
	/* An element still open when the tree is closed. */
	assert_int_not_equal(pdf_tags_finish(t), HPDF_OK);
	pdf_tags_free(t);
	HPDF_Free(pdf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tagged_page_reads_back),
	    cmocka_unit_test(test_misuse_is_an_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
