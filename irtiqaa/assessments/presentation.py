"""An assessment as the advisor reads it: scores per dimension with their change, the proposed
orientation with its reasons, the answers, all in her language."""

from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from irtiqaa.assessments import scoring
from irtiqaa.assessments.definition import Definition
from irtiqaa.assessments.models import Assessment
from irtiqaa.assessments.scoring import Kind
from irtiqaa.lib.i18n import join_list

ORIENTATION_LABELS: dict[str, Promise] = {
    "entrepreneurship": gettext_lazy("entrepreneurship track"),
    "wage_employment": gettext_lazy("wage employment"),
    "training_first": gettext_lazy("training first"),
    "other_support": gettext_lazy("other support"),
}

# A move smaller than this is shown as no change (scores are shown with two decimals).
STEADY = 0.005

# Free-text answers are interview notes: like an interaction's notes, only her advisors and her
# coordinator read them (cases.selectors.NOTE_READERS).
NOTE_HIDDEN = gettext_lazy("A note is recorded; only her advisors and her coordinator read it.")


def direction(move: float | None) -> str:
    if move is None:
        return ""
    if move >= STEADY:
        return "up"
    if move <= -STEADY:
        return "down"
    return "same"


def score_text(value: float | None) -> str:
    """A score as the pages show it: rounded (not cut) to two decimals, in the locale's format."""
    return "—" if value is None else number_format(round(value, 2), 2)


@dataclass
class DimensionRow:
    code: str
    label: str
    score: float | None
    change: float | None = None
    before: float | None = None

    @property
    def percent(self) -> int:
        return round((self.score or 0) * 100)

    @property
    def direction(self) -> str:
        return direction(self.change)


@dataclass
class AnswerRow:
    question: str
    answer: str
    dimension: str


@dataclass
class Result:
    assessment: Assessment
    title: str
    version: int
    dimensions: list[DimensionRow]
    composite: float | None
    previous: Assessment | None = None
    composite_change: float | None = None
    orientation: str = ""
    orientation_label: str = ""
    reasons: list[str] = field(default_factory=list)
    answers: list[AnswerRow] = field(default_factory=list)

    @property
    def composite_percent(self) -> int:
        return round((self.composite or 0) * 100)

    @property
    def composite_direction(self) -> str:
        return direction(self.composite_change)


def stored_scores(assessment: Assessment) -> scoring.Scores:
    stored = assessment.scores or {}
    return scoring.Scores(
        dimensions=dict(stored.get("dimensions", {})),
        composite=assessment.composite,
        answered=dict(stored.get("answered", {})),
    )


def reason_text(reason: dict[str, Any], parsed: Definition, language: str) -> str:
    labels = parsed.dimension_labels.get(reason["dimension"])
    values = {
        "dimension": labels.get(language) if labels else reason["dimension"],
        "score": score_text(reason.get("score")),
    }
    parts = []
    if reason.get("at_least") is not None:
        parts.append(
            _("%(dimension)s %(score)s, at least %(threshold)s")
            % {**values, "threshold": score_text(reason["at_least"])}
        )
    if reason.get("below") is not None:
        parts.append(
            _("%(dimension)s %(score)s, below %(threshold)s")
            % {**values, "threshold": score_text(reason["below"])}
        )
    return "; ".join(parts)


def answer_text(parsed: Definition, code: str, value: Any, language: str) -> str:
    question = parsed.question(code)
    if question.kind in (Kind.SINGLE, Kind.YES_NO):
        return question.option_labels(str(value), language)
    if question.kind == Kind.MULTIPLE:
        return join_list([question.option_labels(str(v), language) for v in value])
    if question.kind in (Kind.NUMBER, Kind.SCALE):
        return number_format(value, decimal_pos=None, use_l10n=True)
    return str(value)


def result_of(
    assessment: Assessment,
    parsed: Definition,
    language: str,
    *,
    previous: Assessment | None = None,
    with_answers: bool = True,
    with_notes: bool = True,
) -> Result:
    """`parsed` is the definition of the assessment's own version; `previous` an earlier
    assessment with the same instrument, compared with its stored scores."""
    scores = stored_scores(assessment)
    before = stored_scores(previous) if previous is not None else None
    moves = scoring.change(before, scores) if before is not None else {}
    rows = [
        DimensionRow(
            code=dimension.code,
            label=parsed.dimension_labels[dimension.code].get(language),
            score=scores.dimensions.get(dimension.code),
            change=moves.get(dimension.code),
            before=before.dimensions.get(dimension.code) if before is not None else None,
        )
        for dimension in parsed.instrument.dimensions
    ]
    result = Result(
        assessment=assessment,
        title=parsed.labels.get(language) if parsed.labels else str(assessment.instrument_version),
        version=assessment.instrument_version.number,
        dimensions=rows,
        composite=assessment.composite,
        previous=previous,
        composite_change=moves.get("composite"),
    )
    if assessment.orientation:
        result.orientation = assessment.orientation
        result.orientation_label = str(
            ORIENTATION_LABELS.get(assessment.orientation, assessment.orientation)
        )
        result.reasons = [
            reason_text(reason, parsed, language) for reason in assessment.orientation_reasons
        ]
    if with_answers:
        for question in parsed.questions:
            if question.code not in assessment.answers:
                continue
            dimension = parsed.dimension_labels.get(question.dimension)
            hidden = not with_notes and question.question.kind == scoring.Kind.TEXT
            result.answers.append(
                AnswerRow(
                    question=question.labels.get(language),
                    answer=str(NOTE_HIDDEN)
                    if hidden
                    else answer_text(
                        parsed, question.code, assessment.answers[question.code], language
                    ),
                    dimension=dimension.get(language) if dimension else "",
                )
            )
    return result
