from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from veiviser.web.export import export


class Command(BaseCommand):
    help = "Write every public page in every language as static files (make export)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("target", type=Path, help="folder to write (emptied first)")
        parser.add_argument(
            "--live-url", default=None, help="where the guide's form posts; default PUBLIC_URL"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            done = export(options["target"], options["live_url"] or settings.PUBLIC_URL)
        except (ValueError, RuntimeError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"exported {done.pages} pages and {done.files} files to {options['target']}"
        )
