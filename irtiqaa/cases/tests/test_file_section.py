"""Her file page with this app's section: the same number of queries however long her history,
and the post-return contact the programme owes her."""

import datetime
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.cases.models import AccompanimentRules, Case, Interaction, Phase, PhaseChange, Topic
from irtiqaa.conftest import Cast
from irtiqaa.seasons.models import Campaign, Participation


def _history(woman: Beneficiary, count: int, cast: Cast) -> None:
    topics = list(Topic.objects.all()[:3])
    case = Case.objects.get(beneficiary=woman)
    for n in range(count):
        interaction = Interaction.objects.create(
            beneficiary=woman,
            kind=Interaction.Kind.CALL if n % 2 else Interaction.Kind.MEETING,
            occurred_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
            notes=f"Note {n}",
            next_step="Rappeler",
            next_step_on=datetime.date(2026, 12, 1),
            recorded_by=cast.advisor if n % 2 else cast.coordinator,
        )
        interaction.topics.set(topics[: n % 3 + 1])
        PhaseChange.objects.create(
            case=case,
            from_phase=Phase.PRE_DEPARTURE,
            to_phase=Phase.IN_SEASON,
            cause=PhaseChange.Cause.DECISION,
            changed_by=cast.advisor if n % 2 else cast.coordinator,
        )


def _queries(client: Client, woman: Beneficiary) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/beneficiaries/{woman.pk}/")
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["advisor", "national"])
def test_the_file_costs_the_same_queries_with_5_and_50_interactions(
    cast: Cast,
    login: Callable[..., Client],
    register: Callable[..., Beneficiary],
    woman: Beneficiary,
    role: str,
) -> None:
    other = register(first_name_latin="Naima", cin="ZZ445566", phones=("0677000000",))
    _history(woman, 5, cast)
    _history(other, 50, cast)
    client = login(cast.by_role()[role])
    _queries(client, woman)  # warm up (session, content types)
    few = _queries(client, woman)
    many = _queries(client, other)
    assert few == many
    page = client.get(f"/beneficiaries/{other.pk}/")
    assert len(page.context["case_section"]["interactions"]) == 50
    interactions = [e for e in page.context["timeline"] if e.kind == "interaction"]
    assert len(interactions) == 50


def test_the_interactions_are_listed_newest_first(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    _history(woman, 3, cast)
    page = login(cast.advisor).get(f"/beneficiaries/{woman.pk}/")
    days = [i.occurred_on for i in page.context["case_section"]["interactions"]]
    assert days == sorted(days, reverse=True)


def _back(woman: Beneficiary, campaign: Campaign, days_ago: int) -> None:
    returned = timezone.localdate() - datetime.timedelta(days=days_ago)
    Participation.objects.create(
        beneficiary=woman,
        campaign=campaign,
        status="returned",
        departure_date=returned - datetime.timedelta(days=120),
        return_date=returned,
    )
    Case.objects.filter(beneficiary=woman).update(phase=Phase.POST_RETURN)


def test_a_woman_back_for_over_30_days_without_contact_is_flagged(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, campaign: Campaign
) -> None:
    _back(woman, campaign, days_ago=40)
    client = login(cast.advisor)
    contact = client.get(f"/beneficiaries/{woman.pk}/").context["case_section"][
        "post_return_contact"
    ]
    assert contact is not None and contact.overdue
    AccompanimentRules.objects.create(unit=cast.kenitra, post_return_contact_days=60)
    contact = client.get(f"/beneficiaries/{woman.pk}/").context["case_section"][
        "post_return_contact"
    ]
    assert contact is not None and not contact.overdue
    Interaction.objects.create(
        beneficiary=woman, kind="call", occurred_on=timezone.localdate(), recorded_by=cast.advisor
    )
    section = client.get(f"/beneficiaries/{woman.pk}/").context["case_section"]
    assert section["post_return_contact"] is None
