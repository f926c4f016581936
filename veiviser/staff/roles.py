"""Who may do what: one function per question, used by every view and admin action."""

from __future__ import annotations

from typing import Any

from veiviser.staff.models import Proposal, Role


def _roles(user: Any) -> list[Role]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_staff_roles", None)
    if cached is None:
        cached = list(Role.objects.filter(user=user))
        user._staff_roles = cached
    return cached


def kinds(user: Any) -> set[str]:
    return {role.kind for role in _roles(user)}


def is_staff_member(user: Any) -> bool:
    return bool(_roles(user))


def is_administrator(user: Any) -> bool:
    return Role.ADMINISTRATOR in kinds(user)


def organisations(user: Any) -> set[str]:
    return {role.organisation for role in _roles(user) if role.kind == Role.EDITOR}


def languages(user: Any) -> set[str]:
    return {role.language for role in _roles(user) if role.kind == Role.TRANSLATOR}


def can_review(user: Any) -> bool:
    return bool(kinds(user) & {Role.ADMINISTRATOR, Role.REVIEWER})


def can_edit_organisation(user: Any, organisation: str) -> bool:
    """May propose changes to this organisation's entries (organisation, services, channels)."""
    return is_administrator(user) or organisation in organisations(user)


def can_edit_texts(user: Any) -> bool:
    """May propose changes to records that belong to no organisation (topics, sources, the
    guide's and frontline's texts): administrators only; translators through their language."""
    return is_administrator(user)


def can_translate(user: Any, language: str) -> bool:
    return is_administrator(user) or language in languages(user)


def can_decide(user: Any, proposal: Proposal) -> bool:
    """Approve or reject: a reviewer or administrator, never on their own proposal."""
    return can_review(user) and proposal.proposed_by_id != user.pk


def can_read_audit(user: Any) -> bool:
    return is_administrator(user)


def can_propose_rollback(user: Any) -> bool:
    return is_administrator(user)
