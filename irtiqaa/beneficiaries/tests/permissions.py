"""This app's rows of the permission matrix for the duplicate review (see
irtiqaa/testing/permissions.py); the registry's older routes are listed in the matrix itself."""

import datetime

from irtiqaa.beneficiaries.models import DuplicatePair
from irtiqaa.beneficiaries.services import beneficiary_register
from irtiqaa.conftest import SIGNED, woman_profile
from irtiqaa.testing.permissions import CASEWORK, Rule, World

WEB_RULES: dict[str, Rule] = {
    "beneficiaries:duplicates": Rule(CASEWORK),
    "beneficiaries:duplicate_dismiss": Rule(
        CASEWORK, obj="pair", method="post", allowed_status=302
    ),
    "beneficiaries:merge": Rule(CASEWORK, obj="pair"),
}

API_RULES: dict[str, Rule] = {
    "GET /api/v1/duplicates": Rule(CASEWORK),
    "POST /api/v1/duplicates/{pair_id}/not-duplicate": Rule(
        CASEWORK, obj="pair", method="post", body=lambda w: {"reason": "Two sisters"}
    ),
    "POST /api/v1/duplicates/{pair_id}/merge": Rule(
        CASEWORK,
        obj="pair",
        method="post",
        body=lambda w: {"survivor": "first", "first_version": 1, "second_version": 1},
    ),
}


def add_objects(world: World) -> None:
    """In each agency, a woman registered twice: a suspected pair."""
    cast = world.cast
    for in_scope, advisor in ((True, cast.advisor), (False, cast.advisor_settat)):
        files = [
            beneficiary_register(
                actor=advisor,
                profile=woman_profile(
                    advisor.unit,  # type: ignore[arg-type]
                    first_name_latin=first_name,
                    last_name_latin="Twice",
                    birth_date=datetime.date(1990, 1, 1),
                    cin=f"TW{100000 + len(world.objects) * 10 + n}",
                ),
                phones=[],
                consent=SIGNED,
                duplicate_reason="test data",
            )
            for n, first_name in enumerate(("Naima", "Naïma"))
        ]
        DuplicatePair.objects.filter(first=files[0], second=files[1]).delete()
        pair = DuplicatePair.objects.create(
            first=files[0], second=files[1], score=1.0, evidence=["birth_date", "whole:same_key"]
        )
        world.objects[("pair", in_scope)] = pair.pk
