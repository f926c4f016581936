"""The frontline checklist's words, read from the published snapshot
(content/frontline.yaml, held as plain data in `snapshot.content.frontline`).

A published snapshot has passed the frontline check (veiviser.frontline.checks), so
reading trusts the shape; a text still missing falls back to English, then to an empty
string, rather than failing a request. No Django import: the rules use this directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Read as every feature reads its plain data (content/plain.py); the frontline's
# modules use them through this one.
from veiviser.content.plain import entries, per_snapshot, service_refs, text
from veiviser.content.records import Text
from veiviser.content.snapshot import Snapshot
from veiviser.frontline.questions import QUESTIONS

# The professional's page, in order: each group under its own heading (UI key).
SIGNS = (
    "not-proof",
    "control",
    "violence",
    "red-flags",
    "form-work",
    "form-sexual",
    "form-crime",
    "form-home",
    "form-children",
)
TALK = ("conversation", "questions", "words")
LAW = ("law",)
SECTION_IDS = (*SIGNS, *TALK, *LAW)

# The person's page, in order: the first is its heading; each is shown in the person's
# language beside Norwegian.
SHOW_IDS = ("heading", "safe", "free", "lawyer", "adults", "children", "interpreter", "danger")
SHOW_HEADING = "heading"
# The language the person's page is always shown beside.
BESIDE = "nb"

# The small texts of the pages: every one must exist in English.
UI_KEYS = (
    "title",  # the <title> of the checklist and of every answer to its form: neutral
    "heading",
    "intro",
    "signs",
    "talk",
    "todo",
    "todo_intro",
    "submit",
    "plan_heading",
    "plan_intro",
    "seen_heading",
    "restart",
    "show_heading",
    "show_intro",
    "show_title",  # the <title> of the person's page
    "show_note",
    "show_back",
    "error_heading",
    "error_body",
    "error_back",
)


@dataclass(frozen=True)
class SectionText:
    id: str
    title: Text
    body: Text


@dataclass(frozen=True)
class QuestionText:
    id: str
    kind: str
    label: str
    hint: str
    options: tuple[tuple[str, str], ...]  # (option id, label), in the order of questions.py
    skip: str


@dataclass(frozen=True)
class StepText:
    id: str
    title: Text
    body: Text
    services: tuple[str, ...]
    # Per service, the channel values to offer (all phone-like channels when not given).
    channels: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class ShowText:
    id: str
    body: Text
    services: tuple[str, ...]


def _data(snapshot: Snapshot) -> Mapping[str, Any]:
    data = snapshot.content.frontline
    return data if isinstance(data, Mapping) else {}


@per_snapshot
def sections(snapshot: Snapshot) -> dict[str, SectionText]:
    return {
        entry["id"]: SectionText(entry["id"], text(entry.get("title")), text(entry.get("body")))
        for entry in entries(_data(snapshot), "sections")
        if isinstance(entry.get("id"), str)
    }


@per_snapshot
def steps(snapshot: Snapshot) -> dict[str, StepText]:
    result = {}
    for entry in entries(_data(snapshot), "steps"):
        if not isinstance(entry.get("id"), str):
            continue
        ids, channels = service_refs(entry.get("services"))
        result[entry["id"]] = StepText(
            entry["id"], text(entry.get("title")), text(entry.get("body")), ids, channels
        )
    return result


@per_snapshot
def show(snapshot: Snapshot) -> tuple[ShowText, ...]:
    found = {
        entry.get("id"): entry
        for entry in entries(_data(snapshot), "show")
        if isinstance(entry.get("id"), str)
    }
    return tuple(
        ShowText(
            ident, text(found[ident].get("body")), service_refs(found[ident].get("services"))[0]
        )
        for ident in SHOW_IDS
        if ident in found
    )


@per_snapshot
def questions(snapshot: Snapshot, lang: str) -> tuple[QuestionText, ...]:
    found = {entry.get("id"): entry for entry in entries(_data(snapshot), "questions")}
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
    raw = _data(snapshot).get("texts")
    raw = raw if isinstance(raw, Mapping) else {}
    return {key: text(raw.get(key)).in_(lang) for key in UI_KEYS}


@per_snapshot
def person_languages(snapshot: Snapshot) -> tuple[str, ...]:
    """The languages a person's page can be shown in, in the registry's order: those
    with every paragraph of the page written (English never stands in for the person's
    language there), except Norwegian, which the page is always shown beside. None at
    all while the Norwegian is not complete: the professional must be able to read, in
    Norwegian, what the person reads."""
    paragraphs = show(snapshot)

    def complete(code: str) -> bool:
        return len(paragraphs) == len(SHOW_IDS) and all(
            isinstance(p.body.get(code), str) and p.body[code].strip() for p in paragraphs
        )

    if not complete(BESIDE):
        return ()
    return tuple(
        language.code
        for language in snapshot.content.languages
        if language.code != BESIDE and complete(language.code)
    )
