import copy

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from irtiqaa.accounts.models import Role
from irtiqaa.beneficiaries.selectors import beneficiary_get
from irtiqaa.beneficiaries.services import beneficiary_file_opened
from irtiqaa.lib.decorators import AuthedRequest, casework_required, role_required
from irtiqaa.lib.forms import posted_version, submit, version_to_show
from irtiqaa.seasons import selectors, services
from irtiqaa.seasons.forms import CampaignForm, IncidentForm, ParticipationForm
from irtiqaa.seasons.selectors import CAMPAIGN_READERS


def _file_url(beneficiary_id: int) -> str:
    return reverse("beneficiaries:file", kwargs={"pk": beneficiary_id})


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
    submission = submit(
        request,
        form,
        lambda fields: services.campaign_create(actor=request.user, fields=fields),
        saved_message=_("The campaign is saved."),
        next_url=reverse("seasons:campaigns"),
    )
    return submission.response or render(
        request, "seasons/campaign_form.html", {"form": form, "nav": "campaigns"}
    )


# Each edit form gets a copy of the record: validating a ModelForm writes into its instance, and
# the service must see the record as it was to detect a conflicting save.


@role_required(Role.NATIONAL)
def campaign_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_get(actor=request.user, pk=pk)
    form = CampaignForm(request.POST or None, instance=copy.copy(campaign))
    submission = submit(
        request,
        form,
        lambda fields: services.campaign_update(
            actor=request.user,
            campaign=campaign,
            fields=fields,
            expected_version=posted_version(request),
        ),
        saved_message=_("The campaign is saved."),
        next_url=reverse("seasons:campaigns"),
    )
    return submission.response or render(
        request,
        "seasons/campaign_form.html",
        {
            "form": form,
            "campaign": campaign,
            "nav": "campaigns",
            "version": version_to_show(request, submission, campaign.version),
        },
    )


def _ineligible(form: ParticipationForm) -> bool:
    """The service refused the season for unmet campaign criteria: offer to record it anyway."""
    return any(e.code == "ineligible" for e in form.errors.as_data().get("campaign", []))


@casework_required
def participation_create(request: AuthedRequest, beneficiary_pk: int) -> HttpResponse:
    beneficiary = beneficiary_get(actor=request.user, pk=beneficiary_pk)
    form = ParticipationForm(request.POST or None)
    submission = submit(
        request,
        form,
        lambda fields: services.participation_create(
            actor=request.user,
            beneficiary=beneficiary,
            fields=fields,
            confirm_ineligible=bool(request.POST.get("confirm_ineligible")),
        ),
        saved_message=_("The season is saved."),
        next_url=_file_url(beneficiary.pk),
    )
    return submission.response or render(
        request,
        "seasons/participation_form.html",
        {
            "form": form,
            "b": beneficiary,
            "ineligible": _ineligible(form),
            "nav": "caseload",
        },
    )


@casework_required
def participation_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    participation = selectors.participation_get(actor=request.user, pk=pk)
    if request.method == "GET":
        beneficiary_file_opened(actor=request.user, beneficiary=participation.beneficiary)
    form = ParticipationForm(request.POST or None, instance=copy.copy(participation))
    submission = submit(
        request,
        form,
        lambda fields: services.participation_update(
            actor=request.user,
            participation=participation,
            fields=fields,
            expected_version=posted_version(request),
            confirm_ineligible=bool(request.POST.get("confirm_ineligible")),
        ),
        saved_message=_("The season is saved."),
        next_url=_file_url(participation.beneficiary_id),
    )
    return submission.response or render(
        request,
        "seasons/participation_form.html",
        {
            "form": form,
            "b": participation.beneficiary,
            "participation": participation,
            "ineligible": _ineligible(form),
            "nav": "caseload",
            "version": version_to_show(request, submission, participation.version),
        },
    )


@casework_required
def incident_create(request: AuthedRequest, participation_pk: int) -> HttpResponse:
    participation = selectors.participation_get(actor=request.user, pk=participation_pk)
    form = IncidentForm(request.POST or None)
    submission = submit(
        request,
        form,
        lambda fields: services.incident_create(
            actor=request.user, participation=participation, fields=fields
        ),
        saved_message=_("The incident is recorded."),
        next_url=_file_url(participation.beneficiary_id),
    )
    return submission.response or render(
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
    if request.method == "GET":
        beneficiary_file_opened(actor=request.user, beneficiary=participation.beneficiary)
    form = IncidentForm(request.POST or None, instance=copy.copy(incident))
    submission = submit(
        request,
        form,
        lambda fields: services.incident_update(
            actor=request.user,
            incident=incident,
            fields=fields,
            expected_version=posted_version(request),
        ),
        saved_message=_("The incident is saved."),
        next_url=_file_url(participation.beneficiary_id),
    )
    return submission.response or render(
        request,
        "seasons/incident_form.html",
        {
            "form": form,
            "participation": participation,
            "b": participation.beneficiary,
            "incident": incident,
            "nav": "caseload",
            "version": version_to_show(request, submission, incident.version),
        },
    )
