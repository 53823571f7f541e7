#!/usr/bin/env python3
"""A full disk (docs/robustness.md, "Signals" and "Replacing a file"): folio
runs under tests/tools/enospc.c, an LD_PRELOAD shim that makes one folder run
out of space after a byte budget, either at write(2) (a short write, then
ENOSPC) or only at close(2) (NFS, quotas). For a range of budgets, from nothing
to just short of the whole output:
- `folio batch` into a folder exits 1 with "No space left on device" naming a
  file; every file left is byte-identical to a complete run's, no temporary
  (`.NAME.*`) and no empty folder is left, and an existing `--report` is the
  old one or a complete new one;
- `folio batch` into a zip leaves no archive and no temporary;
- `folio export` over an existing file leaves the old file, whole, alone.
A budget larger than the output succeeds (the shim itself changes nothing)."""
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile

from wholefiles import Tally, tree

FOLIO = os.environ["FOLIO_BIN"]
SRC = os.environ["FOLIO_SOURCE_DIR"]
SHIM = os.environ["FOLIO_ENOSPC_SHIM"]
if not os.path.isfile(SHIM):
    sys.exit(f"fulldisk: the shim {SHIM} was not built")
tmp = tempfile.mkdtemp(prefix="folio-fulldisk.")
tally = Tally()
check = tally.check


def run_full(cmd, disk, budget, at):
    """at: "write" (a local disk), "write-mkstemp" (one without O_TMPFILE) or
    "close" (NFS: no O_TMPFILE, the failure shows only at close)."""
    env = dict(os.environ)
    env["LD_PRELOAD"] = SHIM
    env["FOLIO_ENOSPC_DIR"] = disk
    env["FOLIO_ENOSPC_BUDGET"] = str(budget)
    env["FOLIO_ENOSPC_AT"] = at.split("-")[0]
    env["FOLIO_ENOSPC_TMPFILE"] = "0" if at.endswith("-mkstemp") else "1"
    # Under AddressSanitizer the shim comes before its runtime: allowed.
    env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":verify_asan_link_order=0"
    p = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       timeout=600)
    return p.returncode, p.stderr.decode(errors="replace")


corpus = os.path.join(tmp, "corpus")
subprocess.run([sys.executable, os.path.join(SRC, "bench", "gen_corpus.py"), "30", corpus],
               check=True)
args = ["-f", "txt,html,json", "-j", "2", "-q"]
ref = os.path.join(tmp, "ref")
subprocess.run([FOLIO, "batch", corpus, "-o", ref] + args, check=True)
reference, _ = tree(ref)
total = sum(os.path.getsize(p) for p in reference.values())
OLD_REPORT = b'{"old": true}\n'

budgets = [0, 1, 5000, total // 10, total // 2, total * 9 // 10, total - 200, total - 1]
for at in ("write", "write-mkstemp", "close"):
    for budget in budgets:
        case = f"batch folder, {at}, budget {budget} of {total}"
        disk = os.path.join(tmp, "disk")
        shutil.rmtree(disk, ignore_errors=True)
        os.mkdir(disk)
        report = os.path.join(disk, "report.json")
        with open(report, "wb") as f:
            f.write(OLD_REPORT)
        out = os.path.join(disk, "site")
        code, err = run_full([FOLIO, "batch", corpus, "-o", out, "--report", report] + args,
                             disk, budget, at)
        check(code == 1, f"{case}: exit {code}, wanted 1: {err[-300:]}")
        check("No space left on device" in err and disk in err,
              f"{case}: no clear message naming the file: {err[-300:]}")
        now, empty = tree(out) if os.path.isdir(out) else ({}, [])
        hidden = [k for k in now if os.path.basename(k).startswith(".")]
        check(not hidden, f"{case}: temporaries left: {hidden[:5]}")
        check(not empty, f"{case}: empty folders left: {empty[:5]}")
        broken = [k for k in now if k not in reference or
                  not filecmp.cmp(now[k], reference[k], shallow=False)]
        check(not broken, f"{case}: partial or unexpected files: {broken[:5]}")
        left = sorted(n for n in os.listdir(disk) if n not in ("site", "report.json"))
        check(not left, f"{case}: left beside the output: {left}")
        with open(report, "rb") as f:
            body = f.read()
        if body != OLD_REPORT:
            try:
                json.loads(body)
            except ValueError:
                check(False, f"{case}: the report is neither the old one nor whole")

# The control: enough space, the shim loaded, everything as usual.
disk = os.path.join(tmp, "disk")
shutil.rmtree(disk)
os.mkdir(disk)
code, err = run_full([FOLIO, "batch", corpus, "-o", os.path.join(disk, "site")] + args, disk,
                     total + 100000, "write")
now, _ = tree(os.path.join(disk, "site"))
check(code == 0 and sorted(now) == sorted(reference),
      f"enough space: exit {code}, {len(now)} of {len(reference)} files: {err[-300:]}")

# An archive: none, and no temporary.
for at in ("write", "write-mkstemp", "close"):
    for budget in (0, 3000, 60000):
        case = f"batch zip, {at}, budget {budget}"
        shutil.rmtree(disk)
        os.mkdir(disk)
        code, err = run_full([FOLIO, "batch", corpus, "-o", os.path.join(disk, "site.zip")] +
                             args, disk, budget, at)
        check(code == 1 and "No space left on device" in err,
              f"{case}: exit {code}: {err[-300:]}")
        check(os.listdir(disk) == [], f"{case}: left {os.listdir(disk)}")

# One export over an existing file.
sample = os.path.join(SRC, "assets", "samples", "neck-pain-desk-work.md")
for fmt in ("txt", "html", "json", "pdf"):
    for at in ("write", "write-mkstemp", "close"):
        case = f"export {fmt}, {at}"
        shutil.rmtree(disk)
        os.mkdir(disk)
        target = os.path.join(disk, "leaflet." + fmt)
        with open(target, "wb") as f:
            f.write(b"the old file\n")
        code, err = run_full([FOLIO, "export", sample, "-o", target], disk, 2000, at)
        check(code == 1 and "No space left on device" in err and "leaflet." + fmt in err,
              f"{case}: exit {code}: {err[-300:]}")
        check(os.listdir(disk) == ["leaflet." + fmt], f"{case}: left {os.listdir(disk)}")
        with open(target, "rb") as f:
            check(f.read() == b"the old file\n", f"{case}: the old file was damaged")

shutil.rmtree(tmp, ignore_errors=True)
tally.finish(f" (budgets {budgets} of {total} bytes)")
