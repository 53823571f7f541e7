/* folio inspect — how folio reads an article: metadata, blocks, references. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void print_help(void)
{
	printf("Usage: folio inspect INPUT [--explain] [--from KIND]\n"
	       "\n"
	       "Shows how folio reads an article: its metadata, an outline of its blocks\n"
	       "and its references with their parsed fields.\n"
	       "\n"
	       "Options:\n"
	       "      --explain     also list the source lines the importer dropped or\n"
	       "                    reinterpreted, and why\n"
	       "      --from KIND   read INPUT as markdown, clip, html or auto (the default)\n"
	       "      --max-input SIZE  refuse inputs larger than SIZE (default 16M)\n"
	       "      --straight-quotes keep \" and ' as typed\n"
	       "  -h, --help        show this help\n");
}

/* A short, single-line preview of a node's text. */
static void print_preview(const folio_node *n)
{
	char *text = folio_node_plain_text(n);
	if (text == NULL)
		return;
	size_t len = strlen(text);
	int cut = len > 60;
	if (cut) {
		len = 57;
		/* Do not cut inside a UTF-8 sequence. */
		while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
			len--;
	}
	text[len] = '\0';
	printf(" \"%s%s\"", cli_clean(text), cut ? "..." : "");
	free(text);
}

static void print_block(const folio_node *n, int depth)
{
	folio_node_type t = folio_node_get_type(n);
	printf("%*s%s", depth * 2, "", folio_node_type_name(t));
	switch (t) {
	case FOLIO_NODE_HEADING:
		printf(" %d", folio_node_heading_level(n));
		print_preview(n);
		break;
	case FOLIO_NODE_PARAGRAPH:
	case FOLIO_NODE_TABLE_CELL:
		print_preview(n);
		break;
	case FOLIO_NODE_LIST:
		if (folio_node_list_type(n) == FOLIO_LIST_ORDERED)
			printf(" ordered from %d", folio_node_list_start(n));
		else
			printf(" bullet");
		printf(", %zu items", folio_node_child_count(n));
		break;
	case FOLIO_NODE_IMAGE:
		printf(" %s", cli_clean(folio_node_url(n)));
		break;
	case FOLIO_NODE_CODE_BLOCK:
		if (folio_node_info(n) != NULL)
			printf(" (%s)", cli_clean(folio_node_info(n)));
		break;
	case FOLIO_NODE_REFERENCES:
		printf(" \"%s\", %zu entries", cli_clean(folio_node_title(n)),
		       folio_node_child_count(n));
		break;
	default:
		break;
	}
	printf("\n");
	/* Paragraph-like blocks hold inlines: the preview says enough. */
	if (t == FOLIO_NODE_HEADING || t == FOLIO_NODE_PARAGRAPH || t == FOLIO_NODE_TABLE_CELL ||
	    t == FOLIO_NODE_REFERENCES || t == FOLIO_NODE_TABLE_ROW)
		return;
	for (const folio_node *c = folio_node_first_child(n); c; c = folio_node_next(c))
		print_block(c, depth + 1);
}

static void print_metadata(const folio_doc *doc)
{
	for (int f = 0; f < FOLIO_META_FIELD_COUNT; f++) {
		const char *v = folio_doc_get(doc, (folio_meta_field)f);
		if (v != NULL)
			printf("%-12s %s\n", folio_meta_field_name((folio_meta_field)f), cli_clean(v));
	}
	for (size_t i = 0; i < folio_doc_author_count(doc); i++) {
		const char *cred = folio_doc_author_credentials(doc, i);
		printf("%-12s %s%s%s\n", "author", cli_clean(folio_doc_author_name(doc, i)),
		       cred ? ", " : "", cli_clean(cred));
	}
	for (size_t i = 0; i < folio_doc_tag_count(doc); i++)
		printf("%-12s %s\n", "tag", cli_clean(folio_doc_tag(doc, i)));
	for (size_t i = 0; i < folio_doc_extra_count(doc); i++)
		printf("%-12s %s = %s\n", "meta", cli_clean(folio_doc_extra_key(doc, i)),
		       cli_clean(folio_doc_extra_value(doc, i)));
}

static void print_references(const folio_doc *doc)
{
	int number = 0;
	folio_iter *it = folio_iter_new(folio_doc_root(doc));
	folio_event ev;
	while (it != NULL && (ev = folio_iter_next(it)) != FOLIO_EVENT_DONE) {
		const folio_node *n = folio_iter_node(it);
		if (ev != FOLIO_EVENT_ENTER || folio_node_get_type(n) != FOLIO_NODE_REFERENCE)
			continue;
		folio_iter_skip_children(it);
		const folio_citation *c = folio_node_citation(n);
		printf("[%d]\n", ++number);
		for (size_t i = 0; c != NULL && i < folio_citation_author_count(c); i++)
			printf("    %-8s %s\n", "author", cli_clean(folio_citation_author(c, i)));
		if (c != NULL && folio_citation_et_al(c))
			printf("    %-8s %s\n", "author", "et al.");
		for (int f = 1; c != NULL && f < FOLIO_CITE_FIELD_COUNT; f++) {
			const char *v = folio_citation_get(c, (folio_cite_field)f);
			if (v != NULL)
				printf("    %-8s %s\n", folio_cite_field_name((folio_cite_field)f), cli_clean(v));
		}
	}
	folio_iter_free(it);
	if (number == 0)
		printf("(none)\n");
}

static void explain_line(void *userdata, unsigned line, const char *text, const char *reason)
{
	(void)userdata;
	printf("  line %u: %s\n      \"%s\"\n", line, cli_clean(reason), cli_clean(text));
}

static const struct option long_options[] = {
	{"explain", no_argument, NULL, OPT_EXPLAIN},
	{"from", required_argument, NULL, OPT_FROM},
	{"max-input", required_argument, NULL, OPT_MAX_INPUT},
	{"straight-quotes", no_argument, NULL, OPT_STRAIGHT_QUOTES},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

int cli_inspect(int argc, char **argv)
{
	int explain = 0;
	cli_common common;
	memset(&common, 0, sizeof(common));
	const char *from = NULL;
	int c;
	optind = 1;
	while ((c = cli_getopt("inspect", argc, argv, "h", long_options)) != -1) {
		if (c == OPT_EXPLAIN) {
			explain = 1;
		} else if (c == OPT_FROM) {
			from = optarg;
		} else if (c == OPT_MAX_INPUT || c == OPT_STRAIGHT_QUOTES) {
			if (cli_common_option(&common, c, optarg) < 0)
				return CLI_USAGE;
		} else if (c == 'h') {
			print_help();
			return CLI_OK;
		} else {
			return CLI_USAGE;
		}
	}
	if (optind >= argc)
		return cli_usage_error("inspect", "no input file given");
	if (optind + 1 < argc)
		return cli_usage_error("inspect", "one input at a time");
	if (from != NULL && folio_input_format_from_name(from) < 0)
		return cli_usage_error("inspect", "--from takes markdown, clip, html or auto, not '%s'", from);
	folio_import_options io = {.size = sizeof(io), .max_input = common.max_input};
	if (common.straight_quotes)
		io.quotes = FOLIO_QUOTES_STRAIGHT;
	if (from != NULL)
		io.format = (folio_input_format)folio_input_format_from_name(from);
	if (explain) {
		printf("Dropped or reinterpreted lines:\n");
		io.explain = explain_line;
	}
	folio_error err;
	folio_error_clear(&err);
	folio_doc *doc = folio_import_file(argv[optind], &io, &err);
	if (doc == NULL) {
		cli_report(&err);
		return CLI_DOC_ERROR;
	}
	if (explain)
		printf("\n");
	printf("Metadata:\n");
	print_metadata(doc);
	printf("\nBlocks:\n");
	for (const folio_node *n = folio_node_first_child(folio_doc_root(doc)); n;
	     n = folio_node_next(n))
		print_block(n, 1);
	printf("\nReferences:\n");
	print_references(doc);
	folio_doc_free(doc);
	return CLI_OK;
}
