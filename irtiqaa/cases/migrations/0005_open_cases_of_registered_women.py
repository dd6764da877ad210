"""Open a case for every woman registered before cases existed, in the phase her latest season
says: departed and not back → in season; returned → post-return; otherwise pre-departure.

Written inline on purpose: a migration must not import app code (the same rule lives in
irtiqaa/cases/phases.py for the demo data).
"""

from typing import Any

from django.db import migrations

BATCH = 2000


def phase_from_latest_season(status: str | None, departed: Any, returned: Any) -> str:
    if status is None or status == "cancelled":
        return "pre_departure"
    if returned is not None or status == "returned":
        return "post_return"
    if departed is not None or status in ("departed", "did_not_return"):
        return "in_season"
    return "pre_departure"


def open_cases(apps: Any, schema_editor: Any) -> None:
    Beneficiary = apps.get_model("beneficiaries", "Beneficiary")
    Participation = apps.get_model("seasons", "Participation")
    Case = apps.get_model("cases", "Case")
    PhaseChange = apps.get_model("cases", "PhaseChange")
    women = (
        Beneficiary.objects.filter(case__isnull=True)
        .order_by("pk")
        .values_list("pk", "created_at", "registered_by_id")
    )
    last_id = 0
    while True:
        batch = list(women.filter(pk__gt=last_id)[:BATCH])
        if not batch:
            return
        last_id = batch[-1][0]
        latest: dict[int, tuple[str, Any, Any]] = {}
        seasons = (
            Participation.objects.filter(beneficiary_id__in=[pk for pk, _, _ in batch])
            .order_by("beneficiary_id", "campaign__year", "departure_date", "id")
            .values_list("beneficiary_id", "status", "departure_date", "return_date")
        )
        for beneficiary_id, status, departed, returned in seasons:
            latest[beneficiary_id] = (status, departed, returned)  # the last one wins
        cases = Case.objects.bulk_create(
            Case(
                beneficiary_id=pk,
                phase=phase_from_latest_season(*latest.get(pk, (None, None, None))),
                phase_since=created_at,
                opened_at=created_at,
                opened_by_id=registered_by,
            )
            for pk, created_at, registered_by in batch
        )
        PhaseChange.objects.bulk_create(
            PhaseChange(
                case_id=case.pk,
                from_phase="",
                to_phase=case.phase,
                cause="opened",
                changed_by_id=case.opened_by_id,
                changed_at=case.opened_at,
            )
            for case in cases
        )


class Migration(migrations.Migration):
    dependencies = [
        ("beneficiaries", "0001_initial"),
        ("seasons", "0002_one_campaign_per_year_destination_sector"),
        ("cases", "0004_topics"),
    ]

    operations = [migrations.RunPython(open_cases, migrations.RunPython.noop)]
