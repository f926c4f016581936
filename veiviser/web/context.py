"""What the base layout needs on every page: the stylesheet, the exit, the languages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

from veiviser.content.current import NoSnapshot, get_snapshot
from veiviser.content.snapshot import Snapshot
from veiviser.web import languages
from veiviser.web.assets import inline_css


def _held_snapshot() -> Snapshot | None:
    try:
        return get_snapshot()
    except NoSnapshot:
        return None


def _draft_notice(request: HttpRequest, code: str, snapshot: Snapshot | None) -> str:
    """The English page's address when this language's translation is not checked yet."""
    if code == settings.LANGUAGE_CODE or snapshot is None:
        return ""
    if snapshot.language_status(code) != "draft":
        return ""
    return languages.switch_path(request.path, settings.LANGUAGE_CODE)


def layout(request: HttpRequest) -> dict[str, Any]:
    current = get_language() or settings.LANGUAGE_CODE
    if current not in languages.codes():
        current = settings.LANGUAGE_CODE
    snapshot = _held_snapshot()
    return {
        "draft_language": _draft_notice(request, current, snapshot),
        # Shown in the footer: which published content this page comes from.
        "content_version": snapshot.version if snapshot else None,
        "css": inline_css(),
        "exit_url": settings.EXIT_URL,
        "lang": languages.get(current),
        "other_languages": [
            (language, languages.switch_path(request.path, language.code))
            for language in languages.enabled()
            if language.code != current
        ],
    }
