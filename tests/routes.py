"""Every route of the site, found by walking Django's URL resolver.

The header tests and the browser tests take their routes from here, so a route added
later (a topic page, the directory, the guide, the API) is covered without anyone
remembering to list it. Path parameters are filled from the seed snapshot: every topic
id, every service id, every organisation id. A parameter this module cannot fill makes
the walk fail with a message saying where to teach it.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation

from veiviser.content.seed import checked_seed
from veiviser.content.snapshot import Snapshot
from veiviser.frontline import texts as frontline_texts
from veiviser.opendata import ids, taxonomy

# Where the values of a path parameter come from, by the parameter's name without a
# trailing `_id` or `_slug` ("topic_id" -> "topic").
PARAMETER_VALUES: dict[str, Callable[[Snapshot], Iterable[str]]] = {
    "topic": lambda snapshot: snapshot.topics,
    "service": lambda snapshot: snapshot.services,
    "organisation": lambda snapshot: snapshot.organisations,
    "organization": lambda snapshot: snapshot.organisations,
    "source": lambda snapshot: snapshot.sources,
    # Open data (/hsds/): the HSDS ids (UUIDs) of the same records.
    "service_uuid": lambda snapshot: [ids.service_id(ident) for ident in snapshot.services],
    "organization_uuid": lambda snapshot: [
        ids.organization_id(ident) for ident in snapshot.organisations
    ],
    "taxonomy_uuid": lambda snapshot: [taxonomy.TAXONOMY_ID],
    "taxonomy_term_uuid": lambda snapshot: list(taxonomy.BY_ID),
    # The frontline's page for the person: every language it can be shown in.
    "person_lang": frontline_texts.person_languages,
}

# Routes under a language prefix that are not pages a reader visits with GET (an API, a
# form's POST-only target): route text prefixes, without the language. The header tests
# still cover them with every method; the page tests (GET 200 HTML, the browser tests)
# leave them out.
NOT_PAGES: tuple[str, ...] = ("api/",)

_PLACEHOLDER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")
_REGEX_SPECIAL = re.compile(r"[()\[\]{}*+?|\\.]")


@dataclass(frozen=True)
class Pattern:
    """One URL pattern: its route text after the language prefix, if it has one."""

    route: str  # "topics/<slug:topic_id>/"
    name: str | None  # "topic", with its namespace: "api:services"
    localized: bool  # under i18n_patterns: /<lang>/...
    converters: tuple[tuple[str, str], ...]  # (parameter, converter regex)
    view: Callable = field(compare=False, repr=False)

    @property
    def parameters(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.converters)

    @property
    def display(self) -> str:
        return "/" + ("<lang>/" if self.localized else "") + self.route

    @property
    def is_page(self) -> bool:
        return self.localized and not self.route.startswith(NOT_PAGES)


@dataclass(frozen=True)
class Route:
    """A concrete address of a pattern, in one language (None: no language prefix)."""

    path: str
    pattern: Pattern
    language: str | None

    def __str__(self) -> str:
        return self.path


def _text(pattern: object) -> tuple[str, dict[str, str]]:
    """The route text of one level of the URLconf, and its parameters' converter regexes."""
    if isinstance(pattern, LocalePrefixPattern):
        return "", {}
    if isinstance(pattern, RoutePattern):
        route = str(pattern)
        converters = {
            match["name"]: pattern.converters[match["name"]].regex
            for match in _PLACEHOLDER.finditer(route)
        }
        return route, converters
    if isinstance(pattern, RegexPattern):
        regex = str(pattern).removeprefix("^").removesuffix("$").removesuffix(r"\Z")
        converters = {match["name"]: r"[^/]+" for match in _REGEX_GROUP.finditer(regex)}
        route = _REGEX_GROUP.sub(lambda match: f"<{match['name']}>", regex)
        if _REGEX_SPECIAL.search(route):
            raise NotImplementedError(
                f"tests/routes.py cannot turn the regex route {str(pattern)!r} into an "
                "address: use path() or teach tests/routes.py"
            )
        return route, converters
    raise NotImplementedError(f"tests/routes.py does not know URL pattern type {pattern!r}")


# The staff area (Django's admin under /staff/) is not walked: its addresses need a
# signed-in account and records of the database, and its regex routes are the admin's.
# tests/staff/test_headers.py covers its header and cookie policy.
SKIPPED = ("staff/",)


def _walk(
    entries: Iterable[object], route: str, localized: bool, namespace: str, converters: dict
) -> Iterator[Pattern]:
    for entry in entries:
        if isinstance(entry, URLResolver) and str(entry.pattern) in SKIPPED:
            continue
        text, own = _text(entry.pattern)
        joined = {**converters, **own}
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            is_locale = isinstance(entry.pattern, LocalePrefixPattern)
            yield from _walk(
                entry.url_patterns, route + text, localized or is_locale, inner, joined
            )
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else None
            yield Pattern(route + text, name, localized, tuple(joined.items()), entry.callback)
        else:
            raise NotImplementedError(f"tests/routes.py does not know URLconf entry {entry!r}")


def patterns() -> list[Pattern]:
    """Every URL pattern of the site, in URLconf order."""
    return list(_walk(get_resolver().url_patterns, "", False, "", {}))


@cache
def seed_snapshot() -> Snapshot:
    """The seed content as the app serves it in tests (see tests/conftest.py).

    Problems in the seed are not raised here, at collection, where they would stop the
    whole run: tests/conftest.py's fixture fails each test with them instead.
    """
    content, _problems = checked_seed(settings.CONTENT_DIR)
    return Snapshot(1, datetime.datetime.now(datetime.UTC).isoformat(), content)


def _values(parameter: str, pattern: Pattern, snapshot: Snapshot) -> list[str]:
    kind = re.sub(r"_(id|slug)$", "", parameter)
    if kind not in PARAMETER_VALUES:
        raise LookupError(
            f"tests/routes.py cannot fill <{parameter}> in {pattern.display}: add where its "
            "values come from to PARAMETER_VALUES"
        )
    values = sorted(PARAMETER_VALUES[kind](snapshot))
    if not values:
        raise LookupError(f"the seed snapshot has no value for <{parameter}> in {pattern.display}")
    return values


def _fill(pattern: Pattern, snapshot: Snapshot) -> Iterator[str]:
    """The pattern's route text with every combination of its parameters' values."""
    regexes = dict(pattern.converters)
    choices = [_values(name, pattern, snapshot) for name in pattern.parameters]
    for combination in itertools.product(*choices):
        values = dict(zip(pattern.parameters, combination, strict=True))
        for name, value in values.items():
            assert re.fullmatch(regexes[name], value), (
                f"{value!r} does not fit <{name}> of {pattern.display}"
            )
        yield _PLACEHOLDER.sub(lambda match, values=values: values[match["name"]], pattern.route)


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def routes(snapshot: Snapshot | None = None) -> list[Route]:
    """Every concrete address of every pattern, in every enabled language."""
    snapshot = snapshot or seed_snapshot()
    found = []
    for pattern in patterns():
        for language in languages() if pattern.localized else [None]:
            for filled in _fill(pattern, snapshot):
                path = "/" + (f"{language}/" if language else "") + filled
                # The walk must agree with Django: the address resolves to its own pattern.
                with translation.override(language or settings.LANGUAGE_CODE):
                    match = resolve(path)
                assert match.func is pattern.view, f"{path} resolves to {match.view_name}"
                found.append(Route(path, pattern, language))
    return found


def pages(snapshot: Snapshot | None = None) -> list[Route]:
    """Every page a reader can GET, in every enabled language."""
    return [route for route in routes(snapshot) if route.pattern.is_page]
