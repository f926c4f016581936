"""Following the site's own links, from the start pages to every page they lead to.

The static export, the site audit and the benchmark all need "every public page in every
language"; they find it the way a reader would, by following links.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True)
class Fetched:
    status: int
    content_type: str
    body: bytes

    @property
    def is_html(self) -> bool:
        return self.content_type.startswith("text/html")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name in ("href", "src", "action"):
            value = found.get(name)
            if value is not None and tag in ("a", "link", "script", "img", "form"):
                self.links.append(value)


def links(html: str) -> list[str]:
    """Every href, src and form action of a page, as written."""
    parser = _Links()
    parser.feed(html)
    return parser.links


def internal_path(link: str) -> str | None:
    """The path of a same-site link ("/en/topics/x/"), or None for anything else."""
    if not link.startswith("/") or link.startswith("//"):
        return None
    return link.split("#", 1)[0] or None


def crawl(
    fetch: Callable[[str], Fetched], start: Iterable[str], limit: int = 5000
) -> dict[str, Fetched]:
    """Every same-site address reachable from `start`, with what it answered.

    Pages are followed; other files (scripts) are fetched but not read for links.
    """
    seen: dict[str, Fetched] = {}
    queue = list(start)
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        if len(seen) >= limit:
            raise RuntimeError(f"more than {limit} addresses: is a link generating new ones?")
        fetched = seen[path] = fetch(path)
        if fetched.status == 200 and fetched.is_html:
            for link in links(fetched.body.decode("utf-8")):
                target = internal_path(link)
                if target is not None and target not in seen:
                    queue.append(target)
    return seen
