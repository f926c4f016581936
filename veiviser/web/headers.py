"""The fixed set of security and privacy headers that every response carries, one policy
per area of the site, declared here and nowhere else.

One place, so that pages, redirects, errors and static files (served by WhiteNoise inside
this middleware) all get exactly the same set, whatever the method. A request belongs to
exactly one area, decided by its path alone (`area`):
- "public": every page, redirect, error and static file: the fixed set;
- "opendata": /hsds/, the directory as open data: the fixed set, and other sites' pages
  may read the answers (CORS, without credentials);
- "staff": /staff/, the editorial system: the same headers with a CSP of its own (the
  admin's own scripts and stylesheets, nothing from another origin), and the only area
  where a cookie may be set: the session and CSRF cookies, scoped to /staff/ (settings:
  SESSION_COOKIE_* and CSRF_COOKIE_*). Never kept by the page cache.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
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
            # Only this site, as for images: no page of ours fetches anything, but a search
            # engine's checker (Lighthouse) reads robots.txt from inside the page.
            "connect-src 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
        ]
    )


def staff_content_security_policy() -> str:
    """The admin's pages load their own scripts, stylesheets and images from /static/;
    still nothing from another origin, no inline script, no framing, forms only to us."""
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            "font-src 'self'",
            "connect-src 'self'",
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


PUBLIC = "public"
OPEN_DATA = "opendata"
STAFF = "staff"
AREAS = (PUBLIC, OPEN_DATA, STAFF)
OPEN_DATA_PREFIX = "/hsds/"
STAFF_PREFIX = "/staff/"


def area(path: str) -> str:
    """The area a request belongs to, from its path (without the script name)."""
    if path.startswith(OPEN_DATA_PREFIX) or path == OPEN_DATA_PREFIX.rstrip("/"):
        return OPEN_DATA
    if path.startswith(STAFF_PREFIX) or path == STAFF_PREFIX.rstrip("/"):
        return STAFF
    return PUBLIC


def area_headers(name: str) -> dict[str, str]:
    """The header policy of one area."""
    headers = fixed_headers()
    if name == OPEN_DATA:
        # Other help services, apps and researchers may read the open data from their own
        # pages with fetch(). "*" and no Allow-Credentials: a browser then never sends a
        # cookie or other credential with such a read, and there is none to send. Every
        # other header stays: CORP same-origin still stops other sites from embedding the
        # answers without asking (it does not apply to CORS reads).
        headers["Access-Control-Allow-Origin"] = "*"
    if name == STAFF:
        headers["Content-Security-Policy"] = staff_content_security_policy()
        # With no-referrer, Chromium sends "Origin: null" with a form's POST, and
        # Django's CSRF check (rightly) refuses it: same-origin still tells no other
        # site anything, and lets the staff area's own forms name their origin.
        headers["Referrer-Policy"] = "same-origin"
    return headers


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


def _vary_not_by_language(response: HttpResponseBase) -> None:
    """Open data is in the language of ?lang=, never of Accept-Language: take off the Vary
    that Django's LocaleMiddleware adds outside /<lang>/, so that caches (the page cache
    too) keep one answer per address."""
    if "Vary" not in response:
        return
    kept = [
        part.strip()
        for part in response["Vary"].split(",")
        if part.strip() and part.strip().lower() != "accept-language"
    ]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


def _keep_staff_cookies(response: HttpResponseBase) -> None:
    """Only the session and CSRF cookies, and only with the path /staff/: a cookie set
    by anything else, or for the whole site, would reach public pages."""
    allowed = {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    for name in list(response.cookies):
        if name not in allowed or response.cookies[name]["path"] != STAFF_PREFIX:
            del response.cookies[name]


class SecurityHeadersMiddleware:
    """Sets the area's headers, and removes any that would reveal the server or set state."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.stores = {name: header_store(area_headers(name)) for name in AREAS}

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        where = area(request.path_info)
        set_headers(response, self.stores[where])
        if where == OPEN_DATA:
            _vary_not_by_language(response)
        if where == STAFF:
            _keep_staff_cookies(response)
        else:
            # Public visitors never get a cookie: a cookie is a trace, and nothing here
            # needs one, whatever the request carried.
            response.cookies.clear()
        for name in ("X-Powered-By", "Expires", "Last-Modified", "ETag"):
            if name in response:
                del response[name]
        if request.method == "HEAD" and not response.streaming:
            # A HEAD answer has headers only (Content-Length still tells the GET's size).
            response.content = b""
        return response
