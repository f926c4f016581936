"""The content, proposals, audit and accounts in the staff site, each behind its role.

Saving a content record never changes it: the form's changes become a Proposal, applied
only when a second person approves (veiviser.staff.proposals). Nothing is added or
deleted from here, except a service's channels: adding or removing one is a proposal too
(new organisations, services and topics come with the seed import for now).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from veiviser.content import models as content
from veiviser.staff import audit, enrol, proposals, roles
from veiviser.staff.models import AuditEntry, Proposal, Role
from veiviser.staff.site import site


class ProposalModelForm(forms.ModelForm):
    reason = forms.CharField(
        label=gettext_lazy("Why this change (for the reviewer)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    staff_user: Any = None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        changed = {name: data.get(name) for name in self.changed_data if name != "reason"}
        saved = self.instance.__class__.objects.get(pk=self.instance.pk)
        changes = proposals.changes_to(saved, changed)
        if not changes:
            raise forms.ValidationError(_("Nothing was changed."))
        if not proposals.may_propose(self.staff_user, self.instance, changes):
            raise forms.ValidationError(_("You may not change this record."))
        return data


class ProposingAdmin(admin.ModelAdmin):
    """A content model: editors see and propose changes to what is theirs."""

    form = ProposalModelForm

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [*proposals.EDITABLE[self.model._meta.model_name], "reason"]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        kwargs["fields"] = list(proposals.EDITABLE[self.model._meta.model_name])
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"staff_user": request.user})

    def _may_edit(self, request: HttpRequest, obj: Any) -> bool:
        user = request.user
        if obj is None:
            return roles.is_administrator(user) or bool(
                roles.organisations(user) or roles.languages(user)
            )
        owner = proposals.organisation_of(obj)
        # A translator may propose their language's texts in any record; the form then
        # refuses any other change (ProposalModelForm.clean).
        if owner and roles.can_edit_organisation(user, owner):
            return True
        return (not owner and roles.can_edit_texts(user)) or bool(roles.languages(user))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return roles.is_staff_member(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if roles.can_review(request.user):
            return True
        return self._may_edit(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_edit(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> models.QuerySet[Any]:
        found = super().get_queryset(request)
        user = request.user
        if roles.is_administrator(user) or roles.can_review(user) or roles.languages(user):
            return found
        if self.organisation_lookup is None:
            return found.none()  # texts of no organisation: not an editor's
        return found.filter(**{self.organisation_lookup + "__in": roles.organisations(user)})

    # The path from this model to its organisation's slug (None: it has none).
    organisation_lookup: str | None = "slug"

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        """Any record, not only the lists' (which show an editor theirs): an editor who
        guesses another organisation's address then gets 403 from the permission check,
        not a redirect that would read as "no such record"."""
        try:
            return self.model._default_manager.get(pk=object_id)
        except (self.model.DoesNotExist, ValueError):
            return None

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        after = {name: form.cleaned_data[name] for name in form.changed_data if name != "reason"}
        request._staff_proposal = proposals.propose(  # type: ignore[attr-defined]
            request.user, obj, after, form.cleaned_data["reason"]
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        pass  # nothing is saved until approved

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> None:
        pass  # the audit trail records the proposal

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> None:
        pass  # the same: nothing was added yet

    def response_change(self, request: HttpRequest, obj: Any) -> HttpResponse:
        proposal = request._staff_proposal  # type: ignore[attr-defined]
        messages.success(
            request,
            _("Proposed as #%(id)s. It is published when a second person approves it.")
            % {"id": proposal.pk},
        )
        return HttpResponseRedirect(reverse("staff:review", args=[proposal.pk]))


@admin.register(content.Organisation, site=site)
class OrganisationAdmin(ProposingAdmin):
    list_display = ("slug", "verified_on")


@admin.register(content.Service, site=site)
class ServiceAdmin(ProposingAdmin):
    list_display = ("slug", "organisation", "verified_on")
    organisation_lookup = "organisation__slug"


class NewChannelForm(forms.ModelForm):
    """A new channel: its service (one of the editor's), its fields, and why."""

    reason = ProposalModelForm.base_fields["reason"]
    staff_user: Any = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        services = self.fields["service"]
        if not roles.is_administrator(self.staff_user):
            services.queryset = services.queryset.filter(
                organisation__slug__in=roles.organisations(self.staff_user)
            )


@admin.register(content.Channel, site=site)
class ChannelAdmin(ProposingAdmin):
    """Channels may also be added and removed, each as a proposal: a new line opens, an
    old one closes. Removal is one channel at a time, with a reason (no bulk action)."""

    list_display = ("service", "kind", "value")
    organisation_lookup = "service__organisation__slug"
    actions = None

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is None:
            return ["service", *proposals.EDITABLE["channel"], "reason"]
        return super().get_fields(request, obj)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is not None:
            return super().get_form(request, obj, change, **kwargs)
        kwargs["form"] = NewChannelForm
        kwargs["fields"] = ["service", *proposals.EDITABLE["channel"]]
        form = admin.ModelAdmin.get_form(self, request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"staff_user": request.user})

    def has_add_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return roles.is_administrator(user) or bool(roles.organisations(user))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return self.has_add_permission(request)
        return roles.can_edit_organisation(request.user, proposals.organisation_of(obj))

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            return super().save_model(request, obj, form, change)
        values = {name: form.cleaned_data.get(name) for name in proposals.EDITABLE["channel"]}
        request._staff_proposal = proposals.propose_new_channel(  # type: ignore[attr-defined]
            request.user, form.cleaned_data["service"], values, form.cleaned_data["reason"]
        )

    def response_add(
        self, request: HttpRequest, obj: Any, post_url_continue: str | None = None
    ) -> HttpResponse:
        return self.response_change(request, obj)

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """The admin's Delete asks for a reason and proposes the removal; nothing is
        deleted until a second person approves."""
        channel = self.get_object(request, object_id)
        if channel is None or not self.has_delete_permission(request, channel):
            raise PermissionDenied
        if request.method == "POST":
            try:
                request._staff_proposal = proposals.propose_removal(  # type: ignore[attr-defined]
                    request.user, channel, request.POST.get("reason", "")
                )
            except proposals.Refused as refusal:
                messages.error(request, str(refusal))
            else:
                return self.response_change(request, channel)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Propose removing %(channel)s") % {"channel": channel},
            "channel": channel,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "staff/remove_channel.html", context)


@admin.register(content.Topic, site=site)
class TopicAdmin(ProposingAdmin):
    list_display = ("slug", "verified_on")
    organisation_lookup = None


@admin.register(content.Source, site=site)
class SourceAdmin(ProposingAdmin):
    list_display = ("slug", "title")
    organisation_lookup = None


@admin.register(content.GuideText, site=site)
class GuideTextAdmin(ProposingAdmin):
    organisation_lookup = None


@admin.register(content.FrontlineText, site=site)
class FrontlineTextAdmin(ProposingAdmin):
    organisation_lookup = None


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Proposal, site=site)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ("pk", "subject", "status", "proposed_by", "proposed_at", "decided_by")
    list_filter = ("status",)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return roles.is_staff_member(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        user = request.user
        if obj is None:
            return roles.is_staff_member(user)
        return roles.can_review(user) or obj.proposed_by_id == user.pk

    def get_queryset(self, request: HttpRequest) -> models.QuerySet[Any]:
        found = super().get_queryset(request)
        if roles.can_review(request.user):
            return found
        return found.filter(proposed_by=request.user)

    def change_view(
        self, request: HttpRequest, object_id: str, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        return HttpResponseRedirect(reverse("staff:review", args=[object_id]))


@admin.register(AuditEntry, site=site)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor", "action", "subject", "detail")
    list_filter = ("action",)
    search_fields = ("actor", "subject")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return roles.can_read_audit(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return roles.can_read_audit(request.user)


class AdministratorOnly(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return roles.is_administrator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return roles.is_administrator(request.user)

    has_change_permission = has_view_permission
    has_delete_permission = has_view_permission

    def has_add_permission(self, request: HttpRequest) -> bool:
        return roles.is_administrator(request.user)


@admin.register(Role, site=site)
class RoleAdmin(AdministratorOnly):
    list_display = ("user", "kind", "organisation", "language")

    def save_model(self, request: HttpRequest, obj: Role, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        audit.record(request.user, AuditEntry.ROLE_ADDED, obj.user.get_username(), role=str(obj))

    def delete_model(self, request: HttpRequest, obj: Role) -> None:
        audit.record(request.user, AuditEntry.ROLE_REMOVED, obj.user.get_username(), role=str(obj))
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for role in queryset:
            self.delete_model(request, role)


def show_second_factor(request: HttpRequest, enrolled: enrol.Enrolled) -> HttpResponse:
    """The new authenticator address, its key and the recovery codes: shown once (the staff
    area is never cached), for the administrator to hand over in person."""
    context = {
        **site.each_context(request),
        "title": _("Second factor for %(name)s") % {"name": enrolled.user.get_username()},
        "enrolled": enrolled,
        "secret": enrol.secret(enrolled),
    }
    return TemplateResponse(request, "staff/second_factor.html", context)


@admin.register(get_user_model(), site=site)
class AccountAdmin(AdministratorOnly, UserAdmin):
    """Accounts, for administrators. An account created here gets its second factor at
    once (without one nobody can sign in), and "Issue a new second factor" replaces a lost
    one; the page that shows it is the only place the key and the codes ever appear."""

    actions = ["issue_second_factor"]

    def response_add(
        self, request: HttpRequest, obj: Any, post_url_continue: str | None = None
    ) -> HttpResponse:
        return show_second_factor(request, enrol.enrol(obj, actor=request.user))

    @admin.action(description=gettext_lazy("Issue a new second factor"))
    def issue_second_factor(self, request: HttpRequest, queryset: Any) -> HttpResponse | None:
        if queryset.count() != 1:
            messages.error(request, _("Choose one account."))
            return None
        return show_second_factor(request, enrol.enrol(queryset.get(), actor=request.user))
