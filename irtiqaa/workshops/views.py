import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from irtiqaa.lib.decorators import AuthedRequest, casework_required, role_required
from irtiqaa.lib.errors import EditConflict
from irtiqaa.lib.forms import add_service_errors, posted_version, submit, version_to_show
from irtiqaa.organisations.scope import agencies_in_scope
from irtiqaa.seasons.selectors import campaign_list
from irtiqaa.workshops import selectors, services, sheet
from irtiqaa.workshops.forms import (
    AttendanceForm,
    CampaignInvitationForm,
    WorkshopForm,
    attendance_field_name,
)
from irtiqaa.workshops.models import Workshop

PAGE_SIZE = 25
WRITERS = tuple(services.WORKSHOP_WRITERS)


def _detail_url(pk: int) -> str:
    return reverse("workshops:detail", kwargs={"pk": pk})


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@casework_required
def workshop_list(request: AuthedRequest) -> HttpResponse:
    params = request.GET
    period = params.get("period", "week")
    if period not in selectors.PERIODS:
        period = "week"
    kind = params.get("kind", "") if params.get("kind") in Workshop.Kind.values else ""
    workshops = selectors.workshop_list(
        actor=request.user,
        period=period,
        kind=kind,
        agency_id=_int_or_none(params.get("agency")),
    )
    page = Paginator(workshops, PAGE_SIZE).get_page(params.get("page"))
    querystring = params.copy()
    querystring.pop("page", None)
    agencies = list(agencies_in_scope(request.user))
    return render(
        request,
        "workshops/list.html",
        {
            "page": page,
            "querystring": querystring.urlencode(),
            "period": period,
            "periods": [
                ("week", _("This week")),
                ("upcoming", _("Upcoming")),
                ("past", _("Past")),
            ],
            "filters": params,
            "kinds": Workshop.Kind.choices,
            "agencies": agencies,
            "several_agencies": len(agencies) > 1,
            "may_write": services.may_write(request.user),
            "nav": "workshops",
        },
    )


@role_required(*WRITERS)
def workshop_create(request: AuthedRequest) -> HttpResponse:
    form = WorkshopForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            workshop = services.workshop_create(actor=request.user, fields=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The session is saved. You can now invite women."))
            return redirect("workshops:detail", pk=workshop.pk)
    return render(request, "workshops/form.html", {"form": form, "nav": "workshops"})


@casework_required
def workshop_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    workshop = selectors.workshop_get(actor=request.user, pk=pk)
    invitations = list(selectors.invitations_of(actor=request.user, workshop=workshop))
    may_write = services.may_write(request.user)
    return render(
        request,
        "workshops/detail.html",
        {
            "w": workshop,
            "invitations": invitations,
            "seats_left": max(workshop.capacity - workshop.invited, 0),  # type: ignore[attr-defined]
            "not_recorded": workshop.invited  # type: ignore[attr-defined]
            - workshop.present  # type: ignore[attr-defined]
            - workshop.absent  # type: ignore[attr-defined]
            - workshop.excused,  # type: ignore[attr-defined]
            "may_write": may_write and not workshop.cancelled,
            "attendance_open": services.session_day(workshop) <= timezone.localdate(),
            "nav": "workshops",
        },
    )


@role_required(*WRITERS)
def workshop_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    workshop = selectors.workshop_get(actor=request.user, pk=pk)
    form = WorkshopForm(request.POST or None, instance=copy.copy(workshop), actor=request.user)
    submission = submit(
        request,
        form,
        lambda fields: services.workshop_update(
            actor=request.user,
            workshop=workshop,
            fields=fields,
            expected_version=posted_version(request),
        ),
        saved_message=_("The session is saved."),
        next_url=_detail_url(pk),
    )
    return submission.response or render(
        request,
        "workshops/form.html",
        {
            "form": form,
            "w": workshop,
            "conflict": submission.conflict,
            "nav": "workshops",
            "version": version_to_show(request, submission, workshop.version),
        },
    )


@require_POST
@role_required(*WRITERS)
def workshop_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    workshop = selectors.workshop_get(actor=request.user, pk=pk)
    try:
        services.workshop_cancel(
            actor=request.user, workshop=workshop, expected_version=posted_version(request)
        )
    except EditConflict:
        messages.error(
            request,
            _("Someone else changed this session meanwhile: check it, then cancel it again."),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The session is cancelled."))
    return redirect("workshops:detail", pk=pk)


@role_required(*WRITERS)
def workshop_invite(request: AuthedRequest, pk: int) -> HttpResponse:
    """Invite women of the agency: chosen from a search of the caseload, or a whole season."""
    workshop = selectors.workshop_get(actor=request.user, pk=pk)
    query = request.GET.get("q", "")[:100]
    campaigns = [(c.pk, str(c)) for c in campaign_list(actor=request.user)]
    campaign_form = CampaignInvitationForm(
        request.POST if request.POST.get("action") == "campaign" else None, campaigns=campaigns
    )
    selection_error = ""
    if request.method == "POST" and workshop.cancelled:
        messages.error(request, _("This session is cancelled."))
        return redirect("workshops:detail", pk=pk)
    if request.method == "POST" and request.POST.get("action") == "campaign":
        if campaign_form.is_valid():
            try:
                invitations, left_out = services.invite_campaign(
                    actor=request.user,
                    workshop=workshop,
                    campaign_id=campaign_form.cleaned_data["campaign"],
                    participation_status=campaign_form.cleaned_data["participation_status"],
                )
            except ValidationError as error:
                add_service_errors(campaign_form, error)
            else:
                _invited_message(request, len(invitations), left_out)
                return redirect("workshops:detail", pk=pk)
    elif request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("beneficiaries") if v.isdigit()]
        try:
            invitations = services.invite(
                actor=request.user, workshop=workshop, beneficiary_ids=ids
            )
        except ValidationError as error:
            selection_error = " ".join(error.messages)
        else:
            _invited_message(request, len(invitations), 0)
            return redirect("workshops:detail", pk=pk)
    search = selectors.invitation_candidates(actor=request.user, workshop=workshop, query=query)
    return render(
        request,
        "workshops/invite.html",
        {
            "w": workshop,
            "query": query,
            "search": search,
            "seats_left": max(workshop.capacity - workshop.invited, 0),  # type: ignore[attr-defined]
            "selection_error": selection_error,
            "chosen": {int(v) for v in request.POST.getlist("beneficiaries") if v.isdigit()},
            "campaign_form": campaign_form,
            "nav": "workshops",
        },
    )


def _invited_message(request: AuthedRequest, count: int, left_out: int) -> None:
    messages.success(
        request,
        ngettext("%(count)d woman invited.", "%(count)d women invited.", count) % {"count": count},
    )
    if left_out:
        messages.warning(
            request,
            ngettext(
                "%(count)d woman was left out: she withdrew her consent to accompaniment.",
                "%(count)d women were left out: they withdrew their consent to accompaniment.",
                left_out,
            )
            % {"count": left_out},
        )


@require_POST
@role_required(*WRITERS)
def invitation_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    invitation = selectors.invitation_get(actor=request.user, pk=pk)
    try:
        services.invitation_remove(actor=request.user, invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The invitation is withdrawn."))
    return redirect("workshops:detail", pk=invitation.workshop_id)


@role_required(*WRITERS)
def workshop_attendance(request: AuthedRequest, pk: int) -> HttpResponse:
    """The whole group on one page, for a tablet: one row per woman, three choices, one Save."""
    workshop = selectors.workshop_get(actor=request.user, pk=pk)
    invitations = list(selectors.invitations_of(actor=request.user, workshop=workshop))
    allowed = selectors.accompaniment_allowed_ids([i.beneficiary_id for i in invitations])
    editable = [i for i in invitations if i.beneficiary_id in allowed]
    form = AttendanceForm(request.POST or None, invitations=editable)
    error = ""
    if workshop.cancelled:
        error = _("This session is cancelled.")
    elif services.session_day(workshop) > timezone.localdate():
        error = _("The session has not taken place yet: record attendance on its day.")
    if request.method == "POST" and not error and form.is_valid():
        try:
            services.attendance_record(actor=request.user, workshop=workshop, marks=form.marks())
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, _("Attendance is saved."))
            return redirect("workshops:detail", pk=pk)
    rows: list[dict[str, object]] = []
    for invitation in invitations:
        name = attendance_field_name(invitation.beneficiary_id)
        chosen = (
            form[name].value() if name in form.fields and form.is_bound else invitation.attendance
        )
        rows.append(
            {
                "invitation": invitation,
                "field": name,
                "value": chosen or "",
                "locked": invitation.beneficiary_id not in allowed,
                "errors": form.errors.get(name, []),
            }
        )
    return render(
        request,
        "workshops/attendance.html",
        {
            "w": workshop,
            "rows": rows,
            "choices": [
                ("present", _("Present")),
                ("absent", _("Absent")),
                ("excused", _("Excused")),
            ],
            "error": error,
            "form": form,
            "nav": "workshops",
        },
    )


@casework_required
def attendance_sheet(request: AuthedRequest, pk: int) -> HttpResponse:
    """The printable attendance sheet (PDF), names in both scripts, a column to sign."""
    workshop = selectors.workshop_get(actor=request.user, pk=pk)
    invitations = list(selectors.invitations_of(actor=request.user, workshop=workshop))
    content = sheet.attendance_sheet_pdf(workshop, [i.beneficiary for i in invitations])
    services.attendance_sheet_printed(actor=request.user, workshop=workshop)
    response = HttpResponse(content, content_type="application/pdf")
    day = timezone.localtime(workshop.starts_at).date().isoformat()
    response["Content-Disposition"] = f'inline; filename="presence-{workshop.pk}-{day}.pdf"'
    return response
