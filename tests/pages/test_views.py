import dataclasses
import datetime
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.pages.html import read
from veiviser.content.current import current
from veiviser.content.snapshot import Snapshot


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_home_puts_the_emergency_first_then_the_guide(client, lang):
    html = client.get(f"/{lang}/").content.decode()
    main = html[html.index("<main") :]
    assert main.index('href="tel:112"') < main.index(f'href="/{lang}/guide/"')
    assert main.index(f'href="/{lang}/guide/"') < main.index(f'href="/{lang}/topics/')


def test_unknown_topic_and_service_are_404_in_the_layout(client):
    for path in ("/en/topics/nope/", "/nb/services/nope/", "/en/topics/Bad_Slug/"):
        response = client.get(path)
        assert response.status_code == 404
        assert 'id="quick-exit"' in response.content.decode()


def test_directory_filters_work_without_javascript(client):
    def cards(path: str) -> set[str]:
        links = {a.href for a in read(client.get(path).content.decode()).anchors}
        return {href for href in links if href.startswith("/en/services/") and href.count("/") == 4}

    everything, children = cards("/en/services/"), cards("/en/services/?children=1")
    assert children < everything
    assert "/en/services/rosa/" in everything - children


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        ("nb", "Maskinoversatt og kontrollert ved å oversette tilbake"),
        ("ar", None),
        ("ur", None),
    ],
)
def test_a_machine_translation_says_so_in_its_language_and_links_to_english(
    client, seed_snapshot, lang, says
):
    assert seed_snapshot.language_status(lang) == "machine"
    html = client.get(f"/{lang}/topics/children/").content.decode()
    page = read(html)
    assert any(a.href == "/en/topics/children/" and "English" in a.text for a in page.anchors)
    line = re.search(r'<p class="wrap note">(.*?)<a', html).group(1)
    assert says is None or says in line
    with translation.override("en"):
        english = gettext(MACHINE_LINE)
    assert line.strip() and (lang == "en" or english not in line), "said in English"
    en = client.get("/en/topics/children/").content.decode()
    assert 'class="wrap note"' not in en


MACHINE_LINE = "Translated by machine and checked by translating it back, but not yet by a person."


def test_a_reviewed_language_names_its_reviewer(client, seed_snapshot):
    languages = tuple(
        dataclasses.replace(
            language,
            status="reviewed",
            reviewed_by="Kari Nordmann",
            reviewed_on=datetime.date(2027, 1, 15),
        )
        if language.code == "nb"
        else language
        for language in seed_snapshot.content.languages
    )
    reviewed = Snapshot(
        2,
        seed_snapshot.published_at,
        dataclasses.replace(seed_snapshot.content, languages=languages),
    )
    current.hold(reviewed)
    html = client.get("/nb/").content.decode()
    assert "Oversettelsen er sjekket av Kari Nordmann den 2027-01-15." in html


def test_before_anything_is_published_pages_answer_503_with_the_exit(client, db):
    current.reset()
    response = client.get("/en/")
    assert response.status_code == 503
    assert 'id="quick-exit"' in response.content.decode()
    assert 'href="tel:112"' in response.content.decode()


@pytest.mark.parametrize("path", ["/en/", "/en/services/", "/en/topics/children/"])
def test_pages_refuse_methods_that_change_things(client, path):
    assert client.post(path).status_code == 405


# --- Issue 9: facts as the sources give them ------------------------------------------------
def test_browse_safely_does_not_say_text_messages_are_in_the_call_log(client):
    en = " ".join(client.get("/en/browse-safely/").content.decode().split())
    nb = " ".join(client.get("/nb/browse-safely/").content.decode().split())
    assert "Calls and text messages show in the phone\u2019s call log" not in en
    assert "text messages stay in the messages app" in en
    assert "SMS vises i telefonens anropslogg" not in nb
    assert "tekstmeldinger blir liggende i meldingsappen" in nb


@pytest.mark.parametrize(
    ("lang", "police"), [("en", "the police's guidance service"), ("nb", "politiets")]
)
def test_stottesenter_says_it_is_the_polices_own_service_wherever_it_is_offered(
    client, seed_snapshot, lang, police
):
    href = f"/{lang}/services/stottesenter/"
    pages = [f"/{lang}/services/"] + [
        f"/{lang}/topics/{topic.id}/"
        for topic in seed_snapshot.content.topics
        if "stottesenter" in topic.services
    ]
    assert len(pages) >= 2
    for path in pages:  # its contact card
        html = client.get(path).content.decode()
        names = [a.text for a in read(html).anchors if a.href == href]
        assert names and all(police in name for name in names), (path, names)
    page = " ".join(client.get(href).content.decode().split())  # its own page
    heading = page[page.index("<h1>") : page.index("</h1>")]
    assert police in heading.replace("&#x27;", "'")
    assert {"en": "Free", "nb": "Gratis"}[lang] in page


def test_volinjen_is_open_day_and_night_by_phone_and_its_chat_is_not(client):
    html = " ".join(client.get("/en/services/volinjen/").content.decode().split())
    html = html.replace("&#x27;", "'")
    assert "Call VO-linjen: " in html and "Day and night" in html
    assert "Limited hours on weekdays: see volinjen.no for the chat's hours" in html
    topic = " ".join(client.get("/en/topics/violence-abuse/").content.decode().split())
    topic = topic.replace("<bdi>", "").replace("</bdi>", "")  # numbers kept in their order
    assert "It is open 24 hours" not in topic
    assert "The phone is open 24 hours" in topic


def test_a_topic_page_still_says_when_it_was_checked(client, seed_snapshot):
    checked = seed_snapshot.topics["children"].verified_on.isoformat()
    assert f"Checked {checked}." in client.get("/en/topics/children/").content.decode()
