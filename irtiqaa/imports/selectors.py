"""Reads of the import pipeline. An import is seen by whoever sees its agency."""

from django.db.models import Q, QuerySet
from django.http import Http404

from irtiqaa.accounts.models import User
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.selectors import beneficiaries_in_scope
from irtiqaa.imports.models import ColumnMapping, ImportJob, ImportRow
from irtiqaa.organisations.scope import ancestor_paths, casework_prefix

ROW_VIEWS = {
    "decide": Q(status__in=(ImportRow.Status.DUPLICATE, ImportRow.Status.REGISTERED)),
    "errors": Q(status=ImportRow.Status.INVALID) | Q(outcome=ImportRow.Outcome.ERROR),
    "warnings": ~Q(warnings=[]),
    "all": Q(),
}


def imports_in_scope(actor: User) -> QuerySet[ImportJob]:
    prefix = casework_prefix(actor)
    if prefix is None:
        return ImportJob.objects.none()
    return ImportJob.objects.filter(agency__path__startswith=prefix)


def import_list(*, actor: User) -> QuerySet[ImportJob]:
    return imports_in_scope(actor).select_related("agency", "campaign", "created_by")


def import_get(*, actor: User, pk: int) -> ImportJob:
    try:
        return (
            imports_in_scope(actor)
            .select_related("agency", "campaign", "created_by", "assigned_advisor")
            .get(pk=pk)
        )
    except (ImportJob.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def import_rows(*, actor: User, job: ImportJob, view: str = "all") -> QuerySet[ImportRow]:
    """The checked rows of an import the actor sees (the caller fetched it with import_get)."""
    rows = ImportRow.objects.filter(job=job).filter(ROW_VIEWS.get(view, Q())).defer("data")
    if view == "decide":  # what still needs her decision first
        return rows.order_by("decision", "number")
    return rows.order_by("number")


def row_counts(*, job: ImportJob) -> dict[str, int]:
    rows = ImportRow.objects.filter(job=job)
    counts = {status: rows.filter(status=status).count() for status in ImportRow.Status.values}
    counts["undecided"] = rows.filter(status=ImportRow.Status.DUPLICATE, decision="").count()
    counts["decide"] = counts[ImportRow.Status.DUPLICATE] + counts[ImportRow.Status.REGISTERED]
    counts["warnings"] = rows.exclude(warnings=[]).count()
    counts["to_create"] = (
        counts[ImportRow.Status.VALID]
        + rows.filter(
            status__in=(ImportRow.Status.DUPLICATE, ImportRow.Status.REGISTERED),
            decision=ImportRow.Decision.NEW,
        ).count()
    )
    return counts


def candidate_women(*, actor: User, rows: list[ImportRow]) -> dict[int, Beneficiary]:
    """The registered women proposed as duplicates on these rows, those the actor still sees."""
    ids = {c["beneficiary"] for row in rows for c in row.candidates if "beneficiary" in c}
    ids |= {row.existing_id for row in rows if row.existing_id}
    return beneficiaries_in_scope(actor).select_related("province", "home_agency").in_bulk(ids)


def earlier_rows(*, job: ImportJob, rows: list[ImportRow]) -> dict[int, ImportRow]:
    numbers = {c["row"] for row in rows for c in row.candidates if "row" in c}
    return {
        row.number: row
        for row in ImportRow.objects.filter(job=job, number__in=numbers).defer("data")
    }


def mappings_available(*, actor: User) -> QuerySet[ColumnMapping]:
    """Saved column mappings of the actor's unit, of the units above it and of those below."""
    prefix = casework_prefix(actor)
    if prefix is None:
        return ColumnMapping.objects.none()
    return ColumnMapping.objects.filter(
        Q(unit__path__in=ancestor_paths(prefix)) | Q(unit__path__startswith=prefix)
    )
