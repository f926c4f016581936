"""`make loadtest`: 200 concurrent connections for 60 seconds on 127.0.0.1 over a mix of
pages (every page in every language) and guide plan POSTs, against the production setup
(gunicorn with WEB_CONCURRENCY workers). Passes with zero errors; prints the p99.

LOAD_SECONDS and LOAD_CONNECTIONS change the defaults (60 and 200).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts import bench  # noqa: E402 - wrk, crawling and the form of a plan POST
from tests import server  # noqa: E402 - the same production setup the tests start

SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", "200"))


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
            with server.gunicorn(env, workers=workers) as app:
                pages = bench.crawl(app.port)
                script = mix_script(work, pages)
                command = [
                    "wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s",
                    "--latency", "-s", str(script), f"http://127.0.0.1:{app.port}/",
                ]  # fmt: skip
                output = subprocess.run(command, capture_output=True, text=True, check=True)
                load = bench.parse_wrk(output.stdout)
    print(
        f"{CONNECTIONS} connections, {SECONDS} s, {workers} gunicorn workers, "
        f"{len(pages)} pages and plan POSTs: {load.requests:,} requests, "
        f"{load.rps:,.0f}/s, p50 {load.p50_ms:.1f} ms, p99 {load.p99_ms:.1f} ms, "
        f"errors {load.errors}"
    )
    if load.errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
