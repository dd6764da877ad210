"""Import of recruitment lists: throughput against COPY, and memory on a million rows.

    .venv/bin/python bench/import_throughput.py throughput [--rows 100000] [--repeat 1]
    .venv/bin/python bench/import_throughput.py memory [--rows 1000000] [--check-only]
    .venv/bin/python bench/import_throughput.py profile [--rows 20000]
    .venv/bin/python bench/import_throughput.py generate --rows N [--seed S] FILE.csv

`generate` only writes a list. The other commands need a PostgreSQL role that may create
databases (PGHOST, PGPORT, PGUSER; defaults 127.0.0.1, 5432, postgres), as bench/seed_demo.sh:

1. A template database (BENCH_DB, default `bench_import`, with the suffix `_template`) is
   migrated and seeded with the demo organisation (`seed_demo --beneficiaries 600
   --no-accompaniment`: agencies, advisors, campaigns and a registry of 600 women). Each
   measurement then runs on a fresh copy of it (`CREATE DATABASE ... TEMPLATE`), dropped
   afterwards, so that no run sees the women of another.
2. A recruitment list of N unique women is written deterministically from the demo's name pools
   (`generate_list`): Latin and Arabic names, dd/mm/yyyy dates, CIN, phones written in several
   ways, province names, marital status, education, children.
3. throughput: in a separate process, the list is imported as `manage.py import_beneficiaries`
   does it (the command itself, run as advisor.kenitra into the 2026 campaign), timed per phase:
   store (the file encrypted into the database and its header read), check (every row validated
   and its duplicates looked for), commit (the women, phones, consents, cases, seasons and audit
   written). Then, in another process on another fresh copy, the baseline: the same rows,
   pre-cleaned as they are stored (names, birth date, CIN, province id, phones in E.164...),
   loaded with psycopg's COPY into a bare temporary table (median of five loads), and into a
   bare logged table. The ratio import/COPY (temporary table) is printed.
4. memory: the import (or its check only) of a large list in a separate process, with the peak
   resident memory of each phase (VmHWM, reset between phases through /proc/self/clear_refs).
   Its list keeps fewer columns (`--lean`, the default there): a million rows with every column
   make 156 MB, over the 100 MB an upload may have.
5. profile: the import under cProfile; the heaviest functions are printed and the profile saved.

BENCH_DB and its template are scratch databases: they are dropped and created again (the
template is kept and reused with --keep-template; then export a fixed IRTIQAA_FIELD_KEYS).
To check that a change to the import does not change what it writes, run the child directly
on a copy of a seeded database with `_import FILE --dump OUT` (add `--campaign-year` for the
demo's own lists) before and after, and compare the two files.

docs/performance.md ("Importing lists") records a run. Settings come from the environment as
for the other benchmarks; missing ones get throwaway values (DEBUG=0, a fresh Fernet key).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime
import importlib
import io
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from irtiqaa.demo.names import COMMUNES, EMPLOYERS, FAMILY_NAMES, FIRST_NAMES  # noqa: E402

# Reference data as the geography migration ships it (plain data, no Django needed here).
_GEOGRAPHY = importlib.import_module("irtiqaa.geography.migrations.0002_regions_and_provinces")
PROVINCE_NAMES = {
    code: (name_fr, name_ar) for _r, code, _k, name_fr, name_ar in _GEOGRAPHY.PROVINCES
}

# The list is the Kénitra agency's, for the 2026 campaign (women aged 25 to 45, married,
# divorced or widowed, with children): mostly its own province, some from the region.
AGENCY_USER = "advisor.kenitra"
CAMPAIGN_YEAR = 2026
PROVINCES = ["kenitra"] * 7 + ["sidi-kacem", "sidi-slimane", "khemisset", "sale", "rabat"]
# Birth dates: ages 23 to 47 in 2026, so that some rows miss the campaign's age criteria.
FIRST_BIRTH_DATE = datetime.date(1979, 1, 1)
BIRTH_DAYS = (datetime.date(2003, 1, 1) - FIRST_BIRTH_DATE).days

HEADERS = [
    "N°",
    "Nom",
    "Prénom",
    "النسب",
    "الاسم",
    "Date de naissance",
    "CIN",
    "Téléphone",
    "Province",
    "Commune",
    "Situation familiale",
    "Nombre d'enfants",
    "Niveau d'études",
    "Langues",
    "Employeur",
]
# The columns kept by --lean: a list of a million rows must stay under the 100 MB upload limit
# (the province is then the agency's).
LEAN_HEADERS = [
    "Nom",
    "Prénom",
    "النسب",
    "الاسم",
    "Date de naissance",
    "CIN",
    "Téléphone",
    "Situation familiale",
    "Nombre d'enfants",
    "Niveau d'études",
]

# How lists write the values (raw text -> the value stored), drawn with these weights.
MARITAL = [
    ("married", ("Mariée", "mariée", "M", "MARIEE", "متزوجة"), 70),
    ("divorced", ("Divorcée", "D", "مطلقة"), 15),
    ("widowed", ("Veuve", "V", "أرملة"), 10),
    ("single", ("Célibataire", "C", "عازبة"), 5),
]
EDUCATION = [
    ("none", ("Aucun", "Néant", "sans niveau", "بدون"), 45),
    ("koranic", ("Msid", "école coranique", "كتاب"), 6),
    ("primary", ("Primaire", "primaire", "ابتدائي"), 28),
    ("lower_secondary", ("Collège", "collégial", "إعدادي"), 13),
    ("upper_secondary", ("Lycée", "Niveau bac", "ثانوي"), 8),
]
LANGUAGES = [
    (["darija"], ("darija", "Darija", "الدارجة"), 60),
    (
        ["darija", "tamazight"],
        ("darija, tamazight", "Darija / Amazigh", "الدارجة و الأمازيغية"),
        25,
    ),
    (["darija", "arabic"], ("darija, arabe", "Darija et arabe"), 10),
    (["darija", "spanish"], ("darija, espagnol",), 5),
]
CIN_LETTERS = ["G", "GK", "GB", "GA", "GN", "X", "IA", "IB"]

LIST_COLUMNS = [
    "first_name_latin",
    "last_name_latin",
    "first_name_ar",
    "last_name_ar",
    "birth_date",
    "cin",
    "phones",
    "province",
    "commune",
    "marital_status",
    "children_count",
    "education_level",
    "languages",
    "employer",
]


def _weighted(rng: random.Random, options: list[tuple[Any, Any, int]]) -> tuple[Any, Any]:
    value, writings, _weight = rng.choices(options, weights=[o[2] for o in options])[0]
    return value, writings


def _permute(i: int, modulus: int, multiplier: int, offset: int) -> int:
    """A bijection of range(modulus) (the multiplier is prime to the modulus): numbers look
    random and are unique for i < modulus."""
    return (i * multiplier + offset) % modulus


def _phone_writings(rng: random.Random, national: str) -> str:
    """A Moroccan number 0XXXXXXXXX as lists write it."""
    digits = national[1:]
    style = rng.random()
    if style < 0.35:
        return national
    if style < 0.6:
        return " ".join(national[i : i + 2] for i in range(0, 10, 2))
    if style < 0.7:
        return ".".join(national[i : i + 2] for i in range(0, 10, 2))
    if style < 0.8:
        return f"+212 {digits[:3]}-{digits[3:]}"
    if style < 0.9:
        return f"00212{digits}"
    return f"+212{digits}"


@dataclass
class ListRow:
    cells: list[str]  # as written in the file, in HEADERS order
    clean: dict[str, Any]  # as stored once imported (province as its code)


def generate_list(rows: int, seed: int = 1) -> Iterator[ListRow]:
    """`rows` different women, always the same for a seed.

    None of them is a duplicate of another: each has her own CIN and phone numbers (drawn from
    ranges the demo's generator never uses, so no registered demo woman shares them), and two
    women born on the same day never share a family name (row i is born on day i mod D of the
    range and gets family name i div D, shifted per day), which holds up to 135 × 8,766 rows.
    """
    if rows > len(FAMILY_NAMES) * BIRTH_DAYS:
        raise ValueError("too many rows for unique women")
    rng = random.Random(seed)
    for i in range(rows):
        day_index, round_ = i % BIRTH_DAYS, i // BIRTH_DAYS
        birth_date = FIRST_BIRTH_DATE + datetime.timedelta(
            days=_permute(day_index, BIRTH_DAYS, 7919, 0)
        )
        family_ar, family_latin = FAMILY_NAMES[(round_ + day_index * 31) % len(FAMILY_NAMES)]
        first_ar, first_latin = rng.choice(FIRST_NAMES)
        scripts = rng.random()
        has_latin, has_arabic = scripts < 0.93, scripts > 0.1
        first = first_latin[0] if rng.random() < 0.75 else rng.choice(first_latin)
        last = family_latin[0] if rng.random() < 0.75 else rng.choice(family_latin)
        if rng.random() < 0.3:  # lists typed in capitals
            first, last = first.upper(), last.upper()
        day_style = rng.random()
        if day_style < 0.8:
            written_date = birth_date.strftime("%d/%m/%Y")
        elif day_style < 0.9:
            written_date = f"{birth_date.day}/{birth_date.month}/{birth_date.year}"
        else:
            written_date = birth_date.strftime("%d-%m-%Y")
        cin = ""
        if rng.random() < 0.92:
            cin = (
                f"{CIN_LETTERS[i % len(CIN_LETTERS)]}{_permute(i, 10**7, 4_837_259, 1_234_567):07d}"
            )
        written_cin = cin if rng.random() < 0.85 else f"{cin[:2]} {cin[2:]}".lower()
        phones, written_phones = [], []
        if rng.random() < 0.95:
            # 060, 069 and 078: allocated mobile ranges the demo's generator does not draw from.
            national = f"06{'09'[i % 2]}{_permute(i, 10**7, 3_141_593, 4_321):07d}"
            phones.append("+212" + national[1:])
            written_phones.append(_phone_writings(rng, national))
            if rng.random() < 0.15:
                if rng.random() < 0.5:
                    second = f"078{_permute(i, 10**7, 2_718_283, 77):07d}"
                    phones.append("+212" + second[1:])
                    written_phones.append(_phone_writings(rng, second))
                else:
                    spanish = f"6{_permute(i, 10**8, 87_654_323, 99):08d}"
                    phones.append("+34" + spanish)
                    written_phones.append(f"+34 {spanish[:3]} {spanish[3:6]} {spanish[6:]}")
        province = rng.choice(PROVINCES)
        name_fr, name_ar = PROVINCE_NAMES[province]
        written_province = rng.choice(
            (name_fr, name_fr, name_fr.upper(), f"Province de {name_fr}", name_ar)
        )
        communes = COMMUNES.get(province, ())
        commune = rng.choice(communes)[0] if communes and rng.random() < 0.8 else ""
        marital, marital_writings = _weighted(rng, MARITAL)
        children = 0 if marital == "single" else rng.choices(range(6), [3, 20, 35, 25, 12, 5])[0]
        education, education_writings = _weighted(rng, EDUCATION)
        languages, language_writings = _weighted(rng, LANGUAGES)
        employer = rng.choice(EMPLOYERS) if rng.random() < 0.6 else ""
        clean = {
            "first_name_latin": first if has_latin else "",
            "last_name_latin": last if has_latin else "",
            "first_name_ar": first_ar if has_arabic else "",
            "last_name_ar": family_ar if has_arabic else "",
            "birth_date": birth_date,
            "cin": cin,
            "phones": phones,
            "province": province,
            "commune": commune,
            "marital_status": marital,
            "children_count": children,
            "education_level": education,
            "languages": languages,
            "employer": employer,
        }
        cells = [
            str(i + 1),
            clean["last_name_latin"],
            clean["first_name_latin"],
            clean["last_name_ar"],
            clean["first_name_ar"],
            written_date,
            written_cin if cin else "",
            " / ".join(written_phones),
            written_province,
            commune,
            rng.choice(marital_writings),
            str(children) if children or rng.random() < 0.5 else "",
            rng.choice(education_writings),
            rng.choice(language_writings),
            employer,
        ]
        yield ListRow(cells=cells, clean=clean)


def write_list(path: Path, rows: int, seed: int, lean: bool = False) -> int:
    """Write the list as a semicolon-separated UTF-8 CSV (as French Excel saves it); returns
    its size in bytes."""
    keep = [HEADERS.index(h) for h in (LEAN_HEADERS if lean else HEADERS)]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow([HEADERS[k] for k in keep])
        for row in generate_list(rows, seed):
            writer.writerow([row.cells[k] for k in keep])
    return path.stat().st_size


# --- Memory -----------------------------------------------------------------------------------


def _status_kib(name: str) -> int:
    match = re.search(rf"^{name}:\s+(\d+) kB", Path("/proc/self/status").read_text(), re.M)
    return int(match.group(1)) if match else 0


def reset_peak() -> None:
    """Start counting the peak resident memory (VmHWM) again from the current size."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


# --- Databases --------------------------------------------------------------------------------


def _pg(key: str, default: str) -> str:
    return os.environ.get(key, default)


def database_url(name: str) -> str:
    user, host, port = _pg("PGUSER", "postgres"), _pg("PGHOST", "127.0.0.1"), _pg("PGPORT", "5432")
    return f"postgres://{user}@{host}:{port}/{name}"


def admin_execute(*statements: str) -> None:
    import psycopg

    with psycopg.connect(database_url("postgres"), autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def child_env(database: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(DJANGO_SETTINGS_MODULE="irtiqaa.settings", DATABASE_URL=database_url(database))
    env.setdefault("DEBUG", "0")
    env.setdefault("SECRET_KEY", "bench")
    env.setdefault("ALLOWED_HOSTS", "localhost")
    env.setdefault("IRTIQAA_SEARCH_KEY", "bench")
    if "IRTIQAA_FIELD_KEYS" not in env:
        from cryptography.fernet import Fernet

        env["IRTIQAA_FIELD_KEYS"] = os.environ["IRTIQAA_FIELD_KEYS"] = (
            Fernet.generate_key().decode()
        )
    return env


def prepare_template(template: str, registry: int) -> None:
    started = time.monotonic()
    admin_execute(f"DROP DATABASE IF EXISTS {template}", f"CREATE DATABASE {template}")
    env = child_env(template)
    manage = [sys.executable, str(ROOT / "manage.py")]
    # Our own interpreter and manage.py with fixed arguments: nothing untrusted is run.
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)  # noqa: S603
    subprocess.run(  # noqa: S603
        [
            *manage,
            "seed_demo",
            "--seed",
            "1",
            "--beneficiaries",
            str(registry),
            "--no-accompaniment",
            "--no-list",
        ],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    print(f"template database {template} ready in {time.monotonic() - started:.0f} s")


@contextlib.contextmanager
def fresh_database(template: str, name: str) -> Iterator[str]:
    admin_execute(f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name} TEMPLATE {template}")
    try:
        yield name
    finally:
        admin_execute(f"DROP DATABASE IF EXISTS {name}")


def run_child(database: str, *arguments: str) -> dict[str, Any]:
    """Run one measurement in its own process (its peak memory is its own); returns its JSON."""
    result = subprocess.run(  # noqa: S603 (this script, run again by the same interpreter)
        [sys.executable, str(Path(__file__).resolve()), *arguments],
        env=child_env(database),
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- Measurements (each in its own process) ---------------------------------------------------


def _setup_django() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "irtiqaa.settings")
    django.setup()


def measure_import(
    path: str,
    check_only: bool,
    profile_to: str | None,
    dump_to: str | None = None,
    campaign_year: int = CAMPAIGN_YEAR,
) -> dict[str, Any]:
    """Import the list with the import_beneficiaries command, timing and measuring its phases."""
    _setup_django()
    from django.core.management import call_command
    from django.db.models import Count

    from irtiqaa.beneficiaries.models import Beneficiary
    from irtiqaa.imports import services
    from irtiqaa.imports.management.commands import import_beneficiaries as command
    from irtiqaa.imports.models import ImportJob, ImportRow
    from irtiqaa.seasons.models import Campaign

    phases: dict[str, dict[str, float]] = {}

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            reset_peak()
            started, cpu_started = time.perf_counter(), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                phase = phases.setdefault(name, {"seconds": 0.0, "cpu": 0.0, "peak_mib": 0.0})
                phase["seconds"] += time.perf_counter() - started
                phase["cpu"] += time.process_time() - cpu_started
                phase["peak_mib"] = max(phase["peak_mib"], _status_kib("VmHWM") / 1024)

        return wrapper

    services.import_start = timed("store", services.import_start)  # type: ignore[assignment]
    command.analyse = timed("check", command.analyse)  # type: ignore[assignment]
    command.commit = timed("commit", command.commit)  # type: ignore[assignment]
    services.discard_file = timed("discard file", services.discard_file)  # type: ignore[assignment]

    campaign = Campaign.objects.get(year=campaign_year)
    women_before = Beneficiary.objects.count()
    rss_before = _status_kib("VmRSS") / 1024
    profiler = None
    if profile_to:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started = time.perf_counter()
    call_command(
        "import_beneficiaries",
        path,
        campaign=campaign.pk,
        user=AGENCY_USER,
        check_only=check_only,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    total = time.perf_counter() - started
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile_to)
    if dump_to:
        dump_import(Path(dump_to))
    job = ImportJob.objects.latest("pk")
    statuses = dict(ImportRow.objects.filter(job=job).values_list("status").annotate(n=Count("pk")))
    return {
        "rows": job.rows_read,
        "seconds": total,
        "phases": phases,
        "rss_before_mib": rss_before,
        "peak_mib": _status_kib("VmHWM") / 1024
        if not phases
        else max(p["peak_mib"] for p in phases.values()),
        "statuses": statuses,
        "created": job.created_count,
        "skipped": job.skipped_count,
        "errors": job.error_count,
        "women_added": Beneficiary.objects.count() - women_before,
        "file_bytes": job.file_size,
    }


def dump_import(out: Path) -> None:
    """What the last import wrote, without ids, times or encryption tokens (women as their row
    number), one line per row: two runs that behave alike give identical files."""
    from irtiqaa.audit.models import AuditEvent
    from irtiqaa.beneficiaries.models import Beneficiary, Consent
    from irtiqaa.cases.models import Case, PhaseChange
    from irtiqaa.imports.models import ImportJob, ImportRow, ImportRowKey
    from irtiqaa.seasons.models import Participation

    job = ImportJob.objects.latest("pk")
    rows = list(ImportRow.objects.filter(job=job).order_by("number"))
    number_of = {row.beneficiary_id: row.number for row in rows if row.beneficiary_id}
    skip = {"id", "created_at", "updated_at", "cin"}
    women = {
        w.pk: w for w in Beneficiary.objects.filter(pk__in=number_of).prefetch_related("phones")
    }

    def plain(obj: Any, *drop: str) -> dict[str, Any]:
        return {
            f.attname: getattr(obj, f.attname)
            for f in obj._meta.concrete_fields
            if f.attname not in skip and f.attname not in drop
        }

    def by_woman(queryset: Any, key: str = "beneficiary_id") -> dict[int, list[Any]]:
        grouped: dict[int, list[Any]] = {}
        for item in queryset:
            grouped.setdefault(getattr(item, key), []).append(item)
        return grouped

    consents = by_woman(Consent.objects.filter(beneficiary_id__in=number_of))
    cases = {c.beneficiary_id: c for c in Case.objects.filter(beneficiary_id__in=number_of)}
    changes = by_woman(PhaseChange.objects.filter(case__beneficiary_id__in=number_of), "case_id")
    seasons = by_woman(Participation.objects.filter(beneficiary_id__in=number_of))
    audits = by_woman(AuditEvent.objects.filter(beneficiary_id__in=number_of))
    keys = sorted(ImportRowKey.objects.filter(job=job).values_list("key", "number"))
    with out.open("w") as lines:
        lines.write(json.dumps(plain(job, "file_size", "heartbeat_at", "finished_at")) + "\n")
        lines.write(json.dumps(keys) + "\n")
        for row in rows:
            record: dict[str, Any] = plain(row, "job_id", "beneficiary_id", "existing_id")
            woman = women.get(row.beneficiary_id)
            if woman is not None:
                case = cases.get(woman.pk)
                record["woman"] = {
                    **plain(woman),
                    "cin": woman.cin,
                    "phones": [
                        (p.number, p.number_hash, p.position)
                        for p in sorted(woman.phones.all(), key=lambda p: p.position)
                    ],
                    "consents": sorted(
                        json.dumps(plain(c, "beneficiary_id", "recorded_at"), default=str)
                        for c in consents.get(woman.pk, [])
                    ),
                    "case": case and plain(case, "beneficiary_id", "phase_since", "opened_at"),
                    "phase_changes": sorted(
                        json.dumps(plain(c, "case_id", "changed_at"), default=str)
                        for c in (changes.get(case.pk, []) if case else [])
                    ),
                    "seasons": sorted(
                        json.dumps(plain(p, "beneficiary_id"), default=str)
                        for p in seasons.get(woman.pk, [])
                    ),
                    "audit": sorted(
                        json.dumps(plain(a, "object_id", "beneficiary_id"), default=str)
                        for a in audits.get(woman.pk, [])
                    ),
                }
            lines.write(json.dumps(record, default=str, ensure_ascii=False) + "\n")


COPY_COLUMNS = """
    id bigint GENERATED ALWAYS AS IDENTITY,
    first_name_latin varchar(80) NOT NULL,
    last_name_latin varchar(80) NOT NULL,
    first_name_ar varchar(80) NOT NULL,
    last_name_ar varchar(80) NOT NULL,
    birth_date date NOT NULL,
    cin varchar(20) NOT NULL,
    phones text[] NOT NULL,
    province_id bigint NOT NULL,
    commune varchar(120) NOT NULL,
    marital_status varchar(20) NOT NULL,
    children_count smallint NOT NULL,
    education_level varchar(20) NOT NULL,
    languages jsonb NOT NULL,
    employer varchar(160) NOT NULL
"""


COPY_REPEAT = 5


def measure_copy(rows: int, seed: int, table: str) -> dict[str, Any]:
    """COPY the list's rows, pre-cleaned as they are stored, into a bare table."""
    _setup_django()
    from django.db import connection

    from irtiqaa.geography.models import Province

    province_ids = dict(Province.objects.values_list("code", "pk"))
    cleaned = []
    for row in generate_list(rows, seed):
        values = dict(row.clean)
        values["province"] = province_ids[values["province"]]
        values["languages"] = json.dumps(values["languages"])
        cleaned.append(tuple(values[c] for c in LIST_COLUMNS))
    columns = ", ".join("province_id" if c == "province" else c for c in LIST_COLUMNS)
    kind = {"temporary": "TEMPORARY", "unlogged": "UNLOGGED", "logged": ""}[table]
    connection.ensure_connection()
    raw = connection.connection
    raw.autocommit = True
    # A COPY of 100,000 rows takes half a second, which other work on the machine easily
    # doubles: the median of COPY_REPEAT loads, each into a new table.
    times = []
    for _ in range(COPY_REPEAT):
        with raw.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS bench_list")
            cursor.execute(f"CREATE {kind} TABLE bench_list ({COPY_COLUMNS})")
        started = time.perf_counter()
        with (
            raw.transaction(),
            raw.cursor() as cursor,
            cursor.copy(f"COPY bench_list ({columns}) FROM STDIN") as copy,
        ):
            for values in cleaned:
                copy.write_row(values)
        times.append(time.perf_counter() - started)
        with raw.cursor() as cursor:
            count = cursor.execute("SELECT count(*) FROM bench_list").fetchone()[0]
        assert count == rows, (count, rows)
    return {"rows": rows, "seconds": statistics.median(times), "times": times, "table": table}


# --- Commands ---------------------------------------------------------------------------------


def _machine() -> str:
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return f"{os.cpu_count()} CPUs, load average {load}"


def _phase_table(result: dict[str, Any]) -> None:
    rows = result["rows"]
    # Python's own CPU time beside the wall time: the machine is shared, and the wall time
    # also holds the waits for PostgreSQL.
    print(f"  {'phase':<14} {'seconds':>9} {'rows/s':>9} {'CPU s':>7} {'peak RSS MiB':>13}")
    for name, phase in result["phases"].items():
        print(
            f"  {name:<14} {phase['seconds']:>9.1f} {rows / phase['seconds']:>9,.0f}"
            f" {phase['cpu']:>7.1f} {phase['peak_mib']:>13.0f}"
        )
    print(f"  {'whole command':<14} {result['seconds']:>9.1f} {rows / result['seconds']:>9,.0f}")
    print(
        f"  rows by status after the check: {result['statuses']}; women created "
        f"{result['created']}, skipped {result['skipped']}, with errors {result['errors']}"
    )


def command_throughput(options: argparse.Namespace, template: str, workdir: Path) -> None:
    path = workdir / f"list-{options.rows}.csv"
    size = write_list(path, options.rows, options.seed)
    print(f"list: {options.rows:,} rows, {size / 1e6:.1f} MB ({path})")
    ratios = []
    for run in range(1, options.repeat + 1):
        print(f"== run {run}: {_machine()}")
        with fresh_database(template, options.db) as database:
            imported = run_child(database, "_import", str(path))
        print(f"import ({_machine()})")
        _phase_table(imported)
        copies = {}
        for table in ("temporary", "logged"):
            with fresh_database(template, options.db) as database:
                copies[table] = run_child(
                    database, "_copy", str(options.rows), str(options.seed), table
                )
            copy = copies[table]
            print(
                f"baseline COPY into a bare {table} table: {copy['seconds']:.2f} s, "
                f"{copy['rows'] / copy['seconds']:,.0f} rows/s (median of "
                f"{', '.join(f'{t:.2f}' for t in copy['times'])} s)"
            )
        import_rate = imported["rows"] / imported["seconds"]
        copy_rate = copies["temporary"]["rows"] / copies["temporary"]["seconds"]
        ratios.append(import_rate / copy_rate)
        print(
            f"ratio import/COPY (temporary table): {import_rate / copy_rate:.4f} "
            f"(1/{copy_rate / import_rate:.0f}); against the logged table: "
            f"{import_rate / (copies['logged']['rows'] / copies['logged']['seconds']):.4f}"
        )
    print(f"== done: {_machine()}; ratios {', '.join(f'{r:.4f}' for r in ratios)}")


def command_memory(options: argparse.Namespace, template: str, workdir: Path) -> None:
    path = workdir / f"list-{options.rows}.csv"
    size = write_list(path, options.rows, options.seed, lean=options.lean)
    print(
        f"list: {options.rows:,} rows, {size / 1e6:.1f} MB, {'lean' if options.lean else 'all'} columns"
    )
    print(f"== {_machine()}")
    with fresh_database(template, options.db) as database:
        arguments = ["_import", str(path)] + (["--check-only"] if options.check_only else [])
        result = run_child(database, *arguments)
    print(
        f"import{' (check only)' if options.check_only else ''}; before it the process held "
        f"{result['rss_before_mib']:.0f} MiB; {_machine()}"
    )
    _phase_table(result)


def command_profile(options: argparse.Namespace, template: str, workdir: Path) -> None:
    import pstats

    path = workdir / f"list-{options.rows}.csv"
    write_list(path, options.rows, options.seed)
    output = Path(options.output or workdir / "import.prof")
    with fresh_database(template, options.db) as database:
        result = run_child(database, "_import", str(path), "--profile", str(output))
    _phase_table(result)
    stats = pstats.Stats(str(output))
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(30)
    print(f"profile saved in {output}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--seed", type=int, default=1)
    common.add_argument("--db", default=os.environ.get("BENCH_DB", "bench_import"))
    common.add_argument("--registry", type=int, default=600, help="demo women already registered")
    common.add_argument("--keep-template", action="store_true", help="reuse it and keep it")
    throughput = commands.add_parser("throughput", parents=[common])
    throughput.add_argument("--rows", type=int, default=100_000)
    throughput.add_argument("--repeat", type=int, default=1)
    memory = commands.add_parser("memory", parents=[common])
    memory.add_argument("--rows", type=int, default=1_000_000)
    memory.add_argument("--check-only", action="store_true")
    memory.add_argument("--lean", action=argparse.BooleanOptionalAction, default=True)
    profile = commands.add_parser("profile", parents=[common])
    profile.add_argument("--rows", type=int, default=20_000)
    profile.add_argument("--output")
    generate = commands.add_parser("generate")
    generate.add_argument("--rows", type=int, required=True)
    generate.add_argument("--seed", type=int, default=1)
    generate.add_argument("--lean", action="store_true")
    generate.add_argument("file", type=Path)
    child_import = commands.add_parser("_import")
    child_import.add_argument("file")
    child_import.add_argument("--check-only", action="store_true")
    child_import.add_argument("--profile")
    child_import.add_argument("--dump", help="write what the import wrote to this file")
    child_import.add_argument("--campaign-year", type=int, default=CAMPAIGN_YEAR)
    child_copy = commands.add_parser("_copy")
    child_copy.add_argument("rows", type=int)
    child_copy.add_argument("seed", type=int)
    child_copy.add_argument("table")
    options = parser.parse_args()

    if options.command == "_import":
        result = measure_import(
            options.file, options.check_only, options.profile, options.dump, options.campaign_year
        )
        print(json.dumps(result))
        return
    if options.command == "_copy":
        print(json.dumps(measure_copy(options.rows, options.seed, options.table)))
        return
    if options.command == "generate":
        size = write_list(options.file, options.rows, options.seed, lean=options.lean)
        print(f"{options.rows:,} rows, {size:,} bytes")
        return
    template = f"{options.db}_template"
    if not options.keep_template or not _database_exists(template):
        prepare_template(template, options.registry)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-import-") as workdir:
            {
                "throughput": command_throughput,
                "memory": command_memory,
                "profile": command_profile,
            }[options.command](options, template, Path(workdir))
    finally:
        if not options.keep_template:
            admin_execute(f"DROP DATABASE IF EXISTS {template}")


def _database_exists(name: str) -> bool:
    import psycopg

    with psycopg.connect(database_url("postgres"), autocommit=True) as connection:
        return (
            connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            is not None
        )


if __name__ == "__main__":
    main()
