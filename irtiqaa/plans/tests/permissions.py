"""This app's rows of the permission matrix (see irtiqaa/testing/permissions.py)."""

import datetime

from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.plans.models import Action, ActionPlan, Goal
from irtiqaa.testing.permissions import CASEWORK, Rule, World

WEB_RULES: dict[str, Rule] = {
    "plans:plan": Rule(CASEWORK, obj="beneficiary"),
    "plans:goal_create": Rule(CASEWORK, obj="beneficiary"),
    "plans:goal_edit": Rule(CASEWORK, obj="goal"),
    "plans:action_create": Rule(CASEWORK, obj="goal"),
    "plans:action_edit": Rule(CASEWORK, obj="action"),
    # Posted without a status: the plan page comes back with the problem named.
    "plans:action_status": Rule(CASEWORK, obj="action", method="post"),
}

API_RULES: dict[str, Rule] = {
    "GET /api/v1/plans/{beneficiary_id}": Rule(CASEWORK, obj="beneficiary"),
    "POST /api/v1/plans/{beneficiary_id}/goals": Rule(
        CASEWORK,
        obj="beneficiary",
        method="post",
        allowed_status=201,
        body=lambda w: {"version": 1, "title": "Ouvrir un compte d'épargne"},
    ),
    "PATCH /api/v1/goals/{goal_id}": Rule(
        CASEWORK, obj="goal", method="patch", body=lambda w: {"version": 1}
    ),
    "POST /api/v1/goals/{goal_id}/actions": Rule(
        CASEWORK,
        obj="goal",
        method="post",
        allowed_status=201,
        body=lambda w: {"version": 1, "title": "Prendre rendez-vous", "owner": "woman"},
    ),
    "PATCH /api/v1/actions/{action_id}": Rule(
        CASEWORK, obj="action", method="patch", body=lambda w: {"version": 1, "status": "done"}
    ),
    "GET /api/v1/actions": Rule(CASEWORK),
}


def add_objects(world: World) -> None:
    """A plan at version 1 with one goal and one overdue action, for each of the two women."""
    for in_scope in (True, False):
        beneficiary = Beneficiary.objects.get(pk=world.objects[("beneficiary", in_scope)])
        plan = ActionPlan.objects.create(beneficiary=beneficiary)
        goal = Goal.objects.create(plan=plan, title="Créer une activité")
        action = Action.objects.create(
            goal=goal,
            title="Suivre la formation en gestion",
            owner=Action.Owner.WOMAN,
            due_on=datetime.date(2026, 1, 15),
        )
        world.objects[("goal", in_scope)] = goal.pk
        world.objects[("action", in_scope)] = action.pk
