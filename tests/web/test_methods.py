"""A method a page does not take is a 405 in the site's layout, with an Allow header:
never Django's CSRF page asking the reader to turn on cookies (issue 10, section 4)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests import routes
from tests.guide.conftest import FORM

PAGES = [route for route in routes.routes() if route.pattern.is_page]
REFUSED = ("POST", "PUT", "PATCH", "DELETE", "OPTIONS")
# The pages whose form posts to their own address (tested below, and in their own tests).
TAKE_A_POST = {"guide", "frontline"}


@pytest.fixture
def browser() -> Client:
    """A client that, like a browser, gets the CSRF check (Django's test client skips it)."""
    return Client(enforce_csrf_checks=True)


def layout_problems(response, lang: str) -> list[str]:
    html = response.content.decode()
    problems = []
    if f'<html lang="{lang}"' not in html:
        problems.append("not in the layout, in the page's language")
    if 'id="quick-exit"' not in html or 'href="tel:112"' not in html:
        problems.append("no quick exit or emergency number")
    if "CSRF" in html or "cookie" in html.lower():
        problems.append("Django's CSRF page")
    return problems


def test_there_are_pages_to_check():
    assert {route.pattern.name for route in PAGES} >= {
        "home",
        "topic",
        "directory",
        "guide",
        "frontline",
        "frontline-show",
    }


@pytest.mark.parametrize("method", REFUSED)
def test_a_method_a_page_does_not_take_is_a_405_in_the_layout(browser, method):
    """Every page of every language with every method it does not take (the guide and the
    frontline checklist take a POST: tested below). One test per method reports every
    page that fails."""
    problems = []
    for route in PAGES:
        if method == "POST" and route.pattern.name in TAKE_A_POST:
            continue
        response = browser.generic(method, route.path, "a=b", content_type=FORM)
        allowed = "GET, HEAD, POST" if route.pattern.name in TAKE_A_POST else "GET, HEAD"
        found = [] if response.status_code == 405 else [f"answered {response.status_code}"]
        if response.get("Allow") != allowed:
            found.append(f"Allow: {response.get('Allow')!r}, not {allowed!r}")
        found += layout_problems(response, route.language or "en")
        if response.cookies:
            found.append("sets a cookie")
        problems += [f"{method} {route.path}: {problem}" for problem in found]
    assert problems == []


def test_the_root_redirect_refuses_a_post_in_the_layout(browser):
    response = browser.post("/", "a=b", FORM)
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD"
    assert layout_problems(response, "en") == []


def test_a_page_that_takes_a_post_still_gets_it(browser):
    response = browser.post("/en/guide/", "age=adult", FORM)
    assert response.status_code == 200
    assert 'id="plan"' in response.content.decode()
    response = browser.post("/en/frontline/", "age=no", FORM)
    assert response.status_code == 200
    assert 'id="plan"' in response.content.decode()
    assert browser.head("/en/").status_code == 200
