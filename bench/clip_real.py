#!/usr/bin/env python3
"""The clipped-text importer on real pages, copied the way a browser copies them.

Pages (none of them committed; read from local git mirrors of public
extractor test suites):

  trafilatura  tests/eval/*.html with tests/evaldata.json: per page the
               snippets that must be in the article ("with") and boilerplate
               that must not ("without").  Truth for title, author and date
               comes from the page's own metadata (JSON-LD headline /
               datePublished / author, else og:title, article:published_time,
               meta author, <time datetime>).
  readability  test/test-pages/*/source.html with expected-metadata.json
               (title, byline, publishedTime: the suite's own truth) and
               expected.html (the article's text: precision and recall).
  postlight    Postlight Parser's fixtures/<host>.html (MIT or Apache-2.0) with
               the title, author and date_published each site's test asserts
               (src/extractors/custom/<host>/index.test.js). Measured first
               as a held-out set; a few rules since came from its misses.
               Not in the default --corpus; metadata only.

Only English and French pages are used (<html lang>, else the page's words).
Each page becomes the text of `document.body.innerText` in headless Chromium
(bench/clip_innertext.mjs, puppeteer-core from build/js/node_modules: run
`ctest --test-dir build -R a11y_npm_ci` once), cached in --cache; then
`folio export PAGE.txt --from clip -f json` is scored as tests/e2e/clip_score.py
scores the fixtures:

  title      the page's title (whole, or without its " | Site" part, or its h1)
  author     a name folio gives is the truth's or inside it (pages with one)
  date       the ISO date (pages with one; relative dates count as misses)
  precision  share of kept body words that are article (readability pages)
  recall     share of article words kept (readability pages)
  with       share of "with" snippets kept (trafilatura pages)
  leak       share of "without" snippets in the body (trafilatura pages)

  bench/clip_real.py [--folio build/bin/folio] [--cache /tmp/folio-clipreal]
                     [--corpus trafilatura,readability[,postlight]] [-v] [--only NAME]
"""
import argparse
import collections
import concurrent.futures
import html as H
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from html_real import js_string  # noqa: E402  (Postlight's asserted values)
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
EN = set("the and of to is was for that with are this have from".split())
FR = set("le la les et des est une du dans pour que qui sur pas au".split())
OTHER = {"de": set("der die und das ist nicht mit den ein eine auf für sich dem".split()),
         "es": set("el los las del por una con para que es se su al lo como".split()),
         "it": set("il di che della per una sono non con gli le nel".split()),
         "pl": set("nie się jest na że do to w z od za po jak".split())}


def git_show(gitdir, path, binary=False):
    out = subprocess.run(["git", "--git-dir", gitdir, "show", "HEAD:" + path],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True).stdout
    return out if binary else out.decode("utf-8", "replace")


def norm(s):
    return " ".join(re.sub(r"[^\w ]", " ", (s or "").translate(INVISIBLE).casefold()).split())


def words(s):
    return re.findall(r"\w+", (s or "").translate(INVISIBLE).casefold())


def language(h):
    """The page's language from its words (stopwords), else its <html lang>."""
    h = re.sub(r"<!--.*?-->", " ", h, flags=re.S)
    body = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", " ", h, flags=re.S | re.I)
    w = collections.Counter(words(H.unescape(body)))
    counts = {k: sum(w[x] for x in v) for k, v in dict(OTHER, en=EN, fr=FR).items()}
    best = max(counts, key=counts.get)
    if counts[best] >= 20:
        return best
    m = re.search(r"<html\b[^>]*\blang=[\"']?([A-Za-z]{2})", h, re.I)
    return m.group(1).lower() if m else "?"


def meta(h, key):
    for m in re.finditer(r"<meta\b[^>]*>", h, re.I):
        tag = m.group(0)
        if re.search(r"(?:property|name|itemprop)\s*=\s*[\"']%s[\"']" % re.escape(key), tag, re.I):
            c = re.search(r"content\s*=\s*\"([^\"]*)\"|content\s*=\s*'([^']*)'", tag, re.I)
            if c:
                return H.unescape(c.group(1) or c.group(2) or "").strip() or None
    return None


def jsonld(h):
    out = {}
    for m in re.finditer(r"<script[^>]*application/ld\+json[^>]*>(.*?)</script>", h, re.S | re.I):
        try:
            stack = [json.loads(m.group(1))]
        except ValueError:
            continue
        while stack:
            x = stack.pop()
            if isinstance(x, list):
                stack.extend(x)
                continue
            if not isinstance(x, dict):
                continue
            if "@graph" in x:
                g = x["@graph"]
                stack.extend(g if isinstance(g, list) else [g])
            t = x.get("@type")
            t = t if isinstance(t, list) else [t]
            if any(str(tt).endswith(("Article", "BlogPosting", "NewsArticle", "WebPage")) for tt in t):
                for k in ("headline", "datePublished", "author"):
                    if k in x and k not in out:
                        out[k] = x[k]
    return out


def person(a):
    if isinstance(a, list):
        a = a[0] if a else None
    if isinstance(a, dict):
        a = a.get("name")
    if not isinstance(a, str) or "http" in a or "/" in a or not a.strip():
        return None
    return H.unescape(a).strip()


def iso_day(d):
    return d[:10] if d and re.match(r"\d{4}-\d\d-\d\d", d) else None


def h1(h):
    m = re.search(r"<h1[^>]*>(.*?)</h1>", h, re.S | re.I)
    return " ".join(H.unescape(re.sub(r"<[^>]+>", " ", m.group(1))).split()) if m else None


def trafilatura_pages(gitdir):
    data = json.loads(git_show(gitdir, "tests/evaldata.json"))
    for url, v in sorted(data.items(), key=lambda kv: kv[1]["file"]):
        path = "tests/eval/" + v["file"]
        try:
            raw = git_show(gitdir, path, binary=True)
        except subprocess.CalledProcessError:
            continue
        h = raw.decode("utf-8", "replace")
        if language(h) not in ("en", "fr"):
            continue
        jl = jsonld(h)
        title = jl.get("headline") if isinstance(jl.get("headline"), str) else None
        yield {
            "name": "t-" + re.sub(r"[^\w.-]", "_", v["file"][:-5])[:80],
            "raw": raw,
            "url": url,
            "title": [t for t in (title, meta(h, "og:title"), h1(h)) if t],
            "author": person(jl.get("author")) or person(meta(h, "author"))
            or person(meta(h, "article:author")),
            "date": iso_day(jl.get("datePublished") if isinstance(jl.get("datePublished"), str) else None)
            or iso_day(meta(h, "article:published_time")) or iso_day(meta(h, "date"))
            or iso_day(meta(h, "datePublished")) or iso_day(meta(h, "DC.date.issued"))
            or iso_day((re.search(r"<time[^>]*datetime=[\"'](\d{4}-\d\d-\d\d)", h) or [None, None])[1]),
            "with": [s for s in v.get("with", []) if norm(s)],
            "without": [s for s in v.get("without", []) if norm(s)],
        }


def readability_pages(gitdir):
    names = subprocess.run(["git", "--git-dir", gitdir, "ls-tree", "--name-only", "HEAD",
                            "test/test-pages/"], stdout=subprocess.PIPE, check=True,
                           text=True).stdout.split()
    for d in names:
        try:
            m = json.loads(git_show(gitdir, d + "/expected-metadata.json"))
            raw = git_show(gitdir, d + "/source.html", binary=True)
            expected = git_show(gitdir, d + "/expected.html")
        except (subprocess.CalledProcessError, ValueError):
            continue
        h = raw.decode("utf-8", "replace")
        lang = (m.get("lang") or "")[:2].lower() or language(h)
        if lang not in ("en", "fr"):
            continue
        byline = m.get("byline")
        body = H.unescape(re.sub(r"<[^>]+>", " ", expected))
        yield {
            "name": "r-" + os.path.basename(d),
            "raw": raw,
            "title": [t for t in (m.get("title"), h1(h)) if t],
            "author": byline.strip() if byline and byline.strip() else None,
            "date": iso_day(m.get("publishedTime")),
            "body": collections.Counter(words(body)),
        }


def postlight_pages(gitdir):
    """Postlight Parser's fixtures (MIT or Apache-2.0): fixtures/<host>.html, with the title,
    author and date_published its per-site test (src/extractors/custom/<host>/index.test.js)
    asserts."""
    names = subprocess.run(["git", "--git-dir", gitdir, "ls-tree", "--name-only", "HEAD",
                            "fixtures/"], stdout=subprocess.PIPE, check=True,
                           text=True).stdout.split()
    for f in names:
        host = os.path.basename(f)[:-5]
        try:
            test = git_show(gitdir, f"src/extractors/custom/{host}/index.test.js")
            raw = git_show(gitdir, f, binary=True)
        except subprocess.CalledProcessError:
            continue
        h = raw.decode("utf-8", "replace")
        if language(h) not in ("en", "fr"):
            continue
        title, author = js_string(test, "title"), js_string(test, "author")
        yield {
            "name": "p-" + re.sub(r"[^\w.-]", "_", host)[:80],
            "raw": raw,
            "title": [t for t in (title, h1(h)) if t],
            "author": re.sub(r"^(?:by|par)\s+", "", author.strip(), flags=re.I) if author else None,
            "date": iso_day(js_string(test, "date_published")),
        }


def dump_texts(pages, cache, node_path):
    todo = []
    os.makedirs(os.path.join(cache, "html"), exist_ok=True)
    for p in pages:
        txt = os.path.join(cache, p["name"] + ".txt")
        p["txt"] = txt
        if not os.path.exists(txt):
            src = os.path.join(cache, "html", p["name"] + ".html")
            with open(src, "wb") as f:
                f.write(p["raw"])
            todo += [src, txt]
    for i in range(0, len(todo), 80):
        env = dict(os.environ, NODE_PATH=node_path)
        r = subprocess.run(["node", os.path.join(HERE, "clip_innertext.mjs")] + todo[i:i + 80], env=env)
        if r.returncode:
            print("clip_innertext.mjs: some pages could not be read", file=sys.stderr)


def texts(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "text" and isinstance(v, str):
                yield v
            elif k not in ("authors", "title", "journal", "doi", "url", "year", "volume",
                           "issue", "pages", "pmid"):
                yield from texts(v)
    elif isinstance(node, list):
        for v in node:
            yield from texts(v)


def title_hit(got, want):
    g = norm(got)
    if not g:
        return False
    cands = set()
    for t in want:
        cands.add(norm(t))
        for part in re.split(r"\s[|\-–—:»·]\s", t):
            cands.add(norm(part))
    return g in cands


def score(p, folio):
    r = subprocess.run([folio, "export", p["txt"], "--from", "clip", "-f", "json"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    res = {"name": p["name"], "ok": r.returncode == 0}
    if r.returncode:
        res["error"] = r.stderr.decode(errors="replace")[:300]
        return res
    g = json.loads(r.stdout)
    flat = " ".join(texts({"b": g["blocks"], "r": g.get("references", [])}))
    nb = norm(flat)
    res["got"] = {"title": g.get("title"), "authors": [a["name"] for a in g.get("authors", [])],
                  "date": g.get("date")}
    res["title"] = title_hit(g.get("title"), p["title"])
    if p.get("author"):
        ta = norm(p["author"])
        res["author"] = any(norm(a) and (norm(a) in ta or ta in norm(a)) for a in res["got"]["authors"])
    if p.get("date"):
        res["date"] = (g.get("date") or "")[:10] == p["date"]
    if "body" in p:
        out = collections.Counter(words(flat))
        res["kept"] = sum((out & p["body"]).values())
        res["out"] = sum(out.values())
        res["truth"] = sum(p["body"].values())
    if "with" in p:
        res["with"] = (sum(norm(s) in nb for s in p["with"]), len(p["with"]))
        leaked = [s for s in p["without"] if re.search(r"(?<!\w)" + re.escape(norm(s)) + r"(?!\w)", nb)]
        res["leak"] = (len(leaked), len(p["without"]))
        res["leaked"] = leaked
    return res


def summary(label, rs):
    n = len(rs)
    if not n:
        return f"{label}: no pages"
    ok = [r for r in rs if r["ok"]]
    a = [r["author"] for r in ok if "author" in r]
    d = [r["date"] for r in ok if "date" in r]
    kept = sum(r.get("kept", 0) for r in ok)
    out = sum(r.get("out", 0) for r in ok)
    truth = sum(r.get("truth", 0) for r in ok)
    w = [r["with"] for r in ok if "with" in r]
    lk = [r["leak"] for r in ok if "leak" in r]
    parts = [f"{label}: {n} pages ({n - len(ok)} failed)",
             f"title {sum(r['title'] for r in ok) / n:.2f}",
             f"author {sum(a) / max(len(a), 1):.2f} (of {len(a)})",
             f"date {sum(d) / max(len(d), 1):.2f} (of {len(d)})"]
    if out:
        parts += [f"precision {kept / out:.2f}", f"recall {kept / max(truth, 1):.2f}"]
    if w:
        parts += [f"with {sum(x for x, _ in w) / max(sum(y for _, y in w), 1):.2f}",
                  f"leak {sum(x for x, _ in lk) / max(sum(y for _, y in lk), 1):.2f}"]
    return ", ".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folio", default=os.environ.get("FOLIO_BIN", os.path.join(SRC, "build/bin/folio")))
    ap.add_argument("--cache", default="/tmp/folio-clipreal")
    ap.add_argument("--mirror", default="/work/.mirror")
    ap.add_argument("--node-path", default=os.path.join(SRC, "build/js/node_modules"))
    ap.add_argument("--corpus", default="trafilatura,readability")
    ap.add_argument("--only", help="pages whose name contains this")
    ap.add_argument("--json", help="write every page's result here")
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("-v", action="store_true", help="a line per page")
    a = ap.parse_args()
    pages = []
    corpora = a.corpus.split(",")
    if "trafilatura" in corpora:
        pages += list(trafilatura_pages(os.path.join(a.mirror, "adbar+trafilatura/repo")))
    if "readability" in corpora:
        pages += list(readability_pages(os.path.join(a.mirror, "mozilla+readability/repo")))
    if "postlight" in corpora:
        pages += list(postlight_pages(os.path.join(a.mirror, "postlight+parser/repo")))
    if a.only:
        pages = [p for p in pages if a.only in p["name"]]
    dump_texts(pages, a.cache, a.node_path)
    pages = [p for p in pages if os.path.exists(p["txt"])]
    with concurrent.futures.ThreadPoolExecutor(a.j) as ex:
        rs = list(ex.map(lambda p: score(p, a.folio), pages))
    truth = {p["name"]: p for p in pages}
    if a.v:
        for r in rs:
            p = truth[r["name"]]
            if not r["ok"]:
                print(f"{r['name']}: FAILED {r['error']}")
                continue
            miss = []
            if not r["title"]:
                miss.append(f"title={r['got']['title']!r} want {p['title'][:2]!r}")
            if r.get("author") is False:
                miss.append(f"author={r['got']['authors']!r} want {p['author']!r}")
            if r.get("date") is False:
                miss.append(f"date={r['got']['date']!r} want {p['date']!r}")
            extra = ""
            if "out" in r:
                extra = f" | precision {r['kept'] / max(r['out'], 1):.2f} recall {r['kept'] / max(r['truth'], 1):.2f}"
            if "leak" in r:
                extra = f" | with {r['with'][0]}/{r['with'][1]} leaked {r['leaked']}"
            print(f"{r['name']}: {'; '.join(miss) or 'metadata ok'}{extra}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(rs, f, indent=1, ensure_ascii=False)
    for c in corpora:
        print(summary(c, [r for r in rs if r["name"].startswith(c[0] + "-")]))
    print(summary("all", rs))


if __name__ == "__main__":
    main()
