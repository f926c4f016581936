"""Serve Veiviser with granian, as `make run` and production do: `python -m veiviser.serve`.

Why granian (a Rust HTTP server) and not gunicorn: gunicorn's sync workers read a request
in Python, one at a time, so two clients that send their headers or body a byte at a time
held both workers for 30 s and took the site down. granian reads requests (headers and the
whole body) in Rust on an event loop and hands Python only complete requests, so slow
clients cost a socket each, never a worker. It is also about four times faster here
(docs/performance.md).

HOST, PORT, WEB_CONCURRENCY and LOG_LEVEL come from the environment (README lists them).
FORWARDED_ALLOW_IPS is applied by the application itself (veiviser.web.forwarded), since
granian has no setting for it.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from granian.constants import HTTPModes, Interfaces
from granian.http import HTTP1Settings
from granian.log import LogLevels
from granian.server import Server

# A client gets this long to send its request headers; a slow one is cut off then, and
# until then it holds only a socket (headers are read in Rust).
HEADER_READ_TIMEOUT_MS = 10_000
# Threads per worker. granian hands a request to a thread once its headers are in, and
# the thread then waits (outside Python's lock) while a slow client sends the body; so a
# slow body holds a thread, and there must be many more threads than slow clients. They
# cost little while they wait, and granian starts them only when needed; only a few run
# Python at once (veiviser/web/admission.py), which is why granian's start-up warning
# about "up to 256 Python threads" is expected. (A TLS proxy in front that buffers
# request bodies, as the README's nginx example does, spares them.)
THREADS_PER_WORKER = 256
# Requests a worker takes on at once (more wait in the listen backlog). A connection holds
# its place while its client sends headers or a body, so this is well above the slow
# clients one worker must outlast.
BACKPRESSURE = 1024


def log_config(level: str) -> dict[str, Any]:
    """granian's own logger, in the application's format and through the filter that takes
    client addresses out of a message (granian's messages are the server's, not a visitor's,
    but a future version must not be able to put one in a log)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"no_visitor": {"()": "veiviser.web.access_log.NoVisitorDetails"}},
        "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "plain",
                "filters": ["no_visitor"],
                "stream": "ext://sys.stderr",
            }
        },
        "loggers": {
            "_granian": {"handlers": ["console"], "level": level, "propagate": False},
            # Never written (the access log is off), and if it were it would hold addresses.
            "granian.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        },
    }


def server() -> Server:
    """granian, configured from the environment; exits with a clear message on a bad value."""
    level = os.environ.get("LOG_LEVEL", "INFO").lower()
    if level not in LogLevels.__members__:
        sys.exit(f"LOG_LEVEL={os.environ['LOG_LEVEL']!r} is not a log level (DEBUG, INFO, ...)")
    try:
        port = int(os.environ.get("PORT", "8000"))
        workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
    except ValueError as error:
        sys.exit(f"PORT and WEB_CONCURRENCY must be whole numbers: {error}")
    return Server(
        "veiviser.wsgi:application",
        address=os.environ.get("HOST", "127.0.0.1"),
        port=port,
        interface=Interfaces.WSGI,
        workers=workers,
        blocking_threads=THREADS_PER_WORKER,
        backpressure=BACKPRESSURE,
        http=HTTPModes.http1,  # behind a TLS proxy; HTTP/2 needs TLS in browsers anyway
        websockets=False,
        http1_settings=HTTP1Settings(header_read_timeout=HEADER_READ_TIMEOUT_MS),
        log_level=LogLevels(level),
        log_dictconfig=log_config(level.upper()),
        # No access log from granian: it would record the client's address. Veiviser's own
        # (veiviser.web.access_log) records method, path, status and duration only.
        log_access=False,
        respawn_failed_workers=True,
    )


def main() -> None:
    server().serve()


if __name__ == "__main__":
    main()
