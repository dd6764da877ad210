"""The vocabulary of the permission matrix (irtiqaa/tests/test_permission_matrix.py).

Each app lists its routes' rules in `<app>/tests/permissions.py`: `WEB_RULES` (by URL name),
`API_RULES` (by "METHOD /api/v1/path" as the OpenAPI document writes it) and `add_objects(world)`,
which creates the objects its URLs point at, one inside the scope of the Kénitra advisor and the
RSK coordinator (`world.objects[(kind, True)]`) and one in Settat, outside it (`(kind, False)`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from irtiqaa.conftest import Cast

ROLES = ("advisor", "coordinator", "national", "partner", "analyst", "admin")
CASEWORK = frozenset({"advisor", "coordinator", "national"})
EVERYONE = frozenset(ROLES)
READ_CAMPAIGNS = frozenset({"advisor", "coordinator", "national", "analyst", "admin"})


@dataclass(frozen=True)
class Rule:
    roles: frozenset[str]
    obj: str | None = None  # the kind of object in the URL, if any
    public: bool = False  # reachable without logging in
    method: str = "get"
    allowed_status: int = 200
    body: Callable[["World"], dict[str, Any]] | None = None


@dataclass
class World:
    cast: Cast
    objects: dict[tuple[str, bool], int] = field(default_factory=dict)  # (kind, in_scope) → pk
