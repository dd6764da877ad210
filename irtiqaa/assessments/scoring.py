"""Scoring of assessment instruments: answers → a score in [0, 1] per dimension and a composite.

Plain Python, no Django: instruments are data (questions, dimensions, scores per answer,
weights), so the same function scores every version of every instrument, and a stored response
is always rescored with the version it was taken with.

Rules:
- each scored answer is worth between 0 and 1: the option's score (single choice, yes/no), the
  selected options' scores added up and capped at 1 (multiple choice), the position between the
  bounds (number, scale; reversed when a lower value is better); free text is not scored;
- a dimension's score is the weighted mean of its answered questions;
- the composite is the weighted mean of the dimensions that have a score.
Unanswered questions are left out rather than counted as 0, so that a skipped question never
lowers a score; how many were answered is reported beside it.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    NUMBER = "number"
    YES_NO = "yes_no"
    SCALE = "scale"
    TEXT = "text"


class InstrumentError(ValueError):
    """The instrument itself is inconsistent (a definition error, not a user's answer)."""


class AnswerError(ValueError):
    def __init__(self, question: str, message: str) -> None:
        super().__init__(f"{question}: {message}")
        self.question = question


@dataclass(frozen=True)
class Option:
    code: str
    score: float


@dataclass(frozen=True)
class Question:
    code: str
    dimension: str
    kind: Kind
    weight: float = 1.0
    options: tuple[Option, ...] = ()
    minimum: float = 0.0  # number and scale bounds
    maximum: float = 1.0
    lower_is_better: bool = False

    def option_score(self, code: str) -> float:
        for option in self.options:
            if option.code == code:
                return option.score
        raise AnswerError(self.code, f"unknown option {code!r}")


@dataclass(frozen=True)
class Dimension:
    code: str
    weight: float = 1.0


@dataclass(frozen=True)
class Instrument:
    code: str
    version: int
    dimensions: tuple[Dimension, ...]
    questions: tuple[Question, ...]

    def __post_init__(self) -> None:
        dimension_codes = {d.code for d in self.dimensions}
        if len(dimension_codes) != len(self.dimensions):
            raise InstrumentError("dimension codes repeat")
        if len({q.code for q in self.questions}) != len(self.questions):
            raise InstrumentError("question codes repeat")
        for weight in [d.weight for d in self.dimensions] + [q.weight for q in self.questions]:
            if weight < 0:
                raise InstrumentError("weights cannot be negative")
        for question in self.questions:
            if question.dimension not in dimension_codes and question.kind != Kind.TEXT:
                raise InstrumentError(f"{question.code}: unknown dimension {question.dimension!r}")
            if any(not 0 <= o.score <= 1 for o in question.options):
                raise InstrumentError(f"{question.code}: option scores lie between 0 and 1")
            if question.kind in (Kind.NUMBER, Kind.SCALE) and question.maximum <= question.minimum:
                raise InstrumentError(f"{question.code}: the maximum must exceed the minimum")
            if question.kind in (Kind.SINGLE, Kind.MULTIPLE, Kind.YES_NO) and not question.options:
                raise InstrumentError(f"{question.code}: a choice needs options")


@dataclass(frozen=True)
class Scores:
    dimensions: Mapping[str, float | None]
    composite: float | None
    answered: Mapping[str, int] = field(default_factory=dict)  # scored answers per dimension


Answer = str | float | int | bool | Sequence[str] | None


def answer_score(question: Question, answer: Answer) -> float | None:
    """The worth of one answer in [0, 1], or None when there is nothing to score."""
    if answer is None or answer == "" or question.kind == Kind.TEXT:
        return None
    if question.kind in (Kind.SINGLE, Kind.YES_NO):
        if question.kind == Kind.YES_NO and isinstance(answer, bool):
            answer = "yes" if answer else "no"
        if not isinstance(answer, str):
            raise AnswerError(question.code, "expected one option")
        return question.option_score(answer)
    if question.kind == Kind.MULTIPLE:
        if isinstance(answer, str) or not isinstance(answer, Sequence):
            raise AnswerError(question.code, "expected a list of options")
        return min(1.0, sum(question.option_score(code) for code in set(answer)))
    if isinstance(answer, bool) or not isinstance(answer, int | float):
        raise AnswerError(question.code, "expected a number")
    span = question.maximum - question.minimum
    position = (
        min(max(float(answer), question.minimum), question.maximum) - question.minimum
    ) / span
    return 1.0 - position if question.lower_is_better else position


def _weighted_mean(pairs: list[tuple[float, float]]) -> float | None:
    total_weight = sum(weight for _, weight in pairs)
    if total_weight == 0:
        return None
    mean = sum(value * weight for value, weight in pairs) / total_weight
    return min(1.0, max(0.0, mean))  # guard against rounding just outside [0, 1]


def score(instrument: Instrument, answers: Mapping[str, Answer]) -> Scores:
    """Score a response. Answers to questions the instrument does not have are refused."""
    known = {q.code for q in instrument.questions}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise AnswerError(unknown[0], "not a question of this instrument")
    per_dimension: dict[str, list[tuple[float, float]]] = {
        d.code: [] for d in instrument.dimensions
    }
    for question in instrument.questions:
        value = answer_score(question, answers.get(question.code))
        if value is not None:
            per_dimension[question.dimension].append((value, question.weight))
    dimensions = {code: _weighted_mean(pairs) for code, pairs in per_dimension.items()}
    weights = {d.code: d.weight for d in instrument.dimensions}
    composite = _weighted_mean(
        [(value, weights[code]) for code, value in dimensions.items() if value is not None]
    )
    answered = {code: len(pairs) for code, pairs in per_dimension.items()}
    return Scores(dimensions=dimensions, composite=composite, answered=answered)


def change(before: Scores, after: Scores) -> dict[str, float | None]:
    """Dimension by dimension (and "composite"), how much a later assessment moved."""
    moves: dict[str, float | None] = {}
    for code in before.dimensions:
        old, new = before.dimensions[code], after.dimensions.get(code)
        moves[code] = None if old is None or new is None else new - old
    old_c, new_c = before.composite, after.composite
    moves["composite"] = None if old_c is None or new_c is None else new_c - old_c
    return moves
