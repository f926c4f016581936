"""The frontline's words, read from the snapshot: every text the pages use, in every
language (English, marked, where one is missing), and the languages of the person's page."""

from __future__ import annotations

import pytest

from tests.frontline.conftest import LANGS, WORDED, stand_in, with_show_texts
from veiviser.content.records import English
from veiviser.frontline import texts
from veiviser.frontline.questions import QUESTIONS


@pytest.mark.parametrize("lang", LANGS)
def test_every_ui_text_exists_and_only_missing_ones_are_english(seed_snapshot, lang):
    ui = texts.ui(seed_snapshot, lang)
    assert set(ui) == set(texts.UI_KEYS)
    assert all(value.strip() for value in ui.values())
    fallback = {key for key, value in ui.items() if isinstance(value, English)}
    if lang in WORDED:
        assert fallback == set()
    else:  # the checklist is written in English and Norwegian; others fall back, marked
        assert fallback == set(texts.UI_KEYS)


@pytest.mark.parametrize("lang", WORDED)
def test_the_questions_come_in_the_order_of_the_code_with_every_label(seed_snapshot, lang):
    found = texts.questions(seed_snapshot, lang)
    assert [q.id for q in found] == [q.id for q in QUESTIONS]
    for question, code in zip(found, QUESTIONS, strict=True):
        assert [ident for ident, _label in question.options] == list(code.options)
        assert all(label and label != ident for ident, label in question.options)
        assert question.label and question.skip


def test_the_persons_page_has_every_paragraph_in_order(seed_snapshot):
    assert [p.id for p in texts.show(seed_snapshot)] == list(texts.SHOW_IDS)
    assert texts.SHOW_IDS[0] == texts.SHOW_HEADING


def test_languages_of_the_persons_page_follow_the_registry_and_are_read_per_snapshot(
    seed_snapshot,
):
    before = texts.person_languages(seed_snapshot)
    delivered = with_show_texts(
        seed_snapshot,
        {code: stand_in(code, seed_snapshot) for code in ("ur", "ro")},
    )
    after = texts.person_languages(delivered)
    registry = [language.code for language in seed_snapshot.content.languages]
    assert set(after) == set(before) | {"ro", "ur"}
    assert list(after) == [code for code in registry if code in after]
    assert texts.person_languages(seed_snapshot) == before  # each snapshot read on its own


def test_a_blank_paragraph_is_not_a_written_one(seed_snapshot):
    paragraphs = stand_in("pl", seed_snapshot)
    paragraphs["danger"] = "   "
    assert "pl" not in texts.person_languages(with_show_texts(seed_snapshot, {"pl": paragraphs}))
