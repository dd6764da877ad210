"""The demo comes with women registered twice, found by the detection, ready to review."""

from io import StringIO

import pytest
from django.core.management import call_command

from irtiqaa.accounts.models import User
from irtiqaa.beneficiaries.duplicates import duplicate_pairs_for_review
from irtiqaa.beneficiaries.models import Beneficiary, DuplicatePair
from irtiqaa.cases.models import Case


@pytest.mark.django_db
def test_the_demo_has_duplicates_to_review() -> None:
    out = StringIO()
    call_command("seed_demo", "--seed", "7", "--beneficiaries", "300", stdout=out)

    assert Beneficiary.objects.count() == 300
    assert "possible duplicates found" in out.getvalue()
    suspected = DuplicatePair.objects.filter(status=DuplicatePair.Status.SUSPECTED)
    assert suspected.count() >= 15  # every second file (and maybe a few chance look-alikes)
    evidence = {code for pair in suspected for code in pair.evidence}
    assert {"birth_date", "swapped", "arabic_latin"} <= evidence
    assert Case.objects.count() == Beneficiary.objects.count()
    advisors = User.objects.filter(role="advisor")
    assert any(duplicate_pairs_for_review(actor=a).exists() for a in advisors)
