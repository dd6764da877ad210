"""This app's events in her file's timeline: goals set, actions done."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from irtiqaa.accounts.models import User
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.timeline import TimelineEntry
from irtiqaa.plans.models import Action, Goal


def _on(day: datetime.date) -> datetime.datetime:
    # Known by its date only: placed at midday, as the registry's own dated events are.
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def timeline_entries(*, actor: User, beneficiary: Beneficiary) -> list[TimelineEntry]:
    """Her events of this app, in a fixed number of queries whatever their count (two), for a
    woman already fetched within the actor's scope. The titles she and the advisor wrote are the
    entries' details (shown isolated, as free text)."""
    entries = [
        TimelineEntry(created_at, "plan", _("Goal set"), title)
        for title, created_at in Goal.objects.filter(plan__beneficiary=beneficiary).values_list(
            "title", "created_at"
        )
    ]
    done = Action.objects.filter(
        goal__plan__beneficiary=beneficiary, status=Action.Status.DONE, done_on__isnull=False
    ).values_list("title", "done_on")
    entries += [
        TimelineEntry(_on(day), "plan", _("Action done"), title) for title, day in done if day
    ]
    return entries
