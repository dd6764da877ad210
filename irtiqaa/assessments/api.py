import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import CursorPagination, paginate

from irtiqaa.accounts.models import User
from irtiqaa.assessments import scoring, selectors, services
from irtiqaa.assessments.models import Assessment, Instrument
from irtiqaa.assessments.presentation import stored_scores
from irtiqaa.assessments.selectors import INSTRUMENT_READERS
from irtiqaa.audit.services import audit_list_read
from irtiqaa.beneficiaries.selectors import beneficiary_get
from irtiqaa.beneficiaries.services import beneficiary_file_opened
from irtiqaa.cases.selectors import NOTE_READERS
from irtiqaa.lib import problems
from irtiqaa.lib.decorators import casework_api, roles_api
from irtiqaa.lib.i18n import interface_language

router = Router(tags=["assessments"])


class InstrumentOut(Schema):
    code: str
    name_fr: str
    name_ar: str
    name_en: str
    version: int = Field(alias="current", description="The version new assessments use.")


class InstrumentDetailOut(InstrumentOut):
    published_at: datetime.datetime
    definition: dict[str, Any] = Field(
        description="Dimensions, questions, options, weights, wording in fr/ar/en, orientation rules (docs/instruments.md)."
    )


class AssessmentIn(Schema):
    beneficiary: int
    instrument: str = Field(description="The instrument's code, e.g. reintegration-index")
    taken_on: datetime.date
    answers: dict[str, Any] = Field(
        description="By question code: an option code (single, yes/no), a list of option codes (multiple), a number (number, scale) or text."
    )


class ReasonOut(Schema):
    dimension: str
    score: float | None = None
    at_least: float | None = None
    below: float | None = None


class ChangeOut(Schema):
    previous: int = Field(
        description="The assessment compared with: hers, same instrument, just before."
    )
    previous_taken_on: datetime.date
    dimensions: dict[str, float | None]
    composite: float | None


class AssessmentOut(Schema):
    id: int
    beneficiary: int = Field(alias="beneficiary_id")
    instrument: str = Field(alias="instrument_version.instrument.code")
    version: int = Field(alias="instrument_version.number")
    taken_on: datetime.date
    phase: str
    answers: dict[str, Any]
    scores: dict[str, float | None]
    composite: float | None
    orientation: str
    orientation_reasons: list[ReasonOut]
    created_at: datetime.datetime

    @staticmethod
    def resolve_scores(obj: Assessment) -> dict[str, float | None]:
        return dict(stored_scores(obj).dimensions)

    @staticmethod
    def resolve_answers(obj: Assessment, context: Any) -> dict[str, Any]:
        """Free-text answers are interview notes: left out for roles that may not read notes
        (the assessments listed are already within the actor's scope)."""
        if context["request"].user.role in NOTE_READERS:
            return obj.answers
        notes = {
            q.code
            for q in obj.instrument_version.parsed().questions
            if q.question.kind == scoring.Kind.TEXT
        }
        return {code: value for code, value in obj.answers.items() if code not in notes}


class AssessmentDetailOut(AssessmentOut):
    change: ChangeOut | None = Field(
        default=None, description="Since her previous assessment with the same instrument."
    )

    @staticmethod
    def resolve_change(obj: Assessment) -> dict[str, Any] | None:
        return _change_of(obj)


def _change_of(assessment: Assessment) -> dict[str, Any] | None:
    previous = selectors.previous_of(assessment)
    if previous is None:
        return None
    moves = scoring.change(stored_scores(previous), stored_scores(assessment))
    composite = moves.pop("composite")
    return {
        "previous": previous.pk,
        "previous_taken_on": previous.taken_on,
        "dimensions": moves,
        "composite": composite,
    }


@router.get(
    "/instruments", response=list[InstrumentOut], tags=["instruments"], summary="Instruments in use"
)
@roles_api(*INSTRUMENT_READERS)
def list_instruments(request: HttpRequest) -> Any:
    return list(selectors.instrument_list(actor=request.user))  # type: ignore[arg-type]


@router.get(
    "/instruments/{code}",
    response=InstrumentDetailOut,
    tags=["instruments"],
    summary="An instrument with the definition of its current version",
)
@roles_api(*INSTRUMENT_READERS)
def get_instrument(request: HttpRequest, code: str) -> Any:
    instrument: Instrument = selectors.instrument_get(actor=request.user, code=code)  # type: ignore[arg-type]
    version = selectors.instrument_current_version(instrument)
    return {
        "code": instrument.code,
        "name_fr": instrument.name_fr,
        "name_ar": instrument.name_ar,
        "name_en": instrument.name_en,
        "current": version.number,
        "published_at": version.published_at,
        "definition": version.definition,
    }


class AssessmentFilters(Schema):
    beneficiary: int | None = None
    instrument: str = ""


@router.get(
    "/assessments",
    response=list[AssessmentOut],
    summary="List assessments of women in your scope",
)
@paginate(CursorPagination, ordering=("id",))
@casework_api
def list_assessments(request: HttpRequest, filters: Query[AssessmentFilters]) -> Any:
    audit_list_read(
        actor=request.user, object_type="assessments.assessment", filters=filters.dict()
    )
    return selectors.assessment_list(
        actor=request.user,  # type: ignore[arg-type]
        beneficiary_id=filters.beneficiary,
        instrument_code=filters.instrument,
    )


@router.get(
    "/assessments/{int:assessment_id}",
    response=AssessmentDetailOut,
    summary="One assessment, with the change since her previous one",
)
@casework_api
def get_assessment(request: HttpRequest, assessment_id: int) -> Any:
    assessment = selectors.assessment_get(actor=request.user, pk=assessment_id)  # type: ignore[arg-type]
    beneficiary_file_opened(actor=request.user, beneficiary=assessment.beneficiary, via="api")  # type: ignore[arg-type]
    return assessment


def _answer_errors(error: ValidationError) -> problems.ProblemError:
    """The service's errors, with each question named as `answers.<code>`."""
    errors = []
    for item in problems.django_validation_errors(error):
        if item["field"] not in ("", "taken_on", "instrument"):
            item["field"] = f"answers.{item['field']}"
        errors.append(item)
    return problems.ProblemError(
        422, _("Invalid input"), _("Some fields are missing or wrong; see errors."), errors=errors
    )


@router.post(
    "/assessments",
    response={201: AssessmentDetailOut},
    summary="Record an assessment: its scores and orientation are computed",
)
@casework_api
def create_assessment(request: HttpRequest, payload: AssessmentIn) -> Any:
    user: User = request.user  # type: ignore[assignment]
    beneficiary = beneficiary_get(actor=user, pk=payload.beneficiary)
    try:
        instrument = selectors.instrument_get(actor=user, code=payload.instrument)
    except Http404:  # an unknown code is bad input here, not a missing page
        raise problems.ProblemError(
            422,
            _("Invalid input"),
            _("Some fields are missing or wrong; see errors."),
            errors=[{"field": "instrument", "message": _("No instrument in use has this code.")}],
        ) from None
    try:
        assessment = services.assessment_record(
            actor=user,
            beneficiary=beneficiary,
            instrument=instrument,
            taken_on=payload.taken_on,
            answers=payload.answers,
            language=interface_language(),
            via="api",
        )
    except ValidationError as error:
        raise _answer_errors(error) from None
    assessment = selectors.assessment_get(actor=user, pk=assessment.pk)
    return 201, assessment
