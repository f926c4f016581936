import datetime

import pytest

from veiviser.content.channels import build_channel
from veiviser.content.records import NumberException, Text

LABEL = Text({"en": "Call", "nb": "Ring"})


def test_phone_and_sms_channels_link_to_the_number_shown():
    phone = build_channel("phone", "22 33 11 60", LABEL)
    sms = build_channel("sms", "417 16 111", LABEL)
    assert (phone.display, phone.href, phone.dial) == (
        "22 33 11 60",
        "tel:+4722331160",
        "+4722331160",
    )
    assert sms.href == "sms:+4741716111"


def test_web_addresses_are_https_and_shown_without_the_scheme():
    web = build_channel("web", "rosanorge.no", LABEL)
    assert (web.display, web.href) == ("rosanorge.no", "https://rosanorge.no")
    with pytest.raises(ValueError, match="web address"):
        build_channel("web", "http://rosanorge.no", LABEL)


def test_email():
    email = build_channel("email", "alarm@116111.no", LABEL)
    assert email.href == "mailto:alarm@116111.no"
    with pytest.raises(ValueError, match="e-mail"):
        build_channel("email", "alarm at 116111.no", LABEL)


def test_an_exception_is_refused_for_a_number_the_library_knows():
    exception = NumberException("reason", "brochure-in-danger", datetime.date(2026, 1, 1))
    with pytest.raises(ValueError, match="remove the exception"):
        build_channel("phone", "112", LABEL, exception=exception)
    assert build_channel("phone", "02800", LABEL, exception=exception).href == "tel:02800"


def test_unknown_kind():
    with pytest.raises(ValueError, match="not one of"):
        build_channel("fax", "22 33 11 60", LABEL)
