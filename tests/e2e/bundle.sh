#!/bin/sh
# The zip and tar.gz bundles through the folio command: every archive reader
# accepts them, the entries are byte-identical to the same formats exported
# on their own, the manifest's sizes and SHA-256 are right, images are
# bundled under safe names, two runs give the same bytes, and a failure half
# way leaves no archive behind.
set -eu
. "$FOLIO_SOURCE_DIR/tests/e2e/lib.sh"
S="$FOLIO_SOURCE_DIR/assets/samples"
FX="$FOLIO_SOURCE_DIR/tests/fixtures/html"
cd "$SCRATCH"

# Every loaded non-container format, as `folio formats` lists them; the
# bundles should carry each of these.
"$FOLIO_BIN" formats | awk '/^[a-z]/ && $1 != "zip" && $1 != "tar.gz" && $1 != "css" {print $1, $2}' > formats
[ -s formats ] && pass || fail "folio formats listed nothing"

# check_entries ARCHIVE_DIR SLUG MD: each format's entry equals a lone export.
check_entries() {
	while read -r fmt ext; do
		ext=${ext#.}
		expect_ok "lone $fmt export of $2" "$FOLIO_BIN" export "$3" -f "$fmt" -o "lone.$ext"
		if cmp -s "lone.$ext" "$1/$2/$2.$ext"; then pass; else
			fail "$1: $2.$ext differs from a lone export"; fi
	done < formats
}

# check_manifest ARCHIVE_DIR SLUG: sizes and SHA-256 match the files.
check_manifest() {
	expect_ok "manifest of $1 matches its files" python3 -c "
import hashlib, json, os, sys
root, slug = sys.argv[1], sys.argv[2]
m = json.load(open(os.path.join(root, slug, 'manifest.json')))
assert m['entries'], 'empty manifest'
for e in m['entries']:
    data = open(os.path.join(root, e['name']), 'rb').read()
    assert len(data) == e['size'], e
    assert hashlib.sha256(data).hexdigest() == e['sha256'], e
    assert set(e) == {'name', 'format', 'media_type', 'size', 'sha256'}, e
" "$1" "$2"
}

for md in "$S"/*.md; do
	base=$(basename "$md" .md)
	# ---- zip ----
	expect_ok "zip of $base" "$FOLIO_BIN" export "$md" -o "$base.zip"
	expect_ok "unzip -t $base.zip" unzip -tq "$base.zip"
	expect_ok "zipinfo $base.zip" zipinfo "$base.zip"
	expect_grep "zipinfo: Unix mode 0644" "^-rw-r--r-- .* unx " "$SCRATCH/cmd.stdout"
	if command -v 7z >/dev/null 2>&1; then
		expect_ok "7z t $base.zip" 7z t "$base.zip"
	fi
	expect_ok "python zipfile $base.zip" python3 -c "
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
for i in z.infolist():
    assert i.create_system == 3 and (i.external_attr >> 16) == 0o100644, i
    assert i.flag_bits & 0x800, i
    assert not i.filename.startswith('/') and '..' not in i.filename.split('/'), i
" "$base.zip"
	slug=$(unzip -Z1 "$base.zip" | head -n 1 | cut -d/ -f1)
	mkdir -p "x-$base"
	(cd "x-$base" && unzip -q "../$base.zip")
	check_entries "x-$base" "$slug" "$md"
	check_manifest "x-$base" "$slug"
	expect_ok "zip again" "$FOLIO_BIN" export "$md" -o "again.zip"
	if cmp -s "$base.zip" again.zip; then pass; else fail "$base.zip: two runs differ"; fi

	# ---- tar.gz ----
	expect_ok "tar.gz of $base" "$FOLIO_BIN" export "$md" -o "$base.tar.gz"
	expect_ok "gzip -t $base.tar.gz" gzip -t "$base.tar.gz"
	expect_ok "tar -tzf $base.tar.gz" tar -tzf "$base.tar.gz"
	expect_ok "tar lists owner root, mode 0644" tar -tvzf "$base.tar.gz"
	expect_grep "tar: -rw-r--r-- root/root" "^-rw-r--r-- root/root" "$SCRATCH/cmd.stdout"
	mkdir -p "t-$base"
	tar -xzf "$base.tar.gz" -C "t-$base"
	check_entries "t-$base" "$slug" "$md"
	check_manifest "t-$base" "$slug"
	expect_ok "tar.gz again" "$FOLIO_BIN" export "$md" -o "again.tar.gz"
	if cmp -s "$base.tar.gz" again.tar.gz; then pass; else fail "$base.tar.gz: two runs differ"; fi
	# the same entries as the zip
	if diff -r "x-$base" "t-$base" >/dev/null; then pass; else fail "$base: zip and tar.gz differ"; fi
done

# ---- time zones do not change the bytes ----
one="$S/neck-pain-desk-work.md"
expect_ok "zip in another time zone" env TZ=Pacific/Kiritimati "$FOLIO_BIN" export "$one" -o tz.zip
if cmp -s tz.zip neck-pain-desk-work.zip; then pass; else fail "zip depends on TZ"; fi

# ---- formats= ----
expect_ok "formats=html" "$FOLIO_BIN" export "$one" -o html-only.zip -O formats=html
unzip -Z1 html-only.zip > list
expect_grep "html entry" "neck-pain-and-desk-work/neck-pain-and-desk-work.html" list
if [ "$(wc -l < list)" -eq 2 ]; then pass; else fail "formats=html: $(cat list)"; fi

expect_status "formats=nonexistent fails" 1 "$FOLIO_BIN" export "$one" -o bad.zip -O formats=html,nonexistent
expect_stderr "names the unknown format" "nonexistent"
expect_absent "no zip left after an unknown format" bad.zip
expect_status "formats=zip refused" 1 "$FOLIO_BIN" export "$one" -o bad.tar.gz -O formats=zip
expect_stderr "says why" "archive"
expect_absent "no tar.gz left" bad.tar.gz

# An exporter failing half way (html told by the profile to use a stylesheet
# that is not there) fails the bundle and leaves nothing, not even a good
# file it would have replaced.
cat > failing.yaml <<'YAML'
name: Test Clinic
options:
  html: { css: /nonexistent/missing.css }
YAML
echo "keep me" > keep.zip
expect_status "failing exporter fails the zip" 1 "$FOLIO_BIN" export "$one" --profile failing.yaml -o keep.zip -O formats=html
expect_stderr "the inner error is reported" "missing.css"
if [ "$(cat keep.zip)" = "keep me" ]; then pass; else fail "keep.zip was replaced"; fi
expect_status "failing exporter fails the tar.gz" 1 "$FOLIO_BIN" export "$one" --profile failing.yaml -o half.tar.gz -O formats=html
expect_absent "no tar.gz left after a failing exporter" half.tar.gz

# ---- images ----
expect_ok "zip with images" "$FOLIO_BIN" export "$FX/with-images.md" -o img.zip -O formats=html
expect_stderr "missing image warned about" "not-here.png"
unzip -Z1 img.zip > list
expect_grep "image under images/ with a safe name" "^setting-up-a-kinder-workstation/images/desk-setup.png$" list
if [ "$(grep -c images/ list)" -eq 1 ]; then pass; else fail "images: $(cat list)"; fi
mkdir -p ximg && (cd ximg && unzip -q ../img.zip)
if cmp -s "$FX/images/desk setup.png" ximg/setting-up-a-kinder-workstation/images/desk-setup.png; then
	pass; else fail "bundled image differs from its source"; fi
check_manifest ximg setting-up-a-kinder-workstation
expect_grep "manifest: image media type" '"media_type": "image/png"' ximg/setting-up-a-kinder-workstation/manifest.json
expect_ok "tar.gz with images" "$FOLIO_BIN" export "$FX/with-images.md" -o img.tar.gz -O formats=html
expect_ok "tar lists the image" tar -tzf img.tar.gz
expect_grep "tar image entry" "images/desk-setup.png" "$SCRATCH/cmd.stdout"

finish
