"""Reads of this app. Every function takes the acting user and returns only her scope.

A workshop is seen by whoever sees its agency; its invitees are all women of that agency (the
services invite no one else), so whoever sees a workshop may see who was invited to it. A woman
who moved to another agency since stays counted, but is listed only to those who still see her.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from irtiqaa.accounts.models import User
from irtiqaa.beneficiaries.models import Beneficiary, Consent
from irtiqaa.beneficiaries.selectors import (
    accompaniment_allowed,
    beneficiaries_in_scope,
    beneficiary_list,
    decisions_in_force,
)
from irtiqaa.organisations.scope import casework_prefix
from irtiqaa.workshops.models import Invitation, Workshop

Attendance = Invitation.Attendance


def workshops_in_scope(actor: User) -> QuerySet[Workshop]:
    prefix = casework_prefix(actor)
    if prefix is None:
        return Workshop.objects.none()
    return Workshop.objects.filter(agency__path__startswith=prefix)


def with_counts(workshops: QuerySet[Workshop]) -> QuerySet[Workshop]:
    """Each workshop with `invited`, `present`, `absent` and `excused` counts (one query)."""
    return workshops.annotate(
        invited=Count("invitations"),
        present=Count("invitations", filter=Q(invitations__attendance=Attendance.PRESENT)),
        absent=Count("invitations", filter=Q(invitations__attendance=Attendance.ABSENT)),
        excused=Count("invitations", filter=Q(invitations__attendance=Attendance.EXCUSED)),
    )


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def week_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Monday and the next Monday of the week holding `day`."""
    monday = day - datetime.timedelta(days=day.weekday())
    return monday, monday + datetime.timedelta(days=7)


PERIODS = ("week", "upcoming", "past")


def workshop_list(
    *,
    actor: User,
    period: str = "",
    kind: str = "",
    agency_id: int | None = None,
    today: datetime.date | None = None,
) -> QuerySet[Workshop]:
    """Workshops in her scope with their counts. `period`: this week, upcoming (after this
    week) or past (before today), soonest first except the past, most recent first."""
    today = today or timezone.localdate()
    monday, next_monday = week_of(today)
    workshops = with_counts(workshops_in_scope(actor)).select_related("agency")
    if kind:
        workshops = workshops.filter(kind=kind)
    if agency_id:
        workshops = workshops.filter(agency_id=agency_id)
    if period == "week":
        workshops = workshops.filter(
            starts_at__gte=_day_start(monday), starts_at__lt=_day_start(next_monday)
        ).order_by("starts_at", "id")
    elif period == "upcoming":
        workshops = workshops.filter(starts_at__gte=_day_start(next_monday)).order_by(
            "starts_at", "id"
        )
    elif period == "past":
        workshops = workshops.filter(starts_at__lt=_day_start(today)).order_by("-starts_at", "-id")
    return workshops


def workshops_this_week(*, actor: User, today: datetime.date | None = None) -> list[Workshop]:
    """For the advisor's day: this week's sessions of the agencies in her scope, cancelled ones
    left out, with their counts."""
    return list(
        workshop_list(actor=actor, period="week", today=today)
        .filter(cancelled=False)
        .select_related("agency")
    )


def workshop_get(*, actor: User, pk: int) -> Workshop:
    """The workshop with its counts, or 404 if it is outside the actor's scope."""
    try:
        return with_counts(workshops_in_scope(actor)).select_related("agency").get(pk=pk)
    except (Workshop.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def invitation_get(*, actor: User, pk: int) -> Invitation:
    try:
        return Invitation.objects.select_related("workshop__agency", "beneficiary").get(
            pk=pk,
            workshop__in=workshops_in_scope(actor),
            beneficiary__in=beneficiaries_in_scope(actor),
        )
    except (Invitation.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def invitations_of(*, actor: User, workshop: Workshop) -> QuerySet[Invitation]:
    """The invitees of a workshop already fetched within scope, by name."""
    return (
        Invitation.objects.filter(workshop=workshop, beneficiary__in=beneficiaries_in_scope(actor))
        .select_related("beneficiary")
        .order_by("beneficiary__sort_name", "beneficiary_id")
    )


def accompaniment_allowed_ids(beneficiary_ids: list[int]) -> set[int]:
    """Which of these women have their consent to accompaniment in force, in one query (the
    decision is the registry's own rule, `decisions_in_force`)."""
    consents: dict[int, list[Consent]] = {}
    for consent in Consent.objects.filter(
        beneficiary_id__in=beneficiary_ids, purpose=Consent.Purpose.ACCOMPANIMENT
    ).order_by("-recorded_at", "-id"):
        consents.setdefault(consent.beneficiary_id, []).append(consent)
    return {
        pk for pk, theirs in consents.items() if accompaniment_allowed(decisions_in_force(theirs))
    }


@dataclass
class Candidate:
    beneficiary: Beneficiary
    invited: bool
    may_be_invited: bool  # her consent to accompaniment is in force


@dataclass
class CandidateSearch:
    candidates: list[Candidate] = field(default_factory=list)
    total: int = 0


CANDIDATES_SHOWN = 50


def invitation_candidates(
    *, actor: User, workshop: Workshop, query: str = "", limit: int = CANDIDATES_SHOWN
) -> CandidateSearch:
    """Women of the workshop's agency matching the caseload search, each saying whether she is
    already invited and whether she may be."""
    found = beneficiary_list(actor=actor, query=query).filter(home_agency_id=workshop.agency_id)
    women = list(found[:limit])
    ids = [b.pk for b in women]
    invited = set(
        Invitation.objects.filter(workshop=workshop, beneficiary_id__in=ids).values_list(
            "beneficiary_id", flat=True
        )
    )
    allowed = accompaniment_allowed_ids(ids)
    return CandidateSearch(
        candidates=[Candidate(b, b.pk in invited, b.pk in allowed) for b in women],
        total=found.count() if len(women) == limit else len(women),
    )


def file_section(*, actor: User, beneficiary: Beneficiary) -> dict[str, Any]:
    """What her file page shows of this app (template `_file_section.html`), for a woman
    already fetched within the actor's scope; a fixed number of queries."""
    invitations = list(
        beneficiary.workshop_invitations.select_related("workshop__agency").order_by(
            "-workshop__starts_at", "-id"
        )
    )
    return {
        "invitations": invitations,
        "attended": sum(i.attendance == Attendance.PRESENT for i in invitations),
    }
