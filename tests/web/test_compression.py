"""Accept-Encoding is read by its rules, in one place: `gzip;q=0` is a refusal, and every
answer (kept pages, the layout's frame, the plans, everything else) respects it."""

from __future__ import annotations

import gzip

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import Client, RequestFactory

from tests.guide.conftest import FORM
from tests.web.test_page_cache import call
from veiviser.web import page_cache
from veiviser.web.compression import AcceptEncodingMiddleware, accepts_gzip_header
from veiviser.wsgi import django_application


@pytest.mark.parametrize(
    ("header", "gzip"),
    [
        ("gzip", True),
        ("gzip, deflate, br", True),
        ("br;q=1.0, gzip;q=0.8, *;q=0.1", True),
        ("GZIP", True),
        ("x-gzip", True),
        ("*", True),
        ("identity, *;q=0.5", True),
        ("gzip ; q=0.001", True),
        ("", False),
        ("identity", False),
        ("gzip;q=0", False),
        ("gzip;q=0.000", False),
        ("deflate, gzip;q=0", False),
        ("*;q=0", False),
        ("gzip;q=0, *", False),
        ("*, gzip;q=0", False),
        ("br", False),
        ("*;q=1, gzip;q=0, x-gzip", False),
        ("gzip, gzip;q=0", False),
        ("gzip;q=2", False),  # unreadable: identity is always safe
        ("gzip;q=abc", False),
        ("notgzip", False),
    ],
)
def test_the_header_is_read_by_its_rules(header, gzip):
    assert accepts_gzip_header(header) is gzip


REFUSALS = ["gzip;q=0", "identity", "*;q=0", "gzip;q=0, deflate"]


@pytest.mark.parametrize("header", REFUSALS)
def test_no_answer_is_gzipped_for_a_client_that_refuses_it(header):
    cache = page_cache.PageCache(django_application)
    for _ in ("asked of Django", "kept"):
        kept = call(cache, "GET", "/en/", HTTP_ACCEPT_ENCODING=header)
        assert kept.status.startswith("200") and kept.header("Content-Encoding") is None
        assert kept.body.startswith(b"<!doctype")
    # Only a refusal was asked for: a client that takes gzip does not get the kept page.
    assert gzip.decompress(call(cache, "GET", "/en/", HTTP_ACCEPT_ENCODING="gzip").body)
    client = Client()
    answers = {
        "plan": client.post("/en/guide/", "age=adult", FORM, HTTP_ACCEPT_ENCODING=header),
        "not found": client.get("/en/nowhere/", HTTP_ACCEPT_ENCODING=header),
        "api": client.get("/api/v1/guide?lang=en", HTTP_ACCEPT_ENCODING=header),
        "json plan": client.post(
            "/api/v1/plan", '{"lang": "en"}', "application/json", HTTP_ACCEPT_ENCODING=header
        ),
    }
    for name, response in answers.items():
        assert response.status_code in (200, 404), name
        assert "Content-Encoding" not in response, name
        assert response.content.lstrip().startswith((b"<!doctype", b"{")), name


def test_the_same_answers_are_gzipped_for_a_client_that_takes_it():
    client = Client()
    for response in (
        client.get("/en/nowhere/", HTTP_ACCEPT_ENCODING="*"),
        client.post("/en/guide/", "age=adult", FORM, HTTP_ACCEPT_ENCODING="gzip;q=0.5"),
        client.get("/api/v1/guide?lang=en", HTTP_ACCEPT_ENCODING="x-gzip"),
    ):
        assert response["Content-Encoding"] == "gzip"


@pytest.mark.parametrize(
    ("header", "seen"), [("gzip;q=0", None), ("*;q=0.5", "gzip"), ("identity", None)]
)
def test_django_and_whitenoise_see_the_decision_not_the_raw_header(header, seen):
    """Both look for the word "gzip" in the header: after the middleware, that test gives
    the same answer as accepts_gzip (WhiteNoise's .gz files are only made by
    collectstatic, so its own answer is not tried here)."""
    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING=header)
    AcceptEncodingMiddleware(lambda request: HttpResponse())(request)
    assert request.META.get("HTTP_ACCEPT_ENCODING") == seen
    middleware = settings.MIDDLEWARE
    ours = middleware.index("veiviser.web.compression.AcceptEncodingMiddleware")
    assert ours < middleware.index("django.middleware.gzip.GZipMiddleware")
    assert ours < middleware.index("whitenoise.middleware.WhiteNoiseMiddleware")
