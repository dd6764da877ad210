"""Comparing the names of women born on the same day (pure)."""

from itertools import combinations

from hypothesis import given
from hypothesis import strategies as st

from irtiqaa.beneficiaries import pairing
from irtiqaa.beneficiaries.matching import MATCH_THRESHOLD, PersonName, match_score
from irtiqaa.demo.names import FAMILY_NAMES, FIRST_NAMES

FATIMA = PersonName("Fatima Zahra", "El Alaoui")


def people(names: list[PersonName]) -> list[pairing.Person]:
    return list(enumerate(names, start=1))


def brute_force(group: list[pairing.Person]) -> set[tuple[int, int]]:
    return {
        (a, b)
        for (a, x), (b, y) in combinations(group, 2)
        if match_score(x, y).score >= MATCH_THRESHOLD
    }


names = st.builds(
    lambda first, family, arabic: PersonName(
        first[1][0], family[1][0], *((first[0], family[0]) if arabic else ("", ""))
    ),
    st.sampled_from(FIRST_NAMES),
    st.sampled_from(FAMILY_NAMES),
    st.booleans(),
)


@given(st.lists(names, min_size=2, max_size=12))
def test_a_small_group_is_compared_pair_by_pair(group_names: list[PersonName]) -> None:
    group = people(group_names)
    found = {(a, b) for a, b, _ in pairing.name_pairs(group)}
    assert found == brute_force(group)


@given(st.lists(names, min_size=pairing.EXHAUSTIVE_GROUP + 1, max_size=45))
def test_a_large_group_finds_only_real_matches_and_every_same_name(
    group_names: list[PersonName],
) -> None:
    group = people(group_names)
    found = {(a, b): m for a, b, m in pairing.name_pairs(group)}
    assert all(m.score >= MATCH_THRESHOLD for m in found.values())
    assert all(a < b for a, b in found)
    same = {
        (a, b)
        for (a, x), (b, y) in combinations(group, 2)
        if x.first == y.first and x.last == y.last
    }
    assert same <= set(found)


def test_a_large_group_still_meets_variants_across_scripts_and_swapped() -> None:
    filler = [PersonName(f"Woman{i}", f"Family{i}") for i in range(40)]
    variants = [
        FATIMA,
        PersonName("", "", "فاطمة الزهراء", "العلوي"),
        PersonName("Alaoui", "Fatimazahra"),
    ]
    group = people(filler + variants)
    found = {(a, b) for a, b, _ in pairing.name_pairs(group)}
    ids = [pk for pk, name in group if name in variants]
    assert set(combinations(ids, 2)) <= found


def test_involving_keeps_the_pairs_of_the_given_women() -> None:
    group = people([FATIMA, PersonName("Fatimazahra", "Alaoui"), PersonName("Fatima", "Alaoui")])
    assert [(a, b) for a, b, _ in pairing.name_pairs(group, involving={3})] == []
    assert [(a, b) for a, b, _ in pairing.name_pairs(group, involving={2})] == [(1, 2)]
