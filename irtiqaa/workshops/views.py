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
from irtiqaa.lib.forms import (
    add_service_errors,
    conflict_message,
    posted_version,
    submit,
    version_to_show,
)
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
    """A whole number typed in ASCII digits, else None (a filter ignored). `isdigit` alone
    accepts "²" or "٣", which int() then refuses."""
    return int(value) if value and value.isascii() and value.isdigit() else None


def _posted_version(request: AuthedRequest) -> int:
    """The version a form was read at; 0 (always stale) when missing or not a number."""
    return _int_or_none(request.POST.get("version")) or 0


def _ids(values: list[str]) -> list[int]:
    return [n for n in map(_int_or_none, values) if n is not None]


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
        ids = _ids(request.POST.getlist("beneficiaries"))
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
            "chosen": set(_ids(request.POST.getlist("beneficiaries"))),
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
    """The whole group on one page, for a tablet: one row per woman, three choices, one Save.
    The roll carries the session's version: saved over someone else's newer roll, it shows the
    conflict with her marks still chosen, and a second save then goes through knowingly."""
    workshop = selectors.workshop_get(actor=request.user, pk=pk)
    invitations = list(selectors.invitations_of(actor=request.user, workshop=workshop))
    allowed = selectors.accompaniment_allowed_ids([i.beneficiary_id for i in invitations])
    editable = [i for i in invitations if i.beneficiary_id in allowed]
    form = AttendanceForm(request.POST or None, invitations=editable)
    error = ""
    conflict = False
    if workshop.cancelled:
        error = _("This session is cancelled.")
    elif services.session_day(workshop) > timezone.localdate():
        error = _("The session has not taken place yet: record attendance on its day.")
    if request.method == "POST" and not error and form.is_valid():
        try:
            result = services.attendance_record(
                actor=request.user,
                workshop=workshop,
                marks=form.marks(),
                expected_version=_posted_version(request),
            )
        except EditConflict:
            error, conflict = conflict_message(), True
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, _("Attendance is saved."))
            _left_aside_messages(request, result)
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
            "conflict": conflict,
            "form": form,
            "nav": "workshops",
            # Hers while she corrects the roll; the newest after a conflict.
            "version": (
                _posted_version(request)
                if request.method == "POST" and not conflict
                else workshop.version
            ),
        },
    )


def _left_aside_messages(request: AuthedRequest, result: services.AttendanceResult) -> None:
    """The women whose file the roll did not change, and why."""
    kept = ", ".join(b.display_name for b in result["kept"])
    if kept:
        messages.warning(
            request,
            _(
                "%(names)s: no longer marked present, but her workshop interaction holds an "
                "advisor's notes or plan actions, so it stays in her file."
            )
            % {"names": kept},
        )
    closed = ", ".join(b.display_name for b in result["case_closed"])
    if closed:
        messages.warning(
            request,
            _(
                "%(names)s: her case is closed. Her attendance is saved, but no workshop "
                "interaction is added to or removed from her file."
            )
            % {"names": closed},
        )


@casework_required
def attendance_sheet(request: AuthedRequest, pk: int) -> HttpResponse:
    """The printable attendance sheet (PDF), names in both scripts, a column to sign."""
    workshop = selectors.workshop_get(actor=request.user, pk=pk)
    invitations = list(selectors.invitations_of(actor=request.user, workshop=workshop))
    content = sheet.attendance_sheet_pdf(workshop, [i.beneficiary for i in invitations])
    services.attendance_sheet_printed(
        actor=request.user,
        workshop=workshop,
        beneficiary_ids=[i.beneficiary_id for i in invitations],
    )
    response = HttpResponse(content, content_type="application/pdf")
    day = timezone.localtime(workshop.starts_at).date().isoformat()
    response["Content-Disposition"] = f'inline; filename="presence-{workshop.pk}-{day}.pdf"'
    return response
