"""/hsds/: every answer of every endpoint, every page of every list, in every language,
validates against the official HSDS 3.0 schemas; errors are JSON 400/404 naming the field;
the answers are kept by the page cache, query string included, and set no cookie."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from django.test import Client

from tests import routes
from tests.opendata import hsds
from tests.web.test_page_cache import call
from veiviser.content.current import current
from veiviser.opendata import taxonomy
from veiviser.opendata.ids import organization_id, service_id
from veiviser.web.page_cache import PageCache
from veiviser.wsgi import django_application

LANGS = routes.languages()
# Each list, the schema of its items, and how many the seed holds.
LISTS = {
    "/hsds/services": "service.json",
    "/hsds/organizations": "organization.json",
    "/hsds/taxonomies": "taxonomy.json",
    "/hsds/taxonomy_terms": "taxonomy_term.json",
}


@pytest.fixture
def client() -> Client:
    return Client(raise_request_exception=False)


def get_json(client: Client, target: str, status: int = 200) -> object:
    response = client.get(target)
    assert response.status_code == status, (target, response.content[:300])
    assert response["Content-Type"] == "application/json"
    assert not response.cookies
    return response.json()


def every_page(client: Client, target: str, per_page: int) -> Iterator[dict]:
    """Every page of a list, following total_pages from the first."""
    first = get_json(client, f"{target}&per_page={per_page}&page=1")
    yield first
    for number in range(2, first["total_pages"] + 1):
        yield get_json(client, f"{target}&per_page={per_page}&page={number}")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("target", "item_file"), LISTS.items())
def test_every_page_of_every_list_validates(client, seed_snapshot, target, item_file, lang):
    everything = get_json(client, f"{target}?lang={lang}&per_page=100")
    assert hsds.page_problems(everything, item_file) == []
    total = everything["total_items"]
    assert total == everything["size"] == len(everything["contents"]) > 0
    for per_page in (1, 3):
        pages = list(every_page(client, f"{target}?lang={lang}", per_page))
        assert len(pages) == math.ceil(total / per_page)
        for number, page in enumerate(pages, start=1):
            assert hsds.page_problems(page, item_file) == [], (per_page, number)
            assert page["page_number"] == number
            assert (page["first_page"], page["last_page"]) == (number == 1, number == len(pages))
            assert page["total_items"] == total
        # The pages together are the whole list, in order, each item once.
        ids = [item["id"] for page in pages for item in page["contents"]]
        assert ids == [item["id"] for item in everything["contents"]]


def test_the_lists_hold_the_whole_directory(client, seed_snapshot):
    services = get_json(client, "/hsds/services?per_page=100")["contents"]
    assert [s["id"] for s in services] == [service_id(i) for i in seed_snapshot.services]
    organizations = get_json(client, "/hsds/organizations?per_page=100")["contents"]
    assert [o["id"] for o in organizations] == [
        organization_id(i) for i in seed_snapshot.organisations
    ]
    terms = get_json(client, "/hsds/taxonomy_terms")["contents"]
    assert [t["code"] for t in terms] == ["children", "not_authority", "open_24_7", "anonymous"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_record_by_its_id_validates(client, seed_snapshot, lang):
    for ident in seed_snapshot.services:
        data = get_json(client, f"/hsds/services/{service_id(ident)}?lang={lang}")
        assert hsds.problems(data, "service.json") == [], ident
        assert data["id"] == service_id(ident)
    for ident in seed_snapshot.organisations:
        data = get_json(client, f"/hsds/organizations/{organization_id(ident)}?lang={lang}")
        assert hsds.problems(data, "organization.json") == [], ident
        owned = [s for s in seed_snapshot.content.services if s.organisation == ident]
        assert [s["id"] for s in data["services"]] == [service_id(s.id) for s in owned]
        for item in data["services"]:
            assert hsds.problems(item, "service.json") == []
    data = get_json(client, f"/hsds/taxonomies/{taxonomy.TAXONOMY_ID}?lang={lang}")
    assert hsds.problems(data, "taxonomy.json") == []
    for term_id in taxonomy.BY_ID:
        data = get_json(client, f"/hsds/taxonomy_terms/{term_id}?lang={lang}")
        assert hsds.problems(data, "taxonomy_term.json") == []
        assert data["language"] == lang


def test_the_api_root(client):
    data = get_json(client, "/hsds/")
    assert data == {"version": "3.0", "openapi_url": "http://testserver/hsds/openapi.json"}
    assert client.get("/hsds/openapi.json").json()["openapi"].startswith("3.1")


def test_another_language_falls_back_to_english_per_field(client, seed_snapshot):
    rosa = service_id("rosa")
    en = get_json(client, f"/hsds/services/{rosa}?lang=en")
    nb = get_json(client, f"/hsds/services/{rosa}?lang=nb")
    record = seed_snapshot.services["rosa"]
    assert en["name"] == record.name["en"]
    assert nb["name"] == record.name["nb"] != en["name"]
    assert nb["organization"]["name"] == seed_snapshot.organisations["rosa"].name.in_("nb")
    # Numbers are data: the same in every language.
    assert [p["number"] for p in nb["phones"]] == [p["number"] for p in en["phones"]]


def test_search_filters_and_their_totals(client, seed_snapshot):
    found = get_json(client, "/hsds/services?search=ROSA")
    assert [s["id"] for s in found["contents"]] == [service_id("rosa")]
    assert found["total_items"] == 1
    # In Norwegian, a Norwegian word finds the service.
    nb_name = seed_snapshot.services["police-emergency"].name["nb"]
    found = get_json(client, f"/hsds/services?lang=nb&search={nb_name.split()[0]}")
    assert service_id("police-emergency") in [s["id"] for s in found["contents"]]
    nothing = get_json(client, "/hsds/services?search=no+such+words+anywhere")
    assert (nothing["total_items"], nothing["total_pages"], nothing["empty"]) == (0, 0, True)
    assert hsds.page_problems(nothing, "service.json") == []
    politiet = organization_id("politiet")
    owned = get_json(client, f"/hsds/services?organization_id={politiet}")["contents"]
    assert {s["id"] for s in owned} == {service_id("police"), service_id("police-emergency")}


def test_modified_after_compares_with_the_publish_time(client, seed_snapshot):
    before = get_json(client, "/hsds/services?modified_after=2000-01-01")
    assert before["total_items"] == len(seed_snapshot.services)
    after = get_json(client, "/hsds/services?modified_after=2999-01-01T00:00:00Z")
    assert after["total_items"] == 0
    moment = seed_snapshot.published_at.replace("+00:00", "Z")
    assert get_json(client, f"/hsds/services?modified_after={moment}")["total_items"] > 0


def test_a_page_past_the_last_is_empty_with_the_true_totals(client, seed_snapshot):
    page = get_json(client, "/hsds/services?per_page=10&page=99")
    assert page["contents"] == [] and page["empty"] and page["last_page"]
    assert (page["total_items"], page["total_pages"]) == (len(seed_snapshot.services), 3)
    assert hsds.page_problems(page, "service.json") == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=abc", "page"),
        ("page=1.5", "page"),
        ("per_page=0", "per_page"),
        ("per_page=101", "per_page"),
        ("per_page=", "per_page"),
        ("lang=de", "lang"),
        ("lang=", "lang"),
        ("modified_after=yesterday", "modified_after"),
        ("modified_after=2026-13-01", "modified_after"),
        ("search=" + "x" * 201, "search"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(client, query, field):
    data = get_json(client, f"/hsds/services?{query}", status=400)
    assert data["errors"][0]["field"] == field
    assert data["errors"][0]["message"]


@pytest.mark.parametrize(
    "target",
    [
        "/hsds/services/00000000-0000-0000-0000-000000000000",
        "/hsds/services/rosa",  # our own id is not the HSDS id
        f"/hsds/services/{organization_id('rosa')}",  # an organisation's id is not a service's
        "/hsds/organizations/not-a-uuid",
        f"/hsds/organizations/{service_id('rosa')}",
        "/hsds/taxonomies/00000000-0000-0000-0000-000000000000",
        "/hsds/taxonomy_terms/00000000-0000-0000-0000-000000000000",
    ],
)
def test_an_unknown_id_is_a_404(client, target):
    data = get_json(client, target, status=404)
    assert data["errors"][0]["field"] == "id"


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_only_get_and_head_are_answered(client, method):
    response = client.generic(method, "/hsds/services")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    head = client.head("/hsds/services")
    assert head.status_code == 200 and head.content == b""


def test_nothing_published_is_a_json_503(client, settings, tmp_path):
    current.reset()  # as a process that started before anything was published
    settings.VAR_DIR = tmp_path  # ... and has no snapshot kept from before
    with mock.patch("veiviser.content.current.publishing.latest_version", return_value=None):
        response = client.get("/hsds/services")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response.json()["errors"][0]["message"]


def test_answers_are_kept_by_the_page_cache_with_their_query():
    built: list[str] = []

    def counting(environ, start_response):
        built.append(environ["QUERY_STRING"])
        return django_application(environ, start_response)

    cache = PageCache(counting)
    queries = ["per_page=2", "per_page=2", "per_page=3", "per_page=3&lang=nb", "per_page=2"]
    answers = [call(cache, "GET", f"/hsds/services?{query}") for query in queries]
    assert {answer.status for answer in answers} == {"200 OK"}
    assert answers[0].body == answers[1].body == answers[4].body != answers[2].body
    assert answers[3].header("Content-Language") == "nb"
    # Asked five times, built three times: once per distinct query.
    assert built == ["per_page=2", "per_page=3", "per_page=3&lang=nb"]


def test_the_readmes_examples_work(client):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    examples = re.findall(r"curl [^']*'http://127\.0\.0\.1:8000(/hsds/[^']*)'", readme)
    assert len(examples) >= 3
    for target in examples:
        response = client.get(target)
        assert response.status_code == 200, target
        if "taxonomy_term_id" in target:
            found = response.json()["contents"]
            assert found and all(
                "open_24_7" in [a["taxonomy_term"]["code"] for a in s["attributes"]] for s in found
            )
