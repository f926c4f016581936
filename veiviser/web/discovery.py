"""How search engines and browsers find the site: robots.txt, sitemap.xml, the favicon.

A person who searches in Romanian or Arabic must land on the page in their language, so
the sitemap lists every public page in every served language, each with its twins
(hreflang). The favicon is a plain circle (scripts/favicon.py): a help organisation's
logo in a shared tab or bookmark could give its reader away.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from veiviser.content.current import get_snapshot
from veiviser.content.snapshot import Snapshot
from veiviser.web import languages
from veiviser.web.methods import allow
from veiviser.web.page_cache import cacheable

FAVICON = Path(__file__).resolve().parent / "static" / "veiviser" / "favicon.ico"


def _public_url() -> str:
    return settings.PUBLIC_URL.rstrip("/")


@allow("GET")
@cacheable
def robots(request: HttpRequest) -> HttpResponse:
    """Every page may be indexed (each page says `noarchive`: no cached copy to find)."""
    text = f"User-agent: *\nAllow: /\n\nSitemap: {_public_url()}/sitemap.xml\n"
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


# A feature with pages of its own adds them here (veiviser.frontline.apps), so that this
# module, which every feature uses, depends on none of them.
MORE_PAGES: list[Callable[[Snapshot], Iterable[str]]] = []


def page_paths(snapshot: Snapshot) -> list[str]:
    """Every public page's address after its language prefix, in reading order."""
    return [
        "",
        "guide/",
        "services/",
        *(f"services/{service.id}/" for service in snapshot.content.services),
        *(f"topics/{topic.id}/" for topic in snapshot.content.topics),
        *(path for pages in MORE_PAGES for path in pages(snapshot)),
        "browse-safely/",
        "privacy/",
    ]


def sitemap_xml(snapshot: Snapshot, codes: list[str], origin: str) -> str:
    """The sitemap: each page in each language, with its twins as hreflang alternates."""
    entries = []
    for path in page_paths(snapshot):
        twins = "".join(
            f'<xhtml:link rel="alternate" hreflang="{code}" '
            f"href={quoteattr(f'{origin}/{code}/{path}')}/>"
            for code in codes
        )
        for code in codes:
            entries.append(f"<url><loc>{escape(f'{origin}/{code}/{path}')}</loc>{twins}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "\n".join(entries) + "\n</urlset>\n"
    )


@allow("GET")
@cacheable
def sitemap(request: HttpRequest) -> HttpResponse:
    body = sitemap_xml(get_snapshot(), languages.codes(), _public_url())
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


@cache
def _favicon() -> bytes:
    return FAVICON.read_bytes()


@allow("GET")
@cacheable
def favicon(request: HttpRequest) -> HttpResponse:
    # Cache-Control stays no-store (veiviser.web.headers), like every file of the site.
    return HttpResponse(_favicon(), content_type="image/x-icon")
