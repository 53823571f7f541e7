#!/bin/sh
# The handout's measure and typography read back from the PDF's own text
# boxes (issue 19; tests/e2e/pdf_measure.py): on Letter and A4 at 12 pt, and
# at 14 pt, the median full body line holds 45-75 characters; in the default
# ragged text at most 2 % of lines end in a hyphen, and none does before a
# paragraph's last line or at the foot of a page; no page after the first
# holds fewer than five lines of the article (the closing "When to call us"
# panel with the QR code does not count), none holds only the panel or the
# code, and no reference is split across two pages.
set -e
. "$(dirname "$0")/lib.sh"
F=$FOLIO_BIN
T="timeout 300"
for tool in pdftotext python3; do
	command -v $tool >/dev/null || { echo "skipped: $tool missing"; exit 77; }
done
FIX=$FOLIO_SOURCE_DIR/tests/fixtures
MEASURE="python3 $FOLIO_SOURCE_DIR/tests/e2e/pdf_measure.py --json"

# check NAME PDF SIZE [fill]: the measures of PDF, body at SIZE points; with
# "fill", only how the pages are filled (an article of tables and code, not
# of prose lines).
check() {
	if $MEASURE --size "$3" "$2" >"$SCRATCH/m.json" && python3 - "$SCRATCH/m.json" "${4:-}" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
bad = []
prose = sys.argv[2] != "fill"
if prose and m["full_body_lines"] >= 5 and not 45 <= m["median_chars"] <= 75:
    bad.append("median %s characters per full body line" % m["median_chars"])
if m["hyphenated_share"] > 0.02:
    bad.append("%.1f %% of lines hyphenated" % (100 * m["hyphenated_share"]))
if m["hyphen_before_last_line"] or m["hyphen_at_page_end"]:
    bad.append("hyphen before a last line or at a page end: %s" % m["examples"])
if any(n < 5 for n in m["article_lines_per_page"][1:]):
    bad.append("a page after the first with fewer than five lines of the article: %s"
               % m["article_lines_per_page"])
if m["pages_without_article"]:
    bad.append("pages with only the QR code or the closing panel: %s" % m["pages_without_article"])
if m["references_split_at_page"]:
    bad.append("a reference split across pages: %s" % m["references_split_at_page"])
if bad:
    print("; ".join(bad))
sys.exit(1 if bad else 0)
PY
	then pass; else fail "$1: $(cat "$SCRATCH/m.json")"; fi
}

for md in "$FOLIO_SOURCE_DIR"/assets/samples/*.md "$FIX"/trifold/*.md "$FIX"/measure/*.md \
	"$FIX"/md/features.md; do
	slug=$(basename "$md" .md)
	for opts in "letter 12" "a4 12" "letter 14"; do
		paper=${opts% *}
		size=${opts#* }
		out="$SCRATCH/$slug-$paper-$size.pdf"
		expect_ok "$slug $opts" $T "$F" export "$md" -o "$out" -O paper=$paper -O font-size=$size
		check "$slug $opts" "$out" "$size" "$([ "$slug" = features ] && echo fill)"
	done
done

# hyphenate=true still hyphenates where the breaker likes (more lines end in
# a hyphen than by default), never before a paragraph's last line.
md=$FIX/measure/long-words.md
expect_ok "forced" $T "$F" export "$md" -o "$SCRATCH/forced.pdf" -O hyphenate=true
$MEASURE "$SCRATCH/forced.pdf" >"$SCRATCH/forced.json"
$MEASURE "$SCRATCH/$(basename "$md" .md)-letter-12.pdf" >"$SCRATCH/default.json"
if python3 - "$SCRATCH/forced.json" "$SCRATCH/default.json" <<'PY'
import json, sys
f, d = (json.load(open(p)) for p in sys.argv[1:3])
sys.exit(0 if f["hyphenated_lines"] > d["hyphenated_lines"] and f["hyphen_before_last_line"] == 0 else 1)
PY
then pass; else fail "hyphenate=true: $(cat "$SCRATCH/forced.json")"; fi

# A DOI and a URL break only after "/" or before ". - _ ? #", no hyphen added:
# every line that ends inside one ends with "/" or is followed by a line that
# starts with one of ". - _ ? #".
pdftotext -raw "$SCRATCH/long-words-letter-12.pdf" "$SCRATCH/lw.txt"
if python3 - "$SCRATCH/lw.txt" <<'PY'
import re, sys
lines = [l.strip() for l in open(sys.argv[1], encoding="utf-8")]
# (a reference's last word, followed by the next reference, is whole)
bad = []
for a, b in zip(lines, lines[1:]):
    last = a.split()[-1] if a.split() else ""
    if ("doi.org" in last or "://" in last) and not last.endswith((".", ")")):
        if not (last.endswith("/") or b[:1] in ".-_?#" or re.match(r"\d+\. ", b)):
            bad.append(last + " | " + b[:20])
print(bad)
sys.exit(1 if bad else 0)
PY
then pass; else fail "a DOI or URL broken elsewhere than / . - _ ? #"; fi

finish
