"""deploy/nginx.conf, the README's example TLS proxy, run as written in front of granian.

Only its ports, paths and names are replaced. Checked: HTTPS answers with HSTS and the
fixed header set, no server name, plain HTTP sent to HTTPS, the proxy's word on HTTPS
believed and a direct client's not, large bodies refused at the proxy, nothing about the
visitor in either server's log.
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import server
from tests.web.test_headers import header_problems

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "nginx.conf"
HOST = "veiviser.example"
PEER = "127.0.0.66"  # the visitor's own address, to look for in the logs

pytestmark = [
    pytest.mark.server,  # starts processes of its own: run on each database (conftest.py)
    pytest.mark.skipif(
        shutil.which("nginx") is None and not os.environ.get("REQUIRE_BROWSER"),
        reason="nginx is not installed "
        "(apt-get install nginx libnginx-mod-http-headers-more-filter)",
    ),
]


@dataclass
class Proxied:
    https_port: int
    http_port: int
    app: server.Server
    nginx_log: Path


def self_signed(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "fullchain.pem", directory / "privkey.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", f"/CN={HOST}", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


def configured(work: Path, app_port: int, https_port: int, http_port: int) -> Path:
    cert, key = self_signed(work)
    text = CONFIG.read_text()
    for example, here in [
        ("127.0.0.1:8000", f"127.0.0.1:{app_port}"),
        ("listen 443 ssl", f"listen 127.0.0.1:{https_port} ssl"),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("/etc/ssl/veiviser/fullchain.pem", str(cert)),
        ("/etc/ssl/veiviser/privkey.pem", str(key)),
        ("/run/nginx-veiviser.pid", str(work / "nginx.pid")),
        ("/var/log/nginx/veiviser-error.log", str(work / "nginx-error.log")),
    ]:
        assert example in text, f"deploy/nginx.conf no longer has {example!r}"
        text = text.replace(example, here)
    path = work / "nginx.conf"
    path.write_text(text)
    return path


def wait_for(port: int) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}")


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxied]:
    work = tmp_path_factory.mktemp("proxy")
    with server.database(work) as url:
        env = server.environment(
            work, url, LOG_LEVEL="DEBUG", FORWARDED_ALLOW_IPS="127.0.0.1", ALLOWED_HOSTS=HOST
        )
        server.set_up(env)
        env.update(PRODUCTION="1", ALLOWED_HOSTS=HOST)
        with server.serve(env) as app:
            https_port, http_port = server.free_port(), server.free_port()
            config = configured(work, app.port, https_port, http_port)
            nginx = subprocess.Popen(
                ["nginx", "-c", str(config), "-p", str(work), "-g", "daemon off;"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            try:
                wait_for(https_port)
                yield Proxied(https_port, http_port, app, work / "nginx-error.log")
            finally:
                server.stop(nginx)


def https(proxied: Proxied, method: str, path: str, body: bytes | None = None, **headers: str):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # our own certificate, made for this test
    connection = http.client.HTTPSConnection(
        "127.0.0.1", proxied.https_port, timeout=15, context=context, source_address=(PEER, 0)
    )
    connection.request(method, path, body=body, headers={"Host": HOST, **headers})
    response = connection.getresponse()
    content = response.read()
    connection.close()
    return response, content


def plain(port: int, path: str, **headers: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15, source_address=(PEER, 0))
    connection.request("GET", path, headers={"Host": HOST, **headers})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_https_through_the_proxy_has_every_header_and_no_server_name(proxied: Proxied) -> None:
    for path in ("/en/", "/nb/guide/", "/en/no-such-page/", "/static/veiviser/exit.js"):
        response, _ = https(proxied, "GET", path)
        headers = dict(response.getheaders())
        assert response.status in (200, 404), path
        assert header_problems(headers, https=True, server_header=False) == [], path
        assert not [name for name in headers if name.lower() == "server"], headers
    # A guide answer goes through too (the body is read by nginx first).
    response, content = https(
        proxied, "POST", "/en/guide/", b"danger=no&age=adult",
        **{"Content-Type": "application/x-www-form-urlencoded"},
    )  # fmt: skip
    assert response.status == 200
    assert b'id="plan"' in content


def test_plain_http_is_sent_to_https(proxied: Proxied) -> None:
    response = plain(proxied.http_port, "/en/")
    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/en/"


def test_only_the_proxy_can_say_https(proxied: Proxied) -> None:
    # A client that reaches the application directly, from an address that is not the
    # proxy's, and claims HTTPS, is sent to HTTPS like any plain request.
    direct = plain(proxied.app.port, "/en/", **{"X-Forwarded-Proto": "https"})
    assert direct.status == 301
    assert direct.getheader("Strict-Transport-Security") is None


def test_a_large_body_is_refused_at_the_proxy(proxied: Proxied) -> None:
    response, _ = https(
        proxied, "POST", "/en/guide/", b"danger=" + b"a" * 100_000,
        **{"Content-Type": "application/x-www-form-urlencoded"},
    )  # fmt: skip
    assert response.status == 413
    assert not [name for name, _ in response.getheaders() if name.lower() == "server"]


def test_neither_log_holds_the_visitor(proxied: Proxied) -> None:
    https(proxied, "GET", "/en/?q=query-canary", **{"User-Agent": "ua-canary"})
    https(proxied, "GET", "/en/no-such-page/", **{"Referer": "https://referrer-canary.example/"})
    time.sleep(0.5)
    for log in (proxied.nginx_log, proxied.app.log):
        text = log.read_text() if log.exists() else ""
        for canary in (PEER, "query-canary", "ua-canary", "referrer-canary"):
            assert canary not in text, f"{canary!r} in {log.name}"
    assert "GET /en/ 200 " in proxied.app.output()
