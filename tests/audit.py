"""The site audit: the promises every page keeps, checked on one page at a time.

Used on the live site (crawled from / through the app, plus the guide's POST journey)
and on the static export. Each check returns problems as sentences naming the page.
"""

from __future__ import annotations

import gzip
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

from veiviser.content import phones

BUDGET_BYTES = 14_000
# The table of sizes, printed at the end of the run (tests/conftest.py).
REPORT: list[str] = []


@dataclass(frozen=True)
class Page:
    """One response as the audit sees it."""

    name: str  # "GET /en/" or "POST /en/guide/ (danger=yes)"
    language: str
    html: str
    header_bytes: int  # status line and headers as sent; 0 for a file of the export
    gzip_bytes: int  # the body compressed as sent (or as a server would send it)

    @property
    def raw_bytes(self) -> int:
        return len(self.html.encode())

    @property
    def wire_bytes(self) -> int:
        return self.header_bytes + self.gzip_bytes


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


class Reader(HTMLParser):
    """The elements, link texts, inline code and <title> of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.anchors: list[Element] = []
        self.inline_scripts = 0
        self.styles: list[str] = []
        self.title = ""
        self.in_head = True
        self.blocking = 0  # resources that must load before the first paint
        self._open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.elements.append(element)
        if tag == "body":
            self.in_head = False
        if tag in ("a", "title", "script", "style"):
            self._open.append(element)
        if tag == "a":
            self.anchors.append(element)
        script_blocks = tag == "script" and "defer" not in element.attrs
        script_blocks = script_blocks and "async" not in element.attrs
        stylesheet = tag == "link" and element.attrs.get("rel") == "stylesheet"
        if self.in_head and ((script_blocks and element.attrs.get("src")) or stylesheet):
            self.blocking += 1

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1].tag == tag:
            element = self._open.pop()
            if tag == "title":
                self.title = element.text.strip()
            elif tag == "script" and (element.text.strip() or not element.attrs.get("src")):
                self.inline_scripts += 1
            elif tag == "style":
                self.styles.append(element.text)

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data


def read(html: str) -> Reader:
    reader = Reader()
    reader.feed(html)
    return reader


def other_origin(url: str) -> bool:
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.I))


def resource_problems(page: Page, reader: Reader) -> Iterator[str]:
    """Nothing is loaded from another origin; no inline script or event handler."""
    for element in reader.elements:
        for name, value in element.attrs.items():
            if name.startswith("on"):
                yield f"{page.name}: inline handler {name} on <{element.tag}>"
            if name in ("src", "srcset", "data", "poster") and other_origin(value):
                yield f"{page.name}: <{element.tag}> loads {value} from another origin"
            # <link rel="alternate" hreflang>: the page's twins, named for search engines
            # by their whole address (PUBLIC_URL), never loaded.
            alternate = element.tag == "link" and element.attrs.get("rel") == "alternate"
            if name == "href" and element.tag != "a" and not alternate and other_origin(value):
                yield f"{page.name}: <{element.tag} href> points at another origin: {value}"
            if name == "style":
                yield f"{page.name}: inline style attribute on <{element.tag}>"
        if element.tag == "iframe" or element.tag == "embed" or element.tag == "object":
            yield f"{page.name}: <{element.tag}> embeds content"
    if reader.inline_scripts:
        yield f"{page.name}: {reader.inline_scripts} inline script(s)"
    for css in reader.styles:
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css) + re.findall(
            r"@import\s+['\"]([^'\"]+)", css
        ):
            yield f"{page.name}: the stylesheet refers to {url}"


def number_problems(page: Page, reader: Reader) -> Iterator[str]:
    """Every tel:/sms: link dials the number it shows, and that number is valid."""
    for anchor in reader.anchors:
        href = anchor.attrs.get("href", "")
        if not href.startswith(("tel:", "sms:")):
            continue
        dial = href.split(":", 1)[1]
        text = anchor.text.strip()
        if not phones.shows_what_it_dials(text, dial):
            yield f"{page.name}: {href} shows {text!r}"
            continue
        try:
            number = phones.parse(text, has_exception=True)
        except phones.InvalidNumber as error:
            yield f"{page.name}: {error}"
            continue
        if number.dial != dial:
            yield f"{page.name}: {text!r} must dial {number.dial}, not {dial}"


def heading_problems(page: Page, reader: Reader) -> Iterator[str]:
    """One h1, and no level skipped on the way down (h1 then h3 loses a screen reader)."""
    levels = [int(e.tag[1]) for e in reader.elements if re.fullmatch(r"h[1-6]", e.tag)]
    if levels[:1] != [1] or levels.count(1) != 1:
        yield f"{page.name}: headings {levels}: one h1, first"
    for before, after in itertools.pairwise(levels):
        if after > before + 1:
            yield f"{page.name}: heading h{before} is followed by h{after}"


def description_problems(page: Page, reader: Reader) -> Iterator[str]:
    """A meta description, for the page found by a search in its language."""
    found = [
        e.attrs.get("content", "").strip()
        for e in reader.elements
        if e.tag == "meta" and e.attrs.get("name") == "description"
    ]
    if len(found) != 1 or len(found[0]) < 20:
        yield f"{page.name}: meta description {found}"


def budget_problems(page: Page) -> Iterator[str]:
    if page.wire_bytes > BUDGET_BYTES:
        yield (
            f"{page.name}: {page.wire_bytes:,} bytes with gzip, headers included "
            f"(budget {BUDGET_BYTES:,})"
        )


def page_problems(page: Page) -> list[str]:
    reader = read(page.html)
    problems = [
        *resource_problems(page, reader),
        *number_problems(page, reader),
        *heading_problems(page, reader),
        *description_problems(page, reader),
        *budget_problems(page),
    ]
    if not reader.title:
        problems.append(f"{page.name}: no <title>")
    return problems


def title_problems(pages: Iterable[Page], shared_title_pages: set[str]) -> list[str]:
    """Titles are unique within a language, except the pages that share one on purpose."""
    by_title: dict[tuple[str, str], list[str]] = defaultdict(list)
    for page in pages:
        if page.name not in shared_title_pages:
            by_title[(page.language, read(page.html).title)].append(page.name)
    return [
        f"{language}: {len(names)} pages share the title {title!r}: {', '.join(names)}"
        for (language, title), names in sorted(by_title.items())
        if len(names) > 1
    ]


def table(pages: Iterable[Page]) -> list[str]:
    rows = [f"{'page':<58} {'raw':>8} {'gzip':>7} {'+hdrs':>7} {'to paint':>8}"]
    for page in pages:
        requests = 1 + read(page.html).blocking
        rows.append(
            f"{page.name[:58]:<58} {page.raw_bytes:>8,} {page.gzip_bytes:>7,} "
            f"{page.wire_bytes:>7,} {requests:>8}"
        )
    return rows


def gzipped_size(body: bytes) -> int:
    """The size of a body as it goes out: already gzipped, or as a server would gzip it."""
    return len(body) if body[:2] == b"\x1f\x8b" else len(gzip.compress(body, mtime=0))


def text_of(body: bytes) -> str:
    return (gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body).decode("utf-8")
