"""Her file costs the same number of SQL queries whatever the length of her history: a woman
followed for years has hundreds of events, and the page must not slow down with each one."""

import datetime
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from irtiqaa.accounts.models import User
from irtiqaa.assessments.models import Assessment, Instrument
from irtiqaa.assessments.services import assessment_record
from irtiqaa.assessments.tests.permissions import REINTEGRATION_ANSWERS
from irtiqaa.beneficiaries.models import Beneficiary, Consent
from irtiqaa.cases.models import Interaction, PhaseChange, Topic
from irtiqaa.conftest import Cast, huelva_campaign
from irtiqaa.plans.models import Action, ActionPlan, Goal
from irtiqaa.seasons.models import Campaign, Incident, Participation
from irtiqaa.workshops.models import Invitation, Workshop

START = datetime.date(2019, 1, 1)


def give_her_a_history(woman: Beneficiary, cast: Cast, events: int) -> None:
    """About `events` events spread over every kind her timeline shows."""
    per_kind = max(1, events // 8)
    day = [START + datetime.timedelta(days=i * 3) for i in range(per_kind)]
    topics = list(Topic.objects.all()[:3])
    interactions = Interaction.objects.bulk_create(
        Interaction(
            beneficiary=woman,
            kind="meeting",
            occurred_on=day[i],
            notes="Entretien",
            next_step="Rappeler",
            next_step_on=day[i] + datetime.timedelta(days=7),
            recorded_by=cast.advisor,
        )
        for i in range(per_kind)
    )
    for interaction in interactions:
        interaction.topics.set(topics)
    case = woman.case
    PhaseChange.objects.bulk_create(
        PhaseChange(case=case, from_phase="pre_departure", to_phase="in_season", cause="decision")
        for _ in range(per_kind)
    )
    plan = ActionPlan.objects.create(beneficiary=woman)
    goals = Goal.objects.bulk_create(
        Goal(plan=plan, title=f"Objectif {i}") for i in range(max(1, per_kind // 4))
    )
    actions = Action.objects.bulk_create(
        Action(
            goal=goals[i % len(goals)],
            title=f"Action {i}",
            owner="woman",
            due_on=day[i],
            status="done" if i % 2 else "todo",
            done_on=day[i] if i % 2 else None,
        )
        for i in range(per_kind)
    )
    for action in actions[:: max(1, per_kind // 5)]:
        action.interactions.set(interactions[:2])
    Consent.objects.bulk_create(
        Consent(
            beneficiary=woman,
            purpose="sms",
            given=bool(i % 2),
            method="oral",
            witness_name="Mina",
            text_version="2026-01",
            recorded_by=cast.advisor,
        )
        for i in range(per_kind)
    )
    for i in range(max(1, per_kind // 10)):
        season = Participation.objects.create(
            beneficiary=woman,
            campaign=Campaign.objects.filter(year=2000 + i).first() or huelva_campaign(2000 + i),
            status="returned",
            departure_date=datetime.date(2000 + i, 2, 1),
            return_date=datetime.date(2000 + i, 6, 1),
        )
        Incident.objects.bulk_create(
            Incident(
                participation=season,
                kind="wages",
                occurred_on=season.departure_date,
                description="Heures impayées",
            )
            for _ in range(3)
        )
    workshops = Workshop.objects.bulk_create(
        Workshop(
            agency=cast.kenitra,
            kind="spanish",
            title=f"Espagnol {i}",
            starts_at=timezone.make_aware(datetime.datetime.combine(day[i], datetime.time(10))),
            place="Agence",
            facilitator="M. Amrani",
            capacity=20,
        )
        for i in range(per_kind)
    )
    Invitation.objects.bulk_create(
        Invitation(workshop=w, beneficiary=woman, attendance="present") for w in workshops
    )
    instrument = Instrument.objects.get(code="reintegration-index")
    first = assessment_record(
        actor=cast.advisor,
        beneficiary=woman,
        instrument=instrument,
        taken_on=START,
        answers=REINTEGRATION_ANSWERS,
    )
    Assessment.objects.bulk_create(
        Assessment(
            beneficiary=woman,
            instrument_version=first.instrument_version,
            taken_on=day[i],
            answers=first.answers,
            scores=first.scores,
            composite=first.composite,
            recorded_by=cast.advisor,
        )
        for i in range(per_kind - 1)
    )


def queries_for_file(client: Client, woman: Beneficiary) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/beneficiaries/{woman.pk}/")
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("role", ["advisor", "national"])
def test_her_file_costs_the_same_queries_with_5_and_500_events(
    cast: Cast, register: Callable[..., Beneficiary], role: str
) -> None:
    short = register(assigned_advisor=cast.advisor, cin="KA000005", phones=("0662000005",))
    long = register(assigned_advisor=cast.advisor, cin="KA000500", phones=("0662000500",))
    give_her_a_history(short, cast, 5)  # one event of each kind
    give_her_a_history(long, cast, 500)
    reader: User = cast.by_role()[role]
    client = Client()
    client.force_login(reader)
    client.get(f"/beneficiaries/{short.pk}/")  # warm caches (content types, session)

    few, _ = queries_for_file(client, short)
    many, page = queries_for_file(client, long)

    assert many == few, f"{few} queries with a short history, {many} with a long one"
    assert "Espagnol 61" in page and "Action 61" in page  # the long history is all there
