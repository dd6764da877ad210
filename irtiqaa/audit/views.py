from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from irtiqaa.accounts.models import Role
from irtiqaa.audit.models import AuditEvent
from irtiqaa.beneficiaries.selectors import merged_file_ids_of
from irtiqaa.lib.decorators import AuthedRequest, role_required
from irtiqaa.lib.forms import int_or_none

PAGE_SIZE = 50


@role_required(Role.ADMIN)
def event_list(request: AuthedRequest) -> HttpResponse:
    params = request.GET
    events = AuditEvent.objects.all()
    if params.get("actor"):
        events = events.filter(actor_username__icontains=params["actor"].strip())
    if params.get("action") in AuditEvent.Action.values:
        events = events.filter(action=params["action"])
    if params.get("object_type"):
        events = events.filter(object_type=params["object_type"].strip())
    beneficiary_id = int_or_none(params.get("beneficiary"))
    if beneficiary_id:
        # Her history includes what was recorded under the files merged into hers.
        events = events.filter(
            beneficiary_id__in=[beneficiary_id, *merged_file_ids_of(beneficiary_id)]
        )
    if params.get("since"):
        events = (
            events.filter(created_at__date__gte=params["since"])
            if _is_date(params["since"])
            else events
        )
    querystring = params.copy()
    querystring.pop("page", None)
    return render(
        request,
        "audit/events.html",
        {
            "page": Paginator(events, PAGE_SIZE).get_page(params.get("page")),
            "actions": AuditEvent.Action.choices,
            "filters": params,
            "querystring": querystring.urlencode(),
            "nav": "audit",
        },
    )


def _is_date(value: str) -> bool:
    import datetime

    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True
