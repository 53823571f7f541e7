/* folio command — messages, option parsing and the registry, shared by the
 * subcommands. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("folio: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

void cli_report(const folio_error *err)
{
	char buf[1200];
	fprintf(stderr, "folio: %s\n", folio_error_format(err, buf, sizeof(buf)));
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "folio %s: ", cmd);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
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
	case OPT_MAX_INPUT: {
		/* "16M", "500k", "1048576" */
		char *end = NULL;
		unsigned long long v = strtoull(arg, &end, 10);
		unsigned long long unit = 1;
		if (end != NULL && (*end == 'k' || *end == 'K'))
			unit = 1024;
		else if (end != NULL && (*end == 'm' || *end == 'M'))
			unit = 1024 * 1024;
		else if (end != NULL && (*end == 'g' || *end == 'G'))
			unit = 1024ull * 1024 * 1024;
		if (end == arg || (unit > 1 ? end[1] != '\0' : *end != '\0') || v == 0 ||
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
	if (!common->quiet)
		fprintf(stderr, "folio: warning: %s\n", message);
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
