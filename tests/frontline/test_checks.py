"""The frontline's check names every kind of mistake in frontline.yaml: file, entry and
field; checkcontent reports it and refuses to load."""

from __future__ import annotations

import copy
import dataclasses
import datetime
import shutil

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from veiviser.content.problems import Problem
from veiviser.content.validation import GUIDE_CHECKS, GUIDE_DATES, validate
from veiviser.frontline.checks import check, dates


def entry(frontline: dict, key: str, ident: str) -> dict:
    return next(item for item in frontline[key] if item["id"] == ident)


def problems_after(content, change) -> list[str]:
    frontline = copy.deepcopy(dict(content.frontline))
    change(frontline)
    return [str(p) for p in check(dataclasses.replace(content, frontline=frontline))]


def set_in(key, ident, field, value):
    def change(frontline):
        entry(frontline, key, ident)[field] = value

    return change


def delete_in(key, ident, *path):
    def change(frontline):
        target = entry(frontline, key, ident)
        for name in path[:-1]:
            target = target[name]
        del target[path[-1]]

    return change


# (what breaks, the edit, the start of the message it must give)
BREAKS = [
    ("missing English", delete_in("steps", "child", "body", "en"),
     'frontline.yaml: step "child": body.en: is missing'),
    ("missing section title", delete_in("sections", "control", "title"),
     'frontline.yaml: section "control": title: is missing'),
    ("missing show paragraph", lambda f: f["show"].remove(entry(f, "show", "adults")),
     'frontline.yaml: show "adults": (entry): is missing'),
    ("missing step", lambda f: f["steps"].remove(entry(f, "steps", "duty-to-avert")),
     'frontline.yaml: step "duty-to-avert": (entry): is missing'),
    ("unknown step", set_in("steps", "work-rights", "id", "work-right"),
     "frontline.yaml: step #"),
    ("step twice", lambda f: f["steps"].append(entry(f, "steps", "child")),
     'frontline.yaml: step "child": id: is listed twice'),
    ("a service the rules need", set_in("steps", "child", "services", ["bufdir-advice"]),
     'frontline.yaml: step "child": services: must include "alarmtelefonen"'),
    ("a number the issue names", set_in("steps", "child", "services",
                                        [{"id": "alarmtelefonen", "channels": ["417 16 111"]},
                                         "bufdir-advice"]),
     'frontline.yaml: step "child": services: must offer the number 116 111'),
    ("unknown service", set_in("steps", "adult-talk", "services", ["rosa", "nobody"]),
     'frontline.yaml: step "adult-talk": services: "nobody" is not in services.yaml'),
    ("unknown channel", set_in("steps", "adult-talk", "services",
                               [{"id": "rosa", "channels": ["22 33 11 61"]}]),
     'frontline.yaml: step "adult-talk": services: "rosa" has no channel'),
    ("unknown source", set_in("sections", "control", "source", ["mts-signs", "rumour"]),
     'frontline.yaml: section "control": source: "rumour" is not in sources.yaml'),
    ("missing source", delete_in("show", "safe", "source"),
     'frontline.yaml: show "safe": source: is missing'),
    ("unquoted date", set_in("steps", "child", "verified_on", datetime.date(2026, 11, 28)),
     'frontline.yaml: step "child": verified_on: must be quoted'),
    ("date in the future", set_in("sections", "law", "verified_on", "2099-01-01"),
     'frontline.yaml: section "law": verified_on: 2099-01-01 is in the future'),
    ("not a date", set_in("sections", "law", "verified_on", "soon"),
     "frontline.yaml: section \"law\": verified_on: 'soon' is not a date"),
    ("unknown field", set_in("steps", "child", "sevices", ["rosa"]),
     'frontline.yaml: step "child": sevices: is not a field the checklist knows'),
    ("unquoted yes", lambda f: entry(f, "questions", "danger")["options"][0].update(id=True),
     'frontline.yaml: question "danger": options[0].id: True must be quoted text'),
    ("missing option", lambda f: entry(f, "questions", "wants")["options"].pop(),
     'frontline.yaml: question "wants": options: option "unsure" is missing'),
    ("unknown option", lambda f: entry(f, "questions", "seen")["options"][0].update(id="organs"),
     'frontline.yaml: question "seen": options[0].id: "organs" is not one of'),
    ("number in a text", set_in("steps", "adult-talk", "title", {"en": "Call 22 33 11 60"}),
     "frontline.yaml: step \"adult-talk\": title.en: the number '22 33 11 60' must not be"),
    ("link in a text", set_in("sections", "words", "body", {"en": "[KOM](https://kom.no)"}),
     'frontline.yaml: section "words": body.en: must not contain links'),
    ("verdict", set_in("steps", "show-the-page", "body", {"en": "This is human trafficking."}),
     "frontline.yaml: step \"show-the-page\": body.en: must never say 'this is human"),
    ("verdict in a translation",
     set_in("steps", "show-the-page", "body", {"en": "Show it.", "nb": "Personen er et offer."}),
     "translations/nb.yaml: step \"show-the-page\": body.nb: must never say 'personen er et"),
    ("number changed in a translation",
     set_in("steps", "duty-to-avert", "title", {"en": "The duty (§ 196)", "nb": "Plikten (§ 195)"}),
     'translations/nb.yaml: step "duty-to-avert": title.nb: numbers differ from the English'),
    ("unknown language", set_in("show", "safe", "body", {"en": "Safe.", "xx": "?"}),
     'frontline.yaml: show "safe": body.xx: is not a content language'),
    ("missing ui text", lambda f: f["texts"].pop("submit"),
     "frontline.yaml: texts: submit: is missing"),
    ("unknown ui text", lambda f: f["texts"].update(extra={"en": "?"}),
     "frontline.yaml: texts: extra: is not a text the checklist uses"),
    ("not a text", lambda f: f["texts"].update(title="For professionals"),
     "frontline.yaml: texts: title: must map each language to a text"),
    ("unknown top key", lambda f: f.update(extra=[]),
     "frontline.yaml: (file): extra: is not one of"),
    ("a list that is not one", lambda f: f.update(steps={}),
     "frontline.yaml: (file): steps: must be a list"),
]  # fmt: skip


def test_the_shipped_frontline_is_clean(seed_snapshot):
    assert check(seed_snapshot.content) == []


@pytest.mark.parametrize(("name", "change", "message"), BREAKS, ids=[b[0] for b in BREAKS])
def test_each_kind_of_mistake_is_named(seed_snapshot, name, change, message):
    found = problems_after(seed_snapshot.content, change)
    assert any(problem.startswith(message) for problem in found), found


def test_a_missing_file_is_a_problem(seed_snapshot):
    content = dataclasses.replace(seed_snapshot.content, frontline={})
    assert check(content) == [
        Problem("frontline.yaml", "(file)", "(file)", "is missing or empty: the checklist needs it")
    ]


def test_the_check_and_its_dates_run_with_every_content_validation(seed_snapshot):
    assert check in GUIDE_CHECKS and dates in GUIDE_DATES
    content = dataclasses.replace(seed_snapshot.content, frontline={})
    assert any(problem.file == "frontline.yaml" for problem in validate(content))
    entries = {where for _file, where, _date in dates(seed_snapshot.content)}
    assert {'step "child"', 'section "law"', 'show "adults"'} <= entries


def broken_copy(tmp_path, edit) -> object:
    directory = tmp_path / "content"
    shutil.copytree(settings.CONTENT_DIR, directory)
    path = directory / "frontline.yaml"
    data = yaml.safe_load(path.read_text())
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return directory


def test_checkcontent_names_the_file_the_entry_and_the_field(tmp_path, capsys):
    directory = broken_copy(
        tmp_path, lambda data: entry(data["frontline"], "steps", "child")["source"].append("rumour")
    )
    with pytest.raises(CommandError, match="1 problem"):
        call_command("checkcontent", dir=directory)
    assert 'frontline.yaml: step "child": source: "rumour" is not in sources.yaml' in (
        capsys.readouterr().err
    )


def test_checkcontent_names_a_file_without_its_top_key(tmp_path, capsys):
    directory = broken_copy(tmp_path, lambda data: data.update(steps=data.pop("frontline")))
    with pytest.raises(CommandError, match="problem"):
        call_command("checkcontent", dir=directory)
    assert "frontline.yaml: (file): (file): must hold one key, frontline" in (
        capsys.readouterr().err
    )


@pytest.mark.django_db
def test_loadcontent_refuses_a_broken_frontline(tmp_path):
    directory = broken_copy(
        tmp_path, lambda data: entry(data["frontline"], "steps", "child").pop("services")
    )
    with pytest.raises(CommandError):
        call_command("loadcontent", dir=directory)
