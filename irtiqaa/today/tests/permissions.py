"""The advisor's day and the team view in the permission matrix."""

from irtiqaa.testing.permissions import CASEWORK, Rule, World

WEB_RULES: dict[str, Rule] = {
    "today:day": Rule(CASEWORK),
    "today:team": Rule(frozenset({"coordinator", "national"})),
}

API_RULES: dict[str, Rule] = {}


def add_objects(world: World) -> None:
    """The day and the team view name no object in their URL."""
