"""Orientation proposed by the entrepreneurial-readiness diagnostic, with its reasons.

Plain Python, no Django. The rules are data: an ordered list, the first rule whose conditions all
hold gives the orientation, and the conditions it checked are the reasons shown to the advisor.
The advisor decides; this only proposes.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Orientation(StrEnum):
    ENTREPRENEURSHIP = "entrepreneurship"
    WAGE_EMPLOYMENT = "wage_employment"
    TRAINING_FIRST = "training_first"
    OTHER_SUPPORT = "other_support"


@dataclass(frozen=True)
class Condition:
    dimension: str
    at_least: float | None = None  # holds when the score is ≥ at_least
    below: float | None = None  # holds when the score is < below

    def holds(self, scores: Mapping[str, float | None]) -> bool:
        value = scores.get(self.dimension)
        if value is None:
            return False  # not assessed: a rule cannot rest on it
        if self.at_least is not None and value < self.at_least:
            return False
        return self.below is None or value < self.below


@dataclass(frozen=True)
class Rule:
    orientation: Orientation
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class Proposal:
    orientation: Orientation
    reasons: tuple[Condition, ...]


def propose(rules: Sequence[Rule], scores: Mapping[str, float | None]) -> Proposal:
    for rule in rules:
        if all(condition.holds(scores) for condition in rule.conditions):
            return Proposal(rule.orientation, rule.conditions)
    return Proposal(Orientation.OTHER_SUPPORT, ())


# The programme's own first rules (version 1), to be revised with the advisors' experience.
READINESS_RULES_V1: tuple[Rule, ...] = (
    Rule(
        Orientation.ENTREPRENEURSHIP,
        (
            Condition("motivation", at_least=0.6),
            Condition("idea_maturity", at_least=0.5),
            Condition("skills", at_least=0.5),
            Condition("savings", at_least=0.4),
        ),
    ),
    Rule(
        Orientation.ENTREPRENEURSHIP,
        (  # little savings, but a family that backs her
            Condition("motivation", at_least=0.6),
            Condition("idea_maturity", at_least=0.5),
            Condition("skills", at_least=0.5),
            Condition("family_support", at_least=0.7),
        ),
    ),
    Rule(
        Orientation.TRAINING_FIRST,
        (
            Condition("motivation", at_least=0.6),
            Condition("skills", below=0.5),
        ),
    ),
    Rule(
        Orientation.TRAINING_FIRST,
        (
            Condition("motivation", at_least=0.6),
            Condition("idea_maturity", below=0.5),
        ),
    ),
    Rule(
        Orientation.WAGE_EMPLOYMENT,
        (
            Condition("motivation", below=0.6),
            Condition("experience", at_least=0.5),
        ),
    ),
)
