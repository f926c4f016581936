"""Snapshots across real processes: granian serving while another process publishes, and
while the database is gone."""

from __future__ import annotations

import re
import shutil
import time

import pytest

from tests import routes, server

# Starts a server or manage.py process of its own: run on each database (tests/conftest.py).
pytestmark = pytest.mark.server

POLL_SECONDS = 1.0


def version_served(app: server.Server) -> int:
    status, html = app.get("/en/privacy/")
    assert status == 200
    found = re.search(r"Content version (\d+)", html)
    assert found, "the footer names the content version"
    return int(found.group(1))


@pytest.fixture
def app(tmp_path):
    """A set-up server (granian, one worker) with its env, over a database of its own."""
    with server.database(tmp_path) as url:
        env = server.environment(tmp_path, url, SNAPSHOT_POLL_SECONDS=str(POLL_SECONDS))
        server.set_up(env)
        with server.serve(env) as running:
            yield running, env


def test_a_publish_by_another_process_is_served_within_the_poll_interval(app):
    running, env = app
    assert version_served(running) == 1
    server.manage(env, "publish")
    published = time.monotonic()
    while version_served(running) != 2:
        assert time.monotonic() - published < POLL_SECONDS + 2, "new version not served in time"
        time.sleep(0.05)
    # Rolling back is served the same way.
    server.manage(env, "rollback", "1")
    rolled = time.monotonic()
    while version_served(running) != 3:
        assert time.monotonic() - rolled < POLL_SECONDS + 2
        time.sleep(0.05)


@pytest.fixture
def app_losing_its_database(tmp_path):
    """A running server, and a function that takes its database away: the SQLite file is
    moved, or PostgreSQL's connections are cut and refused."""
    with server.database(tmp_path) as url:
        env = server.environment(tmp_path, url, SNAPSHOT_POLL_SECONDS=str(POLL_SECONDS))
        server.set_up(env)
        if not server.uses_postgres():
            with server.serve(env) as running:
                db = tmp_path / "db.sqlite3"
                yield running, lambda: shutil.move(db, tmp_path / "moved-away.sqlite3")
            return
        config = server.dj_database_url.parse(url)
        proxy = server.TcpProxy(config["HOST"], int(config["PORT"]))
        env["DATABASE_URL"] = server.through_proxy(url, proxy)
        with server.serve(env) as running:
            yield running, proxy.cut


def test_every_public_page_is_served_with_the_database_gone(app_losing_its_database):
    running, take_database_away = app_losing_its_database
    before = {}
    for route in routes.pages():  # every page once, so each is known to work before
        status, before[route.path] = running.get(route.path)
        assert status == 200, route.path
    take_database_away()
    time.sleep(POLL_SECONDS * 2)  # let the process try, and fail, to poll
    for path, html in before.items():
        status, after = running.get(path)
        assert status == 200, f"{path} answered {status} with the database gone"
        assert after == html, f"{path} changed with the database gone"
    assert "cannot check for a new snapshot" in running.output()


def test_a_server_that_starts_without_the_database_serves_the_last_snapshot(tmp_path):
    """Before: a worker that (re)started while the database was unreachable answered 503 to
    everything. Now it serves the snapshot kept in VAR_DIR, and says so once."""
    with server.database(tmp_path) as url:
        env = server.environment(tmp_path, url, SNAPSHOT_POLL_SECONDS=str(POLL_SECONDS))
        server.set_up(env)
        server.manage(env, "publish")  # version 2: the newest is the one kept
        database = tmp_path / "db.sqlite3"
        if server.uses_postgres():
            config = server.dj_database_url.parse(url)
            proxy = server.TcpProxy(config["HOST"], int(config["PORT"]))
            env["DATABASE_URL"] = server.through_proxy(url, proxy)
            proxy.cut()
        else:
            shutil.move(database, tmp_path / "moved-away.sqlite3")
        with server.serve(env) as running:
            assert version_served(running) == 2
            for route in routes.pages():
                status, _ = running.get(route.path)
                assert status == 200, route.path
            time.sleep(POLL_SECONDS * 2)  # a few more failed polls: still said only once
            assert version_served(running) == 2
            output = running.output()
        said = re.findall(r"serving snapshot 2 kept in \S+ until it can", output)
        assert len(said) == 1, output
        if not server.uses_postgres():
            # The missing file is named as the error, and not re-created empty.
            assert f"the SQLite database {database} does not exist" in output
            assert not database.exists()
