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
# Out of address space (ulimit -v, as a shared server might set): every run
# ends with success or a clear error, never a crash. Plain build only: the
# sanitizers reserve far more address space than any such limit.
python3 "$FOLIO_SOURCE_DIR/bench/gen_corpus.py" --big 3000000 "$SCRATCH/big.md"
# The limits count from the least address space in which folio and all its
# plugins load: their shared libraries (ICU's data alone maps 30 MB, through
# libxml2; HarfBuzz, glib) come first, and below that the loader, not folio,
# fails.
floor=8000
while ! (ulimit -v "$floor"; exec "$build/bin/folio" formats) >/dev/null 2>"$SCRATCH/ul.err" ||
	[ -s "$SCRATCH/ul.err" ]; do
	floor=$((floor + 2000))
	if [ "$floor" -gt 400000 ]; then
		fail "folio does not start under ulimit -v 400000"
		break
	fi
done
for extra in 2000 10000 20000 50000 90000; do
	limit=$((floor + extra))
	for fmt in txt html pdf; do
		set +e
		(ulimit -v "$limit"; exec "$build/bin/folio" export "$SCRATCH/big.md" -o "$SCRATCH/ul.$fmt") \
			2>"$SCRATCH/ul.err"
		rc=$?
		set -e
		if [ "$rc" -eq 0 ]; then
			pass
		elif [ "$rc" -eq 1 ] && grep -q "big.md: .*out of memory" "$SCRATCH/ul.err"; then
			pass
		else
			fail "ulimit -v $limit (start-up needs $floor), $fmt: exit $rc: $(head -c 300 "$SCRATCH/ul.err")"
		fi
	done
done
# Some limit just above start-up leaves too little for the 3 MB article: the
# message names the file.
: >"$SCRATCH/ul.all"
for extra in 1000 2000 4000 8000; do
	(ulimit -v $((floor + extra)); exec "$build/bin/folio" export "$SCRATCH/big.md" -o "$SCRATCH/ul2.txt") \
		2>>"$SCRATCH/ul.all" || true
done
expect_grep "a clear message when memory runs out" "big.md: out of memory" "$SCRATCH/ul.all"
finish
