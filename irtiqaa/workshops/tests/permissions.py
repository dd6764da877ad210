"""This app's rows of the permission matrix (see irtiqaa/testing/permissions.py)."""

import datetime
from typing import Any

from django.utils import timezone

from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.services import beneficiary_register
from irtiqaa.conftest import SIGNED, woman_profile
from irtiqaa.testing.permissions import CASEWORK, Rule, World
from irtiqaa.workshops.models import Invitation, Workshop

# Advisors and coordinators organise sessions; national staff read them.
ORGANISERS = frozenset({"advisor", "coordinator"})


def _workshop_body(world: World) -> dict[str, Any]:
    starts = timezone.localtime() + datetime.timedelta(days=3)
    return {
        "agency": world.cast.kenitra.pk,
        "kind": "financial_literacy",
        "title": "Éducation financière : épargner la saison",
        "starts_at": starts.replace(microsecond=0).isoformat(),
        "duration_minutes": 120,
        "place": "Salle de l'agence",
        "facilitator": "Mme Berrada",
        "capacity": 20,
    }


def _invitation_body(world: World) -> dict[str, Any]:
    return {"beneficiaries": [world.objects[("uninvited_woman", True)]]}


def _attendance_body(world: World) -> dict[str, Any]:
    return {
        "marks": [{"beneficiary": world.objects[("beneficiary", True)], "attendance": "present"}]
    }


WEB_RULES: dict[str, Rule] = {
    "workshops:list": Rule(CASEWORK),
    "workshops:create": Rule(ORGANISERS),
    "workshops:detail": Rule(CASEWORK, obj="workshop"),
    "workshops:edit": Rule(ORGANISERS, obj="workshop"),
    # Posted without a version: nothing changes, she is sent back to the session with a message.
    "workshops:cancel": Rule(ORGANISERS, obj="workshop", method="post", allowed_status=302),
    "workshops:invite": Rule(ORGANISERS, obj="workshop"),
    "workshops:attendance": Rule(ORGANISERS, obj="workshop"),
    "workshops:sheet": Rule(CASEWORK, obj="workshop"),
    "workshops:invitation_remove": Rule(
        ORGANISERS, obj="invitation", method="post", allowed_status=302
    ),
}

API_RULES: dict[str, Rule] = {
    "GET /api/v1/workshops": Rule(CASEWORK),
    "POST /api/v1/workshops": Rule(
        ORGANISERS, method="post", allowed_status=201, body=_workshop_body
    ),
    "GET /api/v1/workshops/{workshop_id}": Rule(CASEWORK, obj="workshop"),
    "PATCH /api/v1/workshops/{workshop_id}": Rule(
        ORGANISERS, obj="workshop", method="patch", body=lambda w: {"version": 1}
    ),
    "GET /api/v1/workshops/{workshop_id}/invitations": Rule(CASEWORK, obj="workshop"),
    "POST /api/v1/workshops/{workshop_id}/invitations": Rule(
        ORGANISERS, obj="workshop", method="post", allowed_status=201, body=_invitation_body
    ),
    "PUT /api/v1/workshops/{workshop_id}/attendance": Rule(
        ORGANISERS, obj="workshop", method="put", body=_attendance_body
    ),
    "DELETE /api/v1/invitations/{invitation_id}": Rule(
        ORGANISERS, obj="invitation", method="delete", allowed_status=204
    ),
}


def add_objects(world: World) -> None:
    """A session held yesterday in Kénitra (in scope) and one in Settat (out), each with its
    agency's woman invited, and a second Kénitra woman not invited yet."""
    cast = world.cast
    yesterday = timezone.now() - datetime.timedelta(days=1)
    for in_scope, agency in ((True, cast.kenitra), (False, cast.settat)):
        workshop = Workshop.objects.create(
            agency=agency,
            kind=Workshop.Kind.PRE_DEPARTURE,
            title="Information pré-départ : droits et contrat",
            starts_at=yesterday,
            place="Agence",
            facilitator="M. Tazi",
            capacity=10,
        )
        invitation = Invitation.objects.create(
            workshop=workshop, beneficiary_id=world.objects[("beneficiary", in_scope)]
        )
        world.objects[("workshop", in_scope)] = workshop.pk
        world.objects[("invitation", in_scope)] = invitation.pk
    other = Beneficiary.objects.get(pk=world.objects[("beneficiary", True)])
    uninvited = beneficiary_register(
        actor=cast.advisor,
        profile=woman_profile(
            other.home_agency,
            first_name_latin="Naima",
            last_name_latin="Zaari",
            first_name_ar="نعيمة",
            last_name_ar="الزعري",
            cin="CD445566",
        ),
        phones=[],
        consent=SIGNED,
        duplicate_reason="test data",
    )
    world.objects[("uninvited_woman", True)] = uninvited.pk
