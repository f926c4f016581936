"""A publish killed midway leaves the old snapshot or the new one current, never a mix."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time

import pytest

from tests import server

# Starts a server or manage.py process of its own: run on each database (tests/conftest.py).
pytestmark = pytest.mark.server

# Runs `publish` in a process of its own, pausing at one point of the way so that the
# test can kill it there. The pause is inside the publishing code path, not a mock of it.
PUBLISH_AND_PAUSE = textwrap.dedent(
    """
    import os, sys, time
    import django
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veiviser.settings")
    django.setup()
    from veiviser.content import models, publishing
    from veiviser.content.snapshot import Snapshot

    where = sys.argv[1]
    def pause():
        print("paused", flush=True)
        time.sleep(60)

    if where == "serialising":
        original_to_json = Snapshot.to_json
        def to_json(self):
            text = original_to_json(self)
            pause()
            return text
        Snapshot.to_json = to_json
    elif where == "before-commit":
        original_create = models.Snapshot.objects.create
        def create(**fields):
            row = original_create(**fields)
            pause()  # the row is written, the transaction not yet committed
            return row
        models.Snapshot.objects.create = create
    publishing.publish()
    print("published", flush=True)
    """
)


@pytest.fixture
def env(tmp_path):
    with server.database(tmp_path) as url:
        environment = server.environment(tmp_path, url)
        server.set_up(environment)  # version 1 is published
        yield environment


def latest(env: dict[str, str]) -> tuple[int, int]:
    """(latest version, number of snapshot rows), read by a fresh process."""
    out = server.manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from veiviser.content import models, publishing; "
        "v = publishing.latest_version(); publishing.load(v); "
        "print(v, models.Snapshot.objects.count())",
    )
    version, rows = out.split()
    return int(version), int(rows)


@pytest.mark.parametrize("where", ["serialising", "before-commit"])
def test_a_publish_killed_midway_leaves_the_old_snapshot_current(env, where):
    process = subprocess.Popen(
        [sys.executable, "-c", PUBLISH_AND_PAUSE, where],
        cwd=server.ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "paused"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    time.sleep(0.2)  # PostgreSQL notices the dead connection and rolls back
    assert latest(env) == (1, 1)
    # And the next publish is whole.
    server.manage(env, "publish")
    assert latest(env) == (2, 2)
