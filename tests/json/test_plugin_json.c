/* The json exporter through the real registry (folio-json.so from the
 * build), on documents made with the builder API: the schema's keys in
 * order with null for what is missing, every block and inline type,
 * string escaping, compact output, determinism. Plus a bare dlopen of the
 * plugin to check its descriptor. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/folio.h"

#define PLUGIN_PATH FOLIO_TEST_PLUGIN_DIR "/folio-json.so"

/* Renders doc as json with one optional "name=value" setting; the caller
 * frees the result. */
static char *render(const folio_doc *doc, const char *setting)
{
	folio_error err;
	folio_error_clear(&err);
	folio_registry *reg = folio_registry_new();
	assert_non_null(reg);
	if (folio_registry_load_file(reg, PLUGIN_PATH, &err) != FOLIO_OK)
		fail_msg("load: %s", err.message);
	const folio_plugin *p = folio_registry_find(reg, "json");
	assert_non_null(p);
	folio_options *o = folio_options_parse(reg, p, &setting, setting ? 1 : 0, &err);
	if (o == NULL)
		fail_msg("options: %s", err.message);
	folio_sink *sink = folio_sink_memory();
	if (folio_export(reg, doc, p, o, sink, NULL, &err) != FOLIO_OK)
		fail_msg("export: %s", err.message);
	size_t len = 0;
	unsigned char *bytes = folio_sink_memory_take(sink, &len);
	assert_int_equal(folio_sink_close(sink, &err), FOLIO_OK);
	folio_options_free(o);
	folio_registry_free(reg);
	char *s = malloc(len + 1);
	assert_non_null(s);
	memcpy(s, bytes, len);
	s[len] = '\0';
	free(bytes);
	return s;
}

static void test_dlopen_descriptor(void **state)
{
	(void)state;
	void *h = dlopen(PLUGIN_PATH, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL)
		fail_msg("dlopen: %s", dlerror());
	folio_plugin_entry_fn entry;
	*(void **)&entry = dlsym(h, FOLIO_PLUGIN_ENTRY_NAME);
	assert_non_null(entry);
	const folio_plugin *p = entry();
	assert_non_null(p);
	assert_true(p->size >= offsetof(folio_plugin, render) + sizeof(p->render));
	assert_int_equal(p->abi_version, FOLIO_PLUGIN_ABI_VERSION);
	assert_string_equal(p->name, "json");
	assert_string_equal(p->extension, "json");
	assert_string_equal(p->media_type, "application/json");
	assert_int_equal(p->flags, 0);
	assert_non_null(p->render);
	assert_non_null(p->options);
	assert_string_equal(p->options[0].name, "pretty");
	assert_int_equal(p->options[0].type, FOLIO_OPT_BOOL);
	assert_string_equal(p->options[0].default_value, "true");
	assert_null(p->options[1].name);
	assert_null(dlsym(h, "jw_string"));
	dlclose(h);
}

/* An empty document: every top-level key, in order, null or empty. */
static void test_empty_document(void **state)
{
	(void)state;
	folio_doc *doc = folio_doc_new();
	char *out = render(doc, NULL);
	assert_string_equal(out, "{\n"
	                         "  \"folio\": 1,\n"
	                         "  \"title\": null,\n"
	                         "  \"subtitle\": null,\n"
	                         "  \"authors\": [],\n"
	                         "  \"date\": null,\n"
	                         "  \"lang\": null,\n"
	                         "  \"tags\": [],\n"
	                         "  \"summary\": null,\n"
	                         "  \"url\": null,\n"
	                         "  \"source\": null,\n"
	                         "  \"display\": {\n"
	                         "    \"lang\": \"en\",\n"
	                         "    \"dir\": \"ltr\",\n"
	                         "    \"byline\": null,\n"
	                         "    \"date\": null\n"
	                         "  },\n"
	                         "  \"meta\": {},\n"
	                         "  \"blocks\": [],\n"
	                         "  \"references\": []\n"
	                         "}\n");
	free(out);
	char *compact = render(doc, "pretty=false");
	assert_string_equal(compact, "{\"folio\":1,\"title\":null,\"subtitle\":null,\"authors\":[],"
	                             "\"date\":null,\"lang\":null,\"tags\":[],\"summary\":null,"
	                             "\"url\":null,\"source\":null,"
	                             "\"display\":{\"lang\":\"en\",\"dir\":\"ltr\",\"byline\":null,"
	                             "\"date\":null},\"meta\":{},\"blocks\":[],"
	                             "\"references\":[]}\n");
	free(compact);
	folio_doc_free(doc);
}

static void test_metadata(void **state)
{
	(void)state;
	folio_error err;
	folio_doc *doc = folio_doc_new();
	assert_int_equal(folio_doc_set(doc, FOLIO_META_TITLE, "T", &err), FOLIO_OK);
	assert_int_equal(folio_doc_set(doc, FOLIO_META_DATE, "2024-05-01", &err), FOLIO_OK);
	assert_int_equal(folio_doc_set(doc, FOLIO_META_LANG, "fr-CA", &err), FOLIO_OK);
	assert_int_equal(folio_doc_set(doc, FOLIO_META_URL, "https://x.example/", &err), FOLIO_OK);
	assert_int_equal(folio_doc_add_author(doc, "Ana Ruiz", "P.T.", &err), FOLIO_OK);
	assert_int_equal(folio_doc_add_author(doc, "Lee", NULL, &err), FOLIO_OK);
	assert_int_equal(folio_doc_add_tag(doc, "neck", &err), FOLIO_OK);
	assert_int_equal(folio_doc_add_tag(doc, "back", &err), FOLIO_OK);
	assert_int_equal(folio_doc_set_extra(doc, "reviewed-by", "Sam", &err), FOLIO_OK);
	assert_int_equal(folio_doc_set_extra(doc, "audience", "adults", &err), FOLIO_OK);
	char *out = render(doc, "pretty=false");
	assert_string_equal(
	    out, "{\"folio\":1,\"title\":\"T\",\"subtitle\":null,\"authors\":["
	         "{\"name\":\"Ana Ruiz\",\"credentials\":\"P.T.\"},"
	         "{\"name\":\"Lee\",\"credentials\":null}],"
	         "\"date\":\"2024-05-01\",\"lang\":\"fr-CA\",\"tags\":[\"neck\",\"back\"],"
	         "\"summary\":null,\"url\":\"https://x.example/\",\"source\":null,"
	         "\"display\":{\"lang\":\"fr\",\"dir\":\"ltr\","
	         "\"byline\":\"Par Ana Ruiz, P.T. et Lee\",\"date\":\"1 mai 2024\"},"
	         "\"meta\":{\"reviewed-by\":\"Sam\",\"audience\":\"adults\"},"
	         "\"blocks\":[],\"references\":[]}\n");
	free(out);
	folio_doc_free(doc);
}

/* Quotes, backslashes, every control character, U+2028/2029; other UTF-8
 * (and DEL) as it is. */
static void test_escaping(void **state)
{
	(void)state;
	folio_error err;
	folio_doc *doc = folio_doc_new();
	const char *title = "a \"quoted\" \\ b\t\n\r\x01\x1f\x7f é 漢 👍 \xe2\x80\xa8 \xe2\x80\xa9 "
	                    "\xe2\x80\xaa /";
	assert_int_equal(folio_doc_set(doc, FOLIO_META_TITLE, title, &err), FOLIO_OK);
	char *out = render(doc, NULL);
	const char *want =
	    "  \"title\": \"a \\\"quoted\\\" \\\\ b\\u0009\\u000a\\u000d\\u0001\\u001f"
	    "\x7f é 漢 👍 \\u2028 \\u2029 \xe2\x80\xaa /\",\n";
	if (strstr(out, want) == NULL)
		fail_msg("escaped title not found in:\n%s", out);
	free(out);
	folio_doc_free(doc);
}

static folio_node *text_para(folio_node *parent, const char *s)
{
	folio_error err;
	folio_node *p = folio_node_add(parent, FOLIO_NODE_PARAGRAPH);
	assert_non_null(folio_node_add_text(p, s, strlen(s), &err));
	return p;
}

/* Every block type, compact, against the schema's table. */
static void test_blocks(void **state)
{
	(void)state;
	folio_error err;
	folio_doc *doc = folio_doc_new();
	folio_node *root = folio_doc_root(doc);
	folio_node *h = folio_node_add(root, FOLIO_NODE_HEADING);
	folio_node_set_heading_level(h, 3);
	folio_node_add_text(h, "H", 1, &err);
	folio_node *list = folio_node_add(root, FOLIO_NODE_LIST);
	folio_node_set_list(list, FOLIO_LIST_ORDERED, 4, 0);
	text_para(folio_node_add(list, FOLIO_NODE_ITEM), "a");
	folio_node_add(list, FOLIO_NODE_ITEM); /* an empty item */
	folio_node *q = folio_node_add(root, FOLIO_NODE_BLOCK_QUOTE);
	text_para(q, "q");
	folio_node *code = folio_node_add(root, FOLIO_NODE_CODE_BLOCK);
	folio_node_set_literal(code, "x\n", 2, &err);
	folio_node *code2 = folio_node_add(root, FOLIO_NODE_CODE_BLOCK);
	folio_node_set_info(code2, "sh", &err);
	folio_node_add(root, FOLIO_NODE_THEMATIC_BREAK);
	folio_node *img = folio_node_add(root, FOLIO_NODE_IMAGE);
	folio_node_set_url(img, "i.png", &err);
	folio_node *table = folio_node_add(root, FOLIO_NODE_TABLE);
	for (int r = 0; r < 2; r++) {
		folio_node *row = folio_node_add(table, FOLIO_NODE_TABLE_ROW);
		for (int c = 0; c < 2; c++) {
			folio_node *cell = folio_node_add(row, FOLIO_NODE_TABLE_CELL);
			folio_node_set_align(cell, c == 0 ? FOLIO_ALIGN_CENTER : FOLIO_ALIGN_RIGHT);
			folio_node_add_text(cell, r ? "v" : "k", 1, &err);
		}
	}
	char *out = render(doc, "pretty=false");
	const char *want =
	    "\"blocks\":["
	    "{\"type\":\"heading\",\"level\":3,\"content\":[{\"type\":\"text\",\"text\":\"H\"}]},"
	    "{\"type\":\"list\",\"ordered\":true,\"start\":4,\"tight\":false,\"items\":["
	    "[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"a\"}]}],[]]},"
	    "{\"type\":\"block_quote\",\"blocks\":["
	    "{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"q\"}]}]},"
	    "{\"type\":\"code_block\",\"info\":null,\"text\":\"x\\u000a\"},"
	    "{\"type\":\"code_block\",\"info\":\"sh\",\"text\":\"\"},"
	    "{\"type\":\"thematic_break\"},"
	    "{\"type\":\"image\",\"src\":\"i.png\",\"alt\":\"\",\"caption\":null},"
	    "{\"type\":\"table\",\"align\":[\"center\",\"right\"],\"rows\":["
	    "[[{\"type\":\"text\",\"text\":\"k\"}],[{\"type\":\"text\",\"text\":\"k\"}]],"
	    "[[{\"type\":\"text\",\"text\":\"v\"}],[{\"type\":\"text\",\"text\":\"v\"}]]]}"
	    "],\"references\":[]}\n";
	if (strstr(out, want) == NULL)
		fail_msg("blocks differ:\n%s", out);
	free(out);
	folio_doc_free(doc);
}

static void test_inlines(void **state)
{
	(void)state;
	folio_error err;
	folio_doc *doc = folio_doc_new();
	folio_node *p = folio_node_add(folio_doc_root(doc), FOLIO_NODE_PARAGRAPH);
	static const folio_node_type wraps[] = {FOLIO_NODE_EMPH, FOLIO_NODE_STRONG,
	                                        FOLIO_NODE_STRIKE};
	for (size_t i = 0; i < 3; i++)
		folio_node_add_text(folio_node_add(p, wraps[i]), "w", 1, &err);
	folio_node *code = folio_node_add(p, FOLIO_NODE_CODE);
	folio_node_set_literal(code, "c", 1, &err);
	folio_node *link = folio_node_add(p, FOLIO_NODE_LINK);
	folio_node_set_url(link, "https://e.example/?a=1&b=\"2\"", &err);
	folio_node_set_title(link, "T", &err);
	folio_node_add_text(link, "l", 1, &err);
	folio_node_add(p, FOLIO_NODE_LINE_BREAK);
	char *out = render(doc, "pretty=false");
	const char *want = "\"content\":["
	                   "{\"type\":\"emph\",\"content\":[{\"type\":\"text\",\"text\":\"w\"}]},"
	                   "{\"type\":\"strong\",\"content\":[{\"type\":\"text\",\"text\":\"w\"}]},"
	                   "{\"type\":\"strike\",\"content\":[{\"type\":\"text\",\"text\":\"w\"}]},"
	                   "{\"type\":\"code\",\"text\":\"c\"},"
	                   "{\"type\":\"link\",\"url\":\"https://e.example/?a=1&b=\\\"2\\\"\","
	                   "\"title\":\"T\",\"content\":[{\"type\":\"text\",\"text\":\"l\"}]},"
	                   "{\"type\":\"line_break\"}]";
	if (strstr(out, want) == NULL)
		fail_msg("inlines differ:\n%s", out);
	free(out);
	folio_doc_free(doc);
}

/* Two reference sections: the second's "first" counts the first's entries,
 * and the top-level list holds all of them in document order. */
static void test_references(void **state)
{
	(void)state;
	folio_error err;
	folio_doc *doc = folio_doc_new();
	folio_node *root = folio_doc_root(doc);
	const char *cite = "Hoy D, March L, et al. Neck pain. Ann Rheum Dis. 2014;73(7):1309-1315. "
	                   "doi:10.1136/annrheumdis-2013-204431.";
	for (int s = 0; s < 2; s++) {
		folio_node *refs = folio_node_add(root, FOLIO_NODE_REFERENCES);
		folio_node_set_title(refs, s ? "More" : "References", &err);
		for (int i = 0; i < 2 - s; i++) {
			folio_node *r = folio_node_add(refs, FOLIO_NODE_REFERENCE);
			folio_node_add_text(r, s ? "plain entry" : cite,
			                    strlen(s ? "plain entry" : cite), &err);
			if (s == 0)
				folio_node_set_citation(
				    r, folio_citation_parse(doc, cite, strlen(cite), &err));
		}
	}
	char *out = render(doc, "pretty=false");
	const char *blocks =
	    "\"blocks\":["
	    "{\"type\":\"references\",\"title\":\"References\",\"first\":0,\"count\":2},"
	    "{\"type\":\"references\",\"title\":\"More\",\"first\":2,\"count\":1}]";
	if (strstr(out, blocks) == NULL)
		fail_msg("references blocks differ:\n%s", out);
	char first[1024];
	snprintf(
	    first, sizeof(first),
	    "\"references\":[{\"text\":\"%s\",\"content\":[{\"type\":\"text\",\"text\":\"%s\"}],"
	    "\"authors\":[\"Hoy D\",\"March L\"],\"et_al\":true,\"title\":\"Neck pain\","
	    "\"journal\":\"Ann Rheum Dis\",\"year\":\"2014\",\"volume\":\"73\",\"issue\":\"7\","
	    "\"pages\":\"1309-1315\",\"doi\":\"10.1136/annrheumdis-2013-204431\","
	    "\"pmid\":null,\"url\":null},",
	    cite, cite);
	if (strstr(out, first) == NULL)
		fail_msg("first reference differs:\n%s", out);
	const char *plain = "{\"text\":\"plain entry\",\"content\":[{\"type\":\"text\",\"text\":"
	                    "\"plain entry\"}],\"authors\":[],\"et_al\":false,\"title\":null,"
	                    "\"journal\":null,\"year\":null,\"volume\":null,\"issue\":null,"
	                    "\"pages\":null,\"doi\":null,\"pmid\":null,\"url\":null}]}\n";
	size_t n = strlen(out), k = strlen(plain);
	assert_true(n > k);
	assert_string_equal(out + n - k, plain);
	free(out);
	folio_doc_free(doc);
}

/* Pretty output is the compact output with whitespace between tokens only:
 * removing the indentation and the ": " spaces outside strings gives the
 * compact bytes back. */
static void test_pretty_is_compact_plus_whitespace(void **state)
{
	(void)state;
	folio_error err;
	folio_doc *doc = folio_doc_new();
	folio_doc_set(doc, FOLIO_META_TITLE, "a \"b\": [c], {d}", &err);
	text_para(folio_doc_root(doc), "x: y, z");
	char *pretty = render(doc, NULL);
	char *compact = render(doc, "pretty=false");
	char *squeezed = malloc(strlen(pretty) + 1);
	size_t j = 0;
	int in_string = 0;
	for (const char *p = pretty; *p; p++) {
		if (in_string) {
			squeezed[j++] = *p;
			if (*p == '\\')
				squeezed[j++] = *++p;
			else if (*p == '"')
				in_string = 0;
		} else if (*p == '"') {
			in_string = 1;
			squeezed[j++] = *p;
		} else if (*p != ' ' && *p != '\n') {
			squeezed[j++] = *p;
		}
	}
	squeezed[j] = '\0';
	size_t clen = strlen(compact);
	assert_int_equal(compact[clen - 1], '\n');
	assert_int_equal(j, clen - 1);
	assert_memory_equal(squeezed, compact, j);
	/* Exactly one newline in compact output, at the end. */
	assert_ptr_equal(strchr(compact, '\n'), compact + clen - 1);
	free(squeezed);
	free(pretty);
	free(compact);
	folio_doc_free(doc);
}

static void test_deterministic(void **state)
{
	(void)state;
	folio_error err;
	folio_doc *doc = folio_doc_new();
	folio_doc_set(doc, FOLIO_META_TITLE, "Same", &err);
	text_para(folio_doc_root(doc), "bytes every time");
	char *a = render(doc, NULL);
	char *b = render(doc, NULL);
	assert_string_equal(a, b);
	free(a);
	free(b);
	folio_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dlopen_descriptor),
	    cmocka_unit_test(test_empty_document),
	    cmocka_unit_test(test_metadata),
	    cmocka_unit_test(test_escaping),
	    cmocka_unit_test(test_blocks),
	    cmocka_unit_test(test_inlines),
	    cmocka_unit_test(test_references),
	    cmocka_unit_test(test_pretty_is_compact_plus_whitespace),
	    cmocka_unit_test(test_deterministic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
