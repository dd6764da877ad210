"""Finding suspected duplicates across the registry, and who sees them."""

import datetime
import itertools
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import translation

from irtiqaa.beneficiaries import duplicates
from irtiqaa.beneficiaries.models import Beneficiary, DuplicatePair
from irtiqaa.beneficiaries.services import beneficiary_register
from irtiqaa.beneficiaries.tasks import detect_duplicates_task
from irtiqaa.conftest import SIGNED, Cast, woman_profile

_numbers = itertools.count(1)


@pytest.fixture
def make(cast: Cast, register: Callable[..., Beneficiary]) -> Callable[..., Beneficiary]:
    """A woman with her own CIN, phone and birth date unless told otherwise."""

    def create(**overrides: Any) -> Beneficiary:
        n = next(_numbers)
        overrides.setdefault("cin", f"ZT{200000 + n}")
        overrides.setdefault("phones", (f"+21266{1000000 + n:07d}",))
        overrides.setdefault("birth_date", datetime.date(1970, 1, 1) + datetime.timedelta(days=n))
        overrides.setdefault("first_name_ar", "")
        overrides.setdefault("last_name_ar", "")
        return register(**overrides)

    return create


def detect(**kwargs: Any) -> list[DuplicatePair]:
    """Detect, and return every pair recorded. (The tests first forget the pairs recorded by
    the registrations, which all say why they were registered despite the check.)"""
    duplicates.duplicate_pairs_detect(**kwargs)
    return list(DuplicatePair.objects.order_by("first_id", "second_id"))


def pair_of(a: Beneficiary, b: Beneficiary) -> DuplicatePair:
    low, high = sorted((a.pk, b.pk))
    return DuplicatePair.objects.get(first_id=low, second_id=high)


def test_same_cin_or_phone_is_suspected_whatever_the_names(
    make: Callable[..., Beneficiary],
) -> None:
    a = make(first_name_latin="Naima", last_name_latin="Zaari", cin="AB555555")
    b = make(first_name_latin="Khadija", last_name_latin="Bennani", cin="AB555555")
    c = make(first_name_latin="Rahma", last_name_latin="Idrissi", phones=("0612340000",))
    d = make(first_name_latin="Salma", last_name_latin="Ouali", phones=("+212 6 12 34 00 00",))
    DuplicatePair.objects.all().delete()

    assert duplicates.duplicate_pairs_detect() == 2

    assert pair_of(a, b).evidence == ["cin"]
    assert pair_of(a, b).score == 1.0
    assert pair_of(c, d).evidence == ["phone"]
    assert pair_of(c, d).status == DuplicatePair.Status.SUSPECTED
    assert DuplicatePair.objects.count() == 2


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ({"first_name_latin": "Fatimazahra", "last_name_latin": "Alaoui"}, "first:same_key"),
        (
            {"first_name_latin": "El Alaoui", "last_name_latin": "Fatima Zahra"},
            "swapped",
        ),
        (
            {
                "first_name_latin": "",
                "last_name_latin": "",
                "first_name_ar": "فاطمة الزهراء",
                "last_name_ar": "العلوي",
            },
            "arabic_latin",
        ),
    ],
)
def test_same_birth_date_and_a_variant_of_her_name(
    make: Callable[..., Beneficiary], names: dict[str, str], expected: str
) -> None:
    day = datetime.date(1988, 3, 14)
    first = make(first_name_latin="Fatima Zahra", last_name_latin="El Alaoui", birth_date=day)
    second = make(birth_date=day, **names)
    DuplicatePair.objects.all().delete()

    detect()

    pair = pair_of(first, second)
    assert pair.evidence[0] == "birth_date"
    assert expected in pair.evidence
    assert pair.score >= 0.85


def test_one_typing_slip_in_the_last_name(make: Callable[..., Beneficiary]) -> None:
    day = datetime.date(1991, 5, 2)
    first = make(first_name_latin="Naima", last_name_latin="Bouzidi", birth_date=day)
    second = make(first_name_latin="Naima", last_name_latin="Bouzifi", birth_date=day)
    DuplicatePair.objects.all().delete()

    detect()

    pair = pair_of(first, second)
    assert pair.evidence == ["birth_date", "first:same_key", "last:one_typo"]
    with translation.override("en"):
        words = duplicates.evidence_words(pair.evidence)
    assert words == [
        "same date of birth",
        "first names spelt alike",
        "one typing slip in the last name",
    ]


def test_namesakes_born_on_different_days_are_not_paired(
    make: Callable[..., Beneficiary],
) -> None:
    make(first_name_latin="Fatima", last_name_latin="Alaoui", birth_date=datetime.date(1980, 1, 1))
    make(first_name_latin="Fatima", last_name_latin="Alaoui", birth_date=datetime.date(1980, 1, 2))
    make(first_name_latin="Fatima", last_name_latin="Bennani", birth_date=datetime.date(1980, 1, 1))
    DuplicatePair.objects.all().delete()

    assert detect() == []


def test_a_pair_said_to_be_two_women_is_never_reopened(
    cast: Cast, make: Callable[..., Beneficiary]
) -> None:
    a = make(cin="AB777777")
    b = make(first_name_latin="Khadija", last_name_latin="Bennani", cin="AB777777")
    DuplicatePair.objects.all().delete()
    detect()
    duplicates.duplicate_pair_dismiss(actor=cast.advisor, pair=pair_of(a, b), reason="Sisters")

    assert duplicates.duplicate_pairs_detect() == 0
    assert duplicates.duplicate_pairs_detect(beneficiary_ids=[a.pk, b.pk]) == 0

    pair = pair_of(a, b)
    assert pair.status == DuplicatePair.Status.NOT_DUPLICATE
    assert pair.note == "Sisters"
    assert pair.decided_by == cast.advisor


def test_a_suspected_pair_follows_the_files(make: Callable[..., Beneficiary]) -> None:
    """Its evidence is updated when more matches, and it is dropped when nothing matches any
    more (a CIN corrected): nobody had decided anything about it."""
    a = make(first_name_latin="Naima", last_name_latin="Zaari", cin="AB888888")
    b = make(first_name_latin="Salma", last_name_latin="Ouali", cin="AB888888")
    DuplicatePair.objects.all().delete()
    detect()
    Beneficiary.objects.filter(pk=b.pk).update(
        first_name_latin="Naima", last_name_latin="Zaari", birth_date=a.birth_date
    )

    detect(beneficiary_ids=[b.pk])
    assert pair_of(a, b).evidence == ["cin", "birth_date", "whole:same_key"]

    Beneficiary.objects.filter(pk=b.pk).update(
        cin_hash="", first_name_latin="Salma", last_name_latin="Ouali"
    )
    assert detect() == []


def test_registering_her_despite_the_check_records_the_advisors_answer(
    cast: Cast, register: Callable[..., Beneficiary]
) -> None:
    first = register(cin="AB121212")
    second = beneficiary_register(
        actor=cast.advisor,
        profile=woman_profile(cast.kenitra, cin="AB121212", first_name_latin="Khadija"),
        phones=[],
        consent=SIGNED,
        duplicate_reason="Her cousin, same CIN typed by mistake",
    )

    pair = pair_of(first, second)
    assert pair.status == DuplicatePair.Status.NOT_DUPLICATE
    assert pair.note == "Her cousin, same CIN typed by mistake"
    assert pair.decided_by == cast.advisor
    assert "cin" in pair.evidence

    duplicates.duplicate_pairs_detect()
    assert pair_of(first, second).status == DuplicatePair.Status.NOT_DUPLICATE


def test_files_merged_away_are_left_out(make: Callable[..., Beneficiary]) -> None:
    a = make(cin="AB343434")
    b = make(cin="AB343434")
    c = make(cin="AB343434")
    Beneficiary.objects.filter(pk=c.pk).update(merged_into=a)
    DuplicatePair.objects.all().delete()

    detect()

    assert [(p.first_id, p.second_id) for p in DuplicatePair.objects.all()] == [(a.pk, b.pk)]


def test_only_the_given_women_are_looked_at(make: Callable[..., Beneficiary]) -> None:
    a = make(cin="AB565656")
    make(cin="AB565656")
    c = make(phones=("0677000001",))
    d = make(phones=("0677000001",))
    DuplicatePair.objects.all().delete()

    assert duplicates.duplicate_pairs_detect(beneficiary_ids=[d.pk]) == 1

    assert [(p.first_id, p.second_id) for p in DuplicatePair.objects.all()] == [(c.pk, d.pk)]
    assert a.pk not in {p.first_id for p in DuplicatePair.objects.all()}


def test_the_command_and_the_task(make: Callable[..., Beneficiary]) -> None:
    a = make(cin="AB909090")
    b = make(cin="AB909090")
    DuplicatePair.objects.all().delete()
    out = StringIO()

    call_command("find_duplicates", stdout=out)

    assert "women compared" in out.getvalue()
    assert "1 new suspected pairs recorded" in out.getvalue()
    DuplicatePair.objects.all().delete()
    result = detect_duplicates_task.enqueue([b.pk])
    assert result.return_value == 1
    assert pair_of(a, b).evidence == ["cin"]


# --- who sees which pairs --------------------------------------------------------------------


def test_review_lists_only_pairs_with_both_women_in_her_scope(
    cast: Cast, make: Callable[..., Beneficiary]
) -> None:
    kenitra_a = make(cin="AB100001")
    kenitra_b = make(cin="AB100001", first_name_latin="Khadija")
    settat = make(actor=cast.advisor_settat, cin="AB100001")
    make(actor=cast.advisor_settat, cin="CD100002")
    make(actor=cast.advisor_settat, cin="CD100002")
    DuplicatePair.objects.all().delete()
    detect()
    assert DuplicatePair.objects.count() == 4  # three sharing AB100001, two CD100002

    def seen(user: Any) -> set[tuple[int, int]]:
        return {
            (p.first_id, p.second_id) for p in duplicates.duplicate_pairs_for_review(actor=user)
        }

    inside = (kenitra_a.pk, kenitra_b.pk)
    assert seen(cast.advisor) == {inside}
    assert seen(cast.coordinator) == {inside}
    assert duplicates.suspected_pair_count(actor=cast.advisor) == 1
    assert len(seen(cast.advisor_settat)) == 1
    assert len(seen(cast.national)) == 4  # national staff follow every woman
    for user in (cast.partner, cast.analyst, cast.admin):
        assert seen(user) == set()
    assert settat.pk not in {pk for pair in seen(cast.advisor) for pk in pair}
    assert [
        p.pk for p in duplicates.suspected_pairs_of(actor=cast.advisor, beneficiary=kenitra_a)
    ] == [pair_of(kenitra_a, kenitra_b).pk]


def test_dismissing_needs_a_reason_and_a_pair_in_scope(
    cast: Cast, make: Callable[..., Beneficiary]
) -> None:
    from django.core.exceptions import PermissionDenied, ValidationError

    a = make(cin="AB232323")
    b = make(cin="AB232323")
    DuplicatePair.objects.all().delete()
    detect()
    pair = pair_of(a, b)

    with pytest.raises(ValidationError) as error:
        duplicates.duplicate_pair_dismiss(actor=cast.advisor, pair=pair, reason="  ")
    assert "reason" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        duplicates.duplicate_pair_dismiss(actor=cast.advisor_settat, pair=pair, reason="No")
    assert pair_of(a, b).status == DuplicatePair.Status.SUSPECTED
