"""The readiness diagnostic's proposed orientation: worked profiles and properties."""

from hypothesis import given
from hypothesis import strategies as st

from irtiqaa.assessments.orientation import READINESS_RULES_V1, Condition, Orientation, propose

DIMENSIONS = (
    "motivation",
    "experience",
    "skills",
    "idea_maturity",
    "savings",
    "family_support",
    "market_knowledge",
)


def test_a_ready_woman_with_savings_is_oriented_to_entrepreneurship_with_reasons() -> None:
    scores = {
        "motivation": 0.8,
        "experience": 0.6,
        "skills": 0.7,
        "idea_maturity": 0.6,
        "savings": 0.5,
        "family_support": 0.3,
        "market_knowledge": 0.4,
    }
    proposal = propose(READINESS_RULES_V1, scores)
    assert proposal.orientation == Orientation.ENTREPRENEURSHIP
    assert Condition("savings", at_least=0.4) in proposal.reasons


def test_family_support_can_stand_in_for_savings() -> None:
    scores = {
        "motivation": 0.8,
        "skills": 0.7,
        "idea_maturity": 0.6,
        "savings": 0.1,
        "family_support": 0.9,
    }
    assert propose(READINESS_RULES_V1, scores).orientation == Orientation.ENTREPRENEURSHIP


def test_motivated_but_without_skills_means_training_first() -> None:
    scores = {"motivation": 0.9, "skills": 0.2, "idea_maturity": 0.8, "savings": 0.9}
    proposal = propose(READINESS_RULES_V1, scores)
    assert proposal.orientation == Orientation.TRAINING_FIRST
    assert Condition("skills", below=0.5) in proposal.reasons


def test_experienced_but_not_drawn_to_a_business_means_wage_employment() -> None:
    scores = {"motivation": 0.3, "experience": 0.8}
    assert propose(READINESS_RULES_V1, scores).orientation == Orientation.WAGE_EMPLOYMENT


def test_nothing_assessed_means_other_support_without_reasons() -> None:
    proposal = propose(READINESS_RULES_V1, {})
    assert proposal.orientation == Orientation.OTHER_SUPPORT and proposal.reasons == ()


profiles = st.fixed_dictionaries({d: st.floats(0, 1) for d in DIMENSIONS})


@given(profiles, st.sampled_from(DIMENSIONS), st.floats(0, 1))
def test_a_better_score_never_takes_entrepreneurship_away(
    scores: dict[str, float], dimension: str, gain: float
) -> None:
    if propose(READINESS_RULES_V1, scores).orientation != Orientation.ENTREPRENEURSHIP:
        return
    better = {**scores, dimension: min(1.0, scores[dimension] + gain)}
    assert propose(READINESS_RULES_V1, better).orientation == Orientation.ENTREPRENEURSHIP


@given(profiles)
def test_every_proposal_is_explained_by_conditions_that_hold(scores: dict[str, float]) -> None:
    proposal = propose(READINESS_RULES_V1, scores)
    assert all(condition.holds(scores) for condition in proposal.reasons)
