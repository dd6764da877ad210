"""Registering a woman through the web form: consent first, validation, duplicates."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from irtiqaa.audit.models import AuditEvent
from irtiqaa.beneficiaries.models import Beneficiary, BeneficiaryPhone, Consent
from irtiqaa.conftest import Cast
from irtiqaa.geography.models import Province

URL = "/beneficiaries/new/"


def form_data(cast: Cast, **overrides: Any) -> dict[str, Any]:
    data = {
        "consent_purposes": ["accompaniment", "sms_contact"],
        "consent_method": "signed_form",
        "witness_name": "",
        "consent_text_version": "2026-01",
        "first_name_latin": "Rkia",
        "last_name_latin": "Ouhammou",
        "first_name_ar": "رقية",
        "last_name_ar": "أوحمو",
        "birth_date": "1985-04-12",
        "cin": "gk 123 456",
        "phone_1": "06 12 34 56 78",
        "phone_2": "",
        "province": Province.objects.get(code="kenitra").pk,
        "commune": "Sidi Allal Tazi",
        "marital_status": "married",
        "children_count": "3",
        "children_ages": "4, 9, 13",
        "education_level": "none",
        "literacy_arabic": "none",
        "literacy_french": "none",
        "languages": ["darija", "tamazight"],
        "agricultural_experience_years": "8",
        "skills": "Élevage",
        "home_agency": cast.kenitra.pk,
        "assigned_advisor": cast.advisor.pk,
        "duplicate_reason": "",
    }
    data.update(overrides)
    return data


def test_it_registers_her_with_normalised_identifiers_and_consents(
    cast: Cast, login: Callable[..., Client]
) -> None:
    response = login(cast.advisor).post(URL, form_data(cast))
    woman = Beneficiary.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/beneficiaries/{woman.pk}/"
    assert woman.cin == "GK123456"
    assert [p.number for p in woman.phones.all()] == ["+212612345678"]
    assert woman.children_count == 3 and len(woman.children_birth_years) == 3
    assert sorted(woman.children_ages) == [4, 9, 13]
    assert {c.purpose for c in woman.consents.all()} == {"accompaniment", "sms_contact"}
    consent = woman.consents.get(purpose="accompaniment")
    assert consent.recorded_by == cast.advisor and consent.method == "signed_form"
    assert consent.text_version == "2026-01"
    events = AuditEvent.objects.filter(beneficiary_id=woman.pk)
    assert set(events.values_list("action", flat=True)) == {"create", "consent_given"}


def test_registration_is_refused_without_accompaniment_consent(
    cast: Cast, login: Callable[..., Client]
) -> None:
    response = login(cast.advisor).post(URL, form_data(cast, consent_purposes=["sms_contact"]))
    assert response.status_code == 200
    assert "consent_purposes" in response.context["form"].errors
    assert not Beneficiary.objects.exists() and not Consent.objects.exists()


def test_oral_consent_needs_a_witness(cast: Cast, login: Callable[..., Client]) -> None:
    response = login(cast.advisor).post(URL, form_data(cast, consent_method="oral_with_witness"))
    assert "witness_name" in response.context["form"].errors
    assert not Beneficiary.objects.exists()


BAD_INPUT = [
    ("birth_date", "", "birth_date"),
    ("birth_date", "31/02/1990", "birth_date"),
    ("birth_date", "2090-01-01", "birth_date"),
    ("birth_date", "not a date", "birth_date"),
    ("birth_date", "2015-01-01", "birth_date"),  # a child
    ("cin", "12345", "cin"),
    ("cin", "ABC", "cin"),
    ("phone_1", "12", "phone_1"),
    ("phone_1", "+33 6 12 34 56 78", "phone_1"),  # French number: not served
    ("first_name_latin", "<script>alert(1)</script>", "first_name_latin"),
    ("last_name_latin", "Robert'); DROP TABLE--", "last_name_latin"),
    ("first_name_ar", "Fatima", "first_name_ar"),  # Latin letters in the Arabic field
    ("first_name_latin", "فاطمة", "first_name_latin"),
    ("first_name_latin", "F" * 81, "first_name_latin"),
    ("skills", "x" * 1001, "skills"),
    ("children_count", "two", "children_count"),
    ("children_count", "-1", "children_count"),
    ("children_ages", "4, nine", "children_ages"),
    ("children_ages", "1, 2, 3, 4", "children_ages"),  # more ages than children
    ("marital_status", "complicated", "marital_status"),
    ("province", "999999", "province"),
    ("agricultural_experience_years", "200", "agricultural_experience_years"),
    ("languages", ["klingon"], "languages"),
]


@pytest.mark.parametrize(("field", "value", "error_field"), BAD_INPUT)
def test_bad_input_names_the_field_and_saves_nothing(
    cast: Cast, login: Callable[..., Client], field: str, value: Any, error_field: str
) -> None:
    response = login(cast.advisor).post(URL, form_data(cast, **{field: value}))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert error_field in errors, errors
    assert f'id="id_{error_field}-error"' in response.content.decode() or error_field == "languages"
    assert not Beneficiary.objects.exists()
    assert not BeneficiaryPhone.objects.exists() and not Consent.objects.exists()


def test_a_name_is_required_in_one_script_at_least(
    cast: Cast, login: Callable[..., Client]
) -> None:
    response = login(cast.advisor).post(
        URL,
        form_data(cast, first_name_latin="", last_name_latin="", first_name_ar="", last_name_ar=""),
    )
    assert "last_name_latin" in response.context["form"].errors
    ok = login(cast.advisor).post(URL, form_data(cast, first_name_latin="", last_name_latin=""))
    assert ok.status_code == 302  # Arabic script alone is enough


def test_an_agency_outside_her_scope_cannot_be_chosen(
    cast: Cast, login: Callable[..., Client]
) -> None:
    response = login(cast.advisor).post(
        URL, form_data(cast, home_agency=cast.settat.pk, assigned_advisor="")
    )
    assert "home_agency" in response.context["form"].errors
    assert not Beneficiary.objects.exists()


def test_script_in_a_name_is_shown_escaped_in_the_error_page(
    cast: Cast, login: Callable[..., Client]
) -> None:
    response = login(cast.advisor).post(
        URL, form_data(cast, first_name_latin="<script>alert(1)</script>")
    )
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_possible_duplicates_are_shown_before_saving(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    client = login(cast.advisor)
    # Same birth date, the name spelled another way, no CIN or phone in common.
    data = form_data(
        cast,
        first_name_latin="Fatimazahra",
        last_name_latin="Alaoui",
        first_name_ar="",
        last_name_ar="",
        birth_date=woman.birth_date.isoformat(),
        cin="",
        phone_1="",
    )
    response = client.post(URL, data)
    assert response.status_code == 200
    assert [c.beneficiary for c in response.context["candidates"]] == [woman]
    assert "duplicate_reason" in response.content.decode()
    assert Beneficiary.objects.count() == 1

    saved = client.post(
        URL, {**data, "duplicate_reason": "Sisters' names differ: she is the younger one."}
    )
    assert saved.status_code == 302
    newest = Beneficiary.objects.latest("id")
    assert newest.duplicate_override_reason.startswith("Sisters")


@pytest.mark.parametrize(
    ("first_latin", "last_latin", "first_ar", "last_ar", "suspected"),
    [
        ("", "", "العلوي", "فاطمة الزهراء", True),  # Arabic only, first and last names swapped
        ("Fatima-Ezzahra", "Elalaoui", "", "", True),
        ("Khadija", "El Alaoui", "", "", False),  # her sister, born the same day
    ],
)
def test_a_similar_name_with_the_same_birth_date_is_compared_name_by_name(
    cast: Cast,
    login: Callable[..., Client],
    woman: Beneficiary,
    first_latin: str,
    last_latin: str,
    first_ar: str,
    last_ar: str,
    suspected: bool,
) -> None:
    data = form_data(
        cast,
        first_name_latin=first_latin,
        last_name_latin=last_latin,
        first_name_ar=first_ar,
        last_name_ar=last_ar,
        birth_date=woman.birth_date.isoformat(),
        cin="",
        phone_1="",
    )
    response = login(cast.advisor).post(URL, data)
    if suspected:
        assert [c.beneficiary for c in response.context["candidates"]] == [woman]
    else:
        assert response.status_code == 302


def test_the_same_cin_is_a_possible_duplicate(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    response = login(cast.advisor).post(
        URL,
        form_data(
            cast,
            cin="ab-123456",
            first_name_latin="Naima",
            last_name_latin="Zaari",
            first_name_ar="",
            last_name_ar="",
            phone_1="",
        ),
    )
    candidates = response.context["candidates"]
    assert candidates[0].beneficiary == woman and "cin" in candidates[0].reasons


def test_duplicates_outside_her_scope_are_not_revealed(
    cast: Cast, login: Callable[..., Client], outsider_woman: Beneficiary
) -> None:
    response = login(cast.advisor).post(URL, form_data(cast, cin=outsider_woman.cin))
    assert response.status_code == 302  # saved: the Settat woman is invisible to a Kénitra advisor


def test_duplicate_check_fragment_lists_candidates_while_typing(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    response = login(cast.advisor).post(
        "/beneficiaries/duplicates/check/",
        {
            "birth_date": woman.birth_date.isoformat(),
            "first_name_latin": "Fatima-Ezzahra",
            "last_name_latin": "El Alaoui",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert f"/beneficiaries/{woman.pk}/" in response.content.decode()
