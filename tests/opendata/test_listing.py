"""Reading the lists' query strictly, and HSDS's paging."""

from __future__ import annotations

import datetime

import pytest

from veiviser.opendata import listing
from veiviser.opendata.listing import BadQuery, Paging

UTC = datetime.UTC


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2026-11-30", datetime.datetime(2026, 11, 30, tzinfo=UTC)),
        ("2026-11-30T12:30:05Z", datetime.datetime(2026, 11, 30, 12, 30, 5, tzinfo=UTC)),
        ("2026-11-30t12:30:05.123z", datetime.datetime(2026, 11, 30, 12, 30, 5, tzinfo=UTC)),
        (
            "2026-11-30T12:30:05+01:00",
            datetime.datetime(2026, 11, 30, 11, 30, 5, tzinfo=UTC),
        ),
        ("2016-12-31T23:59:60Z", datetime.datetime(2016, 12, 31, 23, 59, 59, tzinfo=UTC)),
    ],
)
def test_modified_after_takes_rfc_3339(text, moment):
    assert listing.modified_after({"modified_after": text}) == moment


@pytest.mark.parametrize(
    "text",
    ["", "yesterday", "2026-11-30T12:30", "2026-02-30", "2026-11-30T25:00:00Z", "30.11.2026"],
)
def test_anything_else_is_refused_naming_the_parameter(text):
    with pytest.raises(BadQuery) as caught:
        listing.modified_after({"modified_after": text})
    assert caught.value.field == "modified_after"


def test_paging_totals():
    items = list(range(7))
    paging = Paging(number=3, size=3)
    page = paging.page(items, list(paging.slice(items)))
    assert page == {
        "total_items": 7,
        "total_pages": 3,
        "page_number": 3,
        "size": 1,
        "first_page": False,
        "last_page": True,
        "empty": False,
        "contents": [6],
    }
    assert Paging(1, 50).page([], []) | {"contents": None} == {
        "total_items": 0,
        "total_pages": 0,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": None,
    }


def test_ids_to_filter_by_are_uuids():
    value = "0F8A1D2E-0000-4000-8000-000000000000"
    assert listing.uuid_filter({"organization_id": value}, "organization_id") == value.lower()
    assert listing.uuid_filter({}, "organization_id") is None
    with pytest.raises(BadQuery):
        listing.uuid_filter({"organization_id": "rosa"}, "organization_id")
