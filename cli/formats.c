/* folio formats — what folio can export to, and each format's options. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char *const type_names[] = {"bool", "int", "string", "enum"};

static void print_help(void)
{
	printf("Usage: folio formats [FORMAT]\n"
	       "\n"
	       "Lists the formats whose exporter plugins loaded, with their options; with\n"
	       "FORMAT, shows that format in full.\n"
	       "\n"
	       "Options:\n"
	       "      --plugin-dir DIR   load exporter plugins from DIR first (repeatable)\n"
	       "      --profile FILE     the clinic profile (its option defaults are shown)\n"
	       "  -h, --help             show this help\n"
	       "\n"
	       "Plugins are searched in: --plugin-dir folders, then FOLIO_PLUGIN_PATH\n"
	       "(colon-separated), then the installed plugin folder (or, for a folio run from\n"
	       "its build tree, the build's plugin folder). Set an option with\n"
	       "'folio export ... -O NAME=VALUE'.\n");
}

static void print_option(const folio_option_spec *o, int verbose)
{
	char kind[256];
	if (o->type == FOLIO_OPT_ENUM) {
		size_t used = 0;
		kind[0] = '\0';
		for (size_t i = 0; o->choices[i] != NULL; i++) {
			int w = snprintf(kind + used, sizeof(kind) - used, "%s%s", i ? "|" : "",
			                 o->choices[i]);
			if (w < 0 || (size_t)w >= sizeof(kind) - used)
				break;
			used += (size_t)w;
		}
	} else if (o->type == FOLIO_OPT_INT && (o->min != 0 || o->max != 0)) {
		snprintf(kind, sizeof(kind), "int %ld..%ld", o->min, o->max);
	} else {
		snprintf(kind, sizeof(kind), "%s", type_names[o->type]);
	}
	if (verbose) {
		printf("  %s=%s\n      %s", o->name, kind, o->help ? o->help : "");
		if (o->default_value != NULL)
			printf(" (default: %s)", o->default_value);
		printf("\n");
	} else {
		printf("    %-14s %-22s %s\n", o->name, kind, o->default_value ? o->default_value : "");
	}
}

static void print_format(const folio_plugin *p, const char *origin, int verbose)
{
	if (verbose) {
		printf("%s — %s\n", p->name, p->summary);
		printf("  extension: .%s\n  media type: %s\n", p->extension, p->media_type);
		if (origin != NULL)
			printf("  plugin: %s\n", origin);
		printf("\nOptions:\n");
	} else {
		printf("%-8s .%-8s %s\n", p->name, p->extension, p->summary);
	}
	size_t n = 0;
	for (const folio_option_spec *o; (o = folio_plugin_option(p, n)) != NULL; n++)
		print_option(o, verbose);
	if (n == 0 && verbose)
		printf("  (none)\n");
}

static const struct option long_options[] = {
	{"plugin-dir", required_argument, NULL, OPT_PLUGIN_DIR},
	{"profile", required_argument, NULL, OPT_PROFILE},
	{"quiet", no_argument, NULL, 'q'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

int cli_formats(int argc, char **argv)
{
	cli_common common;
	memset(&common, 0, sizeof(common));
	int c;
	optind = 1;
	while ((c = cli_getopt("formats", argc, argv, "qh", long_options)) != -1) {
		if (cli_common_option(&common, c, optarg) != 0)
			continue;
		if (c == 'h') {
			print_help();
			return CLI_OK;
		}
		return CLI_USAGE;
	}
	if (optind + 1 < argc)
		return cli_usage_error("formats", "one format at a time");
	int status = CLI_OK;
	folio_profile *profile = NULL;
	folio_registry *reg = cli_open_registry(&common, &profile, &status);
	if (reg == NULL)
		return status;
	size_t count = folio_registry_count(reg);
	if (optind < argc) {
		const folio_plugin *p = folio_registry_find(reg, argv[optind]);
		if (p == NULL) {
			status = cli_usage_error("formats", "unknown format '%s'", argv[optind]);
		} else {
			for (size_t i = 0; i < count; i++)
				if (folio_registry_at(reg, i) == p)
					print_format(p, folio_registry_origin(reg, i), 1);
		}
	} else if (count == 0) {
		cli_error("no exporter plugins found (see 'folio formats --help' for where "
		          "folio looks)");
		status = CLI_DOC_ERROR;
	} else {
		for (size_t i = 0; i < count; i++) {
			if (i > 0)
				printf("\n");
			print_format(folio_registry_at(reg, i), folio_registry_origin(reg, i), 0);
		}
	}
	cli_close_registry(reg, profile);
	return status;
}
