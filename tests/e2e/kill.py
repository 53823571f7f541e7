#!/usr/bin/env python3
"""Kills `folio batch` with SIGKILL at random points, 50 times, over a folder
that holds a complete earlier export and over an existing archive, and checks
that no partial or temporary file is ever left and no existing output is ever
damaged: every file is byte-identical to the complete export (batches are
deterministic). Then `folio export` of a 3 MB article over an existing file
of other content, killed at random delays: the folder holds the old file or
the new one, whole, and nothing else. The one thing a kill may leave (see
docs/robustness.md, "Replacing a file") is the complete new file under the
stable temporary name, and the next run removes it. Then SIGTERM and SIGINT:
exit 143/130 within a second."""
import filecmp
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from wholefiles import Tally, tree

FOLIO = os.environ["FOLIO_BIN"]
SRC = os.environ["FOLIO_SOURCE_DIR"]
KILLS = int(os.environ.get("FOLIO_KILLS", "50"))
tmp = tempfile.mkdtemp(prefix="folio-kill.")
tally = Tally()
check = tally.check


def stable_temp(name):
    """The one temporary name folio gives a finished file (core/src/sink.c)."""
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    h = 0xcbf29ce484222325
    for b in b"folio:" + os.fsencode(name)[:]:
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    x = ""
    for _ in range(6):
        x += letters[h % len(letters)]
        h //= len(letters)
    return "." + name[:200] + "." + x


def allowed_leftover(rel, target_rel):
    d, n = os.path.split(rel)
    return n == stable_temp(os.path.basename(target_rel)) and d == os.path.dirname(target_rel)


corpus = os.path.join(tmp, "corpus")
subprocess.run([sys.executable, os.path.join(SRC, "bench", "gen_corpus.py"), "120", corpus],
               check=True)
ref = os.path.join(tmp, "ref")
args = ["-f", os.environ.get("FOLIO_KILL_FORMATS", "txt,html,pdf"), "-j", "2", "-q"]
subprocess.run([FOLIO, "batch", corpus, "-o", ref] + args, check=True)
subprocess.run([FOLIO, "batch", corpus, "-o", os.path.join(tmp, "ref.zip")] + args, check=True)
reference = tree(ref)[0]

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
        now = tree(out)[0]
        extra = [k for k in now if k not in reference]
        # A kill in the instant between naming a finished file and renaming
        # it over the target can leave it under its temporary name: complete,
        # never partial. Anything else is a failure.
        for k in list(extra):
            d, n = os.path.split(k)
            real = os.path.join(d, n[1:-7]) if n.startswith(".") and len(n) > 8 else None
            if (real in reference and allowed_leftover(k, real) and
                    filecmp.cmp(now[k], reference[real], shallow=False)):
                complete_leftovers.append(k)
                extra.remove(k)
        check(not extra, f"kill {i}: partial or unexpected files: {extra[:5]}")
        damaged = [k for k in reference if not filecmp.cmp(reference[k], now.get(k, "/nonexistent"),
                                                              shallow=False)]
        check(not damaged, f"kill {i}: damaged or missing: {damaged[:5]}")
    else:
        check(filecmp.cmp(archive, os.path.join(tmp, "ref.zip"), shallow=False),
              f"kill {i}: the existing archive changed")
        leftovers = [n for n in os.listdir(tmp) if n.startswith(".site.zip")
                     and not (n == stable_temp("site.zip") and
                              filecmp.cmp(os.path.join(tmp, n), os.path.join(tmp, "ref.zip"),
                                          shallow=False))]
        check(not leftovers, f"kill {i}: temporaries beside the archive: {leftovers}")

# A complete run afterwards removes whatever complete temporary a kill left.
subprocess.run([FOLIO, "batch", corpus, "-o", out] + args, check=True)
subprocess.run([FOLIO, "batch", corpus, "-o", archive] + args, check=True)
left = [k for k in tree(out)[0] if k not in reference] + \
    [n for n in os.listdir(tmp) if n.startswith(".site.zip")]
check(not left, f"a complete run left earlier temporaries: {left[:5]}")

# One large article exported over an existing file of other content.
big_md = os.path.join(tmp, "big.md")
words = "pain neck desk shoulder stretch posture muscle chair screen break walk".split()
with open(big_md, "w") as f:
    f.write("---\ntitle: A long article\n---\n\n")
    for n in range(3000):
        f.write(f"## Part {n}\n\n" + " ".join(rng.choice(words) for _ in range(150)) + ".\n\n")
one = os.path.join(tmp, "one")
sample = os.path.join(SRC, "assets", "samples", "neck-pain-desk-work.md")
for fmt in ("txt", "html", "json"):
    os.makedirs(one, exist_ok=True)
    name = "leaflet." + fmt
    target = os.path.join(one, name)
    subprocess.run([FOLIO, "export", big_md, "-o", target], check=True,
                   stderr=subprocess.DEVNULL)
    new = open(target, "rb").read()
    subprocess.run([FOLIO, "export", sample, "-o", target], check=True)
    old = open(target, "rb").read()
    start = time.monotonic()
    subprocess.run([FOLIO, "export", big_md, "-o", os.path.join(tmp, "timing." + fmt)],
                   check=True, stderr=subprocess.DEVNULL)
    took = time.monotonic() - start
    seen = set()
    for i in range(KILLS // 2):
        p = subprocess.Popen([FOLIO, "export", big_md, "-o", target],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, took * 1.2))
        p.send_signal(signal.SIGKILL)
        p.wait()
        names = sorted(os.listdir(one))
        body = open(target, "rb").read() if os.path.exists(target) else None
        check(body in (old, new), f"{fmt} kill {i}: the target is missing or not whole")
        seen.add("new" if body == new else "old")
        for n in names:
            if n == name:
                continue
            ok = n == stable_temp(name) and open(os.path.join(one, n), "rb").read() == new
            check(ok, f"{fmt} kill {i}: left {n} beside the target")
            if ok:
                complete_leftovers.append(n)
        if body == new:  # put the old file back for the next kill
            with open(target, "wb") as f:
                f.write(old)
    # The next complete run leaves exactly the target.
    subprocess.run([FOLIO, "export", big_md, "-o", target], check=True, stderr=subprocess.DEVNULL)
    check(os.listdir(one) == [name], f"{fmt}: a complete run left {os.listdir(one)}")
    check(open(target, "rb").read() == new, f"{fmt}: the complete run's file differs")
    print(f"{fmt}: {KILLS // 2} kills over an existing file (export {took:.2f} s); "
          f"target found {sorted(seen)}")
    shutil.rmtree(one)

big = os.path.join(tmp, "big")
subprocess.run([sys.executable, os.path.join(SRC, "bench", "gen_corpus.py"), "3000", big],
               check=True)
for sig, status in ((signal.SIGTERM, 143), (signal.SIGINT, 130)):
    target = os.path.join(tmp, f"sig{status}.zip")
    p = subprocess.Popen([FOLIO, "batch", big, "-o", target] + args,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(0.3)
    p.send_signal(sig)
    try:  # a batch that does not stop is killed, and its exit status says so
        p.wait(timeout=5)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    check(p.returncode == status, f"signal {sig}: exit {p.returncode}, wanted {status}")
    check(not os.path.exists(target), f"signal {sig}: an archive was left")
    check(not [n for n in os.listdir(tmp) if n.startswith(f".sig{status}")],
          f"signal {sig}: temporaries were left")

shutil.rmtree(tmp, ignore_errors=True)
print(f"{KILLS} SIGKILLs, SIGTERM and SIGINT; complete files left under a temporary name "
      f"by a kill between naming and renaming: {len(complete_leftovers)}")
tally.finish()
