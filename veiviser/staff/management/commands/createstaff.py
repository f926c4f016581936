"""manage.py createstaff NAME --role editor --organisation rosa: a staff account with TOTP."""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from veiviser.content.models import ContentLanguage, Organisation
from veiviser.staff.enrol import Enrolled, create_account
from veiviser.staff.models import Role


def read_password(environ_name: str = "STAFF_PASSWORD") -> str:
    """From STAFF_PASSWORD (for scripts and tests), else asked twice without echo."""
    given = os.environ.get(environ_name)
    if given:
        return given
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password (again): "):
        raise CommandError("the two passwords differ")
    return first


def report(command: BaseCommand, enrolled: Enrolled, heading: str = "") -> None:
    """The second factor, shown this once: the authenticator's address and the codes."""
    command.stdout.write(heading or f"Created {enrolled.user.get_username()}.")
    command.stdout.write("Add this to the authenticator app (or make a QR code of it):")
    command.stdout.write(f"  {enrolled.otpauth_uri}")
    command.stdout.write("Recovery codes (each works once; keep them offline):")
    for code in enrolled.recovery_codes:
        command.stdout.write(f"  {code}")


class Command(BaseCommand):
    help = "Create a staff account with a role, a TOTP device and recovery codes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=[k for k, _ in Role.KINDS])
        parser.add_argument("--organisation", default="", help="an editor's organisation id")
        parser.add_argument("--language", default="", help="a translator's language code")
        parser.add_argument("--name", default="", help="full name (a translator's sign-off)")

    def handle(self, *args: Any, **options: Any) -> None:
        role = options["role"]
        organisation, language = options["organisation"], options["language"]
        if role == Role.EDITOR and not Organisation.objects.filter(slug=organisation).exists():
            raise CommandError(f"--organisation: {organisation!r} is not an organisation id")
        if role == Role.TRANSLATOR and not ContentLanguage.objects.filter(code=language).exists():
            raise CommandError(f"--language: {language!r} is not a registered language")
        try:
            enrolled = create_account(
                options["username"],
                read_password(),
                [
                    (
                        role,
                        organisation if role == Role.EDITOR else "",
                        language if role == Role.TRANSLATOR else "",
                    )
                ],
                actor="manage.py createstaff",
                full_name=options["name"],
            )
        except (ValueError, ValidationError) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from error
        report(self, enrolled)
