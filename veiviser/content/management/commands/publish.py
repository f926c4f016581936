from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from veiviser.content.problems import ContentError
from veiviser.content.publishing import publish


class Command(BaseCommand):
    help = "Validate the content in the database and publish it as the next snapshot."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            snapshot = publish()
        except ContentError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(error.problems)} problem(s); nothing was published") from None
        self.stdout.write(f"published version {snapshot.version}")
