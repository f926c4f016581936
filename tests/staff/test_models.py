"""Four eyes at every level: clean(), save() and the database's own constraint."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from veiviser.staff.models import Proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(accounts):
    return Proposal.objects.create(
        model="channel", object_id=1, subject="x", reason="r", proposed_by=accounts["editor"].user
    )


def test_clean_refuses_a_decision_by_the_proposer(proposal, accounts):
    proposal.decided_by = accounts["editor"].user
    with pytest.raises(ValidationError, match="proposed yourself"):
        proposal.clean()


def test_save_refuses_a_decision_by_the_proposer(proposal, accounts):
    proposal.decided_by = accounts["editor"].user
    with pytest.raises(ValidationError, match="proposed yourself"):
        proposal.save()
    proposal.refresh_from_db()
    assert proposal.decided_by is None


def test_the_database_refuses_a_decision_by_the_proposer(proposal, accounts):
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=proposal.pk).update(decided_by=accounts["editor"].user)
    proposal.refresh_from_db()
    assert proposal.decided_by is None


def test_a_decision_by_another_person_is_kept(proposal, accounts):
    proposal.decided_by = accounts["reviewer"].user
    proposal.full_clean()
    proposal.save()
    proposal.refresh_from_db()
    assert proposal.decided_by == accounts["reviewer"].user
