"""A form's posted fields, read carefully: what a page that takes a POST (the guide, the
frontline checklist) accepts, and nothing else.

A browser posting our forms says how long the body is (Content-Length) and sends UTF-8
(the page's charset) as application/x-www-form-urlencoded. A chunked body has no length,
and Django would read it as empty; a body in another charset would be decoded as that
charset; a body much larger than our forms can make is not a form of ours. All are
refused, as is a body the connection cannot deliver. The reason is never shown or
logged: it could echo what was posted.
"""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.http import HttpRequest, UnreadablePostError
from django.http.multipartparser import MultiPartParserError

FORM_TYPE = "application/x-www-form-urlencoded"


class Refused(ValueError):
    """A body our forms cannot have sent."""


def fields(request: HttpRequest, max_bytes: int) -> list[tuple[str, list[str]]]:
    length_header = request.META.get("CONTENT_LENGTH") or "0"
    if "HTTP_TRANSFER_ENCODING" in request.META or not length_header.isdigit():
        raise Refused("has no valid length")
    if int(length_header) > max_bytes:
        raise Refused("is too large")
    charset = request.content_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise Refused("must be UTF-8")
    try:
        if len(request.body) > max_bytes:
            raise Refused("is too large")
        if request.body and request.content_type != FORM_TYPE:
            raise Refused(f"must be {FORM_TYPE}")
        return list(request.POST.lists())
    except (
        RequestDataTooBig,
        TooManyFieldsSent,
        SuspiciousOperation,
        MultiPartParserError,
        UnicodeDecodeError,
        UnreadablePostError,
    ) as error:
        raise Refused(type(error).__name__) from None
