#!/usr/bin/env python3
"""Reading order of a tagged PDF against its source, from poppler's view of
the whole structure tree (`pdfinfo -struct-text`, which pdf.js cannot give:
its getStructTree is one page's part).

    pdf_order.py STRUCT.txt LAYOUT SOURCE.md [TRANSLATION.md]

LAYOUT is handout, trifold, columns or flip. Checks:
 - every heading and the opening words of every paragraph and list item of
   the source come out of the tree in the source's order, after the title
   (the H1); a bilingual leaflet's translation comes whole after the article
   (Matterhorn 09-001, reading order; WCAG 1.3.2);
 - every LI starts with its Lbl (bullet or number) before its LBody;
 - no page furniture in the tree: no "Page N of M" (Matterhorn 18-002,
   artifacts);
 - a tri-fold's tree ends with the back panel: a Sect holding the QR code's
   Figure, after the whole article (cover -> inside -> back).
Prints one line per failure and exits 1 when any failed. --self-test checks
that an out-of-order tree fails.

    pdf_order.py --words TEXT.txt SOURCE.md...

checks that every word of the sources' text is one word in TEXT.txt (what
pdftotext extracts): a word hyphenated at a line end, or drawn with a
ligature, must still read (and copy) whole (ISO 32000-1 14.8.2.2.3).
"""
import re
import sys
import unicodedata


def norm(s):
    s = unicodedata.normalize('NFKC', s)
    s = s.replace('\u2019', "'").replace('\u2018', "'").replace('\u201c', '"').replace('\u201d', '"')
    s = s.replace('\u00ab', '"').replace('\u00bb', '"').replace('\u202f', ' ').replace('\u00a0', ' ')
    s = re.sub(r'[\u00ad\u2010-]\s*', '', s)
    s = re.sub(r'[*_`"\'.,;:!?()\[\]]', '', s)
    return re.sub(r'\s+', ' ', s).strip().lower()


def parse_tree(text):
    """poppler's indented listing -> nested {role, kids, text} dicts."""
    root = {'role': 'ROOT', 'kids': [], 'text': '', 'depth': -1}
    stack = [root]
    for line in text.splitlines():
        if not line.strip():
            continue
        depth = (len(line) - len(line.lstrip(' '))) // 2
        body = line.strip()
        while stack[-1]['depth'] >= depth:
            stack.pop()
        if body.startswith('"'):
            stack[-1]['text'] += body[1:-1] + ' ' if body.endswith('"') else body[1:] + ' '
            continue
        m = re.match(r'^([A-Za-z0-9]+)\b', body)
        if not m:
            continue
        node = {'role': m.group(1), 'kids': [], 'text': '', 'depth': depth}
        stack[-1]['kids'].append(node)
        stack.append(node)
    return root


def flat(node, out):
    """The tree's text in order, one (role, text) per element with text."""
    if node['text']:
        out.append((node['role'], node['text']))
    for k in node['kids']:
        flat(k, out)
    return out


def all_nodes(node):
    yield node
    for k in node['kids']:
        yield from all_nodes(k)


def source_snippets(md):
    """The title and, in order, each block's opening words."""
    fm = re.match(r'^---\n(.*?)\n---\n', md, re.S)
    title = None
    if fm:
        m = re.search(r'^title:\s*"?(.*?)"?\s*$', fm.group(1), re.M)
        title = m.group(1) if m else None
        md = md[fm.end():]
    md = re.sub(r'```.*?```', '', md, flags=re.S)
    out = []
    for block in re.split(r'\n\s*\n', md):
        for line in block.split('\n'):
            line = line.strip()
            if not line or line.startswith('|') or line.startswith('!['):
                continue
            if re.match(r'^\[\^?[^\]]*\]:', line):  # link definitions, notes
                break
            line = re.sub(r'^(#{1,6}|[-*+]|\d+[.)]|>)\s+', '', line)
            line = re.sub(r'!\[[^\]]*\]\([^)]*\)', '', line)
            line = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', line)
            line = re.sub(r'\[\^[^\]]*\]|\[@[^\]]*\]', '', line)
            words = norm(line).split(' ')[:4]
            if len(words) >= 2:
                out.append(' '.join(words))
            break  # one snippet per block, from its first line
    return title, out


def source_words(md):
    """The words of md's prose, as a reader of the page would see them."""
    md = re.sub(r'^---\n.*?\n---\n', '', md, flags=re.S)
    md = re.sub(r'```.*?```', '', md, flags=re.S)
    md = re.sub(r'!\[[^\]]*\]\([^)]*\)', '', md)  # alt text: the Figure's, not the page's
    # Not yet: a word too long for a narrow table cell is broken between
    # characters without a hyphen, and reads as two (docs/accessibility.md).
    md = re.sub(r'^\s*\|.*$', '', md, flags=re.M)
    md = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', md)
    md = re.sub(r'https?://\S+', '', md)
    md = unicodedata.normalize('NFC', md)
    return set(w.lower() for w in re.findall(r"[^\W\d_]{4,}", md))


def check_words(text, sources):
    got = set(w.lower() for w in re.findall(r"[^\W\d_]{4,}", unicodedata.normalize('NFC', text)))
    bad = []
    for i, md in enumerate(sources):
        missing = sorted(source_words(md) - got)
        if missing:
            bad.append(f'source {i + 1}: {len(missing)} words not whole in the text '
                       f'(split at a line end or a ligature?): {" ".join(missing[:8])}')
    return bad


def check(struct, layout, sources):
    bad = []
    tree = parse_tree(struct)
    text = ' '.join(norm(t) for _, t in flat(tree, []))
    pos = 0
    end_of = []
    for i, md in enumerate(sources):
        title, snippets = source_snippets(md)
        if title:
            at = text.find(norm(title), pos)
            if at < 0:
                bad.append(f'source {i + 1}: the title "{title}" is not in the tree after the text before it')
            else:
                pos = at
        for sn in snippets:
            at = text.find(sn, pos)
            if at < 0:
                where = 'anywhere' if text.find(sn) < 0 else 'after the text before it (order)'
                bad.append(f'source {i + 1}: "{sn}" is not in the tree {where}')
                continue
            pos = at + len(sn)
        end_of.append(pos)
    for li in (n for n in all_nodes(tree) if n['role'] == 'LI'):
        roles = [k['role'] for k in li['kids']]
        if not roles or roles[0] != 'Lbl' or 'LBody' not in roles:
            bad.append(f'an LI holds {",".join(roles)}, wanted Lbl then LBody (Matterhorn 16-001)')
            break
    m = re.search(r'\b(page|seite|p\u00e1gina)\s+\d+\s+(of|sur|de|von)\s+\d+', text)
    if m:
        bad.append(f'page furniture in the tree: "{m.group(0)}" (Matterhorn 18-002)')
    if layout == 'trifold':
        docs = [n for n in tree['kids'] if n['role'] == 'Document']
        top = docs[0]['kids'] if docs else []
        last = top[-1] if top else None
        if not last or last['role'] != 'Sect' or not any(
                n['role'] == 'Figure' for n in all_nodes(last)):
            bad.append('the tri-fold tree does not end with the back panel (a Sect with the QR code)')
        else:
            back = norm(' '.join(t for _, t in flat(last, [])))
            if back and end_of and text.rfind(back[:30]) < end_of[-1]:
                bad.append('the back panel reads before the end of the article')
    return bad


def self_test():
    good = ('Document\n  H1 (block)\n    "A title"\n  P (block)\n    "first words of one"\n'
            '  L (block)\n    LI (block)\n      Lbl (block)\n        "1."\n'
            '      LBody (block)\n        "second block is here"\n')
    md = '---\ntitle: A title\n---\n\nFirst words of one.\n\n1. Second block is here\n'
    swapped = good.replace('first words of one', 'x').replace('second block is here',
                                                               'first words of one second block is here')
    nolbl = good.replace('Lbl (block)', 'Span (block)')
    footer = good.replace('"A title"', '"A title Page 1 of 2"')
    ok = not check(good, 'handout', [md])
    ok &= bool(check(good.replace('first words', 'words first'), 'handout', [md]))
    ok &= bool(check(nolbl, 'handout', [md]))
    ok &= bool(check(footer, 'handout', [md]))
    ok &= not check(swapped, 'handout', [md])  # both still in order
    ok &= bool(check(good.replace('"A title"', '"x"') + '  H1 (block)\n    "A title"\n',
                     'handout', [md]))
    ok &= bool(check(good, 'trifold', [md]))  # no back panel
    ok &= not check_words('first words of one second block is here', [md])
    ok &= bool(check_words('first words of one sec- ond block is here', [md]))
    return ok


def main():
    if sys.argv[1:] == ['--self-test']:
        ok = self_test()
        print('self-test', 'passed' if ok else 'FAILED')
        return 0 if ok else 1
    if len(sys.argv) >= 4 and sys.argv[1] == '--words':
        text = open(sys.argv[2], encoding='utf-8', errors='replace').read()
        sources = [open(p, encoding='utf-8').read() for p in sys.argv[3:]]
        bad = check_words(text, sources)
        print(f'pdf_order: {sum(len(source_words(m)) for m in sources)} words checked whole')
        for b in bad:
            print('FAIL: ' + b)
        return 1 if bad else 0
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    struct = open(sys.argv[1], encoding='utf-8', errors='replace').read()
    sources = [open(p, encoding='utf-8').read() for p in sys.argv[3:]]
    bad = check(struct, sys.argv[2], sources)
    print(f'pdf_order: {sum(len(source_snippets(m)[1]) for m in sources)} source blocks '
          f'checked in order')
    for b in bad:
        print('FAIL: ' + b)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
