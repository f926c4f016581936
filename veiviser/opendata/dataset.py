"""The whole directory as one HSDS 3.0 file: what /hsds/dataset.json serves and
`make export` writes, with its licence (DATA_LICENSE) and the content version."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from veiviser.content.snapshot import Snapshot
from veiviser.opendata import mapping, taxonomy

HSDS_VERSION = "3.0"


def license_url(identifier: str) -> str:
    """Where an SPDX licence identifier is explained (spdx.org lists every one)."""
    return f"https://spdx.org/licenses/{identifier}.html"


def dataset(snapshot: Snapshot, lang: str) -> dict[str, Any]:
    """Every organisation, service and taxonomy term, fully nested, in `lang` (each text
    falling back to English). Call inside translation.override(lang)."""
    return {
        "hsds_version": HSDS_VERSION,
        "title": "Veiviser: help services for people who may be exploited by human traffickers"
        " in Norway",
        "license": {"id": settings.DATA_LICENSE, "url": license_url(settings.DATA_LICENSE)},
        "content_version": snapshot.version,
        "published_at": snapshot.published_at,
        "language": lang,
        # Where the facts come from: every record was checked against one of these.
        "sources": [
            {key: value for key, value in (("title", s.title), ("url", s.url)) if value}
            for s in snapshot.content.sources
        ],
        "organizations": [mapping.organization(o, lang) for o in snapshot.content.organisations],
        "services": [mapping.service(snapshot, s, lang) for s in snapshot.content.services],
        "taxonomies": [taxonomy.taxonomy()],
        "taxonomy_terms": [taxonomy.term_data(term, lang) for term in taxonomy.TERMS],
    }
