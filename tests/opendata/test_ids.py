"""HSDS ids are UUIDs derived from our record ids: the same after every publish and on
every install, so a client's links to our data keep working."""

from __future__ import annotations

import uuid

from veiviser.opendata import ids


def test_the_same_record_has_the_same_id_everywhere():
    # Written out on purpose: if the namespace or the naming changed, every id a client
    # holds would point at nothing. These are the ids the first release published.
    assert ids.service_id("rosa") == "27fd06d0-b775-5562-b1b0-b2d656e19a2f"
    assert ids.organization_id("politiet") == "2fdfe2a2-9264-5b9f-a641-239a23ffa7c0"


def test_kinds_never_share_an_id():
    assert ids.service_id("rosa") != ids.organization_id("rosa")
    assert uuid.UUID(ids.service_id("rosa")).version == 5
