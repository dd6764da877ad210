"""Fixtures of the workshop tests: sessions in Kénitra and Settat, and women to invite."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.conftest import Cast
from irtiqaa.workshops.models import Invitation, Workshop


def make_workshop(agency: Any, **fields: Any) -> Workshop:
    values: dict[str, Any] = {
        "agency": agency,
        "kind": Workshop.Kind.PRE_DEPARTURE,
        "title": "Information pré-départ : droits et contrat",
        "starts_at": timezone.now() + datetime.timedelta(days=2),
        "duration_minutes": 120,
        "place": "Salle de réunion de l'agence",
        "facilitator": "Mme Idrissi",
        "capacity": 10,
    }
    values.update(fields)
    return Workshop.objects.create(**values)


@pytest.fixture
def workshop(cast: Cast) -> Workshop:
    """Next week's session... or the day after tomorrow: in any case ahead, in Kénitra."""
    return make_workshop(cast.kenitra)


@pytest.fixture
def past_workshop(cast: Cast) -> Workshop:
    """Held this morning (two hours ago) in Kénitra: attendance can be recorded."""
    return make_workshop(
        cast.kenitra,
        kind=Workshop.Kind.FINANCIAL_LITERACY,
        title="Éducation financière : épargner la saison",
        starts_at=timezone.now() - datetime.timedelta(hours=2),
    )


@pytest.fixture
def settat_workshop(cast: Cast) -> Workshop:
    return make_workshop(cast.settat, title="Espagnol de base")


@pytest.fixture
def women(cast: Cast, register: Callable[..., Beneficiary]) -> Callable[[int], list[Beneficiary]]:
    """`women(n)`: n women of the Kénitra agency, with distinct names in both scripts."""

    def make(count: int, start: int = 0) -> list[Beneficiary]:
        return [
            register(
                first_name_latin=f"Amina{n}",
                last_name_latin="Ouhammou",
                first_name_ar="أمينة",
                last_name_ar=f"أوحمو {n}",
                cin=f"KE{100000 + n}",
                phones=(),
                birth_date=datetime.date(1985, 1, 1) + datetime.timedelta(days=n),
            )
            for n in range(start, start + count)
        ]

    return make


def invite_all(workshop: Workshop, women: list[Beneficiary]) -> list[Invitation]:
    return Invitation.objects.bulk_create(
        Invitation(workshop=workshop, beneficiary=b) for b in women
    )
