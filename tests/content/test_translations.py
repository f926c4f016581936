"""One file per language: texts merged into the seed by address; a missing text falls
back to English, marked as English where it is shown."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from veiviser.content import markup, translations
from veiviser.content.problems import Problem
from veiviser.content.records import English, Text

SEED = {
    "topics": {
        "topics": [
            {"id": "in-danger", "title": {"en": "In danger?"}, "body": {"en": "Call 112."}},
        ]
    },
    "services": {
        "services": [
            {
                "id": "rosa",
                "name": {"en": "ROSA"},
                "channels": [{"kind": "phone", "value": "22 33 11 60", "label": {"en": "Call"}}],
            }
        ]
    },
    "guide": {"texts": {"title": {"en": "Guide"}}},
}


def language_file(tmp_path: Path, code: str, data: dict) -> translations.LanguageFile:
    folder = tmp_path / translations.DIRECTORY
    folder.mkdir(exist_ok=True)
    (folder / f"{code}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    problems: list[Problem] = []
    found = translations.read_language(tmp_path, code, problems)
    assert problems == []
    return found


def test_every_text_has_an_address():
    addresses = set(translations.seed_texts(SEED))
    assert addresses == {
        ("topics", "in-danger", "title"),
        ("topics", "in-danger", "body"),
        ("services", "rosa", "name"),
        ("services", "rosa", "channels", "phone 22 33 11 60", "label"),
        ("texts", "title"),
    }


def test_a_language_file_is_merged_by_address(tmp_path):
    seed = yaml.safe_load(yaml.safe_dump(SEED))
    file = language_file(
        tmp_path,
        "pl",
        {
            "never_say": ["jesteś ofiarą"],
            "topics": {"in-danger": {"title": "W niebezpieczeństwie?"}},
            "services": {"rosa": {"channels": {"phone 22 33 11 60": {"label": "Zadzwoń"}}}},
        },
    )
    problems: list[Problem] = []
    translations.merge(seed, file, problems)
    assert problems == []
    assert file.never_say == ("jesteś ofiarą",)
    texts = translations.seed_texts(seed)
    assert texts["topics", "in-danger", "title"] == {
        "en": "In danger?",
        "pl": "W niebezpieczeństwie?",
    }
    assert texts["services", "rosa", "channels", "phone 22 33 11 60", "label"]["pl"] == "Zadzwoń"
    assert "pl" not in texts["topics", "in-danger", "body"]  # not translated: English shows


def test_an_address_that_names_nothing_or_a_text_written_twice_is_named(tmp_path):
    seed = yaml.safe_load(yaml.safe_dump(SEED))
    seed["topics"]["topics"][0]["title"]["pl"] = "inline"
    file = language_file(
        tmp_path,
        "pl",
        {"topics": {"in-danger": {"title": "Tytuł"}, "no-such-topic": {"title": "?"}}},
    )
    problems: list[Problem] = []
    translations.merge(seed, file, problems)
    assert [(p.file, p.entry, p.field) for p in problems] == [
        ("translations/pl.yaml", "topics/in-danger/title", "(text)"),
        ("translations/pl.yaml", "topics/no-such-topic/title", "(address)"),
    ]


@pytest.mark.parametrize(
    ("text", "field", "message"),
    [
        ("topics: [unclosed", "(file)", "is not valid YAML"),
        ("- a list", "(file)", "must be a mapping at the top"),
        ("never_say: a phrase", "(list)", "must be a list of phrases"),
        ("topics: {in-danger: {title: ''}}", "(text)", "must be a non-empty text"),
    ],
)
def test_a_broken_language_file_is_named(tmp_path, text, field, message):
    folder = tmp_path / translations.DIRECTORY
    folder.mkdir()
    (folder / "ro.yaml").write_text(text)
    problems: list[Problem] = []
    translations.read_language(tmp_path, "ro", problems)
    assert [(p.file, p.field) for p in problems] == [("translations/ro.yaml", field)]
    assert problems[0].message.startswith(message)


def test_a_missing_text_falls_back_to_english_marked_as_english():
    text = Text({"en": "Call <ROSA>", "ar": "اتصل"})
    assert text.in_("ar") == "اتصل" and type(text.in_("ar")) is str
    shown = text.in_("ur")
    assert isinstance(shown, English) and shown == "Call <ROSA>"
    assert shown.__html__() == '<span lang="en" dir="ltr">Call &lt;ROSA&gt;</span>'
    assert type(text.in_("en")) is str  # English on an English page is not marked
    body = markup.render(Text({"en": "Hello."}).in_("ar"), str)
    assert body == '<div lang="en" dir="ltr"><p>Hello.</p></div>'
