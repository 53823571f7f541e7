/* Unit tests: the clinic profile — the shipped default, a full fixture, and
 * each error with its exact line:column and message. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "folio/profile.h"

#define FIXTURES FOLIO_TEST_SOURCE_DIR "/tests/fixtures/profile"

static const char known_keys[] = "known keys: name, address, phone, email, website, logo, "
                                 "accent, disclaimer, paper, target-grade, hours, options";

/* Parses text that must fail; checks code, place and message. */
static void expect_error(const char *yaml, folio_status code, unsigned line, unsigned col,
                         const char *message)
{
	folio_error err;
	folio_error_clear(&err);
	folio_profile *p = folio_profile_parse(yaml, strlen(yaml), "clinic.yaml", &err);
	if (p != NULL)
		fail_msg("accepted: %s", yaml);
	assert_string_equal(err.message, message);
	assert_int_equal(err.code, code);
	assert_string_equal(err.file, "clinic.yaml");
	assert_int_equal(err.line, line);
	assert_int_equal(err.column, col);
}

static folio_profile *parse_ok(const char *yaml)
{
	folio_error err;
	folio_error_clear(&err);
	folio_profile *p = folio_profile_parse(yaml, strlen(yaml), "clinic.yaml", &err);
	if (p == NULL)
		fail_msg("%u:%u: %s", err.line, err.column, err.message);
	return p;
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && strcmp(s + n - m, tail) == 0;
}

/* ---- loading ---------------------------------------------------------------- */

static void test_default_profile_loads(void **state)
{
	(void)state;
	folio_error err;
	folio_profile *p =
	    folio_profile_load(FOLIO_TEST_SOURCE_DIR "/assets/profile/default.yaml", &err);
	if (p == NULL)
		fail_msg("%s:%u:%u: %s", err.file, err.line, err.column, err.message);
	assert_string_equal(folio_profile_get(p, FOLIO_PROFILE_NAME),
	                    "Riverside Physiotherapy & Wellness");
	assert_string_equal(folio_profile_get(p, FOLIO_PROFILE_ADDRESS),
	                    "48 Willow Bank Road, Suite 2\nMillbrook, ON  K0L 2H0");
	assert_string_equal(folio_profile_get(p, FOLIO_PROFILE_PHONE), "555-0147");
	assert_string_equal(folio_profile_get(p, FOLIO_PROFILE_ACCENT), "#1f6f8b");
	assert_int_equal(folio_profile_accent_rgb(p), 0x1F6F8B);
	assert_string_equal(folio_profile_get(p, FOLIO_PROFILE_PAPER), "letter");
	assert_string_equal(folio_profile_get(p, FOLIO_PROFILE_TARGET_GRADE), "8");
	const char *logo = folio_profile_get(p, FOLIO_PROFILE_LOGO);
	assert_string_equal(logo, FOLIO_TEST_SOURCE_DIR "/assets/profile/logo.png");
	assert_int_equal(access(logo, R_OK), 0);
	const char *d = folio_profile_get(p, FOLIO_PROFILE_DISCLAIMER);
	assert_non_null(strstr(d, "does not replace advice from your physiotherapist"));
	assert_true(ends_with(d, "promptly.")); /* the folded block's newline is trimmed */
	/* English, French and Spanish of its own; others fall back to English */
	const char *in = NULL;
	assert_non_null(strstr(folio_profile_disclaimer(p, "fr-CA", &in), "Ce dépliant"));
	assert_string_equal(in, "fr");
	assert_non_null(strstr(folio_profile_disclaimer(p, "es", &in), "Este folleto"));
	assert_string_equal(folio_profile_disclaimer(p, "ru", &in), d);
	assert_string_equal(in, "en");
	assert_int_equal(folio_profile_option_count(p, "pdf"), 0);
	folio_profile_free(p);
}

static void test_fixture_every_key_and_options_in_order(void **state)
{
	(void)state;
	folio_error err;
	folio_profile *p = folio_profile_load(FIXTURES "/clinic.yaml", &err);
	if (p == NULL)
		fail_msg("%s:%u:%u: %s", err.file, err.line, err.column, err.message);
	assert_string_equal(folio_profile_get(p, FOLIO_PROFILE_ADDRESS),
	                    "7 Quayside Lane\nPort Ellery");
	assert_string_equal(folio_profile_get(p, FOLIO_PROFILE_PHONE), "555-0190");
	assert_string_equal(folio_profile_get(p, FOLIO_PROFILE_EMAIL),
	                    "desk@harbourview-hands.example");
	assert_string_equal(folio_profile_get(p, FOLIO_PROFILE_WEBSITE),
	                    "http://harbourview-hands.example");
	/* The logo is found beside the profile, not in the working directory. */
	assert_string_equal(folio_profile_get(p, FOLIO_PROFILE_LOGO), FIXTURES "/images/mark.png");
	/* #rgb is widened and lowercased. */
	assert_string_equal(folio_profile_get(p, FOLIO_PROFILE_ACCENT), "#ee77aa");
	assert_int_equal(folio_profile_accent_rgb(p), 0xEE77AA);
	assert_string_equal(folio_profile_get(p, FOLIO_PROFILE_PAPER), "a4");
	assert_string_equal(folio_profile_get(p, FOLIO_PROFILE_TARGET_GRADE), "6.5");

	static const char *const pdf[][2] = {
	    {"font-size", "13"}, {"hyphenate", "yes"}, {"qr", "off"}};
	assert_int_equal(folio_profile_option_count(p, "pdf"), 3);
	for (size_t i = 0; i < 3; i++) {
		assert_string_equal(folio_profile_option_name(p, "pdf", i), pdf[i][0]);
		assert_string_equal(folio_profile_option_value(p, "pdf", i), pdf[i][1]);
	}
	assert_null(folio_profile_option_name(p, "pdf", 3));
	assert_int_equal(folio_profile_option_count(p, "html"), 1);
	assert_string_equal(folio_profile_option_name(p, "html", 0), "standalone");
	assert_string_equal(folio_profile_option_value(p, "html", 0), "true");
	assert_int_equal(folio_profile_option_count(p, "txt"), 1);
	assert_string_equal(folio_profile_option_value(p, "txt", 0), "66");
	assert_int_equal(folio_profile_option_count(p, "epub"), 0);
	assert_null(folio_profile_option_value(p, "epub", 0));
	assert_int_equal(folio_profile_option_count(p, NULL), 0);
	folio_profile_free(p);
}

static void test_bare_file_name_logo_from_cwd(void **state)
{
	(void)state;
	char cwd[1024];
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(FIXTURES), 0);
	folio_error err;
	folio_profile *p = folio_profile_load("clinic.yaml", &err);
	assert_int_equal(chdir(cwd), 0);
	if (p == NULL)
		fail_msg("%s", err.message);
	assert_string_equal(folio_profile_get(p, FOLIO_PROFILE_LOGO), "images/mark.png");
	folio_profile_free(p);
}

static void test_empty_and_new_profiles(void **state)
{
	(void)state;
	folio_profile *p = parse_ok("");
	for (int f = 0; f < FOLIO_PROFILE_FIELD_COUNT; f++)
		assert_null(folio_profile_get(p, (folio_profile_field)f));
	assert_int_equal(folio_profile_accent_rgb(p), 0x1F6F8B);
	folio_profile_free(p);
	p = parse_ok("# only a comment\n");
	assert_null(folio_profile_get(p, FOLIO_PROFILE_NAME));
	folio_profile_free(p);
	p = folio_profile_new();
	assert_null(folio_profile_get(p, FOLIO_PROFILE_ACCENT));
	assert_int_equal(folio_profile_accent_rgb(p), 0x1F6F8B);
	folio_profile_free(p);
	assert_int_equal(folio_profile_accent_rgb(NULL), 0x1F6F8B);
	assert_string_equal(folio_profile_field_name(FOLIO_PROFILE_TARGET_GRADE), "target-grade");
	assert_string_equal(folio_profile_field_name(FOLIO_PROFILE_NAME), "name");
	assert_null(folio_profile_field_name(FOLIO_PROFILE_FIELD_COUNT));
	assert_null(folio_profile_get(NULL, FOLIO_PROFILE_NAME));
}

/* disclaimer: one text for all, or one per language tag; the exact tag wins
 * over the language, then English, then the first given. */
static void test_disclaimer_per_language(void **state)
{
	(void)state;
	const char *in = "x";
	folio_profile *p = parse_ok("disclaimer: One for all.\n");
	assert_string_equal(folio_profile_disclaimer(p, "fr", &in), "One for all.");
	assert_null(in);
	folio_profile_free(p);

	p = parse_ok("disclaimer:\n  pt-BR: Brasil.\n  pt: Portugal.\n  de: Deutsch.\n");
	assert_string_equal(folio_profile_disclaimer(p, "pt-BR", &in), "Brasil.");
	assert_string_equal(folio_profile_disclaimer(p, "pt-PT", &in), "Brasil."); /* first pt */
	assert_string_equal(folio_profile_disclaimer(p, "pt", &in), "Portugal.");
	assert_string_equal(folio_profile_disclaimer(p, "DE", &in), "Deutsch.");
	assert_string_equal(folio_profile_disclaimer(p, "ko", &in), "Brasil."); /* no English */
	assert_string_equal(in, "pt-BR");
	assert_string_equal(folio_profile_disclaimer(p, NULL, &in), "Brasil.");
	assert_string_equal(folio_profile_get(p, FOLIO_PROFILE_DISCLAIMER), "Brasil.");
	folio_profile_free(p);
	assert_null(folio_profile_disclaimer(NULL, "en", &in));

	expect_error("disclaimer:\n  english: Hello.\n", FOLIO_ERR_SYNTAX, 2, 3,
	             "'english' is not a language tag (disclaimer: {en: ..., fr: ...})");
	expect_error("disclaimer:\n  en: A.\n  EN: B.\n", FOLIO_ERR_SYNTAX, 3, 3,
	             "the disclaimer in 'EN' is given twice");
	expect_error("disclaimer:\n  en: [a, b]\n", FOLIO_ERR_SYNTAX, 2, 7,
	             "'disclaimer' must be text, not a list");
}

static void test_address_forms_and_null_values(void **state)
{
	(void)state;
	folio_profile *p = parse_ok("address: [12 Elm Row, Lakeside]\nphone: ~\nemail:\n");
	assert_string_equal(folio_profile_get(p, FOLIO_PROFILE_ADDRESS), "12 Elm Row\nLakeside");
	assert_null(folio_profile_get(p, FOLIO_PROFILE_PHONE));
	assert_null(folio_profile_get(p, FOLIO_PROFILE_EMAIL));
	folio_profile_free(p);
	p = parse_ok("address: \"12 Elm Row\\nLakeside\"\n");
	assert_string_equal(folio_profile_get(p, FOLIO_PROFILE_ADDRESS), "12 Elm Row\nLakeside");
	folio_profile_free(p);
	/* hours take the same two forms */
	p = parse_ok("hours: [Mon-Fri 8-18, Sat 9-12]\n");
	assert_string_equal(folio_profile_get(p, FOLIO_PROFILE_HOURS), "Mon-Fri 8-18\nSat 9-12");
	assert_string_equal(folio_profile_field_name(FOLIO_PROFILE_HOURS), "hours");
	folio_profile_free(p);
	p = parse_ok("hours: Weekdays 8 to 6\n");
	assert_string_equal(folio_profile_get(p, FOLIO_PROFILE_HOURS), "Weekdays 8 to 6");
	folio_profile_free(p);
	expect_error("hours:\n  - {day: Mon}\n", FOLIO_ERR_SYNTAX, 2, 5,
	             "'hours' must be text, not a mapping");
	/* ... and one per language, each text or lines, as the disclaimer */
	p = parse_ok("hours:\n  en: [Mon-Fri 8-18, Sat 9-12]\n  fr: Du lundi au vendredi\n");
	{
		const char *tl = NULL;

		assert_string_equal(folio_profile_text(p, FOLIO_PROFILE_HOURS, "fr-CA", &tl),
		                    "Du lundi au vendredi");
		assert_string_equal(tl, "fr");
		assert_string_equal(folio_profile_text(p, FOLIO_PROFILE_HOURS, "tl", &tl),
		                    "Mon-Fri 8-18\nSat 9-12");
		assert_string_equal(tl, "en");
		assert_string_equal(folio_profile_get(p, FOLIO_PROFILE_HOURS), "Mon-Fri 8-18\nSat 9-12");
	}
	folio_profile_free(p);
	expect_error("hours:\n  en: a\n  en: b\n", FOLIO_ERR_SYNTAX, 3, 3,
	             "the hours in 'en' is given twice");
	expect_error("hours:\n  english: a\n", FOLIO_ERR_SYNTAX, 2, 3,
	             "'english' is not a language tag (hours: {en: ..., fr: ...})");
}

static void test_missing_file(void **state)
{
	(void)state;
	folio_error err;
	assert_null(folio_profile_load(FIXTURES "/no-such.yaml", &err));
	assert_int_equal(err.code, FOLIO_ERR_IO);
	assert_string_equal(err.message,
	                    "cannot read " FIXTURES "/no-such.yaml: No such file or directory");
}

/* ---- errors with their place --------------------------------------------------- */

static void test_unknown_keys(void **state)
{
	(void)state;
	char want[512];
	snprintf(want, sizeof(want), "unknown key 'adress' (did you mean 'address'?); %s",
	         known_keys);
	expect_error("name: Lakeside Clinic\nadress: 1 Main St\n", FOLIO_ERR_SYNTAX, 2, 1, want);
	snprintf(want, sizeof(want), "unknown key 'colour'; %s", known_keys);
	expect_error("name: X\n  # note\ncolour: teal\n", FOLIO_ERR_SYNTAX, 3, 1, want);
	/* Inside a flow mapping the key's own column is reported. */
	snprintf(want, sizeof(want), "unknown key 'papr' (did you mean 'paper'?); %s", known_keys);
	expect_error("{name: X, papr: a4}", FOLIO_ERR_SYNTAX, 1, 11, want);
}

static void test_duplicate_key(void **state)
{
	(void)state;
	expect_error("name: A\nphone: 555-0100\nname: B\n", FOLIO_ERR_SYNTAX, 3, 1,
	             "'name' is given twice");
}

static void test_accent_errors(void **state)
{
	(void)state;
	expect_error("name: X\naccent: \"#12345\"\n", FOLIO_ERR_SYNTAX, 2, 9,
	             "accent '#12345' is not a colour: write #rgb or #rrggbb, as in \"#1f6f8b\"");
	expect_error("accent: teal\n", FOLIO_ERR_SYNTAX, 1, 9,
	             "accent 'teal' is not a colour: write #rgb or #rrggbb, as in \"#1f6f8b\"");
	expect_error("accent: \"#12g456\"\n", FOLIO_ERR_SYNTAX, 1, 9,
	             "accent '#12g456' is not a colour: write #rgb or #rrggbb, as in \"#1f6f8b\"");
	/* The classic slip: an unquoted # starts a comment, leaving no value. */
	expect_error("paper: a4\naccent: #1f6f8b\n", FOLIO_ERR_SYNTAX, 2, 8,
	             "accent has no value: quote the colour, as in accent: \"#1f6f8b\" (a bare # "
	             "starts a YAML comment)");
	folio_profile *p = parse_ok("accent: '#0A0B0C'\n");
	assert_int_equal(folio_profile_accent_rgb(p), 0x0A0B0C);
	folio_profile_free(p);
}

static void test_value_checks(void **state)
{
	(void)state;
	expect_error("paper: legal\n", FOLIO_ERR_SYNTAX, 1, 8,
	             "paper 'legal' is not known: write letter or a4");
	expect_error("email: desk.example.org\n", FOLIO_ERR_SYNTAX, 1, 8,
	             "email 'desk.example.org' is not an e-mail address (name@domain)");
	expect_error("email: \"@example.org\"\n", FOLIO_ERR_SYNTAX, 1, 8,
	             "email '@example.org' is not an e-mail address (name@domain)");
	expect_error("website: www.example.org\n", FOLIO_ERR_SYNTAX, 1, 10,
	             "website 'www.example.org' must start with http:// or https://");
	expect_error("target-grade: hard\n", FOLIO_ERR_SYNTAX, 1, 15,
	             "target-grade 'hard' is not a reading grade from 1 to 20");
	expect_error("target-grade: 40\n", FOLIO_ERR_SYNTAX, 1, 15,
	             "target-grade '40' is not a reading grade from 1 to 20");
	expect_error("name:\n  - A\n  - B\n", FOLIO_ERR_SYNTAX, 2, 3,
	             "'name' must be text, not a list");
	expect_error("address:\n  - 1 Main St\n  - {town: X}\n", FOLIO_ERR_SYNTAX, 3, 5,
	             "'address' must be text, not a mapping");
	expect_error("- name\n- phone\n", FOLIO_ERR_SYNTAX, 1, 1,
	             "a profile is a mapping of key: value, not a list");
}

static void test_logo_errors(void **state)
{
	(void)state;
	char yaml[600], want[600];
	expect_error("name: X\nlogo: missing.png\n", FOLIO_ERR_IO, 2, 7,
	             "logo missing.png: No such file or directory");
	snprintf(yaml, sizeof(yaml), "logo: %s/not-a-png.png\n", FIXTURES);
	snprintf(want, sizeof(want), "logo %s/not-a-png.png is not a PNG image", FIXTURES);
	expect_error(yaml, FOLIO_ERR_SYNTAX, 1, 7, want);
	snprintf(yaml, sizeof(yaml), "logo: %s/clinic.yaml\n", FIXTURES);
	snprintf(want, sizeof(want), "logo %s/clinic.yaml is not a PNG image", FIXTURES);
	expect_error(yaml, FOLIO_ERR_SYNTAX, 1, 7, want);
	snprintf(yaml, sizeof(yaml), "logo: \"%s/huge-header.png\"\n", FIXTURES);
	snprintf(want, sizeof(want),
	         "logo %s/huge-header.png is 20000x300 pixels; the limit is 10000x10000", FIXTURES);
	expect_error(yaml, FOLIO_ERR_LIMIT, 1, 7, want);
	snprintf(yaml, sizeof(yaml), "logo: %s\n", FIXTURES);
	snprintf(want, sizeof(want), "logo %s is not a file", FIXTURES);
	expect_error(yaml, FOLIO_ERR_IO, 1, 7, want);
	/* From bytes, a relative logo is relative to the working directory. */
	snprintf(yaml, sizeof(yaml), "logo: %s/images/mark.png\n", FIXTURES);
	folio_profile *p = parse_ok(yaml);
	assert_string_equal(folio_profile_get(p, FOLIO_PROFILE_LOGO), FIXTURES "/images/mark.png");
	folio_profile_free(p);
}

static void test_options_errors(void **state)
{
	(void)state;
	expect_error("options:\n  pdf: 12\n", FOLIO_ERR_SYNTAX, 2, 8,
	             "options for 'pdf' must be a mapping of option: value");
	expect_error("options:\n  pdf:\n    font-size: [11, 12]\n", FOLIO_ERR_SYNTAX, 3, 16,
	             "option 'font-size' for 'pdf' must be a single value");
	expect_error("options:\n  pdf:\n    qr: on\n    qr: off\n", FOLIO_ERR_SYNTAX, 4, 5,
	             "option 'qr' for 'pdf' is given twice");
	expect_error("options: [pdf]\n", FOLIO_ERR_SYNTAX, 1, 10,
	             "'options' must be a mapping of format: {option: value}");
}

static void test_yaml_syntax_errors(void **state)
{
	(void)state;
	expect_error("name: Lakeside: Clinic\n", FOLIO_ERR_SYNTAX, 1, 15,
	             "mapping values are not allowed in this context");
	expect_error("name: X\nphone: [555-0100\n", FOLIO_ERR_SYNTAX, 3, 1,
	             "did not find expected ',' or ']' (while parsing a flow sequence)");
	expect_error("name: \"Lakeside\n", FOLIO_ERR_SYNTAX, 2, 1,
	             "found unexpected end of stream (while scanning a quoted scalar)");
	expect_error("name: X\n\tphone: 1\n", FOLIO_ERR_SYNTAX, 2, 1,
	             "found a tab character that violates indentation (while scanning a plain "
	             "scalar)");
	/* Bad UTF-8 is placed at the byte libyaml rejects: the newline that cuts
	 * the two-byte sequence short, or a byte that cannot start one. */
	expect_error("name: caf\xc3\n", FOLIO_ERR_UTF8, 1, 11, "invalid trailing UTF-8 octet");
	expect_error("name: Caf\xc3\xa9\nphone: x\xff\n", FOLIO_ERR_UTF8, 2, 9,
	             "invalid leading UTF-8 octet");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_default_profile_loads),
	    cmocka_unit_test(test_fixture_every_key_and_options_in_order),
	    cmocka_unit_test(test_bare_file_name_logo_from_cwd),
	    cmocka_unit_test(test_empty_and_new_profiles),
	    cmocka_unit_test(test_address_forms_and_null_values),
	    cmocka_unit_test(test_missing_file),
	    cmocka_unit_test(test_unknown_keys),
	    cmocka_unit_test(test_duplicate_key),
	    cmocka_unit_test(test_accent_errors),
	    cmocka_unit_test(test_value_checks),
	    cmocka_unit_test(test_logo_errors),
	    cmocka_unit_test(test_disclaimer_per_language),
	    cmocka_unit_test(test_options_errors),
	    cmocka_unit_test(test_yaml_syntax_errors),
	};
	return cmocka_run_group_tests_name("profile", tests, NULL, NULL);
}
