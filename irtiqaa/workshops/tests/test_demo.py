"""The demo workshops: every demo agency has sessions held (attendance recorded, interactions
in the files) and sessions this week and next with invitations; reproducible; loaded once."""

import datetime
import random
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, F

from irtiqaa.accounts.models import User
from irtiqaa.cases.models import Interaction
from irtiqaa.demo.organisation import DEMO_AGENCIES
from irtiqaa.workshops import demo, selectors
from irtiqaa.workshops.models import Invitation, Workshop

TODAY = datetime.date(2026, 11, 25)  # a Wednesday


@pytest.mark.django_db
def test_demo_sessions_for_every_agency() -> None:
    call_command(
        "seed_demo",
        "--seed",
        "3",
        "--beneficiaries",
        "600",
        "--no-accompaniment",
        stdout=StringIO(),
    )
    started = time.monotonic()
    demo.seed(rng=random.Random(3), today=TODAY)
    assert time.monotonic() - started < 10
    agencies = {code for codes in DEMO_AGENCIES.values() for code in codes}
    assert set(Workshop.objects.values_list("agency__code", flat=True)) == agencies
    over = Workshop.objects.annotate(n=Count("invitations")).values_list("n", "capacity")
    assert all(n <= capacity for n, capacity in over)
    # Every invitee belongs to the session's agency.
    assert not Invitation.objects.exclude(beneficiary__home_agency=F("workshop__agency")).exists()
    held = Invitation.objects.filter(workshop__starts_at__date__lt=TODAY)
    assert held.exists() and not held.filter(attendance="").exists()
    assert not Invitation.objects.filter(
        workshop__starts_at__date__gt=TODAY, attendance__gt=""
    ).exists()
    present = held.filter(attendance="present")
    assert Interaction.objects.filter(kind="workshop").count() == present.count()
    titles = set(Workshop.objects.values_list("title", flat=True))
    assert "Information pré-départ : droits et contrat" in titles
    advisor = User.objects.get(username="advisor.kenitra")
    this_week = selectors.workshops_this_week(actor=advisor, today=TODAY)
    assert this_week and all(w.agency_id == advisor.unit_id for w in this_week)
    assert selectors.workshop_list(actor=advisor, period="upcoming", today=TODAY).exists()

    # Loading it again adds nothing.
    count = Workshop.objects.count()
    demo.seed(rng=random.Random(3), today=TODAY)
    assert Workshop.objects.count() == count
