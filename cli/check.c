/* folio check — is an article written at a reading level patients follow?
 *
 * The figures come from folio/readability.h; this file only reads the
 * command line, imports each article and prints the result as text or as
 * JSON Lines. Register with: {"check", cli_check, "..."} in cli/main.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "folio/json.h"

int cli_check(int argc, char **argv);

enum { OPT_TARGET = 512, OPT_LANG };

typedef struct check_args {
	cli_common common;
	const char *from;
	const char *lang;
	double target; /* 0: from the profile, else 8 */
	int json;
} check_args;

static void print_help(void)
{
	printf("Usage: folio check INPUT... [--target N] [--json]\n"
	       "\n"
	       "Measures how hard each article is to read and compares it with a target\n"
	       "grade. English: Flesch reading ease, Flesch-Kincaid grade (the grade used)\n"
	       "and SMOG. French: Kandel-Moles, mapped to a grade-equivalent. The language\n"
	       "is the article's 'lang' (default English).\n"
	       "\n"
	       "Paragraphs, list items and block quotes are read; headings, code, tables,\n"
	       "images and references are not. For each article it shows the grade, the\n"
	       "five hardest sentences, the most used long words (3+ syllables in English,\n"
	       "4+ in French) and the paragraphs (10 words or more) above the target.\n"
	       "\n"
	       "Options:\n"
	       "  -t, --target N       the target grade (default: the profile's\n"
	       "                       target-grade, else 8)\n"
	       "      --json           one JSON object per article per line (JSON Lines)\n"
	       "      --lang LANG      measure as this language (en, fr, ...) whatever the\n"
	       "                       articles say\n"
	       "      --from KIND      read inputs as markdown, clip, html or auto (the default)\n"
	       "      --profile FILE   the clinic profile (default: the bundled one)\n"
	       "      --max-input SIZE refuse inputs larger than SIZE (default 16M)\n"
	       "  -q, --quiet          no warnings\n"
	       "  -h, --help           show this help\n"
	       "\n"
	       "JSON keys, in order: file, lang, words, sentences, syllables,\n"
	       "flesch_reading_ease, flesch_kincaid_grade, smog, kandel_moles (null when\n"
	       "the formula does not apply to the language), grade, level, target,\n"
	       "above_target, hardest_sentences [{text, grade, words}],\n"
	       "long_words [{word, count, syllables}],\n"
	       "paragraphs_over_target [{line, grade, start}].\n"
	       "\n"
	       "Exit status: 0 every article is at or below the target, 1 an article is\n"
	       "above it or could not be read, 2 usage error.\n"
	       "\n"
	       "Examples:\n"
	       "  folio check article.md\n"
	       "  folio check --target 6 articles/*.md\n"
	       "  folio check --json article.md | python3 -m json.tool\n");
}

static const struct option long_options[] = {
    {"target", required_argument, NULL, 't'},
    {"json", no_argument, NULL, OPT_JSON},
    {"lang", required_argument, NULL, OPT_LANG},
    {"from", required_argument, NULL, OPT_FROM},
    {"profile", required_argument, NULL, OPT_PROFILE},
    {"max-input", required_argument, NULL, OPT_MAX_INPUT},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* A grade between 1 and 20, or 0 when text is not one. */
static double parse_grade(const char *text)
{
	char *end = NULL;
	double v = strtod(text, &end);
	if (end == text || *end != '\0' || !(v >= 1.0 && v <= 20.0))
		return 0.0;
	return v;
}

static int parse_option(check_args *a, int c, const char *arg)
{
	int common = cli_common_option(&a->common, c, arg);
	if (common != 0)
		return common < 0 ? CLI_USAGE : -1;
	if (c == 't') {
		a->target = parse_grade(arg);
		if (a->target == 0.0)
			return cli_usage_error(
			    "check", "--target takes a grade from 1 to 20, not '%s'", arg);
	} else if (c == OPT_JSON) {
		a->json = 1;
	} else if (c == OPT_LANG) {
		a->lang = arg;
	} else if (c == OPT_FROM) {
		a->from = arg;
	} else if (c == 'h') {
		print_help();
		return CLI_OK;
	} else {
		return CLI_USAGE;
	}
	return -1;
}

/* Returns -1 to go on, or an exit status. */
static int parse_args(int argc, char **argv, check_args *a)
{
	int c;
	optind = 1;
	while ((c = cli_getopt("check", argc, argv, "t:qh", long_options)) != -1) {
		int status = parse_option(a, c, optarg);
		if (status >= 0)
			return status;
	}
	if (optind >= argc)
		return cli_usage_error("check", "no input file given");
	if (a->from != NULL && folio_input_format_from_name(a->from) < 0)
		return cli_usage_error("check", "--from takes markdown, clip, html or auto, not '%s'",
		                       a->from);
	if (a->lang != NULL && (a->lang[0] == '\0' || strlen(a->lang) > 35))
		return cli_usage_error("check", "--lang takes a language tag such as en or fr");
	return -1;
}

/* ---- JSON ----------------------------------------------------------------- */

static void put_json(void *ctx, const char *s, size_t len)
{
	fwrite(s, 1, len, ctx);
}

static void json_string(const char *s)
{
	folio_json_string(s, s ? strlen(s) : 0, 0, put_json, stdout);
}

static void json_number(double v)
{
	if (isnan(v))
		fputs("null", stdout);
	else
		printf("%.2f", v);
}

static void json_key(const char *key)
{
	printf(", \"%s\": ", key);
}

static void json_lists(const folio_readability *r)
{
	json_key("hardest_sentences");
	putchar('[');
	for (size_t i = 0; i < folio_readability_hardest_count(r); i++) {
		fputs(i ? ", {\"text\": " : "{\"text\": ", stdout);
		json_string(folio_readability_hardest_text(r, i));
		json_key("grade");
		json_number(folio_readability_hardest_grade(r, i));
		printf(", \"words\": %zu}", folio_readability_hardest_words(r, i));
	}
	putchar(']');
	json_key("long_words");
	putchar('[');
	for (size_t i = 0; i < folio_readability_long_word_count(r); i++) {
		fputs(i ? ", {\"word\": " : "{\"word\": ", stdout);
		json_string(folio_readability_long_word(r, i));
		printf(", \"count\": %zu, \"syllables\": %u}",
		       folio_readability_long_word_uses(r, i),
		       folio_readability_long_word_syllables(r, i));
	}
	putchar(']');
	json_key("paragraphs_over_target");
	putchar('[');
	for (size_t i = 0; i < folio_readability_paragraph_count(r); i++) {
		printf("%s{\"line\": %u, \"grade\": ", i ? ", " : "",
		       folio_readability_paragraph_line(r, i));
		json_number(folio_readability_paragraph_grade(r, i));
		json_key("start");
		json_string(folio_readability_paragraph_preview(r, i));
		putchar('}');
	}
	puts("]}");
}

static void print_json(const char *file, const folio_readability *r)
{
	static const struct {
		const char *key;
		folio_readability_score score;
	} scores[] = {
	    {"flesch_reading_ease", FOLIO_READ_FLESCH_EASE},
	    {"flesch_kincaid_grade", FOLIO_READ_FLESCH_KINCAID},
	    {"smog", FOLIO_READ_SMOG},
	    {"kandel_moles", FOLIO_READ_KANDEL_MOLES},
	    {"fernandez_huerta", FOLIO_READ_FERNANDEZ_HUERTA},
	    {"grade", FOLIO_READ_GRADE},
	};
	fputs("{\"file\": ", stdout);
	json_string(file);
	json_key("lang");
	json_string(folio_readability_lang(r));
	printf(", \"words\": %zu, \"sentences\": %zu, \"syllables\": %zu",
	       folio_readability_get_count(r, FOLIO_READ_WORDS),
	       folio_readability_get_count(r, FOLIO_READ_SENTENCES),
	       folio_readability_get_count(r, FOLIO_READ_SYLLABLES));
	for (size_t i = 0; i < sizeof(scores) / sizeof(scores[0]); i++) {
		json_key(scores[i].key);
		json_number(folio_readability_get_score(r, scores[i].score));
	}
	json_key("level");
	json_string(folio_readability_level(r));
	json_key("target");
	json_number(folio_readability_get_score(r, FOLIO_READ_TARGET));
	printf(", \"above_target\": %s", folio_readability_above_target(r) ? "true" : "false");
	json_lists(r);
}

/* ---- text ----------------------------------------------------------------- */

static void print_scores(const folio_readability *r)
{
	printf("  %zu words, %zu sentences, %zu syllables\n",
	       folio_readability_get_count(r, FOLIO_READ_WORDS),
	       folio_readability_get_count(r, FOLIO_READ_SENTENCES),
	       folio_readability_get_count(r, FOLIO_READ_SYLLABLES));
	if (!folio_readability_has_formula(r))
		printf("  folio has no readability formula for '%s': no grade is given "
		       "(an English formula would mislead)\n",
		       cli_clean(folio_readability_lang(r)));
	else if (folio_readability_get_count(r, FOLIO_READ_WORDS) == 0)
		return; /* no score is a number without words */
	else if (strcmp(folio_readability_lang(r), "es") == 0)
		printf("  Fernandez Huerta %.1f (%s)\n",
		       folio_readability_get_score(r, FOLIO_READ_FERNANDEZ_HUERTA),
		       folio_readability_level(r));
	else if (strcmp(folio_readability_lang(r), "fr") == 0)
		printf("  Kandel-Moles %.1f (%s)\n",
		       folio_readability_get_score(r, FOLIO_READ_KANDEL_MOLES),
		       folio_readability_level(r));
	else
		printf("  Flesch reading ease %.1f (%s), Flesch-Kincaid grade %.1f, SMOG %.1f\n",
		       folio_readability_get_score(r, FOLIO_READ_FLESCH_EASE),
		       folio_readability_level(r),
		       folio_readability_get_score(r, FOLIO_READ_FLESCH_KINCAID),
		       folio_readability_get_score(r, FOLIO_READ_SMOG));
}

static void print_lists(const folio_readability *r)
{
	if (folio_readability_hardest_count(r) > 0)
		printf("  Hardest sentences:\n");
	for (size_t i = 0; i < folio_readability_hardest_count(r); i++)
		printf("    grade %5.1f  %s\n", folio_readability_hardest_grade(r, i),
		       cli_clean(folio_readability_hardest_text(r, i)));
	if (folio_readability_long_word_count(r) > 0)
		printf("  Long words:");
	for (size_t i = 0; i < folio_readability_long_word_count(r); i++)
		printf("%s %s (%zu)", i ? "," : "", cli_clean(folio_readability_long_word(r, i)),
		       folio_readability_long_word_uses(r, i));
	if (folio_readability_long_word_count(r) > 0)
		printf("\n");
	size_t n = folio_readability_paragraph_count(r);
	if (n > 0)
		printf("  Paragraphs above grade %g:\n",
		       folio_readability_get_score(r, FOLIO_READ_TARGET));
	for (size_t i = 0; i < n; i++)
		printf("    line %-4u grade %5.1f  %s\n", folio_readability_paragraph_line(r, i),
		       folio_readability_paragraph_grade(r, i),
		       cli_clean(folio_readability_paragraph_preview(r, i)));
}

static void print_text(const char *file, const folio_readability *r)
{
	double grade = folio_readability_get_score(r, FOLIO_READ_GRADE);
	double target = folio_readability_get_score(r, FOLIO_READ_TARGET);
	if (!folio_readability_has_formula(r))
		printf("%s (%s): no grade, target %g: not measured\n", cli_clean(file),
		       cli_clean(folio_readability_lang(r)), target);
	else if (folio_readability_get_count(r, FOLIO_READ_WORDS) == 0)
		printf("%s (%s): no grade, target %g: no text to measure\n", cli_clean(file),
		       cli_clean(folio_readability_lang(r)), target);
	else
		printf("%s (%s): grade %.1f, target %g: %s\n", cli_clean(file),
		       folio_readability_lang(r), grade, target,
		       folio_readability_above_target(r) ? "ABOVE TARGET" : "ok");
	print_scores(r);
	print_lists(r);
}

/* ---- running ------------------------------------------------------------- */

/* Checks one file; returns its exit status. */
static int check_one(const check_args *a, const char *path)
{
	folio_import_options io = {.size = sizeof(io), .max_input = a->common.max_input};
	if (a->from != NULL)
		io.format = (folio_input_format)folio_input_format_from_name(a->from);
	folio_error err;
	folio_error_clear(&err);
	folio_doc *doc = folio_import_file(path, &io, &err);
	if (doc == NULL) {
		cli_report(&err);
		return CLI_DOC_ERROR;
	}
	folio_readability_options ro = {
	    .size = sizeof(ro), .target_grade = a->target, .lang = a->lang};
	folio_readability *r = folio_readability_measure(doc, &ro, &err);
	folio_doc_free(doc);
	if (r == NULL) {
		folio_error_set_file(&err, path);
		cli_report(&err);
		return CLI_DOC_ERROR;
	}
	if (a->json)
		print_json(path, r);
	else
		print_text(path, r);
	int status = folio_readability_above_target(r) ? CLI_DOC_ERROR : CLI_OK;
	folio_readability_free(r);
	return status;
}

/* The target: --target, else the profile's target-grade, else 8. */
static int resolve_target(check_args *a)
{
	if (a->target > 0)
		return CLI_OK;
	int status = CLI_OK;
	folio_profile *profile = NULL;
	folio_registry *reg = cli_open_registry(&a->common, &profile, &status);
	if (reg == NULL)
		return status;
	const char *value = folio_profile_get(profile, FOLIO_PROFILE_TARGET_GRADE);
	a->target = value != NULL ? parse_grade(value) : 0.0;
	if (value != NULL && a->target == 0.0 && !a->common.quiet)
		cli_error("warning: the profile's target-grade '%s' is not a grade from 1 to 20; "
		          "using 8",
		          value);
	if (a->target == 0.0)
		a->target = 8.0;
	cli_close_registry(reg, profile);
	return CLI_OK;
}

int cli_check(int argc, char **argv)
{
	check_args a;
	memset(&a, 0, sizeof(a));
	int status = parse_args(argc, argv, &a);
	if (status >= 0)
		return status;
	status = resolve_target(&a);
	if (status != CLI_OK)
		return status;
	int worst = CLI_OK;
	for (int i = optind; i < argc; i++) {
		if (!a.json && i > optind)
			printf("\n");
		if (check_one(&a, argv[i]) != CLI_OK)
			worst = CLI_DOC_ERROR;
	}
	if (fflush(stdout) != 0) {
		cli_error("cannot write the report");
		return CLI_DOC_ERROR;
	}
	return worst;
}
