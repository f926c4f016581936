from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from veiviser.content.seed import checked_seed
from veiviser.content.store import write_content
from veiviser.content.validation import overdue


class Command(BaseCommand):
    help = "Import the seed files into the database. Nothing is written if any is broken."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, default=None, help="default: CONTENT_DIR")

    def handle(self, *args: Any, **options: Any) -> None:
        directory = options["dir"] or settings.CONTENT_DIR
        content, problems = checked_seed(directory)
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(problems)} problem(s) in {directory}; nothing was loaded")
        for item in overdue(content):  # loaded all the same: a task, not an error
            self.stderr.write(f"warning: {item}")
        changed = write_content(content)
        self.stdout.write(f"loaded {directory}: {changed} record(s) changed")
