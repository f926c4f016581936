"""manage.py enrol NAME: a new second factor for a staff account (a lost phone)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from veiviser.staff.enrol import enrol
from veiviser.staff.management.commands.createstaff import report


class Command(BaseCommand):
    help = (
        "Issue a new TOTP device and recovery codes for a staff account; its old "
        "authenticator and codes stop working. For when no administrator can sign in."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        model = get_user_model()
        try:
            user = model._default_manager.get_by_natural_key(options["username"])
        except model.DoesNotExist:
            raise CommandError(f"there is no account named {options['username']!r}") from None
        enrolled = enrol(user, actor="manage.py enrol")
        report(self, enrolled, f"New second factor for {user.get_username()}.")
