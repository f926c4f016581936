"""Proposals: every change to the content waits for a second person, then is applied and
published in one transaction.

Approving takes a row lock (select_for_update) on each proposal, then checks it is still
waiting: two reviewers approving at the same moment wait for each other, and the second
finds the proposal decided and publishes nothing. A proposal whose change would make the
content invalid is refused with the validation's message, and the transaction leaves the
tables, the proposals and the snapshots as they were.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from veiviser.content import po, publishing, store
from veiviser.content.problems import ContentError
from veiviser.content.snapshot import Snapshot
from veiviser.staff import audit, roles
from veiviser.staff.models import AuditEntry, Proposal

# The content models staff may change, and the fields of each a proposal may carry.
EDITABLE: dict[str, tuple[str, ...]] = {
    "organisation": ("name", "description", "website", "authority", "sources", "notes"),
    "service": (
        "name",
        "description",
        "audience",
        "anonymous",
        "free",
        "interpreter",
        "languages",
        "open_24_7",
        "hours",
        "sources",
        "notes",
    ),
    "channel": ("kind", "value", "label", "hours", "note"),
    "topic": ("title", "summary", "body", "services", "sources", "notes"),
    "source": ("title", "section", "url"),
    "guidetext": ("data",),
    "frontlinetext": ("data",),
}


class Refused(Exception):
    """A proposal or decision that cannot be made; the message says why, for the user."""


def content_model(name: str) -> type[models.Model]:
    if name not in EDITABLE:
        raise Refused(_("This kind of record cannot be changed here."))
    return apps.get_model("content", name)


def organisation_of(instance: models.Model) -> str:
    """The organisation an entry belongs to ("" for texts that belong to none)."""
    name = instance._meta.model_name
    if name == "organisation":
        return instance.slug
    if name == "service":
        return instance.organisation.slug
    if name == "channel":
        return instance.service.organisation.slug
    return ""


def _json(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def field_values(instance: models.Model) -> dict[str, Any]:
    fields = EDITABLE[instance._meta.model_name]
    return {
        name: _json(instance._meta.get_field(name).value_from_object(instance)) for name in fields
    }


def changes_to(saved: models.Model, after: dict[str, Any]) -> dict[str, Any]:
    """The editable fields of `after` whose value differs from the saved record's:
    {field: {"before": ..., "after": ...}}, values as JSON, as a proposal keeps them."""
    before = field_values(saved)
    return {
        field: {"before": before[field], "after": _json(after[field])}
        for field in EDITABLE[saved._meta.model_name]
        if field in after and _json(after[field]) != before[field]
    }


def changed_languages(before: Any, after: Any, codes: set[str]) -> set[str] | None:
    """The language codes whose texts differ between two values, or None when anything
    other than a language's text differs (a number, a structure, a field of its own)."""
    if before == after:
        return set()
    if isinstance(before, dict) and isinstance(after, dict):
        found: set[str] = set()
        for key in set(before) | set(after):
            old, new = before.get(key), after.get(key)
            if old == new:
                continue
            if key in codes and isinstance(old, str | None) and isinstance(new, str | None):
                found.add(key)
                continue
            inner = changed_languages(old, new, codes)
            if inner is None:
                return None
            found |= inner
        return found
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        found = set()
        for old, new in zip(before, after, strict=True):
            inner = changed_languages(old, new, codes)
            if inner is None:
                return None
            found |= inner
        return found
    return None


def may_propose(user: Any, instance: models.Model, changes: dict[str, Any]) -> bool:
    """Editors their organisation's entries; translators their language's texts only."""
    organisation = organisation_of(instance)
    if organisation and roles.can_edit_organisation(user, organisation):
        return True
    if not organisation and roles.can_edit_texts(user):
        return True
    mine = roles.languages(user)
    if not mine:
        return False
    from django.conf import settings

    codes = {code for code, _name in settings.LANGUAGES}
    for change in changes.values():
        found = changed_languages(change["before"], change["after"], codes)
        if found is None or not found <= mine:
            return False
    return True


def propose(user: Any, instance: models.Model, after: dict[str, Any], reason: str) -> Proposal:
    """Record a change to `instance` (unsaved values in `after`); nothing is applied yet."""
    if not reason.strip():
        raise Refused(_("Say why this change is needed."))
    name = instance._meta.model_name
    model = content_model(name)
    saved = model.objects.get(pk=instance.pk)
    changes = changes_to(saved, after)
    if not changes:
        raise Refused(_("Nothing was changed."))
    if not may_propose(user, saved, changes):
        raise Refused(_("You may not change this record."))
    proposal = Proposal.objects.create(
        model=name,
        object_id=saved.pk,
        subject=channel_subject(saved.service.slug, field_values(saved))
        if name == "channel"
        else f"{name} {saved}"[:200],
        organisation=organisation_of(saved),
        changes=changes,
        reason=reason,
        proposed_by=user,
    )
    audit.record(user, AuditEntry.PROPOSED, str(proposal), fields=sorted(changes))
    return proposal


def channel_subject(service: str, values: dict[str, Any]) -> str:
    return f"channel of {service}: {values.get('kind')}: {values.get('value')}"[:200]


def propose_new_channel(
    user: Any, service: models.Model, values: dict[str, Any], reason: str
) -> Proposal:
    """A new channel for `service` (its fields in `values`), shown last among its channels
    once a second person approves it."""
    organisation = organisation_of(service)
    if not roles.can_edit_organisation(user, organisation):
        raise Refused(_("You may not change this record."))
    if not reason.strip():
        raise Refused(_("Say why this change is needed."))
    after = {field: _json(values.get(field)) for field in EDITABLE["channel"]}
    proposal = Proposal.objects.create(
        kind=Proposal.ADD,
        model="channel",
        subject=channel_subject(service.slug, after),
        organisation=organisation,
        # The service first, so the review reads "service: rosa" above the fields.
        changes={
            "service": {"before": None, "after": service.slug},
            **{field: {"before": None, "after": value} for field, value in after.items()},
        },
        reason=reason,
        proposed_by=user,
    )
    audit.record(user, AuditEntry.PROPOSED, str(proposal), fields=sorted(after))
    return proposal


def propose_removal(user: Any, channel: models.Model, reason: str) -> Proposal:
    """Remove a channel that closed; the review shows everything that goes with it."""
    organisation = organisation_of(channel)
    if not roles.can_edit_organisation(user, organisation):
        raise Refused(_("You may not change this record."))
    if not reason.strip():
        raise Refused(_("Say why this change is needed."))
    before = field_values(channel)
    proposal = Proposal.objects.create(
        kind=Proposal.REMOVE,
        model="channel",
        object_id=channel.pk,
        subject=channel_subject(channel.service.slug, before),
        organisation=organisation,
        changes={field: {"before": value, "after": None} for field, value in before.items()},
        reason=reason,
        proposed_by=user,
    )
    audit.record(user, AuditEntry.PROPOSED, str(proposal), fields=sorted(before))
    return proposal


def _add_channel(proposal: Proposal) -> None:
    values = {field: change["after"] for field, change in proposal.changes.items()}
    service = content_model("service").objects.filter(slug=values.pop("service")).first()
    if service is None:
        raise Refused(_("The record of proposal #%(id)s no longer exists.") % {"id": proposal.pk})
    last = service.channels.aggregate(last=Max("position"))["last"]
    service.channels.create(position=(last or 0) + 1, **values)


def _remove_channel(proposal: Proposal) -> None:
    model = content_model("channel")
    channel = model.objects.select_for_update().filter(pk=proposal.object_id).first()
    if channel is None:
        raise Refused(_("The record of proposal #%(id)s no longer exists.") % {"id": proposal.pk})
    before = {field: change["before"] for field, change in proposal.changes.items()}
    if field_values(channel) != before:
        raise Refused(
            _("The record of proposal #%(id)s was changed since it was proposed.")
            % {"id": proposal.pk}
        )
    channel.delete()


def propose_rollback(user: Any, version: int, reason: str) -> Proposal:
    if not roles.can_propose_rollback(user):
        raise Refused(_("You may not propose a rollback."))
    if not reason.strip():
        raise Refused(_("Say why this change is needed."))
    if not publishing_has(version):
        raise Refused(_("There is no published version %(version)s.") % {"version": version})
    proposal = Proposal.objects.create(
        kind=Proposal.ROLLBACK,
        subject=f"rollback to version {version}",
        rollback_version=version,
        reason=reason,
        proposed_by=user,
    )
    audit.record(user, AuditEntry.PROPOSED, str(proposal), rollback_version=version)
    return proposal


def publishing_has(version: int) -> bool:
    from veiviser.content.models import Snapshot as SnapshotRow

    return SnapshotRow.objects.filter(version=version).exists()


def _follow_channel(old: str, new: str, service_slug: str) -> None:
    """The guide and frontline name a service's channels by value ({id, channels: [...]}):
    a changed value is changed there too, in the same transaction, so they keep pointing
    at the same channel."""
    from veiviser.content.models import FrontlineText, GuideText

    def rewrite(node: Any) -> Any:
        if isinstance(node, dict):
            if node.get("id") == service_slug and isinstance(node.get("channels"), list):
                return {
                    **node,
                    "channels": [new if value == old else value for value in node["channels"]],
                }
            return {key: rewrite(value) for key, value in node.items()}
        if isinstance(node, list):
            return [rewrite(item) for item in node]
        return node

    for model in (GuideText, FrontlineText):
        for row in model.objects.all():
            data = rewrite(row.data)
            if data != row.data:
                row.data = data
                row.save(update_fields=["data"])


def propose_texts(user: Any, language: str, po_text: str, reason: str) -> Proposal:
    """A translator's PO file (content/po.py) as one proposal: every text it changes in
    `language`, each with its before and after. A file with any error proposes nothing."""
    if not roles.can_translate(user, language) or language == "en":
        raise Refused(_("You may not change this language's texts."))
    if not reason.strip():
        raise Refused(_("Say why this change is needed."))
    try:
        changes = po.changes_from_po(po_text, language, store.read_content())
    except po.InvalidPO as invalid:
        raise Refused(
            _("Nothing was proposed: the file has %(n)s error(s). %(errors)s")
            % {"n": len(invalid.errors), "errors": "; ".join(map(str, invalid.errors))}
        ) from invalid
    except ValueError as error:  # a language the registry does not translate
        raise Refused(str(error)) from error
    if not changes:
        raise Refused(_("Nothing was changed."))
    proposal = Proposal.objects.create(
        kind=Proposal.TEXTS,
        subject=_("%(language)s texts from a PO file (%(n)s)")
        % {"language": language, "n": len(changes)},
        # Keyed by the text's address, as a record's changes are keyed by field; the path
        # is kept whole because an address part (a web channel's value) may hold a "/".
        changes={
            change.context: {
                "before": change.before,
                "after": change.after,
                "path": list(change.path),
                "language": change.language,
            }
            for change in changes
        },
        reason=reason,
        proposed_by=user,
    )
    audit.record(user, AuditEntry.PROPOSED, str(proposal), texts=len(changes))
    return proposal


def text_changes(proposal: Proposal) -> list[po.TextChange]:
    return [
        po.TextChange(tuple(item["path"]), item["language"], item["before"], item["after"])
        for item in proposal.changes.values()
    ]


def _apply_texts(proposal: Proposal) -> None:
    try:
        po.apply_to_database(text_changes(proposal))
    except po.StaleChange as stale:
        raise Refused(
            _("A text of proposal #%(id)s was changed since it was proposed: %(text)s")
            % {"id": proposal.pk, "text": stale}
        ) from stale


def _apply(proposal: Proposal) -> None:
    if proposal.kind == Proposal.TEXTS:
        _apply_texts(proposal)
        return
    if proposal.kind == Proposal.ADD:
        _add_channel(proposal)
        return
    if proposal.kind == Proposal.REMOVE:
        _remove_channel(proposal)
        return
    model = content_model(proposal.model)
    instance = model.objects.select_for_update().filter(pk=proposal.object_id).first()
    if instance is None:
        raise Refused(_("The record of proposal #%(id)s no longer exists.") % {"id": proposal.pk})
    current = field_values(instance)
    for field, change in proposal.changes.items():
        if current.get(field) != change["before"]:
            raise Refused(
                _("The record of proposal #%(id)s was changed since it was proposed.")
                % {"id": proposal.pk}
            )
        model_field = instance._meta.get_field(field)
        setattr(instance, model_field.attname, model_field.to_python(change["after"]))
    instance.save()
    if proposal.model == "channel" and "value" in proposal.changes:
        change = proposal.changes["value"]
        _follow_channel(change["before"], change["after"], instance.service.slug)


def approve(user: Any, ids: Iterable[int], reason: str = "") -> Snapshot:
    """Approve one proposal or a batch: apply them and publish, all or nothing."""
    ids = sorted(set(ids))
    if not ids:
        raise Refused(_("Choose at least one proposal."))
    try:
        with transaction.atomic():
            batch = list(Proposal.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
            _check_decidable(user, batch, ids)
            rollbacks = [p for p in batch if p.kind == Proposal.ROLLBACK]
            if rollbacks and len(batch) > 1:
                raise Refused(_("Approve a rollback on its own."))
            if rollbacks:
                version = rollbacks[0].rollback_version
                snapshot = publishing.rollback(version)
                audit.record(
                    user, AuditEntry.ROLLED_BACK, f"version {version}", version=snapshot.version
                )
            else:
                for proposal in batch:
                    _apply(proposal)
                note = "proposals " + ", ".join(f"#{p.pk}" for p in batch)
                snapshot = publishing.publish(note=note[:200])
                audit.record(
                    user, AuditEntry.PUBLISHED, f"version {snapshot.version}", proposals=ids
                )
            _decide(user, batch, Proposal.APPROVED, reason, snapshot.version)
    except (ContentError, ValueError) as error:
        # ValueError: a channel is built (and its number parsed) as the content is read:
        # a number phonenumbers refuses, a kind that does not exist.
        raise not_valid(error) from error
    return snapshot


def not_valid(error: ContentError | ValueError) -> Refused:
    """Publishing refused by the validation (its problems) or by a record that cannot be
    built: the refusal an editor reads."""
    problems = (
        "; ".join(str(problem) for problem in error.problems)
        if isinstance(error, ContentError)
        else str(error)
    )
    return Refused(
        _("Not published: the content would not be valid. %(problems)s") % {"problems": problems}
    )


def reject(user: Any, ids: Sequence[int], reason: str) -> None:
    if not reason.strip():
        raise Refused(_("Say why the proposal is rejected."))
    with transaction.atomic():
        batch = list(Proposal.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
        _check_decidable(user, batch, sorted(set(ids)))
        _decide(user, batch, Proposal.REJECTED, reason)


def _decide(
    user: Any, batch: list[Proposal], status: str, reason: str, version: int | None = None
) -> None:
    """Record the decision on each proposal of `batch`, and in the audit trail."""
    now = timezone.now()
    for proposal in batch:
        proposal.status = status
        proposal.decided_by = user
        proposal.decided_at = now
        proposal.decision_reason = reason
        proposal.published_version = version
        proposal.save()
        if status == Proposal.APPROVED:
            audit.record(user, AuditEntry.APPROVED, str(proposal), version=version)
        else:
            audit.record(user, AuditEntry.REJECTED, str(proposal), reason=reason)


def _check_decidable(user: Any, batch: list[Proposal], ids: list[int]) -> None:
    if len(batch) != len(ids):
        raise Refused(_("A proposal chosen does not exist."))
    for proposal in batch:
        if proposal.status != Proposal.PENDING:
            raise Refused(_("Proposal #%(id)s was already decided.") % {"id": proposal.pk})
        if proposal.proposed_by_id == user.pk:
            raise Refused(_("You cannot decide on a change you proposed yourself."))
        if not roles.can_decide(user, proposal):
            raise Refused(_("You may not decide on proposals."))
