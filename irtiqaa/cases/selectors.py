"""Reads of this app. Every function takes the acting user and returns only her scope."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from irtiqaa.accounts.models import Role, User
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.selectors import beneficiaries_in_scope
from irtiqaa.cases.models import (
    AccompanimentRules,
    Case,
    Interaction,
    Phase,
    PhaseChange,
    Topic,
    Transfer,
)
from irtiqaa.organisations.models import OrganisationUnit
from irtiqaa.organisations.scope import ancestor_paths, unit_in_scope

# Interaction notes are for the people who accompany her: her agency's advisors and her region's
# coordinator. National programme managers see that a note exists, not what it says.
NOTE_READERS = frozenset({Role.ADVISOR, Role.COORDINATOR})

# Who approves or refuses a closure an advisor requested.
CLOSURE_APPROVERS = frozenset({Role.COORDINATOR, Role.NATIONAL})

# The kinds of contact that count as the post-return contact (a group workshop does not).
INDIVIDUAL_CONTACTS = frozenset(
    {
        Interaction.Kind.MEETING,
        Interaction.Kind.CALL,
        Interaction.Kind.HOME_VISIT,
        Interaction.Kind.MESSAGE,
    }
)


def may_read_notes(actor: User, beneficiary: Beneficiary) -> bool:
    return actor.role in NOTE_READERS and unit_in_scope(actor, beneficiary.home_agency)


def may_decide_closures(actor: User) -> bool:
    return actor.role in CLOSURE_APPROVERS and actor.does_casework


def rules_by_agency(agencies: Iterable[OrganisationUnit]) -> dict[int, AccompanimentRules]:
    """For each agency, the rules of the nearest unit above it (the agency itself included)
    that has some, or the defaults (unsaved) when none has; one query for them all."""
    agencies = list(agencies)
    paths = {path for agency in agencies for path in ancestor_paths(agency.path)}
    found = {
        rules.unit.path: rules
        for rules in AccompanimentRules.objects.filter(unit__path__in=paths).select_related("unit")
    }
    return {
        agency.pk: next(
            (found[path] for path in ancestor_paths(agency.path) if path in found),
            AccompanimentRules(),
        )
        for agency in agencies
    }


def rules_for(beneficiary: Beneficiary) -> AccompanimentRules:
    """The rules that apply to her: those of her home agency (see `rules_by_agency`)."""
    return rules_by_agency([beneficiary.home_agency])[beneficiary.home_agency_id]


# ---- cases ----


def cases_in_scope(actor: User) -> QuerySet[Case]:
    return Case.objects.filter(beneficiary__in=beneficiaries_in_scope(actor))


def case_list(
    *, actor: User, phase: str = "", closure_pending: bool | None = None
) -> QuerySet[Case]:
    cases = cases_in_scope(actor).select_related("beneficiary")
    if phase:
        cases = cases.filter(phase=phase)
    if closure_pending is True:
        cases = cases.exclude(closure_requested_reason="")
    elif closure_pending is False:
        cases = cases.filter(closure_requested_reason="")
    return cases


def _history() -> Prefetch:
    return Prefetch("phase_changes", queryset=PhaseChange.objects.select_related("changed_by"))


def case_get(*, actor: User, beneficiary_id: int) -> Case:
    """Her case with its phase history, or 404 outside the actor's scope."""
    try:
        return (
            cases_in_scope(actor)
            .select_related("beneficiary__home_agency")
            .prefetch_related(_history())
            .get(beneficiary_id=beneficiary_id)
        )
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def case_of(beneficiary: Beneficiary) -> Case | None:
    """Her case, for a woman already fetched within scope (None before it is opened)."""
    return Case.objects.filter(beneficiary=beneficiary).first()


def closures_awaiting(actor: User) -> QuerySet[Case]:
    """Closures requested by advisors and waiting for this coordinator's decision."""
    if not may_decide_closures(actor):
        return Case.objects.none()
    return (
        case_list(actor=actor, closure_pending=True)
        .select_related("beneficiary__home_agency", "closure_requested_by")
        .order_by("closure_requested_at", "id")
    )


# ---- interactions ----


def interactions_in_scope(actor: User) -> QuerySet[Interaction]:
    return Interaction.objects.filter(beneficiary__in=beneficiaries_in_scope(actor))


def interaction_list(*, actor: User, beneficiary_id: int | None = None) -> QuerySet[Interaction]:
    interactions = (
        interactions_in_scope(actor)
        .select_related("beneficiary__home_agency")
        .prefetch_related("topics")
    )
    if beneficiary_id:
        interactions = interactions.filter(beneficiary_id=beneficiary_id)
    return interactions


def interaction_get(*, actor: User, pk: int) -> Interaction:
    try:
        return (
            interactions_in_scope(actor)
            .select_related("beneficiary__home_agency", "recorded_by", "workshop")
            .prefetch_related("topics")
            .get(pk=pk)
        )
    except (Interaction.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def topic_list(*, include: list[int] | None = None) -> QuerySet[Topic]:
    """The topics in use, and those already chosen on the interaction being edited."""
    from django.db.models import Q

    return Topic.objects.filter(Q(is_active=True) | Q(pk__in=include or []))


# ---- her file ----


@dataclass
class FileData:
    """What this app shows of one woman, fetched once for the section and the timeline."""

    case: Case | None
    phase_changes: list[PhaseChange]
    interactions: list[Interaction]
    transfers: list[Transfer]


def file_data(beneficiary: Beneficiary) -> FileData:
    cached: FileData | None = getattr(beneficiary, "_cases_file_data", None)
    if cached is not None:
        return cached
    case = (
        Case.objects.filter(beneficiary=beneficiary)
        .select_related("closure_requested_by", "closure_refused_by")
        .prefetch_related(_history())
        .first()
    )
    interactions = list(
        beneficiary.interactions.select_related("recorded_by", "workshop").prefetch_related(
            "topics"
        )
    )
    transfers = list(
        beneficiary.transfers.select_related("from_agency", "to_agency", "transferred_by")
    )
    data = FileData(
        case=case,
        phase_changes=list(case.phase_changes.all()) if case else [],
        interactions=interactions,
        transfers=transfers,
    )
    beneficiary._cases_file_data = data  # type: ignore[attr-defined]
    return data


@dataclass
class PostReturnContact:
    returned_on: datetime.date
    due_on: datetime.date
    overdue: bool


def _post_return_contact(
    beneficiary: Beneficiary, data: FileData, rules: AccompanimentRules
) -> PostReturnContact | None:
    """After her return, the contact the programme owes her, while it has not happened."""
    if data.case is None or data.case.phase != Phase.POST_RETURN:
        return None
    returned = beneficiary.participations.aggregate(last=Max("return_date"))["last"]
    if returned is None:
        return None
    if any(i.occurred_on >= returned and i.kind in INDIVIDUAL_CONTACTS for i in data.interactions):
        return None
    due = returned + datetime.timedelta(days=rules.post_return_contact_days)
    return PostReturnContact(returned_on=returned, due_on=due, overdue=due < timezone.localdate())


def file_section(*, actor: User, beneficiary: Beneficiary) -> dict[str, Any]:
    """What her file page shows of this app (template `_file_section.html`), for a woman
    already fetched within the actor's scope; a fixed number of queries."""
    data = file_data(beneficiary)
    rules = rules_for(beneficiary)
    case = data.case
    return {
        "case": case,
        "phase_changes": data.phase_changes,
        "interactions": data.interactions,
        "transfers": data.transfers,
        "may_read_notes": may_read_notes(actor, beneficiary),
        "may_decide_closure": bool(case and case.closure_pending and may_decide_closures(actor)),
        "closure_needs_approval": rules.closure_needs_approval
        and actor.role not in CLOSURE_APPROVERS,
        "post_return_contact": _post_return_contact(beneficiary, data, rules),
        "today": timezone.localdate(),
    }
