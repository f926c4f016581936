"""Moves content between the typed records and the editable tables, in both directions.

`write_content` is what `loadcontent` does: inside one transaction it updates only the
records that differ, so a second load of the same seed changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from veiviser.content import models
from veiviser.content.channels import build_channel
from veiviser.content.records import (
    Channel,
    Content,
    Language,
    NumberException,
    Organisation,
    Service,
    Source,
    Text,
    Topic,
    from_data,
    to_data,
)

ORIGIN = "database"


def _text(value: Any) -> Text | None:
    return Text(value) if value else None


def _exception(value: dict[str, Any] | None) -> NumberException | None:
    return from_data(NumberException, value) if value else None


def read_content() -> Content:
    """The editable content as records, in the order editors gave it."""
    organisations = {row.pk: row.slug for row in models.Organisation.objects.all()}
    channels: dict[int, list[Channel]] = {}
    for row in models.Channel.objects.all():
        channels.setdefault(row.service_id, []).append(
            build_channel(
                row.kind,
                row.value,
                Text(row.label),
                _text(row.hours),
                _text(row.note),
                _exception(row.exception),
            )
        )
    guide = models.GuideText.objects.first()
    frontline = models.FrontlineText.objects.first()
    return Content(
        languages=tuple(_language(row) for row in models.ContentLanguage.objects.all()),
        sources=tuple(
            Source(r.slug, r.title, r.section or None, r.url or None)
            for r in models.Source.objects.all()
        ),
        organisations=tuple(
            Organisation(
                id=r.slug,
                name=Text(r.name),
                description=Text(r.description),
                authority=r.authority,
                sources=tuple(r.sources),
                verified_on=r.verified_on,
                website=r.website or None,
                notes=r.notes,
                origin=ORIGIN,
            )
            for r in models.Organisation.objects.all()
        ),
        services=tuple(
            Service(
                id=r.slug,
                organisation=organisations[r.organisation_id],
                name=Text(r.name),
                description=Text(r.description),
                audience=r.audience,
                open_24_7=r.open_24_7,
                sources=tuple(r.sources),
                verified_on=r.verified_on,
                anonymous=r.anonymous,
                free=r.free,
                interpreter=r.interpreter,
                languages=tuple(r.languages),
                hours=_text(r.hours),
                channels=tuple(channels.get(r.pk, [])),
                notes=r.notes,
                origin=ORIGIN,
            )
            for r in models.Service.objects.all()
        ),
        topics=tuple(
            Topic(
                id=r.slug,
                title=Text(r.title),
                summary=Text(r.summary),
                body=Text(r.body),
                sources=tuple(r.sources),
                verified_on=r.verified_on,
                services=tuple(r.services),
                notes=r.notes,
                origin=ORIGIN,
            )
            for r in models.Topic.objects.all()
        ),
        guide=guide.data if guide else {},
        frontline=frontline.data if frontline else {},
    )


def _details(language: Language) -> dict[str, Any]:
    data = to_data(language)
    return {key: value for key, value in data.items() if key not in ("code", "status")}


def _language(row: models.ContentLanguage) -> Language:
    return from_data(Language, {**row.details, "code": row.code, "status": row.status})


@transaction.atomic
def write_content(content: Content) -> int:
    """Make the tables hold exactly `content`; returns how many records changed. All or
    nothing: one transaction."""
    current = read_content()
    changes = 0
    if current.languages != content.languages:
        models.ContentLanguage.objects.all().delete()
        models.ContentLanguage.objects.bulk_create(
            models.ContentLanguage(
                code=lang.code, status=lang.status, position=index, details=_details(lang)
            )
            for index, lang in enumerate(content.languages)
        )
        changes += 1
    changes += _sync(models.Source, current.sources, content.sources, _source_fields)
    changes += _sync(
        models.Organisation, current.organisations, content.organisations, _organisation_fields
    )
    changes += _sync_services(current.services, content.services)
    changes += _sync(models.Topic, current.topics, content.topics, _topic_fields)
    # Removed records go last, services before the organisations they point to.
    for model, records in (
        (models.Topic, content.topics),
        (models.Service, content.services),
        (models.Organisation, content.organisations),
        (models.Source, content.sources),
    ):
        changes += _delete_missing(model, records)
    if current.guide != content.guide:
        models.GuideText.objects.all().delete()
        models.GuideText.objects.create(data=dict(content.guide))
        changes += 1
    if current.frontline != content.frontline:
        models.FrontlineText.objects.all().delete()
        models.FrontlineText.objects.create(data=dict(content.frontline))
        changes += 1
    return changes


def _sync(model: Any, old: Sequence[Any], new: Sequence[Any], fields: Any) -> int:
    """Create or update the rows of `new` that differ from `old` (by id and position)."""
    before = {record.id: (index, record) for index, record in enumerate(old)}
    changes = 0
    for index, record in enumerate(new):
        if before.get(record.id) == (index, record):
            continue
        model.objects.update_or_create(
            slug=record.id, defaults={**fields(record), "position": index}
        )
        changes += 1
    return changes


def _delete_missing(model: Any, new: Sequence[Any]) -> int:
    stale = model.objects.exclude(slug__in=[record.id for record in new])
    count = stale.count()
    stale.delete()
    return count


def _source_fields(source: Source) -> dict[str, Any]:
    return {"title": source.title, "section": source.section or "", "url": source.url or ""}


def _sourced_fields(record: Organisation | Service | Topic) -> dict[str, Any]:
    return {
        "sources": list(record.sources),
        "verified_on": record.verified_on,
        "notes": record.notes,
    }


def _organisation_fields(organisation: Organisation) -> dict[str, Any]:
    return {
        **_sourced_fields(organisation),
        "name": to_data(organisation.name),
        "description": to_data(organisation.description),
        "website": organisation.website or "",
        "authority": organisation.authority,
    }


def _topic_fields(topic: Topic) -> dict[str, Any]:
    return {
        **_sourced_fields(topic),
        "title": to_data(topic.title),
        "summary": to_data(topic.summary),
        "body": to_data(topic.body),
        "services": list(topic.services),
    }


def _sync_services(old: Sequence[Service], new: Sequence[Service]) -> int:
    organisations = {row.slug: row for row in models.Organisation.objects.all()}
    before = {service.id: (index, service) for index, service in enumerate(old)}
    changes = 0
    for index, service in enumerate(new):
        if before.get(service.id) == (index, service):
            continue
        row, _ = models.Service.objects.update_or_create(
            slug=service.id,
            defaults={
                **_sourced_fields(service),
                "position": index,
                "organisation": organisations[service.organisation],
                "name": to_data(service.name),
                "description": to_data(service.description),
                "audience": service.audience,
                "anonymous": service.anonymous,
                "free": service.free,
                "interpreter": service.interpreter,
                "languages": list(service.languages),
                "open_24_7": service.open_24_7,
                "hours": to_data(service.hours),
            },
        )
        row.channels.all().delete()
        models.Channel.objects.bulk_create(
            models.Channel(service=row, position=position, **_channel_fields(channel))
            for position, channel in enumerate(service.channels)
        )
        changes += 1
    return changes


def _channel_fields(channel: Channel) -> dict[str, Any]:
    data = to_data(channel)
    return {
        "kind": channel.kind,
        "value": channel.value,
        "label": data["label"],
        "hours": data["hours"],
        "note": data["note"],
        "exception": data["exception"],
    }
