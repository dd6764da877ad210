from typing import Any

from django.core.management.base import BaseCommand

from irtiqaa.beneficiaries.derived import refresh_name_keys


class Command(BaseCommand):
    help = (
        "Recompute the women's stored search and sort keys (search_text, name_key, sort_name) "
        "with the current name-matching rules. Run it after upgrading when the release notes "
        "say the matching changed; safe to run at any time."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        changed = refresh_name_keys(
            progress=lambda done: (
                self.stdout.write(f"  {done:,} women read") if done % 100000 == 0 else None
            )
        )
        self.stdout.write(f"{changed:,} women had their keys recomputed.")
