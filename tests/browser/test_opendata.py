"""Open data in a real browser: a page of another origin reads /hsds/services with fetch()
(CORS allows it), while the rest of the site stays unreadable to it, and no credential is
ever sent along."""

from __future__ import annotations

import http.server
from collections.abc import Iterator

import pytest

from tests.browser.conftest import plain_web_server

OTHER_PAGE = b"<!doctype html><title>another site</title><p>Reuses Veiviser's open data."


class OtherSite(http.server.BaseHTTPRequestHandler):
    """A site of its own origin (another port): one plain page, no policy of ours."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(OTHER_PAGE)))
        self.end_headers()
        self.wfile.write(OTHER_PAGE)

    def log_message(self, *args: object) -> None:
        pass  # quiet


@pytest.fixture
def other_origin() -> Iterator[str]:
    with plain_web_server(OtherSite) as address:
        yield address


READ = """async ([url, credentials]) => {
    try {
        const response = await fetch(url, {credentials});
        return {status: response.status, data: await response.json()};
    } catch (error) {
        return {error: String(error)};
    }
}"""


def test_another_origin_reads_the_open_data_and_nothing_else(
    chromium: object, live_server: object, other_origin: str, seed_snapshot: object
) -> None:
    site = live_server.url.rstrip("/")
    assert site.split(":")[:2] == other_origin.split(":")[:2] and site != other_origin
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.goto(other_origin + "/")
        assert page.evaluate("location.origin") == other_origin

        read = page.evaluate(READ, [f"{site}/hsds/services?per_page=100", "omit"])
        assert read.get("status") == 200, read
        assert read["data"]["total_items"] == len(seed_snapshot.content.services)
        names = [service["name"] for service in read["data"]["contents"]]
        assert seed_snapshot.services["rosa"].name["en"] in names

        # The public pages are not for other sites to read: the browser refuses.
        refused = page.evaluate(READ, [f"{site}/en/services/", "omit"])
        assert "error" in refused, refused
        # No credentials: a read that asks to send them is refused too ("*" forbids it).
        with_credentials = page.evaluate(READ, [f"{site}/hsds/services", "include"])
        assert "error" in with_credentials, with_credentials
    finally:
        context.close()
