/* folio_json_string: the one JSON string writer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "folio/json.h"

typedef struct out {
	char text[256];
	size_t len;
	int calls;
} out;

static void put(void *ctx, const char *bytes, size_t len)
{
	out *o = ctx;

	assert_true(o->len + len < sizeof o->text);
	memcpy(o->text + o->len, bytes, len);
	o->len += len;
	o->text[o->len] = '\0';
	o->calls++;
}

static const char *json(const char *s, size_t len, unsigned flags, out *o)
{
	memset(o, 0, sizeof *o);
	folio_json_string(s, len, flags, put, o);
	return o->text;
}

static void test_plain_text_in_one_piece(void **state)
{
	out o;

	(void)state;
	assert_string_equal(json("Neck pain é", 12, 0, &o), "\"Neck pain é\"");
	assert_int_equal(o.calls, 3); /* the quotes and one run between them */
}

static void test_escapes(void **state)
{
	static const char in[] = "a\"b\\c\nd\x01\x1f<&>\xe2\x80\xa8\xe2\x80\xa9\xe2\x80\x94";
	out o;

	(void)state;
	assert_string_equal(json(in, sizeof in - 1, 0, &o),
	                    "\"a\\\"b\\\\c\\u000ad\\u0001\\u001f<&>\\u2028\\u2029\xe2\x80\x94\"");
}

static void test_script_mode(void **state)
{
	static const char in[] = "</script><!-- & -->";
	out o;

	(void)state;
	assert_string_equal(json(in, sizeof in - 1, FOLIO_JSON_SCRIPT, &o),
	                    "\"\\u003c/script\\u003e\\u003c!-- \\u0026 --\\u003e\"");
}

static void test_length_not_nul(void **state)
{
	out o;

	(void)state;
	/* the length counts, an embedded NUL is a control character */
	assert_string_equal(json("ab\0cd", 5, 0, &o), "\"ab\\u0000cd\"");
	assert_string_equal(json("abcd", 2, 0, &o), "\"ab\"");
	/* a separator cut at the end of the text is copied, not escaped */
	assert_string_equal(json("x\xe2\x80", 3, 0, &o), "\"x\xe2\x80\"");
}

static void test_null(void **state)
{
	out o;

	(void)state;
	assert_string_equal(json(NULL, 0, 0, &o), "null");
	assert_string_equal(json("", 0, 0, &o), "\"\"");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain_text_in_one_piece), cmocka_unit_test(test_escapes),
	    cmocka_unit_test(test_script_mode),            cmocka_unit_test(test_length_not_nul),
	    cmocka_unit_test(test_null),
	};
	return cmocka_run_group_tests_name("json_write", tests, NULL, NULL);
}
