from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from veiviser.content import history
from veiviser.content.changes import differences
from veiviser.content.records import Content
from veiviser.content.seed import checked_seed
from veiviser.content.store import read_content, write_content
from veiviser.content.validation import overdue


class Command(BaseCommand):
    help = (
        "Import the seed files into the database. Nothing is written if any is broken, "
        "or if it would overwrite editorial history (unless --force-overwrite-history)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, default=None, help="default: CONTENT_DIR")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="print what loading would change (file, entry, field: before -> after), "
            "and change nothing",
        )
        parser.add_argument(
            "--force-overwrite-history",
            action="store_true",
            help="load even though the database holds editorial history (proposals, audit "
            "records) that the files would overwrite",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory = options["dir"] or settings.CONTENT_DIR
        content, problems = checked_seed(directory)
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(problems)} problem(s) in {directory}; nothing was loaded")
        for item in overdue(content):  # loaded all the same: a task, not an error
            self.stderr.write(f"warning: {item}")
        # One transaction: the comparison, the history check and the write see one state.
        with transaction.atomic():
            self._load(directory, content, options)

    def _load(self, directory: Path, content: Content, options: dict[str, Any]) -> None:
        current = read_content()
        changes = differences(current, content)
        # A database without content has nothing to overwrite (a fresh install whose first
        # administrator signed in before the seed was loaded already has audit records).
        held = history.describe() if changes and current != Content() else []
        if options["dry_run"]:
            for change in changes:
                self.stdout.write(str(change))
            if held:
                self.stdout.write(
                    f"the database holds editorial history ({'; '.join(held)}): loading "
                    "would need --force-overwrite-history"
                )
            self.stdout.write(
                f"dry run of {directory}: {len(changes)} field(s) would change; nothing was loaded"
            )
            return
        if held and not options["force_overwrite_history"]:
            # An editor's work is never lost silently: say what would be overwritten, and
            # how to keep it (export it first) or overwrite it on purpose.
            for change in changes:
                self.stderr.write(str(change))
            raise CommandError(
                f"the database holds editorial history ({'; '.join(held)}), and loading "
                f"{directory} would change the {len(changes)} field(s) above; nothing was "
                "loaded. Run exportcontent to keep the database's content in the files, or "
                "loadcontent --force-overwrite-history to replace it"
            )
        changed = write_content(content)
        self.stdout.write(f"loaded {directory}: {changed} record(s) changed")
