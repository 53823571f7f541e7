#!/usr/bin/env python3
"""SIGTERM and SIGINT stop a busy `folio batch` promptly and leave only whole
files (docs/robustness.md, "Signals").

A generated corpus is large enough that the batch is still writing when the
signal comes, and it is sent only once output has started (article folders
exist), so the committing thread is busy; -j exceeds the cores, so results are
always waiting to be committed. After each signal:
- the exit status is 128 + the signal (143, 130) and standard error says
  "interrupted";
- the process ended within BOUND seconds of the signal (FOLIO_SIGNAL_BOUND,
  default 3: the rule is one second, the margin is for a loaded, sanitised CI);
- every file left is byte-identical to the same file of a complete run (a batch
  is deterministic), no name starts with "." (no temporary), no folder is empty;
- the existing `--report` file is untouched (the old report, whole) and no
  report temporary exists.
Also with a zip archive as output: no archive and no temporary is left.
Deterministic: nothing depends on when the signal lands, only the bound does."""
import filecmp
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from wholefiles import Tally, tree

FOLIO = os.environ["FOLIO_BIN"]
SRC = os.environ["FOLIO_SOURCE_DIR"]
BOUND = float(os.environ.get("FOLIO_SIGNAL_BOUND", "3"))
ARTICLES = int(os.environ.get("FOLIO_SIGNAL_ARTICLES", "1500"))
tmp = tempfile.mkdtemp(prefix="folio-interrupt.")
tally = Tally()
check = tally.check


corpus = os.path.join(tmp, "corpus")
subprocess.run([sys.executable, os.path.join(SRC, "bench", "gen_corpus.py"), str(ARTICLES),
                corpus], check=True)
args = ["-f", "txt,html,json", "-j", "4", "-q"]
ref = os.path.join(tmp, "ref")
subprocess.run([FOLIO, "batch", corpus, "-o", ref] + args, check=True)
reference, _ = tree(ref)

OLD_REPORT = b'{"old": "a report from an earlier run"}\n'


def interrupt(sig, target, started):
    """Runs the batch into target, sends sig once started() is true; returns
    (exit status, seconds from the signal to the exit, stderr)."""
    p = subprocess.Popen([FOLIO, "batch", corpus, "-o", target, "--report",
                          os.path.join(tmp, "report.json")] + args,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while not started() and p.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    if p.poll() is not None:
        return p.returncode, 0.0, p.stderr.read().decode(errors="replace") + " (ended early)"
    start = time.monotonic()
    p.send_signal(sig)
    try:
        p.wait(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    took = time.monotonic() - start
    return p.returncode, took, p.stderr.read().decode(errors="replace")


for sig, status in ((signal.SIGTERM, 143), (signal.SIGINT, 130)):
    name = signal.Signals(sig).name
    with open(os.path.join(tmp, "report.json"), "wb") as f:
        f.write(OLD_REPORT)
    out = os.path.join(tmp, f"out-{status}")

    def started():
        try:
            return len(os.listdir(out)) >= 20
        except FileNotFoundError:
            return False

    code, took, err = interrupt(sig, out, started)
    check(code == status, f"{name}: exit {code}, wanted {status}: {err.strip()[-300:]}")
    check("interrupted" in err, f"{name}: standard error does not say interrupted: {err[-300:]}")
    check(took < BOUND, f"{name}: took {took:.2f} s to stop (bound {BOUND} s)")
    now, empty = tree(out)
    check(0 < len(now) < len(reference),
          f"{name}: {len(now)} files of {len(reference)}: the signal did not land mid-batch")
    hidden = [k for k in now if os.path.basename(k).startswith(".")]
    check(not hidden, f"{name}: temporaries left: {hidden[:5]}")
    check(not empty, f"{name}: empty folders left: {empty[:5]}")
    extra = [k for k in now if k not in reference]
    check(not extra, f"{name}: files a complete run does not write: {extra[:5]}")
    broken = [k for k in now if k in reference and
              not filecmp.cmp(now[k], reference[k], shallow=False)]
    check(not broken, f"{name}: partial files: {broken[:5]}")
    with open(os.path.join(tmp, "report.json"), "rb") as f:
        check(f.read() == OLD_REPORT, f"{name}: the existing report was changed")
    left = [n for n in os.listdir(tmp) if n.startswith(".report") or n.startswith("report.json.")]
    check(not left, f"{name}: report temporaries left: {left}")
    print(f"{name}: stopped {took:.2f} s after the signal, exit {code}; "
          f"{len(now)} of {len(reference)} files written, all whole")

# An archive: nothing is left at all.
archive = os.path.join(tmp, "site.zip")
seen = {"n": 0}


def archive_started():
    # An archive is invisible until complete: wait for the report's progress
    # through the batch instead, i.e. some time of steady writing.
    seen["n"] += 1
    return seen["n"] > 50


os.unlink(os.path.join(tmp, "report.json"))
code, took, err = interrupt(signal.SIGTERM, archive, archive_started)
check(code == 143, f"zip SIGTERM: exit {code}: {err.strip()[-300:]}")
check(took < BOUND, f"zip SIGTERM: took {took:.2f} s to stop (bound {BOUND} s)")
left = [n for n in os.listdir(tmp) if n.startswith("site.zip") or n.startswith(".site.zip") or
        n.startswith("report.json") or n.startswith(".report.json")]
check(not left, f"zip SIGTERM: left {left}")
print(f"zip SIGTERM: stopped {took:.2f} s after the signal, exit {code}; nothing left")

shutil.rmtree(tmp, ignore_errors=True)
tally.finish()
