#!/bin/sh
# Valgrind memcheck over the core's unit suites and real exports (text, pdf,
# zip, json, html). Valgrind cannot run sanitizer builds, so this builds its
# own plain tree beside the one under test. Any error or definite/indirect leak
# fails the check.
set -eu
. "$(dirname "$0")/lib.sh"
if ! command -v valgrind >/dev/null 2>&1; then
	echo "memcheck: valgrind is not installed; skipped"
	exit 77
fi
build="$FOLIO_BUILD_DIR/memcheck-build"
if [ ! -f "$build/CMakeCache.txt" ]; then
	cmake -S "$FOLIO_SOURCE_DIR" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DFOLIO_BENCH=OFF >/dev/null
fi
# Every core unit suite there is, and the allocation-failure suite.
units="test_alloc_failure"
for src in "$FOLIO_SOURCE_DIR"/tests/unit/test_*.c; do
	units="$units $(basename "$src" .c)"
done
targets="folio-cli"
for u in $units; do targets="$targets $u"; done
# shellcheck disable=SC2086
cmake --build "$build" --target $targets >"$SCRATCH/build.log" 2>&1 || {
	tail -n 30 "$SCRATCH/build.log"; fail "the memcheck build failed"; finish; }

VG="valgrind -q --suppressions=$FOLIO_SOURCE_DIR/tests/valgrind.supp --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect"
for u in $units; do
	[ -x "$build/bin/$u" ] || continue
	expect_ok "memcheck $u" $VG "$build/bin/$u"
done
S="$FOLIO_SOURCE_DIR/assets/samples/neck-pain-desk-work.md"
F="$FOLIO_SOURCE_DIR/assets/samples/epaule-gelee.md"
for fmt in txt pdf zip json html; do
	expect_ok "memcheck export $fmt" $VG "$build/bin/folio" export "$S" -o "$SCRATCH/n.$fmt"
	expect_ok "memcheck export $fmt (fr)" $VG "$build/bin/folio" export "$F" -o "$SCRATCH/f.$fmt"
done
expect_ok "memcheck batch" $VG "$build/bin/folio" batch -q "$FOLIO_SOURCE_DIR/assets/samples" \
	-o "$SCRATCH/site.zip" -f pdf,txt,html -j 2
finish
