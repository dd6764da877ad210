"""Demo assessments for the demo women: a baseline reintegration index before her last season,
a follow-up after her return (so the change shows) and, after return, a readiness diagnostic
whose answers vary enough for every orientation to appear. Wired into `seed_demo` centrally."""

import datetime
import random
from typing import Any

from django.db.models import Max

from irtiqaa.assessments import definition, orientation, scoring
from irtiqaa.assessments.models import Assessment, Instrument, InstrumentVersion
from irtiqaa.assessments.scoring import Kind
from irtiqaa.beneficiaries.models import Beneficiary, Consent
from irtiqaa.seasons.models import Participation

REINTEGRATION = "reintegration-index"
READINESS = "readiness-diagnostic"
SHARE_ASSESSED = 0.85  # most women, not all: some files are still thin
BATCH_SIZE = 1000


def _current_versions() -> dict[str, InstrumentVersion]:
    latest = dict(
        Instrument.objects.filter(code__in=[REINTEGRATION, READINESS])
        .annotate(last=Max("versions__number"))
        .values_list("code", "last")
    )
    versions = InstrumentVersion.objects.select_related("instrument").filter(
        instrument__code__in=list(latest)
    )
    return {v.instrument.code: v for v in versions if v.number == latest[v.instrument.code]}


def _pick(rng: random.Random, level: float) -> float:
    """A position in [0, 1] around her level."""
    return min(1.0, max(0.0, rng.gauss(level, 0.2)))


def answers_for(
    rng: random.Random, parsed: definition.Definition, levels: dict[str, float]
) -> dict[str, Any]:
    """Plausible answers: each dimension drawn around her level in it."""
    answers: dict[str, Any] = {}
    for question in parsed.questions:
        if question.kind == Kind.TEXT:
            continue
        if not question.required and rng.random() < 0.15:
            continue  # e.g. no child of school age
        position = _pick(rng, levels.get(question.dimension, 0.5))
        if question.question.lower_is_better:
            position = 1 - position
        if question.kind in (Kind.SINGLE, Kind.YES_NO):
            ranked = sorted(question.options, key=lambda o: o.score)
            answers[question.code] = ranked[round(position * (len(ranked) - 1))].code
        elif question.kind == Kind.MULTIPLE:
            scored = [o for o in question.options if o.score > 0]
            count = round(position * 3)
            chosen = rng.sample(scored, min(count, len(scored)))
            codes = {o.code for o in chosen} or {
                next(o.code for o in question.options if o.score == 0)
            }
            answers[question.code] = [o.code for o in question.options if o.code in codes]
        elif question.kind == Kind.SCALE:
            points = question.scale_points()
            answers[question.code] = points[round(position * (len(points) - 1))]
        else:
            low, high = question.question.minimum, question.question.maximum
            value = round(low + position * (high - low))
            if high >= 1000:
                value = round(value, -2)  # amounts of money, in hundreds of dirhams
            assert question.minimum is not None and question.maximum is not None
            answers[question.code] = int(min(max(value, question.minimum), question.maximum))
    return answers


def _assessment(
    version: InstrumentVersion,
    parsed: definition.Definition,
    answers: dict[str, Any],
    beneficiary_id: int,
    advisor_id: int | None,
    taken_on: datetime.date,
    phase: str,
) -> Assessment:
    cleaned, problems = definition.check_answers(parsed, answers)
    assert not problems, problems
    scores = scoring.score(parsed.instrument, cleaned)
    proposal = orientation.propose(parsed.rules, scores.dimensions) if parsed.rules else None
    return Assessment(
        beneficiary_id=beneficiary_id,
        instrument_version=version,
        taken_on=taken_on,
        phase=phase,
        answers=cleaned,
        scores={"dimensions": dict(scores.dimensions), "answered": dict(scores.answered)},
        composite=scores.composite,
        orientation=proposal.orientation.value if proposal else "",
        orientation_reasons=[
            {
                "dimension": c.dimension,
                "at_least": c.at_least,
                "below": c.below,
                "score": scores.dimensions.get(c.dimension),
            }
            for c in proposal.reasons
        ]
        if proposal
        else [],
        recorded_by_id=advisor_id,
    )


def seed(*, rng: random.Random, today: datetime.date) -> None:
    versions = _current_versions()
    if set(versions) != {REINTEGRATION, READINESS} or Assessment.objects.exists():
        return  # like the women: demo assessments are added only once
    parsed = {code: version.parsed() for code, version in versions.items()}
    decisions: dict[int, bool] = {}
    for beneficiary_id, given in (
        Consent.objects.filter(purpose=Consent.Purpose.ACCOMPANIMENT)
        .order_by("recorded_at", "id")
        .values_list("beneficiary_id", "given")
    ):
        decisions[beneficiary_id] = given  # the last decision wins
    last_season: dict[
        int, tuple[int, datetime.date | None, datetime.date | None, datetime.date]
    ] = {}
    for beneficiary_id, year, departure, returned, planned in Participation.objects.order_by(
        "campaign__year", "id"
    ).values_list(
        "beneficiary_id",
        "campaign__year",
        "departure_date",
        "return_date",
        "campaign__planned_departure_start",
    ):
        last_season[beneficiary_id] = (year, departure, returned, planned)

    batch: list[Assessment] = []
    women = Beneficiary.objects.order_by("id").values_list("id", "assigned_advisor_id")
    for beneficiary_id, advisor_id in women.iterator():
        season = last_season.get(beneficiary_id)
        if season is None or not decisions.get(beneficiary_id) or rng.random() > SHARE_ASSESSED:
            continue
        _, departure, returned, planned = season
        start = departure or planned
        baseline_day = start - datetime.timedelta(days=rng.randint(7, 45))
        if baseline_day > today:
            continue
        level = rng.uniform(0.2, 0.75)
        levels = {code: _pick(rng, level) for code in ("economic", "social", "psychosocial")}
        version, definition_ = versions[REINTEGRATION], parsed[REINTEGRATION]
        batch.append(
            _assessment(
                version,
                definition_,
                answers_for(rng, definition_, levels),
                beneficiary_id,
                advisor_id,
                baseline_day,
                "pre_departure",
            )
        )
        if returned is None:
            continue
        follow_up_day = returned + datetime.timedelta(days=rng.randint(10, 60))
        if follow_up_day > today:
            continue
        gain = rng.uniform(-0.1, 0.3)  # the season usually helps, not always
        after = {code: min(1.0, max(0.0, value + gain)) for code, value in levels.items()}
        batch.append(
            _assessment(
                version,
                definition_,
                answers_for(rng, definition_, after),
                beneficiary_id,
                advisor_id,
                follow_up_day,
                "post_return",
            )
        )
        readiness_levels = {
            code: _pick(rng, rng.uniform(0.2, 0.9))
            for code in (d.code for d in parsed[READINESS].instrument.dimensions)
        }
        batch.append(
            _assessment(
                versions[READINESS],
                parsed[READINESS],
                answers_for(rng, parsed[READINESS], readiness_levels),
                beneficiary_id,
                advisor_id,
                follow_up_day,
                "post_return",
            )
        )
        if len(batch) >= BATCH_SIZE:
            Assessment.objects.bulk_create(batch)
            batch = []
    Assessment.objects.bulk_create(batch)
