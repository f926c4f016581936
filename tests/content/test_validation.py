"""The whole-content checks: what stops a publish, and what is only an editor's task.

The clock is frozen (tests/conftest.py: the day the seed was last checked); these tests
move it on to see what happens to an unchanged checkout a year later.
"""

from __future__ import annotations

import dataclasses
import datetime
import shutil
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from veiviser.content import publishing, validation
from veiviser.content.records import Content
from veiviser.content.seed import read_seed

A_YEAR_AND_A_DAY = datetime.timedelta(days=366)


def move_clock(monkeypatch: pytest.MonkeyPatch, day: datetime.date) -> None:
    monkeypatch.setattr(validation, "today", lambda: day)


def copy_seed(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(settings.CONTENT_DIR, target)
    return target


def set_date(directory: Path, file: str, key: str, ident: str, date: str) -> None:
    path = directory / file
    data = yaml.safe_load(path.read_text())
    next(item for item in data[key] if item["id"] == ident)["verified_on"] = (
        date if file == "guide.yaml" else datetime.date.fromisoformat(date)
    )
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


@pytest.mark.django_db
def test_a_year_later_an_unchanged_checkout_still_checks_loads_and_publishes(
    monkeypatch, capsys, seed_checked_on
):
    move_clock(monkeypatch, seed_checked_on + A_YEAR_AND_A_DAY)
    call_command("checkcontent")  # exits 0: overdue checks are warnings
    out, err = capsys.readouterr()
    assert "clean" in out and "overdue check(s)" in out
    assert 'warning: services.yaml: service "rosa": verified_on: last checked' in err
    assert 'warning: guide.yaml: step "lawyer": verified_on: last checked' in err
    call_command("loadcontent")
    assert publishing.publish().version >= 1


def test_strict_fails_on_overdue_checks(monkeypatch, seed_checked_on):
    move_clock(monkeypatch, seed_checked_on + A_YEAR_AND_A_DAY)
    with pytest.raises(CommandError, match=r"overdue check\(s\).*--strict"):
        call_command("checkcontent", strict=True)


def test_strict_passes_when_nothing_is_overdue(capsys):
    call_command("checkcontent", strict=True)
    out, err = capsys.readouterr()
    assert "clean" in out and "overdue" not in out and "warning" not in err


def test_overdue_checks_are_listed_oldest_first(tmp_path, capsys):
    directory = copy_seed(tmp_path)
    set_date(directory, "services.yaml", "services", "iom", "2025-03-01")
    set_date(directory, "guide.yaml", "steps", "talk", "2024-06-01")
    set_date(directory, "topics.yaml", "topics", "guardian", "2025-01-15")
    call_command("checkcontent", dir=directory)  # the clock: the seed's newest date
    warnings = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert [line.split(": verified_on")[0] for line in warnings] == [
        'warning: guide.yaml: step "talk"',
        'warning: topics.yaml: topic "guardian"',
        'warning: services.yaml: service "iom"',
    ]
    assert warnings[0].endswith(
        "last checked 2024-06-01, more than a year ago: check it against its sources"
    )
    content, _ = read_seed(directory)
    assert [item.verified_on.isoformat() for item in validation.overdue(content)] == [
        "2024-06-01",
        "2025-01-15",
        "2025-03-01",
    ]
    # A day before the iom record's first birthday, it is not yet overdue.
    assert len(validation.overdue(content, datetime.date(2026, 3, 1))) == 2


def test_nothing_in_the_shipped_seed_is_overdue_or_dated_in_the_future(seed_snapshot):
    content = seed_snapshot.content
    assert validation.overdue(content) == []
    assert validation.validate(content) == []


# --- Channels -----------------------------------------------------------------------------
def replace_channel(content: Content, service_id: str, index: int, **changes) -> Content:
    services = []
    for service in content.services:
        if service.id == service_id:
            channels = list(service.channels)
            channels[index] = dataclasses.replace(channels[index], **changes)
            service = dataclasses.replace(service, channels=tuple(channels))
        services.append(service)
    return dataclasses.replace(content, services=tuple(services))


def channel_index(content: Content, service_id: str, kind: str) -> int:
    service = next(s for s in content.services if s.id == service_id)
    return next(i for i, c in enumerate(service.channels) if c.kind == kind)


def test_a_number_that_shows_other_digits_than_it_dials_is_a_problem(seed_snapshot):
    content = seed_snapshot.content
    index = channel_index(content, "rosa", "phone")
    broken = replace_channel(content, "rosa", index, display="22 33 11 61")
    assert [str(p) for p in validation.validate(broken)] == [
        f"services.yaml: service \"rosa\": channels[{index}].value: shows '22 33 11 61' "
        "but dials '+4722331160'"
    ]


@pytest.mark.parametrize(("service", "kind"), [("volinjen", "chat"), ("alarmtelefonen", "sms")])
def test_a_chat_or_sms_of_a_service_open_24_7_must_give_its_own_hours(seed_snapshot, service, kind):
    content = seed_snapshot.content
    index = channel_index(content, service, kind)
    broken = replace_channel(content, service, index, hours=None)
    assert any(
        p.entry == f'service "{service}"' and p.field == f"channels[{index}].hours"
        for p in validation.validate(broken)
    )


def test_volinjens_chat_is_not_shown_as_open_day_and_night(seed_snapshot):
    volinjen = seed_snapshot.services["volinjen"]
    assert volinjen.open_24_7  # the phone line
    chat = next(c for c in volinjen.channels if c.kind == "chat")
    phone = next(c for c in volinjen.channels if c.kind == "phone")
    assert chat.hours is not None and phone.hours is not None
    assert "volinjen.no" in chat.hours["en"] and "day and night" not in chat.hours["en"]
    assert "day and night" in phone.hours["en"].lower()
