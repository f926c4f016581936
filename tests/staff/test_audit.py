"""The audit trail is append-only: in the model, in the admin, and in the database."""

import pytest
from django.db import DatabaseError, transaction

from veiviser.staff import audit
from veiviser.staff.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_an_entry_cannot_be_changed_or_deleted_through_the_model():
    entry = audit.record("someone", AuditEntry.CHECKED, "service rosa")
    entry.subject = "something else"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    assert AuditEntry.objects.get().subject == "service rosa"


def test_the_database_refuses_update_and_delete():
    audit.record("someone", AuditEntry.CHECKED, "service rosa")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.update(subject="rewritten")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get().subject == "service rosa"


def test_csv_export_has_one_row_per_entry():
    audit.record("a", AuditEntry.PROPOSED, "channel 1", fields=["value"])
    audit.record("b", AuditEntry.APPROVED, "channel 1")
    lines = audit.as_csv(AuditEntry.objects.order_by("pk")).splitlines()
    assert lines[0] == "at,actor,action,subject,detail"
    assert [line.split(",")[1:3] for line in lines[1:]] == [["a", "proposed"], ["b", "approved"]]


def test_the_admin_offers_no_change_or_delete(clients, accounts):
    entry = audit.record("someone", AuditEntry.CHECKED, "service rosa")
    admin = clients["admin"]
    page = admin.get(f"/staff/staff/auditentry/{entry.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert admin.post(f"/staff/staff/auditentry/{entry.pk}/delete/").status_code == 403
    assert admin.get("/staff/staff/auditentry/").status_code == 200
    assert clients["reviewer"].get("/staff/staff/auditentry/").status_code == 403


def test_an_administrator_downloads_the_audit_as_csv(clients):
    response = clients["admin"].get("/staff/audit.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    assert b"signed_in" in response.content
    assert clients["editor"].get("/staff/audit.csv").status_code == 403


def test_role_changes_through_the_staff_area_are_recorded(clients, accounts):
    reviewer = accounts["reviewer"].user
    response = clients["admin"].post(
        "/staff/staff/role/add/",
        {"user": reviewer.pk, "kind": "editor", "organisation": "rosa", "language": ""},
    )
    assert response.status_code == 302
    added = AuditEntry.objects.get(action="role_added", actor="kom")
    assert (added.subject, added.detail["role"]) == ("reviewer", "editor rosa")
    role = reviewer.roles.get(kind="editor")
    response = clients["admin"].post(f"/staff/staff/role/{role.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="role_removed", subject="reviewer").exists()


def test_an_editor_without_an_organisation_is_refused(clients, accounts):
    response = clients["admin"].post(
        "/staff/staff/role/add/",
        {"user": accounts["reviewer"].user.pk, "kind": "editor", "organisation": ""},
    )
    assert response.status_code == 200
    assert "An editor needs an organisation." in response.content.decode()
    assert not AuditEntry.objects.filter(action="role_added", actor="kom").exists()


@pytest.mark.django_db(transaction=True)
def test_emptying_the_database_keeps_the_guard():
    """`flush` (the test runner's, an operator's) empties the trail as TRUNCATE does, and
    the triggers are back afterwards: a row still cannot be deleted."""
    from django.core.management import call_command

    audit.record("someone", AuditEntry.CHECKED, "service rosa")
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEntry.objects.exists()
    audit.record("someone", AuditEntry.CHECKED, "service rosa")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.all().delete()


def test_csv_cells_never_run_as_formulas():
    audit.record("someone", AuditEntry.REJECTED, '=HYPERLINK("http://x")', reason="-1")
    row = audit.as_csv(AuditEntry.objects.all()).splitlines()[1]
    assert ",\"'=HYPERLINK" in row
    assert '{""reason"": ""-1""}' in row
