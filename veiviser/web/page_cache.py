"""Public pages answered from memory, in front of Django, until the next publish.

A public page depends only on the published snapshot, its address and query (the
language is in the path), and on what the answer is allowed to vary by: the Host, the
scheme, and whether the browser takes gzip. So the first answer Django gives to a GET,
status, headers and body exactly as they left Django, is kept under all of those, and
the next identical request gets the same bytes without Django being called at all.

Why in front of Django (a WSGI layer) rather than as a middleware: on this site a cached
page's own work is nothing, and Django's handling of a request (the request object,
signals, eleven middleware) was most of the time a page took. A kept answer is the
answer Django gave, headers included, so every promise about headers holds for it too;
tests/web/test_page_cache.py checks that for every page.

What is kept: only answers to GET (a HEAD gets a kept GET's headers) that the view
marked with `@cacheable`, with status 200, no cookie, and no Vary beyond
Accept-Encoding. Never anything of the staff area, nor for a request that carries a
Cookie or an Authorization header: such a request is passed to Django untouched, neither
answered from nor kept in memory, so what one person's credentials see is never replayed
to another. Never a POST: the guide's answers are never stored, not even in memory.
The store is a bounded LRU, so memory stays flat however many addresses are asked for;
an old version's pages fall out as new ones come.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.core.handlers.wsgi import get_path_info, get_script_name
from django.http import HttpRequest, HttpResponse

from veiviser.content.current import NoSnapshot, get_snapshot
from veiviser.web import access_log
from veiviser.web.compression import accepts_gzip
from veiviser.web.headers import STAFF, area

MAX_PAGES = 1024
# Set in the WSGI environ (which is Django's request.META) by a view's `@cacheable`.
MARK = "veiviser.cacheable"
# The only request header a kept answer may vary by, besides what the key holds.
VARIES = frozenset({"accept-encoding"})

Headers = list[tuple[str, str]]
StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def cacheable(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Marks a view's 200 answers to GET as the same for every reader of the address."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200:
            request.META[MARK] = True
        return response

    return wrapper


@dataclass(frozen=True)
class Answer:
    status: str
    headers: Headers
    body: bytes


class PageCache:
    """The WSGI application in front of Django's (see veiviser/wsgi.py)."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app
        self.pages: OrderedDict[tuple[Any, ...], Answer] = OrderedDict()
        self.lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD") or _personal(environ):
            return self.app(environ, start_response)
        started = time.perf_counter()
        try:
            key = self._key(environ)
        except NoSnapshot:
            return self.app(environ, start_response)  # Django answers 503
        with self.lock:
            answer = self.pages.get(key)
            if answer is not None:
                self.pages.move_to_end(key)
        if answer is None:
            if method == "HEAD":
                return self.app(environ, start_response)  # only a GET's answer is kept
            return self._ask_django(key, environ, start_response)
        start_response(answer.status, list(answer.headers))
        _log(environ, method, answer.status, started)
        # HEAD: the GET's headers, Content-Length included, and no body (as Django does).
        return [answer.body if method == "GET" else b""]

    @staticmethod
    def _key(environ: dict[str, Any]) -> tuple[Any, ...]:
        """Everything in a GET that a kept answer may depend on."""
        return (
            get_snapshot().version,
            environ.get("SCRIPT_NAME", ""),
            environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
            # Django checked this Host against ALLOWED_HOSTS before the answer was kept;
            # a Host it refuses never gets a kept answer.
            environ.get("HTTP_HOST", ""),
            environ.get("SERVER_NAME", ""),
            environ.get("SERVER_PORT", ""),
            # http or https (HSTS, the HTTPS redirect): as a trusted proxy said it
            # (veiviser.web.forwarded, the layer in front of this one), or as it came.
            environ.get("wsgi.url_scheme", ""),
            accepts_gzip(environ),
        )

    def _ask_django(
        self, key: tuple[Any, ...], environ: dict[str, Any], start_response: StartResponse
    ) -> Iterable[bytes]:
        given: list[tuple[str, Headers]] = []

        def recording(status: str, headers: Headers, exc_info: Any = None) -> Any:
            given.append((status, headers))
            return start_response(status, headers, exc_info)

        result = self.app(environ, recording)
        if not (environ.get(MARK) and given and _keeps(*given[-1])):
            return result  # a file, an error, a redirect: passed on as Django gave it
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()  # Django's end of request (signals, database connections)
        status, headers = given[-1]
        with self.lock:
            self.pages[key] = Answer(status, list(headers), body)
            while len(self.pages) > MAX_PAGES:
                self.pages.popitem(last=False)
        return [body]


def _personal(environ: dict[str, Any]) -> bool:
    """A staff page, or a request with credentials: never kept, never answered from memory."""
    return (
        "HTTP_COOKIE" in environ
        or "HTTP_AUTHORIZATION" in environ
        or area(get_path_info(environ)) == STAFF
    )


def _keeps(status: str, headers: Headers) -> bool:
    if not status.startswith("200 "):
        return False
    for name, value in headers:
        lower = name.lower()
        if lower == "set-cookie":
            return False
        if lower == "vary":
            varies = {part.strip().lower() for part in value.split(",") if part.strip()}
            if not varies <= VARIES:
                return False
    return True


def _log(environ: dict[str, Any], method: str, status: str, started: float) -> None:
    """The access log's line for a kept answer: the same as Django's middleware writes."""
    if not access_log.logger.isEnabledFor(logging.INFO):
        return
    path = get_script_name(environ).rstrip("/") + get_path_info(environ)
    elapsed = (time.perf_counter() - started) * 1000
    access_log.logger.info(access_log.log_line(method, path, int(status[:3]), elapsed))
