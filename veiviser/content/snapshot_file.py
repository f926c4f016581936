"""The newest published snapshot, kept as a file in VAR_DIR for a start without the database.

A process holds its snapshot in memory and keeps serving it when the database goes away;
but a worker that (re)starts while the database is unreachable had nothing to serve, and
answered 503 to everything. So every process that publishes a snapshot, or sees a newer
one, also writes it here, and a process that cannot read the database at start serves
the newest file instead (veiviser.content.current).

One file per version (`snapshot-<version>.json`), each written whole under a temporary
name and then renamed, so a reader never sees half a file; the newest version is found by
its name, so two processes writing at once can never make the kept version go backwards.
Only the newest few are kept.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import tempfile
from pathlib import Path

from django.conf import settings

from veiviser.content.snapshot import Snapshot

logger = logging.getLogger(__name__)

FOLDER = "snapshots"
NAME = re.compile(r"^snapshot-(\d+)\.json$")
KEEP = 3


def folder() -> Path:
    return Path(settings.VAR_DIR) / FOLDER


def versions(where: Path) -> list[int]:
    """The versions kept in `where`, newest first."""
    try:
        names = os.listdir(where)
    except FileNotFoundError:
        return []
    found = (NAME.match(name) for name in names)
    return sorted((int(match[1]) for match in found if match), reverse=True)


def write(snapshot: Snapshot) -> None:
    """Keeps `snapshot` (if not kept already), and drops all but the newest KEEP files.

    A failure is logged, never raised: serving and publishing go on without the file.
    """
    where = folder()
    target = where / f"snapshot-{snapshot.version}.json"
    if target.exists():
        return
    try:
        where.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=where, prefix=".snapshot-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(snapshot.to_json())
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        for old in versions(where)[KEEP:]:
            with contextlib.suppress(FileNotFoundError):
                (where / f"snapshot-{old}.json").unlink()
    except OSError as error:
        logger.warning("cannot keep snapshot %s in %s (%s)", snapshot.version, where, error)


def read_newest() -> Snapshot | None:
    """The newest kept snapshot that can be read, or None."""
    where = folder()
    for version in versions(where):
        try:
            return Snapshot.from_json((where / f"snapshot-{version}.json").read_text("utf-8"))
        except (OSError, ValueError, KeyError, TypeError) as error:
            logger.warning("kept snapshot %s cannot be read (%s)", version, type(error).__name__)
    return None
