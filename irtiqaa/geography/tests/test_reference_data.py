"""The reference data loaded by migration 0002 (decree 2-15-40 of 2015)."""

import re

import pytest

from irtiqaa.geography.models import Province, Region

ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")

PILOT_UNITS = {
    "rsk": {
        "rabat",
        "sale",
        "skhirate-temara",
        "kenitra",
        "khemisset",
        "sidi-kacem",
        "sidi-slimane",
    },
    "bmk": {"beni-mellal", "azilal", "fquih-ben-salah", "khenifra", "khouribga"},
    "cs": {
        "casablanca",
        "mohammedia",
        "el-jadida",
        "nouaceur",
        "mediouna",
        "benslimane",
        "berrechid",
        "settat",
        "sidi-bennour",
    },
}

PILOT_PREFECTURES = {"rabat", "sale", "skhirate-temara", "casablanca", "mohammedia"}


@pytest.mark.django_db
def test_twelve_regions_numbered_one_to_twelve():
    assert Region.objects.count() == 12
    numbers = sorted(Region.objects.values_list("official_number", flat=True))
    assert numbers == list(range(1, 13))


@pytest.mark.django_db
def test_seventy_five_provinces_and_prefectures():
    assert Province.objects.count() == 75
    assert Province.objects.filter(kind=Province.Kind.PREFECTURE).count() == 13
    assert Province.objects.filter(kind=Province.Kind.PROVINCE).count() == 62


@pytest.mark.django_db
def test_exactly_three_pilot_regions():
    pilots = set(Region.objects.filter(is_pilot=True).values_list("code", flat=True))
    assert pilots == {"rsk", "bmk", "cs"}


@pytest.mark.django_db
def test_pilot_region_units():
    for region_code, expected in PILOT_UNITS.items():
        codes = set(
            Province.objects.filter(region__code=region_code).values_list("code", flat=True)
        )
        assert codes == expected, region_code


@pytest.mark.django_db
def test_pilot_region_prefectures():
    pilot_prefectures = set(
        Province.objects.filter(region__is_pilot=True, kind=Province.Kind.PREFECTURE).values_list(
            "code", flat=True
        )
    )
    assert pilot_prefectures == PILOT_PREFECTURES


@pytest.mark.django_db
def test_arabic_names_are_arabic_and_french_names_are_not():
    for obj in [*Region.objects.all(), *Province.objects.all()]:
        assert ARABIC_LETTER.search(obj.name_ar), obj.code
        assert not ARABIC_LETTER.search(obj.name_fr), obj.code


@pytest.mark.django_db
def test_codes_are_unique():
    region_codes = list(Region.objects.values_list("code", flat=True))
    province_codes = list(Province.objects.values_list("code", flat=True))
    assert len(region_codes) == len(set(region_codes))
    assert len(province_codes) == len(set(province_codes))


@pytest.mark.django_db
def test_every_region_has_at_least_one_unit():
    for region in Region.objects.all():
        assert region.provinces.exists(), region.code
