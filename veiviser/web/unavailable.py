"""Before anything is published (or with no database at start-up), pages answer 503.

The page still has the layout's quick exit and emergency numbers, which need no content.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

from veiviser.content.current import NoSnapshot


class NoSnapshotMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, NoSnapshot):
            response = render(request, "web/503.html", status=503)
            response["Retry-After"] = "60"
            return response
        return None
