/* The presentation catalogue (folio/present.h): language fallback, bylines,
 * dates, page labels, DOI and URL forms. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "folio/present.h"

static folio_doc *authors(int n)
{
	static const char *const names[][2] = {{"Ana Ruiz", "PT"}, {"Ben Cole", "DPT"},
	                                       {"Isabel Moreau", "RMT"}};
	folio_error err;
	folio_doc *doc = folio_doc_new();
	assert_non_null(doc);
	for (int i = 0; i < n; i++)
		assert_int_equal(folio_doc_add_author(doc, names[i][0], names[i][1], &err), FOLIO_OK);
	return doc;
}

static void check_byline(int n, const char *lang, int by, const char *want)
{
	folio_doc *doc = authors(n);
	char out[256];
	size_t len = folio_present_byline(doc, lang, by, out, sizeof out);
	assert_string_equal(out, want);
	assert_int_equal(len, strlen(want));
	/* A short buffer is cut, NUL-terminated, and the length still counts it all. */
	char small[8];
	assert_int_equal(folio_present_byline(doc, lang, by, small, sizeof small), strlen(want));
	assert_int_equal(strlen(small), 7);
	folio_doc_free(doc);
}

static void test_bylines(void **state)
{
	(void)state;
	check_byline(1, "en", 1, "By Ana Ruiz, PT");
	check_byline(2, "en", 0, "Ana Ruiz, PT and Ben Cole, DPT");
	check_byline(3, "en", 0, "Ana Ruiz, PT; Ben Cole, DPT and Isabel Moreau, RMT");
	check_byline(3, "fr-CA", 1, "Par Ana Ruiz, PT; Ben Cole, DPT et Isabel Moreau, RMT");
	/* Spanish "e" before a name sounding /i/. */
	check_byline(3, "es", 0, "Ana Ruiz, PT; Ben Cole, DPT e Isabel Moreau, RMT");
	check_byline(2, "es-MX", 0, "Ana Ruiz, PT y Ben Cole, DPT");
	check_byline(2, "zh-Hant", 1, "作者：Ana Ruiz, PT和Ben Cole, DPT");
	check_byline(3, "ru", 1, "Авторы: Ana Ruiz, PT; Ben Cole, DPT и Isabel Moreau, RMT");
	check_byline(1, "ru", 1, "Автор: Ana Ruiz, PT");

	folio_doc *none = folio_doc_new();
	char out[16] = "x";
	assert_int_equal(folio_present_byline(none, "en", 1, out, sizeof out), 0);
	assert_string_equal(out, "");
	folio_doc_free(none);
}

static void check_date(const char *lang, const char *iso, const char *want)
{
	char out[128];
	assert_int_equal(folio_present_date(lang, iso, out, sizeof out), strlen(want));
	assert_string_equal(out, want);
}

static void test_dates(void **state)
{
	(void)state;
	check_date(NULL, "2024-05-01", "1 May 2024");
	check_date("fr", "2024-05-01", "1 mai 2024");
	check_date("es", "2024-05-01", "1 de mayo de 2024");
	check_date("pt-BR", "2024-05-01", "1 de maio de 2024");
	check_date("zh-Hans", "2024-05-01", "2024年5月1日");
	check_date("zh-TW", "2024-12-31", "2024年12月31日");
	check_date("ja", "2024-05-01", "2024年5月1日");
	check_date("ko", "2024-05-01", "2024년 5월 1일");
	check_date("ru", "2024-05-01", "1 мая 2024 г.");
	check_date("pl", "2024-05-01", "1 maja 2024 r.");
	check_date("vi", "2024-05-01", "1 tháng 5, 2024");
	check_date("tl", "2024-05-01", "Mayo 1, 2024");
	check_date("ht", "2024-05-01", "1 me 2024");
	check_date("de", "2024-05-01", "1. Mai 2024");
	/* Thai: the Buddhist era (CLDR's buddhist long date, "d MMMM G y"). */
	check_date("th", "2024-05-01", "1 พฤษภาคม พ.ศ. 2567");
	check_date("th-TH", "1999-12-31", "31 ธันวาคม พ.ศ. 2542");
	/* Persian: CLDR's format forms of the Gregorian months (with the ezafe). */
	check_date("fa", "2024-05-01", "1 مهٔ 2024");
	check_date("he", "2024-05-01", "1 במאי 2024");
	/* Not a full ISO date: copied as it is. */
	check_date("fr", "2024-05", "2024-05");
	check_date("en", "2024-13-01", "2024-13-01");
	check_date("en", "spring 2024", "spring 2024");
}

static void test_fallback(void **state)
{
	(void)state;
	assert_string_equal(folio_present_lang("fr-CA"), "fr");
	assert_string_equal(folio_present_lang("ZH_hant_TW"), "zh-Hant");
	assert_string_equal(folio_present_lang("zh-HK"), "zh-Hant");
	assert_string_equal(folio_present_lang("zh"), "zh-Hans");
	assert_string_equal(folio_present_lang("zh-CN"), "zh-Hans");
	assert_string_equal(folio_present_lang("fil"), "tl");
	assert_string_equal(folio_present_lang("sw"), "en");
	assert_string_equal(folio_present_lang(NULL), "en");
	assert_true(folio_present_has_lang("pa-IN"));
	assert_false(folio_present_has_lang("sw"));
	assert_string_equal(folio_present_dir("ar-EG"), "rtl");
	assert_string_equal(folio_present_dir("fa"), "rtl");
	assert_string_equal(folio_present_dir("he"), "rtl");
	assert_string_equal(folio_present_dir("fr"), "ltr");
	assert_string_equal(folio_present_dir(NULL), "ltr");
	assert_string_equal(folio_text("ht", FOLIO_TEXT_READ_ONLINE), "Li sa sou entènèt");
	assert_string_equal(folio_text("sw", FOLIO_TEXT_REFERENCES), "References");
	assert_string_equal(folio_text("es", FOLIO_TEXT_KEY_POINTS), "Puntos clave");
	assert_string_equal(folio_text("en", FOLIO_TEXT_COUNT), "");
}

/* Every row has every string: none empty, none missing. */
static void test_rows_complete(void **state)
{
	(void)state;
	static const char *const langs[] = {"en", "fr", "es", "de", "zh-Hans", "zh-Hant", "vi",
	                                    "tl", "ko", "ru", "ar", "ht", "pt", "pl", "hi", "pa",
	                                    "ja", "fa"};
	for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++) {
		char out[128];
		assert_string_equal(folio_present_lang(langs[i]), langs[i]);
		for (int k = 0; k < FOLIO_TEXT_COUNT; k++)
			assert_true(folio_text(langs[i], (folio_text_key)k)[0] != '\0');
		assert_true(folio_present_date(langs[i], "2024-11-30", out, sizeof out) > 0);
		assert_null(strchr(out, '%'));
		folio_present_page_of(langs[i], 3, 12, out, sizeof out);
		assert_non_null(strstr(out, "3"));
		assert_non_null(strstr(out, "12"));
	}
}

static void test_page_of(void **state)
{
	(void)state;
	char out[64];
	folio_present_page_of("en", 2, 5, out, sizeof out);
	assert_string_equal(out, "Page 2 of 5");
	folio_present_page_of("fr", 1, 2, out, sizeof out);
	assert_string_equal(out, "Page 1 sur 2");
	folio_present_page_of("es", 1, 2, out, sizeof out);
	assert_string_equal(out, "Página 1 de 2");
}

static void test_doi_url(void **state)
{
	(void)state;
	char out[128];
	folio_present_doi_url("doi:10.1000/xyz-1", out, sizeof out);
	assert_string_equal(out, "https://doi.org/10.1000/xyz-1");
	folio_present_doi_url("https://dx.doi.org/10.1000/a", out, sizeof out);
	assert_string_equal(out, "https://doi.org/10.1000/a");
	folio_present_doi_url("10.1000/b", out, sizeof out);
	assert_string_equal(out, "https://doi.org/10.1000/b");
	folio_present_url("https://www.example.org/a/", out, sizeof out);
	assert_string_equal(out, "example.org/a");
	folio_present_url("http://clinic.example", out, sizeof out);
	assert_string_equal(out, "clinic.example");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bylines),   cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_fallback),  cmocka_unit_test(test_rows_complete),
	    cmocka_unit_test(test_page_of),   cmocka_unit_test(test_doi_url),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
