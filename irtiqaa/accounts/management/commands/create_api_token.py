from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from irtiqaa.accounts.models import User
from irtiqaa.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Create a personal API token for a user. The token is printed alone on the last line."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["username"], is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"No active user named {options['username']!r}.") from None
        _, token = api_token_create(actor=None, user=user, name=options["name"])
        self.stderr.write(f"API token for {user.username} (shown once, keep it safe):")
        self.stdout.write(token)
