"""The pages: the form generated from the definition, the result with its change, the history
and comparison, her file's section; all in French by default."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from irtiqaa.accounts.models import User
from irtiqaa.assessments.models import Assessment, Instrument
from irtiqaa.assessments.tests.permissions import REINTEGRATION_ANSWERS
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.conftest import Cast


def _posted(answers: dict[str, Any], taken_on: str = "2026-07-01") -> dict[str, Any]:
    data: dict[str, Any] = {"taken_on": taken_on}
    for code, value in answers.items():
        data[code] = value if isinstance(value, list) else str(value)
    return data


def _new_url(woman: Beneficiary, code: str = "reintegration-index") -> str:
    return reverse("assessments:new", kwargs={"pk": woman.pk}) + f"?instrument={code}"


def test_choosing_an_instrument(
    login: Callable[[User], Client], cast: Cast, woman: Beneficiary, reintegration: Instrument
) -> None:
    page = login(cast.advisor).get(reverse("assessments:new", kwargs={"pk": woman.pk}))
    assert page.status_code == 200
    assert "Indice de durabilité de la réintégration" in page.content.decode()
    assert "?instrument=readiness-diagnostic" in page.content.decode()


def test_the_form_speaks_french_by_default_and_arabic_right_to_left(
    login: Callable[[User], Client], cast: Cast, woman: Beneficiary, reintegration: Instrument
) -> None:
    client = login(cast.advisor)
    page = client.get(_new_url(woman)).content.decode()
    assert "Ces trois derniers mois, avez-vous eu un revenu régulier ?" in page
    assert 'type="radio"' in page and 'type="checkbox"' in page
    client.cookies["irtiqaa_language"] = "ar"
    page = client.get(_new_url(woman)).content.decode()
    assert 'dir="rtl"' in page
    assert "أين تسكنين؟" in page


def test_recording_through_the_form_shows_the_result(
    login: Callable[[User], Client], cast: Cast, woman: Beneficiary, reintegration: Instrument
) -> None:
    response = login(cast.advisor).post(_new_url(woman), _posted(REINTEGRATION_ANSWERS))
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:detail", kwargs={"pk": assessment.pk})
    page = login(cast.advisor).get(response["Location"]).content.decode()
    assert "Psychosociale" in page and "0,80" in page  # French decimal comma
    assert "Où vivez-vous ?" in page and "Chez la famille, sans loyer" in page


def test_on_error_the_question_is_named_and_the_answers_are_kept(
    login: Callable[[User], Client], cast: Cast, woman: Beneficiary, reintegration: Instrument
) -> None:
    answers = {**REINTEGRATION_ANSWERS, "months_without_income": "40"}
    del answers["housing"]
    response = login(cast.advisor).post(_new_url(woman), _posted(answers))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Où vivez-vous ?" in page.split('id="q-housing"')[1].split('class="error"')[1]
    assert 'value="40"' in page  # her answers are still there
    assert 'value="most_months"' in page and "checked" in page.split('value="most_months"')[1][:40]
    assert not Assessment.objects.exists()


def test_the_result_shows_the_change_since_the_previous_assessment(
    login: Callable[[User], Client],
    cast: Cast,
    woman: Beneficiary,
    reintegration: Instrument,
    record: Callable[..., Assessment],
) -> None:
    baseline = {**REINTEGRATION_ANSWERS, "season_savings": "none_brought", "stress": 5}
    record(woman, reintegration, baseline, taken_on=datetime.date(2026, 1, 10))
    later = record(woman, reintegration, taken_on=datetime.date(2026, 7, 1))
    page = login(cast.advisor).get(reverse("assessments:detail", kwargs={"pk": later.pk}))
    text = page.content.decode()
    assert 'class="move up"' in text and "+0,11" in text  # economic: savings 0 → 0.5, weight 2/9
    assert "10/01/2026" in text


def test_history_compares_any_two(
    login: Callable[[User], Client],
    cast: Cast,
    woman: Beneficiary,
    reintegration: Instrument,
    readiness: Instrument,
    record: Callable[..., Assessment],
) -> None:
    first = record(woman, reintegration, taken_on=datetime.date(2025, 1, 10))
    record(woman, reintegration, taken_on=datetime.date(2025, 7, 10))
    third = record(
        woman,
        reintegration,
        {**REINTEGRATION_ANSWERS, "debts": "behind"},
        taken_on=datetime.date(2026, 7, 1),
    )
    diagnostic = record(woman, readiness)
    client = login(cast.advisor)
    url = reverse("assessments:history", kwargs={"pk": woman.pk})
    page = client.get(url, {"a": third.pk, "b": first.pk}).content.decode()
    assert 'class="move down"' in page and "10/01/2025 → 01/07/2026" in page
    page = client.get(url, {"a": first.pk, "b": diagnostic.pk}).content.decode()
    assert 'class="alert error"' in page


def test_the_outsider_is_not_found(
    login: Callable[[User], Client],
    cast: Cast,
    outsider_woman: Beneficiary,
    reintegration: Instrument,
    record: Callable[..., Assessment],
) -> None:
    assessment = record(outsider_woman, reintegration, actor=cast.advisor_settat)
    client = login(cast.advisor)
    assert (
        client.get(reverse("assessments:detail", kwargs={"pk": assessment.pk})).status_code == 404
    )
    assert client.post(_new_url(outsider_woman), _posted(REINTEGRATION_ANSWERS)).status_code == 404
    assert Assessment.objects.count() == 1


def test_reading_a_result_is_audited_as_opening_her_file(
    login: Callable[[User], Client],
    cast: Cast,
    woman: Beneficiary,
    reintegration: Instrument,
    record: Callable[..., Assessment],
) -> None:
    from irtiqaa.audit.models import AuditEvent

    assessment = record(woman, reintegration)
    login(cast.advisor).get(reverse("assessments:detail", kwargs={"pk": assessment.pk}))
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW, beneficiary_id=woman.pk, actor=cast.advisor
    ).exists()


def _file_queries(client: Client, woman: Beneficiary) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("beneficiaries:file", kwargs={"pk": woman.pk}))
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("instrument_code", ["reintegration-index"])
def test_her_file_shows_the_latest_of_each_instrument_in_constant_queries(
    login: Callable[[User], Client],
    cast: Cast,
    woman: Beneficiary,
    reintegration: Instrument,
    readiness: Instrument,
    record: Callable[..., Assessment],
    instrument_code: str,
) -> None:
    client = login(cast.advisor)
    record(woman, reintegration, taken_on=datetime.date(2024, 1, 1))
    record(woman, readiness, taken_on=datetime.date(2024, 1, 1))
    few, page = _file_queries(client, woman)
    assert "Diagnostic d'aptitude entrepreneuriale" in page.replace("&#x27;", "'")
    for day in range(18):
        record(woman, reintegration, taken_on=datetime.date(2024, 2, 1) + datetime.timedelta(day))
    many, page = _file_queries(client, woman)
    assert many == few
    assert "Indice de durabilité de la réintégration" in page
    assert 'class="move' in page  # the change since the previous one


def test_interview_notes_are_read_only_by_her_advisors_and_coordinator(
    cast: Cast,
    woman: Beneficiary,
    reintegration: Instrument,
    record: Callable[..., Assessment],
    login: Callable[..., Client],
    api_client: Callable[..., Client],
) -> None:
    secret = "Elle confie des violences au retour."
    assessment = record(woman, reintegration, {**REINTEGRATION_ANSWERS, "notes": secret})

    for role, reads in (("advisor", True), ("coordinator", True), ("national", False)):
        user = cast.by_role()[role]
        page = login(user).get(f"/assessments/{assessment.pk}/").content.decode()
        assert (secret in page) is reads, role
        detail = api_client(user).get(f"/api/v1/assessments/{assessment.pk}").json()
        listed = api_client(user).get(f"/api/v1/assessments?beneficiary={woman.pk}").json()
        assert ("notes" in detail["answers"]) is reads, role
        assert (secret in str(listed)) is reads, role
    assert (
        "Une note est enregistrée"
        in login(cast.national).get(f"/assessments/{assessment.pk}/").content.decode()
    )
