"""How many requests run Python at once in a worker: a few, with their bodies already in.

granian hands each request to one of many threads (veiviser/serve.py), so that a client
that sends its body slowly holds a waiting thread and never the site. But threads that
all run Python at once share one interpreter lock: under load, with 200 connections and
guide answers among them, each thread waited its turn behind all the others, and a
thread that held a lock the others needed (the page cache's) was the last to get the
interpreter back. Measured: 53 requests per second, from more than 5,000 with 20
connections.

So this outermost layer first reads a request's body (a thread waiting for a slow body
waits here, outside Python's lock), and only then takes one of a few places to run the
application. A body over `max_body` is not read here: the application refuses it from
its Content-Length without reading it.
"""

from __future__ import annotations

import io
import threading
from collections import deque
from collections.abc import Iterable
from typing import Any

from veiviser.web.page_cache import StartResponse, WSGIApp

# Python runs one thread at a time; a few places let one run while another waits on the
# database (the snapshot poll) or hands its answer to granian.
PLACES = 4


class Places:
    """A semaphore that hands places out in the order they were asked for.

    threading.Semaphore wakes any waiter: under steady load some requests waited over
    10 s while later ones went first. Here a freed place goes to the longest waiter.
    """

    def __init__(self, count: int) -> None:
        self._lock = threading.Lock()
        self._free = count
        self._waiting: deque[threading.Event] = deque()

    def __enter__(self) -> None:
        with self._lock:
            if self._free and not self._waiting:
                self._free -= 1
                return
            turn = threading.Event()
            self._waiting.append(turn)
        turn.wait()  # the place is handed over by __exit__, already taken

    def __exit__(self, *_: object) -> None:
        with self._lock:
            if self._waiting:
                self._waiting.popleft().set()
            else:
                self._free += 1


def declared_length(environ: dict[str, Any]) -> int:
    try:
        return int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # the application answers a bad length itself


class Admission:
    def __init__(self, app: WSGIApp, max_body: int, places: int = PLACES) -> None:
        self.app = app
        self.max_body = max_body
        self.places = Places(places)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        length = declared_length(environ)
        if 0 < length <= self.max_body:
            # Read whole before taking a place: a slow client keeps only this thread.
            environ["wsgi.input"] = io.BytesIO(environ["wsgi.input"].read(length))
        with self.places:
            return self.app(environ, start_response)
