"""The frontline checklist's check of content/frontline.yaml, run by `checkcontent`,
`loadcontent` and before every publish (registered by veiviser.frontline.apps).

It makes sure the content gives the rules and pages what they rely on: every section,
question, option, step and paragraph of the person's page that the code names, each with
its English; the services and numbers each rule promises; sources that exist and a
`verified_on` on every sourced entry; texts without links or phone numbers (numbers are
data, from services.yaml); and, through validation.text_problems, every language's
never-say phrases and the same numbers as the English. Each problem names the entry and
the field.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from veiviser.content import plain, validation
from veiviser.content.problems import Problem
from veiviser.content.records import SOURCE_LANGUAGE, Content, Text
from veiviser.frontline import rules, texts
from veiviser.frontline.questions import BY_ID, QUESTIONS

FILE = "frontline.yaml"
NOT_A_TEXT = "must map each language to a text: {en: ..., nb: ...}"
TOP_KEYS = {"sections", "questions", "steps", "show", "texts"}
SECTION_KEYS = {"id", "title", "body", "source", "verified_on", "notes"}
QUESTION_KEYS = {"id", "label", "hint", "options", "skip", "notes"}
STEP_KEYS = {"id", "title", "body", "services", "source", "verified_on", "notes"}
SHOW_KEYS = {"id", "body", "services", "source", "verified_on", "notes"}


def check(content: Content, today: datetime.date | None = None) -> list[Problem]:
    data = content.frontline
    if not isinstance(data, Mapping) or not data:
        # The seed reader lets a checkout without the file load (the knowledge base does
        # not need it); a site serving the checklist does, as the guide needs guide.yaml.
        return [Problem(FILE, "(file)", "(file)", "is missing or empty: the checklist needs it")]
    checker = _Checker(content, today or validation.today())
    return sorted(set(checker.all(data)))


class _Checker:
    def __init__(self, content: Content, today: datetime.date) -> None:
        self.content = content
        self.today = today
        self.languages = content.language_codes
        self.sources = {source.id for source in content.sources}
        self.services = {service.id: service for service in content.services}

    def all(self, data: Mapping[str, Any]) -> Iterator[Problem]:
        for key in sorted(set(map(str, data)) - TOP_KEYS):
            yield Problem(FILE, "(file)", key, f"is not one of {', '.join(sorted(TOP_KEYS))}")
        for key in ("sections", "questions", "steps", "show"):
            if not isinstance(data.get(key), list):
                yield Problem(FILE, "(file)", key, "must be a list")
        yield from self.sections(_list(data, "sections"))
        yield from self.questions(_list(data, "questions"))
        yield from self.steps(_list(data, "steps"))
        yield from self.show(_list(data, "show"))
        yield from self.ui(data.get("texts"))

    def sections(self, items: list[Any]) -> Iterator[Problem]:
        yield from self._ids(items, "section", texts.SECTION_IDS)
        for item in _known(items, texts.SECTION_IDS):
            entry = f'section "{item["id"]}"'
            yield from self._keys(item, SECTION_KEYS, entry)
            yield from self._text(item.get("title"), entry, "title")
            yield from self._text(item.get("body"), entry, "body")
            yield from self._sourced(item, entry)

    def questions(self, items: list[Any]) -> Iterator[Problem]:
        yield from self._ids(items, "question", [q.id for q in QUESTIONS])
        for item in _known(items, BY_ID):
            entry = f'question "{item["id"]}"'
            yield from self._keys(item, QUESTION_KEYS, entry)
            yield from self._text(item.get("label"), entry, "label")
            yield from self._text(item.get("skip"), entry, "skip")
            if item.get("hint") is not None:
                yield from self._text(item["hint"], entry, "hint")
            options = item.get("options")
            if not isinstance(options, list):
                yield Problem(FILE, entry, "options", "must be a list")
                continue
            expected = BY_ID[item["id"]].options
            seen = Counter(o.get("id") for o in options if isinstance(o, Mapping))
            for index, option in enumerate(options):
                field = f"options[{index}]"
                ident = option.get("id") if isinstance(option, Mapping) else None
                if not isinstance(ident, str):
                    yield Problem(FILE, entry, f"{field}.id", f"{ident!r} must be quoted text")
                    continue
                if ident not in expected:
                    yield Problem(
                        FILE, entry, f"{field}.id", f'"{ident}" is not one of {", ".join(expected)}'
                    )
                elif seen[ident] > 1:
                    yield Problem(FILE, entry, f"{field}.id", f'"{ident}" is listed twice')
                yield from self._text(option.get("label"), entry, f"{field}.label")
            for ident in expected:
                if ident not in seen:
                    yield Problem(FILE, entry, "options", f'option "{ident}" is missing')

    def steps(self, items: list[Any]) -> Iterator[Problem]:
        yield from self._ids(items, "step", rules.STEP_IDS)
        for item in _known(items, rules.STEP_IDS):
            entry = f'step "{item["id"]}"'
            yield from self._keys(item, STEP_KEYS, entry)
            yield from self._text(item.get("title"), entry, "title")
            yield from self._text(item.get("body"), entry, "body")
            yield from self._sourced(item, entry)
            yield from self._services(item, entry)

    def show(self, items: list[Any]) -> Iterator[Problem]:
        yield from self._ids(items, "show", texts.SHOW_IDS)
        for item in _known(items, texts.SHOW_IDS):
            entry = f'show "{item["id"]}"'
            yield from self._keys(item, SHOW_KEYS, entry)
            yield from self._text(item.get("body"), entry, "body")
            yield from self._sourced(item, entry)
            yield from self._services(item, entry)

    def ui(self, found: Any) -> Iterator[Problem]:
        if not isinstance(found, Mapping):
            yield Problem(FILE, "(file)", "texts", "must be a mapping of texts")
            return
        for key in sorted(set(map(str, found)) - set(texts.UI_KEYS)):
            yield Problem(FILE, "texts", key, "is not a text the checklist uses")
        for key in texts.UI_KEYS:
            yield from self._text(found.get(key), "texts", key)

    # --- fields ---
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
        ids, channels = plain.service_refs(raw)
        offered: set[str] = set()
        for ident in ids:
            service = self.services.get(ident)
            if service is None:
                yield Problem(FILE, entry, "services", f'"{ident}" is not in services.yaml')
                continue
            values = channels.get(ident, ())
            known = {channel.value for channel in service.channels}
            for value in values:
                if value not in known:
                    yield Problem(
                        FILE,
                        entry,
                        "services",
                        f'"{ident}" has no channel with the value {value!r}',
                    )
            offered |= {c.value for c in service.channels if not values or c.value in values}
        for ident in rules.REQUIRED_SERVICES.get(item["id"], ()):
            if ident not in ids:
                yield Problem(FILE, entry, "services", f'must include "{ident}": the rules need it')
        for ident in rules.REQUIRED_PHONES.get(item["id"], ()):
            service = self.services.get(ident)
            phones = [c.value for c in service.channels if c.kind == "phone"] if service else []
            if phones and phones[0] not in offered:
                yield Problem(FILE, entry, "services", f"must offer the number {phones[0]}")

    def _ids(self, items: list[Any], kind: str, expected: Any) -> Iterator[Problem]:
        expected = list(expected)
        counts = Counter(item.get("id") for item in items if isinstance(item, Mapping))
        for index, item in enumerate(items):
            ident = item.get("id") if isinstance(item, Mapping) else None
            if ident not in expected:
                yield Problem(
                    FILE,
                    f"{kind} #{index + 1}",
                    "id",
                    f"{ident!r} is not an id the checklist knows ({', '.join(expected)})",
                )
        for ident in expected:
            if counts[ident] == 0:
                yield Problem(FILE, f'{kind} "{ident}"', "(entry)", "is missing")
            elif counts[ident] > 1:
                yield Problem(FILE, f'{kind} "{ident}"', "id", "is listed twice")

    def _keys(self, item: Mapping[str, Any], allowed: set[str], entry: str) -> Iterator[Problem]:
        for key in sorted(set(map(str, item)) - allowed):
            yield Problem(FILE, entry, key, "is not a field the checklist knows")

    def _text(self, value: Any, entry: str, field: str) -> Iterator[Problem]:
        if value is None:
            yield Problem(FILE, entry, field, "is missing")
            return
        if not isinstance(value, Mapping):
            yield Problem(FILE, entry, field, NOT_A_TEXT)
            return
        if SOURCE_LANGUAGE not in value:
            yield Problem(FILE, entry, f"{field}.{SOURCE_LANGUAGE}", "is missing")
        written = {}
        for code, words in value.items():
            if code not in self.languages:
                yield Problem(FILE, entry, f"{field}.{code}", "is not a content language")
            elif not isinstance(words, str) or not words.strip():
                yield Problem(FILE, entry, f"{field}.{code}", "is missing")
            else:
                written[code] = words
                for message in plain.wording_problems(words, "the entry"):
                    where = validation.translation_file(code, FILE)
                    yield Problem(where, entry, f"{field}.{code}", message)
        # Never-say phrases of each language, and the same numbers as the English.
        yield from validation.text_problems(self.content, Text(written), FILE, entry, field)

    def _sourced(self, item: Mapping[str, Any], entry: str) -> Iterator[Problem]:
        sources = item.get("source")
        sources = [sources] if isinstance(sources, str) else sources
        if not sources:
            yield Problem(FILE, entry, "source", "is missing: every fact needs its source")
        elif not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
            yield Problem(FILE, entry, "source", "must be a source id or a list of them")
        else:
            for source in sources:
                if source not in self.sources:
                    yield Problem(FILE, entry, "source", f'"{source}" is not in sources.yaml')
        value = item.get("verified_on")
        if isinstance(value, datetime.date):
            yield Problem(FILE, entry, "verified_on", f'must be quoted, like "{value.isoformat()}"')
            return
        try:
            date = datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            yield Problem(FILE, entry, "verified_on", f"{value!r} is not a date (YYYY-MM-DD)")
            return
        if date > self.today:
            yield Problem(FILE, entry, "verified_on", f"{date} is in the future")


def _list(data: Mapping[str, Any], key: str) -> list[Any]:
    items = data.get(key)
    return items if isinstance(items, list) else []


def _known(items: list[Any], expected: Any) -> Iterator[Mapping[str, Any]]:
    for item in items:
        if isinstance(item, Mapping) and item.get("id") in expected:
            yield item


def dates(content: Content) -> Iterator[tuple[str, str, datetime.date]]:
    """(file, entry, date) for every sourced entry with a readable date, for `overdue`."""
    data = content.frontline if isinstance(content.frontline, Mapping) else {}
    for key, kind in (("sections", "section"), ("steps", "step"), ("show", "show")):
        for item in _list(data, key):
            if not isinstance(item, Mapping) or not isinstance(item.get("verified_on"), str):
                continue
            try:
                date = datetime.date.fromisoformat(item["verified_on"])
            except ValueError:
                continue  # `check` names it
            yield FILE, f'{kind} "{item.get("id")}"', date
