"""The seed writer (exportcontent): the database back to the seed files, byte-stable."""

import dataclasses
import difflib
import os
import shutil
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from veiviser.content import models, seed_writer, store
from veiviser.content.records import Content, Text
from veiviser.content.seed import read_seed


def files(directory: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*.yaml"))
    }


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(settings.CONTENT_DIR, target)
    return target


@pytest.mark.django_db
def test_exporting_right_after_loading_the_seed_changes_no_byte(copy, capsys):
    call_command("loadcontent")
    capsys.readouterr()
    call_command("exportcontent", dir=copy)
    assert capsys.readouterr().out.strip().endswith(": 0 file(s) changed")
    assert files(copy) == files(Path(settings.CONTENT_DIR))
    assert not list(copy.rglob("*.tmp"))


def edit_database() -> None:
    """An editor's changes: an English text, a translation, a label, a removed note."""
    rosa = models.Service.objects.get(slug="rosa")
    rosa.description = {**rosa.description, "en": "Changed: call ROSA?", "nb": "Endret: ring"}
    rosa.save()
    channel = rosa.channels.get(position=0)
    channel.label = {**channel.label, "pl": "yes"}  # PyYAML would read a bare yes as true
    channel.save()
    topic = models.Topic.objects.get(slug="what-is-trafficking")
    topic.notes = ""
    topic.save()


@pytest.mark.django_db
def test_round_trip_of_an_edited_database_changes_only_the_edited_lines(copy, capsys):
    call_command("loadcontent")
    edit_database()
    call_command("exportcontent", dir=copy)
    # loadcontent of the exported files gives exactly the database's content
    exported, problems = read_seed(copy)
    assert problems == []
    assert exported == store.read_content()
    call_command("loadcontent", dir=copy)
    assert capsys.readouterr().out.strip().endswith(": 0 record(s) changed")
    before, after = files(Path(settings.CONTENT_DIR)), files(copy)
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {"services.yaml", "topics.yaml", "translations/nb.yaml",
                       "translations/pl.yaml"}  # fmt: skip
    lines = {
        name: [
            line
            for line in difflib.unified_diff(
                before[name].decode().splitlines(), after[name].decode().splitlines(), n=0
            )
            if line[:1] in "+-" and line[:3] not in ("+++", "---")
        ]
        for name in changed
    }
    # Each edit is one line out and at most one in: comments and layout stay as written.
    assert len(lines["services.yaml"]) == 2
    assert lines["services.yaml"][1] == '+      en: "Changed: call ROSA?"'
    assert len(lines["topics.yaml"]) == 1 and lines["topics.yaml"][0].startswith("-    notes:")
    assert len(lines["translations/nb.yaml"]) == 2
    assert "'yes'" in lines["translations/pl.yaml"][-1]
    assert (
        yaml.safe_load((copy / "translations/pl.yaml").read_text())["services"]["rosa"]["channels"][
            "phone 22 33 11 60"
        ]["label"]
        == "yes"
    )


@pytest.mark.django_db
def test_exporting_twice_gives_the_same_bytes(copy, capsys):
    call_command("loadcontent")
    edit_database()
    call_command("exportcontent", dir=copy)
    first = files(copy)
    capsys.readouterr()
    call_command("exportcontent", dir=copy)
    assert capsys.readouterr().out.strip().endswith(": 0 file(s) changed")
    assert files(copy) == first


@pytest.mark.django_db
def test_an_empty_database_is_never_exported(copy):
    with pytest.raises(CommandError, match="holds no content"):
        call_command("exportcontent", dir=copy)
    assert files(copy) == files(Path(settings.CONTENT_DIR))


def test_an_empty_directory_gets_files_that_read_back_the_same(tmp_path):
    content, _ = read_seed(Path(settings.CONTENT_DIR))
    written = seed_writer.export(content, tmp_path)
    assert "services.yaml" in written and "translations/ar.yaml" in written
    again, problems = read_seed(tmp_path)
    assert problems == []
    assert again == content
    assert seed_writer.export(content, tmp_path) == []  # byte-stable from then on


MISREAD = ["yes", "no", "2026-11-28", "What is this?", "a, b: c", "null", "~", "12", "A\nB"]


def test_texts_yaml_could_misread_come_back_as_the_same_text(tmp_path):
    content, _ = read_seed(Path(settings.CONTENT_DIR))
    topics = [
        dataclasses.replace(topic, title=Text({"en": words, "nb": words}))
        for topic, words in zip(content.topics, MISREAD, strict=False)
    ]
    changed = dataclasses.replace(content, topics=(*topics, *content.topics[len(topics) :]))
    shutil.copytree(settings.CONTENT_DIR, tmp_path / "old")
    for directory in (tmp_path / "old", tmp_path / "new"):  # into old files, and fresh
        seed_writer.export(changed, directory)
        again, problems = read_seed(directory)
        assert problems == []
        assert [topic.title for topic in again.topics[: len(MISREAD)]] == [
            Text({"en": words, "nb": words}) for words in MISREAD
        ]


def test_a_language_without_texts_keeps_no_old_ones(tmp_path):
    content, _ = read_seed(Path(settings.CONTENT_DIR))
    english, polish = (lang for lang in content.languages if lang.code in ("en", "pl"))
    topic = content.topics[0]
    only_english = Content(
        languages=(english, dataclasses.replace(polish, never_say=())),
        topics=(
            dataclasses.replace(
                topic,
                title=Text({"en": topic.title["en"]}),
                summary=Text({"en": topic.summary["en"]}),
                body=Text({"en": topic.body["en"]}),
            ),
        ),
    )
    old = tmp_path / "translations" / "pl.yaml"
    old.parent.mkdir()
    old.write_text(f"never_say:\n- nigdy\ntopics:\n  {topic.id}:\n    title: Stary\n")
    assert "translations/pl.yaml" in seed_writer.export(only_english, tmp_path)
    assert not yaml.safe_load(old.read_text())  # no text and no phrase left


def test_an_old_file_in_another_layout_keeps_its_comments_and_a_broken_one_is_replaced():
    new = {"topics": [{"id": "a", "title": {"en": "New"}}]}
    odd = "# why this file is so\ntopics:\n-   id: a   # the first\n    title: {en: Old}\n"
    written = seed_writer.render(new, odd)
    assert written.startswith("# why this file is so\n") and "# the first" in written
    assert yaml.safe_load(written) == new
    assert yaml.safe_load(seed_writer.render(new, "topics: [unclosed\n")) == new


def test_a_failed_write_leaves_the_old_files_and_no_temporary_file(tmp_path):
    (tmp_path / "a.yaml").write_text("old\n")
    (tmp_path / "b").write_text("a file, where the next write needs a folder\n")
    with pytest.raises(OSError):
        seed_writer.write_atomically(tmp_path, {"a.yaml": "new\n", "b/c.yaml": "new\n"})
    assert (tmp_path / "a.yaml").read_text() == "old\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.yaml", "b"]


def test_a_failed_rename_puts_back_the_files_already_renamed(tmp_path, monkeypatch):
    (tmp_path / "a.yaml").write_text("old a\n")
    (tmp_path / "b.yaml").write_text("old b\n")
    real = os.replace
    calls = []

    def replace_failing_the_second_time(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError("disk full")
        real(source, target)

    monkeypatch.setattr(seed_writer.os, "replace", replace_failing_the_second_time)
    with pytest.raises(OSError, match="disk full"):
        seed_writer.write_atomically(
            tmp_path, {"a.yaml": "new a\n", "b.yaml": "new b\n", "c.yaml": "new c\n"}
        )
    monkeypatch.undo()
    assert (tmp_path / "a.yaml").read_text() == "old a\n"
    assert (tmp_path / "b.yaml").read_text() == "old b\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.yaml", "b.yaml"]
