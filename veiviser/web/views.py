"""The root redirect and the error pages, which keep the layout and reveal nothing."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template import loader

from veiviser.web.languages import best_match
from veiviser.web.methods import allow


@allow("GET")
def root(request: HttpRequest) -> HttpResponseRedirect:
    """`/` → `/<lang>/`, from the browser's Accept-Language; the choice is not remembered."""
    return HttpResponseRedirect(f"/{best_match(request.headers.get('Accept-Language', ''))}/")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # The exception's text can echo the requested path or a resolver dump: never shown.
    return render(request, "web/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context processors' database or snapshot: a 500 may
    # come from exactly those, and this page must still appear.
    try:
        return render(request, "web/500.html", status=500)
    except Exception:
        # The last line of defence must not raise: a bare page that still offers the exit.
        return HttpResponse(
            loader.render_to_string("web/500_plain.html", {"exit_url": settings.EXIT_URL}),
            status=500,
        )
