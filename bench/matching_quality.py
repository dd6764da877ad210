"""Duplicate detection quality of the name matching, on generated people with known duplicates.

    .venv/bin/python bench/matching_quality.py [--people 5000] [--seed 1] [--duplicates 0.1]

No Django: the names come from the demo's pools (`irtiqaa/demo/names.py`, plain data), each
woman with her Arabic name and one of its usual Latin spellings. A share of them is registered
a second time the way lists really differ: another usual spelling, a typing mistake, the Arabic
name only, first and last names swapped, the particle of the family name dropped. Every pair
sharing a blocking key is scored with `match_score`; as in registration's duplicate check, a pair
with the same birth date and a score at or above the production threshold is a suspected
duplicate. Reported: precision, recall, the confusion counts and how many pairs blocking leaves
to compare; also the figures from names alone (birth year only, as blocking sees it).
"""

import argparse
import datetime
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from irtiqaa.beneficiaries.matching import (
    MATCH_THRESHOLD,
    PersonName,
    blocking_keys,
    match_score,
)
from irtiqaa.demo.names import COMMUNES, FAMILY_NAMES, FIRST_NAMES

PROVINCES = sorted(COMMUNES)
# Typing mistakes: letters hit instead of their neighbours on an AZERTY keyboard, or heard alike.
NEIGHBOURS = {
    "a": "zqe",
    "e": "zra",
    "i": "uoy",
    "o": "ipu",
    "u": "yio",
    "n": "bm",
    "m": "n",
    "s": "qdz",
    "d": "sf",
    "r": "et",
    "t": "ry",
    "l": "km",
    "k": "lj",
    "h": "gj",
    "b": "vn",
    "z": "as",
}
PARTICLE = re.compile(r"^(?:El|Al|Ait|Aït|Ben|Bel|Bou|Ou)[ -]", re.IGNORECASE)


@dataclass
class Record:
    person: int
    name: PersonName
    birth_date: datetime.date
    province: str
    names: tuple[str, str]  # the Arabic first and last names she was generated with
    kind: str = "original"


def typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)  # lists rarely get the first letter wrong
    operation = rng.choice(("delete", "substitute", "transpose", "double"))
    if operation == "delete":
        return word[:i] + word[i + 1 :]
    if operation == "transpose":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if operation == "double":
        return word[:i] + word[i] + word[i:]
    options = NEIGHBOURS.get(word[i].lower(), "aeiou")
    return word[:i] + rng.choice(options) + word[i + 1 :]


def generate(people: int, share: float, rng: random.Random) -> tuple[list[Record], set]:
    records: list[Record] = []
    truth: set[tuple[int, int]] = set()
    for person in range(people):
        first_ar, first_latin = rng.choice(FIRST_NAMES)
        last_ar, last_latin = rng.choice(FAMILY_NAMES)
        with_arabic = rng.random() < 0.5
        name = PersonName(
            rng.choice(first_latin),
            rng.choice(last_latin),
            first_ar if with_arabic else "",
            last_ar if with_arabic else "",
        )
        birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randrange(47 * 365))
        record = Record(person, name, birth, rng.choice(PROVINCES), (first_ar, last_ar))
        records.append(record)
        if rng.random() >= share:
            continue
        kinds = rng.sample(
            ("spelling", "typo", "arabic_only", "swapped", "particle_dropped"),
            rng.choice((1, 1, 2)),
        )
        first, last = rng.choice(first_latin), rng.choice(last_latin)
        arabic = (first_ar, last_ar) if rng.random() < 0.5 else ("", "")
        if "spelling" not in kinds:
            first, last = name.first, name.last
        if "typo" in kinds:
            if rng.random() < 0.5:
                first = typo(rng, first)
            else:
                last = typo(rng, last)
        if "particle_dropped" in kinds:
            last = PARTICLE.sub("", last)
        duplicate = PersonName(first, last, *arabic)
        if "arabic_only" in kinds:
            duplicate = PersonName(first_ar, last_ar)
        if "swapped" in kinds:
            duplicate = PersonName(
                duplicate.last, duplicate.first, duplicate.arabic_last, duplicate.arabic_first
            )
        kind = "+".join(sorted(kinds))
        records.append(Record(person, duplicate, birth, record.province, record.names, kind))
        truth.add((len(records) - 2, len(records) - 1))
    return records, truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--duplicates", type=float, default=0.1, help="share registered twice")
    parser.add_argument("--show", type=int, default=0, help="print this many misses of each kind")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    records, truth = generate(args.people, args.duplicates, rng)

    started = time.perf_counter()
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, r in enumerate(records):
        n = r.name
        for first, last in ((n.first, n.last), (n.arabic_first, n.arabic_last)):
            if first or last:
                for key in blocking_keys(first, last, r.birth_date.year, r.province):
                    blocks[key].append(index)
    candidates = {
        pair for members in blocks.values() for pair in combinations(sorted(set(members)), 2)
    }
    scores = {
        pair: match_score(records[pair[0]].name, records[pair[1]].name) for pair in candidates
    }
    elapsed = time.perf_counter() - started
    by_name = {pair for pair, m in scores.items() if m.score >= MATCH_THRESHOLD}
    predicted = {p for p in by_name if records[p[0]].birth_date == records[p[1]].birth_date}
    all_pairs = len(records) * (len(records) - 1) // 2

    print(f"people {args.people}, records {len(records)}, injected duplicates {len(truth)}")
    print(f"threshold {MATCH_THRESHOLD}")
    print(
        f"pairs compared {len(candidates)} of {all_pairs} "
        f"({len(candidates) / all_pairs:.4%}), {elapsed:.1f} s"
    )
    for label, found in (("same birth date and names", predicted), ("names alone", by_name)):
        tp, fp, fn = found & truth, found - truth, truth - found
        # Two different women generated with the same names: no comparison of names can tell
        # them apart (the birth date, CIN and phone must).
        namesakes = sum(1 for a, b in fp if records[a].names == records[b].names)
        missed_by_blocking = sum(1 for pair in fn if pair not in candidates)
        print(
            f"{label}: TP {len(tp)}  FP {len(fp)} (namesakes {namesakes})  FN {len(fn)} "
            f"(not blocked together {missed_by_blocking})  "
            f"precision {len(tp) / max(len(found), 1):.3f}  recall {len(tp) / len(truth):.3f}"
        )
    fn = truth - predicted
    fp = predicted - truth
    missed_kinds = Counter(records[b].kind for _, b in fn)
    injected_kinds = Counter(records[b].kind for _, b in truth)
    print("recall by kind of duplicate:")
    for kind, count in sorted(injected_kinds.items()):
        print(f"  {kind:32} {count - missed_kinds[kind]:4}/{count:<4}")
    if args.show:
        for label, pairs in (("missed", fn), ("false", fp)):
            for a, b in sorted(pairs)[: args.show]:
                m = scores.get((a, b))
                print(label, records[a].name, records[b].name, records[b].kind, m)


if __name__ == "__main__":
    main()
