"""Screenshots at 320 x 640 (a small phone) of the home page, the guide and a plan in
Arabic, Urdu and Russian: docs/screenshots/<lang>-<page>.png, for a reader of the script to
look at (right to left, the quick exit first, numbers in their order, no missing glyphs).

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
            browser.close()
        finally:
            manager.stop()
            site.terminate()
            site.wait(timeout=10)
    print(f"written to {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
