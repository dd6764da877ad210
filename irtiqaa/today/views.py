from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from irtiqaa.accounts.models import Role
from irtiqaa.cases.selectors import closures_awaiting
from irtiqaa.lib.decorators import AuthedRequest, casework_required, role_required
from irtiqaa.lib.forms import int_or_none
from irtiqaa.today import selectors


@casework_required
def day(request: AuthedRequest) -> HttpResponse:
    """An advisor's day: hers by default; a coordinator opens one of her advisors' days from the
    team view, or everyone's in her region."""
    actor = request.user
    today = timezone.localdate()
    raw = request.GET.get("advisor", "")
    if raw:
        advisor = selectors.advisor_get(actor=actor, pk=int_or_none(raw) or 0)
    elif actor.role == Role.ADVISOR and request.GET.get("scope") != "agency":
        advisor = actor
    else:
        advisor = None
    return render(
        request,
        "today/day.html",
        {
            "day": selectors.day_of(actor=actor, advisor=advisor, today=today),
            "own_day": advisor is not None and advisor.pk == actor.pk,
            "may_see_team": actor.role != Role.ADVISOR,
            "nav": "today",
        },
    )


@role_required(Role.COORDINATOR, Role.NATIONAL)
def team(request: AuthedRequest) -> HttpResponse:
    """The coordinator's view: per advisor of her unit, caseload sizes and what is pending."""
    today = timezone.localdate()
    rows = selectors.team_of(actor=request.user, today=today)
    totals = {name: sum(getattr(row, name) for row in rows) for name in selectors.TEAM_COUNTS}
    return render(
        request,
        "today/team.html",
        {
            "rows": rows,
            "totals": totals,
            "today": today,
            "closures_awaiting": closures_awaiting(request.user).count(),
            "nav": "team",
        },
    )
