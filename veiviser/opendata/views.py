"""The HSDS 3.0 API at /hsds/: plain Django views over the published snapshot.

Every answer is JSON; every GET is the same for every reader of its address, so it is
kept by the page cache (veiviser.web.page_cache) until the next publish, query string
included. A bad parameter is a 400 and an unknown id a 404, each with a body naming the
field, like the guide's API: {"errors": [{"field": "page", "message": "..."}]}. Only GET
and HEAD are answered (405 with Allow otherwise). Cross-origin reads are allowed by the
open-data area's header policy (veiviser.web.headers), not here.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from veiviser.content.current import NoSnapshot, get_snapshot
from veiviser.content.records import Service
from veiviser.content.snapshot import Snapshot
from veiviser.opendata import listing, mapping, taxonomy
from veiviser.opendata.dataset import HSDS_VERSION, dataset
from veiviser.opendata.ids import organization_id, service_id
from veiviser.opendata.listing import BadQuery, Paging
from veiviser.opendata.openapi import openapi
from veiviser.web.page_cache import cacheable


class NotFound(LookupError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def as_json(data: Any, status: int = 200) -> JsonResponse:
    # ensure_ascii off: Norwegian letters as they are (smaller, and readable).
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def errors(field: str, message: str, status: int) -> JsonResponse:
    return as_json({"errors": [{"field": field, "message": message}]}, status)


def hsds_view(view: Callable[..., Any]) -> Callable[..., HttpResponse]:
    """An HSDS endpoint: GET and HEAD only, errors as JSON, 200s kept by the page cache.

    The view gets the snapshot and the language, and returns data (or raises BadQuery or
    NotFound); the texts are made inside translation.override(lang).
    """

    @csrf_exempt  # it changes nothing, and answers GET and HEAD only
    @require_safe
    @cacheable
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            snapshot = get_snapshot()
            lang = listing.lang(request.GET)
            with translation.override(lang):
                answer = view(request, snapshot, lang, *args, **kwargs)
            response = answer if isinstance(answer, HttpResponse) else as_json(answer)
            # The texts' language is ?lang=, whatever the browser's Accept-Language says.
            response["Content-Language"] = lang
            return response
        except BadQuery as error:
            return errors(error.field, error.message, 400)
        except NotFound as error:
            return errors(error.field, error.message, 404)
        except NoSnapshot:
            response = errors("", "nothing has been published yet; try again in a minute", 503)
            response["Retry-After"] = "60"
            return response

    return wrapper


@hsds_view
def root(request: HttpRequest, snapshot: Snapshot, lang: str) -> dict[str, Any]:
    return {
        "version": HSDS_VERSION,
        "openapi_url": request.build_absolute_uri(reverse("hsds:openapi")),
    }


def _page(request: HttpRequest, items: Sequence[Any], make: Callable[[Any], Any]) -> Any:
    paging = Paging.from_query(request.GET)
    return paging.page(items, [make(item) for item in paging.slice(items)])


def _service_kept(request: HttpRequest, snapshot: Snapshot, lang: str) -> Callable[[Service], bool]:
    """The filters of /hsds/services, every one checked before the first service is."""
    query = request.GET
    words = listing.search(query)
    after = listing.modified_after(query)
    term_id = listing.uuid_filter(query, "taxonomy_term_id")
    taxonomy_id = listing.uuid_filter(query, "taxonomy_id")
    owner_id = listing.uuid_filter(query, "organization_id")
    published = datetime.datetime.fromisoformat(snapshot.published_at)

    def kept(service: Service) -> bool:
        owner = snapshot.organisations[service.organisation]
        terms = {term.id for term in taxonomy.terms_of(service, owner)}
        texts = [
            text.in_(code)
            for code in {lang, "en"}
            for text in (service.name, service.description, owner.name)
        ]
        return (
            (not words or listing.matches(words, *texts))
            and (after is None or published >= after)
            and (term_id is None or term_id in terms)
            and (taxonomy_id is None or (taxonomy_id == taxonomy.TAXONOMY_ID and bool(terms)))
            and (owner_id is None or owner_id == organization_id(owner.id))
        )

    return kept


@hsds_view
def services(request: HttpRequest, snapshot: Snapshot, lang: str) -> Any:
    kept = _service_kept(request, snapshot, lang)
    found = [service for service in snapshot.content.services if kept(service)]
    return _page(request, found, lambda s: mapping.service(snapshot, s, lang))


@hsds_view
def service(request: HttpRequest, snapshot: Snapshot, lang: str, service_uuid: str) -> Any:
    for record in snapshot.content.services:
        if service_id(record.id) == service_uuid:
            return mapping.service(snapshot, record, lang)
    raise NotFound("id", "no service has this id")


@hsds_view
def organizations(request: HttpRequest, snapshot: Snapshot, lang: str) -> Any:
    words = listing.search(request.GET)
    found = [
        o
        for o in snapshot.content.organisations
        if not words
        or listing.matches(
            words, *(t.in_(c) for c in {lang, "en"} for t in (o.name, o.description))
        )
    ]
    return _page(request, found, lambda o: mapping.organization(o, lang))


@hsds_view
def organization(
    request: HttpRequest, snapshot: Snapshot, lang: str, organization_uuid: str
) -> Any:
    for record in snapshot.content.organisations:
        if organization_id(record.id) == organization_uuid:
            return mapping.organization_full(snapshot, record, lang)
    raise NotFound("id", "no organization has this id")


@hsds_view
def taxonomies(request: HttpRequest, snapshot: Snapshot, lang: str) -> Any:
    words = listing.search(request.GET)
    found = [taxonomy.taxonomy()]
    found = [t for t in found if not words or listing.matches(words, t["name"], t["description"])]
    return _page(request, found, lambda t: t)


@hsds_view
def taxonomy_detail(request: HttpRequest, snapshot: Snapshot, lang: str, taxonomy_uuid: str) -> Any:
    if taxonomy_uuid != taxonomy.TAXONOMY_ID:
        raise NotFound("id", "no taxonomy has this id")
    return taxonomy.taxonomy()


@hsds_view
def taxonomy_terms(request: HttpRequest, snapshot: Snapshot, lang: str) -> Any:
    words = listing.search(request.GET)
    taxonomy_id = listing.uuid_filter(request.GET, "taxonomy_id")
    found = [
        term
        for term in taxonomy.TERMS
        if (taxonomy_id is None or taxonomy_id == taxonomy.TAXONOMY_ID)
        and (not words or listing.matches(words, term.label(), term.code))
    ]
    return _page(request, found, lambda term: taxonomy.term_data(term, lang))


@hsds_view
def taxonomy_term(
    request: HttpRequest, snapshot: Snapshot, lang: str, taxonomy_term_uuid: str
) -> Any:
    term = taxonomy.BY_ID.get(taxonomy_term_uuid)
    if term is None:
        raise NotFound("id", "no taxonomy term has this id")
    return taxonomy.term_data(term, lang)


@hsds_view
def download(request: HttpRequest, snapshot: Snapshot, lang: str) -> Any:
    response = as_json(dataset(snapshot, lang))
    name = f"veiviser-hsds-{lang}-v{snapshot.version}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@csrf_exempt
@require_safe
@cacheable
def openapi_document(request: HttpRequest) -> HttpResponse:
    """The document needs no content: it is served before anything is published too."""
    return as_json(openapi())
