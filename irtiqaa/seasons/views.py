from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from irtiqaa.accounts.models import Role
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.selectors import beneficiary_get
from irtiqaa.lib.decorators import AuthedRequest, casework_required, role_required
from irtiqaa.lib.errors import EditConflict
from irtiqaa.lib.forms import add_service_errors
from irtiqaa.seasons import eligibility, selectors, services
from irtiqaa.seasons.forms import CampaignForm, IncidentForm, ParticipationForm
from irtiqaa.seasons.models import Campaign
from irtiqaa.seasons.selectors import CAMPAIGN_READERS


def _conflict_message() -> str:
    return _(
        "Someone else saved this record while you were editing it. Your entries are still in "
        "the form: check them, then save again to keep them."
    )


def _version(request: AuthedRequest) -> int:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else 0


@role_required(*CAMPAIGN_READERS)
def campaign_list(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "seasons/campaigns.html",
        {
            "campaigns": selectors.campaign_list(actor=request.user),
            "can_edit": request.user.role in services.CAMPAIGN_EDITORS,
            "nav": "campaigns",
        },
    )


@role_required(Role.NATIONAL)
def campaign_create(request: AuthedRequest) -> HttpResponse:
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_create(actor=request.user, fields=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The campaign is saved."))
            return redirect("seasons:campaigns")
    return render(request, "seasons/campaign_form.html", {"form": form, "nav": "campaigns"})


@role_required(Role.NATIONAL)
def campaign_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_get(actor=request.user, pk=pk)
    form = CampaignForm(request.POST or None, instance=Campaign.objects.get(pk=pk))
    version = campaign.version
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(
                actor=request.user,
                campaign=campaign,
                fields=form.cleaned_data,
                expected_version=_version(request),
            )
        except EditConflict:
            form.add_error(None, _conflict_message())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The campaign is saved."))
            return redirect("seasons:campaigns")
    elif request.method == "POST":
        version = _version(request)
    return render(
        request,
        "seasons/campaign_form.html",
        {
            "form": form,
            "campaign": campaign,
            "version": version,
            "nav": "campaigns",
        },
    )


def _eligibility_warnings(form: ParticipationForm, beneficiary: Beneficiary) -> list[str]:
    campaign = (
        form.cleaned_data.get("campaign")
        if form.is_bound and hasattr(form, "cleaned_data")
        else None
    )
    if campaign is None:
        return []
    criteria = eligibility.Criteria(
        min_age=campaign.min_age,
        max_age=campaign.max_age,
        children_required=campaign.children_required,
        max_youngest_child_age=campaign.max_youngest_child_age,
        allowed_marital_statuses=tuple(campaign.allowed_marital_statuses),
    )
    profile = eligibility.Profile(
        birth_date=beneficiary.birth_date,
        marital_status=beneficiary.marital_status,
        children_count=beneficiary.children_count,
        children_birth_years=tuple(beneficiary.children_birth_years),
    )
    labels = {
        "too_young": _("She is younger than the campaign's minimum age."),
        "too_old": _("She is older than the campaign's maximum age."),
        "no_child": _("The campaign requires at least one child."),
        "youngest_child_too_old": _("Her youngest child is older than the campaign allows."),
        "marital_status": _("Her marital status is not among those the campaign accepts."),
    }
    return [
        labels[code]
        for code in eligibility.unmet_criteria(criteria, profile, campaign.planned_departure_start)
    ]


@casework_required
def participation_create(request: AuthedRequest, beneficiary_pk: int) -> HttpResponse:
    beneficiary = beneficiary_get(actor=request.user, pk=beneficiary_pk)
    form = ParticipationForm(request.POST or None)
    warnings: list[str] = []
    if request.method == "POST" and form.is_valid():
        warnings = _eligibility_warnings(form, beneficiary)
        if not warnings or request.POST.get("confirm_ineligible"):
            try:
                services.participation_create(
                    actor=request.user, beneficiary=beneficiary, fields=form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The season is saved."))
                return redirect("beneficiaries:file", pk=beneficiary.pk)
    return render(
        request,
        "seasons/participation_form.html",
        {
            "form": form,
            "b": beneficiary,
            "warnings": warnings,
            "nav": "caseload",
        },
    )


@casework_required
def participation_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    participation = selectors.participation_get(actor=request.user, pk=pk)
    beneficiary = participation.beneficiary
    form = ParticipationForm(
        request.POST or None, instance=selectors.participation_get(actor=request.user, pk=pk)
    )
    version = participation.version
    if request.method == "POST" and form.is_valid():
        try:
            services.participation_update(
                actor=request.user,
                participation=participation,
                fields=form.cleaned_data,
                expected_version=_version(request),
            )
        except EditConflict:
            form.add_error(None, _conflict_message())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The season is saved."))
            return redirect("beneficiaries:file", pk=beneficiary.pk)
    elif request.method == "POST":
        version = _version(request)
    return render(
        request,
        "seasons/participation_form.html",
        {
            "form": form,
            "b": beneficiary,
            "participation": participation,
            "version": version,
            "nav": "caseload",
        },
    )


@casework_required
def incident_create(request: AuthedRequest, participation_pk: int) -> HttpResponse:
    participation = selectors.participation_get(actor=request.user, pk=participation_pk)
    form = IncidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.incident_create(
                actor=request.user, participation=participation, fields=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The incident is recorded."))
            return redirect("beneficiaries:file", pk=participation.beneficiary_id)
    return render(
        request,
        "seasons/incident_form.html",
        {
            "form": form,
            "participation": participation,
            "b": participation.beneficiary,
            "nav": "caseload",
        },
    )


@casework_required
def incident_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    incident = selectors.incident_get(actor=request.user, pk=pk)
    participation = incident.participation
    form = IncidentForm(
        request.POST or None, instance=selectors.incident_get(actor=request.user, pk=pk)
    )
    version = incident.version
    if request.method == "POST" and form.is_valid():
        try:
            services.incident_update(
                actor=request.user,
                incident=incident,
                fields=form.cleaned_data,
                expected_version=_version(request),
            )
        except EditConflict:
            form.add_error(None, _conflict_message())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The incident is saved."))
            return redirect("beneficiaries:file", pk=participation.beneficiary_id)
    elif request.method == "POST":
        version = _version(request)
    return render(
        request,
        "seasons/incident_form.html",
        {
            "form": form,
            "participation": participation,
            "b": participation.beneficiary,
            "incident": incident,
            "version": version,
            "nav": "caseload",
        },
    )
