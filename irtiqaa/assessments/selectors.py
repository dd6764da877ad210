"""Reads of this app. Every function takes the acting user and returns only her scope."""

from typing import Any

from django.db.models import Max, Q, QuerySet
from django.http import Http404

from irtiqaa.accounts.models import CASEWORK_ROLES, Role, User
from irtiqaa.assessments.models import Assessment, Instrument, InstrumentVersion
from irtiqaa.assessments.presentation import Result, result_of
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.selectors import beneficiaries_in_scope
from irtiqaa.lib.i18n import interface_language

# Instruments hold no personal data: the casework roles use them, analysts read them to
# interpret the figures, administrators configure them. Partners have no use for them.
INSTRUMENT_READERS = frozenset(CASEWORK_ROLES | {Role.ANALYST, Role.ADMIN})


def instrument_list(*, actor: User) -> QuerySet[Instrument]:
    """The instruments in use that have a published version, with its number as `current`."""
    if actor.role not in INSTRUMENT_READERS:
        return Instrument.objects.none()
    return (
        Instrument.objects.filter(is_active=True)
        .annotate(current=Max("versions__number"))
        .filter(current__isnull=False)
    )


def instrument_get(*, actor: User, code: str) -> Instrument:
    try:
        return instrument_list(actor=actor).get(code=code)
    except Instrument.DoesNotExist:
        raise Http404 from None


def instrument_current_version(instrument: Instrument) -> InstrumentVersion:
    version = instrument.versions.select_related("instrument").order_by("-number").first()
    if version is None:
        raise Http404
    return version


def assessments_in_scope(actor: User) -> QuerySet[Assessment]:
    return Assessment.objects.filter(beneficiary__in=beneficiaries_in_scope(actor))


def assessment_list(
    *, actor: User, beneficiary_id: int | None = None, instrument_code: str = ""
) -> QuerySet[Assessment]:
    assessments = assessments_in_scope(actor).select_related("instrument_version__instrument")
    if beneficiary_id:
        assessments = assessments.filter(beneficiary_id=beneficiary_id)
    if instrument_code:
        assessments = assessments.filter(instrument_version__instrument__code=instrument_code)
    return assessments


def assessment_get(*, actor: User, pk: int) -> Assessment:
    try:
        return (
            assessments_in_scope(actor)
            .select_related(
                "instrument_version__instrument", "beneficiary__home_agency", "recorded_by"
            )
            .get(pk=pk)
        )
    except (Assessment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def previous_of(assessment: Assessment) -> Assessment | None:
    """Her assessment with the same instrument (any version) taken just before this one."""
    return (
        Assessment.objects.filter(
            beneficiary_id=assessment.beneficiary_id,
            instrument_version__instrument_id=assessment.instrument_version.instrument_id,
        )
        .filter(
            Q(taken_on__lt=assessment.taken_on)
            | Q(taken_on=assessment.taken_on, pk__lt=assessment.pk)
        )
        .select_related("instrument_version__instrument")
        .order_by("-taken_on", "-id")
        .first()
    )


def history_of(beneficiary: Beneficiary) -> list[Assessment]:
    """All her assessments, newest first, for a woman already fetched within scope."""
    return list(
        beneficiary.assessments.select_related("instrument_version__instrument", "recorded_by")
    )


def file_section(*, actor: User, beneficiary: Beneficiary) -> dict[str, Any]:
    """What her file page shows of this app (template `_file_section.html`), for a woman
    already fetched within the actor's scope; a fixed number of queries."""
    assessments = list(
        beneficiary.assessments.select_related("instrument_version__instrument").defer(
            "answers", "instrument_version__definition"
        )
    )  # newest first
    latest: dict[int, Assessment] = {}
    previous: dict[int, Assessment] = {}
    for assessment in assessments:
        instrument_id = assessment.instrument_version.instrument_id
        if instrument_id not in latest:
            latest[instrument_id] = assessment
        elif instrument_id not in previous:
            previous[instrument_id] = assessment
    needed = {a.instrument_version_id for a in [*latest.values(), *previous.values()]}
    definitions = {
        v.pk: v.parsed()
        for v in InstrumentVersion.objects.filter(pk__in=needed).select_related("instrument")
    }
    language = interface_language()
    results: list[Result] = [
        result_of(
            assessment,
            definitions[assessment.instrument_version_id],
            language,
            previous=previous.get(instrument_id),
            with_answers=False,
        )
        for instrument_id, assessment in latest.items()
    ]
    return {"results": results, "count": len(assessments)}
