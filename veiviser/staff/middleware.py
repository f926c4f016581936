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
from django.http import Http404, HttpRequest, HttpResponseBase
from django_otp.middleware import OTPMiddleware

from veiviser.web.headers import STAFF, area


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
        return self.staff_chain(request)
