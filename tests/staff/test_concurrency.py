"""Two reviewers approving the same proposal at the same moment give one publish.

On PostgreSQL (CI's second pass, DATABASE_TESTS_ONLY=1): each thread has its own
connection, and approving takes a row lock on the proposal, so the second waits for the
first, then finds the proposal decided. SQLite writes one transaction at a time anyway.
"""

from __future__ import annotations

import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections

from veiviser.content import models as content
from veiviser.content import publishing
from veiviser.staff import proposals
from veiviser.staff.models import AuditEntry, Proposal

from .conftest import make_account


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_approving_at_once_publish_once():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; this runs in CI's PostgreSQL pass")
    call_command("loadcontent", verbosity=0)
    publishing.publish()
    editor = make_account("rosa-editor", "editor", organisation="rosa").user
    reviewers = [make_account(f"reviewer-{n}", "reviewer").user for n in (1, 2)]
    phone = content.Channel.objects.get(service__slug="rosa", kind="phone")
    proposal = proposals.propose(editor, phone, {"value": "22 33 11 99"}, "new number")

    start = threading.Barrier(2)
    results: list[object] = []

    def approve(reviewer: object) -> None:
        try:
            start.wait()
            results.append(proposals.approve(reviewer, [proposal.pk]))
        except proposals.Refused as refusal:
            results.append(refusal)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(r,)) for r in reviewers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    published = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, proposals.Refused)]
    assert len(published) == 1, results
    assert len(refused) == 1 and "already decided" in str(refused[0])
    assert content.Snapshot.objects.count() == 2
    assert publishing.load(2).services["rosa"].channels[0].display == "22 33 11 99"
    assert Proposal.objects.get().status == "approved"
    assert AuditEntry.objects.filter(action="published").count() == 1
