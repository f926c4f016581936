"""The editorial system's records: who may do what, proposed changes, the audit trail,
and each account's count of wrong passwords.

Content itself stays in veiviser.content.models; staff only ever changes it by applying an
approved Proposal (veiviser.staff.proposals) and publishing.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Role(models.Model):
    """One role of one account. An account may hold several (an editor who also reviews)."""

    ADMINISTRATOR = "administrator"
    EDITOR = "editor"
    REVIEWER = "reviewer"
    TRANSLATOR = "translator"
    KINDS = [
        (ADMINISTRATOR, _("Administrator")),
        (EDITOR, _("Organisation editor")),
        (REVIEWER, _("Reviewer")),
        (TRANSLATOR, _("Translator")),
    ]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    kind = models.CharField(max_length=20, choices=KINDS)
    # For an editor: the slug of the one organisation whose entries they may change.
    organisation = models.SlugField(max_length=80, blank=True)
    # For a translator: the language code whose texts they may change.
    language = models.CharField(max_length=12, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="editor") | ~Q(organisation=""),
                name="staff_role_editor_has_organisation",
            ),
            models.CheckConstraint(
                condition=~Q(kind="translator") | ~Q(language=""),
                name="staff_role_translator_has_language",
            ),
        ]

    def __str__(self) -> str:
        scope = self.organisation or self.language
        return f"{self.kind} {scope}".strip()

    def clean(self) -> None:
        if self.kind == self.EDITOR and not self.organisation:
            raise ValidationError({"organisation": _("An editor needs an organisation.")})
        if self.kind == self.TRANSLATOR and not self.language:
            raise ValidationError({"language": _("A translator needs a language.")})


class Proposal(models.Model):
    """A change to the content that waits for a second person: never applied before."""

    CHANGE = "change"
    ROLLBACK = "rollback"
    # A translator's PO file: texts of one language across many records (po.TextChange).
    TEXTS = "texts"
    # A service's new channel (a new line, a chat), or one that closed.
    ADD = "add"
    REMOVE = "remove"
    KINDS = [
        (CHANGE, _("Change")),
        (ROLLBACK, _("Rollback")),
        (TEXTS, _("Translated texts")),
        (ADD, _("New channel")),
        (REMOVE, _("Channel removed")),
    ]

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    STATUSES = [
        (PENDING, _("Waiting for review")),
        (APPROVED, _("Approved")),
        (REJECTED, _("Rejected")),
    ]

    kind = models.CharField(max_length=10, choices=KINDS, default=CHANGE)
    # The record changed: its model (content app's model name, lower case) and primary key.
    model = models.CharField(max_length=40, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    # What a reviewer reads: the record's name when proposed.
    subject = models.CharField(max_length=200)
    # The organisation whose entry this is ("" for texts that belong to none).
    organisation = models.SlugField(max_length=80, blank=True)
    # {field: {"before": value, "after": value}}, values as JSON.
    changes = models.JSONField(default=dict, blank=True)
    rollback_version = models.PositiveIntegerField(null=True, blank=True)
    reason = models.TextField()
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposals"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=STATUSES, default=PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="decisions",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    published_version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at"]
        constraints = [
            # Four eyes, in the database too: no code path, admin action or shell session
            # can record a decision by the person who proposed.
            models.CheckConstraint(
                condition=~Q(decided_by=F("proposed_by")), name="staff_proposal_four_eyes"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.subject}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        problem = self.four_eyes_problem()
        if problem:
            raise ValidationError(problem)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        problem = self.four_eyes_problem()
        if problem:
            raise ValidationError(problem)

    def four_eyes_problem(self) -> str | None:
        if self.decided_by_id is not None and self.decided_by_id == self.proposed_by_id:
            return str(_("You cannot decide on a change you proposed yourself."))
        return None


class AuditEntry(models.Model):
    """One thing that happened in the editorial system. Append-only: the model refuses
    updates and deletes, and so does the database (triggers, migration 0002)."""

    PROPOSED = "proposed"
    APPROVED = "approved"
    REJECTED = "rejected"
    PUBLISHED = "published"
    ROLLED_BACK = "rolled_back"
    CHECKED = "checked"
    SIGNED_IN = "signed_in"
    SIGN_IN_FAILED = "sign_in_failed"
    LOCKED = "locked"
    ROLE_ADDED = "role_added"
    ROLE_REMOVED = "role_removed"
    LANGUAGE_REVIEWED = "language_reviewed"
    SECOND_FACTOR = "second_factor"
    ACTIONS = [
        (PROPOSED, _("Proposed")),
        (APPROVED, _("Approved")),
        (REJECTED, _("Rejected")),
        (PUBLISHED, _("Published")),
        (ROLLED_BACK, _("Rolled back")),
        (CHECKED, _("Checked, nothing changed")),
        (SIGNED_IN, _("Signed in")),
        (SIGN_IN_FAILED, _("Sign-in failed")),
        (LOCKED, _("Account locked")),
        (ROLE_ADDED, _("Role added")),
        (ROLE_REMOVED, _("Role removed")),
        (LANGUAGE_REVIEWED, _("Language marked reviewed")),
        (SECOND_FACTOR, _("Second factor issued")),
    ]

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    # A name, not a key: the entry outlives the account, and never holds an IP address.
    actor = models.CharField(max_length=150)
    action = models.CharField(max_length=20, choices=ACTIONS)
    subject = models.CharField(max_length=200, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.subject}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("audit entries are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("audit entries are never deleted")


class AccountLock(models.Model):
    """Wrong passwords counted per account (never per address: no IP is stored)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lock"
    )
    failures = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user}: {self.failures}"
