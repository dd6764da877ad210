"""Demo action plans: about half of the women, realistic, some overdue, some done, quickly."""

import datetime
import random
import time
from io import StringIO

import pytest
from django.core.management import call_command

from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.cases.models import Interaction
from irtiqaa.plans import demo
from irtiqaa.plans.models import Action, ActionPlan, Goal
from irtiqaa.seasons.models import Participation

TODAY = datetime.date(2026, 11, 29)


@pytest.mark.django_db
def test_about_half_of_the_demo_women_get_a_plan_mostly_those_back_from_a_season() -> None:
    call_command(
        "seed_demo",
        "--seed",
        "5",
        "--beneficiaries",
        "600",
        "--no-accompaniment",
        stdout=StringIO(),
    )
    some = list(Beneficiary.objects.order_by("pk")[:40])
    for n, woman in enumerate(some):
        Interaction.objects.create(
            beneficiary=woman, kind="meeting", occurred_on=TODAY - datetime.timedelta(days=n + 3)
        )
    started = time.monotonic()
    demo.seed(rng=random.Random(1), today=TODAY)
    assert time.monotonic() - started < 10
    plans = ActionPlan.objects.count()
    assert 250 <= plans <= 350
    returned = set(
        Participation.objects.filter(status="returned").values_list("beneficiary_id", flat=True)
    )
    with_plan = set(ActionPlan.objects.values_list("beneficiary_id", flat=True))
    assert len(with_plan & returned) >= 0.85 * len(with_plan)
    assert Goal.objects.filter(title="Créer une activité génératrice de revenus").exists()
    assert Action.objects.filter(title="Ouvrir un compte d'épargne").exists()
    overdue = Action.objects.filter(status__in=Action.OPEN_STATUSES, due_on__lt=TODAY)
    assert overdue.exists()
    done = Action.objects.filter(status="done")
    assert done.exists() and not done.filter(done_on__isnull=True).exists()
    assert not done.filter(done_on__gt=TODAY).exists()
    assert not Action.objects.exclude(status="done").filter(done_on__isnull=False).exists()
    assert Action.objects.filter(owner="partner", owner_partner__kind="partner").exists()
    assert Action.objects.filter(owner="advisor", owner_advisor__isnull=False).exists()
    assert not Action.objects.filter(owner="advisor", owner_advisor__isnull=True).exists()
    linked = Action.objects.filter(interactions__isnull=False).distinct()
    assert linked.exists()
    assert all(
        i.beneficiary_id == a.goal.plan.beneficiary_id
        for a in linked.select_related("goal__plan")
        for i in a.interactions.all()
    )
    # Run again: the women with a plan keep theirs, half of the others get one.
    demo.seed(rng=random.Random(2), today=TODAY)
    assert ActionPlan.objects.count() > plans


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_plans() -> None:
    call_command(
        "seed_demo", "--seed", "5", "--beneficiaries", "60", "--no-accompaniment", stdout=StringIO()
    )

    def plans() -> list[tuple[int, str, str, datetime.date | None, str]]:
        return list(
            Action.objects.order_by("pk").values_list(
                "goal__plan__beneficiary_id", "goal__title", "title", "due_on", "status"
            )
        )

    demo.seed(rng=random.Random(3), today=TODAY)
    first = plans()
    ActionPlan.objects.all().delete()
    demo.seed(rng=random.Random(3), today=TODAY)
    assert plans() == first and first
