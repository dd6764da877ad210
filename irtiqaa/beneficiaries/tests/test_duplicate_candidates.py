"""The duplicate lookup itself: one candidate per woman with every reason, the same answers by
whole names when only those are given, and a cost that does not grow with the women born the
same day."""

import datetime
from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext

from irtiqaa.beneficiaries import matching
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.selectors import duplicate_candidates
from irtiqaa.conftest import Cast
from irtiqaa.demo.names import FAMILY_NAMES, FIRST_NAMES

BIRTH = datetime.date(1988, 3, 14)  # the birth date of the `woman` fixture


def test_a_woman_found_by_her_cin_and_her_name_is_one_candidate_with_both_reasons(
    cast: Cast, woman: Beneficiary
) -> None:
    candidates = duplicate_candidates(
        actor=cast.advisor,
        cin="AB123456",
        phones=[],
        birth_date=BIRTH,
        names=[],
        person=matching.PersonName("Fatimazahra", "Elalaoui"),
    )
    assert [(c.beneficiary, c.reasons, c.score) for c in candidates] == [
        (woman, ["cin", "birth_date_and_name"], 1.0)
    ]


def test_without_her_names_apart_whole_names_are_compared(
    cast: Cast, woman: Beneficiary, register: Callable[..., Beneficiary]
) -> None:
    register(first_name_latin="Khadija", first_name_ar="خديجة", cin="", phones=())  # her sister

    def found(names: list[str]) -> list[Beneficiary]:
        return [
            c.beneficiary
            for c in duplicate_candidates(
                actor=cast.advisor, cin="", phones=[], birth_date=BIRTH, names=names
            )
        ]

    assert found(["Fatima Zahra El Alaoui"]) == [woman]
    assert found(["", "فاطمة الزهراء العلوي"]) == [woman]
    assert found(["Naima Zaari"]) == []
    assert found([]) == []  # no name: the birth date alone finds nobody


def test_its_queries_do_not_grow_with_the_women_born_the_same_day(
    cast: Cast, woman: Beneficiary, register: Callable[..., Beneficiary]
) -> None:
    def lookup() -> tuple[int, list[Beneficiary]]:
        with CaptureQueriesContext(connection) as queries:
            candidates = duplicate_candidates(
                actor=cast.coordinator,
                cin="",
                phones=["+212612345678"],
                birth_date=BIRTH,
                names=[],
                person=matching.PersonName("Fatima-Ezzahra", "Alaoui"),
            )
            # What the duplicate warning shows of each: no query more.
            shown = [(c.beneficiary.display_name, c.beneficiary.home_agency) for c in candidates]
        assert len(shown) == len(candidates)
        return len(queries), [c.beneficiary for c in candidates]

    few, found = lookup()
    for (first_ar, first), (last_ar, last) in zip(
        FIRST_NAMES[5:25], FAMILY_NAMES[5:25], strict=True
    ):
        register(
            first_name_latin=first[0],
            last_name_latin=last[0],
            first_name_ar=first_ar,
            last_name_ar=last_ar,
            cin="",
            phones=(),
        )
    many, found_among_many = lookup()
    assert Beneficiary.objects.filter(birth_date=BIRTH).count() == 21
    assert found == found_among_many == [woman]
    assert many == few
