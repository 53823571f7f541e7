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

# Key points: the summary, under the title on page 1, before the body's
# first heading; in the article's language; none without a summary.
SAMPLES=$FOLIO_SOURCE_DIR/assets/samples
for case in "neck-pain-desk-work Key points" "epaule-gelee Points clés"; do
	slug=${case%% *}
	label=${case#* }
	expect_ok "$slug" $T "$F" export "$SAMPLES/$slug.md" -o "$SCRATCH/$slug.pdf"
	pdftotext -f 1 -l 1 "$SCRATCH/$slug.pdf" "$SCRATCH/$slug.p1.txt"
	if python3 - "$SCRATCH/$slug.p1.txt" "$label" "$SAMPLES/$slug.md" <<'PY'
import sys
text = " ".join(open(sys.argv[1], encoding="utf-8").read().split())
label = sys.argv[2]
lines = open(sys.argv[3], encoding="utf-8").read().split("\n")
# The summary's first five words (a folded ">-" block: the next line).
at = next(i for i, l in enumerate(lines) if l.startswith("summary:"))
first = lines[at][8:].strip(' >-"') or lines[at + 1].strip()
summary = " ".join(first.split()[:5])
sys.argv[4:] = [sys.argv[3]]
first_heading = next(l[3:].strip() for l in open(sys.argv[4], encoding="utf-8") if l.startswith("## "))
k, s, h = text.find(label), text.find(summary), text.find(first_heading)
ok = summary and 0 <= k < s < h
if not ok:
    print("label %d, summary %d, first heading %d" % (k, s, h))
sys.exit(0 if ok else 1)
PY
	then pass; else fail "$slug: '$label' and the summary come before the first heading on page 1"; fi
done
pdftotext "$SCRATCH/hand.pdf" "$SCRATCH/hand.txt"
expect_no_grep "no key points without a summary" "Key points" "$SCRATCH/hand.txt"

finish
