"""The beneficiaries API: same validation, scopes and locking as the pages; problem details."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from irtiqaa.audit.models import AuditEvent
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.conftest import Cast


def registration(cast: Cast, **overrides: Any) -> dict[str, Any]:
    body = {
        "first_name_latin": "Rkia",
        "last_name_latin": "Ouhammou",
        "first_name_ar": "رقية",
        "last_name_ar": "أوحمو",
        "birth_date": "1985-04-12",
        "cin": "gk123456",
        "phones": ["06 12 34 56 78"],
        "province": "kenitra",
        "marital_status": "married",
        "children_count": 2,
        "children_ages": [5, 9],
        "education_level": "none",
        "languages": ["darija"],
        "home_agency": cast.kenitra.pk,
        "assigned_advisor": cast.advisor.pk,
        "consent": {
            "method": "signed_form",
            "text_version": "2026-01",
            "purposes": ["accompaniment", "statistics"],
        },
    }
    body.update(overrides)
    return body


def post(client: Client, path: str, body: Any) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json")


def test_register_and_read_back(cast: Cast, api_client: Callable[..., Client]) -> None:
    client = api_client(cast.advisor)
    response = post(client, "/api/v1/beneficiaries", registration(cast))
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["cin"] == "GK123456" and created["phones"] == ["+212612345678"]
    assert created["consents"] == {"accompaniment": True, "statistics": True}
    assert created["children_ages"] == [9, 5] and created["version"] == 1
    detail = client.get(f"/api/v1/beneficiaries/{created['id']}")
    assert detail.status_code == 200 and detail.json()["last_name_ar"] == "أوحمو"
    assert AuditEvent.objects.filter(
        action="view", via="api", beneficiary_id=created["id"]
    ).exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"cin": "123"}, "cin"),
        ({"phones": ["12"]}, "phones"),
        ({"birth_date": "2099-01-01"}, "birth_date"),
        ({"birth_date": "yesterday"}, "birth_date"),
        ({"first_name_latin": "<b>x</b>"}, "first_name_latin"),
        ({"province": "atlantis"}, "province"),
        ({"children_count": "many"}, "children_count"),
        ({"marital_status": "complicated"}, "marital_status"),
        (
            {
                "consent": {
                    "method": "signed_form",
                    "text_version": "2026-01",
                    "purposes": ["statistics"],
                }
            },
            "consent.purposes",
        ),
        (
            {
                "consent": {
                    "method": "oral_with_witness",
                    "text_version": "2026-01",
                    "purposes": ["accompaniment"],
                }
            },
            "consent.witness_name",
        ),
        ({"skills": "x" * 5000}, "skills"),
    ],
)
def test_bad_input_is_a_problem_naming_the_field(
    cast: Cast, api_client: Callable[..., Client], overrides: dict[str, Any], field: str
) -> None:
    response = post(
        api_client(cast.advisor), "/api/v1/beneficiaries", registration(cast, **overrides)
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422 and problem["title"]
    assert field in [e["field"] for e in problem["errors"]], problem
    assert not Beneficiary.objects.exists()


def test_missing_fields_are_named(cast: Cast, api_client: Callable[..., Client]) -> None:
    response = post(api_client(cast.advisor), "/api/v1/beneficiaries", {"first_name_latin": "Rkia"})
    assert response.status_code == 422
    named = {e["field"] for e in response.json()["errors"]}
    assert {
        "birth_date",
        "province",
        "marital_status",
        "education_level",
        "home_agency",
        "consent",
    } <= named


def test_malformed_json_is_a_problem(cast: Cast, api_client: Callable[..., Client]) -> None:
    response = api_client(cast.advisor).post(
        "/api/v1/beneficiaries", "{not json", content_type="application/json"
    )
    assert (
        response.status_code in (400, 422)
        and response["Content-Type"] == "application/problem+json"
    )


def test_possible_duplicates_answer_409_until_a_reason_is_given(
    cast: Cast, api_client: Callable[..., Client], woman: Beneficiary
) -> None:
    client = api_client(cast.advisor)
    response = post(client, "/api/v1/beneficiaries", registration(cast, cin=woman.cin))
    assert response.status_code == 409
    assert response.json()["candidates"][0]["id"] == woman.pk
    saved = post(
        client,
        "/api/v1/beneficiaries",
        registration(cast, cin=woman.cin, duplicate_reason="Her twin sister"),
    )
    assert saved.status_code == 201


def test_patch_with_a_stale_version_is_a_conflict(
    cast: Cast, api_client: Callable[..., Client], woman: Beneficiary
) -> None:
    client = api_client(cast.advisor)
    path = f"/api/v1/beneficiaries/{woman.pk}"
    first = client.patch(
        path, json.dumps({"version": 1, "commune": "Sidi Taibi"}), content_type="application/json"
    )
    assert first.status_code == 200 and first.json()["version"] == 2
    second = client.patch(
        path, json.dumps({"version": 1, "skills": "Tissage"}), content_type="application/json"
    )
    assert second.status_code == 409 and second["Content-Type"] == "application/problem+json"
    woman.refresh_from_db()
    assert woman.commune == "Sidi Taibi" and woman.skills == "Couture"


def test_patch_validates_like_the_form(
    cast: Cast, api_client: Callable[..., Client], woman: Beneficiary
) -> None:
    response = api_client(cast.advisor).patch(
        f"/api/v1/beneficiaries/{woman.pk}",
        json.dumps({"version": 1, "cin": "??"}),
        content_type="application/json",
    )
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "cin"


def test_cursor_pagination_walks_the_whole_scope_once(
    cast: Cast,
    api_client: Callable[..., Client],
    register: Callable[..., Beneficiary],
    outsider_woman: Beneficiary,
) -> None:
    created = {
        register(first_name_latin=f"Amina{chr(97 + i)}", cin="", phones=()).pk for i in range(7)
    }
    client = api_client(cast.advisor)
    seen, url = [], "/api/v1/beneficiaries?page_size=3"
    while url:
        page = client.get(url).json()
        seen.extend(item["id"] for item in page["results"])
        url = page["next"] and page["next"].replace("http://testserver", "")
    assert sorted(seen) == sorted(created) and outsider_woman.pk not in seen


def test_search_filter(cast: Cast, api_client: Callable[..., Client], woman: Beneficiary) -> None:
    client = api_client(cast.advisor)
    assert [b["id"] for b in client.get("/api/v1/beneficiaries?q=فاطمة").json()["results"]] == [
        woman.pk
    ]
    assert client.get("/api/v1/beneficiaries?q=nobody").json()["results"] == []


def test_a_revoked_or_unknown_token_is_refused(
    cast: Cast, api_client: Callable[..., Client]
) -> None:
    from django.utils import timezone

    from irtiqaa.accounts.models import ApiToken

    client = api_client(cast.advisor)
    assert client.get("/api/v1/beneficiaries").status_code == 200
    ApiToken.objects.update(revoked_at=timezone.now())
    assert client.get("/api/v1/beneficiaries").status_code == 401
    assert (
        Client(HTTP_AUTHORIZATION="Bearer nonsense").get("/api/v1/beneficiaries").status_code == 401
    )


def test_openapi_document_and_docs_are_served(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/beneficiaries" in paths and "/api/v1/participations" in paths
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and b"swagger" in docs.content.lower()
    assert b"cdn.jsdelivr" not in docs.content  # served from our own static files
