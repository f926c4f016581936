"""The staff area's own strings (veiviser/staff/locale): Norwegian complete, none fuzzy.

Kept apart from the public catalogues (locale/), which must be complete in every language:
the staff area is in English and Norwegian; its other catalogues exist so that `make
messages` leaves them as they are, and fall back to English.
"""

from __future__ import annotations

import gettext
from pathlib import Path

from veiviser.web.catalogues import read_po, translations

STAFF_LOCALE = Path(__file__).resolve().parents[2] / "veiviser" / "staff" / "locale"


def test_every_norwegian_staff_string_is_translated():
    entries = read_po(STAFF_LOCALE / "nb" / "LC_MESSAGES" / "django.po")
    untranslated = [e["msgid"] for e in entries if e["msgid"] and not all(translations(e))]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e.get("flags", set())]
    assert untranslated == [] and fuzzy == []
    assert len(entries) > 50


def test_the_norwegian_catalogue_is_compiled():
    with (STAFF_LOCALE / "nb" / "LC_MESSAGES" / "django.mo").open("rb") as compiled:
        # Read as a dict, not through a gettext() call: makemessages would take the
        # strings for the public catalogues.
        compiled_strings = gettext.GNUTranslations(compiled)._catalog
    assert compiled_strings["Waiting for review"] == "Venter på godkjenning"
    assert compiled_strings["By"] == "Av"
