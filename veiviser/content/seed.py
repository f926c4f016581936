"""Reads the seed files (content/*.yaml) into typed records, naming every problem.

Reading never touches the database: a broken file is reported whole (file, entry, field)
and `loadcontent` then writes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from veiviser.content import translations
from veiviser.content.channels import build_channel
from veiviser.content.problems import Problem
from veiviser.content.records import (
    AUDIENCES,
    CHANNEL_KINDS,
    DIRECTIONS,
    LANGUAGE_STATUSES,
    SOURCE_LANGUAGE,
    Channel,
    Content,
    Language,
    NumberException,
    Organisation,
    Service,
    Source,
    Text,
    Topic,
)

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
FILES = {
    "languages": "languages.yaml",
    "sources": "sources.yaml",
    "organisations": "organisations.yaml",
    "services": "services.yaml",
    "topics": "topics.yaml",
    "guide": "guide.yaml",
    "frontline": "frontline.yaml",
}
# guide.yaml belongs to the guide, frontline.yaml to the frontline checklist; a checkout
# without them still has the knowledge base.
OPTIONAL_FILES = {"guide", "frontline"}
# frontline.yaml keeps everything under this one key, so that its translations have
# addresses of their own (frontline/steps/..., never the guide's steps/...).
FRONTLINE_KEY = "frontline"
T = TypeVar("T")


class Entry:
    """One record of a seed file, read field by field; each bad field becomes a Problem."""

    def __init__(self, file: str, kind: str, index: int, data: Any, problems: list[Problem]):
        self.file = file
        self.data = data if isinstance(data, dict) else {}
        self.problems = problems
        ident = self.data.get("id")
        self.name = f'{kind} "{ident}"' if isinstance(ident, str) else f"{kind} #{index + 1}"
        if not isinstance(data, dict):
            self.problem("", "must be a mapping of fields")

    def problem(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.name, field or "(entry)", message))

    def get(self, field: str, required: bool = True) -> Any:
        if field not in self.data or self.data[field] is None:
            if required:
                self.problem(field, "is missing")
            return None
        return self.data[field]

    def ident(self) -> str:
        value = self.get("id")
        if value is not None and not (isinstance(value, str) and ID_PATTERN.fullmatch(value)):
            self.problem("id", f"{value!r} is not a slug (lowercase letters, digits, hyphens)")
        return value if isinstance(value, str) else ""

    def string(self, field: str, required: bool = True) -> str | None:
        value = self.get(field, required)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(field, "must be a non-empty text")
            return None
        return value.strip()

    def text(self, field: str, required: bool = True, data: Any = None) -> Text | None:
        value = self.get(field, required) if data is None else data
        if value is None:
            return None
        if not isinstance(value, dict) or not all(
            isinstance(lang, str) and isinstance(words, str) for lang, words in value.items()
        ):
            self.problem(field, "must map each language code to a text, like {en: ..., nb: ...}")
            return None
        return Text({lang: words.strip() for lang, words in value.items()})

    def boolean(self, field: str, nullable: bool = False) -> bool | None:
        value = self.data.get(field)
        if value is None and nullable:
            return None
        if not isinstance(value, bool):
            allowed = "true, false or null" if nullable else "true or false"
            self.problem(field, f"must be {allowed}")
            return None
        return value

    def choice(self, field: str, options: tuple[str, ...]) -> str:
        value = self.get(field)
        if value is not None and value not in options:
            self.problem(field, f"{value!r} is not one of {', '.join(options)}")
        return value if isinstance(value, str) else ""

    def date(self, field: str, data: Any = None) -> datetime.date:
        value = self.get(field) if data is None else data
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        if value is not None:
            self.problem(field, f"{value!r} is not a date (YYYY-MM-DD)")
        return datetime.date.min

    def strings(self, field: str, required: bool = False) -> tuple[str, ...]:
        value = self.get(field, required)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.problem(field, "must be a text or a list of texts")
            return ()
        return tuple(value)

    def sources(self) -> tuple[str, ...]:
        sources = self.strings("source", required=True)
        if not sources and "source" in self.data:
            self.problem("source", "names no source")
        return sources


def read_file(path: Path, problems: list[Problem]) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(Problem(path.name, "(file)", "(file)", "is missing"))
        return {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        problems.append(Problem(path.name, "(file)", "(file)", f"is not valid YAML: {error}"))
        return {}
    if not isinstance(data, dict):
        problems.append(Problem(path.name, "(file)", "(file)", "must be a mapping at the top"))
        return {}
    return data


def read_list(
    data: dict[str, Any],
    key: str,
    kind: str,
    build: Callable[[Entry], T],
    problems: list[Problem],
) -> tuple[T, ...]:
    file = FILES[key]
    items = data.get(key)
    if data and not isinstance(items, list):
        problems.append(Problem(file, "(file)", key, f"must be a list of {kind}s"))
        return ()
    records = []
    for index, item in enumerate(items or []):
        entry = Entry(file, kind, index, item, problems)
        records.append(build(entry))
    return tuple(records)


def language(entry: Entry) -> Language:
    code = entry.string("code") or ""
    status = entry.choice("status", LANGUAGE_STATUSES)
    reviewed_by = entry.string("reviewed_by", required=False) or ""
    reviewed_on = entry.date("reviewed_on") if entry.data.get("reviewed_on") else None
    if status == "reviewed" and not (reviewed_by and reviewed_on):
        # "Reviewed" is a person's word: without a name and a date it is only a claim.
        entry.problem("reviewed_by", "and reviewed_on are required when the status is reviewed")
    return Language(
        code,
        status,
        name=entry.string("name") or "",
        english_name=entry.string("english_name") or "",
        direction=entry.choice("direction", DIRECTIONS),
        reviewed_by=reviewed_by,
        reviewed_on=reviewed_on,
        notes=entry.string("notes", required=False) or "",
    )


def read_languages(directory: Path) -> tuple[tuple[Language, ...], list[Problem]]:
    """The language registry (languages.yaml) alone: what settings need to start."""
    problems: list[Problem] = []
    data = read_file(directory / FILES["languages"], problems)
    return read_list(data, "languages", "language", language, problems), problems


def source(entry: Entry) -> Source:
    ident = entry.ident()
    section, url = entry.string("section", False), entry.string("url", False)
    if (section is None) == (url is None):
        entry.problem("section/url", "give exactly one: a brochure section or a url")
    if url is not None and not url.startswith("https://"):
        entry.problem("url", f"{url!r} must start with https://")
    return Source(ident, entry.string("title") or "", section, url)


def organisation(entry: Entry) -> Organisation:
    website = entry.string("website", required=False)
    if website is not None and not website.startswith("https://"):
        entry.problem("website", f"{website!r} must start with https://")
    return Organisation(
        id=entry.ident(),
        name=entry.text("name") or Text({}),
        description=entry.text("description") or Text({}),
        authority=bool(entry.boolean("authority")),
        sources=entry.sources(),
        verified_on=entry.date("verified_on"),
        website=website,
        notes=entry.string("notes", required=False) or "",
        origin=entry.file,
    )


def channel(entry: Entry, index: int, data: Any) -> Channel | None:
    where = f"channels[{index}]"
    if not isinstance(data, dict):
        entry.problem(where, "must be a mapping with kind, value and label")
        return None
    label = entry.text(f"{where}.label", data=data.get("label"))
    if label is None:
        entry.problem(f"{where}.label", "is missing")
    exception = None
    raw_exception = data.get("exception")
    if raw_exception is not None:
        if not isinstance(raw_exception, dict) or not all(
            raw_exception.get(key) for key in ("reason", "source", "reviewed_on")
        ):
            entry.problem(f"{where}.exception", "needs reason, source and reviewed_on")
        else:
            exception = NumberException(
                str(raw_exception["reason"]),
                str(raw_exception["source"]),
                entry.date(f"{where}.exception.reviewed_on", raw_exception["reviewed_on"]),
            )
    kind, value = data.get("kind"), data.get("value")
    if kind not in CHANNEL_KINDS:
        entry.problem(f"{where}.kind", f"{kind!r} is not one of {', '.join(CHANNEL_KINDS)}")
        return None
    if not isinstance(value, str):
        # Unquoted, YAML would turn 0112 into a number and drop the zero: quote every value.
        entry.problem(f"{where}.value", 'must be a quoted text, like "22 33 11 60"')
        return None
    optional = {
        name: entry.text(f"{where}.{name}", data=data[name]) if data.get(name) else None
        for name in ("hours", "note")
    }
    try:
        return build_channel(
            kind, value, label or Text({}), optional["hours"], optional["note"], exception
        )
    except ValueError as error:
        entry.problem(f"{where}.value", str(error))
        return None


def service(entry: Entry) -> Service:
    raw_channels = entry.get("channels", required=False) or []
    if not isinstance(raw_channels, list):
        entry.problem("channels", "must be a list")
        raw_channels = []
    channels = [channel(entry, index, data) for index, data in enumerate(raw_channels)]
    return Service(
        id=entry.ident(),
        organisation=entry.string("organisation") or "",
        name=entry.text("name") or Text({}),
        description=entry.text("description") or Text({}),
        audience=entry.choice("audience", AUDIENCES),
        open_24_7=entry.boolean("open_24_7", nullable=True),
        sources=entry.sources(),
        verified_on=entry.date("verified_on"),
        anonymous=entry.boolean("anonymous", nullable=True),
        free=entry.boolean("free", nullable=True),
        interpreter=entry.boolean("interpreter", nullable=True),
        languages=entry.strings("languages"),
        hours=entry.text("hours", required=False),
        channels=tuple(item for item in channels if item is not None),
        notes=entry.string("notes", required=False) or "",
        origin=entry.file,
    )


def topic(entry: Entry) -> Topic:
    return Topic(
        id=entry.ident(),
        title=entry.text("title") or Text({}),
        summary=entry.text("summary") or Text({}),
        body=entry.text("body") or Text({}),
        sources=entry.sources(),
        verified_on=entry.date("verified_on"),
        services=entry.strings("services"),
        notes=entry.string("notes", required=False) or "",
        origin=entry.file,
    )


def with_translations(
    directory: Path, languages: tuple[Language, ...], seed: dict[str, Any], problems: list[Problem]
) -> tuple[Language, ...]:
    """Merges each language's translation file into the seed data; returns the languages
    with their never-say phrases. English's file holds only its phrases."""
    complete = []
    for lang in languages:
        file = translations.read_language(directory, lang.code, problems)
        if lang.code != SOURCE_LANGUAGE:
            translations.merge(seed, file, problems)
        complete.append(dataclasses.replace(lang, never_say=file.never_say))
    return tuple(complete)


def read_seed(directory: Path) -> tuple[Content, list[Problem]]:
    """Every record of the seed files, and every problem found while reading them."""
    problems: list[Problem] = []
    seed: dict[str, Any] = {}
    for key, file in FILES.items():
        if key in OPTIONAL_FILES and not (directory / file).exists():
            continue
        seed[key] = read_file(directory / file, problems)
    languages = read_list(seed["languages"], "languages", "language", language, problems)
    languages = with_translations(directory, languages, seed, problems)
    content = Content(
        languages=languages,
        sources=read_list(seed["sources"], "sources", "source", source, problems),
        organisations=read_list(
            seed["organisations"], "organisations", "organisation", organisation, problems
        ),
        services=read_list(seed["services"], "services", "service", service, problems),
        topics=read_list(seed["topics"], "topics", "topic", topic, problems),
        guide=seed.get("guide", {}),
        frontline=_frontline(seed.get("frontline", {}), problems),
    )
    return content, problems


def _frontline(data: dict[str, Any], problems: list[Problem]) -> dict[str, Any]:
    if not data:
        return {}
    inner = data.get(FRONTLINE_KEY)
    if not isinstance(inner, dict) or set(data) != {FRONTLINE_KEY}:
        problems.append(
            Problem(FILES["frontline"], "(file)", "(file)", f"must hold one key, {FRONTLINE_KEY}")
        )
        return {}
    return inner


def checked_seed(directory: Path) -> tuple[Content, list[Problem]]:
    """The seed and every problem in it: reading problems and whole-content checks."""
    from veiviser.content.validation import validate

    content, problems = read_seed(directory)
    return content, sorted(set(problems) | set(validate(content)))
