"""Helpers shared by the frontline's tests."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from urllib.parse import urlencode

from django.conf import settings
from django.test import Client

from veiviser.content.snapshot import Snapshot
from veiviser.frontline import texts

LANGS = [code for code, _name in settings.LANGUAGES]
# The languages whose wording the tests know (a sentence that must be there): the source
# and the Norwegian. Every language gets the checks that do not depend on words.
WORDED = ["en", "nb"]
FORM = "application/x-www-form-urlencoded"


def post_form(client: Client, lang: str, pairs: Iterable[tuple[str, str]], **extra: object):
    """POST the checklist's form as a browser would (urlencoded, same address)."""
    return client.post(f"/{lang}/frontline/", urlencode(list(pairs)), content_type=FORM, **extra)


def with_show_texts(snapshot: Snapshot, texts_by_language: dict[str, dict[str, str]]) -> Snapshot:
    """The snapshot with the person's page written in more languages: {code: {id: text}}.

    For tests of how the page behaves for a language whose texts are delivered (or half
    delivered); the words are the test's own, never content. A language given here has
    exactly the paragraphs given: its others are taken out, whatever the content holds."""
    frontline = dict(snapshot.content.frontline)
    show = []
    for entry in frontline["show"]:
        body = dict(entry["body"])
        for code, paragraphs in texts_by_language.items():
            if entry["id"] in paragraphs:
                body[code] = paragraphs[entry["id"]]
            else:
                body.pop(code, None)
        show.append({**entry, "body": body})
    frontline["show"] = show
    content = dataclasses.replace(snapshot.content, frontline=frontline)
    # A new version: what is kept per snapshot (texts.per_snapshot, frames) is not reused.
    return Snapshot(snapshot.version + 1000, snapshot.published_at, content)


def stand_in(code: str, snapshot: Snapshot) -> dict[str, str]:
    """Stand-in paragraphs for a language whose texts are not delivered yet: its own name,
    in its own script, repeated to about the English length (a layout test needs the
    script, the direction and the length, not the words). Never content."""
    name = next(language.name for language in snapshot.content.languages if language.code == code)
    result = {}
    for paragraph in texts.show(snapshot):
        english = paragraph.body["en"]
        words = max(1, len(english) // (len(name) + 1))
        result[paragraph.id] = " ".join([name] * words) + (" 18" if "18" in english else "")
    return result
