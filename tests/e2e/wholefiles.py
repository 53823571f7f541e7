"""What the tests that stop folio mid-write share (interrupt.py, fulldisk.py,
kill.py): a tally of checks, and the files and empty folders a run left."""
import os
import sys


class Tally:
    def __init__(self):
        self.checks = 0
        self.failed = 0

    def check(self, ok, what):
        self.checks += 1
        if not ok:
            self.failed += 1
            print("FAIL: " + what, file=sys.stderr)

    def finish(self, note=""):
        """Prints "N passed, N failed" (and note) and exits 1 on a failure."""
        print(f"{self.checks - self.failed} passed, {self.failed} failed{note}")
        sys.exit(1 if self.failed else 0)


def tree(root):
    """Files under root (relative path -> path) and empty folders (relative,
    with a trailing /)."""
    out, empty = {}, []
    for d, dirs, names in os.walk(root):
        if not dirs and not names and d != root:
            empty.append(os.path.relpath(d, root) + "/")
        for n in names:
            p = os.path.join(d, n)
            out[os.path.relpath(p, root)] = p
    return out, empty
