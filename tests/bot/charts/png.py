"""A minimal PNG reader for tests: checks the signature and decodes 8-bit RGB(A) pixels with
zlib, so a test can say a picture is not blank without an imaging library."""

from __future__ import annotations

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == SIGNATURE, "not a PNG"
    found, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"bad CRC in {kind!r}"
        found.append((kind, body))
        pos += 12 + length
    return found


def size(data: bytes) -> tuple[int, int]:
    kind, body = chunks(data)[0]
    assert kind == b"IHDR"
    width, height = struct.unpack(">II", body[:8])
    return width, height


def pixels(data: bytes) -> list[tuple[int, ...]]:
    """Every pixel as an (r, g, b[, a]) tuple, rows top to bottom."""
    parts = chunks(data)
    width, height, depth, color = struct.unpack(">IIBB", parts[0][1][:10])
    assert depth == 8 and color in (2, 6), (depth, color)
    bpp = 4 if color == 6 else 3
    raw = zlib.decompress(b"".join(body for kind, body in parts if kind == b"IDAT"))
    stride = width * bpp
    out: list[tuple[int, ...]] = []
    prev = bytearray(stride)
    pos = 0
    for _ in range(height):
        kind, line = raw[pos], bytearray(raw[pos + 1 : pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up = prev[i]
            corner = prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + pred) & 255
        out.extend(tuple(line[i : i + bpp]) for i in range(0, stride, bpp))
        prev = line
    return out
