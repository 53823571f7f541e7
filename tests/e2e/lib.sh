# Shared helpers for the shell suites. Each suite sources this, calls expect_*
# for each check, and ends with finish (which prints "N passed, N failed").
# Needs FOLIO_BIN, FOLIO_SOURCE_DIR and FOLIO_BUILD_DIR (set by ctest).
: "${FOLIO_BIN:?run through ctest}"
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/folio-test.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
PASSED=0
FAILED=0

pass() { PASSED=$((PASSED + 1)); }
fail() { FAILED=$((FAILED + 1)); echo "FAIL: $*" >&2; }

# expect_status DESCRIPTION STATUS COMMAND...: the command exits with STATUS.
expect_status() {
	desc=$1; want=$2; shift 2
	set +e
	"$@" >"$SCRATCH/cmd.stdout" 2>"$SCRATCH/cmd.stderr"
	got=$?
	set -e
	if [ "$got" -eq "$want" ]; then pass; else
		fail "$desc: exit $got, wanted $want"; sed 's/^/    /' "$SCRATCH/cmd.stderr" >&2; fi
}

expect_ok() { d=$1; shift; expect_status "$d" 0 "$@"; }

# expect_grep DESCRIPTION PATTERN FILE
expect_grep() {
	if grep -q -- "$2" "$3"; then pass; else fail "$1: '$2' not in $3"; fi
}

# expect_no_grep DESCRIPTION PATTERN FILE
expect_no_grep() {
	if grep -q -- "$2" "$3"; then fail "$1: '$2' found in $3"; else pass; fi
}

# expect_stderr DESCRIPTION TEXT: the last expect_status's stderr holds TEXT.
expect_stderr() {
	if grep -qF -- "$2" "$SCRATCH/cmd.stderr"; then pass; else
		fail "$1: stderr lacks '$2'"; sed 's/^/    /' "$SCRATCH/cmd.stderr" >&2; fi
}

# expect_absent DESCRIPTION PATH
expect_absent() {
	if [ -e "$2" ]; then fail "$1: $2 exists"; else pass; fi
}

finish() {
	echo "$PASSED passed, $FAILED failed"
	[ "$FAILED" -eq 0 ]
}
