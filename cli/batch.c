/* folio batch — a whole site's worth of articles in one run. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "folio/json.h"

enum { MAX_FORMATS = 16, MAX_SETTINGS = 64 };

typedef struct batch_args {
	cli_common common;
	const char *output;
	char formats_buf[256];
	const char *formats[MAX_FORMATS];
	size_t format_count;
	const char *settings[MAX_SETTINGS];
	size_t setting_count;
	unsigned threads;
	int flat;
	const char *from;
	const char *report;
	const char *base_url;
	int include_pages;
	int explain;
	unsigned shard_k, shard_n;
	char **inputs;  /* argv slice */
	size_t input_count;
} batch_args;

/* The signal that stopped the batch (0 while running). */
static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

/* --explain: one line per report, whole (stderr is unbuffered; one call). */
static void explain_line(void *userdata, unsigned line, const char *text, const char *reason)
{
	(void)userdata;
	flockfile(stderr);
	fprintf(stderr, "explain: line %u: ", line);
	cli_put_clean(stderr, reason);
	fputs(": ", stderr);
	cli_put_clean(stderr, text);
	fputc('\n', stderr);
	funlockfile(stderr);
}

static void print_help(void)
{
	printf("Usage: folio batch INPUT... -o OUT [-f pdf,txt,html] [-j N]\n"
	       "\n"
	       "Exports many articles at once. INPUT is files or folders (searched\n"
	       "recursively for .md, .txt and .html), or a WordPress export (.xml: one article\n"
	       "per published post). OUT is a folder, or a .zip or .tar.gz archive.\n"
	       "Each article goes to OUT/<slug>/<slug>.<ext> (the slug comes from its file\n"
	       "name); with html, OUT also gets index.html (newest first), sitemap.xml,\n"
	       "feed.atom and one shared style.css. Output is the same for any -j.\n"
	       "\n"
	       "Options:\n"
	       "  -o, --output OUT      the folder or archive to write (required)\n"
	       "  -f, --formats LIST    comma-separated formats (default: pdf,txt,html)\n"
	       "  -j, --jobs N          threads (default: one per core)\n"
	       "  -O, --option SETTING  NAME=VALUE for every format that has NAME, or\n"
	       "                        FORMAT.NAME=VALUE for one (repeatable)\n"
	       "      --flat            OUT/<slug>.<ext> instead of OUT/<slug>/<slug>.<ext>\n"
	       "      --from KIND       read inputs as markdown, clip, html or auto (default)\n"
	       "      --base-url URL    the site's address, for the sitemap and feed\n"
	       "                        (default: the profile's website)\n"
	       "      --shard K/N       export only the K-th of N equal shares of the sorted\n"
	       "                        inputs (to split a large site across machines)\n"
	       "      --report FILE     write a JSON report of every article\n"
	       "      --include pages   a WordPress export's published pages too (posts only\n"
	       "                        by default)\n"
	       "      --explain         tell what the importers dropped (a WordPress post's\n"
	       "                        shortcodes) on standard error\n"
	       "      --profile FILE    the clinic profile (default: the bundled one)\n"
	       "      --plugin-dir DIR  load exporter plugins from DIR first (repeatable)\n"
	       "      --max-input SIZE  refuse articles larger than SIZE (default 16M)\n"
	       "      --straight-quotes keep \" and ' as typed (by default they become the\n"
	       "                        language's marks)\n"
	       "  -q, --quiet           no progress and no warnings\n"
	       "  -h, --help            show this help\n"
	       "\n"
	       "Exit status: 0 all exported, 1 some article failed (the others are\n"
	       "exported), 2 usage error, 130/143 interrupted (nothing partial is left).\n");
}

static const struct option long_options[] = {
	{"output", required_argument, NULL, 'o'},
	{"formats", required_argument, NULL, 'f'},
	{"format", required_argument, NULL, 'f'},
	{"jobs", required_argument, NULL, 'j'},
	{"option", required_argument, NULL, 'O'},
	{"flat", no_argument, NULL, OPT_FLAT},
	{"from", required_argument, NULL, OPT_FROM},
	{"base-url", required_argument, NULL, OPT_BASE_URL},
	{"shard", required_argument, NULL, OPT_SHARD},
	{"report", required_argument, NULL, OPT_REPORT},
	{"include", required_argument, NULL, OPT_INCLUDE},
	{"explain", no_argument, NULL, OPT_EXPLAIN},
	{"profile", required_argument, NULL, OPT_PROFILE},
	{"plugin-dir", required_argument, NULL, OPT_PLUGIN_DIR},
	{"max-input", required_argument, NULL, OPT_MAX_INPUT},
	{"straight-quotes", no_argument, NULL, OPT_STRAIGHT_QUOTES},
	{"quiet", no_argument, NULL, 'q'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

static int split_formats(batch_args *a, const char *list)
{
	snprintf(a->formats_buf, sizeof(a->formats_buf), "%s", list);
	a->format_count = 0;
	char *p = a->formats_buf;
	while (*p) {
		char *comma = strchr(p, ',');
		if (comma != NULL)
			*comma = '\0';
		if (*p) {
			if (a->format_count == MAX_FORMATS)
				return 0;
			a->formats[a->format_count++] = p;
		}
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	return a->format_count > 0;
}

static int parse_number(const char *s, unsigned *out)
{
	char *end = NULL;
	long v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || v < 1 || v > 100000)
		return 0;
	*out = (unsigned)v;
	return 1;
}

static int parse_shard(batch_args *a, const char *s)
{
	char k[32], n[32];
	const char *slash = strchr(s, '/');
	if (slash == NULL || (size_t)(slash - s) >= sizeof(k) || strlen(slash + 1) >= sizeof(n))
		return 0;
	snprintf(k, sizeof(k), "%.*s", (int)(slash - s), s);
	snprintf(n, sizeof(n), "%s", slash + 1);
	return parse_number(k, &a->shard_k) && parse_number(n, &a->shard_n) &&
	       a->shard_k <= a->shard_n;
}

/* Returns -1 to go on, or an exit status. */
static int parse_args(int argc, char **argv, batch_args *a)
{
	int c;
	optind = 1;
	split_formats(a, "pdf,txt,html");
	while ((c = cli_getopt("batch", argc, argv, "o:f:j:O:qh", long_options)) != -1) {
		int common = cli_common_option(&a->common, c, optarg);
		if (common < 0)
			return CLI_USAGE;
		if (common > 0)
			continue;
		switch (c) {
		case 'o':
			a->output = optarg;
			break;
		case 'f':
			if (!split_formats(a, optarg))
				return cli_usage_error("batch", "-f takes a list such as pdf,txt,html");
			break;
		case 'j':
			if (!parse_number(optarg, &a->threads) || a->threads > 256)
				return cli_usage_error("batch", "-j takes a number of threads from 1 to 256");
			break;
		case 'O':
			if (a->setting_count == MAX_SETTINGS)
				return cli_usage_error("batch", "too many -O options");
			a->settings[a->setting_count++] = optarg;
			break;
		case OPT_FLAT:
			a->flat = 1;
			break;
		case OPT_FROM:
			a->from = optarg;
			if (folio_input_format_from_name(optarg) < 0)
				return cli_usage_error("batch", "--from takes markdown, clip, html or auto");
			break;
		case OPT_BASE_URL:
			a->base_url = optarg;
			break;
		case OPT_INCLUDE:
			if (strcmp(optarg, "pages") != 0)
				return cli_usage_error("batch", "--include takes 'pages', not '%s'", optarg);
			a->include_pages = 1;
			break;
		case OPT_EXPLAIN:
			a->explain = 1;
			break;
		case OPT_SHARD:
			if (!parse_shard(a, optarg))
				return cli_usage_error("batch", "--shard takes K/N with 1 <= K <= N, "
				                                "e.g. 2/4");
			break;
		case OPT_REPORT:
			a->report = optarg;
			break;
		case 'h':
			print_help();
			return CLI_OK;
		default:
			return CLI_USAGE;
		}
	}
	if (optind >= argc)
		return cli_usage_error("batch", "no inputs given");
	if (a->output == NULL)
		return cli_usage_error("batch", "say where to write: -o FOLDER, -o site.zip or "
		                                "-o site.tar.gz");
	a->inputs = argv + optind;
	a->input_count = (size_t)(argc - optind);
	return -1;
}

/* ---- progress and report ------------------------------------------------------------ */

typedef struct progress {
	const batch_args *args;
	int tty;
	struct timespec start;
	size_t done;
	size_t failed;
	FILE *report;
	int first;
} progress;

static double elapsed(const progress *p)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - p->start.tv_sec) + (now.tv_nsec - p->start.tv_nsec) / 1e9;
}

static void draw_bar(progress *p, size_t total)
{
	double t = elapsed(p);
	double rate = t > 0 ? (double)p->done / t : 0;
	double left = rate > 0 ? (double)(total - p->done) / rate : 0;
	int width = 30;
	int filled = total ? (int)((double)p->done / (double)total * width) : width;
	char bar[64];
	for (int i = 0; i < width; i++)
		bar[i] = i < filled ? '#' : '.';
	bar[width] = '\0';
	fprintf(stderr, "\r[%s] %zu/%zu  %.1f/s  %d:%02d left  %zu failed ", bar, p->done, total,
	        rate, (int)left / 60, (int)left % 60, p->failed);
}

static void put_json(void *ctx, const char *s, size_t len)
{
	fwrite(s, 1, len, ctx);
}

static void json_str(FILE *f, const char *s)
{
	folio_json_string(s ? s : "", s ? strlen(s) : 0, 0, put_json, f);
}

static void report_item(progress *p, const folio_batch_item *item)
{
	const folio_error *err = item->error;
	FILE *f = p->report;
	fprintf(f, "%s\n    {\"input\": ", p->first ? "" : ",");
	p->first = 0;
	json_str(f, item->input);
	fprintf(f, ", \"slug\": ");
	json_str(f, item->slug);
	fprintf(f, ", \"status\": \"%s\"", err ? "failed" : "exported");
	if (err != NULL) {
		char msg[1200];
		fprintf(f, ", \"error\": ");
		json_str(f, folio_error_format(err, msg, sizeof(msg)));
		fprintf(f, ", \"line\": %u, \"column\": %u", err->line, err->column);
	} else {
		fprintf(f, ", \"outputs\": [");
		for (size_t i = 0; item->outputs[i] != NULL; i++) {
			fprintf(f, "%s", i ? ", " : "");
			json_str(f, item->outputs[i]);
		}
		fprintf(f, "]");
		if (item->reading_grade >= 0)
			fprintf(f, ", \"reading_grade\": %.1f", item->reading_grade);
		else
			fprintf(f, ", \"reading_grade\": null");
	}
	fprintf(f, "}");
}

static void on_item(void *userdata, const folio_batch_item *item)
{
	const folio_error *err = item->error;
	progress *p = userdata;
	p->done++;
	if (err != NULL) {
		p->failed++;
		if (p->tty && !p->args->common.quiet)
			fputc('\n', stderr);
		cli_report(err);
	}
	if (p->report != NULL)
		report_item(p, item);
	if (p->tty && !p->args->common.quiet)
		draw_bar(p, item->total);
}

/* ---- the run ---------------------------------------------------------------------------- */

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* The K-th of N contiguous, equal (to one) shares of the sorted list. */
static void shard(const batch_args *a, size_t count, size_t *from, size_t *to)
{
	*from = 0;
	*to = count;
	if (a->shard_n == 0)
		return;
	*from = count * (a->shard_k - 1) / a->shard_n;
	*to = count * a->shard_k / a->shard_n;
}

/* Writes the report through a file sink; -1 (reported) on failure. */
static int write_report(const char *path, const char *data, size_t len)
{
	folio_error err;
	folio_error_clear(&err);
	folio_sink *s = folio_sink_file(path, &err);
	if (s != NULL) {
		folio_sink_write(s, data, len);
		if (folio_sink_close(s, &err) == FOLIO_OK)
			return 0;
	}
	cli_report(&err);
	return -1;
}

static int run(batch_args *a, folio_registry *reg, char **list, size_t count)
{
	size_t from, to;
	shard(a, count, &from, &to);
	progress p = {.args = a, .tty = isatty(2), .first = 1};
	clock_gettime(CLOCK_MONOTONIC, &p.start);
	/* The report is built in memory and written like any output (an unnamed
	 * temporary renamed into place): a kill leaves the old report or none. */
	char *report_buf = NULL;
	size_t report_len = 0;
	if (a->report != NULL) {
		p.report = open_memstream(&report_buf, &report_len);
		if (p.report == NULL) {
			cli_error("%s: cannot write the report", a->report);
			return CLI_DOC_ERROR;
		}
		fprintf(p.report, "{\n  \"articles\": [");
	}
	folio_batch_options o = {
		.size = sizeof(o),
		.formats = a->formats,
		.format_count = a->format_count,
		.settings = a->settings,
		.setting_count = a->setting_count,
		.threads = a->threads,
		.flat = a->flat,
		.input_format = a->from ? (folio_input_format)folio_input_format_from_name(a->from)
		                        : FOLIO_INPUT_AUTO,
		.base_url = a->base_url,
		.on_item = on_item,
		.userdata = &p,
		.cancel = &stop_signal,
		.max_input = a->common.max_input,
		.include_pages = a->include_pages,
		.explain = a->explain ? explain_line : NULL,
		.quotes = a->common.straight_quotes ? FOLIO_QUOTES_STRAIGHT : FOLIO_QUOTES_TYPOGRAPHIC,
	};
	folio_batch_stats stats = {.size = sizeof(stats)};
	folio_error err;
	folio_error_clear(&err);
	install_signals();
	folio_status st = folio_batch_run(reg, (const char *const *)list + from, to - from,
	                                  a->output, &o, &stats, &err);
	int status_report = CLI_OK;
	if (p.tty && !a->common.quiet)
		fputc('\n', stderr);
	if (p.report != NULL) {
		fprintf(p.report, "\n  ],\n  \"total\": %zu,\n  \"exported\": %zu,\n  \"failed\": %zu\n}\n",
		        stats.total, stats.exported, stats.failed);
		int bad = fclose(p.report) != 0;
		if (stop_signal == 0 && !bad && write_report(a->report, report_buf, report_len) != 0)
			status_report = CLI_DOC_ERROR;
		free(report_buf);
	}
	if (stop_signal != 0) {
		cli_error("interrupted; %s discarded what was unfinished", a->output);
		return 128 + (int)stop_signal;
	}
	if (!a->common.quiet)
		fprintf(stderr, "folio: %zu exported, %zu failed, %zu files written to %s (%.2f s)\n",
		        stats.exported, stats.failed, stats.files, cli_clean(a->output), elapsed(&p));
	if (st != FOLIO_OK && stats.failed == 0) {
		cli_report(&err);
		return err.code == FOLIO_ERR_USAGE ? CLI_USAGE : CLI_DOC_ERROR;
	}
	return st == FOLIO_OK ? status_report : CLI_DOC_ERROR;
}

/* Drops the inputs that lie in the batch's own output folder (a second run
 * into a folder inside the inputs must not read the first run's pages). */
static size_t drop_own_output(const char *output, char **list, size_t count)
{
	char *real_out = realpath(output, NULL);
	struct stat sb;
	size_t kept = 0;
	if (real_out == NULL || stat(real_out, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		free(real_out);
		return count;
	}
	size_t n = strlen(real_out);
	for (size_t i = 0; i < count; i++) {
		char *real = realpath(list[i], NULL);
		int inside = real != NULL && strncmp(real, real_out, n) == 0 && real[n] == '/';
		free(real);
		if (inside)
			free(list[i]);
		else
			list[kept++] = list[i];
	}
	free(real_out);
	return kept;
}

int cli_batch(int argc, char **argv)
{
	batch_args a;
	memset(&a, 0, sizeof(a));
	int status = parse_args(argc, argv, &a);
	if (status >= 0)
		return status;
	folio_error err;
	folio_error_clear(&err);
	char **list = NULL;
	size_t count = 0;
	if (folio_batch_list((const char *const *)a.inputs, a.input_count, &list, &count, &err) !=
	    FOLIO_OK) {
		cli_report(&err);
		return CLI_DOC_ERROR;
	}
	count = drop_own_output(a.output, list, count);
	folio_profile *profile = NULL;
	folio_registry *reg = cli_open_registry(&a.common, &profile, &status);
	if (reg != NULL) {
		status = run(&a, reg, list, count);
		cli_close_registry(reg, profile);
	}
	folio_batch_list_free(list, count);
	return status;
}
