"""The guide's words, read from the published snapshot (content/guide.yaml, held as plain
data in `snapshot.content.guide`).

A published snapshot has passed the guide's check (veiviser.guide.checks), so reading
trusts the shape; where a text is still missing, it falls back to English and then to
an empty string rather than failing a frightened reader's request. No Django import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# Read as every feature reads its plain data (content/plain.py); the guide's modules
# use them through this one.
from veiviser.content.plain import entries, per_snapshot, service_refs, strings, text
from veiviser.content.records import Text
from veiviser.content.snapshot import Snapshot
from veiviser.guide.questions import QUESTIONS

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


@per_snapshot
def steps(snapshot: Snapshot) -> dict[str, StepText]:
    """Every step text of guide.yaml, by step id."""
    result = {}
    for entry in entries(snapshot.content.guide, "steps"):
        ident = entry.get("id")
        if not isinstance(ident, str):
            continue
        services, channels = service_refs(entry.get("services"))
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
