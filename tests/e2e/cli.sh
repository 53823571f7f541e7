#!/bin/sh
# The folio command as a user meets it: help, typos, missing files, exit
# codes, error messages naming file:line:column, and no partial output.
set -eu
. "$(dirname "$0")/lib.sh"
F=$FOLIO_BIN
S="$FOLIO_SOURCE_DIR/assets/samples/neck-pain-desk-work.md"

# Help and version.
expect_ok "--help" "$F" --help
expect_ok "--version" "$F" --version
for cmd in export inspect formats; do
	expect_ok "$cmd --help" "$F" "$cmd" --help
done
expect_status "no command" 2 "$F"
expect_status "unknown command" 2 "$F" exprot "$S"
expect_stderr "unknown command named" "unknown command 'exprot'"
expect_stderr "the command it resembles" "did you mean 'export'?"
expect_status "a command like none" 2 "$F" zzzzzz "$S"
if grep -q "did you mean" "$SCRATCH/cmd.stderr"; then fail "no suggestion for zzzzzz"; else pass; fi
expect_status "a typo in an option" 2 "$F" export "$S" --ouptut x.txt
expect_stderr "a suggestion" "did you mean '--output'?"
expect_status "an option without its value" 2 "$F" export "$S" -o
expect_status "no input" 2 "$F" export
expect_stderr "no input named" "no input file given"

# Formats and options.
expect_status "an unknown format" 2 "$F" export "$S" -f docx
expect_stderr "unknown format named" "unknown format 'docx'"
expect_status "an extension folio does not know" 2 "$F" export "$S" -o "$SCRATCH/x.docx"
expect_absent "nothing written for a usage error" "$SCRATCH/x.docx"
expect_status "an unknown option" 2 "$F" export "$S" -f txt -O colour=red
expect_stderr "the accepted options are listed" "format 'txt' has no option 'colour' (it accepts:"
expect_status "a value outside the enum" 2 "$F" export "$S" -f txt -O eol=cr
expect_stderr "enum choices listed" "accepts lf, crlf"

# Documents that cannot be read: exit 1, file named.
expect_status "a missing file" 1 "$F" export "$SCRATCH/nope.md" -f txt
expect_stderr "missing file named" "nope.md"
printf -- '---\ntitle: "unclosed\n---\n\nBody.\n' >"$SCRATCH/badyaml.md"
expect_status "malformed front matter" 1 "$F" export "$SCRATCH/badyaml.md" -o "$SCRATCH/badyaml.txt"
expect_stderr "file:line:col for YAML" "badyaml.md:3:1: front matter: found unexpected end of stream"
expect_absent "no output after an import error" "$SCRATCH/badyaml.txt"
printf 'Title\n\nCaf\303 au lait.\n' >"$SCRATCH/badutf8.md"
expect_status "invalid UTF-8" 1 "$F" export "$SCRATCH/badutf8.md" -f txt
expect_stderr "file:line:col for UTF-8" "badutf8.md:3:4:"

# Output: temporary + rename; a failed export keeps the old file.
echo "precious" >"$SCRATCH/keep.txt"
expect_status "an import error" 1 "$F" export "$SCRATCH/badutf8.md" -o "$SCRATCH/keep.txt"
expect_grep "the existing output is untouched" "precious" "$SCRATCH/keep.txt"
expect_ok "export to a file" "$F" export "$S" -o "$SCRATCH/out.txt"
expect_grep "text written" "Neck Pain and Desk Work" "$SCRATCH/out.txt"
leftovers=$(find "$SCRATCH" -name '.*' -type f | wc -l)
if [ "$leftovers" -eq 0 ]; then pass; else fail "temporary files left: $leftovers"; fi
expect_status "a missing output folder" 1 "$F" export "$S" -o "$SCRATCH/no/such/dir/x.txt"
expect_status "output to /dev/full" 1 "$F" export "$S" -f txt -o /dev/full
expect_stderr "disk full reported" "No space left on device"

# Standard output, gzip, closed pipes.
"$F" export "$S" -f txt >"$SCRATCH/stdout.txt"
expect_grep "text to standard output" "Neck Pain and Desk Work" "$SCRATCH/stdout.txt"
expect_ok "gzip by extension" "$F" export "$S" -o "$SCRATCH/out.txt.gz"
if gzip -dc "$SCRATCH/out.txt.gz" | cmp -s - "$SCRATCH/out.txt"; then pass; else
	fail "out.txt.gz does not hold out.txt"; fi
# A pipe whose reader is gone: an error and exit 1, not a silent death.
python3 - "$F" "$S" >"$SCRATCH/pipe.txt" <<'PY'
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
p = subprocess.run([sys.argv[1], "export", sys.argv[2], "-f", "json"], stdout=w,
                   stderr=subprocess.PIPE)
print(p.returncode)
print(p.stderr.decode())
PY
expect_grep "closed pipe: exit 1" "^1$" "$SCRATCH/pipe.txt"
expect_grep "closed pipe: reported" "Broken pipe" "$SCRATCH/pipe.txt"

# Plugins are never loaded from the current directory, even with an empty
# entry in FOLIO_PLUGIN_PATH (which a shell PATH would read as ".").
mkdir -p "$SCRATCH/cwd"
cp "$FOLIO_PLUGIN_DIR/folio-txt.so" "$SCRATCH/cwd/folio-evil.so"
(cd "$SCRATCH/cwd" && FOLIO_PLUGIN_PATH=":" "$F" formats --plugin-dir /nonexistent) >"$SCRATCH/cwd.txt" 2>&1
expect_no_grep "nothing loaded from the current directory" "folio-evil" "$SCRATCH/cwd.txt"
expect_no_grep "no duplicate warning from the current directory" "already provided" "$SCRATCH/cwd.txt"

# Inspect.
"$F" inspect "$S" >"$SCRATCH/inspect.txt"
expect_grep "inspect shows the title" "title *Neck Pain and Desk Work" "$SCRATCH/inspect.txt"
expect_grep "inspect shows the author's credentials" "author *Maya Okafor, P.T." "$SCRATCH/inspect.txt"
expect_grep "inspect shows references" "doi " "$SCRATCH/inspect.txt"
finish
