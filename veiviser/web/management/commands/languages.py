from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from veiviser.content.seed import checked_seed
from veiviser.web.coverage import coverage, table

DOC_HEADER = """# Languages

How much of Veiviser each registered language has (content/languages.yaml). Written by
`make languages`; a test fails when this table and the content disagree. A text not yet
translated is shown in English, marked as English. *machine*: drafted by machine and
checked by back-translation, not yet by a person; *reviewed*: signed off by the person
named.

"""


class Command(BaseCommand):
    help = "Print each language's coverage: texts, interface strings, status, reviewer."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, default=None, help="default: CONTENT_DIR")
        parser.add_argument(
            "--write", type=Path, default=None, help="also write the table to this file"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory = options["dir"] or settings.CONTENT_DIR
        content, problems = checked_seed(directory)
        if problems:
            raise CommandError(f"{len(problems)} problem(s) in {directory}: run checkcontent")
        text = table(coverage(content, settings.LOCALE_PATHS[0]))
        self.stdout.write(text, ending="")
        if options["write"]:
            options["write"].write_text(DOC_HEADER + text + notes(content))


def notes(content: Any) -> str:
    """Each language's registry notes: how it was made and checked."""
    lines = [
        f"- **{lang.name}** (`{lang.code}`): {lang.notes}"
        for lang in content.languages
        if lang.notes
    ]
    return ("\n## Notes\n\n" + "\n".join(lines) + "\n") if lines else ""
