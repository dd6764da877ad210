"""Writes of the import pipeline: a list uploaded, its columns matched, its duplicates decided,
its import started, cancelled or run again; and the two long steps the task queue runs."""

import datetime
import logging
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from irtiqaa.accounts.models import Role, User
from irtiqaa.audit.models import AuditEvent
from irtiqaa.audit.services import audit_record
from irtiqaa.beneficiaries.bulk_services import check_list_consent
from irtiqaa.beneficiaries.selectors import beneficiaries_in_scope
from irtiqaa.imports import values
from irtiqaa.imports.analysis import analyse
from irtiqaa.imports.committing import commit
from irtiqaa.imports.fields import LIST_WIDE_CHOICES, TARGET_FIELDS
from irtiqaa.imports.models import ColumnMapping, ImportJob, ImportRow, ImportRowKey
from irtiqaa.imports.progress import Cancelled, Progress
from irtiqaa.imports.reading import ImportFileError, open_table
from irtiqaa.imports.storage import discard_file, open_stored, store_file
from irtiqaa.lib.errors import EditConflict
from irtiqaa.organisations.models import OrganisationUnit
from irtiqaa.organisations.scope import unit_in_scope
from irtiqaa.seasons.models import Campaign

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 100 * 1024 * 1024
# A running step that has not reported for this long was interrupted (its worker stopped).
STALE_AFTER = datetime.timedelta(minutes=5)

FILE_PROBLEMS = {
    "not_a_table": gettext_lazy("This file is neither a CSV nor an XLSX spreadsheet."),
    "empty": gettext_lazy("The file is empty."),
    "no_header": gettext_lazy("The file has no header row."),
    "xlsx_damaged": gettext_lazy("This spreadsheet cannot be opened: it may be damaged."),
    "too_many_columns": gettext_lazy("The file has more than 200 columns: is it the right sheet?"),
    "old_excel": gettext_lazy(
        "This is an old Excel file (.xls) or a password-protected workbook: save it as XLSX or "
        "CSV, without a password, and import it again."
    ),
    "ods": gettext_lazy("This is an OpenDocument spreadsheet: save it as XLSX or CSV."),
    "csv_damaged": gettext_lazy(
        "The file cannot be read to its end: a quotation mark is probably never closed."
    ),
}
# Why a step failed, stored as a code and worded in the reader's language.
FAILURES = {
    **FILE_PROBLEMS,
    "check_error": gettext_lazy("The check stopped on an unexpected error."),
    "import_error": gettext_lazy(
        "The import stopped on an unexpected error: nothing was imported."
    ),
}


def file_problem(error: ImportFileError) -> str:
    return str(FILE_PROBLEMS.get(getattr(error, "code", ""), _("This file cannot be read.")))


def failure_text(job: ImportJob) -> str:
    return str(FAILURES.get(job.failure, FAILURES["check_error"])) if job.failure else ""


def _require_importer(actor: User, agency: OrganisationUnit) -> None:
    if not actor.does_casework:
        raise PermissionDenied
    if agency.kind != OrganisationUnit.Kind.AGENCY or not unit_in_scope(actor, agency):
        raise ValidationError({"agency": _("Choose an agency within your scope.")})


def _require_job_writer(actor: User, job: ImportJob) -> None:
    if not actor.does_casework or not unit_in_scope(actor, job.agency):
        raise PermissionDenied


def import_start(
    *,
    actor: User,
    stream: IO[bytes],
    file_name: str,
    file_size: int,
    campaign: Campaign,
    agency: OrganisationUnit,
    advisor: User | None = None,
    mapping: ColumnMapping | None = None,
    via: str = "web",
) -> ImportJob:
    """Store an uploaded list and read its header; its columns are matched next."""
    _require_importer(actor, agency)
    if advisor is not None and (advisor.role != Role.ADVISOR or advisor.unit_id != agency.pk):
        raise ValidationError({"advisor": _("The advisor must work in her home agency.")})
    if file_size > MAX_FILE_BYTES:
        raise ValidationError({"file": _("The file is larger than 100 MB: split the list.")})
    with transaction.atomic():
        job = ImportJob.objects.create(
            created_by=actor,
            agency=agency,
            assigned_advisor=advisor,
            campaign=campaign,
            file_name=file_name[:200],
        )
        job.file_size = store_file(job, stream)
        try:
            table = open_table(open_stored(job), file_name)
        except ImportFileError as error:
            transaction.set_rollback(True)
            raise ValidationError({"file": file_problem(error)}) from None
        job.headers = table.headers
        job.file_format = table.format
        job.encoding = table.encoding or ""
        job.delimiter = table.delimiter or ""
        if mapping is not None:
            job.columns = {f: h for f, h in mapping.columns.items() if h in table.headers}
            job.defaults = dict(mapping.defaults)
        else:
            job.columns = values.guess_mapping(table.headers, values.HEADER_SYNONYMS)
        job.save()
        audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=job, via=via)
    return job


def validate_mapping(columns: dict[str, str], defaults: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    has = {name for name, header in columns.items() if header}
    latin = {"first_name_latin", "last_name_latin"} <= has or "full_name_latin" in has
    arabic = {"first_name_ar", "last_name_ar"} <= has or "full_name_ar" in has
    if not (latin or arabic):
        errors["last_name_latin"] = _(
            "Choose the columns of her first and last names, in Latin or Arabic script."
        )
    if "birth_date" not in has:
        errors["birth_date"] = _("Choose the column of the date of birth.")
    for name in ("marital_status", "education_level"):
        if name not in has and not defaults.get(name):
            errors[name] = _("Choose its column, or a value for the whole list.")
    headers = list(columns.values())
    for name, header in columns.items():
        if header and headers.count(header) > 1:
            errors[name] = _("This column is already chosen for another field.")
    if errors:
        raise ValidationError(errors)


def import_set_mapping(
    *,
    actor: User,
    job: ImportJob,
    columns: dict[str, str],
    defaults: dict[str, Any],
    expected_version: int,
    save_as: str = "",
) -> ImportJob:
    """Match the list's columns and start checking it (again, if it was already checked)."""
    _require_job_writer(actor, job)
    if job.status not in (ImportJob.Status.MAPPING, ImportJob.Status.READY):
        raise ValidationError(_("This import can no longer be changed."))
    columns = {f: h for f, h in columns.items() if f in TARGET_FIELDS and h in job.headers}
    defaults = {
        f: v for f, v in defaults.items() if v and (f in LIST_WIDE_CHOICES or f == "province")
    }
    validate_mapping(columns, defaults)
    with transaction.atomic():
        # Only these fields, and only from the version and the states she saw: the worker or a
        # colleague may have changed the job meanwhile.
        claimed = ImportJob.objects.filter(
            pk=job.pk,
            version=expected_version,
            status__in=(ImportJob.Status.MAPPING, ImportJob.Status.READY),
        ).update(
            columns=columns,
            defaults=defaults,
            status=ImportJob.Status.ANALYSING,
            cancel_requested=False,
            progress_done=0,
            progress_total=0,
            heartbeat_at=timezone.now(),
            version=F("version") + 1,
        )
        if not claimed:
            raise EditConflict
        if save_as.strip():
            unit = actor.unit
            assert unit is not None
            ColumnMapping.objects.update_or_create(
                unit=unit,
                name=save_as.strip()[:80],
                defaults={"columns": columns, "defaults": defaults, "created_by": actor},
            )
    job.refresh_from_db()
    _enqueue(job, "analyse")
    return job


def _enqueue(job: ImportJob, step: str) -> None:
    from irtiqaa.imports import tasks

    task = tasks.analyse_import if step == "analyse" else tasks.commit_import
    # Recorded before the task can run (the immediate backend runs it inside enqueue).
    result = task.enqueue(job.pk)
    ImportJob.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id))


def _task_waiting(job: ImportJob) -> bool:
    """Whether the job's step is still queued, waiting for a free worker."""
    if not job.task_id:
        return False
    from irtiqaa.imports import tasks

    task = tasks.analyse_import if job.status == ImportJob.Status.ANALYSING else tasks.commit_import
    try:
        result = task.get_result(job.task_id)
    except Exception:  # an unknown id, a backend keeping no results
        return False
    return str(result.status) == "READY"


def _candidate_ids(row: ImportRow, kind: str) -> set[int]:
    return {int(c[kind]) for c in row.candidates if kind in c}


def import_decide(*, actor: User, job: ImportJob, number: int, decision: str) -> ImportRow:
    """Decide what a suspected duplicate is: "new", "skip", "woman:<id>" (that registered woman,
    one the actor sees) or "row:<number>" (the same woman as that earlier row of the list)."""
    _require_job_writer(actor, job)
    if job.status != ImportJob.Status.READY:
        raise ValidationError(_("This import can no longer be changed."))
    row = ImportRow.objects.filter(
        job=job, number=number, status__in=(ImportRow.Status.DUPLICATE, ImportRow.Status.REGISTERED)
    ).first()
    if row is None:
        raise ValidationError({"decision": _("This row has no suspected duplicate.")})
    row.existing_id, row.same_as_row = None, None
    kind, _sep, ref = decision.partition(":")
    if decision in (ImportRow.Decision.NEW, ImportRow.Decision.SKIP):
        row.decision = decision
    elif (
        kind == "woman"
        and ref.isdigit()
        and int(ref) in _candidate_ids(row, "beneficiary")
        and beneficiaries_in_scope(actor).filter(pk=int(ref)).exists()
    ):
        row.decision, row.existing_id = ImportRow.Decision.EXISTING, int(ref)
    elif kind == "row" and ref.isdigit() and int(ref) in _candidate_ids(row, "row"):
        row.decision, row.same_as_row = ImportRow.Decision.EXISTING, int(ref)
    else:
        raise ValidationError({"decision": _("Choose one of the proposed answers.")})
    row.decided_by = actor
    row.save(update_fields=["decision", "existing", "same_as_row", "decided_by"])
    return row


def import_skip_undecided(*, actor: User, job: ImportJob) -> int:
    _require_job_writer(actor, job)
    if job.status != ImportJob.Status.READY:
        raise ValidationError(_("This import can no longer be changed."))
    return ImportRow.objects.filter(job=job, status=ImportRow.Status.DUPLICATE, decision="").update(
        decision=ImportRow.Decision.SKIP, decided_by=actor
    )


def import_commit(
    *, actor: User, job: ImportJob, consent_method: str, text_version: str, witness_name: str = ""
) -> ImportJob:
    """Start importing a checked list; every woman on it gave her consent to accompaniment, in
    the way declared here."""
    _require_job_writer(actor, job)
    if job.status != ImportJob.Status.READY:
        raise ValidationError(_("This import can no longer be changed."))
    check_list_consent(consent_method, text_version, witness_name)
    undecided = ImportRow.objects.filter(
        job=job, status=ImportRow.Status.DUPLICATE, decision=""
    ).count()
    if undecided:
        raise ValidationError(
            ngettext(
                "%(count)d possible duplicate still needs a decision.",
                "%(count)d possible duplicates still need a decision.",
                undecided,
            )
            % {"count": undecided}
        )
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.READY).update(
        status=ImportJob.Status.COMMITTING,
        committed_by=actor,
        task_id="",
        version=F("version") + 1,
        consent_method=consent_method,
        consent_text_version=text_version.strip()[:20],
        consent_witness=" ".join(witness_name.split())[:120],
        cancel_requested=False,
        progress_done=0,
        heartbeat_at=timezone.now(),
    )
    if not claimed:
        raise ValidationError(_("This import can no longer be changed."))
    job.refresh_from_db()
    _enqueue(job, "commit")
    return job


def is_interrupted(job: ImportJob) -> bool:
    """A running step that stopped reporting, and is not merely waiting for a free worker."""
    stale = job.heartbeat_at is None or timezone.now() - job.heartbeat_at > STALE_AFTER
    return job.status in ImportJob.RUNNING and stale and not _task_waiting(job)


def is_waiting(job: ImportJob) -> bool:
    return job.status in ImportJob.RUNNING and not job.progress_total and _task_waiting(job)


def import_cancel(*, actor: User, job: ImportJob) -> ImportJob:
    """Cancel an import: a running step stops at its next batch and writes nothing more."""
    _require_job_writer(actor, job)
    if job.status in ImportJob.RUNNING and not is_interrupted(job):
        # Only while it still runs: the step may have ended while this request waited.
        ImportJob.objects.filter(pk=job.pk, status__in=ImportJob.RUNNING).update(
            cancel_requested=True
        )
    elif job.status in (ImportJob.Status.MAPPING, ImportJob.Status.READY, *ImportJob.RUNNING):
        if _finish(job, ImportJob.Status.CANCELLED, expected=(job.status,)):
            _forget_the_list(job)
    else:
        raise ValidationError(_("This import is finished: it can no longer be cancelled."))
    job.refresh_from_db()
    return job


def import_retry(*, actor: User, job: ImportJob) -> ImportJob:
    """Run an interrupted or failed step again (nothing of its first run was kept)."""
    _require_job_writer(actor, job)
    interrupted = is_interrupted(job)
    if not (interrupted or job.status == ImportJob.Status.FAILED):
        raise ValidationError(_("This import is not interrupted."))
    # The step that stopped, and no other: a consent recorded by an earlier, cancelled import
    # does not make a failed check of new columns an import of a list nobody has seen checked.
    if job.status == ImportJob.Status.FAILED:
        step = "commit" if job.failure == "import_error" else "analyse"
    else:
        step = "commit" if job.status == ImportJob.Status.COMMITTING else "analyse"
    status = ImportJob.Status.COMMITTING if step == "commit" else ImportJob.Status.ANALYSING
    claimed = (
        ImportJob.objects.filter(pk=job.pk, version=job.version)
        .filter(Q(status=ImportJob.Status.FAILED) | Q(status__in=ImportJob.RUNNING))
        .update(
            status=status,
            failure="",
            cancel_requested=False,
            heartbeat_at=timezone.now(),
            task_id="",
            version=job.version + 1,
        )
    )
    if not claimed:
        raise ValidationError(_("Someone else restarted this import."))
    job.refresh_from_db()
    _enqueue(job, step)
    return job


def _finish(
    job: ImportJob, status: str, failure: str = "", expected: tuple[str, ...] = ImportJob.RUNNING
) -> bool:
    """Move the job to `status` if it is still in one of the `expected` states (another request
    or worker may have moved it meanwhile); returns whether it did."""
    return bool(
        ImportJob.objects.filter(pk=job.pk, status__in=expected).update(
            status=status,
            failure=failure,
            finished_at=timezone.now(),
            cancel_requested=False,
            version=F("version") + 1,
        )
    )


def _forget_the_list(job: ImportJob) -> None:
    """A cancelled list leaves nothing of its women behind: file, checked rows, keys."""
    discard_file(job)
    ImportRowKey.objects.filter(job=job).delete()
    ImportRow.objects.filter(job=job).delete()


def run_analysis(job_id: int) -> None:
    """The check of a list, run by the task queue (or the command line)."""
    job = ImportJob.objects.select_related("agency", "campaign", "created_by").get(pk=job_id)
    if job.status != ImportJob.Status.ANALYSING:
        return
    progress = Progress(job)
    try:
        analyse(job, progress)
    except Cancelled:
        if _finish(job, ImportJob.Status.CANCELLED, expected=(ImportJob.Status.ANALYSING,)):
            _forget_the_list(job)
        return
    except ImportFileError as error:
        _finish(job, ImportJob.Status.FAILED, getattr(error, "code", "not_a_table"))
        return
    except Exception:
        logger.exception("import %s: the check failed", job_id)
        _finish(job, ImportJob.Status.FAILED, "check_error")
        raise
    finally:
        progress.close()
    checked = ImportJob.objects.filter(
        pk=job.pk, status=ImportJob.Status.ANALYSING, cancel_requested=False
    ).update(
        status=ImportJob.Status.READY,
        version=F("version") + 1,
        rows_read=job.rows_read,
        blank_rows=job.blank_rows,
        error_count=job.error_count,
        progress_done=progress.done,
        progress_total=progress.total,
        finished_at=job.finished_at,
    )
    if not checked and _finish(
        job, ImportJob.Status.CANCELLED, expected=(ImportJob.Status.ANALYSING,)
    ):
        _forget_the_list(job)  # a cancel asked during the last batch


def run_commit(job_id: int) -> None:
    """The import of a checked list, run by the task queue (or the command line)."""
    job = ImportJob.objects.select_related(
        "agency", "campaign", "created_by", "committed_by", "assigned_advisor"
    ).get(pk=job_id)
    if job.status != ImportJob.Status.COMMITTING:
        return
    progress = Progress(job)
    try:
        done = commit(job, progress)
    except Cancelled:
        # Back to the checked list: her decisions are kept, nothing was imported.
        ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.COMMITTING).update(
            status=ImportJob.Status.READY, cancel_requested=False, version=F("version") + 1
        )
        return
    except Exception:
        logger.exception("import %s: the import failed", job_id)
        _finish(job, ImportJob.Status.FAILED, "import_error")
        raise
    finally:
        progress.close()
    if not done:
        return
    discard_file(job)
    audit_record(
        actor=job.committed_by or job.created_by,
        action=AuditEvent.Action.UPDATE,
        obj=job,
        changed_fields=["status"],
        via="import",
    )
