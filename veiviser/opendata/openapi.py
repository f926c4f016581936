"""The OpenAPI 3.1 document of /hsds/, served at /hsds/openapi.json.

Written here rather than generated: its answers' schemas are HSDS's own files (every
`"phone.json"` link becomes `#/components/schemas/phone`), so a client, and schemathesis
in the tests, check each answer against the official HSDS 3.0 schemas themselves. The
parameters are declared exactly as veiviser.opendata.listing reads them.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from django.conf import settings

from veiviser.opendata import listing
from veiviser.opendata.schemas import hsds_openapi, object_schemas

JSON = "application/json"


def component(file_name: str) -> str:
    return "#/components/schemas/" + file_name.removesuffix(".json")


def _relinked(value: Any) -> Any:
    """A schema with its links to other files turned into links inside the document."""
    if isinstance(value, dict):
        return {
            key: component(item) if key == "$ref" and isinstance(item, str) else _relinked(item)
            for key, item in value.items()
            if key != "$schema"  # the document's dialect says it (jsonSchemaDialect)
        }
    if isinstance(value, list):
        return [_relinked(item) for item in value]
    return value


def _parameter(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


def _parameters() -> dict[str, dict[str, Any]]:
    uuid = {"type": "string", "format": "uuid"}
    codes = [code for code, _name in settings.LANGUAGES]
    return {
        "lang": _parameter(
            "lang",
            "The language of the texts; a text missing in it is given in English.",
            {"type": "string", "enum": codes, "default": "en"},
        ),
        "page": _parameter(
            "page",
            "Page number of the paginated result, from 1. A page past the last is empty.",
            {"type": "integer", "minimum": 1, "maximum": 999_999, "default": 1},
        ),
        "per_page": _parameter(
            "per_page",
            "Number of results in one page.",
            {
                "type": "integer",
                "minimum": 1,
                "maximum": listing.MAX_PER_PAGE,
                "default": listing.DEFAULT_PER_PAGE,
            },
        ),
        "search": _parameter(
            "search",
            "Words that must all appear in the name or description (any case).",
            {"type": "string", "maxLength": listing.MAX_SEARCH},
        ),
        "modified_after": _parameter(
            "modified_after",
            "Only results modified on or after this date or date-time (RFC 3339). Records "
            "count as modified when the content holding them was published.",
            {"type": "string", "anyOf": [{"format": "date"}, {"format": "date-time"}]},
        ),
        "taxonomy_term_id": _parameter(
            "taxonomy_term_id", "Only services with this taxonomy term (a filter).", uuid
        ),
        "taxonomy_id": _parameter(
            "taxonomy_id", "Only results with a term of this taxonomy.", uuid
        ),
        "organization_id": _parameter(
            "organization_id", "Only services of this organization.", uuid
        ),
    }


def _errors_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["errors"],
        "properties": {
            "errors": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["field", "message"],
                    "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
                },
            }
        },
    }


def _page_of(name: str) -> dict[str, Any]:
    return {
        "allOf": [{"$ref": "#/components/schemas/Page"}],
        "type": "object",
        "required": [
            "total_items",
            "total_pages",
            "page_number",
            "size",
            "first_page",
            "last_page",
            "empty",
            "contents",
        ],
        "properties": {"contents": {"type": "array", "items": {"$ref": component(name)}}},
    }


def _answer(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": schema}}}


def _operation(
    summary: str, schema: dict[str, Any], parameters: list[str], *, by_id: bool = False
) -> dict[str, Any]:
    errors = {"$ref": "#/components/schemas/Errors"}
    responses = {
        "200": _answer(summary, schema),
        "400": _answer("A parameter is wrong: the body names it.", errors),
        "503": _answer("Nothing has been published yet.", errors),
    }
    if by_id:
        responses["404"] = _answer("No record has this id.", errors)
    operation: dict[str, Any] = {
        "summary": summary,
        "operationId": summary.title().replace(" ", "").replace(",", ""),
        "parameters": [{"$ref": f"#/components/parameters/{name}"} for name in parameters],
        "responses": responses,
    }
    if by_id:
        operation["parameters"].insert(
            0, {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
        )
    return operation


@cache
def openapi() -> dict[str, Any]:
    schemas = {
        name.removesuffix(".json"): _relinked(schema) for name, schema in object_schemas().items()
    }
    schemas["Page"] = copy.deepcopy(hsds_openapi()["components"]["schemas"]["Page"])
    schemas["Errors"] = _errors_schema()
    schemas["OrganizationWithServices"] = {
        "allOf": [{"$ref": component("organization")}],
        "type": "object",
        "properties": {"services": {"type": "array", "items": {"$ref": component("service")}}},
    }
    schemas["Dataset"] = {
        "type": "object",
        "required": [
            "hsds_version",
            "license",
            "content_version",
            "organizations",
            "services",
            "taxonomies",
            "taxonomy_terms",
        ],
        "properties": {
            "hsds_version": {"type": "string"},
            "license": {
                "type": "object",
                "required": ["id", "url"],
                "properties": {"id": {"type": "string"}, "url": {"type": "string"}},
            },
            "content_version": {"type": "integer"},
            "published_at": {"type": "string", "format": "date-time"},
            "language": {"type": "string"},
            "organizations": {"type": "array", "items": {"$ref": component("organization")}},
            "services": {"type": "array", "items": {"$ref": component("service")}},
            "taxonomies": {"type": "array", "items": {"$ref": component("taxonomy")}},
            "taxonomy_terms": {"type": "array", "items": {"$ref": component("taxonomy_term")}},
        },
    }
    root = {
        "type": "object",
        "required": ["version", "openapi_url"],
        "properties": {
            "version": {"type": "string", "description": "HSDS version of this API."},
            "openapi_url": {"type": "string", "format": "uri"},
        },
    }
    ref = {name: {"$ref": component(name)} for name in schemas}
    lists = ["lang", "page", "per_page", "search"]
    paths = {
        "/": {"get": _operation("API information", root, ["lang"])},
        "/services": {
            "get": _operation(
                "List services",
                _page_of("service"),
                [*lists, "taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after"],
            )
        },
        "/services/{id}": {
            "get": _operation("Get a service", ref["service"], ["lang"], by_id=True)
        },
        "/organizations": {
            "get": _operation("List organizations", _page_of("organization"), lists)
        },
        "/organizations/{id}": {
            "get": _operation(
                "Get an organization with its services",
                ref["OrganizationWithServices"],
                ["lang"],
                by_id=True,
            )
        },
        "/taxonomies": {"get": _operation("List taxonomies", _page_of("taxonomy"), lists)},
        "/taxonomies/{id}": {
            "get": _operation("Get a taxonomy", ref["taxonomy"], ["lang"], by_id=True)
        },
        "/taxonomy_terms": {
            "get": _operation(
                "List taxonomy terms", _page_of("taxonomy_term"), [*lists, "taxonomy_id"]
            )
        },
        "/taxonomy_terms/{id}": {
            "get": _operation("Get a taxonomy term", ref["taxonomy_term"], ["lang"], by_id=True)
        },
        "/dataset.json": {
            "get": _operation("Download the whole directory", ref["Dataset"], ["lang"])
        },
    }
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Veiviser open data (Open Referral HSDS 3.0)",
            "version": "1",
            "description": (
                "The directory of help services for people who may be exploited by human "
                "traffickers in Norway, in the Open Referral Human Services Data "
                "Specification 3.0. Cross-origin reads are allowed. The answers' schemas "
                "are HSDS's own (CC BY-SA 4.0, the Open Referral project)."
            ),
            "license": {"name": settings.DATA_LICENSE, "identifier": settings.DATA_LICENSE},
        },
        "servers": [{"url": "/hsds"}],
        "paths": paths,
        "components": {"schemas": schemas, "parameters": _parameters()},
    }
