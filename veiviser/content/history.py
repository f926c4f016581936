"""Whether the database holds editorial history that loading the seed files would overwrite.

The seed files are import and export (`loadcontent`, `exportcontent`); once editors work in
the database (the editorial system's proposals, reviews and audit trail), loading the
files again would silently replace their work. Content does not know the editorial
system, so the system tells it: an app registers a check, a callable that returns a short
description of the history the database holds ("3 proposals, 12 audit records") or None
when there is none. `loadcontent` refuses to change anything while any check describes
history, unless given --force-overwrite-history.

The staff app registers its check once, in its AppConfig.ready():

    from veiviser.content import history
    history.register(staff_history)   # def staff_history() -> str | None

A check runs inside `loadcontent`'s transaction and may query the database.
"""

from __future__ import annotations

from collections.abc import Callable

Check = Callable[[], str | None]

_checks: list[Check] = []


def register(check: Check) -> Check:
    """Add a check (once, however often an app's ready() runs); returns it, so it can
    also be used as a decorator."""
    if check not in _checks:
        _checks.append(check)
    return check


def unregister(check: Check) -> None:
    if check in _checks:
        _checks.remove(check)


def describe() -> list[str]:
    """What each registered check says the database holds; empty when there is no history."""
    return [found for check in list(_checks) if (found := check())]
