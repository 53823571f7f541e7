#!/bin/sh
# PDF/UA-1 checks for every layout folio writes (handout, tri-fold, both
# bilingual layouts) over the samples and fixtures, read by two independent
# readers:
#  - poppler: `pdfinfo` says Tagged: yes; `pdfinfo -struct-text` prints a
#    tree that starts at Document and holds the title as H1;
#  - qpdf: --check passes; the file uncompressed: /Tabs /S on every page,
#    XMP with pdfuaid:part 1, dc:title and dc:language;
#  - pdf.js (tests/js/pdf_struct.mjs): /MarkInfo, /Lang, DisplayDocTitle,
#    every text run tagged or an artifact, roles for headings (in the
#    source's order), lists, tables and figures, /Alt on every figure, links
#    tied to their annotations.
#  - our own checkers: tests/e2e/pdf_marked.py (every text, image and path
#    operator of every content stream inside marked content with an MCID
#    or an /Artifact, properly nested with text objects) and
#    tests/e2e/pdf_order.py (poppler's whole tree against the source: its
#    blocks in order, a bilingual leaflet one language whole then the other,
#    a tri-fold cover -> inside -> back, Lbl in every LI, no furniture).
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
expect_ok "the reading-order checker catches a tree out of order" \
	python3 "$FOLIO_SOURCE_DIR/tests/e2e/pdf_order.py" --self-test

# check_pdf NAME LAYOUT PDF SOURCE.md [TRANSLATION.md]
check_pdf() {
	name=$1; layout=$2; pdf=$3; md=$4; tr=${5:-}
	title=$(sed -n 's/^title: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$md" | head -n 1)
	pdfinfo "$pdf" > "$name.info" 2>&1 || true
	expect_grep "$name: pdfinfo says tagged" "^Tagged: *yes" "$name.info"
	pdfinfo -struct-text "$pdf" > "$name.struct" 2>&1 || true
	expect_grep "$name: the poppler tree starts at Document" "^Document" "$name.struct"
	# (the source's straight apostrophes are typographic in the PDF)
	title=$(printf '%s' "$title" | sed "s/'/’/g")
	if grep -A2 "^ *H1" "$name.struct" | grep -qF "$title"; then pass; else
		fail "$name: poppler's tree has no H1 reading \"$title\""; fi
	if qpdf --check "$pdf" > "$name.check" 2>&1 && grep -q "No syntax or stream encoding errors" "$name.check"
	then pass; else fail "$name: qpdf --check"; sed 's/^/    /' "$name.check" >&2; fi
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
		"$FOLIO_SOURCE_DIR/tests/js/pdf_struct.mjs" "$pdf" "$md" $tr
	[ ! -s "$SCRATCH/cmd.stdout" ] || sed 's/^/    /' "$SCRATCH/cmd.stdout" >&2
	expect_ok "$name: reading order (poppler's tree against the source)" \
		python3 "$FOLIO_SOURCE_DIR/tests/e2e/pdf_order.py" "$name.struct" "$layout" "$md" $tr
	sed 's/^/    /' "$SCRATCH/cmd.stdout" >&2
	pdftotext -enc UTF-8 "$pdf" "$name.txt"
	expect_ok "$name: every word whole in pdftotext (line-end hyphens, ligatures)" \
		python3 "$FOLIO_SOURCE_DIR/tests/e2e/pdf_order.py" --words "$name.txt" "$md" $tr
	[ ! -s "$SCRATCH/cmd.stdout" ] || sed 's/^/    /' "$SCRATCH/cmd.stdout" >&2
}

A="$FX/a11y"
wants handout && for md in "$S"/*.md "$FX"/html/a11y-wide.md "$FX"/html/with-images.md "$FX"/trifold/heel-pain.md \
		"$A"/epaule-fr.md "$A"/shoulder-en.md "$A"/mots-longs-fr.md; do
	base=$(basename "$md" .md)
	expect_ok "$base handout" "$FOLIO_BIN" export "$md" -o "$base-handout.pdf"
	check_pdf "$base-handout" handout "$base-handout.pdf" "$md"
done
# the samples are too long for a tri-fold; these fit one
wants trifold && for md in "$FX"/html/a11y-wide.md "$FX"/html/with-images.md "$FX"/trifold/heel-pain.md \
		"$A"/epaule-fr.md "$A"/shoulder-en.md "$A"/mots-longs-fr.md; do
	base=$(basename "$md" .md)
	expect_ok "$base trifold" "$FOLIO_BIN" export "$md" -o "$base-trifold.pdf" -O layout=trifold
	check_pdf "$base-trifold" trifold "$base-trifold.pdf" "$md"
done
# a profile without a text in the article's language: the English fallback
# disclaimer on the back panel is marked as English (Matterhorn 11-006)
if wants trifold; then
	printf -- '---\ntitle: Paglalakad pagkatapos ng pilay\nlang: tl\n---\n\n%s\n' \
		'Maglakad nang dahan-dahan araw-araw, at huminto kapag sumakit nang husto.' > tl.md
	expect_ok "tagalog trifold" "$FOLIO_BIN" export tl.md -o tl-trifold.pdf -O layout=trifold
	qpdf --qdf --object-streams=disable tl-trifold.pdf tl-trifold.qdf 2>/dev/null || true
	expect_grep "tagalog trifold: the fallback disclaimer is marked English" "/Lang (en)" tl-trifold.qdf
fi
# bilingual: the article, then its translation in the other language; the
# long words are justified in narrow columns, so that lines end in hyphens
for mode in columns flip; do
	wants $mode || continue
	for pair in "bilingual/ankle-en.md bilingual/ankle-fr.md" "a11y/epaule-fr.md a11y/shoulder-en.md" \
			"a11y/mots-longs-fr.md a11y/long-words-en.md"; do
		set -- $pair
		md="$FX/$1"; tr="$FX/$2"; base=$(basename "$1" .md)
		expect_ok "$base bilingual $mode" "$FOLIO_BIN" export "$md" -o "$base-$mode.pdf" \
			-O bilingual=$mode -O align=justify
		check_pdf "$base-$mode" $mode "$base-$mode.pdf" "$md" "$tr"
		# each half carries its language on its Sect (Matterhorn checkpoint 11)
		for lang in $(sed -n 's/^lang: *\([a-z]*\).*/\1/p' "$md" "$tr"); do
			if grep -q "/Lang *($lang" "$base-$mode.qdf"; then pass; else
				fail "$base-$mode: no element with /Lang ($lang...) for its half"; fi
		done
	done
done
# a line-end hyphen is marked as a soft hyphen (ISO 32000-1 14.8.2.2.3)
if ! wants columns || grep -a -q -i "/ActualText *<feff00ad>" mots-longs-fr-columns.qdf; then pass; else
	fail "mots-longs-fr-columns: no line-end hyphen marked /ActualText U+00AD"; fi

finish
