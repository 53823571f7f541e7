/* Fuzz target: the pdf plugin's TrueType reader and subsetter (ttf.c). A font
 * it accepts is looked up and subset; a subset it writes must read back. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "ttf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ttf_subset_char chars[0x7F - 0x20 + 4];
	ttf_subset_font sub;
	const char *why;
	ttf_font f, back;
	size_t n = 0;

	if (ttf_parse(&f, data, size, &why) != 0)
		return 0;
	for (uint32_t cp = 0x20; cp < 0x7F; cp++)
		chars[n++] = (ttf_subset_char){.cp = cp};
	chars[n++] = (ttf_subset_char){.cp = 0xE9};
	chars[n++] = (ttf_subset_char){.cp = 0x2019};
	chars[n++] = (ttf_subset_char){.cp = 0x1F600};
	for (size_t i = 0; i < n; i++)
		(void)ttf_advance(&f, ttf_glyph(&f, chars[i].cp));
	if (ttf_subset(&f, chars, n, &sub, &why) != 0)
		return 0;
	if (ttf_parse(&back, sub.data, sub.len, &why) != 0 || back.glyph_count != sub.glyph_count)
		__builtin_trap();
	for (size_t i = 0; i < n; i++)
		if (ttf_glyph(&back, chars[i].cp) != chars[i].gid)
			__builtin_trap(); /* the subset's cmap says what ttf_subset said */
	free(sub.data);
	return 0;
}
