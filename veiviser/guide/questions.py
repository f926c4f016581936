"""The guide's questions and their answer ids: stable, because the API, the form, the
rules, content/guide.yaml and the tests all use them.

Only ids and shapes live here; every word a reader sees is in content/guide.yaml. No
Django import: the rules use these directly.
"""

from __future__ import annotations

from dataclasses import dataclass

DANGER = "danger"
AGE = "age"
SITUATION = "situation"
NEEDS = "needs"
RESIDENCE = "residence"

ONE = "one"  # a single choice
SEVERAL = "several"  # any number of choices

# The form's value for "I don't want to answer". Not an answer id: the API says the same
# thing by leaving the question out, and the rules see a skipped question.
SKIP = "skip"


@dataclass(frozen=True)
class Question:
    id: str
    kind: str  # ONE | SEVERAL
    options: tuple[str, ...]

    @property
    def several(self) -> bool:
        return self.kind == SEVERAL


# In the order a reader sees them: danger first, so that someone in danger is told at once.
QUESTIONS: tuple[Question, ...] = (
    Question(DANGER, ONE, ("yes", "no", "unsure")),
    Question(AGE, ONE, ("under18", "adult", "unknown")),
    Question(
        SITUATION,
        SEVERAL,
        # crime: the brochure's "work, services or criminal activities"; crime is not work,
        # so it has its own option (issue 9), and `labour` keeps its meaning.
        ("pressured", "sexual", "labour", "crime", "organs", "military", "violence", "unsure"),
    ),
    Question(
        NEEDS,
        SEVERAL,
        (
            "safe_place",
            "healthcare",
            "talk",
            "report",
            "lawyer",
            "residence",
            "return_home",
            "work_rights",
            "guardian",
            "violence_help",
            "help_other",
        ),
    ),
    Question(RESIDENCE, ONE, ("yes", "no", "unsure")),
)

BY_ID: dict[str, Question] = {question.id: question for question in QUESTIONS}
