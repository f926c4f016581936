"""Reading the plain data of the guide and the frontline (veiviser/content/plain.py)."""

from __future__ import annotations

from veiviser.content import plain
from veiviser.content.snapshot import Snapshot


def test_step_services_may_name_the_channels_to_offer():
    services, channels = plain.service_refs(
        ["rosa", {"id": "udi", "channels": ["https://udi.no/en/return"]}]
    )
    assert services == ("rosa", "udi")
    assert channels == {"udi": ("https://udi.no/en/return",)}


def test_readings_of_two_features_with_the_same_name_are_kept_apart(seed_snapshot: Snapshot):
    # The guide and the frontline both read a `steps`: one must never get the other's.
    from veiviser.frontline import texts as frontline_texts
    from veiviser.guide import texts as guide_texts

    guide = guide_texts.steps(seed_snapshot)
    frontline = frontline_texts.steps(seed_snapshot)
    assert "call-112-now" in guide and "child" in frontline
    assert "child" not in guide and "rosa-first" not in frontline
    assert guide_texts.steps(seed_snapshot) is guide  # and each is read once
