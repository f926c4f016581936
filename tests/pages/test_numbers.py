"""Every phone number, e-mail and web address in the brochure is on the site, correctly
linked, in every language; and every number on every page dials what it shows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.test import Client

from tests import audit
from tests.pages.html import read
from veiviser.content import phones
from veiviser.content.snapshot import Snapshot

# The brochure's numbers and addresses, kept in the repository (a clone has no ../shared).
BROCHURE_FACTS = Path(__file__).resolve().parent.parent / "data" / "brochure_facts.yaml"
LANGS = [code for code, _ in settings.LANGUAGES]


def brochure_facts() -> dict:
    return yaml.safe_load(BROCHURE_FACTS.read_text(encoding="utf-8"))


def brochure_numbers() -> list[str]:
    """Phone numbers as the brochure writes them: 112, 02800, 116 117, 22 33 11 60 ..."""
    return sorted({entry["number"] for entry in brochure_facts()["numbers"]})


def brochure_addresses() -> list[str]:
    facts = brochure_facts()
    return sorted({entry["address"] for entry in facts["emails"] + facts["addresses"]})


def pages(snapshot: Snapshot) -> Iterator[str]:
    for lang in LANGS:
        yield f"/{lang}/"
        yield f"/{lang}/services/"
        yield f"/{lang}/browse-safely/"
        yield f"/{lang}/privacy/"
        for topic in snapshot.content.topics:
            yield f"/{lang}/topics/{topic.id}/"
        for service in snapshot.content.services:
            yield f"/{lang}/services/{service.id}/"


@pytest.fixture(scope="module")
def rendered(seed_snapshot) -> dict[str, str]:
    from veiviser.content.current import current

    current.hold(seed_snapshot)
    client = Client()
    result = {}
    for path in pages(seed_snapshot):
        response = client.get(path)
        assert response.status_code == 200, path
        result[path] = response.content.decode()
    return result


def test_the_brochure_facts_hold_the_numbers_they_should():
    # If the list lost entries, the checks below would pass on less than the brochure has.
    assert {"112", "02800", "113", "116 117", "22 33 11 60", "116 111", "417 16 111",
            "+47 954 11 755", "116 006"} <= set(brochure_numbers())  # fmt: skip
    assert {"alarm@116111.no", "rosanorge.no", "udi.no/human-trafficking",
            "politiet.no/menneskehandel"} <= set(brochure_addresses())  # fmt: skip


def expected_dial(number: str) -> str:
    return phones.parse(number, has_exception=True).dial


@pytest.mark.parametrize("number", brochure_numbers())
@pytest.mark.parametrize("lang", LANGS)
def test_every_brochure_number_is_linked_on_a_topic_and_a_service_page(rendered, number, lang):
    dial = expected_dial(number)
    places = {
        path
        for path, html in rendered.items()
        if path.startswith(f"/{lang}/")
        for anchor in read(html).anchors
        # Shown exactly as the brochure groups it: a reader compares the two.
        if anchor.href in (f"tel:{dial}", f"sms:{dial}") and anchor.text.strip() == number
    }
    assert any("/topics/" in path for path in places), f"{number} on no topic page in {lang}"
    assert any("/services/" in path for path in places), f"{number} on no service page in {lang}"


@pytest.mark.parametrize("address", brochure_addresses())
@pytest.mark.parametrize("lang", LANGS)
def test_every_brochure_address_is_linked_in_every_language(rendered, address, lang):
    wanted = {f"mailto:{address}"} if "@" in address else {
        f"https://{address}", f"https://www.{address}", f"https://{address.removeprefix('www.')}"
    }  # fmt: skip
    linked = {
        anchor.href.rstrip("/")
        for path, html in rendered.items()
        if path.startswith(f"/{lang}/")
        for anchor in read(html).anchors
    }
    assert wanted & linked, f"{address} is not linked on any {lang} page"


def test_every_number_link_dials_the_number_it_shows(rendered):
    checked = 0
    for path, html in rendered.items():
        page = audit.Page(path, path.split("/")[1], html, 0, 0)
        reader = audit.read(html)
        # The site audit's check: it dials what it shows, and the number is valid.
        assert list(audit.number_problems(page, reader)) == []
        checked += sum(a.attrs.get("href", "").startswith(("tel:", "sms:")) for a in reader.anchors)
    assert checked > 100


def test_no_page_shows_a_phone_number_outside_a_link(rendered):
    for path, html in rendered.items():
        text = " ".join(read(html).outside_links)
        assert phones.dialable_numbers(text) == [], f"{path}: numbers outside a link"
