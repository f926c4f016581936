"""Posted form fields -> Answers: what our form sends is understood; anything else is
refused with the field named; a reader's own slip (skip + answers) is a conflict."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veiviser.guide.forms import Malformed, Submission, parse
from veiviser.guide.questions import BY_ID, SKIP
from veiviser.guide.rules import Answers


def test_nothing_posted_means_every_question_skipped():
    assert parse([]) == Submission(Answers())


def test_the_answers_our_form_sends():
    submission = parse(
        [
            ("danger", ["yes"]),
            ("age", ["skip"]),
            ("situation", ["labour", "violence"]),
            ("needs", ["talk"]),
            ("residence", ["no"]),
        ]
    )
    assert submission.answers == Answers(
        danger="yes",
        situation=frozenset({"labour", "violence"}),
        needs=frozenset({"talk"}),
        residence="no",
    )
    assert not submission.conflicts and not submission.edit


def test_skip_alone_skips_a_several_choice_question():
    assert parse([("needs", [SKIP])]).answers == Answers()


def test_skip_with_other_answers_is_a_conflict_and_the_question_counts_as_skipped():
    submission = parse([("needs", ["talk", SKIP]), ("age", ["adult"])])
    assert submission.conflicts == ("needs",)
    assert submission.answers == Answers(age="adult")
    assert submission.chosen["needs"] == ("talk", SKIP)  # to tick the boxes again


def test_edit_asks_for_the_form_again():
    assert parse([("edit", ["1"]), ("age", ["adult"])]).edit


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ([("colour", ["red"])], "colour"),
        ([("danger", ["yes", "no"])], "danger"),
        ([("danger", ["yes", "yes"])], "danger"),
        ([("danger", ["maybe"])], "danger"),
        ([("danger", [""])], "danger"),
        ([("needs", ["talk", "talk"])], "needs"),
        ([("needs", ["money"])], "needs"),
        ([("situation", ["yes"])], "situation"),
        ([("edit", ["yes"])], "edit"),
        ([("edit", ["1", "1"])], "edit"),
        ([("Danger", ["yes"])], "Danger"),
    ],
)
def test_what_our_form_cannot_send_is_refused_naming_the_field(fields, field):
    with pytest.raises(Malformed) as error:
        parse(fields)
    assert error.value.field == field


NAMES = st.sampled_from([*BY_ID, "edit", "csrfmiddlewaretoken"]) | st.text(max_size=20)
VALUES = st.lists(
    st.sampled_from([SKIP, "1", *{o for q in BY_ID.values() for o in q.options}]) | st.text(),
    max_size=5,
)


@settings(max_examples=500)
@given(st.lists(st.tuples(NAMES, VALUES), max_size=8))
def test_any_fields_give_a_submission_or_malformed_and_nothing_else(fields):
    try:
        submission = parse(fields)
    except Malformed as error:
        assert error.field
        return
    assert isinstance(submission.answers, Answers)


def test_crime_is_an_answer_the_form_accepts():
    # Issue 9: "work, services or criminal activities": crime has its own option.
    submission = parse([("situation", ["crime"])])
    assert submission.answers == Answers(situation=frozenset({"crime"}))
