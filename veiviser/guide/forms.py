"""The guide's HTML form, posted back: field lists -> Answers, or a clear reason why not.

A browser using our form can send only what the form offers, so anything else (an
unknown question or option, two values for a single choice, a repeated option) is a
malformed post and gets a 400 page. The one mistake a reader can make with the form
itself, ticking "I don't want to answer" together with other answers of a several-choice
question, is a `conflict`: the form is shown again with the question marked.
No Django import: the view hands over the posted fields as (name, values) pairs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from veiviser.guide.questions import BY_ID, SKIP
from veiviser.guide.rules import Answers

EDIT = "edit"  # "Change my answers": show the form filled in, not the plan


class Malformed(ValueError):
    """A post our form cannot have sent. Carries the field, for tests and the API alike."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True)
class Submission:
    answers: Answers  # what the plan may use: a question in conflict counts as skipped
    chosen: dict[str, tuple[str, ...]] = field(default_factory=dict)  # as posted, to refill
    conflicts: tuple[str, ...] = ()  # several-choice questions with "skip" and answers
    edit: bool = False


def parse(fields: Iterable[tuple[str, list[str]]]) -> Submission:
    chosen: dict[str, tuple[str, ...]] = {}
    edit = False
    for name, values in fields:
        if name == EDIT:
            if values != ["1"]:
                raise Malformed(EDIT, "must be 1, once")
            edit = True
            continue
        question = BY_ID.get(name)
        if question is None:
            raise Malformed(name[:40] or "(no name)", "is not a question of the guide")
        if not question.several and len(values) != 1:
            raise Malformed(name, "takes one answer")
        if len(set(values)) != len(values):
            raise Malformed(name, "lists an answer twice")
        for value in values:
            if value != SKIP and value not in question.options:
                raise Malformed(name, f"{value[:40]!r} is not an answer to this question")
        chosen[name] = tuple(values)
    return _submission(chosen, edit)


def _submission(chosen: dict[str, tuple[str, ...]], edit: bool) -> Submission:
    answers: dict[str, object] = {}
    conflicts = []
    for name, values in chosen.items():
        options = tuple(value for value in values if value != SKIP)
        if BY_ID[name].several:
            if options and SKIP in values:
                conflicts.append(name)
                continue
            answers[name] = frozenset(options)
        elif options:
            answers[name] = options[0]
    order = list(BY_ID)
    return Submission(
        answers=Answers(**answers),  # type: ignore[arg-type]
        chosen=chosen,
        conflicts=tuple(sorted(conflicts, key=order.index)),
        edit=edit,
    )
