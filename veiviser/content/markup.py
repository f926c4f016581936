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

from veiviser.content.records import English

LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
BOLD = re.compile(r"\*\*([^*\n]+)\*\*")
SCHEMES = ("https://", "mailto:", "tel:", "sms:", "topic:")
# A number as a reader sees it: digits, with a leading +, and spaces, colons, dots and
# dashes (also the en dash) between digits ("+47", "22 33 11 60", "16:15-22:45").
# Never digits inside a word or a character reference: escaping writes ' as &#x27;.
NUMBER = re.compile(r"(?<![\w#&])\+?\d(?:[\d :.\u2013-]*\d)?")
# Digits with spaces and a leading +, or a word with a dot or an @ and no space:
# "22 33 11 60", "+47 417 16 111", "rosanorge.no", "alarm@116111.no".
ADDRESS = re.compile(r"\+?[\d ]+|[^\s]+[.@][^\s]+")


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
    """HTML for a body. `topic_href` turns a topic id into the address of its page.

    A body shown in English on a page in another language (records.English) is marked as
    English, left to right, as a whole.
    """
    html = []
    for lines in blocks(source):
        if all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{_inline(line[2:], topic_href)}</li>" for line in lines)
            html.append(f"<ul>{items}</ul>")
        else:
            html.append(f"<p>{_inline(' '.join(lines), topic_href)}</p>")
    if isinstance(source, English):
        return '<div lang="en" dir="ltr">' + "\n".join(html) + "</div>"
    return "\n".join(html)


def _inline(text: str, topic_href: Callable[[str], str]) -> str:
    parts = []
    position = 0
    for match in LINK.finditer(text):
        parts.append(isolate_numbers(_bold(escape(text[position : match.start()]))))
        parts.append(_link(match.group(1), match.group(2), topic_href))
        position = match.end()
    parts.append(isolate_numbers(_bold(escape(text[position:]))))
    return "".join(parts)


def isolate_numbers(escaped: str) -> str:
    """Every number in escaped text (a phone number, hours such as "16:15-22:45", "+47")
    isolated, so that right-to-left text around it can never reorder its parts."""
    return NUMBER.sub(r"<bdi>\g<0></bdi>", escaped)


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
    # A number or an address keeps its order inside right-to-left text: "+47 954 11 755"
    # must never read "755 11 954 47+". dir="ltr" isolates it (HTML's bidi isolation).
    direction = ' dir="ltr"' if is_address(text) else ""
    return f'<a href="{escape(href)}"{direction}>{_bold(escape(text))}</a>'


def is_address(text: str) -> bool:
    """Whether a link's text is a number, an e-mail or a web address rather than words."""
    return bool(ADDRESS.fullmatch(text.strip()))
