from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from veiviser.content.publishing import rollback


class Command(BaseCommand):
    help = (
        "Publish an earlier snapshot's content again, as a new version, and set the editable "
        "tables to it (the next publish does not bring back what was rolled back)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("version", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            snapshot = rollback(options["version"])
        except LookupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"published version {snapshot.version} = version {options['version']}")
