"""The directory's filters as a taxonomy: a service carries a term exactly when the
directory's filter of the same name keeps it."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.opendata import hsds
from veiviser.opendata import taxonomy
from veiviser.pages.pagedata import Filters, filter_labels


@pytest.mark.parametrize("term", taxonomy.TERMS, ids=lambda term: term.code)
def test_a_term_is_carried_where_the_directory_filter_keeps_the_service(seed_snapshot, term):
    only = Filters(**{term.code: True})
    for service in seed_snapshot.content.services:
        owner = seed_snapshot.organisations[service.organisation]
        assert (term in taxonomy.terms_of(service, owner)) == only.keep(service, owner.authority)


def test_one_term_per_filter_with_the_directorys_labels():
    assert [term.code for term in taxonomy.TERMS] == list(Filters.__dataclass_fields__)
    for lang in ("en", "nb"):
        with translation.override(lang):
            labels = filter_labels()
            for term in taxonomy.TERMS:
                data = taxonomy.term_data(term, lang)
                assert data["name"] == labels[term.code]
                assert hsds.problems(data, "taxonomy_term.json") == []
    assert hsds.problems(taxonomy.taxonomy(), "taxonomy.json") == []
