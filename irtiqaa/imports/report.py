"""The report of an import as an XLSX workbook: every row that was not simply imported, and what
became of the others, with its row number and the reason — formulas never run (lib.spreadsheets)."""

from collections.abc import Iterator
from typing import IO, Any

from django.db.models import Q
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from irtiqaa.accounts.models import User
from irtiqaa.beneficiaries.selectors import beneficiaries_in_scope
from irtiqaa.imports.fields import OUTCOME_REASONS, problem_texts, warning_texts
from irtiqaa.imports.models import ImportJob, ImportRow
from irtiqaa.lib.spreadsheets import write_xlsx

# Row, outcome, the two names, date of birth, details (the longest), file number.
REPORT_WIDTHS = (8, 22, 28, 28, 14, 80, 12)


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


def report_lines(job: ImportJob, actor: User) -> Iterator[list[Any]]:
    rows = ImportRow.objects.filter(job=job).defer("data").order_by("number")
    # File numbers only of the women the reader may see (the list was checked in the scope of
    # whoever uploaded it).
    proposed = rows.filter(existing__isnull=False).values("existing")
    imported = rows.filter(beneficiary__isnull=False).values("beneficiary")
    visible = set(
        beneficiaries_in_scope(actor)
        .filter(Q(pk__in=proposed) | Q(pk__in=imported))
        .values_list("pk", flat=True)
    )
    for row in rows.iterator(chunk_size=2000):
        woman = row.beneficiary_id or row.existing_id
        yield [
            row.number,
            _outcome(row),
            row.latin_name,
            row.arabic_name,
            row.birth_date,
            _details(row),
            woman if woman in visible else "",
        ]


def write_report(job: ImportJob, stream: IO[bytes], actor: User) -> int:
    header = [
        _("Row"),
        _("Outcome"),
        _("Name (Latin script)"),
        _("Name (Arabic script)"),
        _("Date of birth"),
        _("Details"),
        _("File number"),
    ]
    return write_xlsx(
        report_lines(job, actor),
        stream,
        header=header,
        sheet_title=_("Import report"),
        right_to_left=get_language_bidi(),
        widths=REPORT_WIDTHS,
    )
