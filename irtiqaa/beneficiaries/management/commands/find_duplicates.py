import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from irtiqaa.beneficiaries.duplicates import duplicate_pairs_detect
from irtiqaa.beneficiaries.models import Beneficiary


class Command(BaseCommand):
    help = (
        "Look for files that may be the same woman (same CIN, same phone, or same birth date "
        "and similar names) across the whole registry, or for the given files only, and record "
        "them for review. Pairs already decided are left as they are. Safe to run at any time."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "ids", nargs="*", type=int, help="Only the duplicates of these files (ids)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ids: list[int] = options["ids"]
        total = len(ids) if ids else Beneficiary.objects.filter(merged_into__isnull=True).count()
        started = time.monotonic()
        step = max(total // 20, 1)
        last = [0]

        def progress(done: int) -> None:
            if done - last[0] >= step or done == total:
                last[0] = done
                rate = done / max(time.monotonic() - started, 1e-9)
                self.stdout.write(f"  {done:>9,} / {total:,} women compared ({rate:,.0f}/s)")

        created = duplicate_pairs_detect(beneficiary_ids=ids or None, progress=progress)
        self.stdout.write(
            f"{created:,} new suspected pairs recorded in {time.monotonic() - started:.1f} s."
        )
