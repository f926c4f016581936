"""What the base layout needs on every page: the stylesheet, the exit, the languages and
how far this page's translation can be trusted."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import get_language, gettext_lazy

from veiviser.content.current import NoSnapshot, get_snapshot
from veiviser.content.records import Language
from veiviser.content.snapshot import Snapshot
from veiviser.web import languages
from veiviser.web.assets import inline_css


def _held_snapshot() -> Snapshot | None:
    try:
        return get_snapshot()
    except NoSnapshot:
        return None


@dataclass(frozen=True)
class LanguageLink:
    """One entry of the language list: this page in another language."""

    language: Language
    href: str
    status: str  # the language's status, said in that language
    current: bool


@dataclass(frozen=True)
class StatusLine:
    """The one quiet line that says how far this page's translation can be trusted."""

    status: str  # machine | reviewed
    english_href: str
    reviewed_by: str = ""
    reviewed_on: str = ""


@functools.cache
def status_label(code: str, status: str) -> str:
    """A language's status in that language's own words, for the language list."""
    labels = {
        "source": gettext_lazy("original"),
        "machine": gettext_lazy("translated by machine"),
        "reviewed": gettext_lazy("checked by a person"),
    }
    with translation.override(code):
        return str(labels.get(status, labels["machine"]))


def _published(snapshot: Snapshot | None, code: str) -> Language | None:
    """The language as last published: its status is the one the content was checked at."""
    for language in snapshot.content.languages if snapshot else ():
        if language.code == code:
            return language
    return None


def _status_line(request: HttpRequest, code: str, snapshot: Snapshot | None) -> StatusLine | None:
    published = _published(snapshot, code)
    if code == settings.LANGUAGE_CODE or published is None or published.status == "source":
        return None
    english = languages.switch_path(request.path, settings.LANGUAGE_CODE)
    if published.status == "reviewed" and published.reviewed_on:
        return StatusLine(
            "reviewed", english, published.reviewed_by, published.reviewed_on.isoformat()
        )
    return StatusLine("machine", english)


def _language_links(
    request: HttpRequest, current: str, snapshot: Snapshot | None
) -> list[LanguageLink]:
    links = []
    for language in languages.enabled():
        published = _published(snapshot, language.code)
        status = published.status if published else language.status
        links.append(
            LanguageLink(
                language,
                languages.switch_path(request.path, language.code),
                status_label(language.code, status),
                language.code == current,
            )
        )
    return links


def layout(request: HttpRequest) -> dict[str, Any]:
    current = get_language() or settings.LANGUAGE_CODE
    if current not in languages.codes():
        current = settings.LANGUAGE_CODE
    snapshot = _held_snapshot()
    links = _language_links(request, current, snapshot)
    return {
        "status_line": _status_line(request, current, snapshot),
        # Shown in the footer: which published content this page comes from.
        "content_version": snapshot.version if snapshot else None,
        "css": inline_css(),
        "exit_url": settings.EXIT_URL,
        "lang": languages.get(current),
        "language_links": links,
        # <link rel="alternate" hreflang>: search engines want whole addresses.
        "public_url": settings.PUBLIC_URL.rstrip("/"),
    }
