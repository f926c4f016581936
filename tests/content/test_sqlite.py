"""A missing SQLite file is an error that says what to do, never a new empty database;
only `manage.py migrate` creates it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db.utils import ConnectionHandler

from tests import server
from veiviser.content.sqlite.base import DatabaseWrapper, MissingDatabase

# Starts a server or manage.py process of its own: run on each database (tests/conftest.py).
pytestmark = pytest.mark.server


def test_connecting_to_a_missing_file_is_refused(tmp_path: Path) -> None:
    name = tmp_path / "gone.sqlite3"
    wrapper = ConnectionHandler(
        {"default": {"ENGINE": "veiviser.content.sqlite", "NAME": str(name)}}
    )["default"]
    assert isinstance(wrapper, DatabaseWrapper)
    with pytest.raises(MissingDatabase, match="does not exist; create it with `make setup`"):
        wrapper.get_new_connection(wrapper.get_connection_params())
    assert not name.exists()


def test_commands_refuse_a_missing_file_and_migrate_creates_it(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite3"
    # A SQLite file of its own, whatever DATABASE_URL the suite runs on.
    env = server.environment(tmp_path, f"sqlite:///{database}")
    for command in ("publish", "loadcontent", "ensurecontent"):
        result = server.run_manage(env, command)
        assert result.returncode != 0, command
        assert f"the SQLite database {database} does not exist" in result.stderr, command
        assert not database.exists(), f"{command} created an empty database"
    created = server.run_manage(env, "migrate", "--noinput")
    assert created.returncode == 0, created.stderr
    assert f"Created the SQLite database {database}" in created.stdout
    assert database.exists()
    again = server.run_manage(env, "migrate", "--noinput")
    assert "Created" not in again.stdout
