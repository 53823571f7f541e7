#!/bin/sh
# Installs folio into a scratch prefix, then, from another directory: runs the
# installed folio, builds the example plugin out of tree against the installed
# folio.pc, and loads it.
set -eu
. "$(dirname "$0")/lib.sh"

prefix="$SCRATCH/prefix"
cmake --install "$FOLIO_BUILD_DIR" --prefix "$prefix" >/dev/null
bin="$prefix/bin/folio"
pc_dir=$(dirname "$(find "$prefix" -name folio.pc | head -n 1)")

cd /
expect_ok "installed folio runs from any directory" "$bin" --version
"$bin" formats >"$SCRATCH/formats.txt"
expect_grep "installed plugins are found" "^txt " "$SCRATCH/formats.txt"
expect_ok "installed folio exports a sample" \
	"$bin" export "$FOLIO_SOURCE_DIR/assets/samples/neck-pain-desk-work.md" -o "$SCRATCH/n.txt"
expect_grep "the export has the title" "Neck Pain and Desk Work" "$SCRATCH/n.txt"
expect_ok "installed folio exports gzip" \
	"$bin" export "$FOLIO_SOURCE_DIR/assets/samples/neck-pain-desk-work.md" -o "$SCRATCH/n.txt.gz"
if gzip -dc "$SCRATCH/n.txt.gz" | cmp -s - "$SCRATCH/n.txt"; then pass; else fail "n.txt.gz does not hold n.txt"; fi

# The example plugin, built like a third party would.
cp "$FOLIO_SOURCE_DIR/examples/wordcount/wordcount.c" "$FOLIO_SOURCE_DIR/examples/wordcount/Makefile" "$SCRATCH/"
PKG_CONFIG_PATH="$pc_dir" make -s -C "$SCRATCH" CFLAGS="-O2 -Wall -Wextra -Werror" >/dev/null
"$bin" formats --plugin-dir "$SCRATCH" >"$SCRATCH/formats2.txt"
expect_grep "the out-of-tree plugin loads" "^wordcount" "$SCRATCH/formats2.txt"
"$bin" export "$FOLIO_SOURCE_DIR/assets/samples/neck-pain-desk-work.md" -f wordcount \
	--plugin-dir "$SCRATCH" -O unit=words -o "$SCRATCH/wc.txt"
expect_grep "the plugin renders" "^heading  *[0-9]" "$SCRATCH/wc.txt"
expect_status "its options are checked by the host" 2 \
	"$bin" export "$FOLIO_SOURCE_DIR/assets/samples/neck-pain-desk-work.md" -f wordcount \
	--plugin-dir "$SCRATCH" -O unit=lines -o "$SCRATCH/wc2.txt"
finish
