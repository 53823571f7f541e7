#!/usr/bin/env python3
"""Articles in seventeen languages and nine scripts (tests/fixtures/langs/*.md)
exported as a new user would: PDF, text and HTML.

  PDF   every font embedded (pdffonts), no '?' printed, every word of the
        article in pdftotext's output (every character, spaces aside, for
        scripts written without spaces: Han, Kana, Hangul, Thai), right-to-left
        documents marked /Direction /R2L, pages no wider than the paper;
  text  every word, in logical order, no line wider than 40 columns at
        width=40 (CJK counted double: Chinese and Japanese wrap between
        characters, Thai between words);
  HTML  lang and dir on <html>.
A character no installed font has is an error naming file:line:column.
"""
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

F = os.environ["FOLIO_BIN"]
SRC = os.environ["FOLIO_SOURCE_DIR"]
LANGS = os.path.join(SRC, "tests", "fixtures", "langs")
RTL = {"ar", "fa", "he"}
NOSPACE = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL", msg)


def run(*args):
    return subprocess.run(args, capture_output=True, text=True)


def body_words(path):
    """The article's words: front matter values for title, body lines without
    Markdown markers and punctuation."""
    text = open(path, encoding="utf-8").read()
    fm, body = text.split("\n---\n", 1)
    title = re.search(r"^title: (.*)$", fm, re.M).group(1)
    lines = [title]
    for line in body.splitlines():
        line = re.sub(r"^(#+|-|\d+\.)\s+", "", line.strip())
        lines.append(line)
    out = []
    for w in " ".join(lines).split():
        w = re.sub(r"^[\W_]+|[\W_]+$", "", w)
        if w:
            out.append(w)
    return out


def squash(s):
    # Extraction differences that are not the text's: whitespace.
    # Zero-width joiners shape the text; extractors may drop them.
    # Fullwidth punctuation ("，", "：") must come back as it is: it is the
    # CJK text's own, drawn by the CJK face, never folded to ASCII.
    s = s.replace("\u200c", "").replace("\u200d", "")
    return re.sub(r"\s+", "", s)


def check_pdf(lang, md, tmp):
    pdf = os.path.join(tmp, lang + ".pdf")
    r = run(F, "export", md, "-o", pdf)
    if r.returncode != 0:
        fail(f"{lang}: export failed: {r.stderr.strip()}")
        return
    if "?" in r.stderr or "warning" in r.stderr:
        fail(f"{lang}: warnings: {r.stderr.strip()}")
    fonts = run("pdffonts", pdf).stdout.splitlines()[2:]
    for row in fonts:
        cols = row.split()  # ... emb sub uni object-number generation
        if len(cols) < 6 or cols[-5] != "yes" or cols[-4] != "yes":
            fail(f"{lang}: font not embedded or not subset: {row}")
    text = run("pdftotext", "-enc", "UTF-8", pdf, "-").stdout
    flat = squash(text)
    missing = [w for w in body_words(md) if squash(w) not in flat]
    if missing:
        fail(f"{lang}: {len(missing)} words missing from the PDF's text, e.g. {missing[:5]}")
    if NOSPACE.search(open(md, encoding="utf-8").read()):
        chars = set(c for c in "".join(body_words(md)) if NOSPACE.match(c) or
                    unicodedata.east_asian_width(c) == "F")
        lost = sorted(c for c in chars if c not in text)
        if lost:
            fail(f"{lang}: characters missing from the PDF's text: {''.join(lost)}")
    # Every fixture language has a row in the catalogue: no English furniture.
    for english in ("Page 1 of", "Read this online", "References", "By "):
        if english in text:
            fail(f"{lang}: English furniture in the PDF: {english!r}")
    with open(pdf, "rb") as f:
        raw = f.read()
    if lang in RTL and b"/Direction /R2L" not in raw:
        fail(f"{lang}: no /ViewerPreferences /Direction /R2L")
    if lang not in RTL and b"/R2L" in raw:
        fail(f"{lang}: marked right to left")


def columns(line):
    """Terminal columns, one width per grapheme cluster as folio counts
    them: East Asian wide and fullwidth characters take two; marks (Indic
    vowel signs too) and Thai's sara am, which extend a cluster, none."""
    n = 0
    for c in line:
        if unicodedata.category(c) in ("Mn", "Mc", "Me", "Cf") or c in "\u0e33\u0eb3":
            continue
        n += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return n


def check_txt_html(lang, md, tmp):
    txt = os.path.join(tmp, lang + ".txt")
    html = os.path.join(tmp, lang + ".html")
    if run(F, "export", md, "-O", "width=40", "-o", txt).returncode != 0:
        fail(f"{lang}: text export failed")
        return
    body = open(txt, encoding="utf-8").read()
    for line in body.splitlines():
        if not line.startswith("http") and columns(line) > 40:
            fail(f"{lang}: a text line of {columns(line)} columns (width=40): {line}")
    flat = squash(body)
    missing = [w for w in body_words(md) if squash(w) not in flat]
    if missing:
        fail(f"{lang}: words missing from the text export, e.g. {missing[:5]}")
    if run(F, "export", md, "-o", html).returncode != 0:
        fail(f"{lang}: HTML export failed")
        return
    head = open(html, encoding="utf-8").read(2000)
    m = re.search(r"<html[^>]*>", head)
    tag = m.group(0) if m else ""
    if f'lang="{lang}"' not in tag:
        fail(f"{lang}: <html> lacks lang: {tag}")
    want = "rtl" if lang in RTL else None
    if want and 'dir="rtl"' not in tag:
        fail(f"{lang}: <html> lacks dir=\"rtl\": {tag}")


def check_missing_glyph(tmp):
    md = os.path.join(tmp, "nofont.md")
    with open(md, "w", encoding="utf-8") as f:
        f.write("---\ntitle: No font\n---\n\nFirst line.\n\nAn unknown \U0010FFFD here.\n")
    out = os.path.join(tmp, "nofont.pdf")
    r = run(F, "export", md, "-o", out)
    if r.returncode == 0 or os.path.exists(out):
        fail("a character no font has was printed")
    if f"{md}:7:12:" not in r.stderr or "U+10FFFD" not in r.stderr:
        fail(f"the missing character's error lacks file:line:column: {r.stderr.strip()}")


def main():
    langs = sorted(f[:-3] for f in os.listdir(LANGS) if f.endswith(".md") and f != "README.md")
    if len(langs) < 11:
        fail(f"only {len(langs)} languages in {LANGS}")
    with tempfile.TemporaryDirectory() as tmp:
        for lang in langs:
            md = os.path.join(LANGS, lang + ".md")
            check_pdf(lang, md, tmp)
            check_txt_html(lang, md, tmp)
        check_missing_glyph(tmp)
    print(f"{len(langs)} languages, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
