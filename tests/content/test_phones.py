import pytest

from veiviser.content import phones


@pytest.mark.parametrize(
    ("value", "display", "dial"),
    [
        ("22 33 11 60", "22 33 11 60", "+4722331160"),
        # Grouped as the brochure writes them, not as phonenumbers would ("41 71 61 11",
        # "+47 95 41 17 55"): a reader compares the screen with the brochure or a poster.
        ("417 16 111", "417 16 111", "+4741716111"),
        ("+47 954 11 755", "+47 954 11 755", "+4795411755"),
        ("22  33 11 60", "22 33 11 60", "+4722331160"),
    ],
)
def test_full_numbers_are_shown_as_the_source_writes_them_and_dialled_in_e164(value, display, dial):
    number = phones.parse(value)
    assert (number.display, number.dial, number.short) == (display, dial, False)


@pytest.mark.parametrize("value", ["0047 22 33 11 60", "+47 0047 22 33 11 60"])
def test_a_number_whose_shown_digits_differ_from_the_dialled_ones_is_rejected(value):
    with pytest.raises(phones.InvalidNumber):
        phones.parse(value)


@pytest.mark.parametrize("value", ["112", "113", "116 117", "116 111"])
def test_short_numbers_are_dialled_exactly_as_written(value):
    number = phones.parse(value)
    assert number.short
    assert number.display == value
    assert number.dial == value.replace(" ", "")
    assert not number.dial.startswith("+")


@pytest.mark.parametrize("value", ["02800", "116 006"])
def test_numbers_the_library_does_not_know_need_a_reviewed_exception(value):
    with pytest.raises(phones.InvalidNumber, match="reviewed exception"):
        phones.parse(value)
    assert phones.parse(value, has_exception=True).dial == value.replace(" ", "")


@pytest.mark.parametrize("value", ["22 33 11 6", "12345678", "abc", "+47 22", "1 1", ""])
def test_invalid_numbers_are_rejected_even_with_an_exception(value):
    with pytest.raises(phones.InvalidNumber):
        phones.parse(value, has_exception=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("112", True), ("22 33 11 60", True), ("02800", True), ("18", False), ("257", False)],
)
def test_looks_like_number_finds_dialable_numbers_but_not_ages_or_sections(text, expected):
    assert phones.looks_like_number(text) is expected


@pytest.mark.parametrize(
    ("text", "dial", "expected"),
    [
        ("22 33 11 60", "+4722331160", True),
        ("+47 95 41 17 55", "+4795411755", True),
        ("112", "112", True),
        ("22 33 11 60", "+4722331161", False),
        ("95 41 17 55", "+4795411755", True),
        ("+47 95 41 17 55", "95411755", False),
        ("113", "112", False),
    ],
)
def test_a_link_must_dial_the_number_it_shows(text, dial, expected):
    assert phones.shows_what_it_dials(text, dial) is expected


def test_dialable_numbers_in_running_text():
    text = "Call 22 33 11 60 or 112. Sections 257 and 258, since 2024, for under 18s."
    assert phones.dialable_numbers(text) == ["22 33 11 60", "112"]
