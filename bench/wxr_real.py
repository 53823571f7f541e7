#!/usr/bin/env python3
"""The WordPress export reader on real exports: WordPress's own theme test data.

    bench/wxr_real.py [--folio BIN] [--mirror GITDIR] [-v]

Reads the three exports of github.com/WPTT/theme-test-data (a git mirror;
nothing is committed or downloaded here): themeunittestdata.wordpress.xml,
64-block-test-data.xml and theme-preview.xml, real WXR files exported from
wpthemetestdata.wordpress.com, full of the cases a theme must survive (every
block, galleries, captions, shortcodes, drafts, a scheduled post, a
password-protected post, menu items, attachments, a post without a title, a
title of special characters, a creator written ">login").

For each export: `folio batch EXPORT -o DIR -f json,txt --flat`, then
  posts    the published posts (wp:status publish, wp:post_type post) and how
           many folio exported, matched by the post's slug
  title    the post's title (typographic quotes and spaces folded)
  author   the creator's display name among folio's authors
  date     the post date's day
  recall   pooled word recall of the post bodies (tags, block comments and
           shortcodes stripped) in folio's text output
Prints one line per export.
"""
import argparse
import collections
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
FILES = ("themeunittestdata.wordpress.xml", "64-block-test-data.xml", "theme-preview.xml")
CE = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"


def words(t):
    return collections.Counter(re.findall(r"[^\W_]+", t.lower()))


def fold(t):
    t = (t or "").translate(str.maketrans("‘’“”", "''\"\""))
    return " ".join(t.split())


def measure(folio, path, out, verbose):
    s = open(path, encoding="utf-8").read()
    w = "{%s}" % re.search(r'xmlns:wp="([^"]*)"', s).group(1)
    root = ET.fromstring(s.encode())
    names = {}
    for a in root.iter(w + "author"):
        names[a.findtext(w + "author_login")] = a.findtext(w + "author_display_name")
    want = [it for it in root.iter("item")
            if it.findtext(w + "post_type") == "post" and it.findtext(w + "status") == "publish"]
    run = subprocess.run([folio, "batch", path, "-o", out, "-f", "json,txt", "--flat"],
                         capture_output=True, text=True)
    got = {}
    for fn in os.listdir(out) if os.path.isdir(out) else []:
        if fn.endswith(".json"):
            with open(os.path.join(out, fn), encoding="utf-8") as f:
                got[fn[:-5]] = json.load(f)
    c = collections.Counter()
    tp = total = 0
    for it in want:
        slug = it.findtext(w + "post_name") or ""
        title = it.findtext("title") or ""
        # by slug (two posts may share one: folio names the second "slug-2"),
        # the same title first; with no slug, folio named the file from the title
        same = [g for k, g in got.items() if slug and (k == slug or re.fullmatch(
            re.escape(slug) + r"-\d+", k))] or list(got.values())
        j = next((g for g in same if fold(g.get("title") or "") == fold(title)), None)
        if j is None and slug:
            j = got.get(slug)
        if j is None:
            c["missing"] += 1
            if verbose:
                print(f"  missing: {slug!r} {title!r}")
            continue
        c["found"] += 1
        ok = fold(j.get("title") or "") == fold(title) or (not title and not j.get("title"))
        c["title"] += ok
        if verbose and not ok:
            print(f"  title: {j.get('title')!r} want {title!r}")
        creator = (it.findtext(DC + "creator") or "").strip()
        name = names.get(creator) or names.get(creator.strip("<> ")) or creator
        c["author"] += name in [a["name"] for a in j.get("authors", [])] or any(
            a["name"] in name for a in j.get("authors", []))
        c["date"] += (j.get("date") or "")[:10] == (it.findtext(w + "post_date") or "")[:10]
        body = it.findtext(CE + "encoded") or ""
        body = re.sub(r"<!--.*?-->", " ", body, flags=re.S)
        body = re.sub(r"\[/?[a-z_]+[^\]]*\]", " ", body)
        body = html.unescape(re.sub(r"<[^>]+>", " ", body))
        stem = next(k for k, g in got.items() if g is j)
        with open(os.path.join(out, stem + ".txt"), encoding="utf-8") as f:
            text = f.read()
        wb, wt = words(body), words(text)
        common = sum((wb & wt).values())
        tp += common
        total += sum(wb.values())
        if verbose and sum(wb.values()) and common / sum(wb.values()) < 0.9:
            print(f"  recall {common / sum(wb.values()):.2f}: {slug}")
    n = max(len(want), 1)
    print(f"{os.path.basename(path):34} exit={run.returncode} published={len(want)} "
          f"exported={len(got)} missing={c['missing']} title={c['title']}/{len(want)} "
          f"author={c['author']}/{len(want)} date={c['date']}/{len(want)} "
          f"recall={tp / max(total, 1):.3f}")
    return c["missing"] == 0 and len(got) == len(want) and c["title"] == n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folio", default=os.environ.get("FOLIO_BIN", os.path.join(SRC, "build", "bin", "folio")))
    ap.add_argument("--mirror", default="/work/.mirror/WPTT+theme-test-data/repo")
    ap.add_argument("-v", action="store_true", help="name each miss")
    a = ap.parse_args()
    if not os.path.isdir(a.mirror):
        print(f"wxr_real: no mirror at {a.mirror} (a git clone of WPTT/theme-test-data)",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        for name in FILES:
            path = os.path.join(tmp, name)
            with open(path, "wb") as f:
                f.write(subprocess.run(["git", "--git-dir", a.mirror, "show", "HEAD:" + name],
                                       stdout=subprocess.PIPE, check=True).stdout)
            measure(a.folio, path, os.path.join(tmp, name + ".out"), a.v)
    return 0


if __name__ == "__main__":
    sys.exit(main())
