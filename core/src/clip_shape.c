/* folio — the shape of a clipped page, whatever site it came from.
 *
 * A page copied whole holds the article and, around it, what every site
 * prints: menus, share bars, sidebars, footers. Their words differ from
 * site to site; their shape does not. The article is a dense run of long
 * lines (sentences); navigation is runs of short lines; a menu printed in
 * the header and again in the footer is the same short line twice; a
 * breadcrumb is short parts joined by one separator. These helpers measure
 * that shape; import_clip.c decides what to do with it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clip_private.h"

void clip_densest_run(const long *weight, size_t n, size_t *first, size_t *last)
{
	/* Kadane's maximum-sum run: linear, and a run of short lines between
	 * two stretches of prose is kept when the prose outweighs it. */
	long best = 0, sum = 0;
	size_t from = 0;
	*first = *last = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		if (sum <= 0 && weight[i] > 0) {
			sum = 0;
			from = i;
		}
		sum += weight[i];
		if (sum > best) {
			best = sum;
			*first = from;
			*last = i;
		}
		if (sum < 0)
			sum = 0;
	}
}

uint64_t clip_hash(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ull;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

int clip_mark_repeats(const char *const *s, const size_t *len, size_t n, size_t max_len,
                      unsigned char *repeated)
{
	size_t cap = 16;
	while (cap < n * 2)
		cap *= 2;
	size_t *slot = malloc(cap * sizeof(*slot));
	if (slot == NULL)
		return -1;
	for (size_t k = 0; k < cap; k++)
		slot[k] = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		repeated[i] = 0;
		if (len[i] == 0 || len[i] > max_len)
			continue;
		size_t k = (size_t)clip_hash(s[i], len[i]) & (cap - 1);
		while (slot[k] != SIZE_MAX &&
		       (len[slot[k]] != len[i] || memcmp(s[slot[k]], s[i], len[i]) != 0))
			k = (k + 1) & (cap - 1);
		if (slot[k] == SIZE_MAX) {
			slot[k] = i;
		} else {
			repeated[i] = 1;
			repeated[slot[k]] = 1;
		}
	}
	free(slot);
	return 0;
}

/* The separators a breadcrumb uses between its parts. */
static const char *const crumb_seps[] = {" >> ", " > ", " » ", " › ", " / ", " | ", " → ", " • "};

size_t clip_breadcrumb(const char *s, size_t len, size_t *tail)
{
	for (size_t k = 0; k < sizeof(crumb_seps) / sizeof(crumb_seps[0]); k++) {
		size_t sl = strlen(crumb_seps[k]), parts = 1, last = 0;
		for (size_t i = 0; i + sl <= len; i++)
			if (memcmp(s + i, crumb_seps[k], sl) == 0) {
				if (i == last)
					return 0; /* an empty part: not a trail */
				parts++;
				last = i + sl;
				i += sl - 1;
			}
		if (parts >= 3 && last < len) {
			*tail = len - last;
			return last;
		}
	}
	return 0;
}
