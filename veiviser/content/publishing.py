"""Publishing: validate everything, freeze it, make it current in one step."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db import transaction
from django.db.models import Max

from veiviser.content import models, snapshot_file, store
from veiviser.content.problems import ContentError
from veiviser.content.snapshot import Snapshot
from veiviser.content.validation import validate


def latest_version() -> int | None:
    return models.Snapshot.objects.aggregate(latest=Max("version"))["latest"]


def load(version: int) -> Snapshot:
    return Snapshot.from_json(models.Snapshot.objects.get(version=version).data)


def publish(note: str = "") -> Snapshot:
    """Publish the editable content as the next version; nothing is published if invalid."""
    content = store.read_content()
    problems = validate(content)
    if problems:
        raise ContentError(problems)
    return _save(lambda version, now: Snapshot(version, now, content), note)


def rollback(version: int) -> Snapshot:
    """Publish an earlier version's content again, as a new version.

    Versions only grow, so every process notices the change the same way as a publish.
    The old content is not re-validated: a rollback undoes a bad publish at once, even
    when dates in the old content have aged since. The editable tables are set to the old
    content in the same transaction: otherwise the next publish (of any change) would
    bring back what was rolled back, a wrong phone number with it.
    """
    try:
        old = load(version)
    except models.Snapshot.DoesNotExist:
        raise LookupError(f"there is no published version {version}") from None
    with transaction.atomic():
        store.write_content(old.content)
        return _save(lambda new, now: Snapshot(new, now, old.content), f"rollback to {version}")


def _save(make: Callable[[int, str], Snapshot], note: str) -> Snapshot:
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    with transaction.atomic():
        # The version is the primary key: two publishes racing for the same number cannot
        # both succeed, and the loser's transaction writes nothing.
        snapshot = make((latest_version() or 0) + 1, now.isoformat())
        models.Snapshot.objects.create(
            version=snapshot.version, published_at=now, data=snapshot.to_json(), note=note
        )
        # Kept as a file too (a worker that starts without the database serves it), but
        # only once committed: a publish that fails or is rolled back leaves no file.
        transaction.on_commit(lambda: snapshot_file.write(snapshot))
    return snapshot
