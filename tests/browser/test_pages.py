"""Every page of every language in Chromium, visited once per screen size, with every
per-page check run on that visit (with ten languages, a visit per check took too long).

Desktop: nothing asked of another origin, no console error (a Content-Security-Policy
violation shows as one), Tab reaches the quick exit first, and axe-core finds no WCAG 2.2
A/AA violation. Phone (320 x 640): nothing scrolls sideways, the quick exit and the
emergency numbers are on the first screen, and the exit stays on screen at the bottom.
"""

from __future__ import annotations

import pytest

from tests import routes
from tests.browser.conftest import Tab, console_errors
from tests.browser.test_accessibility import axe_violations, report

PAGES = routes.pages()

FIRST_FOCUS = "({id: document.activeElement.id, text: document.activeElement.textContent.trim()})"
BOX = (
    "(selector) => { const r = document.querySelector(selector).getBoundingClientRect();"
    " return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; }"
)


@pytest.mark.parametrize("route", PAGES, ids=str)
def test_every_page_on_a_desktop(tab: Tab, route: routes.Route) -> None:
    with console_errors(tab.page) as errors:
        response = tab.page.goto(route.path)  # returns once the page and its files loaded
    assert response.status == 200
    assert tab.traffic.blocked == [], f"{route.path} asked other origins for {tab.traffic.blocked}"
    assert tab.traffic.exits == []
    assert errors == [], f"{route.path}: {errors}"
    tab.page.keyboard.press("Tab")
    focused = tab.page.evaluate(FIRST_FOCUS)
    assert focused["id"] == "quick-exit", f"Tab reached {focused} first on {route.path}"
    assert focused["text"], "the quick exit has a visible label"
    violations = axe_violations(tab.page)
    assert violations == [], f"{route.path}:\n{report(violations)}"


@pytest.mark.parametrize("route", PAGES, ids=str)
def test_every_page_on_a_320_pixel_phone(phone_tab: Tab, route: routes.Route) -> None:
    page = phone_tab.page
    assert page.goto(route.path).status == 200
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{route.path} is {width}px wide on a 320px screen"
    # Above the fold: the way out and the numbers for an emergency.
    for selector in ("#quick-exit", ".sos a[href='tel:112']", ".sos a[href='tel:113']"):
        box = page.evaluate(BOX, selector)
        assert box["top"] >= 0 and box["bottom"] <= 640, f"{selector} is below the fold: {box}"
        assert box["left"] >= 0 and box["right"] <= 320, f"{selector} is off screen: {box}"
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    box = page.evaluate(BOX, "#quick-exit")
    assert box["top"] >= 0 and box["bottom"] <= 640, f"the exit scrolled away: {box}"
    assert box["left"] >= 0 and box["right"] <= 320, f"the exit is off screen: {box}"
