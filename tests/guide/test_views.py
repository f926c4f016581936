"""The guide's HTML: one address, one title, answers only in POST bodies; a plan with
tap-to-call numbers; "Change my answers" that round-trips; a calm 400 for anything else."""

from __future__ import annotations

import gzip
import logging
import re
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.guide.conftest import FORM, LANGS, api_answers, post_form
from tests.pages.html import read
from veiviser.content import phones
from veiviser.guide import texts
from veiviser.guide.questions import BY_ID, QUESTIONS, SKIP
from veiviser.guide.rules import Answers

NEEDS = BY_ID["needs"].options
EVERYTHING = [
    ("danger", "yes"),
    ("age", "unknown"),
    ("situation", "labour"),
    ("situation", "violence"),
    *(("needs", need) for need in NEEDS),
    ("residence", "no"),
]
DASH = "\N{EN DASH}"  # the layout joins title and site name with an en dash
# Answer ids that could not appear on a page by chance (unlike "yes" or "adult").
TELLTALE = ("under18", "safe_place", "return_home", "work_rights", "violence_help", "help_other")


class Inputs(HTMLParser):
    """The <input>s of a page, and the forms' methods and actions."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.inputs: list[dict[str, str | None]] = []
        self.forms: list[dict[str, str | None]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "input":
            self.inputs.append(dict(attrs))
        elif tag == "form":
            self.forms.append(dict(attrs))

    def checked(self) -> list[tuple[str, str]]:
        return [(i["name"], i["value"]) for i in self.inputs if "checked" in i]

    def hidden(self) -> list[tuple[str, str]]:
        return [(i["name"], i["value"]) for i in self.inputs if i.get("type") == "hidden"]


def title(response) -> str:
    return read(response.content.decode()).title


def step_links(html: str, lang: str) -> list[tuple[str, list[str]]]:
    """(step id, the hrefs of its contacts) for each step of a plan page, in order."""
    result = []
    steps = html.split('<li id="step-')[1:]
    steps[-1] = steps[-1].split("</ol>")[0]
    for chunk in steps:
        ident = chunk.split('"', 1)[0]
        hrefs = [a.href for a in read(chunk).anchors if not a.href.startswith(f"/{lang}/")]
        result.append((ident, hrefs))
    return result


def numbers_box(html: str) -> str:
    return html.split('<section class="numbers"', 1)[1].split("</section>", 1)[0]


@pytest.fixture
def client() -> Client:
    return Client()


@pytest.mark.parametrize("lang", LANGS)
def test_the_questions_all_on_one_page_each_with_a_way_to_skip(client, seed_snapshot, lang):
    response = client.get(f"/{lang}/guide/")
    assert response.status_code == 200
    html = response.content.decode()
    page = Inputs(html)
    # autocomplete=off: Back to this page must not show answers ticked before (the
    # browser would otherwise restore the boxes; tests/browser/test_guide.py).
    assert page.forms == [
        {"method": "post", "action": f"/{lang}/guide/", "class": "guide", "autocomplete": "off"}
    ]
    for question in texts.questions(seed_snapshot, lang):
        kind = "checkbox" if question.kind == "several" else "radio"
        offered = [(i["value"], i["type"]) for i in page.inputs if i["name"] == question.id]
        assert offered == [(ident, kind) for ident, _ in question.options] + [(SKIP, kind)]
        visible = " ".join(read(html).outside_links)
        assert question.label in visible and question.skip in visible
        assert all(label in visible for _ident, label in question.options)
    assert page.checked() == []  # nothing is chosen for the reader


def guide_responses(client: Client, lang: str) -> dict[str, object]:
    url = f"/{lang}/guide/"
    return {
        "form": client.get(url),
        "plan": post_form(client, lang, EVERYTHING),
        "edit": post_form(client, lang, [*EVERYTHING, ("edit", "1")]),
        "conflict": post_form(client, lang, [("needs", "talk"), ("needs", SKIP)]),
        "error": post_form(client, lang, [("danger", "maybe")]),
    }


@pytest.mark.parametrize("lang", LANGS)
def test_every_guide_response_has_the_same_neutral_title_and_address(client, seed_snapshot, lang):
    expected = f"{texts.ui(seed_snapshot, lang)['title']} {DASH} Veiviser"
    responses = guide_responses(client, lang)
    assert {name: r.status_code for name, r in responses.items()} == {
        "form": 200,
        "plan": 200,
        "edit": 200,
        "conflict": 400,
        "error": 400,
    }
    for name, response in responses.items():
        assert title(response) == expected, name
        assert "Location" not in response, name  # no redirect: the address never changes
        assert response.request["PATH_INFO"] == f"/{lang}/guide/"


def test_no_answer_reaches_a_url_a_title_a_cookie_or_a_log(client, caplog):
    caplog.set_level(logging.DEBUG)
    responses = guide_responses(client, "en")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "POST /en/guide/ 200" in logged  # the access log did run
    for response in responses.values():
        html = response.content.decode()
        reader = read(html)
        assert not response.cookies and not response.has_header("Set-Cookie")
        links = [a.href for a in reader.anchors] + [f["action"] for f in Inputs(html).forms]
        assert not any("?" in link or "#" in link for link in links if link.startswith("/"))
        for word in TELLTALE:
            assert word not in reader.title and word not in logged
            assert all(word not in link for link in links)


def test_no_csrf_token_is_needed_or_set(seed_snapshot):
    client = Client(enforce_csrf_checks=True)
    response = post_form(client, "en", [("age", "adult")])
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("age", ["under18", "adult", "unknown", None])
def test_every_number_in_a_plan_is_a_link_that_dials_what_it_shows(client, lang, age):
    pairs = [p for p in EVERYTHING if p[0] != "age"] + ([("age", age)] if age else [])
    html = post_form(client, lang, pairs).content.decode()
    reader = read(html)
    numbers = [a for a in reader.anchors if a.href.startswith(("tel:", "sms:"))]
    assert len(numbers) > 10
    for anchor in numbers:
        assert phones.shows_what_it_dials(anchor.text, anchor.href.split(":", 1)[1]), anchor
    assert phones.dialable_numbers(" ".join(reader.outside_links)) == []


@pytest.mark.parametrize(
    ("pairs", "shown"),
    [
        ([("danger", "yes"), ("age", "adult")], ["112", "22 33 11 60", "113"]),
        ([("age", "under18")], ["116 111", "112"]),
    ],
)
def test_numbers_to_remember_are_shown_as_tap_to_call_links(client, pairs, shown):
    box = read(numbers_box(post_form(client, "en", pairs).content.decode()))
    assert [a.text for a in box.anchors] == shown
    assert all(a.href.startswith("tel:") for a in box.anchors)


@pytest.mark.parametrize("lang", LANGS)
def test_change_my_answers_round_trips(client, lang):
    plan = post_form(client, lang, EVERYTHING).content.decode()
    hidden = Inputs(plan).hidden()
    assert ("edit", "1") in hidden
    assert sorted(p for p in hidden if p[0] != "edit") == sorted(EVERYTHING)
    form = post_form(client, lang, hidden)
    assert form.status_code == 200
    checked = Inputs(form.content.decode()).checked()
    assert sorted(checked) == sorted(EVERYTHING)
    again = post_form(client, lang, checked).content.decode()
    assert step_links(again, lang) == step_links(plan, lang)
    assert numbers_box(again) == numbers_box(plan)


def test_start_again_is_a_plain_link_and_the_controls_do_not_print(client):
    html = post_form(client, "en", [("age", "adult")]).content.decode()
    reader = read(html)
    assert any(a.href == "/en/guide/" and a.text == "Start again" for a in reader.anchors)
    assert '<form method="post" action="/en/guide/" class="noprint">' in html
    assert "Change my answers" in html


def post(client: Client, body: bytes | str, content_type: str = FORM, **extra):
    return client.generic("POST", "/en/guide/", body, content_type=content_type, **extra)


MALFORMED = {
    "unknown question": urlencode({"colour": "red"}),
    "unknown option": urlencode({"age": "old"}),
    "two answers to a single choice": "danger=yes&danger=no",
    "an option twice": "needs=talk&needs=talk",
    "oversized": "needs=talk&" + "x" * 5000,
    "json": '{"age": "adult"}',
    "multipart": "--b\r\nContent-Disposition: form-data; name=age\r\n\r\nadult\r\n--b--\r\n",
}
CONTENT_TYPES = {"json": "application/json", "multipart": "multipart/form-data; boundary=b"}


@pytest.mark.parametrize("case", MALFORMED)
def test_a_malformed_post_gets_a_calm_400_page_in_the_layout(client, case):
    response = post(client, MALFORMED[case], CONTENT_TYPES.get(case, FORM))
    assert response.status_code == 400
    html = response.content.decode()
    assert "We could not read your answers" in html
    assert '<a class="button" href="/en/guide/">Back to the questions</a>' in html
    assert 'id="quick-exit"' in html  # still the layout, with the quick exit
    assert title(response) == f"Guide {DASH} Veiviser"


class Unreadable:
    """A request body the connection cannot deliver: the client went away mid-body."""

    def read(self, *args):
        raise OSError("connection reset")

    readline = read


# Posts a browser using our form never makes, each of which Django would otherwise read
# as something (an empty plan, or answers decoded in another charset).
UNUSUAL = {
    "chunked": ("age=adult", FORM, {"CONTENT_LENGTH": "", "HTTP_TRANSFER_ENCODING": "chunked"}),
    "chunked, with a length": ("age=adult", FORM, {"HTTP_TRANSFER_ENCODING": "chunked"}),
    "latin-1": ("age=adult", f"{FORM}; charset=iso-8859-1", {}),
    "utf-16": ("age=adult".encode("utf-16"), f"{FORM}; charset=utf-16", {}),
    "unreadable": ("age=adult", FORM, {"wsgi.input": Unreadable()}),
}


@pytest.mark.parametrize("case", UNUSUAL)
def test_an_unusual_post_is_a_400_with_the_exit_never_an_empty_plan(client, case):
    body, content_type, extra = UNUSUAL[case]
    response = post(client, body, content_type, **extra)
    assert response.status_code == 400
    html = response.content.decode()
    assert "We could not read your answers" in html
    assert 'id="quick-exit"' in html and 'href="tel:112"' in html
    assert 'id="plan"' not in html


def test_a_form_posted_with_nothing_chosen_is_still_a_plan(client):
    for length in ("0", None):  # as a browser sends it, or as a server may pass it on
        extra = {"CONTENT_LENGTH": length} if length else {}
        response = post(client, "", FORM, **extra)
        assert response.status_code == 200 and 'id="plan"' in response.content.decode()
    utf8 = post(client, "age=adult", f"{FORM}; charset=UTF-8")
    assert utf8.status_code == 200


def test_a_lying_content_length_is_refused(client):
    assert post(client, "age=adult", CONTENT_LENGTH="many").status_code == 400
    assert post(client, "age=adult", CONTENT_LENGTH="999999999").status_code == 400


def test_skip_together_with_answers_shows_the_form_again_marked(client):
    response = post_form(client, "en", [("needs", "talk"), ("needs", SKIP), ("age", "adult")])
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("together with other answers") == 2  # at the top and at the question
    assert sorted(Inputs(html).checked()) == [
        ("age", "adult"),
        ("needs", "skip"),
        ("needs", "talk"),
    ]


def test_head_and_other_methods(client):
    assert client.head("/en/guide/").status_code == 200
    assert client.put("/en/guide/").status_code == 405
    assert client.delete("/en/guide/").status_code == 405


@pytest.mark.parametrize("lang", LANGS)
def test_the_plan_is_in_the_pages_language(client, seed_snapshot, lang):
    html = post_form(client, lang, [("age", "under18")]).content.decode()
    ui = texts.ui(seed_snapshot, lang)
    assert ui["plan_heading"] in html and ui["numbers"] in html and ui["change"] in html
    assert f'<html lang="{lang}"' in html


# --- The HTML plan and the JSON plan agree -------------------------------------------------
SCHEMES = {"phone": "tel:", "sms": "sms:", "email": "mailto:", "web": "", "chat": ""}

answers_strategy = st.builds(
    Answers,
    danger=st.sampled_from([None, *BY_ID["danger"].options]),
    age=st.sampled_from([None, *BY_ID["age"].options]),
    situation=st.frozensets(st.sampled_from(BY_ID["situation"].options)),
    needs=st.frozensets(st.sampled_from(NEEDS)),
    residence=st.sampled_from([None, *BY_ID["residence"].options]),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(answers=answers_strategy, lang=st.sampled_from(LANGS))
def test_the_html_plan_and_the_json_plan_list_the_same_contacts_in_the_same_order(
    client, answers, lang
):
    html = post_form(client, lang, answers.pairs()).content.decode()
    data = client.post(
        "/api/v1/plan", {"lang": lang, "answers": api_answers(answers)}, "application/json"
    ).json()
    expected = [
        (step["id"], [SCHEMES[c["kind"]] + c["value"] for c in step["contacts"]])
        for step in data["steps"]
    ]
    assert step_links(html, lang) == expected
    shown = [a.href for a in read(numbers_box(html)).anchors]
    assert shown == ["tel:" + n["value"] for n in data["numbers"]]


# --- Size: the whole journey fits the budget ----------------------------------------------
def wire_bytes(response) -> int:
    """Headers plus the gzip-compressed body, as a compressing server would send them."""
    headers = "".join(f"{name}: {value}\r\n" for name, value in response.items())
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return len(headers) + len(gzip.compress(body, 9)) + len("HTTP/1.1 200 OK\r\n\r\n")


@pytest.mark.parametrize("lang", LANGS)
def test_the_journey_is_six_requests_and_under_fifty_kilobytes(client, lang):
    home = client.get(f"/{lang}/")
    form = client.get(f"/{lang}/guide/")
    biggest = max(
        (post_form(client, lang, [*EVERYTHING[:1], ("age", age), *EVERYTHING[2:]]) for age in (
            "under18", "adult", "unknown"
        )),
        key=lambda response: len(response.content),
    )  # fmt: skip
    pages = [home, form, biggest]
    scripts = []
    for page in pages:
        html = page.content.decode()
        # The only thing a page loads besides itself is exit.js: no styles, images, fonts.
        # (<link rel="alternate"> names the page's twins in other languages: not loaded.)
        assert not re.search(r"<(link(?! rel=\"alternate\")|img|iframe)\b", html)
        scripts += re.findall(r'<script src="([^"]+)"', html)
    assert len(scripts) == len(pages)  # one script per page: 3 pages + 3 scripts = 6
    assert all(wire_bytes(page) <= 14_000 for page in pages), [wire_bytes(p) for p in pages]
    total = sum(map(wire_bytes, pages)) + sum(wire_bytes(client.get(s)) for s in scripts)
    assert total <= 50_000, total


# --- Hostile posts ------------------------------------------------------------------------
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.binary(max_size=600)
    | st.lists(
        st.tuples(
            st.sampled_from([q.id for q in QUESTIONS] + ["edit", ""]) | st.text(max_size=10),
            st.sampled_from([SKIP, "1", "yes", "under18", "talk"]) | st.text(max_size=10),
        ),
        max_size=12,
    ).map(urlencode),
    content_type=st.sampled_from([FORM, "multipart/form-data; boundary=x", "text/plain", ""]),
    lang=st.sampled_from(LANGS),
)
def test_hostile_posts_never_cause_a_server_error(client, body, content_type, lang):
    response = client.generic("POST", f"/{lang}/guide/", body, content_type=content_type)
    assert response.status_code in (200, 400)
    assert title(response).endswith(f"{DASH} Veiviser")
