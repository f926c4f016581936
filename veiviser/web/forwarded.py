"""A proxy's word on the scheme and the client's address, taken only from trusted proxies.

Behind a TLS proxy the application sees plain HTTP from the proxy. The proxy says, in
`X-Forwarded-Proto` and `X-Forwarded-For`, whether the reader came over HTTPS and from
where. Anyone can send those headers, though: believed from anyone, a client talking to
the application directly could claim HTTPS (and so skip the redirect to HTTPS, or get a
page kept for HTTPS readers). So they are believed only when the request comes from an
address in FORWARDED_ALLOW_IPS, and removed from every other request before Django or the
page cache sees it.

This is the outermost WSGI layer (veiviser/wsgi.py), because granian has no such setting.
The client's address is put where WSGI puts it (REMOTE_ADDR) and nowhere else: nothing in
Veiviser logs or keeps it.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from veiviser.web.page_cache import StartResponse, WSGIApp

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
# The request headers a proxy sets (WSGI names); removed unless the peer is trusted.
PROXY_HEADERS = (
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_FORWARDED",
)


def trusted_networks(entries: list[str]) -> tuple[Network, ...] | None:
    """FORWARDED_ALLOW_IPS as networks: addresses or CIDR ranges; `*` (None) trusts any peer."""
    if "*" in entries:
        return None
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"FORWARDED_ALLOW_IPS: {entry!r} is not an IP address or network"
            ) from None
    return tuple(networks)


def is_trusted(peer: str, networks: tuple[Network, ...] | None) -> bool:
    if networks is None:
        return True
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False  # a Unix socket, or nothing: not a proxy we know
    return any(address in network for network in networks)


def last_value(header: str) -> str:
    """The value the nearest proxy added: the last one of a comma-separated list."""
    return header.rsplit(",", 1)[-1].strip()


class TrustedProxy:
    """The WSGI layer: applies a trusted proxy's headers, drops anyone else's."""

    def __init__(self, app: WSGIApp, networks: tuple[Network, ...] | None) -> None:
        self.app = app
        self.networks = networks
        # Parsing an address costs more than the rest of a kept page's answer; the peer
        # is nearly always the proxy, so each address is judged once (a bounded cache).
        self.trusted = lru_cache(maxsize=1024)(lambda peer: is_trusted(peer, networks))

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if self.trusted(environ.get("REMOTE_ADDR", "")):
            scheme = last_value(environ.get("HTTP_X_FORWARDED_PROTO", "")).lower()
            if scheme in ("http", "https"):
                environ["wsgi.url_scheme"] = scheme
            client = last_value(environ.get("HTTP_X_FORWARDED_FOR", ""))
            if client:
                environ["REMOTE_ADDR"] = client
        # From here on only wsgi.url_scheme and REMOTE_ADDR speak of the proxy's view; the
        # raw headers are gone, so no later code can be tempted to believe them.
        for name in PROXY_HEADERS:
            environ.pop(name, None)
        return self.app(environ, start_response)
