"""Publishing freezes the content atomically; rollback republishes an old version."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from veiviser.content import models, publishing
from veiviser.content.problems import ContentError
from veiviser.content.snapshot import Snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    call_command("loadcontent")


def test_publish_freezes_the_content_as_the_next_version(loaded):
    first = publishing.publish()
    second = publishing.publish()
    assert (first.version, second.version) == (1, 2)
    assert publishing.latest_version() == 2
    stored = publishing.load(1)
    assert stored == first
    assert stored.services["rosa"].channels[0].href == "tel:+4722331160"


def test_a_failing_validation_publishes_nothing(loaded, capsys):
    publishing.publish()
    service = models.Service.objects.get(slug="rosa")
    service.name = {**service.name, "nb": "ROSA - du er et offer"}  # a verdict, in Norwegian
    service.save()
    with pytest.raises(ContentError) as error:
        publishing.publish()
    assert 'service "rosa": name.nb: must never say' in str(error.value)
    with pytest.raises(CommandError, match="nothing was published"):
        call_command("publish")
    assert publishing.latest_version() == 1
    assert models.Snapshot.objects.count() == 1


def test_the_snapshot_does_not_change_when_the_database_does(loaded):
    published = publishing.publish()
    models.Topic.objects.filter(slug="children").update(title={"en": "x", "nb": "y"})
    assert publishing.load(published.version).topics["children"].title["en"] != "x"


def test_rollback_publishes_the_old_content_as_a_new_version(loaded, capsys):
    first = publishing.publish()
    models.Topic.objects.filter(slug="children").update(title={"en": "New", "nb": "Ny"})
    publishing.publish()
    call_command("rollback", "1")
    assert "published version 3 = version 1" in capsys.readouterr().out
    third = publishing.load(3)
    assert third.content == first.content
    assert models.Snapshot.objects.get(version=3).note == "rollback to 1"


def test_after_a_rollback_the_next_publish_does_not_bring_the_undone_change_back(loaded):
    first = publishing.publish()
    models.Topic.objects.filter(slug="children").update(title={"en": "Wrong", "nb": "Feil"})
    publishing.publish()
    publishing.rollback(1)
    assert models.Topic.objects.get(slug="children").title == first.topics["children"].title
    models.Topic.objects.filter(slug="children").update(notes="an unrelated editor's note")
    fourth = publishing.publish()
    assert fourth.topics["children"].title == first.topics["children"].title


def test_rollback_to_an_unknown_version_fails_clearly(loaded):
    with pytest.raises(CommandError, match="no published version 9"):
        call_command("rollback", "9")


def test_json_round_trip_is_exact(seed_snapshot):
    assert Snapshot.from_json(seed_snapshot.to_json()) == seed_snapshot


def test_ensurecontent_loads_and_publishes_only_once(capsys):
    call_command("ensurecontent")
    call_command("ensurecontent")
    assert publishing.latest_version() == 1
    assert "serving published version 1" in capsys.readouterr().out
