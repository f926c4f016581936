"""`make languages`: each language's coverage, and docs/languages.md kept current."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from veiviser.content import validation
from veiviser.web import coverage
from veiviser.web.catalogues import counts

ROOT = Path(__file__).resolve().parents[2]


# Written in English and Norwegian only: the checklist for professionals. The person's
# page (its `show` texts) comes in the other languages as their texts are delivered.
PARTLY_TRANSLATED = {"frontline.yaml"}
COMPLETE = {"en", "nb"}


def test_every_language_is_complete_but_the_frontline_and_none_is_marked_reviewed(seed_snapshot):
    rows = coverage.coverage(seed_snapshot.content, ROOT / "locale")
    assert [row.code for row in rows] == [code for code, _name in settings.LANGUAGES]
    missing = validation.missing_translations(seed_snapshot.content)
    assert [m for m in missing if m.file not in PARTLY_TRANSLATED or m.code in COMPLETE] == []
    per_language = Counter(m.code for m in missing)
    for row in rows:
        assert row.texts == row.total_texts - per_language[row.code], row
        assert row.texts > 200, row
        assert row.ui.translated == row.ui.total > 80, row
        assert row.status == ("source" if row.code == "en" else "machine")
        assert row.reviewed == ""


def test_a_missing_text_counts(seed_snapshot):
    content = seed_snapshot.content
    topic = content.topics[0]
    title = dict(topic.title)
    del title["ur"]
    changed = dataclasses.replace(topic, title=type(topic.title)(title))
    content = dataclasses.replace(content, topics=(changed, *content.topics[1:]))
    before = {row.code: row for row in coverage.coverage(seed_snapshot.content, ROOT / "locale")}
    rows = {row.code: row for row in coverage.coverage(content, ROOT / "locale")}
    assert rows["ur"].texts == before["ur"].texts - 1
    assert rows["ur"].total_texts == before["ur"].total_texts
    assert rows["ar"].texts == before["ar"].texts


def test_the_catalogue_counts_skip_the_header_and_fuzzy_entries(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Leave"\nmsgstr "Forlat"\n\n'
        '#, fuzzy\nmsgid "Stay"\nmsgstr "Bli"\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "én"\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    assert counts(po) == coverage.Counts(1, 3)
    assert counts(tmp_path / "none.po") == coverage.Counts(0, 0)


def test_docs_languages_md_is_what_make_languages_writes(tmp_path, capsys):
    written = tmp_path / "languages.md"
    call_command("languages", write=written)
    printed = capsys.readouterr().out
    assert "| العربية | `ar` | machine | nobody yet |" in printed
    assert (ROOT / "docs" / "languages.md").read_text() == written.read_text(), (
        "docs/languages.md is out of date: run `make languages`"
    )
