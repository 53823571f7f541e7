#!/bin/sh
# The running footer of a right-to-left leaflet is mirrored: the page label on
# the left, the clinic's name on the right and its contact details to the
# name's left (a bilingual leaflet's disclaimer lines flush right); a left-to-right leaflet keeps the
# clinic on the left and the page label on the right. Read from pdftotext's
# word boxes on page 1.
set -eu
. "$FOLIO_SOURCE_DIR/tests/e2e/lib.sh"
cd "$SCRATCH"
FX="$FOLIO_SOURCE_DIR/tests/fixtures/langs"

expect_ok "arabic leaflet" "$FOLIO_BIN" export "$FX/ar.md" -o ar.pdf
expect_ok "hebrew leaflet" "$FOLIO_BIN" export "$FX/he.md" -o he.pdf
expect_ok "spanish leaflet" "$FOLIO_BIN" export "$FX/es.md" -o es.pdf
for l in ar he es; do
	pdftotext -f 1 -l 1 -bbox $l.pdf $l.html
	dir=ltr
	[ $l = es ] || dir=rtl
	expect_ok "$l: footer arranged $dir" python3 - $l.html $dir <<'PY'
import html, re, sys
src = open(sys.argv[1], encoding="utf-8").read()
width = float(re.search(r'<page width="([\d.]+)"', src).group(1))
words = [(float(a), float(b), float(c), html.unescape(w)) for a, b, c, w in re.findall(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)</word>', src)]
# the default profile's clinic: "Riverside Physiotherapy & Wellness"
name = [w for w in words if w[3] == "Riverside"]
assert name, "no clinic name in the footer"
x0, y, _, _ = name[-1]
line = [w for w in words if abs(w[1] - y) < 2]
# the page label's number: "1" on the clinic's line (a one-page leaflet: "1 ... 1")
digits = [w for w in line if w[3].strip("/") .isdigit()]
assert digits, f"no page number beside the clinic's name: {[w[3] for w in line]}"
phone = [w for w in words if re.fullmatch(r"\d{3}-\d{4}", w[3])]
rtl = sys.argv[2] == "rtl"
mid = width / 2
if rtl:
    assert x0 > mid, f"the clinic's name starts at {x0:.0f} of {width:.0f}: not on the right"
    assert max(d[2] for d in digits) < mid, "the page label is not on the left"
    if phone:
        assert phone[-1][0] < x0, "the contact details are not left of the clinic's name"
else:
    assert x0 < mid, f"the clinic's name starts at {x0:.0f}: not on the left"
    assert min(d[0] for d in digits) > mid, "the page label is not on the right"
PY
done
finish
