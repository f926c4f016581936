"""Each process holds a snapshot, picks up a newer one within the poll interval, and keeps
serving what it holds when the database cannot answer."""

import pytest
from django.core.management import call_command
from django.db import OperationalError

from veiviser.content import current as current_module
from veiviser.content import publishing
from veiviser.content.current import CurrentSnapshot, NoSnapshot

pytestmark = pytest.mark.django_db


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def holder(clock):
    return CurrentSnapshot(poll_seconds=lambda: 5, clock=clock)


def test_nothing_published_is_a_clear_error(holder):
    with pytest.raises(NoSnapshot):
        holder.get()


def test_a_new_version_is_served_within_the_poll_interval(holder, clock, django_assert_num_queries):
    call_command("loadcontent")
    publishing.publish()
    assert holder.get().version == 1
    publishing.publish()
    clock.now += 4.9
    with django_assert_num_queries(0):  # within the interval, no query at all
        assert holder.get().version == 1
    clock.now += 0.2
    assert holder.get().version == 2


def test_the_held_snapshot_is_served_while_the_database_fails(holder, clock, monkeypatch):
    call_command("loadcontent")
    publishing.publish()
    assert holder.get().version == 1

    def unreachable():
        raise OperationalError("connection refused")

    monkeypatch.setattr(publishing, "latest_version", unreachable)
    for _ in range(3):
        clock.now += 10
        assert holder.get().version == 1
    monkeypatch.undo()
    publishing.publish()
    clock.now += 10
    assert holder.get().version == 2  # and it recovers when the database is back


@pytest.fixture
def tidied(monkeypatch):
    """Counts Django's connection housekeeping done by the poll."""
    calls = []
    monkeypatch.setattr(current_module, "close_old_connections", lambda: calls.append(1))
    return calls


@pytest.mark.django_db(transaction=True)
def test_the_poll_tidies_connections_as_django_does_around_a_request(holder, tidied):
    # Cached pages never reach Django, so the poll is where a connection that broke or
    # outlived CONN_MAX_AGE gets closed: before the query and after it.
    with pytest.raises(NoSnapshot):
        holder.get()
    assert len(tidied) == 2


def test_the_poll_never_closes_a_connection_inside_a_transaction(holder, tidied):
    # This test runs inside a transaction (pytest-django's default); closing would end it.
    with pytest.raises(NoSnapshot):
        holder.get()
    assert tidied == []
