import copy
import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import CursorPagination, paginate

from irtiqaa.accounts.models import User
from irtiqaa.audit.services import audit_list_read
from irtiqaa.beneficiaries.selectors import beneficiary_get
from irtiqaa.beneficiaries.services import beneficiary_file_opened
from irtiqaa.cases import selectors, services
from irtiqaa.cases.forms import InteractionForm
from irtiqaa.cases.models import Case, Interaction, Phase, Topic
from irtiqaa.lib import problems
from irtiqaa.lib.decorators import casework_api, roles_api
from irtiqaa.organisations.models import OrganisationUnit

router = Router(tags=["cases"])


# ---- schemas ----


class PhaseChangeOut(Schema):
    from_phase: str
    to_phase: str
    cause: str
    note: str
    changed_by: int | None = Field(alias="changed_by_id")
    changed_at: datetime.datetime


class CaseSummary(Schema):
    beneficiary: int = Field(alias="beneficiary_id")
    phase: str
    phase_since: datetime.datetime
    opened_at: datetime.datetime
    closure_pending: bool
    closure_requested_reason: str
    closure_reason: str
    closed_at: datetime.datetime | None
    version: int


class CaseOut(CaseSummary):
    closure_requested_note: str
    closure_requested_by: int | None = Field(alias="closure_requested_by_id")
    closure_requested_at: datetime.datetime | None
    closure_refusal_note: str
    closure_refused_at: datetime.datetime | None
    phase_changes: list[PhaseChangeOut]

    @staticmethod
    def resolve_phase_changes(obj: Case) -> list[Any]:
        return list(obj.phase_changes.all())


class PhaseIn(Schema):
    version: int = Field(description="The case version you read; a newer one answers 409.")
    phase: str = Field(
        description="pre_departure, in_season, post_return, entrepreneurship, post_creation"
    )
    note: str = ""


class ClosureIn(Schema):
    version: int
    reason: str = Field(
        description="activity_stable, wage_employment, withdrew, moved_away, unreachable, other "
        "(other needs a note)"
    )
    note: str = ""


class ClosureDecisionIn(Schema):
    version: int
    approve: bool
    note: str = Field(default="", description="Required when refusing.")


class ReopeningIn(Schema):
    version: int
    phase: str
    note: str


class TransferIn(Schema):
    to_agency: int
    reason: str
    advisor: int | None = Field(
        default=None, description="An advisor of the new agency; without one she is unassigned."
    )


class TransferOut(Schema):
    id: int
    beneficiary: int = Field(alias="beneficiary_id")
    from_agency: int = Field(alias="from_agency_id")
    to_agency: int = Field(alias="to_agency_id")
    reason: str
    transferred_by: int | None = Field(alias="transferred_by_id")
    transferred_at: datetime.datetime


class InteractionIn(Schema):
    beneficiary: int
    kind: str = Field(description="meeting, call, home_visit, workshop, message")
    occurred_on: datetime.date
    duration_minutes: int | None = None
    present: str = ""
    topics: list[str] = Field(default_factory=list, description="Topic codes (GET /topics)")
    notes: str | None = Field(
        default=None, description="Only her advisors and coordinator may write notes."
    )
    next_step: str = ""
    next_step_on: datetime.date | None = None


class InteractionPatch(Schema):
    version: int = Field(description="The version you read; a newer one answers 409.")
    kind: str | None = None
    occurred_on: datetime.date | None = None
    duration_minutes: int | None = None
    present: str | None = None
    topics: list[str] | None = None
    notes: str | None = None
    next_step: str | None = None
    next_step_on: datetime.date | None = None


def _reads_notes(obj: Interaction, context: Any) -> bool:
    request = context["request"]
    return selectors.may_read_notes(request.user, obj.beneficiary)


class InteractionOut(Schema):
    id: int
    beneficiary: int = Field(alias="beneficiary_id")
    kind: str
    occurred_on: datetime.date
    duration_minutes: int | None
    present: str
    topics: list[str]
    notes: str | None = Field(description="null when you may not read it (see notes_hidden)")
    notes_hidden: bool = Field(description="A note exists that your role may not read.")
    next_step: str
    next_step_on: datetime.date | None
    workshop: int | None = Field(alias="workshop_id")
    phase: str
    recorded_by: int | None = Field(alias="recorded_by_id")
    created_at: datetime.datetime
    version: int

    @staticmethod
    def resolve_topics(obj: Interaction) -> list[str]:
        return [topic.code for topic in obj.topics.all()]

    @staticmethod
    def resolve_notes(obj: Interaction, context: Any) -> str | None:
        return obj.notes if _reads_notes(obj, context) else None

    @staticmethod
    def resolve_notes_hidden(obj: Interaction, context: Any) -> bool:
        return bool(obj.notes) and not _reads_notes(obj, context)


class TopicOut(Schema):
    code: str
    label: str
    label_fr: str
    label_ar: str
    label_en: str
    is_active: bool


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _invalid(errors: list[dict[str, str]]) -> problems.ProblemError:
    return problems.ProblemError(
        422, _("Invalid input"), _("Some fields are missing or wrong; see errors."), errors=errors
    )


def _field_error(field: str, message: str) -> problems.ProblemError:
    return _invalid([{"field": field, "message": message}])


# ---- cases ----


class CaseFilters(Schema):
    phase: str = ""
    closure_pending: bool | None = None


@router.get("/cases", response=list[CaseSummary], summary="List cases of women in your scope")
@paginate(CursorPagination, ordering=("id",))
@casework_api
def list_cases(request: HttpRequest, filters: Query[CaseFilters]) -> Any:
    if filters.phase and filters.phase not in Phase.values:
        raise _field_error("phase", _("Choose one of the phases offered."))
    audit_list_read(actor=request.user, object_type="cases.case", filters=filters.dict())
    return selectors.case_list(
        actor=_user(request), phase=filters.phase, closure_pending=filters.closure_pending
    )


def _case_read(request: HttpRequest, beneficiary_id: int) -> Case:
    case = selectors.case_get(actor=_user(request), beneficiary_id=beneficiary_id)
    beneficiary_file_opened(actor=_user(request), beneficiary=case.beneficiary, via="api")
    return case


def _fresh_case(request: HttpRequest, beneficiary_id: int) -> Case:
    return selectors.case_get(actor=_user(request), beneficiary_id=beneficiary_id)


@router.get("/cases/{int:beneficiary_id}", response=CaseOut, summary="Her case and its phases")
@casework_api
def get_case(request: HttpRequest, beneficiary_id: int) -> Any:
    return _case_read(request, beneficiary_id)


@router.post(
    "/cases/{int:beneficiary_id}/phase", response=CaseOut, summary="Decide her case's phase"
)
@casework_api
def change_phase(request: HttpRequest, beneficiary_id: int, payload: PhaseIn) -> Any:
    beneficiary = beneficiary_get(actor=_user(request), pk=beneficiary_id)
    services.case_change_phase(
        actor=_user(request),
        beneficiary=beneficiary,
        phase=payload.phase,
        note=payload.note,
        expected_version=payload.version,
        via="api",
    )
    return _fresh_case(request, beneficiary_id)


@router.post(
    "/cases/{int:beneficiary_id}/closure",
    response=CaseOut,
    summary="Close her case (or request its closure where approval is needed)",
)
@casework_api
def close_case(request: HttpRequest, beneficiary_id: int, payload: ClosureIn) -> Any:
    beneficiary = beneficiary_get(actor=_user(request), pk=beneficiary_id)
    services.case_close(
        actor=_user(request),
        beneficiary=beneficiary,
        reason=payload.reason,
        note=payload.note,
        expected_version=payload.version,
        via="api",
    )
    return _fresh_case(request, beneficiary_id)


@router.post(
    "/cases/{int:beneficiary_id}/closure/decision",
    response=CaseOut,
    summary="Approve or refuse a requested closure (coordinator, national)",
)
@roles_api(*selectors.CLOSURE_APPROVERS)
def decide_closure(request: HttpRequest, beneficiary_id: int, payload: ClosureDecisionIn) -> Any:
    beneficiary = beneficiary_get(actor=_user(request), pk=beneficiary_id)
    services.case_decide_closure(
        actor=_user(request),
        beneficiary=beneficiary,
        approve=payload.approve,
        note=payload.note,
        expected_version=payload.version,
        via="api",
    )
    return _fresh_case(request, beneficiary_id)


@router.post(
    "/cases/{int:beneficiary_id}/reopening", response=CaseOut, summary="Reopen a closed case"
)
@casework_api
def reopen_case(request: HttpRequest, beneficiary_id: int, payload: ReopeningIn) -> Any:
    beneficiary = beneficiary_get(actor=_user(request), pk=beneficiary_id)
    services.case_reopen(
        actor=_user(request),
        beneficiary=beneficiary,
        phase=payload.phase,
        note=payload.note,
        expected_version=payload.version,
        via="api",
    )
    return _fresh_case(request, beneficiary_id)


@router.post(
    "/cases/{int:beneficiary_id}/transfer",
    response=TransferOut,
    summary="Transfer her file to another agency",
)
@casework_api
def transfer_case(request: HttpRequest, beneficiary_id: int, payload: TransferIn) -> Any:
    user = _user(request)
    beneficiary = beneficiary_get(actor=user, pk=beneficiary_id)
    agency = OrganisationUnit.objects.filter(pk=payload.to_agency).first()
    advisor = None
    if payload.advisor is not None:
        advisor = User.objects.filter(pk=payload.advisor).first()
        if advisor is None:
            raise _field_error("advisor", _("The advisor must work in the new agency."))
    return services.case_transfer(
        actor=user,
        beneficiary=beneficiary,
        to_agency=agency,
        advisor=advisor,
        reason=payload.reason,
        via="api",
    )


# ---- interactions ----


class InteractionFilters(Schema):
    beneficiary: int | None = None


@router.get(
    "/interactions",
    response=list[InteractionOut],
    tags=["interactions"],
    summary="List interactions with women in your scope",
)
@paginate(CursorPagination, ordering=("-id",))
@casework_api
def list_interactions(request: HttpRequest, filters: Query[InteractionFilters]) -> Any:
    audit_list_read(actor=request.user, object_type="cases.interaction", filters=filters.dict())
    return selectors.interaction_list(actor=_user(request), beneficiary_id=filters.beneficiary)


@router.get(
    "/interactions/{int:interaction_id}",
    response=InteractionOut,
    tags=["interactions"],
    summary="One interaction",
)
@casework_api
def get_interaction(request: HttpRequest, interaction_id: int) -> Any:
    interaction = selectors.interaction_get(actor=_user(request), pk=interaction_id)
    beneficiary_file_opened(actor=_user(request), beneficiary=interaction.beneficiary, via="api")
    return interaction


def _form_data(values: dict[str, Any]) -> dict[str, Any]:
    """JSON fields → the web form's fields, so that both validate alike (topics by code)."""
    data = {k: ("" if v is None else v) for k, v in values.items() if k != "topics"}
    if "topics" in values:
        codes = values["topics"] or []
        topics = {t.code: t.pk for t in Topic.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in topics]
        if unknown:
            raise _field_error(
                "topics", _("Unknown topic: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        data["topics"] = [topics[code] for code in codes]
    return data


def _validated(form: InteractionForm) -> dict[str, Any]:
    if not form.is_valid():
        raise _invalid(problems.form_errors(form))
    return {k: form.cleaned_data[k] for k in services.INTERACTION_FIELDS if k in form.fields}


def _check_notes_allowed(user: User, beneficiary: Any, notes: str | None) -> None:
    if notes is not None and not selectors.may_read_notes(user, beneficiary):
        raise _field_error(
            "notes", _("Notes are read and written only by her advisors and coordinators.")
        )


@router.post(
    "/interactions",
    response={201: InteractionOut},
    tags=["interactions"],
    summary="Record an interaction",
)
@casework_api
def create_interaction(request: HttpRequest, payload: InteractionIn) -> Any:
    user = _user(request)
    values = payload.model_dump()
    beneficiary = beneficiary_get(actor=user, pk=values.pop("beneficiary"))
    _check_notes_allowed(user, beneficiary, values["notes"])
    with_notes = values["notes"] is not None
    form = InteractionForm(_form_data(values), with_notes=with_notes)
    interaction = services.interaction_create(
        actor=user, beneficiary=beneficiary, fields=_validated(form), via="api"
    )
    return 201, selectors.interaction_get(actor=user, pk=interaction.pk)


@router.patch(
    "/interactions/{int:interaction_id}",
    response=InteractionOut,
    tags=["interactions"],
    summary="Change an interaction",
)
@casework_api
def update_interaction(request: HttpRequest, interaction_id: int, payload: InteractionPatch) -> Any:
    user = _user(request)
    interaction = selectors.interaction_get(actor=user, pk=interaction_id)
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    _check_notes_allowed(user, interaction.beneficiary, changes.get("notes"))
    with_notes = "notes" in changes
    current = {
        name: getattr(interaction, name)
        for name in services.INTERACTION_FIELDS
        if name not in ("topics", "notes")
    }
    current["topics"] = [t.code for t in interaction.topics.all()]
    form = InteractionForm(
        _form_data({**current, **changes}),
        instance=copy.copy(interaction),
        with_notes=with_notes,
    )
    fields = _validated(form)
    services.interaction_update(
        actor=user,
        interaction=interaction,
        fields=fields,
        expected_version=version,
        via="api",
    )
    return selectors.interaction_get(actor=user, pk=interaction_id)


# ---- topics ----


@router.get(
    "/topics", response=list[TopicOut], tags=["interactions"], summary="Topics of interactions"
)
@casework_api
def list_topics(request: HttpRequest) -> Any:
    return list(Topic.objects.all())
