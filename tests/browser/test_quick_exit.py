"""The quick exit, in a real browser: with JavaScript (the button, and Shift pressed three
times), without it, first in keyboard order and pinned on screen on every page; and no
page asks any other origin for anything.
"""

from __future__ import annotations

import pytest
from django.conf import settings

from tests.browser.conftest import Traffic, exit_url


def exited(page: object, traffic: Traffic) -> None:
    page.wait_for_url(exit_url(), timeout=10_000)
    assert page.title() == "exit"
    assert traffic.blocked == []


def test_the_button_blanks_the_page_then_replaces_it_in_history(
    page: object, traffic: Traffic
) -> None:
    page.goto("/en/")
    page.click("footer a[href='/en/privacy/']")
    page.wait_for_url("**/en/privacy/")
    length = page.evaluate("history.length")
    # What the page shows as it changes, reported out of the page as it happens: while a
    # navigation is pending, the page cannot be asked (evaluate waits for it to finish).
    seen: list[tuple[str, str]] = []
    page.expose_function("reportPage", lambda title, text: seen.append((title, text)))
    page.evaluate(
        "new MutationObserver(() => reportPage(document.title, document.body.textContent))"
        ".observe(document, {subtree: true, childList: true, characterData: true})"
    )
    # Hold the exit's answer back: the page we leave must go blank before it arrives.
    traffic.hold_exit = True
    page.click("#quick-exit", no_wait_after=True)
    for _ in range(100):
        if seen and traffic.held:
            break
        page.wait_for_timeout(50)
    assert traffic.held, "the exit did not start"
    assert seen and seen[-1] == ("", ""), f"the page was not blanked: {seen}"
    traffic.release()
    exited(page, traffic)
    assert page.evaluate("history.length") == length, "the exit added a history entry"
    # Back goes to the page before the one the reader left: that one was replaced.
    page.go_back()
    assert page.url.endswith("/en/"), f"back from the exit went to {page.url}"
    assert len(traffic.exits) == 1


def test_the_exit_sends_no_referrer(page: object, traffic: Traffic) -> None:
    page.goto("/nb/privacy/")
    page.click("#quick-exit")
    exited(page, traffic)
    assert "referer" not in traffic.exits[0].headers


@pytest.mark.parametrize("language", ["en", "nb"])
def test_shift_three_times_exits(page: object, traffic: Traffic, language: str) -> None:
    page.goto(f"/{language}/")
    page.click("footer a[href$='/browse-safely/']")
    page.wait_for_url(f"**/{language}/browse-safely/")
    length = page.evaluate("history.length")
    for _ in range(3):
        page.keyboard.press("Shift")
    exited(page, traffic)
    assert page.evaluate("history.length") == length
    page.go_back()
    assert page.url.endswith(f"/{language}/")


def test_shift_twice_does_not_exit(page: object, traffic: Traffic) -> None:
    page.goto("/en/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(500)
    assert page.url.endswith("/en/")
    assert traffic.exits == []


FIELDS = {
    "text input": "<input type='text' aria-label='field'>",
    "search input": "<input type='search' aria-label='field'>",
    "untyped input": "<input aria-label='field'>",
    "textarea": "<textarea aria-label='field'></textarea>",
    "contenteditable": "<div contenteditable='true' aria-label='field'>x</div>",
}


@pytest.mark.parametrize("markup", FIELDS.values(), ids=FIELDS.keys())
def test_shift_while_typing_in_a_field_does_not_exit(
    page: object, traffic: Traffic, markup: str
) -> None:
    page.goto("/en/")
    # Added by the test through the DevTools protocol, which the CSP does not govern.
    page.evaluate(
        "markup => document.querySelector('main').insertAdjacentHTML('beforeend', markup)",
        markup,
    )
    field = page.locator("main [aria-label='field']")
    field.click()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.keyboard.type("Hello World")  # capitals: more Shift presses while typing
    page.wait_for_timeout(500)
    assert page.url.endswith("/en/"), "Shift while typing left the site"
    assert traffic.exits == []
    # The same presses outside the field do leave: the check above was not vacuous.
    page.evaluate("document.activeElement.blur()")
    for _ in range(3):
        page.keyboard.press("Shift")
    exited(page, traffic)


def test_shift_on_a_checkbox_still_exits(page: object, traffic: Traffic) -> None:
    page.goto("/en/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', "
        "\"<label><input type='checkbox' id='box'> a choice</label>\")"
    )
    page.focus("#box")
    for _ in range(3):
        page.keyboard.press("Shift")
    exited(page, traffic)


def test_without_javascript_the_exit_is_a_plain_link(page_nojs: object, traffic: Traffic) -> None:
    page_nojs.goto("/en/privacy/")
    link = page_nojs.locator("#quick-exit")
    assert link.get_attribute("href") == settings.EXIT_URL
    assert "noreferrer" in (link.get_attribute("rel") or "").split()
    link.click()
    exited(page_nojs, traffic)
    assert "referer" not in traffic.exits[0].headers
