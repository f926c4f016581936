import pytest
from django.utils import translation

from veiviser.pages import pagedata


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_home_lists_every_topic_in_the_order_of_the_brochure(seed_snapshot):
    page = pagedata.home(seed_snapshot, "nb")
    assert [t.href for t in page.topics] == [
        f"/nb/topics/{topic.id}/" for topic in seed_snapshot.content.topics
    ]
    assert page.topics[0].title == seed_snapshot.content.topics[0].title["nb"]
    assert page.guide_href == "/nb/guide/"


def ids(page):
    return {card.service_id for card in page.cards}


def test_directory_without_filters_lists_every_service(seed_snapshot):
    page = pagedata.directory(seed_snapshot, pagedata.Filters(), "en")
    assert ids(page) == set(seed_snapshot.services)
    assert page.total == len(seed_snapshot.services) and not page.filtered


def test_directory_filters(seed_snapshot):
    def only(**chosen):
        return ids(pagedata.directory(seed_snapshot, pagedata.Filters(**chosen), "en"))

    children = only(children=True)
    assert "alarmtelefonen" in children and "barnevernet" in children
    assert "rosa" not in children and "volinjen" not in children  # adults only
    independent = only(not_authority=True)
    assert "rosa" in independent and "police" not in independent and "udi" not in independent
    always_open = only(open_24_7=True)
    assert {"rosa", "alarmtelefonen", "volinjen"} <= always_open
    assert all(seed_snapshot.services[s].open_24_7 is True for s in always_open)
    anonymous = only(anonymous=True)
    assert "rosa" in anonymous and "police" not in anonymous
    assert only(children=True, anonymous=True) == children & anonymous


def test_filters_read_from_the_query_ignore_anything_unexpected():
    filters = pagedata.Filters.from_query({"children": "1", "anonymous": "yes", "x": "1"})
    assert filters == pagedata.Filters(children=True)


def test_service_page_shows_channels_and_sources(seed_snapshot):
    page = pagedata.service(seed_snapshot, "rosa", "en")
    assert page.card.channels[0].href == "tel:+4722331160"
    assert page.card.channels[0].display == "22 33 11 60"
    assert "Open 24/7" in page.card.facts and "You can stay anonymous" in page.card.facts
    assert page.sources and all(line.title for line in page.sources)
    assert not page.authority


def test_unknown_facts_are_left_out_not_guessed(seed_snapshot):
    police = seed_snapshot.services["police-emergency"]
    assert police.anonymous is None
    assert (
        "You can stay anonymous"
        not in pagedata.service(seed_snapshot, "police-emergency", "en").card.facts
    )


def test_topic_page_renders_body_and_cards(seed_snapshot):
    page = pagedata.topic(seed_snapshot, "in-danger", "en")
    assert '<a href="tel:112" dir="ltr">112</a>' in page.body_html
    assert [card.service_id for card in page.cards] == list(
        seed_snapshot.topics["in-danger"].services
    )
