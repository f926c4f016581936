"""The fixed set of security and privacy headers that every response carries.

One place, so that pages, redirects, errors and static files (served by WhiteNoise inside
this middleware) all get exactly the same set, whatever the method.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from veiviser.web.assets import inline_css_hash

# Browser features this site never uses; denying them all means a compromised page or
# a future mistake cannot turn on a camera, a microphone or location.
DENIED_FEATURES = (
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "publickey-credentials-get",
    "screen-wake-lock",
    "sync-xhr",
    "usb",
    "xr-spatial-tracking",
)


def content_security_policy() -> str:
    """Nothing from another origin, no inline script, only our own inlined stylesheet."""
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            f"style-src {inline_css_hash()}",
            "img-src 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
        ]
    )


def fixed_headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(),
        # A visit must not tell the next site where the reader came from (the exit link).
        "Referrer-Policy": "no-referrer",
        # Files are what they say they are: no script disguised as text.
        "X-Content-Type-Options": "nosniff",
        "Permissions-Policy": ", ".join(f"{feature}=()" for feature in DENIED_FEATURES),
        # No other window can reach into ours, and no other site may embed our files.
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
        # Older browsers that ignore frame-ancestors: no framing, no clickjacking.
        "X-Frame-Options": "DENY",
        # Nothing is kept in the browser's cache or a proxy's: a cached page or file is a
        # trace of the visit that someone with the phone could find. Static files too.
        "Cache-Control": "no-store",
        # The server's name and version help an attacker and serve no reader. granian
        # writes "server: granian" unless the application sends a Server header of its
        # own, so the application sends one, empty.
        "Server": "",
    }


HeaderStore = dict[str, tuple[str, str]]


def header_store(headers: dict[str, str]) -> HeaderStore:
    """Headers in the form Django's ResponseHeaders keeps them: {lowercase: (name, value)}.

    Checked once here (latin-1, no newlines) by Django's own code, so that each response
    can take them in one dict update: this runs on every request that reaches Django (the
    guide's answers among them; a kept page is replayed with the headers it got here).
    """
    probe = HttpResponseBase()
    for name, value in headers.items():
        probe[name] = value
    return {name.lower(): (name, probe[name]) for name in headers}


def set_headers(response: HttpResponseBase, store: HeaderStore) -> None:
    # Private to Django, but pinned (Django==5.2.19) and covered by the header tests.
    response.headers._store.update(store)


class SecurityHeadersMiddleware:
    """Sets the fixed headers, and removes any that would reveal the server or set state."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.store = header_store(fixed_headers())

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        set_headers(response, self.store)
        # Public visitors never get a cookie: a cookie is a trace, and nothing here needs one.
        response.cookies.clear()
        for name in ("X-Powered-By", "Expires", "Last-Modified", "ETag"):
            if name in response:
                del response[name]
        if request.method == "HEAD" and not response.streaming:
            # A HEAD answer has headers only (Content-Length still tells the GET's size).
            response.content = b""
        return response
