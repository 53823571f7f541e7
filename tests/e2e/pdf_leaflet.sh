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

# Key points: the summary on page 1, in the article's language; in the side
# rail beside the start of the article (to the right of its first heading,
# tops within a line or two) at the default size; under the title, before the
# first heading, when the page has no room for a rail (20 pt); none without
# a summary.
SAMPLES=$FOLIO_SOURCE_DIR/assets/samples
for case in "neck-pain-desk-work Key points" "epaule-gelee Points clés"; do
	slug=${case%% *}
	label=${case#* }
	for size in 12 20; do
		expect_ok "$slug" $T "$F" export "$SAMPLES/$slug.md" -o "$SCRATCH/$slug.pdf" -O font-size=$size
		pdftotext -f 1 -l 1 -bbox "$SCRATCH/$slug.pdf" "$SCRATCH/$slug.p1.html"
		if python3 - "$SCRATCH/$slug.p1.html" "$label" "$SAMPLES/$slug.md" $size <<'PY'
import html, re, sys
# (the PDF's apostrophes are typographic; the source's straight)
words = [(float(a), float(b), html.unescape(w).replace("\u2019", "'")) for a, b, w in re.findall(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', open(sys.argv[1], encoding="utf-8").read())]
label, md, size = sys.argv[2].split(), open(sys.argv[3], encoding="utf-8").read().split("\n"), sys.argv[4]
at = next(i for i, l in enumerate(md) if l.startswith("summary:"))
summary = (md[at][8:].strip(' >-"') or md[at + 1].strip()).split()[:5]
heading = next(l[3:].strip() for l in md if l.startswith("## ")).split()

def find(seq):
    # the first place where the words of seq follow each other
    texts = [w for _, _, w in words]
    for i in range(len(texts) - len(seq) + 1):
        if texts[i:i + len(seq)] == seq:
            return words[i]
    return None

k, s, h = find(label), find(summary), find(heading)
if not (k and s and h):
    print("label", k, "summary", s, "heading", h)
    sys.exit(1)
if size == "12":
    ok = k[0] > h[0] + 200 and abs(k[1] - h[1]) < 30 and s[1] > k[1]
else:
    ok = k[1] < s[1] < h[1]
if not ok:
    print("label", k, "summary", s, "heading", h)
sys.exit(0 if ok else 1)
PY
		then pass; else fail "$slug at $size pt: '$label' and the summary in the rail (12) or before the first heading (20)"; fi
	done
done
pdftotext "$SCRATCH/hand.pdf" "$SCRATCH/hand.txt"
expect_no_grep "no key points without a summary" "Key points" "$SCRATCH/hand.txt"

finish
