"""The re-check cycle: 6 months for numbers and hours, 12 for the rest; one-click checks."""

from __future__ import annotations

import datetime

import pytest

from tests.staff.conftest import sign_in
from veiviser.content import models as content
from veiviser.content import publishing
from veiviser.staff import cycle
from veiviser.staff.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_services_with_numbers_or_hours_are_due_after_6_months_the_rest_after_12(published):
    dues = {(due.model, due.name): due for due in cycle.schedule()}
    rosa = dues[("service", "rosa")]
    assert rosa.due_on - rosa.checked_on == cycle.SHORT
    organisation = dues[("organisation", "rosa")]
    assert organisation.due_on - organisation.checked_on == cycle.LONG
    topic = next(due for due in dues.values() if due.model == "topic")
    assert topic.due_on - topic.checked_on == cycle.LONG


def test_overdue_and_due_soon(published):
    content.Service.objects.filter(slug="rosa").update(verified_on=datetime.date(2026, 1, 1))
    content.Service.objects.filter(slug="police").update(verified_on=datetime.date(2026, 6, 20))
    today = datetime.date(2026, 12, 1)
    dues = cycle.schedule()
    assert ("service", "rosa") in {(d.model, d.name) for d in cycle.overdue(dues, today)}
    soon = {(d.model, d.name) for d in cycle.due_soon(dues, today)}
    assert ("service", "police") in soon
    assert ("service", "rosa") not in soon


def test_an_editor_sees_only_their_organisations_records(published):
    assert {due.organisation for due in cycle.schedule({"rosa"})} == {"rosa"}


def test_checked_today_moves_the_date_records_who_and_publishes(published, accounts, frozen_today):
    content.Service.objects.filter(slug="rosa").update(verified_on=datetime.date(2026, 1, 1))
    client = sign_in(accounts["editor"])
    service = content.Service.objects.get(slug="rosa")
    response = client.post(f"/staff/checked/service/{service.pk}/")
    assert response.status_code == 302
    assert content.Service.objects.get(slug="rosa").verified_on == frozen_today
    snapshot = publishing.load(publishing.latest_version())
    assert snapshot.services["rosa"].verified_on == frozen_today
    entry = AuditEntry.objects.get(action="checked")
    assert (entry.actor, entry.subject) == ("rosa-editor", "service rosa")
    assert entry.detail["before"] == "2026-01-01"


def test_the_dashboard_lists_overdue_due_and_waiting(published, accounts):
    content.Service.objects.filter(slug="rosa").update(verified_on=datetime.date(2025, 1, 1))
    page = sign_in(accounts["editor"]).get("/staff/").content.decode()
    assert "Overdue for a check" in page
    assert "service rosa" in page
    assert "Waiting for review" in page


def test_the_dashboard_in_norwegian(published, accounts):
    page = sign_in(accounts["editor"]).get("/staff/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "På overtid for kontroll" in page
    assert "Venter på godkjenning" in page


def test_the_public_page_says_checked_never_modified(client, seed_snapshot):
    page = client.get("/en/services/rosa/").content.decode()
    checked = seed_snapshot.services["rosa"].verified_on.isoformat()
    assert f"Checked {checked}." in page
    for word in ("Updated", "Modified", "Last changed"):
        assert word not in page


def test_the_schedule_says_who_checked_last(published, accounts):
    cycle.mark_checked(accounts["editor"].user, "service", _pk("rosa"), datetime.date(2026, 11, 30))
    due = next(d for d in cycle.schedule() if (d.model, d.name) == ("service", "rosa"))
    assert due.checked_by == "rosa-editor"


def _pk(slug: str) -> int:
    return content.Service.objects.get(slug=slug).pk
