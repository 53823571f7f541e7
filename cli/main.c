/* folio command — entry point and subcommand dispatch. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

typedef struct subcommand {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} subcommand;

static const subcommand subcommands[] = {
	{"export", cli_export, "export one article to a format (pdf, txt, html, zip, ...)"},
	{"inspect", cli_inspect, "show how folio reads an article: metadata, blocks, references"},
	{"batch", cli_batch, "export many articles at once: a folder, a .zip or a .tar.gz site"},
	{"check", cli_check, "measure reading level: grade, hardest sentences, long words"},
	{"formats", cli_formats, "list the formats folio can export to, with their options"},
};

enum { SUBCOMMAND_COUNT = sizeof(subcommands) / sizeof(subcommands[0]) };

static void print_help(FILE *out)
{
	fprintf(out, "Usage: folio COMMAND [OPTIONS] [ARGS]\n"
	             "\n"
	             "Turns a clinic's article (Markdown, or text copied from a website) into a\n"
	             "printable PDF leaflet, plain text, HTML and archives.\n"
	             "\n"
	             "Commands:\n");
	for (size_t i = 0; i < SUBCOMMAND_COUNT; i++)
		fprintf(out, "  %-9s %s\n", subcommands[i].name, subcommands[i].summary);
	fprintf(out, "\n"
	             "Options:\n"
	             "  -h, --help     show this help (and 'folio COMMAND --help' for a command)\n"
	             "  -V, --version  show the version\n"
	             "\n"
	             "Examples:\n"
	             "  folio export article.md -o leaflet.pdf\n"
	             "  folio export article.md -o article.txt.gz\n"
	             "  folio batch articles/ -o site.zip -f pdf,txt,html\n"
	             "  folio inspect article.md\n"
	             "\n"
	             "Exit status: 0 success, 1 a document could not be exported, 2 usage error.\n");
}

int main(int argc, char **argv)
{
	/* A closed pipe must be an error we report, not a silent death. */
	signal(SIGPIPE, SIG_IGN);
	if (argc < 2) {
		print_help(stderr);
		return CLI_USAGE;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
		print_help(stdout);
		return CLI_OK;
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		printf("folio %s\n", folio_version());
		return CLI_OK;
	}
	for (size_t i = 0; i < SUBCOMMAND_COUNT; i++)
		if (strcmp(cmd, subcommands[i].name) == 0)
			return subcommands[i].run(argc - 1, argv + 1);
	if (cmd[0] == '-') {
		cli_error("unknown option '%s' (commands come first: folio COMMAND ...)", cmd);
	} else {
		const char *best = NULL;
		size_t best_d = 3; /* as for options: at most two edits away */
		for (size_t i = 0; i < SUBCOMMAND_COUNT; i++) {
			size_t d = folio_edit_distance(cmd, subcommands[i].name);
			if (d < best_d) {
				best_d = d;
				best = subcommands[i].name;
			}
		}
		if (best != NULL)
			cli_error("unknown command '%s'; did you mean '%s'?", cmd, best);
		else
			cli_error("unknown command '%s'", cmd);
	}
	fprintf(stderr, "Try 'folio --help'.\n");
	return CLI_USAGE;
}
