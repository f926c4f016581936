"""Signing in: password and a second factor, a lock per account, one message for all."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.staff.conftest import PASSWORD, make_account, sign_in
from veiviser.staff import lockout
from veiviser.staff.models import AccountLock, AuditEntry

pytestmark = pytest.mark.django_db

FAILED = "The name, password or code is not right"


def attempt(username: str, password: str, code: str) -> tuple[int, str]:
    """The status and page of one sign-in; a sign-in that worked redirects (302)."""
    response = Client().post(
        "/staff/login/", {"username": username, "password": password, "otp_token": code}
    )
    return response.status_code, response.content.decode()


def test_password_and_code_let_a_staff_member_in(accounts):
    client = sign_in(accounts["editor"])
    assert client.get("/staff/").status_code == 200
    entry = AuditEntry.objects.filter(action="signed_in").first()
    assert entry.actor == "rosa-editor"
    assert "127.0.0.1" not in str(entry.detail)


def test_the_password_alone_is_not_enough(accounts):
    status, page = attempt("rosa-editor", PASSWORD, "")
    assert status == 200 and 'name="otp_token"' in page
    status, page = attempt("rosa-editor", PASSWORD, "000000")
    assert status == 200 and FAILED in page


def test_an_account_without_a_confirmed_device_cannot_get_in(accounts):
    account = accounts["editor"]
    TOTPDevice.objects.filter(user=account.user).update(confirmed=False)
    _status, page = attempt("rosa-editor", PASSWORD, account.code())
    assert _status == 200 and FAILED in page


def test_a_recovery_code_works_once(accounts):
    account = accounts["editor"]
    code = account.recovery_codes[0]
    sign_in(account, code)
    _status, page = attempt("rosa-editor", PASSWORD, code)
    assert FAILED in page


def test_every_failure_says_the_same_thing(accounts):
    """No account enumeration: unknown name, wrong password, wrong code read alike."""
    code = accounts["editor"].code()
    pages = [
        attempt("nobody-here", PASSWORD, code)[1],
        attempt("rosa-editor", "wrong password here", code)[1],
        attempt("rosa-editor", PASSWORD, "123456")[1],
    ]
    messages = [page[page.index('class="errornote"') :].split("</p>")[0] for page in pages]
    assert len(set(messages)) == 1 and FAILED in messages[0]
    # The name typed for no account is never written down (it may be a password).
    assert not AuditEntry.objects.filter(actor="nobody-here").exists()


def test_wrong_passwords_lock_the_account_not_an_address(accounts):
    account = accounts["editor"]
    for _ in range(lockout.MAX_FAILURES):
        attempt("rosa-editor", "wrong password here", account.code())
    # Now even the right password and code are refused, with the same message.
    _status, page = attempt("rosa-editor", PASSWORD, account.code())
    assert FAILED in page
    assert lockout.is_locked(account.user)
    assert AuditEntry.objects.filter(action="locked", actor="rosa-editor").exists()
    # Another account is not affected.
    assert sign_in(accounts["reviewer"]).get("/staff/").status_code == 200
    # What is stored is a count and a time: no address, no user agent.
    fields = {field.name for field in AccountLock._meta.get_fields()}
    assert fields == {"id", "user", "failures", "locked_until"}


def test_wrong_codes_do_not_lock_the_account(accounts):
    account = accounts["editor"]
    for _ in range(lockout.MAX_FAILURES + 1):
        attempt("rosa-editor", PASSWORD, "000000")
    assert not lockout.is_locked(account.user)


def test_a_public_visitor_cannot_become_staff_without_a_role(db):
    account = make_account("no-role", "reviewer")
    account.user.roles.all().delete()
    _status, page = attempt("no-role", PASSWORD, account.code())
    assert FAILED in page


def test_passwords_go_through_djangos_validators(db):
    from django.core.exceptions import ValidationError

    from veiviser.staff.enrol import create_account

    with pytest.raises(ValidationError):
        create_account("weak", "password", [("reviewer", "", "")], actor="test")
    with pytest.raises(ValidationError):
        create_account("weak", "12345678901234", [("reviewer", "", "")], actor="test")


def test_the_sign_in_page_speaks_norwegian(db):
    page = Client().get("/staff/login/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "Logg inn" in page or "Kode fra" in page
