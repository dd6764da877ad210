import os
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.utils import timezone

from irtiqaa.beneficiaries.duplicates import duplicate_pairs_detect
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.demo.accompaniment import seed_accompaniment
from irtiqaa.demo.duplicates import duplicates_for, seed_duplicates
from irtiqaa.demo.generator import seed_women
from irtiqaa.demo.organisation import DEMO_ACCOUNTS, ensure_demo_organisation
from irtiqaa.demo.recruitment_list import write_demo_lists

DEFAULT_DEMO_PASSWORD = "irtiqaa-demo-2026"  # noqa: S105 (documented demo password)


class Command(BaseCommand):
    help = (
        "Create the demo organisation, the demo accounts and reproducible synthetic women. "
        "Safe to run again: accounts are kept (passwords reset), women are added only to an "
        "empty registry unless --add is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--beneficiaries", type=int, default=600)
        parser.add_argument("--add", action="store_true", help="Add women even if some exist")
        parser.add_argument(
            "--no-accompaniment",
            action="store_true",
            help="Women and seasons only: no cases, interactions, workshops, plans, assessments "
            "or duplicate files",
        )
        parser.add_argument(
            "--no-list",
            action="store_true",
            help="Do not write the demo's recruitment list for the coming campaign",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get("IRTIQAA_DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD
        organisation = ensure_demo_organisation(password)
        count = options["beneficiaries"]
        added = False
        if Beneficiary.objects.exists() and not options["add"]:
            self.stdout.write("Women are already registered: none added (use --add to add more).")
        elif count > 0:
            added = True
            started = time.monotonic()
            # Part of the files are second files of a woman (review work for the demo).
            twins = 0 if options["no_accompaniment"] else duplicates_for(count)
            women = count - twins

            def progress(done: int) -> None:
                if done % 50000 == 0 or done == women:
                    rate = done / max(time.monotonic() - started, 1e-9)
                    self.stdout.write(f"  {done:>9,} / {women:,} women ({rate:,.0f}/s)")

            seed_women(
                organisation=organisation,
                count=women,
                seed=options["seed"],
                progress=progress,
            )
            if twins:
                seed_duplicates(seed=options["seed"], count=twins)
            self.stdout.write(f"{count:,} women created in {time.monotonic() - started:.1f} s.")
            if not options["no_accompaniment"]:
                started = time.monotonic()
                seed_accompaniment(seed=options["seed"], today=timezone.localdate())
                self.stdout.write(
                    "Cases, interactions, workshops, action plans and assessments added "
                    f"in {time.monotonic() - started:.1f} s."
                )
                started = time.monotonic()
                pairs = duplicate_pairs_detect()
                self.stdout.write(
                    f"{pairs:,} possible duplicates found in {time.monotonic() - started:.1f} s."
                )
            if connection.vendor == "postgresql":
                # Fresh statistics after a bulk load, so the planner knows the tables' sizes
                # (autovacuum would get there later).
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (password: {password}):")
        for username, role, *_ in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<20} {role.label}")
        if not options["no_list"]:
            self.recruitment_list(seed=options["seed"], rewrite=added)

    def recruitment_list(self, *, seed: int, rewrite: bool) -> None:
        """The messy list an advisor imports in the demo, written again when women were just
        added (it repeats some of them) or when it is missing."""
        folder = Path(settings.IRTIQAA_DEMO_DIR)
        started = time.monotonic()
        lists = write_demo_lists(
            seed=seed, today=timezone.localdate(), folder=folder, keep_existing=not rewrite
        )
        self.stdout.write("")
        self.stdout.write(
            f"Recruitment list to import (campaign {lists.campaign}, {lists.agency.name_fr}, "
            f"written in {time.monotonic() - started:.1f} s):"
        )
        if lists.full is None or lists.small is None:
            self.stdout.write(f"  {lists.xlsx} (kept as it was)")
            self.stdout.write(f"  {lists.csv} (kept as it was)")
            return
        self.stdout.write(f"  {lists.xlsx}: {lists.full.stats.summary()}")
        self.stdout.write(
            f"  {lists.csv} (Windows-1256, semicolons): {lists.small.stats.summary()}"
        )
