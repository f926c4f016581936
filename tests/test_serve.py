"""`python -m veiviser.serve`: granian configured from the environment, clear on bad values."""

from __future__ import annotations

import logging
import logging.config
import os
import subprocess
import sys
from pathlib import Path

import pytest

from veiviser import serve

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("PORT", "eighty", "PORT and WEB_CONCURRENCY must be whole numbers"),
        ("WEB_CONCURRENCY", "2.5", "PORT and WEB_CONCURRENCY must be whole numbers"),
        ("LOG_LEVEL", "LOUD", "LOG_LEVEL='LOUD' is not a log level"),
    ],
)
def test_a_bad_setting_stops_the_server_with_a_clear_message(
    name: str, value: str, message: str
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "veiviser.serve"],
        cwd=ROOT,
        env={**os.environ, name: value},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert message in result.stderr


def test_the_server_is_configured_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOST", "0.0.0.0")  # noqa: S104 - the value under test, not a bind
    monkeypatch.setenv("PORT", "8123")
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    configured = serve.server()
    assert (configured.bind_addr, configured.bind_port, configured.workers) == ("0.0.0.0", 8123, 3)  # noqa: S104
    assert configured.log_level == "warning"
    # granian's own access log would name the visitor's address: it stays off.
    assert configured.log_access is False
    assert configured.http1_settings.header_read_timeout == serve.HEADER_READ_TIMEOUT_MS
    assert configured.websockets is False


def test_the_servers_own_messages_lose_client_addresses() -> None:
    config = serve.log_config("INFO")
    logging.config.dictConfig(config)
    handler = logging.getLogger("_granian").handlers[0]
    for message, shown in [
        ("connection error from 127.0.0.77:5555: reset", "connection error from -:5555: reset"),
        ("peer [2001:db8::7]:443 misbehaved", "peer [-]:443 misbehaved"),
        ("Spawning worker-1 with PID: 9697", "Spawning worker-1 with PID: 9697"),
        ("Listening at: http://127.0.0.1:8000", "Listening at: http://127.0.0.1:8000"),
        ("timer at 12:30:45 in std::io", "timer at 12:30:45 in std::io"),
    ]:
        record = logging.LogRecord("_granian", logging.INFO, "", 0, message, None, None)
        assert all(f.filter(record) for f in handler.filters)
        assert record.getMessage() == shown
