"""The newest published snapshot is kept in VAR_DIR, and a process that starts while the
database cannot be read serves it instead of answering 503."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import OperationalError

from veiviser.content import publishing, snapshot_file
from veiviser.content.current import CurrentSnapshot, NoSnapshot
from veiviser.content.snapshot import Snapshot


@pytest.fixture
def var(settings, tmp_path: Path) -> Path:
    settings.VAR_DIR = tmp_path
    return tmp_path / snapshot_file.FOLDER


def versions_of(seed: Snapshot, *numbers: int) -> list[Snapshot]:
    return [replace(seed, version=number) for number in numbers]


def test_the_newest_kept_snapshot_is_read_back_whole(var: Path, seed_snapshot: Snapshot) -> None:
    for snapshot in versions_of(seed_snapshot, 2, 7, 5):
        snapshot_file.write(snapshot)
    newest = snapshot_file.read_newest()
    assert newest is not None
    assert newest.version == 7
    assert newest.content == seed_snapshot.content
    # No temporary file is left behind.
    assert sorted(path.name for path in var.iterdir()) == [
        "snapshot-2.json",
        "snapshot-5.json",
        "snapshot-7.json",
    ]


def test_only_the_newest_few_are_kept(var: Path, seed_snapshot: Snapshot) -> None:
    for snapshot in versions_of(seed_snapshot, *range(1, 10)):
        snapshot_file.write(snapshot)
    assert snapshot_file.versions(var) == [9, 8, 7][: snapshot_file.KEEP]


def test_an_older_version_written_late_never_hides_the_newer(
    var: Path, seed_snapshot: Snapshot
) -> None:
    # Two processes: one saw version 6 and wrote it, a slower one writes version 5 after.
    for snapshot in versions_of(seed_snapshot, 6, 5):
        snapshot_file.write(snapshot)
    newest = snapshot_file.read_newest()
    assert newest is not None and newest.version == 6


def test_a_damaged_file_is_passed_over_for_the_next_one(
    var: Path, seed_snapshot: Snapshot, caplog: pytest.LogCaptureFixture
) -> None:
    for snapshot in versions_of(seed_snapshot, 3, 4):
        snapshot_file.write(snapshot)
    (var / "snapshot-4.json").write_text('{"version": 4, "content": {', encoding="utf-8")
    newest = snapshot_file.read_newest()
    assert newest is not None and newest.version == 3
    assert "kept snapshot 4 cannot be read" in caplog.text


def test_nothing_kept_is_none(var: Path) -> None:
    assert snapshot_file.read_newest() is None


def test_a_folder_that_cannot_be_written_is_logged_not_raised(
    settings, tmp_path: Path, seed_snapshot: Snapshot, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    settings.VAR_DIR = blocker  # a file where the folder should be
    snapshot_file.write(seed_snapshot)
    assert "cannot keep snapshot 1" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_publishing_and_rolling_back_keep_the_new_version(var: Path) -> None:
    call_command("loadcontent")
    publishing.publish()
    publishing.publish()
    publishing.rollback(1)
    assert snapshot_file.versions(var) == [3, 2, 1]
    kept = snapshot_file.read_newest()
    assert kept is not None and kept == publishing.load(3)


@pytest.mark.django_db
def test_a_publish_that_is_rolled_back_keeps_no_file(var: Path) -> None:
    # Inside a transaction that never commits (the test's), nothing is written.
    call_command("loadcontent")
    publishing.publish()
    assert snapshot_file.versions(var) == []


class Clock:
    now = 1000.0

    def __call__(self) -> float:
        return self.now


def unreachable() -> None:
    raise OperationalError("connection refused")


@pytest.mark.django_db
def test_a_process_that_starts_without_the_database_serves_the_kept_snapshot(
    var: Path, seed_snapshot: Snapshot, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    snapshot_file.write(replace(seed_snapshot, version=4))
    monkeypatch.setattr(publishing, "latest_version", unreachable)
    clock = Clock()
    holder = CurrentSnapshot(poll_seconds=lambda: 5, clock=clock)
    with caplog.at_level(logging.INFO, logger="veiviser.content.current"):
        assert holder.get().version == 4
        for _ in range(3):
            clock.now += 10
            assert holder.get().version == 4
    said = [r.getMessage() for r in caplog.records if "kept in" in r.getMessage()]
    assert said == [f"the database cannot be read: serving snapshot 4 kept in {var} until it can"]
    # ... and the database's own newer version once it answers again.
    monkeypatch.undo()
    call_command("loadcontent")
    publishing.publish()  # version 1 in this test's database: different, so it is served
    clock.now += 10
    assert holder.get().version == 1


@pytest.mark.django_db
def test_without_a_kept_snapshot_it_is_still_503(var: Path, monkeypatch) -> None:
    monkeypatch.setattr(publishing, "latest_version", unreachable)
    holder = CurrentSnapshot(poll_seconds=lambda: 5, clock=Clock())
    with pytest.raises(NoSnapshot):
        holder.get()


@pytest.mark.django_db
def test_a_reachable_database_with_nothing_published_is_not_overruled(var, seed_snapshot):
    # The file is for a database that cannot be read, not for one that says "nothing".
    snapshot_file.write(seed_snapshot)
    holder = CurrentSnapshot(poll_seconds=lambda: 5, clock=Clock())
    with pytest.raises(NoSnapshot):
        holder.get()
