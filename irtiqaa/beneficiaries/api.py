import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import CursorPagination, paginate

from irtiqaa.accounts.models import User
from irtiqaa.audit.services import audit_list_read
from irtiqaa.beneficiaries import selectors, services
from irtiqaa.beneficiaries.forms import BeneficiaryForm, RegistrationForm
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.geography.models import Province
from irtiqaa.lib import problems
from irtiqaa.lib.decorators import casework_api

router = Router(tags=["beneficiaries"])


class ConsentIn(Schema):
    method: str = Field(description="signed_form or oral_with_witness")
    text_version: str
    witness_name: str = ""
    purposes: list[str] = Field(
        description="accompaniment (required), partner_sharing, cross_border_sharing, sms_contact, statistics"
    )


class ProfileIn(Schema):
    first_name_latin: str = ""
    last_name_latin: str = ""
    first_name_ar: str = ""
    last_name_ar: str = ""
    birth_date: datetime.date
    cin: str = ""
    phones: list[str] = Field(default_factory=list, max_length=2)
    province: str = Field(description="Province or prefecture code, e.g. kenitra")
    commune: str = ""
    marital_status: str
    children_count: int = 0
    children_ages: list[int] = Field(default_factory=list)
    education_level: str
    literacy_arabic: str = "none"
    literacy_french: str = "none"
    languages: list[str] = Field(default_factory=list)
    agricultural_experience_years: int = 0
    skills: str = ""
    home_agency: int
    assigned_advisor: int | None = None


class BeneficiaryIn(ProfileIn):
    consent: ConsentIn
    duplicate_reason: str = ""


class BeneficiaryPatch(Schema):
    version: int = Field(description="The version you read; a newer one on the server answers 409.")
    first_name_latin: str | None = None
    last_name_latin: str | None = None
    first_name_ar: str | None = None
    last_name_ar: str | None = None
    birth_date: datetime.date | None = None
    cin: str | None = None
    phones: list[str] | None = Field(default=None, max_length=2)
    province: str | None = None
    commune: str | None = None
    marital_status: str | None = None
    children_count: int | None = None
    children_ages: list[int] | None = None
    education_level: str | None = None
    literacy_arabic: str | None = None
    literacy_french: str | None = None
    languages: list[str] | None = None
    agricultural_experience_years: int | None = None
    skills: str | None = None
    home_agency: int | None = None
    assigned_advisor: int | None = None


class BeneficiaryOut(Schema):
    id: int
    first_name_latin: str
    last_name_latin: str
    first_name_ar: str
    last_name_ar: str
    birth_date: datetime.date
    cin: str
    phones: list[str]
    province: str
    commune: str
    marital_status: str
    children_count: int
    children_ages: list[int]
    education_level: str
    literacy_arabic: str
    literacy_french: str
    languages: list[str]
    agricultural_experience_years: int
    skills: str
    home_agency: int
    assigned_advisor: int | None
    consents: dict[str, bool]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    version: int


class BeneficiarySummary(Schema):
    id: int
    first_name_latin: str
    last_name_latin: str
    first_name_ar: str
    last_name_ar: str
    birth_date: datetime.date
    province: str = Field(alias="province.code")
    home_agency: int = Field(alias="home_agency_id")
    assigned_advisor: int | None = Field(alias="assigned_advisor_id")


def beneficiary_out(beneficiary: Beneficiary) -> dict[str, Any]:
    consents = selectors.consents_in_force(beneficiary)
    return {
        **{
            f: getattr(beneficiary, f)
            for f in BeneficiaryOut.model_fields
            if hasattr(beneficiary, f)
        },
        "phones": [p.number for p in beneficiary.phones.all()],
        "province": beneficiary.province.code,
        "home_agency": beneficiary.home_agency_id,
        "assigned_advisor": beneficiary.assigned_advisor_id,
        "children_ages": beneficiary.children_ages,
        "consents": {purpose: c.given for purpose, c in consents.items()},
    }


def _form_data(payload: dict[str, Any]) -> dict[str, Any]:
    """JSON fields → the web form's fields, so that both validate exactly alike."""
    data = {
        k: v
        for k, v in payload.items()
        if k not in ("phones", "children_ages", "province", "consent")
    }
    phones = payload.get("phones") or []
    for i, number in enumerate(phones[:2], start=1):
        data[f"phone_{i}"] = number
    data["children_ages"] = ", ".join(str(a) for a in payload.get("children_ages") or [])
    province = Province.objects.filter(code=payload.get("province") or "").first()
    data["province"] = province.pk if province else "-1"
    if data.get("assigned_advisor") is None:
        data["assigned_advisor"] = ""
    consent = payload.get("consent")
    if consent:
        data["consent_method"] = consent.get("method", "")
        data["witness_name"] = consent.get("witness_name", "")
        data["consent_text_version"] = consent.get("text_version", "")
        data["consent_purposes"] = consent.get("purposes", [])
    return data


def _validated(form: BeneficiaryForm) -> None:
    if not form.is_valid():
        raise problems.ProblemError(
            422,
            _("Invalid input"),
            _("Some fields are missing or wrong; see errors."),
            errors=_api_errors(form),
        )


def _api_errors(form: BeneficiaryForm) -> list[dict[str, str]]:
    names = {
        "phone_1": "phones",
        "phone_2": "phones",
        "consent_method": "consent.method",
        "witness_name": "consent.witness_name",
        "consent_text_version": "consent.text_version",
        "consent_purposes": "consent.purposes",
    }
    return problems.form_errors(form, names)


class ListFilters(Schema):
    q: str = Field("", max_length=100, description="Name in either script, CIN or phone")
    campaign: int | None = None
    participation_status: str = ""
    province: str = Field("", description="Province code")


@router.get("", response=list[BeneficiarySummary], summary="List women in your scope")
@paginate(CursorPagination, ordering=("id",))
@casework_api
def list_beneficiaries(request: HttpRequest, filters: Query[ListFilters]) -> Any:
    province = Province.objects.filter(code=filters.province).first() if filters.province else None
    if filters.province and province is None:
        return Beneficiary.objects.none()
    audit_list_read(
        actor=request.user, object_type="beneficiaries.beneficiary", filters=filters.dict()
    )
    return selectors.beneficiary_list(
        actor=request.user,  # type: ignore[arg-type]
        query=filters.q,
        campaign_id=filters.campaign,
        participation_status=filters.participation_status,
        province_id=province.pk if province else None,
    )


@router.get("/{int:beneficiary_id}", response=BeneficiaryOut, summary="Her file")
@casework_api
def get_beneficiary(request: HttpRequest, beneficiary_id: int) -> Any:
    user: User = request.user  # type: ignore[assignment]
    beneficiary = selectors.beneficiary_get(actor=user, pk=beneficiary_id)
    services.beneficiary_file_opened(actor=user, beneficiary=beneficiary, via="api")
    return beneficiary_out(beneficiary)


@router.post(
    "",
    response={201: BeneficiaryOut},
    summary="Register a woman",
    openapi_extra={
        "responses": {409: {"description": "Possible duplicates: resend with duplicate_reason"}}
    },
)
@casework_api
def register_beneficiary(request: HttpRequest, payload: BeneficiaryIn) -> Any:
    user: User = request.user  # type: ignore[assignment]
    form = RegistrationForm(_form_data(payload.model_dump()), actor=user)
    _validated(form)
    try:
        beneficiary = services.beneficiary_register(
            actor=user,
            profile=form.profile(),
            phones=form.phones(),
            consent=form.consent_input(tuple(form.cleaned_data["consent_purposes"])),
            duplicate_reason=form.cleaned_data["duplicate_reason"],
            via="api",
        )
    except services.PossibleDuplicates as duplicates:
        raise problems.ProblemError(
            409,
            _("Possible duplicates"),
            _(
                "Women who may be the same person are already registered (see candidates). To register her anyway, send the reason in duplicate_reason."
            ),
            candidates=[
                {"id": c.beneficiary.pk, "reasons": c.reasons, "score": round(c.score, 3)}
                for c in duplicates.candidates
            ],
        ) from None
    return 201, beneficiary_out(beneficiary)


@router.patch("/{int:beneficiary_id}", response=BeneficiaryOut, summary="Correct her file")
@casework_api
def update_beneficiary(request: HttpRequest, beneficiary_id: int, payload: BeneficiaryPatch) -> Any:
    user: User = request.user  # type: ignore[assignment]
    beneficiary = selectors.beneficiary_get(actor=user, pk=beneficiary_id)
    current = beneficiary_out(beneficiary)
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    merged = {
        **current,
        **{k: v for k, v in changes.items() if v is not None or k == "assigned_advisor"},
    }
    form = BeneficiaryForm(_form_data(merged), actor=user)
    _validated(form)
    services.beneficiary_update(
        actor=user,
        beneficiary=beneficiary,
        profile=form.profile(),
        phones=form.phones(),
        expected_version=version,
        via="api",
    )
    return beneficiary_out(selectors.beneficiary_get(actor=user, pk=beneficiary_id))
