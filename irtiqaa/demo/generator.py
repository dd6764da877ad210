"""Reproducible synthetic women, seasons, consents and incidents, written with bulk inserts.

The same seed gives the same women (names, dates, seasons); only the encryption tokens differ,
since Fernet draws a fresh IV each time.
"""

import datetime
import random
from collections.abc import Callable, Iterator
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from irtiqaa.accounts.models import User
from irtiqaa.beneficiaries.derived import apply_derived_fields
from irtiqaa.beneficiaries.models import (
    Beneficiary,
    BeneficiaryPhone,
    Consent,
    EducationLevel,
    Language,
    Literacy,
    MaritalStatus,
)
from irtiqaa.demo.names import COMMUNES, EMPLOYERS, FAMILY_NAMES, FIRST_NAMES, SKILLS
from irtiqaa.demo.organisation import DemoOrganisation
from irtiqaa.geography.models import Province
from irtiqaa.lib.crypto import search_hash
from irtiqaa.seasons.models import Campaign, Incident, Participation

BATCH_SIZE = 2000
SEASON_YEARS = range(2021, 2027)
TODAY = datetime.date(2026, 11, 29)  # fixed so that a seed always gives the same data

# Eligibility criteria changed from one campaign to the next (see the reference notes).
CAMPAIGN_CRITERIA = {
    2021: {"min_age": 18, "max_age": 45, "children_required": True},
    2022: {"min_age": 18, "max_age": 45, "children_required": True},
    2023: {"min_age": 18, "max_age": 45, "children_required": True},
    2024: {
        "min_age": 25,
        "max_age": 40,
        "children_required": True,
        "max_youngest_child_age": 17,
        "allowed_marital_statuses": ["married", "divorced", "widowed"],
    },
    2025: {
        "min_age": 25,
        "max_age": 45,
        "children_required": True,
        "max_youngest_child_age": 17,
        "allowed_marital_statuses": ["married", "divorced", "widowed"],
    },
    2026: {
        "min_age": 25,
        "max_age": 45,
        "children_required": True,
        "max_youngest_child_age": 17,
        "allowed_marital_statuses": ["married", "divorced", "widowed"],
    },
}

INCIDENT_TEXTS = {
    Incident.Kind.WAGES: "Heures supplémentaires non payées sur deux semaines.",
    Incident.Kind.HOUSING: "Logement surpeuplé, pas d'eau chaude pendant plusieurs jours.",
    Incident.Kind.HEALTH: "Douleurs de dos, consultation au centre de santé de Moguer.",
    Incident.Kind.HARASSMENT: "Propos déplacés d'un chef d'équipe, signalés à la médiatrice.",
    Incident.Kind.DOCUMENTS: "Passeport retenu par l'employeur pendant une semaine.",
    Incident.Kind.OTHER: "Retard du bus de retour vers Tanger.",
}


def ensure_campaigns() -> dict[int, Campaign]:
    campaigns = {}
    for year in SEASON_YEARS:
        criteria = CAMPAIGN_CRITERIA[year]
        campaign, _ = Campaign.objects.get_or_create(
            year=year,
            destination_province="Huelva",
            sector=Campaign.Sector.RED_FRUITS,
            defaults={
                "planned_departure_start": datetime.date(year, 1, 15),
                "planned_departure_end": datetime.date(year, 4, 5),
                "planned_return_start": datetime.date(year, 5, 20),
                "planned_return_end": datetime.date(year, 7, 31),
                **criteria,
            },
        )
        campaigns[year] = campaign
    return campaigns


class WomanFactory:
    """Draws one synthetic woman at a time from a seeded random generator."""

    def __init__(self, rng: random.Random, organisation: DemoOrganisation) -> None:
        self.rng = rng
        self.organisation = organisation
        self.provinces = {p.code: p for p in Province.objects.select_related("region")}
        self.region_provinces: dict[int, list[Province]] = {}
        for province in self.provinces.values():
            self.region_provinces.setdefault(province.region_id, []).append(province)
        self.cin_letters = ["G", "GK", "GB", "I", "IA", "IB", "W", "WA", "X", "M", "MC", "Q"]

    def latin_spelling(self, variants: tuple[str, ...]) -> str:
        # Mostly the usual spelling; a quarter of lists write it another way.
        return variants[0] if self.rng.random() < 0.75 else self.rng.choice(variants)

    def draw(self, agency_index: int) -> tuple[Beneficiary, list[str]]:
        rng = self.rng
        agency = self.organisation.agencies[agency_index]
        first_ar, first_latin = rng.choice(FIRST_NAMES)
        family_ar, family_latin = rng.choice(FAMILY_NAMES)
        scripts = rng.random()
        has_latin, has_arabic = scripts < 0.93, scripts > 0.08
        province = (
            agency.province
            if rng.random() < 0.8
            else rng.choice(self.region_provinces[agency.region_id])
        )
        assert province is not None
        birth_date = TODAY - datetime.timedelta(days=rng.randint(21 * 365, 50 * 365))
        marital = rng.choices(
            [
                MaritalStatus.MARRIED,
                MaritalStatus.DIVORCED,
                MaritalStatus.WIDOWED,
                MaritalStatus.SINGLE,
            ],
            weights=[70, 12, 10, 8],
        )[0]
        children = (
            0
            if marital == MaritalStatus.SINGLE
            else rng.choices([0, 1, 2, 3, 4, 5], weights=[4, 22, 34, 24, 11, 5])[0]
        )
        mother_age = TODAY.year - birth_date.year
        birth_years = sorted(
            TODAY.year - rng.randint(0, max(0, min(25, mother_age - 18))) for _ in range(children)
        )
        education = rng.choices(
            [
                EducationLevel.NONE,
                EducationLevel.KORANIC,
                EducationLevel.PRIMARY,
                EducationLevel.LOWER_SECONDARY,
                EducationLevel.UPPER_SECONDARY,
            ],
            weights=[46, 6, 27, 13, 8],
        )[0]
        schooled = education not in (EducationLevel.NONE, EducationLevel.KORANIC)
        literacy_ar = (
            Literacy.GOOD
            if education in (EducationLevel.LOWER_SECONDARY, EducationLevel.UPPER_SECONDARY)
            else Literacy.BASIC
            if schooled or education == EducationLevel.KORANIC
            else Literacy.NONE
        )
        languages = [Language.DARIJA]
        if (agency.region.code == "bmk" and rng.random() < 0.45) or rng.random() < 0.12:  # type: ignore[union-attr]
            languages.append(Language.TAMAZIGHT)
        if schooled:
            languages.append(Language.ARABIC)
        if rng.random() < 0.25:
            languages.append(Language.SPANISH)
        communes = COMMUNES.get(province.code)
        advisors: list[User] = self.organisation.advisors_by_agency[agency.pk]
        woman = Beneficiary(
            first_name_latin=self.latin_spelling(first_latin) if has_latin else "",
            last_name_latin=self.latin_spelling(family_latin) if has_latin else "",
            first_name_ar=first_ar if has_arabic else "",
            last_name_ar=family_ar if has_arabic else "",
            birth_date=birth_date,
            cin=f"{rng.choice(self.cin_letters)}{rng.randint(100000, 999999)}"
            if rng.random() < 0.92
            else "",
            province=province,
            commune=rng.choice(communes)[0] if communes else "",
            marital_status=marital,
            children_count=children,
            children_birth_years=birth_years,
            education_level=education,
            literacy_arabic=literacy_ar,
            literacy_french=Literacy.BASIC
            if education == EducationLevel.UPPER_SECONDARY
            else Literacy.NONE,
            languages=[str(lang) for lang in languages],
            agricultural_experience_years=rng.randint(0, max(0, min(25, mother_age - 16))),
            skills=", ".join(s[1] for s in rng.sample(SKILLS, rng.randint(0, 3))),
            home_agency=agency,
            assigned_advisor=rng.choice(advisors) if advisors else None,
        )
        apply_derived_fields(woman)
        phones = [f"+2126{rng.randint(10000000, 99999999)}"] if rng.random() < 0.9 else []
        if phones and rng.random() < 0.25:
            phones.append(f"+2127{rng.randint(10000000, 99999999)}")
        return woman, phones


def _aware(day: datetime.date, rng: random.Random) -> datetime.datetime:
    moment = datetime.datetime.combine(day, datetime.time(rng.randint(8, 16), rng.randint(0, 59)))
    return timezone.make_aware(moment)


def _seasons(
    rng: random.Random, woman: Beneficiary, first_year: int, campaigns: dict[int, Campaign]
) -> Iterator[Participation]:
    for year in range(first_year, SEASON_YEARS.stop):
        if year > first_year and rng.random() > 0.8:
            return  # stopped coming
        campaign = campaigns[year]
        status = rng.choices(
            [
                Participation.Status.RETURNED,
                Participation.Status.DID_NOT_RETURN,
                Participation.Status.CANCELLED,
            ],
            weights=[90, 5, 5],
        )[0]
        departure = (
            None
            if status == Participation.Status.CANCELLED
            else (campaign.planned_departure_start + datetime.timedelta(days=rng.randint(0, 75)))
        )
        returned = None
        if status == Participation.Status.RETURNED and departure is not None:
            returned = campaign.planned_return_start + datetime.timedelta(days=rng.randint(0, 70))
        yield Participation(
            beneficiary=woman,
            campaign=campaign,
            status=status,
            employer=rng.choice(EMPLOYERS) if departure else "",
            departure_date=departure,
            return_date=returned,
            savings_mad=Decimal(rng.randrange(12000, 42000, 500)) if returned else None,
            earnings_mad=Decimal(rng.randrange(55000, 110000, 1000)) if returned else None,
            created_at=_aware(
                datetime.date(year - 1, 12, 1) + datetime.timedelta(days=rng.randint(0, 40)), rng
            ),
        )
        if status == Participation.Status.DID_NOT_RETURN:
            return


def _consents(rng: random.Random, woman: Beneficiary, advisor: User | None) -> list[Consent]:
    oral = rng.random() < 0.4
    common = {
        "beneficiary": woman,
        "recorded_by": advisor,
        "text_version": "2021-01",
        "method": Consent.Method.ORAL_WITH_WITNESS if oral else Consent.Method.SIGNED_FORM,
        "witness_name": rng.choice(["Mina Alaoui", "Hassan Ziani", "Fatiha Bouazza"])
        if oral
        else "",
        "recorded_at": woman.created_at,
    }
    shares = {
        Consent.Purpose.ACCOMPANIMENT: 1.0,
        Consent.Purpose.PARTNER_SHARING: 0.7,
        Consent.Purpose.SMS_CONTACT: 0.8,
        Consent.Purpose.STATISTICS: 0.85,
        Consent.Purpose.CROSS_BORDER_SHARING: 0.3,
    }
    consents = [
        Consent(purpose=p, given=True, **common)
        for p, share in shares.items()
        if rng.random() < share
    ]
    if any(c.purpose == Consent.Purpose.SMS_CONTACT for c in consents) and rng.random() < 0.03:
        withdrawn = dict(
            common, recorded_at=woman.created_at + datetime.timedelta(days=rng.randint(30, 400))
        )
        consents.append(Consent(purpose=Consent.Purpose.SMS_CONTACT, given=False, **withdrawn))
    return consents


def seed_women(
    *,
    organisation: DemoOrganisation,
    count: int,
    seed: int,
    progress: Callable[[int], None] = lambda done: None,
) -> int:
    """Create `count` women with their phones, consents, seasons and incidents, in batches."""
    rng = random.Random(seed)
    campaigns = ensure_campaigns()
    factory = WomanFactory(rng, organisation)
    done = 0
    while done < count:
        size = min(BATCH_SIZE, count - done)
        with transaction.atomic():
            women, phones_of, seasons_of = [], [], []
            for i in range(size):
                woman, phones = factory.draw((done + i) % len(organisation.agencies))
                first_year = rng.choice(SEASON_YEARS)
                woman.created_at = _aware(
                    datetime.date(first_year - 1, 11, 1)
                    + datetime.timedelta(days=rng.randint(0, 45)),
                    rng,
                )
                women.append(woman)
                phones_of.append(phones)
                seasons_of.append(first_year)
            Beneficiary.objects.bulk_create(women)
            phones, consents, participations = [], [], []
            for woman, numbers, first_year in zip(women, phones_of, seasons_of, strict=True):
                phones.extend(
                    BeneficiaryPhone(
                        beneficiary=woman, number=n, number_hash=search_hash("phone", n), position=p
                    )
                    for p, n in enumerate(numbers)
                )
                consents.extend(_consents(rng, woman, woman.assigned_advisor))
                participations.extend(_seasons(rng, woman, first_year, campaigns))
            BeneficiaryPhone.objects.bulk_create(phones)
            Consent.objects.bulk_create(consents)
            Participation.objects.bulk_create(participations)
            incidents = [
                Incident(
                    participation=p,
                    kind=kind,
                    description=INCIDENT_TEXTS[kind],
                    occurred_on=p.departure_date + datetime.timedelta(days=rng.randint(10, 60)),
                    follow_up="Orientée vers la médiatrice de l'exploitation."
                    if rng.random() < 0.6
                    else "",
                    recorded_by=p.beneficiary.assigned_advisor,
                    created_at=_aware(p.departure_date + datetime.timedelta(days=70), rng),
                )
                for p in participations
                if p.departure_date and rng.random() < 0.06
                for kind in [rng.choices(list(INCIDENT_TEXTS), weights=[30, 25, 20, 8, 10, 7])[0]]
            ]
            Incident.objects.bulk_create(incidents)
        done += size
        progress(done)
    return done
