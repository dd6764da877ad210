"""Fixtures of the cases tests, on top of the shared cast (irtiqaa/conftest.py)."""

import datetime
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from irtiqaa.beneficiaries.models import Beneficiary, Consent
from irtiqaa.beneficiaries.services import ConsentInput, consent_record
from irtiqaa.cases.models import AccompanimentRules, Case, Interaction, Topic
from irtiqaa.conftest import Cast


def post_json(client: Client, path: str, body: Any) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json")


def patch_json(client: Client, path: str, body: Any) -> Any:
    return client.patch(path, json.dumps(body), content_type="application/json")


def case_of(beneficiary: Beneficiary) -> Case:
    return Case.objects.get(beneficiary=beneficiary)


@pytest.fixture
def approval_in_rsk(cast: Cast) -> AccompanimentRules:
    """Rabat-Salé-Kénitra asks for a coordinator's approval before a case is closed."""
    return AccompanimentRules.objects.create(unit=cast.rsk, closure_needs_approval=True)


@pytest.fixture
def make_interaction(cast: Cast) -> Callable[..., Interaction]:
    def make(beneficiary: Beneficiary, **fields: Any) -> Interaction:
        values: dict[str, Any] = {
            "kind": Interaction.Kind.MEETING,
            "occurred_on": datetime.date(2026, 3, 2),
            "notes": "Elle parle de difficultés avec son mari.",
            "next_step": "Rappeler",
            "recorded_by": cast.advisor,
        }
        values.update(fields)
        return Interaction.objects.create(beneficiary=beneficiary, **values)

    return make


@pytest.fixture
def withdraw_consent(cast: Cast) -> Callable[[Beneficiary], None]:
    def withdraw(beneficiary: Beneficiary) -> None:
        consent_record(
            actor=cast.advisor,
            beneficiary=beneficiary,
            purpose=Consent.Purpose.ACCOMPANIMENT,
            given=False,
            consent=ConsentInput(method=Consent.Method.SIGNED_FORM, text_version="2026-01"),
        )

    return withdraw


def topic(code: str) -> Topic:
    return Topic.objects.get(code=code)


CONFLICT = "Quelqu'un d'autre a enregistré cette fiche pendant que vous la modifiiez."


def conflict_shown(response: Any) -> bool:
    """The form came back with lib/forms' conflict message (in French, the default language)."""
    return any(CONFLICT in str(e) for e in response.context["form"].non_field_errors())
