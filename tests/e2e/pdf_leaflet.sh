#!/bin/sh
# The leaflet as patients need it (issue 19): the tri-fold's duplex
# preference; more checks join as the handout grows.
set -e
. "$(dirname "$0")/lib.sh"
F=$FOLIO_BIN
T="timeout 300"
for tool in qpdf pdftotext; do
	command -v $tool >/dev/null || { echo "skipped: $tool missing"; exit 77; }
done
FIX=$FOLIO_SOURCE_DIR/tests/fixtures

# catalog_prefs PDF: the /Duplex value of the PDF ("none" without one),
# read from qpdf's uncompressed QDF form.
catalog_prefs() {
	qpdf --qdf --object-streams=disable "$1" "$SCRATCH/qdf.pdf"
	v=$(grep -a -o '/Duplex /[A-Za-z]*' "$SCRATCH/qdf.pdf" | head -n 1 | cut -d' ' -f2)
	echo "${v:-none}"
}

# The tri-fold's page 2 is laid out for a flip on the short edge, and says so.
expect_ok "a tri-fold" $T "$F" export "$FIX/trifold/heel-pain.md" -o "$SCRATCH/tri.pdf" -O layout=trifold
if [ "$(catalog_prefs "$SCRATCH/tri.pdf")" = "/DuplexFlipShortEdge" ]; then pass; else
	fail "tri-fold: /Duplex is $(catalog_prefs "$SCRATCH/tri.pdf")"; fi
if qpdf --check "$SCRATCH/tri.pdf" >/dev/null 2>&1; then pass; else fail "qpdf --check tri.pdf"; fi
expect_ok "a handout" $T "$F" export "$FIX/trifold/heel-pain.md" -o "$SCRATCH/hand.pdf"
if [ "$(catalog_prefs "$SCRATCH/hand.pdf")" = "none" ]; then pass; else
	fail "a handout asks for no duplex"; fi

finish
