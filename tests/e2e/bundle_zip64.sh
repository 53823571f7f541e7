#!/bin/sh
# The 70,000-entry ZIP64 archive from test_bundle, handed to every zip reader
# we know: unzip -t, zipinfo, 7z t and Python's zipfile must all accept it
# and agree on the entry count.
set -eu
. "$FOLIO_SOURCE_DIR/tests/e2e/lib.sh"
TEST_BIN=$1
Z="$SCRATCH/many.zip"

expect_ok "writer builds the ZIP64 archive" env FOLIO_ZIP64_OUT="$Z" "$TEST_BIN"
expect_ok "unzip -t accepts it" unzip -tq "$Z"
expect_ok "zipinfo lists it" sh -c "zipinfo -1 '$Z' > '$SCRATCH/list'"
if [ "$(wc -l < "$SCRATCH/list")" -eq 70000 ]; then pass; else fail "zipinfo: $(wc -l < "$SCRATCH/list") entries"; fi
expect_grep "last entry listed" "many/69999.txt" "$SCRATCH/list"
if command -v 7z >/dev/null 2>&1; then
	expect_ok "7z t accepts it" 7z t "$Z"
	expect_grep "7z: everything is ok" "Everything is Ok" "$SCRATCH/cmd.stdout"
else
	echo "SKIP: 7z (p7zip-full) not installed"
fi
expect_ok "python zipfile reads it" python3 -c "
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
assert len(names) == 70000, len(names)
assert z.testzip() is None
assert z.read('many/69999.txt') == b'entry 69999\n'
i = z.getinfo('many/00042.txt')
assert i.date_time == (2024, 5, 1, 12, 0, 0), i.date_time
assert (i.external_attr >> 16) == 0o100644 and i.create_system == 3
assert i.flag_bits & 0x800
" "$Z"
finish
