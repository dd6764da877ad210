from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from irtiqaa.geography.models import Province, Region
from irtiqaa.organisations.models import OrganisationUnit

# Which kind of unit may sit under which: partners hang under the unit whose territory they serve.
ALLOWED_PARENT_KINDS = {
    OrganisationUnit.Kind.NATIONAL: (),
    OrganisationUnit.Kind.REGION: (OrganisationUnit.Kind.NATIONAL,),
    OrganisationUnit.Kind.AGENCY: (OrganisationUnit.Kind.REGION,),
    OrganisationUnit.Kind.PARTNER: (
        OrganisationUnit.Kind.NATIONAL,
        OrganisationUnit.Kind.REGION,
        OrganisationUnit.Kind.AGENCY,
    ),
}


@transaction.atomic
def unit_create(
    *,
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
    allowed = ALLOWED_PARENT_KINDS[OrganisationUnit.Kind(kind)]
    if parent is None and allowed:
        raise ValidationError({"parent": _("This kind of unit needs a parent unit.")})
    if parent is not None and parent.kind not in allowed:
        raise ValidationError({"parent": _("This kind of unit cannot sit under that unit.")})
    if region is None and parent is not None:
        region = parent.region
    path = f"{parent.path if parent else '/'}{code}/"
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
    return unit
