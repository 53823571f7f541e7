/* Fuzz target: the front-matter parser, fed YAML built from a grammar of
 * events rather than raw bytes, so every run is mostly valid YAML: mappings
 * whose keys are nodes of every kind — plain, quoted, null, numbers, flow
 * sequences and flow maps, block sequences and block maps (under an explicit
 * "? "), aliases, anchored and tagged nodes (!!str, !!seq, !!map, local tags),
 * flow-form explicit keys ("{? a : b}", "[a: b]"), empty keys — nested values,
 * the known keys (title, author, tags, references, ...) and duplicates. The
 * input bytes choose each production. A key that is a list or a map once made
 * folio loop forever; the target must end quickly. The test suite runs it
 * over a fixed stream of pseudo-random inputs (replay --random). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/doc.h"
#include "folio/import.h"

typedef struct gen {
	const uint8_t *p;
	size_t n;
	char out[8192];
	size_t len;
} gen;

static unsigned pick(gen *g, unsigned choices)
{
	if (g->n == 0)
		return 0;
	g->n--;
	return *g->p++ % choices;
}

static void put(gen *g, const char *s)
{
	size_t k = strlen(s);
	if (g->len + k < sizeof(g->out) - 64) {
		memcpy(g->out + g->len, s, k);
		g->len += k;
	}
}

static const char *const words[] = {"title", "author", "authors", "tags",   "references",
                                     "date",  "lang",   "x",       "Title",  "translation",
                                     "url",   "summary", "name",   "credentials", ""};

static void node(gen *g, unsigned depth);

static void flow_pair(gen *g, unsigned depth)
{
	node(g, depth + 1);
	put(g, ": ");
	node(g, depth + 1);
}

/* One node in flow style (usable as a key or a value). */
static void node(gen *g, unsigned depth)
{
	unsigned kind = depth > 4 ? 0 : pick(g, 14);
	char buf[32];
	switch (kind) {
	case 0:
		put(g, words[pick(g, sizeof(words) / sizeof(words[0]) - 1)]);
		break;
	case 1:
		put(g, "\"q\\u00e9\"");
		break;
	case 2:
		put(g, "[");
		for (unsigned i = pick(g, 4); i > 0; i--) {
			node(g, depth + 1);
			put(g, i > 1 ? ", " : "");
		}
		put(g, "]");
		break;
	case 3:
		put(g, "{");
		for (unsigned i = pick(g, 3); i > 0; i--) {
			flow_pair(g, depth);
			put(g, i > 1 ? ", " : "");
		}
		put(g, "}");
		break;
	case 4:
		put(g, "*a");
		break;
	case 5:
		snprintf(buf, sizeof(buf), "&a ");
		put(g, buf);
		node(g, depth + 1);
		break;
	case 6:
		put(g, "!t ");
		node(g, depth + 1);
		break;
	case 7:
		put(g, "~");
		break;
	case 8:
		put(g, "'s'");
		break;
	case 9: {
		static const char *const tags[] = {"!!str ", "!!seq ", "!!map ", "!!int ",
		                                   "!<tag:x,2024:y> ", "!e!z "};
		put(g, tags[pick(g, 6)]);
		node(g, depth + 1);
		break;
	}
	case 10:
		/* an explicit key inside a flow map */
		put(g, "{? ");
		node(g, depth + 1);
		put(g, " : ");
		node(g, depth + 1);
		put(g, "}");
		break;
	case 11:
		/* a single-pair map inside a flow sequence */
		put(g, "[");
		flow_pair(g, depth);
		put(g, "]");
		break;
	case 12:
		put(g, "&b *a");
		break;
	default:
		snprintf(buf, sizeof(buf), "%u", pick(g, 250));
		put(g, buf);
		break;
	}
}

/* A block mapping: "key: value" with any node as key, or "? key\n: value". */
static void mapping(gen *g, unsigned depth, const char *indent)
{
	for (unsigned i = 1 + pick(g, 8); i > 0 && g->n > 0; i--) {
		put(g, indent);
		switch (pick(g, 7)) {
		case 4: {
			/* "? " with a block sequence or a block map as the key */
			char deeper[20];
			snprintf(deeper, sizeof(deeper), "%s  ", indent);
			put(g, "?");
			put(g, pick(g, 2) ? " &k" : (pick(g, 2) ? " !!seq" : ""));
			put(g, "\n");
			for (unsigned k = 1 + pick(g, 3); k > 0; k--) {
				put(g, deeper);
				if (pick(g, 2)) {
					put(g, "- ");
					node(g, depth + 1);
				} else {
					node(g, depth + 1);
					put(g, ": ");
					node(g, depth + 1);
				}
				put(g, "\n");
			}
			put(g, indent);
			put(g, ":");
			if (pick(g, 2)) {
				put(g, " ");
				node(g, depth);
			}
			break;
		}
		case 5:
			/* an alias, an empty key, or a tagged scalar as the key */
			put(g, pick(g, 2) ? "*k : " : (pick(g, 2) ? ": " : "!!str "));
			node(g, depth);
			break;
		case 6:
			/* an anchored block value, so later aliases have a target */
			put(g, words[pick(g, sizeof(words) / sizeof(words[0]))]);
			put(g, pick(g, 2) ? ": &k\n" : ": !!map &k\n");
			put(g, indent);
			put(g, "  ");
			node(g, depth + 1);
			put(g, ": ");
			node(g, depth + 1);
			break;
		case 0:
			put(g, "? ");
			node(g, depth);
			put(g, "\n");
			put(g, indent);
			put(g, ": ");
			node(g, depth);
			break;
		case 1:
			put(g, words[pick(g, sizeof(words) / sizeof(words[0]))]);
			put(g, ":\n");
			put(g, indent);
			put(g, "  - ");
			node(g, depth);
			break;
		case 2:
			if (depth < 3) {
				put(g, words[pick(g, sizeof(words) / sizeof(words[0]))]);
				put(g, ":\n");
				char deeper[16];
				snprintf(deeper, sizeof(deeper), "%s  ", indent);
				mapping(g, depth + 1, deeper);
				continue;
			}
			/* fall through */
		default:
			node(g, depth);
			put(g, ": ");
			node(g, depth);
			break;
		}
		put(g, "\n");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static gen g;
	g.p = data;
	g.n = size;
	g.len = 0;
	put(&g, "---\n");
	if (pick(&g, 8) == 0) {
		node(&g, 0); /* the whole front matter one flow node */
		put(&g, "\n");
	} else {
		mapping(&g, 0, "");
	}
	put(&g, "---\n\nBody.\n");
	folio_error err;
	folio_doc *doc = folio_import_memory(g.out, g.len, "fuzz.md", NULL, &err);
	/* FOLIO_FUZZ_SHOW=1: print each generated input and its outcome. */
	if (getenv("FOLIO_FUZZ_SHOW") != NULL)
		fprintf(stderr, "%.*s=> %s\n\n", (int)g.len, g.out, doc ? "read" : err.message);
	folio_doc_free(doc);
	return 0;
}
