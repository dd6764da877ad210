"""Campaign eligibility: worked examples and properties."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from irtiqaa.lib.dates import age_on
from irtiqaa.seasons.eligibility import Criteria, Profile, unmet_criteria

DAY = datetime.date(2024, 1, 15)


def profile(**overrides: object) -> Profile:
    values: dict[str, object] = {
        "birth_date": datetime.date(1990, 6, 1),
        "marital_status": "married",
        "children_count": 2,
        "children_birth_years": (2012, 2018),
    }
    values.update(overrides)
    return Profile(**values)  # type: ignore[arg-type]


def test_the_2024_criteria() -> None:
    criteria = Criteria(
        min_age=25,
        max_age=40,
        children_required=True,
        max_youngest_child_age=17,
        allowed_marital_statuses=("married", "divorced", "widowed"),
    )
    assert unmet_criteria(criteria, profile(), DAY) == []
    assert unmet_criteria(criteria, profile(birth_date=datetime.date(2001, 1, 1)), DAY) == [
        "too_young"
    ]
    assert unmet_criteria(criteria, profile(birth_date=datetime.date(1980, 1, 1)), DAY) == [
        "too_old"
    ]
    assert unmet_criteria(criteria, profile(children_count=0, children_birth_years=()), DAY) == [
        "no_child"
    ]
    assert unmet_criteria(criteria, profile(children_birth_years=(2000, 2004)), DAY) == [
        "youngest_child_too_old"
    ]
    assert unmet_criteria(criteria, profile(marital_status="single"), DAY) == ["marital_status"]


def test_age_turns_on_the_birthday() -> None:
    assert age_on(datetime.date(1990, 1, 15), DAY) == 34
    assert age_on(datetime.date(1990, 1, 16), DAY) == 33


@given(
    st.dates(min_value=datetime.date(1940, 1, 1), max_value=datetime.date(2010, 1, 1)),
    st.sampled_from(["single", "married", "divorced", "widowed"]),
    st.integers(0, 10),
)
def test_no_criteria_means_everyone_is_eligible(
    birth: datetime.date, marital: str, children: int
) -> None:
    assert (
        unmet_criteria(
            Criteria(),
            profile(
                birth_date=birth,
                marital_status=marital,
                children_count=children,
                children_birth_years=(),
            ),
            DAY,
        )
        == []
    )


@given(
    st.integers(18, 60),
    st.integers(18, 60),
    st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2005, 1, 1)),
)
def test_widening_the_age_range_never_excludes_more(
    low: int, high: int, birth: datetime.date
) -> None:
    low, high = min(low, high), max(low, high)
    narrow = unmet_criteria(Criteria(min_age=low, max_age=high), profile(birth_date=birth), DAY)
    wide = unmet_criteria(
        Criteria(min_age=max(0, low - 5), max_age=high + 5), profile(birth_date=birth), DAY
    )
    assert set(wide) <= set(narrow)
