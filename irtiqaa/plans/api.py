"""Her action plan over the API. Every write carries the plan's `version` (0 before her first
goal) and answers the new one as `plan_version`; an outdated version answers 409."""

import copy
import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import CursorPagination, paginate

from irtiqaa.accounts.models import User
from irtiqaa.audit.services import audit_list_read
from irtiqaa.beneficiaries.selectors import beneficiary_get
from irtiqaa.beneficiaries.services import beneficiary_file_opened
from irtiqaa.lib import problems
from irtiqaa.lib.decorators import casework_api
from irtiqaa.plans import selectors, services
from irtiqaa.plans.forms import ActionForm, GoalForm
from irtiqaa.plans.models import Action, Goal

router = Router(tags=["plans"])

VERSION_HELP = "The plan's version you read (0 before her first goal); a newer one answers 409."


class ActionOut(Schema):
    id: int
    goal: int = Field(alias="goal_id")
    beneficiary: int
    title: str
    owner: str = Field(description="woman, advisor or partner")
    owner_advisor: int | None = Field(alias="owner_advisor_id")
    owner_partner: int | None = Field(alias="owner_partner_id")
    due_on: datetime.date | None
    status: str = Field(description="todo, in_progress, done or cancelled")
    done_on: datetime.date | None
    overdue: bool = Field(description="Still open and its due date has passed.")
    interactions: list[int]
    position: int

    @staticmethod
    def resolve_beneficiary(obj: Action) -> int:
        return obj.goal.plan.beneficiary_id

    @staticmethod
    def resolve_overdue(obj: Action) -> bool:
        return obj.is_overdue(timezone.localdate())

    @staticmethod
    def resolve_interactions(obj: Action) -> list[int]:
        return [interaction.pk for interaction in obj.interactions.all()]


class GoalOut(Schema):
    id: int
    title: str
    status: str = Field(description="open, achieved or dropped")
    position: int
    actions: list[ActionOut]

    @staticmethod
    def resolve_actions(obj: Goal) -> list[Action]:
        return list(obj.actions.all())


class PlanOut(Schema):
    beneficiary: int
    version: int = Field(description="Send it with every change to the plan.")
    updated_at: datetime.datetime | None
    goals: list[GoalOut]


class GoalWritten(GoalOut):
    plan_version: int = Field(description="The plan's version after this change.")

    @staticmethod
    def resolve_plan_version(obj: Goal) -> int:
        return obj.plan.version


class ActionWritten(ActionOut):
    plan_version: int = Field(description="The plan's version after this change.")

    @staticmethod
    def resolve_plan_version(obj: Action) -> int:
        return obj.goal.plan.version


class GoalIn(Schema):
    version: int = Field(description=VERSION_HELP)
    title: str
    status: str = "open"


class GoalPatch(Schema):
    version: int = Field(description=VERSION_HELP)
    title: str | None = None
    status: str | None = None


class ActionIn(Schema):
    version: int = Field(description=VERSION_HELP)
    title: str
    owner: str = Field(description="woman, advisor or partner")
    owner_advisor: int | None = Field(
        default=None, description="An advisor of her agency; her assigned advisor if omitted."
    )
    owner_partner: int | None = Field(
        default=None, description="The partner organisation, required when owner is partner."
    )
    due_on: datetime.date | None = None
    status: str = "todo"
    done_on: datetime.date | None = Field(
        default=None, description="When it was done; today if omitted for a done action."
    )
    interactions: list[int] = Field(
        default_factory=list, description="Her interactions this action comes from."
    )


class ActionPatch(Schema):
    version: int = Field(description=VERSION_HELP)
    title: str | None = None
    owner: str | None = None
    owner_advisor: int | None = None
    owner_partner: int | None = None
    due_on: datetime.date | None = None
    status: str | None = None
    done_on: datetime.date | None = None
    interactions: list[int] | None = None


def _invalid(form: Any) -> problems.ProblemError:
    return problems.ProblemError(
        422,
        _("Invalid input"),
        _("Some fields are missing or wrong; see errors."),
        errors=problems.form_errors(form),
    )


def _form_values(data: dict[str, Any]) -> dict[str, Any]:
    """JSON values → the web form's, so that both validate exactly alike."""
    return {name: ("" if value is None else value) for name, value in data.items()}


def _current_action(action: Action) -> dict[str, Any]:
    return {
        "title": action.title,
        "owner": action.owner,
        "owner_advisor": action.owner_advisor_id,
        "owner_partner": action.owner_partner_id,
        "due_on": action.due_on,
        "status": action.status,
        "done_on": action.done_on,
        "interactions": [i.pk for i in action.interactions.all()],
    }


def _written_action(actor: User, action_id: int) -> Action:
    return selectors.action_get(actor=actor, pk=action_id)


@router.get(
    "/plans/{int:beneficiary_id}", response=PlanOut, summary="Her action plan, with its version"
)
@casework_api
def get_plan(request: HttpRequest, beneficiary_id: int) -> Any:
    user: User = request.user  # type: ignore[assignment]
    beneficiary = beneficiary_get(actor=user, pk=beneficiary_id)
    beneficiary_file_opened(actor=user, beneficiary=beneficiary, via="api")
    view = selectors.plan_view(beneficiary=beneficiary, today=timezone.localdate())
    return {
        "beneficiary": beneficiary.pk,
        "version": view.version,
        "updated_at": view.plan.updated_at if view.plan else None,
        "goals": view.goals,
    }


@router.post(
    "/plans/{int:beneficiary_id}/goals",
    response={201: GoalWritten},
    summary="Add a goal to her plan (her first goal creates the plan)",
)
@casework_api
def create_goal(request: HttpRequest, beneficiary_id: int, payload: GoalIn) -> Any:
    user: User = request.user  # type: ignore[assignment]
    beneficiary = beneficiary_get(actor=user, pk=beneficiary_id)
    data = payload.model_dump()
    version = data.pop("version")
    form = GoalForm(_form_values(data))
    if not form.is_valid():
        raise _invalid(form)
    goal = services.goal_create(
        actor=user,
        beneficiary=beneficiary,
        fields=form.cleaned_data,
        expected_version=version,
        via="api",
    )
    return 201, selectors.goal_get(actor=user, pk=goal.pk)


@router.patch("/goals/{int:goal_id}", response=GoalWritten, summary="Change a goal")
@casework_api
def update_goal(request: HttpRequest, goal_id: int, payload: GoalPatch) -> Any:
    user: User = request.user  # type: ignore[assignment]
    goal = selectors.goal_get(actor=user, pk=goal_id)
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    current = {"title": goal.title, "status": goal.status}
    form = GoalForm(_form_values({**current, **changes}), instance=copy.copy(goal))
    if not form.is_valid():
        raise _invalid(form)
    services.goal_update(
        actor=user, goal=goal, fields=form.cleaned_data, expected_version=version, via="api"
    )
    return selectors.goal_get(actor=user, pk=goal.pk)


@router.post(
    "/goals/{int:goal_id}/actions",
    response={201: ActionWritten},
    summary="Add an action to a goal",
)
@casework_api
def create_action(request: HttpRequest, goal_id: int, payload: ActionIn) -> Any:
    user: User = request.user  # type: ignore[assignment]
    goal = selectors.goal_get(actor=user, pk=goal_id)
    data = payload.model_dump()
    version = data.pop("version")
    form = ActionForm(_form_values(data), beneficiary=goal.plan.beneficiary)
    if not form.is_valid():
        raise _invalid(form)
    action = services.action_create(
        actor=user, goal=goal, fields=form.cleaned_data, expected_version=version, via="api"
    )
    return 201, _written_action(user, action.pk)


@router.patch(
    "/actions/{int:action_id}",
    response=ActionWritten,
    summary="Change an action (its status, owner, due date, interactions...)",
)
@casework_api
def update_action(request: HttpRequest, action_id: int, payload: ActionPatch) -> Any:
    user: User = request.user  # type: ignore[assignment]
    action = selectors.action_get(actor=user, pk=action_id)
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    form = ActionForm(
        _form_values({**_current_action(action), **changes}),
        instance=copy.copy(action),
        beneficiary=action.goal.plan.beneficiary,
    )
    if not form.is_valid():
        raise _invalid(form)
    services.action_update(
        actor=user, action=action, fields=form.cleaned_data, expected_version=version, via="api"
    )
    return _written_action(user, action.pk)


class ActionFilters(Schema):
    overdue: bool | None = Field(
        default=None, description="true: only open actions past their due date; false: the others"
    )
    status: str = Field(default="", description="todo, in_progress, done or cancelled")
    beneficiary: int | None = None


@router.get("/actions", response=list[ActionOut], summary="Actions of the women in your scope")
@paginate(CursorPagination, ordering=("id",))
@casework_api
def list_actions(request: HttpRequest, filters: Query[ActionFilters]) -> Any:
    audit_list_read(actor=request.user, object_type="plans.action", filters=filters.dict())
    return selectors.action_list(
        actor=request.user,  # type: ignore[arg-type]
        today=timezone.localdate(),
        overdue=filters.overdue,
        status=filters.status,
        beneficiary_id=filters.beneficiary,
    )
