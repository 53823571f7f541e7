#!/usr/bin/env python3
"""Walks every content stream of a PDF and fails on content outside marked
content: every text-showing operator (Tj TJ ' "), image or form (Do, inline
images) and painted path (f F f* B B* b b* S s sh) must lie inside a marked-
content sequence with an /MCID (tagged content, PDF/UA-1 7.1, Matterhorn
01-004/01-005) or inside an /Artifact. Also checks that marked content and
text objects nest (BDC ... BT ... ET ... EMC or BT ... BDC ... EMC ... ET),
that every BDC has its EMC within the stream, and that no MCID repeats on a
page.

Usage: pdf_marked.py FILE.pdf [FILE.pdf ...]   (qpdf must be on PATH)
       pdf_marked.py --self-test                (an untagged page must fail)

The file is rewritten uncompressed by `qpdf --qdf --object-streams=disable`;
qpdf's QDF form labels each page's content stream ("%% Contents for page N").
"""
import re
import subprocess
import sys
import tempfile

TEXT_OPS = {b"Tj", b"TJ", b"'", b'"'}
IMAGE_OPS = {b"Do", b"BI"}
PAINT_OPS = {b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"S", b"s", b"sh"}

DELIM = b"()<>[]{}/%"
WS = b" \t\r\n\f\x00"


def tokens(data):
    """Operands and operators of a content stream: (kind, value) with kind
    'op' for operators and 'arg' for everything else (names keep their
    slash; dictionaries come whole)."""
    i, n = 0, len(data)
    while i < n:
        c = data[i:i + 1]
        if c in WS and c != b"":
            i += 1
        elif c == b"%":
            while i < n and data[i:i + 1] not in (b"\n", b"\r"):
                i += 1
        elif c == b"(":
            depth, j = 1, i + 1
            while j < n and depth:
                ch = data[j:j + 1]
                if ch == b"\\":
                    j += 2
                    continue
                depth += ch == b"("
                depth -= ch == b")"
                j += 1
            yield "arg", data[i:j]
            i = j
        elif data[i:i + 2] == b"<<":
            depth, j = 0, i
            while j < n:
                if data[j:j + 2] == b"<<":
                    depth += 1
                    j += 2
                elif data[j:j + 2] == b">>":
                    depth -= 1
                    j += 2
                    if depth == 0:
                        break
                elif data[j:j + 1] == b"<":
                    # a hex string inside the dictionary
                    j = data.index(b">", j) + 1
                elif data[j:j + 1] == b"(":
                    # a string inside the dictionary
                    d2, j = 1, j + 1
                    while j < n and d2:
                        ch = data[j:j + 1]
                        if ch == b"\\":
                            j += 2
                            continue
                        d2 += ch == b"("
                        d2 -= ch == b")"
                        j += 1
                else:
                    j += 1
            yield "arg", data[i:j]
            i = j
        elif c == b"<":
            j = data.index(b">", i) + 1
            yield "arg", data[i:j]
            i = j
        elif c in (b"[", b"]", b"{", b"}"):
            yield "arg", c
            i += 1
        elif c == b"/":
            j = i + 1
            while j < n and data[j:j + 1] not in WS and data[j:j + 1] not in DELIM:
                j += 1
            yield "arg", data[i:j]
            i = j
        else:
            j = i
            while j < n and data[j:j + 1] not in WS and data[j:j + 1] not in DELIM:
                j += 1
            if j == i:
                j += 1
            word = data[i:j]
            if re.fullmatch(rb"[-+]?(\d+\.?\d*|\.\d+)", word) or word in (b"true", b"false", b"null"):
                yield "arg", word
            elif word == b"ID":
                # inline image data up to EI
                k = data.find(b"EI", j)
                yield "op", b"ID"
                i = k + 2 if k >= 0 else n
                continue
            else:
                yield "op", word
            i = j


def check_stream(label, data):
    """Problems in one content stream, as strings."""
    bad = []
    stack = []  # per open marked-content sequence: True when it tags (MCID or Artifact)
    text_depth = None  # marked-content depth when BT opened
    mcids = set()
    args = []
    counts = {"text": 0, "image": 0, "path": 0}
    for kind, val in tokens(data):
        if kind == "arg":
            args.append(val)
            continue
        op = val
        if op in (b"BDC", b"BMC"):
            tag = args[0] if args else b""
            props = args[1] if op == b"BDC" and len(args) > 1 else b""
            m = re.search(rb"/MCID\s+(\d+)", props)
            if m:
                if m.group(1) in mcids:
                    bad.append(f"{label}: MCID {int(m.group(1))} used twice")
                mcids.add(m.group(1))
            stack.append(bool(m) or tag == b"/Artifact")
        elif op == b"EMC":
            if not stack:
                bad.append(f"{label}: EMC without BDC")
            else:
                stack.pop()
            if text_depth is not None and len(stack) < text_depth:
                bad.append(f"{label}: marked content opened outside BT ends inside it")
                text_depth = len(stack)
        elif op == b"BT":
            text_depth = len(stack)
        elif op == b"ET":
            if text_depth is not None and len(stack) != text_depth:
                bad.append(f"{label}: marked content opened inside BT is still open at ET")
            text_depth = None
        elif op in TEXT_OPS or op in IMAGE_OPS or op in PAINT_OPS:
            what = "text" if op in TEXT_OPS else "image" if op in IMAGE_OPS else "path"
            if not any(stack):
                counts[what] += 1
        args = []
    if stack:
        bad.append(f"{label}: {len(stack)} marked-content sequence(s) never closed")
    for what, k in counts.items():
        if k:
            bad.append(f"{label}: {k} {what} operator(s) outside tagged content and artifacts")
    return bad


def content_streams(path):
    """(label, bytes) of every page content stream, from qpdf's QDF form."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        r = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", path, tmp.name],
                           capture_output=True)
        if r.returncode not in (0, 3):
            raise SystemExit(f"{path}: qpdf failed: {r.stderr.decode(errors='replace')}")
        s = open(tmp.name, "rb").read()
    out = []
    for m in re.finditer(rb"%% Contents for page (\d+)\n(?:%%[^\n]*\n)*\d+ 0 obj\n.*?stream\n(.*?)endstream",
                         s, re.S):
        out.append((f"{path} page {int(m.group(1))}", m.group(2)))
    if not out:
        raise SystemExit(f"{path}: no page content streams found")
    return out


def check_file(path):
    bad = []
    for label, data in content_streams(path):
        bad += check_stream(label, data)
    return bad


def self_test():
    """The checker must fail on what it is meant to catch."""
    cases = {
        b"BT /F1 12 Tf (x) Tj ET": "text",
        b"q 10 0 0 10 0 0 cm /Im1 Do Q": "image",
        b"0 0 10 10 re f": "path",
        b"/P <</MCID 0>> BDC BT (x) Tj ET EMC 0 0 1 1 re f": "path",
        b"BT /P <</MCID 0>> BDC (x) Tj ET EMC": "still open at ET",
        b"/P <</MCID 0>> BDC (x) Tj EMC /P <</MCID 0>> BDC (y) Tj EMC": "used twice",
        b"/P <</MCID 0>> BDC BT (x) Tj": "never closed",
    }
    fails = 0
    for data, want in cases.items():
        got = check_stream("case", data)
        if not any(want in g for g in got):
            print(f"self-test: {data!r} should report '{want}', got {got}", file=sys.stderr)
            fails += 1
    good = (b"/P <</MCID 0>> BDC BT /F1 12 Tf (x) Tj ET EMC "
            b"/Artifact <</Type /Layout>> BDC 0 0 1 1 re f EMC "
            b"BT /P <</MCID 1>> BDC (a) Tj EMC /P <</MCID 2 /ActualText <FEFF00AD>>> BDC (-) Tj EMC ET "
            b"/Figure <</MCID 3>> BDC q /Im1 Do Q EMC "
            b"/P <</MCID 4>> BDC /Span <</ActualText (fi)>> BDC BT (x) Tj ET EMC EMC")
    got = check_stream("good", good)
    if got:
        print(f"self-test: a well-tagged stream reported {got}", file=sys.stderr)
        fails += 1
    return fails


def main(argv):
    if argv[1:] == ["--self-test"]:
        return 1 if self_test() else 0
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    bad = []
    for path in argv[1:]:
        bad += check_file(path)
    for b in bad:
        print(b, file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
