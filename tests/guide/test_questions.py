"""The question and answer ids are a contract with the API, the form and the content."""

from veiviser.guide.questions import BY_ID, ONE, QUESTIONS, SEVERAL, SKIP

# As issue 4 gives them, with issue 9's `crime` (crime is not work): changing or removing
# one breaks every client of the API.
ISSUE = {
    "danger": (ONE, ("yes", "no", "unsure")),
    "age": (ONE, ("under18", "adult", "unknown")),
    "situation": (
        SEVERAL,
        ("pressured", "sexual", "labour", "crime", "organs", "military", "violence", "unsure"),
    ),
    "needs": (
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
    "residence": (ONE, ("yes", "no", "unsure")),
}


def test_the_ids_are_exactly_the_issues():
    assert {q.id: (q.kind, q.options) for q in QUESTIONS} == ISSUE


def test_danger_is_asked_first():
    # Someone in danger must not have to read four questions before the one about danger.
    assert QUESTIONS[0].id == "danger"


def test_skipping_is_never_an_answer_id():
    assert all(SKIP not in question.options for question in QUESTIONS)
    assert BY_ID["needs"].several and not BY_ID["age"].several
