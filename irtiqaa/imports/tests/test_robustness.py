"""An import that fails, is cancelled or whose worker dies leaves nothing half-written and can be
run again; a long list imports in full; a saved mapping serves the next list; scope holds."""

import datetime
import time
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from irtiqaa.audit.models import AuditEvent
from irtiqaa.beneficiaries.models import Beneficiary, BeneficiaryPhone
from irtiqaa.cases.models import Case
from irtiqaa.conftest import Cast
from irtiqaa.imports import analysis, committing, selectors, services
from irtiqaa.imports.forms import UploadForm
from irtiqaa.imports.models import ColumnMapping, ImportJob, ImportRow
from irtiqaa.imports.tests.conftest import WOMEN, Importer, csv_bytes, rows_of
from irtiqaa.seasons.models import Participation

Status = ImportJob.Status


def registry_state() -> tuple[int, ...]:
    return (
        Beneficiary.objects.count(),
        BeneficiaryPhone.objects.count(),
        Case.objects.count(),
        Participation.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> int:
    """Batches of three rows, so that a ten-row list takes four."""
    monkeypatch.setattr(analysis, "BATCH_ROWS", 3)
    monkeypatch.setattr(committing, "BATCH_ROWS", 3)
    return 3


def test_a_failure_in_the_middle_of_the_import_leaves_nothing_and_can_be_run_again(
    importer: Importer, small_batches: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = importer.check(importer.upload(csv_bytes(WOMEN)))
    before = registry_state()
    real = committing.participations_add_many
    calls = []

    def failing_on_the_second_batch(**kwargs: Any) -> None:
        calls.append(len(kwargs["entries"]))
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        real(**kwargs)

    monkeypatch.setattr(committing, "participations_add_many", failing_on_the_second_batch)
    job = importer.commit(job)

    assert calls == [3, 3]  # the first batch was written, then undone
    assert job.status == Status.FAILED
    assert services.failure_text(job).startswith("The import stopped on an unexpected error")
    assert registry_state() == before
    assert not ImportRow.objects.filter(job=job).exclude(outcome="").exists()
    assert job.chunks.exists()  # nothing is lost: the list can be imported again

    monkeypatch.setattr(committing, "participations_add_many", real)
    services.import_retry(actor=importer.cast.advisor, job=job)
    job.refresh_from_db()
    assert job.status == Status.DONE
    assert job.created_count == 10
    assert Beneficiary.objects.count() == before[0] + 10


def test_cancelling_during_the_import_rolls_it_back_and_keeps_the_decisions(
    importer: Importer, small_batches: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [*WOMEN, WOMEN[0]]  # the last row is the first woman again: decided by the check
    job = importer.check(importer.upload(csv_bytes(rows)))
    before = registry_state()
    real = committing.Commit._batch
    batches = []

    def cancel_after_the_first_batch(self: committing.Commit, batch: list[ImportRow]) -> None:
        real(self, batch)
        batches.append(len(batch))
        if len(batches) == 1:  # she presses "Cancel" while the second batch is prepared
            services.import_cancel(actor=importer.cast.advisor, job=job)

    monkeypatch.setattr(committing.Commit, "_batch", cancel_after_the_first_batch)
    job = importer.commit(job)

    assert batches == [3]
    assert (job.status, job.cancel_requested) == (Status.READY, False)
    assert registry_state() == before
    assert rows_of(job)[12].same_as_row == 2
    assert job.chunks.exists()

    monkeypatch.setattr(committing.Commit, "_batch", real)
    job = importer.commit(job)
    assert (job.status, job.created_count, job.skipped_count) == (Status.DONE, 10, 1)


def test_an_interrupted_import_offers_to_run_it_again(
    importer: Importer, cast: Cast, client: Client
) -> None:
    job = importer.check(importer.upload(csv_bytes(WOMEN[:3])))
    # The worker was killed while importing: its transaction is gone, the status stayed.
    ImportJob.objects.filter(pk=job.pk).update(
        status=Status.COMMITTING,
        consent_method="signed_form",
        consent_text_version="2026-01",
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=30),
    )
    job.refresh_from_db()
    assert services.is_interrupted(job)
    client.force_login(cast.advisor)
    page = client.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert "This import was interrupted" in page
    assert "Run it again" in page
    assert reverse("imports:retry", args=[job.pk]) in page

    response = client.post(reverse("imports:retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.created_count) == (Status.DONE, 3)


def test_an_interrupted_check_is_run_again_from_the_start(importer: Importer) -> None:
    job = importer.check(importer.upload(csv_bytes(WOMEN[:4])))
    # The worker died after its first batch: a few rows stored, the status left running.
    ImportRow.objects.filter(job=job, number__gt=3).delete()
    ImportJob.objects.filter(pk=job.pk).update(
        status=Status.ANALYSING, heartbeat_at=timezone.now() - datetime.timedelta(minutes=30)
    )
    job.refresh_from_db()
    assert services.is_interrupted(job)
    services.import_retry(actor=importer.cast.advisor, job=job)
    job.refresh_from_db()
    assert (job.status, job.rows_read) == (Status.READY, 4)
    assert sorted(rows_of(job)) == [2, 3, 4, 5]
    assert Beneficiary.objects.count() == 0


def test_a_running_import_is_not_taken_for_an_interrupted_one(importer: Importer) -> None:
    job = importer.check(importer.upload(csv_bytes(WOMEN[:3])))
    ImportJob.objects.filter(pk=job.pk).update(
        status=Status.COMMITTING, heartbeat_at=timezone.now()
    )
    job.refresh_from_db()
    assert not services.is_interrupted(job)
    with pytest.raises(services.ValidationError):
        services.import_retry(actor=importer.cast.advisor, job=job)


def test_a_check_that_fails_after_a_cancelled_import_is_checked_again_not_imported(
    importer: Importer, small_batches: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Running again a failed step runs that step: the list she has not seen checked is never
    imported behind her back."""
    job = importer.check(importer.upload(csv_bytes(WOMEN)))
    monkeypatch.setattr(
        committing.Commit,
        "_batch",
        lambda self, batch: services.import_cancel(actor=importer.cast.advisor, job=job),
    )
    job = importer.commit(job)
    monkeypatch.undo()
    assert job.status == Status.READY and job.consent_method  # cancelled import

    def broken_check(job: ImportJob, progress: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "analyse", broken_check)
    job = importer.check(job)  # she matches the columns again
    assert (job.status, job.failure) == (Status.FAILED, "check_error")
    monkeypatch.undo()

    services.import_retry(actor=importer.cast.advisor, job=job)
    job.refresh_from_db()
    assert job.status == Status.READY
    assert Beneficiary.objects.count() == 0


def test_cancelling_a_checked_list_discards_it(importer: Importer) -> None:
    job = importer.check(importer.upload(csv_bytes(WOMEN[:2])))
    job = services.import_cancel(actor=importer.cast.advisor, job=job)
    assert job.status == Status.CANCELLED
    assert not job.chunks.exists()
    with pytest.raises(services.ValidationError):
        importer.commit(job)
    assert Beneficiary.objects.count() == 0


def ten_thousand_rows() -> list[list[str]]:
    """10,000 different women (each born on her own day, her own CIN and phone), a few with
    an impossible date of birth."""
    first = datetime.date(1977, 1, 1)
    names = ["Amina", "Btissam", "Chaimae", "Douae", "Fadoua", "Ghita", "Hajar", "Ikram"]
    rows = []
    for n in range(10_000):
        birth = (first + datetime.timedelta(days=n)).strftime("%d/%m/%Y")
        if n % 1000 == 999:
            birth = "31/02/1990"
        rows.append(
            [
                "Ait " + "".join(chr(ord("a") + int(d)) for d in f"{n:05d}").title(),
                names[n % len(names)],
                "",
                "",
                birth,
                f"X{n:06d}",
                f"06{n:08d}",
                "Mariée",
                str(n % 5),
                "Primaire",
                "",
            ]
        )
    return rows


def test_a_list_of_ten_thousand_rows(importer: Importer) -> None:
    started = time.monotonic()
    data = csv_bytes(ten_thousand_rows())
    job = importer.check(importer.upload(data))
    checked = time.monotonic()
    assert (job.status, job.rows_read, job.error_count) == (Status.READY, 10_000, 10)
    assert selectors.row_counts(job=job)["to_create"] == 9_990

    job = importer.commit(job)
    done = time.monotonic()
    assert job.status == Status.DONE
    assert (job.created_count, job.error_count, job.skipped_count) == (9_990, 10, 0)
    assert Beneficiary.objects.count() == 9_990
    assert Participation.objects.count() == 9_990
    assert Case.objects.count() == 9_990
    print(f"10,000 rows: checked in {checked - started:.1f} s, imported in {done - checked:.1f} s")


def test_a_saved_mapping_is_offered_and_applied_to_the_next_list(
    importer: Importer, cast: Cast
) -> None:
    header = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K"]
    columns = {
        "last_name_latin": "A",
        "first_name_latin": "B",
        "last_name_ar": "C",
        "first_name_ar": "D",
        "birth_date": "E",
        "cin": "F",
        "phones": "G",
        "marital_status": "H",
        "children_count": "I",
    }
    defaults = {"education_level": "none"}
    first = importer.upload(csv_bytes(WOMEN[:2], header))
    assert "birth_date" not in first.columns  # nothing to guess from such headers
    importer.check(first, columns, defaults, save_as="Liste ANAPEC Kénitra")

    mapping = ColumnMapping.objects.get()
    assert (mapping.name, mapping.unit, mapping.columns, mapping.defaults) == (
        "Liste ANAPEC Kénitra",
        cast.kenitra,
        columns,
        defaults,
    )
    for actor in (cast.advisor, cast.coordinator):
        assert list(UploadForm(actor=actor).fields["mapping"].queryset) == [mapping]
    assert list(UploadForm(actor=cast.advisor_settat).fields["mapping"].queryset) == []

    second = importer.upload(csv_bytes(WOMEN[2:5], header), mapping=mapping)
    assert (second.columns, second.defaults) == (columns, defaults)
    second = importer.commit(importer.check(second))
    assert second.created_count == 3
    assert Beneficiary.objects.get(last_name_latin="Bakkali").education_level == "none"


def test_a_coordinator_of_another_region_cannot_see_or_change_the_import(
    importer: Importer, cast: Cast, client: Client
) -> None:
    job = importer.check(importer.upload(csv_bytes([*WOMEN[:2], WOMEN[0]])))
    outsider = cast.coordinator_cs
    with pytest.raises(Http404):
        selectors.import_get(actor=outsider, pk=job.pk)
    assert job not in selectors.import_list(actor=outsider)
    with pytest.raises(PermissionDenied):
        services.import_decide(actor=outsider, job=job, number=4, decision="new")
    with pytest.raises(PermissionDenied):
        services.import_commit(
            actor=outsider, job=job, consent_method="signed_form", text_version="2026-01"
        )
    client.force_login(outsider)
    for name in ("imports:detail", "imports:report", "imports:progress"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404
    assert client.post(reverse("imports:commit", args=[job.pk])).status_code == 404
    # Her own region's coordinator sees it.
    assert selectors.import_get(actor=cast.coordinator, pk=job.pk) == job
