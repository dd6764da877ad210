"""Which women born on the same day may be the same woman, judged from their names. Pure Python.

`match_score` costs about half a millisecond a pair. A registry of 20,000 women has a couple of
women per birth date, so everyone born on a day is compared with everyone else born that day.
A national registry has about a hundred per birth date (some 5,000 pairs a day, 50 million in
all): there, two women are compared only when they share the sound key (`phonetic_key`) of one
of their names, in either script and in either place (so that swapped names still meet).
"""

from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from itertools import combinations

from irtiqaa.beneficiaries.matching import (
    MATCH_THRESHOLD,
    Match,
    PersonName,
    match_score,
    phonetic_key,
)

# Up to this many women born on the same day, every pair is compared (435 pairs at most).
EXHAUSTIVE_GROUP = 30

Person = tuple[int, PersonName]  # her file's id and her names


def sound_keys(person: PersonName) -> frozenset[str]:
    """The sound keys of each of her names and of each word in them, in every script."""
    keys = set()
    for _script, first, last in person.versions():
        for name in (first, last):
            for part in (name, *name.split()):
                key = phonetic_key(part) if part.strip() else ""
                if key:
                    keys.add(key)
    return frozenset(keys)


def _candidate_pairs(group: Sequence[Person]) -> Iterator[tuple[Person, Person]]:
    if len(group) <= EXHAUSTIVE_GROUP:
        yield from combinations(group, 2)
        return
    by_key: dict[str, list[int]] = defaultdict(list)
    for index, (_pk, person) in enumerate(group):
        for key in sound_keys(person):
            by_key[key].append(index)
    seen: set[tuple[int, int]] = set()
    for indexes in by_key.values():
        for i, j in combinations(indexes, 2):
            if (i, j) not in seen:
                seen.add((i, j))
                yield group[i], group[j]


def name_pairs(
    group: Sequence[Person],
    *,
    involving: Collection[int] | None = None,
    threshold: float = MATCH_THRESHOLD,
) -> Iterator[tuple[int, int, Match]]:
    """The pairs of women of `group` (born on the same day) whose names score at least
    `threshold`, as (lower id, higher id, match). With `involving`, only pairs where at least
    one of the two is among these ids."""
    for (pk_a, a), (pk_b, b) in _candidate_pairs(group):
        if pk_a == pk_b:
            continue
        if involving is not None and pk_a not in involving and pk_b not in involving:
            continue
        match = match_score(a, b)
        if match.score >= threshold:
            low, high = sorted((pk_a, pk_b))
            yield low, high, match
