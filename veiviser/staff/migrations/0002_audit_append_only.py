"""The audit trail is append-only in the database itself: a trigger refuses every UPDATE
and DELETE of a row, whatever issues it (the app, a shell, a script with the database's
password). Written per vendor, because the trigger languages differ.

Emptying the whole database (`manage.py flush`, as the test runner does between tests)
is not a row's change: on PostgreSQL it is TRUNCATE, which row triggers do not see, and
the SQLite backend (veiviser/content/sqlite) lifts and restores these triggers around it.
"""

from django.db import migrations

TABLE = "staff_auditentry"

SQLITE = [
    f"CREATE TRIGGER {TABLE}_append_only_update BEFORE UPDATE ON {TABLE} "
    "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END",
    f"CREATE TRIGGER {TABLE}_append_only_delete BEFORE DELETE ON {TABLE} "
    "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END",
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only_update",
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only_delete",
]
POSTGRESQL = [
    "CREATE FUNCTION staff_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'audit entries are append-only'; END $$",
    f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION staff_audit_append_only()",
]
POSTGRESQL_REVERSE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS staff_audit_append_only()",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("staff", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
