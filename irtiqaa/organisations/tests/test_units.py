"""The organisation tree: its shape decides every scope, so it is checked wherever it is written."""

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from irtiqaa.conftest import Cast
from irtiqaa.organisations.models import OrganisationUnit
from irtiqaa.organisations.services import unit_create


@pytest.mark.parametrize(
    ("kind", "parent_name", "field"),
    [
        ("agency", None, "parent"),
        ("agency", "national_unit", "parent"),
        ("agency", "kenitra", "parent"),
        ("region", "rsk", "parent"),
        ("agency", "partner_unit", "parent"),
    ],
)
def test_a_unit_sits_only_under_the_kind_of_unit_it_belongs_to(
    cast: Cast, kind: str, parent_name: str | None, field: str
) -> None:
    parent = getattr(cast, parent_name) if parent_name else None
    with pytest.raises(ValidationError) as error:
        unit_create(kind=kind, code="new-unit", name_fr="New", parent=parent)
    assert field in error.value.message_dict


@pytest.mark.parametrize("code", ["Sale", "SALE", "sale_1", "sale--1", "-sale"])
def test_unit_codes_are_lowercase_so_scopes_never_depend_on_case(cast: Cast, code: str) -> None:
    with pytest.raises(ValidationError) as error:
        unit_create(kind="agency", code=code, name_fr="Salé", parent=cast.rsk)
    assert "code" in error.value.message_dict


def test_the_admin_applies_the_same_rules(cast: Cast, login: Callable[..., Client]) -> None:
    client = login(cast.admin)
    response = client.post(
        "/admin/organisations/organisationunit/add/",
        {
            "kind": "agency",
            "code": "orphan",
            "name_fr": "Orphan",
            "name_ar": "",
            "country": "MA",
            "is_active": "on",
        },
    )
    assert response.status_code == 200 and "parent" in response.context["adminform"].form.errors
    assert not OrganisationUnit.objects.filter(code="orphan").exists()
    created = client.post(
        "/admin/organisations/organisationunit/add/",
        {
            "kind": "agency",
            "code": "sale",
            "name_fr": "Agence Salé",
            "name_ar": "",
            "parent": cast.rsk.pk,
            "country": "MA",
            "is_active": "on",
        },
    )
    assert created.status_code == 302
    assert OrganisationUnit.objects.get(code="sale").path == "/ma/rsk/sale/"
