#!/bin/sh
# Bilingual leaflets end to end: pdf -O bilingual=columns|flip on the fixture
# pair (tests/fixtures/bilingual: an English article and its French
# translation, each naming the other), checked with qpdf and poppler; a
# missing translation; bilingual=none; and the HTML pages' hreflang links.
set -eu
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8
F=$FOLIO_BIN
FIX="$FOLIO_SOURCE_DIR/tests/fixtures/bilingual"
EN="$FIX/ankle-en.md"
FR="$FIX/ankle-fr.md"
T="timeout 300"

for tool in qpdf pdftotext pdfinfo pdfimages python3 tidy; do
	command -v $tool >/dev/null || { echo "SKIP: $tool missing"; exit 77; }
done

qpdf_ok() {
	if qpdf --check "$2" >"$SCRATCH/.qpdf" 2>&1 && grep -q "No syntax or stream encoding errors" "$SCRATCH/.qpdf"; then
		pass
	else
		fail "$1: qpdf --check"; sed 's/^/    /' "$SCRATCH/.qpdf" >&2
	fi
}

pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }

# expect_eq DESCRIPTION GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then pass; else fail "$1: got '$2', wanted '$3'"; fi
}

# Letters-only words; a hyphen at a line end joins the word back.
words() {
	sed -z -e 's/\([[:alpha:]]\)-\n\([[:alpha:]]\)/\1\2/g' |
		sed 's/\([[:alpha:]]\)[-‐]\([[:alpha:]]\)/\1\2/g' | grep -oP '[\p{L}\p{M}]+' || true
}

# The body words of a Markdown fixture: no front matter, no link targets.
md_words() {
	awk 'NR == 1 && $0 == "---" { fm = 1; next } fm && $0 == "---" { fm = 0; next } !fm' "$1" |
		sed -e 's/](\([^)]*\))/]/g' | words
}

# half PDF left|right [pdftotext option]: the text of one column of every
# page, above the footer (cropped at the top of its "Page N of M" line),
# page after page.
half() {
	w=$(pdfinfo "$1" | sed -n 's/^Page size: *\([0-9]*\).*/\1/p')
	footer=$(pdftotext -bbox -f 1 -l 1 "$1" - | awk -F'"' '
		/>[0-9]+<\/word>/ && prev == "Page" { top = $4 }
		{ prev = $0; sub(/.*">/, "", prev); sub(/<.*/, "", prev) }
		END { printf "%d", top - 4 }')
	x=0
	[ "$2" = right ] && x=$((w / 2))
	pdftotext ${3:-} -enc UTF-8 -r 72 -x $x -y 0 -W $((w / 2)) -H "$footer" "$1" -
}

# in_order WANT GOT: every word of WANT appears in GOT, in the same order.
in_order() {
	awk 'BEGIN { i = n = 0 } NR == FNR { want[n++] = $0; next } i < n && $0 == want[i] { i++ }
	     END { if (i < n) { print "missing from " i ": " want[i]; exit 1 } }' "$1" "$2"
}

# ---- bilingual=none: the key is ignored, the output is the plain leaflet ----------

expect_ok "plain English" $T "$F" export "$EN" -o "$SCRATCH/en.pdf"
expect_ok "plain French" $T "$F" export "$FR" -o "$SCRATCH/fr.pdf"
expect_ok "bilingual=none" $T "$F" export "$EN" -O bilingual=none -o "$SCRATCH/none.pdf"
if cmp -s "$SCRATCH/en.pdf" "$SCRATCH/none.pdf"; then pass; else fail "bilingual=none differs from the plain export"; fi
NEN=$(pages "$SCRATCH/en.pdf")
NFR=$(pages "$SCRATCH/fr.pdf")

# ---- columns -------------------------------------------------------------------------

# (hyphenate=true: ragged text otherwise hyphenates only what cannot fit)
expect_ok "columns" $T "$F" export "$EN" -O bilingual=columns -O hyphenate=true -o "$SCRATCH/col.pdf"
qpdf_ok "columns" "$SCRATCH/col.pdf"
NCOL=$(pages "$SCRATCH/col.pdf")
# Pages are paired: the last page holds the end of the longer column, and
# no column runs past the last page.
last_with_text() {
	n=0
	for p in $(seq 1 "$NCOL"); do
		t=$(half "$2" "$1" | awk -v p=$p 'BEGIN { RS = "\f" } NR == p' | tr -d '[:space:]')
		[ -n "$t" ] && n=$p
	done
	echo $n
}
LEFT=$(last_with_text left "$SCRATCH/col.pdf")
RIGHT=$(last_with_text right "$SCRATCH/col.pdf")
MAX=$((LEFT > RIGHT ? LEFT : RIGHT))
expect_eq "columns: pages = the longer column's" "$NCOL" "$MAX"
[ "$LEFT" -ge 1 ] && [ "$RIGHT" -ge 1 ] && pass || fail "columns: a column is empty ($LEFT, $RIGHT)"

# Each column reads back as its own article, every word in order.
md_words "$EN" >"$SCRATCH/en.want"
md_words "$FR" >"$SCRATCH/fr.want"
half "$SCRATCH/col.pdf" left | words >"$SCRATCH/left.got"
half "$SCRATCH/col.pdf" right | words >"$SCRATCH/right.got"
if in_order "$SCRATCH/en.want" "$SCRATCH/left.got" >"$SCRATCH/.why"; then pass; else fail "columns: English column: $(cat "$SCRATCH/.why")"; fi
if in_order "$SCRATCH/fr.want" "$SCRATCH/right.got" >"$SCRATCH/.why"; then pass; else fail "columns: French column: $(cat "$SCRATCH/.why")"; fi
expect_no_grep "columns: no French in the English column" '^cheville$' "$SCRATCH/left.got"
# (the references are English in both articles: a word of the body)
expect_no_grep "columns: no English in the French column" '^balance$' "$SCRATCH/right.got"

# The French column is hyphenated (with the French dictionary: the unit test
# test_bilingual checks each break against both dictionaries): at least one
# line ends in a letter and '-' that the author did not write (-raw: poppler
# would otherwise join the halves itself).
half "$SCRATCH/col.pdf" right -raw | grep -oP '[\p{L}]+-$' | sed 's/-$//' >"$SCRATCH/fr.cut" || true
found=0
while read -r frag; do
	grep -q -- "$frag-" "$FR" || found=1
done <"$SCRATCH/fr.cut"
expect_eq "columns: the French column hyphenates" "$found" 1

# One footer per page, two top-level bookmarks with each language's headings.
pdftotext -f 1 -l 1 "$SCRATCH/col.pdf" "$SCRATCH/col1.txt"
expect_grep "columns: footer" "Page 1 of $NCOL" "$SCRATCH/col1.txt"
qpdf --json --json-key=outlines "$SCRATCH/col.pdf" | python3 -c '
import json, sys
o = json.load(sys.stdin)["outlines"]
assert [x["title"] for x in o] == ["After an ankle sprain", "Après une entorse de la cheville"], o
assert "Training your balance" in [k["title"] for k in o[0]["kids"]]
assert "Entraîner son équilibre" in [k["title"] for k in o[1]["kids"]]
' 2>"$SCRATCH/.py" && pass || { fail "columns: bookmarks"; sed 's/^/    /' "$SCRATCH/.py" >&2; }

# Same input, same bytes.
expect_ok "columns again" $T "$F" export "$EN" -O bilingual=columns -O hyphenate=true -o "$SCRATCH/col2.pdf"
if cmp -s "$SCRATCH/col.pdf" "$SCRATCH/col2.pdf"; then pass; else fail "columns: not reproducible"; fi
# From the French side, French is on the left.
expect_ok "columns from French" $T "$F" export "$FR" -O bilingual=columns -o "$SCRATCH/colfr.pdf"
half "$SCRATCH/colfr.pdf" left | words >"$SCRATCH/left.got"
if in_order "$SCRATCH/fr.want" "$SCRATCH/left.got" >"$SCRATCH/.why"; then pass; else fail "columns from French: $(cat "$SCRATCH/.why")"; fi

# ---- flip (tête-bêche) -------------------------------------------------------------------

expect_ok "flip" $T "$F" export "$EN" -O bilingual=flip -o "$SCRATCH/flip.pdf"
qpdf_ok "flip" "$SCRATCH/flip.pdf"
A=$((NEN + NEN % 2))
B=$((NFR + NFR % 2))
NFLIP=$(pages "$SCRATCH/flip.pdf")
expect_eq "flip: pages = both halves, each made even" "$NFLIP" $((A + B))
pdfinfo -f 1 -l "$NFLIP" "$SCRATCH/flip.pdf" | sed -n 's/^Page *\([0-9]*\) rot: *\([0-9]*\).*/\1 \2/p' >"$SCRATCH/rot"
bad=$(awk -v a=$A '($1 <= a && $2 != 0) || ($1 > a && $2 != 180)' "$SCRATCH/rot")
expect_eq "flip: the French half is upside down" "$bad" ""
# Read from the back: the last page is the French page 1.
pdftotext -f "$NFLIP" -l "$NFLIP" "$SCRATCH/flip.pdf" "$SCRATCH/back.txt"
expect_grep "flip: French title on the back page" "Après une entorse de la cheville" "$SCRATCH/back.txt"
expect_grep "flip: French footer on the back page" "Page 1 sur $NFR" "$SCRATCH/back.txt"
# Both covers carry the clinic's logo (the bundled profile has one).
logos=$(pdfimages -list "$SCRATCH/flip.pdf" | awk 'NR > 2 { printf "%s ", $1 }')
expect_eq "flip: a logo on each cover" "$logos" "1 $NFLIP "
pdftotext -f 1 -l 1 "$SCRATCH/flip.pdf" "$SCRATCH/front.txt"
expect_grep "flip: English first" "After an ankle sprain" "$SCRATCH/front.txt"
expect_grep "flip: English footer" "Page 1 of $NEN" "$SCRATCH/front.txt"
pdftotext "$SCRATCH/flip.pdf" - | words >"$SCRATCH/flip.got"
if in_order "$SCRATCH/en.want" "$SCRATCH/flip.got" >"$SCRATCH/.why"; then pass; else fail "flip: English words: $(cat "$SCRATCH/.why")"; fi
expect_grep "flip: French words" '^proprioceptif$' "$SCRATCH/flip.got"

# ---- a missing translation ---------------------------------------------------------------

mkdir "$SCRATCH/alone"
cp "$EN" "$SCRATCH/alone/"
expect_status "columns without the translation" 1 $T "$F" export "$SCRATCH/alone/ankle-en.md" -O bilingual=columns -o "$SCRATCH/alone/x.pdf"
expect_stderr "the error names the file" "ankle-fr.md"
expect_absent "no output left" "$SCRATCH/alone/x.pdf"
expect_status "flip without the translation" 1 $T "$F" export "$SCRATCH/alone/ankle-en.md" -O bilingual=flip -o "$SCRATCH/alone/x.pdf"
expect_stderr "the error names the file" "ankle-fr.md"
expect_ok "bilingual=none ignores the key" $T "$F" export "$SCRATCH/alone/ankle-en.md" -o "$SCRATCH/alone/x.pdf"
expect_status "columns with no translation key" 1 $T "$F" export "$FOLIO_SOURCE_DIR/assets/samples/neck-pain-desk-work.md" -O bilingual=columns -o "$SCRATCH/alone/y.pdf"
expect_stderr "the error says what is missing" "translation:"

# ---- HTML: hreflang both ways ----------------------------------------------------------------

expect_ok "html English" $T "$F" export "$EN" -o "$SCRATCH/en.html"
expect_ok "html French" $T "$F" export "$FR" -o "$SCRATCH/fr.html"
expect_grep "en links fr" '<link rel="alternate" hreflang="fr" href="https://example.org/fr/blogue/entorse-cheville">' "$SCRATCH/en.html"
expect_grep "fr links en" '<link rel="alternate" hreflang="en" href="https://example.org/en/blog/ankle-sprain">' "$SCRATCH/fr.html"
expect_grep "en links itself" '<link rel="alternate" hreflang="en" href="https://example.org/en/blog/ankle-sprain">' "$SCRATCH/en.html"
expect_grep "visible link to French" 'lang="fr">Version française</a>' "$SCRATCH/en.html"
expect_grep "visible link to English" 'lang="en">English version</a>' "$SCRATCH/fr.html"
for page in en fr; do
	if tidy -errors -q "$SCRATCH/$page.html" >"$SCRATCH/.tidy" 2>&1; then pass; else
		fail "tidy $page.html"; sed 's/^/    /' "$SCRATCH/.tidy" >&2; fi
done
# Without canonical URLs the pages link to each other's file (a flat batch).
mkdir "$SCRATCH/nourl"
for f in ankle-en ankle-fr; do grep -v '^url:' "$FIX/$f.md" >"$SCRATCH/nourl/$f.md"; done
expect_ok "flat batch" $T "$F" batch "$SCRATCH/nourl" -f html --flat -o "$SCRATCH/site"
expect_grep "flat: en links fr's page" '<link rel="alternate" hreflang="fr" href="ankle-fr.html">' "$SCRATCH/site/ankle-en.html"
expect_grep "flat: fr links en's page" '<link rel="alternate" hreflang="en" href="ankle-en.html">' "$SCRATCH/site/ankle-fr.html"
[ -f "$SCRATCH/site/ankle-fr.html" ] && [ -f "$SCRATCH/site/ankle-en.html" ] && pass || fail "flat: the linked pages exist"
# A missing translation only costs the link.
expect_ok "html without the translation" $T "$F" export "$SCRATCH/alone/ankle-en.md" -o "$SCRATCH/alone/x.html"
expect_stderr "warned" "ankle-fr.md"
expect_no_grep "no hreflang" 'hreflang' "$SCRATCH/alone/x.html"

finish
