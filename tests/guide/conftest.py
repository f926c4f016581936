"""Helpers shared by the guide's tests."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode

from django.conf import settings
from django.test import Client

from veiviser.guide.rules import Answers

LANGS = [code for code, _name in settings.LANGUAGES]
# The languages whose wording the rule tests know (a sentence that must be there, a word
# that must not): the source and the Norwegian an editor read. Every other language is
# checked by what does not depend on words (the same steps, services and numbers) and by
# the content checks every language gets (its never-say phrases, its numbers and links).
WORDED = ["en", "nb"]
# The exhaustive sweep over every combination of answers: the rules do not depend on the
# language, so it runs once, in the source language.
SWEEP = "en"
FORM = "application/x-www-form-urlencoded"


def post_form(client: Client, lang: str, pairs: Iterable[tuple[str, str]]):
    """POST the guide's form as a browser would (urlencoded, same address)."""
    return client.post(f"/{lang}/guide/", urlencode(list(pairs)), content_type=FORM)


def api_answers(answers: Answers) -> dict:
    """The API's spelling of a set of answers (lists in the order of the questions)."""
    data: dict = {}
    for name, option in answers.pairs():
        if name in ("situation", "needs"):
            data.setdefault(name, []).append(option)
        else:
            data[name] = option
    return data
