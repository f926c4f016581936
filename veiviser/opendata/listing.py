"""A request's query for the HSDS lists, read strictly, and HSDS's paging.

Every parameter is checked before anything is looked up: a bad one is a 400 naming it
(BadQuery), never a guess. Parameters HSDS defines that Veiviser does not offer (postcode,
proximity, format=ndjson, ...) are not read; unknown ones are ignored, as HTTP has it.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings

T = TypeVar("T")

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
# RFC 3339: a full date, or a date and time with its zone (Z or +01:00). The OpenAPI
# document declares formats "date" and "date-time", which mean exactly this.
DATE_TIME = re.compile(
    r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})"
    r"(?:[Tt](?P<hour>[0-9]{2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})(?:\.[0-9]+)?"
    r"(?P<zone>[Zz]|(?P<sign>[+-])(?P<zh>[0-9]{2}):(?P<zm>[0-9]{2})))?"
)
MAX_SEARCH = 200


class BadQuery(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def languages() -> tuple[str, ...]:
    return tuple(code for code, _name in settings.LANGUAGES)


def lang(query: Mapping[str, str]) -> str:
    value = query.get("lang", "en")
    if value not in languages():
        raise BadQuery("lang", f"must be one of {', '.join(languages())}")
    return value


def _whole(query: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    value = query.get(name)
    if value is None:
        return default
    if not re.fullmatch(r"[0-9]{1,6}", value) or not low <= int(value) <= high:
        raise BadQuery(name, f"must be a whole number from {low} to {high}")
    return int(value)


def page_number(query: Mapping[str, str]) -> int:
    return _whole(query, "page", 1, 1, 999_999)


def per_page(query: Mapping[str, str]) -> int:
    return _whole(query, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)


def modified_after(query: Mapping[str, str]) -> datetime.datetime | None:
    value = query.get("modified_after")
    if value is None:
        return None
    try:
        return _moment(value)
    except ValueError:
        raise BadQuery(
            "modified_after", "must be a date or date-time (RFC 3339: 2026-11-30T12:00:00Z)"
        ) from None


def _moment(value: str) -> datetime.datetime:
    """An RFC 3339 date (the start of that day, UTC) or date-time, as an aware datetime."""
    match = DATE_TIME.fullmatch(value)
    if not match:
        raise ValueError(value)
    part = {name: int(text) for name, text in match.groupdict().items() if text and text.isdigit()}
    zone = datetime.UTC
    if match["sign"]:
        offset = datetime.timedelta(hours=part["zh"], minutes=part["zm"])
        if offset >= datetime.timedelta(hours=24):
            raise ValueError(value)
        zone = datetime.timezone(offset if match["sign"] == "+" else -offset)
    return datetime.datetime(
        max(part["year"], 1),  # year 0 is a valid RFC 3339 year; before every record anyway
        part["month"],
        part["day"],
        part.get("hour", 0),
        part.get("minute", 0),
        min(part.get("second", 0), 59),  # a leap second counts as the second before it
        tzinfo=zone,
    )


UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def uuid_filter(query: Mapping[str, str], name: str) -> str | None:
    """An id to filter by (taxonomy_term_id, ...): a UUID, in lower case as ours are."""
    value = query.get(name)
    if value is None:
        return None
    if not UUID.fullmatch(value):
        raise BadQuery(name, "must be an id (a UUID such as 0f8a1d2e-...)")
    return value.lower()


def search(query: Mapping[str, str]) -> str:
    value = query.get("search", "")
    if len(value) > MAX_SEARCH:
        raise BadQuery("search", f"must be at most {MAX_SEARCH} characters")
    return value.strip().casefold()


def matches(words: str, *texts: str) -> bool:
    """Every word of the search is somewhere in the texts (case and accents as written)."""
    haystack = " ".join(texts).casefold()
    return all(word in haystack for word in words.split())


@dataclass(frozen=True)
class Paging:
    number: int
    size: int

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> Paging:
        return cls(page_number(query), per_page(query))

    def page(self, items: Sequence[T], contents: list[Any]) -> dict[str, Any]:
        """HSDS's Page: totals for `items`, and `contents` (this page's items, mapped)."""
        total_pages = math.ceil(len(items) / self.size)
        return {
            "total_items": len(items),
            "total_pages": total_pages,
            "page_number": self.number,
            "size": len(contents),
            "first_page": self.number == 1,
            "last_page": self.number >= total_pages,
            "empty": not contents,
            "contents": contents,
        }

    def slice(self, items: Sequence[T]) -> Sequence[T]:
        """This page's items; past the last page, none (totals say how many pages exist)."""
        start = (self.number - 1) * self.size
        return items[start : start + self.size]
