"""Every role by every action, over HTTP: the role checks hold on every view and action."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client

from veiviser.content import models as content
from veiviser.staff import proposals
from veiviser.staff.models import Proposal

pytestmark = pytest.mark.django_db

ROLES = ("admin", "editor", "other_editor", "reviewer", "translator")


def _json(value: Any) -> str:
    return "" if value is None else json.dumps(value)


def channel_form(channel: content.Channel, **changed: Any) -> dict[str, str]:
    data = {
        "kind": channel.kind,
        "value": channel.value,
        "label": _json(channel.label),
        "hours": _json(channel.hours),
        "note": _json(channel.note),
        "reason": "new number",
    }
    return {**data, **changed}


def organisation_form(organisation: content.Organisation, **changed: Any) -> dict[str, str]:
    data = {
        "name": json.dumps(organisation.name),
        "description": json.dumps(organisation.description),
        "website": organisation.website,
        "authority": "on" if organisation.authority else "",
        "sources": json.dumps(organisation.sources),
        "notes": organisation.notes,
        "reason": "better Polish",
    }
    return {**data, **changed}


def rosa_phone() -> content.Channel:
    return content.Channel.objects.get(service__slug="rosa", kind="phone")


def act(name: str, client: Client, accounts: dict[str, Any]) -> int:
    """Do one action as the client's account; its HTTP status."""
    phone = rosa_phone()
    if name == "dashboard":
        return client.get("/staff/").status_code
    if name == "view rosa's channel":
        return client.get(f"/staff/content/channel/{phone.pk}/change/").status_code
    if name == "propose rosa's number":
        data = channel_form(phone, value="22 33 11 99")
        return client.post(f"/staff/content/channel/{phone.pk}/change/", data).status_code
    if name == "propose a Polish name for ROSA":
        rosa = content.Organisation.objects.get(slug="rosa")
        data = organisation_form(rosa, name=json.dumps({**rosa.name, "pl": "ROSA (Polska)"}))
        return client.post(f"/staff/content/organisation/{rosa.pk}/change/", data).status_code
    if name == "propose a source's title":
        source = content.Source.objects.first()
        data = {"title": "Another title", "section": source.section, "url": source.url}
        response = client.post(
            f"/staff/content/source/{source.pk}/change/", {**data, "reason": "r"}
        )
        return response.status_code
    if name == "decide":
        proposal = proposals.propose(accounts["editor"].user, phone, {"value": "22 33 11 99"}, "r")
        data = {"proposal": proposal.pk, "decision": "approve", "reason": "ok"}
        return client.post("/staff/proposals/decide/", data).status_code
    if name == "read the audit":
        return client.get("/staff/staff/auditentry/").status_code
    if name == "download the audit":
        return client.get("/staff/audit.csv").status_code
    if name == "manage roles":
        return client.get("/staff/staff/role/").status_code
    if name == "propose a rollback":
        return client.post("/staff/rollback/", {"version": 1, "reason": "undo"}).status_code
    if name == "mark rosa checked":
        service = content.Service.objects.get(slug="rosa")
        return client.post(f"/staff/checked/service/{service.pk}/").status_code
    if name == "mark Polish reviewed":
        return client.post("/staff/languages/pl/reviewed/").status_code
    raise AssertionError(name)


OK, REDIRECT, DENIED = 200, 302, 403
# action: expected status for admin, editor (ROSA), other editor (IOM), reviewer, translator (pl)
EXPECTED: dict[str, tuple[int, ...]] = {
    "dashboard": (OK, OK, OK, OK, OK),
    "view rosa's channel": (OK, OK, DENIED, OK, OK),
    # A translator's form is shown again with "You may not change this record" (200).
    "propose rosa's number": (REDIRECT, REDIRECT, DENIED, DENIED, OK),
    "propose a Polish name for ROSA": (REDIRECT, REDIRECT, DENIED, DENIED, REDIRECT),
    "propose a source's title": (REDIRECT, DENIED, DENIED, DENIED, OK),
    "decide": (REDIRECT, DENIED, DENIED, REDIRECT, DENIED),
    "read the audit": (OK, DENIED, DENIED, DENIED, DENIED),
    "download the audit": (OK, DENIED, DENIED, DENIED, DENIED),
    "manage roles": (OK, DENIED, DENIED, DENIED, DENIED),
    "propose a rollback": (REDIRECT, DENIED, DENIED, DENIED, DENIED),
    "mark rosa checked": (REDIRECT, REDIRECT, DENIED, DENIED, DENIED),
    "mark Polish reviewed": (REDIRECT, DENIED, DENIED, DENIED, REDIRECT),
}
CASES = [
    (action, role, expected[index])
    for action, expected in EXPECTED.items()
    for index, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("action", "role", "status"), CASES)
def test_every_role_every_action(published, accounts, action, role, status):
    from tests.staff.conftest import sign_in

    client = sign_in(accounts[role])
    before = Proposal.objects.count()
    assert act(action, client, accounts) == status
    if action.startswith("propose") and status != REDIRECT:
        assert Proposal.objects.count() == before, "a refused proposal was recorded"


@pytest.mark.parametrize("action", list(EXPECTED))
def test_nobody_signed_in_is_sent_to_the_sign_in(published, accounts, action):
    status = act(action, Client(), accounts)
    assert status in (302, 403)


def test_a_proposal_through_the_form_changes_nothing_until_approved(published, clients):
    phone = rosa_phone()
    response = clients["editor"].post(
        f"/staff/content/channel/{phone.pk}/change/", channel_form(phone, value="22 33 11 99")
    )
    assert response.status_code == 302
    assert rosa_phone().value == "22 33 11 60"
    review = clients["editor"].get(response["Location"])
    assert b"22 33 11 99" in review.content
    assert b"a second person must approve" in review.content
    assert b'value="approve"' not in review.content


def test_the_editor_cannot_approve_their_own_proposal_over_http(published, accounts):
    from tests.staff.conftest import make_account, sign_in

    both = make_account("rosa-both", "editor", organisation="rosa")
    both.user.roles.create(kind="reviewer")
    client = sign_in(both)
    proposal = proposals.propose(both.user, rosa_phone(), {"value": "22 33 11 99"}, "r")
    response = client.post(
        "/staff/proposals/decide/",
        {"proposal": proposal.pk, "decision": "approve"},
        follow=True,
    )
    assert "You cannot decide on a change you proposed yourself." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "pending"


def test_a_large_record_can_be_proposed_through_its_form(published, clients):
    """A service's whole form, every language's texts in it, is over the public 16 KB."""
    service = content.Service.objects.get(slug="alarmtelefonen")
    data = {
        name: json.dumps(getattr(service, name))
        for name in ("name", "description", "languages", "hours", "sources")
    }
    data["name"] = json.dumps({**service.name, "pl": "Alarmtelefonen (telefon zaufania)"})
    data.update(
        audience=service.audience,
        anonymous="true" if service.anonymous else "unknown",
        free="true" if service.free else "unknown",
        interpreter="true" if service.interpreter else "unknown",
        open_24_7="true" if service.open_24_7 else "unknown",
        notes=service.notes + " " + "x" * 20_000,
        reason="a longer note",
    )
    # As a browser sends the admin's forms (they have no file field): URL-encoded.
    response = clients["admin"].post(
        f"/staff/content/service/{service.pk}/change/",
        urlencode(data),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Proposal.objects.get().changes["notes"]["after"].endswith("x" * 100)


def test_a_translator_signs_their_language_off_with_name_and_date(published, clients, frozen_today):
    from veiviser.content import publishing
    from veiviser.staff.models import AuditEntry

    assert clients["translator"].post("/staff/languages/pl/reviewed/").status_code == 302
    language = next(
        lang
        for lang in publishing.load(publishing.latest_version()).content.languages
        if lang.code == "pl"
    )
    assert (language.status, language.reviewed_by, language.reviewed_on) == (
        "reviewed",
        "pl-translator",
        frozen_today,
    )
    assert AuditEntry.objects.filter(action="language_reviewed", subject="pl").exists()


def test_a_batch_approved_from_the_dashboard_is_one_publish(published, accounts, clients):
    from veiviser.content import publishing

    editor = accounts["editor"].user
    rosa = content.Service.objects.get(slug="rosa")
    first = proposals.propose(editor, rosa_phone(), {"value": "22 33 11 99"}, "new number")
    second = proposals.propose(editor, rosa, {"hours": {"en": "Open day and night"}}, "shorter")
    dashboard = clients["reviewer"].get("/staff/").content.decode()
    assert f'name="proposal" value="{first.pk}"' in dashboard
    response = clients["reviewer"].post(
        "/staff/proposals/decide/",
        {"proposal": [first.pk, second.pk], "decision": "approve", "reason": "both checked"},
        follow=True,
    )
    assert "Approved and published as version 2." in response.content.decode()
    assert publishing.latest_version() == 2
    assert set(Proposal.objects.values_list("status", flat=True)) == {"approved"}
