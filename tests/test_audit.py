"""The site audit (issue 5): crawl everything from /, in every language, plus the POST
journeys of the guide and of the frontline checklist for a spread of answers, and check
every response keeps every promise.
The same checks run on the static export. A table of sizes is printed at the end.
The Chromium part (axe, 320 px, nothing from another origin) is in tests/browser: every
page of the live site, the guide's plans and every page of the export."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client

from tests import audit, routes
from tests.web.test_headers import header_problems
from veiviser.web import crawl

# A spread of answers for the guide's POST journey: nothing, the most urgent, a child,
# everything at once, and the three people of the example plans.
GUIDE_ANSWERS = [
    [],
    [("danger", "yes")],
    [("danger", "unsure"), ("age", "unknown")],
    [("age", "under18"), ("situation", "labour"), ("residence", "no")],
    [("danger", "yes"), ("age", "adult")],
    [("age", "adult"), ("situation", "labour"), ("needs", "return_home"),
     ("needs", "work_rights")],
    [("danger", "no"), ("age", "adult"), ("residence", "unsure"), ("situation", "unsure")]
    + [("needs", need) for need in ("safe_place", "healthcare", "talk", "report", "lawyer",
                                    "residence", "return_home", "work_rights", "guardian",
                                    "violence_help", "help_other")],
]  # fmt: skip
# The frontline's form: nothing, everything at once, and the three worked
# examples (a nurse, a labour inspector, a reception-centre worker).
FRONTLINE_ANSWERS = [
    [],
    [("danger", "yes"), ("seen", "work"), ("seen", "sexual"), ("seen", "crime"),
     ("seen", "home"), ("seen", "unsure")],
    [("danger", "unsure"), ("age", "yes"), ("seen", "sexual"), ("seen", "unsure")],
    [("danger", "no"), ("age", "no"), ("seen", "work"), ("wants", "unsure")],
    [("danger", "no"), ("age", "unsure"), ("seen", "unsure"), ("wants", "yes")],
    [("age", "no"), ("seen", "work"), ("wants", "no")],
]  # fmt: skip
# What gunicorn adds to every response besides the app's headers (Date, Connection).
SERVER_HEADER_BYTES = len("Date: Sat, 28 Nov 2026 20:11:55 GMT\r\nConnection: close\r\n")


def header_bytes(response) -> int:
    lines = [f"HTTP/1.1 {response.status_code} {response.reason_phrase}"]
    lines += [f"{name}: {value}" for name, value in response.items()]
    lines.append(f"Content-Length: {len(response.content)}")
    return len("\r\n".join(lines).encode()) + 4 + SERVER_HEADER_BYTES


def as_page(name: str, path: str, response) -> audit.Page:
    return audit.Page(
        name=name,
        language=path.strip("/").split("/")[0],
        html=audit.text_of(response.content),
        header_bytes=header_bytes(response),
        gzip_bytes=audit.gzipped_size(response.content),
    )


@pytest.fixture(scope="module")
def live(seed_snapshot):
    """Every response of the crawl and the guide journey: (pages, header problems)."""
    from veiviser.content.current import current

    current.hold(seed_snapshot)
    client = Client(HTTP_ACCEPT_ENCODING="gzip")
    responses = {}

    def fetch(path: str) -> crawl.Fetched:
        response = client.get(path)
        responses[path] = response
        if response.status_code in (301, 302):
            # Follow a redirect as a browser would: its target is a page to audit too.
            return crawl.Fetched(200, "text/html", f'<a href="{response["Location"]}">'.encode())
        if response.streaming:  # a static file
            body = b"".join(response.streaming_content)
            return crawl.Fetched(response.status_code, response["Content-Type"], body)
        text = audit.text_of(response.content)
        return crawl.Fetched(response.status_code, response.get("Content-Type", ""), text.encode())

    found = crawl.crawl(fetch, ["/"])
    problems = [
        f"GET {path}: {p}"
        for path, r in responses.items()
        for p in header_problems(dict(r.items()))
    ]
    problems += [f"GET {path} answered {f.status}" for path, f in found.items() if f.status != 200]
    pages = [
        as_page(f"GET {path}", path, responses[path])
        for path, fetched in found.items()
        if fetched.is_html and responses[path].status_code == 200
    ]
    for lang in [code for code, _ in settings.LANGUAGES]:
        for answers in GUIDE_ANSWERS:
            response = client.post(
                f"/{lang}/guide/",
                urlencode(answers),
                content_type="application/x-www-form-urlencoded",
            )
            name = f"POST /{lang}/guide/ ({urlencode(answers)[:40] or 'nothing'})"
            problems += [f"{name}: {p}" for p in header_problems(dict(response.items()))]
            if response.status_code != 200:
                problems.append(f"{name} answered {response.status_code}")
            pages.append(as_page(name, f"/{lang}/guide/", response))
        for answers in FRONTLINE_ANSWERS:
            response = client.post(
                f"/{lang}/frontline/",
                urlencode(answers),
                content_type="application/x-www-form-urlencoded",
            )
            name = f"POST /{lang}/frontline/ ({urlencode(answers)[:40] or 'nothing'})"
            problems += [f"{name}: {p}" for p in header_problems(dict(response.items()))]
            if response.status_code != 200:
                problems.append(f"{name} answered {response.status_code}")
            pages.append(as_page(name, f"/{lang}/frontline/", response))
    audit.REPORT.extend(audit.table(pages))
    return pages, problems


def test_the_crawl_reaches_every_page_of_every_language(live):
    pages, _ = live
    crawled = {page.name.removeprefix("GET ") for page in pages if page.name.startswith("GET")}
    assert {route.path for route in routes.pages()} <= crawled


def test_every_response_has_the_fixed_headers_and_no_broken_link(live):
    _, problems = live
    assert not problems, "\n".join(problems)


def test_every_page_keeps_every_promise(live):
    pages, _ = live
    problems = [problem for page in pages for problem in audit.page_problems(page)]
    assert not problems, "\n".join(problems)


def test_titles_are_unique_except_the_neutral_ones_of_the_guide_and_the_checklist(live):
    pages, _ = live
    neutral = {
        form: {page.name for page in pages if page.name.split(" (")[0].endswith(f"/{form}/")}
        for form in ("guide", "frontline")
    }
    assert not audit.title_problems(pages, neutral["guide"] | neutral["frontline"])
    for form, names in neutral.items():
        for lang in {page.language for page in pages}:
            titles = {
                audit.read(page.html).title
                for page in pages
                if page.name in names and page.language == lang
            }
            assert len(titles) == 1, f"{lang}: the {form}'s answers have titles {titles}"


def test_an_over_budget_page_fails_with_its_name_and_size():
    page = audit.Page("GET /en/big/", "en", "<title>x</title>", 300, 13_800)
    assert audit.budget_problems(page).__next__() == (
        "GET /en/big/: 14,100 bytes with gzip, headers included (budget 14,000)"
    )


@pytest.fixture(scope="module")
def exported_pages(exported_site) -> list[audit.Page]:
    pages = []
    for file in sorted(exported_site.rglob("*.html")):
        relative = file.relative_to(exported_site).as_posix()
        body = file.read_bytes()
        pages.append(
            audit.Page(
                f"export {relative}",
                relative.split("/")[0],
                body.decode(),
                0,
                audit.gzipped_size(body),
            )
        )
    return pages


def test_the_export_keeps_every_promise_too(exported_pages):
    assert len(exported_pages) > len(routes.pages())
    problems = [problem for page in exported_pages for problem in audit.page_problems(page)]
    guide = {
        page.name
        for page in exported_pages
        if "/guide/" in page.name or page.language == "index.html"
    }
    problems += audit.title_problems(exported_pages, guide)
    assert not problems, "\n".join(problems)
