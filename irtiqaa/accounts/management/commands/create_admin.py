import getpass
import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from irtiqaa.accounts.models import Role
from irtiqaa.accounts.services import user_create
from irtiqaa.organisations.models import OrganisationUnit
from irtiqaa.organisations.services import unit_create


class Command(BaseCommand):
    help = (
        "Create the first administrator (and the national unit if there is none yet). "
        "The password comes from IRTIQAA_ADMIN_PASSWORD or is asked for."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        national = OrganisationUnit.objects.filter(kind=OrganisationUnit.Kind.NATIONAL).first()
        if national is None:
            national = unit_create(
                kind=OrganisationUnit.Kind.NATIONAL,
                code="ma",
                name_fr="Programme national d'accompagnement",
                name_ar="البرنامج الوطني للمواكبة",
            )
        password = os.environ.get("IRTIQAA_ADMIN_PASSWORD") or getpass.getpass("Password: ")
        try:
            user_create(
                actor=None,
                username=options["username"],
                password=password,
                role=Role.ADMIN,
                unit=national,
                email=options["email"],
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(f"Administrator {options['username']} created.")
