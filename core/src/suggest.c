/* folio — "did you mean": the distance between a typo and what was meant. */
#include <string.h>

#include "folio/doc.h"

size_t folio_edit_distance(const char *a, const char *b)
{
	enum { MAX = 40 };
	size_t la = strlen(a), lb = strlen(b);
	size_t row[MAX + 1];
	if (la > MAX || lb > MAX)
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}
