"""Reading rendered pages the way a reader's phone would: links, and the visible text."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True)
class Anchor:
    href: str
    text: str


class PageReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: list[Anchor] = []
        self.outside_links: list[str] = []  # visible text not inside an <a>
        self.title = ""
        self._href: str | None = None
        self._text: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1
        elif tag == "title":
            self._in_title = False
        elif tag == "a" and self._href is not None:
            self.anchors.append(Anchor(self._href, "".join(self._text).strip()))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self.title += data
        elif self._href is not None:
            self._text.append(data)
        else:
            self.outside_links.append(data)


def read(html: str) -> PageReader:
    reader = PageReader()
    reader.feed(html)
    return reader
