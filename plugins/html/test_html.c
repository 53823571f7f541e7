/* Unit tests for the html exporter's escaping, URL checks, JSON strings and
 * contrast maths (html_out.c), written into a memory sink. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "html.h"

/* Runs fn(w, arg) into a fresh memory sink and returns the bytes (caller
 * frees). */
static char *capture(void (*fn)(hw *, const char *), const char *arg)
{
	hw w = {.sink = folio_sink_memory()};
	assert_non_null(w.sink);
	fn(&w, arg);
	folio_sink_write(w.sink, "", 1);
	size_t len = 0;
	char *out = (char *)folio_sink_memory_take(w.sink, &len);
	folio_sink_abort(w.sink);
	return out;
}

static void text_escaping(void **state)
{
	(void)state;
	char *s = capture(html_text, "a<b>&\"c\"'d' é");
	assert_string_equal(s, "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39; é");
	free(s);
}

static void url_checks(void **state)
{
	(void)state;
	static const char *const ok[] = {"https://example.org/x",
	                                 "HTTP://EXAMPLE.ORG",
	                                 "mailto:a@b.example",
	                                 "images/a.png",
	                                 "../a.png",
	                                 "#top",
	                                 "?q=1",
	                                 "//example.org/x",
	                                 "a/b:c"};
	static const char *const bad[] = {"javascript:alert(1)",
	                                  "JaVaScRiPt:alert(1)",
	                                  "java\tscript:alert(1)",
	                                  "java\nscript:x",
	                                  " javascript:x",
	                                  "\x01javascript:x",
	                                  "vbscript:msgbox",
	                                  "data:text/html,x",
	                                  "data:image/png;base64,AAAA",
	                                  "file:///etc/passwd",
	                                  "ftp://example.org",
	                                  "tel:5550100",
	                                  "\\\\evil/x",
	                                  "",
	                                  NULL};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		assert_true(html_url_safe(ok[i]));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(html_url_safe(bad[i]));
}

static void url_attribute(void **state)
{
	(void)state;
	char *s = capture(html_url, "https://x.example/a b?c=\"1\"&d='<2>'");
	assert_string_equal(s, "https://x.example/a%20b?c=%221%22&amp;d=%27%3C2%3E%27");
	free(s);
	s = capture(html_doi_url, "10.1000/a\"<b>#c?d%e");
	assert_string_equal(s, "https://doi.org/10.1000/a%22%3Cb%3E%23c%3Fd%25e");
	free(s);
}

static void json_strings(void **state)
{
	(void)state;
	char *s =
	    capture(html_json_str, "</script><!-- \"q\" \\ & \n\x01 \xe2\x80\xa8\xe2\x80\xa9 é");
	assert_string_equal(s,
	                    "\"\\u003c/script\\u003e\\u003c!-- \\\"q\\\" \\\\ \\u0026 \\u000a\\u0001 "
	                    "\\u2028\\u2029 é\"");
	assert_null(strstr(s, "</"));
	free(s);
	s = capture(html_json_str, NULL);
	assert_string_equal(s, "null");
	free(s);
}

static void contrast(void **state)
{
	(void)state;
	assert_true(html_contrast(0x000000, 0xffffff) > 20.99);
	assert_true(html_contrast(0xffffff, 0xffffff) < 1.0001);
	/* #767676 is the classic lightest grey that passes 4.5:1; #777777 fails */
	assert_true(html_contrast(0x767676, 0xffffff) >= 4.5);
	assert_true(html_contrast(0x777777, 0xffffff) < 4.5);
	/* a passing colour is kept; a pale one is darkened just enough */
	assert_int_equal(html_darken_for_white(0x1f6f8b, 4.5), 0x1f6f8b);
	static const unsigned long pale[] = {0xffee00, 0xffffff, 0x7fdbff, 0xff851b};
	for (size_t i = 0; i < sizeof(pale) / sizeof(pale[0]); i++) {
		unsigned long d = html_darken_for_white(pale[i], 4.5);
		assert_true(html_contrast(d, 0xffffff) >= 4.5);
		assert_true(html_contrast(d, 0xffffff) < 5.5); /* not needlessly black */
	}
	/* the table of channel luminances is WCAG's formula: a grey of value v
	 * against black has the contrast (L + 0.05) / 0.05 */
	for (unsigned v = 0; v < 256; v++) {
		double c = v / 255.0;
		double l = c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
		double want = (l + 0.05) / 0.05;
		unsigned long grey = (unsigned long)v * 0x010101;

		assert_true(fabs(html_contrast(grey, 0x000000) - want) < 1e-12 * want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(text_escaping), cmocka_unit_test(url_checks),
	    cmocka_unit_test(url_attribute), cmocka_unit_test(json_strings),
	    cmocka_unit_test(contrast),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
