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


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_answers_on_a_test_database_of_its_own() -> None:
    if connection.vendor != "postgresql":
        if os.environ.get("EXPECT_DATABASE") == "postgresql":
            pytest.fail("EXPECT_DATABASE=postgresql, but DATABASE_URL is not PostgreSQL")
        pytest.skip("DATABASE_URL does not point at PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_database()")
        (name,) = cursor.fetchone()
    # pytest-django's own database, never the one DATABASE_URL names.
    assert name.startswith("test_"), name
