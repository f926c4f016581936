"""Screenshots at 320 x 640 (a small phone) of the home page, the guide and a plan in
Arabic, Urdu and Russian: docs/screenshots/<lang>-<page>.png, for a reader of the script to
look at (right to left, the quick exit first, numbers in their order, no missing glyphs).

And the frontline's page for the person, in Norwegian beside Arabic and beside Romanian,
on a phone (320 px) and a wide screen (1280 px), whole:
docs/screenshots/frontline-show-nb-<person>-<width>.png. A language whose texts for that
page are not delivered yet has no page (404): it is named as missing, and taken as soon
as its texts are in content/translations/<code>.yaml.

Run by `make screenshots`; the site runs as `make run` runs it, on 127.0.0.1 only.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from lighthouse import CHROMIUM, CHROMIUM_FLAGS, ROOT, free_port, start_site
from playwright.sync_api import sync_playwright

TARGET = ROOT / "docs" / "screenshots"
LANGUAGES = ("ar", "ur", "ru")
# A plan with a little of everything: in danger, age unknown, no residence permit.
PLAN_ANSWERS = {
    "danger": "unsure",
    "age": "unknown",
    "situation": "labour",
    "needs": "healthcare",
    "residence": "no",
}
# The person's page: (the person's language, beside Norwegian) at each width.
SHOW_PERSONS = ("ar", "ro")
SHOW_WIDTHS = (320, 1280)


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="veiviser-screenshots-") as folder:
        site = start_site(Path(folder), port)
        manager = sync_playwright().start()
        try:
            browser = manager.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS.split())
            page = browser.new_page(viewport={"width": 320, "height": 640})
            for code in LANGUAGES:
                for name, path in (("home", f"/{code}/"), ("guide", f"/{code}/guide/")):
                    page.goto(origin + path)
                    page.screenshot(path=TARGET / f"{code}-{name}.png")
                page.goto(f"{origin}/{code}/guide/")
                for question, option in PLAN_ANSWERS.items():
                    page.check(f"input[name={question}][value={option}]")
                page.locator("form.guide button[type=submit]").click()
                page.wait_for_selector("#plan")
                page.screenshot(path=TARGET / f"{code}-plan.png")
                print(f"{code}: home, guide, plan", flush=True)
            missing = show_pages(browser, origin)
            browser.close()
        finally:
            manager.stop()
            site.terminate()
            site.wait(timeout=10)
    print(f"written to {TARGET}")
    if missing:
        print(f"NOT TAKEN: the person's page has no texts yet in {', '.join(missing)}")
    return 0


def show_pages(browser: object, origin: str) -> list[str]:
    """The person's pages beside Norwegian; the languages whose page does not exist yet."""
    missing = []
    for person in SHOW_PERSONS:
        for width in SHOW_WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 800})
            response = page.goto(f"{origin}/nb/frontline/show/{person}/")
            if response.status == 404:
                page.close()
                missing.append(person)
                break
            name = f"frontline-show-nb-{person}-{width}.png"
            page.screenshot(path=TARGET / name, full_page=True)
            page.close()
            print(f"nb + {person}: {name}", flush=True)
    return missing


if __name__ == "__main__":
    sys.exit(main())
