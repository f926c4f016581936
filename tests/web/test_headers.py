"""The fixed header set, on every response: every route and method, errors, static files.

The expected values are written out here on purpose: a test that imported them from
veiviser.web.headers would pass whatever that module said. Only the stylesheet's hash is
computed, and a separate test checks it against the <style> the pages really carry.

Also: no response sets a cookie or names the server, and no log line holds anything that
identifies the visitor or what they sent (the canary tests, in-process and under granian).
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import logging
import re
import socket
import time
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import pytest
from django.http import HttpRequest
from django.test import Client
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from tests import routes, server
from tests.crawled import Fetched, failures
from veiviser.urls import urlpatterns as site_urlpatterns
from veiviser.web import headers
from veiviser.web import views as web_views
from veiviser.web.assets import inline_css_hash

ROOT = Path(__file__).resolve().parents[2]
METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS")
STATIC_FILE = "/static/veiviser/exit.js"
# Addresses that match no route: under a language, without one, a bad language, a static
# file that does not exist, and one that CommonMiddleware redirects (no trailing slash).
UNKNOWN_PATHS = (
    "/en/no-such-page/",
    "/no-such-page",
    "/xx/",
    "/nb/topics/no-such-topic/",
    "/static/veiviser/no-such-file.js",
    "/en/privacy",
)

PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
    "fullscreen=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), "
    "payment=(), picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), "
    "sync-xhr=(), usb=(), xr-spatial-tracking=()"
)
# Never on any response: they name the server, set state, or date a visit.
FORBIDDEN = ("Set-Cookie", "X-Powered-By", "Expires", "Last-Modified", "ETag")


def expected_headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": (
            "default-src 'none'; script-src 'self'; "
            f"style-src {inline_css_hash()}; img-src 'self'; connect-src 'self'; "
            "form-action 'self'; "
            "frame-ancestors 'none'; base-uri 'none'"
        ),
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
        "X-Frame-Options": "DENY",
        "Cache-Control": "no-store",
        # Empty, so that the server (granian) does not write its own name instead.
        "Server": "",
    }


def header_problems(
    headers: dict[str, str], *, https: bool = False, server_header: bool = True
) -> list[str]:
    """What is wrong with one response's headers (names compared case-insensitively).

    `server_header=False`: behind a proxy that removes the Server line altogether.
    """
    present = {name.lower(): value for name, value in headers.items()}
    problems = []
    for name, value in expected_headers().items():
        if name == "Server" and not server_header:
            continue
        if present.get(name.lower()) != value:
            problems.append(f"{name}: expected {value!r}, got {present.get(name.lower())!r}")
    for name in FORBIDDEN:
        if name.lower() in present:
            problems.append(f"{name} must not be sent (got {present[name.lower()]!r})")
    hsts = present.get("strict-transport-security")
    if https and hsts != "max-age=31536000; includeSubDomains":
        problems.append(f"Strict-Transport-Security over HTTPS: got {hsts!r}")
    if not https and hsts is not None:
        problems.append(f"Strict-Transport-Security over plain HTTP: {hsts!r}")
    return problems


def cross_origin_problems(target: str, response: object) -> list[str]:
    """Other origins may read the open data (/hsds/), without credentials; nothing else."""
    names = [name.lower() for name in response.headers]
    if headers.area(target) == headers.OPEN_DATA:
        problems = []
        if response.get("Access-Control-Allow-Origin") != "*":
            problems.append("open data without Access-Control-Allow-Origin: *")
        if "access-control-allow-credentials" in names:
            problems.append("open data allows credentials")
        return problems
    return [
        f"{name}: only the open data may be read cross-origin"
        for name in names
        if name.startswith("access-control-")
    ]


def request(client: Client, method: str, target: str, **extra: object):
    return client.generic(method, target, **extra)


@pytest.fixture
def client() -> Client:
    # CSRF is enforced as for a real browser; errors come back as responses.
    return Client(enforce_csrf_checks=True, raise_request_exception=False)


ROUTES = routes.routes()


def test_the_walk_finds_every_route_that_exists_now() -> None:
    found = {pattern.display for pattern in routes.patterns()}
    assert {
        "/",
        "/<lang>/",
        "/<lang>/browse-safely/",
        "/<lang>/privacy/",
        "/<lang>/topics/<slug:topic_id>/",
        "/<lang>/services/",
        "/<lang>/services/<slug:service_id>/",
    } <= found
    paths = {route.path for route in ROUTES}
    for language in ("en", "nb"):
        assert {f"/{language}/", f"/{language}/privacy/", f"/{language}/browse-safely/"} <= paths
    # Parameters are filled from the seed: every topic of the snapshot has its page.
    snapshot = routes.seed_snapshot()
    assert snapshot.topics, "the seed has no topics"
    for topic_id in snapshot.topics:
        assert f"/nb/topics/{topic_id}/" in paths


@pytest.mark.parametrize("method", METHODS)
def test_every_route_and_method_has_the_fixed_headers(client: Client, method: str) -> None:
    # Every address of every language: one test per method reports every route that fails.
    problems = []
    for route in ROUTES:
        response = request(client, method, route.path)
        if response.status_code >= 500:
            problems.append(f"{method} {route.path}: {response.status_code}")
        problems += [f"{method} {route.path}: {p}" for p in header_problems(response.headers)]
        problems += [
            f"{method} {route.path}: {p}" for p in cross_origin_problems(route.path, response)
        ]
        if response.cookies:
            problems.append(f"{method} {route.path}: sets a cookie")
    assert problems == []
    assert len(ROUTES) > 100, "the walk found the routes of every language"


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("target", [*UNKNOWN_PATHS, STATIC_FILE])
def test_unknown_paths_and_static_files_have_the_fixed_headers(
    client: Client, target: str, method: str
) -> None:
    response = request(client, method, target)
    assert response.status_code < 500, f"{method} {target}: {response.status_code}"
    assert header_problems(response.headers) == [], f"{method} {target}"
    assert not response.cookies


def test_every_page_answers_get_with_html_that_nobody_caches(
    every_page: dict[str, Fetched],
) -> None:
    def check(page: Fetched) -> Iterator[str]:
        if page.status != 200:
            yield (
                f"answered {page.status}. If this route is not a page, add its prefix to "
                "NOT_PAGES in tests/routes.py"
            )
        if page.headers["Content-Type"] != "text/html; charset=utf-8":
            yield f"Content-Type {page.headers['Content-Type']}"
        if page.headers["Cache-Control"] != "no-store":
            yield f"Cache-Control {page.headers['Cache-Control']}"

    assert failures(every_page.values(), check) == []
    assert {page.route.language for page in every_page.values()} == set(routes.languages())


def test_unknown_paths_are_not_found(client: Client) -> None:
    for target in ("/en/no-such-page/", "/no-such-page", "/xx/", "/nb/topics/no-such-topic/"):
        assert client.get(target).status_code == 404, target
    assert client.get("/static/veiviser/no-such-file.js").status_code == 404


def test_the_static_file_is_served_as_javascript(client: Client) -> None:
    response = client.get(STATIC_FILE)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert b"location.replace" in b"".join(response.streaming_content)


def test_the_root_redirect_has_the_fixed_headers(client: Client) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="nb-NO,nb;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/nb/"
    assert header_problems(response.headers) == []


def test_a_bad_host_is_refused_with_the_fixed_headers(client: Client) -> None:
    response = client.get("/en/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert header_problems(response.headers) == []


def test_the_style_hash_is_the_hash_of_the_inlined_stylesheet(client: Client) -> None:
    html = client.get("/en/").content.decode()
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert len(styles) == 1, "exactly one inline stylesheet, the one the CSP hash allows"
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    assert inline_css_hash() == f"'sha256-{digest}'"
    assert " style=" not in html, "inline style attributes are blocked by the CSP"


def test_no_inline_script_or_event_handler(client: Client) -> None:
    for route in ROUTES:
        if not route.pattern.is_page:
            continue
        html = client.get(route.path).content.decode()
        for script in re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S):
            assert script.strip() == "", f"inline script on {route.path}"
        handlers = re.findall(r"<[^>]*\son[a-z]+\s*=[^>]*>", html)
        assert handlers == [], f"inline event handler on {route.path}"


# --- One policy per area: open data (/hsds/) may be read by other sites' pages ----------

OPEN_DATA_UNKNOWN = ("/hsds/no-such-list", "/hsds/services/not-an-id", "/hsds")


def test_the_area_is_decided_by_the_path_alone() -> None:
    for target in ("/hsds/", "/hsds", "/hsds/services", "/hsds/services/x?lang=nb"):
        assert headers.area(target) == headers.OPEN_DATA, target
    for target in ("/", "/en/", "/hsdsx/", "/en/hsds/", "/api/v1/guide", "/static/x.js"):
        assert headers.area(target) == headers.PUBLIC, target


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("target", OPEN_DATA_UNKNOWN)
def test_open_data_allows_cross_origin_reads_without_credentials(
    client: Client, target: str, method: str
) -> None:
    # (Every route of the open data: test_every_route_and_method_has_the_fixed_headers.)
    response = request(client, method, target)
    assert response.status_code < 500, f"{method} {target}: {response.status_code}"
    # Every promise of the public site holds, and other origins may read the answer.
    assert header_problems(response.headers) == [], f"{method} {target}"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert not response.has_header("Access-Control-Allow-Credentials")
    assert not response.cookies


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    "target",
    # (Every route of the site: test_every_route_and_method_has_the_fixed_headers.)
    [*UNKNOWN_PATHS, STATIC_FILE, "/en/hsds/"],
)
def test_no_other_address_allows_cross_origin_reads(
    client: Client, target: str, method: str
) -> None:
    response = request(client, method, target)
    assert not any(name.lower().startswith("access-control-") for name in response.headers)


def test_open_data_does_not_vary_by_the_browsers_language(client: Client) -> None:
    """The language is ?lang=: one answer per address, whatever Accept-Language says."""
    english = client.get("/hsds/services", HTTP_ACCEPT_LANGUAGE="nb")
    norwegian = client.get("/hsds/services?lang=nb", HTTP_ACCEPT_LANGUAGE="en")
    assert english["Vary"] == norwegian["Vary"] == "Accept-Encoding"
    assert (english["Content-Language"], norwegian["Content-Language"]) == ("en", "nb")
    assert english.content != norwegian.content


# --- A 500 keeps the headers: a URLconf with one view that fails ----------------------


@csrf_exempt
def failing_view(request: HttpRequest) -> None:
    raise RuntimeError("the failing view failed")


urlpatterns = [*site_urlpatterns, path("fails/", failing_view)]
handler404 = web_views.not_found
handler500 = web_views.server_error


@pytest.mark.urls("tests.web.test_headers")
@pytest.mark.parametrize("method", METHODS)
def test_a_server_error_has_the_fixed_headers_and_reveals_nothing(
    client: Client, method: str
) -> None:
    response = request(client, method, "/fails/")
    assert response.status_code == 500
    assert header_problems(response.headers) == []
    assert not response.cookies
    if method != "HEAD":
        body = response.content.decode()
        assert "RuntimeError" not in body
        assert "the failing view failed" not in body
        assert 'id="quick-exit"' in body


def test_production_redirects_to_https_and_sends_hsts(
    settings: pytest.FixtureRequest, client: Client
) -> None:
    # The values `PRODUCTION=1` sets (tests/web/test_settings.py checks they are these).
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    plain = client.get("/en/privacy/")
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/en/privacy/"
    assert header_problems(plain.headers) == []
    for response in (
        client.get("/en/privacy/", secure=True),
        client.get("/no-such-page/", secure=True),
        client.get(STATIC_FILE, secure=True),
    ):
        assert header_problems(response.headers, https=True) == []


# --- Nothing about the visitor reaches a log -------------------------------------------

CANARIES = {
    "REMOTE_ADDR": "203.0.113.77",
    "HTTP_X_FORWARDED_FOR": "198.51.100.23",
    "HTTP_X_REAL_IP": "198.51.100.24",
    "HTTP_USER_AGENT": "CanaryBrowser/7.7 (ua-canary-5f1e)",
    "HTTP_REFERER": "https://referrer-canary.example/came-from-here",
    "HTTP_COOKIE": "tracker=cookie-canary-31c9",
}
QUERY_CANARY = "query-canary-8c2d"
BODY_CANARY = "body-canary-91aa"


def canaries() -> list[str]:
    return [*CANARIES.values(), QUERY_CANARY, BODY_CANARY, "cookie-canary-31c9"]


@pytest.fixture
def every_log_record() -> Iterator[list[str]]:
    """Every record of every logger, at DEBUG, as the project's formatter writes it."""
    from django.conf import settings

    formatter = logging.Formatter(settings.LOGGING["formatters"]["plain"]["format"])
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(formatter.format(record))

    handler = Collect(level=logging.DEBUG)
    root = logging.getLogger()
    loggers = [root] + [
        logger
        for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    saved = [(logger, logger.level, logger.disabled) for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.disabled = False
    root.addHandler(handler)
    try:
        yield lines
    finally:
        root.removeHandler(handler)
        for logger, level, disabled in saved:
            logger.setLevel(level)
            logger.disabled = disabled


@pytest.mark.urls("tests.web.test_headers")
def test_no_log_line_holds_the_visitor_or_what_they_sent(
    client: Client, every_log_record: list[str]
) -> None:
    targets = [route.path for route in ROUTES] + [*UNKNOWN_PATHS, STATIC_FILE, "/fails/"]
    expected_lines = []
    for target in targets:
        for method in METHODS:
            extra: dict[str, object] = dict(CANARIES)
            if method in {"POST", "PUT"}:
                extra["data"] = f"answer={BODY_CANARY}"
                extra["content_type"] = "application/x-www-form-urlencoded"
            response = client.generic(method, f"{target}?q={QUERY_CANARY}", **extra)
            expected_lines.append(f"{method} {target} {response.status_code} ")
    output = "\n".join(every_log_record)
    for canary in canaries():
        assert canary not in output, f"{canary!r} reached the log"
    # ... while the access log did record every request: method, path and status.
    for line in expected_lines:
        assert f"veiviser.access {line}" in output, f"no access line {line!r}"
    # The failing view's traceback was logged too: the capture saw everything.
    assert "the failing view failed" in output


# --- Under granian, as in production ----------------------------------------------------

# The visitor's own address, as the server sees it: requests come from this loopback
# address (not the 127.0.0.1 the server listens on), so it can be looked for in the log.
PEER = "127.0.0.77"


def raw_request(port: int, data: bytes) -> bytes:
    """What the server answers to `data`, read until it closes (or stops sending for 3 s).

    A server may answer and stop reading before a client has sent everything (a header
    that is too large): what it answered is still read.
    """
    with socket.create_connection(("127.0.0.1", port), timeout=3, source_address=(PEER, 0)) as sock:
        with suppress(OSError):
            sock.sendall(data)
        chunks = []
        with suppress(OSError):
            while chunk := sock.recv(65536):
                chunks.append(chunk)
    return b"".join(chunks)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    """granian as in production (tests/server.py), over a database of its own, logging at
    the most talkative level: a canary must not appear even in debug output."""
    var = tmp_path_factory.mktemp("var")
    with server.database(var) as url:
        env = server.environment(var, url, LOG_LEVEL="DEBUG")
        server.set_up(env)
        with server.serve(env) as running:
            yield running.port, running.log


CANARY_HEADERS = {
    "X-Forwarded-For": CANARIES["HTTP_X_FORWARDED_FOR"],
    "X-Real-IP": CANARIES["HTTP_X_REAL_IP"],
    "User-Agent": CANARIES["HTTP_USER_AGENT"],
    "Referer": CANARIES["HTTP_REFERER"],
    "Cookie": CANARIES["HTTP_COOKIE"],
}


def served_request(
    port: int, method: str, target: str, body: str | None = None
) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15, source_address=(PEER, 0))
    headers = dict(CANARY_HEADERS)
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, target, body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


@pytest.mark.server
def test_the_server_sends_the_fixed_headers_and_never_its_name(served: tuple[int, Path]) -> None:
    port, _log = served
    page = served_request(port, "GET", "/en/")
    assert page.status == 200
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    connection.request("GET", "/en/")
    html = connection.getresponse().read().decode()
    connection.close()
    hashed_script = re.search(r'<script src="([^"]+)"', html)
    assert hashed_script, "the page links its script"
    targets = [
        ("GET", "/"),
        ("GET", "/en/"),
        ("HEAD", "/nb/"),
        ("POST", "/en/"),
        ("OPTIONS", "/en/privacy/"),
        ("GET", "/en/no-such-page/"),
        ("GET", STATIC_FILE),
        ("GET", hashed_script[1]),
        ("DELETE", STATIC_FILE),
    ]
    for method, target in targets:
        response = served_request(port, method, target, body="a=1" if method == "POST" else None)
        names = [name.lower() for name, _ in response.getheaders()]
        assert header_problems(dict(response.getheaders())) == [], f"{method} {target}"
        assert len(names) == len(set(names)), f"a header is sent twice: {names}"
    assert served_request(port, "GET", hashed_script[1]).status == 200
    # The raw bytes, as a client sees them: no server name, neither on the application's
    # answers (an empty Server line) nor on granian's own answer to a request it cannot
    # parse, or whose headers are too large.
    for raw in (
        b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        b"GET /en/ HTTP/1.0\r\n\r\n",
        b"NOT A REQUEST\r\n\r\n",
        b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 500_000 + b"\r\n\r\n",
    ):
        head = raw_request(port, raw).split(b"\r\n\r\n", 1)[0]
        assert head.startswith(b"HTTP/1."), head
        assert not re.search(rb"^server[ \t]*:[ \t]*\S", head, re.I | re.M), head.decode(
            errors="replace"
        )


@pytest.mark.server
def test_the_server_logs_hold_no_canary(served: tuple[int, Path]) -> None:
    port, log = served
    for method, target in (("GET", "/en/"), ("POST", "/en/"), ("GET", "/en/no-such-page/")):
        body = f"answer={BODY_CANARY}" if method == "POST" else None
        served_request(port, method, f"{target}?q={QUERY_CANARY}", body)
    # Requests granian cannot parse, or refuses, are its own to log, not the app's.
    raw_request(port, f"GET /en/?q={QUERY_CANARY} HTTP/1.1 junk\r\n\r\n".encode())
    raw_request(port, b"GET /en/ HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 500_000 + b"\r\n\r\n")
    raw_request(
        port, b"POST /en/guide/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 9\r\n\r\nanswer"
    )
    time.sleep(0.5)  # the worker writes its log line after the response
    output = log.read_text()
    for canary in canaries():
        assert canary not in output, f"{canary!r} reached the server's output"
    assert PEER not in output, "the server logged the visitor's address"
    assert "GET /en/ 200 " in output, f"no access line in the server's output:\n{output}"
    assert "POST /en/ 405 " in output
    assert "GET /en/no-such-page/ 404 " in output
