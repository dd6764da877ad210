import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.selectors import beneficiaries_in_scope, beneficiary_get
from irtiqaa.beneficiaries.services import beneficiary_file_opened
from irtiqaa.cases import selectors, services
from irtiqaa.cases.forms import (
    ClosureDecisionForm,
    ClosureForm,
    InteractionForm,
    PhaseForm,
    ReopeningForm,
    TransferForm,
)
from irtiqaa.cases.models import Case
from irtiqaa.cases.selectors import CLOSURE_APPROVERS
from irtiqaa.lib.decorators import AuthedRequest, casework_required, role_required
from irtiqaa.lib.forms import (
    Submission,
    add_service_errors,
    posted_version,
    submit,
    version_to_show,
)

PAGE_SIZE = 25


def _file_url(beneficiary_id: int) -> str:
    return reverse("beneficiaries:file", kwargs={"pk": beneficiary_id})


def _her_case(request: AuthedRequest, pk: int) -> tuple[Beneficiary, Case | None]:
    """The woman (404 outside the actor's scope) and her case; showing a form about her case
    shows part of her file, so it is audited as a read."""
    beneficiary = beneficiary_get(actor=request.user, pk=pk)
    if request.method == "GET":
        beneficiary_file_opened(actor=request.user, beneficiary=beneficiary)
    return beneficiary, selectors.case_of(beneficiary)


def _case_page(
    request: AuthedRequest,
    template: str,
    beneficiary: Beneficiary,
    case: Case | None,
    form: object,
    submission: Submission,
    **extra: object,
) -> HttpResponse:
    return render(
        request,
        template,
        {
            "form": form,
            "b": beneficiary,
            "case": case,
            "conflict": submission.conflict,
            "version": version_to_show(request, submission, case.version if case else 1),
            "nav": "caseload",
            **extra,
        },
    )


@casework_required
def phase_change(request: AuthedRequest, pk: int) -> HttpResponse:
    beneficiary, case = _her_case(request, pk)
    form = PhaseForm(request.POST or None, current=case.phase if case else "")
    submission = submit(
        request,
        form,
        lambda fields: services.case_change_phase(
            actor=request.user,
            beneficiary=beneficiary,
            phase=fields["phase"],
            note=fields["note"],
            expected_version=posted_version(request),
        ),
        saved_message=_("Her phase is changed."),
        next_url=_file_url(pk),
    )
    return submission.response or _case_page(
        request, "cases/phase_form.html", beneficiary, case, form, submission
    )


@casework_required
def case_close(request: AuthedRequest, pk: int) -> HttpResponse:
    beneficiary, case = _her_case(request, pk)
    form = ClosureForm(request.POST or None)
    needs_approval = (
        request.user.role not in CLOSURE_APPROVERS
        and selectors.rules_for(beneficiary).closure_needs_approval
    )
    submission = submit(
        request,
        form,
        lambda fields: services.case_close(
            actor=request.user,
            beneficiary=beneficiary,
            reason=fields["reason"],
            note=fields["note"],
            expected_version=posted_version(request),
        ),
        saved_message=_("The closure is sent to her coordinator for approval.")
        if needs_approval
        else _("Her case is closed."),
        next_url=_file_url(pk),
    )
    return submission.response or _case_page(
        request,
        "cases/closure_form.html",
        beneficiary,
        case,
        form,
        submission,
        needs_approval=needs_approval,
    )


@role_required(*CLOSURE_APPROVERS)
def closure_decide(request: AuthedRequest, pk: int) -> HttpResponse:
    beneficiary, case = _her_case(request, pk)
    if case is None or not case.closure_pending:
        messages.info(request, _("No closure of her case awaits approval."))
        return redirect(_file_url(pk))
    form = ClosureDecisionForm(request.POST or None)
    submission = submit(
        request,
        form,
        lambda fields: services.case_decide_closure(
            actor=request.user,
            beneficiary=beneficiary,
            approve=fields["decision"] == "approve",
            note=fields["note"],
            expected_version=posted_version(request),
        ),
        saved_message=_("Your decision is recorded."),
        next_url=reverse("cases:closures"),
    )
    return submission.response or _case_page(
        request, "cases/closure_decision.html", beneficiary, case, form, submission
    )


@casework_required
def case_reopen(request: AuthedRequest, pk: int) -> HttpResponse:
    beneficiary, case = _her_case(request, pk)
    if case is None or not case.is_closed:
        messages.info(request, _("Her case is not closed."))
        return redirect(_file_url(pk))
    form = ReopeningForm(request.POST or None)
    submission = submit(
        request,
        form,
        lambda fields: services.case_reopen(
            actor=request.user,
            beneficiary=beneficiary,
            phase=fields["phase"],
            note=fields["note"],
            expected_version=posted_version(request),
        ),
        saved_message=_("Her case is reopened."),
        next_url=_file_url(pk),
    )
    return submission.response or _case_page(
        request, "cases/reopening_form.html", beneficiary, case, form, submission
    )


@role_required(*CLOSURE_APPROVERS)
def closures(request: AuthedRequest) -> HttpResponse:
    page = Paginator(selectors.closures_awaiting(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "cases/closures.html", {"page": page, "nav": "caseload"})


@casework_required
def transfer(request: AuthedRequest, pk: int) -> HttpResponse:
    beneficiary, case = _her_case(request, pk)
    form = TransferForm(request.POST or None, current_agency_id=beneficiary.home_agency_id)
    if request.method == "POST" and form.is_valid():
        agency = form.cleaned_data["to_agency"]
        try:
            services.case_transfer(
                actor=request.user,
                beneficiary=beneficiary,
                to_agency=agency,
                advisor=form.cleaned_data["advisor"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if beneficiaries_in_scope(request.user).filter(pk=pk).exists():
                messages.success(
                    request, _("Her file is transferred to %(agency)s.") % {"agency": agency}
                )
                return redirect(_file_url(pk))
            # Her file now belongs to an agency outside the actor's scope: it is a 404 for her.
            messages.success(
                request,
                _(
                    "Her file is transferred to %(agency)s, which follows her from now on: "
                    "it is no longer in your caseload."
                )
                % {"agency": agency},
            )
            return redirect("beneficiaries:list")
    return _case_page(request, "cases/transfer_form.html", beneficiary, case, form, Submission())


@casework_required
def interaction_create(request: AuthedRequest, pk: int) -> HttpResponse:
    beneficiary, case = _her_case(request, pk)
    with_notes = selectors.may_read_notes(request.user, beneficiary)
    form = InteractionForm(request.POST or None, with_notes=with_notes)
    submission = submit(
        request,
        form,
        lambda fields: services.interaction_create(
            actor=request.user,
            beneficiary=beneficiary,
            fields={k: fields[k] for k in services.INTERACTION_FIELDS if k in form.fields},
        ),
        saved_message=_("The interaction is recorded."),
        next_url=_file_url(pk) + "#interactions",
    )
    return submission.response or _case_page(
        request, "cases/interaction_form.html", beneficiary, case, form, submission
    )


@casework_required
def interaction_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    interaction = selectors.interaction_get(actor=request.user, pk=pk)
    beneficiary = interaction.beneficiary
    if request.method == "GET":
        beneficiary_file_opened(actor=request.user, beneficiary=beneficiary)
    with_notes = selectors.may_read_notes(request.user, beneficiary)
    form = InteractionForm(
        request.POST or None, instance=copy.copy(interaction), with_notes=with_notes
    )
    submission = submit(
        request,
        form,
        lambda fields: services.interaction_update(
            actor=request.user,
            interaction=interaction,
            fields={k: fields[k] for k in services.INTERACTION_FIELDS if k in form.fields},
            expected_version=posted_version(request),
        ),
        saved_message=_("The interaction is saved."),
        next_url=_file_url(beneficiary.pk) + "#interactions",
    )
    return submission.response or render(
        request,
        "cases/interaction_form.html",
        {
            "form": form,
            "b": beneficiary,
            "interaction": interaction,
            "conflict": submission.conflict,
            "nav": "caseload",
            "version": version_to_show(request, submission, interaction.version),
        },
    )
