"""The demo's accompaniment: cases, interactions, workshops, plans and assessments around the
demo women, dated from the day the demo is loaded so that "today" always has something to do.

The women and their past seasons are reproducible (see generator.py, with its fixed date); this
layer is drawn from the same seed but placed relative to the real date.
"""

import datetime
import random

from django.db import transaction

from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.cases.models import Interaction, Phase
from irtiqaa.seasons.models import Campaign, Participation

# Share of the women who are abroad now, in a season whose returns fall around today.
IN_SEASON_NOW = 0.04
EXPECTED_BACK_PER_ADVISOR = 2
APPOINTMENTS_PER_ADVISOR = 3


def current_campaign(today: datetime.date) -> Campaign:
    """A season under way: departures about three months ago, returns around today."""
    campaign, _ = Campaign.objects.get_or_create(
        year=today.year,
        destination_province="Lleida",
        sector=Campaign.Sector.OTHER_AGRICULTURE,
        defaults={
            "planned_departure_start": today - datetime.timedelta(days=110),
            "planned_departure_end": today - datetime.timedelta(days=70),
            "planned_return_start": today - datetime.timedelta(days=7),
            "planned_return_end": today + datetime.timedelta(days=30),
            "notes": "Récolte de fruits à noyau et d'olives (démonstration).",
        },
    )
    return campaign


def seed_current_season(*, rng: random.Random, today: datetime.date) -> int:
    """Put a few women abroad now: two of each advisor's women expected back this week, and
    others here and there, some already past their planned return."""
    campaign = current_campaign(today)
    already = set(campaign.participations.values_list("beneficiary_id", flat=True))
    # Not those who stayed abroad, nor those already away on a season of their own.
    abroad = Participation.objects.filter(
        status__in=[Participation.Status.DID_NOT_RETURN, Participation.Status.DEPARTED]
    ).values("beneficiary_id")
    candidates = (
        Beneficiary.objects.exclude(pk__in=abroad)
        .exclude(pk__in=already)
        .order_by("pk")
        .values_list("pk", "assigned_advisor_id")
    )
    returns: dict[int, int] = {}  # woman → days from today to her planned return
    per_advisor: dict[int | None, int] = {}
    for pk, advisor_id in candidates:
        if advisor_id is not None and per_advisor.get(advisor_id, 0) < EXPECTED_BACK_PER_ADVISOR:
            if rng.random() < 0.3:
                per_advisor[advisor_id] = per_advisor.get(advisor_id, 0) + 1
                returns[pk] = rng.randint(0, 5)
        elif rng.random() < IN_SEASON_NOW:
            returns[pk] = rng.randint(-3, 25)
    Participation.objects.bulk_create(
        Participation(
            beneficiary_id=pk,
            campaign=campaign,
            status=Participation.Status.DEPARTED,
            employer=rng.choice(
                ["Fruits de Ponent SCCL", "Agrícola Segrià S.L.", "Olis Garrigues"]
            ),
            departure_date=today - datetime.timedelta(days=rng.randint(70, 110)),
            planned_return_date=today + datetime.timedelta(days=in_days),
        )
        for pk, in_days in returns.items()
    )
    return len(returns)


def seed_todays_appointments(*, rng: random.Random, today: datetime.date) -> int:
    """Give every advisor a few appointments today: the next step of her latest contact with
    some of her women, where that contact set none."""
    latest: dict[int, tuple[int, int | None]] = {}  # woman → (interaction, advisor)
    for pk, woman_id, her_advisor in (
        Interaction.objects.filter(beneficiary__assigned_advisor__isnull=False)
        .exclude(beneficiary__case__phase=Phase.CLOSED)
        .order_by("occurred_on", "created_at", "pk")
        .values_list("pk", "beneficiary_id", "beneficiary__assigned_advisor_id")
    ):
        latest[woman_id] = (pk, her_advisor)
    chosen: list[int] = []
    per_advisor: dict[int | None, int] = {}
    for interaction_id, advisor_id in latest.values():
        if per_advisor.get(advisor_id, 0) < APPOINTMENTS_PER_ADVISOR and rng.random() < 0.25:
            per_advisor[advisor_id] = per_advisor.get(advisor_id, 0) + 1
            chosen.append(interaction_id)
    return Interaction.objects.filter(pk__in=chosen, next_step_on__isnull=True).update(
        next_step="Rendez-vous à l'agence : point sur son projet", next_step_on=today
    )


@transaction.atomic
def seed_accompaniment(*, seed: int, today: datetime.date) -> None:
    from irtiqaa.assessments import demo as assessments
    from irtiqaa.cases import demo as cases
    from irtiqaa.plans import demo as plans
    from irtiqaa.workshops import demo as workshops

    rng = random.Random(seed)
    seed_current_season(rng=rng, today=today)
    # Cases first (they follow the seasons), then what happens within them.
    for app in (cases, workshops, plans, assessments):
        app.seed(rng=rng, today=today)
    seed_todays_appointments(rng=rng, today=today)
