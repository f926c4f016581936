"""The tiny markup of topic bodies, rendered to safe HTML.

Small enough for an editor to learn in a minute, and small enough to check fully:
- paragraphs are separated by a blank line;
- a block whose lines all start with "- " is a list;
- **bold**;
- [text](https://...), [text](mailto:...), [22 33 11 60](tel:+4722331160),
  [text](sms:...), and [text](topic:children) for another topic page.

Everything else is text: it is escaped, never interpreted as HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
BOLD = re.compile(r"\*\*([^*\n]+)\*\*")
SCHEMES = ("https://", "mailto:", "tel:", "sms:", "topic:")


@dataclass(frozen=True)
class Link:
    text: str
    target: str


def blocks(source: str) -> list[list[str]]:
    """The blocks of a body: lists of non-blank lines."""
    result: list[list[str]] = []
    for chunk in re.split(r"\n\s*\n", source.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if lines:
            result.append(lines)
    return result


def links(source: str) -> list[Link]:
    return [Link(text, target) for text, target in LINK.findall(source)]


def text_outside_links(source: str) -> str:
    return LINK.sub(" ", source)


def render(source: str, topic_href: Callable[[str], str]) -> str:
    """HTML for a body. `topic_href` turns a topic id into the address of its page."""
    html = []
    for lines in blocks(source):
        if all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{_inline(line[2:], topic_href)}</li>" for line in lines)
            html.append(f"<ul>{items}</ul>")
        else:
            html.append(f"<p>{_inline(' '.join(lines), topic_href)}</p>")
    return "\n".join(html)


def _inline(text: str, topic_href: Callable[[str], str]) -> str:
    parts = []
    position = 0
    for match in LINK.finditer(text):
        parts.append(_bold(escape(text[position : match.start()])))
        parts.append(_link(match.group(1), match.group(2), topic_href))
        position = match.end()
    parts.append(_bold(escape(text[position:])))
    return "".join(parts)


def _bold(escaped: str) -> str:
    return BOLD.sub(r"<strong>\1</strong>", escaped)


def _link(text: str, target: str, topic_href: Callable[[str], str]) -> str:
    if target.startswith("topic:"):
        href = topic_href(target.removeprefix("topic:"))
    elif target.startswith(SCHEMES):
        href = target
    else:
        # Never reached for checked content; unchecked text loses the link, not the words.
        return _bold(escape(text))
    return f'<a href="{escape(href)}">{_bold(escape(text))}</a>'
