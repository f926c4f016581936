"""axe-core, as every page is checked with it (tests/browser/test_pages.py): it runs the
WCAG 2.2 rules and finds a violation where there is one."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import Traffic

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page: object) -> list[dict]:
    """axe-core's violations on the page, at WCAG 2.2 A and AA.

    Axe is injected through the DevTools protocol (page.evaluate), which the page's
    Content-Security-Policy does not govern, so the page is checked as served.
    """
    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_TAGS},
            "resultTypes": ["violations"],
        },
    )
    return results.response["violations"]


def report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}")
    return "\n".join(lines)


def test_axe_finds_a_violation_when_there_is_one(page: object, traffic: Traffic) -> None:
    # An image without a text alternative, added to a real page: axe must report it.
    page.goto("/en/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', "
        "'<img src=\"/static/veiviser/none.png\">')"
    )
    assert "image-alt" in [violation["id"] for violation in axe_violations(page)]


def test_axe_runs_the_wcag_22_rules(page: object, traffic: Traffic) -> None:
    page.goto("/en/")
    axe_violations(page)  # injects axe into the page
    rules = page.evaluate("tags => axe.getRules(tags).map(rule => rule.ruleId)", WCAG_TAGS)
    assert "target-size" in rules, "axe does not check WCAG 2.2's target size"
    assert "color-contrast" in rules
