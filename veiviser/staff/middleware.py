"""Sessions, sign-in and messages exist only in the staff area.

Django's session, authentication, OTP and message middleware run only for requests under
/staff/: a public page never reads a session, never varies by Cookie and can never set
one, whatever the browser sends. With STAFF_HOSTS set, the staff area is answered only on
those host names; anywhere else /staff/ is a plain 404, as if it did not exist.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django_otp.middleware import OTPMiddleware

from veiviser.web.headers import STAFF, area

# A staff form carries a record's texts in every language (a topic's body in ten
# languages, URL-encoded, is over 100 KB); public forms stay under the site-wide 16 KB
# (DATA_UPLOAD_MAX_MEMORY_SIZE), which Django checks when it reads a body.
STAFF_MAX_BODY = 1_048_576


def _read_staff_body(request: HttpRequest) -> HttpResponse | None:
    """Reads a staff POST's body whole, up to STAFF_MAX_BODY, so that Django's site-wide
    limit (meant for public forms) does not refuse an editor's form. Only for requests
    that reached the staff area; a larger body is refused from its Content-Length."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return HttpResponse("Bad Content-Length", status=400, content_type="text/plain")
    if length > STAFF_MAX_BODY:
        return HttpResponse("Request body too large", status=413, content_type="text/plain")
    if length > 0:
        # Private to Django, but pinned (Django==5.2.19) and covered by
        # tests/staff/test_views.py (a service's whole form, over 16 KB).
        request._body = request.read(length)  # type: ignore[attr-defined]
    return None


class StaffOnlyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        # Innermost last: the same order Django documents for these four.
        self.staff_chain = SessionMiddleware(
            AuthenticationMiddleware(OTPMiddleware(MessageMiddleware(get_response)))
        )

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if area(request.path_info) != STAFF:
            return self.get_response(request)
        hosts = settings.STAFF_HOSTS
        if hosts and request.get_host().split(":")[0] not in hosts:
            raise Http404
        if request.method == "POST":
            refused = _read_staff_body(request)
            if refused is not None:
                return refused
        return self.staff_chain(request)
