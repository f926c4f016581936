from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from veiviser.content.seed import checked_seed
from veiviser.content.validation import Missing, missing_translations, overdue


class Command(BaseCommand):
    help = (
        "Check the seed files; list every problem (file, entry, field) and fail if any. "
        "Records last checked more than a year ago are listed as warnings, oldest first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, default=None, help="default: CONTENT_DIR")
        parser.add_argument(
            "--strict", action="store_true", help="fail on overdue checks too (warnings)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory = options["dir"] or settings.CONTENT_DIR
        content, problems = checked_seed(directory)
        for problem in problems:
            self.stderr.write(str(problem))
        # An old check is a task for an editor, not a broken site: it warns, and fails
        # only when asked to (--strict), so that an unchanged checkout keeps working.
        late = overdue(content)
        for item in late:
            self.stderr.write(f"warning: {item}")
        # A missing translation is shown in English: a task for a translator, listed per
        # language; only English must be complete.
        missing = missing_translations(content)
        for item in missing:
            self.stderr.write(f"missing: {item}")
        if problems:
            raise CommandError(f"{len(problems)} problem(s) in {directory}")
        if late and options["strict"]:
            raise CommandError(f"{len(late)} overdue check(s) in {directory} (--strict)")
        self.stdout.write(
            f"{directory}: clean — {len(content.sources)} sources, "
            f"{len(content.organisations)} organisations, {len(content.services)} services, "
            f"{sum(len(s.channels) for s in content.services)} channels, "
            f"{len(content.topics)} topics"
            + (f"; {len(late)} overdue check(s), see the warnings" if late else "")
            + _missing_summary(missing)
        )


def _missing_summary(missing: list[Missing]) -> str:
    """ "; not yet translated: ro 3, ur 12" (each shown in English meanwhile), or ""."""
    per_language = Counter(item.code for item in missing)
    if not per_language:
        return ""
    counts = ", ".join(f"{code} {count}" for code, count in sorted(per_language.items()))
    return f"; not yet translated (shown in English): {counts}"
