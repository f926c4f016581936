"""The published snapshot: the whole content, validated and frozen, with a version.

Public pages and the guide read only this. It is stored as JSON in the database and held
in memory by every process (veiviser.content.current).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property

from veiviser.content.records import (
    Content,
    Organisation,
    Service,
    Source,
    Topic,
    from_data,
    to_data,
)


@dataclass(frozen=True)
class Snapshot:
    version: int
    published_at: str  # ISO 8601, UTC
    content: Content

    @cached_property
    def services(self) -> dict[str, Service]:
        return {service.id: service for service in self.content.services}

    @cached_property
    def organisations(self) -> dict[str, Organisation]:
        return {organisation.id: organisation for organisation in self.content.organisations}

    @cached_property
    def topics(self) -> dict[str, Topic]:
        return {topic.id: topic for topic in self.content.topics}

    @cached_property
    def sources(self) -> dict[str, Source]:
        return {source.id: source for source in self.content.sources}

    def language_status(self, code: str) -> str:
        for language in self.content.languages:
            if language.code == code:
                return language.status
        return "machine"  # a language not in the snapshot has no checked text: say so

    def to_json(self) -> str:
        data = {"version": self.version, "published_at": self.published_at}
        data["content"] = to_data(self.content)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Snapshot:
        data = json.loads(text)
        return cls(data["version"], data["published_at"], from_data(Content, data["content"]))
