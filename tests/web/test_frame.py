"""The layout is rendered once per language, address and snapshot, and a page framed by
it is the same page, gzipped or not."""

from __future__ import annotations

import dataclasses
import gzip

import pytest

from tests.guide.conftest import FORM
from veiviser.content.current import current
from veiviser.web import frame

PLAN = "danger=no&age=adult&situation=labour&needs=lawyer&needs=return_home"


@pytest.fixture(autouse=True)
def no_frames():
    frame._frames.clear()
    yield
    frame._frames.clear()


def test_a_gzipped_plan_is_the_plain_plan_compressed(client):
    plain = client.post("/en/guide/", PLAN, FORM)
    packed = client.post("/en/guide/", PLAN, FORM, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    # The same page, but for the padding (spaces at the end, or in the gzip header).
    assert gzip.decompress(packed.content) == plain.content.rstrip(b" ")
    assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content)
    assert plain["Vary"] == packed["Vary"] == "Accept-Encoding"


def test_each_plan_has_its_own_main_content_in_the_same_layout(client):
    first = client.post("/en/guide/", PLAN, FORM, HTTP_ACCEPT_ENCODING="gzip").content
    other = client.post("/en/guide/", "danger=yes", FORM, HTTP_ACCEPT_ENCODING="gzip").content
    first, other = gzip.decompress(first).decode(), gzip.decompress(other).decode()
    assert "tel:112" in other.split('<main id="main"')[1]  # "call the police now"
    assert first.split('<main id="main"')[0] == other.split('<main id="main"')[0]
    assert first.split("</main>")[1] == other.split("</main>")[1]
    assert first.count("<html") == first.count("</html>") == 1
    assert frame.SLOT not in first


def test_the_layout_follows_the_language(client):
    nb = client.post("/nb/guide/", PLAN, FORM).content.decode()
    assert '<html lang="nb"' in nb
    assert 'href="/en/guide/"' in nb  # the language switcher points at the same page
    assert len(frame._frames) == 1


def test_a_new_snapshot_gets_a_new_layout(client, seed_snapshot):
    before = client.post("/en/guide/", PLAN, FORM).content.decode()
    current.hold(dataclasses.replace(seed_snapshot, version=seed_snapshot.version + 7))
    after = client.post("/en/guide/", PLAN, FORM).content.decode()
    assert f"Content version {seed_snapshot.version + 7}" in after
    assert f"Content version {seed_snapshot.version + 7}" not in before
    assert len(frame._frames) == 2


def test_frames_are_bounded(client, seed_snapshot):
    for version in range(frame.MAX_FRAMES + 5):
        current.hold(dataclasses.replace(seed_snapshot, version=version + 1))
        assert client.post("/en/guide/", PLAN, FORM).status_code == 200
    assert len(frame._frames) <= frame.MAX_FRAMES
