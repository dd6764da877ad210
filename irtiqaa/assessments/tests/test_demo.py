"""Demo assessments: baselines and follow-ups that show a change, varied orientations, fast."""

import datetime
import random
import time
from collections import Counter

import pytest

from irtiqaa.assessments import demo, scoring
from irtiqaa.assessments.models import Assessment
from irtiqaa.assessments.presentation import stored_scores
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.demo.generator import seed_women
from irtiqaa.demo.organisation import ensure_demo_organisation


@pytest.mark.django_db
def test_demo_assessments() -> None:
    seed_women(organisation=ensure_demo_organisation("demo-password-2026"), count=200, seed=3)
    today = datetime.date(2026, 11, 1)
    started = time.monotonic()
    demo.seed(rng=random.Random(5), today=today)
    assert time.monotonic() - started < 10

    assessments = list(Assessment.objects.select_related("instrument_version__instrument"))
    women = {a.beneficiary_id for a in assessments}
    assert len(women) > Beneficiary.objects.count() / 2
    assert all(a.taken_on <= today for a in assessments)
    by_instrument = Counter(a.instrument_version.instrument.code for a in assessments)
    assert by_instrument["reintegration-index"] > by_instrument["readiness-diagnostic"] > 0
    orientations = Counter(a.orientation for a in assessments if a.orientation)
    assert len(orientations) >= 3, orientations
    # Stored scores are those of the pure module with the version's definition.
    sample = assessments[0]
    rescored = scoring.score(sample.instrument_version.parsed().instrument, sample.answers)
    assert rescored.composite == pytest.approx(stored_scores(sample).composite)
    # A follow-up after return, so the change shows.
    reintegration = Counter(
        a.beneficiary_id
        for a in assessments
        if a.instrument_version.instrument.code == "reintegration-index"
    )
    assert max(reintegration.values()) == 2

    demo.seed(rng=random.Random(6), today=today)  # safe to run twice: added only once
    assert Assessment.objects.count() == len(assessments)
