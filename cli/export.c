/* folio export — one article to one output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static int same_file(const char *input, const char *output);

enum { MAX_SETTINGS = 64 };

typedef struct export_args {
	cli_common common;
	const char *input;
	const char *format;
	const char *output; /* NULL or "-": standard output */
	const char *from;
	int gzip;
	const char *settings[MAX_SETTINGS];
	size_t setting_count;
} export_args;

static void print_help(void)
{
	printf("Usage: folio export INPUT [-f FORMAT] [-o OUTPUT] [-O NAME=VALUE]...\n"
	       "\n"
	       "Exports one article (Markdown, or text copied from a clinic website) to a\n"
	       "format. The format comes from -f, or else from OUTPUT's extension\n"
	       "(leaflet.pdf, article.txt.gz, bundle.zip). Without -o, or with -o -, text\n"
	       "formats go to standard output.\n"
	       "\n"
	       "Options:\n"
	       "  -f, --format FORMAT    the output format (see 'folio formats')\n"
	       "  -o, --output FILE      where to write; '-' for standard output\n"
	       "  -O, --option NAME=VAL  set a format option (repeatable; see\n"
	       "                         'folio formats FORMAT')\n"
	       "      --gzip             compress the output with gzip (also: -o x.txt.gz)\n"
	       "      --from KIND        read INPUT as markdown, clip (copied web text), html or\n"
	       "                         auto (the default: by extension and content)\n"
	       "      --profile FILE     the clinic profile (default: the bundled one)\n"
	       "      --plugin-dir DIR   load exporter plugins from DIR first (repeatable)\n"
	       "      --max-input SIZE   refuse inputs larger than SIZE (default 16M)\n"
	       "      --straight-quotes  keep \" and ' as typed (by default they become the\n"
	       "                         language's marks: \u201c \u201d, \u00ab \u00bb, ...)\n"
	       "  -q, --quiet            no warnings\n"
	       "  -h, --help             show this help\n"
	       "\n"
	       "The output is written under a temporary name and renamed when complete: a\n"
	       "failed export leaves nothing behind and never replaces a good file.\n"
	       "\n"
	       "Examples:\n"
	       "  folio export article.md -o leaflet.pdf -O paper=a4 -O font-size=14\n"
	       "  folio export article.md -f txt -O width=60\n"
	       "  folio export page.txt --from clip -o article.html\n");
}

static const struct option long_options[] = {
	{"format", required_argument, NULL, 'f'},
	{"output", required_argument, NULL, 'o'},
	{"option", required_argument, NULL, 'O'},
	{"gzip", no_argument, NULL, OPT_GZIP},
	{"from", required_argument, NULL, OPT_FROM},
	{"profile", required_argument, NULL, OPT_PROFILE},
	{"plugin-dir", required_argument, NULL, OPT_PLUGIN_DIR},
	{"max-input", required_argument, NULL, OPT_MAX_INPUT},
	{"straight-quotes", no_argument, NULL, OPT_STRAIGHT_QUOTES},
	{"quiet", no_argument, NULL, 'q'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

/* Returns -1 to go on, or an exit status. */
static int parse_args(int argc, char **argv, export_args *a)
{
	int c;
	optind = 1;
	while ((c = cli_getopt("export", argc, argv, "f:o:O:qh", long_options)) != -1) {
		int common = cli_common_option(&a->common, c, optarg);
		if (common < 0)
			return CLI_USAGE;
		if (common > 0)
			continue;
		switch (c) {
		case 'f':
			a->format = optarg;
			break;
		case 'o':
			a->output = optarg;
			break;
		case 'O':
			if (a->setting_count == MAX_SETTINGS)
				return cli_usage_error("export", "too many -O options");
			a->settings[a->setting_count++] = optarg;
			break;
		case OPT_GZIP:
			a->gzip = 1;
			break;
		case OPT_FROM:
			a->from = optarg;
			break;
		case 'h':
			print_help();
			return CLI_OK;
		default:
			return CLI_USAGE;
		}
	}
	if (optind >= argc)
		return cli_usage_error("export", "no input file given");
	if (optind + 1 < argc)
		return cli_usage_error("export", "one input at a time (got '%s' too); "
		                                 "for many articles use 'folio batch'",
		                       argv[optind + 1]);
	a->input = argv[optind];
	if (a->from != NULL && folio_input_format_from_name(a->from) < 0)
		return cli_usage_error("export", "--from takes markdown, clip, html or auto, not '%s'",
		                       a->from);
	return -1;
}

static int to_stdout(const export_args *a)
{
	return a->output == NULL || strcmp(a->output, "-") == 0;
}

static int ends_with_gz(const char *path)
{
	size_t len = strlen(path);
	return len > 3 && strcasecmp(path + len - 3, ".gz") == 0;
}

/* The plugin to use and whether to gzip its output. Prints usage errors. */
static const folio_plugin *choose_format(folio_registry *reg, export_args *a, int *status)
{
	*status = CLI_USAGE;
	if (a->format != NULL) {
		const folio_plugin *p = folio_registry_find(reg, a->format);
		if (p == NULL)
			cli_usage_error("export", "unknown format '%s' (see 'folio formats')", a->format);
		else if (!to_stdout(a) && ends_with_gz(a->output) && strcmp(p->extension, "gz") != 0 &&
		         strstr(p->extension, ".gz") == NULL)
			a->gzip = 1;
		return p;
	}
	if (to_stdout(a)) {
		cli_usage_error("export", "say which format: -f FORMAT, or -o FILE with an extension");
		return NULL;
	}
	const folio_plugin *p = folio_registry_find_for_path(reg, a->output);
	if (p == NULL && ends_with_gz(a->output)) {
		/* "x.txt.gz": the format of "x.txt", through gzip. */
		char inner[4096];
		size_t len = strlen(a->output) - 3;
		if (len < sizeof(inner)) {
			memcpy(inner, a->output, len);
			inner[len] = '\0';
			p = folio_registry_find_for_path(reg, inner);
			a->gzip = p != NULL;
		}
	}
	if (p == NULL)
		cli_usage_error("export",
		                "cannot tell the format from '%s'; give -f FORMAT (see 'folio formats')",
		                a->output);
	return p;
}

static folio_sink *open_output(const export_args *a, const folio_plugin *p, const folio_doc *doc,
                               folio_error *err)
{
	folio_sink *sink = to_stdout(a) ? folio_sink_stdout() : folio_sink_file(a->output, err);
	if (sink == NULL || !a->gzip)
		return sink;
	/* The gzip member records the name of what it holds: the output's name
	 * without ".gz", or the article's slug with the format's extension. */
	char name[512];
	if (!to_stdout(a)) {
		const char *base = strrchr(a->output, '/');
		base = base ? base + 1 : a->output;
		snprintf(name, sizeof(name), "%s", base);
		if (ends_with_gz(name))
			name[strlen(name) - 3] = '\0';
	} else {
		char slug[256];
		folio_slugify(folio_doc_get(doc, FOLIO_META_TITLE), slug, sizeof(slug));
		snprintf(name, sizeof(name), "%s.%s", slug, p->extension);
	}
	return folio_sink_gzip(sink, name, (uint32_t)folio_doc_epoch(doc), 9, err);
}

static const char *output_name(const export_args *a)
{
	if (to_stdout(a))
		return NULL;
	const char *base = strrchr(a->output, '/');
	return base ? base + 1 : a->output;
}

/* The format the command line points at, to load just its plugin: -f, or
 * the output's extension ("x.txt.gz" -> "txt"). NULL when there is none. */
static const char *format_hint(const export_args *a, char *buf, size_t n)
{
	if (a->format != NULL)
		return a->format;
	if (to_stdout(a))
		return NULL;
	const char *base = strrchr(a->output, '/');
	base = base ? base + 1 : a->output;
	snprintf(buf, n, "%s", base);
	if (ends_with_gz(buf))
		buf[strlen(buf) - 3] = '\0';
	const char *dot = strrchr(buf, '.');
	return dot != NULL && dot[1] != '\0' ? dot + 1 : NULL;
}

static int run_export(export_args *a)
{
	int status = CLI_OK;
	folio_profile *profile = NULL;
	char hint[256];
	folio_registry *reg = cli_open_registry_for(&a->common, format_hint(a, hint, sizeof(hint)),
	                                            &profile, &status);
	if (reg == NULL)
		return status;
	folio_error err;
	folio_error_clear(&err);
	folio_doc *doc = NULL;
	folio_options *opts = NULL;
	folio_sink *sink = NULL;
	const folio_plugin *p = choose_format(reg, a, &status);
	if (p == NULL)
		goto done;
	status = CLI_OK;
	if ((p->flags & FOLIO_PLUGIN_BINARY) && !a->gzip && a->output == NULL) {
		status = cli_usage_error("export",
		                         "%s is a binary format: give -o FILE (or -o - to write "
		                         "it to a pipe)",
		                         p->name);
		goto done;
	}
	if ((p->flags & FOLIO_PLUGIN_BINARY || a->gzip) && to_stdout(a) && isatty(1)) {
		status = cli_usage_error("export", "will not write binary %s to a terminal; use -o FILE",
		                         a->gzip ? "gzip data" : p->name);
		goto done;
	}
	opts = folio_options_parse(reg, p, a->settings, a->setting_count, &err);
	if (opts == NULL) {
		cli_report(&err);
		status = CLI_USAGE;
		goto done;
	}
	if (same_file(a->input, a->output)) {
		status = cli_usage_error("export", "-o %s names the input itself; it would be "
		                         "replaced by its own export", cli_clean(a->output));
		goto done;
	}
	folio_import_options io = {.size = sizeof(io), .max_input = a->common.max_input};
	if (a->common.straight_quotes)
		io.quotes = FOLIO_QUOTES_STRAIGHT;
	if (a->from != NULL)
		io.format = (folio_input_format)folio_input_format_from_name(a->from);
	doc = folio_import_file(a->input, &io, &err);
	if (doc == NULL) {
		cli_report(&err);
		status = CLI_DOC_ERROR;
		goto done;
	}
	sink = open_output(a, p, doc, &err);
	if (sink == NULL) {
		cli_report(&err);
		status = CLI_DOC_ERROR;
		goto done;
	}
	if (folio_export(reg, doc, p, opts, sink, output_name(a), &err) != FOLIO_OK) {
		folio_sink_abort(sink);
		cli_report(&err);
		status = CLI_DOC_ERROR;
		goto done;
	}
	if (folio_sink_close(sink, &err) != FOLIO_OK) {
		cli_report(&err);
		status = CLI_DOC_ERROR;
	}
done:
	folio_doc_free(doc);
	folio_options_free(opts);
	cli_close_registry(reg, profile);
	return status;
}

/* 1 when output names the file input is (itself, a hard link or a symbolic
 * link to it). */
static int same_file(const char *input, const char *output)
{
	struct stat in, out;
	return input != NULL && output != NULL && stat(input, &in) == 0 &&
	       stat(output, &out) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino;
}

int cli_export(int argc, char **argv)
{
	export_args a;
	memset(&a, 0, sizeof(a));
	int status = parse_args(argc, argv, &a);
	if (status >= 0)
		return status;
	return run_export(&a);
}
