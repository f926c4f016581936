"""Pages answered from memory, in front of Django: the same bytes as Django's own answer,
until the next publish; never a POST, an error, a cookie or a refused Host."""

from __future__ import annotations

import dataclasses
import gzip
import io
import logging
import sys
from typing import Any

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections

from tests import routes
from veiviser.content.current import current
from veiviser.pages import pagedata
from veiviser.web import forwarded, page_cache
from veiviser.wsgi import application, django_application


@dataclasses.dataclass
class Answer:
    status: str
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((v for n, v in self.headers if n.lower() == name.lower()), None)


def environ(method: str, path: str, **extra: Any) -> dict[str, Any]:
    """A WSGI request as the server (granian) hands it over."""
    path, _, query = path.partition("?")
    body = extra.pop("body", b"")
    return {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        **extra,
    }


def call(app: Any, method: str, path: str, **extra: Any) -> Answer:
    """One request through `app`. Like Django's test client, without the connection
    housekeeping at the start and end of a request: it would end the test's transaction."""
    given: list[tuple[str, list[tuple[str, str]]]] = []
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        result = app(environ(method, path, **extra), lambda s, h, e=None: given.append((s, h)))
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return Answer(given[-1][0], list(given[-1][1]), body)


@pytest.fixture
def cache() -> page_cache.PageCache:
    """A fresh, empty cache in front of Django."""
    return page_cache.PageCache(django_application)


@pytest.fixture
def renders(monkeypatch):
    """Counts how often the home page is really rendered."""
    calls = []
    original = pagedata.home

    def counting(snapshot, lang):
        calls.append(lang)
        return original(snapshot, lang)

    monkeypatch.setattr(pagedata, "home", counting)
    return calls


def test_production_serves_through_the_cache():
    # Behind the layer that believes a proxy's headers from FORWARDED_ALLOW_IPS only.
    assert isinstance(application.app, forwarded.TrustedProxy)
    assert isinstance(application.app.app, page_cache.PageCache)


# The cache keeps answers by address, whatever the language: every page of one language,
# and the home page of every other (a page of each kind, in each language's catalogue).
KEPT = [r for r in routes.pages() if r.language == "en" or r.pattern.name == "home"]


@pytest.mark.parametrize("route", KEPT, ids=str)
def test_a_kept_answer_is_exactly_djangos_answer(cache, route):
    for encoding in ({}, {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}):
        fresh = call(django_application, "GET", route.path, **encoding)
        first = call(cache, "GET", route.path, **encoding)
        kept = call(cache, "GET", route.path, **encoding)
        assert fresh.status == first.status == kept.status == "200 OK"
        assert first.headers == kept.headers and first.body == kept.body
        # Django pads each gzipped answer with a few random bytes (against BREACH), so
        # two of its own answers differ in length; what they say is the same.
        assert without_length(fresh.headers) == without_length(first.headers)
        assert plain(fresh) == plain(first)
    assert len(cache.pages) == 2  # one per encoding: the page was kept


def without_length(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(name, value) for name, value in headers if name != "Content-Length"]


def plain(answer: Answer) -> bytes:
    return gzip.decompress(answer.body) if answer.header("Content-Encoding") else answer.body


def test_a_page_is_rendered_once_per_snapshot_version(cache, renders, seed_snapshot):
    first = call(cache, "GET", "/en/")
    assert call(cache, "GET", "/en/").body == first.body
    assert renders == ["en"]
    call(cache, "GET", "/nb/")
    assert renders == ["en", "nb"]
    current.hold(dataclasses.replace(seed_snapshot, version=seed_snapshot.version + 1))
    call(cache, "GET", "/en/")
    assert renders == ["en", "nb", "en"]


def test_head_gets_the_kept_headers_and_no_body(cache, renders):
    get = call(cache, "GET", "/en/")
    head = call(cache, "HEAD", "/en/")
    assert head.body == b""
    assert head.headers == get.headers  # Content-Length still tells the GET's size
    assert renders == ["en"]


def test_gzip_is_served_to_browsers_that_accept_it(cache):
    plain = call(cache, "GET", "/en/privacy/")
    packed = call(cache, "GET", "/en/privacy/", HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert packed.header("Content-Encoding") == "gzip"
    assert gzip.decompress(packed.body) == plain.body
    assert packed.header("Vary") == plain.header("Vary") == "Accept-Encoding"
    assert plain.header("Content-Encoding") is None


def test_the_query_is_part_of_the_address(cache):
    everything = call(cache, "GET", "/en/services/").body
    children = call(cache, "GET", "/en/services/?children=1").body
    assert everything != children
    assert call(cache, "GET", "/en/services/").body == everything


def test_a_host_django_refuses_is_refused_even_for_a_kept_page(cache):
    assert call(cache, "GET", "/en/").status == "200 OK"
    refused = call(cache, "GET", "/en/", HTTP_HOST="evil.example")
    assert refused.status.startswith("400")
    assert len(cache.pages) == 1


def test_https_is_kept_apart_from_http(settings):
    settings.SECURE_HSTS_SECONDS = 3600
    cache = page_cache.PageCache(WSGIHandler())  # middleware reads these settings at start
    plain = call(cache, "GET", "/en/")
    secure = call(cache, "GET", "/en/", **{"wsgi.url_scheme": "https"})
    again = call(cache, "GET", "/en/")
    assert secure.header("Strict-Transport-Security") == "max-age=3600"
    assert plain.header("Strict-Transport-Security") is None
    assert again.header("Strict-Transport-Security") is None


def test_posts_are_never_kept(cache):
    form = b"danger=yes"
    first = call(cache, "POST", "/en/guide/", body=form)
    other = call(cache, "POST", "/en/guide/", body=b"danger=no")
    assert first.status == other.status == "200 OK"
    assert first.body != other.body
    assert not cache.pages


@pytest.mark.parametrize(
    "path", ["/en/no-such-page/", "/en/services/rosa", "/", "/static/veiviser/exit.js"]
)
def test_errors_redirects_and_files_are_never_kept(cache, path):
    first = call(cache, "GET", path)
    assert not first.status.startswith("200") or path.startswith("/static/")
    assert not cache.pages


def test_the_guides_questions_are_kept_but_no_answer(cache):
    call(cache, "GET", "/en/guide/")
    call(cache, "POST", "/en/guide/", body=b"danger=yes")
    assert [key[2] for key in cache.pages] == ["/en/guide/"]


def test_the_cache_is_bounded_and_forgets_the_oldest(cache, monkeypatch):
    monkeypatch.setattr(page_cache, "MAX_PAGES", 3)
    for n in range(6):
        call(cache, "GET", f"/en/services/?n={n}")
    assert len(cache.pages) == 3
    assert [key[3] for key in cache.pages] == ["n=3", "n=4", "n=5"]


def test_a_kept_answer_is_logged_like_any_other(cache, caplog):
    call(cache, "GET", "/en/services/?children=1")
    with caplog.at_level(logging.INFO, logger="veiviser.access"):
        caplog.clear()
        call(cache, "GET", "/en/services/?children=1")
    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 1
    assert lines[0].startswith("GET /en/services/ 200 ")  # never the query


def test_before_anything_is_published_django_answers(cache, db):
    current.reset()
    assert call(cache, "GET", "/en/").status.startswith("503")
    assert not cache.pages


# --- Credentials and the staff area: never kept, never answered from memory ------------


@pytest.mark.parametrize(
    "credentials",
    [{"HTTP_COOKIE": "veiviser_staff=abc"}, {"HTTP_AUTHORIZATION": "Basic a2l0OnB3"}],
    ids=["cookie", "authorization"],
)
def test_a_request_with_credentials_is_neither_kept_nor_answered_from_memory(
    cache, renders, credentials
):
    call(cache, "GET", "/en/", **credentials)
    assert len(cache.pages) == 0, "kept an answer to a request with credentials"
    call(cache, "GET", "/en/")  # kept now, for readers without credentials
    call(cache, "GET", "/en/", **credentials)
    assert renders == ["en", "en", "en"], "answered a request with credentials from memory"


@pytest.mark.django_db
def test_a_staff_page_is_never_kept(cache):
    first = call(cache, "GET", "/staff/login/")
    assert first.status == "200 OK"
    call(cache, "GET", "/staff/login/")
    assert len(cache.pages) == 0
