#!/bin/sh
# WCAG 2.1 AA for folio's HTML: every sample and HTML fixture, exported one
# by one and as a batch site, goes through axe-core in headless Chromium at
# 320, 768 and 1280 px (tests/js/axe_check.js: zero violations tagged wcag2a,
# wcag2aa, wcag21a, wcag21aa, and no sideways page scrolling at any width).
# Then what axe cannot see: one h1, the skip link's target, the language of
# the page and of passages in another one, named table regions, scoped
# header cells, link text that names the article, and a warning for an
# image without alt text.
set -eu
. "$FOLIO_SOURCE_DIR/tests/e2e/lib.sh"
S="$FOLIO_SOURCE_DIR/assets/samples"
FX="$FOLIO_SOURCE_DIR/tests/fixtures/html"
cd "$SCRATCH"

mkdir pages
cp -R "$FX/images" pages/
for md in "$S"/*.md "$FX"/with-images.md "$FX"/a11y-wide.md; do
	base=$(basename "$md" .md)
	expect_ok "html of $base" "$FOLIO_BIN" export "$md" -o "pages/$base.html"
done
expect_ok "html of the hostile fixture" "$FOLIO_BIN" export "$FX/hostile.md" \
	--profile "$FX/hostile-profile.yaml" -o pages/hostile.html

# an image without alt text is reported, naming it
expect_ok "html of an image without alt" "$FOLIO_BIN" export "$FX/a11y-no-alt.md" -o pages/no-alt.html
expect_stderr "an image without alt text is reported" "images/desk%20setup.png has no alt text"

# a batch site: the samples and the wide fixture together
mkdir in
cp "$S"/*.md "$FX/a11y-wide.md" in/
cp -R "$FX/images" in/
expect_ok "batch site" "$FOLIO_BIN" batch -q in -o site -f pdf,txt,html
cp -R "$FX/images" site/a11y-wide/

# ---- axe-core at three widths ----
set +e
"$FOLIO_NODE" "$FOLIO_SOURCE_DIR/tests/js/axe_check.js" --widths 320,768,1280 \
	pages/*.html site/index.html site/*/*.html > axe.log 2>&1
rc=$?
set -e
cat axe.log
if [ "$rc" -eq 0 ]; then pass; else fail "axe-core found WCAG 2.1 A/AA violations (above)"; fi

# ---- what axe does not check ----
expect_ok "landmarks, headings, languages, tables and links" python3 - \
	pages/*.html site/index.html site/*/*.html <<'PY'
import re, sys
from html.parser import HTMLParser

class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.starts = []
    def handle_starttag(self, t, a):
        self.starts.append((t, dict(a)))

bad = []
for f in sys.argv[1:]:
    src = open(f, encoding='utf-8').read()
    p = P(); p.feed(src)
    tags = [t for t, _ in p.starts]
    def want(ok, why):
        if not ok:
            bad.append(f'{f}: {why}')
    want(tags.count('h1') == 1, f'{tags.count("h1")} h1 elements, wanted 1')
    want(tags.count('main') == 1, 'not exactly one <main>')
    html = p.starts[0][1]
    want(re.fullmatch(r'[a-zA-Z]{2,3}(-[a-zA-Z0-9]+)*', html.get('lang', '')),
         f'<html lang> is {html.get("lang")!r}')
    first_link = next((a for t, a in p.starts if t == 'a'), {})
    main = next(a for t, a in p.starts if t == 'main')
    want(first_link.get('href') == '#' + main.get('id', '?'),
         'the first link is not a skip link to <main>')
    for t, a in p.starts:
        if t == 'th':
            want(a.get('scope') in ('col', 'row'), '<th> without scope')
        if t == 'img':
            want('alt' in a, f'<img src={a.get("src")!r}> without alt')
        if t == 'div' and 'table-wrap' in a.get('class', ''):
            want(a.get('role') == 'region' and a.get('tabindex') == '0' and a.get('aria-label'),
                 'a table scroller is not a focusable, labelled region')
# the French page names its table region in French
src = open('pages/a11y-wide.html', encoding='utf-8').read()
if 'aria-label="Tableau 1"' not in src: bad.append('a11y-wide.html: the table region is not "Tableau 1"')
if '<html lang="fr">' not in src: bad.append('a11y-wide.html: not lang="fr"')
if 'Aller au contenu' not in src: bad.append('a11y-wide.html: the skip link is not in French')
# the site index: the French article's entry carries its language, and each
# format link names its article
idx = open('site/index.html', encoding='utf-8').read()
entry = re.search(r'<li class="entry" lang="fr">\s*<h2><a href="[^"]*">L(&#39;|\'|’)épaule gelée', idx)
if entry is None: bad.append('index.html: the French entry has no lang="fr"')
for m in re.finditer(r'<p class="formats">(.*?)</p>', idx, re.S):
    for a in re.findall(r'<a [^>]*>(.*?)</a>', m.group(1)):
        if '<span class="vh">: ' not in a: bad.append(f'index.html: format link {a!r} does not name its article')
for b in bad: print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY

finish
