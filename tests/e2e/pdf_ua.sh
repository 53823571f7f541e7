#!/bin/sh
# PDF/UA-1 checks for every layout folio writes (handout, tri-fold, both
# bilingual layouts) over the samples and fixtures, read by two independent
# readers:
#  - poppler: `pdfinfo` says Tagged: yes; `pdfinfo -struct-text` prints a
#    tree that starts at Document and holds the title as H1;
#  - qpdf (the file uncompressed): /Tabs /S on every page, XMP with
#    pdfuaid:part 1, dc:title and dc:language;
#  - pdf.js (tests/js/pdf_struct.mjs): /MarkInfo, /Lang, DisplayDocTitle,
#    every text run tagged or an artifact, roles for headings (in the
#    source's order), lists, tables and figures, /Alt on every figure, links
#    tied to their annotations.
#  - our own checker (tests/e2e/pdf_marked.py): every text, image and path
#    operator of every content stream inside marked content with an MCID
#    or an /Artifact, properly nested with text objects.
# PDF_UA_LAYOUTS (default: all) limits the layouts checked: "handout",
# "trifold", "columns", "flip", separated by spaces. In ctest as pdf_ua
# (tests/a11y.cmake).
# Run by hand from a build tree (after `ctest -R a11y_npm_ci`):
#   FOLIO_SOURCE_DIR=$PWD FOLIO_BIN=$PWD/build/bin/folio FOLIO_BUILD_DIR=$PWD/build \
#   FOLIO_PLUGIN_DIR=$PWD/build/plugins FOLIO_NODE=node \
#   NODE_PATH=$PWD/build/js/node_modules sh tests/e2e/pdf_ua.sh
set -eu
. "$FOLIO_SOURCE_DIR/tests/e2e/lib.sh"
S="$FOLIO_SOURCE_DIR/assets/samples"
FX="$FOLIO_SOURCE_DIR/tests/fixtures"
cd "$SCRATCH"
LAYOUTS=${PDF_UA_LAYOUTS:-handout trifold columns flip}
wants() { case " $LAYOUTS " in *" $1 "*) return 0 ;; esac; return 1; }

expect_ok "the content-stream checker catches untagged content" \
	python3 "$FOLIO_SOURCE_DIR/tests/e2e/pdf_marked.py" --self-test

# check_pdf NAME PDF SOURCE.md
check_pdf() {
	name=$1; pdf=$2; md=$3
	title=$(sed -n 's/^title: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$md" | head -n 1)
	pdfinfo "$pdf" > "$name.info" 2>&1 || true
	expect_grep "$name: pdfinfo says tagged" "^Tagged: *yes" "$name.info"
	pdfinfo -struct-text "$pdf" > "$name.struct" 2>&1 || true
	expect_grep "$name: the poppler tree starts at Document" "^Document" "$name.struct"
	# (the source's straight apostrophes are typographic in the PDF)
	title=$(printf '%s' "$title" | sed "s/'/’/g")
	if grep -A2 "^ *H1" "$name.struct" | grep -qF "$title"; then pass; else
		fail "$name: poppler's tree has no H1 reading \"$title\""; fi
	qpdf --qdf --object-streams=disable "$pdf" "$name.qdf" 2>/dev/null || true
	expect_ok "$name: qpdf page checks" python3 - "$name.qdf" <<'PY'
import re, sys
s = open(sys.argv[1], 'rb').read().decode('latin-1')
pages = len(re.findall(r'/Type /Page\b(?!s)', s))
tabs = len(re.findall(r'/Tabs /S\b', s))
bad = []
if tabs < pages: bad.append(f'{pages} pages, {tabs} with /Tabs /S (ISO 14289-1 7.18.3, WCAG PDF3)')
for key in ('pdfuaid:part', 'dc:title', 'dc:language'):
    if key not in s: bad.append(f'XMP metadata lacks {key} (Matterhorn 06-002, 06-003)')
if not re.search(r'/StructTreeRoot', s): bad.append('no /StructTreeRoot (Matterhorn checkpoint 01)')
if not re.search(r'/ParentTree', s): bad.append('no /ParentTree')
for b in bad: print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
	expect_ok "$name: all content tagged or an artifact" \
		python3 "$FOLIO_SOURCE_DIR/tests/e2e/pdf_marked.py" "$pdf"
	[ ! -s "$SCRATCH/cmd.stderr" ] || sed 's/^/    /' "$SCRATCH/cmd.stderr" >&2
	expect_ok "$name: pdf.js structure checks" "$FOLIO_NODE" \
		"$FOLIO_SOURCE_DIR/tests/js/pdf_struct.mjs" "$pdf" "$md"
	[ ! -s "$SCRATCH/cmd.stdout" ] || sed 's/^/    /' "$SCRATCH/cmd.stdout" >&2
}

wants handout && for md in "$S"/*.md "$FX"/html/a11y-wide.md "$FX"/html/with-images.md "$FX"/trifold/heel-pain.md; do
	base=$(basename "$md" .md)
	expect_ok "$base handout" "$FOLIO_BIN" export "$md" -o "$base-handout.pdf"
	check_pdf "$base-handout" "$base-handout.pdf" "$md"
done
# the samples are too long for a tri-fold; these fit one
wants trifold && for md in "$FX"/html/a11y-wide.md "$FX"/html/with-images.md "$FX"/trifold/heel-pain.md; do
	base=$(basename "$md" .md)
	expect_ok "$base trifold" "$FOLIO_BIN" export "$md" -o "$base-trifold.pdf" -O layout=trifold
	check_pdf "$base-trifold" "$base-trifold.pdf" "$md"
done
for mode in columns flip; do
	wants $mode || continue
	md="$FX/bilingual/ankle-en.md"
	expect_ok "bilingual $mode" "$FOLIO_BIN" export "$md" -o "ankle-$mode.pdf" -O bilingual=$mode
	check_pdf "ankle-$mode" "ankle-$mode.pdf" "$md"
	# the French half carries its language on its elements
	if grep -q "/Lang *(fr" "ankle-$mode.qdf"; then pass; else
		fail "ankle-$mode: no element with /Lang (fr...) for the French half (Matterhorn checkpoint 11)"; fi
done

finish
