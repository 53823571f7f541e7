#!/usr/bin/env python3
"""End-to-end checks of the clipped-text importer on tests/fixtures/clip.

For each fixture X.txt:
  1. `folio export X.txt --from clip -f json` is byte-identical to
     X.expected.json (hand-checked);
  2. the text, HTML and PDF exports hold none of the boilerplate listed in X.boiler
     ("- text" lines: must not appear, as whole words), and every word of
     every other line of the article (lines not listed as "- " or "= ",
     the latter being metadata such as dates and bylines);
  3. auto-detection also reads it as clipped text, except where noted.
"""
import html.parser
import os
import tempfile
import re
import subprocess
import sys

F = os.environ["FOLIO_BIN"]
FIX = os.path.join(os.environ["FOLIO_SOURCE_DIR"], "tests", "fixtures", "clip")
# Auto-detection (import.c) reads these as Markdown: "> " and "1. " lines.
MARKDOWN_LOOKING = {"wordpress-lowback"}

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


def run(args):
    p = subprocess.run([F, "export"] + args, cwd=FIX, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    if p.returncode != 0:
        fail(f"{' '.join(args)}: exit {p.returncode}: {p.stderr.decode(errors='replace')}")
    return p.stdout.decode("utf-8")


def words(text):
    return set(re.findall(r"\w+", text))


def read_boiler(name):
    absent, skip = [], set()
    with open(os.path.join(FIX, name + ".boiler"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line[:2] in ("- ", "= "):
                if line[0] == "-":
                    absent.append(line[2:])
                skip.add(line[2:])
    return absent, skip


def is_skipped(line, absent, skip):
    line = line.strip().lstrip("•").strip()
    return line in skip or any(a in line for a in absent)


class VisibleText(html.parser.HTMLParser):
    """The text a reader sees in the page's body (not scripts or styles, nor
    folio's own "Skip to content" link, which is not the article's)."""

    def __init__(self):
        super().__init__()
        self.parts, self.skip, self.in_body, self.in_skip_link = [], 0, False, False

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "a" and dict(attrs).get("class") == "skip":
            self.in_skip_link = True
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        if tag == "a" and self.in_skip_link:
            self.in_skip_link = False
            self.skip -= 1

    def handle_data(self, data):
        if self.in_body and not self.skip:
            self.parts.append(data)


def outputs(name):
    """The article as a reader gets it: text, the HTML page's visible text,
    and the PDF's text (hyphenated line ends rejoined)."""
    got = {"text": run([name + ".txt", "--from", "clip", "-f", "txt"])}
    page = VisibleText()
    page.feed(run([name + ".txt", "--from", "clip", "-f", "html"]))
    got["HTML"] = " ".join(page.parts)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = os.path.join(tmp, name + ".pdf")
        run([name + ".txt", "--from", "clip", "-o", pdf])
        # -layout: plain pdftotext removes every line-end hyphen itself.
        p = subprocess.run(["pdftotext", "-layout", pdf, "-"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
        pdf_text = p.stdout.decode("utf-8")
        # A line may end in a hyphen folio added (rejoin without it) or in a
        # real one, as in a URL broken after "-" (rejoin with it): keep both.
        got["PDF"] = (re.sub(r"-\n\s*(?=\w)", "", pdf_text) + "\n" +
                      re.sub(r"-\n\s*(?=\w)", "-", pdf_text))
    return got


def check(name):
    want = open(os.path.join(FIX, name + ".expected.json"), encoding="utf-8").read()
    got = run([name + ".txt", "--from", "clip", "-f", "json"])
    if got != want:
        fail(f"{name}: JSON differs from {name}.expected.json")
        import difflib
        sys.stderr.writelines(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                                   "expected", "got", n=2))
    absent, skip = read_boiler(name)
    for kind, text in outputs(name).items():
        flat = " ".join(text.split())
        for a in absent:
            if re.search(r"(?<!\w)" + re.escape(a) + r"(?!\w)", flat):
                fail(f"{name}: boilerplate {a!r} reached the {kind} export")
        have = words(text)
        for line in open(os.path.join(FIX, name + ".txt"), encoding="utf-8"):
            if not line.strip() or is_skipped(line, absent, skip):
                continue
            # A list's "1." is the list's numbering, drawn by each format its way.
            line = re.sub(r"^\s*\d+[.)]\s+", "", line)
            missing = words(line) - have
            if missing:
                fail(f"{name}: body words missing from the {kind} export: {sorted(missing)} "
                     f"(line {line.strip()!r})")
    if name not in MARKDOWN_LOOKING:
        auto = run([name + ".txt", "-f", "json"])
        if auto != want:
            fail(f"{name}: auto-detection did not read it as clipped text")


names = sorted(f[:-4] for f in os.listdir(FIX) if f.endswith(".txt"))
if len(names) < 8:
    fail(f"only {len(names)} fixtures")
for n in names:
    check(n)
print(f"{len(names)} fixtures, {len(failures)} failures")
sys.exit(1 if failures else 0)
