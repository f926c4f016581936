"""What the base layout needs on every page: the stylesheet, the exit, the languages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

from veiviser.content.current import NoSnapshot, get_snapshot
from veiviser.web import languages
from veiviser.web.assets import inline_css


def _draft_notice(request: HttpRequest, code: str) -> str:
    """The English page's address when this language's translation is not checked yet."""
    if code == settings.LANGUAGE_CODE:
        return ""
    try:
        status = get_snapshot().language_status(code)
    except NoSnapshot:
        return ""
    return languages.switch_path(request.path, settings.LANGUAGE_CODE) if status == "draft" else ""


def layout(request: HttpRequest) -> dict[str, Any]:
    current = get_language() or settings.LANGUAGE_CODE
    if current not in languages.codes():
        current = settings.LANGUAGE_CODE
    return {
        "draft_language": _draft_notice(request, current),
        "css": inline_css(),
        "exit_url": settings.EXIT_URL,
        "lang": languages.get(current),
        "other_languages": [
            (language, languages.switch_path(request.path, language.code))
            for language in languages.enabled()
            if language.code != current
        ],
    }
