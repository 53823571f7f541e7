#!/bin/sh
# A batch site copies every local image its pages use beside them, and each
# page's <img src> loads the source's bytes: nested and flat sites, a
# "../" source, one file used twice, two articles with the same image name,
# and a zip of the site.
set -e
. "$(dirname "$0")/lib.sh"
F=$FOLIO_BIN
FIX="python3 $FOLIO_SOURCE_DIR/tests/e2e/png_fixture.py"

mkdir -p "$SCRATCH/in/arts/img" "$SCRATCH/in/shared"
cp "$FOLIO_SOURCE_DIR/assets/profile/logo.png" "$SCRATCH/in/arts/img/pic.png"
$FIX write "$SCRATCH/in/shared/other.png" rgb16 20 10
mkdir -p "$SCRATCH/in/arts/two-img"
$FIX write "$SCRATCH/in/arts/two-img/pic.png" pal2 9 7
printf -- '---\ntitle: "One"\n---\n\nText.\n\n![Pic](img/pic.png)\n\n![Other](../shared/other.png)\n\n![Again](img/pic.png)\n' \
	>"$SCRATCH/in/arts/one.md"
printf -- '---\ntitle: "Two"\n---\n\nText.\n\n![Pic](two-img/pic.png)\n\n![Web](https://example.org/x.png)\n' \
	>"$SCRATCH/in/arts/two.md"

# check_site ROOT: every local <img src> of every page is a file with the
# bytes of the source the article named.
check_site() {
	python3 - "$1" "$SCRATCH/in/arts" <<'PY'
import html.parser, os, sys
root, arts = sys.argv[1], sys.argv[2]
want = {"one": ["img/pic.png", "../shared/other.png", "img/pic.png"],
        "two": ["two-img/pic.png"]}
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.srcs = []
    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.srcs.append(dict(attrs)["src"])
bad = 0
for slug, sources in want.items():
    page = os.path.join(root, slug, slug + ".html")
    if not os.path.exists(page):
        page = os.path.join(root, slug + ".html")
    p = P()
    p.feed(open(page, encoding="utf-8").read())
    local = [s for s in p.srcs if "://" not in s]
    if len(local) != len(sources):
        print("%s: %d local images, wanted %d" % (page, len(local), len(sources)))
        bad = 1
    for src, orig in zip(local, sources):
        path = os.path.normpath(os.path.join(os.path.dirname(page), src))
        if not path.startswith(os.path.normpath(root) + os.sep):
            print("%s: %s points outside the site" % (page, src)); bad = 1; continue
        if not os.path.isfile(path):
            print("%s: %s does not load" % (page, src)); bad = 1; continue
        if open(path, "rb").read() != open(os.path.join(arts, orig), "rb").read():
            print("%s: %s is not %s" % (page, src, orig)); bad = 1
sys.exit(bad)
PY
}

expect_ok "a nested site with images" "$F" batch -q "$SCRATCH/in/arts" -o "$SCRATCH/nested" -f pdf,html
if check_site "$SCRATCH/nested"; then pass; else fail "the nested site's images load"; fi
# The PDFs still find the images at their own sources.
for slug in one two; do
	n=$(pdfimages -list "$SCRATCH/nested/$slug/$slug.pdf" | tail -n +3 | grep -c image || true)
	if [ "$n" -ge 2 ]; then pass; else fail "$slug.pdf holds its images ($n)"; fi
done

expect_ok "a flat site with images" "$F" batch -q "$SCRATCH/in/arts" -o "$SCRATCH/flat" -f html --flat
if check_site "$SCRATCH/flat"; then pass; else fail "the flat site's images load"; fi
# Two articles' pic.png do not overwrite each other in a flat site.
if ! cmp -s "$SCRATCH/flat/one-files/pic.png" "$SCRATCH/flat/two-files/pic.png"; then pass; else
	fail "each article keeps its own pic.png"; fi

# Without a site format, nothing but the pages is written.
expect_ok "a batch without html" "$F" batch -q "$SCRATCH/in/arts" -o "$SCRATCH/txt" -f txt
if [ -z "$(find "$SCRATCH/txt" -name '*.png')" ]; then pass; else fail "no images without a site"; fi

expect_ok "a zipped site" "$F" batch -q "$SCRATCH/in/arts" -o "$SCRATCH/site.zip" -f html
mkdir -p "$SCRATCH/unzipped"
python3 -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])" \
	"$SCRATCH/site.zip" "$SCRATCH/unzipped"
if check_site "$SCRATCH/unzipped"; then pass; else fail "the zipped site's images load"; fi

finish
