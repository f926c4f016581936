"""The guide's check names every kind of mistake in guide.yaml: file, entry and field."""

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
from veiviser.content.validation import GUIDE_CHECKS, validate
from veiviser.guide.checks import check


def step(guide: dict, ident: str) -> dict:
    return next(item for item in guide["steps"] if item["id"] == ident)


def question(guide: dict, ident: str) -> dict:
    return next(item for item in guide["questions"] if item["id"] == ident)


def problems_after(content, change) -> list[str]:
    guide = copy.deepcopy(dict(content.guide))
    change(guide)
    return [str(problem) for problem in check(dataclasses.replace(content, guide=guide))]


def set_in(getter, ident, field, value):
    def change(guide):
        getter(guide, ident)[field] = value

    return change


def delete_in(getter, ident, *path):
    def change(guide):
        target = getter(guide, ident)
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


def rosa_not_open_day_and_night(content):
    services = tuple(
        dataclasses.replace(s, open_24_7=None) if s.id == "rosa" else s for s in content.services
    )
    return dataclasses.replace(content, services=services)


# (what breaks, the edit, the start of the message it must give)
BREAKS = [
    ("missing English", delete_in(step, "lawyer", "body", "en"),
     'guide.yaml: step "lawyer": body.en: is missing'),
    ("missing question label", delete_in(question, "age", "label", "en"),
     'guide.yaml: question "age": label.en: is missing'),
    ("missing skip label", delete_in(question, "needs", "skip"),
     'guide.yaml: question "needs": skip: is missing'),
    ("unknown service", set_in(step, "healthcare", "services", ["legevakt", "ambulance",
                                                                "helsenorge", "doctor-who"]),
     'guide.yaml: step "healthcare": services: "doctor-who" is not in services.yaml'),
    ("a service the rules need", set_in(step, "healthcare", "services", ["legevakt"]),
     'guide.yaml: step "healthcare": services: must include "ambulance"'),
    ("unknown channel", set_in(step, "return-home", "services",
                               [{"id": "udi", "channels": ["https://udi.no/x"]}, "iom"]),
     'guide.yaml: step "return-home": services: "udi" has no channel'),
    ("unknown source", set_in(step, "children", "source", ["brochure-children", "rumour"]),
     'guide.yaml: step "children": source: "rumour" is not in sources.yaml'),
    ("missing source", delete_in(step, "children", "source"),
     'guide.yaml: step "children": source: is missing'),
    ("missing step", lambda guide: guide["steps"].remove(step(guide, "guardian")),
     'guide.yaml: step "guardian": (entry): is missing'),
    ("unknown step", set_in(step, "guardian", "id", "guardians"),
     "guide.yaml: step #"),
    ("step twice", lambda guide: guide["steps"].append(step(guide, "talk")),
     'guide.yaml: step "talk": id: is listed twice'),
    ("unquoted yes", lambda guide: question(guide, "danger")["options"][0].update(id=True),
     'guide.yaml: question "danger": options[0].id: True must be quoted text'),
    ("missing option", lambda guide: question(guide, "residence")["options"].pop(),
     'guide.yaml: question "residence": options: option "unsure" is missing'),
    ("unknown option", lambda guide: question(guide, "age")["options"][0].update(id="child"),
     'guide.yaml: question "age": options[0].id: "child" is not one of'),
    ("number in a text", set_in(step, "talk", "title", {"en": "Call 22 33 11 60", "nb": "Ring"}),
     'guide.yaml: step "talk": title.en: the number \'22 33 11 60\' must not be written'),
    ("emergency number in a text", set_in(step, "report", "title", {"en": "Call 112", "nb": "x"}),
     'guide.yaml: step "report": title.en: the number \'112\''),
    ("link in a text", set_in(step, "talk", "body", {"en": "[ROSA](https://rosanorge.no)",
                                                     "nb": "ROSA"}),
     'guide.yaml: step "talk": body.en: must not contain links'),
    ("verdict", set_in(step, "talk", "body", {"en": "You are not a victim.", "nb": "Hei."}),
     "guide.yaml: step \"talk\": body.en: must never say 'you are not a victim'"),
    ("verdict in a translation",
     set_in(step, "talk", "body", {"en": "Talk to someone.", "nb": "Du er et offer."}),
     "translations/nb.yaml: step \"talk\": body.nb: must never say 'du er et offer'"),
    ("promise in a translation",
     set_in(step, "talk", "body", {"en": "Talk to someone.", "ru": "Вы получите разрешение."}),
     "translations/ru.yaml: step \"talk\": body.ru: must never say"),
    ("number in a translation",
     set_in(step, "talk", "title", {"en": "Talk to someone", "pl": "Zadzwoń 22 33 11 60"}),
     "translations/pl.yaml: step \"talk\": title.pl: the number"),
    ("unquoted date", set_in(step, "talk", "verified_on", datetime.date(2026, 11, 28)),
     'guide.yaml: step "talk": verified_on: must be quoted'),
    ("date in the future", set_in(step, "talk", "verified_on", "2099-01-01"),
     'guide.yaml: step "talk": verified_on: 2099-01-01 is in the future'),
    ("unknown field", set_in(step, "talk", "sevices", ["rosa"]),
     'guide.yaml: step "talk": sevices: is not a field the guide knows'),
    ("unknown language", set_in(step, "talk", "title", {"en": "Talk", "nb": "Snakk", "xx": "?"}),
     'guide.yaml: step "talk": title.xx: is not a content language'),
    ("missing ui text", lambda guide: guide["texts"].pop("submit"),
     "guide.yaml: texts: submit: is missing"),
    ("unknown top key", lambda guide: guide.update(extra=[]),
     "guide.yaml: (file): extra: is not one of"),
]  # fmt: skip


def test_the_shipped_guide_is_clean(seed_snapshot):
    assert check(seed_snapshot.content) == []


@pytest.mark.parametrize(("name", "change", "message"), BREAKS, ids=[b[0] for b in BREAKS])
def test_each_kind_of_mistake_is_named(seed_snapshot, name, change, message):
    found = problems_after(seed_snapshot.content, change)
    assert any(problem.startswith(message) for problem in found), found


def test_every_plan_needs_a_helpline_open_day_and_night(seed_snapshot):
    found = [str(p) for p in check(rosa_not_open_day_and_night(seed_snapshot.content))]
    assert any('step "rosa-first": services: offers no service open 24/7' in p for p in found)


def test_an_empty_guide_is_a_problem(seed_snapshot):
    content = dataclasses.replace(seed_snapshot.content, guide={})
    assert check(content) == [
        Problem("guide.yaml", "(file)", "(file)", "is missing or empty: the guide needs it")
    ]


def test_the_check_runs_with_every_content_validation(seed_snapshot):
    assert check in GUIDE_CHECKS
    content = dataclasses.replace(seed_snapshot.content, guide={})
    assert any(problem.file == "guide.yaml" for problem in validate(content))


def test_checkcontent_reports_a_broken_guide(tmp_path, capsys):
    directory = tmp_path / "content"
    shutil.copytree(settings.CONTENT_DIR, directory)
    path = directory / "guide.yaml"
    guide = yaml.safe_load(path.read_text())
    del step(guide, "lawyer")["title"]["en"]
    path.write_text(yaml.safe_dump(guide, allow_unicode=True, sort_keys=False))
    # (Each translation of the title then names a text with no English: 9 more problems.)
    with pytest.raises(CommandError, match="10 problem"):
        call_command("checkcontent", dir=directory)
    assert 'guide.yaml: step "lawyer": title.en: is missing' in capsys.readouterr().err
