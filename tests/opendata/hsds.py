"""Validation against the official HSDS 3.0 JSON Schemas, copied into the repo at
veiviser/opendata/hsds-3.0/schema (with their licence).

A `referencing.Registry` holds every object's file under its file name, so the files'
links to each other ("phone.json") resolve as they are written; formats (uuid, email,
date-time where a checker is installed) are checked too.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from veiviser.opendata.schemas import hsds_openapi, object_schemas

# HSDS's Page (its OpenAPI document's components), with the fields every page must have.
PAGE_FIELDS = (
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
)


@cache
def registry() -> Registry:
    resources = [
        (name, Resource.from_contents(schema, default_specification=DRAFT202012))
        for name, schema in object_schemas().items()
    ]
    return Registry().with_resources(resources)


@cache
def validator(file_name: str) -> Draft202012Validator:
    """A validator for one HSDS object: "service.json", "organization.json", ..."""
    return Draft202012Validator(
        {"$ref": file_name}, registry=registry(), format_checker=FormatChecker()
    )


def problems(instance: Any, file_name: str) -> list[str]:
    """Every way `instance` breaks the HSDS schema `file_name` (none: it is valid)."""
    return [
        f"{file_name} at /{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator(file_name).iter_errors(instance)
    ]


@cache
def page_validator() -> Draft202012Validator:
    page = dict(hsds_openapi()["components"]["schemas"]["Page"])
    page["required"] = list(PAGE_FIELDS)
    return Draft202012Validator(page, format_checker=FormatChecker())


def page_problems(page: Any, item_file: str) -> list[str]:
    """A list's page: HSDS's Page, and each of its contents valid as `item_file`."""
    found = [f"Page: {error.message}" for error in page_validator().iter_errors(page)]
    for index, item in enumerate(page.get("contents", []) if isinstance(page, dict) else []):
        found += [f"contents[{index}]: {problem}" for problem in problems(item, item_file)]
    return found


DATASET_PARTS = {
    "organizations": "organization.json",
    "services": "service.json",
    "taxonomies": "taxonomy.json",
    "taxonomy_terms": "taxonomy_term.json",
}


def dataset_problems(data: dict[str, Any]) -> list[str]:
    """Every way a downloaded file breaks HSDS 3.0 (each part against its schema)."""
    found = []
    for part, schema in DATASET_PARTS.items():
        if not data.get(part):
            found.append(f"{part} is missing or empty")
        for index, item in enumerate(data.get(part) or []):
            found += [f"{part}[{index}]: {problem}" for problem in problems(item, schema)]
    return found
