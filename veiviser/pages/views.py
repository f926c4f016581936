"""The information pages and the directory.

Each view turns (snapshot, language, inputs) into a typed page-data object (built in
veiviser.pages.pagedata, where the tests check it) and renders it. No view queries the
database: everything comes from the snapshot held in memory.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from veiviser.content.current import get_snapshot
from veiviser.pages import pagedata
from veiviser.web.methods import allow
from veiviser.web.page_cache import cacheable


def _lang() -> str:
    return get_language() or "en"


@allow("GET")
@cacheable
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/home.html", {"page": pagedata.home(get_snapshot(), _lang())})


@allow("GET")
@cacheable
def topic(request: HttpRequest, topic_id: str) -> HttpResponse:
    try:
        page = pagedata.topic(get_snapshot(), topic_id, _lang())
    except KeyError:
        raise Http404 from None
    return render(request, "pages/topic.html", {"page": page})


@allow("GET")
@cacheable
def directory(request: HttpRequest) -> HttpResponse:
    filters = pagedata.Filters.from_query(request.GET)
    page = pagedata.directory(get_snapshot(), filters, _lang())
    return render(request, "pages/directory.html", {"page": page})


@allow("GET")
@cacheable
def service(request: HttpRequest, service_id: str) -> HttpResponse:
    try:
        page = pagedata.service(get_snapshot(), service_id, _lang())
    except KeyError:
        raise Http404 from None
    return render(request, "pages/service.html", {"page": page})


@allow("GET")
@cacheable
def browse_safely(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/browse_safely.html")


@allow("GET")
@cacheable
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/privacy.html")
