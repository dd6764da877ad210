"""The data migration that opened the cases of women registered before cases existed."""

import datetime
import importlib

from django.apps import apps

from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.cases.models import Case, PhaseChange
from irtiqaa.conftest import huelva_campaign
from irtiqaa.seasons.models import Participation

migration = importlib.import_module("irtiqaa.cases.migrations.0005_open_cases_of_registered_women")


def test_cases_open_in_the_phase_of_her_latest_season(
    woman: Beneficiary, outsider_woman: Beneficiary, register: object
) -> None:
    third = register(first_name_latin="Hayat", cin="HH112233", phones=("0670000001",))  # type: ignore[operator]
    fourth = register(first_name_latin="Rachida", cin="RR112233", phones=("0670000002",))  # type: ignore[operator]
    old, recent = huelva_campaign(2025), huelva_campaign(2026)
    day = datetime.date
    Participation.objects.create(
        beneficiary=woman,
        campaign=old,
        status="returned",
        departure_date=day(2025, 2, 1),
        return_date=day(2025, 6, 1),
    )
    Participation.objects.create(
        beneficiary=woman, campaign=recent, status="departed", departure_date=day(2026, 2, 1)
    )
    Participation.objects.create(
        beneficiary=outsider_woman,
        campaign=recent,
        status="returned",
        departure_date=day(2026, 2, 1),
        return_date=day(2026, 6, 1),
    )
    Participation.objects.create(beneficiary=third, campaign=recent, status="cancelled")
    Case.objects.all().delete()  # as before cases existed

    migration.open_cases(apps, None)

    phases = dict(Case.objects.values_list("beneficiary_id", "phase"))
    assert phases == {
        woman.pk: "in_season",
        outsider_woman.pk: "post_return",
        third.pk: "pre_departure",
        fourth.pk: "pre_departure",
    }
    assert PhaseChange.objects.filter(cause="opened").count() == 4
    migration.open_cases(apps, None)  # women who have a case are left alone
    assert Case.objects.count() == 4
