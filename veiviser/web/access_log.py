"""One log line per request: method, path, status and duration — and nothing about who.

The query string, the client's address, user agent, referrer and the body never reach the
log: an answer to the guide or an address in a log is a risk to the person it belongs to.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

logger = logging.getLogger("veiviser.access")

# Methods outside this list are logged as OTHER: the method is client-controlled text.
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def log_line(method: str, path: str, status: int, milliseconds: float) -> str:
    method = method if method in KNOWN_METHODS else "OTHER"
    # Control characters in a path could forge extra log lines.
    safe_path = "".join(ch if ch.isprintable() else "?" for ch in path)[:300]
    return f"{method} {safe_path} {status} {milliseconds:.1f}ms"


class AccessLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        response = self.get_response(request)
        if logger.isEnabledFor(logging.INFO):
            elapsed = (time.perf_counter() - started) * 1000
            # request.path never includes the query string.
            method, status = request.method or "", response.status_code
            logger.info(log_line(method, request.path, status, elapsed))
        return response


# An IPv4 address, or an IPv6 one: all eight groups, or any form with "::" (so that a time
# such as 12:30:45 or a name such as std::io is left alone).
_ADDRESS = re.compile(
    r"\b\d{1,3}(?:\.\d{1,3}){3}\b"
    r"|(?<![\w:])(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|[0-9A-Fa-f:]*::[0-9A-Fa-f:.]*)"
)


class NoVisitorDetails(logging.Filter):
    """Takes addresses out of the HTTP server's own messages (granian's logger).

    Its messages today are about the server (start, workers, a connection error's kind),
    but a message that named a client's address would be a trace of a visitor, so every
    address is replaced, save in the line that says where the server itself listens.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if not message.startswith("Listening at"):
            record.msg, record.args = _ADDRESS.sub("-", message), None
        return True


class RefusedHost(logging.Filter):
    """Django's line for a Host not in ALLOWED_HOSTS, made one short WARNING line.

    Django logs each refused Host at ERROR with a full traceback and the Host as sent: a
    flood of such requests (scanners send them all day) would fill a disk, and the Host
    is whatever the client chose to write. Kept: that it happened, once per request.
    """

    MESSAGE = "refused a request for a host not in ALLOWED_HOSTS"

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = self.MESSAGE, ()
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        # Django logs it at ERROR; as a WARNING it follows LOG_LEVEL like any other.
        return logging.getLogger().isEnabledFor(logging.WARNING)
