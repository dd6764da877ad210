"""Campaign eligibility criteria, checked against a woman's profile. Plain Python, no Django."""

import datetime
from dataclasses import dataclass

from irtiqaa.lib.dates import age_on


@dataclass(frozen=True)
class Criteria:
    min_age: int | None = None
    max_age: int | None = None
    children_required: bool = False
    max_youngest_child_age: int | None = None
    allowed_marital_statuses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile:
    birth_date: datetime.date
    marital_status: str
    children_count: int
    children_birth_years: tuple[int, ...] = ()


def unmet_criteria(criteria: Criteria, profile: Profile, on: datetime.date) -> list[str]:
    """Codes of the criteria she does not meet on the given day (empty when eligible)."""
    unmet = []
    age = age_on(profile.birth_date, on)
    if criteria.min_age is not None and age < criteria.min_age:
        unmet.append("too_young")
    if criteria.max_age is not None and age > criteria.max_age:
        unmet.append("too_old")
    if criteria.children_required and profile.children_count < 1:
        unmet.append("no_child")
    if criteria.max_youngest_child_age is not None and profile.children_birth_years:
        youngest_age = on.year - max(profile.children_birth_years)
        if youngest_age > criteria.max_youngest_child_age:
            unmet.append("youngest_child_too_old")
    if (
        criteria.allowed_marital_statuses
        and profile.marital_status not in criteria.allowed_marital_statuses
    ):
        unmet.append("marital_status")
    return unmet
