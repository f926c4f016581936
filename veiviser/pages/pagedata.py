"""What each information page shows, as typed data built from the snapshot.

Templates only render these objects; tests check them directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from veiviser.content import markup
from veiviser.content.records import Service
from veiviser.content.snapshot import Snapshot
from veiviser.pages.cards import Card, card, language_name


@dataclass(frozen=True)
class TopicLink:
    title: str
    summary: str
    href: str


@dataclass(frozen=True)
class SourceLine:
    title: str
    href: str  # "" for a section of the printed brochure


@dataclass(frozen=True)
class HomePage:
    topics: tuple[TopicLink, ...]
    guide_href: str
    directory_href: str


@dataclass(frozen=True)
class TopicPage:
    title: str
    summary: str
    body_html: str  # rendered by veiviser.content.markup: escaped, links checked
    cards: tuple[Card, ...]
    sources: tuple[SourceLine, ...]
    verified_on: str


@dataclass(frozen=True)
class Filters:
    """The directory's filters; each narrows the list. Unknown parameters are ignored."""

    children: bool = False
    not_authority: bool = False
    open_24_7: bool = False
    anonymous: bool = False

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> Filters:
        return cls(**{name: query.get(name) == "1" for name in cls.__dataclass_fields__})

    def keep(self, service: Service, authority: bool) -> bool:
        return (
            (not self.children or service.for_children)
            and (not self.not_authority or not authority)
            and (not self.open_24_7 or service.open_24_7 is True)
            and (not self.anonymous or service.anonymous is True)
        )

    @property
    def active(self) -> bool:
        return any(getattr(self, name) for name in self.__dataclass_fields__)


@dataclass(frozen=True)
class FilterOption:
    name: str
    label: str
    checked: bool


@dataclass(frozen=True)
class DirectoryPage:
    options: tuple[FilterOption, ...]
    cards: tuple[Card, ...]
    total: int
    filtered: bool


@dataclass(frozen=True)
class ServicePage:
    card: Card
    organisation: str
    organisation_description: str
    authority: bool
    website: str
    audience: str
    hours: str
    languages: tuple[str, ...]
    sources: tuple[SourceLine, ...]
    verified_on: str


def topic_href(lang: str, topic_id: str) -> str:
    return f"/{lang}/topics/{topic_id}/"


def home(snapshot: Snapshot, lang: str) -> HomePage:
    return HomePage(
        topics=tuple(
            TopicLink(t.title.in_(lang), t.summary.in_(lang), topic_href(lang, t.id))
            for t in snapshot.content.topics
        ),
        guide_href=f"/{lang}/guide/",
        directory_href=f"/{lang}/services/",
    )


def sources(snapshot: Snapshot, ids: tuple[str, ...]) -> tuple[SourceLine, ...]:
    lines = []
    for ident in ids:
        source = snapshot.sources[ident]
        lines.append(SourceLine(source.title, source.url or ""))
    return tuple(lines)


def topic(snapshot: Snapshot, topic_id: str, lang: str) -> TopicPage:
    record = snapshot.topics[topic_id]
    return TopicPage(
        title=record.title.in_(lang),
        summary=record.summary.in_(lang),
        body_html=markup.render(record.body.in_(lang), lambda ident: topic_href(lang, ident)),
        cards=tuple(card(snapshot, ident, lang) for ident in record.services),
        sources=sources(snapshot, record.sources),
        verified_on=record.verified_on.isoformat(),
    )


def filter_labels() -> dict[str, str]:
    return {
        "children": _("For children and youth"),
        "not_authority": _("Not from the authorities"),
        "open_24_7": _("Open 24/7"),
        "anonymous": _("You can stay anonymous"),
    }


def directory(snapshot: Snapshot, filters: Filters, lang: str) -> DirectoryPage:
    services = snapshot.content.services
    kept = [
        s for s in services if filters.keep(s, snapshot.organisations[s.organisation].authority)
    ]
    return DirectoryPage(
        options=tuple(
            FilterOption(name, label, getattr(filters, name))
            for name, label in filter_labels().items()
        ),
        cards=tuple(card(snapshot, s.id, lang) for s in kept),
        total=len(services),
        filtered=filters.active,
    )


def audience_label(audience: str) -> str:
    return {
        "adults": _("Adults (18 and over)"),
        "children": _("Children and youth under 18"),
        "everyone": _("Everyone"),
    }[audience]


def service(snapshot: Snapshot, service_id: str, lang: str) -> ServicePage:
    record = snapshot.services[service_id]
    organisation = snapshot.organisations[record.organisation]
    return ServicePage(
        card=card(snapshot, service_id, lang),
        organisation=organisation.name.in_(lang),
        organisation_description=organisation.description.in_(lang),
        authority=organisation.authority,
        website=organisation.website or "",
        audience=audience_label(record.audience),
        hours=record.hours.in_(lang) if record.hours else "",
        languages=tuple(language_name(code) for code in record.languages),
        sources=sources(snapshot, record.sources),
        verified_on=record.verified_on.isoformat(),
    )
