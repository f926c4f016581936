"""The editorial system's Done-when, in Chromium against granian as production runs it.

An organisation editor signs in with a password and a TOTP code and proposes a new phone
number for their service; they cannot approve it themselves; a reviewer approves it;
within SNAPSHOT_POLL_SECONDS the running server serves the new number on the public
page; the audit shows both; another organisation's editor gets 403; the public site audit
passes in the browser where a staff session is open. Screenshots of the
dashboard and of the review go to docs/screenshots/ with STAFF_SCREENSHOTS=1.
"""

from __future__ import annotations

import base64
import os
import re
import time
import urllib.parse
from pathlib import Path

import pytest
from django_otp.oath import totp

from tests import audit
from tests.server import ROOT, database, environment, manage, serve, set_up
from tests.web.test_headers import header_problems
from veiviser.web import crawl

pytestmark = pytest.mark.server

PASSWORD = "a long staff password 42"  # noqa: S105 (the test accounts')
POLL_SECONDS = 1
# The screenshots go to docs/screenshots/ only when asked for (STAFF_SCREENSHOTS=1), so
# that a test run leaves the checkout as it was.
DOCS_SCREENSHOTS = ROOT / "docs" / "screenshots"


def create(env: dict[str, str], *args: str) -> bytes:
    """A staff account made by the command; its TOTP secret, read from the otpauth URI."""
    out = manage({**env, "STAFF_PASSWORD": PASSWORD}, *args)
    uri = re.search(r"otpauth://\S+", out)[0]
    secret = urllib.parse.parse_qs(urllib.parse.urlparse(uri).query)["secret"][0]
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


def sign_in(context: object, origin: str, username: str, key: bytes) -> object:
    page = context.new_page()
    page.goto(f"{origin}/staff/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.fill("#id_otp_token", f"{totp(key):06d}")
    page.click("input[type=submit]")
    page.wait_for_url(f"{origin}/staff/")
    return page


def test_an_editors_new_number_is_approved_by_a_reviewer_and_served(chromium, tmp_path: Path):
    var = tmp_path / "var"
    var.mkdir()
    with database(var) as url:
        env = environment(var, url, SNAPSHOT_POLL_SECONDS=str(POLL_SECONDS))
        set_up(env)
        keys = {
            "rosa-editor": create(
                env, "createstaff", "rosa-editor", "--role", "editor", "--organisation", "rosa"
            ),
            "iom-editor": create(
                env, "createstaff", "iom-editor", "--role", "editor", "--organisation", "iom"
            ),
            "reviewer": create(env, "createstaff", "reviewer", "--role", "reviewer"),
            "kom": create(env, "createadmin", "kom"),
        }
        channel = manage(
            env,
            "shell",
            "-c",
            "from veiviser.content.models import Channel as C; "
            "print(C.objects.get(service__slug='rosa', kind='phone').pk)",
        ).split()[-1]
        with serve(env, workers=2) as server:
            # localhost: a secure context to Chromium without TLS, so it keeps the staff
            # cookies, which are Secure whenever DEBUG is off.
            origin = f"http://localhost:{server.port}"
            change = f"{origin}/staff/content/channel/{channel}/change/"
            assert "22 33 11 60" in server.get("/en/services/rosa/")[1]

            # The editor proposes ROSA's new number.
            editor = chromium.new_context()
            page = sign_in(editor, origin, "rosa-editor", keys["rosa-editor"])
            page.goto(change)
            page.fill("#id_value", "22 33 11 99")
            page.fill("#id_reason", "ROSA moved to a new number on 1 December")
            page.click("input[name=_save]")
            page.wait_for_url(re.compile(r".*/staff/proposals/\d+/review/"))
            review_url = page.url
            assert "22 33 11 99" in page.content()
            # They cannot approve it: no button, and the decision itself is refused.
            assert page.locator("button[value=approve]").count() == 0
            assert page.locator("#own-proposal").is_visible()
            refused = page.request.post(
                f"{origin}/staff/proposals/decide/",
                form={"proposal": review_url.split("/")[-3], "decision": "approve"},
                headers={"X-CSRFToken": _csrf(editor)},
            )
            assert refused.status == 403
            assert "22 33 11 60" in server.get("/en/services/rosa/")[1]

            # The public site in the same browser, with a staff session open: the staff
            # cookies (Path=/staff/) are not sent, and no cookie is set.
            public = page.goto(f"{origin}/en/")
            assert "cookie" not in public.request.all_headers()
            assert "set-cookie" not in public.all_headers()

            # Another organisation's editor guesses the address: 403.
            other = chromium.new_context()
            page = sign_in(other, origin, "iom-editor", keys["iom-editor"])
            assert page.goto(change).status == 403

            # The reviewer sees it waiting, and approves it.
            reviewer = chromium.new_context(viewport={"width": 1280, "height": 900})
            page = sign_in(reviewer, origin, "reviewer", keys["reviewer"])
            assert "ROSA moved to a new number" in page.content()
            shots = DOCS_SCREENSHOTS if os.environ.get("STAFF_SCREENSHOTS") == "1" else tmp_path
            page.screenshot(path=str(shots / "staff-dashboard.png"), full_page=True)
            page.goto(review_url)
            page.screenshot(path=str(shots / "staff-proposal-review.png"), full_page=True)
            page.fill("#reason", "Checked on rosanorge.no")
            page.click("button[value=approve]")
            page.wait_for_load_state()
            assert "published as version 2" in page.content()

            # Within SNAPSHOT_POLL_SECONDS every worker serves the new number.
            deadline = time.monotonic() + POLL_SECONDS + 5
            served = ""
            while time.monotonic() < deadline:
                served = server.get("/en/services/rosa/")[1]
                if "22 33 11 99" in served:
                    break
                time.sleep(0.2)
            assert "22 33 11 99" in served and "22 33 11 60" not in served
            assert 'href="tel:+4722331199"' in served

            # The audit shows both the proposal and the approval.
            admin = chromium.new_context()
            page = sign_in(admin, origin, "kom", keys["kom"])
            page.goto(f"{origin}/staff/staff/auditentry/")
            rows = page.locator("#result_list tbody tr").all_inner_texts()
            assert any("rosa-editor" in row and "Proposed" in row for row in rows), rows
            assert any("reviewer" in row and "Approved" in row for row in rows), rows

            # The public site audit passes in the browser where the staff session is open.
            assert "veiviser_staff" in {c["name"] for c in admin.cookies()}  # signed in
            pages, problems = public_site_audit(admin, origin)
            assert len(pages) > 100, len(pages)
            assert problems == [], "\n".join(problems[:20])
            for context in (editor, other, reviewer, admin):
                context.close()


def public_site_audit(context: object, origin: str) -> tuple[list[audit.Page], list[str]]:
    """The site audit's crawl from /, through the browser context's own requests (its
    cookie jar, the staff session in it): every page's headers, no cookie set, and every
    page promise (tests/audit.py)."""
    problems: list[str] = []
    pages: list[audit.Page] = []

    def fetch(path: str) -> crawl.Fetched:
        response = context.request.get(origin + path, max_redirects=0)
        headers = response.headers
        problems.extend(f"GET {path}: {p}" for p in header_problems(headers))
        if "set-cookie" in headers:
            problems.append(f"GET {path} set a cookie: {headers['set-cookie']!r}")
        if response.status in (301, 302):
            return crawl.Fetched(200, "text/html", f'<a href="{headers["location"]}">'.encode())
        body = response.body()
        kind = headers.get("content-type", "")
        if response.status == 200 and kind.startswith("text/html"):
            pages.append(
                audit.Page(
                    name=f"GET {path}",
                    language=path.strip("/").split("/")[0],
                    html=body.decode(),
                    header_bytes=0,
                    gzip_bytes=audit.gzipped_size(body),
                )
            )
        return crawl.Fetched(response.status, kind, body)

    found = crawl.crawl(fetch, ["/"])
    problems += [f"GET {path} answered {f.status}" for path, f in found.items() if f.status != 200]
    problems += [problem for page in pages for problem in audit.page_problems(page)]
    return pages, problems


def _csrf(context: object) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == "veiviser_staff_csrf")
