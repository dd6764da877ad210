"""The advisor's day and her coordinator's view of the team: what needs doing, read from the
records (next steps, action plans, seasons, workshops), never kept as a separate to-do list.

Everything starts from the women the actor may see (`beneficiaries_in_scope`), narrowed to one
advisor's women when asked, and leaves out closed cases.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.db.models import Count, Exists, Model, OuterRef, Q, QuerySet
from django.http import Http404

from irtiqaa.accounts.models import Role, User
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.selectors import beneficiaries_in_scope
from irtiqaa.cases.models import Interaction, Phase
from irtiqaa.cases.selectors import INDIVIDUAL_CONTACTS, rules_by_agency
from irtiqaa.organisations.models import OrganisationUnit
from irtiqaa.organisations.scope import agencies_in_scope, casework_prefix
from irtiqaa.plans.models import Action
from irtiqaa.seasons.models import Participation
from irtiqaa.workshops.models import Workshop

# A season older than this is not "just back": her follow-up is then the caseload's business.
RECENT_RETURN_DAYS = 365
# Next steps missed this long ago are no longer shown on the day.
MISSED_NEXT_STEP_DAYS = 30
# Lists on one page; a longer one says how many more there are.
LIST_LIMIT = 50

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Capped(Generic[M]):
    items: list[M]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.items)


def _capped(queryset: QuerySet[M]) -> Capped[M]:
    items = list(queryset[:LIST_LIMIT])
    total = len(items) if len(items) < LIST_LIMIT else queryset.count()
    return Capped(items, total)


def week_end(today: datetime.date) -> datetime.date:
    """The last day of "this week": the coming seven days, today included."""
    return today + datetime.timedelta(days=6)


def women_followed(actor: User, advisor: User | None = None) -> QuerySet[Beneficiary]:
    """Open cases in the actor's scope; one advisor's own women when `advisor` is given."""
    women = beneficiaries_in_scope(actor).exclude(case__phase=Phase.CLOSED)
    if advisor is not None:
        women = women.filter(assigned_advisor=advisor)
    return women


def contact_days_by_agency(agencies: Iterable[OrganisationUnit]) -> dict[int, int]:
    """For each agency, the days after a return within which the woman is to be contacted."""
    return {pk: rules.post_return_contact_days for pk, rules in rules_by_agency(agencies).items()}


# The things that need doing, each as a queryset over the given women, so that the same
# definition gives an advisor's list and a coordinator's counts per advisor.


def appointments(women: QuerySet[Beneficiary], today: datetime.date) -> QuerySet[Interaction]:
    """Next steps set for today; `kept` once a contact has been recorded since."""
    later_contact = Interaction.objects.filter(
        beneficiary=OuterRef("beneficiary"),
        occurred_on__gte=today,
        created_at__gt=OuterRef("created_at"),
    )
    return (
        Interaction.objects.filter(beneficiary__in=women, next_step_on=today)
        .annotate(kept=Exists(later_contact))
        .order_by("beneficiary__sort_name", "id")
    )


def missed_next_steps(women: QuerySet[Beneficiary], today: datetime.date) -> QuerySet[Interaction]:
    """Next steps whose date has passed with no contact recorded on or after it."""
    since = Interaction.objects.filter(
        beneficiary=OuterRef("beneficiary"), occurred_on__gte=OuterRef("next_step_on")
    )
    return (
        Interaction.objects.filter(
            beneficiary__in=women,
            next_step_on__lt=today,
            next_step_on__gte=today - datetime.timedelta(days=MISSED_NEXT_STEP_DAYS),
        )
        .exclude(Exists(since))
        .order_by("next_step_on", "id")
    )


def overdue_actions(women: QuerySet[Beneficiary], today: datetime.date) -> QuerySet[Action]:
    return Action.objects.filter(
        goal__plan__beneficiary__in=women,
        status__in=Action.OPEN_STATUSES,
        due_on__lt=today,
    ).order_by("due_on", "id")


def expected_back(women: QuerySet[Beneficiary], today: datetime.date) -> QuerySet[Participation]:
    """In season with a planned return this week, or already past it with no return recorded."""
    return Participation.objects.filter(
        beneficiary__in=women,
        status=Participation.Status.DEPARTED,
        return_date__isnull=True,
        planned_return_date__lte=week_end(today),
    ).order_by("planned_return_date", "id")


def awaiting_contact(
    women: QuerySet[Beneficiary], today: datetime.date, contact_days: dict[int, int]
) -> QuerySet[Participation]:
    """Back from her latest season for longer than her agency's rule allows, with no contact
    recorded since her return."""
    by_days: dict[int, list[int]] = defaultdict(list)
    for agency_id, days in contact_days.items():
        by_days[days].append(agency_id)
    overdue = Q(pk__in=[])
    for days, agency_ids in by_days.items():
        overdue |= Q(
            beneficiary__home_agency_id__in=agency_ids,
            return_date__lt=today - datetime.timedelta(days=days),
        )
    contact_since = Interaction.objects.filter(
        beneficiary=OuterRef("beneficiary"),
        occurred_on__gte=OuterRef("return_date"),
        kind__in=INDIVIDUAL_CONTACTS,  # a group workshop is not her post-return contact
    )
    left_again = Participation.objects.filter(
        beneficiary=OuterRef("beneficiary"), departure_date__gt=OuterRef("return_date")
    )
    return (
        Participation.objects.filter(
            overdue,
            beneficiary__in=women,
            status=Participation.Status.RETURNED,
            return_date__gte=today - datetime.timedelta(days=RECENT_RETURN_DAYS),
        )
        .exclude(Exists(contact_since))
        .exclude(Exists(left_again))
        .order_by("return_date", "id")
    )


def workshops_this_week(
    agencies: QuerySet[OrganisationUnit], today: datetime.date
) -> QuerySet[Workshop]:
    return (
        Workshop.objects.filter(
            agency__in=agencies,
            cancelled=False,
            starts_at__date__gte=today,
            starts_at__date__lte=week_end(today),
        )
        .select_related("agency")
        .annotate(invited=Count("invitations"))
        .order_by("starts_at", "id")
    )


@dataclass(frozen=True)
class Day:
    """One advisor's day (or, without an advisor, everyone's in the actor's scope)."""

    today: datetime.date
    advisor: User | None
    appointments: Capped[Interaction]
    missed_next_steps: Capped[Interaction]
    overdue_actions: Capped[Action]
    expected_back: Capped[Participation]
    awaiting_contact: Capped[Participation]
    workshops: list[Workshop]
    contact_days: list[int] = field(default_factory=list)

    @property
    def week_end(self) -> datetime.date:
        return week_end(self.today)


def advisor_get(*, actor: User, pk: int) -> User:
    """An advisor whose day the actor may look at: herself, or, for a coordinator or national
    staff, an advisor within their unit."""
    prefix = casework_prefix(actor)
    if prefix is None or (actor.role == Role.ADVISOR and pk != actor.pk):
        raise Http404
    try:
        return User.objects.select_related("unit").get(
            pk=pk, role=Role.ADVISOR, unit__path__startswith=prefix
        )
    except (User.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def day_of(*, actor: User, advisor: User | None, today: datetime.date) -> Day:
    women = women_followed(actor, advisor)
    agencies = agencies_in_scope(advisor if advisor is not None else actor)
    contact_days = contact_days_by_agency(agencies)
    # Her name is all the day shows of her: her CIN and the notes stay encrypted in the rows.
    unread = ("beneficiary__cin", "notes")
    return Day(
        today=today,
        advisor=advisor,
        appointments=_capped(
            appointments(women, today).select_related("beneficiary").defer(*unread)
        ),
        missed_next_steps=_capped(
            missed_next_steps(women, today).select_related("beneficiary").defer(*unread)
        ),
        overdue_actions=_capped(
            overdue_actions(women, today)
            .select_related("goal__plan__beneficiary")
            .defer("goal__plan__beneficiary__cin")
        ),
        expected_back=_capped(
            expected_back(women, today)
            .select_related("beneficiary", "campaign")
            .defer("beneficiary__cin")
        ),
        awaiting_contact=_capped(
            awaiting_contact(women, today, contact_days)
            .select_related("beneficiary", "campaign")
            .defer("beneficiary__cin")
        ),
        workshops=list(workshops_this_week(agencies, today)),
        contact_days=sorted(set(contact_days.values())),
    )


TEAM_COUNTS = ("caseload", "appointments", "overdue_actions", "expected_back", "awaiting_contact")


@dataclass
class TeamRow:
    advisor: User | None  # None: the women of an agency with no advisor assigned
    agency: OrganisationUnit | None
    caseload: int = 0
    appointments: int = 0
    overdue_actions: int = 0
    expected_back: int = 0
    awaiting_contact: int = 0


def _counts_by(queryset: QuerySet[Any], advisor_field: str) -> dict[int | None, int]:
    rows = queryset.order_by().values(advisor_field).annotate(n=Count("id"))
    return {row[advisor_field]: row["n"] for row in rows}


def team_of(*, actor: User, today: datetime.date) -> list[TeamRow]:
    """Per advisor within the actor's unit: her caseload and what is pending, in six queries."""
    prefix = casework_prefix(actor)
    if prefix is None:
        return []
    advisors = list(
        User.objects.filter(role=Role.ADVISOR, is_active=True, unit__path__startswith=prefix)
        .select_related("unit")
        .order_by("unit__name_fr", "last_name", "first_name", "username")
    )
    women = women_followed(actor)
    contact_days = contact_days_by_agency(agencies_in_scope(actor))
    on_woman = "beneficiary__assigned_advisor"
    caseload = _counts_by(women, "assigned_advisor")
    pending = {
        "appointments": _counts_by(appointments(women, today), on_woman),
        "overdue_actions": _counts_by(
            overdue_actions(women, today), "goal__plan__beneficiary__assigned_advisor"
        ),
        "expected_back": _counts_by(expected_back(women, today), on_woman),
        "awaiting_contact": _counts_by(awaiting_contact(women, today, contact_days), on_woman),
    }
    rows = []
    for advisor in advisors:
        row = TeamRow(advisor=advisor, agency=advisor.unit, caseload=caseload.get(advisor.pk, 0))
        for name, counts in pending.items():
            setattr(row, name, counts.get(advisor.pk, 0))
        rows.append(row)
    if None in caseload:
        unassigned = TeamRow(advisor=None, agency=None, caseload=caseload[None])
        for name, counts in pending.items():
            setattr(unassigned, name, counts.get(None, 0))
        rows.append(unassigned)
    return rows


def attention_count(*, actor: User, today: datetime.date) -> int:
    """What the navigation shows beside "Today": her appointments not yet kept, overdue actions
    and women back without a contact (her own women; everyone's in scope for others)."""
    advisor = actor if actor.role == Role.ADVISOR else None
    women = women_followed(actor, advisor)
    contact_days = contact_days_by_agency(agencies_in_scope(actor))
    return (
        appointments(women, today).filter(kept=False).count()  # type: ignore[misc]
        + overdue_actions(women, today).count()
        + awaiting_contact(women, today, contact_days).count()
    )
