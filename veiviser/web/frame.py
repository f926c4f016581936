"""The layout around a page's main content, rendered once and reused.

Most pages are kept whole by the page cache. The guide's answers (a POST) never are: no
plan and no combination of answers is kept, not even in memory. So the plan is rendered
for every post, and rendering the layout (header, exit, languages, footer: about two
thirds of the work) each time made the plan POST the slowest page by far.

The layout depends only on the snapshot version, the language, the address and the
title, none of which comes from the reader's answers; so it is rendered once, with a slot
where the main content goes, split at the slot, and kept. A page is then its head, its
own main content and its tail.

The head holds the inline stylesheet, so it is most of the page's bytes, and gzip was
the other large cost of a plan. The head is therefore also compressed once: the
compressor's state after the head is kept, and each page copies it and compresses only
its main content and the tail. The result is one ordinary gzip stream.
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from veiviser.content.current import get_snapshot
from veiviser.web import padding
from veiviser.web.compression import accepts_gzip

# Marks where the main content goes; a NUL byte never occurs in a rendered template.
SLOT = "\x00main\x00"
# Frames are few (one per language and address that uses them); a new snapshot version
# makes new ones, and the old are dropped when the bound is reached.
MAX_FRAMES = 64

# The level Django's GZipMiddleware uses for every other answer.
GZIP_LEVEL = 6


@dataclass(frozen=True)
class Frame:
    head: bytes
    tail: bytes
    head_gzip: bytes  # the gzip header and the compressed head, flushed to a byte boundary
    after_head: zlib._Compress  # the compressor's state right after the head

    @classmethod
    def of(cls, head: str, tail: str) -> Frame:
        # wbits=31: a gzip stream (header and CRC) rather than bare zlib.
        compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)
        head_bytes = head.encode()
        head_gzip = compressor.compress(head_bytes) + compressor.flush(zlib.Z_SYNC_FLUSH)
        return cls(head_bytes, tail.encode(), head_gzip, compressor)

    def page(self, main: str, gzipped: bool) -> bytes:
        """The whole page around `main`, gzipped or not."""
        if not gzipped:
            return self.head + main.encode() + self.tail
        compressor = self.after_head.copy()  # the kept state is never changed
        rest = compressor.compress(main.encode()) + compressor.compress(self.tail)
        return self.head_gzip + rest + compressor.flush()


_frames: dict[tuple[int, str, str, str], Frame] = {}
_lock = threading.Lock()


def framed(
    request: HttpRequest,
    title: str,
    main: str,
    status: int = 200,
    length: Callable[[bool], int] | None = None,
    what: str = "page",
) -> HttpResponse:
    """The page `main` (rendered HTML) inside the layout, with `title` as its title.

    `length`, when given, says how long the body must be, gzipped or not: the page is
    padded to exactly that many bytes (veiviser.web.padding).
    """
    gzipped = accepts_gzip(request.META)
    body = frame(request, title).page(main, gzipped)
    if length is not None:
        body = padding.padded(body, length(gzipped), gzipped, what)
    response = HttpResponse(body, status=status)
    if gzipped:
        # GZipMiddleware leaves an answer that is already compressed alone.
        response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def frame(request: HttpRequest, title: str) -> Frame:
    """The layout around the main content of the page at this address."""
    key = (get_snapshot().version, get_language() or "", request.path, title)
    with _lock:
        kept = _frames.get(key)
    if kept is None:
        html = render_to_string("web/frame.html", {"title": title, "slot": SLOT}, request)
        if html.count(SLOT) != 1:
            raise RuntimeError("web/frame.html must hold its slot exactly once")
        head, _, tail = html.partition(SLOT)
        kept = Frame.of(head, tail)
        with _lock:
            if len(_frames) >= MAX_FRAMES:
                _frames.clear()
            _frames[key] = kept
    return kept
