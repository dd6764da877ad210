"""The demo data: reproducible, complete, and safe to load twice."""

from io import StringIO

import pytest
from django.core.management import call_command

from irtiqaa.accounts.models import User
from irtiqaa.beneficiaries.models import Beneficiary, Consent
from irtiqaa.beneficiaries.selectors import beneficiary_list
from irtiqaa.demo.organisation import DEMO_ACCOUNTS
from irtiqaa.seasons.models import Incident, Participation


def seed(count: int, seed: int = 7) -> str:
    out = StringIO()
    call_command("seed_demo", "--seed", str(seed), "--beneficiaries", str(count), stdout=out)
    return out.getvalue()


def identities() -> list[tuple[str, str, str, str, str]]:
    return [
        (b.first_name_latin, b.last_name_latin, b.first_name_ar, b.birth_date.isoformat(), b.cin)
        for b in Beneficiary.objects.order_by("id")
    ]


@pytest.mark.django_db
def test_demo_accounts_and_women() -> None:
    output = seed(300)
    for username, *_ in DEMO_ACCOUNTS:
        assert User.objects.get(username=username).check_password("irtiqaa-demo-2026")
        assert username in output
    assert Beneficiary.objects.count() == 300
    assert Participation.objects.filter(status="did_not_return").exists()
    assert Incident.objects.exists()
    assert not Beneficiary.objects.exclude(consents__purpose=Consent.Purpose.ACCOMPANIMENT).exists()
    assert set(Participation.objects.values_list("campaign__year", flat=True)) == set(
        range(2021, 2027)
    )
    advisor = User.objects.get(username="advisor.kenitra")
    visible = beneficiary_list(actor=advisor)
    assert 0 < visible.count() < 300
    assert all(b.home_agency_id == advisor.unit_id for b in visible)
    # Both scripts, and spelling variants of the same Arabic name.
    assert Beneficiary.objects.exclude(first_name_ar="").exclude(first_name_latin="").exists()
    spellings: dict[str, set[str]] = {}
    for arabic, latin in (
        Beneficiary.objects.exclude(first_name_ar="")
        .exclude(first_name_latin="")
        .values_list("first_name_ar", "first_name_latin")
    ):
        spellings.setdefault(arabic, set()).add(latin)
    assert sum(len(latin) > 1 for latin in spellings.values()) >= 10


@pytest.mark.django_db
def test_running_it_twice_adds_nobody_and_keeps_accounts() -> None:
    seed(50)
    output = seed(50)
    assert Beneficiary.objects.count() == 50 and "none added" in output
    assert User.objects.filter(username="national").count() == 1


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_women() -> None:
    seed(80, seed=11)
    first = identities()
    Participation.objects.all().delete()
    Beneficiary.objects.all().delete()
    seed(80, seed=11)
    assert identities() == first


@pytest.mark.django_db
def test_every_demo_phone_number_passes_the_validation_of_an_edit() -> None:
    from irtiqaa.beneficiaries.identifiers import normalise_phone
    from irtiqaa.beneficiaries.models import BeneficiaryPhone

    seed(400, seed=3)
    numbers = [p.number for p in BeneficiaryPhone.objects.all()]
    assert len(numbers) > 300
    assert all(normalise_phone(n) == n for n in numbers)


@pytest.mark.django_db
def test_every_demo_advisor_has_a_day_to_run() -> None:
    """The demo is a realistic week: each advisor's day has appointments and women expected
    back, and the files hold cases, interactions, plans, workshops and assessments."""
    from django.utils import timezone

    from irtiqaa.accounts.models import User
    from irtiqaa.assessments.models import Assessment
    from irtiqaa.cases.models import Case, Interaction
    from irtiqaa.plans.models import Action
    from irtiqaa.today.selectors import day_of
    from irtiqaa.workshops.models import Invitation

    seed(count=600)

    assert Case.objects.count() == Beneficiary.objects.count()
    for model in (Interaction, Action, Invitation, Assessment):
        assert model.objects.exists(), model
    today = timezone.localdate()
    for username in ("advisor.kenitra", "advisor.benimellal", "advisor.settat"):
        advisor = User.objects.get(username=username)
        day = day_of(actor=advisor, advisor=advisor, today=today)
        assert day.appointments.total >= 1, username
        assert day.expected_back.total >= 1, username
        assert day.workshops, username
