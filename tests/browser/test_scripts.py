"""Right to left and other scripts, as Chromium draws them.

- Every letter of every page of every language has a font on this machine (CI installs
  Debian's fonts-noto-core, as a phone has them): no missing-glyph boxes.
- In Arabic and Urdu the page runs right to left, and numbers inside it keep their order:
  "22 33 11 60" and "+47" are drawn left to right, never "60 11 33 22" or "47+".
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from html import unescape

import pytest

from tests.browser.conftest import Tab
from tests.crawled import Fetched

TAG = re.compile(r"<[^>]+>")


@functools.cache
def has_font(character: str) -> bool:
    """Whether fontconfig knows a font that draws this character."""
    found = subprocess.run(
        ["fc-list", f":charset={ord(character):x}", "family"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return bool(found.stdout.strip())


def letters(html: str) -> set[str]:
    body = html.split("<body>", 1)[-1]
    text = unescape(TAG.sub(" ", re.sub(r"<style>.*?</style>", "", body, flags=re.S)))
    return {character for character in text if not character.isspace()}


def test_every_letter_of_every_page_has_a_font(every_page: dict[str, Fetched]) -> None:
    if shutil.which("fc-list") is None:
        pytest.fail("fontconfig (fc-list) is missing: it comes with Debian's chromium package")
    found: dict[str, set[str]] = {}
    for page in every_page.values():
        for character in letters(page.html):
            found.setdefault(character, set()).add(page.route.language)
    assert any("\u0600" <= c <= "\u06ff" for c in found), "no Arabic script on any page"
    missing = {c: sorted(langs) for c, langs in found.items() if not has_font(c)}
    assert missing == {}, f"no font for {missing} (install fonts-noto-core)"


FIRST_AND_LAST = """(link) => {
  const text = link.firstChild;
  const range = document.createRange();
  range.setStart(text, 0); range.setEnd(text, 1);
  const first = range.getBoundingClientRect().left;
  range.setStart(text, text.length - 1); range.setEnd(text, text.length);
  const last = range.getBoundingClientRect().left;
  return {text: text.textContent, first, last};
}"""


@pytest.mark.parametrize("lang", ["ar", "ur"])
def test_right_to_left_pages_keep_numbers_in_their_order(phone_tab: Tab, lang: str) -> None:
    page = phone_tab.page
    page.goto(f"/{lang}/services/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    links = page.locator("main a[href^='tel:']")
    assert links.count() > 5
    for index in range(links.count()):
        drawn = links.nth(index).evaluate(FIRST_AND_LAST)
        if len(drawn["text"]) > 1:
            assert drawn["first"] < drawn["last"], f"{drawn['text']} is drawn reversed: {drawn}"
    # Hours and notes outside links: every number isolated, drawn left to right.
    page.goto(f"/{lang}/services/rosa/")
    isolated = page.locator("main bdi")
    assert isolated.count() > 0
    for index in range(isolated.count()):
        drawn = isolated.nth(index).evaluate(FIRST_AND_LAST)
        if len(drawn["text"]) > 1:
            assert drawn["first"] < drawn["last"], f"{drawn['text']} is drawn reversed: {drawn}"
