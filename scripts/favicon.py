"""Writes veiviser/web/static/veiviser/favicon.ico: a plain blue circle, 32 x 32.

A tab or a bookmark that shows a help organisation's logo can give its reader away; an
icon like a thousand others cannot. Run again only to change the icon.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

SIZE = 32
COLOUR = (0x4A, 0x78, 0xA8)  # a dull blue, like a weather or a notes app
TARGET = Path(__file__).resolve().parent.parent / "veiviser/web/static/veiviser/favicon.ico"


def pixel(x: int, y: int) -> bytes:
    """Inside the circle: the colour, opaque; outside: transparent. Edges are smoothed."""
    centre, radius = (SIZE - 1) / 2, SIZE / 2 - 1
    distance = ((x - centre) ** 2 + (y - centre) ** 2) ** 0.5
    alpha = max(0.0, min(1.0, radius - distance + 0.5))
    return bytes((*COLOUR, round(alpha * 255)))


def png() -> bytes:
    rows = b"".join(b"\x00" + b"".join(pixel(x, y) for x in range(SIZE)) for y in range(SIZE))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def ico(image: bytes) -> bytes:
    """An .ico file holding one PNG image (every current browser reads this form)."""
    directory = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", SIZE, SIZE, 0, 0, 1, 32, len(image), 6 + 16)
    return directory + entry + image


if __name__ == "__main__":
    TARGET.write_bytes(ico(png()))
    print(f"{TARGET}: {TARGET.stat().st_size} bytes")
