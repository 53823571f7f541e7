#!/bin/bash
# The pdf exporter's tri-fold brochure (-O layout=trifold, shrink) and QR
# codes (-O qr=url|site|none), end to end: sheet sizes, valid files, every
# word of a short article back out of the panels, the cover and back panel,
# the too-long error (and no file left), shrink, and QR codes that a reader
# (zbarimg, on a page rendered by pdftoppm) decodes to the right address.
set -eu
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8
F=$FOLIO_BIN
FIX="$FOLIO_SOURCE_DIR/tests/fixtures/trifold"
SHORT="$FIX/heel-pain.md"
LONGISH="$FIX/heel-pain-long.md"
SAMPLE="$FOLIO_SOURCE_DIR/assets/samples/neck-pain-desk-work.md"
URL=https://riverside-physio.example/articles/heel-pain
SITE=https://riverside-physio.example/
T="timeout 300"

for tool in qpdf pdftotext pdfinfo pdftoppm zbarimg; do
	command -v $tool >/dev/null ||
		{ echo "SKIP: $tool missing (poppler-utils, qpdf, zbar-tools)"; exit 77; }
done

qpdf_ok() {
	if qpdf --check "$2" >"$SCRATCH/.qpdf" 2>&1 && grep -q "No syntax or stream encoding errors" "$SCRATCH/.qpdf"; then
		pass
	else
		fail "$1: qpdf --check"; sed 's/^/    /' "$SCRATCH/.qpdf" >&2
	fi
}

# info_is DESCRIPTION FILE PATTERN: pdfinfo's output matches PATTERN.
info_is() {
	pdfinfo "$2" >"$SCRATCH/.info" 2>&1 || true
	expect_grep "$1" "$3" "$SCRATCH/.info"
}

# Words as letters only; a hyphen between letters joins them.
words() {
	sed 's/\([[:alpha:]]\)[-‐]\([[:alpha:]]\)/\1\2/g' | grep -oP '[\p{L}\p{M}]+' || true
}

# The body words of a Markdown article: no front matter, no link targets.
md_words() {
	awk 'NR == 1 && $0 == "---" { fm = 1; next } fm && $0 == "---" { fm = 0; next } !fm' "$1" |
		sed -e 's/](\([^)]*\))/]/g' -e 's/<https\?:[^>]*>//g' | words
}

# The words of a PDF, hyphenated line ends rejoined.
pdf_words() {
	pdftotext -enc UTF-8 "$1" - | sed -z -e 's/[-‐]\n//g' -e 's/\xc2\xad\n//g' | words
}

# all_words DESCRIPTION MD PDF: every word of MD is somewhere in PDF (the
# panels are read in columns, so the order is not checked here).
all_words() {
	md_words "$2" | sort -u >"$SCRATCH/.want"
	pdf_words "$3" | sort -u >"$SCRATCH/.got"
	missing=$(comm -23 "$SCRATCH/.want" "$SCRATCH/.got" | head -5 | tr '\n' ' ')
	if [ -s "$SCRATCH/.want" ] && [ -z "$missing" ]; then pass; else
		fail "$1: words missing from the PDF: ${missing:-(no words wanted)}"; fi
}

# qr_is DESCRIPTION PDF PAGE WANT: page PAGE of PDF, at 150 dpi, holds exactly
# one QR code and it decodes to WANT ("" = no code at all).
qr_is() {
	rm -f "$SCRATCH"/.qr-*.png
	pdftoppm -r 150 -f "$3" -l "$3" -png "$2" "$SCRATCH/.qr"
	got=$(zbarimg -q --raw "$SCRATCH"/.qr-*.png 2>/dev/null || true)
	if [ "$got" = "$4" ]; then pass; else fail "$1: QR code reads '$got', wanted '$4'"; fi
}

# page_text FILE PAGE: the text of one page.
page_text() {
	pdftotext -enc UTF-8 -f "$2" -l "$2" "$1" -
}

# ---- a short article on a Letter sheet ---------------------------------------
expect_ok "tri-fold of a short article" $T "$F" export "$SHORT" -o "$SCRATCH/t.pdf" -O layout=trifold
expect_no_grep "no warning (the profile's logo is the clinic's, not the article's)" "warning" "$SCRATCH/cmd.stderr"
qpdf_ok "tri-fold, Letter" "$SCRATCH/t.pdf"
# The clinic's logo on the cover: the outside's one image.
if [ "$(pdfimages -f 2 -l 2 -list "$SCRATCH/t.pdf" | tail -n +3 | wc -l)" -eq 1 ]; then pass; else
	fail "the cover has no logo"; fi
info_is "two pages" "$SCRATCH/t.pdf" "^Pages: *2$"
info_is "landscape Letter" "$SCRATCH/t.pdf" "^Page size: *792 x 612 pts"
info_is "not rotated" "$SCRATCH/t.pdf" "^Page rot: *0$"
all_words "every word of the article is printed" "$SHORT" "$SCRATCH/t.pdf"
page_text "$SCRATCH/t.pdf" 1 >"$SCRATCH/inside.txt"
page_text "$SCRATCH/t.pdf" 2 >"$SCRATCH/outside.txt"
expect_grep "the article starts inside" "Why does my heel hurt" "$SCRATCH/inside.txt"
expect_no_grep "no title block inside (the cover has it)" "Heel Pain in the" "$SCRATCH/inside.txt"
expect_no_grep "no running footer in the panels" "Page 1 of" "$SCRATCH/inside.txt"
expect_grep "cover: title" "Heel Pain in the" "$SCRATCH/outside.txt"
expect_grep "cover: subtitle" "A short guide to plantar heel pain" "$SCRATCH/outside.txt"
expect_grep "cover: byline" "Ines Marchetti, P.T." "$SCRATCH/outside.txt"
expect_grep "cover: date" "14 March 2025" "$SCRATCH/outside.txt"
expect_grep "back: heading" "Contact us" "$SCRATCH/outside.txt"
expect_grep "back: address" "48 Willow Bank Road" "$SCRATCH/outside.txt"
expect_grep "back: phone" "555-0147" "$SCRATCH/outside.txt"
expect_grep "back: e-mail" "frontdesk@riverside-physio.example" "$SCRATCH/outside.txt"
expect_grep "back: disclaimer" "replace advice from your" "$SCRATCH/outside.txt"
# ... at 9 pt or more (issue 17): pdftotext's box of a 9 pt word is about 10 pt tall.
if pdftotext -f 2 -l 2 -bbox "$SCRATCH/t.pdf" - | python3 -c '
import re, sys
hs = [float(b) - float(a) for a, b in
      re.findall(r"yMin=\"([0-9.]+)\" xMax=\"[0-9.]+\" yMax=\"([0-9.]+)\">physiotherapist<", sys.stdin.read())]
sys.exit(0 if hs and min(hs) >= 9.0 else 1)'; then pass; else
	fail "the back panel's disclaimer is printed smaller than 9 pt"; fi
expect_grep "back: QR caption" "Read this online" "$SCRATCH/outside.txt"
expect_grep "an empty flap is an appointment card" "Your next appointment" "$SCRATCH/outside.txt"
qr_is "back panel QR: the article's url" "$SCRATCH/t.pdf" 2 "$URL"
qr_is "no QR code inside" "$SCRATCH/t.pdf" 1 ""

# Where things are on the outside (x of a word's left edge, points): the
# cover is the right-hand panel, the back the middle one.
x_of() {
	pdftotext -bbox -f 2 -l 2 "$1" - |
		awk -F'"' -v w="$2" '$0 ~ ">" w "</word>" { printf "%d\n", $2; exit }'
}
x=$(x_of "$SCRATCH/t.pdf" Contact)
if [ -n "$x" ] && [ "$x" -gt 265 ] && [ "$x" -lt 531 ]; then pass; else
	fail "the back panel is the middle one (Contact at x=$x)"; fi
x=$(x_of "$SCRATCH/t.pdf" Heel)
if [ -n "$x" ] && [ "$x" -gt 531 ]; then pass; else
	fail "the cover is the right-hand panel (Heel at x=$x)"; fi

expect_ok "the same brochure twice" $T "$F" export "$SHORT" -o "$SCRATCH/t2.pdf" -O layout=trifold
if cmp -s "$SCRATCH/t.pdf" "$SCRATCH/t2.pdf"; then pass; else fail "tri-fold is not reproducible"; fi

# ---- A4 and the other QR choices ---------------------------------------------------
expect_ok "tri-fold on A4" $T "$F" export "$SHORT" -o "$SCRATCH/a4.pdf" -O layout=trifold -O paper=a4
qpdf_ok "tri-fold, A4" "$SCRATCH/a4.pdf"
info_is "A4: two pages" "$SCRATCH/a4.pdf" "^Pages: *2$"
info_is "landscape A4" "$SCRATCH/a4.pdf" "^Page size: *841.89 x 595.27.* pts"
all_words "A4: every word" "$SHORT" "$SCRATCH/a4.pdf"
qr_is "A4 back panel QR" "$SCRATCH/a4.pdf" 2 "$URL"

expect_ok "qr=site" $T "$F" export "$SHORT" -o "$SCRATCH/site.pdf" -O layout=trifold -O qr=site
qr_is "qr=site: the clinic's website" "$SCRATCH/site.pdf" 2 "$SITE"
expect_ok "qr=none" $T "$F" export "$SHORT" -o "$SCRATCH/none.pdf" -O layout=trifold -O qr=none
qr_is "qr=none: no code" "$SCRATCH/none.pdf" 2 ""
page_text "$SCRATCH/none.pdf" 2 >"$SCRATCH/none.txt"
expect_no_grep "qr=none: no caption" "Read this online" "$SCRATCH/none.txt"

# ---- too long, and shrink -------------------------------------------------------------
expect_status "the sample is too long for a tri-fold" 1 \
	$T "$F" export "$SAMPLE" -o "$SCRATCH/long.pdf" -O layout=trifold
expect_stderr "the error names the file" "neck-pain-desk-work.md"
expect_stderr "the error says by how much" "the article needs 6 panels; a tri-fold holds 4: shorten it by about 2 panels"
expect_stderr "the error suggests shrink" "-O shrink=true"
expect_absent "no file left after the error" "$SCRATCH/long.pdf"
expect_status "shrink has a floor" 1 \
	$T "$F" export "$SAMPLE" -o "$SCRATCH/long.pdf" -O layout=trifold -O shrink=true
expect_stderr "shrink: the error says even 11 pt is not enough" "even at 11 pt, the article needs"
expect_absent "no file left after shrink fails" "$SCRATCH/long.pdf"

# ---- the disclaimer at 9 pt: a long one fits beside a smaller code; a far too
# long one is an error, never an overflowing panel ---------------------------------
disc_profile() { # FILE TIMES: the default profile, its disclaimer repeated TIMES times
	grep -v '^logo:' "$FOLIO_SOURCE_DIR/assets/profile/default.yaml" | sed '/^disclaimer:/,$d' >"$1"
	printf 'disclaimer: "' >>"$1"
	i=0; while [ $i -lt "$2" ]; do printf 'This leaflet is general information and does not replace advice. ' >>"$1"; i=$((i + 1)); done
	printf '"\n' >>"$1"
}
disc_profile "$SCRATCH/disc8.yaml" 8
expect_ok "a long disclaimer fits the back panel" $T "$F" export --profile "$SCRATCH/disc8.yaml" "$SHORT" \
	-o "$SCRATCH/d8.pdf" -O layout=trifold
qr_is "a long disclaimer: the code still reads" "$SCRATCH/d8.pdf" 2 "$URL"
disc_profile "$SCRATCH/disc30.yaml" 30
expect_status "a disclaimer too long for the back panel" 1 \
	$T "$F" export --profile "$SCRATCH/disc30.yaml" "$SHORT" -o "$SCRATCH/d30.pdf" -O layout=trifold
expect_stderr "the error says what is too long" "disclaimer takes"
expect_absent "no file left after the disclaimer error" "$SCRATCH/d30.pdf"

expect_status "a slightly long article" 1 \
	$T "$F" export "$LONGISH" -o "$SCRATCH/l.pdf" -O layout=trifold
expect_stderr "slightly long: 5 panels" "needs 5 panels"
expect_ok "shrink fits it" $T "$F" export "$LONGISH" -o "$SCRATCH/l.pdf" -O layout=trifold -O shrink=true
qpdf_ok "shrunk tri-fold" "$SCRATCH/l.pdf"
info_is "shrunk: two pages" "$SCRATCH/l.pdf" "^Pages: *2$"
all_words "shrunk: every word" "$LONGISH" "$SCRATCH/l.pdf"
# Smaller type: the body's most common font size is under 12 pt.
size=$(pdftotext -bbox-layout -f 1 -l 1 "$SCRATCH/l.pdf" - |
	awk -F'"' '/<line / { h = $8 - $4; if (h > 0) print int(h * 10) }' | sort | uniq -c | sort -rn |
	awk 'NR == 1 { print $2 }')
ref=$(pdftotext -bbox-layout -f 1 -l 1 "$SCRATCH/t.pdf" - |
	awk -F'"' '/<line / { h = $8 - $4; if (h > 0) print int(h * 10) }' | sort | uniq -c | sort -rn |
	awk 'NR == 1 { print $2 }')
if [ -n "$size" ] && [ -n "$ref" ] && [ "$size" -lt "$ref" ]; then pass; else
	fail "shrink sets smaller lines (line height x10: $size vs $ref)"; fi

BI=$(ls "$FOLIO_SOURCE_DIR"/tests/fixtures/bilingual/*.md | head -1)
expect_status "trifold and bilingual do not mix" 1 \
	$T "$F" export "$BI" -o "$SCRATCH/bi.pdf" -O layout=trifold -O bilingual=columns
expect_stderr "trifold + bilingual: says so" "cannot be combined with bilingual"

# ---- QR codes on a handout ------------------------------------------------------------------
expect_ok "handout with a QR code" $T "$F" export "$SHORT" -o "$SCRATCH/h.pdf"
qpdf_ok "handout with a QR code" "$SCRATCH/h.pdf"
last=$(pdfinfo "$SCRATCH/h.pdf" | sed -n 's/^Pages: *//p')
qr_is "handout: the url on the last page" "$SCRATCH/h.pdf" "$last" "$URL"
page_text "$SCRATCH/h.pdf" "$last" >"$SCRATCH/h.txt"
expect_grep "handout: caption" "Read this online" "$SCRATCH/h.txt"
expect_ok "handout, qr=site" $T "$F" export "$SHORT" -o "$SCRATCH/hs.pdf" -O qr=site
qr_is "handout: the site" "$SCRATCH/hs.pdf" "$last" "$SITE"
expect_ok "handout, qr=none" $T "$F" export "$SHORT" -o "$SCRATCH/hn.pdf" -O qr=none
qr_is "handout: no code" "$SCRATCH/hn.pdf" "$last" ""
expect_ok "the long sample as a handout" $T "$F" export "$SAMPLE" -o "$SCRATCH/hl.pdf"
last=$(pdfinfo "$SCRATCH/hl.pdf" | sed -n 's/^Pages: *//p')
qr_is "handout: the sample's url" "$SCRATCH/hl.pdf" "$last" "https://example.org/blog/neck-pain-desk-work"

# The code is in the handout's closing panel ("When to call us"), which keeps
# together: on the last page when it has room, else on a new page that takes
# at least five lines of the article from the page before, never alone. At
# 20 pt (no side rail: the code sits at the panel's right), for every length
# from 1 to 40 paragraphs: the code reads on the last page, and a last page
# after the first has at least five lines of the article above the panel.
bad=""
full=""
for n in $(seq 1 40); do
	{ printf -- '---\ntitle: Filling the page\nurl: %s\n---\n\n' "$URL"
	  for i in $(seq 1 "$n"); do
		printf 'Line %d of a paragraph that only fills space on the page.\n\n' "$i"
	  done; } >"$SCRATCH/fill.md"
	if ! "$F" export "$SCRATCH/fill.md" -o "$SCRATCH/fill.pdf" -O font-size=20 2>/dev/null; then
		bad="$bad $n:export"
		continue
	fi
	b=$(pdfinfo "$SCRATCH/fill.pdf" | sed -n 's/^Pages: *//p')
	page_text "$SCRATCH/fill.pdf" "$b" >"$SCRATCH/fill.txt"
	above=$(sed '/When to call us/,$d' "$SCRATCH/fill.txt" | grep -c .)
	grep -q "When to call us" "$SCRATCH/fill.txt" || bad="$bad $n:no-panel"
	if [ "$b" -gt 1 ] && [ "$above" -lt 5 ]; then bad="$bad $n:$above-lines"; fi
	if [ "$b" -gt 1 ] && [ -z "$full" ]; then full=$n; fi
done
if [ -z "$bad" ]; then pass; else fail "the closing panel's last page:$bad"; fi
[ -n "$full" ] || full=40
{ printf -- '---\ntitle: Filling the page\nurl: %s\n---\n\n' "$URL"
  for i in $(seq 1 "$full"); do
	printf 'Line %d of a paragraph that only fills space on the page.\n\n' "$i"
  done; } >"$SCRATCH/fill.md"
expect_ok "the first length that takes two pages" "$F" export "$SCRATCH/fill.md" -o "$SCRATCH/fill.pdf" -O font-size=20
b=$(pdfinfo "$SCRATCH/fill.pdf" | sed -n 's/^Pages: *//p')
qr_is "two pages: the code on the last" "$SCRATCH/fill.pdf" "$b" "$URL"
qr_is "two pages: none on the page before" "$SCRATCH/fill.pdf" $((b - 1)) ""
page_text "$SCRATCH/fill.pdf" "$b" >"$SCRATCH/fill.txt"
expect_grep "the last page has the footer" "Page $b of $b" "$SCRATCH/fill.txt"
expect_grep "the last page has the article's text" "Line" "$SCRATCH/fill.txt"

# An article without a url falls back to the site; qr=site without a website
# warns and draws nothing.
sed '/^url:/d' "$SHORT" >"$SCRATCH/nourl.md"
expect_ok "no url: the site instead" $T "$F" export "$SCRATCH/nourl.md" -o "$SCRATCH/nu.pdf"
last=$(pdfinfo "$SCRATCH/nu.pdf" | sed -n 's/^Pages: *//p')
qr_is "no url: the site" "$SCRATCH/nu.pdf" "$last" "$SITE"
printf 'name: Test Clinic\n' >"$SCRATCH/bare.yaml"
expect_ok "no url, no website" $T "$F" export "$SCRATCH/nourl.md" -o "$SCRATCH/bare.pdf" \
	--profile "$SCRATCH/bare.yaml" -O qr=site
expect_stderr "qr=site without a website warns" "no website"
qr_is "no url, no website: no code" "$SCRATCH/bare.pdf" "$last" ""

# A url no QR code can hold: a warning, and the leaflet without a code.
{ printf -- '---\ntitle: A long address\nurl: https://clinic.example/'
  head -c 4000 /dev/zero | tr '\0' a
  printf '\n---\n\nSome text.\n'; } >"$SCRATCH/longurl.md"
expect_ok "a url too long for a QR code" $T "$F" export "$SCRATCH/longurl.md" -o "$SCRATCH/lu.pdf"
expect_stderr "too long: a warning" "too long for a QR code; no QR code printed"
qr_is "too long: no code" "$SCRATCH/lu.pdf" 1 ""

# ---- the options are listed ------------------------------------------------------------------
expect_ok "folio formats pdf" "$F" formats pdf
for opt in "layout=handout|trifold" "shrink=bool" "qr=url|site|none"; do
	expect_grep "formats lists $opt" "$opt" "$SCRATCH/cmd.stdout"
done

finish
