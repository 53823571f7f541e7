/* Unit tests: reference sections (refs.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/import.h"
#include "import_private.h"
#include "tree_dump.h"

static folio_doc *md(const char *s)
{
	folio_import_options o = {sizeof(o), FOLIO_INPUT_MARKDOWN, 0, 0, NULL, NULL};
	folio_error err;
	folio_doc *doc = folio_import_memory(s, strlen(s), "r.md", &o, &err);
	if (doc == NULL)
		fail_msg("import failed: %s", err.message);
	return doc;
}

static void check_md(const char *s, const char *want)
{
	folio_doc *doc = md(s);
	char *got = dump_doc(doc);
	if (strcmp(got, want) != 0)
		fail_msg("for %s\n got: %s\nwant: %s", s, got, want);
	free(got);
	folio_doc_free(doc);
}

static void test_heading_names(void **state)
{
	(void)state;
	static const char *const yes[] = {
	    "References",
	    "REFERENCES",
	    "references:",
	    "  Bibliography :",
	    "Sources",
	    "R\xC3\xA9"
	    "f\xC3\xA9rences",
	    "R\xC3\x89"
	    "F\xC3\x89RENCES",
	    "Bibliographie",
	    "Works Cited",
	    "Referencias",
	    "Reference list",
	    "Reference",
	};
	static const char *const no[] = {
	    "References and notes", "My references", "", "Ref", "Sources:-", ":", "Referencess",
	};
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (!folio_is_references_heading(yes[i]))
			fail_msg("\"%s\" should name a references section", yes[i]);
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (folio_is_references_heading(no[i]))
			fail_msg("\"%s\" should not name a references section", no[i]);
	assert_false(folio_is_references_heading(NULL));
	assert_false(folio_is_references_heading("\xFF invalid"));
}

static void test_list_section(void **state)
{
	(void)state;
	check_md("Intro.\n\n## References:\n\n1. Smith A. *Title one*. J Bone. 2020;1:2.\n"
	         "2. Jones B. [Linked](https://doi.org/10.1/x). 2019.\n\n## After\n\nMore.\n",
	         "(doc (para \"Intro.\") (references \"References\" "
	         "(ref \"Smith A. \" (emph \"Title one\") \". J Bone. 2020;1:2.\") "
	         "(ref \"Jones B. \" (link \"https://doi.org/10.1/x\" - \"Linked\") \". 2019.\")) "
	         "(heading 2 \"After\") (para \"More.\"))");
}

static void test_paragraph_section_and_citations(void **state)
{
	(void)state;
	folio_doc *doc = md("# Title\n\nBody.\n\nSources\n-------\n\n"
	                    "Chou L-W, Kao M-J, Lin J-G. Probable mechanisms. 2012.\n\n"
	                    "Dunning J, Butts R. Dry needling.\nPhys Ther Rev. 2014.\n");
	folio_node *refs = folio_node_last_child(folio_doc_root(doc));
	assert_int_equal(folio_node_get_type(refs), FOLIO_NODE_REFERENCES);
	assert_string_equal(folio_node_title(refs), "Sources");
	assert_int_equal(folio_node_line(refs), 5);
	assert_int_equal(folio_node_child_count(refs), 2);
	folio_node *r = folio_node_first_child(refs);
	assert_int_equal(folio_node_line(r), 8);
	assert_string_equal(folio_citation_get(folio_node_citation(r), FOLIO_CITE_TEXT),
	                    "Chou L-W, Kao M-J, Lin J-G. Probable mechanisms. 2012.");
	r = folio_node_next(r);
	/* The soft break inside the second one is a space. */
	assert_string_equal(folio_citation_get(folio_node_citation(r), FOLIO_CITE_TEXT),
	                    "Dunning J, Butts R. Dry needling. Phys Ther Rev. 2014.");
	folio_doc_free(doc);
}

static void test_section_bounds(void **state)
{
	(void)state;
	/* A deeper heading stays (after the node), a same-level one ends it. */
	check_md("## Bibliography\n\n- A. 2001.\n\n### Further reading\n\n- B. 2002.\n\n## "
	         "Next\n\n- C.\n",
	         "(doc (references \"Bibliography\" (ref \"A. 2001.\") (ref \"B. 2002.\")) "
	         "(heading 3 \"Further reading\") (heading 2 \"Next\") "
	         "(list bullet tight (item (para \"C.\"))))");
	/* A thematic break ends it: what follows is a footer. */
	check_md(
	    "## References\n\nA. 2001.\n\n---\n\nShare this post\n",
	    "(doc (references \"References\" (ref \"A. 2001.\")) (hr) (para \"Share this post\"))");
	/* Code blocks and tables inside the section are left as they are. */
	check_md("## References\n\n    code\n\nA. 2001.\n",
	         "(doc (references \"References\" (ref \"A. 2001.\")) (code_block - \"code\"))");
}

static void test_empty_section_keeps_heading(void **state)
{
	(void)state;
	check_md("Text.\n\n## References\n", "(doc (para \"Text.\") (heading 2 \"References\"))");
	check_md("## References\n\n## Other\n\nx\n",
	         "(doc (heading 2 \"References\") (heading 2 \"Other\") (para \"x\"))");
}

static void test_items_with_several_blocks(void **state)
{
	(void)state;
	check_md("## References\n\n- First part.\n\n  Second part.\n\n  - nested note\n- Other.\n",
	         "(doc (references \"References\" (ref \"First part. Second part. nested note\") "
	         "(ref \"Other.\")))");
}

static void test_only_top_level_sections(void **state)
{
	(void)state;
	check_md("> ## References\n>\n> A. 2001.\n",
	         "(doc (quote (heading 2 \"References\") (para \"A. 2001.\")))");
}

static void test_two_sections(void **state)
{
	(void)state;
	check_md("# T\n\n## Références\n\n- Un.\n\n## Works cited\n\n- Two.\n",
	         "(doc (references \"R\xC3\xA9"
	         "f\xC3\xA9rences\" (ref \"Un.\")) "
	         "(references \"Works cited\" (ref \"Two.\")))");
}

/* Built through the API, as the clipped-text importer does: paragraphs under
 * a heading, no Markdown involved. */
static void test_on_a_built_document(void **state)
{
	(void)state;
	folio_doc *doc = folio_doc_new();
	folio_node *root = folio_doc_root(doc);
	folio_error err;
	folio_node *p = folio_node_add(root, FOLIO_NODE_PARAGRAPH);
	folio_node_add_text(p, "Body text.", 10, &err);
	folio_node *h = folio_node_add(root, FOLIO_NODE_HEADING);
	folio_node_set_heading_level(h, 3);
	folio_node_set_pos(h, 12, 1);
	folio_node_add_text(h, "Bibliography", 12, &err);
	for (int i = 0; i < 3; i++) {
		char text[64];
		int n =
		    snprintf(text, sizeof(text), "  Author %c. Paper %d. 20%02d.  ", 'A' + i, i, i);
		folio_node *q = folio_node_add(root, FOLIO_NODE_PARAGRAPH);
		folio_node_set_pos(q, 14 + (unsigned)i * 2, 1);
		folio_node_add_text(q, text, (size_t)n, &err);
	}
	assert_int_equal(folio_references_from_sections(doc, &err), FOLIO_OK);
	assert_int_equal(folio_node_child_count(root), 2);
	folio_node *refs = folio_node_last_child(root);
	assert_int_equal(folio_node_get_type(refs), FOLIO_NODE_REFERENCES);
	assert_int_equal(folio_node_line(refs), 12);
	assert_int_equal(folio_node_child_count(refs), 3);
	folio_node *r = folio_node_last_child(refs);
	assert_int_equal(folio_node_line(r), 18);
	/* The citation gets the trimmed text; the content keeps it as written. */
	assert_string_equal(folio_citation_get(folio_node_citation(r), FOLIO_CITE_TEXT),
	                    "Author C. Paper 2. 2002.");
	assert_string_equal(folio_node_literal(folio_node_first_child(r), NULL),
	                    "  Author C. Paper 2. 2002.  ");
	/* Running it again finds nothing more to do. */
	assert_int_equal(folio_references_from_sections(doc, &err), FOLIO_OK);
	assert_int_equal(folio_node_child_count(root), 2);
	folio_doc_free(doc);
	assert_int_equal(folio_references_from_sections(NULL, &err), FOLIO_ERR_USAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_heading_names),
	    cmocka_unit_test(test_list_section),
	    cmocka_unit_test(test_paragraph_section_and_citations),
	    cmocka_unit_test(test_section_bounds),
	    cmocka_unit_test(test_empty_section_keeps_heading),
	    cmocka_unit_test(test_items_with_several_blocks),
	    cmocka_unit_test(test_only_top_level_sections),
	    cmocka_unit_test(test_two_sections),
	    cmocka_unit_test(test_on_a_built_document),
	};
	return cmocka_run_group_tests_name("refs", tests, NULL, NULL);
}
