"""Phone numbers: parsed and checked with `phonenumbers`, shown and dialled safely.

A number is shown exactly as the source writes it ("22 33 11 60", "417 16 111",
"+47 954 11 755"): a reader compares the number on a poster or in the brochure with the
screen, so the grouping must match. A full number (eight digits in Norway) is checked by
`phonenumbers` and dialled in E.164 (`tel:+4722331160`); the digits shown must be the
digits dialled (`shows_what_it_dials`). A short
number (112, 113, 02800, 116 117 ...) is dialled exactly as written (`tel:112`): an
emergency or national short number with a country code in front may not connect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import shortnumberinfo

REGION = "NO"
# Norwegian subscriber numbers have eight digits; anything shorter is a short number.
FULL_NUMBER_DIGITS = 8


class InvalidNumber(ValueError):
    """A number that phonenumbers rejects and that no reviewed exception covers."""


@dataclass(frozen=True)
class Number:
    display: str  # as shown to the reader
    dial: str  # the part after tel: or sms:
    short: bool


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def is_short(value: str) -> bool:
    return not value.strip().startswith("+") and len(digits(value)) < FULL_NUMBER_DIGITS


def parse(value: str, *, has_exception: bool = False) -> Number:
    """Check `value` and say how to show and dial it.

    `has_exception`: the seed records a reviewed exception for a number the library's
    metadata does not know. The number must still be possible (right length and shape);
    only the metadata's validity test is waived, never the parsing.
    """
    text = value.strip()
    if not re.fullmatch(r"\+?[0-9][0-9 ]*[0-9]", text):
        raise InvalidNumber(f"{value!r} is not a phone number (digits, spaces, a leading +)")
    if is_short(text):
        return _parse_short(text, has_exception)
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException as error:
        raise InvalidNumber(f"{value!r} cannot be parsed: {error}") from error
    if not phonenumbers.is_valid_number(number):
        raise InvalidNumber(f"{value!r} is not a valid phone number")
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    # Shown as written, with its country code if the source gives one ("+47 954 11 755",
    # to call from abroad): without it, the reader abroad would dial the wrong line.
    shown = " ".join(text.split())
    if not shows_what_it_dials(shown, e164):
        raise InvalidNumber(f"{value!r} shows other digits than it dials ({e164})")
    return Number(display=shown, dial=e164, short=False)


def _parse_short(text: str, has_exception: bool) -> Number:
    number = phonenumbers.parse(digits(text), REGION)
    if not shortnumberinfo.is_possible_short_number_for_region(number, REGION):
        raise InvalidNumber(f"{text!r} is not a possible short number in Norway")
    valid = shortnumberinfo.is_valid_short_number_for_region(number, REGION)
    if not valid and not has_exception:
        raise InvalidNumber(
            f"{text!r} is not a known short number in Norway (phonenumbers "
            f"{phonenumbers.__version__}); record a reviewed exception if a source gives it"
        )
    return Number(display=" ".join(text.split()), dial=digits(text), short=True)


def is_known(value: str) -> bool:
    """True when the library itself (without any exception) accepts the number."""
    try:
        parse(value)
    except InvalidNumber:
        return False
    return True


def looks_like_number(text: str) -> bool:
    """Could this run of digits in running text be a phone number a reader would dial?

    Used to find numbers left outside a link. Years, section numbers, ages and a bare
    country code ("+47") are not: five digits or more, or a known short number, are.
    """
    run = digits(text)
    if len(run) >= 5:
        return True
    if len(run) < 3:  # no Norwegian number is shorter than 112
        return False
    number = phonenumbers.parse(run, REGION)
    return shortnumberinfo.is_valid_short_number_for_region(number, REGION)


def shows_what_it_dials(text: str, dial: str) -> bool:
    """Does a tel:/sms: link whose text is `text` dial that very number?

    A Norwegian number is dialled with +47 in front but may be shown without it.
    """
    dialled = digits(dial)
    if dial.startswith("+47") and not text.strip().startswith("+"):
        dialled = dialled.removeprefix("47")
    return digits(text) == dialled


def dialable_numbers(text: str) -> list[str]:
    """The runs of digits in running text that a reader could take for a phone number."""
    runs = (match.group(0) for match in re.finditer(r"\+?\d(?:[\d ]*\d)?", text))
    return [run for run in runs if looks_like_number(run)]
