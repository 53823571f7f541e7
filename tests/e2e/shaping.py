#!/usr/bin/env python3
"""Shaping in the PDF against HarfBuzz's own tools, for Arabic (joining,
lam-alef) and Devanagari (conjuncts, matras):

  glyphs  the glyph IDs folio draws for the string (its subsets keep the
          font's glyph IDs) are exactly those hb-shape gives for the same
          string and font, in the same (visual) order;
  ink     the string's inked box, rendered by pdftoppm from folio's PDF and
          by hb-view with the same font, has the same width and height
          relative to the font size (within 4 % and 10 %).
"""
import os
import re
import subprocess
import sys
import tempfile

F = os.environ["FOLIO_BIN"]
CASES = [
    ("ar", "Noto Sans Arabic:weight=regular", "نصائح لصحة القلب لأسباب كثيرة"),
    ("fa", "Noto Sans Arabic:weight=regular", "خواب کافی برای بدن مهم است"),
    ("hi", "Noto Sans Devanagari:weight=regular", "मधुमेह में पैरों की देखभाल ज़रूरी है"),
    ("pa", "Noto Sans Gurmukhi:weight=regular", "ਹੱਥ ਧੋਣ ਦੀ ਮਹੱਤਤਾ"),
]
DPI = 288
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL", msg)


def out(*args):
    return subprocess.run(args, capture_output=True, check=True).stdout


def pgm(path):
    """Width, height and the rows of an 8-bit binary PGM."""
    data = open(path, "rb").read()
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    w, h = int(m.group(1)), int(m.group(2))
    px = data[m.end():]
    return w, h, [px[y * w:(y + 1) * w] for y in range(h)]


def ink(rows, x0, y0, x1, y1):
    """The box of dark pixels inside [x0, x1) x [y0, y1)."""
    xs, ys = [], []
    for y in range(max(0, y0), min(len(rows), y1)):
        row = rows[y]
        dark = [x for x in range(max(0, x0), min(len(row), x1)) if row[x] < 128]
        if dark:
            xs += [dark[0], dark[-1]]
            ys.append(y)
    if not xs:
        return None
    return min(xs), min(ys), max(xs) + 1, max(ys) + 1


def folio_glyphs(pdf, tmp, family_file):
    """Glyph IDs per text op (Tm to Tm) drawn in the font made from family_file."""
    qdf = os.path.join(tmp, "x.qdf")
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, qdf], check=True)
    data = open(qdf, "rb").read().decode("latin-1")
    name = os.path.splitext(os.path.basename(family_file))[0]
    objs = {m.group(1): m.group(2) for m in
            re.finditer(r"\n(\d+) 0 obj\n(.*?)\nendobj", data, re.S)}
    font_objs = {k for k, v in objs.items() if re.search(r"/BaseFont /[A-Z]{6}\+" + re.escape(name) + r"\b", v)
                 and "/Type0" in v}
    res = set()
    for m in re.finditer(r"/(F\d+) (\d+) 0 R", data):
        if m.group(2) in font_objs:
            res.add(m.group(1))
    ops, cur, font = [], [], None
    for line in data.splitlines():
        t = re.match(r"/(F\d+) [\d.]+ Tf", line)
        if t:
            font = t.group(1)
        elif line.endswith(" Tm"):
            if cur:
                ops.append(cur)
            cur = []
        elif line.endswith("TJ") and font in res:
            # A hex string holds one or more 2-byte glyph IDs.
            for h in re.findall(r"<([0-9a-fA-F]+)>", line):
                cur += [int(h[i:i + 4], 16) for i in range(0, len(h), 4)]
    if cur:
        ops.append(cur)
    return ops


def word_box(pdf):
    """The union of pdftotext's boxes (points) of the words on the first
    line of non-Latin text (the title is Latin, the string comes next)."""
    html = out("pdftotext", "-bbox", pdf, "-").decode()
    boxes = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html):
        if any(ord(c) > 0x500 for c in m.group(5)):
            boxes.append([float(m.group(i)) for i in range(1, 5)])
    if not boxes:
        return None
    top = min(b[1] for b in boxes)
    boxes = [b for b in boxes if abs(b[1] - top) < 2]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def check(lang, pattern, text, tmp):
    font = out("fc-match", "-f", "%{file}", pattern).decode()
    md = os.path.join(tmp, lang + ".md")
    pdf = os.path.join(tmp, lang + ".pdf")
    with open(md, "w", encoding="utf-8") as f:
        f.write(f"---\ntitle: Shaping\nlang: {lang}\n---\n\n{text}\n")
    r = subprocess.run([F, "export", md, "-o", pdf], capture_output=True, text=True)
    if r.returncode != 0:
        fail(f"{lang}: export failed: {r.stderr}")
        return
    want = [int(g) for g in re.findall(r"\d+", out(
        "hb-shape", "--no-glyph-names", "--no-positions", "--no-clusters", font, text).decode())]
    ops = folio_glyphs(pdf, tmp, font)
    if want not in ops:
        fail(f"{lang}: glyphs differ from hb-shape's {want}: folio drew {ops}")
    # Ink: hb-view at 48 pt and folio's page, both rendered by poppler.
    hv = os.path.join(tmp, lang + "-hv.pdf")
    subprocess.run(["hb-view", "--font-size=48", "--margin=0", "-O", "pdf", "-o", hv, font, text],
                   check=True)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", hv, os.path.join(tmp, lang + "-hv")], check=True)
    w, h, rows = pgm(os.path.join(tmp, lang + "-hv-1.pgm"))
    ref = ink(rows, 0, 0, w, h)
    box = word_box(pdf)
    size = 12.0
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-f", "1", "-l", "1", pdf,
                    os.path.join(tmp, lang + "-folio")], check=True)
    w2, h2, rows2 = pgm(os.path.join(tmp, lang + "-folio-1.pgm"))
    if box is None or ref is None:
        fail(f"{lang}: no text box found (pdftotext -bbox) or nothing inked by hb-view")
        return
    k = DPI / 72.0
    x0, y0, x1, y1 = box
    pad = 0.35 * size
    got = ink(rows2, int((x0 - pad) * k), int((y0 - pad) * k), int((x1 + pad) * k), int((y1 + pad) * k))
    if got is None:
        fail(f"{lang}: nothing inked where the text is")
        return
    ref_w, ref_h = (ref[2] - ref[0]) / k / 48.0, (ref[3] - ref[1]) / k / 48.0
    got_w, got_h = (got[2] - got[0]) / k / size, (got[3] - got[1]) / k / size
    print(f"{lang}: glyphs {len(want)}; ink {got_w:.3f} x {got_h:.3f} em, hb-view {ref_w:.3f} x {ref_h:.3f} em")
    if abs(got_w - ref_w) > 0.04 * ref_w:
        fail(f"{lang}: inked width {got_w:.3f} em, hb-view's {ref_w:.3f} em")
    if abs(got_h - ref_h) > 0.10 * ref_h:
        fail(f"{lang}: inked height {got_h:.3f} em, hb-view's {ref_h:.3f} em")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for case in CASES:
            check(*case, tmp)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
