from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from veiviser.content.publishing import latest_version


class Command(BaseCommand):
    help = "Load and publish the seed content if nothing has been published yet (make run)."

    def handle(self, *args: Any, **options: Any) -> None:
        version = latest_version()
        if version is not None:
            self.stdout.write(f"serving published version {version}")
            return
        call_command("loadcontent", stdout=self.stdout, stderr=self.stderr)
        call_command("publish", stdout=self.stdout, stderr=self.stderr)
