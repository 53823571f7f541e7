#!/bin/sh
# PNGs that cannot pass through as their own rows — 16-bit, interlaced,
# palette, alpha — are decoded to 8-bit samples and drawn with the source's
# pixels (within rounding), not two half-width copies. 8-bit grey and RGB
# PNGs pass through: their compressed rows are the image's stream, read with
# the PNG predictors, and the pixels come back exactly.
set -e
. "$(dirname "$0")/lib.sh"
F=$FOLIO_BIN
T="timeout 300"
FIX="python3 $FOLIO_SOURCE_DIR/tests/e2e/png_fixture.py"
for tool in pdfimages qpdf python3; do
	command -v $tool >/dev/null || { echo "skipped: $tool missing"; exit 77; }
done

for case in "rgb16 13 9" "gray16i 11 10" "rgb8i 17 6" "pal2 9 7" "rgba8 10 5" "rgb8 23 11" \
	"gray8 19 12"; do
	set -- $case
	kind=$1
	$FIX write "$SCRATCH/$kind.png" "$@"
	printf -- '---\ntitle: "Picture %s"\n---\n\nBefore.\n\n![A test pattern](%s.png)\n\nAfter.\n' \
		"$kind" "$kind" >"$SCRATCH/$kind.md"
	expect_ok "a $kind PNG" $T "$F" export "$SCRATCH/$kind.md" -o "$SCRATCH/$kind.pdf"
	expect_no_grep "no warning for the $kind PNG" "$kind.png" "$SCRATCH/cmd.stderr"
	if qpdf --check "$SCRATCH/$kind.pdf" >/dev/null 2>&1; then pass; else fail "qpdf --check $kind.pdf"; fi
	mkdir -p "$SCRATCH/out-$kind"
	if $FIX check "$SCRATCH/$kind.png.expect" "$SCRATCH/$kind.pdf" "$SCRATCH/out-$kind"; then pass; else
		fail "the $kind PNG's pixels come back from the PDF"; fi
	how=$($FIX rows "$SCRATCH/$kind.pdf" "$2" "$3")
	case $kind in
	rgb8 | gray8) want=passed ;;
	*) want=decoded ;;
	esac
	if [ "$how" = "$want" ]; then pass; else fail "the $kind image is $how, not $want"; fi
done

finish
