"""Assessment scoring: worked examples by hand, and properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from irtiqaa.assessments.scoring import (
    AnswerError,
    Dimension,
    Instrument,
    InstrumentError,
    Kind,
    Option,
    Question,
    change,
    score,
)

YES_NO = (Option("yes", 1.0), Option("no", 0.0))
INSTRUMENT = Instrument(
    code="example",
    version=1,
    dimensions=(Dimension("economic", 2.0), Dimension("social", 1.0)),
    questions=(
        Question(
            "income",
            "economic",
            Kind.SINGLE,
            weight=2.0,
            options=(Option("none", 0.0), Option("irregular", 0.5), Option("regular", 1.0)),
        ),
        Question("debt", "economic", Kind.NUMBER, minimum=0, maximum=20000, lower_is_better=True),
        Question(
            "support",
            "social",
            Kind.MULTIPLE,
            options=(Option("family", 0.5), Option("neighbours", 0.25), Option("association", 0.5)),
        ),
        Question("housing", "social", Kind.YES_NO, options=YES_NO),
        Question("wellbeing", "social", Kind.SCALE, minimum=1, maximum=5),
        Question("comment", "social", Kind.TEXT),
    ),
)


def test_a_worked_example_by_hand() -> None:
    result = score(
        INSTRUMENT,
        {
            "income": "irregular",  # 0.5, weight 2
            "debt": 5000,  # 1 - 5000/20000 = 0.75, weight 1
            "support": ["family", "neighbours"],  # 0.75
            "housing": "yes",  # 1.0
            "wellbeing": 4,  # (4-1)/(5-1) = 0.75
            "comment": "Not scored",
        },
    )
    assert result.dimensions["economic"] == pytest.approx((0.5 * 2 + 0.75) / 3)  # 0.5833…
    assert result.dimensions["social"] == pytest.approx((0.75 + 1.0 + 0.75) / 3)  # 0.8333…
    assert result.composite == pytest.approx((0.58333 * 2 + 0.83333) / 3, abs=1e-4)  # 0.6667
    assert result.answered == {"economic": 2, "social": 3}


def test_skipped_questions_are_left_out_not_counted_as_zero() -> None:
    result = score(INSTRUMENT, {"income": "regular"})
    assert result.dimensions == {"economic": 1.0, "social": None}
    assert result.composite == 1.0


def test_multiple_choice_is_capped_at_one_and_numbers_are_clamped() -> None:
    result = score(INSTRUMENT, {"support": ["family", "association", "neighbours"], "debt": 99999})
    assert result.dimensions == {"economic": 0.0, "social": 1.0}


@pytest.mark.parametrize(
    ("answers", "question"),
    [
        ({"income": "rich"}, "income"),
        ({"support": "family"}, "support"),
        ({"debt": "a lot"}, "debt"),
        ({"unknown": 1}, "unknown"),
        ({"housing": 3}, "housing"),
    ],
)
def test_bad_answers_name_the_question(answers: dict[str, object], question: str) -> None:
    with pytest.raises(AnswerError) as error:
        score(INSTRUMENT, answers)  # type: ignore[arg-type]
    assert error.value.question == question


def test_inconsistent_instruments_are_refused() -> None:
    with pytest.raises(InstrumentError):
        Instrument("x", 1, (Dimension("a"),), (Question("q", "b", Kind.SCALE),))
    with pytest.raises(InstrumentError):
        Instrument("x", 1, (Dimension("a", -1),), ())
    with pytest.raises(InstrumentError):
        Instrument(
            "x",
            1,
            (Dimension("a"),),
            (Question("q", "a", Kind.SINGLE, options=(Option("o", 2.0),)),),
        )


def test_change_between_two_assessments() -> None:
    before = score(INSTRUMENT, {"income": "none", "housing": "no"})
    after = score(INSTRUMENT, {"income": "regular", "housing": "no", "wellbeing": 5})
    moves = change(before, after)
    assert moves["economic"] == pytest.approx(1.0)
    assert moves["social"] == pytest.approx(0.5)
    assert moves["composite"] is not None and moves["composite"] > 0


income = st.sampled_from(["none", "irregular", "regular", None])
answers = st.fixed_dictionaries(
    {
        "income": income,
        "debt": st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False)),
        "support": st.one_of(
            st.none(), st.lists(st.sampled_from(["family", "neighbours", "association"]))
        ),
        "housing": st.sampled_from(["yes", "no", None]),
        "wellbeing": st.one_of(st.none(), st.integers(-10, 10)),
    }
)


@given(answers)
def test_every_score_lies_within_zero_and_one(response: dict[str, object]) -> None:
    result = score(INSTRUMENT, response)  # type: ignore[arg-type]
    for value in [*result.dimensions.values(), result.composite]:
        assert value is None or 0.0 <= value <= 1.0


@given(
    answers,
    st.sampled_from(["none", "irregular", "regular"]),
    st.sampled_from(["none", "irregular", "regular"]),
)
def test_a_better_answer_never_lowers_its_dimension(
    response: dict[str, object], a: str, b: str
) -> None:
    order = {"none": 0, "irregular": 1, "regular": 2}
    worse, better = sorted((a, b), key=order.__getitem__)
    low = score(INSTRUMENT, {**response, "income": worse})  # type: ignore[arg-type]
    high = score(INSTRUMENT, {**response, "income": better})  # type: ignore[arg-type]
    assert high.dimensions["economic"] >= low.dimensions["economic"]  # type: ignore[operator]
    assert high.dimensions["social"] == low.dimensions["social"]


@given(answers, st.floats(0, 20000), st.floats(0, 20000))
def test_less_debt_never_lowers_the_economic_score(
    response: dict[str, object], x: float, y: float
) -> None:
    low = score(INSTRUMENT, {**response, "debt": max(x, y)})  # type: ignore[arg-type]
    high = score(INSTRUMENT, {**response, "debt": min(x, y)})  # type: ignore[arg-type]
    assert high.dimensions["economic"] >= low.dimensions["economic"] - 1e-12  # type: ignore[operator]


@given(answers)
def test_scoring_does_not_depend_on_the_order_of_the_answers(response: dict[str, object]) -> None:
    reordered = dict(reversed(list(response.items())))
    assert score(INSTRUMENT, response) == score(INSTRUMENT, reordered)  # type: ignore[arg-type]
