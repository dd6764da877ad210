"""A few demo women registered a second time, as recruitment lists really repeat them: another
Latin spelling, the Arabic names only, first and last names swapped; with or without their CIN
and phone. The duplicate review then has work in the demo (seed_demo runs the detection)."""

import datetime
import random

from django.db import transaction

from irtiqaa.beneficiaries.derived import apply_derived_fields
from irtiqaa.beneficiaries.models import Beneficiary, BeneficiaryPhone, Consent
from irtiqaa.demo.names import FAMILY_NAMES, FIRST_NAMES
from irtiqaa.lib.crypto import search_hash
from irtiqaa.seasons.models import Participation

MAX_DUPLICATES = 15

COPIED = (
    "birth_date",
    "province_id",
    "commune",
    "marital_status",
    "children_count",
    "children_birth_years",
    "education_level",
    "literacy_arabic",
    "literacy_french",
    "languages",
    "agricultural_experience_years",
    "home_agency_id",
    "assigned_advisor_id",
)


def duplicates_for(count: int) -> int:
    """How many of `count` demo files are second files of a woman: one in twenty, at most 15."""
    return min(MAX_DUPLICATES, count // 20)


def _other_spelling(
    rng: random.Random, name: str, pool: tuple[tuple[str, tuple[str, ...]], ...]
) -> str:
    for _arabic, spellings in pool:
        if name in spellings and len(spellings) > 1:
            return rng.choice([s for s in spellings if s != name])
    return name


def _second_file(rng: random.Random, woman: Beneficiary, variant: int) -> Beneficiary:
    twin = Beneficiary(**{field: getattr(woman, field) for field in COPIED})
    first, last = woman.first_name_latin, woman.last_name_latin
    if variant == 0 and first:  # another usual Latin spelling
        twin.first_name_latin = _other_spelling(rng, first, FIRST_NAMES)
        twin.last_name_latin = _other_spelling(rng, last, FAMILY_NAMES)
    elif variant == 1 and woman.first_name_ar:  # the list was in Arabic only
        twin.first_name_ar, twin.last_name_ar = woman.first_name_ar, woman.last_name_ar
    else:  # first and last names swapped
        twin.first_name_latin, twin.last_name_latin = last, first
        twin.first_name_ar, twin.last_name_ar = woman.last_name_ar, woman.first_name_ar
    if not (twin.first_name_latin or twin.last_name_latin or twin.first_name_ar):
        twin.first_name_ar, twin.last_name_ar = woman.first_name_ar, woman.last_name_ar
    twin.cin = woman.cin if rng.random() < 0.3 else ""
    twin.created_at = woman.created_at + datetime.timedelta(days=rng.randint(200, 500))
    twin.duplicate_override_reason = ""
    apply_derived_fields(twin)
    return twin


def seed_duplicates(*, seed: int, count: int) -> list[Beneficiary]:
    """Register `count` demo women a second time; returns the second files."""
    rng = random.Random(seed * 31 + 7)
    women = list(Beneficiary.objects.filter(merged_into__isnull=True).order_by("pk"))
    created = []
    with transaction.atomic():
        for variant, woman in enumerate(rng.sample(women, min(count, len(women)))):
            twin = _second_file(rng, woman, variant % 3)
            twin.save()
            created.append(twin)
            phones = list(woman.phones.all()[:1]) if rng.random() < 0.5 else []
            BeneficiaryPhone.objects.bulk_create(
                BeneficiaryPhone(
                    beneficiary=twin,
                    number=p.number,
                    number_hash=search_hash("phone", p.number),
                )
                for p in phones
            )
            Consent.objects.bulk_create(
                Consent(
                    beneficiary=twin,
                    purpose=purpose,
                    given=True,
                    method=Consent.Method.SIGNED_FORM,
                    text_version="2021-01",
                    recorded_by_id=woman.assigned_advisor_id,
                    recorded_at=twin.created_at,
                )
                for purpose in (Consent.Purpose.ACCOMPANIMENT, Consent.Purpose.STATISTICS)
            )
            # Her latest season recorded again on the second file, now and then.
            latest = Participation.objects.filter(beneficiary=woman).order_by("-campaign__year")
            season = latest.first()
            if season is not None and rng.random() < 0.5:
                Participation.objects.create(
                    beneficiary=twin,
                    campaign=season.campaign,
                    status=season.status,
                    employer=season.employer,
                    created_at=twin.created_at,
                )
    return created
