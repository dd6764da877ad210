"""The demo data of cases: consistent with the seasons, around `today`, quick, added once."""

import datetime
import random
import time
from io import StringIO

import pytest
from django.core.management import call_command

from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.cases import demo
from irtiqaa.cases.models import Case, Interaction, Phase, PhaseChange, Transfer
from irtiqaa.seasons.models import Participation

TODAY = datetime.date(2026, 11, 29)


@pytest.mark.django_db
def test_demo_cases_and_interactions() -> None:
    call_command(
        "seed_demo",
        "--seed",
        "7",
        "--beneficiaries",
        "300",
        "--no-accompaniment",
        stdout=StringIO(),
    )
    Case.objects.all().delete()  # as before this app's data is seeded
    started = time.monotonic()
    demo.seed(rng=random.Random(7), today=TODAY)
    assert time.monotonic() - started < 20
    assert Case.objects.count() == Beneficiary.objects.count() == 300

    for case in Case.objects.exclude(phase=Phase.CLOSED).select_related("beneficiary"):
        latest = (
            Participation.objects.filter(beneficiary=case.beneficiary)
            .order_by("campaign__year", "id")
            .last()
        )
        if latest is None or latest.status in ("selected", "cancelled"):
            assert case.phase == Phase.PRE_DEPARTURE
        elif latest.return_date:
            assert case.phase in (Phase.POST_RETURN, Phase.ENTREPRENEURSHIP, Phase.POST_CREATION)
        else:
            assert case.phase == Phase.IN_SEASON
    assert PhaseChange.objects.filter(cause="opened").count() == 300
    assert Case.objects.filter(phase=Phase.ENTREPRENEURSHIP).exists()

    interactions = Interaction.objects.all()
    assert interactions.count() > 300
    assert not interactions.filter(occurred_on__gt=TODAY).exists()
    assert interactions.filter(next_step_on=TODAY).exists()
    this_week = TODAY + datetime.timedelta(days=7)
    assert interactions.filter(next_step_on__gt=TODAY, next_step_on__lte=this_week).exists()
    assert interactions.exclude(notes="").exists()
    assert Interaction.topics.through.objects.exists()

    back_without_contact = 0
    for case in Case.objects.filter(phase=Phase.POST_RETURN):
        returned = (
            Participation.objects.filter(beneficiary_id=case.beneficiary_id)
            .exclude(return_date=None)
            .order_by("-return_date")
            .values_list("return_date", flat=True)
            .first()
        )
        if returned and returned < TODAY - datetime.timedelta(days=30):
            contacted = interactions.filter(
                beneficiary_id=case.beneficiary_id, occurred_on__gte=returned
            ).exists()
            back_without_contact += not contacted
    assert back_without_contact > 0

    assert Case.objects.filter(phase=Phase.CLOSED).exclude(closure_reason="").exists()
    assert Case.objects.exclude(closure_requested_reason="").count() == 1
    transfer = Transfer.objects.get()
    assert transfer.beneficiary.home_agency_id == transfer.to_agency_id

    # Loading it again adds nothing.
    demo.seed(rng=random.Random(8), today=TODAY)
    assert Case.objects.count() == 300 and Transfer.objects.count() == 1
    assert Interaction.objects.count() == interactions.count()
