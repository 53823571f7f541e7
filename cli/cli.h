/* folio command — shared pieces of the subcommands. No document logic here:
 * everything goes through the public API. */
#ifndef FOLIO_CLI_H
#define FOLIO_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "folio/folio.h"

/* Exit statuses. */
enum {
	CLI_OK = 0,
	CLI_DOC_ERROR = 1, /* a document could not be read or exported */
	CLI_USAGE = 2      /* the command line is wrong */
};

/* Options most subcommands share. */
typedef struct cli_common {
	const char *plugin_dirs[16];
	size_t plugin_dir_count;
	const char *profile_path; /* NULL: the default profile */
	int quiet;
	size_t max_input;         /* 0: the library's default */
	int straight_quotes;      /* --straight-quotes: keep " and ' as typed */
} cli_common;

/* Prints "folio: " + message to stderr. */
void cli_error(const char *fmt, ...) FOLIO_PRINTF(1, 2);
/* Prints "folio: FILE:LINE:COL: message". */
void cli_report(const folio_error *err);

/* s fit for a terminal: ESC, BEL and every other C0 or C1 control shown as
 * "\x1B" or "\u009B". For anything echoed from input (titles, text, file
 * names). The result lasts for the next seven calls. */
const char *cli_clean(const char *s);
/* Writes s to f with its controls shown as cli_clean does; safe from any
 * thread (no shared buffer). */
void cli_put_clean(FILE *f, const char *s);
/* Prints a usage error, then "Try 'folio CMD --help'." Returns CLI_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) FOLIO_PRINTF(2, 3);

/* Parses argv with getopt_long, reporting unknown options in our words (with
 * a suggestion). Returns the option character, -1 at the end, or '?' after
 * reporting an error. */
int cli_getopt(const char *cmd, int argc, char **argv, const char *shortopts,
               const struct option *longopts);

/* Handles a shared option (plugin-dir, profile, quiet, max-input,
 * straight-quotes); returns 1
 * when c was one, -1 when its value was wrong (reported). */
int cli_common_option(cli_common *common, int c, const char *arg);

/* Makes a registry with plugins discovered and the profile loaded. On error
 * prints it and returns NULL (*status says which exit code). */
folio_registry *cli_open_registry(const cli_common *common, folio_profile **profile, int *status);
/* The same, loading only the plugin for format when that is all it needs
 * (a plugin loads libraries of its own: a text export need not load the PDF
 * plugin's); every plugin otherwise. format may be NULL. */
folio_registry *cli_open_registry_for(const cli_common *common, const char *format,
                                      folio_profile **profile, int *status);
void cli_close_registry(folio_registry *reg, folio_profile *profile);

/* Long option ids shared by subcommands (outside the char range). */
enum {
	OPT_PLUGIN_DIR = 256,
	OPT_PROFILE,
	OPT_FROM,
	OPT_GZIP,
	OPT_EXPLAIN,
	OPT_HELP,
	OPT_JSON,
	OPT_FLAT,
	OPT_REPORT,
	OPT_SHARD,
	OPT_BASE_URL,
	OPT_MAX_INPUT,
	OPT_INCLUDE,
	OPT_STRAIGHT_QUOTES
};

/* Subcommands. */
int cli_export(int argc, char **argv);
int cli_inspect(int argc, char **argv);
int cli_formats(int argc, char **argv);
int cli_batch(int argc, char **argv);
int cli_check(int argc, char **argv);

#endif
