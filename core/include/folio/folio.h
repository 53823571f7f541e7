/* folio — the whole public API in one include. */
#ifndef FOLIO_H
#define FOLIO_H

#include "folio/batch.h"
#include "folio/doc.h"
#include "folio/error.h"
#include "folio/import.h"
#include "folio/plugin.h"
#include "folio/profile.h"
#include "folio/present.h"
#include "folio/readability.h"
#include "folio/registry.h"
#include "folio/sink.h"
#include "folio/site.h"
#include "folio/version.h"

#endif
