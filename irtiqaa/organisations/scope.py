"""What a user may see: the one place that decides it.

Every selector that returns women's data starts from `casework_prefix(user)`. A user whose role
does no casework (analyst, partner, admin) gets no individual record at all.
"""

from django.db.models import QuerySet

from irtiqaa.accounts.models import CASEWORK_ROLES
from irtiqaa.organisations.models import OrganisationUnit


def casework_prefix(user: object) -> str | None:
    """The unit path under which the user reads and writes women's files, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    if getattr(user, "role", None) not in CASEWORK_ROLES:
        return None
    unit = getattr(user, "unit", None)
    return unit.path if unit is not None else None


def agencies_in_scope(user: object) -> QuerySet[OrganisationUnit]:
    prefix = casework_prefix(user)
    agencies = OrganisationUnit.objects.filter(kind=OrganisationUnit.Kind.AGENCY, is_active=True)
    if prefix is None:
        return agencies.none()
    return agencies.filter(path__startswith=prefix)


def ancestor_paths(path: str) -> list[str]:
    """/ma/rsk/kenitra/ → ["/ma/rsk/kenitra/", "/ma/rsk/", "/ma/"]: the unit and those above it,
    nearest first."""
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[:n]) + "/" for n in range(len(parts), 0, -1)]


def unit_in_scope(user: object, unit: OrganisationUnit) -> bool:
    prefix = casework_prefix(user)
    return prefix is not None and unit.path.startswith(prefix)
