"""What happens when people and workers act on the same import at the same time: the state moves
only from the state each one saw, whoever confirms is the one recorded, a decision never reaches
a woman the decider may not see."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from irtiqaa.beneficiaries.models import Beneficiary, Consent, DuplicatePair
from irtiqaa.conftest import Cast
from irtiqaa.imports import analysis, committing, services
from irtiqaa.imports.models import ImportJob, ImportRow, ImportRowKey
from irtiqaa.imports.tests.conftest import WOMEN, Importer, csv_bytes, person, rows_of

Status = ImportJob.Status


def test_a_cancel_asked_during_the_last_batch_of_the_check_is_not_lost(
    importer: Importer, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = importer.upload(csv_bytes(WOMEN[:3]))
    real = analysis.analyse

    def analyse_then_cancel(job: ImportJob, progress: Any) -> None:
        real(job, progress)
        ImportJob.objects.filter(pk=job.pk).update(cancel_requested=True)  # clicked meanwhile

    monkeypatch.setattr(services, "analyse", analyse_then_cancel)
    job = importer.check(job)

    assert job.status == Status.CANCELLED
    assert not ImportRow.objects.filter(job=job).exists()
    assert not ImportRowKey.objects.filter(job=job).exists()


def test_a_cancel_asked_during_the_last_batch_of_the_import_imports_nothing(
    importer: Importer, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = importer.check(importer.upload(csv_bytes(WOMEN[:3])))
    women_before = Beneficiary.objects.count()
    real = committing.Commit._batch

    def batch_then_cancel(self: committing.Commit, batch: list[ImportRow]) -> None:
        real(self, batch)
        # Asked after the last check between batches: the import must not end as done.
        ImportJob.objects.filter(pk=self.job.pk).update(cancel_requested=True)

    monkeypatch.setattr(committing.Commit, "_batch", batch_then_cancel)
    job = importer.commit(job)

    assert job.status == Status.READY  # back to the checked list, decisions kept
    assert Beneficiary.objects.count() == women_before
    assert not ImportRow.objects.filter(job=job).exclude(outcome="").exists()


def test_the_colleague_who_confirms_the_consent_is_recorded_as_its_recorder(
    importer: Importer, cast: Cast
) -> None:
    job = importer.check(importer.upload(csv_bytes(WOMEN[:2])))
    job = importer.commit(job, actor=cast.coordinator)

    assert job.committed_by == cast.coordinator
    woman = Beneficiary.objects.get(pk=rows_of(job)[2].beneficiary_id)
    assert woman.consents.get().recorded_by == cast.coordinator
    assert woman.registered_by == cast.coordinator


def test_a_decision_cannot_name_a_woman_the_decider_does_not_see(
    importer: Importer, cast: Cast, outsider_woman: Beneficiary
) -> None:
    # National staff checked the list: a Settat woman was proposed for a Kénitra row.
    row = person(
        outsider_woman.last_name_latin,
        outsider_woman.first_name_latin,
        birth=outsider_woman.birth_date.strftime("%d/%m/%Y"),
    )
    job = importer.check(
        importer.upload(csv_bytes([row]), actor=cast.national), actor=cast.national
    )
    assert rows_of(job)[2].candidates[0]["beneficiary"] == outsider_woman.pk

    with pytest.raises(ValidationError):
        importer.decide(job, 2, f"woman:{outsider_woman.pk}")  # the Kénitra advisor


def test_rows_turned_into_new_women_are_counted_as_new(
    importer: Importer, woman: Beneficiary
) -> None:
    from irtiqaa.imports import selectors

    row = person(
        woman.last_name_latin,
        woman.first_name_latin,
        birth=woman.birth_date.strftime("%d/%m/%Y"),
        cin=woman.cin,
    )
    job = importer.check(importer.upload(csv_bytes([row])))
    assert rows_of(job)[2].status == ImportRow.Status.REGISTERED
    assert selectors.row_counts(job=job)["to_create"] == 0

    importer.decide(job, 2, "new")
    assert selectors.row_counts(job=job)["to_create"] == 1


def test_two_rows_said_to_be_two_women_are_never_proposed_again(importer: Importer) -> None:
    # Sisters sharing a phone.
    rows = [
        person("Ouali", "Samira", birth="12/04/1991", phone="0612003004"),
        person("Ouali", "Nadia", birth="01/06/1995", phone="0612003004"),
    ]
    job = importer.check(importer.upload(csv_bytes(rows)))
    importer.decide(job, 3, "new")
    job = importer.commit(job)

    found = rows_of(job)
    first, second = found[2].beneficiary_id, found[3].beneficiary_id
    assert first and second
    pair = DuplicatePair.objects.get(first_id=min(first, second), second_id=max(first, second))
    assert pair.status == DuplicatePair.Status.NOT_DUPLICATE


def test_a_woman_merged_since_the_check_is_completed_in_the_file_kept(
    importer: Importer, woman: Beneficiary, register: Any
) -> None:
    naima = register(first_name_latin="Naima", last_name_latin="Zaari", cin="NZ123456")
    row = person(
        woman.last_name_latin,
        woman.first_name_latin,
        birth=woman.birth_date.strftime("%d/%m/%Y"),
        cin=woman.cin,
    )
    job = importer.check(importer.upload(csv_bytes([row])))
    importer.decide(job, 2, f"woman:{woman.pk}")
    Beneficiary.objects.filter(pk=woman.pk).update(merged_into=naima)

    job = importer.commit(job)

    assert rows_of(job)[2].beneficiary_id == naima.pk
    assert rows_of(job)[2].outcome == ImportRow.Outcome.UPDATED


def test_the_command_refuses_a_consent_method_it_does_not_know(
    tmp_path: Any, cast: Cast, campaign: Any
) -> None:
    path = tmp_path / "liste.csv"
    path.write_bytes(csv_bytes(WOMEN[:1]))
    with pytest.raises(CommandError, match="consent"):
        call_command(
            "import_beneficiaries",
            str(path),
            "--campaign",
            str(campaign.pk),
            "--user",
            cast.advisor.username,
            "--consent-method",
            "carrier-pigeon",
        )
    assert not Consent.objects.filter(method="carrier-pigeon").exists()


def test_a_cin_on_two_rows_in_two_batches_is_reported_as_repeated_in_the_list(
    importer: Importer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(committing, "BATCH_ROWS", 1)  # each row in its own batch
    rows = [
        person("Ouali", "Samira", birth="12/04/1991", cin="GH112233"),
        person("Haddou", "Rachida", birth="03/11/1987", cin="GH112233"),
    ]
    job = importer.check(importer.upload(csv_bytes(rows)))
    importer.decide(job, 3, "new")  # "another woman" despite the same CIN
    job = importer.commit(job)

    found = rows_of(job)
    assert found[2].outcome == ImportRow.Outcome.CREATED
    assert (found[3].outcome, found[3].outcome_reason) == (ImportRow.Outcome.ERROR, "cin_in_file")


def test_the_women_created_are_handed_to_the_registry_wide_detection(
    importer: Importer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from irtiqaa.beneficiaries import tasks

    handed: list[list[int]] = []

    class Queue:
        def enqueue(self, ids: list[int]) -> None:
            handed.append(ids)

    monkeypatch.setattr(tasks, "detect_duplicates_task", Queue())
    monkeypatch.setattr(committing, "DETECTION_CHUNK", 2)
    job = importer.run(csv_bytes(WOMEN[:3]))

    created = sorted(r.beneficiary_id for r in rows_of(job).values() if r.beneficiary_id)
    assert [len(chunk) for chunk in handed] == [2, 1]
    assert sorted(pk for chunk in handed for pk in chunk) == created
