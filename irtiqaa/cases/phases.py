"""Which phase a season's events put her case in (plain Python, no Django).

The migration that opened the cases of women already registered holds a copy of
`phase_from_latest_season`: migrations do not import app code.
"""

import datetime

PRE_DEPARTURE = "pre_departure"
IN_SEASON = "in_season"
POST_RETURN = "post_return"
ENTREPRENEURSHIP = "entrepreneurship"
POST_CREATION = "post_creation"
CLOSED = "closed"

# Later stages of her path, reached by an advisor's decision: a season's departure or return
# (she may well go again while building her activity) never takes her case back from them.
BEYOND_SEASONS = frozenset({ENTREPRENEURSHIP, POST_CREATION})


def phase_from_latest_season(
    status: str | None, departed: datetime.date | None, returned: datetime.date | None
) -> str:
    """Her phase as her latest season (by campaign year) tells it, for a case opened late."""
    if status is None or status == "cancelled":
        return PRE_DEPARTURE
    if returned is not None or status == "returned":
        return POST_RETURN
    if departed is not None or status in ("departed", "did_not_return"):
        return IN_SEASON
    return PRE_DEPARTURE


def phase_after_season_event(
    *,
    current: str,
    departed: datetime.date | None,
    returned: datetime.date | None,
    cancelled: bool,
    latest_season: bool,
    current_set_on: datetime.date | None,
) -> str | None:
    """The phase a season's dates move her case to, or None when they leave it as it is.

    - a closed case stays closed, and entrepreneurship or post-creation follow-up are left only
      by a decision;
    - only her latest season moves her case: correcting an old season changes nothing;
    - `current_set_on` is the day someone decided the current phase (None when it only came
      from the opening or from a season): an event older than that decision is history, and
      does not undo it.
    """
    if current == CLOSED or current in BEYOND_SEASONS or cancelled or not latest_season:
        return None
    if returned is not None:
        target, day = POST_RETURN, returned
    elif departed is not None:
        target, day = IN_SEASON, departed
    else:
        return None
    if target == current:
        return None
    if current_set_on is not None and day < current_set_on:
        return None
    return target
