"""`manage.py import_beneficiaries`: the same import from the command line."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.conftest import Cast
from irtiqaa.imports.models import ColumnMapping, ImportJob
from irtiqaa.imports.tests.conftest import HEADER, WOMEN, csv_bytes, person, woman_with_cin
from irtiqaa.seasons.models import Campaign, Participation


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_beneficiaries", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_imports_reports_and_creates_nothing_the_second_time(
    cast: Cast, campaign: Campaign, woman: Beneficiary, tmp_path: Path
) -> None:
    rows = [
        *WOMEN[:4],
        person("El Alaoui", "Fatima-Zahra", birth="14/03/1988", cin="AB123456"),  # registered
        person("Haddou", "Rachida", birth="31/02/1990"),  # a wrong date
        person("Moussaoui", "Khadija", birth="01/01/1980", phone="0612345678"),  # her phone
    ]
    path = tmp_path / "liste.csv"
    path.write_bytes(csv_bytes(rows, encoding="cp1256", delimiter=";"))
    report = tmp_path / "rapport.xlsx"
    args = [str(path), "--campaign", str(campaign.pk), "--user", "advisor"]

    out, err = run(*args, "--report", str(report))

    job = ImportJob.objects.get()
    assert out.strip() == (
        f"Import {job.pk}: 7 rows read, 4 created, 1 updated, 0 already up to date, "
        "1 skipped, 1 with errors."
    )
    assert "100%" in err  # the progress bars
    assert (job.status, job.agency, job.assigned_advisor) == ("done", cast.kenitra, cast.advisor)
    assert woman_with_cin("GH112233").assigned_advisor == cast.advisor
    assert Participation.objects.filter(beneficiary=woman, campaign=campaign).exists()
    assert not Beneficiary.objects.filter(last_name_latin="Moussaoui").exists()
    sheet = openpyxl.load_workbook(report).active
    assert sheet is not None
    lines = {line[0]: line for line in sheet.iter_rows(min_row=2, values_only=True)}
    assert sorted(lines) == [2, 3, 4, 5, 6, 7, 8]
    assert "Date of birth" in lines[7][5]

    women, seasons = Beneficiary.objects.count(), Participation.objects.count()
    out, _err = run(*args)
    assert ", 0 created, 0 updated, 5 already up to date, 1 skipped, 1 with errors." in out
    assert (Beneficiary.objects.count(), Participation.objects.count()) == (women, seasons)


def test_uncertain_duplicates_can_be_taken_as_new_women(
    cast: Cast, campaign: Campaign, woman: Beneficiary, tmp_path: Path
) -> None:
    path = tmp_path / "liste.csv"
    row = person("Moussaoui", "Khadija", birth="01/01/1980", phone="0612345678")
    path.write_bytes(csv_bytes([row]))
    out, _err = run(
        str(path), "--campaign", str(campaign.pk), "--user", "advisor", "--duplicates", "new"
    )
    assert "1 created" in out
    assert Beneficiary.objects.filter(last_name_latin="Moussaoui").count() == 1


def test_the_command_says_which_columns_it_could_not_match(
    cast: Cast, campaign: Campaign, tmp_path: Path
) -> None:
    path = tmp_path / "liste.csv"
    header = [h for h in HEADER if h != "Date de naissance"]
    path.write_bytes(csv_bytes([row[:4] + row[5:] for row in WOMEN[:2]], header))
    with pytest.raises(CommandError, match="birth_date: Choose the column of the date of birth"):
        run(str(path), "--campaign", str(campaign.pk), "--user", "advisor")
    assert not Beneficiary.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--user", "partner"], "'partner' is not an advisor, coordinator or national user."),
        (["--user", "coordinator"], "Give the home agency with --agency."),
        (["--user", "advisor", "--mapping", "Nope"], "No saved column mapping named 'Nope'."),
        (["--user", "coordinator_cs", "--agency", "kenitra"], "Choose an agency within"),
    ],
)
def test_the_command_refuses_what_the_pages_refuse(
    cast: Cast, campaign: Campaign, tmp_path: Path, args: list[str], message: str
) -> None:
    path = tmp_path / "liste.csv"
    path.write_bytes(csv_bytes(WOMEN[:1]))
    with pytest.raises(CommandError, match=message):
        run(str(path), "--campaign", str(campaign.pk), *args)
    assert not Beneficiary.objects.exists()


def test_the_command_applies_a_saved_mapping_of_her_unit_only(
    cast: Cast, campaign: Campaign, tmp_path: Path
) -> None:
    header = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K"]
    columns = {"last_name_latin": "A", "first_name_latin": "B", "birth_date": "E", "cin": "F"}
    defaults = {"marital_status": "married", "education_level": "none"}
    ColumnMapping.objects.create(
        name="ANAPEC", unit=cast.settat, columns={**columns, "last_name_latin": "B"}
    )
    ColumnMapping.objects.create(name="Settat", unit=cast.settat, columns=columns)
    ColumnMapping.objects.create(
        name="ANAPEC", unit=cast.kenitra, columns=columns, defaults=defaults
    )
    path = tmp_path / "liste.csv"
    path.write_bytes(csv_bytes(WOMEN[:2], header))
    common = [str(path), "--campaign", str(campaign.pk), "--user", "advisor"]

    with pytest.raises(CommandError, match="No saved column mapping named 'Settat'"):
        run(*common, "--mapping", "Settat")
    out, _err = run(*common, "--mapping", "ANAPEC")
    assert "2 created" in out
    assert woman_with_cin("GH112233").last_name_latin == "Ouali"
