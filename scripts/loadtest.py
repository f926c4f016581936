"""`make loadtest`: 200 concurrent connections for 60 seconds on 127.0.0.1 over a mix of
pages (every page in every language) and guide plan POSTs, against the production setup
(granian with WEB_CONCURRENCY workers), while 20 more connections hang: they send their
headers or a body a byte every 2 seconds, reconnecting when cut off. Passes with zero
errors; prints the p99.

LOAD_SECONDS, LOAD_CONNECTIONS and LOAD_SLOW (20) change the defaults.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts import bench  # noqa: E402 - wrk, crawling and the form of a plan POST
from tests import server  # noqa: E402 - the same production setup the tests start

SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", "200"))
SLOW = int(os.environ.get("LOAD_SLOW", "20"))
TRICKLE_SECONDS = 2.0


def hang(port: int, stop: threading.Event) -> int:
    """SLOW connections that send headers (half) or a body (half) a byte at a time, for as
    long as the load lasts; a connection the server cuts off is opened again. Returns how
    many times one was opened."""
    opened = 0
    sockets: list[socket.socket | None] = [None] * SLOW
    while not stop.is_set():
        for index, sock in enumerate(sockets):
            try:
                if sock is None:
                    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
                    opened += 1
                    sock.sendall(
                        b"POST /en/guide/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        b"Content-Type: application/x-www-form-urlencoded\r\n"
                        b"Content-Length: 2000\r\n\r\ndanger="
                        if index % 2
                        else b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                    )
                sock.sendall(b"a")
                sockets[index] = sock
            except OSError:
                if sock is not None:
                    sock.close()
                sockets[index] = None
        stop.wait(TRICKLE_SECONDS)
    for sock in sockets:
        if sock is not None:
            sock.close()
    return opened


def mix_script(directory: Path, pages: list[str]) -> Path:
    """Every fifth request a plan POST, the rest the pages in turn."""
    script = directory / "mix.lua"
    listed = ", ".join(f'"{path}"' for path in pages)
    script.write_text(
        f"local pages = {{{listed}}}\nlocal i = 0\n"
        f'local form = "{bench.PLAN_FORM}"\n'
        "request = function()\n  i = i + 1\n"
        "  if i % 5 == 0 then\n"
        '    return wrk.format("POST", "/en/guide/", '
        '{["Content-Type"] = "application/x-www-form-urlencoded"}, form)\n'
        "  end\n"
        "  return wrk.format(nil, pages[i % #pages + 1])\nend\n"
    )
    return script


def main() -> None:
    bench.ensure_tools()
    with tempfile.TemporaryDirectory(prefix="veiviser-load-") as tmp:
        work = Path(tmp)
        with server.database(work) as url:
            env = server.environment(work, url, LOG_LEVEL="WARNING")
            server.set_up(env)
            workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
            with server.serve(env, workers=workers) as app:
                pages = bench.crawl(app.port)
                script = mix_script(work, pages)
                command = [
                    "wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s",
                    "--latency", "-s", str(script), f"http://127.0.0.1:{app.port}/",
                ]  # fmt: skip
                stop = threading.Event()
                with ThreadPoolExecutor(max_workers=1) as pool:
                    slow = pool.submit(hang, app.port, stop)
                    output = subprocess.run(command, capture_output=True, text=True, check=True)
                    stop.set()
                    opened = slow.result()
                load = bench.parse_wrk(output.stdout)
    print(
        f"{CONNECTIONS} connections, {SECONDS} s, {workers} granian workers, "
        f"{len(pages)} pages and plan POSTs, {SLOW} slow connections hanging "
        f"({opened} opened): {load.requests:,} requests, "
        f"{load.rps:,.0f}/s, p50 {load.p50_ms:.1f} ms, p99 {load.p99_ms:.1f} ms, "
        f"errors {load.errors}"
    )
    if load.errors:
        print(output.stdout)  # wrk's own account of the errors
        sys.exit(1)


if __name__ == "__main__":
    main()
