/* Fuzz target: the clinic profile loader. */
#include <stddef.h>
#include <stdint.h>

#include "folio/profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	folio_error err;
	folio_profile *p = folio_profile_parse((const char *)data, size, "fuzz.yaml", &err);
	folio_profile_free(p);
	return 0;
}
