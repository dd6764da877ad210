from typing import TYPE_CHECKING

from django.db import transaction

from irtiqaa.audit.models import AuditEvent
from irtiqaa.audit.services import audit_record
from irtiqaa.geography.models import Province, Region
from irtiqaa.organisations.models import OrganisationUnit

if TYPE_CHECKING:
    from irtiqaa.accounts.models import User


@transaction.atomic
def unit_create(
    *,
    actor: "User | None" = None,
    kind: str,
    code: str,
    name_fr: str,
    name_ar: str = "",
    parent: OrganisationUnit | None = None,
    region: Region | None = None,
    province: Province | None = None,
    partner_level: str = "",
    partner_type: str = "",
    country: str = "MA",
) -> OrganisationUnit:
    if region is None and parent is not None:
        region = parent.region
    path = OrganisationUnit.path_under(parent, code)
    unit = OrganisationUnit(
        kind=kind,
        code=code,
        name_fr=name_fr,
        name_ar=name_ar,
        parent=parent,
        path=path,
        region=region,
        province=province,
        partner_level=partner_level,
        partner_type=partner_type,
        country=country,
    )
    unit.full_clean()
    unit.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        obj=unit,
        changed_fields=["kind", "code", "name_fr", "name_ar", "parent", "region", "province"],
    )
    return unit
