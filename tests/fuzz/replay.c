/* Runs a fuzz target over files given on the command line (folders are read
 * one level deep), so every seed and every minimised crash is replayed in the
 * ordinary, gcc-built test suite. Prints "N passed, 0 failed". */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		fprintf(stderr, "replay: cannot open %s\n", path);
		return 0;
	}
	size_t cap = 1 << 16, len = 0;
	uint8_t *buf = malloc(cap);
	size_t n;
	while (buf != NULL && (n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap) {
			uint8_t *grown = realloc(buf, cap * 2);
			if (grown == NULL) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = grown;
			cap *= 2;
		}
	}
	fclose(f);
	if (buf == NULL)
		return 0;
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	return 1;
}

/* --random N: N inputs from a fixed pseudo-random stream (xorshift, seed 1),
 * each 0 to 511 bytes: a short, repeatable fuzzing pass for grammar-driven
 * targets, where any bytes make a meaningful input. */
static size_t run_random(unsigned long n)
{
	uint64_t x = 0x9E3779B97F4A7C15u;
	uint8_t buf[512];
	for (unsigned long i = 0; i < n; i++) {
		size_t len = 0;
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		size_t want = (size_t)(x % sizeof(buf));
		while (len < want) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			buf[len++] = (uint8_t)(x >> 24);
		}
		LLVMFuzzerTestOneInput(buf, len);
	}
	return n;
}

int main(int argc, char **argv)
{
	size_t runs = 0;
	if (argc == 3 && strcmp(argv[1], "--random") == 0) {
		runs = run_random(strtoul(argv[2], NULL, 10));
		printf("%zu passed, 0 failed\n", runs);
		return runs > 0 ? 0 : 1;
	}
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0)
			continue;
		if (!S_ISDIR(st.st_mode)) {
			runs += (size_t)run_file(argv[i]);
			continue;
		}
		DIR *d = opendir(argv[i]);
		struct dirent *de;
		while (d != NULL && (de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			char path[4096];
			snprintf(path, sizeof(path), "%s/%s", argv[i], de->d_name);
			runs += (size_t)run_file(path);
		}
		if (d != NULL)
			closedir(d);
	}
	printf("%zu passed, 0 failed\n", runs);
	return runs > 0 ? 0 : 1;
}
