"""Duplicate candidates for one new woman among a million, against a bare indexed lookup measured
in the same run (docs/performance.md, "Duplicate lookup among a million women").

    # DATABASE_URL and the keys of a database loaded by seed_demo (see docs/performance.md)
    .venv/bin/python bench/duplicate_lookup.py [--lookups 300] [--seed 1] [--repeat 3]

It draws `--lookups` "new women" from the registry, the same ones for the same seed and data:

- a third are women of the Kénitra agency written another way (a typing mistake, another usual
  Latin spelling, first and last names swapped, or her Arabic names only), with her birth date;
- a third are women of that agency with their CIN or one of their phones (and their names and
  birth date);
- a third are new women: names from the demo's pools, a birth date, a CIN and a phone nobody has.

Each is looked up with `selectors.duplicate_candidates`, as registration's duplicate check calls
it (CIN, phones, birth date, names, `PersonName`), by the coordinator of Rabat-Salé-Kénitra
(`coord.rsk`, four agencies) and by the advisor of Kénitra (`advisor.kenitra`). Each actor
starts with empty name caches; every lookup is timed the first time it is made (caches warmed
only by the lookups before it, as during an import) and again in `--repeat` further passes.
Reported per actor: median, 95th percentile and maximum time, candidates and SQL queries per
lookup, SQL time per lookup (measured in a pass of its own), and recall (how many looked-up
women found their own file).

Baseline, in the same run, for the same birth dates: `SELECT id FROM beneficiaries_beneficiary
WHERE birth_date = %s` through a bare psycopg connection (the birth-date index, no ORM, no
scope, no name comparison), which is the least a lookup by birth date can cost on this server.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "irtiqaa.settings")

import django

django.setup()

import psycopg  # noqa: E402
from django.db import connection  # noqa: E402

from irtiqaa.accounts.models import User  # noqa: E402
from irtiqaa.beneficiaries import matching  # noqa: E402
from irtiqaa.beneficiaries.models import Beneficiary  # noqa: E402
from irtiqaa.beneficiaries.selectors import duplicate_candidates  # noqa: E402
from irtiqaa.demo.names import FAMILY_NAMES, FIRST_NAMES  # noqa: E402

SPELLINGS = {arabic: latin for arabic, latin in (*FIRST_NAMES, *FAMILY_NAMES)}
VARIANT_KINDS = ("typo", "spelling", "swapped", "arabic_only")
# Keys next to each other on an AZERTY keyboard (consonants: a vowel changed is another name).
NEIGHBOURS = {"m": "l", "l": "k", "k": "j", "n": "b", "b": "n", "r": "t", "t": "r", "d": "s"}


@dataclass
class Lookup:
    kind: str  # variant:<how>, cin, phone, new
    cin: str
    phones: list[str]
    birth_date: datetime.date
    person: matching.PersonName
    original: int | None  # the woman it should find

    @property
    def names(self) -> list[str]:
        p = self.person
        return [f"{p.first} {p.last}".strip(), f"{p.arabic_first} {p.arabic_last}".strip()]


@dataclass
class Timings:
    seconds: list[float] = field(default_factory=list)  # repeated lookups
    first_seconds: list[float] = field(default_factory=list)  # each lookup the first time
    candidates: list[int] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    sql_seconds: list[float] = field(default_factory=list)
    found: Counter[str] = field(default_factory=Counter)


def typo(rng: random.Random, word: str) -> str:
    """Two letters swapped, or a consonant replaced by its neighbour, after the first letter."""
    for _ in range(20):
        i = rng.randrange(1, len(word) - 1)
        a, b = word[i], word[i + 1]
        if a.isalpha() and b.isalpha() and a != b and rng.random() < 0.5:
            return word[:i] + b + a + word[i + 2 :]
        if a in NEIGHBOURS:
            return word[:i] + NEIGHBOURS[a] + word[i + 1 :]
    return word


def variant(rng: random.Random, woman: Beneficiary, how: str) -> matching.PersonName:
    first, last = woman.first_name_latin, woman.last_name_latin
    first_ar, last_ar = woman.first_name_ar, woman.last_name_ar
    if how == "typo":
        if len(last) >= 5 and rng.random() < 0.5:
            last = typo(rng, last)
        else:
            first = typo(rng, first)
    elif how == "spelling":
        others = [s for s in SPELLINGS.get(last_ar, ()) if s != last]
        if others:
            last = rng.choice(others)
        else:
            first = rng.choice(
                [s for s in SPELLINGS.get(first_ar, (first,)) if s != first] or [first]
            )
    elif how == "swapped":
        return matching.PersonName(last, first, last_ar, first_ar)
    elif how == "arabic_only":
        return matching.PersonName("", "", first_ar, last_ar)
    return matching.PersonName(first, last, first_ar, last_ar)


def draw_lookups(rng: random.Random, count: int, agency_id: int) -> list[Lookup]:
    """The same lookups for the same seed and data: women are drawn by id among the agency's."""
    ids = list(
        Beneficiary.objects.filter(home_agency_id=agency_id)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chosen = rng.sample(ids, 3 * count)  # more than needed: some lack what a third needs
    women = Beneficiary.objects.prefetch_related("phones").in_bulk(chosen)
    third = count // 3
    lookups: list[Lookup] = []

    pool = (women[pk] for pk in chosen)
    for n in range(third):
        how = VARIANT_KINDS[n % len(VARIANT_KINDS)]
        woman = next(
            w
            for w in pool
            if w.first_name_latin and w.last_name_latin and w.first_name_ar and w.last_name_ar
        )
        lookups.append(
            Lookup(f"variant:{how}", "", [], woman.birth_date, variant(rng, woman, how), woman.pk)
        )
    for n in range(third):
        by_cin = n % 2 == 0
        woman = next(w for w in pool if (w.cin if by_cin else w.phones.all()))
        person = matching.PersonName(
            woman.first_name_latin, woman.last_name_latin, woman.first_name_ar, woman.last_name_ar
        )
        cin = woman.cin if by_cin else ""
        phones = [] if by_cin else [rng.choice(list(woman.phones.all())).number]
        lookups.append(
            Lookup("cin" if by_cin else "phone", cin, phones, woman.birth_date, person, woman.pk)
        )
    oldest = datetime.date(1976, 12, 1)
    for _ in range(count - 2 * third):
        first_ar, first_latin = rng.choice(FIRST_NAMES)
        last_ar, last_latin = rng.choice(FAMILY_NAMES)
        person = matching.PersonName(first_latin[0], last_latin[0], first_ar, last_ar)
        birth = oldest + datetime.timedelta(days=rng.randint(0, 29 * 365))
        # Letters no demo CIN has, and a Spanish mobile number (the demo draws Moroccan ones).
        cin = f"ZZ{rng.randint(100000, 999999)}"
        phone = f"+346{rng.randint(0, 99999999):08d}"
        lookups.append(Lookup("new", cin, [phone], birth, person, None))
    return lookups


def call(actor: User, lookup: Lookup) -> list[int]:
    return [
        c.beneficiary.pk
        for c in duplicate_candidates(
            actor=actor,
            cin=lookup.cin,
            phones=lookup.phones,
            birth_date=lookup.birth_date,
            names=lookup.names,
            person=lookup.person,
        )
    ]


def measure(actor: User, lookups: list[Lookup], repeat: int) -> Timings:
    result = Timings()
    # Each actor starts from empty name caches (where the code has them), as a new process would.
    for cached in (matching.match_key, matching._match_variants, matching.name_similarity):
        getattr(cached, "cache_clear", lambda: None)()
    for lookup in lookups:  # the first time, and what each lookup finds
        started = time.perf_counter()
        found = call(actor, lookup)
        result.first_seconds.append(time.perf_counter() - started)
        result.candidates.append(len(found))
        if lookup.original is not None and lookup.original in found:
            result.found[lookup.kind] += 1
    durations: list[float] = []

    def timed(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            durations.append(time.perf_counter() - started)

    for lookup in lookups:  # queries and their time, apart: recording them costs time too
        durations.clear()
        with connection.execute_wrapper(timed):
            call(actor, lookup)
        result.queries.append(len(durations))
        result.sql_seconds.append(sum(durations))
    for _ in range(repeat):
        for lookup in lookups:
            started = time.perf_counter()
            call(actor, lookup)
            result.seconds.append(time.perf_counter() - started)
    return result


def bare_birth_date_lookup(lookups: list[Lookup], repeat: int) -> Timings:
    db = connection.settings_dict
    result = Timings()
    with (
        psycopg.connect(
            dbname=db["NAME"],
            user=db["USER"],
            host=db["HOST"],
            port=db["PORT"] or None,
            password=db["PASSWORD"] or None,
            autocommit=True,
        ) as bare,
        bare.cursor() as cursor,
    ):
        query = "SELECT id FROM beneficiaries_beneficiary WHERE birth_date = %s"
        for lookup in lookups:  # warm-up
            cursor.execute(query, [lookup.birth_date])
            result.candidates.append(len(cursor.fetchall()))
        for _ in range(repeat):
            for lookup in lookups:
                started = time.perf_counter()
                cursor.execute(query, [lookup.birth_date])
                cursor.fetchall()
                result.seconds.append(time.perf_counter() - started)
    return result


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lookups", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the lookups")
    args = parser.parse_args()
    assert connection.vendor == "postgresql", "measured on PostgreSQL"

    coordinator = User.objects.select_related("unit").get(username="coord.rsk")
    advisor = User.objects.select_related("unit").get(username="advisor.kenitra")
    lookups = draw_lookups(random.Random(args.seed), args.lookups, advisor.unit_id)  # type: ignore[arg-type]
    kinds = Counter(lookup.kind for lookup in lookups)
    in_scope = {
        label: Beneficiary.objects.filter(home_agency__path__startswith=user.unit.path).count()  # type: ignore[union-attr]
        for label, user in (("coord.rsk", coordinator), ("advisor.kenitra", advisor))
    }
    print(
        f"{Beneficiary.objects.count():,} women; in scope: coord.rsk {in_scope['coord.rsk']:,}, "
        f"advisor.kenitra {in_scope['advisor.kenitra']:,}; {len(lookups)} lookups "
        f"({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}), "
        f"{args.repeat} timed passes; load average {os.getloadavg()[0]:.2f}"
    )

    started = time.monotonic()
    baseline = bare_birth_date_lookup(lookups, args.repeat)
    results = {
        "coord.rsk": measure(coordinator, lookups, args.repeat),
        "advisor.kenitra": measure(advisor, lookups, args.repeat),
    }
    base_median = statistics.median(baseline.seconds)
    print(
        f"(measured in {time.monotonic() - started:.0f} s; load average {os.getloadavg()[0]:.2f})"
    )
    print()
    header = (
        f"{'lookup':<46} {'median ms':>9} {'p95 ms':>7} {'max ms':>7} {'× base':>7} "
        f"{'cand.':>6} {'queries':>7} {'SQL ms':>7}"
    )
    print(header)

    def row(label: str, seconds: list[float], t: Timings, queries: str, sql: str) -> None:
        median = statistics.median(seconds)
        print(
            f"{label:<46} {median * 1000:>9.2f} {percentile(seconds, 0.95) * 1000:>7.2f} "
            f"{max(seconds) * 1000:>7.2f} {median / base_median:>7.1f} "
            f"{statistics.mean(t.candidates):>6.1f} {queries:>7} {sql:>7}"
        )

    row("baseline: bare SELECT id … WHERE birth_date", baseline.seconds, baseline, "1", "")
    for label, t in results.items():
        queries = f"{statistics.mean(t.queries):.1f}"
        sql = f"{statistics.median(t.sql_seconds) * 1000:.2f}"
        row(f"{label}, each lookup the first time", t.first_seconds, t, queries, sql)
        row(f"{label}, repeated ({args.repeat} passes)", t.seconds, t, queries, sql)
    print()
    print("women who found their own file (recall), by kind of lookup:")
    for kind in sorted(k for k in kinds if k != "new"):
        found = ", ".join(f"{label} {t.found[kind]}/{kinds[kind]}" for label, t in results.items())
        print(f"  {kind:<22} {found}")
    variants = sum(n for k, n in kinds.items() if k.startswith("variant:"))
    for label, t in results.items():
        hits = sum(n for k, n in t.found.items() if k.startswith("variant:"))
        new = [c for lookup, c in zip(lookups, t.candidates, strict=True) if lookup.kind == "new"]
        print(
            f"  {label}: variants {hits}/{variants} ({hits / variants:.2f}); new women with a "
            f"candidate all the same: {sum(c > 0 for c in new)}/{len(new)}"
        )


if __name__ == "__main__":
    main()
