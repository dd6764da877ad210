"""This app's rows of the permission matrix (see irtiqaa/testing/permissions.py)."""

import datetime
from typing import Any

from django.utils import timezone

from irtiqaa.beneficiaries.services import beneficiary_register
from irtiqaa.cases.models import Case, Interaction, Phase
from irtiqaa.conftest import SIGNED, woman_profile
from irtiqaa.geography.models import Province
from irtiqaa.organisations.services import unit_create
from irtiqaa.testing.permissions import CASEWORK, Rule, World

APPROVERS = frozenset({"coordinator", "national"})

WEB_RULES: dict[str, Rule] = {
    "cases:phase": Rule(CASEWORK, obj="beneficiary"),
    "cases:closure": Rule(CASEWORK, obj="beneficiary"),
    "cases:closure_decision": Rule(APPROVERS, obj="pending_closure"),
    "cases:reopening": Rule(CASEWORK, obj="closed_case"),
    "cases:transfer": Rule(CASEWORK, obj="beneficiary"),
    "cases:interaction_create": Rule(CASEWORK, obj="beneficiary"),
    "cases:interaction_edit": Rule(CASEWORK, obj="interaction"),
    "cases:closures": Rule(APPROVERS),
}


def _interaction_body(world: World) -> dict[str, Any]:
    return {
        "beneficiary": world.objects[("beneficiary", True)],
        "kind": "call",
        "occurred_on": timezone.localdate().isoformat(),
        "topics": ["health"],
    }


API_RULES: dict[str, Rule] = {
    "GET /api/v1/cases": Rule(CASEWORK),
    "GET /api/v1/cases/{beneficiary_id}": Rule(CASEWORK, obj="beneficiary"),
    "POST /api/v1/cases/{beneficiary_id}/phase": Rule(
        CASEWORK,
        obj="beneficiary",
        method="post",
        body=lambda w: {"version": 1, "phase": "post_return"},
    ),
    "POST /api/v1/cases/{beneficiary_id}/closure": Rule(
        CASEWORK,
        obj="beneficiary",
        method="post",
        body=lambda w: {"version": 1, "reason": "withdrew"},
    ),
    "POST /api/v1/cases/{beneficiary_id}/closure/decision": Rule(
        APPROVERS,
        obj="pending_closure",
        method="post",
        body=lambda w: {"version": 1, "approve": True},
    ),
    "POST /api/v1/cases/{beneficiary_id}/reopening": Rule(
        CASEWORK,
        obj="closed_case",
        method="post",
        body=lambda w: {"version": 1, "phase": "post_return", "note": "She is back."},
    ),
    "POST /api/v1/cases/{beneficiary_id}/transfer": Rule(
        CASEWORK,
        obj="beneficiary",
        method="post",
        body=lambda w: {"to_agency": w.objects[("spare_agency", True)], "reason": "She moved."},
    ),
    "GET /api/v1/interactions": Rule(CASEWORK),
    "POST /api/v1/interactions": Rule(
        CASEWORK, method="post", allowed_status=201, body=_interaction_body
    ),
    "GET /api/v1/interactions/{interaction_id}": Rule(CASEWORK, obj="interaction"),
    "PATCH /api/v1/interactions/{interaction_id}": Rule(
        CASEWORK, obj="interaction", method="patch", body=lambda w: {"version": 1}
    ),
    "GET /api/v1/topics": Rule(CASEWORK),
}


def add_objects(world: World) -> None:
    """An interaction with each woman; in each agency a woman whose case is closed and one
    whose closure awaits approval; a third agency to transfer to."""
    cast = world.cast
    for in_scope, advisor in ((True, cast.advisor), (False, cast.advisor_settat)):
        Interaction.objects.create(
            beneficiary_id=world.objects[("beneficiary", in_scope)],
            kind=Interaction.Kind.MEETING,
            occurred_on=datetime.date(2026, 3, 2),
            notes="Confidential",
        )
        world.objects[("interaction", in_scope)] = Interaction.objects.latest("id").pk
        for kind, cin in (("closed_case", "CL"), ("pending_closure", "PC")):
            woman = beneficiary_register(
                actor=advisor,
                profile=woman_profile(
                    advisor.unit,  # type: ignore[arg-type]
                    first_name_latin=kind,
                    cin=f"{cin}{100000 + len(world.objects)}",
                ),
                phones=[],
                consent=SIGNED,
                duplicate_reason="test data",
            )
            case = Case.objects.filter(beneficiary=woman)
            if kind == "closed_case":
                case.update(phase=Phase.CLOSED, closure_reason="withdrew", closed_at=timezone.now())
            else:
                case.update(
                    closure_requested_reason="moved_away",
                    closure_requested_by=advisor,
                    closure_requested_at=timezone.now(),
                )
            world.objects[(kind, in_scope)] = woman.pk
    spare = unit_create(
        kind="agency",
        code="larache",
        name_fr="Agence Larache",
        parent=cast.rsk,
        province=Province.objects.get(code="larache"),
    )
    world.objects[("spare_agency", True)] = spare.pk
