#!/bin/sh
# Functions that invite overflows are not used in the library, plugins or CLI
# (see docs/hacking.md). A script, not a review, catches them.
set -eu
. "$(dirname "$0")/lib.sh"
cd "$FOLIO_SOURCE_DIR"
for fn in sprintf vsprintf strcat strcpy strncpy strtok gets; do
	hits=$(grep -rnE "(^|[^_a-z0-9])$fn[[:space:]]*\(" core cli plugins --include='*.c' --include='*.h' || true)
	if [ -n "$hits" ]; then fail "banned $fn: $hits"; else pass; fi
done
# The core knows a plugin only through its descriptor: no format is named in
# core/src (a capability, such as folio_site_ops, says what a format offers).
# The HTML importer reads pages, an input format: its files name HTML elements.
for name in css html pdf json zip; do
	hits=$(grep -rnE "\"$name\"" core/src --include='*.c' --include='*.h' |
		grep -vE '^core/src/(import|import_html|html_[a-z]+)\.c:' || true)
	if [ -n "$hits" ]; then fail "core names the $name format: $hits"; else pass; fi
done
finish
