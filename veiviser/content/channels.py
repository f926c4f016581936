"""How a channel's value becomes what the reader sees and what a tap opens."""

from __future__ import annotations

import re

from veiviser.content import phones
from veiviser.content.records import CHANNEL_KINDS, Channel, NumberException, Text

EMAIL = re.compile(r"[^@\s]+@[a-z0-9-]+(\.[a-z0-9-]+)+", re.I)
WEB = re.compile(r"(https://)?[a-z0-9-]+(\.[a-z0-9-]+)+(/[^\s]*)?", re.I)


def build_channel(
    kind: str,
    value: str,
    label: Text,
    hours: Text | None = None,
    note: Text | None = None,
    exception: NumberException | None = None,
) -> Channel:
    """A checked channel; ValueError (with the reason) when the value does not fit its kind."""
    if kind not in CHANNEL_KINDS:
        raise ValueError(f"{kind!r} is not one of {', '.join(CHANNEL_KINDS)}")
    if exception is not None and kind not in ("phone", "sms"):
        raise ValueError("only a phone or SMS number can have a reviewed exception")
    display, href = _display_and_href(kind, value.strip(), exception is not None)
    return Channel(kind, value, label, display, href, hours, note, exception)


def _display_and_href(kind: str, value: str, has_exception: bool) -> tuple[str, str]:
    if kind in ("phone", "sms"):
        number = phones.parse(value, has_exception=has_exception)
        if has_exception and phones.is_known(value):
            raise ValueError(f"{value!r} is known to phonenumbers: remove the exception")
        scheme = "tel" if kind == "phone" else "sms"
        return number.display, f"{scheme}:{number.dial}"
    if kind == "email":
        if not EMAIL.fullmatch(value):
            raise ValueError(f"{value!r} is not an e-mail address")
        return value, f"mailto:{value}"
    if kind in ("web", "chat"):
        if value.startswith("http://") or not WEB.fullmatch(value):
            raise ValueError(f"{value!r} is not a web address (https:// or a bare domain)")
        url = value if value.startswith("https://") else f"https://{value}"
        return value.removeprefix("https://").rstrip("/"), url
    # A place to visit: an address to read, nothing to tap.
    if not value:
        raise ValueError("an address is required")
    return value, ""
