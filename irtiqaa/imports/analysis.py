"""Checking a whole list before anything is imported: every row validated, its suspected
duplicates found in the registry and earlier in the list, the obvious ones decided.

The file is read as a stream, a thousand rows at a time, and each batch's outcome is stored
(`ImportRow`), so that memory stays flat whatever the length of the list, the preview can page
through it, and the import itself does not read the file again.
"""

import functools
import json
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from irtiqaa.beneficiaries import matching
from irtiqaa.beneficiaries.selectors import (
    SIMILAR_NAME_THRESHOLD,
    DuplicateCandidate,
    PersonQuery,
    registry_candidates,
)
from irtiqaa.imports.checking import NAME_FIELDS, CheckedRow, RowChecker
from irtiqaa.imports.models import ImportJob, ImportRow, ImportRowKey
from irtiqaa.imports.progress import Progress
from irtiqaa.imports.reading import open_table
from irtiqaa.imports.storage import open_stored

BATCH_ROWS = 1000
MAX_CANDIDATES = 5


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


# The same names come back row after row (a few thousand distinct ones in 100,000 rows), and
# their sound key was the costliest part of a row's keys.
_sound_key = functools.lru_cache(maxsize=2**16)(matching.phonetic_key)


def row_keys(row: CheckedRow) -> set[str]:
    """The blocking keys of a row: its identifier hashes, and its date of birth with the sound key
    of each of its names (either script, first or last, so swapped names still meet)."""
    keys = set()
    if row.cin_hash:
        keys.add("c" + row.cin_hash)
    keys.update("p" + phone_hash for phone_hash in row.phone_hashes)
    if row.birth_date is not None:
        for _script, first, last in row.person.versions():
            for name in (first, last):
                sound = _sound_key(name)
                if sound:
                    keys.add(f"n{row.birth_date.isoformat()}:{sound}")
    return keys


def _is_certain(row: CheckedRow, name_score: float, reasons: list[str]) -> bool:
    """Sure enough to decide without asking: the same CIN with a similar name, the same phone
    with the same date of birth and a similar name, or the very same names and date of birth."""
    similar = name_score >= SIMILAR_NAME_THRESHOLD
    if "cin" in reasons:
        return similar
    if "phone" in reasons and "birth_date" in reasons:
        return similar
    return "birth_date" in reasons and name_score >= 1.0


class EarlierRows:
    """The rows of the list already checked, looked up by blocking key."""

    def __init__(self, job: ImportJob) -> None:
        self.job = job
        self.batch: dict[str, list[CheckedRow]] = {}

    def candidates(
        self, rows: list[CheckedRow], keys_of: dict[int, set[str]] | None = None
    ) -> dict[int, list[tuple[CheckedRow, list[str]]]]:
        """For each row (by number), the earlier rows sharing a key with it, with the shared
        kinds of key. `keys_of` gives each row's keys when the caller already has them."""
        if keys_of is None:
            keys_of = {row.number: row_keys(row) for row in rows}
        all_keys = set().union(*keys_of.values()) if keys_of else set()
        stored: dict[str, list[int]] = {}
        for key, number in ImportRowKey.objects.filter(job=self.job, key__in=all_keys).values_list(
            "key", "number"
        ):
            stored.setdefault(key, []).append(number)
        earlier = {
            r.number: r
            for r in (
                _stored_row(dict(values))
                for values in ImportRow.objects.filter(
                    job=self.job, number__in={n for ns in stored.values() for n in ns}
                ).values(
                    "number",
                    "first_name_latin",
                    "last_name_latin",
                    "first_name_ar",
                    "last_name_ar",
                    "birth_date",
                )
            )
        }
        found: dict[int, list[tuple[CheckedRow, list[str]]]] = {}
        self.batch = {}
        for row in rows:
            shared: dict[int, set[str]] = {}
            for key in keys_of[row.number]:
                for number in stored.get(key, []):
                    shared.setdefault(number, set()).add(key[0])
                for other in self.batch.get(key, []):
                    earlier[other.number] = other
                    shared.setdefault(other.number, set()).add(key[0])
            found[row.number] = [
                (earlier[number], sorted(kinds)) for number, kinds in sorted(shared.items())
            ]
            for key in keys_of[row.number]:
                self.batch.setdefault(key, []).append(row)
        return found


def _stored_row(values: dict[str, Any]) -> CheckedRow:
    row = CheckedRow(number=values.pop("number"), birth_date=values.pop("birth_date"))
    row.names = values
    return row


def _file_candidate(row: CheckedRow, other: CheckedRow, kinds: list[str]) -> dict[str, Any] | None:
    name = matching.match_score(row.person, other.person)
    reasons = []
    if "c" in kinds:
        reasons.append("cin")
    if "p" in kinds:
        reasons.append("phone")
    if row.birth_date == other.birth_date and row.birth_date is not None:
        reasons.append("birth_date")
    if reasons == ["birth_date"] and name.score < SIMILAR_NAME_THRESHOLD:
        return None
    if not reasons:
        return None
    score = 1.0 if "cin" in reasons else name.score
    if "phone" in reasons:
        score = max(score, 0.95 if name.score >= 0.5 else 0.7)
    evidence = reasons + (list(name.evidence) if name.score >= SIMILAR_NAME_THRESHOLD else [])
    return {
        "row": other.number,
        "score": round(score, 3),
        "evidence": evidence,
        "certain": _is_certain(row, name.score, reasons),
    }


def _registry_candidate(row: CheckedRow, candidate: DuplicateCandidate) -> dict[str, Any]:
    reasons = list(dict.fromkeys(candidate.reasons))
    # Her date of birth may match without being how she was found (by CIN or phone).
    same_birth_date = (
        row.birth_date is not None and row.birth_date == candidate.beneficiary.birth_date
    )
    if same_birth_date and "birth_date" not in reasons:
        reasons.append("birth_date")
    return {
        "beneficiary": candidate.beneficiary.pk,
        "score": round(candidate.score, 3),
        "evidence": reasons + candidate.evidence,
        "certain": _is_certain(row, candidate.name_score, reasons),
    }


def _decide(record: ImportRow, candidates: list[dict[str, Any]]) -> None:
    """Status and, for the obvious cases, the decision of a valid row."""
    record.candidates = candidates[:MAX_CANDIDATES]
    if not candidates:
        record.status = ImportRow.Status.VALID
        return
    registry = [c for c in candidates if "beneficiary" in c]
    certain = [c for c in registry if c["certain"]]
    if len(certain) == 1 and len(registry) == 1:
        record.status = ImportRow.Status.REGISTERED
        record.decision = ImportRow.Decision.EXISTING
        record.existing_id = certain[0]["beneficiary"]
        return
    record.status = ImportRow.Status.DUPLICATE
    in_file = [c for c in candidates if "row" in c]
    if not registry and len(in_file) >= 1 and in_file[0]["certain"]:
        record.decision = ImportRow.Decision.EXISTING
        record.same_as_row = in_file[0]["row"]


def _record(job: ImportJob, row: CheckedRow) -> ImportRow:
    names = {
        name: (row.names.get(name) or row.refused_names.get(name, ""))[:80] for name in NAME_FIELDS
    }
    return ImportRow(
        job=job,
        number=row.number,
        status=ImportRow.Status.VALID if row.valid else ImportRow.Status.INVALID,
        data=json.dumps(row.data()) if row.valid else "",
        birth_date=row.birth_date,
        problems=[problem.as_json() for problem in row.problems],
        warnings=row.warnings,
        **names,
    )


def _copy_available() -> bool:
    if connection.vendor != "postgresql":
        return False
    from django.db.backends.postgresql.psycopg_any import is_psycopg3

    return is_psycopg3


def _store_keys(job: ImportJob, keys: Iterable[tuple[str, int]]) -> None:
    """Store the rows' blocking keys (key, row number). Some four per row: on PostgreSQL they
    are streamed with COPY, as preparing them for bulk_create cost more than checking a row."""
    if not _copy_available():
        ImportRowKey.objects.bulk_create(
            (ImportRowKey(job=job, key=key, number=number) for key, number in keys),
            batch_size=BATCH_ROWS,
        )
        return
    with (
        connection.cursor() as cursor,
        cursor.copy("COPY imports_importrowkey (job_id, key, number) FROM STDIN") as copy,
    ):
        for key, number in keys:
            copy.write_row((job.pk, key, number))


def analyse(job: ImportJob, progress: Progress) -> None:
    """Check the whole list; the job's rows are replaced."""
    assert job.created_by is not None
    ImportRowKey.objects.filter(job=job).delete()
    ImportRow.objects.filter(job=job).delete()
    table = open_table(open_stored(job), job.file_name)
    progress.start(sum(1 for _ in table.rows()))
    checker = RowChecker(
        headers=table.headers,
        columns=job.columns,
        defaults=job.defaults,
        campaign=job.campaign,
        default_province_id=job.agency.province_id,
    )
    earlier = EarlierRows(job)
    rows_read = errors = 0
    for batch in batched(table.rows(), BATCH_ROWS):
        progress.check_cancelled()
        checked = [
            checker.check(r.number, r.values, r.extra_values, r.uncomputed_formulas) for r in batch
        ]
        valid = [row for row in checked if row.valid]
        registry = registry_candidates(
            actor=job.created_by,
            people=[
                PersonQuery(
                    person=row.person,
                    birth_date=row.birth_date,
                    cin_hash=row.cin_hash,
                    phone_hashes=tuple(row.phone_hashes),
                )
                for row in valid
            ],
        )
        keys_of = {row.number: row_keys(row) for row in valid}
        in_file = earlier.candidates(valid, keys_of)
        records = []
        for row in checked:
            record = _record(job, row)
            records.append(record)
        by_number = {record.number: record for record in records}
        for row, found in zip(valid, registry, strict=True):
            candidates = [_registry_candidate(row, c) for c in found]
            for other, kinds in in_file[row.number]:
                candidate = _file_candidate(row, other, kinds)
                if candidate is not None:
                    candidates.append(candidate)
            candidates.sort(key=lambda c: -c["score"])
            _decide(by_number[row.number], candidates)
        with transaction.atomic():
            ImportRow.objects.bulk_create(records, batch_size=BATCH_ROWS)
            _store_keys(job, ((key, row.number) for row in valid for key in keys_of[row.number]))
        rows_read += len(checked)
        errors += len(checked) - len(valid)
        progress.advance(len(batch))
    job.rows_read = rows_read
    job.error_count = errors
    job.blank_rows = table.blank_rows
    job.file_format = table.format
    job.finished_at = timezone.now()
