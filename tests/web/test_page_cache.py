"""Rendered pages are reused until the next publish; answers and errors never are."""

from __future__ import annotations

import dataclasses
import gzip

import pytest
from django.http import HttpResponse

from veiviser.content.current import current
from veiviser.pages import pagedata
from veiviser.web import page_cache


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


def test_a_page_is_rendered_once_per_snapshot_version(client, renders, seed_snapshot):
    first = client.get("/en/").content
    assert client.get("/en/").content == first
    assert client.head("/en/").status_code == 200
    assert renders == ["en"]
    client.get("/nb/")
    assert renders == ["en", "nb"]
    current.hold(dataclasses.replace(seed_snapshot, version=2))
    client.get("/en/")
    assert renders == ["en", "nb", "en"]


def test_gzip_is_served_to_browsers_that_accept_it(client):
    plain = client.get("/en/privacy/")
    packed = client.get("/en/privacy/", HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert packed["Vary"].count("Accept-Encoding") == 1
    assert plain["Vary"].count("Accept-Encoding") == 1
    assert "Content-Encoding" not in plain


def test_the_query_is_part_of_the_address(client):
    everything = client.get("/en/services/").content
    children = client.get("/en/services/?children=1").content
    assert everything != children
    assert client.get("/en/services/").content == everything


def middleware(status: int = 200, cacheable: bool = True):
    """The cache in front of a stand-in view; returns it and the list of real renders."""
    renders = []

    def view(request):
        renders.append(request.path)
        response = HttpResponse(f"page {request.path}", status=status)
        response.cacheable = cacheable
        return response

    return page_cache.PageCacheMiddleware(view), renders


@pytest.mark.parametrize(("status", "cacheable"), [(404, True), (500, True), (200, False)])
def test_errors_and_unmarked_views_are_never_kept(rf, status, cacheable):
    cache, renders = middleware(status, cacheable)
    cache(rf.get("/en/x/"))
    cache(rf.get("/en/x/"))
    assert renders == ["/en/x/", "/en/x/"] and not cache.pages


def test_posts_are_never_kept(rf):
    cache, renders = middleware()
    cache(rf.post("/en/guide/", {"danger": "yes"}))
    cache(rf.post("/en/guide/", {"danger": "yes"}))
    assert len(renders) == 2 and not cache.pages


def test_the_cache_is_bounded_and_forgets_the_oldest(rf, monkeypatch):
    monkeypatch.setattr(page_cache, "MAX_PAGES", 3)
    cache, renders = middleware()
    for n in range(6):
        cache(rf.get(f"/en/services/?n={n}"))
    assert len(cache.pages) == 3
    cache(rf.get("/en/services/?n=5"))
    cache(rf.get("/en/services/?n=0"))
    assert len(renders) == 7  # n=5 was kept, n=0 had been forgotten
