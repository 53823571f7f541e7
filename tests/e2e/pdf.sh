#!/bin/sh
# The pdf exporter end to end: valid files (qpdf), embedded subset fonts
# (pdffonts), silent poppler (no ToUnicode warnings), every word back in
# reading order (English and French), metadata, bookmarks, /Lang, footer,
# options, reproducibility, and hostile inputs that must not crash or hang.
set -eu
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8
F=$FOLIO_BIN
EN="$FOLIO_SOURCE_DIR/assets/samples/neck-pain-desk-work.md"
FR="$FOLIO_SOURCE_DIR/assets/samples/epaule-gelee.md"
T="timeout 300"

for tool in qpdf pdffonts pdftotext pdfinfo pdfimages; do
	command -v $tool >/dev/null || { echo "SKIP: $tool missing (poppler-utils, qpdf)"; exit 77; }
done

# qpdf_ok DESCRIPTION FILE: qpdf finds no syntax or stream errors.
qpdf_ok() {
	if qpdf --check "$2" >"$SCRATCH/.qpdf" 2>&1 && grep -q "No syntax or stream encoding errors" "$SCRATCH/.qpdf"; then
		pass
	else
		fail "$1: qpdf --check"; sed 's/^/    /' "$SCRATCH/.qpdf" >&2
	fi
}

# quiet DESCRIPTION COMMAND...: the command succeeds and prints nothing on stderr.
quiet() {
	d=$1; shift
	if "$@" >/dev/null 2>"$SCRATCH/.quiet" && [ ! -s "$SCRATCH/.quiet" ]; then pass; else
		fail "$d: stderr not empty"; sed 's/^/    /' "$SCRATCH/.quiet" | head -5 >&2; fi
}

# Words as letters only; a hyphen between letters joins them, so "desk-related"
# and a line broken as "desk-/related" compare equal.
words() {
	sed 's/\([[:alpha:]]\)[-‐]\([[:alpha:]]\)/\1\2/g' | grep -oP '[\p{L}\p{M}]+' || true
}

# The body words of a Markdown sample: no front matter, no link targets.
md_words() {
	awk 'NR == 1 && $0 == "---" { fm = 1; next } fm && $0 == "---" { fm = 0; next } !fm' "$1" |
		sed -e 's/](\([^)]*\))/]/g' -e 's/<https\?:[^>]*>//g' | words
}

# The words pdftotext reads back from the page bodies, with hyphenated line
# ends rejoined. Everything from the footer's first line down ("Page 1 of N"
# sits on it) is cropped away, so a word hyphenated across a page break
# joins up.
pdf_words() {
	size=$(pdfinfo "$1" | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\).*/\1 \2/p')
	w=${size%% *}
	footer=$(pdftotext -bbox -f 1 -l 1 "$1" - | awk -F'"' '
		/>[0-9]+<\/word>/ && prev == "Page" { top = $4 }
		{ prev = $0; sub(/.*">/, "", prev); sub(/<.*/, "", prev) }
		END { printf "%d", top - 4 }')
	pdftotext -enc UTF-8 -r 72 -x 0 -y 0 -W "${w%.*}" -H "$footer" "$1" - |
		sed -z -e 's/[-‐]\n\n*\f\?//g' -e 's/\xc2\xad\n//g' | words
}

# in_order DESCRIPTION WANT GOT: WANT's words appear in GOT in the same order
# (GOT may hold more: the title, the page footers).
in_order() {
	if awk -v want="$2" 'BEGIN { i = 0; n = 0; while ((getline w < want) > 0) W[n++] = w }
		{ if (i < n && $0 == W[i]) i++ }
		END { if (n == 0) { print "no words wanted"; exit 1 }
		      if (i < n) { printf "missing or out of order: word %d of %d, \"%s\" (after \"%s\")\n", i + 1, n, W[i], (i ? W[i - 1] : ""); exit 1 } }' "$3" >"$SCRATCH/.order"; then
		pass
	else
		fail "$1: $(cat "$SCRATCH/.order")"
	fi
}

# ---- the English sample ------------------------------------------------------
expect_ok "export the English sample" $T "$F" export "$EN" -o "$SCRATCH/en.pdf"
qpdf_ok "English sample" "$SCRATCH/en.pdf"
quiet "pdftotext says nothing (ToUnicode maps are valid)" pdftotext "$SCRATCH/en.pdf" -
quiet "pdfinfo says nothing" pdfinfo "$SCRATCH/en.pdf"
quiet "pdffonts says nothing" pdffonts "$SCRATCH/en.pdf"

pdffonts "$SCRATCH/en.pdf" | tail -n +3 >"$SCRATCH/fonts"
if [ -s "$SCRATCH/fonts" ] && awk '$(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes" { bad = 1 } END { exit bad }' "$SCRATCH/fonts"; then
	pass
else
	fail "every font embedded, subset and with a ToUnicode map"; cat "$SCRATCH/fonts" >&2
fi
expect_no_grep "no base-14 fallback font" "Type 1" "$SCRATCH/fonts"
expect_grep "the body face is Liberation Sans" "LiberationSans" "$SCRATCH/fonts"

md_words "$EN" >"$SCRATCH/en.want"
pdf_words "$SCRATCH/en.pdf" >"$SCRATCH/en.got"
in_order "every English word in reading order" "$SCRATCH/en.want" "$SCRATCH/en.got"
pdftotext -enc UTF-8 "$SCRATCH/en.pdf" "$SCRATCH/en.txt"
expect_grep "title" "Neck Pain and Desk Work" "$SCRATCH/en.txt"
expect_grep "footer: clinic" "Riverside Physiotherapy" "$SCRATCH/en.txt"
expect_grep "footer: phone" "555-0147" "$SCRATCH/en.txt"
expect_grep "footer: page N of M" "Page 1 of [0-9]" "$SCRATCH/en.txt"
expect_grep "footer: disclaimer" "general information" "$SCRATCH/en.txt"

pdfinfo "$SCRATCH/en.pdf" >"$SCRATCH/en.info"
expect_grep "info: title" "^Title: *Neck Pain and Desk Work" "$SCRATCH/en.info"
expect_grep "info: author with credentials" "^Author: *Maya Okafor, P.T." "$SCRATCH/en.info"
expect_grep "info: keywords from tags" "^Keywords: *neck, posture" "$SCRATCH/en.info"
expect_grep "info: subject from summary" "^Subject: *Neck pain is common" "$SCRATCH/en.info"
expect_grep "info: creator" "^Creator: *folio [0-9]" "$SCRATCH/en.info"
expect_grep "info: date from the article" "^CreationDate: .*May  1 12:00:00 2024" "$SCRATCH/en.info"
expect_grep "letter paper by default" "612 x 792" "$SCRATCH/en.info"

qpdf --json --json-key=outlines "$SCRATCH/en.pdf" >"$SCRATCH/en.json"
expect_grep "bookmarks from headings" '"title": "What is desk-related neck pain?"' "$SCRATCH/en.json"
qpdf --qdf --object-streams=disable "$SCRATCH/en.pdf" - | tr -s ' \n' '  ' >"$SCRATCH/en.qdf"
expect_grep "a link to the clinic's page" "/URI (https://example.org/services)" "$SCRATCH/en.qdf"
expect_grep "links drawn without a border" "/Border \[ 0 0 0 \]" "$SCRATCH/en.qdf"
expect_grep "catalog /Lang" "/Lang (en)" "$SCRATCH/en.qdf"
expect_grep "PDF 1.7" "^%PDF-1.7" "$SCRATCH/en.pdf"
expect_grep "an /ID from what the pages show" "/ID *\[ *<[0-9A-Fa-f]\{32\}> *<[0-9A-Fa-f]\{32\}> *\]" "$SCRATCH/en.qdf"
expect_grep "tagged: /MarkInfo" "/MarkInfo << /Marked true >>" "$SCRATCH/en.qdf"
expect_grep "tagged: a structure tree" "/StructTreeRoot [0-9]* 0 R" "$SCRATCH/en.qdf"
expect_grep "tagged: pdfinfo says so" "^Tagged: *yes" "$SCRATCH/en.info"
expect_grep "tagged: tab order follows the structure" "/Tabs /S" "$SCRATCH/en.qdf"
expect_grep "XMP: the PDF/UA identifier" "<pdfuaid:part>1</pdfuaid:part>" "$SCRATCH/en.qdf"
expect_grep "viewer shows the title" "/DisplayDocTitle true" "$SCRATCH/en.qdf"
expect_grep "XMP metadata" "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Neck Pain and Desk Work</rdf:li>" "$SCRATCH/en.qdf"
pdfimages -list "$SCRATCH/en.pdf" | tail -n +3 >"$SCRATCH/en.images"
expect_grep "the profile's logo on page 1" "^ *1 " "$SCRATCH/en.images"

size=$(wc -c <"$SCRATCH/en.pdf")
pages=$(sed -n 's/^Pages: *//p' "$SCRATCH/en.info")
echo "English sample: $size bytes, $pages pages"
if [ "$size" -le $((12000 * pages + 8000)) ]; then pass; else
	fail "fonts subset and streams compressed: $size bytes for $pages pages"; fi

# ---- reproducibility and dates ---------------------------------------------------
expect_ok "export again" $T "$F" export "$EN" -o "$SCRATCH/en2.pdf"
if cmp -s "$SCRATCH/en.pdf" "$SCRATCH/en2.pdf"; then pass; else fail "two runs give identical bytes"; fi
expect_ok "export with SOURCE_DATE_EPOCH" env SOURCE_DATE_EPOCH=1700000000 $T "$F" export "$EN" -o "$SCRATCH/epoch.pdf"
pdfinfo "$SCRATCH/epoch.pdf" >"$SCRATCH/epoch.info"
expect_grep "SOURCE_DATE_EPOCH sets the dates" "^CreationDate: .*Nov 14 22:13:20 2023" "$SCRATCH/epoch.info"
expect_grep "and the modification date" "^ModDate: .*Nov 14 22:13:20 2023" "$SCRATCH/epoch.info"

# ---- the French sample -----------------------------------------------------------------
expect_ok "export the French sample" $T "$F" export "$FR" -o "$SCRATCH/fr.pdf"
qpdf_ok "French sample" "$SCRATCH/fr.pdf"
quiet "pdftotext says nothing (French)" pdftotext "$SCRATCH/fr.pdf" -
md_words "$FR" >"$SCRATCH/fr.want"
pdf_words "$SCRATCH/fr.pdf" >"$SCRATCH/fr.got"
in_order "every French word, accents intact, in reading order" "$SCRATCH/fr.want" "$SCRATCH/fr.got"
expect_grep "accented words are there" "^épaule$" "$SCRATCH/fr.got"
pdftotext -enc UTF-8 "$SCRATCH/fr.pdf" "$SCRATCH/fr.txt"
expect_grep "French footer" "Page 1 sur [0-9]" "$SCRATCH/fr.txt"
qpdf --qdf --object-streams=disable "$SCRATCH/fr.pdf" - | tr -s ' \n' '  ' >"$SCRATCH/fr.qdf"
expect_grep "French /Lang" "/Lang (fr)" "$SCRATCH/fr.qdf"
pdfinfo "$SCRATCH/fr.pdf" >"$SCRATCH/fr.info"
expect_grep "accented title in the info" "^Title: *L.épaule gelée" "$SCRATCH/fr.info"

# ---- typography the fonts must cover or fold --------------------------------------------
cat >"$SCRATCH/glyphs.md" <<'EOF'
---
title: "Glyphs"
lang: en
---

Quotes “double” and ‘single’, dashes – and —, 5 µm, pain ≥ 3, ≤ 7, e‑mail, ﬁt, 2 − 1,
naïve café, Ñandú, Straße, Œuvre.
EOF
printf 'non\302\240breaking\302\240space.\n' >>"$SCRATCH/glyphs.md"
expect_ok "export the glyph test" $T "$F" export "$SCRATCH/glyphs.md" -o "$SCRATCH/glyphs.pdf"
# (one line: a narrow column may break between "≥" and "3")
pdftotext -enc UTF-8 "$SCRATCH/glyphs.pdf" - | tr '\n' ' ' >"$SCRATCH/glyphs.txt"
for s in "“double”" "‘single’" "– and —" "5 µm" "≥ 3" "≤ 7" "naïve" "café" "Ñandú" "Straße" "Œuvre"; do
	expect_grep "printed: $s" "$s" "$SCRATCH/glyphs.txt"
done
expect_grep "U+2011 folded to a hyphen" "e-mail" "$SCRATCH/glyphs.txt"
expect_grep "U+FB01 folded to f i" "fit," "$SCRATCH/glyphs.txt"
expect_grep "U+00A0 folded to a space" "non breaking space" "$SCRATCH/glyphs.txt"

# More than 255 different characters in one face: its codes take two bytes.
{ printf -- '---\ntitle: Many letters\nlang: en\n---\n\n'
  python3 -c 'print(" ".join("".join(chr(c) for c in range(b, b + 8)) for b in list(range(0x100, 0x180, 8)) + list(range(0x410, 0x450, 8))))'
  printf '\nThe quick brown fox jumps over the lazy dog: 0123456789 ()[]{}<>/\\|@#$%%&*+=?!\n'
} >"$SCRATCH/many.md"
expect_ok "export 300 different characters" $T "$F" export "$SCRATCH/many.md" -o "$SCRATCH/many.pdf"
qpdf_ok "300 different characters" "$SCRATCH/many.pdf"
quiet "pdftotext says nothing (two-byte codes)" pdftotext "$SCRATCH/many.pdf" -
qpdf --qdf --object-streams=disable "$SCRATCH/many.pdf" - >"$SCRATCH/many.qdf"
expect_grep "glyph IDs as two-byte codes (Identity-H)" "/Encoding /Identity-H" "$SCRATCH/many.qdf"
pdftotext -enc UTF-8 "$SCRATCH/many.pdf" "$SCRATCH/many.txt"
for s in "ĀāĂăĄąĆć" "ŸŹźŻżŽžſ" "АБВГДЕЖЗ" "шщъыьэюя" "jumps over the lazy dog" "{}<>/|@#"; do
	expect_grep "printed: $s" "$s" "$SCRATCH/many.txt"
done

# ---- footer from other profiles --------------------------------------------------------
{ printf 'name: Tiny Clinic\naccent: "#8b1f1f"\ndisclaimer: >\n'
  i=0; while [ $i -lt 60 ]; do printf '  This sentence repeats to make a disclaimer far too long for three lines.\n'; i=$((i + 1)); done
} >"$SCRATCH/long.yaml"
expect_ok "a profile with a very long disclaimer" $T "$F" export "$EN" --profile "$SCRATCH/long.yaml" -o "$SCRATCH/long.pdf"
pdftotext -enc UTF-8 "$SCRATCH/long.pdf" "$SCRATCH/long.txt"
expect_grep "the clinic's name" "Tiny Clinic" "$SCRATCH/long.txt"
# A handout prints the disclaimer once, whole, in its closing panel (never
# cut, never in the running footer).
n=$(tr '\n' ' ' <"$SCRATCH/long.txt" | grep -o "far too long for three lines" | wc -l)
if [ "$n" -eq 60 ]; then pass; else fail "the long disclaimer printed whole, once: $n of 60 sentences"; fi
expect_no_grep "the disclaimer is not cut" "…" "$SCRATCH/long.txt"
pdf_words "$SCRATCH/long.pdf" >"$SCRATCH/long.words"
in_order "the body is intact under a tall footer" "$SCRATCH/en.want" "$SCRATCH/long.words"
printf 'accent: "#336699"\n' >"$SCRATCH/bare.yaml"
expect_ok "a profile with no clinic details" $T "$F" export "$EN" --profile "$SCRATCH/bare.yaml" -o "$SCRATCH/bare.pdf"
pdftotext -enc UTF-8 "$SCRATCH/bare.pdf" "$SCRATCH/bare.txt"
expect_grep "still numbered" "Page 1 of" "$SCRATCH/bare.txt"
expect_no_grep "no stray separators" "·" "$SCRATCH/bare.txt"

# ---- options -----------------------------------------------------------------------------
expect_ok "paper=a4" $T "$F" export "$EN" -o "$SCRATCH/a4.pdf" -O paper=a4
pdfinfo "$SCRATCH/a4.pdf" >"$SCRATCH/a4.info"
expect_grep "A4 pages" "595.* x 841.*" "$SCRATCH/a4.info"
expect_ok "font-size=16, justified, no hyphenation" $T "$F" export "$EN" -o "$SCRATCH/big.pdf" \
	-O font-size=16 -O align=justify -O hyphenate=false
qpdf_ok "font-size=16" "$SCRATCH/big.pdf"
big_pages=$(pdfinfo "$SCRATCH/big.pdf" | sed -n 's/^Pages: *//p')
if [ "$big_pages" -gt "$pages" ]; then pass; else fail "bigger type takes more pages ($big_pages vs $pages)"; fi
expect_status "font-size out of range" 2 "$F" export "$EN" -o "$SCRATCH/x.pdf" -O font-size=40
expect_status "an unknown paper" 2 "$F" export "$EN" -o "$SCRATCH/x.pdf" -O paper=legal
expect_absent "nothing written for a bad option" "$SCRATCH/x.pdf"

# ---- hostile inputs: a sane PDF or a clear error, never a crash or a hang ----------------
# sane DESCRIPTION FILE.md: exit 0 with a valid PDF, or exit 1 with a message.
sane() {
	set +e
	$T "$F" export "$2" -o "${2%.md}.pdf" >"$SCRATCH/.out" 2>"$SCRATCH/.err"
	st=$?
	set -e
	if [ $st -eq 0 ]; then qpdf_ok "$1" "${2%.md}.pdf"
	elif [ $st -eq 1 ] && [ -s "$SCRATCH/.err" ]; then pass
	else fail "$1: exit $st"; head -5 "$SCRATCH/.err" >&2; fi
}

{ printf -- '---\ntitle: "One long word"\n---\n\n'; head -c 5000 /dev/zero | tr '\0' x; printf '\n'; } >"$SCRATCH/longword.md"
sane "a 5,000-character word" "$SCRATCH/longword.md"
expect_status "the long word is no error" 0 "$F" export "$SCRATCH/longword.md" -o "$SCRATCH/longword.pdf"

awk 'BEGIN { print "---\ntitle: \"Nested\"\n---\n"; for (i = 0; i < 50; i++) { s = ""; for (j = 0; j < i; j++) s = s "  "; print s "- item " i } }' >"$SCRATCH/nested.md"
sane "a 50-item nested list" "$SCRATCH/nested.md"

awk 'BEGIN { print "---\ntitle: \"Big\"\n---\n"; for (i = 0; i < 9000; i++) { if (i % 40 == 0) print "## Part " i "\n"; print "Paragraph " i " keeps going with ordinary words so that the article grows to about two megabytes of text, which no clinic would write but a batch job might meet.\n" } }' >"$SCRATCH/big.md"
sane "a 2 MB article" "$SCRATCH/big.md"

printf 'this is not a picture\n' >"$SCRATCH/fake.png"
printf -- '---\ntitle: "Picture"\n---\n\nBefore.\n\n![A shoulder exercise](fake.png)\n\nAfter.\n' >"$SCRATCH/badimage.md"
expect_ok "an image that is not an image" $T "$F" export "$SCRATCH/badimage.md" -o "$SCRATCH/badimage.pdf"
expect_stderr "a warning names it" "fake.png is missing or not a readable PNG"
qpdf_ok "bad image" "$SCRATCH/badimage.pdf"
pdftotext "$SCRATCH/badimage.pdf" "$SCRATCH/badimage.txt"
expect_grep "the alt text stands in" "A shoulder exercise" "$SCRATCH/badimage.txt"

# A PNG header (so the layout makes room) over garbage: libharu fails to
# decode it; that is a warning and an empty frame, not a failed export.
{ printf '\211PNG\r\n\032\n\000\000\000\015IHDR\000\000\000\100\000\000\000\100\010\002\000\000\000'; head -c 300 /dev/zero | tr '\0' x; } >"$SCRATCH/broken.png"
printf -- '---\ntitle: "Broken"\n---\n\nBefore.\n\n![A broken picture](broken.png)\n\nAfter.\n' >"$SCRATCH/broken.md"
expect_ok "a PNG libharu cannot decode" $T "$F" export "$SCRATCH/broken.md" -o "$SCRATCH/broken.pdf"
expect_stderr "it is reported" "broken.png is missing or not a readable PNG"
pdftotext "$SCRATCH/broken.pdf" "$SCRATCH/broken.txt"
expect_grep "its alt text stands in" "A broken picture" "$SCRATCH/broken.txt"
qpdf_ok "broken PNG" "$SCRATCH/broken.pdf"

# A sound 8-bit RGB PNG (one that could pass through) wider than 10,000
# pixels is refused like any other oversized image.
python3 - "$SCRATCH/wide.png" <<'PY'
import struct, sys, zlib
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
w = 10001
rows = b"\0" + b"\x80" * (3 * w)
with open(sys.argv[1], "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
PY
printf -- '---\ntitle: "Wide"\n---\n\n![A very wide strip](wide.png)\n' >"$SCRATCH/wide.md"
expect_ok "a PNG over 10,000 pixels wide" $T "$F" export "$SCRATCH/wide.md" -o "$SCRATCH/wide.pdf"
expect_stderr "it is refused" "wide.png is missing or not a readable PNG"

cp "$FOLIO_SOURCE_DIR/assets/profile/logo.png" "$SCRATCH/real.png"
printf -- '---\ntitle: "Picture"\n---\n\n![The clinic](real.png)\n' >"$SCRATCH/image.md"
expect_ok "a real PNG" $T "$F" export "$SCRATCH/image.md" -o "$SCRATCH/image.pdf"
pdfimages -list "$SCRATCH/image.pdf" | tail -n +3 | wc -l >"$SCRATCH/image.count"
if [ "$(cat "$SCRATCH/image.count")" -ge 2 ]; then pass; else fail "the article's image and the logo are drawn"; fi
# An 8-bit RGB PNG goes in as its own compressed rows (the PNG predictor):
# poppler decodes exactly the source's pixels.
qpdf_ok "a passed-through PNG" "$SCRATCH/image.pdf"
pdfimages -png "$SCRATCH/image.pdf" "$SCRATCH/img"
if python3 - "$SCRATCH/real.png" "$SCRATCH"/img-000.png <<'PY'
import struct, sys, zlib
def pixels(path):
    d = open(path, "rb").read()
    i, idat, w, h, ctype, depth = 8, b"", 0, 0, 0, 0
    while i < len(d):
        n, t = struct.unpack(">I4s", d[i:i + 8])
        body = d[i + 8:i + 8 + n]
        if t == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif t == b"IDAT":
            idat += body
        i += 12 + n
    assert depth == 8 and ctype in (0, 2), (depth, ctype)
    bpp = 3 if ctype == 2 else 1
    raw, stride, out, prev = zlib.decompress(idat), w * bpp, bytearray(), bytearray(w * bpp)
    for y in range(h):
        f, row = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = row[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            p = a + b - c
            pr = a if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c) else b if abs(p - b) <= abs(p - c) else c
            row[x] = (row[x] + (0, a, b, (a + b) // 2, pr)[f]) & 255
        out += row
        prev = row
    return w, h, bytes(out)
sys.exit(0 if pixels(sys.argv[1]) == pixels(sys.argv[2]) else 1)
PY
then pass; else fail "the PNG's pixels come back from the PDF unchanged"; fi


# A picture without alt text is reported (screen readers can only skip it);
# one with alt text is not.
mkdir -p "$SCRATCH/alt"
cp "$FOLIO_SOURCE_DIR/assets/profile/logo.png" "$SCRATCH/alt/wave.png"
printf -- '---\ntitle: Pictures\n---\n\nA first paragraph.\n\n![](wave.png)\n\n![A wave drawn in blue](wave.png)\n' \
	>"$SCRATCH/alt/pictures.md"
expect_ok "pictures with and without alt text" "$FOLIO_BIN" export "$SCRATCH/alt/pictures.md" \
	-o "$SCRATCH/alt/pictures.pdf"
"$FOLIO_BIN" export "$SCRATCH/alt/pictures.md" -o "$SCRATCH/alt/pictures.pdf" 2>"$SCRATCH/alt/err"
expect_grep "a picture without alt text is named, with its file" \
	"pictures.md: pdf: the picture wave.png has no alt text" "$SCRATCH/alt/err"
if [ "$(grep -c 'no alt text' "$SCRATCH/alt/err")" -eq 1 ]; then pass; else
	fail "only the picture without alt text is reported"; fi

finish
