"""The staff area's own pages: the dashboard, a proposal's review, decisions, rollback,
"checked today", the audit's CSV, a language's sign-off and the translators' PO files.
Each checks its role first."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from veiviser.content import models as content
from veiviser.content import po, publishing, store, validation
from veiviser.content.models import Snapshot as SnapshotRow
from veiviser.content.problems import ContentError
from veiviser.staff import audit, cycle, proposals, roles
from veiviser.staff.models import AuditEntry, Proposal


def _visible_proposals(user: Any) -> Any:
    found = Proposal.objects.select_related("proposed_by", "decided_by")
    if roles.can_review(user):
        return found
    return found.filter(proposed_by=user)


def dashboard(request: HttpRequest) -> dict[str, Any]:
    """The index page's data: what is overdue, due soon, and waiting for review."""
    user = request.user
    today = validation.today()
    scope = (
        None
        if (roles.is_administrator(user) or roles.can_review(user))
        else roles.organisations(user)
    )
    dues = cycle.schedule(scope)
    waiting = _visible_proposals(user).filter(status=Proposal.PENDING)
    return {
        "overdue": cycle.overdue(dues, today),
        "due_soon": cycle.due_soon(dues, today),
        "waiting": list(waiting[:100]),
        "can_review": roles.can_review(user),
        "is_administrator": roles.is_administrator(user),
        "translatable": translatable(user),
        "versions": list(SnapshotRow.objects.values_list("version", flat=True)[:20])
        if roles.can_propose_rollback(user)
        else [],
    }


def translatable(user: Any) -> list[tuple[str, str]]:
    """The served languages (not English, the source) whose texts `user` may translate."""
    return [
        (code, name)
        for code, name in settings.LANGUAGES
        if code != "en" and roles.can_translate(user, code)
    ]


def review(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(
        Proposal.objects.select_related("proposed_by", "decided_by"), pk=pk
    )
    user = request.user
    if not (roles.can_review(user) or proposal.proposed_by_id == user.pk):
        raise PermissionDenied
    from veiviser.staff.site import site

    context = {
        **site.each_context(request),
        "title": _("Proposal #%(id)s") % {"id": proposal.pk},
        "proposal": proposal,
        # A record's changes are keyed by field; a PO file's by the text's address.
        "changes": [
            (field, change["before"], change["after"]) for field, change in proposal.changes.items()
        ],
        "can_decide": proposal.status == Proposal.PENDING and roles.can_decide(user, proposal),
        "own": proposal.proposed_by_id == user.pk,
    }
    return TemplateResponse(request, "staff/review.html", context)


@require_POST
def decide(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not roles.can_review(user):
        raise PermissionDenied
    try:
        ids = [int(value) for value in request.POST.getlist("proposal")]
    except ValueError:
        ids = []
    reason = request.POST.get("reason", "")
    try:
        if request.POST.get("decision") == "approve":
            snapshot = proposals.approve(user, ids, reason)
            messages.success(
                request, _("Approved and published as version %(v)s.") % {"v": snapshot.version}
            )
        elif request.POST.get("decision") == "reject":
            proposals.reject(user, ids, reason)
            messages.success(request, _("Rejected; the proposal and the reason are kept."))
        else:
            messages.error(request, _("Choose approve or reject."))
    except proposals.Refused as refusal:
        messages.error(request, str(refusal))
    if len(ids) == 1:
        return redirect("staff:review", pk=ids[0])
    return redirect("staff:index")


@require_POST
def rollback(request: HttpRequest) -> HttpResponse:
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = 0
    if not roles.can_propose_rollback(request.user):
        raise PermissionDenied
    try:
        proposal = proposals.propose_rollback(request.user, version, request.POST.get("reason", ""))
    except proposals.Refused as refusal:
        messages.error(request, str(refusal))
        return redirect("staff:index")
    messages.success(request, _("Rollback proposed; a second person must approve it."))
    return redirect("staff:review", pk=proposal.pk)


@require_POST
def checked(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    if model not in cycle.CHECKED_MODELS:
        raise PermissionDenied
    record = get_object_or_404(cycle.CHECKED_MODELS[model], pk=pk)
    owner = proposals.organisation_of(record)
    allowed = (
        roles.can_edit_organisation(request.user, owner)
        if owner
        else roles.can_edit_texts(request.user)
    )
    if not allowed:
        raise PermissionDenied
    cycle.mark_checked(request.user, model, pk, validation.today())
    messages.success(request, _("Recorded as checked today."))
    return redirect("staff:index")


def audit_csv(request: HttpRequest) -> HttpResponse:
    if not roles.can_read_audit(request.user):
        raise PermissionDenied
    response = HttpResponse(audit.as_csv(AuditEntry.objects.all()), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="veiviser-audit.csv"'
    return response


@require_POST
def language_reviewed(request: HttpRequest, code: str) -> HttpResponse:
    """A translator signs their language off: the registry's `reviewed`, with name and date."""
    user = request.user
    if not roles.can_translate(user, code):
        raise PermissionDenied
    today = validation.today()
    name = user.get_full_name() or user.get_username()
    try:
        with transaction.atomic():
            row = get_object_or_404(content.ContentLanguage.objects.select_for_update(), code=code)
            row.status = "reviewed"
            row.details = {**row.details, "reviewed_by": name, "reviewed_on": today.isoformat()}
            row.save()
            snapshot = publishing.publish(note=f"language {code} reviewed")
            audit.record(user, AuditEntry.LANGUAGE_REVIEWED, code, version=snapshot.version)
    except ContentError as error:
        messages.error(request, str(proposals.not_valid(error)))
        return redirect("staff:index")
    messages.success(request, _("Marked as reviewed."))
    return redirect("staff:index")


def po_export(request: HttpRequest, code: str) -> HttpResponse:
    """A language's texts as a PO file for Weblate or Poedit (content/po.py)."""
    if code not in dict(translatable(request.user)):
        raise PermissionDenied
    response = HttpResponse(
        po.export_po(store.read_content(), code), content_type="text/x-gettext-translation"
    )
    response["Content-Disposition"] = f'attachment; filename="veiviser-{code}.po"'
    return response


def po_import(request: HttpRequest) -> HttpResponse:
    """Upload a translated PO file: its changed texts become one proposal for review."""
    languages = translatable(request.user)
    if not languages:
        raise PermissionDenied
    if request.method == "POST":
        code = request.POST.get("language", "")
        if code not in dict(languages):
            raise PermissionDenied
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise proposals.Refused(_("Choose a PO file."))
            try:
                text = upload.read().decode("utf-8")
            except UnicodeDecodeError as error:
                raise proposals.Refused(_("The file is not UTF-8 text.")) from error
            proposal = proposals.propose_texts(
                request.user, code, text, request.POST.get("reason", "")
            )
        except proposals.Refused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("Proposed; a second person must approve it."))
            return redirect("staff:review", pk=proposal.pk)
    from veiviser.staff.site import site

    context = {
        **site.each_context(request),
        "title": _("Translated texts"),
        "languages": languages,
    }
    return TemplateResponse(request, "staff/po_import.html", context)
