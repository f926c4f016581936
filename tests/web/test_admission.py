"""A request's body is read before it may run Python, and only a few run at once, in the
order they came (veiviser/web/admission.py)."""

from __future__ import annotations

import io
import threading
import time
from typing import Any

from tests.guide.test_api import CountingBody
from tests.web.test_page_cache import call
from veiviser.web.admission import Admission, Places


def test_the_body_is_read_whole_before_the_application_runs() -> None:
    stream = CountingBody(b"danger=no&age=adult")
    seen: dict[str, Any] = {}

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        seen["taken_before"] = stream.taken
        seen["body"] = environ["wsgi.input"].read()
        start_response("200 OK", [])
        return [b""]

    call(
        Admission(app, max_body=100),
        "POST",
        "/en/guide/",
        body=b"danger=no&age=adult",
        **{"wsgi.input": stream},
    )
    assert seen == {"taken_before": 19, "body": b"danger=no&age=adult"}


def test_a_body_over_the_limit_is_left_unread_for_the_application_to_refuse() -> None:
    body = b"a" * 500
    stream = CountingBody(body)

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("400 Bad Request", [])
        return [b""]

    call(Admission(app, max_body=100), "POST", "/api/v1/plan", body=body, **{"wsgi.input": stream})
    assert stream.taken == 0


def test_no_more_than_the_places_run_at_once() -> None:
    running, most = 0, 0
    lock = threading.Lock()

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.02)
        with lock:
            running -= 1
        start_response("200 OK", [])
        return [b""]

    admission = Admission(app, max_body=100, places=3)
    threads = [threading.Thread(target=call, args=(admission, "GET", "/en/")) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == 3


def test_a_freed_place_goes_to_the_longest_waiter() -> None:
    places = Places(1)
    order: list[int] = []
    places.__enter__()  # the one place is taken

    def wait_then_record(number: int) -> None:
        with places:
            order.append(number)

    threads = []
    for number in range(6):
        thread = threading.Thread(target=wait_then_record, args=(number,))
        thread.start()
        threads.append(thread)
        time.sleep(0.02)  # each asks after the one before
    places.__exit__(None, None, None)
    for thread in threads:
        thread.join(timeout=5)
    assert order == list(range(6))


def test_the_production_application_reads_bodies_first() -> None:
    from veiviser.wsgi import application

    assert isinstance(application, Admission)
    answer = call(
        application,
        "POST",
        "/en/guide/",
        body=b"danger=no",
        **{"wsgi.input": io.BytesIO(b"danger=no")},
    )
    assert answer.status == "200 OK"
