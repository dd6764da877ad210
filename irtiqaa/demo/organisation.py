"""The demo organisation: national unit, the three pilot regions, agencies, a partner, accounts.

Idempotent: running it again finds what exists and resets the demo accounts' passwords.
"""

from dataclasses import dataclass

from django.db import transaction

from irtiqaa.accounts.models import Role, User
from irtiqaa.accounts.services import user_create
from irtiqaa.geography.models import Province, Region
from irtiqaa.organisations.models import OrganisationUnit
from irtiqaa.organisations.services import unit_create

# Agencies of the demo, by pilot region, each named after the province it sits in.
DEMO_AGENCIES = {
    "rsk": ("kenitra", "sidi-kacem", "sidi-slimane", "khemisset"),
    "bmk": ("beni-mellal", "fquih-ben-salah", "khouribga", "azilal"),
    "cs": ("settat", "el-jadida", "berrechid", "sidi-bennour"),
}

# The demo accounts named in the README: (username, role, unit code, first name, last name).
DEMO_ACCOUNTS = (
    ("national", Role.NATIONAL, "ma", "Nadia", "Bennani"),
    ("coord.rsk", Role.COORDINATOR, "rsk", "Karim", "Tazi"),
    ("coord.bmk", Role.COORDINATOR, "bmk", "Houda", "Amrani"),
    ("coord.cs", Role.COORDINATOR, "cs", "Youssef", "Berrada"),
    ("advisor.kenitra", Role.ADVISOR, "kenitra", "Salma", "Idrissi"),
    ("advisor.benimellal", Role.ADVISOR, "beni-mellal", "Hicham", "Ouali"),
    ("advisor.settat", Role.ADVISOR, "settat", "Imane", "Chraibi"),
    ("partner.demo", Role.PARTNER, "partner-tawassol", "Leila", "Naciri"),
    ("analyst", Role.ANALYST, "ma", "Omar", "Fassi"),
    ("admin", Role.ADMIN, "ma", "Rachid", "Alami"),
)

# A second advisor in every agency, so caseloads are shared as they are in real agencies.
EXTRA_ADVISOR_NAMES = (
    ("Amina", "Kettani"),
    ("Mehdi", "Sqalli"),
    ("Sanae", "Lahlou"),
    ("Reda", "Bouzidi"),
    ("Ghita", "Filali"),
    ("Anas", "Zniber"),
    ("Wafae", "Hajji"),
    ("Adil", "Mernissi"),
    ("Meryem", "Sefrioui"),
    ("Hamza", "Kadiri"),
    ("Loubna", "Tahiri"),
    ("Ilyas", "Benjelloun"),
)


@dataclass
class DemoOrganisation:
    national: OrganisationUnit
    agencies: list[OrganisationUnit]
    advisors_by_agency: dict[int, list[User]]


def _unit(code: str, parent: OrganisationUnit | None, **fields: object) -> OrganisationUnit:
    path = f"{parent.path if parent else '/'}{code}/"
    existing = OrganisationUnit.objects.filter(path=path).first()
    return existing or unit_create(code=code, parent=parent, **fields)  # type: ignore[arg-type]


@transaction.atomic
def ensure_demo_organisation(password: str) -> DemoOrganisation:
    national = _unit(
        "ma",
        None,
        kind=OrganisationUnit.Kind.NATIONAL,
        name_fr="Programme national d'accompagnement",
        name_ar="البرنامج الوطني للمواكبة",
    )
    units = {"ma": national}
    agencies = []
    for region_code, province_codes in DEMO_AGENCIES.items():
        region = Region.objects.get(code=region_code)
        region_unit = _unit(
            region_code,
            national,
            kind=OrganisationUnit.Kind.REGION,
            region=region,
            name_fr=f"Coordination régionale {region.name_fr}",
            name_ar=f"التنسيقية الجهوية {region.name_ar}",
        )
        units[region_code] = region_unit
        for province_code in province_codes:
            province = Province.objects.get(code=province_code)
            agency = _unit(
                province_code,
                region_unit,
                kind=OrganisationUnit.Kind.AGENCY,
                region=region,
                province=province,
                name_fr=f"Agence {province.name_fr}",
                name_ar=f"وكالة {province.name_ar}",
            )
            units[province_code] = agency
            agencies.append(agency)
    units["partner-tawassol"] = _unit(
        "partner-tawassol",
        units["rsk"],
        kind=OrganisationUnit.Kind.PARTNER,
        name_fr="Association Tawassol (démo)",
        name_ar="جمعية تواصل (تجريبية)",
        partner_level=OrganisationUnit.PartnerLevel.REGIONAL,
        partner_type=OrganisationUnit.PartnerType.ASSOCIATION,
    )

    for username, role, unit_code, first_name, last_name in DEMO_ACCOUNTS:
        _account(username, role, units[unit_code], first_name, last_name, password)
    for agency, (first_name, last_name) in zip(agencies, EXTRA_ADVISOR_NAMES, strict=True):
        _account(
            f"advisor.{agency.code.replace('-', '')}.2",
            Role.ADVISOR,
            agency,
            first_name,
            last_name,
            password,
        )

    advisors_by_agency: dict[int, list[User]] = {a.pk: [] for a in agencies}
    for advisor in User.objects.filter(role=Role.ADVISOR, unit__in=agencies).order_by("username"):
        advisors_by_agency[advisor.unit_id].append(advisor)  # type: ignore[index]
    return DemoOrganisation(
        national=national, agencies=agencies, advisors_by_agency=advisors_by_agency
    )


def _account(
    username: str, role: str, unit: OrganisationUnit, first_name: str, last_name: str, password: str
) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        return user_create(
            actor=None,
            username=username,
            password=password,
            role=role,
            unit=unit,
            first_name=first_name,
            last_name=last_name,
        )
    if not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    return user
