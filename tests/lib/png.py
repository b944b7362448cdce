"""Read a PNG's size and pixels (8-bit RGB/RGBA, not interlaced: what
matplotlib's Agg back end writes), for the tests of `make plot`. The
decoder follows the PNG specification (W3C, 2nd edition): chunks, IHDR
(section 11.2.2), zlib-compressed IDAT, and the five scanline filters
(section 9.2), so the test does not trust the plotting library to check its
own picture."""
import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {2: 3, 6: 4}  # colour type: samples per pixel (truecolour, with alpha)


def _paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def _unfilter(kind, line, prev, bpp):
    out = bytearray(line)
    for i in range(len(out)):
        a = out[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if kind == 1:
            out[i] = (out[i] + a) & 0xFF
        elif kind == 2:
            out[i] = (out[i] + b) & 0xFF
        elif kind == 3:
            out[i] = (out[i] + ((a + b) >> 1)) & 0xFF
        elif kind == 4:
            out[i] = (out[i] + _paeth(a, b, c)) & 0xFF
        elif kind != 0:
            raise ValueError("bad filter type %d" % kind)
    return out


def read(path):
    """(width, height, channels, rows): rows is a list of bytearrays."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != SIGNATURE:
        raise ValueError("not a PNG")
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        pos += 12 + length
    width, height, depth, ctype, _, _, interlace = ihdr
    if depth != 8 or ctype not in CHANNELS or interlace:
        raise ValueError("unsupported PNG: depth %d, colour type %d" % (depth, ctype))
    bpp = CHANNELS[ctype]
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        prev = _unfilter(raw[start], raw[start + 1:start + 1 + stride], prev, bpp)
        rows.append(prev)
    return width, height, bpp, rows


def ink(rows, bpp, box, margin=3):
    """The fraction of pixels inside @box (x0, y0, x1, y1), less @margin on
    each side (the frame), that are not near-white: something was drawn."""
    x0, y0, x1, y1 = box
    drawn = total = 0
    for y in range(y0 + margin, y1 - margin):
        row = rows[y]
        for x in range(x0 + margin, x1 - margin):
            r, g, b = row[x * bpp], row[x * bpp + 1], row[x * bpp + 2]
            total += 1
            drawn += min(r, g, b) < 230
    return drawn / total if total else 0.0
