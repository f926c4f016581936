from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from veiviser.content import po
from veiviser.content.seed_writer import write_atomically
from veiviser.content.store import read_content


class Command(BaseCommand):
    help = (
        "Write one language's content texts as a PO file for translators (Weblate, Poedit): "
        "msgctxt the text's address, msgid the English, msgstr the translation."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("language", help="a language code of the registry, not en")
        parser.add_argument("-o", "--output", type=Path, default=None, help="default: stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            text = po.export_po(read_content(), options["language"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        output: Path | None = options["output"]
        if output is None:
            self.stdout.write(text, ending="")
            return
        write_atomically(output.resolve().parent, {output.name: text})
        self.stderr.write(f"wrote {output}")
