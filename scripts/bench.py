"""`make bench`: how close Veiviser comes to what this machine allows.

Prints, side by side in one run:
- requests per second and p50/p99 latency of the home page, a topic page, the directory
  and a guide plan POST, served by the production setup (granian, one worker, pinned to
  one core), by gunicorn (the server before it, for comparison) on the same core, and by
  nginx serving the same bytes as a static file on the same core;
- each Python server's own ceiling: the home page's bytes from a three-line WSGI app;
- resident memory of the granian worker after every page in every language has been
  served, and after 100,000 more requests;
- the time from starting granian to its first successful response;
- bytes and requests of the whole guide journey (home → guide → plan, with exit.js).

The load generator (wrk) runs on the other core. Everything stays on 127.0.0.1. The
figures are written to docs/performance.md. Needs nginx and wrk (installed from Debian
when missing and running as root). BENCH_SECONDS sets each measurement's length.
"""

from __future__ import annotations

import datetime
import gzip
import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import server  # noqa: E402 - the same production setup the tests start
from veiviser.web.crawl import Fetched  # noqa: E402
from veiviser.web.crawl import crawl as crawl_site  # noqa: E402

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = 16
SERVER_CORE = "0"
LOAD_CORE = "1" if (os.cpu_count() or 1) > 1 else "0"
MEMORY_REQUESTS = 100_000
PLAN_FORM = "danger=no&age=adult&situation=labour&needs=safe_place&needs=lawyer&residence=unsure"


@dataclass
class Load:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int


def ensure_tools() -> None:
    missing = [tool for tool in ("nginx", "wrk", "taskset") if not _which(tool)]
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit(f"make bench needs {', '.join(missing)}: apt-get install nginx-light wrk")
    print(f"installing {', '.join(missing)} from Debian ...", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "nginx-light", "wrk", "util-linux"],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )


def _which(tool: str) -> str | None:
    return shutil.which(tool) or shutil.which(tool, path="/usr/sbin:/sbin")


def milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, script: Path | None = None, seconds: int = SECONDS) -> Load:
    command = ["taskset", "-c", LOAD_CORE, "wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s"]
    command += ["--latency", *(["-s", str(script)] if script else []), url]
    return parse_wrk(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def parse_wrk(output: str) -> Load:
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", output, re.M))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Load(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
        p50_ms=milliseconds(latency["50"]),
        p99_ms=milliseconds(latency["99"]),
        requests=int(re.search(r"(\d+) requests in", output).group(1)),  # type: ignore[union-attr]
        errors=errors + (int(non_2xx.group(1)) if non_2xx else 0),
    )


def lua_post(directory: Path, path: str, body: str) -> Path:
    script = directory / f"post-{abs(hash(path))}.lua"
    script.write_text(
        'wrk.method = "POST"\n'
        f'wrk.body = "{body}"\n'
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
        f'wrk.path = "{path}"\n'
    )
    return script


def lua_rotate(directory: Path, paths: list[str]) -> Path:
    script = directory / "rotate.lua"
    listed = ", ".join(f'"{path}"' for path in paths)
    script.write_text(
        f"local paths = {{{listed}}}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n"
        "  return wrk.format(nil, paths[i])\nend\n"
    )
    return script


@contextmanager
def nginx(root: Path, work: Path) -> Iterator[int]:
    """nginx on SERVER_CORE serving `root` as static files (POST answered like GET)."""
    port = server.free_port()
    config = work / "nginx.conf"
    config.write_text(
        f"""worker_processes 1;
worker_cpu_affinity 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  default_type text/html;
  client_body_temp_path {work}/body; proxy_temp_path {work}/proxy;
  fastcgi_temp_path {work}/fastcgi; uwsgi_temp_path {work}/uwsgi; scgi_temp_path {work}/scgi;
  server {{
    listen 127.0.0.1:{port};
    root {root};
    location / {{ error_page 405 =200 $uri; }}
  }}
}}
"""
    )
    process = subprocess.Popen(
        [
            "taskset",
            "-c",
            SERVER_CORE,
            _which("nginx") or "nginx",
            "-c",
            str(config),
            "-g",
            "daemon off;",
        ],
        start_new_session=True,
    )
    try:
        _wait_for(port)
        yield port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


def fetch(
    port: int, path: str, method: str = "GET", body: str | None = None, gzip_ok: bool = False
) -> tuple[int, bytes, int]:
    """(status, body, bytes on the wire: status line, headers and body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Accept-Encoding": "gzip"} if gzip_ok else {}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    data = response.read()
    head = f"HTTP/1.1 {response.status} {response.reason}\r\n" + "".join(
        f"{name}: {value}\r\n" for name, value in response.getheaders()
    )
    connection.close()
    return response.status, data, len(head.encode()) + 2 + len(data)


CEILING_APP = """
from pathlib import Path
BODY = (Path(__file__).parent / "www" / "home.html").read_bytes()
def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                              ("Content-Length", str(len(BODY)))])
    return [BODY]
"""


GUNICORN = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "scripts" / "gunicorn_conf.py")]
# The same settings as veiviser/serve.py.
GRANIAN = [
    sys.executable, "-m", "granian", "--interface", "wsgi", "--no-ws", "--http", "1",
    "--blocking-threads", "256", "--backpressure", "1024", "--log-level", "warning",
]  # fmt: skip


@contextmanager
def started(command: list[str], env: dict[str, str], port: int) -> Iterator[int]:
    """`command` pinned to SERVER_CORE, until it answers on `port`; stopped afterwards."""
    process = subprocess.Popen(
        ["taskset", "-c", SERVER_CORE, *command],
        cwd=ROOT,
        env={**env, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_for(port)
        yield port
    finally:
        server.stop(process)


def ceiling(server_name: str, env: dict[str, str], work: Path) -> Load:
    """The server itself, serving the home page's bytes from a three-line WSGI app: the
    most any Python app can reach behind it on this core."""
    (work / "ceiling.py").write_text(CEILING_APP)
    port = server.free_port()
    if server_name == "gunicorn":
        command = [*GUNICORN, "--chdir", str(work), "ceiling:app"]
    else:
        command = [*GRANIAN, "--port", str(port), "--working-dir", str(work), "ceiling:app"]
    with started(command, env, port):
        return wrk(f"http://127.0.0.1:{port}/")


def crawl(port: int) -> list[str]:
    """Every address reachable from the start pages by links, in every language."""

    def fetch_page(path: str) -> Fetched:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", path)
        response = connection.getresponse()
        fetched = Fetched(response.status, response.getheader("Content-Type", ""), response.read())
        connection.close()
        return fetched

    return sorted(crawl_site(fetch_page, ["/en/", "/nb/"]))


def rss_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))  # type: ignore[union-attr]


def worker_of(master: int) -> int:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return int(children[0])


def startup_seconds(env: dict[str, str]) -> float:
    """From starting `python -m veiviser.serve` to its first answer of a page."""
    port = server.free_port()
    started_at = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "veiviser.serve"],
        cwd=ROOT,
        env={**env, "PORT": str(port), "WEB_CONCURRENCY": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while True:
            try:
                if fetch(port, "/en/")[0] == 200:
                    return time.monotonic() - started_at
            except OSError:
                time.sleep(0.01)
            if time.monotonic() - started_at > 30:
                raise RuntimeError("granian did not answer within 30 s")
    finally:
        server.stop(process)


def journey(port: int) -> tuple[int, int, list[tuple[str, int]]]:
    """(requests, bytes) of home → guide → plan, each page with its script, gzip accepted."""
    steps: list[tuple[str, int]] = []
    for path, method, body in (
        ("/en/", "GET", None),
        ("/en/guide/", "GET", None),
        ("/en/guide/", "POST", PLAN_FORM),
    ):
        status, html, wire = fetch(port, path, method, body, gzip_ok=True)
        if status != 200:
            raise RuntimeError(f"{method} {path} answered {status}")
        steps.append((f"{method} {path}", wire))
        text = gzip.decompress(html) if html[:2] == b"\x1f\x8b" else html
        for script in re.findall(rb'<script src="([^"]+)"', text):
            steps.append((f"GET {script.decode()}", fetch(port, script.decode(), gzip_ok=True)[2]))
    return len(steps), sum(size for _, size in steps), steps


def main() -> None:
    ensure_tools()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="veiviser-bench-") as tmp:
        work = Path(tmp)
        # nginx's worker runs as an unprivileged user: it must be able to read the files.
        work.chmod(0o755)
        (work / "www").mkdir()
        with server.database(work) as url:
            env = server.environment(work, url, LOG_LEVEL="WARNING")
            server.set_up(env)
            print(f"Veiviser benchmark, {datetime.date.today()}, {cores} cores", flush=True)
            report = run(env, work)
            report["startup"] = startup_seconds(env)
    write_report(report, cores)


CASES = [
    ("home", "/en/", None),
    ("topic", "/en/topics/in-danger/", None),
    ("directory", "/en/services/", None),
    ("plan POST", "/en/guide/", PLAN_FORM),
]


def measure(port: int, work: Path, keep: bool = False) -> list[tuple[str, Load]]:
    """Every case against the server on `port`; `keep` writes each answer for nginx."""
    results = []
    for name, path, body in CASES:
        status, html, _ = fetch(port, path, "POST" if body else "GET", body)
        if status != 200:
            raise RuntimeError(f"{name}: {path} answered {status}")
        if keep:
            (work / "www" / f"{name.split()[0]}.html").write_bytes(html)
        script = lua_post(work, path, body) if body else None
        results.append((name, wrk(f"http://127.0.0.1:{port}{path}", script)))
    return results


def run(env: dict[str, str], work: Path) -> dict:
    with server.serve(env, workers=1, prefix=("taskset", "-c", SERVER_CORE)) as app:
        results = measure(app.port, work, keep=True)
        worker = worker_of(app.process.pid)  # taskset execs python in place: same pid
        pages = crawl(app.port)
        rss_pages = rss_kib(worker)
        rotate = lua_rotate(work, pages)
        served = 0
        while served < MEMORY_REQUESTS:
            served += wrk(f"http://127.0.0.1:{app.port}/", rotate, seconds=SECONDS).requests
        rss_after = rss_kib(worker)
        trip = journey(app.port)
    port = server.free_port()
    with started([*GUNICORN, "veiviser.wsgi"], env, port):
        compared = measure(port, work)
    with nginx(work / "www", work) as port:
        static = [
            (name, wrk(f"http://127.0.0.1:{port}/{name.split()[0]}.html")) for name, _, _ in CASES
        ]
    return {
        "ceilings": {name: ceiling(name, env, work) for name in ("granian", "gunicorn")},
        "results": results,
        "compared": compared,
        "static": static,
        "pages": len(pages),
        "rss_pages": rss_pages,
        "rss_after": rss_after,
        "served": served,
        "journey": trip,
    }


def row(name: str, app: Load, static: Load) -> str:
    return (
        f"| {name} | {app.rps:,.0f} | {app.p50_ms:.2f} | {app.p99_ms:.2f} | "
        f"{static.rps:,.0f} | {app.rps / static.rps:.1%} |"
    )


def write_report(report: dict, cores: int) -> None:
    rows = [
        "| page, server | req/s | p50 ms | p99 ms | nginx req/s, same bytes | ratio to nginx |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    static = dict(report["static"])
    for name, app in report["results"]:
        rows.append(row(f"{name}, granian (production)", app, static[name]))
    for name, app in report["compared"]:
        rows.append(row(f"{name}, gunicorn", app, static[name]))
    for name, load in report["ceilings"].items():
        rows.append(row(f"{name} alone (home page's bytes, 3-line WSGI app)", load, static["home"]))
    loads = report["results"] + report["compared"] + report["static"]
    errors = sum(load.errors for _, load in loads)
    growth = report["rss_after"] - report["rss_pages"]
    lines = [
        *rows,
        "",
        f"- errors during the runs: {errors}",
        f"- granian worker memory after all {report['pages']} pages in every language: "
        f"{report['rss_pages'] / 1024:.1f} MiB; after {report['served']:,} more requests: "
        f"{report['rss_after'] / 1024:.1f} MiB (growth {growth:+d} KiB)",
        f"- from starting granian to the first successful response: {report['startup']:.2f} s",
    ]
    if report["journey"]:
        count, size, steps = report["journey"]
        detail = ", ".join(f"{step} {wire:,} B" for step, wire in steps)
        lines.append(f"- guide journey: {count} requests, {size:,} bytes on the wire ({detail})")
    text = "\n".join(lines)
    print(text)
    stamp = (
        f"Measured {datetime.date.today()} on this machine: {cores} cores; granian, then "
        f"gunicorn, each with one worker on core {SERVER_CORE}, nginx (one worker) on the "
        f"same core, wrk "
        f"({CONNECTIONS} connections, {SECONDS} s per run) on core {LOAD_CORE}."
    )
    path = ROOT / "docs" / "performance.md"
    current = path.read_text() if path.exists() else "# Performance\n\n"
    marker_start, marker_end = "<!-- bench:start -->", "<!-- bench:end -->"
    block = f"{marker_start}\n{stamp}\n\n{text}\n{marker_end}"
    if marker_start in current:
        current = re.sub(f"{marker_start}.*?{marker_end}", lambda _: block, current, flags=re.S)
    else:
        current += block + "\n"
    path.write_text(current)
    print(f"\nwritten to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
