"""The stylesheet, inlined in every page, and the hash that lets the CSP allow it.

Inlining makes the HTML the only thing needed for the first paint (one round trip on a
slow connection); the hash keeps `style-src` from allowing any other inline style.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

STYLESHEET = Path(__file__).parent / "static" / "veiviser" / "site.css"


def minify(css: str) -> str:
    """Drop comments and needless white space; the bytes saved go out on every page."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"\s+", " ", css)
    css = re.sub(r"\s*([{};:,>])\s*", r"\1", css)
    return css.replace(";}", "}").strip()


@cache
def inline_css() -> str:
    return minify(STYLESHEET.read_text(encoding="utf-8"))


@cache
def inline_css_hash() -> str:
    """The CSP source expression for the inlined stylesheet, e.g. 'sha256-…'."""
    digest = hashlib.sha256(inline_css().encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"
