"""Staff accounts of every role, each with a TOTP device, and signing in over HTTP."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django_otp.oath import totp

from veiviser.content import publishing
from veiviser.staff.enrol import create_account
from veiviser.staff.models import Role

PASSWORD = "a long staff password 42"  # noqa: S105 (a test account's)


@dataclass
class Account:
    user: Any
    key: bytes  # the TOTP secret, to compute a code as the app would
    recovery_codes: tuple[str, ...]

    def code(self) -> str:
        return f"{totp(self.key):06d}"


def make_account(username: str, kind: str, organisation: str = "", language: str = "") -> Account:
    enrolled = create_account(
        username, PASSWORD, [(kind, organisation, language)], actor="test", full_name=username
    )
    device = enrolled.user.totpdevice_set.get()
    return Account(enrolled.user, device.bin_key, enrolled.recovery_codes)


@pytest.fixture
def published(db: None) -> None:
    """The seed loaded into the editable tables and published as version 1."""
    call_command("loadcontent", verbosity=0)
    publishing.publish()


@pytest.fixture
def accounts(db: None) -> dict[str, Account]:
    return {
        "admin": make_account("kom", Role.ADMINISTRATOR),
        "editor": make_account("rosa-editor", Role.EDITOR, organisation="rosa"),
        "other_editor": make_account("iom-editor", Role.EDITOR, organisation="iom"),
        "reviewer": make_account("reviewer", Role.REVIEWER),
        "translator": make_account("pl-translator", Role.TRANSLATOR, language="pl"),
    }


def sign_in(account: Account, code: str | None = None) -> Client:
    client = Client()
    response = client.post(
        "/staff/login/",
        {
            "username": account.user.username,
            "password": PASSWORD,
            "otp_token": code or account.code(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return client


@pytest.fixture
def clients(accounts: dict[str, Account]) -> dict[str, Client]:
    return {name: sign_in(account) for name, account in accounts.items()}


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    """Hashing is meant to be slow; the tests sign in dozens of times."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
