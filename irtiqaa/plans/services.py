"""Writes to her action plan. Each checks scope and consent, is made from the plan's version
(bumped on every change to the plan, a goal or an action: a stale page gets EditConflict) and is
audited with the names of the fields it changed, in one transaction."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from irtiqaa.accounts.models import Role, User
from irtiqaa.audit.models import AuditEvent
from irtiqaa.audit.services import audit_record
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.services import require_accompaniment_consent
from irtiqaa.cases.models import Interaction
from irtiqaa.lib.errors import EditConflict
from irtiqaa.lib.locking import changed_fields, save_versioned, snapshot
from irtiqaa.organisations.models import OrganisationUnit
from irtiqaa.organisations.scope import unit_in_scope
from irtiqaa.plans.models import Action, ActionPlan, Goal

GOAL_FIELDS = ["title", "status"]
ACTION_FIELDS = ["title", "owner", "owner_advisor", "owner_partner", "due_on", "status", "done_on"]


def _require_plan_writer(actor: User, beneficiary: Beneficiary) -> None:
    if not actor.does_casework or not unit_in_scope(actor, beneficiary.home_agency):
        raise PermissionDenied
    require_accompaniment_consent(beneficiary)


def _touch_plan(
    actor: User, beneficiary: Beneficiary, expected_version: int, via: str
) -> ActionPlan:
    """Her plan, bumped from the version the edit started from; created by her first goal (a page
    showing no plan yet carries version 0). Inside the caller's transaction, after the file lock
    taken by the consent check, so two first goals cannot both create it."""
    plan = ActionPlan.objects.filter(beneficiary=beneficiary).first()
    if plan is None and expected_version == 0:
        plan = ActionPlan.objects.create(beneficiary=beneficiary, updated_by=actor)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            obj=plan,
            beneficiary_id=beneficiary.pk,
            via=via,
        )
        return plan
    if plan is None:
        raise EditConflict  # a version of a plan she does not have
    plan.updated_at = timezone.now()
    plan.updated_by = actor
    save_versioned(plan, expected_version=expected_version)
    return plan


def _record(
    actor: User,
    action: str,
    obj: Goal | Action,
    beneficiary: Beneficiary,
    fields: list[str],
    via: str,
) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        beneficiary_id=beneficiary.pk,
        changed_fields=fields,
        via=via,
    )


# ---- goals ----


@transaction.atomic
def goal_create(
    *,
    actor: User,
    beneficiary: Beneficiary,
    fields: dict[str, Any],
    expected_version: int,
    via: str = "web",
) -> Goal:
    _require_plan_writer(actor, beneficiary)
    goal = Goal(title=fields["title"], status=fields.get("status") or Goal.Status.OPEN)
    goal.full_clean(exclude=["plan"])
    plan = _touch_plan(actor, beneficiary, expected_version, via)
    goal.plan = plan
    goal.position = (plan.goals.aggregate(last=Max("position"))["last"] or 0) + 1
    goal.save()
    _record(actor, AuditEvent.Action.CREATE, goal, beneficiary, GOAL_FIELDS, via)
    return goal


@transaction.atomic
def goal_update(
    *, actor: User, goal: Goal, fields: dict[str, Any], expected_version: int, via: str = "web"
) -> Goal:
    beneficiary = goal.plan.beneficiary
    _require_plan_writer(actor, beneficiary)
    before = snapshot(goal, GOAL_FIELDS)
    for name in GOAL_FIELDS:
        if name in fields:
            setattr(goal, name, fields[name])
    goal.full_clean()
    goal.plan = _touch_plan(actor, beneficiary, expected_version, via)
    goal.save()
    _record(actor, AuditEvent.Action.UPDATE, goal, beneficiary, changed_fields(goal, before), via)
    return goal


# ---- actions ----


def _settle_action(
    action: Action,
    beneficiary: Beneficiary,
    before: dict[str, object],
    today: datetime.date,
) -> None:
    """Make owner and completion consistent, or refuse naming the field at fault."""
    errors: dict[str, str] = {}
    if action.owner == Action.Owner.ADVISOR:
        if action.owner_advisor is None:
            action.owner_advisor = beneficiary.assigned_advisor
        advisor = action.owner_advisor
        if advisor is None:
            errors["owner_advisor"] = _("Choose the advisor who does it.")
        elif advisor != before.get("owner_advisor") and not (
            advisor.is_active
            and advisor.role == Role.ADVISOR
            and advisor.unit_id == beneficiary.home_agency_id
        ):
            errors["owner_advisor"] = _("The advisor must work in her home agency.")
    else:
        action.owner_advisor = None
    if action.owner == Action.Owner.PARTNER:
        partner = action.owner_partner
        if partner is None:
            errors["owner_partner"] = _("Choose the partner who does it.")
        elif partner != before.get("owner_partner") and not (
            partner.kind == OrganisationUnit.Kind.PARTNER and partner.is_active
        ):
            errors["owner_partner"] = _("Choose an active partner organisation.")
    else:
        action.owner_partner = None
    if action.status == Action.Status.DONE:
        if action.done_on is None:
            action.done_on = today
        elif action.done_on > today:
            errors["done_on"] = _("The date cannot be in the future.")
    else:
        action.done_on = None
    if errors:
        raise ValidationError(errors)


def _check_interactions(interactions: Iterable[Interaction], beneficiary: Beneficiary) -> None:
    if any(i.beneficiary_id != beneficiary.pk for i in interactions):
        raise ValidationError({"interactions": _("Choose among her own interactions.")})


@transaction.atomic
def action_create(
    *,
    actor: User,
    goal: Goal,
    fields: dict[str, Any],
    expected_version: int,
    via: str = "web",
) -> Action:
    beneficiary = goal.plan.beneficiary
    _require_plan_writer(actor, beneficiary)
    fields = dict(fields)
    interactions = list(fields.pop("interactions", None) or [])
    action = Action(goal=goal, status=Action.Status.TODO)
    for name in ACTION_FIELDS:
        if name in fields:
            setattr(action, name, fields[name])
    _settle_action(action, beneficiary, {}, timezone.localdate())
    _check_interactions(interactions, beneficiary)
    action.full_clean()
    _touch_plan(actor, beneficiary, expected_version, via)
    action.position = (goal.actions.aggregate(last=Max("position"))["last"] or 0) + 1
    action.save()
    action.interactions.set(interactions)
    written = [n for n in ACTION_FIELDS if getattr(action, n) not in (None, "")]
    _record(
        actor,
        AuditEvent.Action.CREATE,
        action,
        beneficiary,
        written + (["interactions"] if interactions else []),
        via,
    )
    return action


@transaction.atomic
def action_update(
    *,
    actor: User,
    action: Action,
    fields: dict[str, Any],
    expected_version: int,
    via: str = "web",
) -> Action:
    """Change any of her action's fields; `fields` holds only those to change (a status change
    alone is `{"status": "done"}`: marking it done dates it today unless a date is given)."""
    beneficiary = action.goal.plan.beneficiary
    _require_plan_writer(actor, beneficiary)
    fields = dict(fields)
    interactions = fields.pop("interactions", None)
    before = snapshot(action, ACTION_FIELDS)
    for name in ACTION_FIELDS:
        if name in fields:
            setattr(action, name, fields[name])
    _settle_action(action, beneficiary, before, timezone.localdate())
    changed = []
    if interactions is not None:
        interactions = list(interactions)
        _check_interactions(interactions, beneficiary)
        if {i.pk for i in interactions} != set(action.interactions.values_list("pk", flat=True)):
            changed.append("interactions")
    action.full_clean()
    _touch_plan(actor, beneficiary, expected_version, via)
    action.save()
    if interactions is not None:
        action.interactions.set(interactions)
    _record(
        actor,
        AuditEvent.Action.UPDATE,
        action,
        beneficiary,
        changed_fields(action, before) + changed,
        via,
    )
    return action
