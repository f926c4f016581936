"""The staff area's own policy: cookies scoped to /staff/, its CSP, never cached; the
public pages keep theirs, even for a browser that holds a staff session."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from tests.staff.conftest import sign_in
from veiviser.web import headers

pytestmark = pytest.mark.django_db


def test_the_staff_area_is_its_own_area():
    assert headers.area("/staff/") == headers.STAFF
    assert headers.area("/staff/login/") == headers.STAFF
    assert headers.area("/en/staff/") == headers.PUBLIC


def test_the_sign_in_page_has_the_staff_policy(db):
    response = Client().get("/staff/login/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
        "base-uri 'none'"
    )
    assert response["Cache-Control"] == "no-store"
    # Not no-referrer: Chromium would send "Origin: null" with the sign-in form, which
    # Django's CSRF check refuses; same-origin still tells other sites nothing.
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    cookie = response.cookies["veiviser_staff_csrf"]
    assert cookie["path"] == "/staff/"
    assert cookie["samesite"] == "Strict"
    assert cookie["httponly"] is True
    assert cookie["secure"] is True  # DEBUG is off in the tests


def test_the_session_cookie_is_scoped_to_the_staff_area(accounts):
    client = sign_in(accounts["reviewer"])
    cookie = client.cookies["veiviser_staff"]
    assert cookie["path"] == "/staff/"
    assert cookie["samesite"] == "Strict"
    assert cookie["httponly"] is True
    assert cookie["secure"] is True
    response = client.get("/staff/")
    assert response["Cache-Control"] == "no-store"


def test_a_public_page_with_a_staff_session_sets_no_cookie(accounts):
    client = sign_in(accounts["reviewer"])
    # The browser would not send a /staff/ cookie here; send it anyway, to be sure.
    cookie = client.cookies["veiviser_staff"].value
    response = client.get("/en/", HTTP_COOKIE=f"veiviser_staff={cookie}")
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response
    assert "Cookie" not in response.get("Vary", "")
    assert response["Content-Security-Policy"].startswith("default-src 'none'; script-src")
    assert "style-src 'sha256-" in response["Content-Security-Policy"]


def test_csrf_is_required_in_the_staff_area(accounts):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/staff/login/", {"username": "reviewer", "password": "x", "otp_token": "1"}
    )
    assert response.status_code == 403


@override_settings(STAFF_HOSTS=["staff.veiviser.example"], ALLOWED_HOSTS=["*"])
def test_staff_hosts_keep_the_staff_area_off_the_public_host(db):
    assert Client().get("/staff/login/", HTTP_HOST="veiviser.example").status_code == 404
    assert Client().get("/staff/login/", HTTP_HOST="staff.veiviser.example").status_code == 200
    assert Client().get("/en/", HTTP_HOST="veiviser.example").status_code == 200


@pytest.mark.parametrize(("debug", "secure"), [("0", "True"), ("1", "False")])
def test_staff_cookies_are_secure_unless_debug(tmp_path, debug, secure):
    import os
    import subprocess
    import sys

    env = {**os.environ, "DEBUG": debug, "VAR_DIR": str(tmp_path)}
    env.pop("PRODUCTION", None)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from veiviser import settings as s; "
            "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_PATH)",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.split() == [secure, secure, "/staff/"]
