/* A complete folio exporter plugin, built out of tree against an installed
 * folio: format "wordcount" writes the article's title and how many words
 * each of its blocks holds.
 *
 *   cc -shared -fPIC -fvisibility=hidden -o folio-wordcount.so wordcount.c \
 *      $(pkg-config --cflags --libs folio)
 *   folio export article.md -f wordcount --plugin-dir .
 */
#include <stdlib.h>
#include <string.h>

#include <folio/plugin.h>

static const char *const units[] = {"words", "characters", NULL};

/* The options folio checks before render runs: -O unit=characters. */
static const folio_option_spec options[] = {
	FOLIO_OPTION("unit", FOLIO_OPT_ENUM, "words", "what to count", units, 0, 0),
	FOLIO_OPTION("min", FOLIO_OPT_INT, "0", "leave out blocks with fewer", NULL, 0, 100000),
	FOLIO_OPTION_END,
};

static long count(const char *text, int chars)
{
	long n = 0;
	int in_word = 0;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (chars) {
			n += (*p & 0xC0) != 0x80; /* one per UTF-8 character */
		} else if (*p == ' ' || *p == '\n' || *p == '\t') {
			in_word = 0;
		} else if (!in_word) {
			in_word = 1;
			n++;
		}
	}
	return n;
}

static folio_status render(void *state, const folio_doc *doc, const folio_options *opts,
                           folio_sink *sink, const folio_host *host, folio_error *err)
{
	(void)state;
	const char *title = folio_doc_get(doc, FOLIO_META_TITLE);
	int chars = strcmp(folio_opt_string(opts, "unit"), "characters") == 0;
	long min = folio_opt_int(opts, "min");
	if (title == NULL)
		host->warn(host, "the article has no title");
	folio_sink_printf(sink, "%s\n", title ? title : "(untitled)");
	for (const folio_node *n = folio_node_first_child(folio_doc_root(doc)); n;
	     n = folio_node_next(n)) {
		char *text = folio_node_plain_text(n);
		if (text == NULL)
			return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		long c = count(text, chars);
		if (c >= min)
			folio_sink_printf(sink, "%-12s %ld\n",
			                  folio_node_type_name(folio_node_get_type(n)), c);
		free(text);
	}
	return folio_sink_status(sink);
}

static const folio_plugin plugin = {
	.size = sizeof(folio_plugin),
	.abi_version = FOLIO_PLUGIN_ABI_VERSION,
	.name = "wordcount",
	.summary = "how many words each block of the article holds",
	.extension = "wc.txt",
	.media_type = "text/plain",
	.options = options,
	.render = render,
};

/* The one symbol folio looks for. */
FOLIO_PLUGIN_EXPORT const folio_plugin *folio_plugin_entry(void);
const folio_plugin *folio_plugin_entry(void)
{
	return &plugin;
}
