"""This app's rows of the permission matrix (see irtiqaa/testing/permissions.py)."""

from irtiqaa.testing.permissions import Rule, World

WEB_RULES: dict[str, Rule] = {}

API_RULES: dict[str, Rule] = {}


def add_objects(world: World) -> None:
    """No object of this app is named in a URL yet."""
