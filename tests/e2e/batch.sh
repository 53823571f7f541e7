#!/bin/sh
# folio batch: folders and archives, failures skipped, order and bytes
# independent of -j, site files that validate and links that resolve, reports,
# shards, and interruption leaving nothing partial.
set -eu
. "$(dirname "$0")/lib.sh"
F=$FOLIO_BIN
N=${FOLIO_BATCH_N:-2000}
GEN="$FOLIO_SOURCE_DIR/bench/gen_corpus.py"
SAMPLES="$FOLIO_SOURCE_DIR/assets/samples"

# The samples as a site.
expect_ok "samples to a folder" "$F" batch -q "$SAMPLES" -o "$SCRATCH/site" -f pdf,txt,html
for f in index.html sitemap.xml feed.atom style.css \
	neck-pain-desk-work/neck-pain-desk-work.pdf neck-pain-desk-work/neck-pain-desk-work.txt \
	neck-pain-desk-work/neck-pain-desk-work.html epaule-gelee/epaule-gelee.html; do
	if [ -s "$SCRATCH/site/$f" ]; then pass; else fail "site lacks $f"; fi
done
# Every link of every page resolves to a file in the export.
python3 - "$SCRATCH/site" >"$SCRATCH/links.txt" <<'PY'
import html.parser, os, sys, urllib.parse
root = sys.argv[1]
bad = []
class P(html.parser.HTMLParser):
    def __init__(self, page):
        super().__init__(); self.page = page
    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k not in ("href", "src") or v is None: continue
            u = urllib.parse.urlparse(v)
            if u.scheme or v.startswith("#") or v.startswith("mailto:"): continue
            target = os.path.normpath(os.path.join(os.path.dirname(self.page), u.path))
            if not os.path.isfile(target): bad.append(f"{self.page}: {v}")
for d, _, files in os.walk(root):
    for f in files:
        if f.endswith(".html"):
            p = os.path.join(d, f); P(p).feed(open(p, encoding="utf-8").read())
print("\n".join(bad) if bad else "all links resolve")
PY
expect_grep "every link in the site resolves" "^all links resolve$" "$SCRATCH/links.txt"
if command -v tidy >/dev/null; then
	if tidy -errors -q "$SCRATCH/site/index.html" 2>"$SCRATCH/tidy.txt"; then pass; else
		fail "tidy finds errors in index.html: $(cat "$SCRATCH/tidy.txt")"; fi
fi
if command -v xmllint >/dev/null; then
	SCHEMAS="$FOLIO_SOURCE_DIR/tests/fixtures/schemas"
	expect_ok "sitemap.xml validates" xmllint --noout --schema "$SCHEMAS/sitemap.xsd" "$SCRATCH/site/sitemap.xml"
	expect_ok "feed.atom validates" xmllint --noout --relaxng "$SCHEMAS/atom.rng" "$SCRATCH/site/feed.atom"
fi
# The site in a browser: the index and an article page render, with no
# console messages (a missing stylesheet or a script error would show there).
CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROME" ]; then
	echo "SKIP: chromium is not installed (apt-get install chromium); the site was not rendered"
else
	for page in index.html neck-pain-desk-work/neck-pain-desk-work.html epaule-gelee/epaule-gelee.html; do
		shot="$SCRATCH/shot-$(echo "$page" | tr / _).png"
		log="$SCRATCH/chrome-$(echo "$page" | tr / _).log"
		set +e
		timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --no-first-run \
			--disable-background-networking --disable-component-update --disable-sync \
			--user-data-dir="$(mktemp -d "$SCRATCH/chrome.XXXXXX")" --enable-logging=stderr --v=0 \
			--screenshot="$shot" --window-size=1000,1200 "file://$SCRATCH/site/$page" >"$log" 2>&1
		rc=$?
		set -e
		if [ "$rc" -eq 0 ] && [ -s "$shot" ]; then pass; else fail "chromium could not render $page"; fi
		if grep -q "CONSOLE" "$log"; then fail "console messages on $page"; grep CONSOLE "$log" >&2; else pass; fi
	done
fi

# Newest first.
first=$(grep -o 'href="[^"]*\.html">' "$SCRATCH/site/index.html" | head -n 1)
case "$first" in *neck-pain*) pass ;; *) fail "index not newest first: $first" ;; esac

# One broken article among good ones: reported with file and line, skipped.
mkdir -p "$SCRATCH/mixed"
cp "$SAMPLES"/*.md "$SCRATCH/mixed/"
printf -- '---\ntitle: [unclosed\n---\n\nBody\n' >"$SCRATCH/mixed/broken.md"
expect_status "a broken article makes exit 1" 1 "$F" batch -q "$SCRATCH/mixed" -o "$SCRATCH/mixed-out" -f txt \
	--report "$SCRATCH/report.json"
expect_stderr "the failure names file and line" "broken.md:3:1:"
expect_absent "nothing for the broken article" "$SCRATCH/mixed-out/broken"
if [ -s "$SCRATCH/mixed-out/epaule-gelee/epaule-gelee.txt" ]; then pass; else fail "good articles not exported"; fi
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert (r["total"], r["exported"], r["failed"]) == (3, 2, 1), r; assert [a["status"] for a in r["articles"]].count("failed") == 1; assert all(4 < a["reading_grade"] < 12 for a in r["articles"] if a["status"] == "exported"), r' \
	"$SCRATCH/report.json" && pass || fail "the report is not what happened"

# A generated corpus: the same bytes with 1 and 2 threads, in a folder and a zip.
python3 "$GEN" "$N" "$SCRATCH/corpus"
expect_ok "corpus with -j 1" "$F" batch -q "$SCRATCH/corpus" -o "$SCRATCH/j1" -f pdf,txt,html -j 1
expect_ok "corpus with -j 2" "$F" batch -q "$SCRATCH/corpus" -o "$SCRATCH/j2" -f pdf,txt,html -j 2
if diff -r "$SCRATCH/j1" "$SCRATCH/j2" >/dev/null; then pass; else fail "-j 1 and -j 2 differ"; fi
count=$(find "$SCRATCH/j1" -name '*.pdf' | wc -l)
[ "$count" -eq "$N" ] && pass || fail "$count PDFs for $N articles"
rm -rf "$SCRATCH/j1" "$SCRATCH/j2"

head_corpus="$SCRATCH/corpus-small"
mkdir -p "$head_corpus"
ls "$SCRATCH/corpus" | head -n 50 | while read -r f; do cp "$SCRATCH/corpus/$f" "$head_corpus/"; done
# Zip entries are deflated on the workers (prepared), tar.gz is written the
# plain way: either way the bytes do not depend on -j.
for j in 1 2 4; do
	expect_ok "zip with -j $j" "$F" batch -q "$head_corpus" -o "$SCRATCH/j$j.zip" -f pdf,txt,html -j $j
done
cmp -s "$SCRATCH/j1.zip" "$SCRATCH/j2.zip" && pass || fail "zips differ between -j 1 and -j 2"
cmp -s "$SCRATCH/j1.zip" "$SCRATCH/j4.zip" && pass || fail "zips differ between -j 1 and -j 4"
expect_ok "the site zip tests clean" unzip -tq "$SCRATCH/j1.zip"
# Each entry is what the folder export wrote, deflated only when that is
# smaller (text and HTML), else stored.
expect_ok "folder for the zip" "$F" batch -q "$head_corpus" -o "$SCRATCH/j1dir" -f pdf,txt,html -j 2
python3 - "$SCRATCH/j1.zip" "$SCRATCH/j1dir" <<'PY' && pass || fail "zip entries differ from the folder's files"
import os, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = sorted(z.namelist())
files = sorted(os.path.relpath(os.path.join(d, f), sys.argv[2])
               for d, _, fs in os.walk(sys.argv[2]) for f in fs)
assert names == files, (len(names), len(files))
kinds = set()
for i in z.infolist():
    data = z.read(i)
    assert data == open(os.path.join(sys.argv[2], i.filename), "rb").read(), i.filename
    if i.compress_type == zipfile.ZIP_DEFLATED:
        assert i.compress_size < i.file_size, i.filename
    else:
        assert i.compress_type == zipfile.ZIP_STORED and i.compress_size == i.file_size, i.filename
    kinds.add((i.filename.rsplit(".", 1)[-1], i.compress_type))
assert ("txt", zipfile.ZIP_DEFLATED) in kinds and ("html", zipfile.ZIP_DEFLATED) in kinds, kinds
PY
rm -rf "$SCRATCH/j1dir" "$SCRATCH/j2.zip" "$SCRATCH/j4.zip"
for j in 1 2; do
	expect_ok "tar.gz site with -j $j" "$F" batch -q "$head_corpus" -o "$SCRATCH/j$j.tar.gz" -f txt -j $j
done
cmp -s "$SCRATCH/j1.tar.gz" "$SCRATCH/j2.tar.gz" && pass || fail "tar.gz differ between -j 1 and -j 2"
expect_ok "the site tar.gz lists" tar -tzf "$SCRATCH/j1.tar.gz"

# Shards cover the input exactly once.
for k in 1 2 3; do
	"$F" batch -q "$head_corpus" -o "$SCRATCH/shard$k" -f txt --shard "$k/3"
done
total=$(find "$SCRATCH"/shard1 "$SCRATCH"/shard2 "$SCRATCH"/shard3 -name '*.txt' | wc -l)
[ "$total" -eq 50 ] && pass || fail "3 shards hold $total articles, not 50"
expect_status "a bad shard" 2 "$F" batch "$head_corpus" -o "$SCRATCH/x" --shard 4/3

# Interrupted: exit 130, no archive, no temporaries.
"$F" batch -q "$SCRATCH/corpus" -o "$SCRATCH/int.zip" -f pdf,txt,html -j 2 &
pid=$!
sleep 1
kill -INT "$pid"
set +e
wait "$pid"
status=$?
set -e
[ "$status" -eq 130 ] && pass || fail "SIGINT gave exit $status, not 130"
expect_absent "no archive after SIGINT" "$SCRATCH/int.zip"
left=$(find "$SCRATCH" -maxdepth 1 -name '.int.zip.*' | wc -l)
[ "$left" -eq 0 ] && pass || fail "temporaries left after SIGINT"

expect_status "no inputs" 2 "$F" batch -o "$SCRATCH/x"
expect_status "no output" 2 "$F" batch "$SAMPLES"
expect_status "a missing input" 1 "$F" batch "$SCRATCH/none" -o "$SCRATCH/x"
expect_status "a setting no format takes" 2 "$F" batch -q "$SAMPLES" -o "$SCRATCH/x" -f txt -O nosuch=1
finish
