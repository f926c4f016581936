"""Lighthouse (mobile) on the home page, the guide, the directory and a topic page in every
served language; writes the scores to docs/lighthouse.md and prints them.

Run by `make lighthouse`, which installs npm's lighthouse 12 into build/lighthouse. The
site runs as `make run` runs it (granian, SQLite), on 127.0.0.1 only, in a folder of its
own. Each page is audited LIGHTHOUSE_RUNS times (default 5) and the run with the median
performance score is the page's result, as Lighthouse's own guidance on variability
advises (docs/variability.md in its repository): performance is scored from the main
thread's time, which one run on a shared machine can stretch. The lowest and highest
performance scores are written beside it. Lighthouse and its Chromium run at a raised CPU
priority when the script may raise it (root), so that other work on the machine stretches
them less. Exits 1 when a median score is below 100, naming the audits that failed.

Where one run falls below 100 it is total blocking time. A trace of such a run
(`lighthouse --save-assets`) shows why: the long tasks are Chromium's first layout of the
page's text, 15-50 ms on this machine and four times that in Lighthouse's simulated slow
phone; the same page without its stylesheet lays out as slowly, and its script runs for
under 10 ms. Nothing in the page to cut: the spread is the machine's.
"""

from __future__ import annotations

import datetime
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

from veiviser.settings import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "build" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
RUNS = int(os.environ.get("LIGHTHOUSE_RUNS", "5"))
DOC = ROOT / "docs" / "lighthouse.md"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_site(var: Path, port: int) -> subprocess.Popen[bytes]:
    """The site as `make run` serves it, on a database and VAR_DIR of its own."""
    env = dict(
        os.environ,
        VAR_DIR=str(var),
        HOST="127.0.0.1",
        PORT=str(port),
        PUBLIC_URL=f"http://127.0.0.1:{port}",
        DATABASE_URL=f"sqlite:///{var / 'db.sqlite3'}",
    )
    python = sys.executable
    for command in (
        ["migrate", "--noinput"],
        ["collectstatic", "--noinput", "--verbosity", "0"],
        ["ensurecontent"],
    ):
        subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True)
    process = subprocess.Popen([python, "-m", "veiviser.serve"], cwd=ROOT, env=env)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/en/", timeout=1)
            return process
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("the site did not start")


def pages(origin: str) -> list[str]:
    """The four pages, in every served language."""
    topics = yaml.safe_load((ROOT / "content" / "topics.yaml").read_text())["topics"]
    topic = topics[0]["id"]
    return [
        f"{origin}/{code}/{path}"
        for code, _name in LANGUAGES
        for path in ("", "guide/", "services/", f"topics/{topic}/")
    ]


def audit(url: str, out: Path, attempts: int = 3) -> dict:
    """One Lighthouse run; again if Lighthouse itself fails (on a busy machine it can lose
    its trace: NO_NAVSTART), never because of a score."""
    for attempt in range(1, attempts + 1):
        try:
            return run_lighthouse(url, out)
        except subprocess.CalledProcessError:
            if attempt == attempts:
                raise
            print(f"Lighthouse failed on {url}; trying again", flush=True)
    raise AssertionError("unreachable")


def priority() -> list[str]:
    """`nice -n -10` when this process may raise a priority (only root may), else nothing."""
    return ["nice", "-n", "-10"] if os.geteuid() == 0 else []


def run_lighthouse(url: str, out: Path) -> dict:
    subprocess.run(
        [
            *priority(),
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--chrome-flags={CHROMIUM_FLAGS}",
            "--form-factor=mobile",
        ],
        env=dict(os.environ, CHROME_PATH=CHROMIUM),
        check=True,
        timeout=300,
    )
    return json.loads(out.read_text())


def median_run(url: str, out: Path) -> tuple[dict, list[int]]:
    """RUNS audits of `url`: the report with the median performance score, and every
    run's performance score (to show the spread)."""
    reports = [audit(url, out) for _ in range(RUNS)]
    reports.sort(key=lambda report: report["categories"]["performance"]["score"])
    spread = [round(r["categories"]["performance"]["score"] * 100) for r in reports]
    return reports[len(reports) // 2], spread


def failed_audits(report: dict) -> list[str]:
    """The scored audits under 1 in the four categories: what to fix."""
    scored = {ref["id"] for c in CATEGORIES for ref in report["categories"][c]["auditRefs"]}
    return sorted(
        f"{key} ({audit_['score']})"
        for key, audit_ in report["audits"].items()
        if key in scored
        and audit_.get("score") is not None
        and audit_["score"] < 1
        and audit_.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
        and any(
            ref["id"] == key and ref.get("weight", 0) > 0
            for c in CATEGORIES
            for ref in report["categories"][c]["auditRefs"]
        )
    )


def main() -> int:
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `make lighthouse`")
    port = free_port()
    # Performance is scored from the main thread's time, which other work on the machine
    # stretches: the load at the start and the end is written beside the scores.
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="veiviser-lighthouse-") as folder:
        var = Path(folder)
        site = start_site(var, port)
        rows, failures = [], []
        try:
            for url in pages(f"http://127.0.0.1:{port}"):
                report, spread = median_run(url, var / "report.json")
                scores = [round(report["categories"][c]["score"] * 100) for c in CATEGORIES]
                path = url.split(str(port), 1)[1]
                runs = f"{spread[0]}-{spread[-1]}" if spread[0] != spread[-1] else str(spread[0])
                rows.append(f"| `{path}` | " + " | ".join(map(str, scores)) + f" | {runs} |")
                print(rows[-1], flush=True)
                if min(scores) < 100:
                    failures.append(f"{path}: {', '.join(failed_audits(report))}")
        finally:
            site.terminate()
            site.wait(timeout=10)
    version = subprocess.run(
        [str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    DOC.write_text(
        "# Lighthouse\n\n"
        f"Lighthouse {version}, mobile, Debian's Chromium, the site as `make run` serves it "
        f"on 127.0.0.1; measured {datetime.date.today().isoformat()} by `make lighthouse`, "
        f"with the machine's load average at {load_before:.1f} when it started and "
        f"{os.getloadavg()[0]:.1f} when it ended ({os.cpu_count()} cores). Each page was "
        f"audited {RUNS} times; the table gives the run with the median performance score, "
        "and the lowest and highest performance score of the runs.\n\n"
        "| page | performance | accessibility | best practices | SEO | performance, all runs |\n"
        "|---|---|---|---|---|---|\n"
        + "\n".join(rows)
        + "\n"
        + ("\nBelow 100:\n\n" + "\n".join(f"- {f}" for f in failures) + "\n" if failures else "")
    )
    print(f"{len(rows)} pages; {len(failures)} below 100 in a category. Written to {DOC}")
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
