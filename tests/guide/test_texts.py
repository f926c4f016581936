"""Reading the guide's words from the snapshot: every question, option and step, in each
language, with English where a translation is missing."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from tests.guide.conftest import LANGS
from veiviser.content import store
from veiviser.content.seed import read_seed
from veiviser.content.snapshot import Snapshot
from veiviser.guide import rules, texts
from veiviser.guide.questions import QUESTIONS


def with_guide(snapshot: Snapshot, change) -> Snapshot:
    guide = copy.deepcopy(dict(snapshot.content.guide))
    change(guide)
    return Snapshot(snapshot.version + 1, snapshot.published_at, dataclasses.replace(
        snapshot.content, guide=guide
    ))  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_every_question_and_option_has_words(seed_snapshot, lang):
    found = texts.questions(seed_snapshot, lang)
    assert [q.id for q in found] == [q.id for q in QUESTIONS]
    for question, original in zip(found, QUESTIONS, strict=True):
        assert [ident for ident, _ in question.options] == list(original.options)
        assert question.label and question.skip
        assert all(label and label != ident for ident, label in question.options)


def test_the_languages_differ_where_they_should(seed_snapshot):
    english = texts.questions(seed_snapshot, "en")[0]
    norwegian = texts.questions(seed_snapshot, "nb")[0]
    assert (english.label, english.skip) == (
        "Are you in danger right now?",
        "I don't want to answer",
    )
    assert (norwegian.label, norwegian.skip) == ("Er du i fare akkurat nå?", "Jeg vil ikke svare")
    assert texts.ui(seed_snapshot, "nb")["submit"] == "Vis planen min"


def test_every_step_the_rules_can_give_has_a_text(seed_snapshot):
    steps = texts.steps(seed_snapshot)
    assert set(steps) == set(rules.STEP_IDS)
    for lang in LANGS:
        assert all(steps[i].title.in_(lang) and steps[i].body.in_(lang) for i in steps)


def test_a_missing_translation_falls_back_to_english(seed_snapshot):
    def drop_norwegian(guide):
        del guide["texts"]["submit"]["nb"]
        del guide["questions"][0]["label"]["nb"]

    changed = with_guide(seed_snapshot, drop_norwegian)
    assert texts.ui(changed, "nb")["submit"] == "Show my plan"
    assert texts.questions(changed, "nb")[0].label == "Are you in danger right now?"
    # The snapshot that was read before is not affected: each is read on its own.
    assert texts.ui(seed_snapshot, "nb")["submit"] == "Vis planen min"


def test_a_broken_guide_gives_empty_words_rather_than_an_error(seed_snapshot):
    changed = with_guide(seed_snapshot, lambda guide: guide.update(steps="oops", texts=[]))
    assert texts.steps(changed) == {}
    assert texts.ui(changed, "en")["title"] == ""
    plan = rules.plan(rules.Answers(), changed, "en")
    assert plan.steps[-1].id == "who-else-can-help"


@pytest.mark.django_db
def test_the_guide_survives_the_database_and_the_snapshot_unchanged(settings):
    # Quoted dates and ids keep guide.yaml plain JSON: loading it twice changes nothing.
    seed, _ = read_seed(settings.CONTENT_DIR)
    store.write_content(seed)
    assert store.read_content().guide == seed.guide
    assert store.write_content(seed) == 0
    snapshot = Snapshot(1, "2026-11-28T00:00:00+00:00", seed)
    assert Snapshot.from_json(snapshot.to_json()).content.guide == seed.guide
