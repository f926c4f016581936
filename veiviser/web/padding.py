"""Padding an answer's body to an exact length, so that its size tells an observer nothing.

TLS hides what a page says but not how long it is. A plan's length depends on the
answers (a step for each need, a first step for a child), so someone watching the
network could tell "under 18" or "in danger" from the size alone. The guide therefore
pads every plan of a language to one length (veiviser.guide.lengths decides it); this
module only makes a body exactly that long.

Plain bodies (HTML, JSON) get spaces at the very end: after `</html>` or after the JSON
value, where both formats allow whitespace and nothing renders it.

A gzip body gets its padding in the gzip header's FEXTRA field (RFC 1952, 2.3.1): a
length and that many bytes, which every decoder skips (zlib's inflate, so Chromium and
Firefox; Python's gzip module; curl). Padding there, rather than inside the compressed
data, keeps the length exact to the byte whatever the compressor does, costs nothing to
decompress, and leaves the kept compressor state of the layout (veiviser.web.frame)
untouched. The field holds one subfield, "Vp" (Veiviser padding), of zero bytes.
"""

from __future__ import annotations

import logging
import struct

GZIP_MAGIC = b"\x1f\x8b\x08"  # gzip, deflate
FEXTRA = 0x04
HEADER = 10  # the fixed part of a gzip header
SUBFIELD = b"Vp"
# What the field costs at least: its 2-byte length, the subfield's id and 2-byte length.
GZIP_OVERHEAD = 2 + len(SUBFIELD) + 2
MAX_SUBFIELD = 0xFFFF - len(SUBFIELD) - 2


logger = logging.getLogger("veiviser.padding")


class TooLong(ValueError):
    """The body is already longer than the length it should be padded to."""


def pad_plain(body: bytes, length: int) -> bytes:
    if len(body) > length:
        raise TooLong(f"{len(body)} bytes, more than {length}")
    return body + b" " * (length - len(body))


def pad_gzip(stream: bytes, length: int) -> bytes:
    """A gzip stream (as zlib writes it: no flags set) grown to `length` bytes in all."""
    if stream[:3] != GZIP_MAGIC or len(stream) < HEADER or stream[3] != 0:
        raise ValueError("not a gzip stream without header fields")
    fill = length - len(stream) - GZIP_OVERHEAD
    if fill < 0:
        raise TooLong(f"{len(stream)} bytes (+{GZIP_OVERHEAD}), more than {length}")
    if fill > MAX_SUBFIELD:
        raise ValueError("the padding does not fit in a gzip header")
    subfield = SUBFIELD + struct.pack("<H", fill) + b"\x00" * fill
    extra = struct.pack("<H", len(subfield)) + subfield
    flags = bytes([stream[3] | FEXTRA])
    return stream[:3] + flags + stream[4:HEADER] + extra + stream[HEADER:]


def pad(body: bytes, length: int, gzipped: bool) -> bytes:
    return pad_gzip(body, length) if gzipped else pad_plain(body, length)


def overhead(gzipped: bool) -> int:
    """The fewest bytes padding adds: a target must leave room for them."""
    return GZIP_OVERHEAD if gzipped else 0


def padded(body: bytes, length: int, gzipped: bool, what: str) -> bytes:
    """`body` padded to `length`; if it is longer, sent as it is, with a warning.

    A longer answer would stand out, so it must never happen silently; but refusing the
    reader their plan would be worse. The warning names the kind of answer and the
    language (`what`), never an answer: the length alone is not logged either.
    """
    try:
        return pad(body, length, gzipped)
    except TooLong:
        encoding = "gzip" if gzipped else "plain"
        logger.warning("a %s (%s) was longer than its padded length: sent unpadded", what, encoding)
        return body
