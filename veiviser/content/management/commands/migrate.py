"""Django's `migrate`, the one command that may create a missing SQLite database file.

Every other connection refuses a file that is not there (veiviser/content/sqlite/base.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.commands import migrate
from django.db import DEFAULT_DB_ALIAS, connections

from veiviser.content.sqlite.base import creating


class Command(migrate.Command):
    def execute(self, *args: Any, **options: Any) -> str | None:
        # execute, not handle: the system checks that run before handle connect too.
        database = connections[options.get("database") or DEFAULT_DB_ALIAS]
        name = database.settings_dict["NAME"]
        new = (
            database.vendor == "sqlite"
            and not database.is_in_memory_db()
            and not Path(name).exists()
        )
        with creating():
            result = super().execute(*args, **options)
        if new:
            self.stdout.write(f"Created the SQLite database {name}")
        return result
