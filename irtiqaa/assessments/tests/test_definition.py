"""Instrument definitions: the shipped ones worked by hand, errors that say where, properties."""

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from irtiqaa.assessments import definition, orientation, scoring
from irtiqaa.assessments.definition import AnswerProblem, InstrumentError, check_answers, parse
from irtiqaa.assessments.orientation import READINESS_RULES_V1, Orientation
from irtiqaa.assessments.scoring import Kind
from irtiqaa.assessments.tests.conftest import READINESS_ANSWERS, READINESS_V1, REINTEGRATION_V1
from irtiqaa.assessments.tests.permissions import REINTEGRATION_ANSWERS

REINTEGRATION = parse(REINTEGRATION_V1, code="reintegration-index")
READINESS = parse(READINESS_V1, code="readiness-diagnostic")


def test_the_shipped_instruments_have_a_reasonable_length_and_three_languages() -> None:
    assert 12 <= len(REINTEGRATION.questions) <= 18
    assert 12 <= len(READINESS.questions) <= 18
    assert [d.code for d in REINTEGRATION.instrument.dimensions] == [
        "economic",
        "social",
        "psychosocial",
    ]
    for parsed in (REINTEGRATION, READINESS):
        for question in parsed.questions:
            assert question.labels.fr and question.labels.ar and question.labels.en
            for option in question.options:
                assert option.labels.ar and option.labels.ar != option.labels.fr


def test_the_readiness_rules_are_the_programmes_first_rules() -> None:
    assert READINESS.rules == READINESS_RULES_V1
    assert not REINTEGRATION.rules


def test_worked_example_reintegration_index() -> None:
    cleaned, problems = check_answers(REINTEGRATION, REINTEGRATION_ANSWERS)
    assert problems == []
    result = scoring.score(REINTEGRATION.instrument, cleaned)
    # economic: (0.7×2 + 0.7 + 0.5×2 + 0.7 + 0.5×2 + 0.75) / 9 = 5.55 / 9
    assert result.dimensions["economic"] == pytest.approx(5.55 / 9)  # 0.6167
    # social: (0.7 + 0.5 + 1 + 1 + 0.4) / 5
    assert result.dimensions["social"] == pytest.approx(0.72)
    # psychosocial: (1 + 0.75 + 0.75 + 0.75×2 + 1 + 0.6) / 7
    assert result.dimensions["psychosocial"] == pytest.approx(0.8)
    assert result.composite == pytest.approx((5.55 / 9 + 0.72 + 0.8) / 3)  # 0.7122


def test_worked_example_readiness_diagnostic_proposes_entrepreneurship() -> None:
    cleaned, problems = check_answers(READINESS, READINESS_ANSWERS)
    assert problems == []
    result = scoring.score(READINESS.instrument, cleaned)
    expected = {
        "motivation": (0.7 + 1.0 * 2 + 0.7) / 4,  # 0.85
        "experience": (0.6 * 2 + 0.5) / 3,  # 5 years of 10
        "skills": (0.8 * 2 + 0.6 + 0) / 4,  # 0.55
        "idea_maturity": (0.7 * 2 + 1) / 3,  # 0.8
        "savings": (0.4 * 2 + 1) / 3,  # 12,000 of 30,000 MAD
        "family_support": (0.75 * 2 + 1) / 3,
        "market_knowledge": (0.6 + 0.5) / 2,
    }
    assert result.dimensions == pytest.approx(expected)
    weights = {"motivation": 1.5, "idea_maturity": 1.5}
    composite = sum(v * weights.get(k, 1) for k, v in expected.items()) / 8
    assert result.composite == pytest.approx(composite)  # 0.6969
    proposal = orientation.propose(READINESS.rules, result.dimensions)
    assert proposal.orientation == Orientation.ENTREPRENEURSHIP
    assert [c.dimension for c in proposal.reasons] == [
        "motivation",
        "idea_maturity",
        "skills",
        "savings",
    ]


def test_worked_example_readiness_without_skills_proposes_training_first() -> None:
    answers = {**READINESS_ANSWERS, "trade_skills": ["none"], "bookkeeping": "no"}
    result = scoring.score(READINESS.instrument, check_answers(READINESS, answers)[0])
    assert result.dimensions["skills"] == 0.0
    proposal = orientation.propose(READINESS.rules, result.dimensions)
    assert proposal.orientation == Orientation.TRAINING_FIRST


def _broken(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(REINTEGRATION_V1)
    question = data["questions"][0]
    for key, value in changes.items():
        if value is None:
            question.pop(key, None)
        else:
            question[key] = value
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "JSON object"),
        ({"questions": []}, "“dimensions” is missing"),
        (_broken(kind="slider"), "questions[0] (income_regularity): the kind is one of"),
        (_broken(dimension="money"), "unknown dimension 'money'"),
        (_broken(weight=-1), "weights cannot be negative"),
        (_broken(labels={"fr": "Revenu"}), "missing in ar, en"),
        (
            _broken(options=[{"code": "a", "score": 2, "labels": REINTEGRATION_V1["labels"]}]),
            "score lies between 0 and 1",
        ),
        (_broken(options=None), "a choice needs options"),
        (_broken(min=0), "for numbers and scales only"),
    ],
)
def test_a_broken_definition_says_what_and_where(data: Any, message: str) -> None:
    with pytest.raises(InstrumentError) as error:
        parse(data)
    assert message in str(error.value)


def test_scale_and_number_bounds_are_checked() -> None:
    data = copy.deepcopy(REINTEGRATION_V1)
    scale = next(q for q in data["questions"] if q["code"] == "basic_needs")
    scale["max"] = 1
    with pytest.raises(InstrumentError, match="“max” must exceed “min”"):
        parse(data)


def test_orientation_rules_must_name_known_dimensions() -> None:
    data = copy.deepcopy(READINESS_V1)
    data["orientation_rules"][0]["conditions"][0]["dimension"] = "luck"
    with pytest.raises(InstrumentError, match="unknown dimension 'luck'"):
        parse(data)
    data["orientation_rules"][0] = {"orientation": "emigrate", "conditions": []}
    with pytest.raises(InstrumentError, match="the orientation is one of"):
        parse(data)


@pytest.mark.parametrize(
    ("answers", "problem"),
    [
        ({**REINTEGRATION_ANSWERS, "debts": None}, AnswerProblem("debts", "required")),
        ({**REINTEGRATION_ANSWERS, "housing": "castle"}, AnswerProblem("housing", "not_offered")),
        (
            {**REINTEGRATION_ANSWERS, "income_sources": ["farm_wage", "lottery"]},
            AnswerProblem("income_sources", "not_offered"),
        ),
        (
            {**REINTEGRATION_ANSWERS, "months_without_income": 13},
            AnswerProblem("months_without_income", "out_of_bounds", 0, 12),
        ),
        (
            {**REINTEGRATION_ANSWERS, "stress": 2.5},
            AnswerProblem("stress", "out_of_bounds", 1, 5),
        ),
        (
            {**REINTEGRATION_ANSWERS, "months_without_income": "three"},
            AnswerProblem("months_without_income", "not_a_number", 0, 12),
        ),
        ({**REINTEGRATION_ANSWERS, "shoe_size": 38}, AnswerProblem("shoe_size", "unknown")),
        ({**REINTEGRATION_ANSWERS, "notes": "x" * 2001}, AnswerProblem("notes", "too_long")),
    ],
)
def test_bad_answers_are_named_by_question(answers: dict[str, Any], problem: AnswerProblem) -> None:
    assert check_answers(REINTEGRATION, answers)[1] == [problem]


def test_answers_are_cleaned_for_storing() -> None:
    answers = {
        **REINTEGRATION_ANSWERS,
        "documents": True,  # yes/no as a boolean
        "months_without_income": "2,0",  # a form's text, French decimal comma
        "income_sources": ["own_activity", "farm_wage", "farm_wage"],
        "children_school": "",  # optional, left blank
        "notes": "  Elle veut ouvrir un atelier.  ",
    }
    cleaned, problems = check_answers(REINTEGRATION, answers)
    assert problems == []
    assert cleaned["documents"] == "yes"
    assert cleaned["months_without_income"] == 2
    assert cleaned["income_sources"] == ["farm_wage", "own_activity"]
    assert "children_school" not in cleaned
    assert cleaned["notes"] == "Elle veut ouvrir un atelier."


def _answer_strategy(question: definition.QuestionText) -> st.SearchStrategy[Any]:
    codes = [o.code for o in question.options]
    if question.kind in (Kind.SINGLE, Kind.YES_NO):
        return st.sampled_from(codes)
    if question.kind == Kind.MULTIPLE:
        return st.lists(st.sampled_from(codes), min_size=1, unique=True)
    if question.kind == Kind.SCALE:
        return st.sampled_from(question.scale_points())
    if question.kind == Kind.NUMBER:
        assert question.minimum is not None and question.maximum is not None
        return st.integers(int(question.minimum), int(question.maximum))
    return st.text(max_size=20)


def responses(parsed: definition.Definition) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({q.code: _answer_strategy(q) for q in parsed.questions})


SHIPPED = st.sampled_from([REINTEGRATION, READINESS])


@settings(max_examples=60)
@given(st.data())
def test_every_shipped_score_lies_within_zero_and_one(data: st.DataObject) -> None:
    parsed = data.draw(SHIPPED)
    cleaned, problems = check_answers(parsed, data.draw(responses(parsed)))
    assert problems == []
    result = scoring.score(parsed.instrument, cleaned)
    for value in [*result.dimensions.values(), result.composite]:
        assert value is not None and 0.0 <= value <= 1.0


@settings(max_examples=80)
@given(st.data())
def test_a_better_answer_never_lowers_its_dimension(data: st.DataObject) -> None:
    parsed = data.draw(SHIPPED)
    cleaned = check_answers(parsed, data.draw(responses(parsed)))[0]
    choices = [q for q in parsed.questions if q.kind in (Kind.SINGLE, Kind.YES_NO)]
    question = data.draw(st.sampled_from(choices))
    a, b = (
        data.draw(st.sampled_from(question.options)),
        data.draw(st.sampled_from(question.options)),
    )
    worse, better = sorted((a, b), key=lambda o: o.score)
    low = scoring.score(parsed.instrument, {**cleaned, question.code: worse.code})
    high = scoring.score(parsed.instrument, {**cleaned, question.code: better.code})
    assert high.dimensions[question.dimension] >= low.dimensions[question.dimension]  # type: ignore[operator]
    others = [d.code for d in parsed.instrument.dimensions if d.code != question.dimension]
    assert all(high.dimensions[d] == low.dimensions[d] for d in others)


@settings(max_examples=40)
@given(st.data())
def test_more_stress_never_raises_the_psychosocial_score(data: st.DataObject) -> None:
    cleaned = check_answers(REINTEGRATION, data.draw(responses(REINTEGRATION)))[0]
    x, y = data.draw(st.integers(1, 5)), data.draw(st.integers(1, 5))
    calm = scoring.score(REINTEGRATION.instrument, {**cleaned, "stress": min(x, y)})
    tense = scoring.score(REINTEGRATION.instrument, {**cleaned, "stress": max(x, y)})
    assert calm.dimensions["psychosocial"] >= tense.dimensions["psychosocial"]  # type: ignore[operator]
