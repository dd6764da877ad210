"""The import pages, as the advisor goes through them: upload, columns, preview and decisions,
progress, import and report."""

import html as html_lib
import io
import re
from typing import Any

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from irtiqaa.audit.models import AuditEvent
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.conftest import Cast
from irtiqaa.imports.models import ImportJob, ImportRow
from irtiqaa.imports.tests.conftest import WOMEN, Importer, csv_bytes, person
from irtiqaa.seasons.models import Campaign

HTMX = {"HTTP_HX_REQUEST": "true"}


def upload(client: Client, cast: Cast, campaign: Campaign, data: bytes, name: str) -> Any:
    return client.post(
        reverse("imports:list"),
        {
            "file": SimpleUploadedFile(name, data, content_type="text/csv"),
            "campaign": campaign.pk,
            "agency": cast.kenitra.pk,
            "advisor": cast.advisor.pk,
            "mapping": "",
        },
    )


def selected(html: str, field: str) -> str:
    """The value chosen in a <select> of the page."""
    select = re.search(rf'<select name="{field}"[^>]*>(.*?)</select>', html, re.S)
    assert select, field
    chosen = re.search(r'<option value="([^"]*)"[^>]*\bselected\b', select.group(1))
    return html_lib.unescape(chosen.group(1)) if chosen else ""


def mapping_post(html: str, version: int, **changes: str) -> dict[str, str]:
    """The mapping form as shown, with a few changes."""
    data = {name: selected(html, name) for name in re.findall(r'<select name="([a-z_]+)"', html)}
    data.update(version=str(version), save_as="", **changes)
    return data


@pytest.fixture
def advisor_client(client: Client, cast: Cast) -> Client:
    client.force_login(cast.advisor)
    return client


def test_upload_columns_preview_decisions_import_and_report(
    advisor_client: Client, cast: Cast, campaign: Campaign, woman: Beneficiary
) -> None:
    client = advisor_client
    page = client.get(reverse("imports:list")).content.decode()
    assert selected(page, "agency") == str(cast.kenitra.pk)
    assert selected(page, "advisor") == str(cast.advisor.pk)

    rows = [
        list(WOMEN[0]),
        person("Moussaoui", "Khadija", birth="01/01/1980", phone="06 12 34 56 78"),
        list(WOMEN[1]),
        person("Ouali", "Nadia", birth="01/06/1995", phone="0612003004"),
    ]
    response = upload(client, cast, campaign, csv_bytes(rows, delimiter=";"), "recrues.csv")
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:mapping", args=[job.pk])

    # The columns: the first rows of the list, and the guessed columns already chosen.
    page = client.get(response["Location"]).content.decode()
    assert "Ouali" in page and "Moussaoui" in page and "12/04/1991" in page
    assert selected(page, "col_last_name_latin") == "Nom"
    assert selected(page, "col_birth_date") == "Date de naissance"
    assert selected(page, "col_phones") == "Téléphone"
    assert selected(page, "col_commune") == ""

    # Without the date of birth the form comes back with the error on that field.
    data = mapping_post(page, job.version, col_birth_date="")
    response = client.post(reverse("imports:mapping", args=[job.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["col_birth_date"] == [
        "Choose the column of the date of birth."
    ]
    job.refresh_from_db()
    assert job.status == ImportJob.Status.MAPPING

    response = client.post(reverse("imports:mapping", args=[job.pk]), mapping_post(page, 1))
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY

    # The preview opens on the duplicates to decide, with their evidence.
    response = client.get(response["Location"])
    page = response.content.decode()
    assert response.context["view"] == "decide"
    counts = response.context["counts"]
    assert (counts["to_create"], counts["duplicate"], counts["undecided"]) == (2, 2, 2)
    assert "same phone" in page
    assert woman.display_name in page
    assert reverse("beneficiaries:file", args=[woman.pk]) in page
    assert "It is the woman on row 2:" in page
    assert 'name="decision" value="new"' in page
    assert reverse("imports:commit", args=[job.pk]) not in page  # decisions first

    # A decision, sent by HTMX when a choice is clicked: the row comes back, decided.
    decide = reverse("imports:decide", args=[job.pk, 3])
    response = client.post(decide, {"decision": "skip", "page": "1"}, **HTMX)
    fragment = response.content.decode()
    assert response.status_code == 200
    assert fragment.startswith('<article class="card import-row" id="row-3">')
    assert "<html" not in fragment
    assert 'value="skip" checked' in fragment
    # With it, the counts of the page, one fewer to decide, and the import still waiting.
    counts_html = fragment[fragment.index('id="import-counts"') :]
    assert 'hx-swap-oob="true"' in counts_html
    assert "1 to decide" in counts_html
    assert "1 possible duplicate still needs a decision." in fragment
    assert reverse("imports:commit", args=[job.pk]) not in fragment
    assert ImportRow.objects.get(job=job, number=3).decision == "skip"
    # A decision that is not one of the answers is refused on the row itself.
    response = client.post(decide, {"decision": "woman:999999"}, **HTMX)
    assert "Choose one of the proposed answers." in response.content.decode()
    assert ImportRow.objects.get(job=job, number=3).decision == "skip"
    # Without JavaScript the form posts and comes back to the page.
    response = client.post(
        reverse("imports:decide", args=[job.pk, 5]), {"decision": "row:2", "page": "1"}
    )
    assert response.status_code == 302
    assert ImportRow.objects.get(job=job, number=5).same_as_row == 2

    # The import asks for the consent confirmation; without it the form comes back, at the
    # foot of the page, with her answers and the error beside the box.
    page = client.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert reverse("imports:commit", args=[job.pk]) in page
    consent = {"consent_method": "signed_form", "consent_text_version": "2026-01"}
    response = client.post(
        reverse("imports:commit", args=[job.pk]), {**consent, "witness_name": "Nadia Alaoui"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert response.context["commit_form"].errors["confirm"] == [
        "Tick this box to confirm that each woman has given her consent."
    ]
    assert re.search(r'<input type="checkbox" name="confirm"[^>]* autofocus', page)
    assert 'value="Nadia Alaoui"' in page
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY
    assert not Beneficiary.objects.filter(last_name_latin="Ouali").exists()

    response = client.post(reverse("imports:commit", args=[job.pk]), {**consent, "confirm": "on"})
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.created_count, job.skipped_count) == ("done", 2, 2)
    page = client.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert "Women created" in page

    # The report, as a spreadsheet, its download recorded as an export.
    response = client.get(reverse("imports:report", args=[job.pk]))
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert f"import-{job.pk}-report.xlsx" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == [2, 3, 4, 5]
    event = AuditEvent.objects.filter(action="export").get()
    assert (event.object_type, event.object_id, event.actor) == (
        "imports.importjob",
        str(job.pk),
        cast.advisor,
    )


def test_a_file_that_is_not_a_list_is_refused_on_the_upload_form(
    advisor_client: Client, cast: Cast, campaign: Campaign
) -> None:
    response = upload(advisor_client, cast, campaign, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "l.pdf")
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "This file is neither a CSV nor an XLSX spreadsheet."
    ]
    assert not ImportJob.objects.exists()


def test_the_progress_fragment_polls_while_running_and_reloads_the_page_once_finished(
    advisor_client: Client, importer: Importer
) -> None:
    job = importer.upload(csv_bytes(WOMEN[:2]))
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.ANALYSING,
        progress_done=1,
        progress_total=4,
        heartbeat_at=timezone.now(),
    )
    url = reverse("imports:progress", args=[job.pk])
    response = advisor_client.get(url, **HTMX)
    assert "HX-Refresh" not in response
    fragment = response.content.decode()
    assert f'hx-get="{url}"' in fragment
    assert 'value="25"' in fragment and "1 of 4 rows" in fragment

    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.READY)
    response = advisor_client.get(url, **HTMX)
    assert response["HX-Refresh"] == "true"
    assert "hx-get" not in response.content.decode()


def test_cancelling_from_the_page(advisor_client: Client, importer: Importer) -> None:
    job = importer.check(importer.upload(csv_bytes(WOMEN[:2])))
    response = advisor_client.post(reverse("imports:cancel", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CANCELLED
    page = advisor_client.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert "This import was cancelled: nothing was imported." in page


def test_the_list_of_imports_shows_those_of_her_scope(
    advisor_client: Client, importer: Importer, cast: Cast
) -> None:
    mine = importer.upload(csv_bytes(WOMEN[:1]), "kenitra.csv")
    importer.upload(csv_bytes(WOMEN[1:2]), "settat.csv", actor=cast.advisor_settat)
    page = advisor_client.get(reverse("imports:list")).content.decode()
    assert reverse("imports:detail", args=[mine.pk]) in page
    assert "kenitra.csv" in page and "settat.csv" not in page


def test_columns_matched_meanwhile_by_someone_else_are_not_overwritten(
    advisor_client: Client, importer: Importer
) -> None:
    job = importer.upload(csv_bytes(WOMEN[:2]))
    url = reverse("imports:mapping", args=[job.pk])
    page = advisor_client.get(url).content.decode()
    importer.check(job)  # a colleague matched the columns and started the check
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY

    response = advisor_client.post(url, mapping_post(page, 1, col_cin=""))
    assert response.status_code == 200
    assert "Someone else saved this record" in response.content.decode()
    job.refresh_from_db()
    assert job.columns["cin"] == "CIN"


def test_the_last_decision_shows_the_import_form_without_reloading_the_page(
    advisor_client: Client, importer: Importer
) -> None:
    rows = [WOMEN[0], person("Ouali", "Nadia", birth="01/06/1995", phone="0612003004")]
    job = importer.check(importer.upload(csv_bytes(rows)))
    page = advisor_client.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert "1 to decide" in page
    assert reverse("imports:commit", args=[job.pk]) not in page

    response = advisor_client.post(
        reverse("imports:decide", args=[job.pk, 3]), {"decision": "new", "page": "1"}, **HTMX
    )
    fragment = response.content.decode()
    assert "to decide" not in fragment
    commit = fragment[fragment.index('id="import-commit"') :]
    assert 'hx-swap-oob="true"' in commit
    assert reverse("imports:commit", args=[job.pk]) in commit
    assert "2 women will be registered in" in commit


def test_an_import_waiting_for_its_columns_can_be_cancelled(
    advisor_client: Client, importer: Importer
) -> None:
    job = importer.upload(csv_bytes(WOMEN[:2]))
    cancel = reverse("imports:cancel", args=[job.pk])
    for url in (
        reverse("imports:detail", args=[job.pk]),
        reverse("imports:mapping", args=[job.pk]),
    ):
        assert f'action="{cancel}"' in advisor_client.get(url).content.decode()
    response = advisor_client.post(cancel)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The import is cancelled: nothing was imported."
    ]
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CANCELLED


def test_the_columns_page_names_the_encoding_of_a_csv_in_words(
    advisor_client: Client, importer: Importer
) -> None:
    job = importer.upload(csv_bytes(WOMEN[:3], encoding="cp1256", delimiter=";"))
    page = advisor_client.get(reverse("imports:mapping", args=[job.pk])).content.decode()
    assert "read as Arabic Windows text (cp1256)" in page
    assert "سميرة" in page


def test_importing_a_list_cancelled_meanwhile_says_so_and_imports_nothing(
    advisor_client: Client, importer: Importer
) -> None:
    job = importer.check(importer.upload(csv_bytes(WOMEN[:2])))
    page = advisor_client.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert reverse("imports:commit", args=[job.pk]) in page
    advisor_client.post(reverse("imports:cancel", args=[job.pk]))  # a colleague, meanwhile

    response = advisor_client.post(
        reverse("imports:commit", args=[job.pk]),
        {"consent_method": "signed_form", "consent_text_version": "2026-01"},
    )
    assert response.status_code == 302
    assert "This import can no longer be changed." in [
        str(m) for m in get_messages(response.wsgi_request)
    ]
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CANCELLED
