"""Reads of this app. Every function takes the acting user and returns only her scope."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, Case, Count, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from irtiqaa.accounts.models import Role, User
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.selectors import beneficiaries_in_scope
from irtiqaa.cases.models import Interaction
from irtiqaa.organisations.models import OrganisationUnit
from irtiqaa.plans.models import Action, ActionPlan, Goal


def overdue_condition(today: datetime.date) -> Q:
    """An action still open whose due date has passed (the same rule as `Action.is_overdue`)."""
    return Q(status__in=Action.OPEN_STATUSES, due_on__lt=today)


def with_overdue(actions: QuerySet[Action], today: datetime.date) -> QuerySet[Action]:
    """Each action with `overdue` (bool), for templates and lists."""
    return actions.annotate(
        overdue=Case(
            When(overdue_condition(today), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def actions_in_scope(actor: User) -> QuerySet[Action]:
    return Action.objects.filter(goal__plan__beneficiary__in=beneficiaries_in_scope(actor))


def overdue_actions(*, actor: User, today: datetime.date) -> QuerySet[Action]:
    """Open actions past their due date, of the women in her scope (the advisor's day)."""
    return actions_in_scope(actor).filter(overdue_condition(today))


def overdue_counts(*, actor: User, today: datetime.date) -> dict[int, int]:
    """How many overdue actions each woman in her scope has (those with none are left out)."""
    rows = (
        overdue_actions(actor=actor, today=today)
        .values("goal__plan__beneficiary_id")
        .annotate(count=Count("id"))
        .values_list("goal__plan__beneficiary_id", "count")
    )
    return dict(rows)


def action_list(
    *,
    actor: User,
    today: datetime.date,
    overdue: bool | None = None,
    status: str = "",
    beneficiary_id: int | None = None,
) -> QuerySet[Action]:
    actions = actions_in_scope(actor)
    if overdue is True:
        actions = actions.filter(overdue_condition(today))
    elif overdue is False:
        actions = actions.exclude(overdue_condition(today))
    if status:
        actions = actions.filter(status=status)
    if beneficiary_id:
        actions = actions.filter(goal__plan__beneficiary_id=beneficiary_id)
    return (
        with_overdue(actions, today).select_related("goal__plan").prefetch_related("interactions")
    )


_GOAL_FETCH = (
    "plan__beneficiary__home_agency",
    "plan__beneficiary__assigned_advisor",
    "plan__beneficiary__province__region",
)


def goal_get(*, actor: User, pk: int) -> Goal:
    try:
        return Goal.objects.select_related(*_GOAL_FETCH).get(
            pk=pk, plan__beneficiary__in=beneficiaries_in_scope(actor)
        )
    except (Goal.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def action_get(*, actor: User, pk: int) -> Action:
    try:
        return (
            actions_in_scope(actor)
            .select_related(*(f"goal__{path}" for path in _GOAL_FETCH))
            .prefetch_related("interactions")
            .get(pk=pk)
        )
    except (Action.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def plan_version(beneficiary: Beneficiary) -> int:
    """The version a form starts from: 0 while she has no plan (her first goal creates it)."""
    version = (
        ActionPlan.objects.filter(beneficiary=beneficiary).values_list("version", flat=True).first()
    )
    return version or 0


@dataclass
class PlanView:
    """Her plan as its page shows it: goals in order, each with its actions."""

    beneficiary: Beneficiary
    plan: ActionPlan | None
    goals: list[Goal] = field(default_factory=list)
    overdue_count: int = 0

    @property
    def version(self) -> int:
        return self.plan.version if self.plan else 0


def plan_view(*, beneficiary: Beneficiary, today: datetime.date) -> PlanView:
    """For a woman already fetched within the actor's scope; four queries whatever its size."""
    plan = ActionPlan.objects.select_related("updated_by").filter(beneficiary=beneficiary).first()
    if plan is None:
        return PlanView(beneficiary=beneficiary, plan=None)
    actions = with_overdue(Action.objects.all(), today).select_related(
        "owner_advisor", "owner_partner"
    )
    goals = list(
        plan.goals.prefetch_related(
            Prefetch("actions", queryset=actions.prefetch_related("interactions"))
        )
    )
    overdue = sum(
        a.is_overdue(today) for g in goals if g.status == Goal.Status.OPEN for a in g.actions.all()
    )
    return PlanView(beneficiary=beneficiary, plan=plan, goals=goals, overdue_count=overdue)


def file_section(*, actor: User, beneficiary: Beneficiary) -> dict[str, Any]:
    """What her file page shows of this app (template `_file_section.html`), for a woman
    already fetched within the actor's scope: her open goals with their open actions, overdue
    ones first flagged; three queries whatever their number."""
    today = timezone.localdate()
    plan = ActionPlan.objects.filter(beneficiary=beneficiary).only("pk").first()
    goals: list[Goal] = []
    if plan is not None:
        open_actions = with_overdue(
            Action.objects.filter(status__in=Action.OPEN_STATUSES), today
        ).select_related("owner_advisor", "owner_partner")
        goals = list(
            plan.goals.filter(status=Goal.Status.OPEN).prefetch_related(
                Prefetch("actions", queryset=open_actions)
            )
        )
    overdue = sum(a.is_overdue(today) for g in goals for a in g.actions.all())
    return {
        "beneficiary_id": beneficiary.pk,
        "has_plan": plan is not None,
        "goals": goals,
        "overdue_count": overdue,
    }


# ---- what a form offers ----


def her_interactions(beneficiary: Beneficiary) -> QuerySet[Interaction]:
    """The interactions an action of her plan may point to: hers, newest first."""
    return Interaction.objects.filter(beneficiary=beneficiary).order_by("-occurred_on", "-id")


def advisor_choices(beneficiary: Beneficiary) -> QuerySet[User]:
    """The advisors of her home agency (the one who does an action the advisor owns)."""
    return User.objects.filter(
        role=Role.ADVISOR, unit_id=beneficiary.home_agency_id, is_active=True
    ).order_by("last_name", "first_name", "pk")


def partner_choices() -> QuerySet[OrganisationUnit]:
    return OrganisationUnit.objects.filter(
        kind=OrganisationUnit.Kind.PARTNER, is_active=True
    ).order_by("name_fr", "pk")
