/* pdf_bench — renders one article N times in one process to a memory sink and
 * prints the time and size per leaflet. Not a test: a program to watch the
 * exporter's cost (font subsetting, libharu, the post-processing).
 *
 *   pdf_bench [ARTICLE.md [N [name=value ...]]]
 *
 * Defaults: assets/samples/neck-pain-desk-work.md, N = 200. The first render
 * (which loads the fonts through the plugin's init) is timed apart.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "folio/folio.h"

#ifndef FOLIO_BENCH_SOURCE_DIR
#define FOLIO_BENCH_SOURCE_DIR "."
#endif

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void log_line(void *userdata, const char *message)
{
	(void)userdata;
	fprintf(stderr, "pdf_bench: %s\n", message);
}

/* One render into memory; returns the size, or 0 after printing the error. */
static size_t render_once(folio_registry *reg, const folio_doc *doc, const folio_plugin *pdf,
                          const folio_options *opts)
{
	folio_sink *sink = folio_sink_memory();
	folio_error err;
	size_t len = 0;
	char msg[1200];

	if (!sink)
		return 0;
	if (folio_export(reg, doc, pdf, opts, sink, "bench.pdf", &err) != FOLIO_OK) {
		fprintf(stderr, "pdf_bench: %s\n", folio_error_format(&err, msg, sizeof msg));
		folio_sink_abort(sink);
		return 0;
	}
	folio_sink_memory_data(sink, &len);
	folio_sink_abort(sink);
	return len;
}

int main(int argc, char **argv)
{
	const char *path =
	    argc > 1 ? argv[1] : FOLIO_BENCH_SOURCE_DIR "/assets/samples/neck-pain-desk-work.md";
	long n = argc > 2 ? strtol(argv[2], NULL, 10) : 200;
	folio_registry *reg = folio_registry_new();
	const folio_plugin *pdf;
	folio_options *opts = NULL;
	folio_doc *doc = NULL;
	folio_error err;
	char msg[1200];
	double t0, t1, t2;
	size_t bytes = 0;
	int status = 1;

	if (!reg || n < 1)
		return 2;
	folio_registry_set_log(reg, log_line, NULL);
	folio_registry_discover(reg, NULL, 0);
	pdf = folio_registry_find(reg, "pdf");
	if (!pdf) {
		fprintf(stderr, "pdf_bench: the pdf plugin was not found\n");
		goto done;
	}
	doc = folio_import_file(path, NULL, &err);
	if (doc)
		opts = folio_options_parse(reg, pdf, (const char *const *)argv + 3,
		                           argc > 3 ? (size_t)argc - 3 : 0, &err);
	if (!doc || !opts) {
		fprintf(stderr, "pdf_bench: %s\n", folio_error_format(&err, msg, sizeof msg));
		goto done;
	}
	t0 = now_ms();
	if (!render_once(reg, doc, pdf, opts))
		goto done;
	t1 = now_ms();
	for (long i = 0; i < n; i++) {
		bytes = render_once(reg, doc, pdf, opts);
		if (!bytes)
			goto done;
	}
	t2 = now_ms();
	printf("%s\n", path);
	printf("first leaflet (with font loading): %.2f ms\n", t1 - t0);
	printf("%ld leaflets: %.3f ms per leaflet, %zu bytes per leaflet\n", n,
	       (t2 - t1) / (double)n, bytes);
	status = 0;
done:
	folio_options_free(opts);
	folio_doc_free(doc);
	folio_registry_free(reg);
	return status;
}
