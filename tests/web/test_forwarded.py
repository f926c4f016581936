"""A proxy's X-Forwarded-Proto and -For are believed from FORWARDED_ALLOW_IPS only.

Before this layer, Django believed `X-Forwarded-Proto: https` from anyone in production: a
client talking to the application directly could skip the redirect to HTTPS.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.handlers.wsgi import WSGIHandler

from tests.web.test_page_cache import call
from veiviser.web import forwarded, page_cache


def seen_by_the_app(networks: Any, **extra: Any) -> dict[str, Any]:
    """The environ the next layer receives."""
    seen: dict[str, Any] = {}

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        seen.update(environ)
        start_response("200 OK", [])
        return [b""]

    call(forwarded.TrustedProxy(app, networks), "GET", "/en/", **extra)
    return seen


PROXY = forwarded.trusted_networks(["127.0.0.1", "10.1.0.0/16", "::1"])


def test_a_trusted_proxy_sets_the_scheme_and_the_client_address() -> None:
    seen = seen_by_the_app(
        PROXY,
        REMOTE_ADDR="10.1.2.3",
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9",
    )
    assert seen["wsgi.url_scheme"] == "https"
    # The last address is the one the proxy itself added; earlier ones the client wrote.
    assert seen["REMOTE_ADDR"] == "203.0.113.9"
    assert "HTTP_X_FORWARDED_PROTO" not in seen
    assert "HTTP_X_FORWARDED_FOR" not in seen


@pytest.mark.parametrize("peer", ["192.0.2.1", "10.2.0.1", "::2", "", "unix-socket"])
def test_anyone_else_is_not_believed_and_their_headers_are_dropped(peer: str) -> None:
    seen = seen_by_the_app(
        PROXY,
        REMOTE_ADDR=peer,
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
        HTTP_X_FORWARDED_HOST="evil.example",
        HTTP_FORWARDED="for=203.0.113.9;proto=https",
    )
    assert seen["wsgi.url_scheme"] == "http"
    assert seen["REMOTE_ADDR"] == peer
    assert not [name for name in seen if name in forwarded.PROXY_HEADERS]


def test_a_scheme_other_than_http_or_https_is_ignored() -> None:
    seen = seen_by_the_app(PROXY, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_PROTO="gopher")
    assert seen["wsgi.url_scheme"] == "http"


def test_a_star_trusts_every_peer() -> None:
    networks = forwarded.trusted_networks(["*"])
    seen = seen_by_the_app(networks, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_PROTO="https")
    assert seen["wsgi.url_scheme"] == "https"


@pytest.mark.parametrize("entry", ["localhost", "10.0.0.300", "10.0.0.0/40", "proxy"])
def test_a_bad_entry_is_a_clear_error(entry: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="FORWARDED_ALLOW_IPS"):
        forwarded.trusted_networks(["127.0.0.1", entry])


@pytest.fixture
def production(settings: Any) -> Any:
    """What PRODUCTION=1 sets (tests/web/test_settings.py checks the values)."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Built after the settings: Django's middleware reads them when it starts.
    return forwarded.TrustedProxy(page_cache.PageCache(WSGIHandler()), PROXY)


def test_in_production_only_the_proxy_can_say_https(production: Any) -> None:
    claimed = call(
        production, "GET", "/en/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_PROTO="https"
    )
    assert claimed.status.startswith("301")
    assert claimed.header("Location") == "https://127.0.0.1:8000/en/"
    from_proxy = call(
        production, "GET", "/en/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_PROTO="https"
    )
    assert from_proxy.status == "200 OK"
    assert from_proxy.header("Strict-Transport-Security") == "max-age=31536000; includeSubDomains"
    # The HTTPS answer is kept apart: a direct client claiming HTTPS still gets redirected.
    again = call(production, "GET", "/en/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_PROTO="https")
    assert again.status.startswith("301")
