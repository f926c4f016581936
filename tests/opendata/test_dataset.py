"""The whole directory as one HSDS file (/hsds/dataset.json and `make export`): every
part valid against the official schemas, with its licence and the content version."""

from __future__ import annotations

import dataclasses

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.utils import translation

from tests.opendata import hsds
from tests.web.test_settings import load_settings
from veiviser.content.current import current
from veiviser.opendata.dataset import dataset


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_the_download_is_the_whole_directory_and_validates(seed_snapshot, lang):
    response = Client().get(f"/hsds/dataset.json?lang={lang}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="veiviser-hsds-{lang}-v{seed_snapshot.version}.json"'
    )
    data = response.json()
    assert hsds.dataset_problems(data) == []
    assert len(data["services"]) == len(seed_snapshot.content.services)
    assert len(data["organizations"]) == len(seed_snapshot.content.organisations)
    assert (data["hsds_version"], data["language"]) == ("3.0", lang)
    assert data["content_version"] == seed_snapshot.version
    assert data["published_at"] == seed_snapshot.published_at
    assert {s["title"] for s in data["sources"]} == {s.title for s in seed_snapshot.content.sources}


def test_the_download_names_its_licence_and_follows_a_publish(settings, seed_snapshot):
    settings.DATA_LICENSE = "NLOD-2.0"
    newer = dataclasses.replace(seed_snapshot, version=seed_snapshot.version + 4)
    current.hold(newer)
    data = Client().get("/hsds/dataset.json").json()
    assert data["license"] == {"id": "NLOD-2.0", "url": "https://spdx.org/licenses/NLOD-2.0.html"}
    assert data["content_version"] == newer.version


def test_the_validation_can_fail(seed_snapshot):
    with translation.override("en"):
        data = dataset(seed_snapshot, "en")
    del data["services"][0]["status"]
    data["organizations"][0]["id"] = "politiet"
    assert hsds.dataset_problems(data) == [
        "organizations[0]: organization.json at /id: 'politiet' is not a 'uuid'",
        "services[0]: service.json at /: 'status' is a required property",
    ]


def test_the_licence_setting(monkeypatch, tmp_path):
    assert load_settings(monkeypatch, tmp_path)["DATA_LICENSE"] == "CC-BY-4.0"
    values = load_settings(monkeypatch, tmp_path, DATA_LICENSE="CC0-1.0")
    assert values["DATA_LICENSE"] == "CC0-1.0"
    for bad in ("", "free for all", "CC-BY-4.0<script>", "https://example.org/licence"):
        with pytest.raises(ImproperlyConfigured, match=r"DATA_LICENSE=.* is not an SPDX"):
            load_settings(monkeypatch, tmp_path, DATA_LICENSE=bad)
