"""The frontline's pages: the checklist at one address and under one title, whatever is
posted; answers only in POST bodies, never logged or kept; a calm 400 for anything our
form cannot send; the person's page in each language that has its texts, beside
Norwegian, and in no other; a quiet link from the home page in every language."""

from __future__ import annotations

import dataclasses
import logging
import re
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.utils import translation

from tests.frontline.conftest import FORM, LANGS, WORDED, post_form, stand_in, with_show_texts
from tests.pages.html import read
from veiviser.content import phones
from veiviser.content.current import current
from veiviser.content.snapshot import Snapshot
from veiviser.frontline import texts
from veiviser.frontline.questions import QUESTIONS, SKIP

DASH = "\N{EN DASH}"  # the layout joins title and site name with an en dash
NURSE = [("danger", "unsure"), ("age", "yes"), ("seen", "sexual"), ("seen", "unsure")]
# Answer ids that cannot appear on a page by chance (unlike "yes" or "no").
TELLTALE_FIELDS = [("seen", "crime"), ("seen", "home")]  # beside NURSE's "sexual"


class Tags(HTMLParser):
    """Every start tag of a page, with its attributes, in order."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def title(response) -> str:
    return read(response.content.decode()).title


def expected_title(snapshot, lang: str, key: str = "title") -> str:
    return f"{texts.ui(snapshot, lang)[key]} {DASH} Veiviser"


@pytest.fixture
def client() -> Client:
    return Client()


# --- The checklist -------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_the_checklist_has_the_signs_the_conversation_and_a_post_only_form(
    client, seed_snapshot, lang
):
    response = client.get(f"/{lang}/frontline/")
    assert response.status_code == 200
    html = response.content.decode()
    page = Tags(html)
    assert page.all("form") == [
        {
            "method": "post",
            "action": f"/{lang}/frontline/",
            "class": "frontline",
            "autocomplete": "off",
        }
    ]
    inputs = [(i["name"], i["value"], i["type"]) for i in page.all("input")]
    expected = []
    for question in QUESTIONS:
        kind = "checkbox" if question.several else "radio"
        expected += [(question.id, value, kind) for value in (*question.options, SKIP)]
    assert inputs == expected
    assert not any("checked" in attrs for attrs in page.all("input"))  # nothing chosen for them
    sections = texts.sections(seed_snapshot)
    for ident in texts.SECTION_IDS:
        assert f'id="s-{ident}"' in html, ident
    assert html.index('id="s-not-proof"') < html.index('id="s-control"')  # not proof, first
    assert str(sections["not-proof"].title.in_(lang)) in html
    assert title(response) == expected_title(seed_snapshot, lang)


@pytest.mark.parametrize("lang", WORDED)
def test_the_checklist_is_written_in_english_and_norwegian(client, lang):
    html = client.get(f"/{lang}/frontline/").content.decode()
    main = html.split('<main id="main"', 1)[1]
    assert '<span lang="en"' not in main and 'lang="en" dir="ltr"><p' not in main


@pytest.mark.parametrize("lang", [code for code in LANGS if code not in WORDED])
def test_in_other_languages_the_checklist_is_english_marked_as_english(client, seed_snapshot, lang):
    """The site's rule for a text not yet translated: English, marked lang="en" dir="ltr"
    (a screen reader speaks it as English, and it runs left to right in Arabic or Urdu)."""
    html = client.get(f"/{lang}/frontline/").content.decode()
    heading = texts.ui(seed_snapshot, "en")["heading"]
    assert f'<h1><span lang="en" dir="ltr">{heading}</span></h1>' in html
    assert f'<html lang="{lang}"' in html
    # The questions too: a professional can still use the form.
    assert '<legend><span lang="en" dir="ltr">Is anyone in acute danger?</span></legend>' in html


def test_a_get_never_carries_answers(client):
    """Answers given in a query are ignored, and the form never sends them there."""
    plain = client.get("/en/frontline/").content
    with_query = client.get("/en/frontline/?" + urlencode(NURSE)).content
    assert with_query == plain
    assert 'id="plan"' not in with_query.decode()


# --- The answer to the form ------------------------------------------------------------------
def step_ids(html: str) -> list[str]:
    return re.findall(r'<li id="step-([a-z0-9-]+)">', html)


@pytest.mark.parametrize("lang", LANGS)
def test_a_post_gives_the_next_steps_at_the_same_address_under_the_same_title(
    client, seed_snapshot, lang
):
    form = client.get(f"/{lang}/frontline/")
    response = post_form(client, lang, NURSE)
    assert response.status_code == 200
    assert title(response) == title(form) == expected_title(seed_snapshot, lang)
    assert response.request["PATH_INFO"] == f"/{lang}/frontline/"
    assert "Location" not in response
    html = response.content.decode()
    assert step_ids(html) == ["call-112-if-unsafe", "child", "duty-to-avert", "show-the-page"]
    # Every number is a tap-to-call link that dials what it shows; none is in the words.
    reader = read(html)
    numbers = [a for a in reader.anchors if a.href.startswith("tel:")]
    assert {a.href for a in numbers} >= {"tel:112", "tel:116111", "tel:+4746615000", "tel:02800"}
    for anchor in numbers:
        assert phones.shows_what_it_dials(anchor.text, anchor.href.split(":", 1)[1]), anchor
    assert phones.dialable_numbers(" ".join(reader.outside_links)) == []
    assert f'<a href="/{lang}/frontline/">' in html  # start again: a plain link


def test_nothing_entered_reaches_a_url_a_cookie_or_a_log(client, caplog):
    caplog.set_level(logging.DEBUG)
    responses = [
        post_form(client, "en", [*NURSE, *TELLTALE_FIELDS]),
        post_form(client, "en", [("seen", "sexual"), ("danger", "perhaps-sexual")]),
    ]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "POST /en/frontline/ 200" in logged and "POST /en/frontline/ 400" in logged
    for response in responses:
        html = response.content.decode()
        assert not response.cookies and not response.has_header("Set-Cookie")
        links = [a.href for a in read(html).anchors] + [f["action"] for f in Tags(html).all("form")]
        assert not any("?" in link or "#" in link for link in links if link.startswith("/"))
        assert "sexual" not in title(response)
    for word in ("sexual", "crime", "home", "perhaps"):
        assert word not in logged


def test_no_csrf_token_is_needed_or_set():
    response = post_form(Client(enforce_csrf_checks=True), "en", NURSE)
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" not in response.content.decode() and not response.cookies


def post(client: Client, body: bytes | str, content_type: str = FORM, **extra):
    return client.generic("POST", "/en/frontline/", body, content_type=content_type, **extra)


MALFORMED = {
    "unknown question": (urlencode({"colour": "red"}), FORM, {}),
    "unknown answer id": (urlencode({"age": "under18"}), FORM, {}),
    "unknown form seen": (urlencode({"seen": "organs"}), FORM, {}),
    "two answers to a single choice": ("danger=yes&danger=no", FORM, {}),
    "an option twice": ("seen=work&seen=work", FORM, {}),
    "oversized": ("seen=work&" + "x" * 3000, FORM, {}),
    "oversized, said by its length": ("seen=work", FORM, {"CONTENT_LENGTH": "999999999"}),
    "a length that is not one": ("seen=work", FORM, {"CONTENT_LENGTH": "many"}),
    "chunked": ("age=no", FORM, {"CONTENT_LENGTH": "", "HTTP_TRANSFER_ENCODING": "chunked"}),
    "latin-1": ("age=no", f"{FORM}; charset=iso-8859-1", {}),
    "json": ('{"age": "no"}', "application/json", {}),
    "multipart": (
        "--b\r\nContent-Disposition: form-data; name=age\r\n\r\nno\r\n--b--\r\n",
        "multipart/form-data; boundary=b",
        {},
    ),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_a_malformed_post_is_a_calm_400_and_changes_nothing(client, seed_snapshot, case, caplog):
    caplog.set_level(logging.DEBUG)
    before = client.get("/en/frontline/").content
    body, content_type, extra = MALFORMED[case]
    response = post(client, body, content_type, **extra)
    assert response.status_code == 400
    html = response.content.decode()
    ui = texts.ui(seed_snapshot, "en")
    assert ui["error_heading"] in html and ui["error_body"] in html
    assert f'<a href="/en/frontline/">{ui["error_back"]}</a>' in html
    assert 'id="quick-exit"' in html and 'href="tel:112"' in html  # still the layout
    assert 'id="plan"' not in html
    assert title(response) == expected_title(seed_snapshot, "en")
    # Nothing changed: the checklist is the same, and nothing about the post was logged
    # beyond the access log's line (method, path, status, time).
    assert client.get("/en/frontline/").content == before
    for record in caplog.records:
        message = record.getMessage()
        assert "colour" not in message and "under18" not in message and "organs" not in message
        assert "xxxx" not in message and "multipart" not in message
    assert not response.cookies


def test_an_empty_post_is_the_plan_for_every_question_skipped(client):
    html = post(client, "").content.decode()
    assert step_ids(html)[:2] == ["call-112-if-unsafe", "child"]


def test_other_methods_are_refused(client):
    assert client.head("/en/frontline/").status_code == 200
    assert client.put("/en/frontline/").status_code == 405
    assert client.post("/en/frontline/show/en/").status_code == 405


# --- The person's page -----------------------------------------------------------------------
def persons(html: str) -> list[tuple[str, str, str]]:
    """(code, dir, name) of each language offered for the person's page."""
    box = html.split('<ul class="choices">', 1)[1].split("</ul>", 1)[0]
    return re.findall(
        r'<a href="[^"]+" lang="([^"]+)" dir="([^"]+)" hreflang="[^"]+">([^<]+)</a>', box
    )


def registry(snapshot) -> dict[str, object]:
    return {language.code: language for language in snapshot.content.languages}


def test_only_languages_with_every_paragraph_are_offered_each_in_its_own_script(
    client, seed_snapshot
):
    offered = texts.person_languages(seed_snapshot)
    assert "nb" not in offered  # the page is always beside Norwegian
    assert "en" in offered
    known = registry(seed_snapshot)
    for code in offered:
        for paragraph in texts.show(seed_snapshot):
            assert paragraph.body.get(code, "").strip(), (code, paragraph.id)
    html = client.get("/en/frontline/").content.decode()
    assert persons(html) == [(code, known[code].direction, known[code].name) for code in offered]


def test_a_delivered_language_is_offered_and_a_half_delivered_one_is_not(client, seed_snapshot):
    full = stand_in("ar", seed_snapshot)
    half = dict(list(stand_in("ro", seed_snapshot).items())[:3])
    current.hold(with_show_texts(seed_snapshot, {"ar": full, "ro": half}))
    html = client.get("/nb/frontline/").content.decode()
    codes = [code for code, _dir, _name in persons(html)]
    assert "ar" in codes and "ro" not in codes
    assert ("ar", "rtl", "العربية") in persons(html)
    assert client.get("/nb/frontline/show/ar/").status_code == 200
    assert client.get("/nb/frontline/show/ro/").status_code == 404


def test_without_the_norwegian_no_language_is_offered(seed_snapshot):
    frontline = dict(seed_snapshot.content.frontline)
    frontline["show"] = [
        {**entry, "body": {k: v for k, v in entry["body"].items() if k != "nb"}}
        for entry in frontline["show"]
    ]
    content = dataclasses.replace(seed_snapshot.content, frontline=frontline)
    assert texts.person_languages(Snapshot(999, "", content)) == ()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("person", ["en", "ar"])
def test_the_persons_page_pairs_each_paragraph_with_its_norwegian(
    client, seed_snapshot, lang, person
):
    snapshot = seed_snapshot
    if person not in texts.person_languages(seed_snapshot):
        snapshot = with_show_texts(seed_snapshot, {person: stand_in(person, seed_snapshot)})
        current.hold(snapshot)
    response = client.get(f"/{lang}/frontline/show/{person}/")
    assert response.status_code == 200
    html = response.content.decode()
    known = registry(snapshot)
    show_title = texts.ui(snapshot, lang)["show_title"]
    assert title(response) == f"{show_title} ({known[person].name}) {DASH} Veiviser"
    direction = known[person].direction
    for paragraph in texts.show(snapshot):
        own = f'lang="{person}" dir="{direction}"'
        norwegian = 'lang="nb" dir="ltr"'
        block = (
            html.split('<h1 class="pair">', 1)[1].split("</h1>", 1)[0]
            if paragraph.id == texts.SHOW_HEADING
            else html.split(f'<div class="pair" id="p-{paragraph.id}">', 1)[1].split("</div>", 1)[0]
        )
        assert block.index(own) < block.index(norwegian), paragraph.id
        assert '<span lang="en"' not in block  # no English stands in on this page
    # The numbers: data, the same in both columns, tap to call, isolated left to right.
    for href in ("tel:+4722331160", "tel:116111", "tel:112"):
        assert html.count(f'<a href="{href}" dir="ltr">') == 2, href
    assert f'<a href="/{lang}/frontline/">' in html  # back to the checklist


def test_numbers_in_a_right_to_left_column_are_isolated(client, seed_snapshot):
    current.hold(with_show_texts(seed_snapshot, {"ar": stand_in("ar", seed_snapshot)}))
    html = client.get("/nb/frontline/show/ar/").content.decode()
    adults = html.split('<div class="pair" id="p-adults">', 1)[1].split("</div>", 1)[0]
    assert '<p class="person" lang="ar" dir="rtl">' in adults
    assert "<bdi>18</bdi>" in adults


@pytest.mark.parametrize("person", ["nb", "xx", "ar", "EN"])
def test_a_language_without_the_texts_has_no_page(client, seed_snapshot, person):
    # ar stands for any registered language whose paragraphs are taken out.
    current.hold(with_show_texts(seed_snapshot, {"ar": {}}))
    assert client.get(f"/en/frontline/show/{person}/").status_code == 404


# --- The way in ------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_has_a_quiet_link_for_professionals_in_its_language(client, lang):
    html = client.get(f"/{lang}/").content.decode()
    footer = html.split("<footer>", 1)[1]
    with translation.override(lang):
        label = translation.gettext("For professionals")
    assert f'<li><a href="/{lang}/frontline/">{label}</a></li>' in footer
    assert lang == "en" or label != "For professionals"  # translated, not English
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    assert "/frontline/" not in main  # not among the ways in for a reader
