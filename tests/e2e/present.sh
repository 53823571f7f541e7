#!/bin/sh
# One French article by three authors: its byline and date read the same in
# text, HTML, PDF and JSON (the presentation catalogue, folio/present.h).
set -eu
. "$FOLIO_SOURCE_DIR/tests/e2e/lib.sh"
cd "$SCRATCH"

cat > trois.md <<'MD'
---
title: Bouger après une entorse
lang: fr-CA
date: 2024-05-01
author:
  - name: Anne Roy
    credentials: PT
  - name: Benoît Lavoie
    credentials: DPT
  - name: Claire Dubé
    credentials: RMT
---

Reprenez la marche peu à peu, sans douleur vive.
MD
BYLINE="Anne Roy, PT; Benoît Lavoie, DPT et Claire Dubé, RMT"
DATE="1 mai 2024"

expect_ok "text export" "$FOLIO_BIN" export trois.md -o trois.txt
expect_ok "html export" "$FOLIO_BIN" export trois.md -o trois.html
expect_ok "pdf export" "$FOLIO_BIN" export trois.md -o trois.pdf
expect_ok "json export" "$FOLIO_BIN" export trois.md -o trois.json
pdftotext -enc UTF-8 trois.pdf trois.pdf.txt
# Collapse the HTML to its text (tags dropped, entities left as they are).
sed 's/<[^>]*>//g' trois.html > trois.html.txt
# The PDF may wrap the byline; join its lines with spaces before searching.
tr '\n' ' ' < trois.pdf.txt | tr -s ' ' > trois.pdf.flat
for f in trois.txt trois.html.txt trois.pdf.flat; do
	if grep -qF "$BYLINE" "$f"; then pass; else fail "$f lacks the byline '$BYLINE'"; sed 's/^/    /' "$f" | head -20 >&2; fi
	if grep -qF "$DATE" "$f"; then pass; else fail "$f lacks the date '$DATE'"; fi
	if grep -qE "(^| )By [A-Z]|Roy, PT and|DPT and " "$f"; then
		fail "$f has an English byline"
	else pass; fi
done
# The default profile's disclaimer in the article's language, in HTML and PDF;
# a language it lacks gets the English text, marked as English in HTML.
if grep -qF '<p class="disclaimer">Ce dépliant donne' trois.html; then pass; else
	fail "the HTML disclaimer is not the profile's French one"; fi
if grep -qF "Ce dépliant donne des renseignements" trois.pdf.flat; then pass; else
	fail "the PDF disclaimer is not the profile's French one"; fi
# ... at a readable size: pdftotext's box of a 9 pt word is about 10 pt tall.
if pdftotext -bbox trois.pdf - | python3 -c '
import re, sys
hs = [float(b) - float(a) for a, b in
      re.findall(r"yMin=\"([0-9.]+)\" xMax=\"[0-9.]+\" yMax=\"([0-9.]+)\">dépliant<", sys.stdin.read())]
sys.exit(0 if hs and min(hs) >= 9.0 else 1)'; then pass; else
	fail "the disclaimer is printed smaller than 9 pt"; fi
cat > tagalog.md <<'MD'
---
title: Paglalakad pagkatapos ng pilay
lang: tl
---

Maglakad nang dahan-dahan araw-araw, at huminto kapag sumakit nang husto.
MD
expect_ok "tagalog html" "$FOLIO_BIN" export tagalog.md -o tagalog.html
if grep -qF '<p class="disclaimer" lang="en">This leaflet' tagalog.html; then pass; else
	fail "a fallback disclaimer is not marked lang=\"en\""; fi
# In the PDF the handout prints it once, in the closing panel, as a P of the
# structure tree marked /Lang (en), after the panel's heading in Tagalog.
expect_ok "tagalog pdf" "$FOLIO_BIN" export tagalog.md -o tagalog.pdf
pdfinfo -struct-text tagalog.pdf >tagalog.struct
if python3 - tagalog.struct <<'EOF'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'H2 \(block\)\n\s*"Kailan kami tatawagan.*\n\s*P \(block\)\n\s*"This leaflet', s, re.S)
sys.exit(0 if m and s.count("This leaflet") == 1 else 1)
EOF
then pass; else fail "the PDF disclaimer is not one P after the closing panel's heading"; fi
qpdf --qdf --object-streams=disable tagalog.pdf tagalog.qdf
if grep -a -B3 -A12 "/Lang (en)" tagalog.qdf | grep -aq "/S /P"; then pass; else
	fail "the fallback disclaimer's P is not marked /Lang (en)"; fi
# JSON gives the same two strings, for whatever shows the article next.
if python3 - "$BYLINE" "$DATE" <<'EOF'
import json, sys
d = json.load(open("trois.json", encoding="utf-8"))["display"]
assert d == {"lang": "fr", "dir": "ltr", "byline": "Par " + sys.argv[1], "date": sys.argv[2]}, d
EOF
then pass; else fail "JSON's display byline and date differ from the other formats"; fi
if grep -qF "Par $BYLINE" trois.txt && grep -qF "Par $BYLINE" trois.pdf.flat; then pass; else
	fail "text and PDF do not both start the byline with 'Par'"; fi
finish
