"""Fixtures of the assessment tests: the two shipped instruments and answers to them."""

import datetime
import importlib
from collections.abc import Callable
from typing import Any

import pytest

from irtiqaa.accounts.models import User
from irtiqaa.assessments.models import Assessment, Instrument
from irtiqaa.assessments.services import assessment_record
from irtiqaa.assessments.tests.permissions import REINTEGRATION_ANSWERS
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.conftest import Cast

SHIPPED = importlib.import_module(
    "irtiqaa.assessments.migrations.0002_ship_reintegration_index_and_readiness_diagnostic"
)
REINTEGRATION_V1: dict[str, Any] = SHIPPED.REINTEGRATION_INDEX_V1
READINESS_V1: dict[str, Any] = SHIPPED.READINESS_DIAGNOSTIC_V1

READINESS_ANSWERS: dict[str, Any] = {
    "why_start": "more_income",
    "motivation_level": 5,
    "time_available": "most_days",
    "prior_activity": "occasionally",
    "work_years": 5,
    "trade_skills": ["sewing", "cooking"],
    "bookkeeping": "in_head",
    "recent_training": "no",
    "idea": "precise",
    "start_needs_known": "yes",
    "savings_available": 12000,
    "debts": "none",
    "family_agrees": "agrees",
    "childcare": "yes",
    "customers_known": "rough_idea",
    "prices_known": "a_little",
}


@pytest.fixture
def reintegration(db: None) -> Instrument:
    return Instrument.objects.get(code="reintegration-index")


@pytest.fixture
def readiness(db: None) -> Instrument:
    return Instrument.objects.get(code="readiness-diagnostic")


@pytest.fixture
def record(cast: Cast) -> Callable[..., Assessment]:
    def make(
        beneficiary: Beneficiary,
        instrument: Instrument,
        answers: dict[str, Any] | None = None,
        taken_on: datetime.date = datetime.date(2026, 7, 1),
        actor: User | None = None,
    ) -> Assessment:
        if answers is None:
            answers = (
                REINTEGRATION_ANSWERS
                if instrument.code == "reintegration-index"
                else READINESS_ANSWERS
            )
        return assessment_record(
            actor=actor or cast.advisor,
            beneficiary=beneficiary,
            instrument=instrument,
            taken_on=taken_on,
            answers=answers,
        )

    return make
