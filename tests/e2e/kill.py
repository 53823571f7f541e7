#!/usr/bin/env python3
"""Kills `folio batch` with SIGKILL at random points, 50 times, over a folder
that holds a complete earlier export and over an existing archive, and checks
that no partial or temporary file is ever left and no existing output is ever
damaged: every file is byte-identical to the complete export (batches are
deterministic). Then SIGTERM and SIGINT: exit 143/130 within a second."""
import filecmp
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

FOLIO = os.environ["FOLIO_BIN"]
SRC = os.environ["FOLIO_SOURCE_DIR"]
KILLS = int(os.environ.get("FOLIO_KILLS", "50"))
tmp = tempfile.mkdtemp(prefix="folio-kill.")
failed = 0
checks = 0


def check(ok, what):
    global failed, checks
    checks += 1
    if not ok:
        failed += 1
        print("FAIL: " + what, file=sys.stderr)


def files(root):
    out = {}
    for d, _, names in os.walk(root):
        for n in names:
            p = os.path.join(d, n)
            out[os.path.relpath(p, root)] = p
    return out


corpus = os.path.join(tmp, "corpus")
subprocess.run([sys.executable, os.path.join(SRC, "bench", "gen_corpus.py"), "120", corpus],
               check=True)
ref = os.path.join(tmp, "ref")
args = ["-f", os.environ.get("FOLIO_KILL_FORMATS", "txt,html,pdf"), "-j", "2", "-q"]
subprocess.run([FOLIO, "batch", corpus, "-o", ref] + args, check=True)
subprocess.run([FOLIO, "batch", corpus, "-o", os.path.join(tmp, "ref.zip")] + args, check=True)
reference = files(ref)

rng = random.Random(7)
complete_leftovers = []
out = os.path.join(tmp, "out")
shutil.copytree(ref, out)
archive = os.path.join(tmp, "site.zip")
shutil.copy(os.path.join(tmp, "ref.zip"), archive)
for i in range(KILLS):
    target = out if i % 2 == 0 else archive
    p = subprocess.Popen([FOLIO, "batch", corpus, "-o", target] + args,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.uniform(0.0, 0.6))
    p.send_signal(signal.SIGKILL)
    p.wait()
    if target == out:
        now = files(out)
        extra = [k for k in now if k not in reference]
        # A kill in the instant between naming a finished file and renaming
        # it over the target can leave it under its temporary name: complete,
        # never partial. Anything else is a failure.
        for k in list(extra):
            d, n = os.path.split(k)
            real = os.path.join(d, n[1:-7]) if n.startswith(".") and len(n) > 8 else None
            if real in reference and filecmp.cmp(now[k], reference[real], shallow=False):
                complete_leftovers.append(k)
                os.unlink(now[k])
                extra.remove(k)
        check(not extra, f"kill {i}: partial or unexpected files: {extra[:5]}")
        damaged = [k for k in reference if not filecmp.cmp(reference[k], now.get(k, "/nonexistent"),
                                                              shallow=False)]
        check(not damaged, f"kill {i}: damaged or missing: {damaged[:5]}")
    else:
        check(filecmp.cmp(archive, os.path.join(tmp, "ref.zip"), shallow=False),
              f"kill {i}: the existing archive changed")
        leftovers = [n for n in os.listdir(tmp) if n.startswith(".site.zip")]
        check(not leftovers, f"kill {i}: temporaries beside the archive: {leftovers}")

big = os.path.join(tmp, "big")
subprocess.run([sys.executable, os.path.join(SRC, "bench", "gen_corpus.py"), "3000", big],
               check=True)
for sig, status in ((signal.SIGTERM, 143), (signal.SIGINT, 130)):
    target = os.path.join(tmp, f"sig{status}.zip")
    p = subprocess.Popen([FOLIO, "batch", big, "-o", target] + args,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(0.3)
    start = time.monotonic()
    p.send_signal(sig)
    try:
        p.wait(timeout=5)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    took = time.monotonic() - start
    check(p.returncode == status, f"signal {sig}: exit {p.returncode}, wanted {status}")
    check(took < 1.0, f"signal {sig}: took {took:.2f} s to stop")
    check(not os.path.exists(target), f"signal {sig}: an archive was left")
    check(not [n for n in os.listdir(tmp) if n.startswith(f".sig{status}")],
          f"signal {sig}: temporaries were left")

shutil.rmtree(tmp, ignore_errors=True)
print(f"{KILLS} SIGKILLs, SIGTERM and SIGINT; complete files left under a temporary name "
      f"by a kill between naming and renaming: {len(complete_leftovers)}")
print(f"{checks - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
