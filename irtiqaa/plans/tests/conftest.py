"""Her plan as the tests find it: one goal (plan version 1) set by her advisor, her interactions,
and an interaction of the outsider woman that her plan must not point to."""

import datetime

import pytest

from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.services import ConsentInput, consent_record
from irtiqaa.cases.models import Interaction
from irtiqaa.conftest import Cast
from irtiqaa.plans import services
from irtiqaa.plans.models import Action, Goal

LONG_AGO = datetime.date(2025, 1, 10)  # a due date already past whatever the day of the run


@pytest.fixture
def goal(cast: Cast, woman: Beneficiary) -> Goal:
    return services.goal_create(
        actor=cast.advisor,
        beneficiary=woman,
        fields={"title": "Créer une activité de couture"},
        expected_version=0,
    )


@pytest.fixture
def interaction(woman: Beneficiary) -> Interaction:
    return Interaction.objects.create(
        beneficiary=woman,
        kind=Interaction.Kind.MEETING,
        occurred_on=datetime.date(2026, 7, 2),
        next_step="Formation en gestion",
    )


@pytest.fixture
def outsider_interaction(outsider_woman: Beneficiary) -> Interaction:
    return Interaction.objects.create(
        beneficiary=outsider_woman,
        kind=Interaction.Kind.CALL,
        occurred_on=datetime.date(2026, 7, 3),
    )


@pytest.fixture
def overdue_action(cast: Cast, goal: Goal) -> Action:
    """Still to do, due long ago: the plan is at version 2 after it."""
    return services.action_create(
        actor=cast.advisor,
        goal=goal,
        fields={"title": "Suivre la formation en gestion", "owner": "woman", "due_on": LONG_AGO},
        expected_version=1,
    )


def withdraw_accompaniment(cast: Cast, woman: Beneficiary) -> None:
    consent_record(
        actor=cast.advisor,
        beneficiary=woman,
        purpose="accompaniment",
        given=False,
        consent=ConsentInput(method="signed_form", text_version="2026-01"),
    )
