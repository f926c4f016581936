"""A second factor for every account: one made in the staff area gets it at once, and a
lost one is replaced (staff area or manage.py enrol), the old one stopping."""

from __future__ import annotations

import base64
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django_otp.oath import totp

from tests.staff.conftest import PASSWORD, Account
from veiviser.staff.models import AuditEntry, Role

pytestmark = pytest.mark.django_db


def key_on(page: str) -> bytes:
    """The TOTP key as the page shows it for typing in (base32, unpadded)."""
    shown = re.search(r'<code id="secret">([A-Z2-7]+)</code>', page)
    assert shown, page[:2000]
    text = shown.group(1)
    return base64.b32decode(text + "=" * (-len(text) % 8))


def signs_in(username: str, key: bytes) -> bool:
    response = Client().post(
        "/staff/login/",
        {"username": username, "password": PASSWORD, "otp_token": f"{totp(key):06d}"},
    )
    return response.status_code == 302


def test_an_account_made_in_the_staff_area_gets_its_second_factor_and_can_sign_in(
    published, accounts, clients
):
    response = clients["admin"].post(
        "/staff/auth/user/add/",
        {
            "username": "new-reviewer",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "usable_password": "true",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200, page[:2000]
    assert "otpauth://totp/" in page
    assert len(re.findall(r"<li><code>", page)) == 10  # the recovery codes
    assert response["Cache-Control"] == "no-store"
    user = get_user_model().objects.get(username="new-reviewer")
    Role.objects.create(user=user, kind=Role.REVIEWER)
    assert signs_in("new-reviewer", key_on(page))
    assert AuditEntry.objects.filter(action="second_factor", subject="new-reviewer").exists()


def test_a_new_second_factor_replaces_the_old_one(published, accounts, clients):
    editor: Account = accounts["editor"]
    response = clients["admin"].post(
        "/staff/auth/user/",
        {"action": "issue_second_factor", "_selected_action": [editor.user.pk]},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "otpauth://totp/" in page
    # New key first: a wrong code slows the next try down (django-otp's throttling).
    assert signs_in(editor.user.username, key_on(page))
    assert not signs_in(editor.user.username, editor.key)  # the lost phone's codes


def test_only_an_administrator_issues_a_second_factor(published, accounts, clients):
    editor = accounts["editor"]
    response = clients["reviewer"].post(
        "/staff/auth/user/",
        {"action": "issue_second_factor", "_selected_action": [editor.user.pk]},
    )
    assert response.status_code == 403
    assert editor.user.totpdevice_set.get().bin_key == editor.key  # unchanged


def test_manage_py_enrol_replaces_a_lost_second_factor(published, accounts, capsys):
    editor = accounts["editor"]
    call_command("enrol", editor.user.username)
    out = capsys.readouterr().out
    assert "otpauth://totp/" in out
    assert editor.user.totpdevice_set.get().bin_key != editor.key
    assert editor.user.staticdevice_set.get().token_set.count() == 10
    with pytest.raises(CommandError, match="no account named 'nobody'"):
        call_command("enrol", "nobody")
