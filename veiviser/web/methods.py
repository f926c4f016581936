"""Which methods each page takes, and the answer to any other: 405 in the site's layout.

A page declares its methods with `@allow(...)` (GET also allows HEAD). Why not Django's
`require_safe` alone: it answers an empty 405, and a POST to an information page never
reached it, because CsrfViewMiddleware ran first and answered with Django's own 403 page
asking the reader to enable cookies. MethodsMiddleware sits before CsrfViewMiddleware in
settings.MIDDLEWARE, so a method a page does not take is answered here, before CSRF is
considered, with the layout (quick exit, emergency numbers) and an `Allow` header. A POST
still reaches a page that takes one (the guide).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

ATTRIBUTE = "allowed_methods"


def allow(*methods: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    allowed = frozenset(methods) | ({"HEAD"} if "GET" in methods else set())

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            # Also here, so that the view keeps its promise without the middleware too.
            if request.method not in allowed:
                return not_allowed(request, allowed)
            return view(request, *args, **kwargs)

        setattr(wrapper, ATTRIBUTE, allowed)
        return wrapper

    return decorator


def not_allowed(request: HttpRequest, allowed: frozenset[str]) -> HttpResponse:
    response = render(request, "web/405.html", status=405)
    response["Allow"] = ", ".join(sorted(allowed))
    return response


class MethodsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        allowed = getattr(view, ATTRIBUTE, None)
        if allowed is not None and request.method not in allowed:
            return not_allowed(request, allowed)
        return None
