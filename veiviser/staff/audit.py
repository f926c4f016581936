"""Writing to the audit trail, and reading it out as CSV for an administrator."""

from __future__ import annotations

import csv
import io
import json
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


# A spreadsheet runs a cell that starts with one of these as a formula; a reason typed
# by anyone could start so. Such a cell is written with a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def as_csv(entries: Iterable[AuditEntry]) -> str:
    """Every entry, oldest first as given, for an administrator's spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        writer.writerow(
            [
                entry.at.isoformat(),
                _cell(entry.actor),
                entry.action,
                _cell(entry.subject),
                _cell(entry.detail),
            ]
        )
    return out.getvalue()
