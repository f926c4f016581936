"""The suite runs on the database it was asked to run on.

.ci/run runs the suite twice and says which database each run must use with
EXPECT_DATABASE (sqlite, then postgresql): a run that silently fell back to SQLite would
otherwise pass while testing nothing of PostgreSQL.
"""

from __future__ import annotations

import os

import pytest
from django.db import connection


def configured_vendor() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"


def test_the_database_is_the_one_configured() -> None:
    assert connection.vendor == configured_vendor()
    expected = os.environ.get("EXPECT_DATABASE")
    if expected:
        assert connection.vendor == expected, (
            f"EXPECT_DATABASE={expected}, but the tests run on {connection.vendor}"
        )


@pytest.mark.django_db
def test_the_tests_use_a_database_of_their_own(settings) -> None:
    """Never the database DATABASE_URL names: the tests must not touch real content."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_database()")
            (name,) = cursor.fetchone()
        assert name.startswith("test_"), name
    else:
        name = connection.settings_dict["NAME"]
        assert "memory" in str(name), f"the tests run on the SQLite file {name}"
