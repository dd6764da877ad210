"""The JSON definition of an instrument version, read into what scores and shows it.

Plain Python, no Django. A version's definition is data stored with the version; this module
checks it and turns it into a `scoring.Instrument`, the orientation rules (if any) and the
wording in French, Arabic and English. It also checks a response's answers against it, giving
problem codes that the caller words in the user's language.

The format (see docs/instruments.md):

    {
      "labels": {"fr": "…", "ar": "…", "en": "…"},          # the instrument's title
      "dimensions": [
        {"code": "economic", "weight": 1, "labels": {...}}
      ],
      "questions": [
        {"code": "savings", "kind": "single", "dimension": "economic", "weight": 2,
         "required": true, "labels": {...}, "help": {...},
         "options": [{"code": "none", "score": 0, "labels": {...}}, ...]},
        {"code": "debt_months", "kind": "number", "dimension": "economic",
         "min": 0, "max": 120, "score_min": 0, "score_max": 24, "lower_is_better": true,
         "labels": {...}},
        {"code": "stress", "kind": "scale", "min": 1, "max": 5, "low_labels": {...},
         "high_labels": {...}, ...}
      ],
      "orientation_rules": [
        {"orientation": "entrepreneurship",
         "conditions": [{"dimension": "motivation", "at_least": 0.6}, ...]}
      ]
    }

`min`/`max` bound what may be answered; the score moves between `score_min` and `score_max`
(by default the same bounds) and stays at 0 or 1 beyond them. A yes/no question may leave out
its options: "yes" is then worth 1 and "no" 0.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from irtiqaa.assessments import orientation, scoring
from irtiqaa.assessments.scoring import InstrumentError, Kind

LANGUAGES = ("fr", "ar", "en")
TEXT_MAX_LENGTH = 2000


@dataclass(frozen=True)
class Labels:
    fr: str
    ar: str
    en: str

    def get(self, language: str) -> str:
        """The wording in this language (French when the language is not one of the three)."""
        return {"ar": self.ar, "en": self.en}.get(language[:2], self.fr) or self.fr


YES_NO_LABELS = {
    "yes": Labels("Oui", "نعم", "Yes"),
    "no": Labels("Non", "لا", "No"),
}


@dataclass(frozen=True)
class OptionText:
    code: str
    score: float
    labels: Labels


@dataclass(frozen=True)
class QuestionText:
    """A question as shown and checked: its scoring part and everything around it."""

    question: scoring.Question
    labels: Labels
    help: Labels | None
    required: bool
    options: tuple[OptionText, ...]
    minimum: float | None  # what may be answered (number and scale)
    maximum: float | None
    low_labels: Labels | None  # the ends of a scale
    high_labels: Labels | None

    @property
    def code(self) -> str:
        return self.question.code

    @property
    def kind(self) -> Kind:
        return self.question.kind

    @property
    def dimension(self) -> str:
        return self.question.dimension

    def option_labels(self, code: str, language: str) -> str:
        for option in self.options:
            if option.code == code:
                return option.labels.get(language)
        return code

    def scale_points(self) -> list[int]:
        assert self.minimum is not None and self.maximum is not None
        return list(range(int(self.minimum), int(self.maximum) + 1))


@dataclass(frozen=True)
class Definition:
    instrument: scoring.Instrument
    labels: Labels | None
    dimension_labels: Mapping[str, Labels]
    questions: tuple[QuestionText, ...]
    rules: tuple[orientation.Rule, ...]

    @property
    def proposes_orientation(self) -> bool:
        return bool(self.rules)

    def question(self, code: str) -> QuestionText:
        for question in self.questions:
            if question.code == code:
                return question
        raise KeyError(code)

    def questions_of(self, dimension: str) -> list[QuestionText]:
        return [q for q in self.questions if q.dimension == dimension]


# ---- reading a definition ----


def _require(data: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in data:
        raise InstrumentError(f"{where}: “{key}” is missing")
    return data[key]


def _code(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value or not value.replace("_", "").isalnum():
        raise InstrumentError(f"{where}: a code is made of letters, digits and “_”")
    if not value.isascii():
        raise InstrumentError(f"{where}: a code is made of letters, digits and “_”")
    return value


def _number(value: Any, where: str, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InstrumentError(f"{where}: “{what}” must be a number")
    return float(value)


def _weight(data: Mapping[str, Any], where: str) -> float:
    weight = _number(data.get("weight", 1), where, "weight")
    if weight < 0:
        raise InstrumentError(f"{where}: weights cannot be negative")
    return weight


def _labels(value: Any, where: str, *, optional: bool = False) -> Labels | None:
    if value is None and optional:
        return None
    if not isinstance(value, Mapping):
        raise InstrumentError(f"{where}: the wording must be given in French, Arabic and English")
    missing = [
        lang
        for lang in LANGUAGES
        if not isinstance(value.get(lang), str) or not value[lang].strip()
    ]
    if missing:
        raise InstrumentError(f"{where}: the wording is missing in {', '.join(missing)}")
    return Labels(value["fr"].strip(), value["ar"].strip(), value["en"].strip())


def _options(data: Mapping[str, Any], kind: Kind, where: str) -> tuple[OptionText, ...]:
    raw = data.get("options")
    if kind == Kind.YES_NO and raw is None:
        return (
            OptionText("yes", 1.0, YES_NO_LABELS["yes"]),
            OptionText("no", 0.0, YES_NO_LABELS["no"]),
        )
    if kind not in (Kind.SINGLE, Kind.MULTIPLE, Kind.YES_NO):
        if raw:
            raise InstrumentError(f"{where}: only choices have options")
        return ()
    if not isinstance(raw, Sequence) or isinstance(raw, str) or not raw:
        raise InstrumentError(f"{where}: a choice needs options")
    options = []
    for index, option in enumerate(raw):
        place = f"{where}.options[{index}]"
        if not isinstance(option, Mapping):
            raise InstrumentError(f"{place}: an option is an object")
        code = _code(_require(option, "code", place), place)
        score = _number(_require(option, "score", place), place, "score")
        if not 0 <= score <= 1:
            raise InstrumentError(f"{place} ({code}): an option's score lies between 0 and 1")
        labels = _labels(option.get("labels"), f"{place} ({code})", optional=kind == Kind.YES_NO)
        options.append(
            OptionText(code, score, labels or YES_NO_LABELS.get(code, Labels(code, code, code)))
        )
    codes = [o.code for o in options]
    if len(set(codes)) != len(codes):
        raise InstrumentError(f"{where}: option codes repeat")
    if kind == Kind.YES_NO and sorted(codes) != ["no", "yes"]:
        raise InstrumentError(f"{where}: a yes/no question has the options “yes” and “no”")
    return tuple(options)


def _question(data: Any, index: int, dimensions: set[str]) -> QuestionText:
    where = f"questions[{index}]"
    if not isinstance(data, Mapping):
        raise InstrumentError(f"{where}: a question is an object")
    code = _code(_require(data, "code", where), where)
    where = f"{where} ({code})"
    try:
        kind = Kind(_require(data, "kind", where))
    except ValueError:
        kinds = ", ".join(k.value for k in Kind)
        raise InstrumentError(f"{where}: the kind is one of {kinds}") from None
    dimension = data.get("dimension", "")
    if kind != Kind.TEXT and dimension not in dimensions:
        raise InstrumentError(f"{where}: unknown dimension {dimension!r}")
    if kind == Kind.TEXT and dimension and dimension not in dimensions:
        raise InstrumentError(f"{where}: unknown dimension {dimension!r}")
    minimum = maximum = None
    score_min, score_max = 0.0, 1.0
    if kind in (Kind.NUMBER, Kind.SCALE):
        minimum = _number(_require(data, "min", where), where, "min")
        maximum = _number(_require(data, "max", where), where, "max")
        if maximum <= minimum:
            raise InstrumentError(f"{where}: “max” must exceed “min”")
        if kind == Kind.SCALE and not (minimum.is_integer() and maximum.is_integer()):
            raise InstrumentError(f"{where}: a scale runs between whole numbers")
        if kind == Kind.SCALE and maximum - minimum > 10:
            raise InstrumentError(f"{where}: a scale has at most 11 points")
        score_min = _number(data.get("score_min", minimum), where, "score_min")
        score_max = _number(data.get("score_max", maximum), where, "score_max")
        if score_max <= score_min:
            raise InstrumentError(f"{where}: “score_max” must exceed “score_min”")
    else:
        for key in ("min", "max", "score_min", "score_max", "lower_is_better"):
            if key in data:
                raise InstrumentError(f"{where}: “{key}” is for numbers and scales only")
    lower_is_better = data.get("lower_is_better", False)
    if not isinstance(lower_is_better, bool):
        raise InstrumentError(f"{where}: “lower_is_better” is true or false")
    required = data.get("required", kind != Kind.TEXT)
    if not isinstance(required, bool):
        raise InstrumentError(f"{where}: “required” is true or false")
    options = _options(data, kind, where)
    question = scoring.Question(
        code=code,
        dimension=dimension,
        kind=kind,
        weight=_weight(data, where),
        options=tuple(scoring.Option(o.code, o.score) for o in options),
        minimum=score_min,
        maximum=score_max,
        lower_is_better=lower_is_better,
    )
    labels = _labels(data.get("labels"), where)
    assert labels is not None
    return QuestionText(
        question=question,
        labels=labels,
        help=_labels(data.get("help"), f"{where} help", optional=True),
        required=required,
        options=options,
        minimum=minimum,
        maximum=maximum,
        low_labels=_labels(data.get("low_labels"), f"{where} low_labels", optional=True),
        high_labels=_labels(data.get("high_labels"), f"{where} high_labels", optional=True),
    )


def _rules(raw: Any, dimensions: set[str]) -> tuple[orientation.Rule, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, Sequence) or isinstance(raw, str):
        raise InstrumentError("orientation_rules: a list of rules")
    rules = []
    for index, rule in enumerate(raw):
        where = f"orientation_rules[{index}]"
        if not isinstance(rule, Mapping):
            raise InstrumentError(f"{where}: a rule is an object")
        try:
            proposed = orientation.Orientation(_require(rule, "orientation", where))
        except ValueError:
            choices = ", ".join(o.value for o in orientation.Orientation)
            raise InstrumentError(f"{where}: the orientation is one of {choices}") from None
        conditions = []
        raw_conditions = _require(rule, "conditions", where)
        if not isinstance(raw_conditions, Sequence) or not raw_conditions:
            raise InstrumentError(f"{where}: a rule needs conditions")
        for number, condition in enumerate(raw_conditions):
            place = f"{where}.conditions[{number}]"
            if not isinstance(condition, Mapping):
                raise InstrumentError(f"{place}: a condition is an object")
            dimension = _require(condition, "dimension", place)
            if dimension not in dimensions:
                raise InstrumentError(f"{place}: unknown dimension {dimension!r}")
            at_least = condition.get("at_least")
            below = condition.get("below")
            if at_least is None and below is None:
                raise InstrumentError(f"{place}: give “at_least” or “below”")
            conditions.append(
                orientation.Condition(
                    dimension,
                    at_least=None if at_least is None else _number(at_least, place, "at_least"),
                    below=None if below is None else _number(below, place, "below"),
                )
            )
        rules.append(orientation.Rule(proposed, tuple(conditions)))
    return tuple(rules)


def parse(data: Any, *, code: str = "", version: int = 1) -> Definition:
    """Read and check a version's definition; InstrumentError says what is wrong and where."""
    if not isinstance(data, Mapping):
        raise InstrumentError("the definition is a JSON object")
    raw_dimensions = _require(data, "dimensions", "definition")
    if (
        not isinstance(raw_dimensions, Sequence)
        or isinstance(raw_dimensions, str)
        or not raw_dimensions
    ):
        raise InstrumentError("definition: at least one dimension")
    dimensions = []
    dimension_labels: dict[str, Labels] = {}
    for index, raw in enumerate(raw_dimensions):
        where = f"dimensions[{index}]"
        if not isinstance(raw, Mapping):
            raise InstrumentError(f"{where}: a dimension is an object")
        dimension_code = _code(_require(raw, "code", where), where)
        where = f"{where} ({dimension_code})"
        if dimension_code in dimension_labels:
            raise InstrumentError(f"{where}: dimension codes repeat")
        labels = _labels(raw.get("labels"), where)
        assert labels is not None
        dimension_labels[dimension_code] = labels
        dimensions.append(scoring.Dimension(dimension_code, _weight(raw, where)))
    if not any(d.weight > 0 for d in dimensions):
        raise InstrumentError("definition: at least one dimension must weigh more than 0")
    raw_questions = _require(data, "questions", "definition")
    if (
        not isinstance(raw_questions, Sequence)
        or isinstance(raw_questions, str)
        or not raw_questions
    ):
        raise InstrumentError("definition: at least one question")
    questions = tuple(
        _question(raw, index, set(dimension_labels)) for index, raw in enumerate(raw_questions)
    )
    seen: set[str] = set()
    for question in questions:
        if question.code in seen:
            raise InstrumentError(f"questions: the code {question.code!r} repeats")
        seen.add(question.code)
    for dimension in dimensions:
        if not any(q.dimension == dimension.code and q.kind != Kind.TEXT for q in questions):
            raise InstrumentError(f"dimensions ({dimension.code}): no question scores it")
    instrument = scoring.Instrument(
        code=code,
        version=version,
        dimensions=tuple(dimensions),
        questions=tuple(q.question for q in questions),
    )
    return Definition(
        instrument=instrument,
        labels=_labels(data.get("labels"), "labels", optional=True),
        dimension_labels=dimension_labels,
        questions=questions,
        rules=_rules(data.get("orientation_rules"), set(dimension_labels)),
    )


# ---- checking a response ----


@dataclass(frozen=True)
class AnswerProblem:
    """Why an answer was refused: a code the caller words in the user's language."""

    question: str
    problem: (
        str  # required, not_offered, out_of_bounds, not_a_number, not_a_choice, too_long, unknown
    )
    minimum: float | None = None
    maximum: float | None = None


def _is_blank(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, list | tuple) and not value)


class _Refused(Exception):
    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def _clean_one(question: QuestionText, value: Any) -> Any:
    """The answer in its stored form; raises _Refused with a problem code."""
    kind = question.kind
    if kind == Kind.TEXT:
        if not isinstance(value, str):
            raise _Refused("not_a_choice")
        if len(value.strip()) > TEXT_MAX_LENGTH:
            raise _Refused("too_long")
        return value.strip()
    if kind in (Kind.SINGLE, Kind.YES_NO):
        if kind == Kind.YES_NO and isinstance(value, bool):
            value = "yes" if value else "no"
        if not isinstance(value, str):
            raise _Refused("not_a_choice")
        if value not in {o.code for o in question.options}:
            raise _Refused("not_offered")
        return value
    if kind == Kind.MULTIPLE:
        if isinstance(value, str) or not isinstance(value, Sequence):
            raise _Refused("not_a_choice")
        offered = [o.code for o in question.options]
        if any(not isinstance(v, str) or v not in offered for v in value):
            raise _Refused("not_offered")
        return [code for code in offered if code in value]  # in the instrument's order, once
    if isinstance(value, str):  # a form posts text
        try:
            value = float(value.strip().replace(",", "."))
        except ValueError:
            raise _Refused("not_a_number") from None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _Refused("not_a_number")
    assert question.minimum is not None and question.maximum is not None
    if not question.minimum <= value <= question.maximum:
        raise _Refused("out_of_bounds")
    if kind == Kind.SCALE and value not in question.scale_points():
        raise _Refused("out_of_bounds")
    return int(value) if float(value).is_integer() else float(value)


def check_answers(
    definition: Definition, answers: Mapping[str, Any]
) -> tuple[dict[str, Any], list[AnswerProblem]]:
    """The answers cleaned for storing (blank ones left out), and the problems found, in the
    order of the questions. Nothing is stored unless the problems are none."""
    problems: list[AnswerProblem] = []
    cleaned: dict[str, Any] = {}
    known = {q.code for q in definition.questions}
    for code in answers:
        if code not in known:
            problems.append(AnswerProblem(str(code), "unknown"))
    for question in definition.questions:
        value = answers.get(question.code)
        if not _is_blank(value):
            try:
                value = _clean_one(question, value)
            except _Refused as refused:
                problems.append(
                    AnswerProblem(
                        question.code, refused.problem, question.minimum, question.maximum
                    )
                )
                continue
        if _is_blank(value):
            if question.required:
                problems.append(AnswerProblem(question.code, "required"))
            continue
        cleaned[question.code] = value
    return cleaned, problems
