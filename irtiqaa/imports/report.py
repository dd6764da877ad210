"""The report of an import as an XLSX workbook: every row that was not simply imported, and what
became of the others, with its row number and the reason — formulas never run (lib.spreadsheets)."""

from collections.abc import Iterator
from typing import IO, Any

from django.utils.translation import gettext as _

from irtiqaa.imports.fields import OUTCOME_REASONS, problem_texts, warning_texts
from irtiqaa.imports.models import ImportJob, ImportRow
from irtiqaa.lib.spreadsheets import write_xlsx


def _outcome(row: ImportRow) -> str:
    if row.outcome:
        return str(row.get_outcome_display())
    if row.status == ImportRow.Status.INVALID:
        return str(ImportRow.Outcome.ERROR.label)
    return str(row.get_status_display())


def _details(row: ImportRow) -> str:
    details = problem_texts(row.problems)
    if row.outcome_reason:
        reason = str(OUTCOME_REASONS.get(row.outcome_reason, row.outcome_reason))
        if row.same_as_row:
            reason = f"{reason} ({_('row')} {row.same_as_row})"
        details.append(reason)
    details.extend(warning_texts(row.warnings))
    return " · ".join(details)


def report_lines(job: ImportJob) -> Iterator[list[Any]]:
    rows = ImportRow.objects.filter(job=job).defer("data").order_by("number")
    for row in rows.iterator(chunk_size=2000):
        yield [
            row.number,
            _outcome(row),
            row.latin_name,
            row.arabic_name,
            row.birth_date,
            _details(row),
            row.beneficiary_id or row.existing_id or "",
        ]


def write_report(job: ImportJob, stream: IO[bytes]) -> int:
    header = [
        _("Row"),
        _("Outcome"),
        _("Name (Latin script)"),
        _("Name (Arabic script)"),
        _("Date of birth"),
        _("Details"),
        _("File number"),
    ]
    return write_xlsx(report_lines(job), stream, header=header, sheet_title=_("Import report"))
