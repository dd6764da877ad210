import copy
import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import CursorPagination, paginate

from irtiqaa.accounts.models import Role, User
from irtiqaa.audit.services import audit_list_read
from irtiqaa.beneficiaries.selectors import beneficiary_get
from irtiqaa.beneficiaries.services import beneficiary_file_opened
from irtiqaa.lib import problems
from irtiqaa.lib.decorators import casework_api, roles_api
from irtiqaa.seasons import selectors, services
from irtiqaa.seasons.forms import CampaignForm, ParticipationForm
from irtiqaa.seasons.models import Participation
from irtiqaa.seasons.selectors import CAMPAIGN_READERS

router = Router(tags=["seasons"])


class CampaignIn(Schema):
    year: int
    destination_country: str = "ES"
    destination_province: str
    sector: str
    planned_departure_start: datetime.date
    planned_departure_end: datetime.date
    planned_return_start: datetime.date
    planned_return_end: datetime.date
    min_age: int | None = None
    max_age: int | None = None
    children_required: bool = False
    max_youngest_child_age: int | None = None
    allowed_marital_statuses: list[str] = Field(default_factory=list)
    notes: str = ""


class CampaignPatch(Schema):
    version: int
    year: int | None = None
    destination_country: str | None = None
    destination_province: str | None = None
    sector: str | None = None
    planned_departure_start: datetime.date | None = None
    planned_departure_end: datetime.date | None = None
    planned_return_start: datetime.date | None = None
    planned_return_end: datetime.date | None = None
    min_age: int | None = None
    max_age: int | None = None
    children_required: bool | None = None
    max_youngest_child_age: int | None = None
    allowed_marital_statuses: list[str] | None = None
    notes: str | None = None


class CampaignOut(CampaignIn):
    id: int
    version: int


class IncidentOut(Schema):
    id: int
    kind: str
    occurred_on: datetime.date
    description: str
    follow_up: str


class ParticipationIn(Schema):
    beneficiary: int
    campaign: int
    confirm_ineligible: bool = Field(
        default=False,
        description="Record the season although she does not meet the campaign's criteria.",
    )
    employer: str = ""
    status: str = "selected"
    departure_date: datetime.date | None = None
    planned_return_date: datetime.date | None = None
    return_date: datetime.date | None = None
    savings_mad: Decimal | None = Field(default=None, max_digits=12, decimal_places=2)
    earnings_mad: Decimal | None = Field(default=None, max_digits=12, decimal_places=2)


class ParticipationPatch(Schema):
    version: int
    campaign: int | None = None
    confirm_ineligible: bool = False
    employer: str | None = None
    status: str | None = None
    departure_date: datetime.date | None = None
    planned_return_date: datetime.date | None = None
    return_date: datetime.date | None = None
    savings_mad: Decimal | None = Field(default=None, max_digits=12, decimal_places=2)
    earnings_mad: Decimal | None = Field(default=None, max_digits=12, decimal_places=2)


class ParticipationOut(Schema):
    id: int
    beneficiary: int = Field(alias="beneficiary_id")
    campaign: int = Field(alias="campaign_id")
    employer: str
    status: str
    departure_date: datetime.date | None
    planned_return_date: datetime.date | None
    return_date: datetime.date | None
    savings_mad: Decimal | None
    earnings_mad: Decimal | None
    incidents: list[IncidentOut]
    version: int

    @staticmethod
    def resolve_incidents(obj: Participation) -> list[Any]:
        return list(obj.incidents.all())


def _invalid(form: Any) -> problems.ProblemError:
    return problems.ProblemError(
        422,
        _("Invalid input"),
        _("Some fields are missing or wrong; see errors."),
        errors=problems.form_errors(form),
    )


def _model_form_data(instance: Any, fields: list[str]) -> dict[str, Any]:
    data = {}
    for name in fields:
        value = (
            getattr(instance, f"{name}_id", None)
            if name in ("campaign",)
            else getattr(instance, name)
        )
        data[name] = "" if value is None else value
    return data


# ---- campaigns ----


@router.get("/campaigns", response=list[CampaignOut], tags=["campaigns"], summary="List campaigns")
@paginate(CursorPagination, ordering=("id",))
@roles_api(*CAMPAIGN_READERS)
def list_campaigns(request: HttpRequest) -> Any:
    return selectors.campaign_list(actor=request.user)  # type: ignore[arg-type]


@router.get(
    "/campaigns/{int:campaign_id}", response=CampaignOut, tags=["campaigns"], summary="A campaign"
)
@roles_api(*CAMPAIGN_READERS)
def get_campaign(request: HttpRequest, campaign_id: int) -> Any:
    return selectors.campaign_get(actor=request.user, pk=campaign_id)  # type: ignore[arg-type]


@router.post(
    "/campaigns", response={201: CampaignOut}, tags=["campaigns"], summary="Create a campaign"
)
@roles_api(Role.NATIONAL)
def create_campaign(request: HttpRequest, payload: CampaignIn) -> Any:
    form = CampaignForm(payload.model_dump())
    if not form.is_valid():
        raise _invalid(form)
    return 201, services.campaign_create(actor=request.user, fields=form.cleaned_data, via="api")  # type: ignore[arg-type]


@router.patch(
    "/campaigns/{int:campaign_id}",
    response=CampaignOut,
    tags=["campaigns"],
    summary="Change a campaign",
)
@roles_api(Role.NATIONAL)
def update_campaign(request: HttpRequest, campaign_id: int, payload: CampaignPatch) -> Any:
    user: User = request.user  # type: ignore[assignment]
    campaign = selectors.campaign_get(actor=user, pk=campaign_id)
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    form = CampaignForm(
        {**_model_form_data(campaign, list(CampaignForm.Meta.fields)), **changes},
        instance=copy.copy(campaign),
    )
    if not form.is_valid():
        raise _invalid(form)
    return services.campaign_update(
        actor=user, campaign=campaign, fields=form.cleaned_data, expected_version=version, via="api"
    )


# ---- participations ----


class ParticipationFilters(Schema):
    campaign: int | None = None
    status: str = ""
    beneficiary: int | None = None


@router.get(
    "/participations",
    response=list[ParticipationOut],
    tags=["participations"],
    summary="List seasons of women in your scope",
)
@paginate(CursorPagination, ordering=("id",))
@casework_api
def list_participations(request: HttpRequest, filters: Query[ParticipationFilters]) -> Any:
    audit_list_read(actor=request.user, object_type="seasons.participation", filters=filters.dict())
    return selectors.participation_list(
        actor=request.user,  # type: ignore[arg-type]
        campaign_id=filters.campaign,
        status=filters.status,
        beneficiary_id=filters.beneficiary,
    ).prefetch_related("incidents")


@router.get(
    "/participations/{int:participation_id}",
    response=ParticipationOut,
    tags=["participations"],
    summary="One season",
)
@casework_api
def get_participation(request: HttpRequest, participation_id: int) -> Any:
    participation = selectors.participation_get(actor=request.user, pk=participation_id)  # type: ignore[arg-type]
    # Incidents (health, harassment) are part of her file: reading them is opening it.
    beneficiary_file_opened(actor=request.user, beneficiary=participation.beneficiary, via="api")  # type: ignore[arg-type]
    return participation


@router.post(
    "/participations",
    response={201: ParticipationOut},
    tags=["participations"],
    summary="Record a season",
)
@casework_api
def create_participation(request: HttpRequest, payload: ParticipationIn) -> Any:
    user: User = request.user  # type: ignore[assignment]
    data = payload.model_dump()
    beneficiary = beneficiary_get(actor=user, pk=data.pop("beneficiary"))
    confirm_ineligible = data.pop("confirm_ineligible")
    form = ParticipationForm({k: ("" if v is None else v) for k, v in data.items()})
    if not form.is_valid():
        raise _invalid(form)
    return 201, services.participation_create(
        actor=user,
        beneficiary=beneficiary,
        fields=form.cleaned_data,
        via="api",
        confirm_ineligible=confirm_ineligible,
    )


@router.patch(
    "/participations/{int:participation_id}",
    response=ParticipationOut,
    tags=["participations"],
    summary="Change a season",
)
@casework_api
def update_participation(
    request: HttpRequest, participation_id: int, payload: ParticipationPatch
) -> Any:
    user: User = request.user  # type: ignore[assignment]
    participation = selectors.participation_get(actor=user, pk=participation_id)
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    confirm_ineligible = changes.pop("confirm_ineligible", False)
    current = _model_form_data(participation, list(ParticipationForm.Meta.fields))
    merged = {**current, **{k: ("" if v is None else v) for k, v in changes.items()}}
    form = ParticipationForm(merged, instance=copy.copy(participation))
    if not form.is_valid():
        raise _invalid(form)
    return services.participation_update(
        actor=user,
        participation=participation,
        fields=form.cleaned_data,
        expected_version=version,
        via="api",
        confirm_ineligible=confirm_ineligible,
    )
