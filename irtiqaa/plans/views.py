import copy
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.selectors import (
    accompaniment_allowed,
    beneficiary_get,
    consents_in_force,
)
from irtiqaa.beneficiaries.services import beneficiary_file_opened
from irtiqaa.lib.decorators import AuthedRequest, casework_required
from irtiqaa.lib.errors import EditConflict
from irtiqaa.lib.forms import conflict_message, posted_version, submit, version_to_show
from irtiqaa.plans import selectors, services
from irtiqaa.plans.forms import ActionForm, ActionStatusForm, GoalForm, NewGoalForm
from irtiqaa.plans.models import Action


def _plan_url(beneficiary_id: int) -> str:
    return reverse("plans:plan", kwargs={"pk": beneficiary_id})


def _plan_context(request: AuthedRequest, beneficiary: Beneficiary, **extra: Any) -> dict[str, Any]:
    return {
        "b": beneficiary,
        "view": selectors.plan_view(beneficiary=beneficiary, today=timezone.localdate()),
        "may_write": accompaniment_allowed(consents_in_force(beneficiary)),
        "statuses": Action.Status.choices,
        "nav": "caseload",
        **extra,
    }


@casework_required
def plan(request: AuthedRequest, pk: int) -> HttpResponse:
    beneficiary = beneficiary_get(actor=request.user, pk=pk)
    beneficiary_file_opened(actor=request.user, beneficiary=beneficiary)
    return render(request, "plans/plan.html", _plan_context(request, beneficiary))


def _form_page(
    request: AuthedRequest, template: str, beneficiary: Beneficiary, **context: Any
) -> HttpResponse:
    return render(request, template, {"b": beneficiary, "nav": "caseload", **context})


@casework_required
def goal_create(request: AuthedRequest, pk: int) -> HttpResponse:
    beneficiary = beneficiary_get(actor=request.user, pk=pk)
    form = NewGoalForm(request.POST or None)
    submission = submit(
        request,
        form,
        lambda fields: services.goal_create(
            actor=request.user,
            beneficiary=beneficiary,
            fields=fields,
            expected_version=posted_version(request),
        ),
        saved_message=_("The goal is saved."),
        next_url=_plan_url(beneficiary.pk),
    )
    return submission.response or _form_page(
        request,
        "plans/goal_form.html",
        beneficiary,
        form=form,
        conflict=submission.conflict,
        version=version_to_show(request, submission, selectors.plan_version(beneficiary)),
    )


# Each edit form gets a copy of the record: validating a ModelForm writes into its instance, and
# the service must see the record as it was to record which fields changed.


@casework_required
def goal_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    goal = selectors.goal_get(actor=request.user, pk=pk)
    beneficiary = goal.plan.beneficiary
    if request.method == "GET":
        beneficiary_file_opened(actor=request.user, beneficiary=beneficiary)
    form = GoalForm(request.POST or None, instance=copy.copy(goal))
    submission = submit(
        request,
        form,
        lambda fields: services.goal_update(
            actor=request.user,
            goal=goal,
            fields=fields,
            expected_version=posted_version(request),
        ),
        saved_message=_("The goal is saved."),
        next_url=_plan_url(beneficiary.pk),
    )
    return submission.response or _form_page(
        request,
        "plans/goal_form.html",
        beneficiary,
        form=form,
        goal=goal,
        conflict=submission.conflict,
        version=version_to_show(request, submission, selectors.plan_version(beneficiary)),
    )


@casework_required
def action_create(request: AuthedRequest, pk: int) -> HttpResponse:
    goal = selectors.goal_get(actor=request.user, pk=pk)
    beneficiary = goal.plan.beneficiary
    if request.method == "GET":  # the form lists her interactions
        beneficiary_file_opened(actor=request.user, beneficiary=beneficiary)
    form = ActionForm(
        request.POST or None,
        beneficiary=beneficiary,
        initial={"owner": Action.Owner.WOMAN, "status": Action.Status.TODO},
    )
    submission = submit(
        request,
        form,
        lambda fields: services.action_create(
            actor=request.user,
            goal=goal,
            fields=fields,
            expected_version=posted_version(request),
        ),
        saved_message=_("The action is saved."),
        next_url=_plan_url(beneficiary.pk),
    )
    return submission.response or _form_page(
        request,
        "plans/action_form.html",
        beneficiary,
        form=form,
        goal=goal,
        conflict=submission.conflict,
        version=version_to_show(request, submission, selectors.plan_version(beneficiary)),
    )


@casework_required
def action_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    action = selectors.action_get(actor=request.user, pk=pk)
    goal = action.goal
    beneficiary = goal.plan.beneficiary
    if request.method == "GET":
        beneficiary_file_opened(actor=request.user, beneficiary=beneficiary)
    form = ActionForm(request.POST or None, instance=copy.copy(action), beneficiary=beneficiary)
    submission = submit(
        request,
        form,
        lambda fields: services.action_update(
            actor=request.user,
            action=action,
            fields=fields,
            expected_version=posted_version(request),
        ),
        saved_message=_("The action is saved."),
        next_url=_plan_url(beneficiary.pk),
    )
    return submission.response or _form_page(
        request,
        "plans/action_form.html",
        beneficiary,
        form=form,
        goal=goal,
        action=action,
        conflict=submission.conflict,
        version=version_to_show(request, submission, selectors.plan_version(beneficiary)),
    )


@require_POST
@casework_required
def action_status(request: AuthedRequest, pk: int) -> HttpResponse:
    """The quick status change of the plan page. With HTMX it answers the plan again (every
    form on it then carries the new version); without, it goes back to the plan page."""
    action = selectors.action_get(actor=request.user, pk=pk)
    beneficiary = action.goal.plan.beneficiary
    form = ActionStatusForm(request.POST)
    problem, notice = "", ""
    pending = ""  # after a conflict, her choice stays selected to save again knowingly
    if not form.is_valid():
        problem = _("Choose the new status of the action.")
    else:
        status = form.cleaned_data["status"]
        try:
            services.action_update(
                actor=request.user,
                action=action,
                fields={"status": status},
                expected_version=posted_version(request),
            )
        except EditConflict:
            problem = conflict_message()
            pending = status
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            notice = _("The action is saved.")
            if not request.htmx:
                messages.success(request, notice)
                return redirect(_plan_url(beneficiary.pk))
    context = _plan_context(
        request, beneficiary, problem=problem, notice=notice, pending=pending, changed=action.pk
    )
    template = "plans/_plan.html" if request.htmx else "plans/plan.html"
    return render(request, template, context)
