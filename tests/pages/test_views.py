import pytest

from tests.pages.html import read
from veiviser.content.current import current


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


def test_a_draft_language_says_so_and_links_to_english(client, seed_snapshot):
    assert seed_snapshot.language_status("nb") == "draft"
    nb = read(client.get("/nb/topics/children/").content.decode())
    assert any(a.href == "/en/topics/children/" and "English" in a.text for a in nb.anchors)
    en = client.get("/en/topics/children/").content.decode()
    assert "has not been checked" not in en


def test_before_anything_is_published_pages_answer_503_with_the_exit(client, db):
    current.reset()
    response = client.get("/en/")
    assert response.status_code == 503
    assert 'id="quick-exit"' in response.content.decode()
    assert 'href="tel:112"' in response.content.decode()


@pytest.mark.parametrize("path", ["/en/", "/en/services/", "/en/topics/children/"])
def test_pages_refuse_methods_that_change_things(client, path):
    assert client.post(path).status_code == 405
