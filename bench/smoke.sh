#!/bin/bash
# Smoke test of the benchmark tooling (not a timing test): bench/run with no
# anchors, one repetition, on one article and a small 1 MB case, must print
# folio's rows and a skip line per anchor; gen_corpus.py must be deterministic.
# Needs FOLIO_BIN (set by ctest) and python3.
set -u
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
check() { # check DESCRIPTION PATTERN FILE
	if ! grep -qE -- "$2" "$3"; then
		echo "FAIL: $1 (no /$2/ in $3)"
		fail=1
	fi
}

if ! python3 "$here/run" --folio "$FOLIO_BIN" --no-anchors --only single,big --reps 1 \
	--pdf-reps 1 --big-reps 1 --big-bytes 200000 --workdir "$work/w" >"$work/out" 2>"$work/err"; then
	echo "FAIL: bench/run exited non-zero"; cat "$work/err"; exit 1
fi
check "text row" '^\| 1 article → text \| folio \| [0-9.]+ ms \(CPU' "$work/out"
check "HTML row" '^\| 1 article → HTML \| folio \|' "$work/out"
check "PDF row" '^\| 1 article → PDF \| folio \|' "$work/out"
check "PDF bytes row with pages and target" '^\| bytes per leaflet PDF \| folio \| [0-9.]+ KB, [1-9][0-9]* pages \|  \| < 40 KB \(2 pages\) \| (yes|\*\*no\*\*|n/a \([0-9]+ pages\)) \|' "$work/out"
check "1 MB rows" '^\| 0\.20 MB article \| folio → HTML \| [0-9.]+ MB/s' "$work/out"
check "pandoc skipped" 'pandoc is not installed' "$work/out"
check "cmark skipped" 'cmark is not installed' "$work/out"
if grep -q '^| 1 article → text | pandoc' "$work/out"; then
	echo "FAIL: an anchor was timed despite --no-anchors"; fail=1
fi
if grep -qE ': folio( → [a-zA-Z]+)? failed' "$work/out"; then
	echo "FAIL: a folio run failed:"; grep -E 'folio.* failed' "$work/out"; fail=1
fi
# The PDF it timed is a real PDF.
head -c 5 "$work/w/f.pdf" | grep -q '%PDF-' || { echo "FAIL: f.pdf is not a PDF"; fail=1; }

# A wrong binary is refused with a build hint, exit 2.
python3 "$here/run" --folio "$work/nope" >/dev/null 2>"$work/err2"
[ $? -eq 2 ] || { echo "FAIL: a missing binary should exit 2"; fail=1; }
check "build hint" 'CMAKE_BUILD_TYPE=Release' "$work/err2"

# gen_corpus.py: same arguments, same bytes.
python3 "$here/gen_corpus.py" 5 "$work/c1" && python3 "$here/gen_corpus.py" 5 "$work/c2"
diff -r "$work/c1" "$work/c2" >/dev/null || { echo "FAIL: gen_corpus.py is not deterministic"; fail=1; }
[ "$(ls "$work/c1" | wc -l)" -eq 5 ] || { echo "FAIL: gen_corpus.py 5 made $(ls "$work/c1" | wc -l) files"; fail=1; }
python3 "$here/gen_corpus.py" --big 100000 "$work/b1" && python3 "$here/gen_corpus.py" --big 100000 "$work/b2"
cmp -s "$work/b1" "$work/b2" || { echo "FAIL: --big is not deterministic"; fail=1; }
size=$(stat -c %s "$work/b1")
[ "$size" -ge 100000 ] && [ "$size" -lt 110000 ] || { echo "FAIL: --big 100000 gave $size bytes"; fail=1; }

[ $fail -eq 0 ] && echo "bench smoke: ok"
exit $fail
