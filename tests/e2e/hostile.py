#!/usr/bin/env python3
"""Hostile and broken input, as a table: each case is an input, a command line,
and the outcome folio must give — an exit status plus a message on stderr, or
success with checks on the output. Nothing may crash, hang, leak (the suite
runs under ASan/UBSan) or leave a partial file.

Run by ctest (test "hostile"); prints one line per failed case and
"N passed, N failed".
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

FOLIO = os.environ["FOLIO_BIN"]
SRC = os.environ["FOLIO_SOURCE_DIR"]
SAMPLE = os.path.join(SRC, "assets", "samples", "neck-pain-desk-work.md")
TMP = tempfile.mkdtemp(prefix="folio-hostile.")
FORMATS = ["txt", "json", "html", "pdf", "zip"]

FM = "---\ntitle: Test article\nauthor: \"Ana Diaz, PT\"\ndate: 2024-01-02\n---\n\n"


def path(name):
    return os.path.join(TMP, name)


def write(name, data):
    p = path(name)
    with open(p, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


def nested_list(depth):
    # "- - - x" nests one list per marker: 10,000 levels in 20 KB.
    return FM + "- " * depth + "deep\n"


def nested_quotes(depth):
    return FM + ">" * depth + " deep\n"


def many_refs(n):
    lines = [FM, "## References\n\n"]
    for i in range(n):
        lines.append(f"{i + 1}. Author A. Title {i}. Journal. 2020;1(2):{i}-{i + 1}. "
                     f"doi:10.1000/x{i}\n")
    return "".join(lines)


def png_header(width, height):
    import struct
    import zlib
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk +
            struct.pack(">I", zlib.crc32(chunk)))


def profile(name, body):
    return write(name, body)


# Each case: (name, argv builder, expected exit, stderr substring or None,
#             optional check on the output path).
CASES = []


# Every case runs under a timeout: a hang is a failure, never a stuck test. The
# default leaves room for a sanitizer build on a loaded machine (the slowest
# case takes about 25 s there); cases that once hung have tighter ones.
def case(name, argv, status, message=None, check=None, stdin_closed=False, timeout=120):
    CASES.append((name, argv, status, message, check, stdin_closed, timeout))


def out(name):
    return path("out-" + name)


def exists_nonempty(p):
    return os.path.isfile(p) and os.path.getsize(p) > 0


def json_ok(p):
    with open(p, encoding="utf-8") as f:
        json.load(f)
    return True


def no_partial(p):
    d = os.path.dirname(p)
    base = os.path.basename(p)
    return not os.path.exists(p) and not any(
        n.startswith("." + base + ".") for n in os.listdir(d))


def setup():
    inputs = {
        "empty": write("empty.md", ""),
        "only-fm": write("only-fm.md", FM),
        "unclosed-fm": write("unclosed.md", "---\ntitle: Never closed\n\nBody text.\n"),
        "bad-utf8-body": write("badbody.md", FM.encode() + b"Caf\xc3 au lait.\n"),
        "bad-utf8-yaml": write("badyaml.md", b"---\ntitle: Caf\xe9\n---\n\nBody.\n"),
        "nul": write("nul.md", FM.encode() + b"Before\x00after.\n"),
        "crlf": write("crlf.md", (FM + "Line one.\nLine two.\n\n- a\n- b\n").replace("\n", "\r\n")),
        "cr": write("cr.md", (FM + "Line one.\nLine two.\n").replace("\n", "\r")),
        "bom": write("bom.md", b"\xef\xbb\xbf" + FM.encode() + b"Body.\n"),
        "long-line": write("longline.md", FM + ("word " * 200000) + "\n"),
        "long-word": write("longword.md", FM + "x" * 100000 + "\n"),
        "deep-list": write("deeplist.md", nested_list(10000)),
        "deep-quote": write("deepquote.md", nested_quotes(10000)),
        "refs": write("refs.md", many_refs(100000)),
        "long-title": write("longtitle.md", "---\ntitle: \"" + "T" * 10000 + "\"\n---\n\nBody.\n"),
        "control": write("control.md", FM + "Bell\x07 and escape\x1b[31m here.\n"),
        "bidi": write("bidi.md", FM + "Invoice \u202egnp.exe\u202c and \u2067isolate\u2069.\n"),
        "doi-spaces": write("doispaces.md", FM + "## References\n\n1. Author A. Title. "
                            "Journal. 2020;1:2. doi: 10.1000/ abc def\n"),
        "yaml-bomb": write("yamlbomb.md", "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
                           "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                           "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                           "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n\nBody.\n"),
        "html": write("html.md", FM + "<script>alert(1)</script>\n\n[x](javascript:alert(1))\n"),
        "binary": write("binary.txt", bytes(range(1, 256)) * 100),
        "only-boilerplate": write("boiler.txt", "top of page\n\nRecent Posts\n\nSee All\n\n"
                                  "bottom of page\n"),
        "bad-date": write("baddate.md", "---\ntitle: X\ndate: 2024-13-45\n---\n\nBody.\n"),
        "yaml-tab": write("yamltab.md", "---\ntitle: X\n\tbad: indent\n---\n\nBody.\n"),
        "headings-only": write("headings.md", FM + "## Which exercises are safe?\n"
                               "## When should I see someone?\n"),
        # Glyph sets libharu 2.3.0 failed to save as TrueType subsets (error
        # 0x1033), back when libharu embedded the fonts: a two-line title and
        # headings alone, and an odd mix of capitals.
        "odd-glyph-set": write("oddglyphs.md", "---\ntitle: \"AT:YSK(659)\"\n---\n"
                               "# Hwgk\n# uIm?\n# fc\n"),
        "wrapped-title-headings": write("wrapped.md", "---\ntitle: \"Carpal Tunnel Syndrome: "
                                        "What You Should Know (322)\"\n---\n"
                                        "## When should I see someone?\n"
                                        "## Which exercises are safe?\n"
                                        "## How long does recovery take?\n"),
        "huge": path("huge.md"),
    }
    with open(inputs["huge"], "wb") as f:
        f.truncate(100 * 1024 * 1024)
    logo_txt = write("logo.png", "this is not a picture\n")
    logo_big = write("big.png", png_header(20000, 20000))
    profiles = {
        "missing-logo": profile("p-missing.yaml", "name: X\nlogo: nowhere.png\n"),
        "text-logo": profile("p-text.yaml", f"name: X\nlogo: {logo_txt}\n"),
        "big-logo": profile("p-big.yaml", f"name: X\nlogo: {logo_big}\n"),
        "bad-colour": profile("p-colour.yaml", "name: X\naccent: \"#12345g\"\n"),
        "unknown-key": profile("p-key.yaml", "name: X\nadress: 1 Main St\n"),
        "bad-yaml": profile("p-yaml.yaml", "name: [unclosed\n"),
        "bad-paper": profile("p-paper.yaml", "name: X\npaper: tabloid\n"),
    }
    return inputs, profiles


def zip_names(p):
    import zipfile
    with zipfile.ZipFile(p) as z:
        return z.namelist(), b"".join(z.read(n) for n in z.namelist())


def tar_bytes(p):
    import tarfile
    with tarfile.open(p) as t:
        return b"".join(t.extractfile(m).read() for m in t.getmembers() if m.isfile())


def pdf_text(p):
    r = subprocess.run(["pdftotext", p, "-"], stdout=subprocess.PIPE, check=True)
    return r.stdout.decode("utf-8", "replace")


SECRET = "SECRET-folio-hostile-do-not-leak"


def leak_setup():
    """An article folder and, beside it, files it must not reach."""
    art = path("leak/art")
    os.makedirs(art + "/sub", exist_ok=True)
    os.makedirs(path("leak/other"), exist_ok=True)
    write("leak/secret.md", FM + SECRET + "\n")
    write("leak/other/pic.png", SECRET)
    write("leak/art/sub/pic.png", "one picture")
    write("leak/art/pic.png", "another picture")
    for name, target in (("link.png", path("leak/secret.md")), ("link.md", path("leak/secret.md"))):
        if not os.path.lexists(os.path.join(art, name)):
            os.symlink(target, os.path.join(art, name))
    if not os.path.exists(os.path.join(art, "fifo.png")):
        os.mkfifo(os.path.join(art, "fifo.png"))
    imgs = ["../secret.md", "%2e%2e/secret.md", "%2e%2e%2fsecret.md", "link.png", "fifo.png",
            "/proc/self/environ", "../other/pic.png", "sub/pic.png", "pic.png"]
    body = "".join(f"![i]({i})\n\n" for i in imgs)
    images = write("leak/art/images.md", FM + body)
    tr = {}
    for key, ref in (("dotdot", "../secret.md"), ("abs", path("leak/secret.md")),
                     ("link", "link.md"), ("fifo", "fifo.png"), ("dir", "sub")):
        tr[key] = write(f"leak/art/tr-{key}.md",
                        f"---\ntitle: T\nlang: en\ntranslation: \"{ref}\"\n---\n\nBody.\n")
    # A batch folder with links out and a link loop.
    bt = path("leak/batch")
    os.makedirs(bt + "/d", exist_ok=True)
    write("leak/batch/one.md", FM + "One.\n")
    for name, target in (("out.md", path("leak/secret.md")), ("d/loop", ".."),
                         ("outside", path("leak/art"))):
        if not os.path.lexists(os.path.join(bt, name)):
            os.symlink(target, os.path.join(bt, name))
    return images, tr, bt


def build_leak_cases():
    F = FOLIO
    images, tr, bt = leak_setup()
    for fmt in ("zip", "tar.gz"):
        o = out(f"leak.{fmt}")
        reader = zip_names if fmt == "zip" else None

        def check(o=o, fmt=fmt):
            data = zip_names(o)[1] if fmt == "zip" else tar_bytes(o)
            return SECRET.encode() not in data and b"one picture" in data and \
                b"another picture" in data
        case(f"images outside the article's folder are not bundled -> {fmt}",
             [F, "export", images, "-o", o], 0, "outside the article's folder", check)
        # An absolute path is reported like the rest (it was once skipped
        # without a word), with the file and the line of the image.
        case(f"an absolute image path is reported with its line -> {fmt}",
             [F, "export", images, "-o", out(f"abs.{fmt}")], 0,
             "images.md: " + fmt + ": line 17: image /proc/self/environ: an absolute path")
    case("batch site: images outside the folder are reported, not copied",
         [F, "batch", images, "-o", path("leak/site-out"), "-f", "html"], 0,
         "images.md: line 17: image /proc/self/environ: an absolute path",
         lambda: SECRET not in "".join(open(os.path.join(d, n), errors="replace").read()
                                       for d, _, ns in os.walk(path("leak/site-out"))
                                       for n in ns))
    case("two images with one base name get two bundle entries",
         [F, "export", images, "-o", out("names.zip")], 0, None,
         lambda: len([n for n in zip_names(out("names.zip"))[0] if "/images/" in n]) == 2)
    case("an image that is a FIFO does not block",
         [F, "export", images, "-o", out("fifo.pdf")], 0, "fifo.png: not a regular file",
         lambda: SECRET not in pdf_text(out("fifo.pdf")))
    for key, msg in (("dotdot", "outside the article's folder"), ("abs", "an absolute path"),
                     ("link", "outside the article's folder"), ("fifo", "not a regular file"),
                     ("dir", "not a regular file")):
        case(f"translation: {key} is refused (pdf)",
             [F, "export", tr[key], "-o", out(f"tr-{key}.pdf"), "-O", "bilingual=columns"], 1,
             msg, lambda k=key: no_partial(out(f"tr-{k}.pdf")))
        case(f"translation: {key} is not linked (html)",
             [F, "export", tr[key], "-o", out(f"tr-{key}.html")], 0, msg,
             lambda k=key: SECRET not in open(out(f"tr-{k}.html")).read())
    case("batch: no link out, no loop",
         [F, "batch", bt, "-o", path("leak/batch-out"), "-f", "txt"], 0, "1 exported",
         lambda: sorted(os.listdir(path("leak/batch-out"))) == ["one"])
    case("batch: its own output folder is not input",
         [F, "batch", bt, "-o", bt + "/site", "-f", "txt"], 0, "1 exported")
    case("batch: its own output folder is not input, second run",
         [F, "batch", bt, "-o", bt + "/site", "-f", "txt"], 0, "1 exported")


def png_bomb(width, height, raw_bytes):
    """An 8-bit RGB PNG whose IDAT inflates to raw_bytes of zeros."""
    import struct
    import zlib

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    z = zlib.compressobj(9)
    block = bytes(1 << 20)
    parts = [z.compress(block) for _ in range(raw_bytes >> 20)]
    parts.append(z.flush())
    return (b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b""))


def jpeg(width, height, truncate=False):
    import struct
    sof = struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00"
    data = (b"\xff\xd8" + b"\xff\xc0" + struct.pack(">H", len(sof) + 2) + sof +
            b"\xff\xda" + struct.pack(">H", 8) + b"\x01\x01\x00\x00\x3f\x00" + b"\x12\x34" * 50)
    return data if truncate else data + b"\xff\xd9"


def build_hang_cases():
    """Inputs that once hung folio: each must end well within its timeout."""
    F = FOLIO
    keys = {"flow-seq": "[a]: b\n", "explicit": "? [a, b]\n: c\n", "flow-map": "{[a]: b}\n",
            "map-key": "? {x: y}\n: z\n", "author-map": "author:\n  [n]: x\n"}
    for name, yaml in keys.items():
        head = "" if yaml.startswith("{") else "title: T\n"
        p = write(f"key-{name}.md", "---\n" + head + yaml + "---\n\nBody.\n")
        for cmd in (["export", p, "-f", "txt"], ["inspect", p], ["check", p]):
            case(f"a {name} key -> {cmd[0]}", [F] + cmd, 1,
                 f"key-{name}.md:", timeout=30)
        case(f"a {name} key -> batch", [F, "batch", p, "-o", path(f"kb-{name}"), "-f", "txt"], 1,
             "a key must be a word, not a list or a map", timeout=30)
    case("a flow-seq key names its line and column", [F, "export", path("key-flow-seq.md"), "-f", "txt"],
         1, "key-flow-seq.md:3:1: front matter: a key must be a word", timeout=30)
    many = write("many-keys.md", "---\n" + "".join(f"k{i}: v\n" for i in range(100000)) +
                 "---\n\nBody.\n")
    case("100,000 front-matter keys", [F, "export", many, "-f", "json", "-o", out("keys.json")], 0,
         check=lambda: len(json.load(open(out("keys.json")))["meta"]) == 100000, timeout=60)
    write("bomb.png", png_bomb(12000, 12000, 400 << 20))
    bomb = write("bomb.md", FM + "![b](bomb.png)\n")
    case("a PNG bomb is refused by its header", [F, "export", bomb, "-o", out("bomb.pdf")], 0,
         "bomb.png", timeout=10)
    write("trunc.jpg", jpeg(40, 30, truncate=True))
    write("huge.jpg", jpeg(65535, 65535))
    for name in ("trunc", "huge"):
        p = write(f"{name}-jpg.md", FM + f"![j]({name}.jpg)\n")
        case(f"a JPEG {name} is not embedded", [F, "export", p, "-o", out(f"{name}.pdf")], 0,
             f"{name}.jpg", lambda n=name: subprocess.run(
                 ["qpdf", "--check", out(f"{n}.pdf")], stdout=subprocess.DEVNULL).returncode == 0)
    for bad in ("-1", "-5M", "99999999999999999999999", "18446744073709551615k", "x", ""):
        case(f"--max-input {bad!r}", [F, "export", SAMPLE, "-f", "txt", "--max-input", bad], 2,
             "--max-input takes a size")


def build_output_cases():
    """What folio echoes from input is safe on a terminal and in JSON."""
    F = FOLIO
    esc = write("esc.md", "---\ntitle: \"Evil\\e]0;pwned\\a\\e[2J title\"\nnote: \"\\e[31mred\"\n---\n\n"
                "Text with \x1b[31m colour \x07 bell and \u009b CSI in it, long enough to be a "
                "sentence that check reads.\n")

    def clean(which, word):
        def check():
            r = subprocess.run([F] + which + [esc], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            o = r.stdout + r.stderr
            return b"\x1b" not in o and b"\x07" not in o and b"\xc2\x9b" not in o and word in o
        return check
    case("inspect shows no escape sequences", [F, "inspect", esc], 0, None, clean(["inspect"], b"Evil"))
    case("check shows no escape sequences", [F, "check", esc, "--target", "20"], 0, None,
         clean(["check", "--target", "20"], b"colour"))
    # A message cut at its byte limit inside a UTF-8 character: the report is
    # still valid JSON (json.load refuses a lone byte in strict UTF-8 reading).
    d = path("utf8rep")
    os.makedirs(d, exist_ok=True)
    for i in range(4):
        with open(os.path.join(d, f"a{i}.md"), "w", encoding="utf-8") as f:
            f.write("---\ntitle: T\nlang: \"" + "é" * (200 + i) + "\"\n---\n\nBody.\n")
    def report_ok():
        with open(path("utf8rep.json"), encoding="utf-8", errors="strict") as f:
            return len(json.load(f)["articles"]) == 4
    case("--report stays valid UTF-8 JSON",
         [F, "batch", d, "-o", path("utf8rep-out"), "-f", "txt", "--report", path("utf8rep.json")],
         1, None, report_ok)
    raw = os.path.join(os.fsencode(TMP), b"caf\xe9.md")
    with open(raw, "wb") as f:
        f.write((FM + "Body.\n").encode())
    case("a file name that is not UTF-8", [F, "export", os.fsdecode(raw), "-f", "json",
                                           "-o", out("nonutf8.json")], 0,
         check=lambda: "\\xE9" in json.load(open(out("nonutf8.json")))["source"])


def build_collision_cases():
    F = FOLIO
    art = write("self.md", FM + "Body.\n")
    before = open(art, "rb").read()
    if not os.path.lexists(path("self-link.txt")):
        os.symlink(art, path("self-link.txt"))
    case("-o naming the input is refused", [F, "export", art, "-o", art, "-f", "txt"], 2,
         "names the input itself", lambda: open(art, "rb").read() == before)
    case("-o naming a link to the input is refused",
         [F, "export", art, "-o", path("self-link.txt")], 2, "names the input itself",
         lambda: open(art, "rb").read() == before)
    d = path("flat-in")
    os.makedirs(d, exist_ok=True)
    write("flat-in/index.md", FM + "I am an article named index.\n")
    write("flat-in/one.md", FM + "One.\n")

    def flat_ok():
        names = os.listdir(path("flat-out"))
        page = open(os.path.join(path("flat-out"), "index-2.html"), encoding="utf-8").read()
        return "index.html" in names and "named index" in page
    case("--flat: an article named index keeps its page",
         [F, "batch", d, "-o", path("flat-out"), "-f", "html", "--flat"], 0, None, flat_ok)

    def zip_unique():
        names = zip_names(path("flat.zip"))[0]
        return len(names) == len(set(names)) and "index.html" in names
    case("--flat zip holds one index.html",
         [F, "batch", d, "-o", path("flat.zip"), "-f", "html", "--flat"], 0, None, zip_unique)

    def bundled_html_points():
        import zipfile
        with zipfile.ZipFile(out("names.zip")) as z:
            html = [z.read(n).decode() for n in z.namelist() if n.endswith(".html")][0]
            imgs = [n.split("/", 1)[1] for n in z.namelist() if "/images/" in n]
        return all(f'src="{i}"' in html for i in imgs) and len(imgs) == 2
    case("the bundled HTML points at the bundled images",
         [F, "export", path("leak/art/images.md"), "-o", out("names.zip")], 0, None,
         bundled_html_points)
    write("rep.md", FM + "Body.\n")

    def report_whole():
        left = [n for n in os.listdir(TMP) if n.startswith("report.json") and n != "report.json"
                or n.startswith(".report.json")]
        return not left and json.load(open(path("report.json")))["exported"] == 1
    case("--report leaves no temporary", [F, "batch", path("rep.md"), "-o", path("rep-out"),
                                          "-f", "txt", "--report", path("report.json")], 0, None,
         report_whole)


def build_libharu_cases():
    F = FOLIO
    link = write("longlink.md", FM + "[link](https://example.org/" + "a" * 70000 + ")\n")
    case("a 70,000-character link names the cause (pdf)",
         [F, "export", link, "-o", out("longlink.pdf")], 1, "longer than a PDF string may be",
         lambda: no_partial(out("longlink.pdf")))
    # A 1 MB clinic name or web address (a profile may hold up to 1 MiB):
    # whatever libharu cannot hold is left out or named, never a crash or leak,
    # and the file is sound.
    def sound_pdf(p):
        def check():
            r = subprocess.run(["qpdf", "--check", p], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
            return r.returncode == 0
        return check
    for key, value in (("name", "N" * 1000000), ("website", "https://x.example/" + "w" * 1000000),
                       ("phone", "5" * 1000000)):
        prof = write(f"big-{key}.yaml", f"{key}: {value}\n")
        case(f"a 1 MB clinic {key} in the profile (pdf)",
             [F, "export", SAMPLE, "-o", out(f"big-{key}.pdf"), "--profile", prof], 0, None,
             sound_pdf(out(f"big-{key}.pdf")))


def jpeg_valid(width, height, comps=1, prec=8, sof=0xC0, dqt=True):
    """A small but complete JPEG: flat quantisation tables, one-code Huffman
    tables (DC difference 0, end of block), every block a flat grey."""
    import struct

    def seg(m, d):
        return bytes([0xFF, m]) + struct.pack(">H", len(d) + 2) + d
    data = b"\xff\xd8" + (seg(0xDB, b"\x00" + b"\x01" * 64) if dqt else b"")
    frame = struct.pack(">BHHB", prec, height, width, comps)
    data += seg(sof, frame + b"".join(bytes([i + 1, 0x11, 0]) for i in range(comps)))
    bits = bytes([1] + [0] * 15)
    data += seg(0xC4, b"\x00" + bits + b"\x00") + seg(0xC4, b"\x10" + bits + b"\x00")
    data += seg(0xDA, bytes([comps]) + b"".join(bytes([i + 1, 0]) for i in range(comps)) +
                b"\x00\x3f\x00")
    nbits = ((width + 7) // 8) * ((height + 7) // 8) * comps * 2
    scan = bytearray((nbits + 7) // 8)
    if nbits % 8:
        scan[-1] = (1 << (8 - nbits % 8)) - 1
    return data + bytes(scan) + b"\xff\xd9"


def pdf_images(p):
    r = subprocess.run(["pdfimages", "-list", p], stdout=subprocess.PIPE, check=True)
    return [line.split() for line in r.stdout.decode().splitlines()[2:]]


def qpdf_clean(p):
    r = subprocess.run(["qpdf", "--check", p], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return r.returncode == 0 and b"WARNING" not in r.stdout


def build_fresh_cases():
    """A second walk over every class of issue 20, with cases of our own."""
    F = FOLIO
    # 2. Hangs: a FIFO named as the article, the profile or in a batch's
    # list opens without blocking (and reads as empty: nobody writes).
    fifo = path("article-fifo.md")
    if not os.path.exists(fifo):
        os.mkfifo(fifo)
    for cmd in (["export", fifo, "-f", "txt"], ["inspect", fifo], ["check", fifo],
                ["batch", fifo, "-o", path("fifo-batch"), "-f", "txt"],
                ["export", SAMPLE, "-f", "txt", "--profile", fifo]):
        case(f"a FIFO as {cmd[0]}'s {'profile' if '--profile' in cmd else 'input'} does not block",
             [F] + cmd, 0, None, timeout=20)
    fifo_xml = path("fifo-site.xml")
    if not os.path.exists(fifo_xml):
        os.mkfifo(fifo_xml)
    case("a FIFO named like a WordPress export does not block",
         [F, "batch", fifo_xml, "-o", path("fifo-xml-out"), "-f", "txt"], 0, None, timeout=20)
    # 4. Collisions: an image named like the article's own page (a/a.json)
    # must not replace it, in a folder or a zip; bundle names differing only
    # in case are two files once unpacked on a case-insensitive disk.
    d = path("pagename")
    os.makedirs(d, exist_ok=True)
    write("pagename/a.md", FM + "![x](a.json)\n\n![y](a.pdf)\n")
    write("pagename/a.json", '{"replaced": true}\n')
    write("pagename/a.pdf", "not the page\n")

    def page_kept():
        page = json.load(open(path("pagename-out/a/a.json")))
        return "replaced" not in page and page["title"] == "Test article" and \
            os.path.exists(path("pagename-out/a/images/a.json"))
    case("batch: an image named like the page does not replace it",
         [F, "batch", d, "-o", path("pagename-out"), "-f", "json,html"], 0, None, page_kept)

    def zip_once():
        names = zip_names(path("pagename.zip"))[0]
        return len(names) == len(set(names)) and "a/images/a.json" in names
    case("batch zip: an image named like the page is its own entry",
         [F, "batch", d, "-o", path("pagename.zip"), "-f", "json,html"], 0, None, zip_once)
    write("pagename/case.md", FM + "![x](Pic.png)\n\n![y](pic.png)\n")
    write("pagename/Pic.png", "upper")
    write("pagename/pic.png", "lower")

    def case_apart():
        names = [n.lower() for n in zip_names(out("case.zip"))[0]]
        return len(names) == len(set(names)) and \
            len([n for n in names if "/images/" in n]) == 2
    case("bundle: names that differ only in case get two entries",
         [F, "export", path("pagename/case.md"), "-o", out("case.zip")], 0, None, case_apart)
    # 6. What the command line itself carries is shown safely too.
    esc = "o\x1b]0;x\x07"
    case("an unknown format with ESC is shown escaped",
         [F, "export", SAMPLE, "-f", esc], 2, "unknown format 'o\\x1B]0;x\\x07'")
    case("an output name with ESC is shown escaped in the batch summary",
         [F, "batch", SAMPLE, "-o", path(esc), "-f", "txt"], 0, "\\x1B]0;x\\x07")
    case("a missing input whose name has ESC",
         [F, "export", path("no\x1b[2J.md"), "-f", "txt"], 1, "no\\x1B[2J.md")
    # 7. JPEGs a PDF's DCTDecode cannot read are left out, with a warning; a
    # well-formed one is embedded as it is (the control).
    jpegs = {"gray": {}, "rgb": {"comps": 3}, "cmyk": {"comps": 4},
             "12bit": {"prec": 12, "sof": 0xC1}, "arith": {"sof": 0xC9},
             "lossless": {"sof": 0xC3}, "nodqt": {"dqt": False}, "2comp": {"comps": 2}}
    for name, kw in jpegs.items():
        write(f"j-{name}.jpg", jpeg_valid(40, 30, **kw))
        p = write(f"j-{name}.md", FM + f"![a picture](j-{name}.jpg)\n")
        good = name in ("gray", "rgb", "cmyk")

        def jpeg_check(o=out(f"j-{name}.pdf"), good=good):
            jpg = [r for r in pdf_images(o) if r[8] == "jpeg"]
            return qpdf_clean(o) and len(jpg) == (1 if good else 0)
        case(f"a {name} JPEG is {'embedded' if good else 'left out'}",
             [F, "export", p, "-o", out(f"j-{name}.pdf")], 0,
             None if good else f"j-{name}.jpg", jpeg_check)
    # A 10,000 x 10,000 PNG of one colour: within the sides, but 400 MB once
    # inflated; refused from its header by the pixel count.
    import struct
    import zlib

    def chunk(t, dd):
        return struct.pack(">I", len(dd)) + t + dd + struct.pack(">I", zlib.crc32(t + dd))
    z = zlib.compressobj(9)
    row = bytes(1 + 10000 * 4)
    idat = b"".join(z.compress(row) for _ in range(10000)) + z.flush()
    write("flat.png", b"\x89PNG\r\n\x1a\n" +
          chunk(b"IHDR", struct.pack(">IIBBBBB", 10000, 10000, 8, 6, 0, 0, 0)) +
          chunk(b"IDAT", idat) + chunk(b"IEND", b""))
    p = write("flat-png.md", FM + "![flat](flat.png)\n")
    case("a 100-megapixel PNG is refused before inflating",
         [F, "export", p, "-o", out("flat.pdf")], 0, "flat.png", timeout=20)


def build_cases(inp, prof):
    F = FOLIO
    build_leak_cases()
    build_libharu_cases()
    build_collision_cases()
    build_hang_cases()
    build_output_cases()
    build_fresh_cases()
    for fmt in FORMATS:
        case(f"empty file -> {fmt}", [F, "export", inp["empty"], "-o", out(f"empty.{fmt}")], 0,
             check=lambda o=out(f"empty.{fmt}"): exists_nonempty(o))
        case(f"only front matter -> {fmt}", [F, "export", inp["only-fm"], "-o", out(f"fm.{fmt}")], 0)
        case(f"10,000-deep list -> {fmt}", [F, "export", inp["deep-list"], "-o", out(f"dl.{fmt}")], 0)
        case(f"10,000-deep quotes -> {fmt}", [F, "export", inp["deep-quote"], "-o", out(f"dq.{fmt}")], 0)
        case(f"100,000-letter word -> {fmt}", [F, "export", inp["long-word"], "-o", out(f"lw.{fmt}")], 0)
        case(f"10,000-character title -> {fmt}", [F, "export", inp["long-title"], "-o", out(f"lt.{fmt}")], 0)
        case(f"control characters -> {fmt}", [F, "export", inp["control"], "-o", out(f"cc.{fmt}")], 0)
        case(f"bidi overrides -> {fmt}", [F, "export", inp["bidi"], "-o", out(f"bd.{fmt}")], 0)
        case(f"headings and nothing else -> {fmt}",
             [F, "export", inp["headings-only"], "-o", out(f"ho.{fmt}")], 0)
        case(f"CRLF -> {fmt}", [F, "export", inp["crlf"], "-o", out(f"crlf.{fmt}")], 0)
        case(f"unknown option -> {fmt}", [F, "export", SAMPLE, "-o", out(f"uo.{fmt}"), "-O", "nosuch=1"],
             2, f"format '{fmt}' has no option 'nosuch'", lambda o=out(f"uo.{fmt}"): no_partial(o))
        case(f"/dev/full -> {fmt}", [F, "export", SAMPLE, "-f", fmt, "-o", "/dev/full"], 1,
             "No space left on device")
    case("a font subset libharu cannot save -> pdf (retried)",
         [F, "export", inp["odd-glyph-set"], "-o", out("odd.pdf"), "-O", "qr=none"], 0,
         check=lambda: exists_nonempty(out("odd.pdf")))
    case("a two-line title and headings alone -> pdf",
         [F, "export", inp["wrapped-title-headings"], "-o", out("wrapped.pdf")], 0,
         check=lambda: exists_nonempty(out("wrapped.pdf")))
    case("front matter never closed", [F, "export", inp["unclosed-fm"], "-f", "txt"], 1,
         "unclosed.md:1:1: front matter opened here is never closed")
    case("invalid UTF-8 in body", [F, "export", inp["bad-utf8-body"], "-f", "txt"], 1,
         "badbody.md:7:4: invalid UTF-8 (byte 0xC3)")
    case("invalid UTF-8 in YAML", [F, "export", inp["bad-utf8-yaml"], "-f", "txt"], 1,
         "badyaml.md:2:")
    case("a NUL byte", [F, "export", inp["nul"], "-f", "txt"], 1, "nul.md:7:7: a NUL byte in the text")
    case("lone CR line ends", [F, "export", inp["cr"], "-f", "json"], 0)
    case("a byte-order mark", [F, "export", inp["bom"], "-f", "json", "-o", out("bom.json")], 0,
         check=lambda: json.load(open(out("bom.json")))["title"] == "Test article")
    case("a 100 MB file", [F, "export", inp["huge"], "-f", "txt"], 1,
         "over the input limit of 16777216 bytes")
    case("a 100 MB file, lower limit", [F, "export", inp["huge"], "-f", "txt", "--max-input", "1M"], 1,
         "over the input limit of 1048576 bytes")
    case("a 1 MB single line", [F, "export", inp["long-line"], "-o", out("ll.txt")], 0)
    case("100,000 references", [F, "export", inp["refs"], "-o", out("refs.json")], 0,
         check=lambda: len(json.load(open(out("refs.json")))["references"]) == 100000)
    case("a DOI with spaces", [F, "export", inp["doi-spaces"], "-o", out("doi.json")], 0,
         check=lambda: json.load(open(out("doi.json")))["references"][0]["doi"] in (None, "10.1000/"))
    # Aliases are never expanded (front matter is read as events), so a
    # "billion laughs" costs nothing.
    case("YAML alias bomb", [F, "export", inp["yaml-bomb"], "-f", "json"], 0)
    case("raw HTML stays inert", [F, "export", inp["html"], "-o", out("inert.html")], 0,
         check=lambda: "<script>alert" not in open(out("inert.html")).read() and
         'href="javascript:' not in open(out("inert.html")).read())
    case("binary garbage as clipped text", [F, "export", inp["binary"], "-f", "json"], 1, "binary.txt")
    case("only boilerplate", [F, "export", inp["only-boilerplate"], "-f", "json"], 0)
    case("a date that is not a date", [F, "export", inp["bad-date"], "-f", "txt"], 1, "baddate.md:3:")
    case("a tab in YAML indentation", [F, "export", inp["yaml-tab"], "-f", "txt"], 1, "yamltab.md:3:")
    case("profile: missing logo", [F, "export", SAMPLE, "-o", out("p1.pdf"), "--profile", prof["missing-logo"]],
         2, "nowhere.png", lambda: no_partial(out("p1.pdf")))
    case("profile: a logo that is text", [F, "export", SAMPLE, "-o", out("p2.pdf"), "--profile", prof["text-logo"]],
         2, "not a PNG")
    case("profile: a 20,000 x 20,000 logo", [F, "export", SAMPLE, "-o", out("p3.pdf"), "--profile", prof["big-logo"]],
         2, "20000")
    case("profile: a colour that is not a colour", [F, "export", SAMPLE, "-f", "txt", "--profile", prof["bad-colour"]],
         2, "p-colour.yaml:2:")
    case("profile: an unknown key", [F, "export", SAMPLE, "-f", "txt", "--profile", prof["unknown-key"]],
         2, "did you mean 'address'")
    case("profile: broken YAML", [F, "export", SAMPLE, "-f", "txt", "--profile", prof["bad-yaml"]], 2, "p-yaml.yaml:")
    case("profile: unknown paper", [F, "export", SAMPLE, "-f", "txt", "--profile", prof["bad-paper"]], 2, "paper")
    case("profile: missing file", [F, "export", SAMPLE, "-f", "txt", "--profile", path("nope.yaml")], 2, "nope.yaml")
    case("unknown format", [F, "export", SAMPLE, "-f", "docx"], 2, "unknown format 'docx'")
    case("unknown extension", [F, "export", SAMPLE, "-o", out("x.docx")], 2, "cannot tell the format")
    case("enum value out of range", [F, "export", SAMPLE, "-o", out("e.pdf"), "-O", "paper=tabloid"], 2,
         "accepts letter, a4")
    case("int out of range", [F, "export", SAMPLE, "-o", out("i.pdf"), "-O", "font-size=200"], 2,
         "must be between 9 and 24")
    case("missing input file", [F, "export", path("none.md"), "-f", "txt"], 1, "none.md")
    case("input is a folder", [F, "export", TMP, "-f", "txt"], 1, "this is a directory, not an article")
    case("output in a missing folder", [F, "export", SAMPLE, "-o", path("no/such/x.txt")], 1, "no/such")
    case("output in a read-only place", [F, "export", SAMPLE, "-o", "/proc/folio-test.txt"], 1, "/proc/folio-test.txt")
    case("output is a folder", [F, "export", SAMPLE, "-o", TMP + "/", "-f", "txt"], 1, None)
    case("binary to a terminal-less stdout", [F, "export", SAMPLE, "-f", "pdf"], 2, "binary format")
    case("closed stdout pipe", [F, "export", SAMPLE, "-f", "json"], 1, "Broken pipe", stdin_closed=True)


def run_case(c):
    name, argv, status, message, check, closed_pipe, timeout = c
    stdout = subprocess.DEVNULL
    r = w = None
    if closed_pipe:
        r, w = os.pipe()
        os.close(r)
        stdout = w
    try:
        p = subprocess.run(argv, stdout=stdout, stderr=subprocess.PIPE,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"{name}: timed out"
    finally:
        if w is not None:
            os.close(w)
    err = p.stderr.decode("utf-8", "replace")
    if "Sanitizer" in err or "runtime error" in err:
        return f"{name}: sanitizer report:\n{err[:2000]}"
    if p.returncode != status:
        return f"{name}: exit {p.returncode}, wanted {status}; stderr: {err.strip()[:500]}"
    if message is not None and message not in err:
        return f"{name}: stderr lacks {message!r}; got: {err.strip()[:500]}"
    if check is not None:
        try:
            if not check():
                return f"{name}: output check failed"
        except Exception as e:  # noqa: BLE001 - any failure of the check is the case's failure
            return f"{name}: output check raised {e!r}"
    return None


def main():
    inputs, profiles = setup()
    build_cases(inputs, profiles)
    failed = 0
    took = []
    for c in CASES:
        start = time.monotonic()
        msg = run_case(c)
        took.append((time.monotonic() - start, c[0]))
        if msg:
            failed += 1
            print("FAIL: " + msg, file=sys.stderr)
    leftovers = [n for n in os.listdir(TMP) if n.startswith(".out-")]
    if leftovers:
        failed += 1
        print(f"FAIL: temporary files left: {leftovers}", file=sys.stderr)
    print(f"hostile input: {len(CASES)} cases; slowest: " +
          ", ".join(f"{name} {t:.1f} s" for t, name in sorted(took, reverse=True)[:5]))
    print(f"{len(CASES) - failed} passed, {failed} failed")
    shutil.rmtree(TMP, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
