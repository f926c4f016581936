"""Every page fetched once, for the checks that read each page (tests/conftest.py's
`every_page`), and a way for one test to report every page that fails a check."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tests import routes


@dataclass(frozen=True)
class Fetched:
    """One page as the app answered a plain GET: what the per-page checks read."""

    route: routes.Route
    status: int
    headers: dict[str, str]
    html: str
    cookies: bool


def failures(pages: Iterable[Fetched], check: Callable[[Fetched], Iterable[str]]) -> list[str]:
    """Every problem `check` finds, on every page, each naming its page: one test reports
    all of them at once."""
    return [f"{page.route.path}: {problem}" for page in pages for problem in check(page)]
