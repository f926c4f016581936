"""The guide's words, read from the published snapshot (content/guide.yaml, held as plain
data in `snapshot.content.guide`).

A published snapshot has passed the guide's check (veiviser.guide.checks), so reading
trusts the shape; where a text is still missing, it falls back to English and then to
an empty string rather than failing a frightened reader's request. No Django import.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from veiviser.content.records import Text
from veiviser.content.snapshot import Snapshot
from veiviser.guide.questions import QUESTIONS

T = TypeVar("T")

# The small texts of the guide's pages: every one must exist in every language.
UI_KEYS = (
    "title",  # the <title> of every guide response: neutral, the same on every step
    "heading",
    "intro",
    "several_hint",
    "submit",
    "plan_heading",
    "plan_intro",
    "numbers",
    "change",
    "restart",
    "directory",
    "error_heading",
    "error_body",
    "error_back",
    "conflict",
)

# Step texts shown to some readers only: `adults` unless the reader said they are under
# 18, `children` unless they said they are 18 or older (see rules.Audience).
AUDIENCE_FIELDS = ("adults", "children")
# Shown to every reader after those: what must come after the audience's first contact
# (the residence step says who can help with an application before where it is made).
AFTER_FIELD = "after"


@dataclass(frozen=True)
class QuestionText:
    id: str
    kind: str
    label: str
    hint: str
    options: tuple[tuple[str, str], ...]  # (option id, label), in the order of questions.py
    skip: str  # the label of "I don't want to answer"


@dataclass(frozen=True)
class StepText:
    id: str
    title: Text
    body: Text
    adults: Text | None
    children: Text | None
    services: tuple[str, ...]  # in the order they are offered
    sources: tuple[str, ...]
    after: Text | None = None
    # Per service, the channel values to offer when not all of them fit the step
    # (UDI's return page is no help with a residence permit).
    channels: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


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


def entries(guide: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    items = guide.get(key)
    if not isinstance(items, list):
        return []
    return [item for item in items if isinstance(item, Mapping)]


# --- One reading per snapshot -------------------------------------------------------------
# A snapshot is immutable and every process serves one at a time, so what is read from it
# is kept beside it (keyed by identity, dropped with it) and never read twice.
_memo: dict[tuple[int, Hashable], tuple[weakref.ref[Snapshot], Any]] = {}
_memo_lock = threading.Lock()  # misses only: a hit is one dictionary lookup


def per_snapshot(build: Callable[..., T]) -> Callable[..., T]:
    def cached(snapshot: Snapshot, *args: Hashable) -> T:
        key = (id(snapshot), (build.__qualname__, *args))
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


@per_snapshot
def steps(snapshot: Snapshot) -> dict[str, StepText]:
    """Every step text of guide.yaml, by step id."""
    result = {}
    for entry in entries(snapshot.content.guide, "steps"):
        ident = entry.get("id")
        if not isinstance(ident, str):
            continue
        services, channels = step_services(entry.get("services"))
        result[ident] = StepText(
            id=ident,
            title=text(entry.get("title")),
            body=text(entry.get("body")),
            adults=text(entry["adults"]) if entry.get("adults") else None,
            children=text(entry["children"]) if entry.get("children") else None,
            services=services,
            sources=strings(entry.get("source")),
            after=text(entry[AFTER_FIELD]) if entry.get(AFTER_FIELD) else None,
            channels=channels,
        )
    return result


def step_services(value: Any) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """A step's `services`: each a service id, or {id: ..., channels: [value, ...]}."""
    services: list[str] = []
    channels: dict[str, tuple[str, ...]] = {}
    for item in value if isinstance(value, list) else []:
        if isinstance(item, str):
            services.append(item)
        elif isinstance(item, Mapping) and isinstance(item.get("id"), str):
            services.append(item["id"])
            channels[item["id"]] = strings(item.get("channels"))
    return tuple(services), channels


@per_snapshot
def questions(snapshot: Snapshot, lang: str) -> tuple[QuestionText, ...]:
    """The questions in one language, in the order and with the ids of questions.py."""
    found = {entry.get("id"): entry for entry in entries(snapshot.content.guide, "questions")}
    result = []
    for question in QUESTIONS:
        entry = found.get(question.id, {})
        labels = {
            option.get("id"): text(option.get("label")).in_(lang)
            for option in entries(entry, "options")
        }
        result.append(
            QuestionText(
                id=question.id,
                kind=question.kind,
                label=text(entry.get("label")).in_(lang),
                hint=text(entry.get("hint")).in_(lang),
                options=tuple((option, labels.get(option, option)) for option in question.options),
                skip=text(entry.get("skip")).in_(lang),
            )
        )
    return tuple(result)


@per_snapshot
def ui(snapshot: Snapshot, lang: str) -> dict[str, str]:
    """The small texts of the guide's pages in one language, by key (see UI_KEYS)."""
    raw = snapshot.content.guide.get("texts")
    raw = raw if isinstance(raw, Mapping) else {}
    return {key: text(raw.get(key)).in_(lang) for key in UI_KEYS}
