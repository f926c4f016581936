"""The directory's filters as an HSDS taxonomy: one term per filter.

A service carries a term when the directory's filter keeps it (veiviser.pages.pagedata
Filters.keep: the same facts, read the same way: an unknown fact is never a yes). The
labels are the directory's own, so they are translated wherever the directory is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from veiviser.content.records import Organisation, Service
from veiviser.opendata.ids import hsds_id

TAXONOMY_ID = hsds_id("taxonomy", "veiviser-directory")


@dataclass(frozen=True)
class Term:
    code: str  # the directory's filter name, and the term's code
    label: Callable[[], str]  # in the active language
    applies: Callable[[Service, Organisation], bool]

    @property
    def id(self) -> str:
        return hsds_id("taxonomy_term", self.code)


TERMS: tuple[Term, ...] = (
    Term("children", lambda: _("For children and youth"), lambda s, o: s.for_children),
    Term("not_authority", lambda: _("Not from the authorities"), lambda s, o: not o.authority),
    Term("open_24_7", lambda: _("Open 24/7"), lambda s, o: s.open_24_7 is True),
    Term("anonymous", lambda: _("You can stay anonymous"), lambda s, o: s.anonymous is True),
)
BY_ID = {term.id: term for term in TERMS}
NOT_AUTHORITY = next(term for term in TERMS if term.code == "not_authority")


def terms_of(service: Service, organisation: Organisation) -> tuple[Term, ...]:
    return tuple(term for term in TERMS if term.applies(service, organisation))


def taxonomy() -> dict[str, str]:
    """The taxonomy itself (HSDS taxonomy.json): a name, not a text to translate."""
    return {
        "id": TAXONOMY_ID,
        "name": "Veiviser directory filters",
        "description": "The filters of Veiviser's directory of help services.",
        "version": "1",
    }


def term_data(term: Term, lang: str) -> dict[str, object]:
    """One term (HSDS taxonomy_term.json), in the active language."""
    return {
        "id": term.id,
        "code": term.code,
        "name": term.label(),
        "description": term.label(),
        "taxonomy": "Veiviser directory filters",
        "taxonomy_id": TAXONOMY_ID,
        "taxonomy_detail": taxonomy(),
        "language": lang,
    }
