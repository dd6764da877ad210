"""This app's rows of the permission matrix (see irtiqaa/testing/permissions.py)."""

import datetime
from typing import Any

from irtiqaa.assessments.models import Instrument
from irtiqaa.assessments.services import assessment_record
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.testing.permissions import CASEWORK, Rule, World

# Instruments hold no personal data: casework roles, analysts and administrators read them.
INSTRUMENT_READERS = frozenset(CASEWORK | {"analyst", "admin"})

REINTEGRATION_ANSWERS: dict[str, Any] = {
    "income_regularity": "most_months",
    "income_sources": ["farm_wage", "own_activity"],
    "season_savings": "some_left",
    "debts": "small_on_track",
    "basic_needs": 3,
    "months_without_income": 3,
    "housing": "family_free",
    "health_access": "with_difficulty",
    "children_school": "all",
    "documents": "yes",
    "community_participation": ["womens_group"],
    "support_person": "yes",
    "family_support": 4,
    "belonging": 4,
    "stress": 2,
    "respected": "yes",
    "future_plans": "some_ideas",
}


def _assessment_body(world: World) -> dict[str, Any]:
    return {
        "beneficiary": world.objects[("beneficiary", True)],
        "instrument": "reintegration-index",
        "taken_on": "2026-07-01",
        "answers": REINTEGRATION_ANSWERS,
    }


WEB_RULES: dict[str, Rule] = {
    "assessments:history": Rule(CASEWORK, obj="beneficiary"),
    "assessments:new": Rule(CASEWORK, obj="beneficiary"),
    "assessments:detail": Rule(CASEWORK, obj="assessment"),
}

API_RULES: dict[str, Rule] = {
    "GET /api/v1/instruments": Rule(INSTRUMENT_READERS),
    "GET /api/v1/instruments/{code}": Rule(INSTRUMENT_READERS, obj="instrument"),
    "GET /api/v1/assessments": Rule(CASEWORK),
    "POST /api/v1/assessments": Rule(
        CASEWORK, method="post", allowed_status=201, body=_assessment_body
    ),
    "GET /api/v1/assessments/{assessment_id}": Rule(CASEWORK, obj="assessment"),
}


def add_objects(world: World) -> None:
    """An assessment of the woman in scope and one of the outsider; instruments are not scoped,
    so the one "outside" is a code that does not exist."""
    instrument = Instrument.objects.get(code="reintegration-index")
    cast = world.cast
    for in_scope, actor in ((True, cast.advisor), (False, cast.advisor_settat)):
        beneficiary = Beneficiary.objects.get(pk=world.objects[("beneficiary", in_scope)])
        assessment = assessment_record(
            actor=actor,
            beneficiary=beneficiary,
            instrument=instrument,
            taken_on=datetime.date(2026, 7, 1),
            answers=REINTEGRATION_ANSWERS,
        )
        world.objects[("assessment", in_scope)] = assessment.pk
    world.objects[("instrument", True)] = "reintegration-index"  # type: ignore[assignment]
    world.objects[("instrument", False)] = "no-such-instrument"  # type: ignore[assignment]
