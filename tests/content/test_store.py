import re

import pytest
from django.core.management import call_command

from veiviser.content import models, store
from veiviser.content.seed import read_seed

pytestmark = pytest.mark.django_db


def test_loading_twice_changes_nothing_the_second_time(capsys, settings):
    call_command("loadcontent")
    first = capsys.readouterr().out
    call_command("loadcontent")
    assert re.search(r": [1-9]\d* record\(s\) changed", first)
    assert ": 0 record(s) changed" in capsys.readouterr().out


def test_the_database_holds_exactly_the_seed(settings):
    call_command("loadcontent")
    seed, _ = read_seed(settings.CONTENT_DIR)
    assert store.read_content() == seed


def test_records_removed_from_the_seed_are_removed(settings):
    call_command("loadcontent")
    seed, _ = read_seed(settings.CONTENT_DIR)
    fewer = seed.__class__(
        languages=seed.languages,
        sources=seed.sources,
        organisations=seed.organisations,
        services=tuple(s for s in seed.services if s.id != "bufdir-advice"),
        topics=seed.topics,
        guide=seed.guide,
    )
    assert store.write_content(fewer) >= 1
    assert not models.Service.objects.filter(slug="bufdir-advice").exists()
    assert store.read_content() == fewer
