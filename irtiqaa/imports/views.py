import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import OperationalError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from irtiqaa.audit.models import AuditEvent
from irtiqaa.audit.services import audit_record
from irtiqaa.beneficiaries.duplicates import evidence_words
from irtiqaa.imports import selectors, services, values
from irtiqaa.imports.fields import (
    OUTCOME_REASONS,
    TARGET_FIELDS,
    encoding_name,
    problem_texts,
    warning_texts,
)
from irtiqaa.imports.forms import CommitForm, MappingForm, UploadForm
from irtiqaa.imports.models import ImportJob, ImportRow
from irtiqaa.imports.reading import ImportFileError, open_table, sample_rows
from irtiqaa.imports.report import write_report
from irtiqaa.imports.storage import open_stored
from irtiqaa.lib.decorators import AuthedRequest, casework_required
from irtiqaa.lib.errors import EditConflict
from irtiqaa.lib.forms import add_service_errors, conflict_message, posted_version

PAGE_SIZE = 50
# A service's error on a field of the registry shows on the form's column choice for it.
COLUMN_FIELDS = {name: f"col_{name}" for name in TARGET_FIELDS}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _detail_url(job: ImportJob) -> str:
    return reverse("imports:detail", kwargs={"pk": job.pk})


@casework_required
def import_list(request: AuthedRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = services.import_start(
                actor=request.user,
                stream=upload,
                file_name=upload.name,
                file_size=upload.size,
                campaign=form.cleaned_data["campaign"],
                agency=form.cleaned_data["agency"],
                advisor=form.cleaned_data["advisor"],
                mapping=form.cleaned_data["mapping"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("imports:mapping", pk=job.pk)
    jobs = Paginator(selectors.import_list(actor=request.user), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "imports/list.html", {"form": form, "page": jobs, "nav": "imports"})


def _samples(job: ImportJob) -> list[list[str]]:
    try:
        table = open_table(open_stored(job), job.file_name)
    except ImportFileError:
        return []
    return [[values.text(v) for v in row.values] for row in sample_rows(table, 5)]


@casework_required
def import_mapping(request: AuthedRequest, pk: int) -> HttpResponse:
    job = selectors.import_get(actor=request.user, pk=pk)
    if job.status not in (ImportJob.Status.MAPPING, ImportJob.Status.READY):
        return redirect(_detail_url(job))
    form = MappingForm(
        request.POST or None,
        headers=job.headers,
        initial=MappingForm.initial_from(job.columns, job.defaults),
    )
    version = job.version
    if request.method == "POST" and form.is_valid():
        try:
            services.import_set_mapping(
                actor=request.user,
                job=job,
                columns=form.columns(),
                defaults=form.defaults(),
                expected_version=posted_version(request),
                save_as=form.cleaned_data["save_as"],
            )
        except EditConflict:
            form.add_error(None, conflict_message())
            version = ImportJob.objects.get(pk=job.pk).version
        except ValidationError as error:
            add_service_errors(form, error, COLUMN_FIELDS)
        else:
            return redirect(_detail_url(job))
    return render(
        request,
        "imports/mapping.html",
        {
            "job": job,
            "form": form,
            "version": version,
            "samples": _samples(job),
            "encoding": encoding_name(job.encoding) if job.encoding else "",
            "nav": "imports",
        },
    )


def _progress_context(job: ImportJob) -> dict[str, Any]:
    return {
        "job": job,
        "interrupted": services.is_interrupted(job),
        "waiting": services.is_waiting(job),
    }


def _row_context(actor: Any, job: ImportJob, rows: list[ImportRow]) -> list[dict[str, Any]]:
    women = selectors.candidate_women(actor=actor, rows=rows)
    earlier = selectors.earlier_rows(job=job, rows=rows)
    shown = []
    for row in rows:
        candidates = []
        for candidate in row.candidates:
            entry = {
                "score": round(candidate["score"] * 100),
                "evidence": evidence_words(candidate["evidence"]),
            }
            if "beneficiary" in candidate:
                woman = women.get(candidate["beneficiary"])
                if woman is None:
                    continue
                entry.update(woman=woman, value=f"woman:{woman.pk}")
                entry["chosen"] = row.existing_id == woman.pk
            else:
                entry.update(row=earlier.get(candidate["row"]), value=f"row:{candidate['row']}")
                entry["number"] = candidate["row"]
                entry["chosen"] = row.same_as_row == candidate["row"]
            candidates.append(entry)
        shown.append(
            {
                "row": row,
                "candidates": candidates,
                "problems": problem_texts(row.problems),
                "warnings": warning_texts(row.warnings),
                "reason": OUTCOME_REASONS.get(row.outcome_reason, ""),
            }
        )
    return shown


def _detail_context(
    request: AuthedRequest, job: ImportJob, commit_form: CommitForm | None = None
) -> dict[str, Any]:
    context: dict[str, Any] = {
        **_progress_context(job),
        "failure": services.failure_text(job),
        "nav": "imports",
    }
    if job.status in (ImportJob.Status.READY, ImportJob.Status.DONE):
        counts = selectors.row_counts(job=job)
        default_view = "decide" if counts["undecided"] else "errors"
        view = request.GET.get("show", default_view)
        if view not in selectors.ROW_VIEWS:
            view = default_view
        page = Paginator(
            selectors.import_rows(actor=request.user, job=job, view=view), PAGE_SIZE
        ).get_page(request.GET.get("page"))
        context.update(
            counts=counts,
            view=view,
            page=page,
            rows=_row_context(request.user, job, list(page.object_list)),
            commit_form=commit_form or CommitForm(),
        )
    return context


@casework_required
def import_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    job = selectors.import_get(actor=request.user, pk=pk)
    return render(request, "imports/detail.html", _detail_context(request, job))


@casework_required
def import_progress(request: AuthedRequest, pk: int) -> HttpResponse:
    """The progress bar, polled by the page while a step runs; reloads the page when it ends."""
    job = selectors.import_get(actor=request.user, pk=pk)
    response = render(request, "imports/_progress.html", _progress_context(job))
    if job.status not in ImportJob.RUNNING and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@require_POST
@casework_required
def import_decide(request: AuthedRequest, pk: int, number: int) -> HttpResponse:
    job = selectors.import_get(actor=request.user, pk=pk)
    error = ""
    try:
        services.import_decide(
            actor=request.user, job=job, number=number, decision=request.POST.get("decision", "")
        )
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(f"{_detail_url(job)}?show=decide&page={request.POST.get('page', '')}")
    row = ImportRow.objects.defer("data").get(job=job, number=number)
    # The row, and out of band the counts and the import section: once the last duplicate is
    # decided, the consent form shows without reloading the page.
    return render(
        request,
        "imports/_decided.html",
        {
            "job": job,
            "item": _row_context(request.user, job, [row])[0],
            "error": error,
            "counts": selectors.row_counts(job=job),
            "commit_form": CommitForm(),
            "page_number": request.POST.get("page", ""),
        },
    )


@require_POST
@casework_required
def import_skip_undecided(request: AuthedRequest, pk: int) -> HttpResponse:
    job = selectors.import_get(actor=request.user, pk=pk)
    try:
        count = services.import_skip_undecided(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext("%(count)d row will be skipped.", "%(count)d rows will be skipped.", count)
            % {"count": count},
        )
    return redirect(_detail_url(job))


@require_POST
@casework_required
def import_commit(request: AuthedRequest, pk: int) -> HttpResponse:
    job = selectors.import_get(actor=request.user, pk=pk)
    if job.status != ImportJob.Status.READY:  # its page shows no consent form to correct
        messages.error(request, _("This import can no longer be changed."))
        return redirect(_detail_url(job))
    form = CommitForm(request.POST)
    if form.is_valid():
        try:
            services.import_commit(
                actor=request.user,
                job=job,
                consent_method=form.cleaned_data["consent_method"],
                text_version=form.cleaned_data["consent_text_version"],
                witness_name=form.cleaned_data["witness_name"],
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):  # the list changed meanwhile: the page says how
                messages.error(request, " ".join(error.messages))
                return redirect(_detail_url(job))
            add_service_errors(form, error)
        else:
            return redirect(_detail_url(job))
    # The form again, with her answers and the errors beside their fields; the first field to
    # correct takes the focus, which brings her to the form at the foot of the page.
    first = next((name for name in form.fields if name in form.errors), None)
    if first:
        form.fields[first].widget.attrs["autofocus"] = True
    return render(request, "imports/detail.html", _detail_context(request, job, form), status=400)


@require_POST
@casework_required
def import_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    job = selectors.import_get(actor=request.user, pk=pk)
    try:
        job = services.import_cancel(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except OperationalError:  # SQLite: the import holds the database until it is saved
        messages.error(request, _("The list is being saved: it can no longer be cancelled."))
    else:
        if job.status == ImportJob.Status.CANCELLED:
            messages.success(request, _("The import is cancelled: nothing was imported."))
        else:
            messages.info(request, _("The import stops at its next step."))
    return redirect(_detail_url(job))


@require_POST
@casework_required
def import_retry(request: AuthedRequest, pk: int) -> HttpResponse:
    job = selectors.import_get(actor=request.user, pk=pk)
    try:
        services.import_retry(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except OperationalError:  # SQLite: a step still holds the database
        messages.error(request, _("The list is being saved: try again in a moment."))
    return redirect(_detail_url(job))


@casework_required
def import_report(request: AuthedRequest, pk: int) -> HttpResponse:
    job = selectors.import_get(actor=request.user, pk=pk)
    buffer = io.BytesIO()
    write_report(job, buffer, request.user)
    audit_record(
        actor=request.user, action=AuditEvent.Action.EXPORT, obj=job, changed_fields=["report"]
    )
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-report.xlsx"'
    return response
