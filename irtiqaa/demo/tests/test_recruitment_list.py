"""The demo's messy recruitment list: a real-looking Excel list for the coming campaign, with
the duplicates, registered women and invalid rows it announces, and its CSV twin."""

import csv
import datetime
import io
import re
from collections import Counter
from io import StringIO
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import call_command

from irtiqaa.accounts.models import User
from irtiqaa.beneficiaries import identifiers, matching
from irtiqaa.beneficiaries.selectors import duplicate_candidates
from irtiqaa.demo.recruitment_list import (
    COLUMN_KEYS,
    CSV_PLAN,
    EXCEL_EPOCH,
    FORMULA_PAYLOAD,
    HTML_PAYLOAD,
    IN_FILE_DUPLICATE,
    INVALID,
    LATIN_DIGITS,
    NEW,
    REGISTRY_DUPLICATE,
    ListPlan,
    ProvinceName,
    RecruitmentList,
    RegistryWoman,
    build_recruitment_list,
    csv_bytes,
    write_demo_lists,
    write_xlsx,
)
from irtiqaa.lib.dates import age_on
from irtiqaa.seasons.models import Campaign

TODAY = datetime.date(2026, 11, 30)
CAMPAIGN_START = datetime.date(2027, 1, 15)
PROVINCES = [
    ProvinceName("kenitra", "Kénitra", "القنيطرة"),
    ProvinceName("sidi-kacem", "Sidi Kacem", "سيدي قاسم"),
    ProvinceName("khemisset", "Khémisset", "الخميسات"),
]
REGISTRY = [
    RegistryWoman(
        id=100 + n,
        first_latin=first,
        last_latin=last,
        first_ar=first_ar,
        last_ar=last_ar,
        birth_date=datetime.date(1980 + n, 1 + n % 12, 1 + n),
        cin=f"G{200000 + n}",
        phones=(f"+21266{1000000 + n:07d}",),
        province_code="kenitra",
        marital_status="married",
        children_count=2,
        education_level="primary",
    )
    for n, (first, last, first_ar, last_ar) in enumerate(
        [
            ("Fatima Zahra", "El Amrani", "فاطمة الزهراء", "العمراني"),
            ("Khadija", "Ouhammou", "خديجة", "أوحمو"),
            ("Naima", "Benali", "نعيمة", "بنعلي"),
            ("", "", "رشيدة", "الإدريسي"),
            ("Souad", "Cherkaoui", "", ""),
            ("Meryem", "Bennani", "مريم", "بناني"),
        ]
    )
]


def small_list(seed: int = 3, **plan: int) -> RecruitmentList:
    wanted = {"rows": 400, "in_file_pairs": 20, "registry_duplicates": 6, "invalid_rows": 12}
    return build_recruitment_list(
        seed=seed,
        plan=ListPlan(**{**wanted, **plan}),
        registry=REGISTRY,
        provinces=PROVINCES,
        home_province="kenitra",
        campaign_start=CAMPAIGN_START,
    )


# What an importer has to make of the messy cells, enough to check they say what they should.


def birth_date_of(cell: Any) -> datetime.date | None:
    if cell is None or cell == "":
        return None
    if isinstance(cell, datetime.datetime):
        return cell.date()
    if isinstance(cell, datetime.date):
        return cell
    if isinstance(cell, int):
        return EXCEL_EPOCH + datetime.timedelta(days=cell)
    day, month, year = re.split(r"[/.\-]", str(cell).translate(LATIN_DIGITS))
    return datetime.date(int(year), int(month), int(day))


def phones_of(cell: Any) -> set[str]:
    if cell is None or cell == "":
        return set()
    return {identifiers.normalise_phone(part) for part in str(cell).split("/")}


def cin_of(cell: Any) -> str:
    return identifiers.normalise_cin(cell) if cell and str(cell).strip() else ""


def sheet_rows(path: Path) -> list[tuple[Any, ...]]:
    workbook = openpyxl.load_workbook(path)
    return list(workbook.active.iter_rows(values_only=True))


# -- the list as a file ---------------------------------------------------------------------


@pytest.mark.django_db
def test_seed_demo_writes_the_list_for_next_seasons_campaign(settings: Any, tmp_path: Path) -> None:
    settings.IRTIQAA_DEMO_DIR = tmp_path
    out = StringIO()
    call_command(
        "seed_demo", "--seed", "5", "--beneficiaries", "240", "--no-accompaniment", stdout=out
    )
    year = datetime.date.today().year + 1
    xlsx = tmp_path / f"liste-recrutement-{year}.xlsx"
    assert str(xlsx) in out.getvalue()
    assert "5,000 rows, 40 women listed twice, 20 already registered, 25 invalid" in out.getvalue()

    campaign = Campaign.objects.get(year=year, destination_province="Huelva", sector="red_fruits")
    assert not campaign.participations.exists()
    assert campaign.planned_departure_start > datetime.date.today()

    rows = sheet_rows(xlsx)
    assert rows[0][:5] == ("N°", "Nom", "Prénom", "النسب", "الاسم")
    filled = [r for r in rows[1:] if any(v is not None for v in r)]
    assert len(filled) == 5000
    assert [r[0] for r in filled] == list(range(1, 5001))
    # One blank row in the middle, a few at the end.
    blank = [i for i, r in enumerate(rows) if all(v is None for v in r)]
    assert 1000 < blank[0] < 4000 and blank[1:] == list(range(len(rows) - 4, len(rows)))

    # A second run keeps the list: the women were not added again.
    xlsx.write_bytes(b"kept")
    call_command("seed_demo", "--seed", "5", "--no-accompaniment", stdout=StringIO())
    assert xlsx.read_bytes() == b"kept"


@pytest.mark.django_db
def test_the_registered_women_on_the_list_are_found_by_the_duplicate_check(
    tmp_path: Path,
) -> None:
    """About sixty rows are women the agency has registered (as many as it has when fewer),
    written differently; the advisor's duplicate check finds them."""
    call_command(
        "seed_demo",
        "--seed",
        "9",
        "--beneficiaries",
        "1200",
        "--no-accompaniment",
        "--no-list",
        stdout=StringIO(),
    )
    lists = write_demo_lists(seed=9, today=TODAY, folder=tmp_path)
    advisor = User.objects.get(username="advisor.kenitra")
    assert lists.agency == advisor.unit and lists.full is not None

    registered = [row for row in lists.full.rows if row.kind == REGISTRY_DUPLICATE]
    assert len(registered) == 60
    ways = Counter(
        "cin" if row.woman.cin else "phone" if row.woman.phones else "name" for row in registered
    )
    assert min(ways.values()) >= 15, ways
    found = 0
    for row in registered:
        woman = row.woman
        first_latin, last_latin, first_ar, last_ar = woman.shown_names
        candidates = duplicate_candidates(
            actor=advisor,
            cin=woman.cin,
            phones=list(woman.phones),
            birth_date=woman.birth_date,
            names=[],
            person=matching.PersonName(first_latin, last_latin, first_ar, last_ar),
        )
        found += f"registry:{candidates[0].beneficiary.pk}" == row.woman_key if candidates else 0
    assert found >= 57, found


def test_the_cells_say_what_each_woman_is_in_many_writings(tmp_path: Path) -> None:
    """Messy but faithful: every valid row's date of birth, CIN and phones read back to the
    woman's, whichever way they were written."""
    built = small_list(rows=1500)
    write_xlsx(built, tmp_path / "list.xlsx")
    by_row = {r[0]: r for r in sheet_rows(tmp_path / "list.xlsx")[1:] if r[0] is not None}
    writings: Counter[str] = Counter()
    for row in built.rows:
        cells = dict(zip(COLUMN_KEYS, by_row[row.cells["number"]], strict=True))
        if row.kind == INVALID:
            continue
        assert birth_date_of(cells["birth_date"]) == row.woman.birth_date
        assert cin_of(cells["cin"]) == row.woman.cin
        assert phones_of(cells["phone"]) == set(row.woman.phones)
        birth, phone, cin = cells["birth_date"], cells["phone"], cells["cin"]
        writings[f"birth:{type(birth).__name__}"] += 1
        if isinstance(birth, str):
            writings["birth:arabic digits" if "/" in birth and birth[0] in "٠١٢٣" else ""] += 1
            writings["birth:d-m-yyyy" if "-" in birth else ""] += 1
        if isinstance(phone, str):
            writings["phone:two" if "/" in phone else ""] += 1
            writings["phone:spaced" if phone.startswith("0") and " " in phone else ""] += 1
            writings["phone:+212" if phone.startswith("+212 ") else ""] += 1
            writings["phone:00212" if phone.startswith("00212") else ""] += 1
        writings[f"phone:{type(phone).__name__}"] += 1
        writings["cin:lowercase" if cin and cin.strip()[0].islower() else ""] += 1
        writings["cin:dash" if cin and "-" in cin else ""] += 1
    expected = {
        "birth:datetime",
        "birth:int",
        "birth:str",
        "birth:arabic digits",
        "birth:d-m-yyyy",
        "phone:int",
        "phone:two",
        "phone:spaced",
        "phone:+212",
        "phone:00212",
        "cin:lowercase",
        "cin:dash",
    }
    assert expected <= {w for w, n in writings.items() if n >= 5}, writings


def test_names_provinces_and_statuses_are_written_as_lists_write_them(tmp_path: Path) -> None:
    built = small_list(rows=1500)
    write_xlsx(built, tmp_path / "list.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "list.xlsx")
    rows = [r for r in workbook.active.iter_rows(min_row=2, values_only=True) if r[0]]
    last, first, last_ar = ([r[column] for r in rows] for column in (1, 2, 3))
    assert sum(bool(n) and n.isupper() for n in last) > 300  # LAST NAMES IN CAPITALS
    assert sum(bool(n) and n != n.strip() for n in last + first) > 20  # stray spaces
    only_arabic = sum(
        not a and not b and bool(c) for a, b, c in zip(last, first, last_ar, strict=True)
    )
    only_latin = sum(bool(a) and not c for a, c in zip(last, last_ar, strict=True))
    assert only_arabic > 50 and only_latin > 200
    provinces = {r[8] for r in rows}
    assert {"Kénitra", "KENITRA", "القنيطرة"} <= provinces
    assert {"Mariée", "marie", "مطلقة", "V"} <= {r[9] for r in rows}
    assert {"Primaire", "collège", "Néant", "ابتدائي"} <= {r[11] for r in rows}
    # Province cells merged over rows of the same province (the rows under a merge are empty).
    merged = workbook.active.merged_cells.ranges
    assert len(merged) > 20
    for cells in merged:
        assert cells.min_col == cells.max_col == 9 and cells.max_row > cells.min_row
        provinces_under = {row.woman.province_code for row in built.rows}
        assert provinces_under
    by_sheet_row = {row.sheet_row: row for row in built.rows}
    for cells in merged:
        under = [by_sheet_row[n] for n in range(cells.min_row, cells.max_row + 1)]
        assert len({row.woman.province_code for row in under}) == 1


def test_women_listed_twice_are_recognisable_as_one() -> None:
    """Each woman listed twice comes back with another spelling (typo, ou/u, Fatimazahra,
    Elamrani, swapped names, Arabic only…) and the same birth date; the product's name matching
    (or her CIN or phone) recognises nearly all of them."""
    built = small_list(rows=2000, in_file_pairs=40)
    rows_of: dict[str, list[Any]] = {}
    for row in built.rows:
        rows_of.setdefault(row.woman_key, []).append(row)
    pairs = [rows for rows in rows_of.values() if len(rows) == 2]
    assert len(pairs) == 40 == built.stats.in_file_duplicate_pairs
    assert all({r.kind for r in pair} == {NEW, IN_FILE_DUPLICATE} for pair in pairs)
    ways = Counter(way for pair in pairs for r in pair for way in r.variations)
    assert {"respell_last", "respell_first", "typo", "swapped", "arabic_only"} <= set(ways)
    recognised = 0
    for first, second in pairs:
        assert first.woman.birth_date == second.woman.birth_date
        assert first.cells != second.cells
        score = matching.match_score(
            matching.PersonName(*first.woman.shown_names),
            matching.PersonName(*second.woman.shown_names),
        ).score
        same_identifier = (first.woman.cin and first.woman.cin == second.woman.cin) or (
            set(first.woman.phones) & set(second.woman.phones)
        )
        recognised += score >= matching.MATCH_THRESHOLD or bool(same_identifier)
    assert recognised >= 36, recognised
    # Nobody else on the list shares a birth date and both names with another woman.
    identities = Counter(
        (r.woman.birth_date, r.woman.first_ar, r.woman.last_ar)
        for r in built.rows
        if r.kind in (NEW, REGISTRY_DUPLICATE)
    )
    assert max(identities.values()) == 1


def test_invalid_rows_are_invalid_for_the_reason_given(tmp_path: Path) -> None:
    built = small_list(rows=800, invalid_rows=25)
    invalid = [row for row in built.rows if row.kind == INVALID]
    assert len(invalid) == 25 == built.stats.invalid_rows
    problems = Counter(row.problem for row in invalid)
    assert problems["html_in_name"] == problems["formula_in_name"] == 1
    assert set(problems) == {
        "html_in_name",
        "formula_in_name",
        "too_young",
        "birth_date_missing",
        "impossible_date",
        "two_digit_year",
        "foreign_phone",
        "name_with_digits",
        "name_missing",
        "malformed_cin",
    }
    for row in invalid:
        cells = row.cells
        if row.problem == "too_young":
            assert age_on(birth_date_of(cells["birth_date"]), CAMPAIGN_START) < 18  # type: ignore[arg-type]
        elif row.problem == "birth_date_missing":
            assert cells["birth_date"] is None
        elif row.problem == "impossible_date":
            with pytest.raises(ValueError):
                birth_date_of(cells["birth_date"])
        elif row.problem == "two_digit_year":
            assert re.fullmatch(r"\d\d/\d\d/\d\d", cells["birth_date"])
        elif row.problem == "foreign_phone":
            with pytest.raises(identifiers.IdentifierError):
                phones_of(cells["phone"])
        elif row.problem == "name_with_digits":
            assert any(c.isdigit() for c in cells["first_name"])
        elif row.problem == "name_missing":
            assert not any(cells[k] for k in ("first_name", "last_name", "first_name_ar"))
            assert not cells["last_name_ar"]
        elif row.problem == "malformed_cin":
            with pytest.raises(identifiers.IdentifierError):
                cin_of(cells["cin"])

    # The payloads are in the file as typed text, not as a formula the spreadsheet would run.
    write_xlsx(built, tmp_path / "list.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "list.xlsx").active
    texts = {
        cell.value: cell.data_type
        for row in sheet.iter_rows(min_row=2, min_col=2, max_col=3)
        for cell in row
        if cell.value in (HTML_PAYLOAD, FORMULA_PAYLOAD)
    }
    assert texts == {HTML_PAYLOAD: "s", FORMULA_PAYLOAD: "s"}


def test_the_csv_twin_is_an_arabic_excel_export() -> None:
    """Windows-1256 (not UTF-8), semicolons, CRLF, dates as text; 300 rows."""
    built = build_recruitment_list(
        seed=4,
        plan=CSV_PLAN,
        registry=REGISTRY,
        provinces=PROVINCES,
        home_province="kenitra",
        campaign_start=CAMPAIGN_START,
        text_only=True,
    )
    raw = csv_bytes(built)
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1256")
    assert "\r\n" in text and "القنيطرة" in text and "Prénom" in text
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert all(len(row) == 13 for row in rows)
    data = [row for row in rows[1:] if any(row)]
    assert len(data) == 300
    stats = built.stats
    assert (stats.in_file_duplicate_pairs, stats.registry_duplicates, stats.invalid_rows) == (
        4,
        6,
        8,
    )
    cells = {cell for row in data for cell in row}
    assert {HTML_PAYLOAD, FORMULA_PAYLOAD} <= cells
    by_number = {int(row[0]): row for row in data}
    for row in built.rows:
        if row.kind != INVALID:
            written = by_number[row.cells["number"]]
            assert birth_date_of(written[5]) == row.woman.birth_date


def test_the_same_seed_gives_the_same_list(tmp_path: Path) -> None:
    first, again, other = small_list(seed=8), small_list(seed=8), small_list(seed=9)
    assert csv_bytes(first) == csv_bytes(again) != csv_bytes(other)
    write_xlsx(first, tmp_path / "a.xlsx")
    write_xlsx(again, tmp_path / "b.xlsx")
    a, b = (openpyxl.load_workbook(tmp_path / f) for f in ("a.xlsx", "b.xlsx"))
    assert list(a.active.values) == list(b.active.values)
    assert a.active.merged_cells.ranges == b.active.merged_cells.ranges
