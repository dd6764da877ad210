"""The JSON API: instruments, assessments recorded with computed scores, the change since the
previous one, errors naming the question, scope."""

import datetime
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from irtiqaa.accounts.models import User
from irtiqaa.assessments.models import Assessment, Instrument
from irtiqaa.assessments.tests.conftest import READINESS_ANSWERS
from irtiqaa.assessments.tests.permissions import REINTEGRATION_ANSWERS
from irtiqaa.audit.models import AuditEvent
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.conftest import Cast


def _post(client: Client, body: dict[str, Any]) -> Any:
    return client.post("/api/v1/assessments", json.dumps(body), content_type="application/json")


def test_instruments_with_the_current_definition(
    api_client: Callable[[User], Client], cast: Cast, reintegration: Instrument
) -> None:
    client = api_client(cast.advisor)
    listed = client.get("/api/v1/instruments").json()
    assert {i["code"] for i in listed} == {"reintegration-index", "readiness-diagnostic"}
    detail = client.get("/api/v1/instruments/readiness-diagnostic").json()
    assert detail["version"] == 1
    assert detail["definition"]["orientation_rules"][0]["orientation"] == "entrepreneurship"
    assert client.get("/api/v1/instruments/unknown").status_code == 404


def test_recording_returns_the_computed_scores_and_orientation(
    api_client: Callable[[User], Client], cast: Cast, woman: Beneficiary, readiness: Instrument
) -> None:
    response = _post(
        api_client(cast.advisor),
        {
            "beneficiary": woman.pk,
            "instrument": "readiness-diagnostic",
            "taken_on": "2026-07-02",
            "answers": READINESS_ANSWERS,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["version"] == 1 and body["instrument"] == "readiness-diagnostic"
    assert body["scores"]["motivation"] == pytest.approx(0.85)
    assert body["orientation"] == "entrepreneurship"
    assert body["orientation_reasons"][3]["dimension"] == "savings"
    assert body["change"] is None


def test_bad_answers_are_problem_details_naming_the_question(
    api_client: Callable[[User], Client], cast: Cast, woman: Beneficiary, reintegration: Instrument
) -> None:
    answers = {**REINTEGRATION_ANSWERS, "housing": "castle"}
    del answers["debts"]
    response = _post(
        api_client(cast.advisor),
        {
            "beneficiary": woman.pk,
            "instrument": "reintegration-index",
            "taken_on": "2026-07-02",
            "answers": answers,
        },
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert set(errors) == {"answers.housing", "answers.debts"}
    assert "Où vivez-vous ?" in errors["answers.housing"]
    assert not Assessment.objects.exists()


def test_an_unknown_instrument_is_bad_input(
    api_client: Callable[[User], Client], cast: Cast, woman: Beneficiary
) -> None:
    response = _post(
        api_client(cast.advisor),
        {"beneficiary": woman.pk, "instrument": "iq", "taken_on": "2026-07-02", "answers": {}},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "instrument"


def test_detail_has_the_change_since_the_previous_one_and_is_audited(
    api_client: Callable[[User], Client],
    cast: Cast,
    woman: Beneficiary,
    reintegration: Instrument,
    record: Callable[..., Assessment],
) -> None:
    first = record(
        woman,
        reintegration,
        {**REINTEGRATION_ANSWERS, "debts": "behind"},
        taken_on=datetime.date(2026, 1, 5),
    )
    second = record(woman, reintegration)
    body = api_client(cast.advisor).get(f"/api/v1/assessments/{second.pk}").json()
    assert body["change"]["previous"] == first.pk
    assert body["change"]["dimensions"]["economic"] == pytest.approx(0.7 / 9)
    assert body["change"]["dimensions"]["social"] == pytest.approx(0)
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW, beneficiary_id=woman.pk, via="api"
    ).exists()


def test_the_list_is_scoped_and_filtered(
    api_client: Callable[[User], Client],
    cast: Cast,
    woman: Beneficiary,
    outsider_woman: Beneficiary,
    reintegration: Instrument,
    readiness: Instrument,
    record: Callable[..., Assessment],
) -> None:
    mine = record(woman, reintegration)
    record(woman, readiness)
    theirs = record(outsider_woman, reintegration, actor=cast.advisor_settat)
    client = api_client(cast.advisor)
    listed = client.get("/api/v1/assessments").json()["results"]
    assert theirs.pk not in {a["id"] for a in listed} and len(listed) == 2
    filtered = client.get(
        "/api/v1/assessments", {"beneficiary": woman.pk, "instrument": "reintegration-index"}
    ).json()["results"]
    assert [a["id"] for a in filtered] == [mine.pk]
    assert client.get(f"/api/v1/assessments/{theirs.pk}").status_code == 404
    response = _post(
        client,
        {
            "beneficiary": outsider_woman.pk,
            "instrument": "reintegration-index",
            "taken_on": "2026-07-02",
            "answers": REINTEGRATION_ANSWERS,
        },
    )
    assert response.status_code == 404
