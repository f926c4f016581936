from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from veiviser.content.records import Content
from veiviser.content.seed_writer import export
from veiviser.content.store import read_content


class Command(BaseCommand):
    help = (
        "Write the content in the database back to the seed files (content/*.yaml and "
        "translations/<code>.yaml), keeping their comments and layout; all files or none."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, default=None, help="default: CONTENT_DIR")

    def handle(self, *args: Any, **options: Any) -> None:
        directory = options["dir"] or settings.CONTENT_DIR
        content = read_content()
        if content == Content():
            # Exporting nothing would empty every seed file: never what anyone meant.
            raise CommandError(
                "the database holds no content (run loadcontent first); nothing was exported"
            )
        changed = export(content, directory)
        for name in changed:
            self.stdout.write(f"wrote {name}")
        self.stdout.write(f"exported to {directory}: {len(changed)} file(s) changed")
