"""Posted fields -> Answers: what the checklist's form sends is understood; anything else
is refused with the field named, never half understood."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veiviser.frontline.forms import Malformed, parse
from veiviser.frontline.questions import BY_ID, QUESTIONS, SKIP
from veiviser.frontline.rules import Answers


def test_nothing_posted_means_every_question_skipped():
    assert parse([]) == Answers()


def test_the_answers_the_form_sends():
    answers = parse(
        [
            ("danger", ["unsure"]),
            ("age", [SKIP]),
            ("seen", ["work", "sexual", "unsure"]),
            ("wants", ["no"]),
        ]
    )
    assert answers == Answers(
        danger="unsure", seen=frozenset({"work", "sexual", "unsure"}), wants="no"
    )


def test_skip_alone_or_with_answers_skips_a_several_choice_question():
    # A professional who ticks "Skip" and a form is not made to fill the form again.
    assert parse([("seen", [SKIP])]) == Answers()
    assert parse([("seen", ["work", SKIP])]) == Answers()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ([("colour", ["red"])], "colour"),
        ([("", ["x"])], "(no name)"),
        ([("danger", ["yes", "no"])], "danger"),
        ([("danger", ["yes", "yes"])], "danger"),
        ([("danger", ["maybe"])], "danger"),
        ([("danger", [""])], "danger"),
        ([("age", ["under18"])], "age"),  # the guide's answer id, not the checklist's
        ([("seen", ["work", "work"])], "seen"),
        ([("seen", ["organs"])], "seen"),
        ([("wants", [])], "wants"),
    ],
)
def test_anything_else_is_malformed_and_names_the_field(fields, field):
    with pytest.raises(Malformed) as error:
        parse(fields)
    assert error.value.field == field


def test_a_long_unknown_name_is_cut_in_the_message():
    with pytest.raises(Malformed) as error:
        parse([("x" * 5000, ["y"])])
    assert len(error.value.field) <= 40


NAMES = st.sampled_from([question.id for question in QUESTIONS] + ["other", "edit", ""])
VALUES = st.sampled_from(
    sorted({o for q in QUESTIONS for o in q.options} | {SKIP, "", "maybe", "<b>"})
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(NAMES, st.lists(VALUES, max_size=4)), max_size=6, unique_by=lambda f: f[0])
)
def test_any_post_is_answers_or_malformed_never_anything_else(fields):
    try:
        answers = parse(fields)
    except Malformed:
        return
    for name in ("danger", "age", "wants"):
        value = getattr(answers, name)
        assert value is None or value in BY_ID[name].options
    assert answers.seen <= set(BY_ID["seen"].options)
