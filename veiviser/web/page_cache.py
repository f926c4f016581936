"""Rendered pages kept in memory, by (snapshot version, path, query), raw and gzipped.

A public page depends only on the published snapshot, the language (in the path) and
its query (the directory's filters), so the bytes of one rendering can serve every
reader until the next publish: a hit skips URL routing, the view and the template.
Views opt in with `@cacheable`; only GET and HEAD answers with status 200 are kept, never
a POST (the guide's answers are never stored, not even in memory). The cache is a bounded
LRU, so memory stays flat however many different addresses are asked for.
"""

from __future__ import annotations

import gzip
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase

from veiviser.content.current import NoSnapshot, get_snapshot
from veiviser.web.headers import HeaderStore, header_store, set_headers

MAX_PAGES = 1024
# Headers of the rendered response that belong to the page itself; the fixed security
# headers are added to every response, hit or miss, by veiviser.web.headers.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary")


def cacheable(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Marks a view's 200 responses as the same for every reader of the same address."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.cacheable = True  # type: ignore[attr-defined]
        return response

    return wrapper


@dataclass(frozen=True)
class Page:
    body: bytes
    gzipped: bytes
    headers: HeaderStore  # for the body as it is
    gzipped_headers: HeaderStore  # for the gzipped body

    @classmethod
    def of(cls, response: HttpResponse) -> Page:
        body = response.content
        if response.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        packed = gzip.compress(body, mtime=0)
        kept = {name: response[name] for name in KEPT_HEADERS if name in response}
        varies = [name.strip() for name in kept.pop("Vary", "").split(",") if name.strip()]
        vary = ", ".join(dict.fromkeys([*varies, "Accept-Encoding"]))  # each name once
        return cls(
            body,
            packed,
            header_store({**kept, "Vary": vary, "Content-Length": str(len(body))}),
            header_store(
                {
                    **kept,
                    "Vary": vary,
                    "Content-Length": str(len(packed)),
                    "Content-Encoding": "gzip",
                }
            ),
        )

    def response(self, gzip_ok: bool) -> HttpResponse:
        response = HttpResponse(self.gzipped if gzip_ok else self.body)
        set_headers(response, self.gzipped_headers if gzip_ok else self.headers)
        return response


def accepts_gzip(request: HttpRequest) -> bool:
    # META, not request.headers: that would copy every header on each cached hit.
    return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.pages: OrderedDict[tuple[int, str, str], Page] = OrderedDict()
        self.lock = threading.Lock()

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        try:
            version = get_snapshot().version
        except NoSnapshot:
            return self.get_response(request)
        # A hit skips CommonMiddleware, which is where Django checks the Host header.
        request.get_host()
        key = (version, request.path, request.META.get("QUERY_STRING", ""))
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
        if page is None:
            response = self.get_response(request)
            if not self._keeps(response):
                return response
            page = Page.of(response)  # type: ignore[arg-type]
            with self.lock:
                self.pages[key] = page
                while len(self.pages) > MAX_PAGES:
                    self.pages.popitem(last=False)
        return page.response(accepts_gzip(request))

    @staticmethod
    def _keeps(response: HttpResponseBase) -> bool:
        return (
            getattr(response, "cacheable", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        )
