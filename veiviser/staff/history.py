"""What the staff area tells `loadcontent` about the editors' work in the database."""

from __future__ import annotations

from django.db import transaction
from django.db.utils import DatabaseError

from veiviser.staff.models import AuditEntry, Proposal

# What changed the content in the database without a proposal: a check recorded (its
# date), a language signed off. Sign-ins and role changes are history of the staff, not of
# the content, and loading the seed files again cannot lose them.
CONTENT_WORK = (AuditEntry.CHECKED, AuditEntry.LANGUAGE_REVIEWED, AuditEntry.ROLLED_BACK)


def editorial_history() -> str | None:
    """ "3 proposal(s), 2 check(s) or sign-off(s)", or None when editors have done nothing.

    A database without the staff tables (not migrated yet) holds no history; the savepoint
    keeps loadcontent's transaction usable on PostgreSQL after that error.
    """
    try:
        with transaction.atomic():
            proposed = Proposal.objects.count()
            worked = AuditEntry.objects.filter(action__in=CONTENT_WORK).count()
    except DatabaseError:
        return None
    if not (proposed or worked):
        return None
    return f"{proposed} proposal(s), {worked} check(s), sign-off(s) or rollback(s)"
