"""Django's SQLite backend, except that a missing database file is an error.

SQLite creates a database file wherever it is asked to open one that does not exist. For
Veiviser that would turn a moved or mistyped file into an empty database without a word:
the snapshot poll would then fail on missing tables, and `publish` or `loadcontent`
would write into a database nobody serves. So a connection to a file that does not exist
is refused with a message that says what to do, and only `manage.py migrate` (which
`make setup` runs) may create the file (veiviser/content/management/commands/migrate.py).
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.db.backends.sqlite3 import base, operations
from django.db.utils import OperationalError

_may_create = contextvars.ContextVar("may_create", default=False)


class MissingDatabase(OperationalError):
    """The SQLite file is not there; its message names the file and the fix."""


@contextlib.contextmanager
def creating() -> Iterator[None]:
    """Within this block a missing database file may be created (by `migrate`)."""
    token = _may_create.set(True)
    try:
        yield
    finally:
        _may_create.reset(token)


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style: Any, tables: Any, **kwargs: Any) -> list[str]:
        """Emptying whole tables (`flush`, the test runner between tests) lifts the
        append-only triggers (named `*_append_only_*`, e.g. the staff audit trail's) and
        puts them back: flushing is emptying the database, as TRUNCATE is on PostgreSQL,
        which such row triggers do not see either. Any DELETE of rows stays refused."""
        sql = super().sql_flush(style, tables, **kwargs)
        if not sql:
            return sql
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE '%\\_append\\_only\\_%' ESCAPE '\\'"
            )
            triggers = cursor.fetchall()
        drop = [f"DROP TRIGGER {self.quote_name(name)};" for name, _sql in triggers]
        restore = [f"{body};" for _name, body in triggers]
        return drop + sql + restore


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        name = str(conn_params["database"])
        if not self.is_in_memory_db() and not _may_create.get() and not Path(name).exists():
            raise MissingDatabase(
                f"the SQLite database {name} does not exist; create it with `make setup` "
                "(or `manage.py migrate`), or set DATABASE_URL to the right file"
            )
        return super().get_new_connection(conn_params)
