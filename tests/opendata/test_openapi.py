"""The OpenAPI document of /hsds/: its answers' schemas are HSDS's own files, it lists
every route, and schemathesis finds no answer that breaks it (and never a 5xx)."""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, settings
from schemathesis.core.failures import FailureGroup

from tests import routes
from tests.guide.test_api import like_django_test_client  # noqa: F401 - a fixture
from veiviser.opendata.ids import service_id
from veiviser.opendata.openapi import openapi
from veiviser.opendata.schemas import object_schemas
from veiviser.wsgi import application


def test_every_route_of_hsds_is_in_the_document():
    documented = {"/hsds" + path for path in openapi()["paths"]}
    served = {
        "/" + pattern.route.replace("<str:", "{").replace(">", "}")
        for pattern in routes.patterns()
        if pattern.route.startswith("hsds/") and pattern.route != "hsds/openapi.json"
    }
    served = {path.replace("_uuid}", "}") for path in served}
    served = {path.split("{")[0] + "{id}" if "{" in path else path for path in served}
    assert served == documented


def test_the_answers_schemas_are_the_official_files():
    schemas = openapi()["components"]["schemas"]
    for name, official in object_schemas().items():
        ours = schemas[name.removesuffix(".json")]
        assert ours["properties"].keys() == official["properties"].keys()
        assert ours.get("required") == official.get("required")
    # Every link inside the document points at a schema it holds.
    text = json.dumps(openapi())
    for ref in set(part.split('"')[0] for part in text.split('"$ref": "')[1:]):
        kind, _, name = ref.removeprefix("#/components/").partition("/")
        assert name in openapi()["components"][kind], ref


def test_the_document_is_served_as_json():
    response = Client().get(reverse("hsds:openapi"))
    assert response.status_code == 200
    assert response.json() == json.loads(json.dumps(openapi()))


# schemathesis against the served document, as tests/guide/test_api.py does for /api/v1/.
schema = schemathesis.openapi.from_wsgi("/hsds/openapi.json", application)


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_openapi_promises(case, like_django_test_client):  # noqa: F811
    # Every check: no 5xx, only documented statuses, headers and content types, answers
    # valid against the HSDS schemas, valid queries accepted and invalid ones refused.
    response = case.call_and_validate(headers={"Accept-Encoding": "identity"})
    assert response.status_code in (200, 400, 404, 405)
    assert response.headers.get("access-control-allow-origin") == ["*"]
    assert "set-cookie" not in {name.lower() for name in response.headers}


def test_schemathesis_would_see_a_broken_answer(monkeypatch, like_django_test_client):  # noqa: F811
    """The check can fail: an answer without HSDS's required `status` breaks the schema."""
    from veiviser.opendata import mapping

    real = mapping.service

    def broken(*args, **kwargs):
        data = real(*args, **kwargs)
        del data["status"]
        return data

    monkeypatch.setattr(mapping, "service", broken)
    operation = schema["/services/{id}"]["GET"]
    case = operation.Case(path_parameters={"id": service_id("rosa")})
    with pytest.raises(FailureGroup, match="Response violates schema"):
        case.call_and_validate(headers={"Accept-Encoding": "identity"})
