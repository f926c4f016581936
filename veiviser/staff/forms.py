"""The staff sign-in: name, password and a second factor, all three on one form.

One message for every failure (wrong name, wrong password, locked account, missing or
wrong code, an account without a role): an attacker learns nothing about which accounts
exist or which part was wrong.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp import match_token

from veiviser.staff import audit, lockout, roles
from veiviser.staff.models import AuditEntry

# A name typed that is not an account is never written down: it may be a password typed
# into the wrong field.
UNKNOWN_ACCOUNT = "(no such account)"


class StaffLoginForm(AuthenticationForm):
    otp_token = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    error_messages = {
        "invalid_login": _(
            "The name, password or code is not right, or the account is locked for a "
            "while after too many wrong passwords. Try again, or ask an administrator."
        ),
        "inactive": _(
            "The name, password or code is not right, or the account is locked for a "
            "while after too many wrong passwords. Try again, or ask an administrator."
        ),
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        password = self.cleaned_data.get("password") or ""
        token = (self.cleaned_data.get("otp_token") or "").strip()
        model = get_user_model()
        account = model._default_manager.filter(**{model.USERNAME_FIELD: username}).first()
        actor = account.get_username() if account else UNKNOWN_ACCOUNT
        if account is not None and lockout.is_locked(account):
            audit.record(actor, AuditEntry.SIGN_IN_FAILED, reason="locked")
            raise self.get_invalid_login_error()
        user = authenticate(self.request, username=username, password=password)
        if user is None:
            if account is not None and lockout.wrong_password(account):
                audit.record(actor, AuditEntry.LOCKED)
            audit.record(actor, AuditEntry.SIGN_IN_FAILED, reason="password")
            raise self.get_invalid_login_error()
        if not user.is_active or not roles.is_staff_member(user):
            audit.record(actor, AuditEntry.SIGN_IN_FAILED, reason="no role")
            raise self.get_invalid_login_error()
        # Only confirmed devices count: an account that never enrolled cannot sign in.
        device = match_token(user, token) if token else None
        if device is None:
            audit.record(actor, AuditEntry.SIGN_IN_FAILED, reason="second factor")
            raise self.get_invalid_login_error()
        # django_otp marks the session verified when Django logs this user in.
        user.otp_device = device
        self.user_cache = user
        lockout.signed_in(user)
        audit.record(user, AuditEntry.SIGNED_IN)
        return self.cleaned_data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
