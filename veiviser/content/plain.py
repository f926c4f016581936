"""Reading the content that features keep as plain data (content/guide.yaml,
content/frontline.yaml: `snapshot.content.guide`, `snapshot.content.frontline`).

The guide and the frontline checklist read and check their files the same way: texts as
{lang: words}, lists of entries with ids, a step's `services` (a service id, or
{id: ..., channels: [value, ...]}), no number or link written in a text, and what is read
kept once per snapshot. Features share only through content/ and web/, so it lives here.
No Django import.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Callable, Hashable, Iterator, Mapping
from typing import Any, TypeVar

from veiviser.content import markup, phones
from veiviser.content.records import Text
from veiviser.content.snapshot import Snapshot

T = TypeVar("T")


def text(value: Any) -> Text:
    """A {lang: words} mapping as a Text; anything else (a mistake) as an empty Text."""
    if not isinstance(value, Mapping):
        return Text({})
    return Text({str(k): v.strip() for k, v in value.items() if isinstance(v, str)})


def strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(item for item in value if isinstance(item, str))
    return ()


def entries(data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    """The mappings listed under `key`; anything else there is left out."""
    items = data.get(key)
    if not isinstance(items, list):
        return []
    return [item for item in items if isinstance(item, Mapping)]


# --- A step's services --------------------------------------------------------------------
def is_service_ref(item: Any) -> bool:
    """Whether `item` is a service id, or {id: ..., channels: [value, ...]}."""
    if isinstance(item, str):
        return True
    return (
        isinstance(item, Mapping)
        and set(item) <= {"id", "channels"}
        and isinstance(item.get("id"), str)
        and isinstance(item.get("channels"), list)
        and all(isinstance(value, str) for value in item["channels"])
    )


def service_refs(value: Any) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """A step's `services`: the ids in order, and per id the channel values it names."""
    ids: list[str] = []
    channels: dict[str, tuple[str, ...]] = {}
    for item in value if isinstance(value, list) else []:
        if isinstance(item, str):
            ids.append(item)
        elif isinstance(item, Mapping) and isinstance(item.get("id"), str):
            ids.append(item["id"])
            channels[item["id"]] = strings(item.get("channels"))
    return tuple(ids), channels


def wording_problems(words: str, holder: str) -> Iterator[str]:
    """What a reader-facing text must not contain: numbers and links are data, shown from
    the services of its `holder` ("the step", "the entry")."""
    if markup.links(words):
        yield f"must not contain links: contacts come from {holder}'s services"
    for match in re.finditer(r"\+?\d(?:[\d ]*\d)?", words):
        if phones.looks_like_number(match.group(0)):
            yield (
                f"the number {match.group(0)!r} must not be written in the text: "
                "list the service, and its number is shown as a tap-to-call link"
            )


# --- One reading per snapshot -------------------------------------------------------------
# A snapshot is immutable and every process serves one at a time, so what is read from it
# is kept beside it (keyed by identity, dropped with it) and never read twice.
_memo: dict[tuple[int, Hashable], tuple[weakref.ref[Snapshot], Any]] = {}
_memo_lock = threading.Lock()  # misses only: a hit is one dictionary lookup


def per_snapshot(build: Callable[..., T]) -> Callable[..., T]:
    # Keyed by module and name: the guide and the frontline both have a `steps`.
    name = f"{build.__module__}.{build.__qualname__}"

    def cached(snapshot: Snapshot, *args: Hashable) -> T:
        key = (id(snapshot), (name, *args))
        hit = _memo.get(key)
        if hit is not None and hit[0]() is snapshot:
            return hit[1]
        value = build(snapshot, *args)
        with _memo_lock:
            for stale in [k for k, (ref, _value) in _memo.items() if ref() is None]:
                del _memo[stale]
            _memo[key] = (weakref.ref(snapshot), value)
        return value

    cached.__doc__ = build.__doc__
    return cached
