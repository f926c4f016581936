"""Checks on the whole content, before it is loaded and again before it is published.

Each problem names the file, the entry and the field. What is checked: ids (shape and
uniqueness), references (organisations, services, sources, topics), every text in English
(a translation may be missing: it falls back to English, and `missing_translations` lists
it), every translation's numbers and links against its English, each language's never-say
phrases in its texts, sources on every record, `verified_on` not in the future, channels (a number
shows the digits it dials; a service open 24/7 gives the hours of its chat and SMS),
phone numbers in topic bodies (linked, and the link dials the number shown), and the
guide's own texts.

A record not re-checked for a year is not a problem but a task for an editor: `overdue`
lists those, oldest first, and `checkcontent` shows them as warnings. Content keeps being
published and served: an unchanged checkout must not stop working on a date.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from veiviser.content import markup, phones, translations, wording
from veiviser.content.problems import Problem
from veiviser.content.records import SOURCE_LANGUAGE, Content, Text

MAX_AGE = datetime.timedelta(days=365)
# The guide registers its own check of content.guide here (veiviser.guide.apps), so
# that the content package does not depend on the guide; and, for `overdue`, the dates
# its entries were checked on: (file, entry, date) for each. The frontline checklist
# registers its check of content.frontline the same way (veiviser.frontline.apps).
GUIDE_CHECKS: list[Callable[[Content], list[Problem]]] = []
GUIDE_DATES: list[Callable[[Content], Iterable[tuple[str, str, datetime.date]]]] = []


def today() -> datetime.date:
    """The date the checks compare against: one place, so that tests can freeze it."""
    return datetime.date.today()


@dataclass(frozen=True, order=True)
class Overdue:
    """A record last checked more than a year ago: a task for an editor, not an error."""

    verified_on: datetime.date  # first, so that sorting puts the oldest first
    file: str
    entry: str

    def __str__(self) -> str:
        return (
            f"{self.file}: {self.entry}: verified_on: last checked {self.verified_on}, "
            "more than a year ago: check it against its sources"
        )


def validate(content: Content, on: datetime.date | None = None) -> list[Problem]:
    on = on or today()
    problems = [
        *_languages(content),
        *_unique_ids(content),
        *_texts(content),
        *_sources(content, on),
        *_references(content),
        *_channels(content),
        *_bodies(content),
    ]
    for check in GUIDE_CHECKS:
        problems.extend(check(content))
    return sorted(set(problems))


def overdue(content: Content, on: datetime.date | None = None) -> list[Overdue]:
    """Every record and guide step last checked more than a year before `on`, oldest first."""
    limit = (on or today()) - MAX_AGE
    dated = [
        (file, f'{kind} "{record.id}"', record.verified_on)
        for kind, file, record in _records(content)
    ]
    for dates in GUIDE_DATES:
        dated.extend(dates(content))
    return sorted(Overdue(date, file, entry) for file, entry, date in dated if date < limit)


def _languages(content: Content) -> Iterator[Problem]:
    codes = Counter(content.language_codes)
    if codes[SOURCE_LANGUAGE] != 1:
        yield Problem(
            "languages.yaml", f'language "{SOURCE_LANGUAGE}"', "code", "must be listed once"
        )
    for language in content.languages:
        if codes[language.code] > 1:
            yield Problem(
                "languages.yaml", f'language "{language.code}"', "code", "is listed twice"
            )
        if (language.code == SOURCE_LANGUAGE) != (language.status == "source"):
            yield Problem(
                "languages.yaml",
                f'language "{language.code}"',
                "status",
                "English, and only English, is the source language",
            )


def _records(content: Content) -> Iterator[tuple[str, str, Any]]:
    """(kind, file, record) for every record with an id, sources and verified_on."""
    for kind, records in (
        ("organisation", content.organisations),
        ("service", content.services),
        ("topic", content.topics),
    ):
        for record in records:
            yield kind, record.origin or f"{kind}s.yaml", record


def _unique_ids(content: Content) -> Iterator[Problem]:
    groups: list[tuple[str, str, Iterable[str]]] = [
        ("source", "sources.yaml", (source.id for source in content.sources)),
        ("organisation", "organisations.yaml", (o.id for o in content.organisations)),
        ("service", "services.yaml", (s.id for s in content.services)),
        ("topic", "topics.yaml", (t.id for t in content.topics)),
    ]
    for kind, file, ids in groups:
        for ident, count in Counter(ids).items():
            if count > 1:
                yield Problem(file, f'{kind} "{ident}"', "id", f"is used by {count} entries")


def _texts(content: Content) -> Iterator[Problem]:
    codes = content.language_codes
    for kind, file, record in _records(content):
        entry = f'{kind} "{record.id}"'
        for field, text in _text_fields(record):
            if not text.get(SOURCE_LANGUAGE, "").strip():
                # Only English must be complete: every other language falls back to it.
                yield Problem(file, entry, f"{field}.{SOURCE_LANGUAGE}", "is missing")
            for code in text:
                if code not in codes:
                    yield Problem(file, entry, f"{field}.{code}", "is not a content language")
            yield from text_problems(content, text, file, entry, field)


def translation_file(code: str, file: str) -> str:
    """Where a text in this language is written: English in the seed file, others apart."""
    return file if code == SOURCE_LANGUAGE else f"{translations.DIRECTORY}/{code}.yaml"


def text_problems(
    content: Content, text: Text, file: str, entry: str, field: str
) -> Iterator[Problem]:
    """Never-say phrases in each language, and translations whose numbers or links are
    not their English source's. Used for the guide's texts too."""
    phrases = {language.code: language.never_say for language in content.languages}
    english = text.get(SOURCE_LANGUAGE, "")
    for code, words in text.items():
        where = translation_file(code, file)
        phrase = wording.forbidden(phrases.get(code, ()), words)
        if phrase:
            yield Problem(where, entry, f"{field}.{code}", f"must never say {phrase!r}")
        if code != SOURCE_LANGUAGE and english:
            for message in wording.differences(english, words):
                yield Problem(where, entry, f"{field}.{code}", message)


@dataclass(frozen=True, order=True)
class Missing:
    """A text not yet translated: shown in English, a task for a translator."""

    code: str
    file: str
    entry: str
    field: str

    def __str__(self) -> str:
        return f"{self.code}: {self.file}: {self.entry}: {self.field}: not translated yet"


def all_texts(content: Content) -> Iterator[tuple[str, str, str, Mapping[str, Any]]]:
    """(file, entry, field, text) for every text of the knowledge base, the guide and the
    frontline checklist."""
    for kind, file, record in _records(content):
        for field, text in _text_fields(record):
            yield file, f'{kind} "{record.id}"', field, text
    # The guide is plain data: every text in it has an address (translations.texts).
    for address, text in translations.texts(dict(content.guide)):
        yield "guide.yaml", "/".join(address[:-1]), address[-1], text
    # So is the frontline checklist, under its one top key (content/frontline.yaml).
    frontline = {"frontline": dict(content.frontline)}
    for address, text in translations.texts(frontline):
        yield "frontline.yaml", "/".join(address[:-1]), address[-1], text


def missing_translations(content: Content) -> list[Missing]:
    """Every text that a language lacks: a task for a translator, shown in English."""
    return sorted(
        Missing(code, file, entry, field)
        for file, entry, field, text in all_texts(content)
        for code in content.language_codes
        if not (isinstance(text.get(code), str) and text[code].strip())
    )


def _text_fields(record: Any) -> Iterator[tuple[str, Text]]:
    for field in ("name", "description", "title", "summary", "body", "hours"):
        value = getattr(record, field, None)
        if isinstance(value, Text):
            yield field, value
    for index, channel in enumerate(getattr(record, "channels", ())):
        for field in ("label", "hours", "note"):
            value = getattr(channel, field)
            if isinstance(value, Text):
                yield f"channels[{index}].{field}", value


def _sources(content: Content, on: datetime.date) -> Iterator[Problem]:
    known = {source.id for source in content.sources}
    for kind, file, record in _records(content):
        entry = f'{kind} "{record.id}"'
        if not record.sources:
            yield Problem(file, entry, "source", "is missing: every fact needs its source")
        for source in record.sources:
            if source not in known:
                yield Problem(file, entry, "source", f'"{source}" is not in sources.yaml')
        # A date in the future is a typing mistake; an old one is only `overdue`.
        if record.verified_on > on:
            yield Problem(file, entry, "verified_on", f"{record.verified_on} is in the future")
    for service in content.services:
        for index, channel in enumerate(service.channels):
            if channel.exception and channel.exception.source not in known:
                yield Problem(
                    service.origin or "services.yaml",
                    f'service "{service.id}"',
                    f"channels[{index}].exception.source",
                    f'"{channel.exception.source}" is not in sources.yaml',
                )


def _channels(content: Content) -> Iterator[Problem]:
    for service in content.services:
        file, entry = service.origin or "services.yaml", f'service "{service.id}"'
        for index, channel in enumerate(service.channels):
            field = f"channels[{index}]"
            # The seed reader builds display and dial from one value; content read back
            # from the database is checked again, so a number can never show one line
            # and call another.
            if channel.is_number and not phones.shows_what_it_dials(channel.display, channel.dial):
                yield Problem(
                    file,
                    entry,
                    f"{field}.value",
                    f"shows {channel.display!r} but dials {channel.dial!r}",
                )
            # open_24_7 speaks for the service's phone line: a chat or SMS line of such a
            # service must say its own hours, or the reader would take it to be 24/7 too.
            if service.open_24_7 and channel.kind in ("chat", "sms") and channel.hours is None:
                yield Problem(
                    file,
                    entry,
                    f"{field}.hours",
                    f"is missing: the service is open 24/7, so its {channel.kind} must "
                    "give its own hours",
                )


def _references(content: Content) -> Iterator[Problem]:
    organisations = {organisation.id for organisation in content.organisations}
    services = {service.id for service in content.services}
    for service in content.services:
        if service.organisation not in organisations:
            yield Problem(
                service.origin or "services.yaml",
                f'service "{service.id}"',
                "organisation",
                f'"{service.organisation}" is not in organisations.yaml',
            )
        for code in service.languages:
            if not (code.isalpha() and code.islower() and 2 <= len(code) <= 3):
                yield Problem(
                    service.origin or "services.yaml",
                    f'service "{service.id}"',
                    "languages",
                    f"{code!r} is not a language code like nb or en",
                )
    for topic in content.topics:
        for ident in topic.services:
            if ident not in services:
                yield Problem(
                    topic.origin or "topics.yaml",
                    f'topic "{topic.id}"',
                    "services",
                    f'"{ident}" is not in services.yaml',
                )


def _bodies(content: Content) -> Iterator[Problem]:
    topics = {topic.id for topic in content.topics}
    # A number with a reviewed exception on its channel may be linked in a body too.
    excepted = {
        phones.digits(channel.value)
        for service in content.services
        for channel in service.channels
        if channel.exception
    }
    for topic in content.topics:
        for code, body in topic.body.items():
            for message in body_problems(body, topics, excepted):
                yield Problem(
                    topic.origin or "topics.yaml", f'topic "{topic.id}"', f"body.{code}", message
                )


def body_problems(body: str, topics: set[str], excepted: set[str]) -> Iterator[str]:
    """What is wrong with the links and numbers of one topic body."""
    for link in markup.links(body):
        target = link.target
        if target.startswith(("tel:", "sms:")):
            yield from _number_link_problems(link, excepted)
        elif target.startswith("topic:"):
            if target.removeprefix("topic:") not in topics:
                yield f"links to unknown topic {target!r}"
        elif not target.startswith(("https://", "mailto:")):
            yield f"link {target!r} must use https://, mailto:, tel:, sms: or topic:"
    for run in phones.dialable_numbers(markup.text_outside_links(body)):
        yield f"the number {run!r} must be a tel: link, like [{run}](tel:{phones.digits(run)})"


def _number_link_problems(link: markup.Link, excepted: set[str]) -> Iterator[str]:
    scheme, dial = link.target.split(":", 1)
    if not phones.shows_what_it_dials(link.text, dial):
        yield f"{scheme}: link shows {link.text!r} but dials {dial!r}"
        return
    try:
        number = phones.parse(link.text, has_exception=phones.digits(link.text) in excepted)
    except phones.InvalidNumber as error:
        yield str(error)
        return
    if number.dial != dial:
        yield f"{scheme}: link to {link.text!r} must dial {number.dial!r}, not {dial!r}"
