"""The official HSDS 3.0 JSON Schemas, as copied into veiviser/opendata/hsds-3.0/.

One file per object, linking to each other by file name ("phone.json"). The OpenAPI
document is built from them, and the tests validate every answer against them.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).resolve().parent / "hsds-3.0" / "schema"
OPENAPI_FILE = "openapi.json"  # HSDS's own OpenAPI document: not an object's schema


@cache
def object_schemas() -> dict[str, dict[str, Any]]:
    """{"service.json": {...}, "phone.json": {...}, ...}: every object's schema by file name."""
    return {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(SCHEMA_DIR.glob("*.json"))
        if path.name != OPENAPI_FILE
    }


@cache
def hsds_openapi() -> dict[str, Any]:
    """HSDS's OpenAPI document: its Page schema and parameter descriptions are reused."""
    return json.loads((SCHEMA_DIR / OPENAPI_FILE).read_text(encoding="utf-8"))
