"""The "what to do" form's questions and their answer ids: stable, because the form, the
rules, content/frontline.yaml and the tests all use them.

Only ids and shapes live here; every word is in content/frontline.yaml. No Django import.
"""

from __future__ import annotations

from dataclasses import dataclass

DANGER = "danger"  # is anyone in acute danger?
AGE = "age"  # may the person be under 18?
SEEN = "seen"  # what did you see or hear about (the form of exploitation)?
WANTS = "wants"  # does the person want help?

ONE = "one"
SEVERAL = "several"
# The form's value for "Skip this question": the rules see a skipped question.
SKIP = "skip"


@dataclass(frozen=True)
class Question:
    id: str
    kind: str  # ONE | SEVERAL
    options: tuple[str, ...]

    @property
    def several(self) -> bool:
        return self.kind == SEVERAL


# In the order the professional sees them: danger first, as in the guide.
QUESTIONS: tuple[Question, ...] = (
    Question(DANGER, ONE, ("yes", "no", "unsure")),
    Question(AGE, ONE, ("yes", "no", "unsure")),
    # The forms of exploitation of KOM's lists (menneskertilsalgs.no, "Tegn og
    # indikatorer"); children are asked about apart, by age.
    Question(SEEN, SEVERAL, ("work", "sexual", "crime", "home", "unsure")),
    Question(WANTS, ONE, ("yes", "no", "unsure")),
)

BY_ID: dict[str, Question] = {question.id: question for question in QUESTIONS}
