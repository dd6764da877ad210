"""The shared cast of the test suite.

Two regions, one agency in each. `advisor` works in Kénitra (Rabat-Salé-Kénitra) and follows
`woman`; `outsider_woman` belongs to the Settat agency (Casablanca-Settat), outside the scope of
the advisor and of the RSK coordinator, inside national's.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import hypothesis
import pytest
from django.test import Client

from irtiqaa.accounts.models import Role, User
from irtiqaa.accounts.services import api_token_create, user_create
from irtiqaa.beneficiaries.models import Beneficiary, Consent
from irtiqaa.beneficiaries.services import ConsentInput, beneficiary_register
from irtiqaa.geography.models import Province, Region
from irtiqaa.organisations.models import OrganisationUnit
from irtiqaa.organisations.services import unit_create
from irtiqaa.seasons.models import Campaign, Participation

PASSWORD = "a-long-test-password-2026"

# Property tests check results, not speed: on a busy CI machine an example may take longer than
# hypothesis's default 200 ms without anything being wrong.
hypothesis.settings.register_profile("irtiqaa", deadline=None)
hypothesis.settings.load_profile("irtiqaa")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _demo_files_out_of_the_working_tree(
    settings: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # `seed_demo` writes its recruitment lists there, not into the working tree's var/.
    settings.IRTIQAA_DEMO_DIR = tmp_path_factory.getbasetemp() / "demo"


@dataclass
class Cast:
    national_unit: OrganisationUnit
    rsk: OrganisationUnit
    cs: OrganisationUnit
    kenitra: OrganisationUnit
    settat: OrganisationUnit
    partner_unit: OrganisationUnit
    advisor: User
    advisor_settat: User
    coordinator: User
    coordinator_cs: User
    national: User
    partner: User
    analyst: User
    admin: User

    def by_role(self) -> dict[str, User]:
        return {
            "advisor": self.advisor,
            "coordinator": self.coordinator,
            "national": self.national,
            "partner": self.partner,
            "analyst": self.analyst,
            "admin": self.admin,
        }


@pytest.fixture
def cast(db: None) -> Cast:
    national_unit = unit_create(kind="national", code="ma", name_fr="National", name_ar="وطني")
    rsk = unit_create(
        kind="region",
        code="rsk",
        name_fr="RSK",
        parent=national_unit,
        region=Region.objects.get(code="rsk"),
    )
    cs = unit_create(
        kind="region",
        code="cs",
        name_fr="CS",
        parent=national_unit,
        region=Region.objects.get(code="cs"),
    )
    kenitra = unit_create(
        kind="agency",
        code="kenitra",
        name_fr="Agence Kénitra",
        name_ar="وكالة القنيطرة",
        parent=rsk,
        province=Province.objects.get(code="kenitra"),
    )
    settat = unit_create(
        kind="agency",
        code="settat",
        name_fr="Agence Settat",
        parent=cs,
        province=Province.objects.get(code="settat"),
    )
    partner_unit = unit_create(
        kind="partner",
        code="assoc",
        name_fr="Association",
        parent=rsk,
        partner_type="association",
        partner_level="regional",
    )

    def user(username: str, role: str, unit: OrganisationUnit) -> User:
        return user_create(
            actor=None,
            username=username,
            password=PASSWORD,
            role=role,
            unit=unit,
            first_name=username.title(),
            last_name="Test",
        )

    return Cast(
        national_unit=national_unit,
        rsk=rsk,
        cs=cs,
        kenitra=kenitra,
        settat=settat,
        partner_unit=partner_unit,
        advisor=user("advisor", Role.ADVISOR, kenitra),
        advisor_settat=user("advisor_settat", Role.ADVISOR, settat),
        coordinator=user("coordinator", Role.COORDINATOR, rsk),
        coordinator_cs=user("coordinator_cs", Role.COORDINATOR, cs),
        national=user("national", Role.NATIONAL, national_unit),
        partner=user("partner", Role.PARTNER, partner_unit),
        analyst=user("analyst", Role.ANALYST, national_unit),
        admin=user("admin", Role.ADMIN, national_unit),
    )


def woman_profile(agency: OrganisationUnit, **overrides: Any) -> dict[str, Any]:
    profile: dict[str, Any] = {
        "first_name_latin": "Fatima Zahra",
        "last_name_latin": "El Alaoui",
        "first_name_ar": "فاطمة الزهراء",
        "last_name_ar": "العلوي",
        "birth_date": datetime.date(1988, 3, 14),
        "cin": "AB123456",
        "province": agency.province or Province.objects.get(code="kenitra"),
        "commune": "Lalla Mimouna",
        "marital_status": "married",
        "children_count": 2,
        "children_birth_years": [2012, 2016],
        "education_level": "primary",
        "literacy_arabic": "basic",
        "literacy_french": "none",
        "languages": ["darija", "arabic"],
        "agricultural_experience_years": 6,
        "skills": "Couture",
        "home_agency": agency,
        "assigned_advisor": None,
    }
    profile.update(overrides)
    return profile


SIGNED = ConsentInput(
    method=Consent.Method.SIGNED_FORM,
    text_version="2026-01",
    purposes=(Consent.Purpose.ACCOMPANIMENT, Consent.Purpose.STATISTICS),
)


@pytest.fixture
def register(cast: Cast) -> Callable[..., Beneficiary]:
    """Register a woman through the service, as an advisor would."""

    def make(
        actor: User | None = None, phones: tuple[str, ...] = ("+212612345678",), **overrides: Any
    ) -> Beneficiary:
        actor = actor or cast.advisor
        agency = overrides.pop("home_agency", None)
        if agency is None:
            agency = actor.unit if actor.unit and actor.unit.kind == "agency" else cast.kenitra
        return beneficiary_register(
            actor=actor,
            profile=woman_profile(agency, **overrides),
            phones=list(phones),
            consent=SIGNED,
            duplicate_reason="test data",
        )

    return make


@pytest.fixture
def woman(cast: Cast, register: Callable[..., Beneficiary]) -> Beneficiary:
    return register(assigned_advisor=cast.advisor)


@pytest.fixture
def outsider_woman(cast: Cast, register: Callable[..., Beneficiary]) -> Beneficiary:
    return register(
        actor=cast.advisor_settat,
        first_name_latin="Khadija",
        last_name_latin="Bennani",
        first_name_ar="خديجة",
        last_name_ar="بناني",
        cin="BE998877",
        phones=("0661000000",),
        birth_date=datetime.date(1979, 7, 2),
    )


def huelva_campaign(year: int, **criteria: Any) -> Campaign:
    """A red-fruit campaign in Huelva with the usual windows of its year."""
    return Campaign.objects.create(
        year=year,
        destination_province="Huelva",
        sector="red_fruits",
        planned_departure_start=datetime.date(year, 1, 15),
        planned_departure_end=datetime.date(year, 4, 5),
        planned_return_start=datetime.date(year, 5, 20),
        planned_return_end=datetime.date(year, 7, 31),
        **criteria,
    )


@pytest.fixture
def campaign(db: None) -> Campaign:
    return huelva_campaign(2026, min_age=18, max_age=50)


@pytest.fixture
def participation(woman: Beneficiary, campaign: Campaign) -> Participation:
    return Participation.objects.create(
        beneficiary=woman,
        campaign=campaign,
        status="returned",
        employer="Fresas S.L.",
        departure_date=datetime.date(2026, 2, 1),
        return_date=datetime.date(2026, 6, 20),
    )


@pytest.fixture
def login(client: Client) -> Callable[[User], Client]:
    def as_user(user: User) -> Client:
        client.force_login(user)
        return client

    return as_user


@pytest.fixture
def api_client(client: Client) -> Callable[[User], Client]:
    """A client that sends a fresh API token of the given user."""

    def for_user(user: User) -> Client:
        _, token = api_token_create(actor=None, user=user)
        return Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    return for_user
