"""The snapshot as HSDS objects: every record valid against the official schemas, and
the facts the same as the site shows them: numbers, languages, hours, audience, checks."""

from __future__ import annotations

import dataclasses

import pytest
from django.utils import translation

from tests import routes
from tests.opendata import hsds
from veiviser.content.records import Text
from veiviser.opendata import mapping
from veiviser.opendata.ids import organization_id, service_id

LANGS = routes.languages()


def service_data(snapshot, ident: str, lang: str = "en") -> dict:
    with translation.override(lang):
        return mapping.service(snapshot, snapshot.services[ident], lang)


@pytest.mark.parametrize("lang", LANGS)
def test_every_service_and_organisation_validates(seed_snapshot, lang):
    with translation.override(lang):
        for record in seed_snapshot.content.services:
            data = mapping.service(seed_snapshot, record, lang)
            assert hsds.problems(data, "service.json") == [], record.id
        for record in seed_snapshot.content.organisations:
            data = mapping.organization_full(seed_snapshot, record, lang)
            assert hsds.problems(data, "organization.json") == [], record.id


def test_phones_dial_what_the_site_dials_with_the_services_languages(seed_snapshot):
    for record in seed_snapshot.content.services:
        data = service_data(seed_snapshot, record.id)
        numbers = [c for c in record.channels if c.is_number]
        assert [p["number"] for p in data["phones"]] == [c.dial for c in numbers]
        assert [p["type"] for p in data["phones"]] == [
            "text" if c.kind == "sms" else "voice" for c in numbers
        ]
        for phone in data["phones"]:
            assert [lang["code"] for lang in phone["languages"]] == list(record.languages)
            assert all(lang["phone_id"] == phone["id"] for lang in phone["languages"])
    rosa = service_data(seed_snapshot, "rosa")
    assert rosa["phones"][0]["number"] == "+4722331160"  # E.164, as in the tel: link
    assert service_data(seed_snapshot, "police-emergency")["phones"][0]["number"] == "112"
    assert [lang["name"] for lang in rosa["languages"]] == ["Norwegian Bokmal", "English"]
    # A language's name in the asked language, as the service page shows it.
    in_norwegian = service_data(seed_snapshot, "rosa", "nb")["languages"]
    assert [lang["name"] for lang in in_norwegian][1] == "Engelsk"


def test_email_web_and_chat_channels(seed_snapshot):
    alarm = seed_snapshot.services["alarmtelefonen"]
    data = service_data(seed_snapshot, "alarmtelefonen")
    assert [c["email"] for c in data["contacts"]] == ["alarm@116111.no"]
    online = [c for c in alarm.channels if c.kind in ("web", "chat")]
    locations = [s["location"] for s in data["service_at_locations"]]
    assert [(loc["location_type"], loc["url"]) for loc in locations] == [
        ("virtual", c.href) for c in online
    ]
    assert data["url"] == next(c.href for c in alarm.channels if c.kind == "web")


def test_checks_times_hours_audience_and_area(seed_snapshot):
    record = seed_snapshot.services["rosa"]
    data = service_data(seed_snapshot, "rosa")
    assert data["assured_date"] == record.verified_on.isoformat()
    assert data["last_modified"] == seed_snapshot.published_at
    assert data["status"] == "active"
    assert (data["minimum_age"], data["eligibility_description"]) == (18, "Adults (18 and over)")
    assert "maximum_age" not in data
    (schedule,) = data["schedules"]
    assert schedule["description"] == record.hours["en"]
    assert (schedule["freq"], schedule["byday"]) == ("WEEKLY", "MO,TU,WE,TH,FR,SA,SU")
    assert [(a["name"], a["extent"]) for a in data["service_areas"]] == [("Norway", "NO")]
    assert service_data(seed_snapshot, "rosa", "nb")["service_areas"][0]["name"] == "Norge"
    children = service_data(seed_snapshot, "alarmtelefonen")
    assert children["maximum_age"] == 17 and "minimum_age" not in children
    assert data["organization_id"] == organization_id("rosa")
    assert data["organization"]["id"] == organization_id("rosa")


def test_an_unknown_fact_is_left_out_never_guessed(seed_snapshot):
    police = seed_snapshot.services["police-emergency"]
    assert police.open_24_7 is None and police.hours is None and police.free is None
    data = service_data(seed_snapshot, "police-emergency")
    assert data["schedules"] == []
    assert "fees_description" not in data and "interpretation_services" not in data
    assert data["attributes"] == [
        a for a in data["attributes"] if a["taxonomy_term"]["code"] == "children"
    ]


def test_each_text_falls_back_to_english_on_its_own(seed_snapshot):
    record = seed_snapshot.services["rosa"]
    half = dataclasses.replace(record, name=Text({"en": record.name["en"]}))
    services = tuple(half if s.id == "rosa" else s for s in seed_snapshot.content.services)
    snapshot = dataclasses.replace(
        seed_snapshot, content=dataclasses.replace(seed_snapshot.content, services=services)
    )
    with translation.override("nb"):
        data = mapping.service(snapshot, half, "nb")
    assert data["name"] == record.name["en"]  # no Norwegian name: the English one
    assert data["description"] == record.description["nb"]  # but the Norwegian description
    assert hsds.problems(data, "service.json") == []


def test_ids_are_unique_across_the_whole_directory(seed_snapshot):
    found: list[str] = []

    def collect(value):
        if isinstance(value, dict):
            if "id" in value:
                found.append(value["id"])
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    with translation.override("en"):
        for record in seed_snapshot.content.services:
            data = mapping.service(seed_snapshot, record, "en")
            data.pop("organization")
            for attribute in data["attributes"]:
                attribute.pop("taxonomy_term")  # the term is the same object each time
            collect(data)
    assert len(found) == len(set(found))
    assert service_id("rosa") in found
