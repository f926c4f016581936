"""Playwright driving Debian's Chromium against the live test server.

The server is pytest-django's `live_server` (the app in a thread of this process, serving
the seed snapshot held by tests/conftest.py). Every request the page makes is routed: the
live server's own are let through, the quick exit's target is answered here with a blank
stand-in page (the tests never reach the internet), and anything else is blocked and
recorded so that a test can say which page asked for what.

Where Chromium is missing or does not start, the browser tests are skipped and the run
ends with a banner saying so, unless REQUIRE_BROWSER=1: then they fail.
"""

from __future__ import annotations

import http.server
import os
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

# The live server on 127.0.0.1, the address the blocking below lets through.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")

CHROMIUM = Path("/usr/bin/chromium")  # Debian's; Playwright cannot download its own here
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
EXIT_PAGE = "<!doctype html><title>exit</title><p>A neutral site."
REQUIRE_BROWSER = os.environ.get("REQUIRE_BROWSER") == "1"

# Why the browser tests could not run, for the banner at the end of the run.
_unavailable: list[str] = []


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _unavailable:
        return
    line = "=" * 78
    outcome = "FAILED (REQUIRE_BROWSER=1)" if REQUIRE_BROWSER else "SKIPPED"
    terminalreporter.write_line(line, red=True, bold=True)
    terminalreporter.write_line(f"BROWSER TESTS {outcome}: {_unavailable[0]}", red=True, bold=True)
    terminalreporter.write_line(
        "Install Debian's Chromium (apt-get install chromium) to run them.", red=True, bold=True
    )
    terminalreporter.write_line(line, red=True, bold=True)


def _unavailable_because(reason: str) -> None:
    if not _unavailable:
        _unavailable.append(reason)
    if REQUIRE_BROWSER:
        pytest.fail(f"BROWSER TESTS REQUIRED (REQUIRE_BROWSER=1) BUT {reason}", pytrace=False)
    pytest.skip(f"BROWSER TESTS SKIPPED: {reason}")


@pytest.fixture(scope="package")
def chromium() -> Iterator[object]:
    """Chromium, for the tests of this package only.

    Playwright's sync API marks an asyncio loop as running in this thread for as long as
    it is started, and Django then refuses database access from this thread (the test
    database's flush after each live-server test). So: Django is told that is safe only
    while Playwright runs, and Playwright stops when this package's tests are done, before
    the rest of the suite runs.
    """
    if _unavailable:
        _unavailable_because(_unavailable[0])
    if not CHROMIUM.exists():
        _unavailable_because(f"no Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        _unavailable_because(f"Playwright is not installed ({error})")
    async_unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    manager = sync_playwright().start()
    try:
        try:
            browser = manager.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        except Exception as error:
            _unavailable_because(f"Chromium at {CHROMIUM} did not start: {error}")
        try:
            yield browser
        finally:
            browser.close()
    finally:
        manager.stop()
        if async_unsafe is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = async_unsafe


@dataclass
class Traffic:
    """What the pages of one context asked for, beyond the live server."""

    origin: str
    exit_prefix: str
    exits: list[object] = field(default_factory=list)  # requests to the exit, answered
    blocked: list[str] = field(default_factory=list)  # anything else: refused
    hold_exit: bool = False  # keep the exit's answer back until the test releases it
    held: list[object] = field(default_factory=list)

    def handle(self, route: object) -> None:
        url = route.request.url
        if url.startswith(self.origin + "/"):
            route.continue_()
        elif url.startswith(self.exit_prefix):
            self.exits.append(route.request)
            if self.hold_exit:
                self.held.append(route)
            else:
                route.fulfill(status=200, content_type="text/html", body=EXIT_PAGE)
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def reset(self) -> None:
        self.exits.clear()
        self.blocked.clear()
        self.hold_exit = False
        self.release()

    def release(self) -> None:
        for route in self.held:
            route.fulfill(status=200, content_type="text/html", body=EXIT_PAGE)
        self.held.clear()


def exit_prefix() -> str:
    """The scheme and host of EXIT_URL: where the quick exit leads."""
    parts = urllib.parse.urlsplit(settings.EXIT_URL)
    return f"{parts.scheme}://{parts.netloc}/"


def exit_url() -> str:
    """EXIT_URL as the browser writes it once it has gone there (with a path)."""
    parts = urllib.parse.urlsplit(settings.EXIT_URL)
    return urllib.parse.urlunsplit(parts._replace(path=parts.path or "/"))


@pytest.fixture
def traffic(live_server: object) -> Traffic:
    origin = live_server.url.rstrip("/")
    host = urllib.parse.urlsplit(origin).hostname
    assert host in {"127.0.0.1", "localhost"}, f"the live server is not local: {origin}"
    return Traffic(origin, exit_prefix())


def routed_context(chromium: object, traffic: Traffic, **options: object) -> object:
    """A browser context whose every request goes through `traffic` (let through, answered
    as the exit, or blocked)."""
    context = chromium.new_context(**options)
    context.route("**/*", traffic.handle)
    return context


@pytest.fixture
def page(chromium: object, traffic: Traffic, live_server: object) -> Iterator[object]:
    """A tab with JavaScript on; every request routed through `traffic`."""
    context = routed_context(chromium, traffic, base_url=live_server.url)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page_nojs(chromium: object, traffic: Traffic, live_server: object) -> Iterator[object]:
    """A tab with JavaScript off, as some readers browse (and as the exit must work)."""
    context = routed_context(chromium, traffic, base_url=live_server.url, java_script_enabled=False)
    try:
        yield context.new_page()
    finally:
        context.close()


@dataclass
class Tab:
    """A tab kept open across tests, and what its pages asked for in this test."""

    page: object
    traffic: Traffic


@pytest.fixture(scope="package")
def _tabs(chromium: object, live_server: object) -> Iterator[dict[str, Tab]]:
    """Tabs that tests of one page each share: a tab costs a new renderer process, and a
    test that only loads a page and looks at it needs no fresh one."""
    origin = live_server.url.rstrip("/")
    tabs = {}
    for name, options in {
        "phone": {"viewport": {"width": 320, "height": 640}},
        "desktop": {},
    }.items():
        traffic = Traffic(origin, exit_prefix())
        context = routed_context(chromium, traffic, base_url=live_server.url, **options)
        tabs[name] = Tab(context.new_page(), traffic)
    try:
        yield tabs
    finally:
        for tab in tabs.values():
            tab.page.context.close()


@pytest.fixture
def tab(_tabs: dict[str, Tab]) -> Tab:
    """A shared tab with JavaScript on, for a test that only loads a page and inspects it."""
    _tabs["desktop"].traffic.reset()
    return _tabs["desktop"]


@pytest.fixture
def phone_tab(_tabs: dict[str, Tab]) -> Tab:
    """A shared tab on a phone screen 320 pixels wide and 640 high."""
    _tabs["phone"].traffic.reset()
    return _tabs["phone"]


@contextmanager
def console_errors(page: object) -> Iterator[list[str]]:
    """What the page reports as an error while the block runs: console errors (a
    Content-Security-Policy violation shows as one) and uncaught exceptions."""
    errors: list[str] = []

    def console(message: object) -> None:
        if message.type == "error":
            errors.append(message.text)

    def page_error(error: object) -> None:
        errors.append(str(error))

    page.on("console", console)
    page.on("pageerror", page_error)
    try:
        yield errors
    finally:
        page.remove_listener("console", console)
        page.remove_listener("pageerror", page_error)


@contextmanager
def plain_web_server(handler: Callable[..., http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """`handler` served on a free port of 127.0.0.1 by Python's own server; its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
