"""The demo's accompaniment: cases, interactions, workshops, plans and assessments around the
demo women, dated from the day the demo is loaded so that "today" always has something to do.

The women and their past seasons are reproducible (see generator.py, with its fixed date); this
layer is drawn from the same seed but placed relative to the real date.
"""

import datetime
import random

from django.db import transaction

from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.seasons.models import Campaign, Participation

# Share of the women who are abroad now, in a season whose returns fall around today.
IN_SEASON_NOW = 0.06


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
    """Put a few women abroad now, some expected back this week, one or two already late."""
    campaign = current_campaign(today)
    already = set(campaign.participations.values_list("beneficiary_id", flat=True))
    abroad = Participation.objects.filter(status=Participation.Status.DID_NOT_RETURN).values(
        "beneficiary_id"
    )
    candidates = list(
        Beneficiary.objects.exclude(pk__in=abroad)
        .exclude(pk__in=already)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chosen = [pk for pk in candidates if rng.random() < IN_SEASON_NOW]
    Participation.objects.bulk_create(
        Participation(
            beneficiary_id=pk,
            campaign=campaign,
            status=Participation.Status.DEPARTED,
            employer=rng.choice(["Fruits de Ponent SCCL", "Agrícola Segrià S.L.", "Olis Garrigues"]),
            departure_date=today - datetime.timedelta(days=rng.randint(70, 110)),
            planned_return_date=today + datetime.timedelta(days=rng.randint(-3, 25)),
        )
        for pk in chosen
    )
    return len(chosen)


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
