"""The language of a request comes from its URL; `/` picks one from Accept-Language.

No cookie and no session remember a choice: the language is always in the address.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header

from veiviser.content.records import Language


def enabled() -> list[Language]:
    """The served languages, as the registry declares them (name, direction), in its order."""
    served = set(codes())
    return [language for language in settings.LANGUAGE_REGISTRY if language.code in served]


def codes() -> list[str]:
    return [code for code, _ in settings.LANGUAGES]


def get(code: str) -> Language:
    for language in enabled():
        if language.code == code:
            return language
    raise LookupError(code)


# Browsers say "no" (Norwegian) or "nn" (Nynorsk) as often as "nb"; a reader of either
# is better served by Bokmål than by English.
NORWEGIAN = {"no": "nb", "nn": "nb"}


def best_match(accept_language: str) -> str:
    """The enabled language the browser prefers most, or English."""
    for code, quality in parse_accept_lang_header(accept_language[:500]):
        if code == "*" or quality <= 0:  # q=0 means "not this language"
            continue
        primary = code.split("-")[0]
        for candidate in (code, NORWEGIAN.get(primary, primary)):
            try:
                return get_supported_language_variant(candidate)
            except LookupError:
                continue
    return settings.LANGUAGE_CODE


def switch_path(path: str, code: str) -> str:
    """The same page in another language: the first path segment is the language."""
    parts = path.split("/", 2)  # ["", "en", "rest"]
    if len(parts) >= 2 and parts[1] in codes():
        rest = parts[2] if len(parts) == 3 else ""
        return f"/{code}/{rest}"
    return f"/{code}/"
