"""Stable HSDS ids: every HSDS `id` is a UUID, derived from our own record ids.

uuid5 of a fixed namespace and a path naming the record ("service/rosa"), so the same
record has the same id after every publish and on every install, and a client can keep
its links to our data. Never change NAMESPACE: every id a client holds would change.
"""

from __future__ import annotations

import uuid

NAMESPACE = uuid.UUID("62a2e0d9-51d6-4aa5-9d31-8eef90ffeafa")


def hsds_id(*parts: str) -> str:
    """The UUID of the record named by `parts`: hsds_id("service", "rosa")."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def organization_id(organisation: str) -> str:
    return hsds_id("organization", organisation)


def service_id(service: str) -> str:
    return hsds_id("service", service)
