"""The knowledge model as typed, frozen records: what the seed files, the database and the
published snapshot all hold. No Django import: the guide's rules read these directly.

Every record carries its sources and the date it was last checked against them.
"""

from __future__ import annotations

import dataclasses
import datetime
import html
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

SOURCE_LANGUAGE = "en"
# source: English, the original; machine: drafted by machine and checked by back-translation,
# not yet by a person; reviewed: signed off by a named person who reads the language.
LANGUAGE_STATUSES = ("source", "machine", "reviewed")
DIRECTIONS = ("ltr", "rtl")
AUDIENCES = ("adults", "children", "everyone")
CHANNEL_KINDS = ("phone", "sms", "email", "chat", "web", "visit")


class Text(Mapping[str, str]):
    """A text in every language: {"en": ..., "nb": ...}. Immutable.

    `in_(lang)` falls back to English, the source language, so a missing translation shows
    the original rather than nothing (checkcontent reports every missing one).
    """

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, str]) -> None:
        self._values = types.MappingProxyType(dict(values))

    def __getitem__(self, lang: str) -> str:
        return self._values[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Text({dict(self._values)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self._values) == dict(other)

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._values.items())))

    def in_(self, lang: str) -> str:
        """The text in `lang`; where it is missing, the English one marked as English."""
        words = self._values.get(lang)
        if words:
            return words
        english = self._values.get(SOURCE_LANGUAGE, "")
        return English(english) if english and lang != SOURCE_LANGUAGE else english


class English(str):
    """An English text shown on a page in another language, because its translation is
    missing. Printed in a template, it marks itself, so that a screen reader pronounces it
    as English and the layout runs it left to right inside a right-to-left page. Where no
    markup can go (a <title>, an attribute), str(text) is the plain words."""

    __slots__ = ()

    def __html__(self) -> str:
        return f'<span lang="en" dir="ltr">{html.escape(self)}</span>'


@dataclass(frozen=True)
class Language:
    """An entry of the language registry (content/languages.yaml) and its never-say phrases."""

    code: str
    status: str  # one of LANGUAGE_STATUSES
    name: str = ""  # in its own script: "Polski", not "Polish"
    english_name: str = ""
    direction: str = "ltr"  # one of DIRECTIONS
    reviewed_by: str = ""  # the person who signed the language off (status reviewed)
    reviewed_on: datetime.date | None = None
    notes: str = ""  # for editors: how the translation was made and checked
    # Phrases no text in this language may contain: a verdict on the reader, or a promise
    # the sources do not make (content/translations/<code>.yaml).
    never_say: tuple[str, ...] = ()

    @property
    def bidi(self) -> bool:
        return self.direction == "rtl"


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    section: str | None = None  # a heading of the brochure
    url: str | None = None  # a public page named in the facts file


@dataclass(frozen=True)
class NumberException:
    """A number the phonenumbers metadata does not know, accepted after review."""

    reason: str
    source: str
    reviewed_on: datetime.date


@dataclass(frozen=True)
class Channel:
    kind: str  # phone | sms | email | chat | web | visit
    value: str  # as the source writes it
    label: Text
    display: str  # what the reader sees: "22 33 11 60", "02800", "rosanorge.no"
    href: str  # what a tap opens: "tel:+4722331160", "tel:02800", "https://rosanorge.no"
    hours: Text | None = None
    note: Text | None = None
    exception: NumberException | None = None

    @property
    def is_number(self) -> bool:
        return self.kind in ("phone", "sms")

    @property
    def dial(self) -> str:
        """What the API calls the value: the number to dial, or the address."""
        return self.href.split(":", 1)[1] if self.kind in ("phone", "sms", "email") else self.href


@dataclass(frozen=True)
class Organisation:
    id: str
    name: Text
    description: Text
    authority: bool
    sources: tuple[str, ...]
    verified_on: datetime.date
    website: str | None = None
    notes: str = ""
    # Where the record came from, for error messages: a file, or "database".
    origin: str = field(default="", compare=False)


@dataclass(frozen=True)
class Service:
    id: str
    organisation: str
    name: Text
    description: Text
    audience: str  # adults | children | everyone
    open_24_7: bool | None  # None: the source does not say
    sources: tuple[str, ...]
    verified_on: datetime.date
    anonymous: bool | None = None  # None: the source does not say
    free: bool | None = None
    interpreter: bool | None = None
    languages: tuple[str, ...] = ()  # as the source states them
    hours: Text | None = None
    channels: tuple[Channel, ...] = ()
    notes: str = ""
    origin: str = field(default="", compare=False)

    @property
    def for_children(self) -> bool:
        return self.audience in ("children", "everyone")

    @property
    def for_adults(self) -> bool:
        return self.audience in ("adults", "everyone")


@dataclass(frozen=True)
class Topic:
    id: str
    title: Text
    summary: Text
    body: Text  # in the tiny markup of veiviser.content.markup
    sources: tuple[str, ...]
    verified_on: datetime.date
    services: tuple[str, ...] = ()
    notes: str = ""
    origin: str = field(default="", compare=False)


@dataclass(frozen=True)
class Content:
    """Everything an editor maintains, as one value: validated whole, published whole."""

    languages: tuple[Language, ...] = ()
    sources: tuple[Source, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    services: tuple[Service, ...] = ()
    topics: tuple[Topic, ...] = ()
    # The guide's questions and step texts (veiviser.guide reads them), as plain data.
    guide: Mapping[str, Any] = field(default_factory=dict)
    # The frontline checklist's sections, questions, steps and the person's page
    # (veiviser.frontline reads them; content/frontline.yaml's `frontline`), as plain data.
    frontline: Mapping[str, Any] = field(default_factory=dict)

    @property
    def language_codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.languages)


# --- Plain data (JSON) for storing a snapshot ---------------------------------------------


def to_data(value: Any) -> Any:
    """A record as JSON-ready data: dicts, lists, strings, numbers, booleans, None."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(key): to_data(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [to_data(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def from_data(kind: Any, data: Any) -> Any:
    """The inverse of to_data, guided by the type hints of the records."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        if data is None:
            return None
        options = [option for option in typing.get_args(kind) if option is not type(None)]
        return from_data(options[0], data)
    if origin is tuple:
        (item_kind, _ellipsis) = typing.get_args(kind)
        return tuple(from_data(item_kind, item) for item in data)
    if kind is Text:
        return Text(data)
    if kind is datetime.date:
        return datetime.date.fromisoformat(data)
    if origin is Mapping or kind is Any:
        return data
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return kind(
            **{
                f.name: from_data(hints[f.name], data[f.name])
                for f in dataclasses.fields(kind)
                if f.name in data
            }
        )
    return data
