"""The request in the template context, for the admin's templates only.

Not Django's `request` context processor for every page: the template engine's debug log
of a failed lookup prints the whole context, and a public page's request (its query
string) must never reach a log line.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from veiviser.web.headers import STAFF, area


def staff_request(request: HttpRequest) -> dict[str, Any]:
    return {"request": request} if area(request.path_info) == STAFF else {}
