"""Contact cards: a service as the reader needs it, in one language, ready to render.

Used by topic pages, the directory and the guide's plan, so a number looks and dials
the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf.locale import LANG_INFO
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from veiviser.content.records import Service
from veiviser.content.snapshot import Snapshot


@dataclass(frozen=True)
class ChannelLink:
    kind: str
    label: str
    display: str
    href: str  # "" for a place to visit
    hours: str
    note: str


@dataclass(frozen=True)
class Card:
    service_id: str
    name: str
    organisation: str
    description: str
    href: str  # the service's own page
    channels: tuple[ChannelLink, ...]
    facts: tuple[str, ...]  # "Open 24/7", "Free", "You can stay anonymous", ...


def language_name(code: str) -> str:
    """The language's name in the page's language ("engelsk" on a Norwegian page)."""
    if code not in LANG_INFO:
        return code
    return get_language_info(code)["name_translated"]


def service_facts(service: Service, lang: str) -> tuple[str, ...]:
    """Short, sourced facts; an unknown (None) fact is left out rather than guessed."""
    facts = []
    if service.open_24_7:
        facts.append(_("Open 24/7"))
    if service.free:
        facts.append(_("Free"))
    if service.anonymous:
        facts.append(_("You can stay anonymous"))
    if service.interpreter:
        facts.append(_("Can arrange an interpreter"))
    return tuple(facts)


def card(snapshot: Snapshot, service_id: str, lang: str) -> Card:
    service = snapshot.services[service_id]
    organisation = snapshot.organisations[service.organisation]
    return Card(
        service_id=service.id,
        name=service.name.in_(lang),
        organisation=organisation.name.in_(lang),
        description=service.description.in_(lang),
        href=f"/{lang}/services/{service.id}/",
        channels=tuple(
            ChannelLink(
                kind=channel.kind,
                label=channel.label.in_(lang),
                display=channel.display,
                href=channel.href,
                hours=channel.hours.in_(lang) if channel.hours else "",
                note=channel.note.in_(lang) if channel.note else "",
            )
            for channel in service.channels
        ),
        facts=service_facts(service, lang),
    )
