import copy
import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import CursorPagination, paginate

from irtiqaa.accounts.models import User
from irtiqaa.audit.services import audit_list_read
from irtiqaa.lib import problems
from irtiqaa.lib.decorators import casework_api, roles_api
from irtiqaa.workshops import selectors, services
from irtiqaa.workshops.forms import WorkshopForm
from irtiqaa.workshops.models import Invitation, Workshop

router = Router(tags=["workshops"])

WRITERS = tuple(services.WORKSHOP_WRITERS)


class WorkshopIn(Schema):
    agency: int = Field(description="Id of the agency holding the session (within your scope)")
    kind: str = Field(
        description="pre_departure, financial_literacy, entrepreneurship, spanish, return, other"
    )
    title: str
    starts_at: datetime.datetime = Field(description="Local time (Africa/Casablanca) if naive")
    duration_minutes: int = 120
    place: str
    facilitator: str
    capacity: int
    notes: str = ""


class WorkshopPatch(Schema):
    version: int = Field(description="The version you read; a newer one on the server answers 409.")
    agency: int | None = None
    kind: str | None = None
    title: str | None = None
    starts_at: datetime.datetime | None = None
    duration_minutes: int | None = None
    place: str | None = None
    facilitator: str | None = None
    capacity: int | None = None
    notes: str | None = None
    cancelled: bool | None = Field(default=None, description="true cancels the session")


class WorkshopOut(Schema):
    id: int
    agency: int = Field(alias="agency_id")
    kind: str
    title: str
    starts_at: datetime.datetime
    duration_minutes: int
    place: str
    facilitator: str
    capacity: int
    notes: str
    cancelled: bool
    invited: int
    present: int
    absent: int
    excused: int
    version: int


class InvitationOut(Schema):
    id: int
    beneficiary: int = Field(alias="beneficiary_id")
    first_name_latin: str = Field(alias="beneficiary.first_name_latin")
    last_name_latin: str = Field(alias="beneficiary.last_name_latin")
    first_name_ar: str = Field(alias="beneficiary.first_name_ar")
    last_name_ar: str = Field(alias="beneficiary.last_name_ar")
    invited_at: datetime.datetime
    attendance: str
    attendance_recorded_at: datetime.datetime | None


class InvitationsIn(Schema):
    beneficiaries: list[int] = Field(
        default_factory=list, description="Women of the session's agency to invite"
    )
    campaign: int | None = Field(
        default=None, description="Or: invite every woman of the agency in this campaign"
    )
    participation_status: str = Field(
        default="", description="With campaign: only women with this season status"
    )


class Mark(Schema):
    beneficiary: int
    attendance: Literal["present", "absent", "excused", ""]


class AttendanceIn(Schema):
    marks: list[Mark] = Field(description="One mark per woman; women left out keep theirs")
    version: int | None = Field(
        default=None,
        description=(
            "Optional: the session's version you read the roll at. Sent, a newer version on "
            "the server (someone recorded attendance or changed the session since) answers 409 "
            "and changes nothing; left out, the marks are saved without this check. A change "
            "of attendance bumps the version."
        ),
    )


class AttendanceOut(Schema):
    changed: int
    interactions_added: int
    interactions_removed: int
    interactions_kept: list[int] = Field(
        description="Women no longer present whose workshop interaction is kept: an advisor "
        "worked on it (notes, plan actions)"
    )
    case_closed: list[int] = Field(
        description="Women whose case is closed: attendance saved, no interaction added or removed"
    )
    workshop: WorkshopOut


class WorkshopFilters(Schema):
    kind: str = ""
    agency: int | None = None
    period: str = Field("", description="week, upcoming or past; empty for every session")


def _invalid(form: Any) -> problems.ProblemError:
    return problems.ProblemError(
        422,
        _("Invalid input"),
        _("Some fields are missing or wrong; see errors."),
        errors=problems.form_errors(form),
    )


def _form_data(workshop: Workshop) -> dict[str, Any]:
    data: dict[str, Any] = {
        name: getattr(workshop, name) for name in WorkshopForm.Meta.fields if name != "agency"
    }
    data["agency"] = workshop.agency_id
    return data


def _fresh(user: User, pk: int) -> Workshop:
    return selectors.workshop_get(actor=user, pk=pk)


@router.get("/workshops", response=list[WorkshopOut], summary="List sessions in your scope")
@paginate(CursorPagination, ordering=("starts_at", "id"))
@casework_api
def list_workshops(request: HttpRequest, filters: Query[WorkshopFilters]) -> Any:
    if filters.period and filters.period not in selectors.PERIODS:
        raise problems.ProblemError(
            422,
            _("Invalid input"),
            errors=[{"field": "period", "message": _("Use week, upcoming or past.")}],
        )
    return selectors.workshop_list(
        actor=request.user,  # type: ignore[arg-type]
        period=filters.period,
        kind=filters.kind,
        agency_id=filters.agency,
    )


@router.post("/workshops", response={201: WorkshopOut}, summary="Plan a session")
@roles_api(*WRITERS)
def create_workshop(request: HttpRequest, payload: WorkshopIn) -> Any:
    user: User = request.user  # type: ignore[assignment]
    form = WorkshopForm(payload.model_dump(), actor=user)
    if not form.is_valid():
        raise _invalid(form)
    workshop = services.workshop_create(actor=user, fields=form.cleaned_data, via="api")
    return 201, _fresh(user, workshop.pk)


@router.get("/workshops/{int:workshop_id}", response=WorkshopOut, summary="A session")
@casework_api
def get_workshop(request: HttpRequest, workshop_id: int) -> Any:
    return selectors.workshop_get(actor=request.user, pk=workshop_id)  # type: ignore[arg-type]


@router.patch(
    "/workshops/{int:workshop_id}", response=WorkshopOut, summary="Change or cancel a session"
)
@roles_api(*WRITERS)
def update_workshop(request: HttpRequest, workshop_id: int, payload: WorkshopPatch) -> Any:
    user: User = request.user  # type: ignore[assignment]
    workshop = selectors.workshop_get(actor=user, pk=workshop_id)
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    cancelled = changes.pop("cancelled", None)
    form = WorkshopForm(
        {**_form_data(workshop), **{k: v for k, v in changes.items() if v is not None}},
        instance=copy.copy(workshop),
        actor=user,
    )
    if not form.is_valid():
        raise _invalid(form)
    fields = dict(form.cleaned_data)
    if cancelled is not None:
        fields["cancelled"] = cancelled
    services.workshop_update(
        actor=user, workshop=workshop, fields=fields, expected_version=version, via="api"
    )
    return _fresh(user, workshop_id)


@router.get(
    "/workshops/{int:workshop_id}/invitations",
    response=list[InvitationOut],
    summary="The women invited, with their attendance",
)
@paginate(CursorPagination, ordering=("id",))
@casework_api
def list_invitations(request: HttpRequest, workshop_id: int) -> Any:
    user: User = request.user  # type: ignore[assignment]
    workshop = selectors.workshop_get(actor=user, pk=workshop_id)
    audit_list_read(
        actor=user, object_type="workshops.invitation", filters={"workshop": workshop.pk}
    )
    return selectors.invitations_of(actor=user, workshop=workshop)


@router.post(
    "/workshops/{int:workshop_id}/invitations",
    response={201: list[InvitationOut]},
    summary="Invite women, chosen or a whole campaign, within the capacity",
)
@roles_api(*WRITERS)
def create_invitations(request: HttpRequest, workshop_id: int, payload: InvitationsIn) -> Any:
    user: User = request.user  # type: ignore[assignment]
    workshop = selectors.workshop_get(actor=user, pk=workshop_id)
    if payload.campaign is not None:
        invitations, _left_out = services.invite_campaign(
            actor=user,
            workshop=workshop,
            campaign_id=payload.campaign,
            participation_status=payload.participation_status,
            via="api",
        )
    else:
        invitations = services.invite(
            actor=user, workshop=workshop, beneficiary_ids=payload.beneficiaries, via="api"
        )
    return 201, list(
        Invitation.objects.filter(pk__in=[i.pk for i in invitations])
        .select_related("beneficiary")
        .order_by("id")
    )


@router.delete(
    "/invitations/{int:invitation_id}", response={204: None}, summary="Withdraw an invitation"
)
@roles_api(*WRITERS)
def delete_invitation(request: HttpRequest, invitation_id: int) -> Any:
    user: User = request.user  # type: ignore[assignment]
    invitation = selectors.invitation_get(actor=user, pk=invitation_id)
    services.invitation_remove(actor=user, invitation=invitation, via="api")
    return 204, None


@router.put(
    "/workshops/{int:workshop_id}/attendance",
    response=AttendanceOut,
    summary="Record the attendance of the whole group at once",
)
@roles_api(*WRITERS)
def put_attendance(request: HttpRequest, workshop_id: int, payload: AttendanceIn) -> Any:
    user: User = request.user  # type: ignore[assignment]
    workshop = selectors.workshop_get(actor=user, pk=workshop_id)
    marks: dict[int, str] = {}
    for mark in payload.marks:
        if mark.beneficiary in marks:
            raise problems.ProblemError(
                422,
                _("Invalid input"),
                errors=[{"field": "marks", "message": _("Each woman appears once.")}],
            )
        marks[mark.beneficiary] = mark.attendance
    result = services.attendance_record(
        actor=user, workshop=workshop, marks=marks, expected_version=payload.version, via="api"
    )
    return {
        "changed": result["changed"],
        "interactions_added": result["added"],
        "interactions_removed": result["removed"],
        "interactions_kept": [b.pk for b in result["kept"]],
        "case_closed": [b.pk for b in result["case_closed"]],
        "workshop": _fresh(user, workshop_id),
    }
