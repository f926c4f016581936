"""The published snapshot as Open Referral HSDS 3.0 objects (plain dicts, ready for JSON).

Pure data in, data out: no database, no request. Texts are in `lang`, each falling back
to English on its own (Text.in_); UI words (audience, "Open 24/7", language names) come
from the catalogue, so call these inside `translation.override(lang)`.

How our records map (HSDS has no null: a fact the source does not give is left out):
- Organisation -> organization (name, description, website; non-authorities carry the
  "not_authority" term as an attribute).
- Service -> service: status "active"; `assured_date` is the day the record was last
  checked against its sources (verified_on); `last_modified` is when the content version
  holding it was published (Veiviser keeps no per-record change time, so a client that
  syncs with modified_after gets every record again after a publish, and never misses a
  change); the audience as eligibility and minimum/maximum age; "Free" and "Can arrange an
  interpreter" only where a source says so.
- Phone and SMS channels -> phones (voice / text) with the service's languages; the
  channel's label, hours and note as the phone's description.
- E-mail channels -> contacts. Web, chat and visit channels -> locations (virtual for an
  address on the web, physical for a place to visit) through service_at_locations; the
  first web channel (else the organisation's website) is also the service's url.
- Hours and "Open 24/7" -> a schedule; Norway -> the service area; the directory's filters
  -> attributes with terms of veiviser.opendata.taxonomy.
"""

from __future__ import annotations

from typing import Any

from django.conf.locale import LANG_INFO
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from veiviser.content.records import Channel, Organisation, Service, Text
from veiviser.content.snapshot import Snapshot
from veiviser.opendata import taxonomy
from veiviser.opendata.ids import hsds_id, organization_id, service_id

Data = dict[str, Any]

# The one service area: every service in the directory is a Norwegian one. A country's
# name is data, like a number; a language without its own spelling here gets English's.
NORWAY = Text({"en": "Norway", "nb": "Norge"})
EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"


def language_name(code: str) -> str:
    """The language's name in the active language ("engelsk" in Norwegian), else the code."""
    if code not in LANG_INFO:
        return code
    return str(get_language_info(code)["name_translated"])  # a lazy text otherwise


def _text(text: Text | None, lang: str) -> str:
    return text.in_(lang) if text is not None else ""


def _channel_key(channel: Channel) -> str:
    # The channel's kind and value: stable while the number or address stays the same.
    return f"{channel.kind}:{channel.value}"


def organization(record: Organisation, lang: str) -> Data:
    data: Data = {
        "id": organization_id(record.id),
        "name": record.name.in_(lang),
        "description": record.description.in_(lang),
    }
    if record.website:
        data["website"] = record.website
    # The one filter that is about the organisation rather than the service.
    terms = () if record.authority else (taxonomy.NOT_AUTHORITY,)
    data["attributes"] = [_attribute(data["id"], "organization", term, lang) for term in terms]
    return data


def _attribute(link_id: str, entity: str, term: taxonomy.Term, lang: str) -> Data:
    return {
        "id": hsds_id("attribute", entity, link_id, term.code),
        "link_id": link_id,
        "link_type": "directory_filter",
        "link_entity": entity,
        "taxonomy_term_id": term.id,
        "taxonomy_term": taxonomy.term_data(term, lang),
    }


def _service_languages(service: Service) -> list[Data]:
    ident = service_id(service.id)
    return [
        {
            "id": hsds_id("language", "service", service.id, code),
            "service_id": ident,
            "name": language_name(code),
            "code": code,
        }
        for code in service.languages
    ]


def _phone(service: Service, channel: Channel, lang: str) -> Data:
    ident = hsds_id("phone", service.id, _channel_key(channel))
    description = "\n".join(
        part
        for part in (channel.label.in_(lang), _text(channel.hours, lang), _text(channel.note, lang))
        if part
    )
    return {
        "id": ident,
        "service_id": service_id(service.id),
        # What a phone dials: E.164 for a full number, the bare short number (112, 116111)
        # that may not connect with a country code. The same as the site's tel: links.
        "number": channel.dial,
        "type": "text" if channel.kind == "sms" else "voice",
        "description": description,
        "languages": [
            {
                "id": hsds_id("language", "phone", ident, code),
                "phone_id": ident,
                "name": language_name(code),
                "code": code,
            }
            for code in service.languages
        ],
    }


def _contact(service: Service, channel: Channel, lang: str) -> Data:
    return {
        "id": hsds_id("contact", service.id, _channel_key(channel)),
        "service_id": service_id(service.id),
        "name": channel.label.in_(lang),
        "email": channel.dial,
    }


def _service_at_location(service: Service, channel: Channel, lang: str) -> Data:
    key = _channel_key(channel)
    location_id = hsds_id("location", service.id, key)
    location: Data = {
        "id": location_id,
        "location_type": "physical" if channel.kind == "visit" else "virtual",
        "name": channel.label.in_(lang),
    }
    if channel.kind == "visit":
        location["description"] = channel.display  # the address as the source writes it
    else:
        location["url"] = channel.href
    note = "\n".join(
        part for part in (_text(channel.hours, lang), _text(channel.note, lang)) if part
    )
    if note:
        location["description"] = "\n".join(
            part for part in (location.get("description", ""), note) if part
        )
    return {
        "id": hsds_id("service_at_location", service.id, key),
        "service_id": service_id(service.id),
        "location_id": location_id,
        "location": location,
    }


def _schedules(service: Service, lang: str) -> list[Data]:
    if not service.hours and service.open_24_7 is not True:
        return []
    schedule: Data = {
        "id": hsds_id("schedule", service.id),
        "service_id": service_id(service.id),
        "description": _text(service.hours, lang) or _("Open 24/7"),
    }
    if service.open_24_7 is True:
        # Every day, all day: a weekly rule with no opening and closing time.
        schedule.update({"freq": "WEEKLY", "byday": EVERY_DAY, "wkst": "MO"})
    return [schedule]


def _eligibility(service: Service) -> Data:
    if service.audience == "adults":
        return {"eligibility_description": _("Adults (18 and over)"), "minimum_age": 18}
    if service.audience == "children":
        return {"eligibility_description": _("Children and youth under 18"), "maximum_age": 17}
    return {"eligibility_description": _("Everyone")}


def service(snapshot: Snapshot, record: Service, lang: str) -> Data:
    """One service, fully nested (HSDS service.json), its organisation included."""
    owner = snapshot.organisations[record.organisation]
    ident = service_id(record.id)
    webs = [channel.href for channel in record.channels if channel.kind == "web"]
    data: Data = {
        "id": ident,
        "organization_id": organization_id(owner.id),
        "name": record.name.in_(lang),
        "description": record.description.in_(lang),
        "status": "active",
        **_eligibility(record),
        "assured_date": record.verified_on.isoformat(),
        "last_modified": snapshot.published_at,
    }
    if webs or owner.website:
        data["url"] = webs[0] if webs else owner.website
    if record.free is True:
        data["fees_description"] = _("Free")
    if record.interpreter is True:
        data["interpretation_services"] = _("Can arrange an interpreter")
    data["phones"] = [_phone(record, c, lang) for c in record.channels if c.is_number]
    data["contacts"] = [_contact(record, c, lang) for c in record.channels if c.kind == "email"]
    data["service_at_locations"] = [
        _service_at_location(record, c, lang)
        for c in record.channels
        if c.kind in ("web", "chat", "visit")
    ]
    data["schedules"] = _schedules(record, lang)
    data["service_areas"] = [
        {
            "id": hsds_id("service_area", record.id, "NO"),
            "service_id": ident,
            "name": NORWAY.in_(lang),
            "extent_type": "text",
            "extent": "NO",  # ISO 3166-1 alpha-2
        }
    ]
    data["languages"] = _service_languages(record)
    data["attributes"] = [
        _attribute(ident, "service", term, lang) for term in taxonomy.terms_of(record, owner)
    ]
    data["organization"] = organization(owner, lang)
    return data


def organization_full(snapshot: Snapshot, record: Organisation, lang: str) -> Data:
    """An organisation with its services (as HSDS's /organizations/{id} gives it)."""
    data = organization(record, lang)
    data["services"] = [
        {key: value for key, value in service(snapshot, s, lang).items() if key != "organization"}
        for s in snapshot.content.services
        if s.organisation == record.id
    ]
    return data
