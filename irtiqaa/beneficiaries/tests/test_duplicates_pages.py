"""The duplicate review as advisors use it: the page, "not the same woman", the merge page, the API."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from irtiqaa.beneficiaries.models import Beneficiary, DuplicatePair
from irtiqaa.conftest import Cast


@pytest.fixture(autouse=True)
def _in_english(client: Client, settings: Any) -> None:
    """The pages in English, whatever the French catalogue says (French is the default)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def twice(cast: Cast, register: Callable[..., Beneficiary]) -> tuple[Beneficiary, Beneficiary]:
    """One woman registered twice in Kénitra: the second file from a list, in Arabic only."""
    first = register(first_name_ar="", last_name_ar="", cin="AB123456")
    second = register(
        first_name_latin="",
        last_name_latin="",
        cin="",
        commune="Sidi Slimane",
        phones=("0661111111",),
    )
    return first, second


@pytest.fixture
def pair(twice: tuple[Beneficiary, Beneficiary]) -> DuplicatePair:
    from irtiqaa.beneficiaries.duplicates import duplicate_pairs_detect

    DuplicatePair.objects.all().delete()  # forget the registrations' "not a duplicate"
    duplicate_pairs_detect()
    return DuplicatePair.objects.get(first=twice[0], second=twice[1])


@pytest.fixture
def outside_pair(cast: Cast, register: Callable[..., Beneficiary]) -> DuplicatePair:
    """One in Kénitra, one in Settat: the Kénitra advisor must not see it."""
    kenitra = register(first_name_latin="Salma", cin="XY123123", phones=("0662222222",))
    settat = register(
        actor=cast.advisor_settat, first_name_latin="Salma", cin="XY123123", phones=()
    )
    return DuplicatePair.objects.create(first=kenitra, second=settat, score=1.0, evidence=["cin"])


def test_the_review_page_shows_the_pairs_in_her_scope_with_their_evidence(
    cast: Cast, login: Callable[..., Client], pair: DuplicatePair, outside_pair: DuplicatePair
) -> None:
    response = login(cast.advisor).get("/beneficiaries/duplicates/")

    page = response.content.decode()
    assert [row.pair for row in response.context["rows"]] == [pair]
    assert "same date of birth" in page
    assert "Arabic and Latin spellings of the same name" in page
    assert "89%" in page
    assert "AB••••56" in page and "AB123456" not in page
    assert "+212 6 •• •• •• 78" in page
    assert "العلوي" in page and "Fatima Zahra El Alaoui" in page
    assert f"/beneficiaries/duplicates/{pair.pk}/merge/" in page
    assert f"pair-{outside_pair.pk}" not in page
    # National staff follow every woman: both pairs.
    response = login(cast.national).get("/beneficiaries/duplicates/")
    assert {row.pair for row in response.context["rows"]} == {pair, outside_pair}


def test_the_caseload_and_her_file_lead_to_the_review(
    cast: Cast, login: Callable[..., Client], pair: DuplicatePair
) -> None:
    client = login(cast.advisor)
    assert "1 possible duplicate to review" in client.get("/beneficiaries/").content.decode()
    page = client.get(f"/beneficiaries/{pair.first_id}/").content.decode()
    assert f"/beneficiaries/duplicates/{pair.pk}/merge/" in page

    DuplicatePair.objects.update(status=DuplicatePair.Status.NOT_DUPLICATE)
    assert "possible duplicate" not in client.get("/beneficiaries/").content.decode()


def test_not_the_same_woman_needs_a_reason_then_replaces_the_row(
    cast: Cast, login: Callable[..., Client], pair: DuplicatePair
) -> None:
    client = login(cast.advisor)
    url = f"/beneficiaries/duplicates/{pair.pk}/not-duplicate/"

    response = client.post(url, {"reason": " "}, HTTP_HX_REQUEST="true")
    assert "Say briefly how you know they are two women." in response.content.decode()
    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.SUSPECTED

    response = client.post(url, {"reason": "Sisters-in-law"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert f'id="pair-{pair.pk}"' in page
    assert "Recorded: they are two different women." in page
    pair.refresh_from_db()
    assert (pair.status, pair.note, pair.decided_by) == (
        "not_duplicate",
        "Sisters-in-law",
        cast.advisor,
    )
    assert client.get("/beneficiaries/duplicates/").context["rows"] == []


def test_the_merge_page_offers_the_differing_values_and_merges(
    cast: Cast, login: Callable[..., Client], pair: DuplicatePair
) -> None:
    client = login(cast.advisor)
    url = f"/beneficiaries/duplicates/{pair.pk}/merge/"
    response = client.get(url)
    page = response.content.decode()
    offered = {c["name"]: c for c in response.context["choices"]}
    assert set(offered) == {
        "first_name_latin",
        "last_name_latin",
        "first_name_ar",
        "last_name_ar",
        "cin",
        "commune",
    }
    # Her first file is the older one: kept, with its values unless empty.
    assert response.context["survivor"].pk == pair.first_id
    assert offered["first_name_ar"]["chosen"] == "merged"
    assert offered["commune"]["chosen"] == "survivor"
    assert "1 consent decision" not in page and "2 consent decisions" in page

    response = client.post(
        url,
        {
            "survivor": pair.first_id,
            f"version_{pair.first_id}": 1,
            f"version_{pair.second_id}": 1,
            "choice_commune": "merged",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == f"/beneficiaries/{pair.first_id}/"
    kept = Beneficiary.objects.get(pk=pair.first_id)
    assert kept.commune == "Sidi Slimane"
    assert kept.first_name_ar == "فاطمة الزهراء"
    assert kept.cin == "AB123456"
    assert Beneficiary.objects.get(pk=pair.second_id).merged_into == kept
    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.MERGED


def test_the_other_file_can_be_kept_instead(
    cast: Cast, login: Callable[..., Client], pair: DuplicatePair
) -> None:
    client = login(cast.advisor)
    url = f"/beneficiaries/duplicates/{pair.pk}/merge/"
    response = client.get(url, {"survivor": pair.second_id})
    assert response.context["survivor"].pk == pair.second_id

    client.post(
        url,
        {"survivor": pair.second_id, f"version_{pair.first_id}": 1, f"version_{pair.second_id}": 1},
    )

    assert Beneficiary.objects.get(pk=pair.first_id).merged_into_id == pair.second_id


def test_a_file_changed_meanwhile_stops_the_merge(
    cast: Cast, login: Callable[..., Client], pair: DuplicatePair
) -> None:
    Beneficiary.objects.filter(pk=pair.second_id).update(version=2)

    response = login(cast.advisor).post(
        f"/beneficiaries/duplicates/{pair.pk}/merge/",
        {"survivor": pair.first_id, f"version_{pair.first_id}": 1, f"version_{pair.second_id}": 1},
    )

    assert response.status_code == 200
    assert response.context["conflict"] is True
    assert "Someone else saved this record" in response.content.decode()
    assert f'name="version_{pair.second_id}" value="2"' in response.content.decode()
    assert Beneficiary.objects.get(pk=pair.second_id).merged_into is None


def test_the_api(
    cast: Cast,
    api_client: Callable[..., Client],
    pair: DuplicatePair,
    outside_pair: DuplicatePair,
) -> None:
    client = api_client(cast.advisor)
    listed = client.get("/api/v1/duplicates").json()
    assert [p["id"] for p in listed["results"]] == [pair.pk]
    assert listed["results"][0]["evidence"][0] == "birth_date"

    response = client.post(
        f"/api/v1/duplicates/{pair.pk}/merge",
        json.dumps({"survivor": "second", "first_version": 1, "second_version": 5}),
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"

    response = client.post(
        f"/api/v1/duplicates/{pair.pk}/merge",
        json.dumps(
            {
                "survivor": "second",
                "first_version": 1,
                "second_version": 1,
                "choices": {"first_name_latin": "merged", "cin": "merged"},
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == pair.second_id
    assert body["cin"] == "AB123456"
    assert body["first_name_latin"] == "Fatima Zahra"
    assert sorted(body["phones"]) == ["+212612345678", "+212661111111"]

    response = client.get(f"/api/v1/beneficiaries/{pair.first_id}")
    assert response.status_code == 301
    assert response["Location"] == f"/api/v1/beneficiaries/{pair.second_id}"
    assert response.json()["merged_into"] == pair.second_id

    response = client.post(
        f"/api/v1/duplicates/{outside_pair.pk}/not-duplicate",
        json.dumps({"reason": "Not her"}),
        content_type="application/json",
    )
    assert response.status_code == 404


def test_the_api_dismisses_with_a_reason(
    cast: Cast, api_client: Callable[..., Client], pair: DuplicatePair
) -> None:
    client = api_client(cast.coordinator)
    url = f"/api/v1/duplicates/{pair.pk}/not-duplicate"
    response = client.post(url, json.dumps({"reason": ""}), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "reason"

    response = client.post(url, json.dumps({"reason": "Twins"}), content_type="application/json")
    assert response.json()["status"] == "not_duplicate"
    response = client.post(url, json.dumps({"reason": "Twins"}), content_type="application/json")
    assert response.status_code == 409
