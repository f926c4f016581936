"""The server's own log lines: a refused Host is one short WARNING, never a traceback or
the Host as sent (issue 10, section 4: a flood of them must not fill a disk)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.test import Client

HOST = "attacker.example"


def formatted(records: list[logging.LogRecord]) -> str:
    formatter = logging.Formatter(settings.LOGGING["formatters"]["plain"]["format"])
    return "\n".join(formatter.format(record) for record in records)


def test_a_refused_host_is_one_short_warning_line(caplog):
    caplog.set_level(logging.INFO)
    response = Client().get("/en/", HTTP_HOST=HOST)
    assert response.status_code == 400
    refused = [r for r in caplog.records if r.name.startswith("django.security")]
    assert [(r.levelname, r.getMessage()) for r in refused] == [
        ("WARNING", "refused a request for a host not in ALLOWED_HOSTS")
    ]
    output = formatted(caplog.records)
    assert "Traceback" not in output and HOST not in output
    assert not any(r.levelno >= logging.ERROR for r in caplog.records)
    assert len(output.splitlines()) == 2  # that line and the access log's "GET /en/ 400"


def test_with_log_level_error_it_is_not_written(caplog):
    caplog.set_level(logging.ERROR)
    Client().get("/en/", HTTP_HOST=HOST)
    assert not [r for r in caplog.records if r.name.startswith("django.security")]
