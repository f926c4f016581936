"""manage.py createadmin NAME: the first administrator (KOM), with TOTP enrolment.

`make run` never creates an account: the first one is made by a person, on the server.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from veiviser.staff.enrol import create_account
from veiviser.staff.management.commands.createstaff import read_password, report
from veiviser.staff.models import Role


class Command(BaseCommand):
    help = "Create an administrator with a TOTP device and recovery codes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="full name")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            enrolled = create_account(
                options["username"],
                read_password(),
                [(Role.ADMINISTRATOR, "", "")],
                actor="manage.py createadmin",
                full_name=options["name"],
            )
        except (ValueError, ValidationError) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from error
        report(self, enrolled)
