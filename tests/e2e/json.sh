#!/bin/sh
# The json exporter end to end, through the folio command.
#
# For every assets/samples/*.md and tests/fixtures/text/constructs.md:
#   - the output equals tests/fixtures/json/NAME.json (golden);
#   - python3 parses it, the top-level keys are the schema's in order, each
#     block's and inline's keys are its type's in order, reference blocks
#     index the top-level references correctly;
#   - the bytes are exactly what Python writes back for the parsed value
#     (two-space indentation, ": " and ",", one final newline), so nothing
#     but our layout is in there;
#   - pretty=false parses to the same value on one line; two runs match.
#
# Regenerating the goldens (after a deliberate change; read the diff!):
#   FOLIO_REGEN=1 ctest -R '^json$'     (from the build folder)
set -eu
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8
F=$FOLIO_BIN
GOLD="$FOLIO_SOURCE_DIR/tests/fixtures/json"
# Relative paths, so "source" does not depend on the checkout.
cd "$FOLIO_SOURCE_DIR"
mkdir -p "$GOLD"

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

# schema DESCRIPTION PRETTY COMPACT: the structural checks, in Python.
schema() {
	if python3 - "$2" "$3" >"$SCRATCH/.schema" 2>&1 <<'EOF'
import json, sys
pretty_bytes = open(sys.argv[1], "rb").read()
compact_bytes = open(sys.argv[2], "rb").read()
doc = json.loads(pretty_bytes.decode("utf-8"))
TOP = ["folio", "title", "subtitle", "authors", "date", "lang", "tags", "summary", "url",
       "source", "display", "meta", "blocks", "references"]
assert list(doc) == TOP, f"top-level keys {list(doc)}"
assert doc["folio"] == 1
assert list(doc["display"]) == ["lang", "dir", "byline", "date"], doc["display"]
assert doc["display"]["dir"] in ("ltr", "rtl")
assert all(list(a) == ["name", "credentials"] for a in doc["authors"])
BLOCK = {"heading": ["level", "content"], "paragraph": ["content"],
         "list": ["ordered", "start", "tight", "items"], "block_quote": ["blocks"],
         "code_block": ["info", "text"], "thematic_break": [],
         "image": ["src", "alt", "caption"], "table": ["align", "rows"],
         "references": ["title", "first", "count"]}
INLINE = {"text": ["text"], "emph": ["content"], "strong": ["content"], "strike": ["content"],
          "code": ["text"], "link": ["url", "title", "content"], "line_break": []}
REF = ["text", "content", "authors", "et_al", "title", "journal", "year", "volume", "issue",
       "pages", "doi", "pmid", "url"]
seen = set()
def inlines(xs):
    for x in xs:
        assert list(x) == ["type"] + INLINE[x["type"]], f"inline keys {list(x)}"
        seen.add(x["type"])
        if "content" in x:
            inlines(x["content"])
def blocks(xs):
    for b in xs:
        assert list(b) == ["type"] + BLOCK[b["type"]], f"block keys {list(b)}"
        seen.add(b["type"])
        t = b["type"]
        if t in ("heading", "paragraph"):
            inlines(b["content"])
        elif t == "list":
            for item in b["items"]:
                blocks(item)
        elif t == "block_quote":
            blocks(b["blocks"])
        elif t == "table":
            assert all(a in ("default", "left", "center", "right") for a in b["align"])
            for row in b["rows"]:
                for cell in row:
                    inlines(cell)
        elif t == "references":
            assert b["first"] + b["count"] <= len(doc["references"]), "references out of range"
blocks(doc["blocks"])
for r in doc["references"]:
    assert list(r) == REF, f"reference keys {list(r)}"
    inlines(r["content"])
    if r["doi"] is not None:
        assert r["doi"].startswith("10."), r["doi"]
# Our string rules: '"' and '\\' escaped, control characters and U+2028/9
# as \u00XX / \u2028, everything else as it is.
def encode(text):
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ch in "\u2028\u2029":
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'
json.encoder.encode_basestring = encode  # used by the indenting encoder
expected = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
assert pretty_bytes.decode("utf-8") == expected, "layout differs from json.dumps(indent=2)"
assert compact_bytes.count(b"\n") == 1 and compact_bytes.endswith(b"\n"), "compact: not one line"
assert json.loads(compact_bytes) == doc, "pretty=false holds another value"
print(" ".join(sorted(seen)))
EOF
	then pass; else fail "$1: $(tail -1 "$SCRATCH/.schema")"; fi
}

for src in assets/samples/*.md tests/fixtures/text/constructs.md; do
	[ -f "$src" ] || continue
	name=$(basename "$src" .md)
	out="$SCRATCH/$name.json"
	expect_ok "$name" "$F" export "$src" -f json -o "$out"
	golden "$name" "$out" "$GOLD/$name.json"
	expect_ok "$name pretty=false" "$F" export "$src" -f json -O pretty=false -o "$SCRATCH/$name.compact.json"
	schema "$name" "$out" "$SCRATCH/$name.compact.json"
	"$F" export "$src" -f json -o "$SCRATCH/$name.again.json"
	if cmp -s "$out" "$SCRATCH/$name.again.json"; then pass; else fail "$name: two runs differ"; fi
	expect_grep "$name: source recorded" "\"source\": \"$src\"" "$out"
done

# The constructs article reaches every block type and the common inlines.
cp "$SCRATCH/.schema" "$SCRATCH/constructs.seen"
for t in block_quote code_block emph heading image link list paragraph references strike strong \
	table text thematic_break; do
	if grep -qw "$t" "$SCRATCH/constructs.seen"; then pass; else
		fail "constructs.json has no $t"; fi
done

# A file name ending in .json picks the format by itself.
expect_ok "by extension" "$F" export assets/samples/neck-pain-desk-work.md -o "$SCRATCH/by-ext.json"
if cmp -s "$SCRATCH/by-ext.json" "$SCRATCH/neck-pain-desk-work.json"; then pass; else
	fail "-o x.json differs from -f json"; fi
expect_status "pretty=maybe refused" 2 "$F" export assets/samples/neck-pain-desk-work.md -f json -O pretty=maybe -o "$SCRATCH/bad.json"
expect_absent "nothing written for a refused option" "$SCRATCH/bad.json"

finish
