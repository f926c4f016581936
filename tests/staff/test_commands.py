"""createadmin and createstaff: an account, its role, TOTP and recovery codes."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from veiviser.staff.models import AuditEntry, Role

pytestmark = pytest.mark.django_db


def test_createadmin_prints_the_otpauth_uri_and_recovery_codes(monkeypatch, capsys):
    monkeypatch.setenv("STAFF_PASSWORD", "a long admin password 7")
    call_command("createadmin", "kom")
    out = capsys.readouterr().out
    assert "otpauth://totp/Veiviser%3Akom?secret=" in out
    user = get_user_model().objects.get(username="kom")
    assert Role.objects.get(user=user).kind == "administrator"
    assert user.totpdevice_set.get().confirmed
    codes = [token.token for token in user.staticdevice_set.get().token_set.all()]
    assert len(codes) == 10 and all(code in out for code in codes)
    assert AuditEntry.objects.filter(action="role_added", subject="kom").exists()


def test_a_weak_password_creates_nothing(monkeypatch):
    monkeypatch.setenv("STAFF_PASSWORD", "password")
    with pytest.raises(CommandError, match=r"too short|too common"):
        call_command("createadmin", "kom")
    assert not get_user_model().objects.exists()


def test_createstaff_needs_a_known_organisation(monkeypatch, published):
    monkeypatch.setenv("STAFF_PASSWORD", "a long editor password 7")
    with pytest.raises(CommandError, match="not an organisation"):
        call_command("createstaff", "ed", "--role", "editor", "--organisation", "nobody")
    call_command("createstaff", "ed", "--role", "editor", "--organisation", "rosa")
    assert Role.objects.get(user__username="ed").organisation == "rosa"


def test_setup_creates_no_staff_account():
    """`make run` runs migrate, collectstatic and ensurecontent: none makes an account."""
    call_command("ensurecontent", verbosity=0)
    assert not get_user_model().objects.exists()
