/* folio command — messages, option parsing and the registry, shared by the
 * subcommands. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static size_t clean_char(const unsigned char **p, char *out);

void cli_put_clean(FILE *f, const char *s)
{
	char piece[8];
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		fwrite(piece, 1, clean_char(&p, piece), f);
}

/* Messages name files and values taken from the command line and the input:
 * formatted first, then written with their controls shown. */
void cli_error(const char *fmt, ...)
{
	char msg[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	flockfile(stderr);
	fputs("folio: ", stderr);
	cli_put_clean(stderr, msg);
	fputc('\n', stderr);
	funlockfile(stderr);
}

/* The character at *p fit for a terminal, into out (8 bytes): C0 controls
 * (tab and newline too: the output is line-based) and DEL as "\x1B", the C1
 * controls U+0080..U+009F (UTF-8 C2 80..C2 9F) as "\u009B"; *p is left on
 * the last byte used. Returns the bytes written. */
static size_t clean_char(const unsigned char **p, char *out)
{
	const unsigned char *c = *p;
	if (*c < 0x20 || *c == 0x7F)
		return (size_t)snprintf(out, 8, "\\x%02X", *c);
	if (*c == 0xC2 && c[1] >= 0x80 && c[1] <= 0x9F) {
		*p = c + 1;
		return (size_t)snprintf(out, 8, "\\u%04X", c[1]);
	}
	out[0] = (char)*c;
	return 1;
}

void cli_report(const folio_error *err)
{
	char buf[1200];
	fprintf(stderr, "folio: %s\n", cli_clean(folio_error_format(err, buf, sizeof(buf))));
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "folio %s: ", cmd);
	cli_put_clean(stderr, msg);
	fputc('\n', stderr);
	fprintf(stderr, "Try 'folio %s --help'.\n", cmd);
	return CLI_USAGE;
}

static const char *suggest(const char *bad, const struct option *longopts)
{
	const char *best = NULL;
	size_t best_d = 3;
	for (size_t i = 0; longopts[i].name != NULL; i++) {
		size_t d = folio_edit_distance(bad, longopts[i].name);
		if (d < best_d) {
			best_d = d;
			best = longopts[i].name;
		}
	}
	return best;
}

static void report_unknown(const char *cmd, const char *arg, const struct option *longopts)
{
	if (strncmp(arg, "--", 2) == 0) {
		char name[64];
		size_t len = strcspn(arg + 2, "=");
		if (len >= sizeof(name))
			len = sizeof(name) - 1;
		memcpy(name, arg + 2, len);
		name[len] = '\0';
		const char *s = suggest(name, longopts);
		if (s != NULL)
			cli_usage_error(cmd, "unknown option '--%s'; did you mean '--%s'?", name, s);
		else
			cli_usage_error(cmd, "unknown option '--%s'", name);
	} else {
		cli_usage_error(cmd, "unknown option '%s'", arg);
	}
}

int cli_getopt(const char *cmd, int argc, char **argv, const char *shortopts,
               const struct option *longopts)
{
	char spec[64];
	/* ':' first: a missing argument is reported as ':' rather than '?'. */
	snprintf(spec, sizeof(spec), ":%s", shortopts);
	opterr = 0;
	int prev = optind;
	int c = getopt_long(argc, argv, spec, longopts, NULL);
	if (c == '?') {
		const char *arg = argv[optind - 1 >= prev ? optind - 1 : prev];
		if (optopt != 0 && strncmp(arg, "--", 2) != 0)
			cli_usage_error(cmd, "unknown option '-%c'", optopt);
		else
			report_unknown(cmd, arg, longopts);
		return '?';
	}
	if (c == ':') {
		const char *arg = argv[optind - 1];
		cli_usage_error(cmd, "option '%s' needs a value", arg);
		return '?';
	}
	return c;
}

int cli_common_option(cli_common *common, int c, const char *arg)
{
	switch (c) {
	case OPT_PLUGIN_DIR:
		if (common->plugin_dir_count < sizeof(common->plugin_dirs) / sizeof(common->plugin_dirs[0]))
			common->plugin_dirs[common->plugin_dir_count++] = arg;
		return 1;
	case OPT_PROFILE:
		common->profile_path = arg;
		return 1;
	case 'q':
		common->quiet = 1;
		return 1;
	case OPT_STRAIGHT_QUOTES:
		common->straight_quotes = 1;
		return 1;
	case OPT_MAX_INPUT: {
		/* "16M", "500k", "1048576"; strtoull would take "-1" as the
		 * largest value and saturate an overflow, so digits only. */
		char *end = NULL;
		errno = 0;
		unsigned long long v = arg[0] >= '0' && arg[0] <= '9' ? strtoull(arg, &end, 10) : 0;
		if (errno == ERANGE)
			v = 0;
		unsigned long long unit = 1;
		if (end != NULL && (*end == 'k' || *end == 'K'))
			unit = 1024;
		else if (end != NULL && (*end == 'm' || *end == 'M'))
			unit = 1024 * 1024;
		else if (end != NULL && (*end == 'g' || *end == 'G'))
			unit = 1024ull * 1024 * 1024;
		if (end == NULL || end == arg || (unit > 1 ? end[1] != '\0' : *end != '\0') || v == 0 ||
		    v > (unsigned long long)SIZE_MAX / unit) {
			cli_error("--max-input takes a size such as 16M, 500k or 1048576, not '%s'",
			          arg);
			return -1;
		}
		common->max_input = (size_t)(v * unit);
		return 1;
	}
	default:
		return 0;
	}
}

static void log_warning(void *userdata, const char *message)
{
	const cli_common *common = userdata;
	if (common->quiet)
		return;
	/* Called from a batch's threads too: no shared buffer, one locked line. */
	flockfile(stderr);
	fputs("folio: warning: ", stderr);
	cli_put_clean(stderr, message);
	putc('\n', stderr);
	funlockfile(stderr);
}

/* The profile: the one named, else assets/profile/default.yaml when there is
 * one, else none. */
static folio_profile *load_profile(const cli_common *common, folio_registry *reg, int *status)
{
	folio_error err;
	folio_error_clear(&err);
	const char *path = common->profile_path;
	char found[4096];
	if (path == NULL) {
		/* Find the default through the registry's asset folders. */
		if (!folio_registry_find_asset(reg, "profile/default.yaml", found, sizeof(found)))
			return NULL;
		path = found;
	}
	folio_profile *p = folio_profile_load(path, &err);
	if (p == NULL) {
		cli_report(&err);
		*status = CLI_USAGE;
	}
	return p;
}

folio_registry *cli_open_registry(const cli_common *common, folio_profile **profile, int *status)
{
	return cli_open_registry_for(common, NULL, profile, status);
}

folio_registry *cli_open_registry_for(const cli_common *common, const char *format,
                                      folio_profile **profile, int *status)
{
	*profile = NULL;
	*status = CLI_OK;
	folio_registry *reg = folio_registry_new();
	if (reg == NULL) {
		cli_error("out of memory");
		*status = CLI_DOC_ERROR;
		return NULL;
	}
	folio_registry_set_log(reg, log_warning, (void *)common);
	if (format == NULL ||
	    !folio_registry_discover_format(reg, common->plugin_dirs, common->plugin_dir_count,
	                                    format))
		folio_registry_discover(reg, common->plugin_dirs, common->plugin_dir_count);
	*profile = load_profile(common, reg, status);
	if (*status != CLI_OK) {
		folio_registry_free(reg);
		return NULL;
	}
	folio_registry_set_profile(reg, *profile);
	return reg;
}

void cli_close_registry(folio_registry *reg, folio_profile *profile)
{
	folio_registry_free(reg);
	folio_profile_free(profile);
}

/* ---- text echoed from input ---------------------------------------------- */

/* A few buffers in turn, so one printf may show several cleaned strings. */
enum { CLEAN_RING = 8 };
static char *clean_ring[CLEAN_RING];
static size_t clean_next;

const char *cli_clean(const char *s)
{
	if (s == NULL)
		return "";
	size_t n = strlen(s);
	char **slot = &clean_ring[clean_next++ % CLEAN_RING];
	char *out = realloc(*slot, n * 4 + 1);
	if (out == NULL)
		return "(out of memory)";
	*slot = out;
	size_t k = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		k += clean_char(&p, out + k);
	out[k] = '\0';
	return out;
}
