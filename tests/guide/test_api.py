"""The guide's JSON API: the questions, a plan, and a 400 naming the field for any
mistake; never a 422 or a 5xx, never a cookie, never the body in a log."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.guide.conftest import LANGS
from tests.web.test_page_cache import call
from veiviser.guide import rules
from veiviser.guide.questions import QUESTIONS
from veiviser.wsgi import application

ISSUE_EXAMPLE = {
    "lang": "en",
    "answers": {
        "danger": "no",
        "age": "adult",
        "situation": ["labour"],
        "needs": ["safe_place", "lawyer"],
        "residence": "unsure",
    },
}


@pytest.fixture
def client() -> Client:
    return Client()


def post_plan(client: Client, body, content_type: str = "application/json"):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.generic("POST", "/api/v1/plan", data, content_type=content_type)


@pytest.mark.parametrize("lang", LANGS)
def test_the_questions_with_their_ids_and_labels(client, seed_snapshot, lang):
    response = client.get(f"/api/v1/guide?lang={lang}")
    assert response.status_code == 200
    data = response.json()
    assert (data["lang"], data["snapshot"]) == (lang, seed_snapshot.version)
    assert [(q["id"], q["kind"], [o["id"] for o in q["options"]]) for q in data["questions"]] == [
        (q.id, q.kind, list(q.options)) for q in QUESTIONS
    ]
    assert all(q["label"] and q["skip_label"] for q in data["questions"])
    known = {"en": "Are you in danger right now?", "nb": "Er du i fare akkurat nå?"}
    label = seed_snapshot.content.guide["questions"][0]["label"][lang]
    assert data["questions"][0]["label"] == known.get(lang, label)
    assert lang == "en" or label != known["en"], "a question shown in English"


def test_the_issues_example(client, seed_snapshot):
    response = post_plan(client, ISSUE_EXAMPLE)
    assert response.status_code == 200
    data = response.json()
    assert (data["lang"], data["snapshot"]) == ("en", seed_snapshot.version)
    assert [step["id"] for step in data["steps"]] == [
        "rosa-first",
        "safe-to-seek-help",
        "safe-place",
        "lawyer",
        "residence-options",
        "work-rights",
        "who-else-can-help",
    ]
    first = data["steps"][0]
    assert set(first) == {"id", "title", "body", "contacts"}
    assert first["contacts"][0] == {
        "service": "rosa",
        "kind": "phone",
        "value": "+4722331160",  # E.164 for a full number
        "label": "Call ROSA",
    }
    assert [n["value"] for n in data["numbers"]] == ["+4722331160", "112"]


def test_short_numbers_are_dialled_as_they_are(client):
    data = post_plan(client, {"answers": {"danger": "yes", "needs": ["report"]}}).json()
    values = [c["value"] for c in data["steps"][0]["contacts"]]
    assert values == ["112", "113"]
    report = next(step for step in data["steps"] if step["id"] == "report")
    assert [c["value"] for c in report["contacts"] if c["kind"] == "phone"] == ["02800", "112"]


def test_everything_skipped_is_a_plan_too(client):
    for body in ({}, {"answers": {}}, {"answers": {"danger": None, "needs": []}}):
        response = post_plan(client, body)
        assert response.status_code == 200
        assert response.json()["steps"][-1]["id"] == "who-else-can-help"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"lang": "de"}, "lang"),
        ({"answers": {"colour": "red"}}, "answers.colour"),
        ({"answers": {"danger": "maybe"}}, "answers.danger"),
        ({"answers": {"danger": ["yes"]}}, "answers.danger"),
        ({"answers": {"situation": "labour"}}, "answers.situation"),
        ({"answers": {"needs": ["talk", 1]}}, "answers.needs.1"),
        ({"answers": {"age": "skip"}}, "answers.age"),
        ({"answers": []}, "answers"),
        ({"extra": 1}, "extra"),
        ([], "body"),
        ("{", "body"),
        ("", "body"),
        (b"\xff\xfe", "body"),
        ("x" * 5000, "body"),
    ],
)
def test_a_mistake_is_a_400_naming_the_field(client, body, field):
    response = post_plan(client, body)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert field in [error["field"] for error in errors], errors
    assert all(error["message"] for error in errors)


def test_an_unknown_language_for_the_questions(client):
    response = client.get("/api/v1/guide?lang=xx")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "lang"


def test_no_cookie_and_no_body_in_the_log(client, caplog):
    caplog.set_level(logging.DEBUG)
    body = {"lang": "en", "answers": {"needs": ["help_other"], "age": "under18"}}
    responses = [post_plan(client, body), post_plan(client, {"answers": {"sentinel": 1}})]
    assert [r.status_code for r in responses] == [200, 400]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "POST /api/v1/plan 200" in logged
    for word in ("help_other", "under18", "sentinel"):
        assert word not in logged
    assert all(not r.cookies and not r.has_header("Set-Cookie") for r in responses)


def test_openapi_31_documents_400_and_offers_no_docs_page(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert len(operations) == 2
    assert all({"200", "400"} <= set(op["responses"]) for op in operations)
    assert "422" not in json.dumps(schema["paths"])
    assert client.get("/api/v1/docs").status_code == 404


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
        ),
        max_leaves=12,
    )
    | st.fixed_dictionaries(
        {},
        optional={
            "lang": st.sampled_from([*LANGS, "", "EN"]),
            "answers": st.dictionaries(
                st.sampled_from([q.id for q in QUESTIONS] + ["x"]),
                st.sampled_from(["yes", "under18", "labour", "skip", None])
                | st.lists(st.sampled_from(["labour", "talk", "help_other", "nope"]), max_size=4),
                max_size=6,
            ),
        },
    )
)
def test_any_json_body_gives_a_plan_or_a_400(client, body):
    response = post_plan(client, body)
    assert response.status_code in (200, 400), response.content
    data = response.json()
    assert ("steps" in data) if response.status_code == 200 else data["errors"]


# --- schemathesis against the published OpenAPI document ---------------------------------
# Loaded when the module is collected (pytest-django has set Django up by then); the
# document needs no content, and every generated call runs inside a test, with the seed
# snapshot held. (schemathesis' fixture-based loader does not work with pytest 9.)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def like_django_test_client() -> Iterator[None]:
    """Calls straight into the WSGI app must not recycle database connections between
    requests (Django's own test client does the same): an earlier test's connection
    would otherwise be touched, which pytest-django forbids outside a database test."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_openapi_promises(case, like_django_test_client):
    # schemathesis' checks: never a 5xx, no status, header or content the document does not
    # list, valid data accepted and invalid data refused, 405 for a method not offered.
    # identity: the WSGI test client hands schemathesis the bytes as sent, undecoded.
    response = case.call_and_validate(headers={"Accept-Encoding": "identity"})
    assert response.status_code in (200, 400, 405)
    assert "set-cookie" not in {name.lower() for name in response.headers}


def test_the_plan_schema_lists_every_answer_id(client):
    schema = client.get("/api/v1/openapi.json").json()
    answers = schema["components"]["schemas"]["AnswersIn"]["properties"]
    text = json.dumps(answers)
    for question in QUESTIONS:
        assert all(f'"{option}"' in text for option in question.options)
    assert set(rules.CONTACT_KINDS) <= set(json.dumps(schema["components"]).split('"'))


def test_crime_is_an_answer_the_api_accepts_and_it_is_not_work(client):
    body = {"lang": "en", "answers": {"age": "adult", "situation": ["crime"]}}
    response = post_plan(client, body)
    assert response.status_code == 200
    steps = [step["id"] for step in response.json()["steps"]]
    assert "work-rights" not in steps
    guide = client.get("/api/v1/guide?lang=nb").json()
    situation = next(q for q in guide["questions"] if q["id"] == "situation")
    crime = next(o for o in situation["options"] if o["id"] == "crime")
    assert crime["label"].startswith("Noen utnytter eller presser meg til å begå kriminalitet")


class CountingBody(io.BytesIO):
    """A request body that counts how much of it the application read."""

    taken = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.taken += len(data)
        return data

    def readline(self, size: int | None = -1) -> bytes:
        data = super().readline(size)
        self.taken += len(data)
        return data


@pytest.mark.parametrize("size", [100_000, 5_000_000])
def test_an_oversized_body_is_a_400_naming_it_unread_and_without_a_traceback(size, caplog):
    caplog.set_level(logging.INFO)
    body = b'{"lang": "en"}' + b" " * size
    stream = CountingBody(body)
    answer = call(
        application,
        "POST",
        "/api/v1/plan",
        body=body,
        CONTENT_TYPE="application/json",
        **{"wsgi.input": stream},
    )
    assert answer.status.startswith("400")
    assert answer.header("Content-Type").startswith("application/json")
    assert [e["field"] for e in json.loads(answer.body)["errors"]] == ["body"]
    assert stream.taken == 0  # refused from its Content-Length alone
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.WARNING]
