"""Finding a woman in her caseload: any spelling, either script, CIN or phone; never outside scope."""

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.selectors import beneficiary_list
from irtiqaa.conftest import Cast
from irtiqaa.seasons.models import Participation


@pytest.mark.parametrize(
    "query",
    [
        "Fatima Zahra",
        "fatima-zahra",
        "FATIMA",
        "alaoui",
        "El Alaoui",
        "Alaoui Fatima",
        "فاطمة",
        "فاطمه الزهراء",
        "العلوي",
        "AB123456",
        "ab 123 456",
        "0612345678",
        "06 12 34 56 78",
        "+212 6 12 34 56 78",
    ],
)
def test_she_is_found_by(
    cast: Cast, woman: Beneficiary, outsider_woman: Beneficiary, query: str
) -> None:
    assert list(beneficiary_list(actor=cast.advisor, query=query)) == [woman]


@pytest.mark.parametrize("query", ["Khadija", "بناني", "BE998877", "0661000000"])
def test_a_woman_outside_the_scope_is_never_found(
    cast: Cast, woman: Beneficiary, outsider_woman: Beneficiary, query: str
) -> None:
    assert list(beneficiary_list(actor=cast.advisor, query=query)) == []
    assert list(beneficiary_list(actor=cast.coordinator, query=query)) == []
    assert list(beneficiary_list(actor=cast.national, query=query)) == [outsider_woman]


def test_scopes_by_role(cast: Cast, woman: Beneficiary, outsider_woman: Beneficiary) -> None:
    assert list(beneficiary_list(actor=cast.advisor)) == [woman]
    assert list(beneficiary_list(actor=cast.advisor_settat)) == [outsider_woman]
    assert list(beneficiary_list(actor=cast.coordinator)) == [woman]
    assert set(beneficiary_list(actor=cast.national)) == {woman, outsider_woman}
    for role_without_files in (cast.analyst, cast.partner, cast.admin):
        assert list(beneficiary_list(actor=role_without_files)) == []


def test_filters_by_season_status_and_province(
    cast: Cast, register: Callable[..., Beneficiary], participation: Participation
) -> None:
    other = register(
        first_name_latin="Naima",
        last_name_latin="Zaari",
        first_name_ar="",
        last_name_ar="",
        cin="",
        phones=(),
    )
    assert list(beneficiary_list(actor=cast.advisor, campaign_id=participation.campaign_id)) == [
        participation.beneficiary
    ]
    assert list(beneficiary_list(actor=cast.advisor, participation_status="returned")) == [
        participation.beneficiary
    ]
    assert list(beneficiary_list(actor=cast.advisor, participation_status="did_not_return")) == []
    assert set(beneficiary_list(actor=cast.advisor, province_id=other.province_id)) == {
        other,
        participation.beneficiary,
    }


def test_the_list_page_searches_and_paginates(
    cast: Cast, login: Callable[..., Client], register: Callable[..., Beneficiary]
) -> None:
    for i in range(30):
        register(
            first_name_latin="Amina",
            last_name_latin=f"Test{chr(97 + i % 26)}",
            first_name_ar="",
            last_name_ar="",
            cin="",
            phones=(),
        )
    client = login(cast.advisor)
    first = client.get("/beneficiaries/")
    assert (
        first.context["page"].paginator.count == 30 and len(first.context["page"].object_list) == 25
    )
    second = client.get("/beneficiaries/?page=2")
    assert len(second.context["page"].object_list) == 5
    fragment = client.get("/beneficiaries/?q=amina+testa", HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode()  # only the results, for HTMX
    assert fragment.context["page"].paginator.count == 2  # Testa and Testa (i = 0 and 26)


def test_the_list_shows_arabic_only_names(
    cast: Cast, login: Callable[..., Client], register: Callable[..., Beneficiary]
) -> None:
    arabic_only = register(first_name_latin="", last_name_latin="", cin="", phones=())
    page = login(cast.advisor).get("/beneficiaries/").content.decode()
    assert f'/beneficiaries/{arabic_only.pk}/"><span dir="auto">فاطمة الزهراء العلوي</span>' in page


@pytest.mark.parametrize("query", ["0612", "06 12 34", "AB12", "A1", "12345678"])
def test_a_fragment_of_a_number_finds_nobody_and_says_why(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, query: str
) -> None:
    assert list(beneficiary_list(actor=cast.advisor, query=query)) == []
    page = login(cast.advisor).get("/beneficiaries/", {"q": query})
    assert page.context["partial_identifier"] is True


def test_an_advisor_can_show_only_the_women_she_follows(
    cast: Cast, login: Callable[..., Client], register: Callable[..., Beneficiary]
) -> None:
    hers = register(assigned_advisor=cast.advisor, cin="", phones=())
    register(
        first_name_latin="Naima", first_name_ar="", last_name_ar="", cin="", phones=()
    )  # nobody's
    client = login(cast.advisor)
    assert client.get("/beneficiaries/").context["page"].paginator.count == 2
    assert list(client.get("/beneficiaries/?mine=1").context["page"].object_list) == [hers]


def test_the_agency_column_appears_only_when_several_agencies_are_in_scope(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    assert "Agence Kénitra</td>" not in login(cast.advisor).get("/beneficiaries/").content.decode()
    assert "Agence Kénitra</td>" in login(cast.coordinator).get("/beneficiaries/").content.decode()


def test_the_province_filter_lists_her_region_first(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    page = login(cast.advisor).get("/beneficiaries/").content.decode()
    groups = page.split("<optgroup")[1:]
    assert len(groups) == 12 and "Rabat-Salé-Kénitra" in groups[0]
    assert f'<option value="{woman.province_id}" >Kénitra</option>' in groups[0]


def test_keys_stored_under_older_matching_rules_are_recomputed(
    cast: Any, woman: Any, login: Any
) -> None:
    """After the matching rules change, `refresh_name_keys` (and the migration that runs it)
    brings the women already registered back into search."""
    from django.core.management import call_command

    from irtiqaa.beneficiaries.models import Beneficiary

    fresh = Beneficiary.objects.values("search_text", "name_key", "sort_name").get(pk=woman.pk)
    Beneficiary.objects.filter(pk=woman.pk).update(search_text="old", name_key="old")
    client = login(cast.advisor)
    assert "El Alaoui" not in client.get("/beneficiaries/", {"q": "فاطمة"}).content.decode()

    call_command("refresh_name_keys", stdout=io.StringIO())

    assert (
        Beneficiary.objects.values("search_text", "name_key", "sort_name").get(pk=woman.pk) == fresh
    )
    assert "El Alaoui" in client.get("/beneficiaries/", {"q": "فاطمة"}).content.decode()
