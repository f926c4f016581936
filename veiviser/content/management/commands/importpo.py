from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from veiviser.content import po
from veiviser.content.store import read_content


class Command(BaseCommand):
    help = (
        "Read a translator's PO file and print the changes it asks for, or every error in "
        "it. Changes nothing: the editorial system turns the changes into proposals."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("language", help="a language code of the registry, not en")
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--check",
            action="store_true",
            required=True,
            help="only check and list the changes (the one mode there is: applying them "
            "goes through review in the editorial system)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: cannot be read as UTF-8 text: {error}") from error
        try:
            changes = po.changes_from_po(text, options["language"], read_content())
        except po.InvalidPO as invalid:
            for error in invalid.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{path}: {invalid}") from invalid
        except ValueError as error:
            raise CommandError(str(error)) from error
        for change in changes:
            self.stdout.write(str(change))
        self.stdout.write(f"{path}: {len(changes)} change(s); nothing was changed (--check)")
