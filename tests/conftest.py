"""Shared fixtures: the seed content as a snapshot, held by the app without a database."""

from __future__ import annotations

import datetime
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client

from tests import routes
from tests.crawled import Fetched
from veiviser.content import validation
from veiviser.content.current import current
from veiviser.content.snapshot import Snapshot

# Tests serve static files from the source tree instead of a collected manifest. Set when
# this file is loaded, before any test module (some build the WSGI app at import) and any
# fixture builds a client: WhiteNoise reads these when its middleware starts.
django_settings.STORAGES = {
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
}
django_settings.WHITENOISE_USE_FINDERS = True
django_settings.WHITENOISE_AUTOREFRESH = True
django_settings.STATIC_ROOT = None  # nothing collected: WhiteNoise need not look there
# What the app keeps in VAR_DIR (the published snapshots) goes to a folder of the run's
# own, never to the checkout's var/.
django_settings.VAR_DIR = Path(tempfile.mkdtemp(prefix="veiviser-test-var-"))


# Fixtures that give a test the database.
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def touches_the_database(item: pytest.Item) -> bool:
    """A test that queries the database, or starts a process of its own over it."""
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool(
        item.get_closest_marker("django_db")
        or item.get_closest_marker("server")
        or fixtures & DATABASE_FIXTURES
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """DATABASE_TESTS_ONLY=1 (CI's second pass, on PostgreSQL): only the tests that touch
    the database or start a server process over it. Every other test gives the same result
    on any database (public pages serve the snapshot held in memory), and has run already.
    The browser tests' live server serves the held snapshot too: they run once."""
    if os.environ.get("DATABASE_TESTS_ONLY") != "1":
        return
    kept = [
        item
        for item in items
        if touches_the_database(item) and not item.get_closest_marker("browser")
    ]
    config.hook.pytest_deselected(items=[item for item in items if item not in kept])
    items[:] = kept


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The site audit's table: every page's size, and what it needs before the first paint."""
    from tests import audit

    if audit.REPORT:
        terminalreporter.section("site audit: bytes per page (budget 14,000 with gzip)")
        for row in audit.REPORT:
            terminalreporter.write_line(row)


@pytest.fixture(scope="session")
def seed_checked_on(seed_snapshot: Snapshot) -> datetime.date:
    """The day the seed was last checked: its newest `verified_on`."""
    content = seed_snapshot.content
    records = (*content.organisations, *content.services, *content.topics)
    steps = [date for check in validation.GUIDE_DATES for _f, _e, date in check(content)]
    return max([record.verified_on for record in records] + steps)


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch, seed_checked_on: datetime.date) -> datetime.date:
    """The content checks' clock, frozen on the day the seed was last checked: no test
    depends on today's date (a test that needs another day sets its own)."""
    monkeypatch.setattr(validation, "today", lambda: seed_checked_on)
    return seed_checked_on


@pytest.fixture(scope="session")
def seed_snapshot() -> Snapshot:
    """The seed files as a published snapshot would hold them (checked, version 1)."""
    return routes.seed_snapshot()


# The live site the static export's guide form posts to, in the tests.
LIVE_URL = "https://veiviser.example"


@pytest.fixture(scope="session")
def exported_site(tmp_path_factory: pytest.TempPathFactory, seed_snapshot: Snapshot) -> Path:
    """`make export` of the seed content, made once for every test that reads it."""
    current.hold(seed_snapshot)
    target = tmp_path_factory.mktemp("export") / "site"
    call_command("export", str(target), live_url=LIVE_URL)
    return target


@pytest.fixture(scope="session")
def every_page(seed_snapshot: Snapshot) -> dict[str, Fetched]:
    """Every page of every language, fetched once (in-process) for all per-page checks:
    with ten languages, fetching each page once per check made the suite crawl for minutes.
    """
    current.hold(seed_snapshot)
    client = Client(raise_request_exception=False)
    found = {}
    for route in routes.pages(seed_snapshot):
        response = client.get(route.path)
        found[route.path] = Fetched(
            route,
            response.status_code,
            dict(response.headers),
            response.content.decode(),
            bool(response.cookies),
        )
    return found


@pytest.fixture(autouse=True)
def serve_seed(seed_snapshot: Snapshot) -> Iterator[Snapshot]:
    """Every test starts with the app serving the seed snapshot, asking no database."""
    current.hold(seed_snapshot)
    yield seed_snapshot
    current.reset()

    django_settings.WHITENOISE_AUTOREFRESH = True
