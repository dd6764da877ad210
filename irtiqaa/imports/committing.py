"""Importing a checked list: the women created or completed and entered in the campaign, in one
transaction — a failure, a cancellation or a killed worker leaves nothing written."""

import json
from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from irtiqaa.beneficiaries.bulk_services import (
    NewWoman,
    beneficiaries_register_many,
    beneficiary_complete_from_list,
)
from irtiqaa.beneficiaries.duplicates import record_import_decisions
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.selectors import (
    accompaniment_allowed,
    beneficiaries_in_scope,
    consents_in_force,
)
from irtiqaa.beneficiaries.services import ConsentInput
from irtiqaa.imports.analysis import BATCH_ROWS, batched
from irtiqaa.imports.models import ImportJob, ImportRow, ImportRowKey
from irtiqaa.imports.progress import Cancelled, Progress
from irtiqaa.lib.crypto import search_hash
from irtiqaa.seasons.models import Participation
from irtiqaa.seasons.services import INELIGIBILITY_MESSAGES, participations_add_many

Outcome = ImportRow.Outcome
IMPORT_LOCK_SPACE = 4_2017  # the first key of this app's advisory locks

# Why a row was not imported, for the report (codes; worded in fields.OUTCOME_REASONS).
SKIPPED_BY_DECISION = "decision_skip"
SAME_AS_ROW = "same_as_row"
CIN_OF_ANOTHER_WOMAN = "cin_other_woman"
CIN_TWICE = "cin_in_file"
CONSENT_WITHDRAWN = "consent_withdrawn"
OUT_OF_SCOPE = "out_of_scope"


def _profile(row: ImportRow) -> tuple[dict[str, Any], list[str], str]:
    data = json.loads(row.data)
    profile = dict(data["profile"])
    profile["province_id"] = profile.pop("province")
    return profile, data["phones"], data["employer"]


def _hold_the_import(job: ImportJob) -> None:
    """One run at a time per import: a second run (a worker thought dead, a task delivered
    twice) waits here until the first one's transaction ends, then finds its work done. On
    PostgreSQL a transaction-level advisory lock (not a row lock: the progress is written to the
    job's row from another connection); SQLite's writers already take turns."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s::integer, %s::integer)",
                [IMPORT_LOCK_SPACE, job.pk],
            )


def _save_outcomes(batch: list[ImportRow]) -> None:
    """What became of each row of a batch. One UPDATE run for every row (psycopg sends them in
    one go) rather than bulk_update, whose CASE over the whole batch took a third of the
    import's time to build."""
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE imports_importrow SET outcome = %s, outcome_reason = %s, beneficiary_id = %s"
            " WHERE id = %s",
            [(str(row.outcome), row.outcome_reason, row.beneficiary_id, row.pk) for row in batch],
        )


def _overridden(row: ImportRow) -> bool:
    return any(code in INELIGIBILITY_MESSAGES for code in row.warnings)


class Commit:
    def __init__(self, job: ImportJob, progress: Progress) -> None:
        actor = job.committed_by or job.created_by
        assert actor is not None
        self.job = job
        self.actor = actor
        self.progress = progress
        self.counts: Counter[str] = Counter()
        self.consent = ConsentInput(
            method=job.consent_method,
            text_version=job.consent_text_version,
            witness_name=job.consent_witness,
            purposes=("accompaniment",),
        )

    def run(self) -> bool:
        """Import the list; False if there was nothing left to do."""
        rows = (
            ImportRow.objects.filter(job=self.job)
            .exclude(status=ImportRow.Status.INVALID)
            .order_by("number")
        )
        if rows.filter(status=ImportRow.Status.DUPLICATE, decision="").exists():
            raise ValidationError("Every suspected duplicate needs a decision.")
        self.progress.start(rows.count())
        with transaction.atomic():
            _hold_the_import(self.job)
            if not self._still_to_do():
                return False
            for batch in batched(rows.iterator(chunk_size=BATCH_ROWS), BATCH_ROWS):
                self.progress.check_cancelled()
                self._batch(batch)
                _save_outcomes(batch)
                self.progress.advance(len(batch))
            job = self.job
            finished = ImportJob.objects.filter(
                pk=job.pk, status=ImportJob.Status.COMMITTING, cancel_requested=False
            ).update(
                created_count=self.counts[Outcome.CREATED],
                updated_count=self.counts[Outcome.UPDATED],
                unchanged_count=self.counts[Outcome.UNCHANGED],
                skipped_count=self.counts[Outcome.SKIPPED],
                error_count=F("error_count") + self.counts[Outcome.ERROR],
                status=ImportJob.Status.DONE,
                finished_at=timezone.now(),
                version=F("version") + 1,
            )
            if not finished:  # cancelled (or taken over) meanwhile: nothing of it is kept
                raise Cancelled
            # The cleaned values and the blocking keys held her identifiers: once imported, the
            # registry has them.
            ImportRow.objects.filter(job=job).update(data="")
            ImportRowKey.objects.filter(job=job).delete()
        return True

    def _still_to_do(self) -> bool:
        """A second run of the same import (a worker thought dead, a task delivered twice) finds
        the first one's work done once it gets the database, and stops."""
        status = ImportJob.objects.filter(pk=self.job.pk).values_list("status", flat=True).first()
        already = ImportRow.objects.filter(job=self.job).exclude(outcome="").exists()
        return status == ImportJob.Status.COMMITTING and not already

    def _set(
        self, row: ImportRow, outcome: str, reason: str = "", woman: int | None = None
    ) -> None:
        row.outcome, row.outcome_reason = outcome, reason
        row.beneficiary_id = woman
        self.counts[outcome] += 1

    def _batch(self, batch: list[ImportRow]) -> None:
        new, existing = [], []
        for row in batch:
            if row.decision == ImportRow.Decision.SKIP:
                self._set(row, Outcome.SKIPPED, SKIPPED_BY_DECISION)
            elif row.same_as_row:
                self._set(row, Outcome.SKIPPED, SAME_AS_ROW)
            elif row.decision == ImportRow.Decision.EXISTING and row.existing_id:
                existing.append(row)
            else:
                new.append(row)
        self._create(new)
        self._complete(existing)

    def _create(self, rows: list[ImportRow]) -> None:
        entries = [(row, *_profile(row)) for row in rows]
        hashes = {search_hash("cin", p["cin"]) for _r, p, _ph, _e in entries if p.get("cin")}
        taken = dict(
            beneficiaries_in_scope(self.actor)
            .filter(cin_hash__in=hashes)
            .values_list("cin_hash", "pk")
        )
        # Women this import created in earlier batches are in the registry already (same
        # transaction): nothing of the list is kept in memory from one batch to the next.
        from_this_list = set(
            ImportRow.objects.filter(
                job=self.job, beneficiary_id__in=list(taken.values())
            ).values_list("beneficiary_id", flat=True)
        )
        in_this_batch: set[str] = set()
        accepted = []
        for row, profile, phones, employer in entries:
            cin_hash = search_hash("cin", profile["cin"]) if profile.get("cin") else ""
            if cin_hash and (cin_hash in in_this_batch or taken.get(cin_hash) in from_this_list):
                self._set(row, Outcome.ERROR, CIN_TWICE)
            elif cin_hash and cin_hash in taken:
                self._set(row, Outcome.ERROR, CIN_OF_ANOTHER_WOMAN)
            else:
                if cin_hash:
                    in_this_batch.add(cin_hash)
                accepted.append((row, profile, phones, employer))
        if not accepted:
            return
        ids = beneficiaries_register_many(
            actor=self.actor,
            women=[NewWoman(profile=p, phones=ph) for _r, p, ph, _e in accepted],
            agency=self.job.agency,
            advisor=self.job.assigned_advisor,
            consent=self.consent,
        )
        participations_add_many(
            actor=self.actor,
            campaign=self.job.campaign,
            entries=[
                (pk, e, _overridden(r)) for pk, (r, _p, _ph, e) in zip(ids, accepted, strict=True)
            ],
            via="import",
        )
        created = {}
        for pk, (row, *_rest) in zip(ids, accepted, strict=True):
            self._set(row, Outcome.CREATED, woman=pk)
            created[row.number] = pk
        # She said "a new woman" to the women proposed, registered or earlier in the list: never
        # propose them again. Rows of earlier batches are read back (their outcome is saved).
        earlier = {
            c["row"]
            for _pk, (row, *_rest) in zip(ids, accepted, strict=True)
            for c in row.candidates
            if "row" in c and c["row"] not in created
        }
        if earlier:
            created.update(
                ImportRow.objects.filter(
                    job=self.job, number__in=earlier, outcome=Outcome.CREATED
                ).values_list("number", "beneficiary_id")
            )
        pairs = []
        for pk, (row, *_rest) in zip(ids, accepted, strict=True):
            for c in row.candidates:
                other = c.get("beneficiary") or created.get(c.get("row", 0))
                if other and other != pk:
                    pairs.append((pk, other, c["score"], c["evidence"]))
        record_import_decisions(
            actor=self.actor, pairs=pairs, note=f"{self.job.file_name} · {self.job.pk}"
        )

    def _complete(self, rows: list[ImportRow]) -> None:
        if not rows:
            return
        # A woman merged into another file since the check is completed in the file kept.
        survivors = {
            pk: survivor
            for pk, survivor in Beneficiary.objects.filter(
                pk__in={row.existing_id for row in rows}, merged_into__isnull=False
            ).values_list("pk", "merged_into")
            if survivor is not None
        }
        for row in rows:
            if row.existing_id in survivors:
                row.existing_id = survivors[row.existing_id]
        women = (
            beneficiaries_in_scope(self.actor)
            .select_for_update(of=("self",))
            .in_bulk({row.existing_id for row in rows})
        )
        in_campaign = set(
            Participation.objects.filter(
                campaign=self.job.campaign, beneficiary_id__in=list(women)
            ).values_list("beneficiary_id", flat=True)
        )
        seasons = []
        for row in rows:
            woman: Beneficiary | None = women.get(row.existing_id or 0)
            if woman is None:
                self._set(row, Outcome.ERROR, OUT_OF_SCOPE)
                continue
            if not accompaniment_allowed(consents_in_force(woman)):
                self._set(row, Outcome.ERROR, CONSENT_WITHDRAWN, woman.pk)
                continue
            profile, phones, employer = _profile(row)
            changed = beneficiary_complete_from_list(
                actor=self.actor, beneficiary=woman, profile=profile, phones=phones
            )
            if woman.pk not in in_campaign:
                seasons.append((woman.pk, employer, _overridden(row)))
                in_campaign.add(woman.pk)
                changed.append("campaign")
            self._set(row, Outcome.UPDATED if changed else Outcome.UNCHANGED, woman=woman.pk)
        if seasons:
            participations_add_many(
                actor=self.actor, campaign=self.job.campaign, entries=seasons, via="import"
            )


DETECTION_CHUNK = 5000


def commit(job: ImportJob, progress: Progress) -> bool:
    done = Commit(job, progress).run()
    if done:
        _find_duplicates_of_created(job)
    return done


def _find_duplicates_of_created(job: ImportJob) -> None:
    """Hand the women created to the registry-wide duplicate detection (the check only saw the
    scope of whoever uploaded the list), a few thousand per task."""
    from irtiqaa.beneficiaries.tasks import detect_duplicates_task

    created = (
        ImportRow.objects.filter(job=job, outcome=Outcome.CREATED)
        .order_by("number")
        .values_list("beneficiary_id", flat=True)
    )
    for chunk in batched(created.iterator(chunk_size=DETECTION_CHUNK), DETECTION_CHUNK):
        detect_duplicates_task.enqueue([pk for pk in chunk if pk])
