#!/usr/bin/env python3
"""Writes test PNGs of any depth, colour type and interlacing, and checks
the images pdfimages pulls out of a PDF against them (tests/e2e/pdf_png.sh).

  png_fixture.py write OUT.png KIND W H   writes OUT.png and OUT.png.expect
  png_fixture.py check EXPECT PDF SCRATCH  exit 0 when the PDF holds the image
  png_fixture.py rows PDF W H              prints "passed" when the W x H image's
                                           stream is the PNG's rows (PNG
                                           predictors), "decoded" otherwise

KIND: rgb16, gray16i (interlaced), rgb8i (interlaced), pal2 (2-bit palette),
rgba8 (with alpha), and rgb8 and gray8, whose rows use the five PNG filters
in turn (the PDF takes these rows as they are, with the PNG predictors). The .expect file holds the 8-bit pixels the PDF should
carry (colour, then alpha or nothing) as hex lines.
"""
import json, os, struct, subprocess, sys, zlib

ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def chunk(t, b):
    return struct.pack(">I", len(b)) + t + b + struct.pack(">I", zlib.crc32(t + b) & 0xFFFFFFFF)


def pack_row(samples, depth):
    if depth == 16:
        return b"".join(struct.pack(">H", s) for s in samples)
    if depth == 8:
        return bytes(samples)
    out, acc, n = bytearray(), 0, 0
    for s in samples:
        acc = acc << depth | s
        n += depth
        if n == 8:
            out.append(acc)
            acc, n = 0, 0
    if n:
        out.append(acc << (8 - n))
    return bytes(out)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def filter_row(f, row, prev, bpp):
    """PNG filter f (0 none, 1 sub, 2 up, 3 average, 4 Paeth) of one row."""
    prev = prev or bytes(len(row))
    out = bytearray()
    for x, v in enumerate(row):
        a = row[x - bpp] if x >= bpp else 0
        b, c = prev[x], prev[x - bpp] if x >= bpp else 0
        out.append((v - (0, a, b, (a + b) // 2, paeth(a, b, c))[f]) & 255)
    return bytes(out)


def write(path, kind, w, h):
    # Deterministic pixels that differ in every sample.
    def val(x, y, c, top):
        return (x * 7919 + y * 104729 + c * 1299709 + x * y * 31) % (top + 1)

    depth, ctype, interlace, chans, plte = 8, 2, 0, 3, b""
    if kind == "rgb16":
        depth = 16
    elif kind == "gray16i":
        depth, ctype, interlace, chans = 16, 0, 1, 1
    elif kind == "rgb8i":
        interlace = 1
    elif kind == "pal2":
        depth, ctype, chans = 2, 3, 1
        plte = bytes([10, 20, 30, 200, 100, 50, 0, 255, 128, 250, 250, 5])
    elif kind == "rgba8":
        ctype, chans = 6, 4
    elif kind == "gray8":
        ctype, chans = 0, 1
    filtered = kind in ("rgb8", "gray8")
    top = (1 << depth) - 1 if ctype != 3 else 3
    px = [[[val(x, y, c, top) for c in range(chans)] for x in range(w)] for y in range(h)]
    raw = bytearray()
    passes = ADAM7 if interlace else [(0, 0, 1, 1)]
    for x0, y0, dx, dy in passes:
        xs, ys = range(x0, w, dx), range(y0, h, dy)
        if not xs or not ys:
            continue
        prev = None
        for y in ys:
            row = pack_row([s for x in xs for s in px[y][x]], depth)
            f = y % 5 if filtered else 0
            raw += bytes([f]) + filter_row(f, row, prev, chans * depth // 8 or 1)
            prev = row
    ihdr = struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, interlace)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
    if plte:
        data += chunk(b"PLTE", plte)
    data += chunk(b"IDAT", zlib.compress(bytes(raw))) + chunk(b"IEND", b"")
    open(path, "wb").write(data)
    color, alpha = bytearray(), bytearray()
    for y in range(h):
        for x in range(w):
            p = px[y][x]
            if ctype == 3:
                color += plte[p[0] * 3:p[0] * 3 + 3]
                continue
            if ctype == 6:
                alpha.append(p[3])
                p = p[:3]
            # libpng's png_set_scale_16 rounds: (v * 255 + 32895) >> 16.
            color += bytes((s * 255 + 32895) >> 16 if depth == 16 else s for s in p)
    with open(path + ".expect", "w") as f:
        f.write("%d %d %d\n%s\n%s\n" % (w, h, 1 if ctype == 0 else 3, color.hex(), alpha.hex()))


def unfilter(path):
    d = open(path, "rb").read()
    i, idat, w, h, ctype, depth = 8, b"", 0, 0, 0, 0
    while i < len(d):
        n, t = struct.unpack(">I4s", d[i:i + 8])
        body = d[i + 8:i + 8 + n]
        if t == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif t == b"IDAT":
            idat += body
        i += 12 + n
    if depth != 8 or ctype not in (0, 2):
        return None
    bpp = 3 if ctype == 2 else 1
    raw, stride, out, prev = zlib.decompress(idat), w * bpp, bytearray(), bytearray(w * bpp)
    for y in range(h):
        f, row = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = row[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            p = a + b - c
            pr = a if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c) else b if abs(p - b) <= abs(p - c) else c
            row[x] = (row[x] + (0, a, b, (a + b) // 2, pr)[f]) & 255
        out += row
        prev = row
    return w, h, bpp, bytes(out)


def close(a, b):
    return len(a) == len(b) and all(abs(x - y) <= 1 for x, y in zip(a, b))


def check(expect, pdf, scratch):
    w, h, chans = map(int, open(expect).readline().split())
    lines = open(expect).read().split("\n")
    color, alpha = bytes.fromhex(lines[1]), bytes.fromhex(lines[2])
    listing = subprocess.run(["pdfimages", "-list", pdf], capture_output=True, text=True, check=True).stdout
    types = [l.split()[2] for l in listing.splitlines()[2:] if l.strip()]
    prefix = os.path.join(scratch, "out")
    subprocess.run(["pdfimages", "-png", pdf, prefix], check=True)
    found_color = found_alpha = False
    for n, kind in enumerate(types):
        got = unfilter("%s-%03d.png" % (prefix, n))
        if not got or got[:2] != (w, h):
            continue
        if kind == "image" and got[2] == chans and close(got[3], color):
            found_color = True
        if kind == "smask" and got[2] == 1 and close(got[3], alpha):
            found_alpha = True
    if not found_color:
        print("no %dx%d image with the source's pixels in %s" % (w, h, pdf))
    if alpha and not found_alpha:
        print("no %dx%d soft mask with the source's alpha in %s" % (w, h, pdf))
    if not alpha and "smask" in types and any(
            (unfilter("%s-%03d.png" % (prefix, n)) or (0, 0))[:2] == (w, h)
            for n, k in enumerate(types) if k == "smask"):
        print("an opaque image got a soft mask")
        return 1
    return 0 if found_color and (found_alpha or not alpha) else 1


def rows(pdf, w, h):
    """How the w x h image is stored: its dictionary, read by qpdf."""
    out = subprocess.run(["qpdf", "--json", "--json-key=qpdf", pdf], capture_output=True,
                         text=True, check=True).stdout
    for obj in json.loads(out)["qpdf"][1].values():
        d = obj.get("stream", {}).get("dict", {}) if isinstance(obj, dict) else {}
        if d.get("/Subtype") == "/Image" and d.get("/Width") == w and d.get("/Height") == h:
            parms = d.get("/DecodeParms") or {}
            return "passed" if isinstance(parms, dict) and parms.get("/Predictor") == 15 else "decoded"
    return "absent"


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    elif sys.argv[1] == "rows":
        print(rows(sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
    else:
        sys.exit(check(sys.argv[2], sys.argv[3], sys.argv[4]))
