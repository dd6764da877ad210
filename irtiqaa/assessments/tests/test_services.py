"""Recording an assessment: scores with its version, refusals that name the question, scope,
consent, audit; and versions that never change once published."""

import copy
import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from irtiqaa.assessments import scoring, services
from irtiqaa.assessments.models import (
    Assessment,
    Instrument,
    InstrumentVersion,
    PublishedVersionError,
)
from irtiqaa.assessments.presentation import stored_scores
from irtiqaa.assessments.tests.conftest import READINESS_ANSWERS, REINTEGRATION_V1
from irtiqaa.assessments.tests.permissions import REINTEGRATION_ANSWERS
from irtiqaa.audit.models import AuditEvent
from irtiqaa.beneficiaries.models import Beneficiary, Consent
from irtiqaa.beneficiaries.services import ConsentInput, consent_record
from irtiqaa.cases.models import Case
from irtiqaa.conftest import Cast


def test_recording_stores_answers_scores_and_version(
    woman: Beneficiary, reintegration: Instrument, record: Callable[..., Assessment], cast: Cast
) -> None:
    assessment = record(woman, reintegration)
    assessment.refresh_from_db()
    assert assessment.instrument_version.number == 1
    assert assessment.answers["income_sources"] == ["farm_wage", "own_activity"]
    assert assessment.scores["dimensions"]["social"] == pytest.approx(0.72)
    assert assessment.composite == pytest.approx((5.55 / 9 + 0.72 + 0.8) / 3)
    assert assessment.orientation == ""
    assert assessment.recorded_by == cast.advisor
    event = AuditEvent.objects.get(object_type="assessments.assessment")
    assert event.action == AuditEvent.Action.CREATE and event.beneficiary_id == woman.pk
    assert "answers" in event.changed_fields


def test_the_readiness_diagnostic_stores_its_orientation_and_reasons(
    woman: Beneficiary, readiness: Instrument, record: Callable[..., Assessment]
) -> None:
    assessment = record(woman, readiness)
    assert assessment.orientation == "entrepreneurship"
    assert assessment.orientation_reasons[0] == {
        "dimension": "motivation",
        "at_least": 0.6,
        "below": None,
        "score": pytest.approx(0.85),
    }


def test_her_current_phase_is_kept_with_it(
    woman: Beneficiary, reintegration: Instrument, record: Callable[..., Assessment]
) -> None:
    assert record(woman, reintegration).phase == "pre_departure"  # opened at registration
    Case.objects.filter(beneficiary=woman).update(phase="post_return")
    woman = Beneficiary.objects.get(pk=woman.pk)
    assert record(woman, reintegration).phase == "post_return"


@pytest.mark.parametrize(
    ("change", "question", "words"),
    [
        ({"debts": None}, "debts", "Avez-vous des dettes en ce moment ?"),
        ({"housing": "castle"}, "housing", "Où vivez-vous ?"),
        ({"months_without_income": 40}, "months_without_income", "0 et 12"),
    ],
)
def test_bad_answers_are_refused_naming_the_question_and_nothing_is_stored(
    woman: Beneficiary,
    reintegration: Instrument,
    record: Callable[..., Assessment],
    change: dict[str, object],
    question: str,
    words: str,
) -> None:
    with pytest.raises(ValidationError) as error:
        record(woman, reintegration, {**REINTEGRATION_ANSWERS, **change})
    assert list(error.value.message_dict) == [question]
    assert words in error.value.message_dict[question][0]
    assert not Assessment.objects.exists()


def test_a_future_date_is_refused(
    woman: Beneficiary, reintegration: Instrument, record: Callable[..., Assessment]
) -> None:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        record(woman, reintegration, taken_on=tomorrow)
    assert "taken_on" in error.value.message_dict


def test_withdrawn_consent_blocks_recording(
    woman: Beneficiary, reintegration: Instrument, record: Callable[..., Assessment], cast: Cast
) -> None:
    consent_record(
        actor=cast.advisor,
        beneficiary=woman,
        purpose=Consent.Purpose.ACCOMPANIMENT,
        given=False,
        consent=ConsentInput(method=Consent.Method.SIGNED_FORM, text_version="2026-01"),
    )
    with pytest.raises(ValidationError, match="retiré son consentement"):
        record(woman, reintegration)
    assert not Assessment.objects.exists()


def test_an_advisor_cannot_assess_a_woman_outside_her_agency(
    outsider_woman: Beneficiary, reintegration: Instrument, record: Callable[..., Assessment]
) -> None:
    with pytest.raises(PermissionDenied):
        record(outsider_woman, reintegration)


def test_an_instrument_out_of_use_takes_no_new_assessment(
    woman: Beneficiary, reintegration: Instrument, record: Callable[..., Assessment]
) -> None:
    reintegration.is_active = False
    reintegration.save()
    with pytest.raises(ValidationError) as error:
        record(woman, reintegration)
    assert "instrument" in error.value.message_dict


def _v2() -> dict[str, object]:
    """Economic weighs three times as much; savings left are worth less; a question more."""
    data = copy.deepcopy(REINTEGRATION_V1)
    data["dimensions"][0]["weight"] = 3
    savings = next(q for q in data["questions"] if q["code"] == "season_savings")
    for option in savings["options"]:
        if option["code"] == "some_left":
            option["score"] = 0.2
    return data


def test_changing_an_instrument_never_changes_a_stored_response(
    woman: Beneficiary, reintegration: Instrument, record: Callable[..., Assessment], cast: Cast
) -> None:
    before = record(woman, reintegration)
    v2 = services.instrument_version_publish(
        actor=cast.national, instrument=reintegration, definition=_v2()
    )
    assert v2.number == 2
    after = record(woman, reintegration)
    assert after.instrument_version == v2

    stored = Assessment.objects.get(pk=before.pk)
    assert stored.instrument_version.number == 1
    rescored = scoring.score(stored.instrument_version.parsed().instrument, stored.answers)
    assert rescored.dimensions == pytest.approx(dict(stored_scores(stored).dimensions))
    assert rescored.composite == pytest.approx(stored.composite)
    assert stored.composite == pytest.approx((5.55 / 9 + 0.72 + 0.8) / 3)
    # The same answers under v2: savings worth 0.2 instead of 0.5, economic weighs 3.
    economic_v2 = (5.55 - 0.3 * 2) / 9
    assert after.scores["dimensions"]["economic"] == pytest.approx(economic_v2)
    assert after.composite == pytest.approx((economic_v2 * 3 + 0.72 + 0.8) / 5)


def test_a_published_version_cannot_be_changed(reintegration: Instrument) -> None:
    version = InstrumentVersion.objects.get(instrument=reintegration, number=1)
    version.definition = _v2()
    with pytest.raises(PublishedVersionError):
        version.save()
    version.refresh_from_db()
    assert version.definition["dimensions"][0]["weight"] == 1


def test_publishing_checks_the_definition_and_the_role(
    reintegration: Instrument, cast: Cast
) -> None:
    with pytest.raises(ValidationError) as error:
        services.instrument_version_publish(
            actor=cast.national, instrument=reintegration, definition={"dimensions": []}
        )
    assert "definition" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.instrument_version_publish(
            actor=cast.advisor, instrument=reintegration, definition=_v2()
        )
    assert reintegration.versions.count() == 1


def test_readiness_answers_fixture_is_complete(readiness: Instrument) -> None:
    parsed = readiness.versions.get().parsed()
    assert set(READINESS_ANSWERS) == {q.code for q in parsed.questions if q.kind != "text"}


def test_a_future_date_and_missing_answers_are_reported_together(
    woman: Beneficiary, reintegration: Instrument, record: Callable[..., Assessment]
) -> None:
    with pytest.raises(ValidationError) as refused:
        record(woman, reintegration, {}, taken_on=datetime.date.today() + datetime.timedelta(3))

    fields = refused.value.message_dict
    assert "taken_on" in fields and "income_regularity" in fields


def test_scores_are_rounded_not_cut() -> None:
    from django.utils import translation

    from irtiqaa.assessments.presentation import score_text

    with translation.override("fr"):
        assert score_text(0.6689) == "0,67"
