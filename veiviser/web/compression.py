"""Whether an answer may be gzipped: the Accept-Encoding header, parsed in one place.

Every answer asks this one function: the page cache's key, the layout's precompressed
frame, the guide's padded plans, and (through AcceptEncodingMiddleware) Django's gzip
and WhiteNoise's precompressed files. A substring test ("gzip" in the header), which
Django's GZipMiddleware and WhiteNoise make, sends gzip to a client that said
`gzip;q=0`, that is, one that refuses it.

The rules (RFC 9110, section 12.5.3): the header lists codings, each with an optional
weight `;q=` from 0 to 1; q=0 means "not acceptable". gzip is acceptable when it (or its
old alias x-gzip) is listed with q > 0, or, when it is not listed, when `*` is listed
with q > 0. No header, an empty one, or one we cannot read: no gzip (identity is always
acceptable, so a plain answer is never wrong).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from django.http import HttpRequest, HttpResponseBase

GZIP_NAMES = frozenset({"gzip", "x-gzip"})
# qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
QVALUE = re.compile(r"(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)")


def weights(header: str) -> dict[str, float] | None:
    """{coding: weight} from an Accept-Encoding value; None when it cannot be read."""
    result: dict[str, float] = {}
    for item in header.split(","):
        coding, *params = (part.strip() for part in item.split(";"))
        if not coding:
            if params:
                return None  # ";q=1" with no coding
            continue  # empty list elements are allowed ("gzip, , br")
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() != "q":
                continue  # codings take no other parameter; ignore it rather than guess
            value = value.strip()
            if not QVALUE.fullmatch(value):
                return None
            weight = float(value)
        # A coding listed twice: the lower weight, so that a refusal is never overridden.
        coding = coding.lower()
        result[coding] = min(weight, result.get(coding, weight))
    return result


# Browsers send one of a handful of values: parsed once each, not on every request (this
# is on the path of every kept page). Bounded, so odd values cannot grow it.
@lru_cache(maxsize=256)
def accepts_gzip_header(header: str) -> bool:
    given = weights(header)
    if not given:
        return False
    listed = [given[name] for name in GZIP_NAMES if name in given]
    if listed:
        return min(listed) > 0
    return given.get("*", 0.0) > 0


def accepts_gzip(environ: dict[str, Any]) -> bool:
    """For a WSGI environ or Django's request.META (the same dict)."""
    return accepts_gzip_header(environ.get("HTTP_ACCEPT_ENCODING", ""))


class AcceptEncodingMiddleware:
    """Rewrites the request's Accept-Encoding to what accepts_gzip decided: `gzip` or none.

    Django's GZipMiddleware and WhiteNoise (which sends its precompressed .gz files) both
    look for the word "gzip" in the header. Rather than replace them, every request that
    reaches Django carries a header in which that test gives the right answer. Listed
    above both in settings.MIDDLEWARE.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if accepts_gzip(request.META):
            request.META["HTTP_ACCEPT_ENCODING"] = "gzip"
        else:
            request.META.pop("HTTP_ACCEPT_ENCODING", None)
        return self.get_response(request)
