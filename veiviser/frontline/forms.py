"""The "what to do" form, posted back: field lists -> Answers, or Malformed.

A browser using our form can send only what the form offers, so anything else (an
unknown question or option, two values for a single choice, a repeated option) is a
malformed post. "Skip this question" ticked together with answers of the several-choice
question counts as skipped: the professional is not made to fill the form again.
No Django import: the view hands over the posted fields as (name, values) pairs.
"""

from __future__ import annotations

from collections.abc import Iterable

from veiviser.frontline.questions import BY_ID, SKIP
from veiviser.frontline.rules import Answers


class Malformed(ValueError):
    """A post our form cannot have sent. Carries the field, for the tests."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


def parse(fields: Iterable[tuple[str, list[str]]]) -> Answers:
    answers: dict[str, object] = {}
    for name, values in fields:
        question = BY_ID.get(name)
        if question is None:
            raise Malformed(name[:40] or "(no name)", "is not a question of the form")
        if not question.several and len(values) != 1:
            raise Malformed(name, "takes one answer")
        if len(set(values)) != len(values):
            raise Malformed(name, "lists an answer twice")
        for value in values:
            if value != SKIP and value not in question.options:
                raise Malformed(name, f"{value[:40]!r} is not an answer to this question")
        chosen = tuple(value for value in values if value != SKIP)
        if question.several:
            answers[name] = frozenset(() if SKIP in values else chosen)
        elif chosen:
            answers[name] = chosen[0]
    return Answers(**answers)
