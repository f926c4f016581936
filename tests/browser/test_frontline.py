"""The frontline in a real browser: the checklist's form without JavaScript and by keyboard
only; the person's page in Norwegian beside Arabic and beside Romanian, on a 320 px phone
and a 1280 px screen (paired paragraphs, then two level columns; the Arabic column right
to left with its numbers isolated), printed on one A4 sheet, with the quick exit, and
with Listen only where a voice speaks the person's language.

While a language's texts for the person's page are not delivered, its tests run on
stand-in paragraphs (its own name, in its own script, about as long as the English:
tests/frontline/conftest.py), which test the layout, never the words; once the texts
are in content/translations/<code>.yaml, the same tests run on them.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import Traffic
from tests.browser.test_accessibility import axe_violations, report
from tests.browser.test_guide import choose_by_keyboard
from tests.browser.test_listen import with_voices
from tests.browser.test_scripts import FIRST_AND_LAST
from tests.frontline.conftest import stand_in, with_show_texts
from veiviser.content.current import current
from veiviser.content.snapshot import Snapshot
from veiviser.frontline import texts

PERSONS = ["ar", "ro"]
SIZES = {"phone": {"width": 320, "height": 640}, "wide": {"width": 1280, "height": 800}}
BOXES = """() => Array.from(document.querySelectorAll('.pair')).map(pair => {
  const box = el => { const r = el.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  return {id: pair.id || 'heading', person: box(pair.querySelector('.person')),
          beside: box(pair.querySelector('.beside'))};
})"""
STYLE = "(el) => { const s = getComputedStyle(el); return [s.direction, s.unicodeBidi]; }"


@pytest.fixture
def delivered(seed_snapshot: Snapshot) -> Snapshot:
    """The seed, with stand-in paragraphs for each of PERSONS not delivered yet."""
    missing = [code for code in PERSONS if code not in texts.person_languages(seed_snapshot)]
    snapshot = with_show_texts(
        seed_snapshot, {code: stand_in(code, seed_snapshot) for code in missing}
    )
    current.hold(snapshot)
    return snapshot


# --- The checklist ---------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "nb"])
def test_the_form_works_without_javascript_and_by_keyboard_only(
    page_nojs: object, traffic: Traffic, lang: str
) -> None:
    page = page_nojs
    page.goto(f"/{lang}/")
    page.locator(f"footer a[href='/{lang}/frontline/']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{lang}/frontline/")
    title = page.title()
    choose_by_keyboard(page, "danger", "unsure")
    choose_by_keyboard(page, "age", "yes")
    choose_by_keyboard(page, "seen", "sexual")
    page.locator("form.frontline button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/{lang}/frontline/")  # no answer in the address
    assert page.title() == title, "the next steps have the checklist's neutral title"
    steps = page.locator("#plan > li").evaluate_all("items => items.map(li => li.id)")
    assert steps == [
        "step-call-112-if-unsafe",
        "step-child",
        "step-duty-to-avert",
        "step-show-the-page",
    ]
    assert page.locator("#step-child a[href='tel:116111']").is_visible()
    assert traffic.blocked == []


def test_back_from_the_persons_page_never_sends_the_answers_again(
    page: object, traffic: Traffic
) -> None:
    """With JavaScript, the next steps' history entry becomes a plain visit of the
    checklist (exit.js), as the guide's plan does: Back never re-sends the form."""
    page.goto("/en/frontline/")
    page.check("input[name=age][value=no]")
    with page.expect_navigation():
        page.click("form.frontline button[type=submit]")
    assert page.locator("#plan").is_visible()
    page.locator("#show + p + ul a").first.click()
    page.wait_for_url("**/frontline/show/**")
    sent: list[str] = []
    page.on("request", lambda request: sent.append(request.method))
    page.go_back()
    page.wait_for_url("**/en/frontline/")
    assert "POST" not in sent
    assert page.locator("#plan").count() == 0
    assert traffic.blocked == []


# --- The person's page -----------------------------------------------------------------------
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("person", PERSONS)
def test_the_persons_page_beside_norwegian(
    page: object, traffic: Traffic, delivered: Snapshot, person: str, size: str
) -> None:
    page.set_viewport_size(SIZES[size])
    page.goto(f"/nb/frontline/show/{person}/")
    registry = {language.code: language for language in delivered.content.languages}
    direction = registry[person].direction
    # Each column in its own language and direction.
    columns = page.locator(f".person[lang={person}]")
    assert columns.count() == len(texts.SHOW_IDS)
    assert page.locator(f".person[lang={person}][dir={direction}]").count() == columns.count()
    assert page.locator(".beside[lang=nb][dir=ltr]").count() == columns.count()
    assert columns.first.evaluate(STYLE)[0] == direction
    # Numbers keep their order: tap-to-call links and numbers in the words are isolated.
    for link in page.locator(".pair a[href^='tel:']").all():
        assert link.evaluate(STYLE) == ["ltr", "isolate"], link.get_attribute("href")
        drawn = link.evaluate(FIRST_AND_LAST)
        if len(drawn["text"]) > 1:  # "22 33 11 60", never "60 11 33 22"
            assert drawn["first"] < drawn["last"], f"{drawn['text']} is drawn reversed"
    assert page.locator(f".person[lang={person}] bdi").count() >= 1
    boxes = page.evaluate(BOXES)
    assert len(boxes) == len(texts.SHOW_IDS)
    for pair in boxes:
        person_box, beside = pair["person"], pair["beside"]
        if size == "wide":  # two columns whose paragraphs stay level
            assert abs(person_box["top"] - beside["top"]) < 2, pair
            assert person_box["right"] <= beside["left"], pair  # the person's column first
        else:  # each paragraph, then its Norwegian
            assert beside["top"] >= person_box["bottom"] - 1, pair
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SIZES[size]["width"], f"{width}px wide on a {SIZES[size]['width']}px screen"
    # The way out, first in keyboard order, and the emergency numbers.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "quick-exit"
    assert page.locator(".sos a[href='tel:112']").is_visible()
    violations = axe_violations(page)
    assert violations == [], report(violations)
    assert traffic.blocked == []


def test_in_an_arabic_page_the_columns_mirror(page: object, delivered: Snapshot) -> None:
    """In a right-to-left page (the professional reads Arabic), the person's column
    starts at the right, as the page does; each column keeps its own direction."""
    page.set_viewport_size(SIZES["wide"])
    page.goto("/ar/frontline/show/ro/")
    for pair in page.evaluate(BOXES):
        assert pair["person"]["left"] >= pair["beside"]["right"], pair
    assert page.locator(".beside[lang=nb]").first.evaluate(STYLE)[0] == "ltr"


@pytest.mark.parametrize("person", PERSONS)
def test_the_persons_page_prints_on_one_a4_sheet_in_two_columns(
    page: object, delivered: Snapshot, person: str
) -> None:
    page.goto(f"/nb/frontline/show/{person}/")
    page.emulate_media(media="print")
    assert page.locator("#quick-exit").is_hidden() and page.locator("footer").is_hidden()
    for pair in page.evaluate(BOXES):
        assert abs(pair["person"]["top"] - pair["beside"]["top"]) < 2, pair
    pdf = page.pdf(format="A4")
    sheets = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert sheets == 1, f"the person's page printed on {sheets} A4 sheets"


@pytest.mark.parametrize("person", PERSONS)
def test_listen_reads_the_persons_column_where_a_voice_speaks_it(
    page: object, delivered: Snapshot, person: str
) -> None:
    with_voices(page, [{"name": "local", "lang": f"{person}-XX", "localService": True}])
    page.goto(f"/nb/frontline/show/{person}/")
    button = page.locator("button.listen")
    assert button.is_visible()
    button.click()
    said = page.evaluate("window.__said")
    expected = [
        " ".join(text.split())
        for text in page.locator(".person").evaluate_all("els => els.map(e => e.textContent)")
    ]
    assert [item["text"] for item in said] == expected
    assert all(item["lang"] == person for item in said)


@pytest.mark.parametrize("person", PERSONS)
def test_no_listen_without_a_voice_for_the_persons_language(
    page: object, delivered: Snapshot, person: str
) -> None:
    # A Norwegian voice is the page's, not the person's: no button.
    with_voices(page, [{"name": "nb", "lang": "nb-NO", "localService": True}])
    page.goto(f"/nb/frontline/show/{person}/")
    assert page.locator("button.listen").count() == 1
    assert not page.locator("button.listen").is_visible()
