"""Suspected duplicates of an imported list, in the list itself and in the registry: how they are
found and shown, what the advisor decides, and what each decision does once imported."""

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError

from irtiqaa.audit.models import AuditEvent
from irtiqaa.beneficiaries.duplicates import evidence_words
from irtiqaa.beneficiaries.models import Beneficiary, DuplicatePair
from irtiqaa.beneficiaries.services import consent_record
from irtiqaa.conftest import SIGNED, Cast
from irtiqaa.imports import selectors
from irtiqaa.imports.models import ImportJob, ImportRow
from irtiqaa.imports.tests.conftest import (
    WOMEN,
    Importer,
    csv_bytes,
    person,
    rows_of,
    woman_with_cin,
    xlsx_bytes,
)
from irtiqaa.seasons.models import Campaign, Participation
from irtiqaa.seasons.services import CRITERIA_OVERRIDDEN

Status, Decision, Outcome = ImportRow.Status, ImportRow.Decision, ImportRow.Outcome


def evidence(
    row: ImportRow, *, woman: int | None = None, row_number: int | None = None
) -> list[str]:
    for candidate in row.candidates:
        if woman is not None and candidate.get("beneficiary") == woman:
            return evidence_words(candidate["evidence"])
        if row_number is not None and candidate.get("row") == row_number:
            return evidence_words(candidate["evidence"])
    raise AssertionError(f"no such candidate on row {row.number}: {row.candidates}")


def test_the_same_woman_twice_in_the_list_is_imported_once(importer: Importer) -> None:
    rows = [
        list(WOMEN[0]),
        list(WOMEN[1]),
        list(WOMEN[0]),  # the very same row again
        person("Oualy", "Samirah", birth="12/04/1991"),  # another spelling, no CIN
        person("Samira", "Ouali", birth="12/04/1991"),  # first and last names swapped
    ]
    job = importer.check(importer.upload(csv_bytes(rows)))

    found = rows_of(job)
    assert (found[2].status, found[3].status) == (Status.VALID, Status.VALID)
    for number in (4, 5, 6):
        assert found[number].status == Status.DUPLICATE
        assert (found[number].decision, found[number].same_as_row) == (Decision.EXISTING, 2)
    assert evidence(found[4], row_number=2) == [
        "same CIN",
        "same phone",
        "same date of birth",
        "names spelt alike",
    ]
    assert "same date of birth" in evidence(found[5], row_number=2)
    assert "first and last names swapped" in evidence(found[6], row_number=2)
    assert selectors.row_counts(job=job)["undecided"] == 0

    job = importer.commit(job)
    assert (job.created_count, job.skipped_count) == (2, 3)
    assert Beneficiary.objects.filter(last_name_latin="Ouali").count() == 1
    assert {found.outcome_reason for found in ImportRow.objects.filter(job=job, number__gt=3)} == {
        "same_as_row"
    }


def test_a_resembling_row_of_the_list_waits_for_a_decision(importer: Importer) -> None:
    # Same phone, other name and date of birth: perhaps a sister sharing the phone.
    rows = [list(WOMEN[0]), person("Ouali", "Nadia", birth="01/06/1995", phone="0612003004")]
    job = importer.check(importer.upload(csv_bytes(rows)))

    row = rows_of(job)[3]
    assert (row.status, row.decision) == (Status.DUPLICATE, Decision.UNDECIDED)
    assert evidence(row, row_number=2) == ["same phone"]
    with pytest.raises(ValidationError, match="1 possible duplicate still needs a decision"):
        importer.commit(job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY

    importer.decide(job, 3, "new")
    job = importer.commit(job)
    assert job.created_count == 2
    assert Beneficiary.objects.filter(last_name_latin="Ouali").count() == 2


@pytest.fixture
def naima(register: Callable[..., Beneficiary]) -> Beneficiary:
    """A registered woman whose file has her name in Latin script only."""
    return register(
        first_name_latin="Naima",
        last_name_latin="Zaari",
        first_name_ar="",
        last_name_ar="",
        cin="CD445566",
        phones=("0661998877",),
        birth_date=datetime.date(1990, 5, 5),
    )


def registry_list() -> bytes:
    return csv_bytes(
        [
            # Her CIN, her name spelt differently: certain, taken as her.
            person("El Alaoui", "Fatima-Zahra", birth="14/03/1988", cin="AB123456"),
            # Her phone only: someone close to her, perhaps.
            person("Moussaoui", "Khadija", birth="01/01/1980", phone="06 12 34 56 78"),
            # Naima, written in Arabic only: the registry has her in Latin script.
            person("", "", "الزعري", "نعيمة", birth="05/05/1990"),
            # Nobody known.
            list(WOMEN[3]),
        ]
    )


def test_registered_women_are_found_by_cin_phone_and_name_in_either_script(
    importer: Importer, woman: Beneficiary, naima: Beneficiary, outsider_woman: Beneficiary
) -> None:
    job = importer.check(importer.upload(registry_list()))
    found = rows_of(job)

    assert (found[2].status, found[2].decision, found[2].existing_id) == (
        Status.REGISTERED,
        Decision.EXISTING,
        woman.pk,
    )
    assert evidence(found[2], woman=woman.pk)[:2] == ["same CIN", "same date of birth"]
    assert (found[3].status, found[3].decision) == (Status.DUPLICATE, Decision.UNDECIDED)
    assert evidence(found[3], woman=woman.pk) == ["same phone"]
    assert found[4].existing_id == naima.pk
    assert "Arabic and Latin spellings of the same name" in evidence(found[4], woman=naima.pk)
    assert found[5].status == Status.VALID
    counts = selectors.row_counts(job=job)
    assert (counts["registered"], counts["duplicate"], counts["undecided"]) == (2, 1, 1)
    assert counts["to_create"] == 1


def test_a_woman_outside_the_scope_is_never_proposed(
    importer: Importer, outsider_woman: Beneficiary
) -> None:
    row = person("Bennani", "Khadija", "بناني", "خديجة", "02/07/1979", phone="0661000000")
    job = importer.check(importer.upload(csv_bytes([row])))
    assert rows_of(job)[2].candidates == []


def test_each_decision_and_what_it_does_at_the_import(
    importer: Importer,
    woman: Beneficiary,
    naima: Beneficiary,
    campaign: Campaign,
    cast: Cast,
) -> None:
    job = importer.check(importer.upload(registry_list()))
    women_before = Beneficiary.objects.count()
    with pytest.raises(ValidationError):
        importer.decide(job, 3, "woman:999999")  # not one of the proposed women
    with pytest.raises(ValidationError):
        importer.decide(job, 5, "new")  # a row with no suspected duplicate

    importer.decide(job, 3, "skip")
    importer.decide(job, 4, "new")  # she says it is someone else after all
    importer.decide(job, 4, f"woman:{naima.pk}")  # ... then changes her mind
    job = importer.commit(job)

    found = rows_of(job)
    assert [found[n].outcome for n in (2, 3, 4, 5)] == [
        Outcome.UPDATED,
        Outcome.SKIPPED,
        Outcome.UPDATED,
        Outcome.CREATED,
    ]
    assert found[3].outcome_reason == "decision_skip"
    assert (job.created_count, job.updated_count, job.skipped_count) == (1, 2, 1)
    assert Beneficiary.objects.count() == women_before + 1
    # Existing women are entered in the campaign; the file of the one known in Latin only gets
    # her Arabic name from the list, nothing she had is overwritten.
    assert set(
        Participation.objects.filter(campaign=campaign).values_list("beneficiary_id", flat=True)
    ) == {woman.pk, naima.pk, found[5].beneficiary_id}
    naima.refresh_from_db()
    assert (naima.first_name_ar, naima.last_name_ar) == ("نعيمة", "الزعري")
    assert naima.first_name_latin == "Naima"
    woman.refresh_from_db()
    assert woman.first_name_latin == "Fatima Zahra"  # not the list's "Fatima-Zahra"
    assert found[2].beneficiary_id == woman.pk
    assert ImportRow.objects.get(job=job, number=2).decided_by is None  # decided by the check
    assert ImportRow.objects.get(job=job, number=4).decided_by == cast.advisor


def test_a_row_taken_as_a_new_woman_with_a_registered_cin_is_refused_at_the_import(
    importer: Importer, woman: Beneficiary
) -> None:
    # Her CIN on somebody else's name: not similar enough to be taken as her.
    row = person("Moussaoui", "Khadija", birth="01/01/1980", cin="AB123456")
    job = importer.check(importer.upload(csv_bytes([row, list(WOMEN[1])])))
    assert rows_of(job)[2].status == Status.DUPLICATE
    importer.decide(job, 2, "new")
    job = importer.commit(job)

    assert (job.created_count, job.error_count) == (1, 1)
    row_found = rows_of(job)[2]
    assert (row_found.outcome, row_found.outcome_reason) == (Outcome.ERROR, "cin_other_woman")
    assert Beneficiary.objects.filter(last_name_latin="Moussaoui").count() == 0


def test_importing_the_same_list_again_creates_nothing(importer: Importer) -> None:
    data = xlsx_bytes(WOMEN)
    first = importer.run(data, "liste.xlsx")
    assert first.created_count == 10
    women = Beneficiary.objects.count()
    seasons = Participation.objects.count()

    again = importer.run(data, "liste.xlsx")
    assert again.status == ImportJob.Status.DONE
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 10)
    assert {row.status for row in ImportRow.objects.filter(job=again)} == {Status.REGISTERED}
    assert Beneficiary.objects.count() == women
    assert Participation.objects.count() == seasons
    assert woman_with_cin("GH112233").phones.count() == 1


def test_a_registered_woman_who_withdrew_her_consent_is_left_untouched(
    importer: Importer, woman: Beneficiary, campaign: Campaign, cast: Cast
) -> None:
    consent_record(
        actor=cast.advisor,
        beneficiary=woman,
        purpose="accompaniment",
        given=False,
        consent=SIGNED,
    )
    row = person(
        "El Alaoui", "Fatima Zahra", birth="14/03/1988", cin="AB123456", phone="0699887766"
    )
    job = importer.run(csv_bytes([row]))

    found = rows_of(job)[2]
    assert (found.outcome, found.outcome_reason) == (Outcome.ERROR, "consent_withdrawn")
    assert job.error_count == 1
    assert not Participation.objects.filter(beneficiary=woman).exists()
    assert woman.phones.count() == 1  # the list's phone was not added


def test_a_woman_outside_the_campaign_criteria_is_imported_with_a_warning(
    importer: Importer, campaign: Campaign
) -> None:
    row = person("Tazi", "Hanane", birth="07/07/1960", cin="GH445566")
    job = importer.check(importer.upload(csv_bytes([row])))
    found = rows_of(job)[2]
    assert (found.status, found.warnings) == (Status.VALID, ["too_old"])
    assert selectors.row_counts(job=job)["warnings"] == 1

    job = importer.commit(job)
    assert job.created_count == 1
    season = Participation.objects.get(campaign=campaign)
    event = AuditEvent.objects.get(object_type="seasons.participation", object_id=str(season.pk))
    assert CRITERIA_OVERRIDDEN in event.changed_fields


def test_a_row_taken_as_a_new_woman_is_never_proposed_again_as_her_duplicate(
    importer: Importer, woman: Beneficiary, naima: Beneficiary
) -> None:
    job = importer.check(importer.upload(registry_list()))
    importer.decide(job, 4, "new")  # "it is not Naima": another woman
    importer.decide(job, 3, "skip")
    job = importer.commit(job)

    newcomer = rows_of(job)[4].beneficiary_id
    assert newcomer is not None and newcomer != naima.pk
    pair = DuplicatePair.objects.get(
        first_id=min(newcomer, naima.pk), second_id=max(newcomer, naima.pk)
    )
    assert pair.status == DuplicatePair.Status.NOT_DUPLICATE
    assert job.file_name in pair.note
