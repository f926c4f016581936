"""The snapshot each process holds in memory, refreshed from the database now and then.

A public request reads the held snapshot. At most every SNAPSHOT_POLL_SECONDS, one request
asks the database for the latest version number (one small query) and loads the new
snapshot if there is one. If the database cannot answer, the process keeps serving what
it holds and tries again after the same interval; and if it holds nothing yet (a worker
that starts while the database is unreachable), it serves the newest snapshot kept in
VAR_DIR (veiviser.content.snapshot_file), which it writes itself whenever it sees a newer
version.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import close_old_connections, connections

from veiviser.content import publishing, snapshot_file
from veiviser.content.snapshot import Snapshot
from veiviser.content.sqlite.base import MissingDatabase

logger = logging.getLogger(__name__)


class NoSnapshot(LookupError):
    """Nothing has been published yet (or the database was unreachable from the start)."""


class CurrentSnapshot:
    def __init__(
        self,
        poll_seconds: Callable[[], float] = lambda: settings.SNAPSHOT_POLL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._poll_seconds = poll_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        self._snapshot: Snapshot | None = None
        self._next_check = 0.0
        self._failing = False

    def hold(self, snapshot: Snapshot, poll: bool = False) -> None:
        """Serve `snapshot` from now on; without `poll`, never ask the database again.

        For rendering from a snapshot outside the database (tests, the static export).
        """
        self._snapshot = snapshot
        self._next_check = self._clock() if poll else float("inf")

    def get(self) -> Snapshot:
        stale = self._snapshot is None or self._clock() >= self._next_check
        # One thread refreshes; the others go on with what is held.
        if stale and self._lock.acquire(blocking=self._snapshot is None):
            try:
                self._refresh()
            finally:
                self._lock.release()
        if self._snapshot is None:
            raise NoSnapshot("no snapshot has been published")
        return self._snapshot

    def _refresh(self) -> None:
        self._next_check = self._clock() + self._poll_seconds()
        try:
            # Most requests never reach Django (veiviser.web.page_cache), so the connection
            # housekeeping Django does at the start and end of a request is done around
            # the poll too: a connection that broke, or outlived CONN_MAX_AGE, is closed.
            _tidy_connections()
            version = publishing.latest_version()
            if version is not None and (
                self._snapshot is None or version != self._snapshot.version
            ):
                self._snapshot = publishing.load(version)
                logger.info("serving snapshot %s", version)
                snapshot_file.write(self._snapshot)
        except Exception as error:
            # Whatever failed (database down, file moved, bad row): keep serving what we hold.
            if not self._failing:
                logger.warning(
                    "cannot check for a new snapshot (%s); serving the one held",
                    _reason(error),
                )
            self._failing = True
            if self._snapshot is None:
                self._start_from_file()
            return
        finally:
            with contextlib.suppress(Exception):
                _tidy_connections()
        self._failing = False

    def _start_from_file(self) -> None:
        kept = snapshot_file.read_newest()
        if kept is not None:
            self._snapshot = kept
            logger.warning(
                "the database cannot be read: serving snapshot %s kept in %s until it can",
                kept.version,
                snapshot_file.folder(),
            )


def _reason(error: Exception) -> str:
    # Only the kind of error, as a rule: a driver's message may hold a connection string.
    # Veiviser's own errors say what to do, and hold nothing secret.
    return str(error) if isinstance(error, MissingDatabase) else type(error).__name__


def _tidy_connections() -> None:
    # Never inside a transaction: a test runs in one, and closing its connection would end
    # it (Django's test client leaves this housekeeping out for the same reason).
    if not any(connection.in_atomic_block for connection in connections.all()):
        close_old_connections()


current = CurrentSnapshot()


def get_snapshot() -> Snapshot:
    return current.get()
