from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from veiviser.content.seed import checked_seed


class Command(BaseCommand):
    help = "Check the seed files; list every problem (file, entry, field) and fail if any."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, default=None, help="default: CONTENT_DIR")

    def handle(self, *args: Any, **options: Any) -> None:
        directory = options["dir"] or settings.CONTENT_DIR
        content, problems = checked_seed(directory)
        for problem in problems:
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(f"{len(problems)} problem(s) in {directory}")
        self.stdout.write(
            f"{directory}: clean — {len(content.sources)} sources, "
            f"{len(content.organisations)} organisations, {len(content.services)} services, "
            f"{sum(len(s.channels) for s in content.services)} channels, "
            f"{len(content.topics)} topics"
        )
