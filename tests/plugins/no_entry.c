/* A shared object that is not a folio plugin: no entry symbol. */
#include "folio/plugin.h"

FOLIO_PLUGIN_EXPORT int something_else(void);
int something_else(void)
{
	return 42;
}
