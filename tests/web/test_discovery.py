"""robots.txt, sitemap.xml and the favicon: found in every language, giving nothing away."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from django.conf import settings

from tests import routes
from tests.web.test_headers import header_problems

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_robots_txt_allows_everything_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    assert f"Sitemap: {settings.PUBLIC_URL.rstrip('/')}/sitemap.xml" in lines
    assert header_problems(response.headers) == []


def test_the_sitemap_lists_every_page_in_every_language_with_its_twins(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    root = ET.fromstring(response.content)  # noqa: S314 - our own answer, in a test
    origin = settings.PUBLIC_URL.rstrip("/")
    listed = {}
    for url in root.findall(f"{SITEMAP}url"):
        location = url.find(f"{SITEMAP}loc").text
        twins = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        listed[location] = twins
    pages = {origin + route.path for route in routes.pages()}
    assert set(listed) == pages
    for location, twins in listed.items():
        rest = location.removeprefix(origin).split("/", 2)[2]
        assert twins == {code: f"{origin}/{code}/{rest}" for code in routes.languages()}


def test_the_favicon_is_a_plain_icon_with_the_fixed_headers(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an .ico file
    assert b"\x89PNG" in response.content and len(response.content) < 1_000
    assert header_problems(response.headers) == []
    assert not response.cookies
