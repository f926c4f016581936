"""The static export: every page as a file that works from a disk or any web server."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from django.conf import settings

from tests import routes
from tests.conftest import LIVE_URL as LIVE
from tests.opendata.hsds import dataset_problems
from veiviser.frontline import texts
from veiviser.web import crawl, export


def html_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def test_every_page_in_every_language_is_a_file(exported_site):
    for route in routes.pages():
        assert (exported_site / export.file_for(route.path)).is_file(), route.path


def test_every_link_between_files_leads_to_a_file(exported_site):
    checked = 0
    for page in html_files(exported_site):
        for link in crawl.links(page.read_text()):
            if link.startswith(("https://", "http://", "tel:", "sms:", "mailto:", "#", "?")):
                continue
            assert not link.startswith("/"), f"{page}: absolute link {link}"
            target = posixpath.normpath(posixpath.join(page.parent.as_posix(), link))
            assert Path(target).is_file(), f"{page.relative_to(exported_site)}: {link} is missing"
            checked += 1
    assert checked > 500


def test_each_page_carries_its_security_policy(exported_site):
    for page in html_files(exported_site):
        html = page.read_text()
        assert '<meta http-equiv="Content-Security-Policy"' in html, page
        assert f"form-action {LIVE}" in html
        assert "frame-ancestors" not in html  # not allowed in a meta policy
        assert 'id="quick-exit"' in html, page


def test_the_guide_posts_to_the_live_site_and_says_so(exported_site):
    for lang in ("en", "nb"):
        html = (exported_site / lang / "guide" / "index.html").read_text()
        assert f'action="{LIVE}/{lang}/guide/"' in html
        assert LIVE in html.split("<form", 1)[0]  # the note before the form names the site


def test_the_frontline_is_exported_and_its_form_posts_to_the_live_site(
    exported_site, seed_snapshot
):
    people = texts.person_languages(seed_snapshot)
    assert people, "no language has the person's page"
    for lang in routes.languages():
        html = (exported_site / lang / "frontline" / "index.html").read_text()
        assert f'action="{LIVE}/{lang}/frontline/"' in html
        assert LIVE in html.split("<form", 1)[0]  # the note before the form names the site
        for person in people:
            assert f'href="show/{person}/index.html"' in html
            assert (exported_site / lang / "frontline" / "show" / person / "index.html").is_file()
        home = (exported_site / lang / "index.html").read_text()
        assert 'href="frontline/index.html"' in home


def test_live_only_parts_are_left_out(exported_site):
    html = (exported_site / "en" / "services" / "index.html").read_text()
    assert "data-live-only" not in html
    assert 'href="rosa/index.html"' in html  # the full list is there


def test_the_front_door_leads_to_every_language(exported_site):
    html = (exported_site / "index.html").read_text()
    assert 'href="en/index.html"' in html and 'href="nb/index.html"' in html
    assert 'id="quick-exit"' in html


def test_the_open_data_is_exported_and_valid(exported_site, seed_snapshot):
    data = json.loads((exported_site / export.OPEN_DATA_FILE).read_text(encoding="utf-8"))
    assert dataset_problems(data) == []
    assert data["content_version"] == seed_snapshot.version
    assert len(data["services"]) == len(seed_snapshot.content.services)
    assert data["license"]["id"] == settings.DATA_LICENSE


def test_the_export_has_the_icon_robots_txt_and_the_sitemap(exported_site):
    """A tab asks for /favicon.ico by name: the copy has it (a plain circle), and the files
    a search engine reads, naming the live site's pages."""
    assert (exported_site / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert "Sitemap: " in (exported_site / "robots.txt").read_text()
    sitemap = (exported_site / "sitemap.xml").read_text()
    assert sitemap.count("<url>") == len(routes.pages())
    assert "/ar/topics/" in sitemap
