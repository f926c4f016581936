"""The guide's check of content/guide.yaml, run by `checkcontent`, `loadcontent` and
before every publish (registered in veiviser.content.validation.GUIDE_CHECKS by
veiviser.guide.apps).

It makes sure the content gives the rules what they rely on: every question and option
of questions.py with its words in every language, a text for every step the rules can
produce, the services each rule promises, a helpline open day and night for every
reader, sources that exist, and texts without phone numbers (numbers are shown only as
tap-to-call links, from services.yaml). Each problem names the entry and the field.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from veiviser.content import plain, validation
from veiviser.content.problems import Problem
from veiviser.content.records import SOURCE_LANGUAGE, Content, Text
from veiviser.guide import rules
from veiviser.guide.questions import BY_ID, QUESTIONS
from veiviser.guide.texts import AFTER_FIELD, AUDIENCE_FIELDS, UI_KEYS

FILE = "guide.yaml"
NOT_A_TEXT = "must map each language to a text: {en: ..., nb: ...}"
TOP_KEYS = {"questions", "steps", "texts"}
QUESTION_KEYS = {"id", "label", "hint", "options", "skip", "source", "notes"}
OPTION_KEYS = {"id", "label"}
STEP_KEYS = {
    "id",
    "title",
    "body",
    *AUDIENCE_FIELDS,
    AFTER_FIELD,
    "services",
    "source",
    "verified_on",
    "notes",
}
# Which age groups see each first step (rules.step_ids); each needs a 24/7 helpline.
FIRST_STEP_AUDIENCES = {
    rules.CHILDREN: (rules.CHILD,),
    rules.AGE_UNKNOWN: (rules.UNKNOWN,),
    rules.ROSA_FIRST: (rules.ADULT, rules.ANY),
}


def check(content: Content, today: datetime.date | None = None) -> list[Problem]:
    guide = content.guide
    if not isinstance(guide, Mapping) or not guide:
        return [Problem(FILE, "(file)", "(file)", "is missing or empty: the guide needs it")]
    checker = _Checker(content, today or validation.today())
    problems = [*checker.top(guide), *checker.questions(guide), *checker.steps(guide)]
    problems += checker.ui(guide)
    return sorted(set(problems))


class _Checker:
    def __init__(self, content: Content, today: datetime.date) -> None:
        self.content = content
        self.today = today
        self.languages = content.language_codes
        self.sources = {source.id for source in content.sources}
        self.services = {service.id: service for service in content.services}

    # --- the file and its parts ---
    def top(self, guide: Mapping[str, Any]) -> Iterator[Problem]:
        for key in sorted(set(map(str, guide)) - TOP_KEYS):
            yield Problem(FILE, "(file)", key, f"is not one of {', '.join(sorted(TOP_KEYS))}")
        for key in ("questions", "steps"):
            if not isinstance(guide.get(key), list):
                yield Problem(FILE, "(file)", key, "must be a list")
        if not isinstance(guide.get("texts"), Mapping):
            yield Problem(FILE, "(file)", "texts", "must be a mapping of texts")

    def questions(self, guide: Mapping[str, Any]) -> Iterator[Problem]:
        items = guide.get("questions")
        items = items if isinstance(items, list) else []
        yield from self._ids(items, "question", [question.id for question in QUESTIONS])
        for item in items:
            if not isinstance(item, Mapping) or item.get("id") not in BY_ID:
                continue
            entry = f'question "{item["id"]}"'
            yield from self._keys(item, QUESTION_KEYS, entry, "")
            yield from self._text(item.get("label"), entry, "label")
            yield from self._text(item.get("skip"), entry, "skip")
            if item.get("hint") is not None:
                yield from self._text(item["hint"], entry, "hint")
            if item.get("source") is not None:
                yield from self._sources(item["source"], entry)
            yield from self._options(item, entry)

    def _options(self, item: Mapping[str, Any], entry: str) -> Iterator[Problem]:
        options = item.get("options")
        if not isinstance(options, list):
            yield Problem(FILE, entry, "options", "must be a list")
            return
        expected = BY_ID[item["id"]].options
        seen = Counter(option.get("id") for option in options if isinstance(option, Mapping))
        for index, option in enumerate(options):
            field = f"options[{index}]"
            if not isinstance(option, Mapping):
                yield Problem(FILE, entry, field, "must be a mapping with id and label")
                continue
            ident = option.get("id")
            if not isinstance(ident, str):
                yield Problem(
                    FILE, entry, f"{field}.id", f'{ident!r} must be quoted text, like "yes"'
                )
            elif ident not in expected:
                yield Problem(
                    FILE, entry, f"{field}.id", f'"{ident}" is not one of {", ".join(expected)}'
                )
            elif seen[ident] > 1:
                yield Problem(FILE, entry, f"{field}.id", f'"{ident}" is listed twice')
            yield from self._keys(option, OPTION_KEYS, entry, f"{field}.")
            yield from self._text(option.get("label"), entry, f"{field}.label")
        for ident in expected:
            if ident not in seen:
                yield Problem(FILE, entry, "options", f'option "{ident}" is missing')

    def steps(self, guide: Mapping[str, Any]) -> Iterator[Problem]:
        items = guide.get("steps")
        items = items if isinstance(items, list) else []
        yield from self._ids(items, "step", list(rules.STEP_IDS))
        for item in items:
            if not isinstance(item, Mapping) or item.get("id") not in rules.STEP_IDS:
                continue
            entry = f'step "{item["id"]}"'
            yield from self._keys(item, STEP_KEYS, entry, "")
            yield from self._text(item.get("title"), entry, "title", words=True)
            yield from self._text(item.get("body"), entry, "body", words=True)
            for name in (*AUDIENCE_FIELDS, AFTER_FIELD):
                if item.get(name) is not None:
                    yield from self._text(item[name], entry, name, words=True)
            yield from self._sources(item.get("source"), entry, required=True)
            yield from self._date(item.get("verified_on"), entry)
            yield from self._services(item, entry)

    def _services(self, item: Mapping[str, Any], entry: str) -> Iterator[Problem]:
        raw = item.get("services")
        if not isinstance(raw, list) or not all(plain.is_service_ref(s) for s in raw):
            yield Problem(
                FILE,
                entry,
                "services",
                "must be a list of service ids, or {id: ..., channels: [...]} ([] for none)",
            )
            return
        services, channels = plain.service_refs(raw)
        for ident in services:
            if ident not in self.services:
                yield Problem(FILE, entry, "services", f'"{ident}" is not in services.yaml')
        for ident, values in channels.items():
            service = self.services.get(ident)
            known = {channel.value for channel in service.channels} if service else set()
            for value in values:
                if service and value not in known:
                    yield Problem(
                        FILE,
                        entry,
                        "services",
                        f'"{ident}" has no channel with the value {value!r} in services.yaml',
                    )
            if not values:
                yield Problem(FILE, entry, "services", f'"{ident}": channels must name one or more')
        for ident in rules.REQUIRED_SERVICES.get(item["id"], ()):
            if ident not in services:
                yield Problem(
                    FILE, entry, "services", f'must include "{ident}": the guide\'s rules need it'
                )
        for group in FIRST_STEP_AUDIENCES.get(item["id"], ()):
            offered = [
                self.services[ident]
                for ident in services
                if ident in self.services and rules.offered(self.services[ident], group)
            ]
            if not any(service.open_24_7 for service in offered):
                yield Problem(
                    FILE,
                    entry,
                    "services",
                    f"offers no service open 24/7 to readers of age group {group!r}: "
                    "every plan must have one",
                )

    def ui(self, guide: Mapping[str, Any]) -> Iterator[Problem]:
        found = guide.get("texts")
        if not isinstance(found, Mapping):
            return
        for key in sorted(set(map(str, found)) - set(UI_KEYS)):
            yield Problem(FILE, "texts", key, "is not a text the guide uses")
        for key in UI_KEYS:
            yield from self._text(found.get(key), "texts", key, words=True)

    # --- fields ---
    def _ids(self, items: list[Any], kind: str, expected: list[str]) -> Iterator[Problem]:
        counts = Counter(item.get("id") for item in items if isinstance(item, Mapping))
        for index, item in enumerate(items):
            ident = item.get("id") if isinstance(item, Mapping) else None
            if ident not in expected:
                yield Problem(
                    FILE,
                    f"{kind} #{index + 1}",
                    "id",
                    f"{ident!r} is not a {kind} of the guide ({', '.join(expected)})",
                )
        for ident in expected:
            if counts[ident] == 0:
                yield Problem(FILE, f'{kind} "{ident}"', "(entry)", "is missing")
            elif counts[ident] > 1:
                yield Problem(FILE, f'{kind} "{ident}"', "id", "is listed twice")

    def _keys(
        self, item: Mapping[str, Any], allowed: set[str], entry: str, prefix: str
    ) -> Iterator[Problem]:
        for key in sorted(set(map(str, item)) - allowed):
            yield Problem(FILE, entry, f"{prefix}{key}", "is not a field the guide knows")

    def _text(self, value: Any, entry: str, field: str, words: bool = False) -> Iterator[Problem]:
        if value is None:
            yield Problem(FILE, entry, field, "is missing")
            return
        if not isinstance(value, Mapping):
            yield Problem(FILE, entry, field, NOT_A_TEXT)
            return
        # Only English must be there: a missing translation falls back to it.
        if SOURCE_LANGUAGE not in value:
            yield Problem(FILE, entry, f"{field}.{SOURCE_LANGUAGE}", "is missing")
        written = {}
        for code, words_in in value.items():
            if code not in self.languages:
                yield Problem(FILE, entry, f"{field}.{code}", "is not a content language")
            elif not isinstance(words_in, str) or not words_in.strip():
                yield Problem(FILE, entry, f"{field}.{code}", "is missing")
            else:
                written[code] = words_in
                for message in plain.wording_problems(words_in, "the step") if words else ():
                    where = validation.translation_file(code, FILE)
                    yield Problem(where, entry, f"{field}.{code}", message)
        yield from validation.text_problems(self.content, Text(written), FILE, entry, field)

    def _sources(self, value: Any, entry: str, required: bool = False) -> Iterator[Problem]:
        sources = [value] if isinstance(value, str) else value
        if not sources:
            if required:
                yield Problem(FILE, entry, "source", "is missing: every fact needs its source")
            return
        if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
            yield Problem(FILE, entry, "source", "must be a source id or a list of them")
            return
        for source in sources:
            if source not in self.sources:
                yield Problem(FILE, entry, "source", f'"{source}" is not in sources.yaml')

    def _date(self, value: Any, entry: str) -> Iterator[Problem]:
        if isinstance(value, datetime.date):
            yield Problem(FILE, entry, "verified_on", f'must be quoted, like "{value.isoformat()}"')
            return
        try:
            date = datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            yield Problem(FILE, entry, "verified_on", f"{value!r} is not a date (YYYY-MM-DD)")
            return
        # A date in the future is a typing mistake; an old one is a task for an editor,
        # listed by `dates` and validation.overdue, never a reason to stop publishing.
        if date > self.today:
            yield Problem(FILE, entry, "verified_on", f"{date} is in the future")


def dates(content: Content) -> Iterator[tuple[str, str, datetime.date]]:
    """(file, entry, date) for every step with a readable `verified_on`, for `overdue`."""
    guide = content.guide if isinstance(content.guide, Mapping) else {}
    items = guide.get("steps")
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, Mapping) or not isinstance(item.get("verified_on"), str):
            continue
        try:
            date = datetime.date.fromisoformat(item["verified_on"])
        except ValueError:
            continue  # `check` names it
        yield FILE, f'step "{item.get("id")}"', date
