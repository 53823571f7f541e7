#!/bin/sh
# Installs the accessibility checks' npm packages (tests/js/package-lock.json)
# into the build tree with `npm ci`; does nothing when the installed tree
# already matches the lock file. Uses npm's cache first, so that a machine
# that ran scripts/install-deps needs no network here.
set -eu
: "${FOLIO_JS_DIR:?run through ctest}"
SRC="$FOLIO_SOURCE_DIR/tests/js"
mkdir -p "$FOLIO_JS_DIR"
if [ -f "$FOLIO_JS_DIR/node_modules/.installed-lock.json" ] &&
	cmp -s "$SRC/package-lock.json" "$FOLIO_JS_DIR/node_modules/.installed-lock.json"; then
	echo "npm_ci: $FOLIO_JS_DIR/node_modules is up to date"
	exit 0
fi
cp "$SRC/package.json" "$SRC/package-lock.json" "$FOLIO_JS_DIR/"
cd "$FOLIO_JS_DIR"
"$FOLIO_NPM" ci --prefer-offline --no-audit --no-fund
cp package-lock.json node_modules/.installed-lock.json
echo "npm_ci: installed into $FOLIO_JS_DIR/node_modules"
