#!/bin/sh
# The txt exporter end to end, through the folio command.
#
# Inputs: every assets/samples/*.md plus tests/fixtures/text/constructs.md
# (every block kind, CJK, emoji, an unbreakable URL). For each, at widths 40,
# 72 and 100:
#   - the output equals tests/fixtures/text/NAME.wWIDTH.txt (golden);
#   - every word of the Markdown source appears, in order;
#   - no line is wider than the width in display columns unless it holds a
#     single word (after its indentation or markers), no trailing spaces,
#     exactly one final newline, no CR;
# and once per input: eol=crlf is the same text with CRLF line ends,
# links=inline puts "<url>" in the text and drops the notes, and two runs
# are byte-identical.
#
# Regenerating the goldens (after a deliberate change; read the diff!):
#   FOLIO_REGEN=1 ctest -R '^text$'     (from the build folder)
# rewrites tests/fixtures/text/*.txt from the current build and passes.
set -eu
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8
F=$FOLIO_BIN
GOLD="$FOLIO_SOURCE_DIR/tests/fixtures/text"
# Relative paths, so what the output records does not depend on the checkout.
cd "$FOLIO_SOURCE_DIR"

# Words as letters only (hyphens and apostrophes split them), so markup
# ("*", "_", "[1]", list markers) does not matter.
words() {
	grep -oP '[\p{L}\p{M}\p{N}]+' || true
}

# The body words of a Markdown file: no front matter, no link targets, no
# image sources, no table rules; the front matter's title, subtitle and
# author are printed first, so they lead.
md_words() {
	awk 'NR == 1 && $0 == "---" { fm = 1; next }
	     fm && $0 == "---" { fm = 0; next }
	     fm && /^(title|subtitle|author):/ { sub(/^[a-z]+: */, ""); print; next }
	     !fm' "$1" |
		sed -E -e 's/^[ >]*([0-9]+[.)]|[-*+]) +//' -e 's/]\([^)]*\)/]/g' -e 's/<https?:[^>]*>//g' | words
}

# The words of the document as the json exporter sees it, in reading order:
# title, subtitle, authors, then every block's text (a references block
# brings its entries), image alt text and captions included. A second
# opinion on md_words that does not depend on reading Markdown with sed.
json_words() {
	"$F" export "$1" -f json -o - | python3 -c '
import json, sys
d = json.load(sys.stdin)
out = [d["title"] or "", d["subtitle"] or ""]
for a in d["authors"]:
    out += [a["name"], a["credentials"] or ""]
def inl(xs):
    for x in xs:
        if "text" in x:
            out.append(x["text"])
        inl(x.get("content", []))
def blk(xs):
    for b in xs:
        t = b["type"]
        if t in ("heading", "paragraph"):
            inl(b["content"])
        elif t == "list":
            for item in b["items"]:
                blk(item)
        elif t == "block_quote":
            blk(b["blocks"])
        elif t == "code_block":
            out.append(b["text"])
        elif t == "image":
            out.extend([b["alt"], b["caption"] or ""])
        elif t == "table":
            for row in b["rows"]:
                for cell in row:
                    inl(cell)
        elif t == "references":
            out.append(b["title"] or "")
            for r in d["references"][b["first"]:b["first"] + b["count"]]:
                inl(r["content"])
blk(d["blocks"])
print("\n".join(out))' | words
}

# in_order DESCRIPTION WANT GOT: WANT's words appear in GOT in the same order.
in_order() {
	if awk -v want="$2" 'BEGIN { n = 0; while ((getline w < want) > 0) W[n++] = w; i = 0 }
		{ if (i < n && $0 == W[i]) i++ }
		END { if (n == 0) { print "no words wanted"; exit 1 }
		      if (i < n) { printf "word %d of %d, \"%s\" (after \"%s\"), missing or out of order\n", i + 1, n, W[i], (i ? W[i - 1] : ""); exit 1 } }' "$3" >"$SCRATCH/.order"; then
		pass
	else
		fail "$1: $(cat "$SCRATCH/.order")"
	fi
}

# shape DESCRIPTION WIDTH FILE SOURCE: the line rules every txt output
# keeps. Lines of the source's fenced code blocks may be wider (code is
# never wrapped).
shape() {
	if python3 - "$2" "$3" "$4" >"$SCRATCH/.shape" 2>&1 <<'EOF'
import sys, unicodedata
width, path = int(sys.argv[1]), sys.argv[2]
code, fenced = set(), False
for src in open(sys.argv[3], encoding="utf-8"):
    if src.lstrip().startswith("```"):
        fenced = not fenced
    elif fenced:
        code.add(src.strip())
data = open(path, "rb").read()
assert b"\r" not in data, "CR in LF output"
assert data.endswith(b"\n") and not data.endswith(b"\n\n"), "not exactly one final newline"
def cols(s):
    # Terminal columns: wide/fullwidth 2, combining marks and ZWJ 0,
    # emoji modifiers 0 (they join the emoji before them).
    w = 0
    for ch in s:
        if unicodedata.combining(ch) or ch in "\u200d\ufe0f" or 0x1F3FB <= ord(ch) <= 0x1F3FF:
            continue
        w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return w
for n, line in enumerate(data.decode("utf-8").split("\n")[:-1], 1):
    assert not line.endswith((" ", "\t")), f"line {n}: trailing space"
    if cols(line) > width and line.strip() not in code:
        body = line.lstrip(" >-*+").split(" ")
        assert len(body) == 1, f"line {n}: {cols(line)} columns > {width}: {line!r}"
EOF
	then pass; else fail "$1: $(cat "$SCRATCH/.shape")"; fi
}

# golden DESCRIPTION GOT GOLDEN: equal, or rewritten when FOLIO_REGEN=1.
golden() {
	if [ "${FOLIO_REGEN:-}" = 1 ]; then
		cp "$2" "$3"
		echo "regenerated $3"
		pass
	elif [ ! -f "$3" ]; then
		fail "$1: no golden $3 (FOLIO_REGEN=1 writes it)"
	elif cmp -s "$2" "$3"; then
		pass
	else
		fail "$1: differs from $3"
		diff -u "$3" "$2" | head -20 >&2 || true
	fi
}

for src in assets/samples/*.md tests/fixtures/text/constructs.md; do
	[ -f "$src" ] || continue
	name=$(basename "$src" .md)
	md_words "$src" >"$SCRATCH/$name.want"
	json_words "$src" >"$SCRATCH/$name.jwant"
	for w in 40 72 100; do
		out="$SCRATCH/$name.w$w.txt"
		expect_ok "$name width=$w" "$F" export "$src" -f txt -O "width=$w" -o "$out"
		golden "$name width=$w" "$out" "$GOLD/$name.w$w.txt"
		words <"$out" >"$SCRATCH/$name.got"
		in_order "$name width=$w: words in order" "$SCRATCH/$name.want" "$SCRATCH/$name.got"
		in_order "$name width=$w: the tree's words in order" "$SCRATCH/$name.jwant" "$SCRATCH/$name.got"
		shape "$name width=$w" "$w" "$out" "$src"
	done

	# The default is width 72 with notes and LF.
	expect_ok "$name default" "$F" export "$src" -f txt -o "$SCRATCH/$name.default.txt"
	if cmp -s "$SCRATCH/$name.default.txt" "$SCRATCH/$name.w72.txt"; then pass; else
		fail "$name: the default differs from width=72"; fi

	# Reproducible.
	"$F" export "$src" -f txt -o "$SCRATCH/$name.again.txt"
	if cmp -s "$SCRATCH/$name.again.txt" "$SCRATCH/$name.default.txt"; then pass; else
		fail "$name: two runs differ"; fi

	# CRLF: the same text, every line ending in CR LF.
	expect_ok "$name eol=crlf" "$F" export "$src" -f txt -O eol=crlf -o "$SCRATCH/$name.crlf.txt"
	if [ "$(tr -d '\r' <"$SCRATCH/$name.crlf.txt" | cksum)" = "$(cksum <"$SCRATCH/$name.default.txt")" ]; then
		pass
	else
		fail "$name: eol=crlf is not the LF text with CR LF line ends"
	fi
	if python3 -c 'import sys; d=open(sys.argv[1],"rb").read(); sys.exit(0 if d.count(b"\n")==d.count(b"\r\n") and d.endswith(b"\r\n") and not d.endswith(b"\r\n\r\n") else 1)' "$SCRATCH/$name.crlf.txt"; then
		pass; else fail "$name: a bare LF or a doubled final line end with eol=crlf"; fi

	# Link notes versus inline links.
	expect_ok "$name links=inline" "$F" export "$src" -f txt -O links=inline -o "$SCRATCH/$name.inline.txt"
	if grep -q '\[1\]' "$SCRATCH/$name.default.txt"; then
		grep '^\[1\] ' "$SCRATCH/$name.default.txt" | head -1 | cut -d' ' -f2 >"$SCRATCH/url1"
		url=$(cat "$SCRATCH/url1")
		expect_grep "$name: inline link" "<$url>" "$SCRATCH/$name.inline.txt"
		expect_no_grep "$name: no notes when inline" '^\[1\] ' "$SCRATCH/$name.inline.txt"
	fi
	shape "$name links=inline" 72 "$SCRATCH/$name.inline.txt" "$src"
done

# A file name ending in .txt picks the format by itself.
expect_ok "by extension" "$F" export assets/samples/neck-pain-desk-work.md -o "$SCRATCH/by-ext.txt"
if cmp -s "$SCRATCH/by-ext.txt" "$SCRATCH/neck-pain-desk-work.default.txt"; then pass; else
	fail "-o x.txt differs from -f txt"; fi

# Out-of-range options are refused with a usage error and write nothing.
expect_status "width=19 refused" 2 "$F" export assets/samples/neck-pain-desk-work.md -f txt -O width=19 -o "$SCRATCH/bad.txt"
expect_absent "nothing written for a refused option" "$SCRATCH/bad.txt"
expect_status "links=footnotes refused" 2 "$F" export assets/samples/neck-pain-desk-work.md -f txt -O links=footnotes -o "$SCRATCH/bad.txt"

finish
