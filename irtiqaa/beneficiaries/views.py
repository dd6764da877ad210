from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from irtiqaa.assessments import selectors as assessments_selectors
from irtiqaa.assessments import timeline as assessments_timeline
from irtiqaa.beneficiaries import duplicates, matching, selectors, services
from irtiqaa.beneficiaries.forms import (
    BeneficiaryForm,
    ConsentForm,
    RegistrationForm,
    province_choices,
)
from irtiqaa.beneficiaries.models import Consent, Language
from irtiqaa.beneficiaries.timeline import KIND_LABELS, timeline_of
from irtiqaa.cases import selectors as cases_selectors
from irtiqaa.cases import timeline as cases_timeline
from irtiqaa.lib.decorators import AuthedRequest, casework_required
from irtiqaa.lib.forms import (
    add_service_errors,
    int_or_none,
    posted_version,
    submit,
    version_to_show,
)
from irtiqaa.lib.i18n import join_list
from irtiqaa.organisations.scope import agencies_in_scope
from irtiqaa.plans import selectors as plans_selectors
from irtiqaa.plans import timeline as plans_timeline
from irtiqaa.seasons.models import Participation
from irtiqaa.seasons.selectors import campaign_list, seasons_of
from irtiqaa.workshops import selectors as workshops_selectors
from irtiqaa.workshops import timeline as workshops_timeline

PAGE_SIZE = 25

# The apps that add a section (template `<app>/_file_section.html`) and events to her file.
FILE_SECTIONS = {
    "case": (cases_selectors.file_section, cases_timeline.timeline_entries),
    "plan": (plans_selectors.file_section, plans_timeline.timeline_entries),
    "assessments": (assessments_selectors.file_section, assessments_timeline.timeline_entries),
    "workshops": (workshops_selectors.file_section, workshops_timeline.timeline_entries),
}


@casework_required
def beneficiary_list(request: AuthedRequest) -> HttpResponse:
    params = request.GET
    query = params.get("q", "")[:100]
    beneficiaries = selectors.beneficiary_list(
        actor=request.user,
        query=query,
        campaign_id=int_or_none(params.get("campaign")),
        participation_status=params.get("status", "")
        if params.get("status") in Participation.Status.values
        else "",
        province_id=int_or_none(params.get("province")),
        advisor_id=request.user.pk if params.get("mine") else None,
    )
    page = Paginator(beneficiaries, PAGE_SIZE).get_page(params.get("page"))
    querystring = params.copy()
    querystring.pop("page", None)
    context = {
        "page": page,
        "querystring": querystring.urlencode(),
        "several_agencies": request.user.unit is not None and request.user.unit.kind != "agency",
        "partial_identifier": selectors.is_partial_identifier(query),
        "filters": params,
        "campaigns": campaign_list(actor=request.user),
        "statuses": Participation.Status.choices,
        "province_groups": province_choices(agencies_in_scope(request.user))[1:],
        "nav": "caseload",
    }
    if request.htmx:
        return render(request, "beneficiaries/_results.html", context)
    context["suspected_pairs"] = duplicates.suspected_pair_count(actor=request.user)
    return render(request, "beneficiaries/list.html", context)


@casework_required
def beneficiary_register(request: AuthedRequest) -> HttpResponse:
    candidates = []
    form = RegistrationForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            beneficiary = services.beneficiary_register(
                actor=request.user,
                profile=form.profile(),
                phones=form.phones(),
                consent=form.consent_input(tuple(form.cleaned_data["consent_purposes"])),
                duplicate_reason=form.cleaned_data["duplicate_reason"],
            )
        except services.PossibleDuplicates as duplicates:
            candidates = duplicates.candidates
            form.fields["duplicate_reason"].widget.attrs["autofocus"] = True
            if request.POST.get("duplicates_shown"):
                form.add_error(
                    "duplicate_reason",
                    _("Say why she is not one of these women, or open her file instead."),
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("She is registered."))
            return redirect("beneficiaries:file", pk=beneficiary.pk)
    return render(
        request,
        "beneficiaries/register.html",
        {
            "form": form,
            "candidates": candidates,
            "nav": "register",
        },
    )


@require_POST
@casework_required
def duplicate_check(request: AuthedRequest) -> HttpResponse:
    """While the advisor types: women already registered who may be this one (HTMX fragment)."""
    form = BeneficiaryForm(request.POST, actor=request.user)
    form.is_valid()
    data = form.cleaned_data
    candidates = []
    if data.get("birth_date") or data.get("cin") or form.phones():
        candidates = selectors.duplicate_candidates(
            actor=request.user,
            cin=data.get("cin", ""),
            phones=form.phones(),
            exclude_id=int_or_none(request.POST.get("exclude")),  # her own file, when editing
            birth_date=data.get("birth_date"),
            names=[
                f"{data.get('first_name_latin', '')} {data.get('last_name_latin', '')}",
                f"{data.get('first_name_ar', '')} {data.get('last_name_ar', '')}",
            ],
            person=matching.PersonName(
                data.get("first_name_latin", ""),
                data.get("last_name_latin", ""),
                data.get("first_name_ar", ""),
                data.get("last_name_ar", ""),
            ),
        )
    return render(
        request, "beneficiaries/_duplicates.html", {"candidates": candidates, "live": True}
    )


@casework_required
def beneficiary_file(request: AuthedRequest, pk: int) -> HttpResponse:
    beneficiary = selectors.beneficiary_get(actor=request.user, pk=pk)
    services.beneficiary_file_opened(actor=request.user, beneficiary=beneficiary)
    consents = list(beneficiary.consents.select_related("recorded_by"))
    in_force = selectors.decisions_in_force(consents)
    seasons = seasons_of(beneficiary)
    actor = request.user
    timeline = timeline_of(beneficiary, consents, seasons)
    sections: dict[str, object] = {}
    for name, (section, events) in FILE_SECTIONS.items():
        sections[f"{name}_section"] = section(actor=actor, beneficiary=beneficiary)
        timeline += events(actor=actor, beneficiary=beneficiary)
    timeline.sort(key=lambda e: e.moment, reverse=True)
    kinds = {entry.kind for entry in timeline}
    kind = request.GET.get("kind", "")
    return render(
        request,
        "beneficiaries/file.html",
        {
            "b": beneficiary,
            "phones": list(beneficiary.phones.all()),
            "consent_rows": [
                (value, label, in_force.get(value)) for value, label in Consent.Purpose.choices
            ],
            "may_accompany": selectors.accompaniment_allowed(in_force),
            "language_labels": join_list(
                [
                    str(Language(code).label)
                    for code in beneficiary.languages
                    if code in Language.values
                ]
            ),
            "children_ages": join_list([str(age) for age in beneficiary.children_ages]),
            "seasons": seasons,
            "timeline": [e for e in timeline if not kind or e.kind == kind],
            "timeline_kinds": [(k, label) for k, label in KIND_LABELS.items() if k in kinds],
            "timeline_kind": kind,
            "duplicate_pairs": duplicates.suspected_pairs_of(actor=actor, beneficiary=beneficiary),
            "nav": "caseload",
            **sections,
        },
    )


@casework_required
def beneficiary_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    beneficiary = selectors.beneficiary_get(actor=request.user, pk=pk)
    if request.method == "POST":
        form = BeneficiaryForm(request.POST, actor=request.user)
    else:
        services.beneficiary_file_opened(actor=request.user, beneficiary=beneficiary)
        phones = [p.number for p in beneficiary.phones.all()]
        form = BeneficiaryForm(
            initial=BeneficiaryForm.initial_from(beneficiary, phones), actor=request.user
        )
    submission = submit(
        request,
        form,
        lambda _fields: services.beneficiary_update(
            actor=request.user,
            beneficiary=beneficiary,
            profile=form.profile(),
            phones=form.phones(),
            expected_version=posted_version(request),
        ),
        saved_message=_("Her file is saved."),
        field_aliases={"phones": "phone_1"},
        next_url=reverse("beneficiaries:file", kwargs={"pk": pk}),
    )
    return submission.response or render(
        request,
        "beneficiaries/edit.html",
        {
            "form": form,
            "b": beneficiary,
            "conflict": submission.conflict,
            "nav": "caseload",
            "version": version_to_show(request, submission, beneficiary.version),
        },
    )


@casework_required
def consent_record(request: AuthedRequest, pk: int) -> HttpResponse:
    beneficiary = selectors.beneficiary_get(actor=request.user, pk=pk)
    form = ConsentForm(request.POST or None, initial={"purpose": request.GET.get("purpose", "")})
    submission = submit(
        request,
        form,
        lambda fields: services.consent_record(
            actor=request.user,
            beneficiary=beneficiary,
            purpose=fields["purpose"],
            given=fields["given"],
            consent=form.consent_input(),
        ),
        saved_message=_("Her decision is recorded."),
        next_url=reverse("beneficiaries:file", kwargs={"pk": pk}),
    )
    return submission.response or render(
        request, "beneficiaries/consent.html", {"form": form, "b": beneficiary, "nav": "caseload"}
    )
