"""The re-check cycle: when each record is due to be checked against its source again.

Phone numbers and opening hours go stale fastest, so a service that has a phone channel or
hours is due every 6 months; everything else every 12. The date is the record's own
`verified_on`, the same one the public page shows as "Checked <date>".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from veiviser.content import models as content
from veiviser.content import publishing
from veiviser.staff import audit, proposals
from veiviser.staff.models import AuditEntry

SHORT = datetime.timedelta(days=183)  # phone numbers and hours: 6 months
LONG = datetime.timedelta(days=365)  # everything else: 12 months
SOON = datetime.timedelta(days=30)
CHECKED_MODELS = {
    "organisation": content.Organisation,
    "service": content.Service,
    "topic": content.Topic,
}


@dataclass(frozen=True)
class Due:
    model: str
    pk: int
    name: str
    organisation: str
    checked_on: datetime.date
    due_on: datetime.date
    checked_by: str  # who last said "checked" in the staff area ("" before any)


def interval(record: Any) -> datetime.timedelta:
    if isinstance(record, content.Service) and (
        record.hours or record.channels.filter(kind__in=("phone", "sms")).exists()
    ):
        return SHORT
    return LONG


def checked_by() -> dict[str, str]:
    """Who last marked each record checked, from the audit trail: "by whom" is recorded
    there, once, beside the date the record itself keeps (`verified_on`)."""
    latest: dict[str, str] = {}
    entries = AuditEntry.objects.filter(action=AuditEntry.CHECKED).order_by("at", "pk")
    for subject, actor in entries.values_list("subject", "actor"):
        latest[subject] = actor
    return latest


def schedule(organisations: set[str] | None = None) -> list[Due]:
    """Every checked record with its due date, soonest first (None: every organisation)."""
    who = checked_by()
    found = []
    for name, model in CHECKED_MODELS.items():
        for record in model.objects.all():
            owner = proposals.organisation_of(record)
            if organisations is not None and owner not in organisations:
                continue
            found.append(
                Due(
                    name,
                    record.pk,
                    record.slug,
                    owner,
                    record.verified_on,
                    record.verified_on + interval(record),
                    who.get(f"{name} {record.slug}", ""),
                )
            )
    return sorted(found, key=lambda due: (due.due_on, due.model, due.name))


def overdue(dues: list[Due], today: datetime.date) -> list[Due]:
    return [due for due in dues if due.due_on < today]


def due_soon(dues: list[Due], today: datetime.date) -> list[Due]:
    return [due for due in dues if today <= due.due_on <= today + SOON]


def mark_checked(user: Any, model: str, pk: int, today: datetime.date) -> None:
    """ "Checked today, nothing changed": only the date moves, so no second person is
    needed; it is recorded in the audit and published, so the public page says so."""
    record_model = CHECKED_MODELS[model]
    with transaction.atomic():
        record = record_model.objects.select_for_update().get(pk=pk)
        before = record.verified_on
        record.verified_on = today
        record.save(update_fields=["verified_on"])
        snapshot = publishing.publish(note=f"checked {model} {record.slug}")
        audit.record(
            user,
            AuditEntry.CHECKED,
            f"{model} {record.slug}",
            before=before.isoformat(),
            after=today.isoformat(),
            version=snapshot.version,
        )
