"""Creating a staff account with its second factor: the one path both commands take."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from veiviser.staff import audit
from veiviser.staff.models import AuditEntry, Role

RECOVERY_CODES = 10


@dataclass(frozen=True)
class Enrolled:
    user: Any
    otpauth_uri: str  # for the authenticator app (as a QR code, or typed in)
    recovery_codes: tuple[str, ...]  # each works once, in place of a code


def create_account(
    username: str,
    password: str,
    roles: list[tuple[str, str, str]],
    *,
    actor: str,
    full_name: str = "",
) -> Enrolled:
    """A new account with its roles (kind, organisation, language), a confirmed TOTP device
    and recovery codes. The password goes through Django's validators first: a refused
    password raises ValidationError and nothing is created."""
    model = get_user_model()
    if model._default_manager.filter(**{model.USERNAME_FIELD: username}).exists():
        raise ValueError(f"there is already an account named {username!r}")
    with transaction.atomic():
        user = model(**{model.USERNAME_FIELD: username}, first_name=full_name, is_staff=True)
        validate_password(password, user)
        user.set_password(password)
        user.save()
        for kind, organisation, language in roles:
            role = Role(user=user, kind=kind, organisation=organisation, language=language)
            role.full_clean()
            role.save()
            audit.record(actor, AuditEntry.ROLE_ADDED, username, role=str(role))
        return enrol(user, actor=actor)


def enrol(user: Any, *, actor: Any) -> Enrolled:
    """A new second factor for `user`: a TOTP device and recovery codes, replacing any
    they had (a lost phone, an account an administrator created in the staff area). Shown
    once, to be handed over in person; the old authenticator and codes stop working."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        totp = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        static = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
        codes = tuple(StaticToken.random_token() for _ in range(RECOVERY_CODES))
        for code in codes:
            static.token_set.create(token=code)
        audit.record(actor, AuditEntry.SECOND_FACTOR, user.get_username())
    return Enrolled(user, totp.config_url, codes)


def secret(enrolled: Enrolled) -> str:
    """The TOTP key in base32, for an authenticator app where the address cannot be pasted."""
    device = TOTPDevice.objects.get(user=enrolled.user)
    return base64.b32encode(device.bin_key).decode().rstrip("=")
