/* Unit tests: the document model, builder, metadata and iterator. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "folio/doc.h"

static void test_new_doc_has_document_root(void **state)
{
	(void)state;
	folio_doc *doc = folio_doc_new();
	assert_non_null(doc);
	folio_node *root = folio_doc_root(doc);
	assert_int_equal(folio_node_get_type(root), FOLIO_NODE_DOCUMENT);
	assert_null(folio_node_first_child(root));
	folio_doc_free(doc);
}

static void test_builder_and_containment(void **state)
{
	(void)state;
	folio_doc *doc = folio_doc_new();
	folio_node *root = folio_doc_root(doc);
	folio_error err;
	folio_node *h = folio_node_add(root, FOLIO_NODE_HEADING);
	assert_non_null(h);
	assert_int_equal(folio_node_set_heading_level(h, 2), FOLIO_OK);
	assert_int_equal(folio_node_set_heading_level(h, 7), FOLIO_ERR_USAGE);
	assert_non_null(folio_node_add_text(h, "What is it?", 11, &err));
	/* Text may not stand directly in the document. */
	assert_null(folio_node_add_text(root, "x", 1, &err));
	assert_int_equal(err.code, FOLIO_ERR_USAGE);
	/* A list takes only items. */
	folio_node *list = folio_node_add(root, FOLIO_NODE_LIST);
	assert_null(folio_node_add(list, FOLIO_NODE_PARAGRAPH));
	folio_node *item = folio_node_add(list, FOLIO_NODE_ITEM);
	assert_non_null(item);
	assert_non_null(folio_node_add(item, FOLIO_NODE_PARAGRAPH));
	assert_int_equal(folio_node_set_list(list, FOLIO_LIST_ORDERED, 3, 1), FOLIO_OK);
	assert_int_equal(folio_node_list_start(list), 3);
	assert_int_equal(folio_node_list_type(list), FOLIO_LIST_ORDERED);
	/* Setters refuse properties the type lacks. */
	assert_int_equal(folio_node_set_url(h, "https://example.org", &err), FOLIO_ERR_USAGE);
	assert_int_equal(folio_node_child_count(root), 2);
	assert_int_equal(folio_node_heading_level(h), 2);
	folio_doc_free(doc);
}

static void test_invalid_utf8_refused(void **state)
{
	(void)state;
	folio_doc *doc = folio_doc_new();
	folio_node *p = folio_node_add(folio_doc_root(doc), FOLIO_NODE_PARAGRAPH);
	folio_error err;
	assert_null(folio_node_add_text(p, "caf\xc3", 4, &err));
	assert_int_equal(err.code, FOLIO_ERR_UTF8);
	assert_int_equal(folio_doc_set(doc, FOLIO_META_TITLE, "\xff", &err), FOLIO_ERR_UTF8);
	assert_null(folio_node_add_text(p, "a\0b", 3, &err));
	folio_doc_free(doc);
}

static void test_metadata(void **state)
{
	(void)state;
	folio_doc *doc = folio_doc_new();
	folio_error err;
	assert_int_equal(folio_doc_set(doc, FOLIO_META_TITLE, "Épaule gelée", &err), FOLIO_OK);
	assert_string_equal(folio_doc_get(doc, FOLIO_META_TITLE), "Épaule gelée");
	assert_int_equal(folio_doc_set(doc, FOLIO_META_DATE, "2024-13-01", &err), FOLIO_ERR_SYNTAX);
	assert_int_equal(folio_doc_set(doc, FOLIO_META_DATE, "2024-05-01", &err), FOLIO_OK);
	assert_int_equal(folio_doc_set(doc, FOLIO_META_LANG, "fr-CA", &err), FOLIO_OK);
	assert_int_equal(folio_doc_set(doc, FOLIO_META_LANG, "1x", &err), FOLIO_ERR_SYNTAX);
	assert_int_equal(folio_doc_add_author_string(doc, "Glenn Charbonneau, P.T.", &err), FOLIO_OK);
	assert_int_equal(folio_doc_add_author_string(doc, "Amira Haddad PT, DPT", &err), FOLIO_OK);
	assert_int_equal(folio_doc_add_author_string(doc, "Li Wei", &err), FOLIO_OK);
	assert_int_equal(folio_doc_author_count(doc), 3);
	assert_string_equal(folio_doc_author_name(doc, 0), "Glenn Charbonneau");
	assert_string_equal(folio_doc_author_credentials(doc, 0), "P.T.");
	assert_string_equal(folio_doc_author_name(doc, 1), "Amira Haddad");
	assert_string_equal(folio_doc_author_credentials(doc, 1), "PT, DPT");
	assert_null(folio_doc_author_credentials(doc, 2));
	assert_int_equal(folio_doc_add_tag(doc, "neck", &err), FOLIO_OK);
	assert_int_equal(folio_doc_tag_count(doc), 1);
	assert_int_equal(folio_doc_set_extra(doc, "slug", "a", &err), FOLIO_OK);
	assert_int_equal(folio_doc_set_extra(doc, "slug", "b", &err), FOLIO_OK);
	assert_int_equal(folio_doc_extra_count(doc), 1);
	assert_string_equal(folio_doc_extra(doc, "slug"), "b");
	folio_doc_free(doc);
}

static void test_iterator_enter_exit_and_skip(void **state)
{
	(void)state;
	folio_doc *doc = folio_doc_new();
	folio_node *root = folio_doc_root(doc);
	folio_node *p = folio_node_add(root, FOLIO_NODE_PARAGRAPH);
	folio_node_add_text(p, "a", 1, NULL);
	folio_node *em = folio_node_add(p, FOLIO_NODE_EMPH);
	folio_node_add_text(em, "b", 1, NULL);
	folio_node_add(root, FOLIO_NODE_THEMATIC_BREAK);

	char trace[128] = "";
	folio_iter *it = folio_iter_new(root);
	folio_event ev;
	while ((ev = folio_iter_next(it)) != FOLIO_EVENT_DONE) {
		const folio_node *n = folio_iter_node(it);
		strcat(trace, ev == FOLIO_EVENT_ENTER ? "+" : "-");
		strcat(trace, folio_node_type_name(folio_node_get_type(n)));
		strcat(trace, " ");
	}
	folio_iter_free(it);
	assert_string_equal(trace, "+document +paragraph +text +emph +text -emph -paragraph "
	                           "+thematic_break -document ");

	/* Skipping the paragraph's children still gives its EXIT. */
	trace[0] = '\0';
	it = folio_iter_new(root);
	while ((ev = folio_iter_next(it)) != FOLIO_EVENT_DONE) {
		const folio_node *n = folio_iter_node(it);
		if (ev == FOLIO_EVENT_ENTER && folio_node_get_type(n) == FOLIO_NODE_PARAGRAPH)
			folio_iter_skip_children(it);
		strcat(trace, ev == FOLIO_EVENT_ENTER ? "+" : "-");
		strcat(trace, folio_node_type_name(folio_node_get_type(n)));
		strcat(trace, " ");
	}
	folio_iter_free(it);
	assert_string_equal(trace, "+document +paragraph -paragraph +thematic_break -document ");

	char *plain = folio_node_plain_text(p);
	assert_string_equal(plain, "ab");
	free(plain);
	folio_doc_free(doc);
}

static void test_unlink_and_insert_after(void **state)
{
	(void)state;
	folio_doc *doc = folio_doc_new();
	folio_node *root = folio_doc_root(doc);
	folio_node *a = folio_node_add(root, FOLIO_NODE_PARAGRAPH);
	folio_node *c = folio_node_add(root, FOLIO_NODE_PARAGRAPH);
	folio_node *b = folio_node_new(doc, FOLIO_NODE_THEMATIC_BREAK);
	assert_int_equal(folio_node_insert_after(a, b), FOLIO_OK);
	assert_ptr_equal(folio_node_next(a), b);
	assert_ptr_equal(folio_node_next(b), c);
	folio_node_unlink(b);
	assert_ptr_equal(folio_node_next(a), c);
	assert_ptr_equal(folio_node_prev(c), a);
	assert_null(folio_node_parent(b));
	/* A node already attached cannot be appended again. */
	assert_int_equal(folio_node_append(root, a), FOLIO_ERR_USAGE);
	folio_doc_free(doc);
}

static void test_utf8_width_and_slug(void **state)
{
	(void)state;
	assert_int_equal(folio_utf8_width("café", strlen("café")), 4);
	assert_int_equal(folio_utf8_width("cafe\xcc\x81", 6), 4);
	assert_int_equal(folio_utf8_width("漢字", strlen("漢字")), 4);
	assert_int_equal(folio_utf8_width("👍🏽", strlen("👍🏽")), 2);
	/* ASCII beside the rest: controls are 0 wide, a combining mark joins
	 * the ASCII letter before it, a wide character after ASCII counts 2 */
	assert_int_equal(folio_utf8_width("a\r\nb\tc\x01", 7), 3);
	assert_int_equal(folio_utf8_width("x\xcc\x81y\xcc\x81\xcc\x82z", 10), 3);
	assert_int_equal(folio_utf8_width("ok 漢字 ok", strlen("ok 漢字 ok")), 10);
	assert_int_equal(folio_utf8_width("a👍🏽b", strlen("a👍🏽b")), 4);
	assert_int_equal(folio_utf8_width("\xff" "ab", 3), 3); /* a stray byte is 1 */
	char slug[64];
	assert_string_equal(folio_slugify("Dry Needling (IMS) vs. Acupuncture", slug, sizeof slug),
	                    "dry-needling-ims-vs-acupuncture");
	assert_string_equal(folio_slugify("Épaule gelée : que faire ?", slug, sizeof slug),
	                    "epaule-gelee-que-faire");
	assert_string_equal(folio_slugify("../../etc", slug, sizeof slug), "etc");
	assert_string_equal(folio_slugify("???", slug, sizeof slug), "article");
	assert_string_equal(folio_slugify("abcdefgh", slug, 5), "abcd");
}

static void test_epoch(void **state)
{
	(void)state;
	folio_doc *doc = folio_doc_new();
	unsetenv("SOURCE_DATE_EPOCH");
	assert_int_equal(folio_doc_epoch(doc), 315532800);
	folio_doc_set(doc, FOLIO_META_DATE, "2024-05-01", NULL);
	assert_int_equal(folio_doc_epoch(doc), 1714564800); /* 2024-05-01T12:00:00Z */
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	assert_int_equal(folio_doc_epoch(doc), 1700000000);
	unsetenv("SOURCE_DATE_EPOCH");
	folio_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_doc_has_document_root),
		cmocka_unit_test(test_builder_and_containment),
		cmocka_unit_test(test_invalid_utf8_refused),
		cmocka_unit_test(test_metadata),
		cmocka_unit_test(test_iterator_enter_exit_and_skip),
		cmocka_unit_test(test_unlink_and_insert_after),
		cmocka_unit_test(test_utf8_width_and_slug),
		cmocka_unit_test(test_epoch),
	};
	return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
