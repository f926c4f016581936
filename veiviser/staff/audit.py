"""Writing to the audit trail, and reading it out as CSV for an administrator."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from veiviser.staff.models import AuditEntry

CSV_COLUMNS = ("at", "actor", "action", "subject", "detail")


def record(actor: Any, action: str, subject: str = "", **detail: Any) -> AuditEntry:
    """Append one entry. `actor` is a user or a name (a failed sign-in has only a name)."""
    name = actor if isinstance(actor, str) else actor.get_username()
    return AuditEntry.objects.create(
        actor=name[:150], action=action, subject=subject[:200], detail=detail
    )


def as_csv(entries: Iterable[AuditEntry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        writer.writerow(
            [entry.at.isoformat(), entry.actor, entry.action, entry.subject, entry.detail]
        )
    return out.getvalue()
