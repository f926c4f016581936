"""A service's channels can be added and removed, each as a proposal under four eyes."""

from __future__ import annotations

import json

import pytest

from veiviser.content import models as content
from veiviser.staff import proposals
from veiviser.staff.models import Proposal

pytestmark = pytest.mark.django_db

NEW_LINE = {"kind": "phone", "value": "22 33 11 70", "label": {"en": "Call ROSA's night line"}}


def rosa() -> content.Service:
    return content.Service.objects.get(slug="rosa")


def test_a_new_channel_is_published_last_when_a_second_person_approves(published, accounts):
    proposal = proposals.propose_new_channel(
        accounts["editor"].user, rosa(), NEW_LINE, "ROSA opened a night line"
    )
    assert proposal.kind == Proposal.ADD
    assert proposal.changes["service"] == {"before": None, "after": "rosa"}
    assert proposal.changes["value"] == {"before": None, "after": "22 33 11 70"}
    assert not rosa().channels.filter(value="22 33 11 70").exists()  # not yet
    with pytest.raises(proposals.Refused, match="proposed yourself"):
        proposals.approve(accounts["editor"].user, [proposal.pk])
    snapshot = proposals.approve(accounts["reviewer"].user, [proposal.pk])
    channels = snapshot.services["rosa"].channels
    assert channels[-1].display == "22 33 11 70"
    assert channels[-1].href == "tel:+4722331170"
    assert channels[0].display == "22 33 11 60"  # the main number stays first


def test_an_editor_cannot_add_a_channel_to_another_organisations_service(published, accounts):
    with pytest.raises(proposals.Refused, match="may not change"):
        proposals.propose_new_channel(accounts["other_editor"].user, rosa(), NEW_LINE, "x")
    assert not Proposal.objects.exists()


def test_a_new_channel_with_a_number_that_is_not_one_is_refused_at_approval(published, accounts):
    proposal = proposals.propose_new_channel(
        accounts["editor"].user, rosa(), {**NEW_LINE, "value": "12"}, "typo"
    )
    with pytest.raises(proposals.Refused, match="would not be valid"):
        proposals.approve(accounts["reviewer"].user, [proposal.pk])
    assert not rosa().channels.filter(value="12").exists()


def test_removing_a_channel_is_a_proposal_and_a_referenced_one_cannot_go(published, accounts):
    web = rosa().channels.get(kind="web")
    proposal = proposals.propose_removal(accounts["editor"].user, web, "the site moved")
    assert proposal.changes["value"] == {"before": "https://rosanorge.no", "after": None}
    assert rosa().channels.filter(kind="web").exists()  # not yet
    snapshot = proposals.approve(accounts["reviewer"].user, [proposal.pk])
    assert [c.kind for c in snapshot.services["rosa"].channels] == ["phone"]
    # ROSA's phone is what the guide and the checklist call: its removal is refused.
    phone = rosa().channels.get(kind="phone")
    refused = proposals.propose_removal(accounts["editor"].user, phone, "closed")
    with pytest.raises(proposals.Refused, match="would not be valid"):
        proposals.approve(accounts["reviewer"].user, [refused.pk])
    assert rosa().channels.filter(kind="phone").exists()


def test_over_http_an_editor_adds_and_removes_only_their_own_channels(published, accounts, clients):
    editor, other = clients["editor"], clients["other_editor"]
    add = editor.get("/staff/content/channel/add/").content.decode()
    assert 'name="service"' in add and ">rosa<" in add and ">iom<" not in add
    response = editor.post(
        "/staff/content/channel/add/",
        {
            "service": rosa().pk,
            "kind": "phone",
            "value": "22 33 11 70",
            "label": json.dumps({"en": "Call ROSA's night line"}),
            "hours": "null",
            "note": "null",
            "reason": "ROSA opened a night line",
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == f"/staff/proposals/{proposal.pk}/review/"
    assert proposal.kind == Proposal.ADD and proposal.proposed_by == accounts["editor"].user
    web = rosa().channels.get(kind="web")
    assert (
        other.post(f"/staff/content/channel/{web.pk}/delete/", {"reason": "x"}).status_code == 403
    )
    removal = editor.post(f"/staff/content/channel/{web.pk}/delete/", {"reason": "moved"})
    assert removal.status_code == 302
    assert Proposal.objects.filter(kind=Proposal.REMOVE, object_id=web.pk).exists()
    assert rosa().channels.filter(kind="web").exists()  # nothing deleted yet
