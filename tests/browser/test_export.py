"""The static export in Chromium: served by a plain web server on 127.0.0.1, and opened
straight from a disk, every exported page passes the same checks as the live site.

The exported pages are not the live ones: their links are relative, their security
policy is a <meta> tag, and the guide's form posts to the live site. So axe, the 320 px
screen and the "nothing from another origin" rule are run on them too.
"""

from __future__ import annotations

import functools
import http.server
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import routes
from tests.browser.conftest import (
    Traffic,
    console_errors,
    exit_prefix,
    plain_web_server,
    routed_context,
)
from tests.browser.test_accessibility import axe_violations, report
from tests.conftest import LIVE_URL as LIVE
from veiviser.web import export

# The export's rewriting (relative links, the policy as a <meta> tag) does not depend on
# the language: every page of a left-to-right and of a right-to-left language, and the
# home page of every other. (Every exported page of every language passes the in-process
# site audit: tests/test_audit.py.)
PAGES = [r for r in routes.pages() if r.language in ("en", "ar") or r.pattern.name == "home"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # a test server's log would only be noise


@pytest.fixture(scope="module")
def static_server(exported_site: Path) -> Iterator[str]:
    """Any web server: here Python's own, serving the folder as plain files."""
    handler = functools.partial(_Quiet, directory=str(exported_site))
    with plain_web_server(handler) as address:
        yield address


@pytest.fixture(scope="module")
def export_tab(chromium: object, static_server: str) -> Iterator[tuple[object, Traffic]]:
    traffic = Traffic(static_server, exit_prefix())
    context = routed_context(chromium, traffic)
    try:
        yield context.new_page(), traffic
    finally:
        context.close()


@pytest.mark.parametrize("route", PAGES, ids=str)
def test_every_exported_page_passes_the_browser_audit(
    export_tab: tuple[object, Traffic], static_server: str, route: routes.Route
) -> None:
    page, traffic = export_tab
    traffic.reset()
    page.set_viewport_size({"width": 1280, "height": 720})
    with console_errors(page) as errors:
        response = page.goto(f"{static_server}/{export.file_for(route.path)}")
    assert response.status == 200
    assert traffic.blocked == [], f"{route.path} asked other origins for {traffic.blocked}"
    assert errors == [], f"{route.path}: {errors}"
    violations = axe_violations(page)
    assert violations == [], f"{route.path}:\n{report(violations)}"
    page.set_viewport_size({"width": 320, "height": 640})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{route.path} is {width}px wide on a 320px screen"


@pytest.mark.parametrize("form", ["guide", "frontline"])
def test_the_exported_forms_post_the_answers_to_the_live_site(
    export_tab: tuple[object, Traffic], static_server: str, form: str
) -> None:
    page, traffic = export_tab
    traffic.reset()
    posted: list[object] = []

    def live(route: object) -> None:
        posted.append(route.request)
        route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>live")

    page.route(f"{LIVE}/**", live)
    try:
        page.goto(f"{static_server}/en/{form}/index.html")
        page.check("input[name=danger][value=yes]")
        page.locator("form[method=post] button[type=submit]").last.click()
        page.wait_for_url(f"{LIVE}/en/{form}/")
    finally:
        page.unroute(f"{LIVE}/**", live)
    assert [(r.method, r.url) for r in posted] == [("POST", f"{LIVE}/en/{form}/")]
    assert "danger=yes" in posted[0].post_data
    assert traffic.blocked == []


def test_a_page_opened_from_a_disk_is_styled_and_links_to_the_next_file(
    chromium: object, exported_site: Path
) -> None:
    context = chromium.new_context()
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    try:
        with console_errors(page) as errors:
            page.goto((exported_site / "en" / "index.html").as_uri())
            # The inline stylesheet ran under the <meta> policy: the exit button is styled.
            position = page.evaluate(
                "getComputedStyle(document.getElementById('quick-exit')).position"
            )
            assert position in {"fixed", "sticky"}
            page.click("main a[href$='index.html']")
            page.wait_for_load_state()
        home = (exported_site / "en" / "index.html").as_uri()
        assert page.url.startswith(exported_site.as_uri()) and page.url.endswith("/index.html")
        assert page.url != home
    finally:
        context.close()
    assert errors == []
    assert all(url.startswith("file://") for url in asked), asked
