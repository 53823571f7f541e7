#!/usr/bin/env python3
"""Measures a handout from the PDF's own text boxes (pdftotext -bbox-layout),
as issue 19 judges it: characters per full body line, the share of lines that
end with a hyphen, hyphens before a paragraph's last line or at a page end,
the lines on each page, and straight quotes; and how the pages are filled:
the lines of article text on each page (the closing "When to call us" panel,
from its heading on, and the QR code's caption are not article text), pages
that hold no article text at all (only the QR code or the panel), and
references split across two pages.

    pdf_measure.py FILE.pdf [--size 12] [--closing HEADING] [--json]

--closing names the closing panel's heading when the article's language is
not one the script knows (English, French, Spanish, German).

A body line is a line of words at the body size (the height pdftotext gives a
word is about 1.116 em for the fonts folio embeds); a *full* body line is one
followed, in the same column, by another body line one leading below it (the
last line of a paragraph is followed by a paragraph gap, or nothing). The
running footer is what repeats at the same height on every page (digits
aside); it is left out of every count. Prints one "name value" per line, or
JSON with --json.
"""
import json
import re
import statistics
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/1999/xhtml}"
EM = 1.116  # word box height / font size (Liberation Sans, DejaVu, Noto)
HYPHENS = ("-", "\u2010")
CLOSING = {"When to call us", "Quand nous appeler", "Cuándo llamarnos",
           "Wann Sie uns anrufen sollten"}
REFERENCES = {"References", "Références", "Referencias", "Literatur"}
CAPTIONS = {"Read this online", "Lire en ligne", "Léalo en línea", "Online lesen"}


def pages_of(path):
    """Lists pages; each a list of lines (dict: y, x0, x1, h, words)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", path, "-"], check=True,
                         capture_output=True).stdout
    root = ET.fromstring(xml)
    pages = []
    for page in root.iter(NS + "page"):
        lines = []
        for line in page.iter(NS + "line"):
            words = [(float(w.get("xMin")), float(w.get("xMax")), float(w.get("yMin")),
                      float(w.get("yMax")), w.text or "") for w in line.iter(NS + "word")]
            # Split a line where the gap between two words is wider than 2 em:
            # the text column and the side rail are two lines.
            cur = []
            for w in words:
                h = w[3] - w[2]
                if cur and w[0] - cur[-1][1] > 2 * h / EM:
                    lines.append(cur)
                    cur = []
                cur.append(w)
            if cur:
                lines.append(cur)
        pages.append([{
            "x0": ws[0][0], "x1": ws[-1][1], "y": ws[0][2],
            "h": max(w[3] - w[2] for w in ws),
            "text": " ".join(w[4] for w in ws)} for ws in lines])
    return pages


def drop_footer(pages):
    """Removes the running footer: lines whose text (digits aside) recurs at
    the same height on every page, and everything below them."""
    if len(pages) < 2:
        return pages
    key = lambda l: (round(l["y"]), re.sub(r"\d+", "#", l["text"]))
    common = set(key(l) for l in pages[0])
    for p in pages[1:]:
        common &= set(key(l) for l in p)
    out = []
    for p in pages:
        tops = [l["y"] for l in p if key(l) in common]
        cut = min(tops) - 0.5 if tops else float("inf")
        out.append([l for l in p if l["y"] < cut])
    return out


def fill(pages, closing):
    """Article lines per page, pages without any, and references that
    continue onto the next page (a page's first article line, while the
    reference list runs, that does not start with its number)."""
    article, empty, split = [], [], []
    in_refs = False
    for pi, p in enumerate(pages):
        p = sorted(p, key=lambda l: (l["y"], l["x0"]))
        cut = next((l["y"] for l in p if l["text"].strip() in closing), None)
        lines = [l for l in p if (cut is None or l["y"] < cut - 0.5)
                 and l["text"].strip() not in CAPTIONS]
        article.append(len(lines))
        if not lines and pi > 0:
            empty.append(pi + 1)
        if in_refs and lines and not re.match(r"\d+\.(\s|$)", lines[0]["text"]) \
                and lines[0]["text"].strip() not in REFERENCES:
            split.append(pi + 1)
        if any(l["text"].strip() in REFERENCES for l in lines):
            in_refs = True
        if cut is not None:
            in_refs = False
    return article, empty, split


def measure(path, size, closing=()):
    pages = drop_footer(pages_of(path))
    article, empty, split = fill(pages, CLOSING | set(closing))
    body_h = size * EM
    lead_lo, lead_hi = size * 1.2, size * 1.6
    full, hyph_lines, total_lines = [], 0, 0
    before_last, page_end = [], []
    per_page = []
    quotes = 0
    for pi, p in enumerate(pages):
        p = sorted(p, key=lambda l: (l["y"], l["x0"]))
        per_page.append(len(p))
        body = [l for l in p if abs(l["h"] - body_h) < 0.6]
        for l in p:
            total_lines += 1
            quotes += l["text"].count('"') + l["text"].count("'")
            if l["text"].endswith(HYPHENS) and len(l["text"]) > 1:
                hyph_lines += 1
        for i, l in enumerate(body):
            # the next body line in the same column (same left edge +- 3 pt,
            # or a list's hanging text)
            nxt = next((m for m in body[i + 1:] if abs(m["x0"] - l["x0"]) < 3
                        and m["y"] > l["y"] + 1), None)
            cont = nxt is not None and lead_lo <= nxt["y"] - l["y"] <= lead_hi
            if cont:
                full.append(len(l["text"]))
            hy = l["text"].endswith(HYPHENS) and len(l["text"]) > 1
            if hy and cont:
                # the line after nxt, if any: is nxt the paragraph's last line?
                after = next((m for m in body if abs(m["x0"] - nxt["x0"]) < 3
                              and m["y"] > nxt["y"] + 1), None)
                if after is None or not (lead_lo <= after["y"] - nxt["y"] <= lead_hi):
                    before_last.append(l["text"][-30:])
        if p and p[-1]["text"].endswith(HYPHENS) and pi + 1 < len(pages):
            page_end.append(p[-1]["text"][-30:])
    return {
        "pages": len(pages),
        "full_body_lines": len(full),
        "median_chars": statistics.median(full) if full else 0,
        "max_chars": max(full) if full else 0,
        "lines": total_lines,
        "hyphenated_lines": hyph_lines,
        "hyphenated_share": hyph_lines / total_lines if total_lines else 0,
        "hyphen_before_last_line": len(before_last),
        "hyphen_at_page_end": len(page_end),
        "lines_per_page": per_page,
        "article_lines_per_page": article,
        "pages_without_article": empty,
        "references_split_at_page": split,
        "straight_quotes": quotes,
        "examples": before_last + page_end,
    }


def main(argv):
    size = 12.0
    as_json = "--json" in argv
    args = [a for a in argv[1:] if a != "--json"]
    if "--size" in args:
        i = args.index("--size")
        size = float(args[i + 1])
        del args[i:i + 2]
    closing = []
    while "--closing" in args:
        i = args.index("--closing")
        closing.append(args[i + 1])
        del args[i:i + 2]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    r = measure(args[0], size, closing)
    if as_json:
        print(json.dumps(r))
    else:
        for k, v in r.items():
            print(k, v)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
