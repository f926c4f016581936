"""The guide in a real browser: completed without JavaScript and with the keyboard only,
with no answer in any address of the history; axe on the plan; the plan on one sheet."""

from __future__ import annotations

import re

import pytest

from tests import routes
from tests.browser.conftest import Traffic, exit_url
from tests.browser.test_accessibility import axe_violations, report

ALL_NEEDS = ("safe_place", "healthcare", "talk", "report", "lawyer", "residence",
             "return_home", "work_rights", "guardian", "violence_help", "help_other")  # fmt: skip


def show_plan(page: object, lang: str, choices: list[tuple[str, str]]) -> None:
    """Fill in the guide with the mouse and ask for the plan."""
    page.goto(f"/{lang}/guide/")
    for name, value in choices:
        page.check(f"input[name={name}][value={value}]")
    with page.expect_navigation():
        page.click("button[type=submit]")


def history_urls(page: object) -> list[str]:
    """Every address the tab has been at: the navigations' URLs, recorded as they happen."""
    return page.evaluate("performance.getEntriesByType('navigation').map(e => e.name)")


def choose_by_keyboard(page: object, name: str, value: str) -> None:
    """Tab to a question's option and choose it with the keyboard, as a keyboard user would."""
    target = page.locator(f"input[name={name}][value={value}]")
    for _ in range(200):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            break
        if page.evaluate("document.activeElement.type") == "radio" and page.evaluate(
            f"document.activeElement.name === '{name}'"
        ):
            # In a radio group, arrows move between options; Tab leaves the group.
            for _ in range(6):
                if target.evaluate("el => el === document.activeElement"):
                    break
                page.keyboard.press("ArrowDown")
            break
    assert target.evaluate("el => el === document.activeElement"), f"{name}={value} not reached"
    page.keyboard.press("Space")
    assert target.is_checked()


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_the_guide_works_without_javascript_and_by_keyboard_only(
    page_nojs: object, traffic: Traffic, lang: str
) -> None:
    page = page_nojs
    page.goto(f"/{lang}/")
    title = None
    page.locator(f"a[href='/{lang}/guide/']").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{lang}/guide/")
    title = page.title()
    choose_by_keyboard(page, "age", "under18")
    choose_by_keyboard(page, "situation", "labour")
    choose_by_keyboard(page, "residence", "no")
    page.locator("button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/{lang}/guide/")
    assert page.title() == title, "the plan has the form's neutral title"
    plan = page.locator("#plan")
    assert plan.is_visible()
    assert page.locator(".numbers a[href='tel:116111']").count() == 1
    # Change my answers: back to the form, filled in as it was.
    page.locator("form.noprint button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("input[name=age][value=under18]").is_checked()
    assert page.locator("input[name=residence][value=no]").is_checked()
    assert page.title() == title
    assert traffic.blocked == []


def test_no_answer_reaches_an_address_in_the_history(page: object, traffic: Traffic) -> None:
    show_plan(page, "en", [("danger", "yes"), ("age", "adult"), ("needs", "return_home")])
    visited = [page.url, *history_urls(page)]
    page.go_back()
    visited += [page.url, *history_urls(page)]
    for url in visited:
        assert not re.search(r"danger|adult|return_home|needs|age=", url), url
    assert page.evaluate("history.length") <= 3


@pytest.mark.parametrize("lang", routes.languages())
def test_the_plan_has_no_accessibility_violation(page: object, lang: str) -> None:
    needs = [("needs", need) for need in ALL_NEEDS]
    show_plan(page, lang, [("danger", "unsure"), ("age", "unknown"), *needs])
    violations = axe_violations(page)
    assert not violations, report(violations)


@pytest.mark.parametrize(
    "needs", [(), ALL_NEEDS[:4], ALL_NEEDS], ids=["no needs", "four needs", "every need"]
)
def test_the_plan_prints_on_one_sheet(page: object, needs: tuple[str, ...]) -> None:
    chosen = [("danger", "unsure"), ("age", "adult"), ("residence", "no")]
    show_plan(page, "en", chosen + [("needs", need) for need in needs])
    pdf = page.pdf(format="A4")
    sheets = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert sheets == 1, f"the plan printed on {sheets} A4 sheets"


@pytest.mark.parametrize("lang", routes.languages())
def test_the_plan_fits_a_320_pixel_phone_and_asks_no_other_site(
    page: object, traffic: Traffic, lang: str
) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    show_plan(page, lang, [("age", "under18"), *[("needs", need) for need in ALL_NEEDS]])
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the plan is {width} px wide on a 320 px screen"
    assert traffic.blocked == [], traffic.blocked


def test_back_to_the_plan_after_the_exit_shows_no_answer_and_sends_nothing(
    page: object, traffic: Traffic
) -> None:
    """Plan -> another page -> quick exit -> Back -> Back (issue 10): Chromium used to send
    the form again and show the plan. Now the plan's history entry is a plain visit."""
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        show_plan(page, "en", [("danger", "yes"), ("age", "under18"), ("needs", "return_home")])
    # The plan came gzipped, padded in the gzip header (veiviser/web/padding.py): Chromium
    # decoded it and shows it.
    assert posted.value.headers["content-encoding"] == "gzip"
    assert page.locator("#plan").is_visible()
    page.click("footer a[href='/en/privacy/']")
    page.wait_for_url("**/en/privacy/")
    sent: list[tuple[str, str]] = []
    dialogs: list[str] = []
    page.on("request", lambda request: sent.append((request.method, request.url)))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.click("#quick-exit")
    page.wait_for_url(exit_url())
    shown = []
    for _ in range(2):
        page.go_back()
        page.wait_for_load_state()
        shown.append(page.url)
        html = page.content()
        assert page.locator("#plan").count() == 0, f"the plan again at {page.url}"
        assert page.locator("input:checked").count() == 0, f"answers shown at {page.url}"
        assert "return-home" not in html and "under18" not in html.split("<form", 1)[0]
    page.reload()
    assert page.locator("#plan").count() == 0
    assert [method for method, _url in sent if method != "GET"] == []
    assert dialogs == []
    assert shown[0].endswith("/en/guide/"), shown
