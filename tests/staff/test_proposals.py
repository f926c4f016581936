"""Proposals: nothing changes until a second person approves; then one publish."""

import pytest

from veiviser.content import models as content
from veiviser.content import publishing
from veiviser.staff import proposals
from veiviser.staff.models import AuditEntry, Proposal

pytestmark = pytest.mark.django_db


def rosa_phone() -> content.Channel:
    return content.Channel.objects.get(service__slug="rosa", kind="phone")


def propose_number(account, number: str = "22 33 11 99") -> Proposal:
    return proposals.propose(account.user, rosa_phone(), {"value": number}, "ROSA has a new number")


def test_a_proposal_records_who_when_before_after_and_why(published, accounts):
    proposal = propose_number(accounts["editor"])
    assert proposal.proposed_by == accounts["editor"].user
    assert proposal.proposed_at is not None
    assert proposal.changes == {"value": {"before": "22 33 11 60", "after": "22 33 11 99"}}
    assert proposal.reason == "ROSA has a new number"
    assert rosa_phone().value == "22 33 11 60"  # nothing applied yet
    assert publishing.latest_version() == 1
    assert AuditEntry.objects.filter(action="proposed", actor="rosa-editor").exists()


def test_approving_rosas_new_number_publishes_it_and_the_guide_and_frontline_follow(
    published, accounts
):
    proposal = propose_number(accounts["editor"])
    snapshot = proposals.approve(accounts["reviewer"].user, [proposal.pk], "confirmed by phone")
    assert snapshot.version == 2
    rosa = snapshot.services["rosa"]
    assert [c.display for c in rosa.channels if c.kind == "phone"] == ["22 33 11 99"]
    assert rosa.channels[0].href == "tel:+4722331199"
    # The guide and the frontline name ROSA's channel by its value: they follow it.
    assert "22 33 11 60" not in str(content.GuideText.objects.get().data)
    assert "22 33 11 99" in str(content.FrontlineText.objects.get().data)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by, proposal.published_version) == (
        "approved",
        accounts["reviewer"].user,
        2,
    )
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"proposed", "approved", "published"} <= actions


def test_the_proposer_cannot_approve_their_own_proposal(published, accounts):
    proposal = proposals.propose(
        accounts["admin"].user, rosa_phone(), {"value": "22 33 11 99"}, "new number"
    )
    with pytest.raises(proposals.Refused, match="proposed yourself"):
        proposals.approve(accounts["admin"].user, [proposal.pk])
    proposal.refresh_from_db()
    assert proposal.status == "pending"
    assert publishing.latest_version() == 1


def test_an_invalid_change_is_refused_and_changes_nothing(published, accounts):
    proposal = propose_number(accounts["editor"], "not a number")
    with pytest.raises(proposals.Refused, match="would not be valid"):
        proposals.approve(accounts["reviewer"].user, [proposal.pk])
    assert rosa_phone().value == "22 33 11 60"
    assert "22 33 11 60" in str(content.GuideText.objects.get().data)
    proposal.refresh_from_db()
    assert proposal.status == "pending"
    assert publishing.latest_version() == 1
    assert not AuditEntry.objects.filter(action="approved").exists()


def test_a_batch_is_published_once(published, accounts):
    first = propose_number(accounts["editor"])
    rosa = content.Service.objects.get(slug="rosa")
    second = proposals.propose(
        accounts["editor"].user, rosa, {"hours": {"en": "Open day and night"}}, "shorter"
    )
    snapshot = proposals.approve(accounts["reviewer"].user, [first.pk, second.pk])
    assert snapshot.version == 2
    assert publishing.latest_version() == 2
    assert snapshot.services["rosa"].hours["en"] == "Open day and night"


def test_a_decided_proposal_cannot_be_decided_again(published, accounts):
    proposal = propose_number(accounts["editor"])
    proposals.approve(accounts["reviewer"].user, [proposal.pk])
    with pytest.raises(proposals.Refused, match="already decided"):
        proposals.approve(accounts["admin"].user, [proposal.pk])
    assert publishing.latest_version() == 2


def test_rejecting_keeps_the_record_and_the_reason(published, accounts):
    proposal = propose_number(accounts["editor"])
    with pytest.raises(proposals.Refused, match="Say why"):
        proposals.reject(accounts["reviewer"].user, [proposal.pk], " ")
    proposals.reject(accounts["reviewer"].user, [proposal.pk], "the old number still works")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decision_reason) == ("rejected", "the old number still works")
    assert rosa_phone().value == "22 33 11 60"
    assert publishing.latest_version() == 1


def test_an_editor_cannot_propose_for_another_organisation(published, accounts):
    with pytest.raises(proposals.Refused, match="may not change"):
        propose_number(accounts["other_editor"])
    assert not Proposal.objects.exists()


def test_a_translator_may_change_only_their_languages_text(published, accounts):
    rosa = content.Service.objects.get(slug="rosa")
    translator = accounts["translator"].user
    proposal = proposals.propose(
        translator, rosa, {"name": {**rosa.name, "pl": "Infolinia ROSA"}}, "better Polish"
    )
    assert set(proposal.changes) == {"name"}
    with pytest.raises(proposals.Refused, match="may not change"):
        proposals.propose(translator, rosa, {"name": {**rosa.name, "en": "ROSA"}}, "no")
    with pytest.raises(proposals.Refused, match="may not change"):
        proposals.propose(translator, rosa_phone(), {"value": "22 33 11 99"}, "no")


def test_a_change_made_since_the_proposal_is_not_overwritten(published, accounts):
    proposal = propose_number(accounts["editor"])
    content.Channel.objects.filter(pk=proposal.object_id).update(value="22 33 11 70")
    with pytest.raises(proposals.Refused, match="changed since"):
        proposals.approve(accounts["reviewer"].user, [proposal.pk])
    assert rosa_phone().value == "22 33 11 70"


def test_a_rollback_is_a_proposal_under_four_eyes(published, accounts):
    proposals.approve(accounts["reviewer"].user, [propose_number(accounts["editor"]).pk])
    with pytest.raises(proposals.Refused, match="may not propose a rollback"):
        proposals.propose_rollback(accounts["editor"].user, 1, "undo")
    rollback = proposals.propose_rollback(accounts["admin"].user, 1, "undo")
    with pytest.raises(proposals.Refused, match="proposed yourself"):
        proposals.approve(accounts["admin"].user, [rollback.pk])
    snapshot = proposals.approve(accounts["reviewer"].user, [rollback.pk])
    assert snapshot.version == 3
    assert snapshot.services["rosa"].channels[0].display == "22 33 11 60"
    assert AuditEntry.objects.filter(action="rolled_back").exists()
    with pytest.raises(proposals.Refused, match="no published version 9"):
        proposals.propose_rollback(accounts["admin"].user, 9, "undo")


def test_a_change_approved_after_a_rollback_does_not_bring_the_undone_number_back(
    published, accounts
):
    proposals.approve(accounts["reviewer"].user, [propose_number(accounts["editor"]).pk])
    rollback = proposals.propose_rollback(accounts["admin"].user, 1, "the new number is wrong")
    proposals.approve(accounts["reviewer"].user, [rollback.pk])
    assert rosa_phone().value == "22 33 11 60"  # the editable tables went back too
    rosa = content.Service.objects.get(slug="rosa")
    later = proposals.propose(
        accounts["translator"].user, rosa, {"name": {**rosa.name, "pl": "ROSA"}}, "shorter"
    )
    snapshot = proposals.approve(accounts["reviewer"].user, [later.pk])
    assert [c.display for c in snapshot.services["rosa"].channels if c.kind == "phone"] == [
        "22 33 11 60"
    ]
    assert "22 33 11 99" not in str(content.GuideText.objects.get().data)
