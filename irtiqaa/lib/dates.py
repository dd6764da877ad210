"""Date arithmetic shared by the registry, the forms and the eligibility rules (no Django)."""

import datetime


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    """Full years on `day`: the birthday itself counts."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
